//! The two copies of a collection the harness sends from, so that newman and the generated
//! client send with the same values:
//!
//! - the *prepared* collection, which both read: the original with every variable it uses
//!   but does not define added to its `variable`s (as a Postman environment would give them),
//!   so neither side meets an undefined `{{name}}`;
//! - newman's copy of it: scripts removed (neither side runs them here, and a script could
//!   reach the network), every request's origin moved to the recorder (a host variable's path
//!   is kept, so a base path like `/v2` is still compared), and each request tagged with its
//!   item's location in the `x-courier-item` header. The generated client is pointed at the
//!   recorder through its own base-URL setters and tags its requests with a request hook.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

use super::recorder::ITEM_HEADER;

/// One request item of the collection.
#[derive(Debug, Clone)]
pub struct Item {
    /// `item[2].item[0]`, as courier's IR names the operation's source.
    pub pointer: String,
    /// Folders and name, for the report.
    pub label: String,
    /// The item as it is in the prepared collection.
    pub json: Value,
    /// The auth that applies (the item's, else the nearest folder's, else the collection's).
    pub auth: Option<Value>,
}

/// The prepared collection and what the harness needs to know of it.
pub struct Prepared {
    pub collection: Value,
    /// Every variable's value, resolved (`{{a}}` inside values replaced).
    pub variables: BTreeMap<String, String>,
    /// Every request item, in document order.
    pub items: Vec<Item>,
}

/// `name` in lower case, every character but ASCII letters and digits replaced by `separator`.
pub fn slug(name: &str, separator: char) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                separator
            }
        })
        .collect()
}

/// `{{name}}` references in `text`, dynamic ones (`{{$guid}}`) excepted.
pub fn references(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start + 2..];
        let Some(end) = after.find("}}") else { break };
        let name = &after[..end];
        if !name.is_empty() && !name.starts_with('$') && !name.contains('{') {
            found.push(name.to_owned());
        }
        rest = &after[end + 2..];
    }
    found
}

fn strings<'v>(value: &'v Value, out: &mut Vec<&'v str>) {
    match value {
        Value::String(text) => out.push(text),
        Value::Array(values) => values.iter().for_each(|value| strings(value, out)),
        Value::Object(map) => {
            for (key, value) in map {
                out.push(key);
                strings(value, out);
            }
        }
        _ => {}
    }
}

