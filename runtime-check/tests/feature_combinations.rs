//! Every combination of runtime sections a spec can select compiles on its own and passes
//! clippy with warnings as errors, and the whole runtime documents without rustdoc warnings.
//! A generated crate carries `core.rs` always, `credentials.rs` when the API has tokens,
//! passwords or keys, `tokens.rs` when operations are sent with bearer tokens, `multipart.rs` when it sends form bodies, `params.rs` when a parameter
//! or form field is typed, `events.rs` when an operation answers `text/event-stream`, and
//! `paging.rs` when one pages.
//!
//! Cargo unifies features across a workspace build, so `cargo clippy --workspace` only ever
//! sees this crate with both sections (and reqwest with every feature the workspace uses).
//! Each combination is checked here by a nested cargo selecting only this package, so reqwest
//! has exactly the features this crate asks for, as in a generated crate. The nested cargo is
//! offline and `--locked`, with its own target folder under `target/` (sharing the outer one
//! would deadlock on its lock). That is the folder `tests/tests/compile.rs` builds the
//! generated crates in, with the same flags and dependency profile, so the dependencies
//! (the TLS stack above all) are compiled once for both.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

const COMBINATIONS: [&str; 10] = [
    "",
    "credentials",
    "tokens",
    "multipart",
    "params",
    "events",
    "paging",
    "tracing",
    "credentials,tokens,multipart",
    "credentials,tokens,multipart,params,events,paging,tracing",
];

#[test]
fn every_combination_of_runtime_sections_passes_clippy_and_documents() {
    let mut failures = Vec::new();
    for features in COMBINATIONS {
        let name = if features.is_empty() {
            "core only"
        } else {
            features
        };
        let started = Instant::now();
        let clippy = nested_cargo(&[
            "clippy",
            "--all-targets",
            "--no-default-features",
            "--features",
            features,
            "--",
            "-D",
            "warnings",
        ]);
        eprintln!("clippy, {name}: {:.1?}", started.elapsed());
        failures.extend(clippy.err().map(|error| format!("{name}: {error}")));
    }
    // The docs of every section, as `compile.rs` documents a generated crate: no rustdoc
    // warnings, intra-doc links resolve.
    let started = Instant::now();
    let doc = nested_cargo(&[
        "doc",
        "--no-deps",
        "--no-default-features",
        "--features",
        "credentials,multipart,params,events,paging,tracing",
    ]);
    eprintln!("doc, every section: {:.1?}", started.elapsed());
    failures.extend(doc.err());
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Runs `cargo <args>` on this package alone; `Err` holds its stderr when it fails.
fn nested_cargo(args: &[&str]) -> Result<(), String> {
    let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
    let workspace = manifest_dir
        .parent()
        .expect("the crate is in the workspace");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let (command, rest) = args.split_first().expect("a cargo command");
    let output = Command::new(cargo)
        .arg(command)
        .args(["--offline", "--locked", "--quiet"])
        .args(["--package", env!("CARGO_PKG_NAME")])
        // Generated crates have no profile of their own: dependencies built as in compile.rs.
        .args(["--config", r#"profile.dev.package."*".opt-level=0"#])
        .args(rest)
        .current_dir(workspace)
        .env(
            "CARGO_TARGET_DIR",
            workspace.join("target/generated-crates"),
        )
        .env("RUSTFLAGS", "-D warnings")
        // One-off builds of generated crates: incremental state and debug info would only
        // fill the disk (28 GB of the corpus's 35 GB were incremental caches).
        .env("CARGO_INCREMENTAL", "0")
        .env("CARGO_PROFILE_DEV_DEBUG", "0")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTDOCFLAGS")
        .env("CARGO_TERM_COLOR", "never")
        .output()
        .expect("cargo runs");
    if output.status.success() {
        Ok(())
    } else {
        Err(format!(
            "`cargo {}` failed:\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ))
    }
}
