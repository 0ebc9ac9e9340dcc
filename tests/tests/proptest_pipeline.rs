//! Random collections through the whole pipeline: folders nested up to six deep, names from the
//! hostile alphabet (quotes, comment terminators, attributes, control and bidi characters,
//! fences, HTML, emoji, keywords, leading digits, the empty string, names differing only in
//! case or punctuation), random methods, paths with `:vars` and `{{vars}}`, random bodies and
//! saved responses with deep-ish JSON and extreme numbers.
//!
//! Random OpenAPI documents too: schemas nested up to five deep (objects, arrays, enums,
//! `const`, `oneOf`/`anyOf` with and without a discriminator, `allOf`, `$ref`s to components
//! that may be missing or refer to each other), names from the same alphabet, parameters in
//! every location and style, bodies in every media type, responses with odd status keys.
//!
//! For every input: generation does not panic (an error is fine), every generated `.rs`
//! file parses, a second run gives the same files, and reordering gives the same crate.

mod common;

use proptest::prelude::*;
use serde_json::{Map, Value, json};

const V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";

/// Fragments names are built from.
const ALPHABET: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "_",
    "gen",
    "async",
    "fn",
    "\"); std::process::exit(1); //",
    "\"",
    "*/",
    "/*",
    "#[test]",
    "#![no_std]",
    "\n",
    "\r",
    "\r\n",
    "\0",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "```rust\nfn main(){std::process::exit(1)}\n```",
    "~~~",
    "    indented",
    "<b>",
    "<script>alert(1)</script>",
    "&amp;",
    "🎉",
    "é",
    "123abc",
    "9",
    "",
    " ",
    "userId",
    "user_id",
    "UserID",
    "user-id",
    "USER_ID",
    "{",
    "}",
    "{{",
    "}}",
    ":",
    "/",
    "?",
    "#",
    "%",
    "..",
    ".",
    "\\",
    "r#type",
    "Result",
    "Client",
    "body",
    "send",
    "new",
    "request",
    "lorem ipsum",
    "(Required) ",
    "a",
    "B",
];

fn name() -> impl Strategy<Value = String> {
    (
        prop::collection::vec(prop::sample::select(ALPHABET), 0..4),
        prop::sample::select(&["", " ", "_", "-", "."][..]),
    )
        .prop_map(|(parts, joiner)| parts.join(joiner))
}

fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        prop::num::f64::NORMAL.prop_map(Value::from),
        prop::sample::select(&[0.0, -0.0, f64::MAX, f64::MIN, f64::MIN_POSITIVE, 5e-324][..])
            .prop_map(Value::from),
        Just(json!(u64::MAX)),
        Just(json!(i64::MIN)),
    ]
}

/// Any JSON value, nested up to about eight levels.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        number(),
        name().prop_map(Value::String),
    ];
    leaf.prop_recursive(8, 64, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((name(), inner), 0..5)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn method() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(
            &[
                "GET",
                "POST",
                "put",
                "DELETE",
                "PATCH",
                "HEAD",
                "PURGE",
                "",
                "BAD METHOD",
                "G\"T"
            ][..]
        )
        .prop_map(Value::from),
        Just(Value::Null),
        Just(json!(5)),
    ]
}

/// A URL in the object form, with literal, `:var` and `{{var}}` segments.
fn url() -> impl Strategy<Value = Value> {
    let segment = prop_oneof![
        name(),
        name().prop_map(|n| format!(":{n}")),
        name().prop_map(|n| format!("{{{{{n}}}}}")),
    ];
    (
        prop::collection::vec(segment, 0..5),
        prop::collection::vec((name(), name()), 0..4),
        prop::collection::vec((name(), name(), name()), 0..3),
        prop::sample::select(&["{{baseUrl}}", "example.invalid", "", "{{}}", "{{a}}{{b}}"][..]),
    )
        .prop_map(|(path, query, variables, host)| {
            let raw = format!("{host}/{}", path.join("/"));
            json!({
                "raw": raw,
                "host": [host],
                "path": path,
                "query": query.into_iter().map(|(key, value)| json!({"key": key, "value": value})).collect::<Vec<_>>(),
                "variable": variables.into_iter().map(|(key, value, description)| json!({"key": key, "value": value, "description": description})).collect::<Vec<_>>(),
            })
        })
}

