//! Every input in `specs/` generates a crate that compiles with zero warnings, passes
//! `clippy -D warnings` and documents without rustdoc warnings.
//!
//! Each crate is written to a temporary folder and checked by a nested cargo with its own
//! target folder under `target/` (sharing the outer one would deadlock on its lock), offline,
//! with the workspace's lock file so it builds the same dependency versions.

mod common;

use std::process::Command;

#[test]
fn generated_crates_compile_warning_free_and_pass_clippy() {
    let workspace = common::workspace();
    let target = workspace.join("target/generated-crates");
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let root = tempfile::tempdir().unwrap();
    for spec in common::specs() {
        let stem = common::stem(&spec);
        let dir = root.path().join(&stem);
        // With the opt-in example calls: they must compile warning-free too.
        let generated = courier::Builder::new(&spec)
            .with_examples(true)
            .generate()
            .unwrap();
        generated.write_to(&dir).unwrap();
        std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

        let run = |args: &[&str]| {
            let output = Command::new(&cargo)
                .arg("--offline")
                .args(args)
                .current_dir(&dir)
                .env("CARGO_TARGET_DIR", &target)
                .env("RUSTFLAGS", "-D warnings")
                // One-off builds of generated crates: incremental state and debug info would only
                // fill the disk (28 GB of the corpus's 35 GB were incremental caches).
                .env("CARGO_INCREMENTAL", "0")
                .env("CARGO_PROFILE_DEV_DEBUG", "0")
                .env("RUSTDOCFLAGS", "-D warnings")
                .env_remove("CARGO_ENCODED_RUSTFLAGS")
                .output()
                .expect("cargo runs");
            assert!(
                output.status.success(),
                "`cargo {}` failed for {stem}:\n{}",
                args.join(" "),
                String::from_utf8_lossy(&output.stderr)
            );
        };
        run(&["clippy", "--all-targets", "--", "-D", "warnings"]);
        run(&["doc", "--no-deps"]);
    }
}
