//! Paths and their operations into IR operations: names, parameters, bodies, responses and
//! security requirements.
//!
//! Paths are walked in sorted order and methods in a fixed order, so every name chosen here
//! (operations without an `operationId`, inline types) is the same wherever a path is
//! written in the document.

use std::collections::BTreeSet;

use serde_json::{Map, Value};

use super::refs::{self, At};
use super::schema::{Place, Schemas, docs_of};
use crate::docs;
use crate::ir::{
    BodyKind, Content, Holder, Location, Operation, Param, PathPart, RequestBody, Response, Source,
    Status, Style, StyleKind, TypeRef, Words,
};
use crate::naming;

/// The HTTP methods of a path item, in the order they are walked.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace", "query",
];

/// What the IR calls an operation of a description, in docs.
pub const NOUN: &str = "OpenAPI operation";

/// Security requirement alternatives, each a list of scheme keys with their scopes.
pub type Requirements = Vec<Vec<(String, Vec<String>)>>;

/// An operation as found, before its security requirement names are resolved to indices.
pub struct Found {
    /// The operation (with an empty `security`).
    pub operation: Operation,
    /// The requirement alternatives by scheme key, `None` when the document's apply.
    pub security: Option<Requirements>,
    /// Its first tag.
    pub tag: Option<String>,
}

/// Lowers one operation (`value`, at `at`) of the path `path`.
pub struct OperationInput<'a, 's> {
    /// The path template, e.g. `/pets/{id}`.
    pub path: &'a str,
    /// Lower-case method.
    pub method: &'a str,
    /// The operation object.
    pub value: &'s Map<String, Value>,
    /// Where it is.
    pub at: At,
    /// The path item's parameters (already resolved to their place).
    pub path_params: &'a [(At, &'s Value)],
    /// Its index among the operations.
    pub index: usize,
}

/// The operation's logical name: `operationId` in words, else the method and the path.
pub fn name_words(input: &OperationInput<'_, '_>) -> Words {
    if let Some(id) = input.value.get("operationId").and_then(Value::as_str) {
        let words = naming::words(id);
        if !words.is_empty() {
            return words;
        }
    }
    let mut words = vec![input.method.to_owned()];
    for segment in input.path.split('/') {
        if let Some(param) = segment
            .strip_prefix('{')
            .and_then(|rest| rest.strip_suffix('}'))
        {
            words.push("by".to_owned());
            words.extend(naming::words(param));
        } else {
            words.extend(naming::words(segment));
        }
    }
    words
}

