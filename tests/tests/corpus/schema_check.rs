//! An OpenAPI example against its own schema, for the corpus test: whether the description
//! contradicts itself (an example missing a required property, a string where the schema says
//! integer, a JSON document written as a string), and the example as the generated type must
//! carry it — properties the schema does not declare are dropped where the schema allows them
//! without saying what they are (`additionalProperties` absent), because a generated struct
//! keeps what the schema declares and ignores the rest, as a lenient client must.
//!
//! A small checker of what the corpus uses (`$ref`, `allOf`, `oneOf`/`anyOf`, `enum`/`const`,
//! `type` with 3.0 `nullable`, 2.0 `x-nullable` and 3.1 type arrays, `required`,
//! `properties`, `additionalProperties`, `items`), not a full JSON Schema validator: a
//! keyword it does not know never makes an example contradict its schema.

use std::path::Path;

use courier::openapi::Spec;
use courier::openapi::refs::{self, At};
use serde_json::{Map, Value};

/// For each example: its body as it must survive the round trip, or why it contradicts the
/// schema it is an example of.
pub fn prepare(path: &Path, examples: &[courier::lower::Example]) -> Vec<Result<String, String>> {
    let document = courier::load::load(path, &courier::Limits::default())
        .unwrap_or_else(|error| panic!("{error}"));
    let courier::load::Document::OpenApi(spec) = document else {
        panic!("{} is not an OpenAPI document", path.display());
    };
    examples
        .iter()
        .map(|example| {
            let courier::lower::ExampleOf::Schema { schema, .. } = &example.of else {
                return Ok(example.body.clone());
            };
            let Some(at) = located(&spec, schema) else {
                return Ok(example.body.clone());
            };
            let Some(schema) = refs::get(&spec, &at) else {
                return Ok(example.body.clone());
            };
            let value: Value = serde_json::from_str(&example.body)
                .map_err(|error| format!("not JSON: {error}"))?;
            check(&spec, schema, &at, &value, "$", 0).map(|kept| kept.to_string())
        })
        .collect()
}

/// The place `shown` names (`#/pointer` in the document, `file.yaml#/pointer` beside it).
fn located(spec: &Spec, shown: &str) -> Option<At> {
    let (file, pointer) = shown.split_once('#')?;
    let file = if file.is_empty() {
        0
    } else {
        spec.files.iter().position(|candidate| {
            candidate
                .path
                .file_name()
                .is_some_and(|name| name.to_string_lossy() == file)
        })?
    };
    Some(At {
        file,
        pointer: pointer.to_owned(),
    })
}

