//! Retries, timeouts, the deadline and the size limit of the seed client, against a real
//! HTTP server on 127.0.0.1 that counts attempts and times their arrival.

mod common;

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::seed::{TOKEN, body, body_json, created_json};
use serde_json::Value;
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};
use zoom_api::runtime::{RequestOptions, RetryPolicy};
use zoom_api::{Client, Error};

/// Answers the attempts in turn (the last answer repeats) and records when each arrived.
#[derive(Clone)]
struct Script {
    answers: Vec<ResponseTemplate>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
}

impl Respond for Script {
    fn respond(&self, _: &Request) -> ResponseTemplate {
        let mut arrivals = self.arrivals.lock().unwrap();
        arrivals.push(Instant::now());
        let index = (arrivals.len() - 1).min(self.answers.len() - 1);
        self.answers[index].clone()
    }
}

/// A server answering the seed operation by `answers`, and the arrival times it records.
async fn scripted(answers: Vec<ResponseTemplate>) -> (MockServer, Arc<Mutex<Vec<Instant>>>) {
    let server = MockServer::start().await;
    let arrivals = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("POST"))
        .and(path_regex(
            "^/v2/accounts/[^/]+/sip_trunk/internal_numbers$",
        ))
        .respond_with(Script {
            answers,
            arrivals: Arc::clone(&arrivals),
        })
        .mount(&server)
        .await;
    (server, arrivals)
}

/// The seed client for `server`, with fast backoff so failures retry quickly.
fn client(server: &MockServer) -> Client {
    builder(server)
        .retry(RetryPolicy::default().backoff(Duration::from_millis(20), Duration::from_millis(50)))
        .build()
        .expect("client builds")
}

fn builder(server: &MockServer) -> zoom_api::ClientBuilder {
    Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token(TOKEN)
}

fn created() -> ResponseTemplate {
    ResponseTemplate::new(201).set_body_json(created_json())
}

fn gaps(arrivals: &Mutex<Vec<Instant>>) -> Vec<Duration> {
    let arrivals = arrivals.lock().unwrap();
    arrivals.windows(2).map(|pair| pair[1] - pair[0]).collect()
}

#[tokio::test]
async fn a_429_with_retry_after_succeeds_on_the_second_attempt() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429).insert_header("Retry-After", "1"),
        created(),
    ])
    .await;
    // The default client: the contract's builder calls, nothing about retries.
    let client = builder(&server).build().unwrap();
    let created = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect("the second attempt succeeds");
    assert_eq!(created.status(), 201);

    let gaps = gaps(&arrivals);
    assert_eq!(gaps.len(), 1, "two attempts");
    assert!(
        gaps[0] >= Duration::from_millis(990) && gaps[0] < Duration::from_millis(1900),
        "waited {:?} for `Retry-After: 1`",
        gaps[0]
    );

    // Each attempt is the whole request again: token, and the same form part (the multipart
    // boundary is new each time).
    let requests = server.received_requests().await.unwrap();
    let mut sent = Vec::new();
    for request in &requests {
        assert_eq!(
            request.headers["authorization"],
            format!("Bearer {TOKEN}").as_str()
        );
        let parts = common::multipart::parts(request).await;
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].name.as_deref(), Some("internal_numbers"));
        assert_eq!(parts[0].content_type.as_deref(), Some("application/json"));
        sent.push(serde_json::from_slice::<Value>(&parts[0].data).unwrap());
    }
    assert_eq!(
        sent,
        [
            body_json()["internal_numbers"].clone(),
            body_json()["internal_numbers"].clone()
        ]
    );
}

#[tokio::test]
async fn retry_after_ms_is_preferred_and_a_503_with_it_is_retried_for_post() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(503)
            .insert_header("retry-after-ms", "150")
            .insert_header("Retry-After", "30"),
        created(),
    ])
    .await;
    let started = Instant::now();
    client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .unwrap();
    let gaps = gaps(&arrivals);
    assert_eq!(gaps.len(), 1);
    assert!(gaps[0] >= Duration::from_millis(145), "{gaps:?}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_post_is_not_repeated_after_an_ambiguous_failure() {
    for status in [500, 502, 503, 504, 408] {
        let (server, arrivals) = scripted(vec![ResponseTemplate::new(status), created()]).await;
        let error = client(&server)
            .add_internal_numbers("me")
            .body(body())
            .send()
            .await
            .expect_err("one attempt, undocumented status");
        assert_eq!(error.status().map(|s| s.as_u16()), Some(status));
        assert!(matches!(error, Error::UnexpectedStatus(_)), "{error:?}");
        assert_eq!(arrivals.lock().unwrap().len(), 1, "{status} was repeated");
    }
}

#[tokio::test]
async fn opting_in_repeats_ambiguous_failures() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(500),
        ResponseTemplate::new(502),
        created(),
    ])
    .await;
    let policy = RetryPolicy::default()
        .backoff(Duration::from_millis(20), Duration::from_millis(50))
        .retry_ambiguous(true);
    let created = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().retry(policy))
        .send()
        .await
        .expect("the third attempt succeeds");
    assert_eq!(created.status(), 201);
    assert_eq!(arrivals.lock().unwrap().len(), 3);
}

