//! Run-time safety rules of the generated seed client against a real HTTP server on 127.0.0.1:
//! a path parameter is always exactly one encoded segment, header values with CR/LF are
//! refused, and credentials never show up in `Debug`, `Display` or error messages.
//! (`behaviour.rs` covers the basic encoding table and the empty/`.`/`..` refusals.)

mod common;

use serde_json::json;
use wiremock::{MockServer, ResponseTemplate};
use zoom_api::{Client, Error, runtime};

use common::seed::{TOKEN, body, client, server_answering};

/// The raw request target as it arrived: the path, before any decoding or normalisation.
async fn last_path(server: &MockServer) -> String {
    let requests = server.received_requests().await.expect("recording is on");
    requests
        .last()
        .expect("a request arrived")
        .url
        .path()
        .to_owned()
}

#[tokio::test]
async fn every_path_parameter_value_is_one_encoded_segment() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(json!({}))).await;
    let client = client(&server);
    let cases: &[(&str, &str)] = &[
        (" ", "%20"),
        ("/", "%2F"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        ("../admin", "..%2Fadmin"),
        ("..\\admin", "..%5Cadmin"),
        ("a/../../b", "a%2F..%2F..%2Fb"),
        ("...", "..."),
        (" .. ", "%20..%20"),
        (".%2e", ".%252e"),
        ("%2F", "%252F"),
        ("a;b=c&d+e@f:g", "a%3Bb%3Dc%26d%2Be%40f%3Ag"),
        ("line\r\nX-Injected: 1", "line%0D%0AX-Injected%3A%201"),
        ("nul\0", "nul%00"),
        ("tab\t", "tab%09"),
        ("\u{202E}bidi", "%E2%80%AEbidi"),
        ("🎉", "%F0%9F%8E%89"),
        ("{id}", "%7Bid%7D"),
        ("\"'<>`", "%22%27%3C%3E%60"),
        ("me", "me"),
        ("A-z_0.9~", "A-z_0.9~"),
    ];
    for (value, expected) in cases {
        client
            .add_internal_numbers(*value)
            .body(body())
            .send()
            .await
            .unwrap_or_else(|error| panic!("{value:?} was refused: {error}"));
        assert_eq!(
            last_path(&server).await,
            format!("/v2/accounts/{expected}/sip_trunk/internal_numbers"),
            "account id {value:?}"
        );
    }
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), cases.len(), "one request per value");
    for request in &requests {
        // Nothing leaked into the query, and no header was injected.
        assert_eq!(request.url.query(), None, "{}", request.url);
        assert!(request.headers.get("x-injected").is_none());
    }
}

