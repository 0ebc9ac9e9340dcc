//! The client of `specs/postman-fidelity.postman.json` against a real HTTP server on
//! 127.0.0.1: each request arrives as Postman (newman) sends it — a written `Authorization:
//! Bearer {{token}}` header as a credential, one credential per token variable, `null` in a
//! body kept, literal query values sent, a declared content type kept without a body,
//! `Content-Length: 0` on a bodiless POST, and a header standing for an environment variable
//! settable.

mod common;

use common::recorded::{header, only_request};
use courier_tests::postman_fidelity::types::{ShareCardBody, Sort, ValidateAddressBody, Wallet};
use courier_tests::postman_fidelity::{Client, Error, examples};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The collection's `{{token}}`.
const TOKEN: &str = "user-t0ken";
/// The collection's `{{application_token}}`.
const APPLICATION_TOKEN: &str = "app-t0ken";

async fn server() -> MockServer {
    let server = MockServer::start().await;
    Mock::given(any())
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    server
}

fn client(server: &MockServer) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .application_token(APPLICATION_TOKEN)
        .build()
        .expect("client builds")
}

/// The collection's own body example, as a user would start from it.
fn address() -> ValidateAddressBody {
    serde_json::from_value(json!({
        "line1": "1 Main Street",
        "city": "London",
        "state": null,
        "country": "GB"
    }))
    .expect("the collection's example is a ValidateAddressBody")
}

