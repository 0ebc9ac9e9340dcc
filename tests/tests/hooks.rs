//! Async hooks and token providers on the seed client, and OAuth 2.0 client credentials on the
//! client of `specs/paged.openapi.yaml`, against a real HTTP server on 127.0.0.1.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use common::seed::{body, created_json};
use wiremock::matchers::{body_string, header, method, path, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use zoom_api::runtime::{BoxFuture, HookError, RetryPolicy, Token, TokenProvider};
use zoom_api::{Client, Error};

fn seed_path() -> wiremock::matchers::PathRegexMatcher {
    path_regex("^/v2/accounts/[^/]+/sip_trunk/internal_numbers$")
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(created_json())
}

/// Answers `201` to requests carrying `Bearer <accepted>`, `401` to any other.
struct Accepts(&'static str);

impl Respond for Accepts {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let expected = format!("Bearer {}", self.0);
        match request.headers.get("authorization") {
            Some(value) if value.as_bytes() == expected.as_bytes() => created(),
            _ => ResponseTemplate::new(401)
                .set_body_string(r#"{"code":124,"message":"Invalid access token."}"#),
        }
    }
}

/// Hands out `t1`, `t2`, … and counts how often it was asked.
#[derive(Clone, Default)]
struct Counting {
    asked: Arc<AtomicUsize>,
    lifetime: Option<Duration>,
}

impl TokenProvider for Counting {
    fn token(&self) -> BoxFuture<'_, Result<Token, HookError>> {
        Box::pin(async move {
            // A provider is async: it may call a token service.
            tokio::time::sleep(Duration::from_millis(5)).await;
            let number = self.asked.fetch_add(1, Ordering::SeqCst) + 1;
            Token::bearer(&format!("t{number}"), self.lifetime)
        })
    }
}

async fn accepting(token: &'static str) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(seed_path())
        .respond_with(Accepts(token))
        .mount(&server)
        .await;
    server
}

fn without_token(server: &MockServer) -> zoom_api::ClientBuilder {
    Client::builder().base_url(format!("{}/v2", server.uri()))
}

#[tokio::test]
async fn the_token_provider_is_refreshed_once_on_401_and_cached() {
    let server = accepting("t2").await;
    let provider = Counting::default();
    let client = without_token(&server)
        .token_provider(provider.clone())
        .build()
        .unwrap();

    // t1 is refused, t2 fetched at once and accepted.
    let created = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect("t2 works");
    assert_eq!(created.status(), 201);
    assert_eq!(provider.asked.load(Ordering::SeqCst), 2);
    // The next call, and a clone of the client, reuse the cached t2.
    client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap();
    client
        .clone()
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap();
    assert_eq!(provider.asked.load(Ordering::SeqCst), 2);
    let sent: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| {
            request.headers["authorization"]
                .to_str()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(sent, ["Bearer t1", "Bearer t2", "Bearer t2", "Bearer t2"]);
}

#[tokio::test]
async fn a_token_refused_again_is_not_refreshed_twice() {
    let server = accepting("never").await;
    let provider = Counting::default();
    let client = without_token(&server)
        .token_provider(provider.clone())
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap_err();
    assert_eq!(error.status().map(|status| status.as_u16()), Some(401));
    assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
    assert_eq!(provider.asked.load(Ordering::SeqCst), 2);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_token_about_to_expire_is_renewed_before_it_is_sent() {
    let server = accepting("t2").await;
    // Valid for 10 s, under the 30 s margin: never reused.
    let provider = Counting {
        lifetime: Some(Duration::from_secs(10)),
        ..Counting::default()
    };
    let client = without_token(&server)
        .token_provider(provider.clone())
        .build()
        .unwrap();
    let _ = client.add_internal_numbers("me").body(body()).send().await;
    assert_eq!(
        provider.asked.load(Ordering::SeqCst),
        2,
        "t1 refused, t2 accepted"
    );
    // t2 is too close to expiring: t3 is fetched (and refused, then t4).
    let _ = client.add_internal_numbers("me").body(body()).send().await;
    assert!(provider.asked.load(Ordering::SeqCst) >= 3);
}

#[tokio::test]
async fn a_static_token_wins_over_the_provider() {
    let server = accepting("static").await;
    let provider = Counting::default();
    let client = without_token(&server)
        .bearer_token("static")
        .token_provider(provider.clone())
        .build()
        .unwrap();
    client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap();
    assert_eq!(provider.asked.load(Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_async_hooks_see_the_operation_and_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(seed_path())
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after-ms", "10"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(seed_path())
        .respond_with(created())
        .mount(&server)
        .await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    let answers = Arc::new(Mutex::new(Vec::new()));
    let client = without_token(&server)
        .bearer_token("tok")
        .retry(RetryPolicy::default())
        .before_attempt({
            let seen = Arc::clone(&seen);
            move |attempt, mut request: reqwest::Request| {
                let seen = Arc::clone(&seen);
                async move {
                    // Async work, e.g. asking a signing service.
                    tokio::time::sleep(Duration::from_millis(5)).await;
                    let operation = attempt.operation;
                    seen.lock().unwrap().push((
                        operation.name,
                        operation.method,
                        operation.path,
                        attempt.number,
                        request.headers().get("authorization").is_some(),
                    ));
                    request
                        .headers_mut()
                        .insert("x-signature", attempt.number.to_string().parse().unwrap());
                    Ok(request)
                }
            }
        })
        .after_response({
            let answers = Arc::clone(&answers);
            move |answer| {
                answers
                    .lock()
                    .unwrap()
                    .push((answer.attempt.number, answer.status.as_u16()));
                async {}
            }
        })
        .build()
        .unwrap();
    client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap();

    let seen = seen.lock().unwrap().clone();
    let template = "/accounts/{accountId}/sip_trunk/internal_numbers";
    assert_eq!(
        seen,
        [
            ("add_internal_numbers", "POST", template, 1, true),
            ("add_internal_numbers", "POST", template, 2, true),
        ]
    );
    assert_eq!(answers.lock().unwrap().clone(), [(1, 429), (2, 201)]);
    let signatures: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.headers["x-signature"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(signatures, ["1", "2"]);
}

#[tokio::test]
async fn a_failing_async_hook_stops_the_call_before_sending() {
    let server = accepting("tok").await;
    let client = without_token(&server)
        .before_attempt(|_, _| async {
            Err::<reqwest::Request, HookError>("no signing key".into())
        })
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest(invalid) if invalid.to_string().contains("no signing key")),
        "{error:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

mod client_credentials {
    use super::*;
    use courier_tests::paged::runtime::ClientCredentials;
    use courier_tests::paged::{Client, Error};

    #[tokio::test]
    async fn tokens_come_from_the_token_url_and_are_sent_as_bearer() {
        let server = MockServer::start().await;
        // `client-1:s3cret` in Basic authentication, the grant type as a form.
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .and(header("authorization", "Basic Y2xpZW50LTE6czNjcmV0"))
            .and(header("content-type", "application/x-www-form-urlencoded"))
            .and(body_string(
                "grant_type=client_credentials&scope=items%3Aread%20items%3Awrite",
            ))
            .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({
                "access_token": "issued-1", "token_type": "Bearer", "expires_in": 3600
            })))
            .expect(1)
            .mount(&server)
            .await;
        Mock::given(method("GET"))
            .and(path("/v1/items/i1"))
            .and(header("authorization", "Bearer issued-1"))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(
                    serde_json::json!({"id": "i1", "name": "lamp", "status": "active"}),
                ),
            )
            .expect(2)
            .mount(&server)
            .await;
        let credentials = ClientCredentials::new(
            format!("{}/oauth/token", server.uri()),
            "client-1",
            "s3cret",
        )
        .scopes(["items:read", "items:write"]);
        let client = Client::builder()
            .base_url(format!("{}/v1", server.uri()))
            .token_provider(credentials)
            .build()
            .unwrap();
        for _ in 0..2 {
            let item = client.get_item("i1").send().await.expect("authorized");
            assert_eq!(item.name, "lamp");
        }
        // `expect` counts are checked when the server drops: one token for both calls.
    }

    #[tokio::test]
    async fn a_token_endpoint_that_refuses_fails_the_call_with_its_status() {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .and(path("/oauth/token"))
            .respond_with(
                ResponseTemplate::new(400).set_body_string(r#"{"error":"invalid_client"}"#),
            )
            .mount(&server)
            .await;
        let client = Client::builder()
            .base_url(format!("{}/v1", server.uri()))
            .token_provider(ClientCredentials::new(
                format!("{}/oauth/token", server.uri()),
                "id",
                "bad",
            ))
            .build()
            .unwrap();
        let error = client.get_item("i1").send().await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest(invalid)
                if invalid.to_string() == "the token provider failed: the token endpoint answered 400 Bad Request"),
            "{error:?}"
        );
        // The secret never shows.
        assert!(!format!("{error:?} {error}").contains("bad"));
        let requests = server.received_requests().await.unwrap();
        assert!(
            requests
                .iter()
                .all(|request| request.url.path() == "/oauth/token")
        );
    }

    #[test]
    fn the_description_token_url_is_the_default() {
        // Builds only: nothing is sent to the description's (non-loopback) URL.
        let client = Client::builder()
            .client_credentials("client-1", "s3cret")
            .build()
            .unwrap();
        assert!(!format!("{client:?}").contains("s3cret"));
    }
}
