//! Errors the library reports: every one names the input file and, for bad input, a
//! JSON-pointer-style location and what was expected there.

use std::fmt;
use std::path::PathBuf;

/// A problem at one place in an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The input file.
    pub file: PathBuf,
    /// Where in the document, e.g. `item[3].request.url`; empty for the document as a whole.
    pub location: String,
    /// What was wrong or expected there.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.location.is_empty() {
            write!(f, "{}: {}", self.file.display(), self.message)
        } else {
            write!(
                f,
                "{}: at {}: {}",
                self.file.display(),
                self.location,
                self.message
            )
        }
    }
}

/// Everything that can go wrong while generating.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input is not a description courier can read; each diagnostic is located.
    #[error("{}", display_all(.0))]
    Input(Vec<Diagnostic>),
    /// Reading or writing a file failed.
    #[error("{}: {source}", .path.display())]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Generated code did not parse: a bug in courier, never in the input.
    #[error("internal error: generated {file} does not parse: {message}")]
    Internal {
        /// The generated file.
        file: String,
        /// The parser's message.
        message: String,
    },
    /// The IR breaks one of its invariants (checked by `validate` before anything is
    /// emitted): a bug in a front end, never in the input.
    #[error("internal error: the IR breaks its invariants:\n{}", .0.join("\n"))]
    InvalidIr(Vec<String>),
}

impl Error {
    /// A single located input problem.
    pub fn input(
        file: impl Into<PathBuf>,
        location: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Error::Input(vec![Diagnostic {
            file: file.into(),
            location: location.into(),
            message: message.into(),
        }])
    }

    /// Whether the error is the input's fault (exit code 2 in the CLI).
    pub fn is_input_error(&self) -> bool {
        matches!(self, Error::Input(_))
    }
}

fn display_all(diagnostics: &[Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
