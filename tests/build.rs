//! The build-script path under test: clients generated into OUT_DIR from specs we own, and,
//! when the third-party corpus is beside the repository, the seed operation as Zoom's own
//! Swagger 2.0 description gives it.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(courier_corpus)");
    zoom_swagger_seed();
    for (spec, out) in [
        (
            "../specs/zoom-add-internal-numbers.postman.json",
            "zoom_add_internal_numbers.rs",
        ),
        (
            "../specs/bodies-and-auth.postman.json",
            "bodies_and_auth.rs",
        ),
        (
            "../specs/bodies-and-auth-v20.postman.json",
            "bodies_and_auth_v20.rs",
        ),
        ("../specs/constructs.openapi.yaml", "constructs.rs"),
        ("../specs/swagger2.swagger.json", "swagger2.rs"),
        ("../specs/paged.openapi.yaml", "paged.rs"),
        (
            "../specs/postman-fidelity.postman.json",
            "postman_fidelity.rs",
        ),
    ] {
        // The fidelity client also has its example calls: the tests send them.
        courier::Builder::new(spec)
            .with_examples(out == "postman_fidelity.rs")
            .generate_to_out_dir(out)
            .unwrap_or_else(|error| panic!("courier: {spec}: {error}"));
    }
}

/// `POST /accounts/{accountId}/sip_trunk/internal_numbers` from
/// `../shared/corpus/openapi/zoom-api.openapi.json`: that one path with the document's host,
/// media types, security definitions and requirements, written to `OUT_DIR` (never into the
/// repository) and generated as `zoom_swagger.rs`. Without the corpus, `courier_corpus` is not
/// set and the tests that need it say they are skipped.
fn zoom_swagger_seed() {
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let source = Path::new(&manifest).join("../../shared/corpus/openapi/zoom-api.openapi.json");
    println!("cargo::rerun-if-changed={}", source.display());
    let Ok(text) = std::fs::read_to_string(&source) else {
        println!(
            "cargo::warning=SKIPPED: {} is absent; the seed-twice tests will not run",
            source.display()
        );
        return;
    };
    let document: serde_json::Value =
        serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", source.display()));
    let path = "/accounts/{accountId}/sip_trunk/internal_numbers";
    let operation = &document["paths"][path]["post"];
    assert!(
        operation.is_object(),
        "the Zoom description has no POST {path}"
    );
    let mut seed = serde_json::Map::new();
    for key in [
        "swagger",
        "info",
        "host",
        "basePath",
        "schemes",
        "consumes",
        "produces",
        "securityDefinitions",
        "security",
    ] {
        if let Some(value) = document.get(key) {
            seed.insert(key.to_owned(), value.clone());
        }
    }
    seed.insert(
        "paths".to_owned(),
        serde_json::json!({ path: { "post": operation } }),
    );
    let out_dir = std::env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    let written = Path::new(&out_dir).join("zoom-seed.swagger.json");
    std::fs::write(&written, serde_json::to_string_pretty(&seed).expect("JSON"))
        .expect("OUT_DIR is writable");
    courier::Builder::new(&written)
        .generate_to_out_dir("zoom_swagger.rs")
        .unwrap_or_else(|error| panic!("courier: {}: {error}", written.display()));
    println!("cargo::rustc-cfg=courier_corpus");
}
