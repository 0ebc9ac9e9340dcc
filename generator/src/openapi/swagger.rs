//! Swagger 2.0 in the OpenAPI 3.0 shape, so one lowering serves both.
//!
//! The conversion is on the JSON value, before anything is lowered:
//! - `definitions`, `responses`, `securityDefinitions` move under `components`, and every
//!   `$ref` to them follows;
//! - `host` + `basePath` + `schemes` become one server;
//! - `body` parameters become a request body in each media type of `consumes`; `formData`
//!   parameters become one object schema sent as `multipart/form-data` (when `consumes` says
//!   so or a parameter is a `file`) or `application/x-www-form-urlencoded`;
//! - the other parameters get a `schema` from their `type`/`format`/`items`/`enum`, and
//!   `collectionFormat` becomes `style`/`explode`;
//! - responses get `content` in each media type of `produces`, with their `examples`.
//!
//! References to `#/parameters/…` are replaced by the parameter itself (a body parameter is
//! no parameter in 3.0). Vendor extensions are kept.

use serde_json::{Map, Value, json};

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];

/// Converts a whole Swagger 2.0 document.
pub fn convert(document: &mut Value) {
    let Value::Object(root) = document else {
        return;
    };
    rewrite_refs_in_place(root);
    let shared_parameters = root
        .remove("parameters")
        .and_then(|value| match value {
            Value::Object(map) => Some(map),
            _ => None,
        })
        .unwrap_or_default();
    let consumes = strings(root.get("consumes"));
    let produces = strings(root.get("produces"));

    let mut components = Map::new();
    if let Some(definitions) = root.remove("definitions") {
        components.insert("schemas".into(), definitions);
    }
    if let Some(Value::Object(responses)) = root.remove("responses") {
        let converted: Map<String, Value> = responses
            .into_iter()
            .map(|(key, response)| (key, response_of(response, &produces)))
            .collect();
        components.insert("responses".into(), Value::Object(converted));
    }
    if let Some(Value::Object(schemes)) = root.remove("securityDefinitions") {
        let converted: Map<String, Value> = schemes
            .into_iter()
            .map(|(key, scheme)| (key, security_scheme(scheme)))
            .collect();
        components.insert("securitySchemes".into(), Value::Object(converted));
    }
    root.insert("components".into(), Value::Object(components));

    let host = root
        .remove("host")
        .and_then(|v| v.as_str().map(str::to_owned));
    let base_path = root
        .remove("basePath")
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default();
    let schemes = strings(root.remove("schemes").as_ref());
    let url = match host {
        Some(host) => {
            let scheme = if schemes.is_empty() || schemes.iter().any(|s| s == "https") {
                "https"
            } else {
                schemes[0].as_str()
            };
            format!("{scheme}://{host}{base_path}")
        }
        None => base_path,
    };
    if !url.is_empty() {
        root.insert("servers".into(), json!([{ "url": url }]));
    }

    if let Some(Value::Object(paths)) = root.get_mut("paths") {
        for (_, item) in paths.iter_mut() {
            let Value::Object(item) = item else { continue };
            let path_params = item
                .remove("parameters")
                .map(|params| inline_parameters(params, &shared_parameters))
                .unwrap_or_default();
            // Path-level body and form parameters belong to every operation.
            let (shared_body, plain): (Vec<Value>, Vec<Value>) =
                path_params.into_iter().partition(is_body_or_form);
            if !plain.is_empty() {
                item.insert(
                    "parameters".into(),
                    Value::Array(plain.into_iter().map(parameter).collect()),
                );
            }
            for method in METHODS {
                let Some(Value::Object(operation)) = item.get_mut(*method) else {
                    continue;
                };
                operation_of(
                    operation,
                    &shared_parameters,
                    &shared_body,
                    &consumes,
                    &produces,
                );
            }
        }
    }
    root.remove("consumes");
    root.remove("produces");
    root.insert("swagger".into(), Value::String("2.0".into()));
}

/// Converts a file referenced from a Swagger 2.0 document: its references follow the moved
/// sections, and a `definitions` section moves under `components`.
pub fn convert_fragment(document: &mut Value) {
    let Value::Object(root) = document else {
        return;
    };
    rewrite_refs_in_place(root);
    if let Some(definitions) = root.remove("definitions") {
        let mut components = Map::new();
        components.insert("schemas".into(), definitions);
        root.insert("components".into(), Value::Object(components));
    }
}

