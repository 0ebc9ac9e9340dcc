//! The generated seed client against a real HTTP server on 127.0.0.1: what arrives on the wire,
//! and how every kind of response is mapped.

mod common;

use serde_json::{Value, json};
use wiremock::ResponseTemplate;
use zoom_api::types::AddInternalNumbersError;
use zoom_api::{Client, Error};

use common::seed::{TOKEN, body, body_json, client, created_json, server_answering};

#[tokio::test]
async fn sends_the_described_request_and_parses_201() {
    let server = server_answering(
        ResponseTemplate::new(201)
            .insert_header("x-request-id", "r-1")
            .set_body_json(created_json()),
    )
    .await;

    let created = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect("201 is a success");

    // The typed response: status, headers, body by Deref and by value.
    assert_eq!(created.status(), 201);
    assert_eq!(created.headers()["x-request-id"], "r-1");
    let numbers = created.internal_numbers.as_deref().expect("numbers");
    assert_eq!(numbers[0].id.as_deref(), Some("A26fhgdfg63"));
    assert_eq!(numbers[0].type_, Some(0));
    assert_eq!(
        serde_json::to_value(created.into_inner()).unwrap(),
        created_json()
    );

    // What arrived on the wire.
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(
        request.url.path(),
        "/v2/accounts/me/sip_trunk/internal_numbers"
    );
    assert_eq!(request.url.query(), None);
    assert_eq!(
        request.headers["authorization"],
        format!("Bearer {TOKEN}").as_str()
    );
    let parts = common::multipart::parts(request).await;
    assert_eq!(parts.len(), 1, "{parts:?}");
    let part = &parts[0];
    assert_eq!(part.name.as_deref(), Some("internal_numbers"));
    assert_eq!(part.file_name, None);
    assert_eq!(part.content_type.as_deref(), Some("application/json"));
    let sent: Value = serde_json::from_slice(&part.data).expect("the part is JSON");
    assert_eq!(sent, body_json()["internal_numbers"]);
}

#[tokio::test]
async fn path_parameter_is_one_encoded_segment() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
    let client = client(&server);
    for (value, expected) in [
        ("a/b c", "a%2Fb%20c"),
        ("?x=1#f", "%3Fx%3D1%23f"),
        ("100%", "100%25"),
        ("%2e%2e", "%252e%252e"),
        ("ünï", "%C3%BCn%C3%AF"),
        ("..a", "..a"),
    ] {
        client
            .add_internal_numbers(value)
            .body(body())
            .send()
            .await
            .unwrap_or_else(|error| panic!("{value:?}: {error}"));
        let requests = server.received_requests().await.unwrap();
        let path = requests.last().unwrap().url.path().to_owned();
        assert_eq!(
            path,
            format!("/v2/accounts/{expected}/sip_trunk/internal_numbers"),
            "account id {value:?}"
        );
    }
}

