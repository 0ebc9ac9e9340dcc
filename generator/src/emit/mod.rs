//! From IR to the files of a crate: one emitter per concern, `quote!` only; `render` formats.

mod builders;
mod client;
mod enums;
mod examples;
mod manifest;
pub mod names;
pub mod rustdoc;
mod types;
mod usage;

use proc_macro2::TokenStream;
use quote::quote;

use crate::error::Result;
use crate::ir::{
    Api, BodyKind, KeyLocation, Location, Operation, PathPart, Scalar, TypeKind, TypeRef,
};
use crate::render;
use names::{Body, Credential, Names, OperationNames, response_body};
pub(crate) use rustdoc::doc;
use rustdoc::inner_doc;

/// What is emitted beyond the client itself.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// An `examples` module: each operation called with the description's own values.
    pub examples: bool,
}

/// What the emitted crate is called and where it came from.
#[derive(Debug, Clone)]
pub struct CrateInfo {
    /// Package name, e.g. `zoom-api`.
    pub name: String,
    /// Package version.
    pub version: String,
    /// File name of the input, for docs (no directories: output must not depend on where the
    /// input lives).
    pub source: String,
}

/// The hand-written runtime, copied into each crate in sections the API needs.
mod runtime_source {
    pub const CORE: &str = include_str!("../runtime/core.rs");
    pub const RETRY: &str = include_str!("../runtime/retry.rs");
    pub const CALL: &str = include_str!("../runtime/call.rs");
    pub const HOOKS: &str = include_str!("../runtime/hooks.rs");
    pub const TOKENS: &str = include_str!("../runtime/tokens.rs");
    pub const CREDENTIALS: &str = include_str!("../runtime/credentials.rs");
    pub const MULTIPART: &str = include_str!("../runtime/multipart.rs");
    pub const PARAMS: &str = include_str!("../runtime/params.rs");
    pub const EVENTS: &str = include_str!("../runtime/events.rs");
    pub const PAGING: &str = include_str!("../runtime/paging.rs");
}

/// Which optional capabilities the API needs (runtime sections, crate features).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Needs {
    /// Credentials kept secret (tokens, passwords, keys): the `secrecy` crate.
    pub secrets: bool,
    /// Operations sent with bearer tokens, which a token provider can supply
    /// (`runtime/tokens.rs`).
    pub tokens: bool,
    pub multipart: bool,
    pub urlencoded: bool,
    pub json_body: bool,
    pub query: bool,
    /// Parameters or form fields written from typed values (`runtime/params.rs`).
    pub params: bool,
    /// `date-time` or `date` values: the `chrono` crate.
    pub chrono: bool,
    /// `uuid` values: the `uuid` crate.
    pub uuid: bool,
    /// `text/event-stream` successes (`runtime/events.rs`).
    pub events: bool,
    /// Operations that page (`runtime/paging.rs`).
    pub paging: bool,
}

/// Every scalar the API's types, parameters, bodies and responses use.
fn scalars(api: &Api) -> std::collections::BTreeSet<Scalar> {
    fn add(ty: &TypeRef, out: &mut std::collections::BTreeSet<Scalar>) {
        match ty {
            TypeRef::Scalar(scalar) => {
                out.insert(*scalar);
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                add(inner, out)
            }
            TypeRef::Any | TypeRef::Named(_) => {}
        }
    }
    let mut out = std::collections::BTreeSet::new();
    for (_, def) in api.types.iter() {
        match &def.kind {
            TypeKind::Struct { fields, additional } => {
                fields.iter().for_each(|field| add(&field.ty, &mut out));
                if let Some(additional) = additional {
                    add(additional, &mut out);
                }
            }
            TypeKind::Union { variants, .. } => {
                variants
                    .iter()
                    .for_each(|variant| add(&variant.ty, &mut out));
            }
            TypeKind::Alias { target } => add(target, &mut out),
            TypeKind::Enum { .. } => {}
        }
    }
    for op in &api.operations {
        op.params.iter().for_each(|param| add(&param.ty, &mut out));
        for content in op.body.iter().flat_map(|body| &body.contents) {
            add(&content.ty, &mut out);
        }
        for response in &op.responses {
            response
                .headers
                .iter()
                .for_each(|header| add(&header.ty, &mut out));
            response
                .contents
                .iter()
                .for_each(|content| add(&content.ty, &mut out));
        }
    }
    out
}