/// Lowers an operation named `name`.
pub fn lower<'s>(
    schemas: &mut Schemas<'s>,
    spec: &'s super::source::Spec,
    input: &OperationInput<'_, 's>,
    name: Words,
) -> Found {
    let op = input.value;
    let at = &input.at;
    let string = |key: &str| op.get(key).and_then(Value::as_str);
    let title = string("summary")
        .map(one_line)
        .filter(|title| !title.is_empty())
        .or_else(|| string("operationId").map(str::to_owned))
        .unwrap_or_else(|| format!("{} {}", input.method.to_uppercase(), input.path));
    let tag = op
        .get("tags")
        .and_then(Value::as_array)
        .and_then(|tags| tags.first())
        .and_then(Value::as_str)
        .map(str::to_owned);

    // Parameters: the operation's, then the path item's it does not override.
    let mut raw: Vec<(At, &'s Value)> = Vec::new();
    if let Some(Value::Array(params)) = op.get("parameters") {
        let params_at = at.join("parameters");
        for (index, param) in params.iter().enumerate() {
            raw.push((params_at.join(index.to_string()), param));
        }
    }
    raw.extend(input.path_params.iter().cloned());
    let mut params: Vec<Param> = Vec::new();
    let mut seen = BTreeSet::new();
    for (param_at, value) in raw {
        let Some(param) = parameter(schemas, spec, &param_at, value, &name) else {
            continue;
        };
        let key = match param.location {
            Location::Header => (param.location, param.wire_name.to_ascii_lowercase()),
            location => (location, param.wire_name.clone()),
        };
        if seen.insert(key) {
            params.push(param);
        }
    }

    // The path: literals and parameters, path parameters in template order.
    let (path, params) = path_parts(schemas, at, input.path, params);

    let body = op
        .get("requestBody")
        .and_then(|body| request_body(schemas, spec, &at.join("requestBody"), body, &name));

    let mut responses = Vec::new();
    if let Some(Value::Object(map)) = op.get("responses") {
        let responses_at = at.join("responses");
        let mut keyed: Vec<(Status, &String, &'s Value)> = Vec::new();
        for (key, value) in map {
            match status_of(key) {
                Some(status) => keyed.push((status, key, value)),
                None if key.starts_with("x-") => {}
                None => schemas.warnings.push((
                    responses_at.join(key),
                    format!("`{key}` is not a status, a range like `4XX` or `default`; skipped"),
                )),
            }
        }
        keyed.sort_by_key(|(status, _, _)| *status);
        let primary = keyed
            .iter()
            .find(|(status, _, _)| status.is_success())
            .map(|(status, _, _)| *status);
        for (status, key, value) in keyed {
            let response_at = responses_at.join(key);
            let words = response_words(&name, status, Some(status) == primary);
            if let Some(response) = response(
                schemas,
                spec,
                &response_at,
                value,
                status,
                words,
                input.index,
            ) {
                responses.push(response);
            }
        }
    }
    // An event stream is one operation's one success: as an error, or beside other
    // successes, it is read as the text it is.
    let successes = responses.iter().filter(|r| r.status.is_success()).count();
    for response in &mut responses {
        if response.status.is_success() && successes == 1 {
            continue;
        }
        let has_text = response.contents.iter().any(|c| c.kind == BodyKind::Text);
        response.contents.retain_mut(|content| {
            if content.kind != BodyKind::EventStream {
                return true;
            }
            schemas.warnings.push((
                at.join("responses"),
                "a `text/event-stream` response that is an error or one of several successes \
                 is read as text"
                    .to_owned(),
            ));
            // One text content per response: an existing one stands for both.
            content.kind = BodyKind::Text;
            content.ty = TypeRef::STRING;
            !has_text
        });
    }

    if op.contains_key("callbacks") {
        schemas.warnings.push((
            at.join("callbacks"),
            "`callbacks` are not generated".to_owned(),
        ));
    }
    let security = op.get("security").map(requirements);
    let mut label = Vec::new();
    if let Some(tag) = &tag {
        label.push(tag.clone());
    }
    label.push(title.clone());
    Found {
        operation: Operation {
            name,
            operation_id: string("operationId").map(str::to_owned),
            title,
            docs: string("description").and_then(docs::clean),
            group: None,
            source: Source {
                pointer: at.shown(spec),
                noun: NOUN.to_owned(),
                label,
            },
            method: input.method.to_ascii_uppercase(),
            path,
            params,
            body,
            responses,
            security: Default::default(),
            deprecated: op.get("deprecated") == Some(&Value::Bool(true)),
            server: None,
            paging: None,
        },
        security,
        tag,
    }
}

/// A security requirement list: alternatives of scheme keys with scopes.
pub fn requirements(value: &Value) -> Requirements {
    let Value::Array(alternatives) = value else {
        return Vec::new();
    };
    alternatives
        .iter()
        .filter_map(Value::as_object)
        .map(|requirement| {
            requirement
                .iter()
                .map(|(key, scopes)| {
                    let scopes = scopes
                        .as_array()
                        .map(|scopes| {
                            scopes
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default();
                    (key.clone(), scopes)
                })
                .collect()
        })
        .collect()
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A parameter object (through `$ref`), or `None` (with a warning) when it cannot be sent.
fn parameter<'s>(
    schemas: &mut Schemas<'s>,
    spec: &'s super::source::Spec,
    at: &At,
    value: &'s Value,
    op_name: &Words,
) -> Option<Param> {
    let target = schemas.follow(at, value)?;
    let (at, map) = (target.at, target.value.as_object()?);
    let name = map.get("name").and_then(Value::as_str)?;
    let location = match map.get("in").and_then(Value::as_str) {
        Some("path") => Location::Path,
        Some("query") => Location::Query,
        Some("header") => Location::Header,
        Some("cookie") => Location::Cookie,
        other => {
            schemas.warnings.push((
                at.join("in"),
                format!(
                    "parameter location {other:?} is not path, query, header or cookie; skipped"
                ),
            ));
            return None;
        }
    };
    // OpenAPI: these headers are described elsewhere (media types, security) and ignored.
    if location == Location::Header
        && ["accept", "content-type", "authorization"].contains(&name.to_ascii_lowercase().as_str())
    {
        return None;
    }
    let required = location == Location::Path || map.get("required") == Some(&Value::Bool(true));
    let mut words = op_name.clone();
    words.extend(naming::words(name));
    let place = Place {
        words,
        holder: Some(Holder::Parameter {
            name: name.to_owned(),
        }),
    };
    let (schema, schema_at) = match (map.get("schema"), map.get("content")) {
        (Some(schema), _) => (Some(schema), at.join("schema")),
        (None, Some(Value::Object(content))) => match content.iter().next() {
            Some((media, entry)) => (
                entry.get("schema"),
                at.join("content").join(media).join("schema"),
            ),
            None => (None, at.clone()),
        },
        _ => (None, at.clone()),
    };
    let mut ty = match schema {
        Some(schema) => schemas.lower(schema, &schema_at, &place, None),
        None => TypeRef::STRING,
    };
    if let TypeRef::Nullable(inner) = ty {
        // A parameter that is absent says "no value"; `null` cannot be sent.
        ty = *inner;
    }
    let mut param = Param::new(name, location, required, ty);
    let default_style = Style::default_for(location);
    let kind = match map.get("style").and_then(Value::as_str) {
        Some("simple") => StyleKind::Simple,
        Some("form") => StyleKind::Form,
        Some("label") => StyleKind::Label,
        Some("matrix") => StyleKind::Matrix,
        Some("spaceDelimited") => StyleKind::SpaceDelimited,
        Some("pipeDelimited") => StyleKind::PipeDelimited,
        Some("deepObject") => StyleKind::DeepObject,
        _ => default_style.kind,
    };
    let explode = match map.get("explode").and_then(Value::as_bool) {
        Some(explode) => explode,
        None => kind == StyleKind::Form,
    };
    param.style = Style { kind, explode };
    // A schema's `default` is what the server assumes when the parameter is absent: it is
    // documented, never sent.
    let default = schema.and_then(|schema| {
        refs::follow(spec, &schema_at, schema)
            .ok()
            .and_then(|target| target.value.get("default").cloned())
    });
    param.deprecated = map.get("deprecated") == Some(&Value::Bool(true));
    param.docs = docs::paragraphs([
        docs_of(map),
        default.map(|default| {
            let text = match default {
                Value::String(text) => text,
                other => other.to_string(),
            };
            format!("Default (when not set): `{}`.", docs::inline(&text))
        }),
    ]);
    param.examples = examples_of(spec, &at, map)
        .into_iter()
        .chain(schema.and_then(|schema| schema.get("example")).cloned())
        .take(1)
        .collect();
    Some(param)
}

/// `example`, else each of `examples` (their `value`, through `$ref`).
fn examples_of(spec: &super::source::Spec, at: &At, map: &Map<String, Value>) -> Vec<Value> {
    if let Some(example) = map.get("example") {
        return vec![example.clone()];
    }
    let Some(Value::Object(examples)) = map.get("examples") else {
        return Vec::new();
    };
    let examples_at = at.join("examples");
    examples
        .iter()
        .filter_map(|(key, example)| {
            let target = refs::follow(spec, &examples_at.join(key), example).ok()?;
            target.value.get("value").cloned()
        })
        .collect()
}

/// Splits a path template into literal text and parameters; path parameters the template
/// does not use are dropped, and placeholders no parameter describes become string
/// parameters.
fn path_parts(
    schemas: &mut Schemas<'_>,
    at: &At,
    template: &str,
    params: Vec<Param>,
) -> (Vec<PathPart>, Vec<Param>) {
    let mut pieces: Vec<Result<String, String>> = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        if open > 0 {
            pieces.push(Ok(rest[..open].to_owned()));
        }
        pieces.push(Err(rest[open + 1..open + close].to_owned()));
        rest = &rest[open + close + 1..];
    }
    if !rest.is_empty() {
        pieces.push(Ok(rest.to_owned()));
    }
    let (mut path_params, others): (Vec<Param>, Vec<Param>) = params
        .into_iter()
        .partition(|param| param.location == Location::Path);
    let mut ordered: Vec<Param> = Vec::new();
    let mut parts = Vec::new();
    for piece in pieces {
        match piece {
            Ok(text) => parts.push(PathPart::Literal(encode_literal(&text))),
            Err(name) => {
                if let Some(index) = ordered.iter().position(|p| p.wire_name == name) {
                    parts.push(PathPart::Param(index));
                    continue;
                }
                let param = match path_params.iter().position(|p| p.wire_name == name) {
                    Some(position) => path_params.remove(position),
                    None => {
                        schemas.warnings.push((
                            at.clone(),
                            format!(
                                "the path has `{{{name}}}` but no path parameter describes it; \
                                 sent as a string"
                            ),
                        ));
                        Param::new(name, Location::Path, true, TypeRef::STRING)
                    }
                };
                ordered.push(param);
                parts.push(PathPart::Param(ordered.len() - 1));
            }
        }
    }
    for unused in path_params {
        schemas.warnings.push((
            at.clone(),
            format!(
                "path parameter `{}` does not appear in the path; skipped",
                unused.wire_name
            ),
        ));
    }
    ordered.extend(others);
    (parts, ordered)
}

/// Literal path text with every character a URL path cannot hold percent-encoded.
fn encode_literal(text: &str) -> String {
    let mut out = String::new();
    for byte in text.bytes() {
        let keep = byte.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/%".contains(&byte);
        if keep {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// How a media type's body is encoded.
pub fn body_kind(media: &str) -> BodyKind {
    let essence = media
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if essence == "application/json"
        || essence.ends_with("+json")
        || essence.ends_with("/json")
        || essence == "*/*+json"
    {
        BodyKind::Json
    } else if essence == "multipart/form-data" || essence == "form-data" {
        BodyKind::Multipart
    } else if essence == "application/x-www-form-urlencoded" {
        BodyKind::UrlEncoded
    } else if essence == "text/event-stream" {
        BodyKind::EventStream
    } else if essence.starts_with("text/")
        || essence == "application/xml"
        || essence.ends_with("+xml")
        || essence == "application/javascript"
    {
        BodyKind::Text
    } else {
        BodyKind::Binary
    }
}

/// The media types of a `content` map with their encodings: JSON first, then the others as
/// written.
fn media_entries(content: &Map<String, Value>) -> Vec<(&String, &Value, BodyKind)> {
    let mut entries: Vec<(&String, &Value, BodyKind)> = content
        .iter()
        .map(|(media, entry)| (media, entry, body_kind(media)))
        .collect();
    entries.sort_by_key(|(_, _, kind)| *kind != BodyKind::Json);
    entries
}

fn request_body<'s>(
    schemas: &mut Schemas<'s>,
    spec: &'s super::source::Spec,
    at: &At,
    value: &'s Value,
    op_name: &Words,
) -> Option<RequestBody> {
    let target = schemas.follow(at, value)?;
    let (at, map) = (target.at, target.value.as_object()?);
    let content = map.get("content").and_then(Value::as_object)?;
    let entries = media_entries(content);
    let has_json = entries.iter().any(|(_, _, kind)| *kind == BodyKind::Json);
    let mut contents: Vec<Content> = Vec::new();
    for (media, entry, kind) in entries {
        // A request sends an event stream as the text it is.
        let kind = match kind {
            BodyKind::EventStream => BodyKind::Text,
            other => other,
        };
        if contents.iter().any(|content| content.kind == kind) {
            continue; // one setter per encoding: the first media type of each
        }
        let entry_at = at.join("content").join(media);
        let schema = entry.get("schema");
        let schema_at = entry_at.join("schema");
        let role = |role: &str| {
            let mut words = op_name.clone();
            words.push(role.to_owned());
            Place {
                words,
                holder: None,
            }
        };
        let ty = match kind {
            BodyKind::Json => {
                let ty = match schema {
                    Some(schema) => schemas.lower(schema, &schema_at, &role("body"), None),
                    None => TypeRef::Any,
                };
                if let Some(entry) = entry.as_object() {
                    for (index, example) in
                        examples_of(spec, &entry_at, entry).into_iter().enumerate()
                    {
                        let location = format!("{} (example {})", entry_at.shown(spec), index + 1);
                        schemas.example(&ty, &schema_at, location, &example);
                    }
                }
                ty
            }
            BodyKind::Multipart | BodyKind::UrlEncoded => {
                let place = role(if has_json { "form" } else { "body" });
                let encoding = entry.get("encoding").and_then(Value::as_object);
                let form = schema.and_then(|schema| {
                    schemas.form(
                        schema,
                        &schema_at,
                        &place,
                        encoding,
                        kind == BodyKind::Multipart,
                    )
                });
                let closed_empty = schema
                    .and_then(|schema| refs::follow(spec, &schema_at, schema).ok())
                    .and_then(|target| target.value.as_object())
                    .is_some_and(|map| {
                        map.get("additionalProperties") == Some(&Value::Bool(false))
                            && map
                                .get("properties")
                                .and_then(Value::as_object)
                                .is_none_or(|properties| properties.is_empty())
                    });
                match form {
                    Some(ty) => ty,
                    // A form that can hold nothing (Stripe's GET bodies): nothing to send.
                    None if closed_empty => continue,
                    None => {
                        schemas.warnings.push((
                            entry_at.clone(),
                            format!("a `{media}` body without properties is sent as bytes"),
                        ));
                        contents.push(Content {
                            kind: BodyKind::Binary,
                            media_type: Some(media.clone()),
                            ty: TypeRef::Scalar(crate::ir::Scalar::Binary),
                        });
                        continue;
                    }
                }
            }
            BodyKind::Text | BodyKind::EventStream => TypeRef::STRING,
            BodyKind::Binary => TypeRef::Scalar(crate::ir::Scalar::Binary),
        };
        if contents.iter().any(|content| content.kind == kind) {
            continue;
        }
        contents.push(Content {
            kind,
            media_type: Some(media.clone()),
            ty,
        });
    }
    if contents.is_empty() {
        return None;
    }
    Some(RequestBody {
        example: None,
        required: map.get("required") == Some(&Value::Bool(true)),
        contents,
    })
}

/// `200` → a code, `4XX` → a range, `default`.
fn status_of(key: &str) -> Option<Status> {
    if key == "default" {
        return Some(Status::Default);
    }
    let bytes = key.as_bytes();
    if bytes.len() == 3 && key[1..].eq_ignore_ascii_case("xx") && (b'1'..=b'5').contains(&bytes[0])
    {
        return Some(Status::Range(bytes[0] - b'0'));
    }
    key.parse::<u16>()
        .ok()
        .filter(|code| (100..=599).contains(code))
        .map(Status::Code)
}

/// The name of a response's inline type: `{op} response` for the first success, else
/// `{op} {reason} response`.
fn response_words(op_name: &Words, status: Status, primary: bool) -> Words {
    let mut words = op_name.clone();
    if !primary {
        match status {
            Status::Code(code) => match crate::emit::names::canonical_reason(code) {
                Some(reason) => words.extend(naming::words(reason)),
                None => words.extend(["status".to_owned(), code.to_string()]),
            },
            Status::Range(class) => words.extend(["status".to_owned(), format!("{class}xx")]),
            Status::Default => words.push("default".to_owned()),
        }
    }
    words.push("response".to_owned());
    words
}

#[allow(clippy::too_many_arguments)]
/// The type of each event's data in a `text/event-stream` media type: OpenAPI 3.2's
/// `itemSchema` describes an event (its `data` property, with `contentSchema` when the data is
/// JSON); before 3.2 descriptions put the data's schema in `schema`. Text unless a schema
/// says the data is something else.
fn event_data<'s>(schemas: &mut Schemas<'s>, entry: &'s Value, at: &At, place: &Place) -> TypeRef {
    let (schema, schema_at) = if let Some(item) = entry.get("itemSchema") {
        let item_at = at.join("itemSchema");
        let Some(target) = schemas.follow(&item_at, item) else {
            return TypeRef::STRING;
        };
        let data_at = target.at.join("properties").join("data");
        let Some(data) = target.value.pointer("/properties/data") else {
            return TypeRef::STRING;
        };
        match data.get("contentSchema") {
            Some(content) => (content, data_at.join("contentSchema")),
            None => (data, data_at),
        }
    } else if let Some(schema) = entry.get("schema") {
        (schema, at.join("schema"))
    } else {
        return TypeRef::STRING;
    };
    match schemas.lower(schema, &schema_at, place, None) {
        // A string, or a schema that does not say: the data as sent.
        TypeRef::Any => TypeRef::STRING,
        ty => ty,
    }
}

fn response<'s>(
    schemas: &mut Schemas<'s>,
    spec: &'s super::source::Spec,
    at: &At,
    value: &'s Value,
    status: Status,
    words: Words,
    operation: usize,
) -> Option<Response> {
    let target = schemas.follow(at, value)?;
    let (at, map) = (target.at, target.value.as_object()?);
    let mut contents: Vec<Content> = Vec::new();
    if let Some(Value::Object(content)) = map.get("content") {
        let entries = media_entries(content);
        for (media, entry, kind) in entries {
            let kind = match kind {
                BodyKind::Multipart | BodyKind::UrlEncoded => BodyKind::Binary,
                other => other,
            };
            if contents.iter().any(|content| content.kind == kind) {
                continue;
            }
            let entry_at = at.join("content").join(media);
            let ty = match kind {
                BodyKind::Json => match entry.get("schema") {
                    Some(schema) => {
                        let place = Place {
                            words: words.clone(),
                            holder: Some(Holder::Response { operation, status }),
                        };
                        schemas.lower(schema, &entry_at.join("schema"), &place, None)
                    }
                    None => TypeRef::Any,
                },
                BodyKind::Text => TypeRef::STRING,
                BodyKind::EventStream => {
                    let mut words = words.clone();
                    words.push("event".to_owned());
                    let place = Place {
                        words,
                        holder: Some(Holder::Response { operation, status }),
                    };
                    event_data(schemas, entry, &entry_at, &place)
                }
                _ => TypeRef::Scalar(crate::ir::Scalar::Binary),
            };
            if kind == BodyKind::Json
                && let Some(entry) = entry.as_object()
            {
                for (index, example) in examples_of(spec, &entry_at, entry).into_iter().enumerate()
                {
                    let location = format!("{} (example {})", entry_at.shown(spec), index + 1);
                    schemas.example(&ty, &entry_at.join("schema"), location, &example);
                }
            }
            contents.push(Content {
                kind,
                media_type: Some(media.clone()),
                ty,
            });
        }
    }
    let mut headers = Vec::new();
    if let Some(Value::Object(map)) = map.get("headers") {
        let headers_at = at.join("headers");
        for (name, header) in map {
            if name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let header_at = headers_at.join(name);
            let Ok(target) = refs::follow(spec, &header_at, header) else {
                continue;
            };
            let Some(header) = target.value.as_object() else {
                continue;
            };
            let ty = match header.get("schema") {
                Some(schema) => {
                    let mut header_words = words.clone();
                    header_words.extend(naming::words(name));
                    let place = Place {
                        words: header_words,
                        holder: Some(Holder::Parameter { name: name.clone() }),
                    };
                    schemas.lower(schema, &target.at.join("schema"), &place, None)
                }
                None => TypeRef::STRING,
            };
            let mut param = Param::new(
                name.clone(),
                Location::Header,
                header.get("required") == Some(&Value::Bool(true)),
                ty,
            );
            param.docs = docs_of(header);
            headers.push(param);
        }
    }
    let reason = match status {
        Status::Code(code) => crate::emit::names::canonical_reason(code).map(str::to_owned),
        _ => None,
    };
    Some(Response {
        status,
        reason,
        headers,
        contents,
        docs: map
            .get("description")
            .and_then(Value::as_str)
            .and_then(docs::clean),
    })
}
