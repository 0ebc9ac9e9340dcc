//! The `types` module: request and response structs and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{Names, error_responses};
use super::{Scope, doc, rust_type};
use crate::docs;
use crate::ir::{Api, Direction, Field, ResponseBody, TypeDef, TypeKind};

/// The items of `types.rs`.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let structs = api.types.iter().zip(&names.types).map(|(def, type_names)| {
        (
            type_names.ident.to_string(),
            emit_struct(names, def, &type_names.ident, &type_names.fields),
        )
    });
    let errors = api
        .operations
        .iter()
        .zip(&names.operations)
        .map(|(op, op_names)| {
            let ident = &op_names.error;
            let name = ident.to_string();
            let method = &op_names.method;
            let header = doc(&format!(
                "Error responses documented for [`Client::{method}`](super::Client::{method}).\n\n\
                 Statuses the API does not document arrive as \
                 [`Error::UnexpectedStatus`](super::Error::UnexpectedStatus)."
            ));
            let variants =
                error_responses(op)
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
            let tokens = quote! {
                #header
                #[derive(Debug, Clone, PartialEq)]
                pub enum #ident {
                    #(#variants,)*
                }
            };
            (name, tokens)
        });
    // Sorted by name: adding an operation inserts its types without moving others.
    let mut items: Vec<(String, TokenStream)> = structs.chain(errors).collect();
    items.sort_by(|a, b| a.0.cmp(&b.0));
    let items = items.into_iter().map(|(_, tokens)| tokens);
    quote! {
        #(#items)*
    }
}

fn emit_struct(
    names: &Names,
    def: &TypeDef,
    ident: &proc_macro2::Ident,
    field_idents: &[proc_macro2::Ident],
) -> TokenStream {
    let TypeKind::Struct { fields } = &def.kind;
    let description = def
        .description
        .clone()
        .unwrap_or_else(|| match def.direction {
            Direction::Request => format!("`{}`, as sent in requests.", def.name),
            Direction::Response => format!("`{}`, as received in responses.", def.name),
        });
    let docs = doc(&description);
    let fields = fields.iter().zip(field_idents).map(|(field, field_ident)| {
        let rename = (field_ident != &field.wire_name).then(|| {
            let wire = &field.wire_name;
            quote!(#[serde(rename = #wire)])
        });
        let inner = rust_type(names, &field.ty, Scope::Types);
        let (ty, skip) = if field.required && !field.nullable {
            (inner, None)
        } else if field.required {
            // Always present but sometimes null: sent as `null`, never omitted.
            (quote!(Option<#inner>), None)
        } else {
            (
                quote!(Option<#inner>),
                Some(quote!(#[serde(default, skip_serializing_if = "Option::is_none")])),
            )
        };
        let docs = doc(&field_docs(field));
        quote! {
            #docs
            #rename
            #skip
            pub #field_ident: #ty
        }
    });
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
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
            .or_else(|| Some(format!("`{}`", field.wire_name))),
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
                    format!("Error code `{}`:\n{}", code.code.replace('`', ""), message)
                }
                None => format!("Error code `{}`.", code.code.replace('`', "")),
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    });
    docs::paragraphs([Some(heading), response.description.clone(), codes]).unwrap_or_default()
}
