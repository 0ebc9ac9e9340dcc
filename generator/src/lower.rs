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
    /// Every example the description gives for a response body, a request body or a schema,
    /// for checking the generated types against them.
    pub examples: Vec<Example>,
}

/// An example value and what it is an example of.
#[derive(Debug, Clone)]
pub struct Example {
    /// Whose example it is.
    pub of: ExampleOf,
    /// Location in the input, e.g. `item[3].response[0]`.
    pub location: String,
    /// The value, as JSON text.
    pub body: String,
}

/// What an [`Example`] is an example of.
#[derive(Debug, Clone, PartialEq)]
pub enum ExampleOf {
    /// The body of an operation's response with this status (a Postman saved response: its
    /// type is the response's).
    Response {
        /// Index of the operation in [`Api::operations`].
        operation: usize,
        /// Its status.
        status: u16,
    },
    /// A value of the schema at `schema` (a JSON pointer into the description), whose type is
    /// `ty`: a schema's own `example`/`examples`, or a media type's (request or response).
    Schema {
        /// The generated type of the schema.
        ty: crate::ir::TypeRef,
        /// Where the schema is, e.g. `#/components/schemas/Pet`.
        schema: String,
    },
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
    let mut lowered = lowered;
    crate::paging::detect(&mut lowered.api);
    crate::validate::validate(&lowered.api)?;
    Ok(lowered)
}
