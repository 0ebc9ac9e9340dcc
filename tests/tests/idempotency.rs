//! Idempotency keys, forward compatibility and builder conveniences, on the client of
//! `specs/paged.openapi.yaml` against a real HTTP server on 127.0.0.1.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use courier_tests::paged::types::{CreateItemError, ItemStatus, NewItem};
use courier_tests::paged::{Client, Error, runtime::RetryPolicy};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers in turn (the last answer repeats) and keeps each request's `Idempotency-Key`.
struct Keys {
    answers: Vec<ResponseTemplate>,
    seen: Arc<Mutex<Vec<Option<String>>>>,
}

impl Respond for Keys {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let mut seen = self.seen.lock().unwrap();
        seen.push(
            request
                .headers
                .get("idempotency-key")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        );
        self.answers[(seen.len() - 1).min(self.answers.len() - 1)].clone()
    }
}

async fn server(answers: Vec<ResponseTemplate>) -> (MockServer, Arc<Mutex<Vec<Option<String>>>>) {
    let server = MockServer::start().await;
    let seen = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path("/v1/items"))
        .respond_with(Keys {
            answers,
            seen: Arc::clone(&seen),
        })
        .mount(&server)
        .await;
    (server, seen)
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .retry(RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(20)))
        .build()
        .unwrap()
}

fn new_item() -> NewItem {
    serde_json::from_value(json!({"name": "lamp", "price_cents": 1999})).unwrap()
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201)
        .set_body_json(json!({"id": "i1", "name": "lamp", "status": "active"}))
}

#[tokio::test]
async fn a_post_with_an_idempotency_key_is_retried_with_the_same_key() {
    let (server, seen) = server(vec![
        ResponseTemplate::new(503),
        ResponseTemplate::new(502),
        created(),
    ])
    .await;
    let client = client(&server);
    let item = client
        .create_item()
        .body(new_item())
        .send()
        .await
        .expect("the third attempt succeeds");
    assert_eq!(item.id, "i1");
    let keys = seen.lock().unwrap().clone();
    assert_eq!(
        keys.len(),
        3,
        "a POST with a key retries like an idempotent call"
    );
    let key = keys[0].clone().expect("a key was generated");
    assert!(
        keys.iter()
            .all(|other| other.as_deref() == Some(key.as_str())),
        "{keys:?}"
    );
    assert_eq!(key.len(), 36, "{key}");

    // The next call gets a key of its own.
    seen.lock().unwrap().clear();
    client.create_item().body(new_item()).send().await.unwrap();
    let second = seen.lock().unwrap().clone();
    assert_ne!(second.last().unwrap().as_deref(), Some(key.as_str()));
}

#[tokio::test]
async fn a_key_the_caller_sets_is_sent_as_it_is_on_every_attempt() {
    let (server, seen) = server(vec![ResponseTemplate::new(504), created()]).await;
    client(&server)
        .create_item()
        .idempotency_key("order-7-item-1")
        .body(new_item())
        .send()
        .await
        .unwrap();
    let keys = seen.lock().unwrap().clone();
    assert_eq!(
        keys,
        [
            Some("order-7-item-1".to_owned()),
            Some("order-7-item-1".to_owned())
        ]
    );
}

#[tokio::test]
async fn a_builder_can_be_cloned_and_optional_values_set_from_options() {
    let (server, seen) = server(vec![created()]).await;
    let client = client(&server);
    let request = client.create_item().body(new_item());
    let key: Option<String> = None;
    // `set_…` takes an `Option`: `None` leaves the value unset (a key is generated).
    request
        .clone()
        .set_idempotency_key(key)
        .send()
        .await
        .unwrap();
    request
        .set_idempotency_key(Some("k-2".to_owned()))
        .send()
        .await
        .unwrap();
    let keys = seen.lock().unwrap().clone();
    assert_eq!(keys.len(), 2);
    assert_ne!(keys[0].as_deref(), Some("k-2"));
    assert_eq!(keys[1].as_deref(), Some("k-2"));
}

#[tokio::test]
async fn an_unknown_enum_value_and_an_undocumented_status_decode_without_breaking() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/items/i9"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"id": "i9", "name": "chair", "status": "recalled", "added_later": {"x": 1}}),
        ))
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/v1/items"))
        .respond_with(ResponseTemplate::new(422).set_body_string("unprocessable"))
        .mount(&server)
        .await;
    let client = client(&server);
    let item = client.get_item("i9").send().await.expect("decodes");
    // A status the server added later keeps its text, and goes back out as it came.
    assert_eq!(item.status.as_str(), "recalled");
    assert!(!matches!(
        item.status,
        ItemStatus::Active | ItemStatus::Archived
    ));
    assert_eq!(
        serde_json::to_value(&item.status).unwrap(),
        json!("recalled")
    );

    let error = client
        .create_item()
        .body(new_item())
        .send()
        .await
        .unwrap_err();
    match error {
        Error::UnexpectedStatus(response) => {
            assert_eq!(response.status(), 422);
            assert_eq!(&response[..], b"unprocessable");
        }
        // `Error` and the documented-error enum are `#[non_exhaustive]`.
        Error::Api(response) => match response.into_inner() {
            CreateItemError::Conflict(problem) => panic!("not documented as 409: {problem:?}"),
            other => panic!("{other:?}"),
        },
        other => panic!("{other:?}"),
    }
}
