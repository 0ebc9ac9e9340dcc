//! `Response`, `Error`, `InvalidRequest`, `BuildError`.

use std::error::Error as _;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};

use crate::runtime::{BuildError, Error, InvalidRequest, Response};

fn headers() -> HeaderMap {
    let mut headers = HeaderMap::new();
    headers.insert("x-request-id", HeaderValue::from_static("42"));
    headers
}

/// A transport-level error without a network: a request whose URL cannot be parsed.
fn reqwest_error() -> reqwest::Error {
    reqwest::Client::new()
        .get("not a url")
        .build()
        .expect_err("the URL is invalid")
}

#[derive(Debug, PartialEq)]
struct Documented {
    code: u32,
}

#[test]
fn response_keeps_status_headers_and_body() {
    let response = Response::new(StatusCode::CREATED, headers(), vec![1, 2, 3]);
    assert_eq!(response.status(), StatusCode::CREATED);
    assert_eq!(response.headers()["x-request-id"], "42");
    // Deref to the body.
    assert_eq!(response.len(), 3);

    let mapped = response.clone().map(|body| body.len());
    assert_eq!(mapped.status(), StatusCode::CREATED);
    assert_eq!(mapped.headers()["x-request-id"], "42");
    assert_eq!(*mapped, 3);

    let (status, headers, body) = response.clone().into_parts();
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(headers["x-request-id"], "42");
    assert_eq!(body, [1, 2, 3]);
    assert_eq!(response.into_inner(), [1, 2, 3]);
}

#[test]
fn status_is_known_exactly_when_there_was_a_response() {
    let api: Error<Documented> = Error::Api(Response::new(
        StatusCode::NOT_FOUND,
        headers(),
        Documented { code: 1001 },
    ));
    assert_eq!(api.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(api.api_error(), Some(&Documented { code: 1001 }));

    let unexpected: Error<Documented> = Error::UnexpectedStatus(Response::new(
        StatusCode::IM_A_TEAPOT,
        headers(),
        Bytes::from_static(b"short and stout"),
    ));
    assert_eq!(unexpected.status(), Some(StatusCode::IM_A_TEAPOT));
    assert_eq!(unexpected.api_error(), None);

    let decode: Error<Documented> = Error::Decode {
        status: StatusCode::OK,
        source: serde_json::from_str::<u32>("x").unwrap_err(),
        excerpt: "x".to_owned(),
    };
    assert_eq!(decode.status(), Some(StatusCode::OK));
    assert_eq!(decode.api_error(), None);

    let invalid: Error<Documented> = InvalidRequest::missing("body").into();
    assert_eq!(invalid.status(), None);
    assert_eq!(invalid.api_error(), None);

    let transport: Error<Documented> = reqwest_error().into();
    assert!(matches!(transport, Error::Transport(_)), "{transport:?}");
    assert_eq!(transport.status(), None);
}

#[test]
fn messages_say_what_happened() {
    let api: Error<()> = Error::Api(Response::new(StatusCode::BAD_REQUEST, headers(), ()));
    assert_eq!(api.to_string(), "the server answered 400 Bad Request");

    let unexpected: Error<()> = Error::UnexpectedStatus(Response::new(
        StatusCode::BAD_GATEWAY,
        headers(),
        Bytes::from_static(b"upstream down"),
    ));
    assert_eq!(
        unexpected.to_string(),
        "the server answered 502 Bad Gateway, which the API does not document: upstream down"
    );

    let invalid: Error<()> = InvalidRequest::missing("body").into();
    assert_eq!(
        invalid.to_string(),
        "invalid request: `body` is required but was not set"
    );

    let transport: Error<()> = reqwest_error().into();
    assert!(
        transport.to_string().starts_with("request failed: "),
        "{transport}"
    );
}

#[test]
fn sources_are_the_underlying_errors() {
    let invalid: Error<()> = InvalidRequest::new("no").into();
    let source = invalid.source().expect("a source");
    assert_eq!(
        source.downcast_ref::<InvalidRequest>(),
        Some(&InvalidRequest::new("no"))
    );

    let transport: Error<()> = reqwest_error().into();
    assert!(transport.source().unwrap().is::<reqwest::Error>());

    let decode: Error<()> = Error::Decode {
        status: StatusCode::OK,
        source: serde_json::from_str::<u32>("x").unwrap_err(),
        excerpt: "x".to_owned(),
    };
    assert!(decode.source().unwrap().is::<serde_json::Error>());

    let api: Error<()> = Error::Api(Response::new(StatusCode::BAD_REQUEST, headers(), ()));
    assert!(api.source().is_none());
    let unexpected: Error<()> = Error::UnexpectedStatus(Response::new(
        StatusCode::BAD_GATEWAY,
        headers(),
        Bytes::new(),
    ));
    assert!(unexpected.source().is_none());
}

#[test]
fn build_errors_keep_the_http_client_error_as_source() {
    let plain = BuildError::new("the base URL is required");
    assert_eq!(plain.to_string(), "the base URL is required");
    assert!(plain.source().is_none());

    let from_reqwest = BuildError::from(reqwest_error());
    assert_eq!(
        from_reqwest.to_string(),
        "the HTTP client could not be created"
    );
    assert!(from_reqwest.source().unwrap().is::<reqwest::Error>());
}

#[test]
fn errors_can_cross_threads_and_stay_small() {
    fn send_sync<T: Send + Sync + 'static>() {}
    send_sync::<Error<()>>();
    send_sync::<Response<Bytes>>();
    send_sync::<InvalidRequest>();
    send_sync::<BuildError>();
    send_sync::<crate::runtime::RequestHook>();
    // `Response` boxes its headers so `Result<_, Error<E>>` stays under clippy's
    // `result_large_err` threshold (128 bytes) in callers' code.
    assert!(
        size_of::<Error<()>>() <= 128,
        "Error<()> is {} bytes",
        size_of::<Error<()>>()
    );
}
