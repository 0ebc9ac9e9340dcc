//! The `builders` module: one request builder per operation, with a setter per optional
//! parameter and `send()`, which encodes the request and maps every documented status.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{
    Body, Credential, Names, OperationNames, error_responses, response_body, success_responses,
};
use super::{Scope, doc, rust_type};
use crate::ir::{
    Api, BodyKind, Location, Operation, Param, PartEncoding, PathPart, Status, StyleKind, TypeId,
    TypeKind, TypeRef,
};

/// How `send` writes the body: the operation's preferred content.
enum Plan<'a> {
    /// A JSON body, and its media type when it is not plain `application/json`
    /// (`application/vnd.api+json`, `application/merge-patch+json`).
    Json(&'a TypeRef, Option<&'a str>),
    Multipart(TypeId),
    UrlEncoded(TypeId),
    Text(&'a str),
    Binary(Option<&'a str>),
}

fn plan(op: &Operation) -> Option<Plan<'_>> {
    plan_of(op.body.as_ref()?.contents.first()?)
}

/// Every content of the body: the preferred one (`body`), then the alternatives.
fn plans(op: &Operation) -> Vec<(Plan<'_>, &crate::ir::Content)> {
    op.body
        .iter()
        .flat_map(|body| &body.contents)
        .filter_map(|content| Some((plan_of(content)?, content)))
        .collect()
}

/// The setter (and builder field) of an alternative body: `multipart_body`, `form_body`, ….
fn alternative_ident(content: &crate::ir::Content) -> Ident {
    let name = match content.kind {
        BodyKind::Json => "json_body",
        BodyKind::Multipart => "multipart_body",
        BodyKind::UrlEncoded => "form_body",
        // `validate` proved request bodies are never event streams.
        BodyKind::Text | BodyKind::EventStream => "text_body",
        BodyKind::Binary => "bytes_body",
    };
    quote::format_ident!("{}", name)
}

/// The Rust type a body is given as.
fn plan_type(names: &Names, plan: &Plan<'_>) -> TokenStream {
    match plan {
        Plan::Json(ty, _) => rust_type(names, ty, Scope::Outside),
        Plan::Multipart(form) | Plan::UrlEncoded(form) => {
            rust_type(names, &TypeRef::Named(*form), Scope::Outside)
        }
        Plan::Text(_) => quote!(String),
        Plan::Binary(_) => quote!(bytes::Bytes),
    }
}

