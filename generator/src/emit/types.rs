//! The `types` module: request and response structs and each operation's error enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::names::{
    Body, Names, OperationNames, error_responses, is_plain, response_body, success_responses,
};
use super::{Scope, doc, rust_type};
use crate::docs;
use crate::ir::{
    Api, Field, Holder, Note, Operation, Scalar, Status, Tagging, TypeDef, TypeId, TypeKind,
    TypeRef, Variant,
};

/// The items of `types.rs`, sorted by name so that adding an operation inserts its types
/// without moving others.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let mut items: Vec<(String, TokenStream)> = Vec::new();
    let usage = super::usage::Usage::of(api);
    for (id, def) in api.types.iter() {
        let type_names = &names.types[id.0];
        let docs = doc(&type_docs(api, names, &usage, id, def));
        let ident = &type_names.ident;
        let tokens = match &def.kind {
            TypeKind::Struct { .. } => emit_struct(api, names, id, def, docs),
            TypeKind::Enum { values, open } => {
                super::enums::emit(ident, values, &type_names.fields, *open, docs)
            }
            TypeKind::Union {
                variants,
                tagging: Tagging::Internal { tag },
            } => emit_tagged_union(
                names,
                ident,
                variants,
                &type_names.fields,
                tag,
                usage.in_responses(id),
                docs,
            ),
            TypeKind::Union { variants, tagging } => {
                emit_union(names, ident, variants, &type_names.fields, tagging, docs)
            }
            TypeKind::Alias { target } => {
                let target = rust_type(names, target, Scope::Types);
                quote! {
                    #docs
                    pub type #ident = #target;
                }
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
    let rest = if op.responses.iter().any(|r| r.status == Status::Default) {
        "Every status not documented otherwise is the last variant."
    } else {
        "Statuses the API does not document arrive as \
         [`Error::UnexpectedStatus`](super::Error::UnexpectedStatus)."
    };
    let header = doc(&format!(
        "Error responses documented for [`Client::{method}`](super::Client::{method}).\n\n{rest}"
    ));
    let variants = error_responses(op)
        .zip(&op_names.error_variants)
        .map(|(response, variant)| {
            let payload = match response_body(response) {
                Body::Json(ty) => rust_type(names, ty, Scope::Types),
                // An empty or text example does not prove the server sends nothing: keep
                // whatever it sends (Zoom's real errors are `{"code":…,"message":…}`).
                Body::Empty | Body::Text | Body::Events(_) => quote!(String),
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
        #[non_exhaustive]
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
        any_struct |= matches!(response_body(response), Body::Json(TypeRef::Named(_)));
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
                match response_body(response) {
                    Body::Json(ty) => {
                        let ty = rust_type(names, ty, Scope::Types);
                        quote!(#docs #variant(#ty))
                    }
                    Body::Text | Body::Events(_) => quote!(#docs #variant(String)),
                    Body::Empty => quote!(#docs #variant),
                }
            });
    let allow = large_variants(success_responses(op));
    response_enum(header, allow, ident, variants)
}

fn emit_struct(
    api: &Api,
    names: &Names,
    id: TypeId,
    def: &TypeDef,
    docs: TokenStream,
) -> TokenStream {
    let TypeKind::Struct { fields, additional } = &def.kind else {
        return TokenStream::new();
    };
    let type_names = &names.types[id.0];
    let ident = &type_names.ident;
    let field_idents = &type_names.fields;
    // A form with files is not a JSON document: it gets no serde implementations.
    let has_file = fields
        .iter()
        .any(|field| field.ty == TypeRef::Scalar(Scalar::Binary));
    let fields = fields.iter().zip(field_idents).map(|(field, field_ident)| {
        // Optionality is the field's: `Option` once, whether the value may be null or absent.
        let value = match &field.ty {
            TypeRef::Nullable(inner) => inner,
            other => other,
        };
        let inner = rust_type(names, value, Scope::Types);
        // A type that holds itself directly would be infinitely large.
        let inner = if super::usage::holds_directly(api, value, id) {
            quote!(Box<#inner>)
        } else {
            inner
        };
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
    let additional =
        additional
            .as_ref()
            .zip(type_names.additional.as_ref())
            .map(|(ty, additional_ident)| {
                let ty = rust_type(names, ty, Scope::Types);
                quote! {
                    /// Properties beyond the documented fields.
                    #[serde(flatten)]
                    pub #additional_ident: std::collections::BTreeMap<String, #ty>
                }
            });
    let fields = fields.chain(additional);
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
        super::rustdoc::of(&field.docs)
            .or_else(|| Some(format!("`{}`", crate::docs::inline(&field.wire_name)))),
    ];
    parts.extend(field.notes.iter().map(|note| {
        Some(
            match note {
                Note::ExamplesDisagree => "Examples disagree on this field's type.",
            }
            .to_owned(),
        )
    }));
    if field.required && matches!(field.ty, TypeRef::Nullable(_)) && field.part.is_none() {
        parts.push(Some("Always present: `None` stands for `null`.".to_owned()));
    }
    if let Some(default) = &field.default {
        parts.push(Some(format!(
            "Default: `{}`.",
            crate::docs::inline(&default.to_string())
        )));
    }
    if field.read_only {
        parts.push(Some("Sent by the server only.".to_owned()));
    }
    if field.write_only {
        parts.push(Some("Sent by the client only.".to_owned()));
    }
    if field.deprecated {
        parts.push(Some("**Deprecated.**".to_owned()));
    }
    docs::paragraphs(parts).unwrap_or_default()
}

/// `` `404 Not Found` ``, `` `4XX` ``, `Any other status`.
pub(crate) fn status_heading(status: Status, reason: Option<&str>) -> String {
    match status {
        Status::Code(code) => match reason.or_else(|| super::names::canonical_reason(code)) {
            Some(reason) => format!("`{code} {reason}`"),
            None => format!("`{code}`"),
        },
        Status::Range(class) => format!("`{class}XX`"),
        Status::Default => "Any other status".to_owned(),
    }
}

fn variant_docs(response: &crate::ir::Response) -> String {
    let heading = status_heading(response.status, response.reason.as_deref());
    docs::paragraphs([Some(heading), super::rustdoc::of(&response.docs)]).unwrap_or_default()
}

/// As for response enums: alternatives holding structs differ in size, and boxing them would
/// make every match awkward, so the size lint is allowed on unions of `variants` and `extra`
/// more (a catch-all) when one holds a struct.
fn large_union(variants: &[Variant], extra: usize) -> Option<TokenStream> {
    (variants.len() + extra > 1
        && variants
            .iter()
            .any(|variant| matches!(variant.ty, TypeRef::Named(_))))
    .then(|| quote!(#[allow(clippy::large_enum_variant)]))
}

/// A union recognised by a tag property inside each alternative's object.
///
/// Serde's own internal tagging would take the tag away from the alternative (whose struct
/// then never sees its copy of the property), write it twice when that copy is set, and fail
/// the whole response on a tag the description does not list. Instead the object is decoded
/// whole into the alternative its tag names; a union received in responses keeps an unlisted
/// alternative as JSON, as open enums keep unlisted values; and the tag is written first, once.
fn emit_tagged_union(
    names: &Names,
    ident: &proc_macro2::Ident,
    variants: &[Variant],
    idents: &[proc_macro2::Ident],
    tag: &str,
    open: bool,
    docs: TokenStream,
) -> TokenStream {
    let tagged: Vec<(&Variant, &proc_macro2::Ident, &str)> = variants
        .iter()
        .zip(idents)
        .filter_map(|(variant, ident)| Some((variant, ident, variant.tag.as_deref()?)))
        .collect();
    let members = tagged.iter().map(|(variant, variant_ident, value)| {
        let ty = rust_type(names, &variant.ty, Scope::Types);
        let docs = doc(&super::rustdoc::of(&variant.docs)
            .unwrap_or_else(|| format!("`{}`", crate::docs::inline(value))));
        quote! {
            #docs
            #variant_ident(#ty)
        }
    });
    let unknown = open.then(|| super::enums::catch_all(idents));
    let catch_all = unknown.as_ref().map(|unknown| {
        let doc = doc(&format!(
            "An object whose `{}` names no alternative listed here, as received.",
            crate::docs::inline(tag)
        ));
        quote! {
            #doc
            #unknown(serde_json::Value)
        }
    });
    let arrives = unknown.as_ref().map(|unknown| {
        doc(&format!(
            "\nAn object whose `{}` the description does not list arrives as `{unknown}`: \
             match with a wildcard.",
            crate::docs::inline(tag)
        ))
    });
    let non_exhaustive = open.then(|| quote!(#[non_exhaustive]));
    let sizes = large_union(variants, usize::from(open));
    let to_value = tagged.iter().map(|(_, variant_ident, value)| {
        quote!(Self::#variant_ident(value) => (#value, serde_json::to_value(value)))
    });
    let write_unknown = unknown
        .as_ref()
        .map(|unknown| quote!(Self::#unknown(value) => return serde::Serialize::serialize(value, serializer),));
    let from_value = tagged.iter().map(|(_, variant_ident, value)| {
        quote!(Some(#value) => serde_json::from_value(value).map(Self::#variant_ident))
    });
    let listed = tagged.iter().map(|(_, _, value)| value);
    let otherwise = match &unknown {
        Some(unknown) => quote!(_ => return Ok(Self::#unknown(value))),
        None => quote! {
            Some(other) => return Err(serde::de::Error::unknown_variant(other, &[#(#listed),*])),
            None => return Err(serde::de::Error::missing_field(#tag)),
        },
    };
    let not_object = format!("an alternative of `{ident}` must be a JSON object");
    quote! {
        #docs
        #arrives
        #[derive(Debug, Clone, PartialEq)]
        #non_exhaustive
        #sizes
        pub enum #ident {
            #(#members,)*
            #catch_all
        }

        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::{Error as _, SerializeMap as _};
                let (tag, value) = match self {
                    #(#to_value,)*
                    #write_unknown
                };
                let serde_json::Value::Object(fields) = value.map_err(S::Error::custom)? else {
                    return Err(S::Error::custom(#not_object));
                };
                let mut map = serializer.serialize_map(None)?;
                map.serialize_entry(#tag, tag)?;
                for (name, field) in fields.iter().filter(|(name, _)| *name != #tag) {
                    map.serialize_entry(name, field)?;
                }
                map.end()
            }
        }

        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let decoded = match value.get(#tag).and_then(serde_json::Value::as_str) {
                    #(#from_value,)*
                    #otherwise
                };
                decoded.map_err(serde::de::Error::custom)
            }
        }
    }
}

/// A union: one variant per alternative, recognised as the tagging says.
fn emit_union(
    names: &Names,
    ident: &proc_macro2::Ident,
    variants: &[Variant],
    idents: &[proc_macro2::Ident],
    tagging: &Tagging,
    docs: TokenStream,
) -> TokenStream {
    let attribute = match tagging {
        Tagging::Untagged => quote!(#[serde(untagged)]),
        Tagging::Internal { tag } => quote!(#[serde(tag = #tag)]),
        Tagging::Adjacent { tag, content } => quote!(#[serde(tag = #tag, content = #content)]),
    };
    let members = variants.iter().zip(idents).map(|(variant, variant_ident)| {
        let ty = rust_type(names, &variant.ty, Scope::Types);
        let docs = doc(&super::rustdoc::of(&variant.docs).unwrap_or_else(|| {
            format!(
                "`{}`",
                crate::docs::inline(variant.tag.as_deref().unwrap_or(&variant_ident.to_string()))
            )
        }));
        let rename = variant
            .tag
            .as_ref()
            .map(|tag| quote!(#[serde(rename = #tag)]));
        quote! {
            #docs
            #rename
            #variant_ident(#ty)
        }
    });
    let sizes = large_union(variants, 0);
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
        #sizes
        #attribute
        pub enum #ident {
            #(#members,)*
        }
    }
}

/// A type's docs: its description, else a sentence saying where it is used.
fn type_docs(
    api: &Api,
    names: &Names,
    usage: &super::usage::Usage,
    id: TypeId,
    def: &TypeDef,
) -> String {
    if let Some(docs) = super::rustdoc::of(&def.docs) {
        return docs;
    }
    let title = |operation: usize| crate::docs::inline(&api.operations[operation].title);
    match &def.holder {
        Some(Holder::Body { operation }) => {
            return format!("Request body of `{}`.", title(*operation));
        }
        Some(Holder::Response { operation, status }) => {
            let op = &api.operations[*operation];
            let status_text = match status {
                Status::Code(code) => format!("`{code}`"),
                other => status_heading(*other, None),
            };
            let head = format!("{status_text} response of `{}`.", title(*operation));
            let response = op.responses.iter().find(|r| r.status == *status);
            return docs::paragraphs([
                Some(head),
                response.and_then(|r| super::rustdoc::of(&r.docs)),
            ])
            .unwrap_or_default();
        }
        Some(Holder::Parameter { name }) if matches!(def.kind, TypeKind::Enum { .. }) => {
            return format!(
                "The values the `{}` parameter accepts.",
                crate::docs::inline(name)
            );
        }
        Some(Holder::Field {
            parent: None,
            field,
            ..
        }) if matches!(def.kind, TypeKind::Enum { .. }) => {
            return format!(
                "The values the `{}` field accepts.",
                crate::docs::inline(field)
            );
        }
        Some(Holder::Field {
            parent: Some(parent),
            field,
            element,
        }) => {
            // A map's values: the field holds `BTreeMap<String, Self>`.
            let in_map = match api.types.get(*parent).map(|def| &def.kind) {
                Some(TypeKind::Struct { fields, .. }) => fields
                    .iter()
                    .find(|candidate| candidate.wire_name == *field)
                    .is_some_and(|candidate| {
                        matches!(candidate.ty.non_null(), TypeRef::Map(value)
                            if *value.non_null() == TypeRef::Named(id))
                    }),
                _ => false,
            };
            let parent = &names.types[parent.0].ident;
            let field = crate::docs::inline(field);
            return if in_map {
                format!("A value of `{field}` in [`{parent}`].")
            } else if *element {
                format!("An element of `{field}` in [`{parent}`].")
            } else {
                format!("The `{field}` of [`{parent}`].")
            };
        }
        _ => {}
    }
    let ident = &names.types[id.0].ident;
    match &def.kind {
        TypeKind::Enum { .. } => "One of the documented values.".to_owned(),
        _ => match (usage.in_requests(id), usage.in_responses(id)) {
            (true, false) => format!("`{ident}`, as sent in requests."),
            (false, true) => format!("`{ident}`, as received in responses."),
            _ => format!("`{ident}`."),
        },
    }
}
