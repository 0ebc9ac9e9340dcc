//! The opt-in `examples` module: every operation called with the description's own values,
//! "the request as documented" — path parameters from their examples, the body the
//! description's request sends. Query parameters and headers need nothing here: the values a
//! Postman request sends as written already start in the builder.

use proc_macro2::TokenStream;
use quote::quote;

use super::builders::{Repr, fixed_default, param_type, repr};
use super::doc;
use super::names::{Names, OperationNames};
use crate::ir::{Api, BodyKind, Location, Operation, PartEncoding, Scalar, TypeKind, TypeRef};

/// The module's items.
pub fn emit(api: &Api, names: &Names) -> TokenStream {
    let functions = names
        .ordered(api)
        .map(|(op, op_names)| example_call(api, names, op, op_names));
    // Typed path parameters are arguments of generated types; form bodies are literals.
    let typed_path = api
        .operations
        .iter()
        .flat_map(|op| op.params_in(Location::Path))
        .any(|(_, param)| {
            repr(api, &param.ty) != Repr::Text && super::client::names_a_type(&param.ty)
        });
    let form = api.operations.iter().any(|op| {
        op.body.as_ref().is_some_and(|body| {
            matches!(body.example, Some(serde_json::Value::Object(_)))
                && body.contents.first().is_some_and(|content| {
                    matches!(content.kind, BodyKind::Multipart | BodyKind::UrlEncoded)
                })
        })
    });
    let types = (typed_path || form).then(|| {
        quote!(
            use super::types;
        )
    });
    quote! {
        use super::{Client, builders};
        #types

        #(#functions)*
    }
}

