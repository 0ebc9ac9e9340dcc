//! The OpenAPI corpus proof: every description in `../shared/corpus/openapi` (Swagger 2.0,
//! OpenAPI 3.0, 3.1 and 3.2; JSON and YAML) generates a crate that compiles with
//! `-D warnings`, every path-item operation becomes an operation, and every JSON example (a
//! schema's own `example`/`examples`, those of request and response media types) that agrees
//! with its own schema deserializes into the generated type of that schema and serializes back
//! to the same JSON value (examples that contradict their schema are listed; see
//! `corpus/schema_check.rs`). clippy runs on the GitHub, Stripe, Zoom and nexus
//! crates. The machinery is in `corpus/harness.rs`, shared with the Postman corpus test.
//!
//! Skipped, with a message, when the corpus folder is absent. With
//! `COURIER_OPENAPI_CORPUS_REPORT=<file>` the figures are also written to that file
//! (`scripts/corpus-report.sh` puts them into `docs/corpus.md`).

mod common;
#[path = "corpus/harness.rs"]
mod harness;
#[allow(dead_code)]
#[path = "corpus/roundtrip.rs"]
mod roundtrip;
#[path = "corpus/schema_check.rs"]
mod schema_check;

use std::path::Path;

use harness::Corpus;

/// The methods of a path item that are operations (OpenAPI 3.2 adds `query`).
const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// Path-item operations in a description (read with courier's own loader, so YAML counts).
fn count_operations(path: &Path) -> usize {
    let document = courier::load::load(path, &courier::Limits::default())
        .unwrap_or_else(|error| panic!("{error}"));
    let courier::load::Document::OpenApi(spec) = document else {
        panic!("{} is not an OpenAPI document", path.display());
    };
    let Some(paths) = spec.root().get("paths").and_then(|paths| paths.as_object()) else {
        return 0;
    };
    paths
        .iter()
        .filter(|(key, _)| key.starts_with('/'))
        .filter_map(|(_, item)| item.as_object())
        .map(|item| {
            let additional = item
                .get("additionalOperations")
                .and_then(|more| more.as_object())
                .map_or(0, |more| more.len());
            METHODS
                .iter()
                .filter(|method| item.contains_key(**method))
                .count()
                + additional
        })
        .sum()
}

const OPENAPI: Corpus = Corpus {
    folder: "openapi",
    extensions: &[".openapi.json", ".openapi.yaml", ".swagger2.yaml"],
    noun: "description",
    counted: "path operations",
    count: count_operations,
    min_emitted: 1.0,
    timed: "zoom-api",
    clippy: &["api.github.com", "stripe", "zoom-api", "nexus"],
    name_crates_by_stem: true,
    report_env: "COURIER_OPENAPI_CORPUS_REPORT",
    prepare: schema_check::prepare,
};

#[test]
fn openapi_corpus_generates_compiles_and_round_trips_every_example() {
    harness::run(&OPENAPI);
}
