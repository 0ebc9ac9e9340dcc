//! The `types` module: request and response structs and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{Names, OperationNames, error_responses, is_plain, success_responses};
use super::{Scope, doc, rust_type};
use crate::docs;
use crate::ir::{Api, Direction, Field, Operation, ResponseBody, TypeDef, TypeKind, TypeRef};

/// The items of `types.rs`, sorted by name so that adding an operation inserts its types
/// without moving others.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let mut items: Vec<(String, TokenStream)> = Vec::new();
    for (def, type_names) in api.types.iter().zip(&names.types) {
        let tokens = match &def.kind {
            TypeKind::Struct { .. } => {
                emit_struct(names, def, &type_names.ident, &type_names.fields)
            }
            TypeKind::Enum { values } => {
                emit_enum(def, &type_names.ident, values, &type_names.fields)
            }
        };
        items.push((type_names.ident.to_string(), tokens));
    }
    for (op, op_names) in api.operations.iter().zip(&names.operations) {
        items.push((op_names.error.to_string(), error_enum(names, op, op_names)));
        if let Some(success) = &op_names.success {
            items.push((
                success.to_string(),
                success_enum(names, op, op_names, success),
            ));
        }
    }
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let items = items.into_iter().map(|(_, tokens)| tokens);
    quote! {
        #(#items)*
    }
}

fn error_enum(names: &Names, op: &Operation, op_names: &OperationNames) -> TokenStream {
    let ident = &op_names.error;
    let method = &op_names.method;
    let header = doc(&format!(
        "Error responses documented for [`Client::{method}`](super::Client::{method}).\n\n\
         Statuses the API does not document arrive as \
         [`Error::UnexpectedStatus`](super::Error::UnexpectedStatus)."
    ));
    let variants = error_responses(op)
        .zip(&op_names.error_variants)
        .map(|(response, variant)| {
            let payload = match &response.body {
                ResponseBody::Json(ty) => rust_type(names, ty, Scope::Types),
                // An empty or text example does not prove the server sends nothing: keep
                // whatever it sends (Zoom's real errors are `{"code":…,"message":…}`).
                ResponseBody::Empty | ResponseBody::Text => quote!(String),
            };
            let docs = doc(&variant_docs(response));
            quote! {
                #docs
                #variant(#payload)
            }
        });
    let allow = large_variants(error_responses(op));
    response_enum(header, allow, ident, variants)
}

/// An enum with one variant per documented response.
fn response_enum(
    header: TokenStream,
    allow: Option<TokenStream>,
    ident: &proc_macro2::Ident,
    variants: impl Iterator<Item = TokenStream>,
) -> TokenStream {
    quote! {
        #header
        #[derive(Debug, Clone, PartialEq)]
        #allow
        pub enum #ident {
            #(#variants,)*
        }
    }
}