#[tokio::test]
async fn gives_up_after_the_attempt_limit_with_the_last_answer() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429).insert_header("Retry-After", "0"),
    ])
    .await;
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("always 429");
    // The seed does not document 429: the last answer as it came.
    assert!(
        matches!(&error, Error::UnexpectedStatus(response) if response.status() == 429),
        "{error:?}"
    );
    assert_eq!(
        arrivals.lock().unwrap().len(),
        3,
        "3 attempts in all by default"
    );

    // Per request: one attempt only.
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429).insert_header("Retry-After", "0"),
    ])
    .await;
    let _ = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().retry(RetryPolicy::none()))
        .send()
        .await;
    assert_eq!(arrivals.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn backoff_without_retry_after_stays_within_its_bounds() {
    let (server, arrivals) = scripted(vec![ResponseTemplate::new(429)]).await;
    let policy = RetryPolicy::default()
        .max_attempts(4)
        .backoff(Duration::from_millis(100), Duration::from_millis(150));
    let _ = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().retry(policy))
        .send()
        .await;
    let gaps = gaps(&arrivals);
    assert_eq!(gaps.len(), 3, "{gaps:?}");
    // Full jitter: each wait is between zero and its cap (100, 150, 150 ms), plus slack.
    for (gap, cap) in gaps.iter().zip([100, 150, 150]) {
        assert!(*gap < Duration::from_millis(cap + 400), "{gaps:?}");
    }
}

#[tokio::test]
async fn a_retry_after_past_the_cap_fails_at_once_with_status_body_and_delay() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429)
            .insert_header("Retry-After", "120")
            .set_body_string(r#"{"code":429,"message":"slow down"}"#),
        created(),
    ])
    .await;
    let started = Instant::now();
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("120 s is past the 60 s cap");
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "slept {:?}",
        started.elapsed()
    );
    assert_eq!(arrivals.lock().unwrap().len(), 1);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429));
    match &error {
        Error::RateLimited {
            response,
            retry_after,
        } => {
            assert_eq!(*retry_after, Duration::from_secs(120));
            assert_eq!(&response[..], br#"{"code":429,"message":"slow down"}"#);
        }
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("retry in 120 s"), "{error}");
}

#[tokio::test]
async fn a_retry_after_past_the_deadline_fails_at_once() {
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429).insert_header("Retry-After", "5"),
        created(),
    ])
    .await;
    let started = Instant::now();
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().deadline(Some(Duration::from_secs(2))))
        .send()
        .await
        .expect_err("5 s is past the 2 s deadline");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert!(
        matches!(error, Error::RateLimited { retry_after, .. } if retry_after == Duration::from_secs(5))
    );
    assert_eq!(arrivals.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn an_attempt_that_takes_too_long_times_out_and_a_post_is_not_repeated() {
    let (server, arrivals) = scripted(vec![created().set_delay(Duration::from_secs(3))]).await;
    let client = builder(&server)
        .timeout(Some(Duration::from_millis(300)))
        .build()
        .unwrap();
    let started = Instant::now();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("the server is too slow");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(290) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
    assert!(
        matches!(error, Error::Timeout { limit, whole_call: false } if limit == Duration::from_millis(300)),
        "{error:?}"
    );
    assert_eq!(error.status(), None);
    assert_eq!(
        arrivals.lock().unwrap().len(),
        1,
        "a POST that timed out is not repeated"
    );
}

#[tokio::test]
async fn the_deadline_bounds_the_whole_call_including_retries() {
    // Every attempt fails fast and asks for a short wait; the deadline ends the call.
    let (server, arrivals) = scripted(vec![
        ResponseTemplate::new(429).insert_header("retry-after-ms", "200"),
        created().set_delay(Duration::from_secs(3)),
    ])
    .await;
    let started = Instant::now();
    let error = client(&server)
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().deadline(Some(Duration::from_millis(600))))
        .send()
        .await
        .expect_err("the second attempt outlives the deadline");
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(590) && elapsed < Duration::from_millis(1500),
        "{elapsed:?}"
    );
    assert!(
        matches!(error, Error::Timeout { limit, whole_call: true } if limit == Duration::from_millis(600)),
        "{error:?}"
    );
    assert_eq!(arrivals.lock().unwrap().len(), 2);
}

#[tokio::test]
async fn a_body_over_the_size_limit_is_refused() {
    let big = "x".repeat(64 * 1024);
    let (server, _) =
        scripted(vec![ResponseTemplate::new(201).set_body_raw(
            format!(r#"{{"pad":"{big}"}}"#),
            "application/json",
        )])
        .await;
    let client = builder(&server)
        .max_response_bytes(16 * 1024)
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("64 KiB is over 16 KiB");
    assert!(
        matches!(error, Error::TooLarge { status, limit } if status == 201 && limit == 16 * 1024),
        "{error:?}"
    );
    // A request may raise it.
    let created = client
        .add_internal_numbers("me")
        .body(body())
        .with_options(RequestOptions::new().max_response_bytes(1024 * 1024))
        .send()
        .await
        .expect("1 MiB is enough");
    assert_eq!(created.status(), 201);
}

#[tokio::test]
async fn a_body_without_content_length_is_cut_off_at_the_limit() {
    // A chunked body of unknown length, from a raw server, larger than the limit.
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let (mut socket, _) = listener.accept().await.unwrap();
        let mut request = vec![0; 64 * 1024];
        let _ = socket.read(&mut request).await;
        let _ = socket
            .write_all(b"HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ntransfer-encoding: chunked\r\n\r\n")
            .await;
        let chunk = format!("{:x}\r\n{}\r\n", 4096, "y".repeat(4096));
        for _ in 0..64 {
            if socket.write_all(chunk.as_bytes()).await.is_err() {
                return;
            }
        }
        let _ = socket.write_all(b"0\r\n\r\n").await;
    });
    let client = Client::builder()
        .base_url(format!("http://{address}/v2"))
        .max_response_bytes(10_000)
        .build()
        .unwrap();
    let error = client
        .add_internal_numbers("me")
        .body(body())
        .send()
        .await
        .expect_err("over the limit");
    assert!(
        matches!(error, Error::TooLarge { limit: 10_000, .. }),
        "{error:?}"
    );
}