/// `{{name}}` replaced by the variables' values, repeatedly (values may refer to others).
pub fn resolve(text: &str, variables: &BTreeMap<String, String>) -> String {
    let mut text = text.to_owned();
    for _ in 0..10 {
        let mut changed = false;
        for name in references(&text) {
            if let Some(value) = variables.get(&name) {
                text = text.replace(&format!("{{{{{name}}}}}", name = name), value);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    text
}

/// The host part of a request's URL as written: `{{baseUrl}}`, `api.example.com`, ….
fn host_of(url: &Value) -> Option<String> {
    match url {
        Value::String(raw) => Some(split_origin(raw).1.to_owned()),
        Value::Object(map) => match map.get("host") {
            Some(Value::Array(parts)) => Some(
                parts
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join("."),
            ),
            Some(Value::String(host)) => Some(host.clone()),
            _ => map
                .get("raw")
                .and_then(Value::as_str)
                .map(|raw| split_origin(raw).1.to_owned()),
        },
        _ => None,
    }
}

/// `(scheme, authority, rest)` of a URL as written, the scheme optional.
pub fn split_origin(raw: &str) -> (&str, &str, &str) {
    let (scheme, after) = match raw.find("://") {
        Some(at) if raw[..at].chars().all(|c| c.is_ascii_alphanumeric()) => {
            (&raw[..at], &raw[at + 3..])
        }
        _ => ("", raw),
    };
    // A `{{var}}` host may hold a `/`-free name only; stop at the path, query or fragment.
    let mut end = after.len();
    let mut depth = 0usize;
    for (index, c) in after.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth = depth.saturating_sub(1),
            '/' | '?' | '#' if depth == 0 => {
                end = index;
                break;
            }
            _ => {}
        }
    }
    (scheme, &after[..end], &after[end..])
}

/// The single variable a host is, if it is exactly one: `baseUrl` for `{{baseUrl}}`.
fn single_variable(host: &str) -> Option<&str> {
    let name = host.strip_prefix("{{")?.strip_suffix("}}")?;
    (!name.contains("{{") && !name.contains("}}")).then_some(name)
}

/// Walks request items in document order with their pointer, label and applicable auth.
fn walk(
    items: &[Value],
    prefix: &str,
    folders: &[String],
    auth: Option<&Value>,
    out: &mut Vec<Item>,
) {
    for (index, item) in items.iter().enumerate() {
        let pointer = format!("{prefix}[{index}]");
        let name = item["name"].as_str().unwrap_or_default().to_owned();
        let auth = item.get("auth").filter(|auth| auth.is_object()).or(auth);
        if let Some(children) = item.get("item").and_then(Value::as_array) {
            let mut path = folders.to_vec();
            path.push(name);
            walk(children, &format!("{pointer}.item"), &path, auth, out);
        } else if item.get("request").is_some() {
            let auth = item["request"]
                .get("auth")
                .filter(|auth| auth.is_object())
                .or(auth);
            let mut label = folders.to_vec();
            label.push(name);
            out.push(Item {
                pointer,
                label: label.join(" › "),
                json: item.clone(),
                auth: auth.cloned(),
            });
        }
    }
}

/// The prepared collection of `original`.
pub fn prepare(original: &Value) -> Prepared {
    let mut collection = original.clone();
    let mut variables = BTreeMap::new();
    for variable in collection["variable"].as_array().into_iter().flatten() {
        if variable["disabled"] == json!(true) {
            continue;
        }
        if let Some(key) = variable["key"].as_str().or(variable["id"].as_str()) {
            let value = match &variable["value"] {
                Value::String(text) => text.clone(),
                Value::Null => String::new(),
                other => other.to_string(),
            };
            variables.insert(key.to_owned(), value);
        }
    }

    let mut items = Vec::new();
    let top = collection["item"].as_array().cloned().unwrap_or_default();
    walk(&top, "item", &[], collection.get("auth"), &mut items);

    // Hosts that are one variable: their added value must be a URL.
    let hosts: BTreeSet<String> = items
        .iter()
        .filter_map(|item| host_of(&item.json["request"]["url"]))
        .filter_map(|host| single_variable(&host).map(str::to_owned))
        .collect();
    let mut texts = Vec::new();
    strings(&collection["item"], &mut texts);
    strings(&collection["auth"], &mut texts);
    let mut used = BTreeSet::new();
    for text in &texts {
        used.extend(references(text));
    }
    let bodies: Vec<&str> = items
        .iter()
        .filter_map(|item| item.json["request"]["body"]["raw"].as_str())
        .collect();
    let mut added = BTreeSet::new();
    // Defined but empty (a value a script or the environment fills in) counts as undefined.
    let mut emptied = BTreeSet::new();
    for name in used {
        match variables.get(&name) {
            Some(value) if !value.is_empty() => continue,
            Some(_) => {
                emptied.insert(name.clone());
            }
            None => {}
        }
        let slug = slug(&name, '-');
        // Unquoted in a JSON body (`"n": {{count}}`) a number keeps the body JSON.
        let unquoted = bodies.iter().any(|text| {
            text.contains(&format!(": {{{{{name}}}}}"))
                || text.contains(&format!(":{{{{{name}}}}}"))
        });
        let value = if hosts.contains(&name) {
            format!("https://{slug}.fidelity.invalid")
        } else if unquoted {
            "1".to_owned()
        } else {
            format!("{slug}-value")
        };
        variables.insert(name.clone(), value);
        added.insert(name);
    }
    if !added.is_empty() {
        if !collection["variable"].is_array() {
            collection["variable"] = json!([]);
        }
        let list = collection["variable"].as_array_mut().expect("an array");
        for name in &added {
            let entry = json!({ "key": name, "value": variables[name], "type": "string" });
            match list.iter_mut().find(|variable| {
                emptied.contains(name)
                    && (variable["key"] == name.as_str() || variable["id"] == name.as_str())
            }) {
                Some(variable) => *variable = entry,
                None => list.push(entry),
            }
        }
    }
    // Path variables (`:id`) without a value get one too, in the request's `url.variable`
    // (a URL written as text becomes the object form Postman saves today).
    let pointers: Vec<String> = items.iter().map(|item| item.pointer.clone()).collect();
    for pointer in &pointers {
        let Some(url) = at_pointer(&mut collection, pointer)
            .and_then(|item| item.get_mut("request"))
            .filter(|request| request.is_object())
            .and_then(|request| request.get_mut("url"))
        else {
            continue;
        };
        give_path_variables_values(url);
    }
    let resolved = variables
        .iter()
        .map(|(key, value)| (key.clone(), resolve(value, &variables)))
        .collect();
    // The items again, from the prepared collection (same pointers).
    let mut prepared_items = Vec::new();
    let top = collection["item"].as_array().cloned().unwrap_or_default();
    walk(
        &top,
        "item",
        &[],
        collection.get("auth"),
        &mut prepared_items,
    );
    Prepared {
        collection,
        variables: resolved,
        items: prepared_items,
    }
}

/// A URL written as text in the object form (`raw`, `protocol`, `host`, `port`, `path`,
/// `query`), split the way Postman splits it.
fn url_object(raw: &str) -> Value {
    let (scheme, authority, rest) = split_origin(raw);
    let (before_hash, _) = rest.split_once('#').unwrap_or((rest, ""));
    let (path, query) = before_hash.split_once('?').unwrap_or((before_hash, ""));
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !port.is_empty() && port.chars().all(|c| c.is_ascii_digit()) => {
            (host, Some(port))
        }
        _ => (authority, None),
    };
    let mut map = serde_json::Map::new();
    map.insert("raw".to_owned(), json!(raw));
    if !scheme.is_empty() {
        map.insert("protocol".to_owned(), json!(scheme));
    }
    let host: Vec<&str> = if single_variable(host).is_some() {
        vec![host]
    } else {
        host.split('.').collect()
    };
    map.insert("host".to_owned(), json!(host));
    if let Some(port) = port {
        map.insert("port".to_owned(), json!(port));
    }
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    map.insert("path".to_owned(), json!(segments));
    let query: Vec<Value> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => json!({ "key": key, "value": value }),
            None => json!({ "key": pair, "value": null }),
        })
        .collect();
    if !query.is_empty() {
        map.insert("query".to_owned(), Value::Array(query));
    }
    Value::Object(map)
}

