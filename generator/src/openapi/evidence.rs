//! What a description's own examples say about its string formats.
//!
//! `date-time`, `date` and `uuid` strings become `chrono` and `uuid` types, which refuse
//! values that are not RFC 3339 date-times, full dates or RFC 4122 UUIDs. Descriptions use
//! these formats loosely: Zoom's meeting "UUIDs" are base64 (`srmWsVWYT7u1ZL4mUw//9g==`) and
//! some of its date-times have no offset. A client typed by the letter of such a description
//! could not decode the API's real answers, so every example is checked against the schema it
//! illustrates first; a format that any example contradicts stays `String` throughout the
//! description, and a warning says where the evidence is.
//!
//! Examples are media-type and parameter `example`/`examples` (against their `schema`) and a
//! schema's own `example`/`examples`. Values are followed through `$ref`, `allOf` (every part),
//! `oneOf`/`anyOf` (the one member that takes the value's JSON type, if only one does),
//! `properties`, `additionalProperties` and `items`.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::refs::{self, At};
use super::source::Spec;

/// The typed string formats, as OpenAPI spells them.
pub const FORMATS: [&str; 3] = ["date-time", "date", "uuid"];

/// How deep a value is followed into its schema.
const MAX_DEPTH: usize = 64;

/// For each typed format an example contradicts: where those examples' schemas are (one
/// entry per contradicting value).
pub fn contradicted_formats(spec: &Spec) -> BTreeMap<&'static str, Vec<At>> {
    let mut out = BTreeMap::new();
    walk(spec, spec.root(), &At::root(), &mut out, 0);
    out
}

/// Finds the examples in `value` (at `at`) and checks each.
fn walk(
    spec: &Spec,
    value: &Value,
    at: &At,
    out: &mut BTreeMap<&'static str, Vec<At>>,
    depth: usize,
) {
    if depth > MAX_DEPTH * 4 {
        return;
    }
    match value {
        Value::Object(map) => {
            examples_here(spec, map, at, out);
            for (key, inner) in map {
                if key.starts_with("x-") || matches!(key.as_str(), "example" | "examples") {
                    continue;
                }
                walk(spec, inner, &at.join(key), out, depth + 1);
            }
        }
        Value::Array(items) => {
            for (index, inner) in items.iter().enumerate() {
                walk(spec, inner, &at.join(index.to_string()), out, depth + 1);
            }
        }
        _ => {}
    }
}

/// The examples an object gives: of its `schema` (a media type, a parameter, a header), or of
/// itself (a schema).
fn examples_here(
    spec: &Spec,
    map: &Map<String, Value>,
    at: &At,
    out: &mut BTreeMap<&'static str, Vec<At>>,
) {
    let mut values: Vec<&Value> = map.get("example").into_iter().collect();
    match map.get("examples") {
        // A media type's or parameter's named examples, each `{value}` or a `$ref` to one.
        Some(Value::Object(named)) if map.contains_key("schema") => {
            let named_at = at.join("examples");
            for (key, example) in named {
                if let Ok(target) = refs::follow(spec, &named_at.join(key), example)
                    && let Some(value) = target.value.get("value")
                {
                    values.push(value);
                }
            }
        }
        // JSON Schema's list.
        Some(Value::Array(list)) if !map.contains_key("schema") => values.extend(list),
        _ => {}
    }
    if values.is_empty() {
        return;
    }
    match map.get("schema") {
        Some(schema) => {
            let schema_at = at.join("schema");
            for value in values {
                check(spec, schema, &schema_at, value, out, 0);
            }
        }
        // A schema's own examples (only schemas have these keys beside `example`).
        None if [
            "type",
            "format",
            "$ref",
            "properties",
            "allOf",
            "oneOf",
            "anyOf",
        ]
        .iter()
        .any(|key| map.contains_key(*key)) =>
        {
            for value in values {
                match map.get("$ref") {
                    Some(_) => check(spec, &Value::Object(map.clone()), at, value, out, 0),
                    None => check_map(spec, map, at, value, out, 0),
                }
            }
        }
        None => {}
    }
}

/// Checks `value` against `schema` (at `at`), recording contradicted formats.
fn check(
    spec: &Spec,
    schema: &Value,
    at: &At,
    value: &Value,
    out: &mut BTreeMap<&'static str, Vec<At>>,
    depth: usize,
) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(target) = refs::follow(spec, at, schema) else {
        return;
    };
    let Value::Object(map) = target.value else {
        return;
    };
    check_map(spec, map, &target.at, value, out, depth);
}

