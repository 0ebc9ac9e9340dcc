//! courier's hand-written client runtime (`generator/src/runtime/`) compiled as real code.
//!
//! A generated crate carries the runtime as its `runtime` module: `core.rs`, `retry.rs`,
//! `call.rs` and `hooks.rs`, then `credentials.rs` when the API has tokens, passwords or keys,
//! `tokens.rs` when operations are sent with bearer tokens, `multipart.rs` when it sends form
//! bodies, and so on, concatenated into one file. `build.rs` builds that file from the same
//! fragments; one feature per optional fragment selects it, and the
//! dependencies are the ones a generated `Cargo.toml` lists. The tests here call the runtime
//! as a generated client does; `tests/feature_combinations.rs` compiles each combination of
//! sections on its own with clippy.

// As in a generated crate's `lib.rs`.
#![warn(missing_docs)]

// `pub mod runtime;`, with its file in `OUT_DIR` (see build.rs).
include!(concat!(env!("OUT_DIR"), "/runtime_mod.rs"));

/// Stand-in for a generated crate's `Client`. The runtime's only reference to the rest of a
/// crate is a doc link to `super::Client` (on `BuildError`), which `cargo doc` must resolve.
#[derive(Debug)]
pub struct Client;

#[cfg(test)]
mod tests;