/// `:name` segments of a URL as written.
fn path_variables(url: &Value) -> Vec<String> {
    let segments: Vec<String> = match url {
        Value::Object(map) => match map.get("path") {
            Some(Value::Array(segments)) => segments
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect(),
            _ => map
                .get("raw")
                .and_then(Value::as_str)
                .map(|raw| split_origin(raw).2.split('/').map(str::to_owned).collect())
                .unwrap_or_default(),
        },
        Value::String(raw) => split_origin(raw).2.split('/').map(str::to_owned).collect(),
        _ => Vec::new(),
    };
    segments
        .iter()
        .filter_map(|segment| {
            let segment = segment.split(['?', '#']).next().unwrap_or_default();
            segment
                .strip_prefix(':')
                .filter(|name| !name.is_empty())
                .map(str::to_owned)
        })
        .collect()
}

fn give_path_variables_values(url: &mut Value) {
    let names = path_variables(url);
    if names.is_empty() {
        return;
    }
    if let Value::String(raw) = url {
        *url = url_object(raw);
    }
    let Value::Object(map) = url else { return };
    let list = map.entry("variable").or_insert_with(|| json!([]));
    if !list.is_array() {
        *list = json!([]);
    }
    let list = list.as_array_mut().expect("an array");
    for name in names {
        let slug = slug(&name, '-');
        match list
            .iter_mut()
            .find(|variable| variable["key"] == name.as_str())
        {
            Some(variable) => {
                let empty = variable["value"]
                    .as_str()
                    .is_none_or(|value| value.is_empty());
                if empty {
                    variable["value"] = json!(format!("{slug}-value"));
                }
            }
            None => list.push(json!({ "key": name, "value": format!("{slug}-value") })),
        }
    }
}

/// The path a base URL adds before the request's own (`/v2` for `https://api.zoom.us/v2`),
/// without a trailing `/`.
pub fn base_path(url: &str) -> String {
    let (_, _, rest) = split_origin(url);
    let path = rest.split(['?', '#']).next().unwrap_or_default();
    path.trim_end_matches('/').to_owned()
}

fn remove_events(value: &mut Value) {
    if let Value::Object(map) = value {
        map.remove("event");
        if let Some(Value::Array(items)) = map.get_mut("item") {
            items.iter_mut().for_each(remove_events);
        }
    }
}

