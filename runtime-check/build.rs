//! Writes the runtime module into `OUT_DIR` exactly as courier writes a generated crate's
//! `src/runtime.rs`: the core fragments, then `credentials.rs`, `tokens.rs`, `multipart.rs`, `params.rs`, `events.rs` and
//! `paging.rs`, each only
//! when its feature is on, concatenated into one module (`runtime_text` in
//! `generator/src/emit/mod.rs`).
//!
//! A generated crate declares the file with `pub mod runtime;`. `#[path]` only takes a
//! literal and the fragments open with inner docs (`//!`), which `include!` refuses, so the
//! declaration is written here too and `lib.rs` includes that.

use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir = env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let fragments = Path::new(&manifest_dir).join("../generator/src/runtime");
    let sections = [
        ("core.rs", true),
        ("retry.rs", true),
        ("call.rs", true),
        ("hooks.rs", true),
        ("credentials.rs", feature("CREDENTIALS")),
        ("tokens.rs", feature("TOKENS")),
        ("multipart.rs", feature("MULTIPART")),
        ("params.rs", feature("PARAMS")),
        ("events.rs", feature("EVENTS")),
        ("paging.rs", feature("PAGING")),
    ];
    let mut text = String::new();
    for (file, selected) in sections {
        let path = fragments.join(file);
        println!("cargo::rerun-if-changed={}", path.display());
        if selected {
            let fragment = fs::read_to_string(&path)
                .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()));
            text.push_str(&fragment);
        }
    }

    let out_dir = PathBuf::from(env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let runtime = out_dir.join("runtime.rs");
    write(&runtime, &text);
    let runtime = runtime.to_str().expect("OUT_DIR is UTF-8");
    write(
        &out_dir.join("runtime_mod.rs"),
        &format!("#[path = {runtime:?}]\npub mod runtime;\n"),
    );
}

fn feature(name: &str) -> bool {
    env::var_os(format!("CARGO_FEATURE_{name}")).is_some()
}

fn write(path: &Path, text: &str) {
    fs::write(path, text)
        .unwrap_or_else(|error| panic!("cannot write {}: {error}", path.display()));
}
