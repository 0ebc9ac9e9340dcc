//! Names never depend on item order: reversing or shuffling the items of a collection at every
//! level (folders and the requests in them), or the paths, methods, responses, components and
//! webhooks of an OpenAPI document, gives a byte-identical crate. Checked on every input in
//! `specs/`, on every real collection in `../shared/corpus/postman` and on every description
//! in `../shared/corpus/openapi` (skipped, with a message, when the corpus is absent).

mod common;

use std::path::Path;

use common::reorder::{Reorder, reorder, reorder_openapi};
use serde_json::Value;

/// Generates `spec` as it is and reordered each way, and fails naming the first file that
/// differs.
fn assert_order_independent(spec: &Path) {
    let text = std::fs::read_to_string(spec).unwrap();
    // YAML descriptions are read as courier reads them and reordered as JSON.
    let original: Value = courier::openapi::source::parse(spec, &text, &courier::Limits::default())
        .unwrap_or_else(|error| panic!("{error}"));
    let openapi = original.get("openapi").is_some() || original.get("swagger").is_some();
    // Every variant is generated from a file of the same name, since the name is in the docs.
    let file_name = spec.file_name().unwrap();
    let expected = courier::Builder::new(spec)
        .generate()
        .unwrap_or_else(|error| panic!("{error}"));
    for how in [
        Reorder::Reverse,
        Reorder::Shuffle(1),
        Reorder::Shuffle(0x5eed),
    ] {
        let mut variant = original.clone();
        if openapi {
            reorder_openapi(&mut variant, how);
        } else {
            reorder(&mut variant, how);
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(file_name);
        std::fs::write(&path, serde_json::to_vec(&variant).unwrap()).unwrap();
        let actual = courier::Builder::new(&path)
            .generate()
            .unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(
            actual.files.len(),
            expected.files.len(),
            "{}: {how:?} changes the set of files",
            spec.display()
        );
        for (a, b) in expected.files.iter().zip(&actual.files) {
            assert_eq!(a.path, b.path, "{}: {how:?}", spec.display());
            if a.contents != b.contents {
                let line = a
                    .contents
                    .lines()
                    .zip(b.contents.lines())
                    .position(|(x, y)| x != y)
                    .unwrap_or(0);
                panic!(
                    "{}: {how:?} changes {} from line {}:\n  before: {}\n  after:  {}",
                    spec.display(),
                    a.path,
                    line + 1,
                    a.contents.lines().nth(line).unwrap_or_default(),
                    b.contents.lines().nth(line).unwrap_or_default(),
                );
            }
        }
    }
}

#[test]
fn specs_generate_the_same_crate_in_any_item_order() {
    for spec in common::specs() {
        assert_order_independent(&spec);
    }
}

#[test]
fn corpus_collections_generate_the_same_crate_in_any_item_order() {
    let corpus = common::workspace().join("../shared/corpus/postman");
    if !corpus.is_dir() {
        common::skipped(format_args!(
            "corpus order test: {} is absent (the third-party collections live outside \
             the repository; see README)",
            corpus.display()
        ));
        return;
    }
    let mut collections: Vec<_> = std::fs::read_dir(&corpus)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".postman.json"))
        .collect();
    collections.sort();
    assert!(
        !collections.is_empty(),
        "{} has no collections",
        corpus.display()
    );
    for collection in &collections {
        assert_order_independent(collection);
    }
    eprintln!(
        "order independence: {} corpus collections, each reversed and shuffled twice",
        collections.len()
    );
}

#[test]
fn corpus_descriptions_generate_the_same_crate_in_any_path_order() {
    let corpus = common::workspace().join("../shared/corpus/openapi");
    if !corpus.is_dir() {
        common::skipped(format_args!(
            "OpenAPI corpus order test: {} is absent (the third-party descriptions live \
             outside the repository; see README)",
            corpus.display()
        ));
        return;
    }
    let mut descriptions = Vec::new();
    let mut folders = vec![corpus.clone()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                folders.push(path);
            } else if [".openapi.json", ".openapi.yaml", ".swagger2.yaml"]
                .iter()
                .any(|end| path.to_string_lossy().ends_with(end))
            {
                descriptions.push(path);
            }
        }
    }
    descriptions.sort();
    assert!(!descriptions.is_empty(), "{} is empty", corpus.display());
    for description in &descriptions {
        assert_order_independent(description);
    }
    eprintln!(
        "order independence: {} corpus descriptions, each reversed and shuffled twice",
        descriptions.len()
    );
}

/// The fixture's shared shapes are named for what they are, not after one of their holders.
#[test]
fn shared_shapes_are_named_for_what_they_are() {
    let spec = common::workspace().join("specs/shared-shapes.postman.json");
    let generated = courier::Builder::new(&spec).generate().unwrap();
    let types = generated.file("src/types.rs").unwrap();
    // One structure under `email_notification` (two folders) and `notifications`.
    assert_eq!(types.matches("pub struct EmailNotification {").count(), 1);
    assert!(types.contains("pub notifications: Option<EmailNotification>"));
    // Different structures under one field name are each qualified by their holder.
    assert!(types.contains("pub struct GetUserSettingsResponseOwner {"));
    assert!(types.contains("pub struct GetLockedSettingsResponseOwner {"));
    // One enum for the parameters `status` and `state` with the same values.
    assert_eq!(types.matches("pub enum State {").count(), 1);
    assert!(!types.contains("pub enum Status"));
}