/// newman's copy: no scripts, every origin the recorder's, every request tagged.
pub fn newman_copy(prepared: &Prepared, port: u16) -> Value {
    let mut collection = prepared.collection.clone();
    remove_events(&mut collection);
    for item in &prepared.items {
        let Some(request) =
            at_pointer(&mut collection, &item.pointer).and_then(|item| item.get_mut("request"))
        else {
            continue;
        };
        if request.is_string() {
            // A request written as its URL alone.
            *request = json!({ "method": "GET", "url": request.clone() });
        }
        let tag = json!({ "key": ITEM_HEADER, "value": item.pointer });
        match request.get_mut("header") {
            Some(Value::Array(headers)) => headers.push(tag),
            Some(Value::String(text)) => {
                // Collection v2.0's `Key: value` lines; `//` marks a disabled one.
                let mut headers = header_lines(text);
                headers.push(tag);
                request["header"] = Value::Array(headers);
            }
            _ => request["header"] = json!([tag]),
        }
        if let Some(url) = request.get_mut("url") {
            *url = moved_url(url, &prepared.variables, port);
        }
    }
    collection
}

/// Headers written as `Key: value` lines (collection v2.0), as Postman reads them.
fn header_lines(text: &str) -> Vec<Value> {
    text.lines()
        .filter_map(|line| {
            let line = line.trim();
            let (disabled, line) = match line.strip_prefix("//") {
                Some(rest) => (true, rest.trim()),
                None => (false, line),
            };
            let (key, value) = line.split_once(':')?;
            Some(json!({ "key": key.trim(), "value": value.trim(), "disabled": disabled }))
        })
        .collect()
}

fn at_pointer<'v>(collection: &'v mut Value, pointer: &str) -> Option<&'v mut Value> {
    // `item[2].item[0]`
    let mut current = collection;
    for step in pointer.split('.') {
        let (key, index) = step.strip_suffix(']')?.split_once('[')?;
        current = current
            .get_mut(key)?
            .get_mut(index.parse::<usize>().ok()?)?;
    }
    Some(current)
}

/// The path prefix the origin as written brings: a host variable's own path (`/v2` of
/// `{{baseUrl}}` = `https://api.zoom.us/v2`), else none.
fn prefix_of(host: &str, variables: &BTreeMap<String, String>) -> Vec<String> {
    let Some(name) = single_variable(host) else {
        return Vec::new();
    };
    let Some(value) = variables.get(name) else {
        return Vec::new();
    };
    base_path(value)
        .split('/')
        .filter(|segment| !segment.is_empty())
        .map(str::to_owned)
        .collect()
}

/// `url` sent to `127.0.0.1:port` instead, everything after the origin as it was.
fn moved_url(url: &Value, variables: &BTreeMap<String, String>, port: u16) -> Value {
    let raw = match url {
        Value::String(raw) => raw.clone(),
        Value::Object(map) => map
            .get("raw")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned(),
        _ => return url.clone(),
    };
    let (_, authority, rest) = split_origin(&raw);
    let written_host = host_of(url).unwrap_or_else(|| authority.to_owned());
    let prefix = prefix_of(&written_host, variables);
    let origin = format!("http://127.0.0.1:{port}");
    let moved_raw = if prefix.is_empty() {
        format!("{origin}{rest}")
    } else {
        format!("{origin}/{}{rest}", prefix.join("/"))
    };
    match url {
        Value::Object(map) if map.contains_key("host") || map.contains_key("path") => {
            let mut map = map.clone();
            map.insert("raw".to_owned(), json!(moved_raw));
            map.insert("protocol".to_owned(), json!("http"));
            map.insert("host".to_owned(), json!(["127", "0", "0", "1"]));
            map.insert("port".to_owned(), json!(port.to_string()));
            let path: Vec<Value> = match map.get("path") {
                Some(Value::Array(segments)) => segments.clone(),
                Some(Value::String(path)) => path
                    .trim_start_matches('/')
                    .split('/')
                    .map(|segment| json!(segment))
                    .collect(),
                _ => Vec::new(),
            };
            let mut moved: Vec<Value> = prefix.into_iter().map(Value::String).collect();
            moved.extend(path);
            map.insert("path".to_owned(), Value::Array(moved));
            Value::Object(map)
        }
        Value::Object(map) => {
            let mut map = map.clone();
            map.insert("raw".to_owned(), json!(moved_raw));
            Value::Object(map)
        }
        _ => json!(moved_raw),
    }
}
