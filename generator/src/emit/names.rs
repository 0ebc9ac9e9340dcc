//! The Rust identifiers of one API, decided once before any code is emitted: type, field,
//! operation, builder, parameter and variant names, each unique in its scope.

use proc_macro2::{Ident, Span};

use crate::ir::{
    Api, BodyKind, KeyLocation, Location, Operation, Response, SchemeKind, SecurityScheme, Status,
    TypeId, TypeKind,
};
use crate::naming::{self, Namespace};

/// Names used by the generated code itself on `Client`; operations never take them.
const CLIENT_RESERVED: &[&str] = &[
    "builder", "base_url", "request", "execute", "clone", "fmt", "new", "http", "hook", "settings",
];
/// Names used by the generated code itself on `ClientBuilder`; credential setters never take
/// them.
const CLIENT_BUILDER_RESERVED: &[&str] = &[
    "base_url",
    "retry",
    "timeout",
    "deadline",
    "max_response_bytes",
    "settings",
    "before_attempt",
    "after_response",
    "token_provider",
    "client_credentials",
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
    "send",
    "body",
    "new",
    "client",
    "request",
    "response",
    "path",
    "form",
    "value",
    "url",
    "options",
    "with_options",
    "build",
    "set_body",
];
/// A credential the client is configured with. Several security schemes can share one: every
/// bearer-style scheme (bearer, OAuth 2.0, OpenID Connect) is one bearer token.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Credential {
    /// A key in a header, query parameter or cookie.
    ApiKey {
        /// Its wire name.
        name: String,
        /// Where it goes.
        location: KeyLocation,
    },
    /// HTTP basic user name and password.
    Basic {
        /// The collection variable holding the user name (one credential per variable).
        variable: Option<String>,
    },
    /// `Authorization: Bearer <token>`, standing for the schemes with these keys.
    Bearer {
        /// The description's names of those schemes, sorted.
        keys: Vec<String>,
        /// The collection variable holding the token (one credential per variable).
        variable: Option<String>,
    },
    /// A scheme the user performs in a request hook.
    Hook {
        /// The scheme's kind, as the description names it.
        kind: String,
    },
}

impl Credential {
    fn of(scheme: &SecurityScheme) -> Self {
        match &scheme.kind {
            SchemeKind::Bearer | SchemeKind::OAuth2 { .. } | SchemeKind::OpenIdConnect { .. } => {
                Credential::Bearer {
                    keys: vec![scheme.key.clone()],
                    variable: scheme.variable.clone(),
                }
            }
            SchemeKind::Basic => Credential::Basic {
                variable: scheme.variable.clone(),
            },
            SchemeKind::ApiKey { name, location } => Credential::ApiKey {
                name: name.clone(),
                location: *location,
            },
            SchemeKind::Unsupported { kind } => Credential::Hook { kind: kind.clone() },
        }
    }

    fn same_slot(&self, other: &Self) -> bool {
        match (self, other) {
            (Credential::Bearer { variable: a, .. }, Credential::Bearer { variable: b, .. })
            | (Credential::Basic { variable: a }, Credential::Basic { variable: b }) => a == b,
            (a, b) => a == b,
        }
    }
}

/// Every identifier of the generated crate.
#[derive(Debug)]
pub struct Names {
    /// By [`crate::ir::TypeId`].
    pub types: Vec<TypeNames>,
    /// By [`crate::ir::TypeId`]: for each field, whether it is a plain (non-`Option`) value.
    pub defs: Vec<Vec<bool>>,
    /// By operation index.
    pub operations: Vec<OperationNames>,
    /// The credentials, sorted.
    pub credentials: Vec<Credential>,
    /// By credential index.
    pub auth: Vec<AuthNames>,
    /// By security scheme index: the credential it is sent with.
    pub scheme_credentials: Vec<usize>,
    /// By configuration value index: the `ClientBuilder` setter and the field storing it.
    pub variables: Vec<Ident>,
    /// The base URLs operations are sent to instead of the API's, sorted, each with its
    /// `ClientBuilder` setter and `Client` field (`files_base_url` for `https://files.…`).
    pub servers: Vec<(crate::ir::OperationServer, Ident)>,
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

/// A type's identifier and its members' identifiers (fields, enum values, union variants).
#[derive(Debug)]
pub struct TypeNames {
    /// The type.
    pub ident: Ident,
    /// By field, value or variant index.
    pub fields: Vec<Ident>,
    /// The map of properties beyond the fields, for structs that keep them.
    pub additional: Option<Ident>,
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
    /// By parameter index ([`crate::ir::Operation::params`]).
    pub params: Vec<Ident>,
    /// Path parameters, in order.
    pub path_params: Vec<Ident>,
    /// Query parameters, in order.
    pub query: Vec<Ident>,
    /// Header parameters, in order.
    pub headers: Vec<Ident>,
    /// Cookie parameters, in order.
    pub cookies: Vec<Ident>,
    /// Error enum variants, by index into the operation's error responses.
    pub error_variants: Vec<Ident>,
    /// `set_…` setters taking an `Option`, by parameter index (used for optional query,
    /// header and cookie parameters); claimed after the parameters, so they never collide.
    pub set_params: Vec<Ident>,
}

impl Names {
    /// Operations with their names, in emission order.
    pub fn ordered<'a>(
        &'a self,
        api: &'a Api,
    ) -> impl Iterator<Item = (&'a Operation, &'a OperationNames)> {
        self.order
            .iter()
            .map(|&index| (&api.operations[index], &self.operations[index]))
    }