#[tokio::test]
async fn a_written_bearer_header_is_a_credential_and_null_is_sent_as_null() {
    let server = server().await;

    client(&server)
        .validate_address()
        .body(address())
        .send()
        .await
        .expect("200 is a success");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(request.url.path(), "/v1/addresses/validate");
    // `Authorization: Bearer {{token}}` written as a header: sent with the `{{token}}` setter.
    assert_eq!(
        header(&request, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    // `"state": null` is what the collection sends: the key arrives, as `null`.
    let sent: Value = serde_json::from_slice(&request.body).expect("JSON");
    assert_eq!(
        sent,
        json!({ "line1": "1 Main Street", "city": "London", "state": null, "country": "GB" })
    );
}

#[tokio::test]
async fn a_body_field_present_in_the_example_is_always_sent() {
    let server = server().await;
    let body = ValidateAddressBody {
        state: Some(json!("Greater London")),
        ..address()
    };

    client(&server)
        .validate_address()
        .body(body)
        .send()
        .await
        .expect("200 is a success");

    let sent: Value = serde_json::from_slice(&only_request(&server).await.body).expect("JSON");
    assert_eq!(sent["state"], json!("Greater London"));
}

#[tokio::test]
async fn each_token_variable_has_its_own_credential() {
    let server = server().await;
    let client = client(&server);

    client
        .get_card_programs()
        .program_type("DEBIT")
        .send()
        .await
        .expect("200 is a success");
    client
        .activate_card("c-123")
        .send()
        .await
        .expect("200 is a success");

    let requests = server.received_requests().await.expect("recording is on");
    let authorization: Vec<_> = requests
        .iter()
        .map(|request| (request.url.path(), header(request, "authorization")))
        .collect();
    assert_eq!(
        authorization,
        [
            (
                "/v1/card-programs",
                Some(format!("Bearer {APPLICATION_TOKEN}").as_str())
            ),
            (
                "/v1/cards/c-123/activate",
                Some(format!("Bearer {TOKEN}").as_str())
            ),
        ]
    );
}

#[tokio::test]
async fn a_client_with_one_token_signs_only_the_requests_of_that_variable() {
    let server = server().await;
    let client = Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .build()
        .expect("client builds");

    client
        .get_card_programs()
        .program_type("DEBIT")
        .send()
        .await
        .expect("200 is a success");

    assert_eq!(header(&only_request(&server).await, "authorization"), None);
}

#[tokio::test]
async fn literal_query_values_are_sent_and_placeholders_and_disabled_ones_are_not() {
    let server = server().await;

    client(&server)
        .get_card_programs()
        .program_type("DEBIT")
        .send()
        .await
        .expect("200 is a success");

    let request = only_request(&server).await;
    // `sort=asc` and `currency=GBP` as written; `page=<integer>` is a placeholder and
    // `country=GB` is disabled.
    assert_eq!(
        request.url.query(),
        Some("sort=asc&currency=GBP&programType=DEBIT")
    );
    // The declared content type is sent although a GET has no body, as Postman does.
    assert_eq!(header(&request, "content-type"), Some("application/json"));
    assert!(request.body.is_empty());
    // `{{correlationId}}` is not in the collection: nothing is sent unless it is set.
    assert_eq!(header(&request, "x-external-correlation-id"), None);
}

#[tokio::test]
async fn setters_override_the_collection_values() {
    let server = server().await;

    client(&server)
        .get_card_programs()
        .sort(Sort::Desc)
        .set_currency(Some("EUR".to_owned()))
        .page("2")
        .program_type("PREPAID")
        .x_external_correlation_id("corr-9")
        .send()
        .await
        .expect("200 is a success");

    let request = only_request(&server).await;
    assert_eq!(
        request.url.query(),
        Some("sort=desc&currency=EUR&page=2&programType=PREPAID")
    );
    assert_eq!(
        header(&request, "x-external-correlation-id"),
        Some("corr-9")
    );
}

#[tokio::test]
async fn set_none_leaves_a_collection_value_out() {
    let server = server().await;

    client(&server)
        .get_card_programs()
        .set_sort(None)
        .set_currency(None)
        .set_content_type(None)
        .program_type("DEBIT")
        .send()
        .await
        .expect("200 is a success");

    let request = only_request(&server).await;
    assert_eq!(request.url.query(), Some("programType=DEBIT"));
    assert_eq!(header(&request, "content-type"), None);
}

#[tokio::test]
async fn a_required_parameter_without_a_collection_value_is_refused_before_sending() {
    let server = server().await;

    let error = client(&server)
        .get_card_programs()
        .send()
        .await
        .expect_err("`programType` has no value in the collection");

    match &error {
        Error::InvalidRequest(invalid) => {
            assert!(invalid.to_string().contains("programType"), "{invalid}")
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn a_bodiless_post_says_its_length_is_zero() {
    let server = server().await;

    client(&server)
        .activate_card("c-123")
        .send()
        .await
        .expect("200 is a success");

    let request = only_request(&server).await;
    assert_eq!(request.method.as_str(), "POST");
    assert_eq!(header(&request, "content-length"), Some("0"));
    assert!(request.body.is_empty());
}

#[tokio::test]
async fn another_written_authorization_header_is_a_settable_header() {
    let server = server().await;
    let client = client(&server);

    client
        .get_card("c-123")
        .authorization("Basic Y2FyZHM6czNjcmV0")
        .send()
        .await
        .expect("200 is a success");
    client
        .get_card("c-123")
        .send()
        .await
        .expect("200 is a success");

    let requests = server.received_requests().await.expect("recording is on");
    let sent: Vec<_> = requests
        .iter()
        .map(|request| header(request, "authorization"))
        .collect();
    // `Basic {{cardsBasic}}` needs a variable the collection does not define: the caller's to
    // give, never sent half-filled. The client's bearer tokens are not this request's.
    assert_eq!(sent, [Some("Basic Y2FyZHM6czNjcmV0"), None]);
}

#[tokio::test]
async fn requests_on_another_host_go_to_its_own_base_url() {
    let main = server().await;
    let pci = server().await;
    let sandbox = server().await;
    let client = Client::builder()
        .base_url(main.uri())
        .pci_host_base_url(pci.uri())
        .sandbox_base_url(sandbox.uri())
        .token(TOKEN)
        .build()
        .expect("client builds");

    client
        .get_card_pin("c-123")
        .send()
        .await
        .expect("200 is a success");
    client
        .sandbox_status()
        .send()
        .await
        .expect("200 is a success");
    client
        .get_card("c-123")
        .send()
        .await
        .expect("200 is a success");

    let pin = only_request(&pci).await;
    assert_eq!(pin.url.path(), "/v1/cards/c-123/pin");
    assert_eq!(
        header(&pin, "authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    assert_eq!(only_request(&sandbox).await.url.path(), "/v1/status");
    assert_eq!(only_request(&main).await.url.path(), "/v1/cards/c-123");
}

#[tokio::test]
async fn a_host_the_collection_does_not_define_must_be_configured() {
    let main = server().await;
    // Postman's own defaults: `{{host}}` has a value, `{{pci-host}}` is an environment's.
    assert_eq!(Client::DEFAULT_BASE_URL, "https://api.cards.example.test");
    let client = Client::builder()
        .base_url(main.uri())
        .token(TOKEN)
        .build()
        .expect("a client builds without the PCI host");

    let error = client
        .get_card_pin("c-123")
        .send()
        .await
        .expect_err("the PCI host is not set");
    match &error {
        Error::InvalidRequest(invalid) => {
            assert!(
                invalid.to_string().contains("pci_host_base_url"),
                "{invalid}"
            )
        }
        other => panic!("expected Error::InvalidRequest, got {other:?}"),
    }
    assert!(main.received_requests().await.unwrap().is_empty());
}

#[tokio::test]
async fn the_example_calls_send_the_requests_as_documented() {
    let server = server().await;
    let client = client(&server);

    examples::validate_address(&client)
        .expect("the collection's body decodes")
        .send()
        .await
        .expect("200 is a success");
    examples::activate_card(&client)
        .send()
        .await
        .expect("200 is a success");

    let requests = server.received_requests().await.expect("recording is on");
    let sent: Vec<_> = requests
        .iter()
        .map(|request| {
            let body: Option<Value> = serde_json::from_slice(&request.body).ok();
            (request.method.as_str(), request.url.path(), body)
        })
        .collect();
    assert_eq!(
        sent,
        [
            (
                "POST",
                "/v1/addresses/validate",
                Some(json!({
                    "line1": "1 Main Street",
                    "city": "London",
                    "state": null,
                    "country": "GB"
                }))
            ),
            // `:cardToken` is `c-123` in the collection.
            ("POST", "/v1/cards/c-123/activate", None),
        ]
    );
}

#[tokio::test]
async fn a_body_keyed_by_data_is_a_map() {
    let server = server().await;
    // E-mail addresses and a `{{walletId}}` as keys are data, not field names: maps, so the
    // caller can share with anyone, not only with the two people of the example.
    let body = ShareCardBody {
        viewers: BTreeMap::from([("cy@example.test".to_owned(), vec!["view".to_owned()])]),
        wallets: BTreeMap::from([("w-42".to_owned(), Wallet { limit: 100 })]),
        note: "for Cy".to_owned(),
    };

    client(&server)
        .share_card("c-123")
        .body(body)
        .send()
        .await
        .expect("200 is a success");
    examples::share_card(&client(&server))
        .expect("the collection's body decodes")
        .send()
        .await
        .expect("200 is a success");

    let requests = server.received_requests().await.expect("recording is on");
    let sent: Vec<Value> = requests
        .iter()
        .map(|request| serde_json::from_slice(&request.body).expect("JSON"))
        .collect();
    assert_eq!(
        sent,
        [
            json!({
                "viewers": {"cy@example.test": ["view"]},
                "wallets": {"w-42": {"limit": 100}},
                "note": "for Cy"
            }),
            // The example call: the collection's body, `{{walletId}}` as written (the
            // collection does not define it).
            json!({
                "viewers": {"ann@example.test": ["view"], "bob@example.test": ["view", "freeze"]},
                "wallets": {"{{walletId}}": {"limit": 250}},
                "note": "Shared from the app"
            }),
        ]
    );
}
