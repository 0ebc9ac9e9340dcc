//! Reading response bodies: JSON decoding (`decode`), text, raw, empty, documented errors,
//! undocumented statuses, and the excerpt error messages quote (`excerpt`).

use bytes::Bytes;
use reqwest::StatusCode;
use serde::Deserialize;

use super::response;
use crate::runtime::{
    Error, Response, empty, empty_as, error_json, error_text, json, json_as, raw, text, text_as,
    unexpected,
};

#[derive(Debug, PartialEq, Deserialize)]
struct Created {
    id: String,
}

#[derive(Debug, PartialEq, Deserialize)]
struct Problem {
    code: u32,
}

#[derive(Debug, PartialEq)]
enum Failure {
    BadRequest(Problem),
    NotFound(String),
}

#[derive(Debug, PartialEq)]
enum Success {
    Created(Created),
    Accepted(String),
    NoContent,
}

/// The excerpt `Error::Decode` carries for `body`, which must not be JSON.
async fn excerpt_of(body: Vec<u8>) -> String {
    match json::<Created, ()>(response(200, body)).await {
        Err(Error::Decode { excerpt, .. }) => excerpt,
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn json_bodies_decode_with_status_and_headers() {
    let created = json::<Created, ()>(response(201, r#"{"id":"a1","extra":true}"#))
        .await
        .unwrap();
    assert_eq!(created.status(), StatusCode::CREATED);
    assert_eq!(created.headers()["x-request-id"], "42");
    assert_eq!(created.into_inner(), Created { id: "a1".into() });
}

#[tokio::test]
async fn a_body_that_is_not_json_is_a_decode_error_with_an_excerpt() {
    let error = json::<Created, ()>(response(200, "<html>Service Unavailable</html>"))
        .await
        .unwrap_err();
    let Error::Decode {
        status,
        source,
        excerpt,
    } = &error
    else {
        panic!("expected a decode error, got {error:?}");
    };
    assert_eq!(*status, StatusCode::OK);
    assert!(source.is_syntax(), "{source}");
    assert_eq!(excerpt, "<html>Service Unavailable</html>");
    assert_eq!(error.status(), Some(StatusCode::OK));
    let message = error.to_string();
    assert!(
        message.starts_with("the 200 OK response body does not match its documented type ("),
        "{message}"
    );
    assert!(
        message.ends_with("); it starts with: <html>Service Unavailable</html>"),
        "{message}"
    );
}

#[tokio::test]
async fn json_of_the_wrong_shape_is_a_decode_error() {
    for body in [r#"{"id":7}"#, r#"{}"#, "[]", "null", ""] {
        let error = json::<Created, ()>(response(201, body)).await.unwrap_err();
        match error {
            Error::Decode {
                status, excerpt, ..
            } => {
                assert_eq!(status, StatusCode::CREATED);
                assert_eq!(excerpt, body);
            }
            other => panic!("{body:?}: expected a decode error, got {other:?}"),
        }
    }
}

#[tokio::test]
async fn excerpts_keep_short_bodies_whole() {
    assert_eq!(excerpt_of(Vec::new()).await, "");
    assert_eq!(excerpt_of(b"oops".to_vec()).await, "oops");
    let exactly = "x".repeat(256);
    assert_eq!(excerpt_of(exactly.clone().into_bytes()).await, exactly);
}

#[tokio::test]
async fn excerpts_of_long_bodies_stop_at_256_bytes() {
    let long = "x".repeat(10_000);
    assert_eq!(
        excerpt_of(long.into_bytes()).await,
        format!("{}…", "x".repeat(256))
    );
    let one_more = "x".repeat(257);
    assert_eq!(
        excerpt_of(one_more.into_bytes()).await,
        format!("{}…", "x".repeat(256))
    );
}

#[tokio::test]
async fn excerpts_are_cut_at_a_character_boundary() {
    // A character of 2, 3 and 4 bytes straddling the 256-byte limit is left out whole; one
    // that ends exactly at the limit is kept.
    for (prefix, character) in [(255, "é"), (254, "€"), (255, "€"), (253, "🎉"), (255, "🎉")]
    {
        let body = format!("{}{character}tail", "x".repeat(prefix));
        assert_eq!(
            excerpt_of(body.into_bytes()).await,
            format!("{}…", "x".repeat(prefix)),
            "{prefix} bytes, then {character:?}"
        );
    }
    for (prefix, character) in [(254, "é"), (253, "€"), (252, "🎉")] {
        let body = format!("{}{character}tail", "x".repeat(prefix));
        assert_eq!(
            excerpt_of(body.into_bytes()).await,
            format!("{}{character}…", "x".repeat(prefix)),
            "{prefix} bytes, then {character:?}"
        );
    }
    // Only multi-byte characters: 128 × 2 bytes fit exactly, 85 × 3 bytes fit.
    assert_eq!(
        excerpt_of("é".repeat(200).into_bytes()).await,
        format!("{}…", "é".repeat(128))
    );
    assert_eq!(
        excerpt_of("€".repeat(200).into_bytes()).await,
        format!("{}…", "€".repeat(85))
    );
}

#[tokio::test]
async fn excerpts_replace_invalid_utf8() {
    assert_eq!(
        excerpt_of(b"bad \xff\xfe bytes".to_vec()).await,
        "bad \u{FFFD}\u{FFFD} bytes"
    );
    // Each invalid byte becomes a 3-byte replacement character; the cut stays on a boundary.
    assert_eq!(
        excerpt_of(vec![0xff; 300]).await,
        format!("{}…", "\u{FFFD}".repeat(85))
    );
}

#[tokio::test]
async fn text_raw_and_empty_bodies() {
    let text = text::<()>(response(200, b"h\xc3\xa9llo \xff".to_vec()))
        .await
        .unwrap();
    assert_eq!(text.status(), StatusCode::OK);
    assert_eq!(text.headers()["x-request-id"], "42");
    assert_eq!(*text, "héllo \u{FFFD}");

    let raw = raw::<()>(response(200, vec![0, 159, 146, 150]))
        .await
        .unwrap();
    assert_eq!(raw.into_inner(), Bytes::from_static(&[0, 159, 146, 150]));

    // A body on a response documented as empty is read and dropped, not an error.
    let empty = empty::<()>(response(204, "ignored")).await.unwrap();
    assert_eq!(empty.status(), StatusCode::NO_CONTENT);
    assert_eq!(empty.headers()["x-request-id"], "42");
}

#[tokio::test]
async fn one_of_several_successes() {
    let created: Response<Success> =
        json_as::<Created, _, ()>(response(201, r#"{"id":"a1"}"#), Success::Created)
            .await
            .unwrap();
    assert_eq!(*created, Success::Created(Created { id: "a1".into() }));
    assert_eq!(created.status(), StatusCode::CREATED);

    let accepted = text_as::<_, ()>(response(202, "queued"), Success::Accepted)
        .await
        .unwrap();
    assert_eq!(*accepted, Success::Accepted("queued".into()));

    let none = empty_as::<_, ()>(response(204, ""), Success::NoContent)
        .await
        .unwrap();
    assert_eq!(*none, Success::NoContent);
    assert_eq!(none.status(), StatusCode::NO_CONTENT);

    let error = json_as::<Created, _, ()>(response(201, "{"), Success::Created)
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
}

#[tokio::test]
async fn documented_errors_are_decoded_into_the_operation_error() {
    let error = error_json::<Problem, (), Failure>(
        response(400, r#"{"code":300,"message":"bad"}"#),
        Failure::BadRequest,
    )
    .await
    .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(
        error.api_error(),
        Some(&Failure::BadRequest(Problem { code: 300 }))
    );
    let Error::Api(response_) = error else {
        panic!("an API error");
    };
    assert_eq!(response_.headers()["x-request-id"], "42");

    let error = error_text::<(), Failure>(response(404, "User not found"), Failure::NotFound)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(
        error.api_error(),
        Some(&Failure::NotFound("User not found".into()))
    );
}

#[tokio::test]
async fn a_documented_error_with_an_undecodable_body_is_a_decode_error() {
    let error = error_json::<Problem, (), Failure>(
        response(400, "<h1>Bad Request</h1>"),
        Failure::BadRequest,
    )
    .await
    .unwrap_err();
    match error {
        Error::Decode {
            status, excerpt, ..
        } => {
            assert_eq!(status, StatusCode::BAD_REQUEST);
            assert_eq!(excerpt, "<h1>Bad Request</h1>");
        }
        other => panic!("expected a decode error, got {other:?}"),
    }
}

#[tokio::test]
async fn undocumented_statuses_keep_the_raw_body() {
    let error = unexpected::<(), Failure>(response(418, "short and stout"))
        .await
        .unwrap_err();
    let Error::UnexpectedStatus(response_) = &error else {
        panic!("expected an unexpected status, got {error:?}");
    };
    assert_eq!(response_.status(), StatusCode::IM_A_TEAPOT);
    assert_eq!(response_.headers()["x-request-id"], "42");
    assert_eq!(**response_, Bytes::from_static(b"short and stout"));
    assert_eq!(error.api_error(), None);

    // The message quotes the start of the body only.
    let error = unexpected::<(), Failure>(response(500, "é".repeat(1000)))
        .await
        .unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "the server answered 500 Internal Server Error, which the API does not document: {}…",
            "é".repeat(128)
        )
    );
}
