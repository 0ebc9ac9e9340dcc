//! Retries, timeouts and limits: how the generated client behaves when the server is busy,
//! and how to change it for the client or for one request.
//!
//! ```text
//! ZOOM_TOKEN=... cargo run -p zoom-api --example retries -- [BASE_URL]
//! ```
//!
//! By default a call is tried up to 3 times: a `429` (or a `503` with `Retry-After`) waits as
//! long as the server asks (up to 60 s), a failure to connect backs off exponentially with
//! jitter, and this `POST` is never repeated after an ambiguous failure (a `500`, a timeout).

use std::time::Duration;

use zoom_api::runtime::{RequestOptions, RetryPolicy};
use zoom_api::types::AddInternalNumbersBody;
use zoom_api::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let base_url = std::env::args()
        .nth(1)
        .unwrap_or_else(|| Client::DEFAULT_BASE_URL.to_owned());
    let client = Client::builder()
        .base_url(base_url)
        .bearer_token(std::env::var("ZOOM_TOKEN").unwrap_or_default())
        // Up to 5 attempts, waiting 0.2 s, 0.4 s, … (at most 5 s) between them, and at most
        // 30 s when the server asks with `Retry-After`.
        .retry(
            RetryPolicy::default()
                .max_attempts(5)
                .backoff(Duration::from_millis(200), Duration::from_secs(5))
                .max_retry_after(Duration::from_secs(30)),
        )
        // Each attempt may take 10 s; the whole call, waits included, 45 s.
        .timeout(Some(Duration::from_secs(10)))
        .deadline(Some(Duration::from_secs(45)))
        // Refuse response bodies over 1 MiB.
        .max_response_bytes(1024 * 1024)
        .build()?;

    let body: AddInternalNumbersBody = serde_json::from_value(serde_json::json!({
        "internal_numbers": [{ "number": "+16466661110", "country": "US", "type": 0 }]
    }))?;

    // One request may override the client: here a single attempt with a 3 s timeout.
    let once = RequestOptions::new()
        .retry(RetryPolicy::none())
        .timeout(Some(Duration::from_secs(3)));

    match client
        .add_internal_numbers("me")
        .body(body)
        .with_options(once)
        .send()
        .await
    {
        Ok(created) => println!("created ({})", created.status()),
        Err(Error::RateLimited {
            response,
            retry_after,
        }) => eprintln!(
            "rate limited ({}): the server asks to wait {retry_after:?}",
            response.status()
        ),
        Err(Error::Timeout { limit, whole_call }) => eprintln!(
            "no answer within {limit:?} ({})",
            if whole_call {
                "the call's deadline"
            } else {
                "one attempt"
            }
        ),
        Err(other) => eprintln!("failed: {other}"),
    }
    Ok(())
}
