//! The courier side: `examples/fidelity.rs` in a generated crate, calling every operation's
//! example call (`examples::…`, generated with `--examples`) against the recorder whose
//! origin is its first argument. The client is configured the way a user would from the
//! collection: each base URL setter pointed at the recorder (keeping the base URL's own path),
//! each credential setter given its variable's value, and a request hook that tags requests
//! with their item. The example calls themselves are the generated code under test; their
//! signatures are read from the generated `src/examples.rs`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use courier::emit::names::{Credential, Names};
use courier::ir::{Api, KeyLocation, Location};
use serde_json::Value;

use super::prepare::{Item, Prepared, base_path, resolve};
use super::recorder::ITEM_HEADER;

/// One example function: its name and whether it returns a `Result`, and for each argument
/// after the client whether it is text (`impl Into<String>`).
struct Signature {
    fallible: bool,
    text_arguments: Vec<(String, bool)>,
}

fn signatures(examples: &str) -> BTreeMap<String, Signature> {
    let file = syn::parse_file(examples).expect("the generated examples module parses");
    let mut out = BTreeMap::new();
    for item in file.items {
        let syn::Item::Fn(function) = item else {
            continue;
        };
        let fallible = match &function.sig.output {
            syn::ReturnType::Type(_, ty) => quote::quote!(#ty).to_string().starts_with("Result"),
            syn::ReturnType::Default => false,
        };
        let text_arguments = function
            .sig
            .inputs
            .iter()
            .skip(1)
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed) => {
                    let name = match &*typed.pat {
                        syn::Pat::Ident(ident) => ident.ident.to_string(),
                        _ => return None,
                    };
                    let ty = &typed.ty;
                    let text = quote::quote!(#ty).to_string().contains("Into < String >");
                    Some((name, text))
                }
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        out.insert(
            function.sig.ident.to_string(),
            Signature {
                fallible,
                text_arguments,
            },
        );
    }
    out
}

/// The value of key `key` in a Postman auth object of type `kind` (v2.1 lists or v2.0 maps).
pub fn auth_value(auth: &Value, kind: &str, key: &str) -> Option<String> {
    match &auth[kind] {
        Value::Array(entries) => entries
            .iter()
            .find(|entry| entry["key"] == key)
            .and_then(|entry| entry["value"].as_str().map(str::to_owned)),
        Value::Object(map) => map.get(key).and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// What the collection gives each credential.
fn credential_arguments(credential: &Credential, prepared: &Prepared) -> Option<Vec<String>> {
    let auths = || prepared.items.iter().filter_map(|item| item.auth.as_ref());
    let resolved = |text: &str| resolve(text, &prepared.variables);
    match credential {
        Credential::Bearer {
            variable: Some(variable),
            ..
        } => prepared
            .variables
            .get(variable)
            .map(|value| vec![value.clone()]),
        Credential::Bearer { variable: None, .. } => auths()
            .find_map(|auth| match auth["type"].as_str() {
                Some("bearer") => auth_value(auth, "bearer", "token"),
                Some("oauth2") => auth_value(auth, "oauth2", "accessToken"),
                _ => None,
            })
            .map(|token| vec![resolved(&token)]),
        // The auth whose user name is the credential's variable (any, without one).
        Credential::Basic { variable } => auths()
            .filter(|auth| auth["type"] == "basic")
            .find(|auth| match variable {
                Some(variable) => auth_value(auth, "basic", "username")
                    .is_some_and(|name| name.trim() == format!("{{{{{variable}}}}}")),
                None => true,
            })
            .map(|auth| {
                vec![
                    resolved(&auth_value(auth, "basic", "username").unwrap_or_default()),
                    resolved(&auth_value(auth, "basic", "password").unwrap_or_default()),
                ]
            }),
        Credential::ApiKey { name, location } => {
            let from_auth = auths()
                .filter(|auth| auth["type"] == "apikey")
                .find(|auth| {
                    auth_value(auth, "apikey", "key")
                        .is_some_and(|key| key.eq_ignore_ascii_case(name))
                })
                .and_then(|auth| auth_value(auth, "apikey", "value"));
            // A key written as a header or query parameter.
            let written = || {
                prepared.items.iter().find_map(|item| {
                    let list = match location {
                        KeyLocation::Query => &item.json["request"]["url"]["query"],
                        _ => &item.json["request"]["header"],
                    };
                    list.as_array().into_iter().flatten().find_map(|entry| {
                        (entry["key"].as_str()?.eq_ignore_ascii_case(name))
                            .then(|| entry["value"].as_str().map(str::to_owned))
                            .flatten()
                    })
                })
            };
            from_auth
                .or_else(written)
                .map(|value| vec![resolved(&value)])
        }
        Credential::Hook { .. } => None,
    }
}

/// The value newman gives path parameter `name` of `item`.
fn path_value(item: &Item, name: &str, prepared: &Prepared) -> String {
    let from_url = item.json["request"]["url"]["variable"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|variable| variable["key"] == name)
        .and_then(|variable| variable["value"].as_str());
    match from_url {
        Some(value) => resolve(value, &prepared.variables),
        None => prepared
            .variables
            .get(name)
            .cloned()
            .unwrap_or_else(|| "1".to_owned()),
    }
}

/// `examples/fidelity.rs` for the crate `lib` generated from `prepared`, and the items that
/// have an operation.
pub fn source(lib: &str, api: &Api, examples: &str, prepared: &Prepared) -> String {
    let names = Names::new(api);
    let signatures = signatures(examples);
    // One small function per call and a synchronous `main`: a single `async fn` awaiting
    // two thousand calls (commercetools) is one state machine rustc needs minutes and
    // gigabytes for.
    let mut out = format!(
        "//! Sends every example call of `{lib}` to the recorder at the origin given as the first\n\
         //! argument (written by courier's fidelity harness).\n\n\
         use std::sync::Mutex;\n\n\
         use {lib}::{{Client, examples}};\n\n\
         /// The call's item, for the request hook to tag its requests with.\n\
         static CURRENT: Mutex<String> = Mutex::new(String::new());\n\n\
         /// A typed path argument from the text newman sends.\n\
         #[allow(dead_code)]\n\
         fn argument<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {{\n    \
         serde_json::from_str(text)\n        \
         .or_else(|_| serde_json::from_value(serde_json::Value::String(text.to_owned())))\n        \
         .map_err(|error| format!(\"the path argument {{text:?}}: {{error}}\"))\n}}\n\n\
         /// Runs one call, printing its error (item, tab, message) when it fails.\n\
         fn run<F: std::future::Future<Output = Result<(), String>>>(\n    \
         runtime: &tokio::runtime::Runtime,\n    \
         item: &str,\n    \
         call: impl FnOnce() -> F,\n\
         ) {{\n    \
         *CURRENT.lock().expect(\"not poisoned\") = item.to_owned();\n    \
         if let Err(error) = runtime.block_on(call()) {{\n        \
         println!(\"{{item}}\\t{{}}\", error.replace(['\\n', '\\t'], \" \"));\n    \
         }}\n\
         }}\n\n\
         fn main() {{\n    \
         let origin = std::env::args().nth(1).expect(\"the recorder's origin\");\n    \
         let runtime = tokio::runtime::Builder::new_current_thread()\n        \
         .enable_all()\n        \
         .build()\n        \
         .expect(\"a runtime\");\n    \
         let client = Client::builder()\n"
    );
    let base = api
        .servers
        .first()
        .and_then(|server| server.default_url())
        .map(|url| base_path(&url))
        .unwrap_or_default();
    writeln!(
        out,
        "        .base_url(format!(\"{{origin}}{}\"))",
        base.replace('{', "{{").replace('}', "}}")
    )
    .unwrap();
    for (server, setter) in &names.servers {
        let path = server.url.as_deref().map(base_path).unwrap_or_default();
        writeln!(
            out,
            "        .{setter}(format!(\"{{origin}}{}\"))",
            path.replace('{', "{{").replace('}', "}}")
        )
        .unwrap();
    }
    for (credential, auth) in names.credentials.iter().zip(&names.auth) {
        // An empty value is no credential: newman sends none for it either.
        if let Some(arguments) = credential_arguments(credential, prepared)
            .filter(|arguments| arguments.iter().any(|value| !value.is_empty()))
        {
            let arguments: Vec<String> =
                arguments.iter().map(|value| format!("{value:?}")).collect();
            writeln!(out, "        .{}({})", auth.setter, arguments.join(", ")).unwrap();
        }
    }
    for (config, setter) in api.config.iter().zip(&names.variables) {
        if config.default.is_none()
            && let Some(value) = prepared.variables.get(&config.name)
        {
            writeln!(out, "        .{setter}({value:?})").unwrap();
        }
    }
    write!(
        out,
        "        .request_hook(move |request| {{\n            \
         let item = CURRENT.lock().expect(\"not poisoned\").clone();\n            \
         let value = reqwest::header::HeaderValue::from_str(&item).expect(\"an ASCII location\");\n            \
         request.headers_mut().insert({ITEM_HEADER:?}, value);\n            \
         Ok(())\n        \
         }})\n        \
         .build()\n        \
         .expect(\"the client builds\");\n\n"
    )
    .unwrap();

    let by_pointer: BTreeMap<&str, &Item> = prepared
        .items
        .iter()
        .map(|item| (item.pointer.as_str(), item))
        .collect();
    let mut operations: Vec<(usize, &courier::ir::Operation)> =
        api.operations.iter().enumerate().collect();
    operations.sort_by(|a, b| a.1.source.pointer.cmp(&b.1.source.pointer));
    let mut functions = String::new();
    let mut count = 0;
    for (index, op) in operations {
        let op_names = &names.operations[index];
        let method = op_names.method.to_string();
        let Some(signature) = signatures.get(&method) else {
            continue;
        };
        let Some(item) = by_pointer.get(op.source.pointer.as_str()) else {
            continue;
        };
        let pointer = &op.source.pointer;
        // Path arguments the example call asks for, by identifier.
        let wire: BTreeMap<String, &str> = op
            .params_in(Location::Path)
            .zip(&op_names.path_params)
            .map(|((_, param), ident)| (ident.to_string(), param.wire_name.as_str()))
            .collect();
        let mut arguments = Vec::new();
        for (name, text) in &signature.text_arguments {
            let value = path_value(item, wire.get(name).copied().unwrap_or(name), prepared);
            arguments.push(if *text {
                format!("{value:?}")
            } else {
                format!("argument({value:?})?")
            });
        }
        let call = format!(
            "examples::{method}(client{})",
            arguments
                .iter()
                .map(|a| format!(", {a}"))
                .collect::<String>()
        );
        let builder = if signature.fallible {
            format!("{call}.map_err(|error| format!(\"the example body: {{error}}\"))?")
        } else {
            call
        };
        let function = format!("call_{count}");
        count += 1;
        writeln!(out, "    {function}(&runtime, &client);").unwrap();
        write!(
            functions,
            "\n// {}\n\
             fn {function}(runtime: &tokio::runtime::Runtime, client: &Client) {{\n    \
             run(runtime, {pointer:?}, || async {{\n        \
             {builder}.send().await.map(|_| ()).map_err(|error| format!(\"{{error}}\"))\n    \
             }});\n\
             }}\n",
            item.label
                .chars()
                .map(|c| if c.is_ascii_graphic() || c == ' ' {
                    c
                } else {
                    '?'
                })
                .collect::<String>()
        )
        .unwrap();
    }
    out.push_str("}\n");
    out.push_str(&functions);
    out
}
