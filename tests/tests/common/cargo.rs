//! The nested cargo the corpus and fidelity tests build generated crates with: offline,
//! warnings are errors, one persistent target folder shared by every run.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Cargo {
    /// The workspace of generated crates.
    pub root: PathBuf,
    /// The target folder (`target/corpus`).
    pub target: PathBuf,
}

impl Cargo {
    /// Writes the workspace of `members` (folders under `root`) with the repository's lock
    /// file, built into the shared `target/corpus`.
    pub fn workspace(root: &Path, comment: &str, members: &[&str]) -> Cargo {
        let mut manifest = format!("# {comment}\n[workspace]\nresolver = \"3\"\nmembers = [\n");
        for member in members {
            writeln!(manifest, "    {member:?},").unwrap();
        }
        manifest.push_str("]\n");
        std::fs::write(root.join("Cargo.toml"), manifest).unwrap();
        let workspace = super::workspace();
        std::fs::copy(workspace.join("Cargo.lock"), root.join("Cargo.lock")).unwrap();
        Cargo {
            root: root.to_path_buf(),
            target: workspace.join("target/corpus"),
        }
    }

    /// `cargo {args[0]} --offline {args[1..]}` in the workspace.
    pub fn run(&self, args: &[&str]) -> Output {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        Command::new(cargo)
            .arg(args[0])
            .arg("--offline")
            .args(&args[1..])
            .current_dir(&self.root)
            .env("CARGO_TARGET_DIR", &self.target)
            .env("RUSTFLAGS", "-D warnings")
            // One-off builds of generated crates: incremental state and debug info would only
            // fill the disk (28 GB of the corpus's 35 GB were incremental caches).
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .expect("cargo runs")
    }
}