fn types_of(map: &Map<String, Value>) -> Vec<&str> {
    match map.get("type") {
        Some(Value::String(ty)) => vec![ty.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

fn allows_null(map: &Map<String, Value>) -> bool {
    map.get("nullable") == Some(&Value::Bool(true))
        || map.get("x-nullable") == Some(&Value::Bool(true))
        || types_of(map).contains(&"null")
        || map
            .get("enum")
            .and_then(Value::as_array)
            .is_some_and(|values| values.iter().any(Value::is_null))
}

fn is_type(value: &Value, ty: &str) -> bool {
    match ty {
        "string" => value.is_string(),
        "integer" => {
            value.is_i64() || value.is_u64() || value.as_f64().is_some_and(|n| n.fract() == 0.0)
        }
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => true,
    }
}

/// The example as its type carries it, or the first place it contradicts the schema.
fn check(
    spec: &Spec,
    schema: &Value,
    at: &At,
    value: &Value,
    path: &str,
    depth: usize,
) -> Result<Value, String> {
    if depth > 64 {
        return Ok(value.clone());
    }
    let target = refs::follow(spec, at, schema).map_err(|error| format!("{path}: {error}"))?;
    let (at, schema) = (target.at, target.value);
    let Some(map) = schema.as_object() else {
        return Ok(value.clone());
    };
    if value.is_null() {
        let untyped = types_of(map).is_empty()
            && !map.contains_key("properties")
            && !map.contains_key("allOf")
            && !map.contains_key("oneOf")
            && !map.contains_key("anyOf");
        let in_union = ["oneOf", "anyOf"].iter().any(|key| {
            map.get(*key)
                .and_then(Value::as_array)
                .is_some_and(|members| {
                    members.iter().enumerate().any(|(index, member)| {
                        check(
                            spec,
                            member,
                            &at.join(key).join(index.to_string()),
                            value,
                            path,
                            depth + 1,
                        )
                        .is_ok()
                    })
                })
        });
        return if allows_null(map) || untyped || in_union {
            Ok(Value::Null)
        } else {
            Err(format!("{path}: null, but the schema does not allow null"))
        };
    }
    if let Some(expected) = map.get("const")
        && expected != value
    {
        return Err(format!("{path}: {value} is not the constant {expected}"));
    }
    if let Some(Value::Array(values)) = map.get("enum")
        && !values.contains(value)
    {
        return Err(format!("{path}: {value} is not one of the enum's values"));
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = map.get(key) {
            let mut first_error = None;
            for (index, member) in members.iter().enumerate() {
                let member_at = at.join(key).join(index.to_string());
                match check(spec, member, &member_at, value, path, depth + 1) {
                    Ok(kept) => return Ok(kept),
                    Err(error) => {
                        first_error.get_or_insert(error);
                    }
                }
            }
            return Err(first_error.unwrap_or_else(|| format!("{path}: no `{key}` member")));
        }
    }
    let types = types_of(map);
    if !types.is_empty() && !types.iter().any(|ty| is_type(value, ty)) {
        return Err(format!(
            "{path}: {} where the schema says {}",
            kind(value),
            types.join(" or ")
        ));
    }
    // A value that is not an object must satisfy every `allOf` part (objects are merged
    // below); each part projects what the one before kept.
    if !value.is_object()
        && let Some(Value::Array(parts)) = map.get("allOf")
    {
        let mut kept = value.clone();
        for (index, part) in parts.iter().enumerate() {
            let part_at = at.join("allOf").join(index.to_string());
            kept = check(spec, part, &part_at, &kept, path, depth + 1)?;
        }
        return Ok(kept);
    }
    match value {
        Value::Object(object) => {
            // Declared properties and required ones, over `allOf` too, merged as courier
            // merges them: parts in order, then the schema's own, a later one winning.
            let mut collected = Collected::default();
            collect(spec, map, &at, value, path, depth, &mut collected)?;
            let Collected {
                properties,
                required,
                additional,
            } = collected;
            for name in &required {
                if !object.contains_key(name) {
                    return Err(format!("{path}: the required property `{name}` is missing"));
                }
            }
            let declares = !properties.is_empty();
            let mut kept = Map::new();
            for (key, item) in object {
                let item_path = format!("{path}.{key}");
                if let Some((_, property, property_at)) =
                    properties.iter().find(|(name, _, _)| name == key)
                {
                    kept.insert(
                        key.clone(),
                        check(spec, property, property_at, item, &item_path, depth + 1)?,
                    );
                    continue;
                }
                match &additional {
                    Some((Value::Bool(false), _)) => {
                        return Err(format!("{item_path}: a property the schema does not allow"));
                    }
                    Some((extra @ Value::Object(_), extra_at)) => {
                        kept.insert(
                            key.clone(),
                            check(spec, extra, extra_at, item, &item_path, depth + 1)?,
                        );
                    }
                    Some(_) => {
                        kept.insert(key.clone(), item.clone());
                    }
                    // Undeclared: a struct drops it, a map (no properties declared) keeps it.
                    None if declares => {}
                    None => {
                        kept.insert(key.clone(), item.clone());
                    }
                }
            }
            Ok(Value::Object(kept))
        }
        Value::Array(items) => {
            let Some(item_schema) = map.get("items") else {
                return Ok(value.clone());
            };
            let items_at = at.join("items");
            items
                .iter()
                .enumerate()
                .map(|(index, item)| {
                    check(
                        spec,
                        item_schema,
                        &items_at,
                        item,
                        &format!("{path}[{index}]"),
                        depth + 1,
                    )
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array)
        }
        // Through `allOf` above; here a scalar of an acceptable type.
        scalar => Ok(scalar.clone()),
    }
}

/// What an object schema and its `allOf` parts declare.
#[derive(Default)]
struct Collected<'s> {
    properties: Vec<(String, &'s Value, At)>,
    required: Vec<String>,
    additional: Option<(&'s Value, At)>,
}

fn collect<'s>(
    spec: &'s Spec,
    map: &'s Map<String, Value>,
    at: &At,
    value: &Value,
    path: &str,
    depth: usize,
    out: &mut Collected<'s>,
) -> Result<(), String> {
    if depth > 64 {
        return Ok(());
    }
    if let Some(Value::Array(parts)) = map.get("allOf") {
        for (index, part) in parts.iter().enumerate() {
            let part_at = at.join("allOf").join(index.to_string());
            let part = refs::follow(spec, &part_at, part).map_err(|e| format!("{path}: {e}"))?;
            let Some(part_map) = part.value.as_object() else {
                continue;
            };
            if part_map.contains_key("properties")
                || part_map.contains_key("allOf")
                || part_map.contains_key("required")
                || part_map.contains_key("additionalProperties")
            {
                collect(spec, part_map, &part.at, value, path, depth + 1, out)?;
            } else {
                // A part that is not an object constrains the value itself.
                check(spec, part.value, &part.at, value, path, depth + 1)?;
            }
        }
    }
    if let Some(Value::Object(declared)) = map.get("properties") {
        for (name, property) in declared {
            out.properties.retain(|(other, _, _)| other != name);
            out.properties
                .push((name.clone(), property, at.join("properties").join(name)));
        }
    }
    if let Some(Value::Array(names)) = map.get("required") {
        out.required
            .extend(names.iter().filter_map(Value::as_str).map(str::to_owned));
    }
    if let Some(extra) = map.get("additionalProperties") {
        out.additional = Some((extra, at.join("additionalProperties")));
    }
    Ok(())
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}
