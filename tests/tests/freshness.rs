//! The committed `generated-client/` is exactly what the seed spec generates, and generation
//! is deterministic.

mod common;

use courier::Builder;

#[test]
fn generated_client_is_fresh() {
    let generated = Builder::new(common::seed()).generate().unwrap();
    let freshness = generated
        .check(&common::workspace().join("generated-client"))
        .unwrap();
    assert!(
        freshness.is_fresh(),
        "generated-client/ is stale; run the README's generate command:\n{freshness}"
    );
}

#[test]
fn output_is_byte_identical_across_runs_and_locations() {
    for spec in common::specs() {
        let first = Builder::new(&spec).generate().unwrap().files;
        let second = Builder::new(&spec).generate().unwrap().files;
        assert_eq!(first, second, "{}", spec.display());

        // The same document elsewhere, re-serialized compactly (YAML as JSON): same output.
        let text = std::fs::read_to_string(&spec).unwrap();
        let value = courier::openapi::source::parse(&spec, &text, &courier::Limits::default())
            .unwrap_or_else(|error| panic!("{error}"));
        let dir = tempfile::tempdir().unwrap();
        let copy = dir.path().join(spec.file_name().unwrap());
        std::fs::write(&copy, serde_json::to_string(&value).unwrap()).unwrap();
        let moved = Builder::new(&copy).generate().unwrap().files;
        assert_eq!(first, moved, "{}", spec.display());

        let workspace = common::workspace().display().to_string();
        for file in &first {
            assert!(
                !file.contents.contains(&workspace),
                "{} mentions a local path",
                file.path
            );
        }
    }
}