fn operation_of(
    operation: &mut Map<String, Value>,
    shared: &Map<String, Value>,
    shared_body: &[Value],
    consumes: &[String],
    produces: &[String],
) {
    let consumes = match strings(operation.get("consumes")) {
        own if !own.is_empty() => own,
        _ => consumes.to_vec(),
    };
    let produces = match strings(operation.get("produces")) {
        own if !own.is_empty() => own,
        _ => produces.to_vec(),
    };
    let mut params = operation
        .remove("parameters")
        .map(|params| inline_parameters(params, shared))
        .unwrap_or_default();
    for body in shared_body {
        let key = param_key(body);
        if !params.iter().any(|own| param_key(own) == key) {
            params.push(body.clone());
        }
    }
    let (body_like, plain): (Vec<Value>, Vec<Value>) =
        params.into_iter().partition(is_body_or_form);
    if !plain.is_empty() {
        operation.insert(
            "parameters".into(),
            Value::Array(plain.into_iter().map(parameter).collect()),
        );
    }
    if let Some(body) = request_body(&body_like, &consumes) {
        operation.insert("requestBody".into(), body);
    }
    if let Some(Value::Object(responses)) = operation.remove("responses") {
        let converted: Map<String, Value> = responses
            .into_iter()
            .map(|(code, response)| (code, response_of(response, &produces)))
            .collect();
        operation.insert("responses".into(), Value::Object(converted));
    }
    operation.remove("consumes");
    operation.remove("produces");
    operation.remove("schemes");
}

/// Parameters with `$ref`s to `#/parameters/…` replaced by what they name.
fn inline_parameters(params: Value, shared: &Map<String, Value>) -> Vec<Value> {
    let Value::Array(params) = params else {
        return Vec::new();
    };
    params
        .into_iter()
        .map(|param| {
            let name = param
                .get("$ref")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("#/parameters/"))
                .map(unescape);
            match name.and_then(|name| shared.get(&name)) {
                Some(target) => target.clone(),
                None => param,
            }
        })
        .collect()
}

fn param_key(param: &Value) -> (String, String) {
    let field = |key: &str| {
        param
            .get(key)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    (field("in"), field("name"))
}

fn is_body_or_form(param: &Value) -> bool {
    matches!(
        param.get("in").and_then(Value::as_str),
        Some("body" | "formData")
    )
}

/// A non-body parameter in the 3.0 shape.
fn parameter(param: Value) -> Value {
    let Value::Object(mut param) = param else {
        return param;
    };
    if param.contains_key("$ref") {
        return Value::Object(param);
    }
    let location = param.get("in").and_then(Value::as_str).map(str::to_owned);
    let format = param.remove("collectionFormat");
    let schema = schema_of_simple(&mut param);
    if let Some(format) = format.as_ref().and_then(Value::as_str) {
        let (style, explode) = match (format, location.as_deref()) {
            ("multi", _) => ("form", true),
            ("ssv", _) => ("spaceDelimited", false),
            ("pipes", _) => ("pipeDelimited", false),
            (_, Some("query" | "cookie")) => ("form", false),
            _ => ("simple", false),
        };
        param.insert("style".into(), Value::String(style.into()));
        param.insert("explode".into(), Value::Bool(explode));
    }
    param.insert("schema".into(), schema);
    Value::Object(param)
}

/// Moves the JSON Schema keywords of a 2.0 parameter or header into a schema.
fn schema_of_simple(param: &mut Map<String, Value>) -> Value {
    const KEYS: &[&str] = &[
        "type",
        "format",
        "items",
        "enum",
        "default",
        "maximum",
        "minimum",
        "exclusiveMaximum",
        "exclusiveMinimum",
        "maxLength",
        "minLength",
        "pattern",
        "maxItems",
        "minItems",
        "uniqueItems",
        "multipleOf",
        "x-nullable",
    ];
    let mut schema = Map::new();
    for key in KEYS {
        if let Some(value) = param.remove(*key) {
            schema.insert((*key).to_owned(), value);
        }
    }
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        let items = std::mem::take(items);
        let mut items = items;
        let converted = schema_of_simple(&mut items);
        schema.insert("items".into(), converted);
    }
    if schema.get("type").and_then(Value::as_str) == Some("file") {
        schema.insert("type".into(), Value::String("string".into()));
        schema.insert("format".into(), Value::String("binary".into()));
    }
    Value::Object(schema)
}