#[tokio::test]
async fn refused_path_parameters_send_nothing_and_name_the_parameter() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(json!({}))).await;
    let client = client(&server);
    for value in ["", ".", ".."] {
        let error = client
            .add_internal_numbers(value)
            .body(body())
            .send()
            .await
            .expect_err("refused");
        let Error::InvalidRequest(invalid) = &error else {
            panic!("{value:?}: expected InvalidRequest, got {error:?}");
        };
        assert!(invalid.to_string().contains("accountId"), "{invalid}");
        for shown in [error.to_string(), format!("{error:?}")] {
            assert!(!shown.contains(TOKEN), "{shown}");
        }
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[test]
fn path_segment_refuses_exactly_empty_dot_and_dot_dot() {
    for value in ["", ".", ".."] {
        let error = runtime::path_segment("id", value).expect_err("refused");
        assert!(error.to_string().contains("`id`"), "{error}");
    }
    for (value, expected) in [("...", "..."), (". ", ".%20"), ("..a", "..a"), ("a.", "a.")] {
        assert_eq!(runtime::path_segment("id", value).unwrap(), expected);
    }
}

#[test]
fn header_values_with_cr_lf_or_controls_are_refused_without_echoing_them() {
    const SECRET: &str = "s3cret-header-value";
    for value in [
        format!("{SECRET}\r\nX-Injected: 1"),
        format!("{SECRET}\nX-Injected: 1"),
        format!("{SECRET}\rX-Injected: 1"),
        format!("{SECRET}\0"),
        format!("{SECRET}\u{7f}"),
        format!("{SECRET}\u{1b}[31m"),
    ] {
        let error = runtime::header_value("X-Api-Thing", &value)
            .expect_err(&format!("{value:?} must be refused"));
        let shown = format!("{error} {error:?}");
        assert!(shown.contains("X-Api-Thing"), "{shown}");
        assert!(!shown.contains(SECRET), "the value leaked: {shown}");
        let wrapped: Error<()> = error.into();
        let shown = format!("{wrapped} {wrapped:?}");
        assert!(!shown.contains(SECRET), "the value leaked: {shown}");
    }
    for value in ["plain", "with\ttab", "ünï", "a \"quoted\" value", ""] {
        assert!(
            runtime::header_value("X-Api-Thing", value).is_ok(),
            "{value:?} is a valid header value"
        );
    }
}

#[test]
fn bearer_tokens_with_cr_lf_are_refused_at_build_without_echoing_them() {
    for token in [
        format!("{TOKEN}\r\nX-Injected: 1"),
        format!("{TOKEN}\n"),
        format!("{TOKEN}\r"),
        format!("{TOKEN}\0"),
        format!("\r\n{TOKEN}"),
    ] {
        let builder = Client::builder().bearer_token(token.clone());
        assert!(!format!("{builder:?}").contains(TOKEN), "{builder:?}");
        let error = builder.build().expect_err(&format!("{token:?} is refused"));
        let shown = format!("{error} | {error:?}");
        assert!(!shown.contains(TOKEN), "the token leaked: {shown}");
        assert!(!shown.contains("Injected"), "{shown}");
        assert!(shown.to_lowercase().contains("token"), "{shown}");
    }
}

/// Every way a call can fail, with the token configured: none of them prints it.
#[tokio::test]
async fn tokens_never_appear_in_debug_or_display_of_clients_and_errors() {
    let builder = Client::builder().bearer_token(TOKEN);
    assert!(!format!("{builder:?}").contains(TOKEN), "{builder:?}");

    let mut shown = Vec::new();
    for response in [
        ResponseTemplate::new(400).set_body_json(json!({"code": 300, "message": "no"})),
        ResponseTemplate::new(404).set_body_string(""),
        ResponseTemplate::new(500).set_body_string("exploded"),
        ResponseTemplate::new(201).set_body_string("<html>not json</html>"),
    ] {
        let server = server_answering(response).await;
        let client = client(&server);
        shown.push(format!("{client:?}"));
        shown.push(format!("{:?}", client.clone()));
        let error = client
            .add_internal_numbers("me")
            .body(body())
            .send()
            .await
            .expect_err("an error status or an undecodable body");
        shown.push(format!("{error}"));
        shown.push(format!("{error:?}"));
        shown.push(format!("{:?}", std::error::Error::source(&error)));
        // The token did travel: the server saw it.
        let requests = server.received_requests().await.unwrap();
        assert_eq!(
            requests[0].headers["authorization"],
            format!("Bearer {TOKEN}").as_str()
        );
    }

    // Transport failure: nothing listens on the port.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap();
    let client = Client::builder()
        .base_url(format!("http://127.0.0.1:{port}"))
        .bearer_token(TOKEN)
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("nothing listens");
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    shown.push(format!("{error}"));
    shown.push(format!("{error:?}"));

    // A missing body.
    let error = client
        .add_internal_numbers("me")
        .send()
        .await
        .expect_err("no body");
    shown.push(format!("{error} {error:?}"));

    for text in &shown {
        assert!(!text.contains(TOKEN), "the token leaked: {text}");
    }
}

#[tokio::test]
async fn a_path_parameter_cannot_change_the_host_or_the_base_path() {
    let server = server_answering(ResponseTemplate::new(201).set_body_json(json!({}))).await;
    let client = client(&server);
    for value in [
        "//evil.example/x",
        "http://evil.example/",
        "@evil.example",
        "..%2F..%2F",
    ] {
        client
            .add_internal_numbers(value)
            .body(body())
            .send()
            .await
            .unwrap_or_else(|error| panic!("{value:?}: {error}"));
        let requests = server.received_requests().await.unwrap();
        let request = requests.last().unwrap();
        let url = &request.url;
        assert_eq!(
            request.headers["host"],
            server.address().to_string().as_str(),
            "{value:?}"
        );
        assert!(url.path().starts_with("/v2/accounts/"), "{value:?}: {url}");
        assert!(
            url.path().ends_with("/sip_trunk/internal_numbers"),
            "{value:?}: {url}"
        );
        assert_eq!(url.path().matches('/').count(), 5, "{value:?}: {url}");
    }
}

#[test]
fn base_url_errors_do_not_echo_credentials_in_the_url() {
    for bad in [
        "https://user:pa55word@api.example.invalid/v2?x=1",
        "ftp://user:pa55word@api.example.invalid/",
    ] {
        let error = Client::builder()
            .base_url(bad)
            .build()
            .expect_err("refused");
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("pa55word"), "the password leaked: {shown}");
    }
}
