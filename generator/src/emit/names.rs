//! The Rust identifiers of one API, decided once before any code is emitted: type, field,
//! operation, builder, parameter and variant names, each unique in its scope.

use proc_macro2::{Ident, Span};

use crate::ir::{Api, AuthScheme, Operation, Response, TypeKind};
use crate::naming::{self, Namespace};

/// Names used by the generated code itself on `Client`; operations never take them.
const CLIENT_RESERVED: &[&str] = &[
    "builder", "base_url", "request", "execute", "clone", "fmt", "new", "http", "hook",
];
/// Names used by the generated code itself on `ClientBuilder`; credential setters never take
/// them.
const CLIENT_BUILDER_RESERVED: &[&str] = &[
    "base_url",
    "timeout",
    "connect_timeout",
    "http_client",
    "request_hook",
    "build",
    "default",
    "fmt",
];
/// Names used by the generated code itself on request builders (methods and the locals of
/// `send`), which parameters never take.
const BUILDER_RESERVED: &[&str] = &[
    "send", "body", "new", "client", "request", "response", "path", "form", "value", "url",
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
    /// By auth scheme index.
    pub auth: Vec<AuthNames>,
    /// By variable index: the `ClientBuilder` setter and the field storing the value.
    pub variables: Vec<Ident>,
    /// Operation indices sorted by method name: the order code is emitted in, so moving items
    /// in the collection does not move code.
    pub order: Vec<usize>,
}

