//! The `builders` module: one request builder per operation, with a setter per optional
//! parameter and `send()`, which encodes the request and maps every documented status.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::names::{Names, OperationNames, error_responses, success_responses};
use super::{Scope, doc, rust_type};
use crate::ir::{
    Api, AuthScheme, FormEncoding, FormField, Operation, Param, PathPart, RequestBody,
    ResponseBody, TypeId, TypeRef,
};

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

    let body_type = op.body.as_ref().map(|body| match body {
        RequestBody::Json(ty) => rust_type(names, ty, Scope::Outside),
        RequestBody::Multipart { form, .. } | RequestBody::UrlEncoded { form, .. } => {
            rust_type(names, &TypeRef::Named(*form), Scope::Outside)
        }
        RequestBody::Text { .. } => quote!(String),
        RequestBody::Binary { .. } => quote!(bytes::Bytes),
    });

    // Fields: path parameters (given to the constructor), then optional values.
    let path_slots: Vec<Slot> = op_names
        .path_params
        .iter()
        .map(|ident| Slot {
            ident: ident.clone(),
        })
        .collect();
    let query_slots = optional_slots(&op_names.query);
    let header_slots = optional_slots(&op_names.headers);
    let mut fields = Vec::new();
    for slot in &path_slots {
        let ident = &slot.ident;
        fields.push(quote!(#ident: String));
    }
    for (param, slot) in op
        .query
        .iter()
        .chain(&op.headers)
        .zip(query_slots.iter().chain(&header_slots))
    {
        let ident = &slot.ident;
        let ty = param_type(names, param);
        fields.push(quote!(#ident: Option<#ty>));
    }
    if let Some(body_type) = &body_type {
        fields.push(quote!(body: Option<#body_type>));
    }

    let path_idents = &op_names.path_params;
    let optional_idents: Vec<&Ident> = query_slots
        .iter()
        .chain(&header_slots)
        .map(|s| &s.ident)
        .collect();
    let body_init = body_type.as_ref().map(|_| quote!(body: None,));

    let setters = op
        .query
        .iter()
        .zip(&query_slots)
        .map(|(param, slot)| setter(names, param, &slot.ident, "query parameter"))
        .chain(
            op.headers
                .iter()
                .zip(&header_slots)
                .map(|(param, slot)| setter(names, param, &slot.ident, "header")),
        );
    let body_setter = op
        .body
        .as_ref()
        .zip(body_type.as_ref())
        .map(|(body, body_type)| {
            let (argument, value) = match body {
                RequestBody::Text { .. } => (quote!(impl Into<String>), quote!(body.into())),
                RequestBody::Binary { .. } => {
                    (quote!(impl Into<bytes::Bytes>), quote!(body.into()))
                }
                _ => (body_type.clone(), quote!(body)),
            };
            quote! {
                /// Sets the request body (required).
                pub fn body(mut self, body: #argument) -> Self {
                    self.body = Some(#value);
                    self
                }
            }
        });

    let send = emit_send(api, names, op, op_names, &query_slots, &header_slots);

    quote! {
        #struct_docs
        #[derive(Debug)]
        #[must_use = "a request builder does nothing until `send` is awaited"]
        pub struct #builder<'a> {
            client: &'a Client,
            #(#fields,)*
        }

        impl<'a> #builder<'a> {
            pub(crate) fn new(client: &'a Client, #(#path_idents: String),*) -> Self {
                Self {
                    client,
                    #(#path_idents,)*
                    #(#optional_idents: None,)*
                    #body_init
                }
            }

            #(#setters)*

            #body_setter

            #send
        }
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

fn setter(names: &Names, param: &Param, ident: &Ident, kind: &str) -> TokenStream {
    let required = if param.required {
        " (required: `send` refuses to send without it)"
    } else {
        ""
    };
    let mut text = format!(
        "Sets the `{}` {kind}{required}.",
        crate::docs::inline(&param.wire_name)
    );
    if let Some(description) = &param.description {
        text.push_str("\n\n");
        text.push_str(description);
    }
    if let Some(example) = &param.example {
        text.push_str(&format!("\n\nExample: `{}`.", crate::docs::inline(example)));
    }
    let docs = doc(&text);
    match &param.ty {
        TypeRef::String => quote! {
            #docs
            pub fn #ident(mut self, value: impl Into<String>) -> Self {
                self.#ident = Some(value.into());
                self
            }
        },
        _ => {
            let ty = param_type(names, param);
            quote! {
                #docs
                pub fn #ident(mut self, value: #ty) -> Self {
                    self.#ident = Some(value);
                    self
                }
            }
        }
    }
}

/// The stored type of a query or header parameter: `String`, or a documented enum.
fn param_type(names: &Names, param: &Param) -> TokenStream {
    match &param.ty {
        TypeRef::Named(_) => rust_type(names, &param.ty, Scope::Outside),
        _ => quote!(String),
    }
}

/// The value sent when the caller sets none: the description's fixed value, or for a
/// `{{variable}}` the client's configured value.
fn variable_fallback(api: &Api, names: &Names, param: &Param, ident: &Ident) -> TokenStream {
    if let (Some(default), TypeRef::String) = (&param.default, &param.ty) {
        return quote!(let #ident = #ident.or_else(|| Some(#default.to_owned())););
    }
    let Some(index) = param.default_variable else {
        return TokenStream::new();
    };
    let (Some(variable), Some(field)) = (api.variables.get(index), names.variables.get(index))
    else {
        return TokenStream::new();
    };
    if param.ty != TypeRef::String {
        return TokenStream::new();
    }
    if variable.required {
        quote!(let #ident = #ident.or_else(|| Some(client.#field.clone()));)
    } else {
        quote!(let #ident = #ident.or_else(|| client.#field.clone());)
    }
}

/// Adds a query or header parameter to `request` (as `value`): always when required (refusing
/// to send without it), when set otherwise.
fn apply_param(param: &Param, ident: &Ident, add: TokenStream) -> TokenStream {
    let wire = &param.wire_name;
    if param.required {
        quote! {
            let value = #ident.ok_or_else(|| runtime::InvalidRequest::missing(#wire))?;
            #add
        }
    } else {
        quote! {
            if let Some(value) = #ident {
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
    let body_pattern = op.body.as_ref().map(|_| quote!(body,));

    let (path, path_arg) = emit_path(api, names, op, op_names);
    let method = method_tokens(&op.method);
    let authorize = op
        .auth
        .and_then(|index| Some((api.auth_schemes.get(index)?, names.auth.get(index)?)))
        .filter(|(scheme, _)| !matches!(scheme, AuthScheme::Hook { .. }))
        .map(|(_, auth_names)| &auth_names.method);
    let request = match authorize {
        Some(authorize) => quote!(client.#authorize(client.request(#method, #path_arg)?)),
        None => quote!(client.request(#method, #path_arg)?),
    };

    let query = op.query.iter().zip(query_slots).map(|(param, slot)| {
        let wire = &param.wire_name;
        let ident = &slot.ident;
        let add = quote!(request = request.query(&[(#wire, value.as_str())]););
        let apply = apply_param(param, ident, add);
        let fallback = variable_fallback(api, names, param, ident);
        quote!(#fallback #apply)
    });
    let headers = op.headers.iter().zip(header_slots).map(|(param, slot)| {
        let wire = &param.wire_name;
        let ident = &slot.ident;
        let fallback = variable_fallback(api, names, param, ident);
        let add =
            quote!(request = request.header(#wire, runtime::header_value(#wire, value.as_str())?););
        let apply = apply_param(param, ident, add);
        quote!(#fallback #apply)
    });
    let needs_mut = !op.query.is_empty() || !op.headers.is_empty();
    let request_binding = if needs_mut {
        quote!(mut request)
    } else {
        quote!(request)
    };

    let body = op.body.as_ref().map(|body| match body {
        RequestBody::Json(_) => quote!(let request = request.json(&body);),
        RequestBody::Multipart { form, fields } => multipart(api, names, *form, fields),
        RequestBody::UrlEncoded { form, fields } => urlencoded(api, names, *form, fields),
        RequestBody::Text { content_type } => quote! {
            let request = request
                .header(reqwest::header::CONTENT_TYPE, #content_type)
                .body(body);
        },
        RequestBody::Binary {
            content_type: Some(content_type),
        } => quote! {
            let request = request
                .header(reqwest::header::CONTENT_TYPE, #content_type)
                .body(body);
        },
        RequestBody::Binary { content_type: None } => quote!(let request = request.body(body);),
    });
    let body_check = op
        .body
        .as_ref()
        .map(|_| quote!(let body = body.ok_or_else(|| runtime::InvalidRequest::missing("body"))?;));

    let mut arms = Vec::new();
    let successes: Vec<_> = success_responses(op).collect();
    for (response, variant) in successes.iter().zip(&op_names.success_variants) {
        let status = proc_macro2::Literal::u16_unsuffixed(response.status);
        let read = match &response.body {
            ResponseBody::Json(_) => quote!(runtime::json(response).await),
            ResponseBody::Text => quote!(runtime::text(response).await),
            ResponseBody::Empty => quote!(runtime::empty(response).await),
        };
        // Several documented successes: wrap each in its variant of the success enum.
        let read = match (&op_names.success, &response.body) {
            (Some(success), ResponseBody::Json(_)) => {
                quote!(runtime::json_as(response, types::#success::#variant).await)
            }
            (Some(success), ResponseBody::Text) => {
                quote!(runtime::text_as(response, types::#success::#variant).await)
            }
            (Some(success), ResponseBody::Empty) => {
                quote!(runtime::empty_as(response, types::#success::#variant).await)
            }
            (None, _) => read,
        };
        arms.push(quote!(#status => #read,));
    }
    if successes.is_empty() {
        arms.push(quote!(200..=299 => runtime::raw(response).await,));
    }
    for (response, variant) in error_responses(op).zip(&op_names.error_variants) {
        let status = proc_macro2::Literal::u16_unsuffixed(response.status);
        let read = match &response.body {
            ResponseBody::Json(_) => {
                quote!(runtime::error_json(response, types::#error_ident::#variant).await)
            }
            ResponseBody::Empty | ResponseBody::Text => {
                quote!(runtime::error_text(response, types::#error_ident::#variant).await)
            }
        };
        arms.push(quote!(#status => #read,));
    }

    quote! {
        /// Sends the request and decodes the response by its status.
        pub async fn send(self) -> Result<Response<#success>, Error<types::#error_ident>> {
            let Self { client, #(#destructure,)* #body_pattern } = self;
            #body_check
            #path
            let #request_binding = #request;
            #(#query)*
            #(#headers)*
            #body
            let response = client.execute(request).await?;
            match response.status().as_u16() {
                #(#arms)*
                _ => runtime::unexpected(response).await,
            }
        }
    }
}

/// Builds the multipart form: required fields chained, optional ones added when set.
fn multipart(api: &Api, names: &Names, form: TypeId, fields: &[FormField]) -> TokenStream {
    let (Some(type_names), Some(def)) = (names.types.get(form.0), names.defs.get(form.0)) else {
        return quote!(let request = request.multipart(reqwest::multipart::Form::new()););
    };
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (index, ((field, ident), is_required)) in
        fields.iter().zip(&type_names.fields).zip(def).enumerate()
    {
        let wire = &field.wire_name;
        match (field.encoding, *is_required) {
            (FormEncoding::Json, true) => {
                required.push(quote!(.part(#wire, runtime::json_part(#wire, &body.#ident)?)))
            }
            (FormEncoding::Text, true) => {
                let value = text_value(api, form, index, quote!(body.#ident));
                required.push(quote!(.text(#wire, #value)))
            }
            (FormEncoding::Json, false) => optional.push(quote! {
                if let Some(value) = &body.#ident {
                    form = form.part(#wire, runtime::json_part(#wire, value)?);
                }
            }),
            (FormEncoding::Text, false) => {
                let value = text_value(api, form, index, quote!(value));
                optional.push(quote! {
                    if let Some(value) = body.#ident {
                        form = form.text(#wire, #value);
                    }
                })
            }
            (FormEncoding::File, true) => {
                required.push(quote!(.part(#wire, runtime::file_part(#wire, body.#ident)?)))
            }
            (FormEncoding::File, false) => optional.push(quote! {
                if let Some(value) = body.#ident {
                    form = form.part(#wire, runtime::file_part(#wire, value)?);
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
        let request = request.multipart(form);
    }
}

/// A text form field's value as a `String`: as it is, or an enum's wire value.
fn text_value(api: &Api, form: TypeId, index: usize, value: TokenStream) -> TokenStream {
    let is_enum = api.types.get(form.0).is_some_and(|def| match &def.kind {
        crate::ir::TypeKind::Struct { fields } => {
            matches!(
                fields.get(index).map(|field| &field.ty),
                Some(TypeRef::Named(_))
            )
        }
        crate::ir::TypeKind::Enum { .. } => false,
    });
    if is_enum {
        quote!(#value.as_str().to_owned())
    } else {
        value
    }
}

/// Builds the urlencoded form: required fields always, optional ones when set.
fn urlencoded(api: &Api, names: &Names, form: TypeId, fields: &[FormField]) -> TokenStream {
    let (Some(type_names), Some(plain)) = (names.types.get(form.0), names.defs.get(form.0)) else {
        return quote!();
    };
    let mut required = Vec::new();
    let mut optional = Vec::new();
    for (index, ((field, ident), is_plain)) in
        fields.iter().zip(&type_names.fields).zip(plain).enumerate()
    {
        let wire = &field.wire_name;
        if *is_plain {
            let value = text_value(api, form, index, quote!(body.#ident));
            required.push(quote!((#wire, #value)));
        } else {
            let value = text_value(api, form, index, quote!(value));
            optional.push(quote! {
                if let Some(value) = body.#ident {
                    form.push((#wire, #value));
                }
            });
        }
    }
    let binding = if optional.is_empty() {
        quote!(form)
    } else {
        quote!(mut form)
    };
    quote! {
        let #binding: Vec<(&str, String)> = vec![#(#required),*];
        #(#optional)*
        let request = request.form(&form);
    }
}

/// The Rust type of the success body.
fn success_type(names: &Names, op: &Operation, op_names: &OperationNames) -> TokenStream {
    if let Some(success) = &op_names.success {
        return quote!(types::#success);
    }
    match success_responses(op).next().map(|response| &response.body) {
        Some(ResponseBody::Json(ty)) => rust_type(names, ty, Scope::Outside),
        Some(ResponseBody::Text) => quote!(String),
        Some(ResponseBody::Empty) => quote!(()),
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
                let (Some(param), Some(ident)) =
                    (op.path_params.get(*index), op_names.path_params.get(*index))
                else {
                    continue;
                };
                template.push_str(&format!("{{{ident}}}"));
                let wire = &param.wire_name;
                encode.push(quote!(let #ident = runtime::path_segment(#wire, &#ident)?;));
            }
            PathPart::Variable(index) => {
                let (Some(variable), Some(ident)) =
                    (api.variables.get(*index), names.variables.get(*index))
                else {
                    continue;
                };
                template.push_str(&format!("{{{ident}}}"));
                let wire = &variable.name;
                let binding = quote!(let #ident = runtime::path_segment(#wire, &client.#ident)?;);
                if !encode
                    .iter()
                    .any(|existing| existing.to_string() == binding.to_string())
                {
                    encode.push(binding);
                }
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
