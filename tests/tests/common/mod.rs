//! Paths shared by the tests.

// Each test binary uses a subset of these.
#![allow(dead_code)]

pub mod cargo;
pub mod multipart;
pub mod recorded;
pub mod reorder;
pub mod seed;

use std::path::{Path, PathBuf};

/// Says that a test did not run, and why, where it is seen. libtest captures `eprintln!` from
/// a passing test, so a skip printed that way shows only with `--nocapture`: this writes to the
/// process's standard error directly, as `SKIPPED: ...` in the test run's output.
pub fn skipped(why: std::fmt::Arguments<'_>) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "SKIPPED: {why}");
}

/// The workspace root.
pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ is inside the workspace")
        .to_path_buf()
}

/// Every input in `specs/`, sorted.
pub fn specs() -> Vec<PathBuf> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(workspace().join("specs"))
        .expect("specs/ exists")
        .map(|entry| entry.expect("readable entry").path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "json" || ext == "yaml")
        })
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "specs/ holds at least the seed");
    specs
}

/// `zoom-add-internal-numbers` for `specs/zoom-add-internal-numbers.postman.json`.
pub fn stem(spec: &Path) -> String {
    let name = spec.file_name().unwrap().to_string_lossy();
    name.trim_end_matches(".json")
        .trim_end_matches(".yaml")
        .trim_end_matches(".postman")
        .trim_end_matches(".openapi")
        .trim_end_matches(".swagger")
        .to_owned()
}

/// The seed spec, from which `generated-client/` is generated.
pub fn seed() -> PathBuf {
    workspace().join("specs/zoom-add-internal-numbers.postman.json")
}