fn request_body(params: &[Value], consumes: &[String]) -> Option<Value> {
    if let Some(body) = params
        .iter()
        .find(|p| p.get("in").and_then(Value::as_str) == Some("body"))
    {
        let schema = body.get("schema").cloned().unwrap_or_else(|| json!({}));
        let media_types: Vec<String> = if consumes.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            consumes.to_vec()
        };
        let content: Map<String, Value> = media_types
            .into_iter()
            .map(|media| (media, json!({ "schema": schema.clone() })))
            .collect();
        let mut out = Map::new();
        if let Some(description) = body.get("description") {
            out.insert("description".into(), description.clone());
        }
        out.insert("content".into(), Value::Object(content));
        let required = body
            .get("required")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        out.insert("required".into(), Value::Bool(required));
        return Some(Value::Object(out));
    }
    let form: Vec<&Value> = params
        .iter()
        .filter(|p| p.get("in").and_then(Value::as_str) == Some("formData"))
        .collect();
    if form.is_empty() {
        return None;
    }
    let mut properties = Map::new();
    let mut required = Vec::new();
    for param in &form {
        let Value::Object(param) = param else {
            continue;
        };
        let mut param = param.clone();
        let Some(name) = param.get("name").and_then(Value::as_str).map(str::to_owned) else {
            continue;
        };
        if param.get("required").and_then(Value::as_bool) == Some(true) {
            required.push(Value::String(name.clone()));
        }
        let description = param.remove("description");
        let Value::Object(mut schema) = schema_of_simple(&mut param) else {
            continue;
        };
        if let Some(description) = description {
            schema.insert("description".into(), description);
        }
        properties.insert(name, Value::Object(schema));
    }
    let has_file = properties
        .values()
        .any(|schema| schema.get("format").and_then(Value::as_str) == Some("binary"));
    let media = if has_file
        || consumes
            .iter()
            .any(|c| c.starts_with("multipart/form-data"))
    {
        "multipart/form-data"
    } else {
        "application/x-www-form-urlencoded"
    };
    let mut schema = Map::new();
    schema.insert("type".into(), Value::String("object".into()));
    schema.insert("properties".into(), Value::Object(properties));
    if !required.is_empty() {
        schema.insert("required".into(), Value::Array(required.clone()));
    }
    Some(json!({
        "content": { media: { "schema": Value::Object(schema) } },
        "required": !required.is_empty(),
    }))
}

fn response_of(response: Value, produces: &[String]) -> Value {
    let Value::Object(mut response) = response else {
        return response;
    };
    if response.contains_key("$ref") {
        return Value::Object(response);
    }
    let examples = response.remove("examples");
    if let Some(schema) = response.remove("schema") {
        let media_types: Vec<String> = if produces.is_empty() {
            vec!["application/json".to_owned()]
        } else {
            produces.to_vec()
        };
        let content: Map<String, Value> = media_types
            .into_iter()
            .map(|media| {
                let mut entry = Map::new();
                entry.insert("schema".into(), schema.clone());
                if let Some(example) = examples.as_ref().and_then(|e| e.get(&media)) {
                    entry.insert("example".into(), example.clone());
                }
                (media, Value::Object(entry))
            })
            .collect();
        response.insert("content".into(), Value::Object(content));
    }
    if let Some(Value::Object(headers)) = response.remove("headers") {
        let converted: Map<String, Value> = headers
            .into_iter()
            .map(|(name, header)| {
                let Value::Object(mut header) = header else {
                    return (name, header);
                };
                let schema = schema_of_simple(&mut header);
                header.remove("collectionFormat");
                header.insert("schema".into(), schema);
                (name, Value::Object(header))
            })
            .collect();
        response.insert("headers".into(), Value::Object(converted));
    }
    Value::Object(response)
}

fn security_scheme(scheme: Value) -> Value {
    let Value::Object(mut scheme) = scheme else {
        return scheme;
    };
    match scheme.get("type").and_then(Value::as_str) {
        Some("basic") => {
            scheme.insert("type".into(), Value::String("http".into()));
            scheme.insert("scheme".into(), Value::String("basic".into()));
        }
        Some("oauth2") => {
            let flow = scheme
                .remove("flow")
                .and_then(|f| f.as_str().map(str::to_owned));
            let mut details = Map::new();
            for key in ["authorizationUrl", "tokenUrl", "scopes"] {
                if let Some(value) = scheme.remove(key) {
                    details.insert(key.to_owned(), value);
                }
            }
            details
                .entry("scopes")
                .or_insert_with(|| Value::Object(Map::new()));
            let flow = match flow.as_deref() {
                Some("implicit") => "implicit",
                Some("password") => "password",
                Some("application") => "clientCredentials",
                _ => "authorizationCode",
            };
            let mut flows = Map::new();
            flows.insert(flow.to_owned(), Value::Object(details));
            scheme.insert("flows".into(), Value::Object(flows));
        }
        _ => {}
    }
    Value::Object(scheme)
}

