//! The Postman corpus proof: every collection in `../shared/corpus/postman` generates a crate
//! that compiles with `-D warnings`, at least 99% of its requests become operations, and every
//! saved example with a JSON body deserializes into the generated type for its status and
//! serializes back to the same JSON value. clippy runs on the Zoom crate. The machinery is in
//! `corpus/harness.rs`, shared with the OpenAPI corpus test.
//!
//! Skipped, with a message, when the corpus folder is absent. The figures are printed as a
//! markdown table; with `COURIER_CORPUS_REPORT=<file>` they are also written to that file
//! (`scripts/corpus-report.sh` turns it into `docs/corpus.md`). Set `COURIER_CORPUS_KEEP=1` to
//! keep the temporary workspace for inspection.

mod common;
#[path = "corpus/harness.rs"]
mod harness;
#[path = "corpus/roundtrip.rs"]
mod roundtrip;

use harness::{Corpus, is_value_path, qualify, rust_str_literal};

const POSTMAN: Corpus = Corpus {
    folder: "postman",
    extensions: &[".postman.json"],
    noun: "collection",
    counted: "requests",
    count: count_requests,
    min_emitted: 0.99,
    timed: "zoom-api",
    clippy: &["zoom-api"],
    name_crates_by_stem: false,
    report_env: "COURIER_CORPUS_REPORT",
    prepare: as_saved,
};

/// Items without `item`, walking folders.
fn count_requests(path: &std::path::Path) -> usize {
    fn walk(items: &serde_json::Value) -> usize {
        items.as_array().map_or(0, |items| {
            items
                .iter()
                .map(|item| match item.get("item") {
                    Some(children) => walk(children),
                    None => 1,
                })
                .sum()
        })
    }
    let text = std::fs::read_to_string(path).unwrap();
    let collection: serde_json::Value = serde_json::from_str(&text).unwrap();
    match collection.get("item") {
        Some(items) => walk(items),
        None => 1, // a single exported request item
    }
}

/// Every example as it is (Postman has no schema to check it against).
fn as_saved(
    _: &std::path::Path,
    examples: &[courier::lower::Example],
) -> Vec<Result<String, String>> {
    examples
        .iter()
        .map(|example| Ok(example.body.clone()))
        .collect()
}

#[test]
fn corpus_generates_compiles_and_round_trips_every_example() {
    harness::run(&POSTMAN);
}

#[test]
fn round_trip_comparison() {
    use roundtrip::same;
    use serde_json::json;
    // Numbers numerically, keys as sets, null may vanish.
    assert!(
        same(
            &json!({"a": 1, "b": [1.5, 2]}),
            &json!({"b": [1.5, 2.0], "a": 1.0}),
            "$"
        )
        .is_ok()
    );
    assert!(same(&json!({"a": null, "b": 1}), &json!({"b": 1}), "$").is_ok());
    assert!(same(&json!({"a": null}), &json!({"a": null}), "$").is_ok());
    // Everything else must be equal.
    assert_eq!(
        same(&json!({"a": {"b": 1}}), &json!({"a": {"b": 2}}), "$"),
        Err("$.a.b: 1 became 2".to_owned())
    );
    assert!(same(&json!({"a": 1}), &json!({}), "$").is_err());
    assert!(same(&json!({}), &json!({"a": null}), "$").is_err());
    assert!(same(&json!([1, 2]), &json!([1]), "$").is_err());
    assert!(same(&json!("1"), &json!(1), "$").is_err());
    assert!(same(&json!(u64::MAX), &json!(u64::MAX - 1), "$").is_err());
    // A date-time may come back as the same instant in UTC, never as another instant.
    for (original, back) in [
        ("2019-08-08T08:00:00-07:00", "2019-08-08T15:00:00Z"),
        ("2019-12-06T14:20:20.000Z", "2019-12-06T14:20:20Z"),
        ("2014-08-09T08:02:04+12:00", "2014-08-08T20:02:04Z"),
        ("2000-02-29t23:30:00.5-01:00", "2000-03-01T00:30:00.500Z"),
    ] {
        assert!(
            same(&json!(original), &json!(back), "$").is_ok(),
            "{original}"
        );
    }
    for (original, back) in [
        ("2019-08-08T08:00:00-07:00", "2019-08-08T08:00:00Z"),
        ("2019-12-06T14:20:20.001Z", "2019-12-06T14:20:20Z"),
        ("2019-12-06 14:20:20Z", "2019-12-06T14:20:20Z"),
    ] {
        assert!(
            same(&json!(original), &json!(back), "$").is_err(),
            "{original}"
        );
    }

    let mut results = roundtrip::Results::default();
    results.check::<std::collections::BTreeMap<String, i64>>(0, r#"{"a": 1}"#);
    let file = tempfile::NamedTempFile::new().unwrap();
    results.finish(&file.path().to_string_lossy());
    assert_eq!(std::fs::read_to_string(file.path()).unwrap(), "0\tok\n");
    assert!(roundtrip::round_trip::<Vec<bool>>("[1]").is_err());
}

#[test]
fn literals_and_paths() {
    assert_eq!(
        rust_str_literal(r##"{"a":"\"#"}"##),
        r###"r##"{"a":"\"#"}"##"###
    );
    assert_eq!(rust_str_literal("{\"a\":\r\n1}"), r#""{\"a\":\u{d}\n1}""#);
    assert_eq!(
        qualify("Vec<types::Item>", "zoom_api"),
        "Vec<zoom_api::types::Item>"
    );
    assert_eq!(qualify("serde_json::Value", "x"), "serde_json::Value");
    assert_eq!(qualify("types::Subtypes", "x"), "x::types::Subtypes");
    assert!(is_value_path("Vec<Vec<serde_json::Value>>"));
    assert!(!is_value_path("Vec<types::Value>"));
}