fn example_call(
    api: &Api,
    names: &Names,
    op: &Operation,
    op_names: &OperationNames,
) -> TokenStream {
    let method = &op_names.method;
    let builder = &op_names.builder;
    // Path parameters: the description's example when it is text, else an argument.
    let mut arguments = Vec::new();
    let mut values = Vec::new();
    let mut asked = Vec::new();
    for ((_, param), ident) in op.params_in(Location::Path).zip(&op_names.path_params) {
        let example = param.examples.first().and_then(|example| example.as_str());
        match (example, repr(api, &param.ty)) {
            (Some(example), Repr::Text) => values.push(quote!(#example)),
            (_, Repr::Text) => {
                arguments.push(quote!(#ident: impl Into<String>));
                values.push(quote!(#ident));
                asked.push(format!("`{ident}`"));
            }
            _ => {
                let ty = param_type(api, names, param);
                arguments.push(quote!(#ident: #ty));
                values.push(quote!(#ident));
                asked.push(format!("`{ident}`"));
            }
        }
    }
    let call = quote!(client.#method(#(#values),*));

    let request = op.body.as_ref();
    let first = request.and_then(|body| body.contents.first());
    let example = request.and_then(|body| body.example.as_ref());
    let (body, fallible, body_note) = match (first.map(|c| c.kind), example) {
        (Some(BodyKind::Json), Some(example)) => {
            let text = example.to_string();
            (
                quote!(.body(serde_json::from_str(#text)?)),
                true,
                " with the description's body",
            )
        }
        (Some(BodyKind::Text), Some(serde_json::Value::String(text))) => {
            (quote!(.body(#text)), false, " with the description's body")
        }
        (
            Some(BodyKind::Multipart | BodyKind::UrlEncoded),
            Some(serde_json::Value::Object(values)),
        ) => match form_literal(api, names, first.map(|c| &c.ty), values) {
            Some((literal, fallible, false)) => (
                quote!(.body(#literal)),
                fallible,
                " with the description's form fields",
            ),
            Some((literal, fallible, true)) => (
                quote!(.body(#literal)),
                fallible,
                " with the description's form fields (a file field sends an empty file under \
                 the file's name: the description names the file, it does not hold it)",
            ),
            None => (
                TokenStream::new(),
                false,
                "; the description gives no body this can send, so set one before sending",
            ),
        },
        (Some(_), _) => (
            TokenStream::new(),
            false,
            "; the description gives no body this can send, so set one before sending",
        ),
        (None, _) => (TokenStream::new(), false, ""),
    };

    let mut text = format!(
        "[`Client::{method}`] as the description's request sends it ({} `{}`){body_note}.",
        crate::docs::inline(&op.source.noun),
        crate::docs::inline(&op.source.label.join(" › "))
    );
    // Required values the description leaves to the caller (a placeholder like `<string>`).
    let unset: Vec<String> = op
        .params
        .iter()
        .zip(&op_names.params)
        .filter(|(param, _)| {
            param.location != Location::Path
                && param.required
                && param.fallback.is_none()
                && fixed_default(api, names, param).is_none()
        })
        .map(|(_, ident)| format!("`{ident}`"))
        .collect();
    if !unset.is_empty() {
        text.push_str(&format!(
            "\n\nThe description gives no value for {}: set {} before sending.",
            unset.join(", "),
            if unset.len() == 1 { "it" } else { "them" }
        ));
    }
    if !asked.is_empty() {
        text.push_str(&format!(
            "\n\nThe description gives no value for {}: {}.",
            asked.join(", "),
            if asked.len() == 1 {
                "it is an argument"
            } else {
                "they are arguments"
            }
        ));
    }
    if fallible {
        text.push_str(
            "\n\n# Errors\n\nWhen the description's body (or a form field's value) does not \
             decode as its type.",
        );
    }
    let docs = doc(&text);
    if fallible {
        quote! {
            #docs
            pub fn #method(
                client: &Client,
                #(#arguments),*
            ) -> Result<builders::#builder<'_>, serde_json::Error> {
                Ok(#call #body)
            }
        }
    } else {
        quote! {
            #docs
            pub fn #method(client: &Client, #(#arguments),*) -> builders::#builder<'_> {
                #call #body
            }
        }
    }
}

/// The form body struct filled with the description's field values: text as text, a JSON
/// field and any other typed field decoded from its text (so the call is fallible), a file
/// as an empty file under its name, an optional field absent unless the description sends it;
/// whether the call is fallible and whether it has a file field.
fn form_literal(
    api: &Api,
    names: &Names,
    ty: Option<&TypeRef>,
    values: &serde_json::Map<String, serde_json::Value>,
) -> Option<(TokenStream, bool, bool)> {
    let Some(TypeRef::Named(id)) = ty else {
        return None;
    };
    let def = api.types.get(*id)?;
    let TypeKind::Struct { fields, additional } = &def.kind else {
        return None;
    };
    let type_names = names.types.get(id.0)?;
    let plain = names.defs.get(id.0)?;
    let ident = &type_names.ident;
    let mut fallible = false;
    let mut files = false;
    let mut members = Vec::new();
    for (index, field) in fields.iter().enumerate() {
        let member = type_names.fields.get(index)?;
        let value = values.get(&field.wire_name);
        let text = value.and_then(serde_json::Value::as_str);
        let expression = match (&field.part, &field.ty) {
            (Some(PartEncoding::File), _) | (_, TypeRef::Scalar(Scalar::Binary)) => {
                files = true;
                let file_name = text.unwrap_or("file");
                quote!(super::runtime::File::new(Vec::new(), #file_name))
            }
            (Some(PartEncoding::Json), _) => {
                fallible = true;
                let text = text.unwrap_or("null");
                quote!(serde_json::from_str(#text)?)
            }
            (_, TypeRef::Scalar(Scalar::String)) => {
                let text = text.unwrap_or_default();
                quote!(#text.to_owned())
            }
            _ => {
                fallible = true;
                let json =
                    serde_json::Value::String(text.unwrap_or_default().to_owned()).to_string();
                quote!(serde_json::from_str(#json)?)
            }
        };
        let is_plain = plain.get(index).copied().unwrap_or(true);
        members.push(match (is_plain, value.is_some()) {
            (true, _) => quote!(#member: #expression),
            (false, true) => quote!(#member: Some(#expression)),
            (false, false) => quote!(#member: None),
        });
    }
    if additional.is_some() {
        let member = type_names.additional.as_ref()?;
        members.push(quote!(#member: Default::default()));
    }
    Some((quote!(types::#ident { #(#members),* }), fallible, files))
}