fn body() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        json_value().prop_map(|value| json!({
            "mode": "raw",
            "raw": value.to_string(),
            "options": {"raw": {"language": "json"}}
        })),
        name().prop_map(|text| json!({"mode": "raw", "raw": text})),
        prop::collection::vec((name(), json_value(), any::<bool>(), any::<bool>()), 0..5).prop_map(
            |fields| json!({
                "mode": "formdata",
                "formdata": fields.into_iter().map(|(key, value, is_json, disabled)| json!({
                    "key": key,
                    "value": if is_json { value.to_string() } else { value.as_str().unwrap_or("x").to_owned() },
                    "type": "text",
                    "disabled": disabled,
                })).collect::<Vec<_>>()
            })
        ),
        prop::sample::select(&["urlencoded", "file", "graphql", "bogus"][..])
            .prop_map(|mode| json!({"mode": mode})),
    ]
}

fn saved_response() -> impl Strategy<Value = Value> {
    (
        name(),
        prop_oneof![
            prop::sample::select(&[200u16, 201, 204, 301, 400, 404, 409, 500][..])
                .prop_map(Value::from),
            Just(json!(0)),
            Just(json!(999)),
            Just(json!("404")),
            Just(Value::Null),
        ],
        prop_oneof![json_value().prop_map(|value| value.to_string()), name(),],
    )
        .prop_map(
            |(name, code, body)| json!({"name": name, "code": code, "status": "", "body": body}),
        )
}

fn request_item() -> impl Strategy<Value = Value> {
    (
        name(),
        method(),
        url(),
        prop::collection::vec((name(), name()), 0..3),
        body(),
        name(),
        prop::collection::vec(saved_response(), 0..4),
    )
        .prop_map(|(name, method, url, headers, body, description, responses)| {
            json!({
                "name": name,
                "request": {
                    "method": method,
                    "url": url,
                    "header": headers.into_iter().map(|(key, value)| json!({"key": key, "value": value})).collect::<Vec<_>>(),
                    "body": body,
                    "description": description,
                },
                "response": responses,
            })
        })
}

/// A list of items: requests and folders nested up to six levels.
fn items() -> impl Strategy<Value = Vec<Value>> {
    let leaf = prop::collection::vec(request_item(), 0..4);
    leaf.prop_recursive(6, 48, 4, |inner| {
        prop::collection::vec(
            prop_oneof![
                request_item(),
                (name(), name(), inner)
                    .prop_map(|(name, description, item)| json!({"name": name, "description": description, "item": item})),
            ],
            0..4,
        )
    })
}

fn collection() -> impl Strategy<Value = Value> {
    (
        name(),
        name(),
        items(),
        prop::collection::vec((name(), json_value()), 0..4),
        prop::sample::select(&["bearer", "oauth2", "noauth", "basic", "apikey", "awsv4", ""][..]),
    )
        .prop_map(|(title, description, item, variables, auth)| {
            let mut variable =
                vec![json!({"key": "baseUrl", "value": "https://api.example.invalid/v1"})];
            variable.extend(
                variables
                    .into_iter()
                    .map(|(key, value)| json!({"key": key, "value": value})),
            );
            json!({
                "info": {"name": title, "description": description, "schema": V21},
                "auth": {"type": auth, "bearer": [{"key": "token", "value": "t"}]},
                "variable": variable,
                "item": item,
            })
        })
}

/// Component names a `$ref` may name (the last is never defined).
const COMPONENTS: &[&str] = &["Pet", "pet", "Result", "a b", "Missing"];

fn reference() -> impl Strategy<Value = Value> {
    prop::sample::select(COMPONENTS).prop_map(
        |name| json!({"$ref": format!("#/components/schemas/{}", name.replace('/', "~1"))}),
    )
}