fn check_map(
    spec: &Spec,
    map: &Map<String, Value>,
    at: &At,
    value: &Value,
    out: &mut BTreeMap<&'static str, Vec<At>>,
    depth: usize,
) {
    if let (Value::String(text), Some(format)) = (value, map.get("format").and_then(Value::as_str))
        && let Some(format) = FORMATS.iter().find(|known| **known == format)
        && !valid(format, text)
    {
        out.entry(format).or_default().push(at.clone());
    }
    if let Some(Value::Array(parts)) = map.get("allOf") {
        let parts_at = at.join("allOf");
        for (index, part) in parts.iter().enumerate() {
            check(
                spec,
                part,
                &parts_at.join(index.to_string()),
                value,
                out,
                depth + 1,
            );
        }
    }
    for key in ["oneOf", "anyOf"] {
        if let Some(Value::Array(members)) = map.get(key) {
            let members_at = at.join(key);
            let taking: Vec<(usize, &Value)> = members
                .iter()
                .enumerate()
                .filter(|(index, member)| {
                    takes(spec, member, &members_at.join(index.to_string()), value)
                })
                .collect();
            if let [(index, member)] = taking.as_slice() {
                check(
                    spec,
                    member,
                    &members_at.join(index.to_string()),
                    value,
                    out,
                    depth + 1,
                );
            }
        }
    }
    match value {
        Value::Object(fields) => {
            let properties = map.get("properties").and_then(Value::as_object);
            for (name, field) in fields {
                match properties.and_then(|properties| properties.get(name)) {
                    Some(schema) => {
                        let field_at = at.join("properties").join(name);
                        check(spec, schema, &field_at, field, out, depth + 1);
                    }
                    None => {
                        if let Some(schema @ Value::Object(_)) = map.get("additionalProperties") {
                            let extra_at = at.join("additionalProperties");
                            check(spec, schema, &extra_at, field, out, depth + 1);
                        }
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(schema @ Value::Object(_)) = map.get("items") {
                let items_at = at.join("items");
                for item in items {
                    check(spec, schema, &items_at, item, out, depth + 1);
                }
            }
        }
        _ => {}
    }
}

/// Whether `member` (at `at`) declares a type that `value` has (or declares none).
fn takes(spec: &Spec, member: &Value, at: &At, value: &Value) -> bool {
    let Ok(target) = refs::follow(spec, at, member) else {
        return false;
    };
    let Some(map) = target.value.as_object() else {
        return true;
    };
    let types: Vec<&str> = match map.get("type") {
        Some(Value::String(ty)) => vec![ty.as_str()],
        Some(Value::Array(types)) => types.iter().filter_map(Value::as_str).collect(),
        _ if map.contains_key("properties") => vec!["object"],
        _ => return true,
    };
    types.iter().any(|ty| match *ty {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        "null" => value.is_null(),
        _ => false,
    })
}

/// Whether `text` is a value of `format` that the generated type accepts.
pub fn valid(format: &str, text: &str) -> bool {
    match format {
        "date-time" => date_time(text),
        "date" => full_date(text),
        "uuid" => uuid(text),
        _ => true,
    }
}

/// `8-4-4-4-12` hexadecimal digits (RFC 4122's text form), or the 32 digits alone.
fn uuid(text: &str) -> bool {
    let hex = |part: &str| part.bytes().all(|b| b.is_ascii_hexdigit());
    let groups: Vec<&str> = text.split('-').collect();
    match groups.as_slice() {
        [one] => one.len() == 32 && hex(one),
        [a, b, c, d, e] => {
            [a.len(), b.len(), c.len(), d.len(), e.len()] == [8, 4, 4, 4, 12]
                && groups.iter().all(|group| hex(group))
        }
        _ => false,
    }
}

/// RFC 3339 `full-date`: `YYYY-MM-DD`, a day the month has.
fn full_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return false;
    }
    let (Some(year), Some(month), Some(day)) =
        (number(&text[..4]), number(&text[5..7]), number(&text[8..]))
    else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// RFC 3339 `date-time`: a full date, `T`, `HH:MM:SS`, optional fraction, `Z` or `±HH:MM`.
fn date_time(text: &str) -> bool {
    let Some((date, rest)) = text.split_at_checked(10) else {
        return false;
    };
    let Some(time) = rest.strip_prefix(['T', 't']) else {
        return false;
    };
    if !full_date(date) || time.len() < 8 || !time.is_char_boundary(8) {
        return false;
    }
    let (clock, mut zone) = time.split_at(8);
    let clock = clock.as_bytes();
    if clock[2] != b':' || clock[5] != b':' {
        return false;
    }
    let field = |range: std::ops::Range<usize>, max: u32| {
        std::str::from_utf8(&clock[range])
            .ok()
            .and_then(number)
            .is_some_and(|value| value <= max)
    };
    if !(field(0..2, 23) && field(3..5, 59) && field(6..8, 59)) {
        return false;
    }
    if let Some(fraction) = zone.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return false;
        }
        zone = &fraction[digits..];
    }
    match zone {
        "Z" | "z" => true,
        _ => {
            let bytes = zone.as_bytes();
            bytes.len() == 6
                && matches!(bytes[0], b'+' | b'-')
                && bytes[3] == b':'
                && number(&zone[1..3]).is_some_and(|hours| hours <= 23)
                && number(&zone[4..6]).is_some_and(|minutes| minutes <= 59)
        }
    }
}

/// Decimal digits only (no sign, no spaces) as a number.
fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_checked_as_the_generated_types_read_them() {
        for ok in [
            "2019-08-08T08:00:00-07:00",
            "2019-12-06T14:20:20.000Z",
            "2024-02-29t00:00:00z",
            "1999-12-31T23:59:59.123456789+14:00",
        ] {
            assert!(valid("date-time", ok), "{ok}");
        }
        for bad in [
            "2019-08-12T12:00:00",
            "2019-08-12 12:00:00Z",
            "2019-08-12",
            "2023-02-29T00:00:00Z",
            "2019-08-12T24:00:00Z",
            "2019-08-12T12:00:00.Z",
            "2019-08-12T12:00:00+0100",
            "2019-08-12T12:00:00Zé",
            "",
        ] {
            assert!(!valid("date-time", bad), "{bad}");
        }
        assert!(valid("date", "2024-02-29"));
        assert!(!valid("date", "2023-02-29"));
        assert!(!valid("date", "2024-13-01"));
        assert!(!valid("date", "24-01-01"));
        assert!(valid("uuid", "6f1c5e4e-2b1a-4c3d-9e8f-0a1b2c3d4e5f"));
        assert!(valid("uuid", "6F1C5E4E2B1A4C3D9E8F0A1B2C3D4E5F"));
        assert!(!valid("uuid", "srmWsVWYT7u1ZL4mUw//9g=="));
        assert!(!valid("uuid", "2726b6-8e5b-4b1c-9d2a-0c5b6f1e2d3a"));
        assert!(valid("anything-else", "x"));
    }
}
