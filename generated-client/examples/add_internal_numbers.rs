//! Adds one internal number to an account, using the contract of the generated client.
//!
//! ```text
//! ZOOM_TOKEN=... cargo run -p zoom-api --example add_internal_numbers -- [BASE_URL] [ACCOUNT_ID]
//! ```
//!
//! `BASE_URL` defaults to Zoom's API, `ACCOUNT_ID` to `me` (the master account).

use zoom_api::types::{AddInternalNumbersBody, AddInternalNumbersError};
use zoom_api::{Client, Error};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let base_url = args
        .next()
        .unwrap_or_else(|| Client::DEFAULT_BASE_URL.to_owned());
    let account_id = args.next().unwrap_or_else(|| "me".to_owned());
    let token = std::env::var("ZOOM_TOKEN").unwrap_or_default();

    let client = Client::builder()
        .base_url(base_url)
        .bearer_token(token)
        .build()?;
    let body: AddInternalNumbersBody = serde_json::from_value(serde_json::json!({
        "internal_numbers": [{
            "number": "+16466661110",
            "display_number": "+1 646 666 1110",
            "country": "US",
            "type": 0,
            "labels": "SIP-Internal",
            "languages": "en-GB",
            "visible": true,
            "allow_join": true,
            "allow_for_external_meetings": false
        }]
    }))?;

    match client
        .add_internal_numbers(&account_id)
        .body(body)
        .send()
        .await
    {
        Ok(created) => {
            println!("{} {}", created.status(), created.headers().len());
            for number in created.internal_numbers.iter().flatten() {
                println!(
                    "added {} ({})",
                    number.number.as_deref().unwrap_or("?"),
                    number.id.as_deref().unwrap_or("no id")
                );
            }
            Ok(())
        }
        Err(Error::Api(response)) => {
            match response.into_inner() {
                AddInternalNumbersError::BadRequest(body) => eprintln!("rejected (400): {body}"),
                AddInternalNumbersError::NotFound(body) => {
                    eprintln!("no such account (404): {body}")
                }
                // The enum is `#[non_exhaustive]`: a status the API documents later is
                // added without breaking this match.
                other => eprintln!("rejected: {other:?}"),
            }
            std::process::exit(1);
        }
        Err(other) => Err(other.into()),
    }
}