/// The statements that prepare `body`, and the expression that puts it into `request`.
fn plan_statements(api: &Api, names: &Names, plan: &Plan<'_>) -> (TokenStream, TokenStream) {
    match plan {
        Plan::Json(_, None) => (quote!(), quote!(request.json(&body))),
        // `json` keeps a content type that is already set.
        Plan::Json(_, Some(media_type)) => (
            quote!(),
            quote!(request.header(reqwest::header::CONTENT_TYPE, #media_type).json(&body)),
        ),
        Plan::Multipart(form) => (
            multipart(api, names, *form),
            quote!(request.multipart(form)),
        ),
        Plan::UrlEncoded(form) => (urlencoded(api, names, *form), quote!(request.form(&form))),
        Plan::Text(content_type) | Plan::Binary(Some(content_type)) => (
            quote!(),
            quote! {
                request
                    .header(reqwest::header::CONTENT_TYPE, #content_type)
                    .body(body.clone())
            },
        ),
        Plan::Binary(None) => (quote!(), quote!(request.body(body.clone()))),
    }
}

fn plan_of(content: &crate::ir::Content) -> Option<Plan<'_>> {
    let form = || match &content.ty {
        TypeRef::Named(id) => *id,
        // `validate` proved forms are named structs.
        _ => TypeId(usize::MAX),
    };
    Some(match content.kind {
        BodyKind::Json => Plan::Json(
            &content.ty,
            content.media_type.as_deref().filter(|media_type| {
                !media_type.trim().eq_ignore_ascii_case("application/json")
                    && media_type.is_ascii()
                    && !media_type.bytes().any(|b| b.is_ascii_control())
            }),
        ),
        BodyKind::Multipart => Plan::Multipart(form()),
        BodyKind::UrlEncoded => Plan::UrlEncoded(form()),
        BodyKind::Text | BodyKind::EventStream => {
            Plan::Text(content.media_type.as_deref().unwrap_or("text/plain"))
        }
        BodyKind::Binary => Plan::Binary(content.media_type.as_deref()),
    })
}

/// The items of `builders.rs`.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let builders = names
        .ordered(api)
        .map(|(op, op_names)| emit_builder(api, names, op, op_names));
    quote! {
        use super::{Client, Error, Response, runtime, types};

        #(#builders)*
    }
}

/// A field of a builder.
struct Slot {
    ident: Ident,
}

fn emit_builder(
    api: &Api,
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
) -> TokenStream {
    let builder = &op_names.builder;
    let method = &op_names.method;
    let struct_docs = doc(&format!(
        "Request builder for [`Client::{method}`]: set what you need, then call \
         [`send`](Self::send)."
    ));

    let body_plan = plan(op);
    let body_type = body_plan.as_ref().map(|body| plan_type(names, body));
    let alternatives: Vec<(Plan<'_>, &crate::ir::Content)> =
        plans(op).into_iter().skip(1).collect();
    let query_params: Vec<&Param> = op.params_in(Location::Query).map(|(_, p)| p).collect();
    // Headers, then cookies (sent together in one `Cookie` header).
    let header_params: Vec<&Param> = op
        .params_in(Location::Header)
        .chain(op.params_in(Location::Cookie))
        .map(|(_, p)| p)
        .collect();

    // Fields: path parameters (given to the constructor), then optional values.
    let path_params: Vec<&Param> = op.params_in(Location::Path).map(|(_, p)| p).collect();
    let query_slots = optional_slots(&op_names.query);
    let header_slots = optional_slots(
        &op_names
            .headers
            .iter()
            .chain(&op_names.cookies)
            .cloned()
            .collect::<Vec<_>>(),
    );
    let mut fields = Vec::new();
    let mut path_types = Vec::new();
    for (param, ident) in path_params.iter().zip(&op_names.path_params) {
        let ty = param_type(api, names, param);
        fields.push(quote!(#ident: #ty));
        path_types.push(ty);
    }
    for (param, slot) in query_params
        .iter()
        .chain(&header_params)
        .zip(query_slots.iter().chain(&header_slots))
    {
        let ident = &slot.ident;
        let ty = param_type(api, names, param);
        fields.push(quote!(#ident: Option<#ty>));
    }
    if let Some(body_type) = &body_type {
        fields.push(quote!(body: Option<#body_type>));
    }
    let follows_links = follows_links(op);
    if follows_links {
        fields.push(quote!(next_link: Option<String>));
    }
    for (plan, content) in &alternatives {
        let (ident, ty) = (alternative_ident(content), plan_type(names, plan));
        fields.push(quote!(#ident: Option<#ty>));
    }

    let path_idents = &op_names.path_params;
    // A value the description sends as written starts in its slot, so `set_…(None)` can
    // still leave it out.
    let optional_inits: Vec<TokenStream> = query_params
        .iter()
        .chain(&header_params)
        .zip(query_slots.iter().chain(&header_slots))
        .map(|(param, slot)| {
            let ident = &slot.ident;
            match fixed_default(api, names, param) {
                Some(default) => quote!(#ident: Some(#default)),
                None => quote!(#ident: None),
            }
        })
        .collect();
    let alternative_idents: Vec<Ident> = alternatives
        .iter()
        .map(|(_, content)| alternative_ident(content))
        .collect();
    let body_init = body_type
        .as_ref()
        .map(|_| quote!(body: None, #(#alternative_idents: None,)*));
    let link_init = follows_links.then(|| quote!(next_link: None,));

    // `set_…` setters by position among the query, then header and cookie parameters.
    let set_idents: Vec<&Ident> = op
        .params_in(Location::Query)
        .chain(op.params_in(Location::Header))
        .chain(op.params_in(Location::Cookie))
        .map(|(index, _)| &op_names.set_params[index])
        .collect();
    let key_header = idempotency_header(api, op);
    let setters = query_params
        .iter()
        .chain(&header_params)
        .zip(query_slots.iter().chain(&header_slots))
        .zip(&set_idents)
        .map(|((param, slot), set_ident)| {
            let kind = match param.location {
                Location::Query => "query parameter",
                Location::Cookie => "cookie",
                _ => "header",
            };
            let key = key_header == Some(param.wire_name.as_str());
            setter(api, names, param, (&slot.ident, set_ident), kind, key)
        });
    let body_setter =
        body_plan
            .as_ref()
            .zip(body_type.as_ref())
            .map(|(body, body_type)| {
                let (argument, value) = setter_argument(body, body_type);
                let required = op.body.as_ref().is_some_and(|body| body.required);
                let docs = match (alternatives.is_empty(), required) {
                    (true, true) => "Sets the request body (required).".to_owned(),
                    (true, false) => "Sets the request body (optional).".to_owned(),
                    (false, _) => {
                        let others: Vec<String> = alternative_idents
                            .iter()
                            .map(|ident| format!("[`{ident}`](Self::{ident})"))
                            .collect();
                        format!(
                            "Sets the request body, sent as {}{}; {} send it in another media \
                         type instead.",
                            describe_content(op, 0),
                            if required { " (required)" } else { "" },
                            others.join(", ")
                        )
                    }
                };
                let docs = doc(&docs);
                let clear = alternative_idents
                    .iter()
                    .map(|ident| quote!(self.#ident = None;));
                let clear: Vec<TokenStream> = clear.collect();
                let set = (!required && alternatives.is_empty()).then(|| {
                    quote! {
                        /// Sets or clears the request body: `None` sends none.
                        pub fn set_body(mut self, body: Option<#body_type>) -> Self {
                            self.body = body;
                            self
                        }
                    }
                });
                let main = quote! {
                    #docs
                    pub fn body(mut self, body: #argument) -> Self {
                        self.body = Some(#value);
                        #(#clear)*
                        self
                    }

                    #set
                };
                let others = alternatives.iter().enumerate().map(|(index, (plan, content))| {
                let ident = alternative_ident(content);
                let ty = plan_type(names, plan);
                let (argument, value) = setter_argument(plan, &ty);
                let docs = doc(&format!(
                    "Sets the request body, sent as {} instead of [`body`](Self::body)'s {}.",
                    describe_content(op, index + 1),
                    describe_content(op, 0)
                ));
                let clear = std::iter::once(quote::format_ident!("body"))
                    .chain(alternative_idents.iter().cloned())
                    .filter(|other| *other != ident)
                    .map(|other| quote!(self.#other = None;));
                quote! {
                    #docs
                    pub fn #ident(mut self, body: #argument) -> Self {
                        self.#ident = Some(#value);
                        #(#clear)*
                        self
                    }
                }
            });
                quote!(#main #(#others)*)
            });

    let send = emit_send(api, names, op, op_names, &query_slots, &header_slots);
    let (paging_methods, paging_impls) = emit_paging(api, names, op, op_names).unzip();

    quote! {
        #struct_docs
        #[derive(Debug, Clone)]
        #[must_use = "a request builder does nothing until `send` is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            options: runtime::RequestOptions,
            #(#fields,)*
        }

        impl<'a> #builder<'a> {
            pub(crate) fn new(client: &'a Client, #(#path_idents: #path_types),*) -> Self {
                Self {
                    client,
                    options: runtime::RequestOptions::new(),
                    #(#path_idents,)*
                    #(#optional_inits,)*
                    #body_init
                    #link_init
                }
            }

            #(#setters)*

            #body_setter

            /// Overrides the client's retry policy, timeouts or size limit for this request.
            pub fn with_options(mut self, options: runtime::RequestOptions) -> Self {
                self.options = options;
                self
            }

            #send

            #paging_methods
        }

        #paging_impls
    }
}

/// A body setter's argument type and the value it stores.
fn setter_argument(plan: &Plan<'_>, ty: &TokenStream) -> (TokenStream, TokenStream) {
    match plan {
        Plan::Text(_) => (quote!(impl Into<String>), quote!(body.into())),
        Plan::Binary(_) => (quote!(impl Into<bytes::Bytes>), quote!(body.into())),
        _ => (ty.clone(), quote!(body)),
    }
}

/// `JSON`, `` `multipart/form-data` ``, … for the body content at `index`.
fn describe_content(op: &Operation, index: usize) -> String {
    let Some(content) = op.body.as_ref().and_then(|body| body.contents.get(index)) else {
        return String::new();
    };
    match (content.kind, &content.media_type) {
        (BodyKind::Json, _) => "JSON".to_owned(),
        (BodyKind::Multipart, _) => "`multipart/form-data`".to_owned(),
        (BodyKind::UrlEncoded, _) => "`application/x-www-form-urlencoded`".to_owned(),
        (_, Some(media)) => format!("`{}`", crate::docs::inline(media)),
        (BodyKind::Text | BodyKind::EventStream, None) => "text".to_owned(),
        (BodyKind::Binary, None) => "bytes".to_owned(),
    }
}

fn optional_slots(idents: &[Ident]) -> Vec<Slot> {
    idents
        .iter()
        .map(|ident| Slot {
            ident: ident.clone(),
        })
        .collect()
}

fn setter(
    api: &Api,
    names: &Names,
    param: &Param,
    (ident, set_ident): (&Ident, &Ident),
    kind: &str,
    idempotency_key: bool,
) -> TokenStream {
    let sent_by_default = fixed_default(api, names, param).is_some();
    let required = if param.required && !sent_by_default {
        " (required: `send` refuses to send without it)"
    } else {
        ""
    };
    let mut text = format!(
        "Sets the `{}` {kind}{required}.",
        crate::docs::inline(&param.wire_name)
    );
    if let Some(description) = super::rustdoc::of(&param.docs) {
        text.push_str("\n\n");
        text.push_str(&description);
    }
    if let Some(example) = param
        .examples
        .first()
        .filter(|example| !sent_by_default || param.default.as_ref() != Some(*example))
    {
        let example = match example {
            serde_json::Value::String(text) => text.clone(),
            other => other.to_string(),
        };
        text.push_str(&format!(
            "\n\nExample: `{}`.",
            crate::docs::inline(&example)
        ));
    }
    if let Some(serde_json::Value::String(default)) = &param.default
        && sent_by_default
    {
        text.push_str(&format!(
            "\n\nDefault: `{}`, as the description sends it.",
            crate::docs::inline(default)
        ));
    } else if let Some(index) = param.fallback.filter(|_| param.ty == TypeRef::STRING) {
        let setter = &names.variables[index];
        text.push_str(&format!(
            "\n\nDefault: the client's value, set with \
             [`ClientBuilder::{setter}`](crate::ClientBuilder::{setter})."
        ));
    }
    if idempotency_key {
        text.push_str(
            "\n\nDefault: a new key for each call, sent unchanged on every attempt, so the \
             call may be retried like an idempotent one.",
        );
    }
    let docs = doc(&text);
    let ty = param_type(api, names, param);
    let set = if param.required {
        None
    } else {
        let set_docs = doc(&if sent_by_default {
            format!(
                "Sets or clears the `{}` {kind}: `None` leaves it out of the request.",
                crate::docs::inline(&param.wire_name)
            )
        } else {
            format!(
                "Sets or clears the `{}` {kind}: `None` leaves it unset, as if \
                 [`{ident}`](Self::{ident}) were never called.",
                crate::docs::inline(&param.wire_name)
            )
        });
        Some(quote! {
            #set_docs
            pub fn #set_ident(mut self, value: Option<#ty>) -> Self {
                self.#ident = value;
                self
            }
        })
    };
    let main = match repr(api, &param.ty) {
        Repr::Text => quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<String>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
        _ => quote! {
            #docs
            pub fn #ident(mut self, value: #ty) -> Self {
                self.#ident = Some(value);
                self
            }
        },
    };
    quote!(#main #set)
}

/// The stored type of a query or header parameter: `String`, or a documented enum.
pub(crate) fn param_type(api: &Api, names: &Names, param: &Param) -> TokenStream {
    match repr(api, &param.ty) {
        Repr::Text => quote!(String),
        Repr::StrEnum | Repr::Typed => rust_type(names, &param.ty, Scope::Outside),
    }
}

/// How a parameter's or form field's value becomes text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Repr {
    /// A `String`, sent as it is.
    Text,
    /// A generated string enum: its `as_str()`.
    StrEnum,
    /// Anything else: serialised and written by its style (`runtime::query_pairs`, …).
    Typed,
}

pub(crate) fn repr(api: &Api, ty: &TypeRef) -> Repr {
    use crate::ir::Scalar;
    match ty {
        TypeRef::Scalar(Scalar::String | Scalar::Base64) => Repr::Text,
        TypeRef::Named(id) => match api.types.get(*id).map(|def| &def.kind) {
            Some(TypeKind::Enum { values, .. })
                if values.iter().all(|value| value.value.is_string()) =>
            {
                Repr::StrEnum
            }
            _ => Repr::Typed,
        },
        _ => Repr::Typed,
    }
}

/// `runtime::Style::Form`, … for a parameter.
fn style_tokens(param: &Param) -> TokenStream {
    let style = match param.style.kind {
        StyleKind::Simple => quote!(Simple),
        StyleKind::Form => quote!(Form),
        StyleKind::Label => quote!(Label),
        StyleKind::Matrix => quote!(Matrix),
        StyleKind::SpaceDelimited => quote!(SpaceDelimited),
        StyleKind::PipeDelimited => quote!(PipeDelimited),
        StyleKind::DeepObject => quote!(DeepObject),
    };
    let explode = param.style.explode;
    quote!(runtime::Style::#style, #explode)
}

/// The parameter's value (`value`, of its stored type) as a `String` expression, for
/// headers, cookies and path segments.
fn param_text(api: &Api, param: &Param, value: TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    let styled = matches!(param.style.kind, StyleKind::Label | StyleKind::Matrix);
    match repr(api, &param.ty) {
        Repr::Text if !styled => value,
        Repr::StrEnum if !styled => quote!(#value.as_str().to_owned()),
        _ => {
            let style = style_tokens(param);
            quote!(runtime::param_text(#wire, &#value, #style)?)
        }
    }
}

/// The value sent when the caller sets none, for a `{{variable}}`: the client's configured
/// value. (A fixed value starts in the builder: [`fixed_default`].)
fn variable_fallback(api: &Api, names: &Names, param: &Param, ident: &Ident) -> TokenStream {
    if fixed_default(api, names, param).is_some() {
        return TokenStream::new();
    }
    let Some(index) = param.fallback else {
        return TokenStream::new();
    };
    let (variable, field) = (&api.config[index], &names.variables[index]);
    if param.ty != TypeRef::STRING {
        return TokenStream::new();
    }
    if variable.required {
        quote!(let #ident = #ident.or_else(|| Some(client.#field.clone()));)
    } else {
        quote!(let #ident = #ident.or_else(|| client.#field.clone());)
    }
}

/// The description's fixed value of `param`, as an expression of its type: a `String`, or the
/// variant of its enum (a value outside the enum is not sent).
pub(crate) fn fixed_default(api: &Api, names: &Names, param: &Param) -> Option<TokenStream> {
    let Some(serde_json::Value::String(default)) = &param.default else {
        return None;
    };
    match &param.ty {
        &TypeRef::STRING => Some(quote!(#default.to_owned())),
        TypeRef::Named(id) => {
            let Some(TypeKind::Enum { values, .. }) = api.types.get(*id).map(|def| &def.kind)
            else {
                return None;
            };
            let index = values
                .iter()
                .position(|value| value.value.as_str() == Some(default.as_str()))?;
            let type_names = &names.types[id.0];
            let (ident, variant) = (&type_names.ident, type_names.fields.get(index)?);
            Some(quote!(types::#ident::#variant))
        }
        _ => None,
    }
}

/// Adds a query or header parameter to `request` (as `value`): always when required (refusing
/// to send without it), when set otherwise.
fn apply_param(param: &Param, ident: &Ident, add: TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    if param.required {
        quote! {
            let value = #ident.as_ref().ok_or_else(|| runtime::InvalidRequest::missing(#wire))?;
            #add
        }
    } else {
        quote! {
            if let Some(value) = &#ident {
                #add
            }
        }
    }
}

fn emit_send(
    api: &Api,
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
    query_slots: &[Slot],
    header_slots: &[Slot],
) -> TokenStream {
    let error_ident = &op_names.error;
    let success = success_type(names, op, op_names);
    let mut destructure: Vec<&Ident> = op_names.path_params.iter().collect();
    destructure.extend(query_slots.iter().map(|s| &s.ident));
    destructure.extend(header_slots.iter().map(|s| &s.ident));
    let body_plan = plan(op);
    let alternatives: Vec<(Plan<'_>, &crate::ir::Content)> =
        plans(op).into_iter().skip(1).collect();
    let alternative_idents: Vec<Ident> = alternatives
        .iter()
        .map(|(_, content)| alternative_ident(content))
        .collect();
    let body_pattern = body_plan
        .as_ref()
        .map(|_| quote!(body, #(#alternative_idents,)*));
    let (link_pattern, link_follow) = if follows_links(op) {
        (
            Some(quote!(next_link,)),
            // A later page's URL, from the last page's `Link` header, replaces the path and
            // query (it carries them).
            Some(quote! {
                if let Some(next) = &next_link {
                    return runtime::follow_link(request, next);
                }
            }),
        )
    } else {
        (None, None)
    };
    let query_params: Vec<&Param> = op.params_in(Location::Query).map(|(_, p)| p).collect();
    let header_params: Vec<&Param> = op
        .params_in(Location::Header)
        .chain(op.params_in(Location::Cookie))
        .map(|(_, p)| p)
        .collect();

    let (path, path_arg) = emit_path(api, names, op, op_names);
    let method = method_tokens(&op.method);
    let server = op.server.as_ref().and_then(|server| {
        names
            .servers
            .iter()
            .find(|(known, _)| known.same_base(server))
    });
    // A base URL without a default must have been configured: checked once, before sending.
    let server_check = match server {
        Some((server, ident)) if server.url.is_none() => {
            let missing =
                format!("this operation's base URL is not set: call `ClientBuilder::{ident}`");
            quote! {
                let base = client
                    .#ident
                    .as_ref()
                    .ok_or_else(|| runtime::InvalidRequest::new(#missing))?;
            }
        }
        _ => TokenStream::new(),
    };
    let mut request = match server {
        Some((server, ident)) if server.url.is_some() => {
            quote!(client.request_to(&client.#ident, #method, #path_arg)?)
        }
        Some(_) => quote!(client.request_to(base, #method, #path_arg)?),
        None => quote!(client.request(#method, #path_arg)?),
    };
    // An API key in the query goes after the operation's own parameters, where Postman
    // puts it; every other credential is a header.
    let mut late_auth = Vec::new();
    for index in names.credentials_of(op) {
        let authorize = &names.auth[index].method;
        match &names.credentials[index] {
            Credential::Hook { .. } => {}
            Credential::ApiKey {
                location: crate::ir::KeyLocation::Query,
                ..
            } => late_auth.push(quote!(request = client.#authorize(request);)),
            _ => request = quote!(client.#authorize(#request)),
        }
    }

    let query = query_params.iter().zip(query_slots).map(|(param, slot)| {
        let wire = &param.wire_name;
        let ident = &slot.ident;
        let add = match repr(api, &param.ty) {
            Repr::Text | Repr::StrEnum => {
                quote!(request = request.query(&[(#wire, value.as_str())]);)
            }
            Repr::Typed => {
                let style = style_tokens(param);
                quote!(request = request.query(&runtime::query_pairs(#wire, &value, #style)?);)
            }
        };
        apply_param(param, ident, add)
    });
    let headers = header_params.iter().zip(header_slots).map(|(param, slot)| {
        let wire = &param.wire_name;
        let ident = &slot.ident;
        let text = param_text(api, param, quote!(value));
        let add = match (param.location, repr(api, &param.ty)) {
            (Location::Cookie, _) => quote!(cookies.push(format!("{}={}", #wire, #text));),
            (_, Repr::Text | Repr::StrEnum) => quote!(
                request = request.header(#wire, runtime::header_value(#wire, value.as_str())?);
            ),
            (_, Repr::Typed) => quote!(
                request = request.header(#wire, runtime::header_value(#wire, &#text)?);
            ),
        };
        apply_param(param, ident, add)
    });
    // Values the caller did not set, filled in once per call (not per attempt).
    let fallbacks: Vec<TokenStream> = query_params
        .iter()
        .chain(&header_params)
        .zip(query_slots.iter().chain(header_slots))
        .map(|(param, slot)| variable_fallback(api, names, param, &slot.ident))
        .collect();
    let bearer = names
        .credentials_of(op)
        .into_iter()
        .any(|index| matches!(names.credentials[index], Credential::Bearer { .. }));
    let operation = operation_const(op, op_names, idempotency_header(api, op), bearer);
    let has_cookies = op.params_in(Location::Cookie).next().is_some();
    let (cookies_start, cookies_end) = if has_cookies {
        (
            quote!(let mut cookies: Vec<String> = Vec::new();),
            quote! {
                if !cookies.is_empty() {
                    request = request.header(
                        reqwest::header::COOKIE,
                        runtime::header_value("Cookie", &cookies.join("; "))?,
                    );
                }
            },
        )
    } else {
        (quote!(), quote!())
    };
    let needs_mut = !query_params.is_empty() || !header_params.is_empty() || !late_auth.is_empty();
    let request_binding = if needs_mut {
        quote!(mut request)
    } else {
        quote!(request)
    };

    let required = op.body.as_ref().is_some_and(|body| body.required);
    // A request without a body says so, as Postman's runtime (Node's HTTP client) does for
    // every method but GET, HEAD, DELETE, OPTIONS, TRACE and CONNECT: servers that demand a
    // length answer `411 Length Required` otherwise (hyper sends no `Content-Length` for an
    // empty body).
    let says_length = !matches!(
        op.method.as_str(),
        "GET" | "HEAD" | "DELETE" | "OPTIONS" | "TRACE" | "CONNECT"
    );
    let without_body = if says_length {
        quote!(request.header(reqwest::header::CONTENT_LENGTH, "0"))
    } else {
        quote!(request)
    };
    let body = body_plan.as_ref().map(|body| {
        let (prelude, expression) = plan_statements(api, names, body);
        if alternatives.is_empty() && required {
            return quote!(#prelude let request = #expression;);
        }
        let last = if required {
            quote! {
                {
                    let body = body.as_ref().ok_or_else(|| runtime::InvalidRequest::missing("body"))?;
                    #prelude
                    #expression
                }
            }
        } else {
            quote! {
                if let Some(body) = &body {
                    #prelude
                    #expression
                } else {
                    #without_body
                }
            }
        };
        let branches = alternatives
            .iter()
            .zip(&alternative_idents)
            .map(|((plan, _), ident)| {
                let (prelude, expression) = plan_statements(api, names, plan);
                quote! {
                    if let Some(body) = &#ident {
                        #prelude
                        #expression
                    } else
                }
            });
        quote!(let request = #(#branches)* #last;)
    });
    let body = match body {
        None if op.body.is_none() && says_length => Some(quote!(let request = #without_body;)),
        body => body,
    };
    let body_check = body_plan
        .as_ref()
        .filter(|_| alternatives.is_empty() && required)
        .map(|_| quote!(let body = body.ok_or_else(|| runtime::InvalidRequest::missing("body"))?;));

    let mut arms = Vec::new();
    let successes: Vec<_> = success_responses(op).collect();
    for (response, variant) in successes.iter().zip(&op_names.success_variants) {
        let status = status_pattern(response.status);
        let body = response_body(response);
        let read = match body {
            Body::Json(_) => quote!(runtime::json(response).await),
            Body::Events(&TypeRef::STRING) => quote!(runtime::events_text(response).await),
            Body::Events(_) => quote!(runtime::events_json(response).await),
            Body::Text => quote!(runtime::text(response).await),
            Body::Empty => quote!(runtime::empty(response).await),
        };
        // Several documented successes: wrap each in its variant of the success enum.
        let read = match (&op_names.success, body) {
            (Some(success), Body::Json(_)) => {
                quote!(runtime::json_as(response, types::#success::#variant).await)
            }
            // An event stream is only ever an operation's one success (the front end reads
            // any other as text); were it one of several, its variant holds the text.
            (Some(success), Body::Text | Body::Events(_)) => {
                quote!(runtime::text_as(response, types::#success::#variant).await)
            }
            (Some(success), Body::Empty) => {
                quote!(runtime::empty_as(response, types::#success::#variant).await)
            }
            (None, _) => read,
        };
        arms.push(quote!(#status => #read,));
    }
    if !successes
        .iter()
        .any(|response| response.status == Status::Range(2))
    {
        // Undocumented successes keep their raw body (after any documented 2xx code).
        if successes.is_empty() {
            arms.push(quote!(200..=299 => runtime::raw(response).await,));
        }
    }
    let mut fallback = quote!(_ => runtime::unexpected(response).await,);
    for (response, variant) in error_responses(op).zip(&op_names.error_variants) {
        let read = match response_body(response) {
            Body::Json(_) => {
                quote!(runtime::error_json(response, types::#error_ident::#variant).await)
            }
            Body::Empty | Body::Text | Body::Events(_) => {
                quote!(runtime::error_text(response, types::#error_ident::#variant).await)
            }
        };
        if response.status == Status::Default {
            fallback = quote!(_ => #read,);
        } else {
            let status = status_pattern(response.status);
            arms.push(quote!(#status => #read,));
        }
    }
    // Codes before ranges, so `404` wins over `4XX`.
    arms.push(fallback);

    let send_docs = if event_stream(op).is_some() {
        super::rustdoc::doc(
            "Sends the request and decodes the response by its status.\n\nA success is a stream \
             of server-sent events: call `next().await` on it until it gives `None`.",
        )
    } else {
        quote!(#[doc = " Sends the request and decodes the response by its status."])
    };
    quote! {
        #send_docs
        pub async fn send(self) -> Result<Response<#success>, Error<types::#error_ident>> {
            const OPERATION: runtime::Operation = #operation;
            let Self { client, options, #(#destructure,)* #body_pattern #link_pattern } = self;
            #body_check
            #path
            #server_check
            #(#fallbacks)*
            let response = client
                .execute(&OPERATION, &options, || {
                    let #request_binding = #request;
                    #(#query)*
                    #(#late_auth)*
                    #cookies_start
                    #(#headers)*
                    #cookies_end
                    #body
                    #link_follow
                    Ok(request)
                })
                .await?;
            match response.status().as_u16() {
                #(#arms)*
            }
        }
    }
}

/// The `runtime::Operation` describing `op` to hooks, traces and the retry loop.
fn operation_const(
    op: &Operation,
    op_names: &OperationNames,
    key: Option<&str>,
    bearer: bool,
) -> TokenStream {
    let name = op_names.method.to_string();
    let method = &op.method;
    let mut template = String::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => template.push_str(text),
            PathPart::Param(index) => {
                template.push_str(&format!("{{{}}}", op.params[*index].wire_name))
            }
            PathPart::Config(_) => template.push_str("{…}"),
        }
    }
    let mut operation = quote!(runtime::Operation::new(#name, #method, #template));
    if let Some(id) = &op.operation_id {
        operation = quote!(#operation.with_operation_id(#id));
    }
    if let Some(header) = key {
        operation = quote!(#operation.with_idempotency_header(#header));
    }
    if bearer {
        operation = quote!(#operation.with_bearer());
    }
    operation
}

/// The header parameter that carries an idempotency key, when the operation documents one:
/// named like `Idempotency-Key` (Stripe, Adyen, the IETF draft) or `PayPal-Request-Id`, or
/// described as one, and holding text.
pub(crate) fn idempotency_header<'a>(api: &Api, op: &'a Operation) -> Option<&'a str> {
    const NAMES: &[&str] = &["idempotency-key", "x-idempotency-key", "paypal-request-id"];
    op.params_in(Location::Header)
        .map(|(_, param)| param)
        .filter(|param| repr(api, &param.ty) == Repr::Text)
        .find(|param| {
            let name = param.wire_name.to_ascii_lowercase();
            NAMES.contains(&name.as_str())
                || param
                    .docs
                    .as_deref()
                    .is_some_and(|docs| docs.to_ascii_lowercase().contains("idempotency key"))
        })
        .map(|param| param.wire_name.as_str())
}

/// The fields of a form struct with their identifiers, plainness and part encodings.
fn form_fields<'a>(
    api: &'a Api,
    names: &'a Names,
    form: TypeId,
) -> Vec<(&'a crate::ir::Field, &'a Ident, bool)> {
    let Some(TypeKind::Struct { fields, .. }) = api.types.get(form).map(|def| &def.kind) else {
        return Vec::new();
    };
    fields
        .iter()
        .zip(&names.types[form.0].fields)
        .zip(&names.defs[form.0])
        .map(|((field, ident), plain)| (field, ident, *plain))
        .collect()
}

/// Builds the multipart form: required fields chained, optional ones added when set.
fn multipart(api: &Api, names: &Names, form: TypeId) -> TokenStream {
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (field, ident, is_required) in form_fields(api, names, form) {
        let wire = &field.wire_name;
        match (field.part.unwrap_or(PartEncoding::Text), is_required) {
            (PartEncoding::Json | PartEncoding::Deep, true) => {
                required.push(quote!(.part(#wire, runtime::json_part(#wire, &body.#ident)?)))
            }
            (PartEncoding::Text, true) => {
                let value = text_value(api, field, quote!(body.#ident));
                required.push(quote!(.text(#wire, #value)))
            }
            (PartEncoding::Json | PartEncoding::Deep, false) => optional.push(quote! {
                if let Some(value) = &body.#ident {
                    form = form.part(#wire, runtime::json_part(#wire, value)?);
                }
            }),
            (PartEncoding::Text, false) => {
                let value = text_value(api, field, quote!(value));
                optional.push(quote! {
                    if let Some(value) = &body.#ident {
                        form = form.text(#wire, #value);
                    }
                })
            }
            (PartEncoding::File, true) => {
                required.push(quote!(.part(#wire, runtime::file_part(#wire, body.#ident.clone())?)))
            }
            (PartEncoding::File, false) => optional.push(quote! {
                if let Some(value) = &body.#ident {
                    form = form.part(#wire, runtime::file_part(#wire, value.clone())?);
                }
            }),
        }
    }
    let binding = if optional.is_empty() {
        quote!(form)
    } else {
        quote!(mut form)
    };
    quote! {
        let #binding = reqwest::multipart::Form::new() #(#required)*;
        #(#optional)*
    }
}

/// A text form field's value as a `String`: as it is, an enum's wire value, or any other
/// value's text (`runtime::field_text`).
fn text_value(api: &Api, field: &crate::ir::Field, value: TokenStream) -> TokenStream {
    let wire = &field.wire_name;
    match repr(api, &field.ty) {
        Repr::Text => quote!(#value.clone()),
        Repr::StrEnum => quote!(#value.as_str().to_owned()),
        Repr::Typed => quote!(runtime::field_text(#wire, &#value)?),
    }
}

/// Whether the generated runtime needs `params.rs`: some parameter or form text field is
/// neither a string nor a string enum, or is written in a path style of its own.
pub(crate) fn needs_params(api: &Api) -> bool {
    api.operations.iter().any(|op| {
        let typed_param = op.params.iter().any(|param| {
            repr(api, &param.ty) == Repr::Typed
                || matches!(param.style.kind, StyleKind::Label | StyleKind::Matrix)
                    && param.location == Location::Path
        });
        let typed_field = op
            .body
            .iter()
            .flat_map(|body| &body.contents)
            .filter(|content| matches!(content.kind, BodyKind::Multipart | BodyKind::UrlEncoded))
            .filter_map(|content| match &content.ty {
                TypeRef::Named(id) => match &api.types.get(*id)?.kind {
                    TypeKind::Struct { fields, .. } => Some(fields),
                    _ => None,
                },
                _ => None,
            })
            .flatten()
            .any(|field| {
                field.part == Some(PartEncoding::Deep)
                    || field.part == Some(PartEncoding::Text) && repr(api, &field.ty) == Repr::Typed
            });
        typed_param || typed_field
    })
}

/// Builds the urlencoded form: required fields always, optional ones when set; `deepObject`
/// fields as `name[key]=value` pairs.
fn urlencoded(api: &Api, names: &Names, form: TypeId) -> TokenStream {
    let fields = form_fields(api, names, form);
    let deep = fields
        .iter()
        .any(|(field, _, _)| field.part == Some(PartEncoding::Deep));
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (field, ident, is_plain) in fields {
        let wire = &field.wire_name;
        if field.part == Some(PartEncoding::Deep) {
            let pairs = |value: TokenStream| quote!(form.extend(runtime::query_pairs(#wire, &#value, runtime::Style::DeepObject, true)?););
            if is_plain {
                optional.push(pairs(quote!(body.#ident)));
            } else {
                let add = pairs(quote!(value));
                optional.push(quote! {
                    if let Some(value) = &body.#ident {
                        #add
                    }
                });
            }
            continue;
        }
        let name = if deep {
            quote!(#wire.to_owned())
        } else {
            quote!(#wire)
        };
        if is_plain {
            let value = text_value(api, field, quote!(body.#ident));
            required.push(quote!((#name, #value)));
        } else {
            let value = text_value(api, field, quote!(value));
            optional.push(quote! {
                if let Some(value) = &body.#ident {
                    form.push((#name, #value));
                }
            });
        }
    }
    let binding = if optional.is_empty() {
        quote!(form)
    } else {
        quote!(mut form)
    };
    let key = if deep { quote!(String) } else { quote!(&str) };
    quote! {
        let #binding: Vec<(#key, String)> = vec![#(#required),*];
        #(#optional)*
    }
}

/// The match pattern of a status: `404` or `400..=499`.
fn status_pattern(status: Status) -> TokenStream {
    match status {
        Status::Code(code) => {
            let code = proc_macro2::Literal::u16_unsuffixed(code);
            quote!(#code)
        }
        Status::Range(class) => {
            let low = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100);
            let high = proc_macro2::Literal::u16_unsuffixed(u16::from(class) * 100 + 99);
            quote!(#low..=#high)
        }
        Status::Default => quote!(_),
    }
}

/// The data type of the operation's event stream, when its one success is one.
pub(crate) fn event_stream(op: &Operation) -> Option<&TypeRef> {
    let mut successes = success_responses(op);
    match (successes.next().map(response_body), successes.next()) {
        (Some(Body::Events(ty)), None) => Some(ty),
        _ => None,
    }
}

/// The Rust type of the success body.
fn success_type(names: &Names, op: &Operation, op_names: &OperationNames) -> TokenStream {
    if let Some(success) = &op_names.success {
        return quote!(types::#success);
    }
    match success_responses(op).next().map(response_body) {
        Some(Body::Json(ty)) => rust_type(names, ty, Scope::Outside),
        Some(Body::Events(ty)) => {
            let data = rust_type(names, ty, Scope::Outside);
            let error = &op_names.error;
            quote!(runtime::EventStream<#data, types::#error>)
        }
        Some(Body::Text) => quote!(String),
        Some(Body::Empty) => quote!(()),
        None => quote!(bytes::Bytes),
    }
}

/// The path: each parameter encoded as one segment, then `let path = format!(…)`, and the
/// expression to pass on; a path without parameters is passed as a literal.
fn emit_path(
    api: &Api,
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
) -> (TokenStream, TokenStream) {
    let mut template = String::new();
    let mut encode = Vec::new();
    for part in &op.path {
        match part {
            PathPart::Literal(text) => {
                template.push_str(&encode_literal(text).replace('{', "{{").replace('}', "}}"))
            }
            PathPart::Param(index) => {
                let (param, ident) = (&op.params[*index], &op_names.params[*index]);
                template.push_str(&format!("{{{ident}}}"));
                let wire = &param.wire_name;
                let styled = matches!(param.style.kind, StyleKind::Label | StyleKind::Matrix);
                let segment = match repr(api, &param.ty) {
                    Repr::Text if !styled => quote!(runtime::path_segment(#wire, &#ident)?),
                    Repr::StrEnum if !styled => {
                        quote!(runtime::path_segment(#wire, #ident.as_str())?)
                    }
                    _ => {
                        let style = style_tokens(param);
                        quote!(runtime::path_param(#wire, &#ident, #style)?)
                    }
                };
                // A parameter used twice in the path is encoded once.
                push_once(&mut encode, quote!(let #ident = #segment;));
            }
            PathPart::Config(index) => {
                let (variable, ident) = (&api.config[*index], &names.variables[*index]);
                template.push_str(&format!("{{{ident}}}"));
                let wire = &variable.name;
                push_once(
                    &mut encode,
                    quote!(let #ident = runtime::path_segment(#wire, &client.#ident)?;),
                );
            }
        }
    }
    if encode.is_empty() {
        (quote!(), quote!(#template))
    } else {
        (
            quote! {
                #(#encode)*
                let path = format!(#template);
            },
            quote!(&path),
        )
    }
}

/// Adds `binding` unless it is there already.
fn push_once(bindings: &mut Vec<TokenStream>, binding: TokenStream) {
    let text = binding.to_string();
    if !bindings.iter().any(|existing| existing.to_string() == text) {
        bindings.push(binding);
    }
}

/// Percent-encodes the characters a URL path cannot carry as they are, keeping `/` and any
/// existing `%XX` escapes.
fn encode_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

fn method_tokens(method: &str) -> TokenStream {
    match method {
        "GET" => quote!(reqwest::Method::GET),
        "POST" => quote!(reqwest::Method::POST),
        "PUT" => quote!(reqwest::Method::PUT),
        "DELETE" => quote!(reqwest::Method::DELETE),
        "PATCH" => quote!(reqwest::Method::PATCH),
        "HEAD" => quote!(reqwest::Method::HEAD),
        "OPTIONS" => quote!(reqwest::Method::OPTIONS),
        "TRACE" => quote!(reqwest::Method::TRACE),
        "CONNECT" => quote!(reqwest::Method::CONNECT),
        // An extension method; lowering only lets HTTP token characters through.
        other => {
            let bytes = proc_macro2::Literal::byte_string(other.as_bytes());
            quote! {
                reqwest::Method::from_bytes(#bytes)
                    .map_err(|_| runtime::InvalidRequest::new("invalid HTTP method"))?
            }
        }
    }
}

/// Whether the operation pages by `Link` headers (its builder keeps the next page's URL).
fn follows_links(op: &Operation) -> bool {
    op.paging
        .as_ref()
        .is_some_and(|paging| paging.next == crate::ir::NextPage::Link)
}

/// A field of the success body reached from `page` (a reference to it).
enum Access {
    /// Every step is a plain field: a place expression of type `T` (`page.meta.cursor`).
    Plain(TokenStream),
    /// Some step is optional: an expression of type `Option<&T>`.
    Optional(TokenStream),
}

/// A field path in the success body, and the field's type; `None` when the path leads
/// nowhere (`paging` only records paths that exist).
fn field_access(
    api: &Api,
    names: &Names,
    root: &TypeRef,
    path: &[String],
) -> Option<(Access, TypeRef)> {
    let mut access = Access::Plain(quote!(page));
    let mut ty = root.clone();
    for wire in path {
        let id = named_struct(api, &ty)?;
        let TypeKind::Struct { fields, .. } = &api.types.get(id)?.kind else {
            return None;
        };
        let index = fields.iter().position(|field| &field.wire_name == wire)?;
        let ident = &names.types[id.0].fields[index];
        let plain = names.defs[id.0][index];
        access = match (access, plain) {
            (Access::Plain(place), true) => Access::Plain(quote!(#place.#ident)),
            (Access::Plain(place), false) => Access::Optional(quote!(#place.#ident.as_ref())),
            (Access::Optional(option), true) => {
                Access::Optional(quote!(#option.map(|value| &value.#ident)))
            }
            (Access::Optional(option), false) => {
                Access::Optional(quote!(#option.and_then(|value| value.#ident.as_ref())))
            }
        };
        ty = match &fields[index].ty {
            TypeRef::Nullable(inner) => (**inner).clone(),
            other => other.clone(),
        };
    }
    Some((access, ty))
}

/// The struct a type names, through aliases.
fn named_struct(api: &Api, ty: &TypeRef) -> Option<TypeId> {
    match ty {
        TypeRef::Nullable(inner) => named_struct(api, inner),
        TypeRef::Named(id) => match &api.types.get(*id)?.kind {
            TypeKind::Struct { .. } => Some(*id),
            TypeKind::Alias { target } => named_struct(api, target),
            _ => None,
        },
        _ => None,
    }
}

/// The element type of an array type, through aliases.
fn array_item(api: &Api, ty: &TypeRef) -> Option<TypeRef> {
    match ty {
        TypeRef::Array(inner) => Some((**inner).clone()),
        TypeRef::Nullable(inner) => array_item(api, inner),
        TypeRef::Named(id) => match &api.types.get(*id)?.kind {
            TypeKind::Alias { target } => array_item(api, target),
            _ => None,
        },
        _ => None,
    }
}

/// For an operation that pages: `pages()` and `into_stream()` on its builder, and the
/// builder's `runtime::Paged` (and `PagedItems`) implementations.
fn emit_paging(
    api: &Api,
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
) -> Option<(TokenStream, TokenStream)> {
    let paging = op.paging.as_ref()?;
    let root = match success_responses(op).next().map(response_body)? {
        Body::Json(ty) => ty.clone(),
        _ => return None,
    };
    let builder = &op_names.builder;
    let page_type = success_type(names, op, op_names);
    let error = &op_names.error;
    // The items: their type, how a page gives them up, and a reference to them.
    let items = match &paging.items {
        Some(path) if path.is_empty() => {
            let item = array_item(api, &root)?;
            Some((item, quote!(page), Access::Plain(quote!(page))))
        }
        Some(path) => {
            let (access, ty) = field_access(api, names, &root, path)?;
            let item = array_item(api, &ty)?;
            let (parent, last) = path.split_at(path.len() - 1);
            let (_, parent_ty) = field_access(api, names, &root, parent)?;
            let id = named_struct(api, &parent_ty)?;
            let TypeKind::Struct { fields, .. } = &api.types.get(id)?.kind else {
                return None;
            };
            let index = fields.iter().position(|field| field.wire_name == last[0])?;
            let ident = &names.types[id.0].fields[index];
            let take = if parent.is_empty() && names.defs[id.0][index] {
                quote!(page.#ident)
            } else if parent.is_empty() {
                quote!(page.#ident.unwrap_or_default())
            } else {
                return None;
            };
            Some((item, take, access))
        }
        None => None,
    };
    let setter = |param: usize| &op_names.params[param];
    let (next_page, how) = match &paging.next {
        crate::ir::NextPage::Token { param, token } => {
            let (access, _) = field_access(api, names, &root, token)?;
            let setter = setter(*param);
            let read = match access {
                Access::Plain(place) => quote! {
                    let token = &#place;
                    if token.is_empty() {
                        return None;
                    }
                },
                Access::Optional(option) => {
                    quote!(let token = #option.filter(|token| !token.is_empty())?;)
                }
            };
            (
                quote! {
                    #read
                    Some((self.clone().#setter(token.clone()), token.clone()))
                },
                format!(
                    "following `{}` into `{}` until it is empty",
                    token.join("."),
                    op.params[*param].wire_name
                ),
            )
        }
        crate::ir::NextPage::PageNumber {
            param,
            first,
            total_pages,
        } => {
            let (_, _, items_ref) = items.as_ref()?;
            let setter = setter(*param);
            let number = &op.params[*param];
            let first = proc_macro2::Literal::i64_unsuffixed(*first);
            let (current, next) = if repr(api, &number.ty) == Repr::Text {
                (
                    quote!(let current: i128 = self.#setter.as_deref().map_or(Some(#first), |text| text.parse().ok())?;),
                    quote!(let next = current.checked_add(1)?; Some((self.clone().#setter(next.to_string()), next.to_string()))),
                )
            } else {
                let ty = param_type(api, names, number);
                (
                    quote!(let current = i128::from(self.#setter.unwrap_or(#first));),
                    quote! {
                        let next = #ty::try_from(current.checked_add(1)?).ok()?;
                        Some((self.clone().#setter(next), next.to_string()))
                    },
                )
            };
            let total = total_pages
                .as_ref()
                .and_then(|path| field_access(api, names, &root, path))
                .map(|(access, _)| {
                    let reached = match access {
                        Access::Plain(place) => quote!(current >= i128::from(#place)),
                        Access::Optional(option) => {
                            quote!(#option.is_some_and(|total| current >= i128::from(*total)))
                        }
                    };
                    quote! {
                        if #reached {
                            return None;
                        }
                    }
                });
            let empty = match items_ref {
                Access::Plain(place) => quote!(#place.is_empty()),
                Access::Optional(option) => quote!(#option.is_none_or(|items| items.is_empty())),
            };
            (
                quote! {
                    if #empty {
                        return None;
                    }
                    #current
                    #total
                    #next
                },
                format!(
                    "counting `{}` up from {} until a page is empty{}",
                    number.wire_name,
                    first,
                    match total_pages {
                        Some(path) => format!(" or reaches `{}`", path.join(".")),
                        None => String::new(),
                    }
                ),
            )
        }
        crate::ir::NextPage::Link => (
            quote! {
                let next = runtime::next_link(page.headers())?;
                let mut following = self.clone();
                following.next_link = Some(next.clone());
                Some((following, next))
            },
            "following the `Link` header's `rel=\"next\"` URL".to_owned(),
        ),
        crate::ir::NextPage::AfterLast {
            param,
            has_more,
            id,
        } => {
            let (item, _, items_ref) = items.as_ref()?;
            let (more, _) = field_access(api, names, &root, has_more)?;
            let more = match more {
                Access::Plain(place) => quote!(#place),
                Access::Optional(option) => quote!(#option.copied().unwrap_or(false)),
            };
            let last = match items_ref {
                Access::Plain(place) => quote!(#place.last()?),
                Access::Optional(option) => quote!(#option?.last()?),
            };
            let item_id = named_struct(api, item)?;
            let TypeKind::Struct { fields, .. } = &api.types.get(item_id)?.kind else {
                return None;
            };
            let index = fields.iter().position(|field| &field.wire_name == id)?;
            let id_ident = &names.types[item_id.0].fields[index];
            let last_id = if names.defs[item_id.0][index] {
                quote!(last.#id_ident.clone())
            } else {
                quote!(last.#id_ident.clone()?)
            };
            let setter = setter(*param);
            (
                quote! {
                    if !#more {
                        return None;
                    }
                    let last = #last;
                    let id = #last_id;
                    Some((self.clone().#setter(id.clone()), id))
                },
                format!(
                    "passing the last item's `{id}` as `{}` while `{}` is true",
                    op.params[*param].wire_name,
                    has_more.join(".")
                ),
            )
        }
    };
    let pages_docs = doc(&format!(
        "Every page, from this request on, {how}: call `next().await` until it gives `None`.\n\n\
         Ends after the last page, when the server points to a page it sent before, after an error, or \
         after `max_pages` pages (default 1000)."
    ));
    let stream = items.as_ref().map(|_| {
        let docs = doc(&format!(
            "Every item of every page, in order, {how}: call `next().await` until it gives \
             `None`, or `collect().await`.\n\nEnds as [`pages`](Self::pages) does."
        ));
        quote! {
            #docs
            pub fn into_stream(self) -> runtime::Items<Self> {
                runtime::Items::new(self)
            }
        }
    });
    let methods = quote! {
        #pages_docs
        pub fn pages(self) -> runtime::Pages<Self> {
            runtime::Pages::new(self)
        }

        #stream
    };
    let items_impl = items.as_ref().map(|(item, take, _)| {
        let item = rust_type(names, item, Scope::Outside);
        quote! {
            impl runtime::PagedItems for #builder<'_> {
                type Item = #item;

                fn items(page: Self::Page) -> Vec<Self::Item> {
                    #take
                }
            }
        }
    });
    let impls = quote! {
        impl runtime::Paged for #builder<'_> {
            type Page = #page_type;
            type Error = types::#error;

            fn fetch<'s>(self) -> runtime::PageFuture<'s, Self::Page, Self::Error>
            where
                Self: 's,
            {
                Box::pin(self.send())
            }

            fn next_page(&self, page: &Response<Self::Page>) -> Option<(Self, String)> {
                #next_page
            }
        }

        #items_impl
    };
    Some((methods, impls))
}