/// Enums whose variants hold structs can differ much in size; boxing would make every match
/// awkward for a value that lives briefly, so the size lint is allowed on those enums alone.
fn large_variants<'a>(
    responses: impl Iterator<Item = &'a crate::ir::Response>,
) -> Option<TokenStream> {
    let mut any_struct = false;
    let mut count = 0;
    for response in responses {
        count += 1;
        any_struct |= matches!(&response.body, ResponseBody::Json(TypeRef::Named(_)));
    }
    (any_struct && count > 1).then(|| quote!(#[allow(clippy::large_enum_variant)]))
}

/// The success enum of an operation that documents several 2xx statuses.
fn success_enum(
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
    ident: &proc_macro2::Ident,
) -> TokenStream {
    let method = &op_names.method;
    let header = doc(&format!(
        "Successful responses of [`Client::{method}`](super::Client::{method}), by status."
    ));
    let variants =
        success_responses(op)
            .zip(&op_names.success_variants)
            .map(|(response, variant)| {
                let docs = doc(&variant_docs(response));
                match &response.body {
                    ResponseBody::Json(ty) => {
                        let ty = rust_type(names, ty, Scope::Types);
                        quote!(#docs #variant(#ty))
                    }
                    ResponseBody::Text => quote!(#docs #variant(String)),
                    ResponseBody::Empty => quote!(#docs #variant),
                }
            });
    let allow = large_variants(success_responses(op));
    response_enum(header, allow, ident, variants)
}

/// A string enum: serialized as its documented values.
fn emit_enum(
    def: &TypeDef,
    ident: &proc_macro2::Ident,
    values: &[String],
    variants: &[proc_macro2::Ident],
) -> TokenStream {
    let docs = doc(def
        .description
        .as_deref()
        .unwrap_or("One of the documented values."));
    let members = values.iter().zip(variants).map(|(value, variant)| {
        let docs = doc(&format!("`{}`", crate::docs::inline(value)));
        quote! {
            #docs
            #[serde(rename = #value)]
            #variant
        }
    });
    let arms = values
        .iter()
        .zip(variants)
        .map(|(value, variant)| quote!(Self::#variant => #value));
    quote! {
        #docs
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum #ident {
            #(#members,)*
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(self) -> &'static str {
                match self {
                    #(#arms,)*
                }
            }
        }

        impl std::fmt::Display for #ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    }
}

fn emit_struct(
    names: &Names,
    def: &TypeDef,
    ident: &proc_macro2::Ident,
    field_idents: &[proc_macro2::Ident],
) -> TokenStream {
    let TypeKind::Struct { fields } = &def.kind else {
        return TokenStream::new();
    };
    let description = def
        .description
        .clone()
        .unwrap_or_else(|| match def.direction {
            Direction::Request => format!("`{}`, as sent in requests.", def.name),
            Direction::Response => format!("`{}`, as received in responses.", def.name),
        });
    let docs = doc(&description);
    // A form with files is not a JSON document: it gets no serde implementations.
    let has_file = fields.iter().any(|field| field.ty == TypeRef::File);
    let fields = fields.iter().zip(field_idents).map(|(field, field_ident)| {
        let inner = rust_type(names, &field.ty, Scope::Types);
        // Omitted when absent, not sent as `null` (a field some examples lacked). Fields that
        // are always present but sometimes null are sent as `null`.
        let optional = !is_plain(field) && !field.required && !has_file;
        let ty = if is_plain(field) {
            inner
        } else {
            quote!(Option<#inner>)
        };
        let mut serde = Vec::new();
        if !has_file && field_ident != &field.wire_name {
            let wire = &field.wire_name;
            serde.push(quote!(rename = #wire));
        }
        if optional {
            serde.push(quote!(default, skip_serializing_if = "Option::is_none"));
        }
        let attribute = (!serde.is_empty()).then(|| quote!(#[serde(#(#serde),*)]));
        let docs = doc(&field_docs(field));
        quote! {
            #docs
            #attribute
            pub #field_ident: #ty
        }
    });
    let derives = if has_file {
        quote!(#[derive(Debug, Clone, PartialEq)])
    } else {
        quote!(#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)])
    };
    quote! {
        #docs
        #derives
        pub struct #ident {
            #(#fields,)*
        }
    }
}

fn field_docs(field: &Field) -> String {
    let mut parts = vec![
        field
            .description
            .clone()
            .or_else(|| Some(format!("`{}`", crate::docs::inline(&field.wire_name)))),
    ];
    parts.extend(field.notes.iter().cloned().map(Some));
    docs::paragraphs(parts).unwrap_or_default()
}

fn variant_docs(response: &crate::ir::Response) -> String {
    let reason = response
        .reason
        .as_deref()
        .or_else(|| super::names::canonical_reason(response.status));
    let heading = match reason {
        Some(reason) => format!("`{} {}`", response.status, reason),
        None => format!("`{}`", response.status),
    };
    let codes = (!response.error_codes.is_empty()).then(|| {
        response
            .error_codes
            .iter()
            .map(|code| match &code.message {
                Some(message) => {
                    format!(
                        "Error code `{}`:\n{}",
                        crate::docs::inline(&code.code),
                        message
                    )
                }
                None => format!("Error code `{}`.", crate::docs::inline(&code.code)),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    docs::paragraphs([Some(heading), response.description.clone(), codes]).unwrap_or_default()
}