/// Identifiers of one authentication scheme.
#[derive(Debug)]
pub struct AuthNames {
    /// The `ClientBuilder` setter and the field that stores its value.
    pub setter: Ident,
    /// The `Client` method that adds the credentials to a request.
    pub method: Ident,
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
    /// Success enum, when more than one 2xx status is documented.
    pub success: Option<Ident>,
    /// Success enum variants, by index into the operation's success responses.
    pub success_variants: Vec<Ident>,
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
    /// Operations with their names, in emission order.
    pub fn ordered<'a>(
        &'a self,
        api: &'a Api,
    ) -> impl Iterator<Item = (&'a Operation, &'a OperationNames)> {
        self.order
            .iter()
            .filter_map(|&index| Some((api.operations.get(index)?, self.operations.get(index)?)))
    }

    /// Decides every name of `api`.
    pub fn new(api: &Api) -> Self {
        let mut type_space = Namespace::new();
        // Names the generated code uses unqualified: the prelude, `Client`, `Error`, ….
        for reserved in naming::PRELUDE_TYPE_NAMES {
            type_space.reserve(reserved);
        }
        let types = api
            .types
            .iter()
            .map(|def| {
                let ident =
                    type_space.claim(&naming::type_ident(&naming::words(&def.name), "Type"));
                let mut member_space = Namespace::new();
                let fields = match &def.kind {
                    TypeKind::Struct { fields } => fields
                        .iter()
                        .map(|field| {
                            ident_of(&member_space.claim(&naming::snake_ident(
                                &naming::words(&field.wire_name),
                                "field",
                            )))
                        })
                        .collect(),
                    TypeKind::Enum { values } => values
                        .iter()
                        .map(|value| {
                            ident_of(
                                &member_space
                                    .claim(&naming::type_ident(&naming::words(value), "Value")),
                            )
                        })
                        .collect(),
                };
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
        // Configuration variables and credentials share the builder's setter names.
        let mut setters = Namespace::new();
        for reserved in CLIENT_BUILDER_RESERVED {
            setters.reserve(reserved);
        }
        let variables = api
            .variables
            .iter()
            .map(|variable| {
                ident_of(&setters.claim(&naming::snake_ident(
                    &naming::words(&variable.name),
                    "variable",
                )))
            })
            .collect::<Vec<Ident>>();
        let operations: Vec<OperationNames> = api
            .operations
            .iter()
            .map(|op| {
                let method = methods.claim(&naming::snake_ident(&op.name, "operation"));
                let words = naming::words(&method);
                let suffixed = |suffix: &str, fallback: &str| {
                    let mut all = words.clone();
                    all.push(suffix.to_owned());
                    naming::type_ident(&all, fallback)
                };
                let success = (success_responses(op).count() > 1).then(|| {
                    ident_of(&type_space.claim(&suffixed("response", "OperationResponse")))
                });
                OperationNames {
                    method: ident_of(&method),
                    builder: ident_of(&type_space.claim(&naming::type_ident(&words, "Operation"))),
                    error: ident_of(&type_space.claim(&suffixed("error", "OperationError"))),
                    success,
                    ..params(op, &variables)
                }
            })
            .collect();
        let defs = api
            .types
            .iter()
            .map(|def| match &def.kind {
                TypeKind::Struct { fields } => fields.iter().map(is_plain).collect(),
                TypeKind::Enum { .. } => Vec::new(),
            })
            .collect();
        let mut auth_methods = Namespace::new();
        for reserved in CLIENT_RESERVED {
            auth_methods.reserve(reserved);
        }
        for op in &names_of_methods(&operations) {
            auth_methods.reserve(op);
        }
        let api_keys = api
            .auth_schemes
            .iter()
            .filter(|scheme| matches!(scheme, AuthScheme::ApiKey { .. }))
            .count();
        let auth = api
            .auth_schemes
            .iter()
            .map(|scheme| {
                let words = match scheme {
                    AuthScheme::Bearer { .. } => vec!["bearer".to_owned(), "token".to_owned()],
                    AuthScheme::Basic => vec!["basic".to_owned(), "auth".to_owned()],
                    AuthScheme::ApiKey { .. } if api_keys == 1 => {
                        vec!["api".to_owned(), "key".to_owned()]
                    }
                    AuthScheme::ApiKey { name, .. } => naming::words(name),
                    AuthScheme::Hook { kind } => naming::words(kind),
                };
                let setter = setters.claim(&naming::snake_ident(&words, "credential"));
                let mut method_words = vec!["authorize".to_owned()];
                if api.auth_schemes.len() > 1 {
                    method_words.extend(naming::words(&setter));
                }
                AuthNames {
                    setter: ident_of(&setter),
                    method: ident_of(
                        &auth_methods.claim(&naming::snake_ident(&method_words, "authorize")),
                    ),
                }
            })
            .collect();
        let mut order: Vec<usize> = (0..operations.len()).collect();
        order.sort_by_key(|&index| operations[index].method.to_string());
        Names {
            types,
            defs,
            operations,
            auth,
            variables,
            order,
        }
    }
}

/// Whether a struct field is a plain value rather than an `Option`.
pub fn is_plain(field: &crate::ir::Field) -> bool {
    field.required && !field.nullable
}

fn names_of_methods(operations: &[OperationNames]) -> Vec<String> {
    operations.iter().map(|op| op.method.to_string()).collect()
}

/// Parameter and variant names of one operation (builder and enum scopes).
fn params(op: &Operation, variables: &[Ident]) -> OperationNames {
    let mut scope = Namespace::new();
    for reserved in BUILDER_RESERVED {
        scope.reserve(reserved);
    }
    // `send` binds the variables its path uses under their own names.
    for part in &op.path {
        if let crate::ir::PathPart::Variable(index) = part
            && let Some(variable) = variables.get(*index)
        {
            scope.reserve(&variable.to_string());
        }
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
    let mut success_space = Namespace::new();
    let success_variants = success_responses(op)
        .map(|response| {
            let reason = canonical_reason(response.status)
                .map(str::to_owned)
                .unwrap_or_else(|| format!("status {}", response.status));
            ident_of(&success_space.claim(&naming::type_ident(&naming::words(&reason), "Status")))
        })
        .collect();
    OperationNames {
        method: ident_of("operation"),
        builder: ident_of("Operation"),
        error: ident_of("OperationError"),
        success: None,
        success_variants,
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
