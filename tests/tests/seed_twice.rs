//! The seed, twice: the client generated from the Postman item (`generated-client`) and the
//! one generated from Zoom's own Swagger 2.0 description of the same operation
//! (`courier_tests::zoom_swagger`, cut out of the corpus by `build.rs`) send the same request
//! to a local server and decode the same 201 / 400 / 404 answers.
//!
//! The Swagger operation lists `application/json` before `multipart/form-data`, so its `body`
//! setter sends JSON; the Postman item sends a form, which the Swagger client sends through
//! `multipart_body`. Skipped, with a message, when the corpus is absent.

#![cfg_attr(not(courier_corpus), allow(dead_code, unused_imports))]

mod common;

use common::multipart::parts;
use common::seed::{TOKEN, created_json, server_answering};
use serde_json::{Value, json};
use wiremock::ResponseTemplate;

#[cfg(not(courier_corpus))]
#[test]
fn seed_twice_is_skipped_without_the_corpus() {
    common::skipped(format_args!(
        "seed_twice: ../shared/corpus/openapi/zoom-api.openapi.json is absent, so \
         build.rs generated no client from Zoom's Swagger description"
    ));
}

/// The seed's body with a language both descriptions allow: the Postman item's example says
/// `da-DK`, which Zoom's Swagger `languages` enum (`en-GB`, `en-US`, `de-DE`) refuses.
fn body_json() -> Value {
    let mut body = common::seed::body_json();
    body["internal_numbers"][0]["languages"] = json!("en-GB");
    body
}

/// The Postman client's body.
fn body() -> zoom_api::types::AddInternalNumbersBody {
    serde_json::from_value(body_json()).expect("the seed body deserializes")
}

/// What one recorded request carried, as the comparison sees it.
#[derive(Debug, PartialEq)]
struct Sent {
    method: String,
    path: String,
    authorization: Option<String>,
    /// `(name, content type, JSON value)` of every part.
    parts: Vec<(Option<String>, Option<String>, Value)>,
}

async fn sent(request: &wiremock::Request) -> Sent {
    let parts = parts(request)
        .await
        .into_iter()
        .map(|part| {
            let value = serde_json::from_slice(&part.data).expect("the part is JSON");
            (part.name, part.content_type, value)
        })
        .collect();
    Sent {
        method: request.method.to_string(),
        path: request.url.path().to_owned(),
        authorization: request
            .headers
            .get("authorization")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned),
        parts,
    }
}

#[cfg(courier_corpus)]
mod both {
    use super::*;
    use courier_tests::zoom_swagger as swagger;

    fn swagger_client(server: &wiremock::MockServer) -> swagger::Client {
        swagger::Client::builder()
            .base_url(format!("{}/v2", server.uri()))
            .bearer_token(TOKEN)
            .build()
            .expect("client builds")
    }

    fn swagger_form() -> swagger::types::AddInternalNumbersForm {
        serde_json::from_value(body_json()).expect("the seed body fits the Swagger form")
    }

    #[tokio::test]
    async fn both_clients_send_the_same_request() {
        let server =
            server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
        common::seed::client(&server)
            .add_internal_numbers("me")
            .body(body())
            .send()
            .await
            .expect("the Postman client's request succeeds");
        swagger_client(&server)
            .add_internal_numbers("me")
            .multipart_body(swagger_form())
            .send()
            .await
            .expect("the Swagger client's request succeeds");
        let requests = server.received_requests().await.expect("recording is on");
        assert_eq!(requests.len(), 2);
        let (postman, openapi) = (sent(&requests[0]).await, sent(&requests[1]).await);
        let expected = Sent {
            method: "POST".to_owned(),
            path: "/v2/accounts/me/sip_trunk/internal_numbers".to_owned(),
            authorization: Some(format!("Bearer {TOKEN}")),
            parts: vec![(
                Some("internal_numbers".to_owned()),
                Some("application/json".to_owned()),
                body_json()["internal_numbers"].clone(),
            )],
        };
        assert_eq!(postman, expected, "the Postman client");
        assert_eq!(openapi, expected, "the Swagger client");
    }

