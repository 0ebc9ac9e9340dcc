//! courier turns API descriptions into typed, documented Rust client crates.
//!
//! The pipeline is `load` (input-shaped model, located errors) → `lower` (format-neutral
//! [`ir::Api`]) → `emit` (tokens with `quote!`) → `render` (prettyplease). The library returns
//! data ([`Generated`]); the CLI and the build-script helpers are thin layers over it.
//!
//! From a build script:
//!
//! ```no_run
//! // build.rs
//! courier::Builder::new("specs/zoom.postman.json")
//!     .generate_to_out_dir("zoom.rs")
//!     .unwrap_or_else(|error| panic!("{error}"));
//! // src/lib.rs: include!(concat!(env!("OUT_DIR"), "/zoom.rs"));
//! ```
#![deny(missing_docs)]

pub mod docs;
pub mod emit;
pub mod error;
pub mod ir;
pub mod load;
pub mod lower;
pub mod naming;
pub mod openapi;
pub mod output;
pub mod paging;
pub mod postman;
pub mod render;
pub mod validate;

use std::path::{Path, PathBuf};

pub use error::{Diagnostic, Error, Result};
pub use load::Limits;

/// Settings for one generation run. Every setting has a documented default.
#[derive(Debug, Clone)]
pub struct Builder {
    input: PathBuf,
    crate_name: Option<String>,
    version: String,
    limits: Limits,
    options: emit::Options,
}

impl Builder {
    /// Generation from the description at `input` (a Postman collection v2.0/v2.1 or a
    /// single exported request item).
    pub fn new(input: impl Into<PathBuf>) -> Self {
        Self {
            input: input.into(),
            crate_name: None,
            version: "0.1.0".to_owned(),
            limits: Limits::default(),
            options: emit::Options::default(),
        }
    }

    /// Sets the generated package's name. Default: derived from the description's title
    /// (`Zoom API` → `zoom-api`).
    pub fn with_crate_name(mut self, name: impl Into<String>) -> Self {
        self.crate_name = Some(name.into());
        self
    }

    /// Sets the generated package's version. Default: `0.1.0`.
    pub fn with_version(mut self, version: impl Into<String>) -> Self {
        self.version = version.into();
        self
    }

    /// Also emits an `examples` module: each operation called with the description's own
    /// values (path parameters from their examples, the request's body), "the request as
    /// documented". Default: off.
    pub fn with_examples(mut self, examples: bool) -> Self {
        self.options.examples = examples;
        self
    }

    /// Sets input limits (file size, nesting depth). Default: [`Limits::default`].
    pub fn with_limits(mut self, limits: Limits) -> Self {
        self.limits = limits;
        self
    }

    /// The input file.
    pub fn input(&self) -> &Path {
        &self.input
    }

    /// Reads the input and lowers it into the IR, with warnings for skipped parts.
    pub fn lower(&self) -> Result<lower::Lowered> {
        let document = load::load(&self.input, &self.limits)?;
        lower::lower(&document, &self.input)
    }

    /// Generates the crate in memory. Nothing is written.
    pub fn generate(&self) -> Result<Generated> {
        let lowered = self.lower()?;
        let info = emit::CrateInfo {
            name: self
                .crate_name
                .clone()
                .unwrap_or_else(|| naming::crate_name(&lowered.api.title)),
            version: self.version.clone(),
            source: self
                .input
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default(),
        };
        let files = emit::crate_files_with(&lowered.api, &info, self.options)?
            .into_iter()
            .map(|(path, contents)| GeneratedFile { path, contents })
            .collect();
        Ok(Generated {
            crate_name: info.name,
            files,
            warnings: lowered.warnings,
            api: lowered.api,
        })
    }

    /// For build scripts: generates the client as one file of modules into `$OUT_DIR/file_name`
    /// (written only when its content changed), prints `cargo::rerun-if-changed` for the input
    /// and `cargo::warning=` for each warning, and returns the written path.
    pub fn generate_to_out_dir(&self, file_name: &str) -> Result<PathBuf> {
        println!("cargo::rerun-if-changed={}", self.input.display());
        let out_dir = std::env::var_os("OUT_DIR")
            .map(PathBuf::from)
            .ok_or_else(|| Error::Io {
                path: PathBuf::from("$OUT_DIR"),
                source: std::io::Error::other("OUT_DIR is not set: call this from a build script"),
            })?;
        let lowered = self.lower()?;
        for warning in &lowered.warnings {
            println!(
                "cargo::warning={}",
                warning.to_string().replace(['\n', '\r'], " ")
            );
        }
        let path = out_dir.join(file_name);
        output::write_if_changed(&path, &emit::single_file_with(&lowered.api, self.options)?)?;
        Ok(path)
    }
}

/// A generated crate, in memory.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The package name.
    pub crate_name: String,
    /// Every file, sorted by path.
    pub files: Vec<GeneratedFile>,
    /// Parts of the input that were skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// The IR the crate was generated from.
    pub api: ir::Api,
}

/// One generated file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedFile {
    /// Path relative to the crate root, `/`-separated.
    pub path: String,
    /// Contents.
    pub contents: String,
}

impl Generated {
    /// The contents of the file at `path`, if generated.
    pub fn file(&self, path: &str) -> Option<&str> {
        self.files
            .iter()
            .find(|file| file.path == path)
            .map(|file| file.contents.as_str())
    }

    /// Writes the crate into `dir` (see [`output::write_crate`]).
    pub fn write_to(&self, dir: &Path) -> Result<output::WriteSummary> {
        output::write_crate(&self.files, dir)
    }

    /// Compares the crate with what is in `dir` (see [`output::check_crate`]).
    pub fn check(&self, dir: &Path) -> Result<output::Freshness> {
        output::check_crate(&self.files, dir)
    }
}
