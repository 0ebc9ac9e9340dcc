//! Fixtures for driving the seed client (`zoom-api`) against a local wiremock server.

use serde_json::{Value, json};
use wiremock::matchers::{method, path_regex};
use wiremock::{Mock, MockServer, ResponseTemplate};
use zoom_api::Client;
use zoom_api::types::AddInternalNumbersBody;

/// The bearer token every fixture client is configured with.
pub const TOKEN: &str = "s3cr3t-t0ken";

/// The JSON of the seed's form field, as a caller would build it.
pub fn body_json() -> Value {
    json!({
        "internal_numbers": [{
            "number": "+16466661110",
            "display_number": "+1 646 666 1110",
            "country": "US",
            "type": 1,
            "labels": "SIP-Internal",
            "languages": "da-DK",
            "visible": false,
            "allow_join": true,
            "allow_for_external_meetings": true
        }]
    })
}

/// The typed body built from [`body_json`].
pub fn body() -> AddInternalNumbersBody {
    serde_json::from_value(body_json()).expect("the seed body deserializes")
}

/// The seed's 201 example body.
pub fn created_json() -> Value {
    json!({
        "internal_numbers": [{
            "id": "A26fhgdfg63",
            "number": "+16466661110",
            "display_number": "+1 646 666 1110",
            "country": "US",
            "type": 0,
            "labels": "SIP-Internal",
            "languages": "en-GB",
            "visible": true,
            "allow_join": true
        }]
    })
}

/// A client for `server`, with a base path like Zoom's `/v2`, and the bearer [`TOKEN`].
pub fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(format!("{}/v2", server.uri()))
        .bearer_token(TOKEN)
        .build()
        .expect("client builds")
}

/// A server answering every POST to the operation's path (one segment for the account) with
/// `response`.
pub async fn server_answering(response: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path_regex(
            "^/v2/accounts/[^/]+/sip_trunk/internal_numbers$",
        ))
        .respond_with(response)
        .mount(&server)
        .await;
    server
}
