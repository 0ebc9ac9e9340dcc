//! The contract snippet of DESIGN.md ("Contract for the seed operation"), compiled unchanged
//! against `generated-client/` and run against a local server on the port it names.

use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The snippet, verbatim between the markers; `token` and `json` are its inputs.
async fn contract(
    token: &str,
    json: serde_json::Value,
) -> Result<
    zoom_api::Response<zoom_api::types::AddInternalNumbersResponse>,
    Box<dyn std::error::Error>,
> {
    // --- DESIGN.md snippet starts
    let client = zoom_api::Client::builder()
        .base_url("http://127.0.0.1:8080") // default: the collection's baseUrl
        .bearer_token(token)
        .build()?;
    let body: zoom_api::types::AddInternalNumbersBody = serde_json::from_value(json)?;
    let created = client.add_internal_numbers("me").body(body).send().await?;
    // created: zoom_api::Response<types::AddInternalNumbersResponse>
    //   .status(), .headers(), .into_inner(), Deref to the body; body types are Serialize + Deserialize
    // errors: zoom_api::Error<types::AddInternalNumbersError>, with .status() -> Option<http::StatusCode>;
    //   documented statuses (400, 404) are typed variants, anything else keeps status + raw body.
    // --- DESIGN.md snippet ends
    Ok(created)
}

#[tokio::test]
async fn the_design_contract_runs_against_a_local_server() {
    // The snippet names port 8080; when something else holds it, the snippet has still been
    // compiled (the point of this file) and the behaviour tests cover the same calls.
    let Ok(listener) = std::net::TcpListener::bind("127.0.0.1:8080") else {
        skipped("the contract's run: 127.0.0.1:8080 is in use");
        return;
    };
    let server = MockServer::builder().listener(listener).start().await;
    Mock::given(method("POST"))
        .and(path("/accounts/me/sip_trunk/internal_numbers"))
        .and(header("authorization", "Bearer t0ken"))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"internal_numbers": []})))
        .expect(1)
        .mount(&server)
        .await;
    let body = json!({"internal_numbers": [{
        "number": "1", "display_number": "1", "country": "US", "type": 1, "labels": "",
        "languages": "en-GB", "visible": true, "allow_join": true,
        "allow_for_external_meetings": false
    }]});
    let created = contract("t0ken", body)
        .await
        .expect("the contract call succeeds");
    assert_eq!(created.status(), 201);
    assert_eq!(created.internal_numbers.as_deref().map(<[_]>::len), Some(0));
}

/// The snippet above is DESIGN.md's, unchanged up to the width of whitespace (rustfmt
/// collapses the spaces before a trailing comment); checked when `../shared` is present.
#[test]
fn the_snippet_is_the_one_in_design_md() {
    let design = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/DESIGN.md");
    let Ok(design) = std::fs::read_to_string(&design) else {
        skipped(&format!(
            "the snippet comparison: {} is absent",
            design.display()
        ));
        return;
    };
    let start = design
        .find("let client = zoom_api::Client::builder()")
        .expect("DESIGN.md has the contract");
    let end_marker = "anything else keeps status + raw body.";
    let end = design[start..].find(end_marker).expect("the contract ends") + start;
    let normalize = |line: &str| line.split_whitespace().collect::<Vec<_>>().join(" ");
    let expected: Vec<String> = design[start..end + end_marker.len()]
        .lines()
        .map(normalize)
        .collect();

    let this = include_str!("contract.rs");
    let begin = this.find("// --- DESIGN.md snippet starts").unwrap();
    let finish = this.find("// --- DESIGN.md snippet ends").unwrap();
    let ours: Vec<String> = this[begin..finish]
        .lines()
        .skip(1)
        .map(normalize)
        .filter(|line| !line.is_empty())
        .collect();
    assert_eq!(ours, expected);
}

/// Says a part did not run where it is seen (libtest captures `eprintln!` of a passing test);
/// as `common::skipped`, which this file, standing alone, does not include.
fn skipped(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {why}");
}