impl Needs {
    fn of(api: &Api, names: &Names) -> Self {
        // Builders send each body's preferred content or one of its alternatives.
        let bodies = || {
            api.operations
                .iter()
                .filter_map(|op| op.body.as_ref())
                .flat_map(|body| &body.contents)
        };
        let scalars = scalars(api);
        Needs {
            chrono: scalars.contains(&Scalar::DateTime) || scalars.contains(&Scalar::Date),
            uuid: scalars.contains(&Scalar::Uuid),
            events: api
                .operations
                .iter()
                .any(|op| builders::event_stream(op).is_some()),
            paging: api.operations.iter().any(|op| op.paging.is_some()),
            params: builders::needs_params(api),
            secrets: names
                .credentials
                .iter()
                .any(|credential| !matches!(credential, Credential::Hook { .. })),
            tokens: names
                .credentials
                .iter()
                .any(|credential| matches!(credential, Credential::Bearer { .. })),
            multipart: bodies().any(|body| body.kind == BodyKind::Multipart),
            urlencoded: bodies().any(|body| body.kind == BodyKind::UrlEncoded),
            json_body: bodies().any(|body| body.kind == BodyKind::Json),
            query: api
                .operations
                .iter()
                .any(|op| op.params_in(Location::Query).next().is_some())
                || names.credentials.iter().any(|credential| {
                    matches!(
                        credential,
                        Credential::ApiKey {
                            location: KeyLocation::Query,
                            ..
                        }
                    )
                }),
        }
    }
}

/// The runtime module's source for this API.
fn runtime_text(needs: Needs) -> String {
    let mut text = runtime_source::CORE.to_owned();
    text.push_str(runtime_source::RETRY);
    text.push_str(runtime_source::CALL);
    text.push_str(runtime_source::HOOKS);
    if needs.secrets {
        text.push_str(runtime_source::CREDENTIALS);
    }
    if needs.tokens {
        text.push_str(runtime_source::TOKENS);
    }
    if needs.multipart {
        text.push_str(runtime_source::MULTIPART);
    }
    if needs.params {
        text.push_str(runtime_source::PARAMS);
    }
    if needs.events {
        text.push_str(runtime_source::EVENTS);
    }
    if needs.paging {
        text.push_str(runtime_source::PAGING);
    }
    text
}

/// A module of the generated crate.
struct Module {
    name: &'static str,
    public: bool,
    docs: &'static str,
    items: TokenStream,
}

/// The crate's modules. An API without operations (a description of webhooks only) is its
/// types alone.
fn modules(api: &Api, names: &Names, options: Options) -> Vec<Module> {
    let mut modules = vec![
        Module {
            name: "builders",
            public: true,
            docs: "Request builders: one per operation, returned by the methods on [`Client`].",
            items: builders::emit(api, names),
        },
        Module {
            name: "client",
            public: false,
            docs: "The client: configuration and one method per operation.",
            items: client::emit(api, names),
        },
        Module {
            name: "types",
            public: true,
            docs: "Request bodies, response bodies and the documented errors of each operation.",
            items: types::emit(api, names),
        },
    ];
    if options.examples {
        modules.push(Module {
            name: "examples",
            public: true,
            docs: "Each operation called with the description's own values: the request as \
                   documented, ready to send.",
            items: examples::emit(api, names),
        });
        modules.sort_by_key(|module| module.name);
    }
    if api.operations.is_empty() {
        modules.retain(|module| module.name == "types");
    }
    modules
}

fn reexports(api: &Api) -> TokenStream {
    if api.operations.is_empty() {
        return quote!(
            pub use runtime::{Error, Response};
        );
    }
    quote! {
        pub use client::{Client, ClientBuilder};
        pub use runtime::{Error, Response};
    }
}

/// Every file of the crate, as `(relative path, contents)`, sorted by path.
pub fn crate_files(api: &Api, info: &CrateInfo) -> Result<Vec<(String, String)>> {
    crate_files_with(api, info, Options::default())
}