/// A JSON Schema, nested up to about five levels.
fn schema() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        prop::sample::select(vec![
            json!({"type": "string"}),
            json!({"type": "string", "format": "date-time"}),
            json!({"type": "string", "format": "binary"}),
            json!({"type": "integer", "format": "int32"}),
            json!({"type": "number"}),
            json!({"type": "boolean", "nullable": true}),
            json!({"type": ["string", "null"]}),
            json!({"type": "file"}),
            json!({"type": "nonsense"}),
            json!({}),
            json!(true),
            json!(5),
        ]),
        prop::collection::vec(name(), 0..4).prop_map(|values| json!({"enum": values})),
        json_value().prop_map(|value| json!({"const": value})),
        reference(),
    ];
    leaf.prop_recursive(5, 48, 4, |inner| {
        prop_oneof![
            (
                prop::collection::vec((name(), inner.clone(), any::<bool>()), 0..5),
                prop_oneof![
                    Just(Value::Null),
                    Just(json!(true)),
                    Just(json!(false)),
                    inner.clone()
                ],
            )
                .prop_map(|(properties, additional)| {
                    let required: Vec<&String> = properties
                        .iter()
                        .filter(|(_, _, required)| *required)
                        .map(|(name, _, _)| name)
                        .collect();
                    let mut schema = json!({
                        "type": "object",
                        "required": required,
                        "properties": properties
                            .iter()
                            .map(|(name, schema, _)| (name.clone(), schema.clone()))
                            .collect::<Map<_, _>>(),
                    });
                    if !additional.is_null() {
                        schema["additionalProperties"] = additional;
                    }
                    schema
                }),
            inner
                .clone()
                .prop_map(|items| json!({"type": "array", "items": items})),
            (
                prop::sample::select(&["oneOf", "anyOf", "allOf"][..]),
                prop::collection::vec(inner.clone(), 0..4),
                prop_oneof![Just(None), name().prop_map(Some)],
            )
                .prop_map(|(key, members, discriminator)| {
                    let mut schema = json!({ key: members });
                    if let Some(property) = discriminator {
                        schema["discriminator"] = json!({"propertyName": property});
                    }
                    schema
                }),
        ]
    })
}

fn parameter() -> impl Strategy<Value = Value> {
    (
        name(),
        prop::sample::select(&["query", "header", "path", "cookie", "body", ""][..]),
        prop::sample::select(
            &["form", "simple", "label", "matrix", "spaceDelimited", "pipeDelimited", "deepObject", "x"][..],
        ),
        any::<bool>(),
        any::<bool>(),
        schema(),
    )
        .prop_map(|(name, location, style, explode, required, schema)| {
            json!({"name": name, "in": location, "style": style, "explode": explode, "required": required, "schema": schema})
        })
}

fn operation() -> impl Strategy<Value = Value> {
    let media = prop::sample::select(
        &[
            "application/json",
            "multipart/form-data",
            "application/x-www-form-urlencoded",
            "text/plain",
            "application/octet-stream",
            "multipart/related",
            "*/*",
        ][..],
    );
    (
        prop_oneof![Just(Value::Null), name().prop_map(Value::from)],
        prop::collection::vec(parameter(), 0..4),
        prop::collection::vec((media, schema()), 0..3),
        prop::collection::vec(
            (
                prop::sample::select(&["200", "201", "2XX", "4xx", "404", "default", "abc", "600"][..]),
                prop::collection::vec((prop::sample::select(&["application/json", "text/plain"][..]), schema()), 0..2),
            ),
            0..4,
        ),
        prop::sample::select(vec![json!(null), json!([]), json!([{"bearer": []}]), json!([{"nope": []}, {}])]),
    )
        .prop_map(|(id, parameters, bodies, responses, security)| {
            let mut op = json!({
                "parameters": parameters,
                "responses": responses.into_iter().map(|(status, contents)| (status.to_owned(), json!({
                    "description": "r",
                    "content": contents.into_iter().map(|(media, schema)| (media.to_owned(), json!({"schema": schema}))).collect::<Map<_, _>>(),
                }))).collect::<Map<_, _>>(),
            });
            if !id.is_null() {
                op["operationId"] = id;
            }
            if !bodies.is_empty() {
                op["requestBody"] = json!({"content": bodies.into_iter().map(|(media, schema)| (media.to_owned(), json!({"schema": schema}))).collect::<Map<_, _>>()});
            }
            if !security.is_null() {
                op["security"] = security;
            }
            op
        })
}