#[tokio::test]
async fn empty_dot_and_dot_dot_are_rejected_before_sending() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
    let client = client(&server);
    for value in ["", ".", ".."] {
        let error = client
            .add_internal_numbers(value)
            .body(body())
            .send()
            .await
            .expect_err("must be refused");
        assert!(
            matches!(error, Error::InvalidRequest(_)),
            "{value:?}: {error:?}"
        );
        assert_eq!(error.status(), None);
        assert!(error.to_string().contains("accountId"), "{error}");
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_missing_body_is_refused_before_sending() {
    let server = server_answering(ResponseTemplate::new(201)).await;
    let error = client(&server)
        .add_internal_numbers("me")
        .send()
        .await
        .expect_err("the body is required");
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(error.to_string().contains("body"), "{error}");
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn documented_400_with_a_zoom_json_body_is_a_typed_variant() {
    let zoom_error = json!({"code": 300, "message": "Only a master account can do this."});
    let server =
        server_answering(ResponseTemplate::new(400).set_body_json(zoom_error.clone())).await;
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("400 is an error");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(400));
    match error {
        Error::Api(response) => {
            assert_eq!(response.status(), 400);
            match response.into_inner() {
                AddInternalNumbersError::BadRequest(text) => {
                    let value: Value = serde_json::from_str(&text).expect("body kept verbatim");
                    assert_eq!(value, zoom_error);
                }
                other => panic!("wrong variant: {other:?}"),
            }
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn documented_404_with_an_empty_text_body_is_a_typed_variant() {
    let server =
        server_answering(ResponseTemplate::new(404).insert_header("content-type", "text/plain"))
            .await;
    let error = client(&server)
        .add_internal_numbers("nobody")
        .body(body())
        .send()
        .await
        .expect_err("404 is an error");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(404));
    assert_eq!(
        error.api_error(),
        Some(&AddInternalNumbersError::NotFound(String::new()))
    );
}

#[tokio::test]
async fn documented_404_with_a_zoom_json_body_keeps_it() {
    let server = server_answering(
        ResponseTemplate::new(404)
            .set_body_string(r#"{"code":2001,"message":"Account does not exist: nobody."}"#),
    )
    .await;
    let error = client(&server)
        .add_internal_numbers("nobody")
        .body(body())
        .send()
        .await
        .expect_err("404 is an error");
    let Some(AddInternalNumbersError::NotFound(text)) = error.api_error() else {
        panic!("expected NotFound, got {error:?}");
    };
    assert!(text.contains("2001"), "{text}");
}

#[tokio::test]
async fn an_undocumented_status_keeps_status_and_raw_body() {
    let server =
        server_answering(ResponseTemplate::new(500).set_body_string("upstream exploded")).await;
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("500 is an error");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(500));
    match &error {
        Error::UnexpectedStatus(response) => {
            assert_eq!(response.status(), 500);
            assert_eq!(&response[..], b"upstream exploded");
        }
        other => panic!("expected UnexpectedStatus, got {other:?}"),
    }
    assert!(error.to_string().contains("upstream exploded"), "{error}");
}

#[tokio::test]
async fn an_unparsable_201_is_a_decode_error_with_an_excerpt() {
    let server = server_answering(
        ResponseTemplate::new(201).set_body_string("<html>not the documented JSON</html>"),
    )
    .await;
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("an unparsable body is an error");
    assert_eq!(error.status().map(|status| status.as_u16()), Some(201));
    match &error {
        Error::Decode { excerpt, .. } => assert!(excerpt.starts_with("<html>"), "{excerpt}"),
        other => panic!("expected Decode, got {other:?}"),
    }
    assert!(
        error.to_string().contains("<html>not the documented JSON"),
        "{error}"
    );
}

#[tokio::test]
async fn a_201_missing_fields_still_parses() {
    // Response types are lenient: a real response may omit what the example showed, and may
    // carry fields the example did not.
    let server = server_answering(
        ResponseTemplate::new(201)
            .set_body_json(json!({"internal_numbers": [{"id": "x", "new_field": 1}]})),
    )
    .await;
    let created = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect("parses");
    let numbers = created.internal_numbers.as_deref().unwrap();
    assert_eq!(numbers[0].id.as_deref(), Some("x"));
    assert_eq!(numbers[0].number, None);
}

#[tokio::test]
async fn transport_failures_have_no_status() {
    // Bind then drop a listener: nothing listens on that port any more.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert_eq!(error.status(), None);
}

#[tokio::test]
async fn without_a_token_no_authorization_is_sent() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
    let client = Client::builder().base_url(server.uri()).build().unwrap();
    client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap_err();
    let requests = server.received_requests().await.unwrap();
    // No `/v2` base path here, so the mock does not match: the request still arrived.
    assert_eq!(
        requests[0].url.path(),
        "/accounts/me/sip_trunk/internal_numbers"
    );
    assert!(requests[0].headers.get("authorization").is_none());
}

#[test]
fn tokens_never_appear_in_debug_output_or_errors() {
    let builder = Client::builder().bearer_token(TOKEN);
    assert!(!format!("{builder:?}").contains(TOKEN));
    let client = builder.build().unwrap();
    assert!(!format!("{client:?}").contains(TOKEN), "{client:?}");

    let error = Client::builder()
        .bearer_token("bad\r\ninjected: yes")
        .build()
        .expect_err("CR/LF cannot be in a header");
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("injected"), "{shown}");
}

#[test]
fn the_default_base_url_is_the_collections_base_url() {
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.zoom.us/v2");
    let client = Client::builder().build().unwrap();
    assert_eq!(client.base_url().as_str(), "https://api.zoom.us/v2");
    for bad in ["not a url", "ftp://example.com", "https://x/?q=1"] {
        assert!(Client::builder().base_url(bad).build().is_err(), "{bad}");
    }
}

#[tokio::test]
async fn the_build_script_client_behaves_the_same() {
    use courier_tests::zoom;
    let server = server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
    let client = zoom::Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token(TOKEN)
        .build()
        .unwrap();
    let body: zoom::types::AddInternalNumbersBody = serde_json::from_value(body_json()).unwrap();
    let created = client
        .add_internal_numbers("a/b")
        .body(body)
        .send()
        .await
        .unwrap();
    assert_eq!(
        serde_json::to_value(created.into_inner()).unwrap(),
        created_json()
    );
    let requests = server.received_requests().await.unwrap();
    assert_eq!(
        requests[0].url.path(),
        "/v2/accounts/a%2Fb/sip_trunk/internal_numbers"
    );
}
