//! Enums of JSON values: closed string enums (request values: only the documented ones),
//! open string enums (response values: an `Unknown` variant keeps any value a server adds),
//! and enums of other values.

use proc_macro2::{Ident, TokenStream};
use quote::quote;

use super::doc;
use crate::ir::EnumValue;

/// The items of one enum type.
pub fn emit(
    ident: &Ident,
    values: &[EnumValue],
    variants: &[Ident],
    open: bool,
    docs: TokenStream,
) -> TokenStream {
    let strings: Option<Vec<&str>> = values.iter().map(|value| value.value.as_str()).collect();
    let Some(strings) = strings else {
        // Integers, booleans or mixed values: kept as JSON, the values listed in the docs.
        let listed = values
            .iter()
            .map(|value| format!("* `{}`", crate::docs::inline(&value.value.to_string())))
            .collect::<Vec<_>>()
            .join("\n");
        let note = doc(&format!("\n\nOne of:\n\n{listed}"));
        return quote! {
            #docs
            #note
            pub type #ident = serde_json::Value;
        };
    };
    let members = values
        .iter()
        .zip(&strings)
        .zip(variants)
        .map(|((value, text), variant)| {
            let docs = doc(&super::rustdoc::of(&value.docs)
                .unwrap_or_else(|| format!("`{}`", crate::docs::inline(text))));
            let rename = (!open).then(|| quote!(#[serde(rename = #text)]));
            quote! {
                #docs
                #rename
                #variant
            }
        });
    let arms = strings
        .iter()
        .zip(variants)
        .map(|(value, variant)| quote!(Self::#variant => #value));
    let display = quote! {
        impl std::fmt::Display for #ident {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
    if !open {
        return quote! {
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

            #display
        };
    }
    let parse = strings
        .iter()
        .zip(variants)
        .map(|(value, variant)| quote!(#value => Self::#variant));
    let unknown = catch_all(variants);
    let arrives = doc(&format!(
        "\nA value the description does not list arrives as `{unknown}`: match with a wildcard."
    ));
    quote! {
        #docs
        #arrives
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #ident {
            #(#members,)*
            /// A value the description does not list, as received.
            #unknown(String),
        }

        impl #ident {
            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #(#arms,)*
                    Self::#unknown(value) => value,
                }
            }
        }

        impl From<String> for #ident {
            fn from(value: String) -> Self {
                match value.as_str() {
                    #(#parse,)*
                    _ => Self::#unknown(value),
                }
            }
        }

        impl serde::Serialize for #ident {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #ident {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                String::deserialize(deserializer).map(Self::from)
            }
        }

        #display
    }
}

/// The name of the variant that keeps what the description does not list: `Unknown`, unless
/// a listed variant already has that name (`unknown` is a common value).
pub(super) fn catch_all(variants: &[Ident]) -> Ident {
    ["Unknown", "Other", "Unlisted", "UnknownValue"]
        .iter()
        .find(|name| !variants.iter().any(|variant| variant == *name))
        .map_or_else(
            || quote::format_ident!("Unknown{}", variants.len()),
            |name| quote::format_ident!("{}", name),
        )
}
