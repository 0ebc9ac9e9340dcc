//! A generated crate carries only the runtime its API can use: the token provider and OAuth 2.0
//! client credentials (`runtime/tokens.rs`) only when operations are sent with bearer tokens.
//! (Every combination of sections compiles on its own: `runtime-check`'s feature test.)

use std::fs;

/// One operation, signed with `security` (a JSON security-scheme object), or unsigned.
fn api(security: Option<&str>) -> String {
    let (schemes, requirement) = match security {
        Some(scheme) => (
            format!(r#", "components": {{"securitySchemes": {{"auth": {scheme}}}}}"#),
            r#", "security": [{"auth": []}]"#,
        ),
        None => (String::new(), ""),
    };
    format!(
        r#"{{"openapi": "3.0.3", "info": {{"title": "Sections", "version": "1"}},
            "paths": {{"/things": {{"get": {{"operationId": "listThings",
                "responses": {{"204": {{"description": "none"}}}}}}}}}}{schemes}{requirement}}}"#
    )
}

fn generated(spec: &str) -> (String, String) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("sections.openapi.json");
    fs::write(&path, spec).expect("the spec is written");
    let generated = courier::Builder::new(&path)
        .generate()
        .unwrap_or_else(|error| panic!("{error}"));
    let file = |name: &str| {
        generated
            .file(name)
            .unwrap_or_else(|| panic!("{name} is generated"))
            .to_owned()
    };
    (file("src/runtime.rs"), file("src/client.rs"))
}

#[test]
fn token_providers_only_where_operations_send_bearer_tokens() {
    for (security, tokens) in [
        (None, false),
        (
            Some(r#"{"type": "apiKey", "in": "header", "name": "X-Key"}"#),
            false,
        ),
        (Some(r#"{"type": "http", "scheme": "basic"}"#), false),
        (Some(r#"{"type": "http", "scheme": "bearer"}"#), true),
        (
            Some(
                r#"{"type": "oauth2", "flows": {"clientCredentials": {"tokenUrl": "https://auth.example.test/token", "scopes": {}}}}"#,
            ),
            true,
        ),
    ] {
        let (runtime, client) = generated(&api(security));
        let label = security.unwrap_or("no security");
        assert_eq!(
            runtime.contains("pub trait TokenProvider"),
            tokens,
            "{label}: the token section"
        );
        assert_eq!(
            client.contains("pub fn token_provider"),
            tokens,
            "{label}: the token_provider setter"
        );
        // The seam the call loop reads tokens through is always there.
        assert!(runtime.contains("trait BearerSource"), "{label}");
    }
}
