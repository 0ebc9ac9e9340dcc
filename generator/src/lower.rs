//! Front-end dispatch: each input format is lowered by its own front end into the same
//! [`ir::Api`](crate::ir::Api), then checked by [`crate::validate`]. Callers (the CLI, build
//! scripts) only see the format-neutral [`Lowered`].

use std::path::Path;

use crate::error::{Diagnostic, Error, Result};
use crate::ir::Api;
use crate::load::Document;

/// The result of lowering: the API and what could not be represented.
#[derive(Debug)]
pub struct Lowered {
    /// The API.
    pub api: Api,
    /// Parts of the input that were skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// Every example body the description gives for a response, for checking the generated
    /// types against them.
    pub examples: Vec<Example>,
}

/// An example response body and where its type is.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index of the operation in [`Api::operations`].
    pub operation: usize,
    /// Its status.
    pub status: u16,
    /// Location in the input, e.g. `item[3].response[0]`.
    pub location: String,
    /// The body text.
    pub body: String,
}

/// Lowers a loaded document (read from `file`, named in messages) and validates the result.
pub fn lower(document: &Document, file: &Path) -> Result<Lowered> {
    let lowered = match document {
        Document::Postman { collection, .. } => {
            let lowered = crate::postman::lower::lower(collection, file);
            if lowered.api.operations.is_empty() {
                return Err(Error::input(
                    file,
                    "item",
                    "the collection has no requests; expected at least one request item",
                ));
            }
            lowered
        }
        Document::OpenApi(spec) => {
            let lowered = crate::openapi::lower(spec, file)?;
            if lowered.api.operations.is_empty() && lowered.api.types.is_empty() {
                return Err(Error::input(
                    file,
                    "#/paths",
                    "the description has no operations, webhooks or schemas; expected at least \
                     one",
                ));
            }
            lowered
        }
    };
    crate::validate::validate(&lowered.api)?;
    Ok(lowered)
}