    #[tokio::test]
    async fn the_swagger_client_encodes_the_path_like_the_postman_one() {
        let server =
            server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
        for account in ["a b", "x%y", "ü"] {
            common::seed::client(&server)
                .add_internal_numbers(account)
                .body(body())
                .send()
                .await
                .expect("sent");
            swagger_client(&server)
                .add_internal_numbers(account)
                .multipart_body(swagger_form())
                .send()
                .await
                .expect("sent");
        }
        let requests = server.received_requests().await.expect("recording is on");
        let paths: Vec<&str> = requests.iter().map(|request| request.url.path()).collect();
        for pair in paths.chunks(2) {
            assert_eq!(pair[0], pair[1]);
        }
        assert_eq!(paths[0], "/v2/accounts/a%20b/sip_trunk/internal_numbers");
    }

    #[tokio::test]
    async fn both_clients_decode_the_same_answers() {
        // 201: the same typed body.
        let server =
            server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
        let postman = common::seed::client(&server)
            .add_internal_numbers("me")
            .body(body())
            .send()
            .await
            .expect("201");
        let openapi = swagger_client(&server)
            .add_internal_numbers("me")
            .multipart_body(swagger_form())
            .send()
            .await
            .expect("201");
        assert_eq!(
            (postman.status().as_u16(), openapi.status().as_u16()),
            (201, 201)
        );
        let postman_json = serde_json::to_value(postman.into_inner()).expect("serializes");
        let openapi_json = serde_json::to_value(openapi.into_inner()).expect("serializes");
        assert_eq!(postman_json, created_json());
        assert_eq!(openapi_json, created_json());

        // 400 and 404: the documented errors, typed, with the body kept.
        let zoom_error = json!({"code": 300, "message": "Only a master account can do this."});
        for (status, body_text) in [(400, zoom_error.to_string()), (404, String::new())] {
            let server =
                server_answering(ResponseTemplate::new(status).set_body_string(body_text.clone()))
                    .await;
            let postman = common::seed::client(&server)
                .add_internal_numbers("me")
                .body(body())
                .send()
                .await
                .expect_err("an error");
            let openapi = swagger_client(&server)
                .add_internal_numbers("me")
                .multipart_body(swagger_form())
                .send()
                .await
                .expect_err("an error");
            assert_eq!(postman.status().map(|s| s.as_u16()), Some(status));
            assert_eq!(openapi.status().map(|s| s.as_u16()), Some(status));
            use swagger::types::AddInternalNumbersError as SwaggerError;
            use zoom_api::types::AddInternalNumbersError as PostmanError;
            match (postman.api_error(), openapi.api_error()) {
                (Some(PostmanError::BadRequest(a)), Some(SwaggerError::BadRequest(b)))
                | (Some(PostmanError::NotFound(a)), Some(SwaggerError::NotFound(b))) => {
                    assert_eq!(a, &body_text);
                    assert_eq!(b, &body_text);
                }
                other => panic!("status {status}: different variants {other:?}"),
            }
        }
    }

    #[tokio::test]
    async fn the_swagger_body_setter_sends_json() {
        let server =
            server_answering(ResponseTemplate::new(201).set_body_json(created_json())).await;
        let body: swagger::types::AddInternalNumbersBody =
            serde_json::from_value(body_json()).expect("the JSON body");
        swagger_client(&server)
            .add_internal_numbers("me")
            .body(body)
            .send()
            .await
            .expect("201");
        let requests = server.received_requests().await.expect("recording is on");
        let request = &requests[0];
        assert_eq!(
            request
                .headers
                .get("content-type")
                .map(|v| v.to_str().unwrap()),
            Some("application/json")
        );
        let sent: Value = serde_json::from_slice(&request.body).expect("JSON");
        assert_eq!(sent, body_json());
    }
}