/// [`crate_files`], with what `options` adds.
pub fn crate_files_with(
    api: &Api,
    info: &CrateInfo,
    options: Options,
) -> Result<Vec<(String, String)>> {
    crate::validate::validate(api)?;
    let names = Names::new(api);
    let needs = Needs::of(api, &names);
    let mut files = Vec::new();

    let mut declarations = Vec::new();
    for module in modules(api, &names, options) {
        let docs = inner_doc(module.docs);
        let items = module.items;
        let path = format!("src/{}.rs", module.name);
        files.push((path.clone(), render::file(&path, quote!(#docs #items))?));
        let ident = names::ident_of(module.name);
        let visibility = module.public.then(|| quote!(pub));
        declarations.push((module.name, quote!(#visibility mod #ident;)));
    }
    declarations.push((
        "runtime",
        quote!(
            pub mod runtime;
        ),
    ));
    declarations.sort_by_key(|(name, _)| *name);
    // The files keep prettyplease's layout: `cargo fmt` in a workspace that contains the
    // crate must not make them differ from what courier generates.
    let declarations = declarations
        .into_iter()
        .map(|(_, declaration)| quote!(#[rustfmt::skip] #declaration));
    files.push((
        "src/runtime.rs".to_owned(),
        render::verbatim(&runtime_text(needs)),
    ));

    let crate_docs = inner_doc(&crate_description(api, info));
    let reexports = reexports(api);
    let lib = quote! {
        #crate_docs
        #![warn(missing_docs)]

        #(#declarations)*

        #reexports
    };
    files.push(("src/lib.rs".to_owned(), render::file("src/lib.rs", lib)?));
    files.push((
        "Cargo.toml".to_owned(),
        manifest::cargo_toml(api, info, needs),
    ));
    files.push(("README.md".to_owned(), manifest::readme(api, info, &names)));
    files.sort();
    Ok(files)
}

/// The whole client as one file of modules, for `include!` from a build script's `OUT_DIR`
/// (no inner attributes, every path relative to the including module).
pub fn single_file(api: &Api) -> Result<String> {
    single_file_with(api, Options::default())
}

/// [`single_file`], with what `options` adds.
pub fn single_file_with(api: &Api, options: Options) -> Result<String> {
    crate::validate::validate(api)?;
    let names = Names::new(api);
    let needs = Needs::of(api, &names);
    let runtime =
        syn::parse_file(&runtime_text(needs)).map_err(|error| crate::error::Error::Internal {
            file: "runtime.rs".to_owned(),
            message: error.to_string(),
        })?;
    let runtime_docs = runtime.attrs.iter().map(|attr| {
        let mut attr = attr.clone();
        attr.style = syn::AttrStyle::Outer;
        attr
    });
    let runtime_items = &runtime.items;
    let modules = modules(api, &names, options).into_iter().map(|module| {
        let docs = doc(module.docs);
        let ident = names::ident_of(module.name);
        let items = module.items;
        let visibility = module.public.then(|| quote!(pub));
        quote! {
            #docs
            #visibility mod #ident {
                #items
            }
        }
    });
    let reexports = reexports(api);
    let tokens = quote! {
        #(#modules)*

        #(#runtime_docs)*
        pub mod runtime {
            #(#runtime_items)*
        }

        #reexports
    };
    render::file("single file", tokens)
}

fn crate_description(api: &Api, info: &CrateInfo) -> String {
    let mut text = format!(
        "Client for {}, generated by courier from `{}`.",
        crate::docs::inline(&api.title),
        crate::docs::inline(&info.source)
    );
    if let Some(description) = rustdoc::of(&api.docs) {
        text.push_str("\n\n");
        text.push_str(&description);
    }
    text
}

/// Where a type is named from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Inside the `types` module.
    Types,
    /// Anywhere else in the crate.
    Outside,
}

/// The Rust type for an IR type.
pub(crate) fn rust_type(names: &Names, ty: &TypeRef, scope: Scope) -> TokenStream {
    match ty {
        TypeRef::Scalar(scalar) => match scalar {
            // Base64 stays text: serde has no standard encoding of bytes as base64.
            Scalar::String | Scalar::Base64 => quote!(String),
            Scalar::DateTime => quote!(chrono::DateTime<chrono::Utc>),
            Scalar::Date => quote!(chrono::NaiveDate),
            Scalar::Uuid => quote!(uuid::Uuid),
            Scalar::Integer(crate::ir::IntFormat::I64) => quote!(i64),
            Scalar::Integer(crate::ir::IntFormat::I32) => quote!(i32),
            Scalar::Number(crate::ir::FloatFormat::F64) => quote!(f64),
            Scalar::Number(crate::ir::FloatFormat::F32) => quote!(f32),
            Scalar::Boolean => quote!(bool),
            Scalar::Binary => match scope {
                Scope::Types => quote!(super::runtime::File),
                Scope::Outside => quote!(runtime::File),
            },
        },
        TypeRef::Any => quote!(serde_json::Value),
        TypeRef::Array(inner) => {
            let inner = rust_type(names, inner, scope);
            quote!(Vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let inner = rust_type(names, inner, scope);
            quote!(std::collections::BTreeMap<String, #inner>)
        }
        TypeRef::Nullable(inner) => {
            let inner = rust_type(names, inner, scope);
            quote!(Option<#inner>)
        }
        // `validate` proved the id defined.
        TypeRef::Named(id) => {
            let ident = &names.types[id.0].ident;
            match scope {
                Scope::Types => quote!(#ident),
                Scope::Outside => quote!(types::#ident),
            }
        }
    }
}

/// How a credential is described in docs and listings.
pub(crate) fn describe_auth(credential: &Credential) -> String {
    match credential {
        Credential::Bearer { keys, .. } => format!("bearer token ({})", code_list(keys, ", ")),
        Credential::Basic { variable: None } => "HTTP basic authentication".to_owned(),
        Credential::Basic {
            variable: Some(variable),
        } => format!(
            "HTTP basic authentication (user name `{{{{{}}}}}`)",
            crate::docs::inline(variable)
        ),
        Credential::ApiKey {
            name,
            location: KeyLocation::Header,
        } => {
            format!("API key in the `{}` header", crate::docs::inline(name))
        }
        Credential::ApiKey {
            name,
            location: KeyLocation::Query,
        } => {
            format!(
                "API key in the `{}` query parameter",
                crate::docs::inline(name)
            )
        }
        Credential::ApiKey {
            name,
            location: KeyLocation::Cookie,
        } => {
            format!("API key in the `{}` cookie", crate::docs::inline(name))
        }
        Credential::Hook { kind } => format!(
            "`{}` authentication, which courier cannot perform: sign requests in a request hook",
            crate::docs::inline(kind)
        ),
    }
}

/// Words as inline code, joined: `` `a`, `b` ``.
pub(crate) fn code_list(words: &[String], separator: &str) -> String {
    words
        .iter()
        .map(|word| format!("`{}`", crate::docs::inline(word)))
        .collect::<Vec<_>>()
        .join(separator)
}

/// `POST /accounts/{accountId}/sip_trunk/internal_numbers`
pub(crate) fn display_path(api: &Api, op: &Operation) -> String {
    op.path
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.clone(),
            PathPart::Param(index) => format!("{{{}}}", op.params[*index].wire_name),
            PathPart::Config(index) => format!("{{{{{}}}}}", api.config[*index].name),
        })
        .collect()
}

/// The docs of an operation's method: title, method and path, description, arguments, and
/// where it is in the source.
pub(crate) fn operation_docs(api: &Api, op: &Operation, op_names: &OperationNames) -> String {
    let mut parts = vec![
        Some(op.title.clone()),
        Some(format!(
            "`{} {}`",
            op.method,
            crate::docs::inline(&display_path(api, op))
        )),
        rustdoc::of(&op.docs),
    ];
    if op.deprecated {
        parts.push(Some("**Deprecated.**".to_owned()));
    }
    if !op_names.path_params.is_empty() {
        let arguments = op
            .params_in(Location::Path)
            .map(|(_, param)| param)
            .zip(&op_names.path_params)
            .map(|(param, ident)| match rustdoc::of(&param.docs) {
                Some(description) => format!("* `{ident}`: {}", indent_continuation(&description)),
                None => format!(
                    "* `{ident}`: the `{}` path parameter.",
                    crate::docs::inline(&param.wire_name)
                ),
            })
            .collect::<Vec<_>>()
            .join("\n");
        parts.push(Some(format!("# Arguments\n\n{arguments}")));
    }
    let label: Vec<String> = op
        .source
        .label
        .iter()
        .map(|part| crate::docs::inline(part))
        .collect();
    parts.push(Some(format!(
        "{}: `{}`.",
        crate::docs::inline(&op.source.noun),
        label.join(" › ")
    )));
    crate::docs::paragraphs(parts).unwrap_or_default()
}

/// Indents every line after the first so a multi-line text stays inside a list item.
fn indent_continuation(text: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(index, line)| {
            if index == 0 || line.is_empty() {
                line.to_owned()
            } else {
                format!("  {line}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A plain-text listing of what would be generated: operations with their Rust names,
/// bodies and responses, and the types.
pub fn inspect(api: &Api) -> String {
    use std::fmt::Write as _;
    let names = Names::new(api);
    let usage_name = |content: &crate::ir::Content| match content.kind {
        BodyKind::Json => "JSON",
        BodyKind::Multipart => "multipart",
        BodyKind::UrlEncoded => "urlencoded",
        BodyKind::Text => "text",
        BodyKind::Binary => "bytes",
        BodyKind::EventStream => "events",
    };
    let type_name = |ty: &TypeRef| {
        rust_type(&names, ty, Scope::Types)
            .to_string()
            .replace(' ', "")
    };
    let mut out = String::new();
    let _ = writeln!(out, "{}", api.title);
    let server = api.servers.first();
    match (
        server.and_then(|s| s.url.as_ref()),
        server.and_then(|s| s.variable.as_ref()),
    ) {
        (Some(default), Some(variable)) => {
            let _ = writeln!(out, "base URL: {default} (variable `{variable}`)");
        }
        (Some(default), None) => {
            let _ = writeln!(out, "base URL: {default}");
        }
        (None, _) => {
            let _ = writeln!(out, "base URL: none (required configuration)");
        }
    }
    for (scheme, auth_names) in names.credentials.iter().zip(&names.auth) {
        let _ = writeln!(
            out,
            "auth: {} (`ClientBuilder::{}`)",
            describe_auth(scheme),
            auth_names.setter
        );
    }
    let _ = writeln!(out, "\noperations ({}):", api.operations.len());
    for (op, op_names) in names.ordered(api) {
        let _ = writeln!(
            out,
            "  {}  {} {}",
            op_names.method,
            op.method,
            display_path(api, op)
        );
        for content in op.body.iter().flat_map(|body| body.contents.iter()) {
            let text = match content.kind {
                BodyKind::Text => format!(
                    "text ({})",
                    content.media_type.as_deref().unwrap_or("text/plain")
                ),
                BodyKind::Binary => "bytes".to_owned(),
                _ => format!("{} {}", usage_name(content), type_name(&content.ty)),
            };
            let _ = writeln!(out, "    body: {text}");
        }
        if let Some(paging) = &op.paging {
            let how = match &paging.next {
                crate::ir::NextPage::Token { param, token } => format!(
                    "`{}` from `{}`",
                    op.params[*param].wire_name,
                    token.join(".")
                ),
                crate::ir::NextPage::PageNumber { param, .. } => {
                    format!("page number `{}`", op.params[*param].wire_name)
                }
                crate::ir::NextPage::Link => "the `Link` header".to_owned(),
                crate::ir::NextPage::AfterLast { param, .. } => {
                    format!("`{}` after the last item", op.params[*param].wire_name)
                }
            };
            let items = match &paging.items {
                Some(path) if path.is_empty() => ", items: the body".to_owned(),
                Some(path) => format!(", items: `{}`", path.join(".")),
                None => String::new(),
            };
            let _ = writeln!(out, "    pages: {how}{items}");
        }
        let errors: Vec<&crate::ir::Response> = names::error_responses(op).collect();
        let mut variants = op_names.error_variants.iter();
        for response in &op.responses {
            let body = match response_body(response) {
                Body::Json(ty) => type_name(ty),
                Body::Events(ty) => format!("events of {}", type_name(ty)),
                Body::Text => "text".to_owned(),
                Body::Empty => "empty".to_owned(),
            };
            let status = match response.status {
                crate::ir::Status::Code(code) => code.to_string(),
                crate::ir::Status::Range(class) => format!("{class}XX"),
                crate::ir::Status::Default => "default".to_owned(),
            };
            if errors.iter().any(|error| std::ptr::eq(*error, response)) {
                let variant = variants.next().map(ToString::to_string).unwrap_or_default();
                let _ = writeln!(out, "    {status} → {}::{variant} ({body})", op_names.error);
            } else {
                let _ = writeln!(out, "    {status} → {body}");
            }
        }
    }
    let _ = writeln!(out, "\ntypes ({}):", api.types.len());
    let mut types: Vec<_> = names.types.iter().collect();
    types.sort_by_key(|type_names| type_names.ident.to_string());
    for type_names in types {
        let fields = type_names
            .fields
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>();
        let _ = writeln!(out, "  {} {{ {} }}", type_names.ident, fields.join(", "));
    }
    out
}

/// For each example: the Rust type (a path relative to the crate root, e.g.
/// `types::ListUsersResponse`) its value must decode into, or `None` when it is an example of
/// a response whose body is not JSON. Used to check generated types against the examples a
/// description gives.
pub fn example_types(api: &Api, examples: &[crate::lower::ExampleOf]) -> Vec<Option<String>> {
    use crate::lower::ExampleOf;
    let names = Names::new(api);
    let spelled = |ty: &crate::ir::TypeRef| {
        rust_type(&names, ty, Scope::Outside)
            .to_string()
            .replace(' ', "")
    };
    examples
        .iter()
        .map(|example| match example {
            ExampleOf::Schema { ty, .. } => Some(spelled(ty)),
            ExampleOf::Response { operation, status } => {
                let response = api
                    .operations
                    .get(*operation)?
                    .responses
                    .iter()
                    .find(|response| response.status == crate::ir::Status::Code(*status))?;
                match response_body(response) {
                    Body::Json(ty) => Some(spelled(ty)),
                    _ => None,
                }
            }
        })
        .collect()
}
