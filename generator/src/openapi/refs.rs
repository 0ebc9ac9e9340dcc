//! `$ref` resolution: a reference names a file (the document itself when empty) and a JSON
//! pointer in it. Every file was read by [`super::source::load`]; nothing is fetched here.

use std::collections::BTreeSet;

use serde_json::Value;

use super::source::{self, Spec};

/// A place in one of the description's files.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct At {
    /// Index into [`Spec::files`].
    pub file: usize,
    /// JSON pointer, e.g. `/components/schemas/Pet` (empty: the whole file).
    pub pointer: String,
}

impl At {
    /// The document's root.
    pub fn root() -> Self {
        At {
            file: 0,
            pointer: String::new(),
        }
    }

    /// The place of a member (an object key or an array index).
    pub fn join(&self, token: impl AsRef<str>) -> Self {
        At {
            file: self.file,
            pointer: format!("{}/{}", self.pointer, source::escape(token.as_ref())),
        }
    }

    /// How messages show it: `#/paths/~1pets/get` in the document, `pet.yaml#/Pet` in
    /// another file.
    pub fn shown(&self, spec: &Spec) -> String {
        if self.file == 0 {
            format!("#{}", self.pointer)
        } else {
            let name = spec.files[self.file]
                .path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default();
            format!("{name}#{}", self.pointer)
        }
    }
}

/// What a reference names.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// Where it is.
    pub at: At,
    /// The value there.
    pub value: &'a Value,
}

/// The value at `at`, if there is one.
pub fn get<'a>(spec: &'a Spec, at: &At) -> Option<&'a Value> {
    let mut value = &spec.files.get(at.file)?.value;
    if at.pointer.is_empty() {
        return Some(value);
    }
    for token in at.pointer.strip_prefix('/')?.split('/') {
        let token = unescape(token);
        value = match value {
            Value::Object(map) => map.get(&token)?,
            Value::Array(items) => items.get(token.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value)
}

/// Resolves `reference`, written in the file `from`. The error says why it names nothing.
pub fn resolve<'a>(spec: &'a Spec, from: usize, reference: &str) -> Result<Target<'a>, String> {
    let (file_part, fragment) = match reference.split_once('#') {
        Some((file, fragment)) => (file, fragment),
        None => (reference, ""),
    };
    let file = if file_part.is_empty() {
        from
    } else if source::is_remote(file_part) {
        return Err(format!(
            "`{reference}` is a remote reference; courier never fetches from the network"
        ));
    } else {
        let base = source::folder_of(&spec.files[from].path);
        let path = source::canonical(&base.join(percent_decode(file_part)));
        spec.file_index(&path)
            .ok_or_else(|| format!("`{reference}` names a file that was not loaded"))?
    };
    let fragment = percent_decode(fragment);
    if !fragment.is_empty() && !fragment.starts_with('/') {
        return Err(format!(
            "`{reference}` is not a JSON pointer (expected `#/…`)"
        ));
    }
    let at = At {
        file,
        pointer: fragment,
    };
    match get(spec, &at) {
        Some(value) => Ok(Target { at, value }),
        None => Err(format!("`{reference}` names nothing in the description")),
    }
}

/// Follows `value` (at `at`) through references until a value that is not one. A chain
/// that comes back to itself is an error naming the chain.
pub fn follow<'a>(spec: &'a Spec, at: &At, value: &'a Value) -> Result<Target<'a>, String> {
    let mut current = Target {
        at: at.clone(),
        value,
    };
    let mut seen = BTreeSet::new();
    let mut chain: Vec<At> = Vec::new();
    while let Some(reference) = reference_of(current.value) {
        if !seen.insert(current.at.clone()) {
            // The same cycle reads the same from wherever it is entered: from its first
            // place in pointer order.
            let start = chain
                .iter()
                .position(|at| *at == current.at)
                .unwrap_or_default();
            let mut cycle: Vec<At> = chain[start..].to_vec();
            let first = cycle
                .iter()
                .enumerate()
                .min_by(|(_, a), (_, b)| a.cmp(b))
                .map_or(0, |(index, _)| index);
            cycle.rotate_left(first);
            cycle.push(cycle[0].clone());
            let shown: Vec<String> = cycle.iter().map(|at| at.shown(spec)).collect();
            return Err(format!(
                "a `$ref` cycle with no schema in between: {}",
                shown.join(" → ")
            ));
        }
        chain.push(current.at.clone());
        current = resolve(spec, current.at.file, reference)?;
    }
    Ok(current)
}

/// The `$ref` of an object, if it has one.
pub fn reference_of(value: &Value) -> Option<&str> {
    value.get("$ref").and_then(Value::as_str)
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// `%7B` → `{`; malformed escapes stay as written.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_owned();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%'
            && let Some(byte) = bytes
                .get(index + 1..index + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok())
        {
            out.push(byte);
            index += 3;
            continue;
        }
        out.push(bytes[index]);
        index += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::openapi::source::{SpecFile, Version};
    use serde_json::json;

    fn spec(value: Value) -> Spec {
        Spec {
            version: Version::V31,
            files: vec![SpecFile {
                path: "/nowhere/api.yaml".into(),
                value,
            }],
        }
    }

    #[test]
    fn pointers_resolve_with_escapes() {
        let spec = spec(json!({
            "paths": {"/pets/{id}": {"get": {"x": 1}}},
            "components": {"schemas": {"A~B": {"type": "string"}, "list": [{"n": 2}]}}
        }));
        let target = resolve(&spec, 0, "#/paths/~1pets~1%7Bid%7D/get").unwrap();
        assert_eq!(target.value, &json!({"x": 1}));
        assert_eq!(
            resolve(&spec, 0, "#/components/schemas/A~0B")
                .unwrap()
                .value,
            &json!({"type": "string"})
        );
        assert_eq!(
            resolve(&spec, 0, "#/components/schemas/list/0/n")
                .unwrap()
                .value,
            &json!(2)
        );
        assert_eq!(
            resolve(&spec, 0, "#/components/schemas/Nope").unwrap_err(),
            "`#/components/schemas/Nope` names nothing in the description"
        );
        assert!(
            resolve(&spec, 0, "https://example.com/x.json#/a")
                .unwrap_err()
                .contains("never fetches")
        );
    }

    #[test]
    fn cycles_without_a_schema_are_errors() {
        let spec = spec(json!({"components": {"schemas": {
            "A": {"$ref": "#/components/schemas/B"},
            "B": {"$ref": "#/components/schemas/A"},
            "C": {"$ref": "#/components/schemas/D"},
            "D": {"type": "object"}
        }}}));
        let a = At::root().join("components").join("schemas").join("A");
        let value = get(&spec, &a).unwrap();
        assert_eq!(
            follow(&spec, &a, value).unwrap_err(),
            "a `$ref` cycle with no schema in between: #/components/schemas/A → \
             #/components/schemas/B → #/components/schemas/A"
        );
        let c = At::root().join("components").join("schemas").join("C");
        let target = follow(&spec, &c, get(&spec, &c).unwrap()).unwrap();
        assert_eq!(target.at.pointer, "/components/schemas/D");
    }
}