    /// The credentials an operation is sent with: those of every alternative requirement,
    /// in the description's order of preference. Each is sent when the client is configured
    /// with it, so a client configured for one alternative signs with that one.
    pub fn credentials_of(&self, op: &Operation) -> Vec<usize> {
        let mut used: Vec<usize> = Vec::new();
        for scheme in op.security.alternatives.iter().flatten() {
            let credential = self.scheme_credentials[scheme.scheme];
            if !used.contains(&credential) {
                used.push(credential);
            }
        }
        used
    }

    /// Decides every name of `api`.
    pub fn new(api: &Api) -> Self {
        let mut type_space = Namespace::new();
        // Names the generated code uses unqualified: the prelude, `Client`, `Error`, ….
        for reserved in naming::PRELUDE_TYPE_NAMES {
            type_space.reserve(reserved);
        }
        // Claimed in sorted order of their logical names, never in table order.
        let mut type_order: Vec<(TypeId, &crate::ir::TypeDef)> = api.types.iter().collect();
        type_order.sort_by(|(_, a), (_, b)| a.name.cmp(&b.name));
        let mut type_idents: Vec<Option<String>> = vec![None; api.types.len()];
        for (id, def) in type_order {
            // A name the generated code uses itself (`Result`) gives way to the qualified one.
            let mut ident = naming::type_ident(&def.name, "Type");
            if naming::PRELUDE_TYPE_NAMES.contains(&ident.as_str())
                && let Some(qualified) = &def.qualified
            {
                ident = naming::type_ident(qualified, "Type");
            }
            type_idents[id.0] = Some(type_space.claim(&ident));
        }
        let types = (0..api.types.len())
            .map(|index| {
                let ident = type_idents[index]
                    .clone()
                    .unwrap_or_else(|| "Type".to_owned());
                let mut member_space = Namespace::new();
                let def = api.types.get(TypeId(index));
                let fields = match def.map(|def| &def.kind) {
                    Some(TypeKind::Struct { fields, .. }) => fields
                        .iter()
                        .map(|field| {
                            ident_of(&member_space.claim(&naming::snake_ident(
                                &naming::words(&field.wire_name),
                                "field",
                            )))
                        })
                        .collect(),
                    Some(TypeKind::Enum { values, .. }) => values
                        .iter()
                        .map(|value| {
                            let text = match &value.value {
                                serde_json::Value::String(text) => text.clone(),
                                other => other.to_string(),
                            };
                            ident_of(
                                &member_space
                                    .claim(&naming::type_ident(&naming::words(&text), "Value")),
                            )
                        })
                        .collect(),
                    Some(TypeKind::Union { variants, .. }) => variants
                        .iter()
                        .map(|variant| {
                            ident_of(
                                &member_space.claim(&naming::type_ident(&variant.name, "Variant")),
                            )
                        })
                        .collect(),
                    Some(TypeKind::Alias { .. }) | None => Vec::new(),
                };
                let additional = match def.map(|def| &def.kind) {
                    Some(TypeKind::Struct {
                        additional: Some(_),
                        ..
                    }) => Some(ident_of(&member_space.claim("additional_properties"))),
                    _ => None,
                };
                TypeNames {
                    ident: ident_of(&ident),
                    fields,
                    additional,
                }
            })
            .collect();

        let mut methods = Namespace::new();
        for reserved in CLIENT_RESERVED {
            methods.reserve(reserved);
        }
        // Configuration values and credentials share the builder's setter names.
        let mut setters = Namespace::new();
        for reserved in CLIENT_BUILDER_RESERVED {
            setters.reserve(reserved);
        }
        let variables = api
            .config
            .iter()
            .map(|variable| {
                ident_of(&setters.claim(&naming::snake_ident(
                    &naming::words(&variable.name),
                    "variable",
                )))
            })
            .collect::<Vec<Ident>>();
        let mut order: Vec<usize> = (0..api.operations.len()).collect();
        order.sort_by(|&a, &b| api.operations[a].name.cmp(&api.operations[b].name));
        let mut operations: Vec<Option<OperationNames>> =
            (0..api.operations.len()).map(|_| None).collect();
        for &index in &order {
            let op = &api.operations[index];
            let method = methods.claim(&naming::snake_ident(&op.name, "operation"));
            let words = naming::words(&method);
            let suffixed = |suffix: &str, fallback: &str| {
                let mut all = words.clone();
                all.push(suffix.to_owned());
                naming::type_ident(&all, fallback)
            };
            let success = (success_responses(op).count() > 1)
                .then(|| ident_of(&type_space.claim(&suffixed("response", "OperationResponse"))));
            operations[index] = Some(OperationNames {
                method: ident_of(&method),
                builder: ident_of(&type_space.claim(&naming::type_ident(&words, "Operation"))),
                error: ident_of(&type_space.claim(&suffixed("error", "OperationError"))),
                success,
                ..params(op, &variables)
            });
        }
        let operations: Vec<OperationNames> = operations.into_iter().flatten().collect();
        let defs = (0..api.types.len())
            .map(
                |index| match api.types.get(TypeId(index)).map(|def| &def.kind) {
                    Some(TypeKind::Struct { fields, .. }) => fields.iter().map(is_plain).collect(),
                    _ => Vec::new(),
                },
            )
            .collect();

        // Credentials: one per distinct slot, sorted.
        let mut credentials: Vec<Credential> = Vec::new();
        for scheme in &api.security_schemes {
            let credential = Credential::of(scheme);
            match credentials.iter_mut().find(|c| c.same_slot(&credential)) {
                Some(Credential::Bearer { keys, .. }) => {
                    keys.push(scheme.key.clone());
                    keys.sort();
                    keys.dedup();
                }
                Some(_) => {}
                None => credentials.push(credential),
            }
        }
        credentials.sort();
        let scheme_credentials = api
            .security_schemes
            .iter()
            .map(|scheme| {
                let credential = Credential::of(scheme);
                credentials
                    .iter()
                    .position(|c| c.same_slot(&credential))
                    .unwrap_or_default()
            })
            .collect();
        let mut auth_methods = Namespace::new();
        for reserved in CLIENT_RESERVED {
            auth_methods.reserve(reserved);
        }
        for op in &names_of_methods(&operations) {
            auth_methods.reserve(op);
        }
        let api_keys = credentials
            .iter()
            .filter(|credential| matches!(credential, Credential::ApiKey { .. }))
            .count();
        let bearers = credentials
            .iter()
            .filter(|credential| matches!(credential, Credential::Bearer { .. }))
            .count();
        let basics = credentials
            .iter()
            .filter(|credential| matches!(credential, Credential::Basic { .. }))
            .count();
        let auth = credentials
            .iter()
            .map(|credential| {
                let words = match credential {
                    // Several tokens: each setter is named after the variable holding it.
                    Credential::Bearer {
                        variable: Some(variable),
                        ..
                    } if bearers > 1 => naming::words(variable),
                    Credential::Bearer { .. } => vec!["bearer".to_owned(), "token".to_owned()],
                    // Several: each named after the variable holding its user name.
                    Credential::Basic {
                        variable: Some(variable),
                    } if basics > 1 => {
                        let mut words = naming::words(variable);
                        words.extend(["basic".to_owned(), "auth".to_owned()]);
                        words
                    }
                    Credential::Basic { .. } => vec!["basic".to_owned(), "auth".to_owned()],
                    Credential::ApiKey { .. } if api_keys == 1 => {
                        vec!["api".to_owned(), "key".to_owned()]
                    }
                    Credential::ApiKey { name, .. } => naming::words(name),
                    Credential::Hook { kind } => naming::words(kind),
                };
                let setter = setters.claim(&naming::snake_ident(&words, "credential"));
                let mut method_words = vec!["authorize".to_owned()];
                if credentials.len() > 1 {
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
        let mut used: Vec<&crate::ir::OperationServer> = api
            .operations
            .iter()
            .filter_map(|op| op.server.as_ref())
            .collect();
        used.sort();
        used.dedup_by(|a, b| a.same_base(b));
        let servers = used
            .into_iter()
            .map(|server| {
                let mut words = server.name.clone();
                words.extend(["base".to_owned(), "url".to_owned()]);
                let ident = ident_of(&setters.claim(&naming::snake_ident(&words, "server")));
                (server.clone(), ident)
            })
            .collect();
        Names {
            types,
            defs,
            operations,
            credentials,
            auth,
            scheme_credentials,
            variables,
            servers,
            order,
        }
    }
}

/// Whether a struct field is a plain value rather than an `Option`.
pub fn is_plain(field: &crate::ir::Field) -> bool {
    field.required && !matches!(field.ty, crate::ir::TypeRef::Nullable(_))
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
    // `send` binds the configuration values its path uses under their own names.
    for part in &op.path {
        if let crate::ir::PathPart::Config(index) = part {
            scope.reserve(&variables[*index].to_string());
        }
    }
    let params: Vec<Ident> = op
        .params
        .iter()
        .map(|p| {
            ident_of(&scope.claim(&naming::snake_ident(&naming::words(&p.wire_name), "param")))
        })
        .collect();
    let of = |location: Location| -> Vec<Ident> {
        op.params_in(location)
            .map(|(index, _)| params[index].clone())
            .collect()
    };
    let set_params = params
        .iter()
        .map(|ident| {
            ident_of(&scope.claim(&format!("set_{}", ident.to_string().trim_end_matches('_'))))
        })
        .collect();
    let path_params = of(Location::Path);
    let query = of(Location::Query);
    let headers = of(Location::Header);
    let cookies = of(Location::Cookie);
    let mut variants = Namespace::new();
    let error_variants = error_responses(op)
        .map(|response| {
            let reason = response
                .reason
                .clone()
                .or_else(|| status_reason(response.status))
                .unwrap_or_else(|| status_words(response.status));
            ident_of(&variants.claim(&naming::type_ident(&naming::words(&reason), "Status")))
        })
        .collect();
    let mut success_space = Namespace::new();
    let success_variants = success_responses(op)
        .map(|response| {
            let reason =
                status_reason(response.status).unwrap_or_else(|| status_words(response.status));
            ident_of(&success_space.claim(&naming::type_ident(&naming::words(&reason), "Status")))
        })
        .collect();
    OperationNames {
        method: ident_of("operation"),
        builder: ident_of("Operation"),
        error: ident_of("OperationError"),
        success: None,
        success_variants,
        params,
        path_params,
        query,
        headers,
        cookies,
        error_variants,
        set_params,
    }
}

/// The standard reason phrase of a status, when it has one.
fn status_reason(status: Status) -> Option<String> {
    match status {
        Status::Code(code) => canonical_reason(code).map(str::to_owned),
        Status::Range(_) | Status::Default => None,
    }
}

/// `status 599`, `status 4xx`, `other status`: words naming a status without a reason.
fn status_words(status: Status) -> String {
    match status {
        Status::Code(code) => format!("status {code}"),
        Status::Range(class) => format!("status {class}xx"),
        Status::Default => "other status".to_owned(),
    }
}

/// The responses that become variants of the operation's error enum: statuses from 300 on,
/// ranges from `3XX` on, and the default.
pub fn error_responses(op: &Operation) -> impl Iterator<Item = &Response> {
    op.responses
        .iter()
        .filter(|response| match response.status {
            Status::Code(code) => code >= 300,
            Status::Range(class) => class >= 3,
            Status::Default => true,
        })
}

/// The responses that are successes (2xx).
pub fn success_responses(op: &Operation) -> impl Iterator<Item = &Response> {
    op.responses
        .iter()
        .filter(|response| response.status.is_success())
}

/// What a response's preferred content is.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// No body.
    Empty,
    /// Text.
    Text,
    /// JSON of this type.
    Json(&'a crate::ir::TypeRef),
    /// Server-sent events whose data is of this type (`String`: the data as sent).
    Events(&'a crate::ir::TypeRef),
}

/// The preferred content of a response: JSON first, then an event stream, then text.
pub fn response_body(response: &Response) -> Body<'_> {
    let of = |kind| {
        response
            .contents
            .iter()
            .find(|content| content.kind == kind)
    };
    if let Some(content) = of(BodyKind::Json) {
        return Body::Json(&content.ty);
    }
    if let Some(content) = of(BodyKind::EventStream) {
        return Body::Events(&content.ty);
    }
    if response.contents.is_empty() {
        Body::Empty
    } else {
        Body::Text
    }
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
