//! The Rust identifiers of one API, decided once before any code is emitted: type, field,
//! operation, builder, parameter and variant names, each unique in its scope.

use proc_macro2::{Ident, Span};

use crate::ir::{Api, Operation, Response, TypeKind};
use crate::naming::{self, Namespace};

/// Names used by the generated code itself on `Client`; operations never take them.
const CLIENT_RESERVED: &[&str] = &["builder", "base_url", "request", "clone", "fmt", "new"];
/// Names used by the generated code itself on request builders.
const BUILDER_RESERVED: &[&str] = &["send", "body", "new", "client"];
/// Type names the generated crate defines besides those of the API.
const TYPE_RESERVED: &[&str] = &[
    "Client",
    "ClientBuilder",
    "Error",
    "Response",
    "Result",
    "Option",
    "String",
    "Vec",
    "Box",
];

/// Every identifier of the generated crate.
#[derive(Debug)]
pub struct Names {
    /// By [`crate::ir::TypeId`].
    pub types: Vec<TypeNames>,
    /// By [`crate::ir::TypeId`]: for each field, whether it is a plain (non-`Option`) value.
    pub defs: Vec<Vec<bool>>,
    /// By operation index.
    pub operations: Vec<OperationNames>,
}

/// A struct's identifier and its fields' identifiers.
#[derive(Debug)]
pub struct TypeNames {
    /// The struct.
    pub ident: Ident,
    /// By field index.
    pub fields: Vec<Ident>,
}

/// Identifiers belonging to one operation.
#[derive(Debug)]
pub struct OperationNames {
    /// Method on `Client` (snake case).
    pub method: Ident,
    /// Request builder struct.
    pub builder: Ident,
    /// Documented-error enum.
    pub error: Ident,
    /// By path parameter index.
    pub path_params: Vec<Ident>,
    /// By query parameter index.
    pub query: Vec<Ident>,
    /// By header parameter index.
    pub headers: Vec<Ident>,
    /// Error enum variants, by index into the operation's error responses.
    pub error_variants: Vec<Ident>,
}

impl Names {
    /// Decides every name of `api`.
    pub fn new(api: &Api) -> Self {
        let mut type_space = Namespace::new();
        for reserved in TYPE_RESERVED {
            type_space.reserve(reserved);
        }
        let types = api
            .types
            .iter()
            .map(|def| {
                let ident =
                    type_space.claim(&naming::type_ident(&naming::words(&def.name), "Type"));
                let TypeKind::Struct { fields } = &def.kind;
                let mut field_space = Namespace::new();
                let fields = fields
                    .iter()
                    .map(|field| {
                        ident_of(&field_space.claim(&naming::snake_ident(
                            &naming::words(&field.wire_name),
                            "field",
                        )))
                    })
                    .collect();
                TypeNames {
                    ident: ident_of(&ident),
                    fields,
                }
            })
            .collect();

        let mut methods = Namespace::new();
        for reserved in CLIENT_RESERVED {
            methods.reserve(reserved);
        }
        let operations = api
            .operations
            .iter()
            .map(|op| {
                let method = methods.claim(&naming::snake_ident(&op.name, "operation"));
                let words = naming::words(&method);
                OperationNames {
                    method: ident_of(&method),
                    builder: ident_of(&type_space.claim(&naming::type_ident(&words, "Operation"))),
                    error: ident_of(&type_space.claim(&naming::type_ident(
                        &[words.clone(), vec!["error".to_owned()]].concat(),
                        "OperationError",
                    ))),
                    ..params(op)
                }
            })
            .collect();
        let defs = api
            .types
            .iter()
            .map(|def| {
                let TypeKind::Struct { fields } = &def.kind;
                fields
                    .iter()
                    .map(|field| field.required && !field.nullable)
                    .collect()
            })
            .collect();
        Names {
            types,
            defs,
            operations,
        }
    }
}

/// Parameter and variant names of one operation (builder and enum scopes).
fn params(op: &Operation) -> OperationNames {
    let mut scope = Namespace::new();
    for reserved in BUILDER_RESERVED {
        scope.reserve(reserved);
    }
    let mut claim =
        |wire: &str| ident_of(&scope.claim(&naming::snake_ident(&naming::words(wire), "param")));
    let path_params = op.path_params.iter().map(|p| claim(&p.wire_name)).collect();
    let query = op.query.iter().map(|p| claim(&p.wire_name)).collect();
    let headers = op.headers.iter().map(|p| claim(&p.wire_name)).collect();
    let mut variants = Namespace::new();
    let error_variants = error_responses(op)
        .map(|response| {
            let reason = response
                .reason
                .clone()
                .or_else(|| canonical_reason(response.status).map(str::to_owned))
                .unwrap_or_else(|| format!("status {}", response.status));
            ident_of(&variants.claim(&naming::type_ident(&naming::words(&reason), "Status")))
        })
        .collect();
    OperationNames {
        method: ident_of("operation"),
        builder: ident_of("Operation"),
        error: ident_of("OperationError"),
        path_params,
        query,
        headers,
        error_variants,
    }
}

/// The responses that become variants of the operation's error enum (status ≥ 300).
pub fn error_responses(op: &Operation) -> impl Iterator<Item = &Response> {
    op.responses
        .iter()
        .filter(|response| response.status >= 300)
}

/// The responses that are successes (2xx).
pub fn success_responses(op: &Operation) -> impl Iterator<Item = &Response> {
    op.responses
        .iter()
        .filter(|response| (200..300).contains(&response.status))
}

/// The standard reason phrase of a status code.
pub fn canonical_reason(status: u16) -> Option<&'static str> {
    Some(match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        422 => "Unprocessable Entity",
        423 => "Locked",
        424 => "Failed Dependency",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => return None,
    })
}

/// An identifier from a string the naming module produced. Should the string ever not be a
/// valid identifier (a bug), a placeholder is used instead of panicking; the generated code
/// then fails to compile in our own tests rather than in a user's build script.
pub fn ident_of(name: &str) -> Ident {
    match syn::parse_str::<Ident>(name) {
        Ok(ident) if !name.starts_with("r#") => ident,
        _ => Ident::new("invalid_identifier", Span::call_site()),
    }
}