/// Every `$ref` to a moved section points to its new place.
fn rewrite_refs_in_place(root: &mut Map<String, Value>) {
    let mut stack: Vec<&mut Value> = root.values_mut().collect();
    while let Some(value) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get_mut("$ref")
                    && let Some(rewritten) = rewritten_ref(reference)
                {
                    *reference = rewritten;
                }
                stack.extend(map.values_mut());
            }
            Value::Array(items) => stack.extend(items.iter_mut()),
            _ => {}
        }
    }
}

fn rewritten_ref(reference: &str) -> Option<String> {
    let (file, fragment) = reference.split_once('#')?;
    for (old, new) in [
        ("/definitions/", "/components/schemas/"),
        ("/responses/", "/components/responses/"),
    ] {
        if let Some(rest) = fragment.strip_prefix(old) {
            return Some(format!("{file}#{new}{rest}"));
        }
    }
    None
}

fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|item| item.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swagger_document_in_the_3_0_shape() {
        let mut doc = json!({
            "swagger": "2.0",
            "host": "api.example.com",
            "basePath": "/v2",
            "schemes": ["http", "https"],
            "consumes": ["application/json", "multipart/form-data"],
            "produces": ["application/json"],
            "definitions": {"Pet": {"type": "object", "properties": {"owner": {"$ref": "#/definitions/Owner"}}}},
            "parameters": {"limit": {"name": "limit", "in": "query", "type": "integer", "format": "int32"}},
            "securityDefinitions": {
                "basic": {"type": "basic"},
                "oauth": {"type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {"a": "A"}}
            },
            "paths": {"/pets/{id}": {
                "parameters": [{"name": "id", "in": "path", "required": true, "type": "string"}],
                "post": {
                    "parameters": [
                        {"$ref": "#/parameters/limit"},
                        {"name": "tags", "in": "query", "type": "array", "items": {"type": "string"}, "collectionFormat": "multi"},
                        {"name": "pet", "in": "body", "required": true, "schema": {"$ref": "#/definitions/Pet"}}
                    ],
                    "responses": {"201": {"description": "ok", "schema": {"$ref": "#/definitions/Pet"}, "examples": {"application/json": {"owner": null}}, "headers": {"X-Rate": {"type": "integer"}}}}
                }
            }}
        });
        convert(&mut doc);
        assert_eq!(
            doc["servers"],
            json!([{"url": "https://api.example.com/v2"}])
        );
        assert_eq!(
            doc["components"]["schemas"]["Pet"]["properties"]["owner"]["$ref"],
            "#/components/schemas/Owner"
        );
        let op = &doc["paths"]["/pets/{id}"]["post"];
        assert_eq!(
            op["parameters"][0]["schema"],
            json!({"type": "integer", "format": "int32"})
        );
        assert_eq!(op["parameters"][1]["style"], "form");
        assert_eq!(op["parameters"][1]["explode"], true);
        assert_eq!(
            op["requestBody"]["content"]["multipart/form-data"]["schema"]["$ref"],
            "#/components/schemas/Pet"
        );
        assert_eq!(op["requestBody"]["required"], true);
        let created = &op["responses"]["201"];
        assert_eq!(
            created["content"]["application/json"]["example"],
            json!({"owner": null})
        );
        assert_eq!(
            created["headers"]["X-Rate"]["schema"],
            json!({"type": "integer"})
        );
        assert_eq!(
            doc["paths"]["/pets/{id}"]["parameters"][0]["schema"],
            json!({"type": "string"})
        );
        let schemes = &doc["components"]["securitySchemes"];
        assert_eq!(schemes["basic"], json!({"type": "http", "scheme": "basic"}));
        assert_eq!(
            schemes["oauth"]["flows"]["clientCredentials"]["tokenUrl"],
            "https://t"
        );
    }

    #[test]
    fn form_parameters_become_one_form_body() {
        let mut doc = json!({
            "swagger": "2.0",
            "paths": {"/upload": {"post": {
                "consumes": ["application/x-www-form-urlencoded"],
                "parameters": [
                    {"name": "file", "in": "formData", "type": "file", "required": true},
                    {"name": "note", "in": "formData", "type": "string", "description": "A note"}
                ],
                "responses": {"200": {"description": "ok"}}
            }}}
        });
        convert(&mut doc);
        let body = &doc["paths"]["/upload"]["post"]["requestBody"];
        let schema = &body["content"]["multipart/form-data"]["schema"];
        assert_eq!(
            schema["properties"]["file"],
            json!({"type": "string", "format": "binary"})
        );
        assert_eq!(schema["properties"]["note"]["description"], "A note");
        assert_eq!(schema["required"], json!(["file"]));
        assert!(doc.get("servers").is_none());
    }
}
