//! Postman URLs and `{{variables}}`: splitting raw URLs, finding variables, merging path
//! pieces.

use super::model::{PathSegment, QueryParam, Url};
use crate::ir::PathPart;

/// JSON text with Postman's bare `{{variable}}` placeholders replaced by `null`, so bodies like
/// `{"id": {{id}}}` still parse as evidence (a placeholder says nothing of the value's type).
/// Placeholders inside a JSON string are kept as written: `"{{token}}"` is a string either way,
/// and a key such as `"{{apiKey}}"` must stay recognisable as a name the user supplies.
pub fn without_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_string = false;
    let mut escaped = false;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if !in_string
            && rest.starts_with("{{")
            && let Some(end) = rest[2..].find("}}")
        {
            out.push_str("null");
            rest = &rest[2 + end + 2..];
            continue;
        }
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
        } else if c == '"' {
            in_string = true;
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// Whether a JSON key or value names a Postman variable somewhere in it (`{{apiKey}}`).
pub fn has_variable(text: &str) -> bool {
    text.find("{{")
        .is_some_and(|start| text[start + 2..].contains("}}"))
}

/// A variable's value as text: strings as they are, numbers and booleans written out.
pub fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// `baseUrl` for `{{baseUrl}}`.
pub fn variable_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix("{{")?.strip_suffix("}}")?;
    (!name.is_empty() && !name.contains(['{', '}'])).then_some(name)
}

/// Path pieces with empty literals dropped and adjacent literals joined.
pub fn merge_literals(parts: Vec<PathPart>) -> Vec<PathPart> {
    let mut merged: Vec<PathPart> = Vec::new();
    for part in parts {
        if matches!(&part, PathPart::Literal(text) if text.is_empty()) {
            continue;
        }
        match (merged.last_mut(), part) {
            (Some(PathPart::Literal(previous)), PathPart::Literal(text)) => {
                previous.push_str(&text)
            }
            (_, part) => merged.push(part),
        }
    }
    merged
}

/// A URL given only as `raw` text (the string form, or an object without parts) split into
/// protocol, host, port, path and query the way Postman reads it.
pub fn complete_url(url: Url) -> Url {
    let Some(raw) = url.raw.as_deref().map(str::trim) else {
        return url;
    };
    if !url.host.is_empty() || !url.path.is_empty() || raw.is_empty() {
        return url;
    }
    let raw = raw.split('#').next().unwrap_or_default();
    let (before, query) = raw.split_once('?').unwrap_or((raw, ""));
    let (protocol, rest) = match before.split_once("://") {
        Some((protocol, rest)) => (Some(protocol.to_owned()), rest),
        None => (None, before),
    };
    let mut segments = rest.split('/');
    let authority = segments.next().unwrap_or_default();
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => {
            (host, Some(port.to_owned()))
        }
        _ => (authority, None),
    };
    let host = if variable_name(host).is_some() || host.is_empty() {
        vec![host.to_owned()]
    } else {
        host.split('.').map(str::to_owned).collect()
    };
    let path = segments
        .filter(|segment| !segment.is_empty())
        .map(|segment| PathSegment {
            value: segment.to_owned(),
            kind: None,
        })
        .collect();
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            QueryParam {
                key: Some(key.to_owned()),
                value: Some(value.to_owned()),
                disabled: false,
                description: None,
            }
        })
        .collect();
    Url {
        protocol,
        host: host.into_iter().filter(|label| !label.is_empty()).collect(),
        port,
        path,
        query,
        ..url
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_placeholders_become_null_and_quoted_ones_stay() {
        assert_eq!(
            without_variables(r#"{"id": {{id}}, "{{key}}": ["{{role}}"], "q": "a\"{{b}}"}"#),
            r#"{"id": null, "{{key}}": ["{{role}}"], "q": "a\"{{b}}"}"#
        );
        // An unterminated placeholder and text after the last one are kept.
        assert_eq!(without_variables("[{{a}}, {{b"), "[null, {{b");
        assert!(has_variable("x{{y}}"));
        assert!(!has_variable("{{y"));
    }
}