fn openapi_document() -> impl Strategy<Value = Value> {
    let path = prop::collection::vec(
        prop_oneof![name(), name().prop_map(|n| format!("{{{n}}}"))],
        0..4,
    )
    .prop_map(|segments| format!("/{}", segments.join("/")));
    (
        prop::sample::select(&["3.0.3", "3.1.0", "3.2.0"][..]),
        name(),
        prop::collection::vec(
            (path, prop::collection::vec((prop::sample::select(&["get", "post", "put", "delete", "patch", "query"][..]), operation()), 1..3)),
            0..5,
        ),
        prop::collection::vec((prop::sample::select(&COMPONENTS[..4]), schema()), 0..4),
    )
        .prop_map(|(version, title, paths, components)| {
            json!({
                "openapi": version,
                "info": {"title": title, "version": "1"},
                "servers": [{"url": "https://api.example.invalid/{v}", "variables": {"v": {"default": "v1"}}}],
                "paths": paths.into_iter().map(|(path, ops)| (path, Value::Object(ops.into_iter().map(|(method, op)| (method.to_owned(), op)).collect()))).collect::<Map<_, _>>(),
                "components": {
                    "schemas": components.into_iter().map(|(name, schema)| (name.to_owned(), schema)).collect::<Map<_, _>>(),
                    "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
                },
            })
        })
}

/// The checks every random input gets: generation does not panic (an input error is fine, an
/// internal one is not), every `.rs` file parses, a second run and the `reordered` document
/// give the same files.
fn check_pipeline(
    file_name: &str,
    document: &Value,
    reordered: &Value,
) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(file_name);
    std::fs::write(&path, serde_json::to_vec(document).unwrap()).unwrap();
    let first = courier::Builder::new(&path).generate();
    let Ok(first) = first else {
        let error = first.unwrap_err();
        prop_assert!(error.is_input_error(), "{}", error);
        return Ok(());
    };
    for file in first.files.iter().filter(|file| file.path.ends_with(".rs")) {
        if let Err(error) = syn::parse_file(&file.contents) {
            prop_assert!(
                false,
                "{} does not parse: {}\n{}",
                file.path,
                error,
                file.contents
            );
        }
    }
    let second = courier::Builder::new(&path)
        .generate()
        .expect("the second run succeeds");
    prop_assert_eq!(&first.files, &second.files);
    std::fs::write(&path, serde_json::to_vec(reordered).unwrap()).unwrap();
    let third = courier::Builder::new(&path)
        .generate()
        .expect("the reordered input generates");
    prop_assert_eq!(&first.files, &third.files);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 128,
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_openapi_documents_generate_parseable_deterministic_code(
        document in openapi_document(),
        seed in any::<u64>(),
    ) {
        let mut shuffled = document.clone();
        common::reorder::reorder_openapi(&mut shuffled, common::reorder::Reorder::Shuffle(seed));
        check_pipeline("random.openapi.json", &document, &shuffled)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 192,
        // Shrinking a failure is worth more than speed; the cases themselves are fast.
        max_shrink_iters: 2048,
        ..ProptestConfig::default()
    })]

    #[test]
    fn random_collections_generate_parseable_deterministic_code(
        collection in collection(),
        seed in any::<u64>(),
    ) {
        // The same collection with its items shuffled at every level gives the same crate.
        let mut shuffled = collection.clone();
        common::reorder::reorder(&mut shuffled, common::reorder::Reorder::Shuffle(seed));
        check_pipeline("random.postman.json", &collection, &shuffled)?;
    }
}
