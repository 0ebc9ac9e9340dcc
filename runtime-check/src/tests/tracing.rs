//! The `tracing` feature: one `http.call` span per call with the operation, method, path
//! template, attempts, status and latency, an event per attempt and retry, and never a token
//! or a query. Recorded by a small subscriber, against a raw HTTP server on 127.0.0.1.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata};

use crate::runtime::{Operation, RequestOptions, RetryPolicy, Settings, execute};

type Fields = BTreeMap<String, String>;

#[derive(Default)]
struct Captured {
    next: AtomicU64,
    spans: Mutex<Vec<(String, Fields)>>,
    events: Mutex<Vec<Fields>>,
}

#[derive(Clone, Default)]
struct Capture(Arc<Captured>);

struct Writer<'a>(&'a mut Fields);

impl Visit for Writer<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        self.0.insert(field.name().to_owned(), format!("{value:?}"));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.insert(field.name().to_owned(), value.to_owned());
    }
}

impl tracing::Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut fields = Fields::new();
        span.record(&mut Writer(&mut fields));
        let mut spans = self.0.spans.lock().unwrap();
        spans.push((span.metadata().name().to_owned(), fields));
        self.0.next.fetch_add(1, Ordering::SeqCst);
        Id::from_u64(spans.len() as u64)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        let mut spans = self.0.spans.lock().unwrap();
        if let Some((_, fields)) = spans.get_mut(span.into_u64() as usize - 1) {
            values.record(&mut Writer(fields));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, event: &Event<'_>) {
        let mut fields = Fields::new();
        event.record(&mut Writer(&mut fields));
        self.0.events.lock().unwrap().push(fields);
    }

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Answers the first connection `429` (come back at once), every later one `200`.
async fn server() -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let mut answered = 0;
        while let Ok((mut socket, _)) = listener.accept().await {
            let mut request = vec![0; 16 * 1024];
            let _ = socket.read(&mut request).await;
            let answer: &[u8] = if answered == 0 {
                b"HTTP/1.1 429 Too Many Requests\r\nretry-after: 0\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
            } else {
                b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\nconnection: close\r\n\r\n{}"
            };
            answered += 1;
            let _ = socket.write_all(answer).await;
        }
    });
    format!("http://{address}")
}

#[tokio::test]
async fn a_call_is_one_span_with_its_attempts_and_no_secrets() {
    const SECRET: &str = "t0p-s3cret";
    static OPERATION: Operation =
        Operation::new("list_users", "GET", "/v2/users/{userId}").with_operation_id("listUsers");
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());
    let base = server().await;
    let http = reqwest::Client::new();
    let settings = Settings {
        retry: RetryPolicy::default().backoff(
            std::time::Duration::from_millis(1),
            std::time::Duration::from_millis(2),
        ),
        ..Settings::default()
    };
    let response = execute::<()>(&http, &settings, &OPERATION, &RequestOptions::new(), || {
        Ok(http
            .get(format!("{base}/v2/users/me?api_key={SECRET}"))
            .bearer_auth(SECRET))
    })
    .await
    .expect("the second attempt answers");
    assert_eq!(response.status(), 200);

    let spans = capture.0.spans.lock().unwrap().clone();
    let calls: Vec<&Fields> = spans
        .iter()
        .filter(|(name, _)| name == "http.call")
        .map(|(_, fields)| fields)
        .collect();
    assert_eq!(calls.len(), 1, "{spans:?}");
    let call = calls[0];
    assert_eq!(call["operation"], "list_users");
    // `Option<&str>` records its content, or nothing when `None`.
    assert_eq!(call["operation_id"], "listUsers");
    assert_eq!(call["http.method"], "GET");
    assert_eq!(call["http.route"], "/v2/users/{userId}");
    assert_eq!(call["http.status_code"], "200");
    assert_eq!(call["attempts"], "2");
    assert!(call["latency_ms"].parse::<u64>().is_ok(), "{call:?}");

    let events = capture.0.events.lock().unwrap().clone();
    let attempts: Vec<(&str, &str)> = events
        .iter()
        .filter(|event| event.get("message").is_some_and(|m| m == "attempt"))
        .map(|event| {
            (
                event["attempt"].as_str(),
                event["http.status_code"].as_str(),
            )
        })
        .collect();
    assert_eq!(attempts, [("1", "429"), ("2", "200")]);
    assert!(
        events
            .iter()
            .any(|event| event.get("message").is_some_and(|m| m == "retrying")),
        "{events:?}"
    );
    let everything = format!("{spans:?} {events:?}");
    assert!(!everything.contains(SECRET), "{everything}");
    assert!(!everything.contains("api_key"), "{everything}");
}
