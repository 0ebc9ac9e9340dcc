//! Request-by-request comparison of what newman and the generated client sent for one item:
//! method, raw path, query, headers (without the ones each runtime adds by itself), and the
//! body by value (JSON), by pair (URL-encoded) or part by part (multipart). Every difference is
//! classified: either one of the reviewed deliberate differences in [`DELIBERATE`], with its
//! reason, or unlisted (a fidelity bug until fixed or reviewed into the list).

use std::collections::BTreeMap;
use std::fmt;

use serde_json::Value;

use super::prepare::Item;
use super::recorder::{ITEM_HEADER, Recorded};

/// A reviewed, deliberate difference between newman and the generated client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Deliberate {
    /// The JSON form part goes as `application/json`.
    JsonPart,
    /// A file part's content type, file name or content.
    FilePart,
    /// A signature newman computes and the client leaves to a request hook.
    SignedAuth,
    /// A placeholder (`<string>`, lorem ipsum) newman sends as written.
    Placeholder,
    /// A dynamic variable (`{{$guid}}`) newman draws afresh for each send.
    DynamicVariable,
    /// A raw body that is JSON but declares no type.
    UndeclaredJson,
    /// A `#` inside a path segment.
    Fragment,
    /// A form field name that is empty or holds a line break.
    PartName,
    /// A query parameter listed without a value.
    ValuelessQuery,
    /// A raw JSON body that does not parse.
    InvalidJson,
    /// OAuth 2.0 or basic auth on the item with no token or no credentials.
    EmptyCredentials,
    /// A header or form field written twice in one item.
    RepeatedHeader,
    /// The same query pairs, percent-encoded differently.
    QueryEncoding,
}

/// Every deliberate difference and why it is one: the reviewed list.
pub const DELIBERATE: &[(Deliberate, &str, &str)] = &[
    (
        Deliberate::JsonPart,
        "JSON form part as `application/json`",
        "A multipart field whose value is JSON (Zoom's `internal_numbers`) is sent with \
         `Content-Type: application/json`; newman sends the same text as a plain text part. \
         The value is compared and must be equal; servers that parse the part read it either way, \
         and the typed client cannot know a plain-text part is wanted.",
    ),
    (
        Deliberate::FilePart,
        "file part",
        "A `file` form field names a path on the exporter's disk (`src`). The client sends the \
         bytes the caller gives, as `application/octet-stream` unless told otherwise; newman \
         reads the path (absent here) and guesses a type from its extension.",
    ),
    (
        Deliberate::SignedAuth,
        "signature left to the request hook",
        "AWS Signature v4, digest, Hawk, OAuth 1.0, NTLM, Akamai EdgeGrid: newman computes the \
         signature; the generated client documents the scheme and leaves it to `request_hook`, \
         which sees the final request. The signed headers and parameters are not compared.",
    ),
    (
        Deliberate::Placeholder,
        "placeholder never sent",
        "Values such as `<string>`, `<integer>` or lorem ipsum text are what openapi-to-postman \
         writes where the description had no example. newman sends them as written; the client \
         never sends a placeholder (it becomes an unset parameter, or the example call leaves \
         it out).",
    ),
    (
        Deliberate::DynamicVariable,
        "dynamic variable",
        "`{{$guid}}`, `{{$timestamp}}`, `{{$randomInt}}` …: newman draws a new value for every \
         send, so no two runs are equal; the example call sends the text as written, the typed \
         API takes the value from the caller.",
    ),
    (
        Deliberate::UndeclaredJson,
        "JSON body without a declared type",
        "A raw body that parses as JSON but has neither `language: json` nor a `Content-Type` \
         header: newman labels it `text/plain`, the client sends its typed JSON body as \
         `application/json`. The body itself is compared and must be equal.",
    ),
    (
        Deliberate::Fragment,
        "`#` in a path segment",
        "newman reads a `#` in a path as the start of the fragment and cuts the path there; the \
         client sends the segment as written, percent-encoded (`%23`).",
    ),
    (
        Deliberate::PartName,
        "form field without a usable name",
        "A form field with an empty name is left out (courier warns when generating); a name \
         with a line break is sent percent-encoded (`name*=utf-8''…`, RFC 7578) where newman \
         writes it raw and so splits the part's header.",
    ),
    (
        Deliberate::ValuelessQuery,
        "query parameter listed without a value",
        "A query entry with a key and no value (Fastly and Twitter document every parameter \
         that way) is sent by newman as a bare `?name`; the client makes it an optional \
         parameter the caller sets, and sends nothing for it until then.",
    ),
    (
        Deliberate::InvalidJson,
        "raw JSON body that does not parse",
        "A body declared as JSON whose text is not JSON (a stray `|`, `//` comments, a missing \
         comma): newman sends the text as written; courier warns, types the body as any JSON \
         value, and the example call has no body to send (it cannot send what is not JSON).",
    ),
    (
        Deliberate::EmptyCredentials,
        "auth without credentials on the item",
        "An item whose own OAuth 2.0 auth has no access token (newman sends no `Authorization`), \
         or whose basic auth has neither user name nor password (newman sends `Basic Og==`): the \
         client sends the credential it is configured with for that scheme.",
    ),
    (
        Deliberate::RepeatedHeader,
        "header or form field written twice",
        "An item that writes the same enabled header or form field twice (two `Prefer` lines, \
         `services[]` twice): newman sends both; the client has one setter per name and sends \
         the first value (courier warns when generating).",
    ),
    (
        Deliberate::QueryEncoding,
        "query percent-encoding",
        "The query carries the same pairs, decoded, but is encoded differently: the client \
         form-encodes values (`+` for a space; `$`, `:`, `/`, `,`, `{` percent-encoded), newman \
         leaves the characters RFC 3986 allows in a query as written and uses `%20`. Servers \
         decode both to the same pairs; the harness compares the decoded pairs, which must be \
         equal.",
    ),
];

/// What one difference is about and what each side sent.
#[derive(Debug, Clone)]
pub struct Difference {
    pub place: String,
    pub newman: Option<String>,
    pub courier: Option<String>,
    pub kind: Option<Deliberate>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |side: &Option<String>| match side {
            Some(value) => format!("{:?}", truncate(value, 160)),
            None => "nothing".to_owned(),
        };
        write!(
            f,
            "{}: newman sent {}, courier {}",
            self.place,
            show(&self.newman),
            show(&self.courier)
        )?;
        if let Some(kind) = self.kind {
            write!(f, " [{}]", name(kind))?;
        }
        Ok(())
    }
}

pub fn name(kind: Deliberate) -> &'static str {
    DELIBERATE
        .iter()
        .find(|(listed, _, _)| *listed == kind)
        .map_or("?", |(_, name, _)| name)
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// Headers a runtime adds by itself, whatever the collection says: never compared. `accept`
/// and `cache-control` only at newman's own defaults (`*/*`, `no-cache`); `content-length`
/// only when one side has a body (it is compared for bodiless requests, where `0` matters).
fn runtime_header(name: &str, value: &str) -> bool {
    matches!(
        name,
        "host" | "connection" | "accept-encoding" | "postman-token" | "transfer-encoding"
    ) || name == ITEM_HEADER
        || (name == "user-agent" && value.starts_with("PostmanRuntime/"))
        || (name == "accept" && value == "*/*")
        || (name == "cache-control" && value == "no-cache")
}

/// Lower-cased header names → values, without runtime headers; a multipart boundary dropped.
fn headers(request: &Recorded, newman: &Recorded) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let bodiless = request.body.is_empty() && newman.body.is_empty();
    for (name, value) in &request.headers {
        let name = name.to_ascii_lowercase();
        if runtime_header(&name, value) || (name == "content-length" && !bodiless) {
            continue;
        }
        // The other side's defaults are skipped too, whichever side sent them.
        let value = if name == "content-type" {
            media_type(value)
        } else {
            value.clone()
        };
        out.entry(name).or_default().push(value);
    }
    out
}

/// `multipart/form-data` without its boundary; other types as sent.
fn media_type(value: &str) -> String {
    if value.to_ascii_lowercase().starts_with("multipart/") {
        value.split(';').next().unwrap_or(value).trim().to_owned()
    } else {
        value.to_owned()
    }
}

fn split_target(target: &str) -> (&str, Option<&str>) {
    match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    }
}

/// Query pairs as sent (still encoded).
fn pairs(query: Option<&str>) -> Vec<(String, String)> {
    query
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((key, value)) => (key.to_owned(), value.to_owned()),
            None => (pair.to_owned(), String::new()),
        })
        .collect()
}

fn decode(text: &str) -> String {
    let plus = text.replace('+', " ");
    percent_encoding::percent_decode_str(&plus)
        .decode_utf8_lossy()
        .into_owned()
}

/// One multipart part.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    pub name: String,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// The parts of a `multipart/form-data` body, or `None` when it is not one.
pub fn parts(content_type: &str, body: &[u8]) -> Option<Vec<Part>> {
    let boundary = content_type
        .split(';')
        .map(str::trim)
        .find_map(|param| param.strip_prefix("boundary="))?
        .trim_matches('"');
    let delimiter = format!("--{boundary}");
    let text = body;
    let mut out = Vec::new();
    let positions: Vec<usize> = find_all(text, delimiter.as_bytes());
    for window in positions.windows(2) {
        let start = window[0] + delimiter.len();
        let chunk = &text[start..window[1]];
        let chunk = chunk.strip_prefix(b"\r\n").unwrap_or(chunk);
        let chunk = chunk.strip_suffix(b"\r\n").unwrap_or(chunk);
        let split = find_all(chunk, b"\r\n\r\n").first().copied()?;
        let head = String::from_utf8_lossy(&chunk[..split]);
        let data = chunk[split + 4..].to_vec();
        let mut part = Part {
            name: String::new(),
            file_name: None,
            content_type: None,
            data,
        };
        for line in head.split("\r\n") {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            match key.trim().to_ascii_lowercase().as_str() {
                "content-disposition" => {
                    for param in value.split(';').map(str::trim) {
                        if let Some(name) = param.strip_prefix("name*=") {
                            // RFC 2231: `utf-8''percent%20encoded`.
                            let encoded = name.split_once("''").map_or(name, |(_, rest)| rest);
                            part.name = percent_encoding::percent_decode_str(encoded)
                                .decode_utf8_lossy()
                                .into_owned();
                        } else if let Some(name) = param.strip_prefix("name=") {
                            part.name = name.trim_matches('"').to_owned();
                        } else if let Some(file) = param.strip_prefix("filename=") {
                            part.file_name = Some(file.trim_matches('"').to_owned());
                        }
                    }
                }
                "content-type" => part.content_type = Some(value.trim().to_owned()),
                _ => {}
            }
        }
        out.push(part);
    }
    Some(out)
}

fn find_all(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return Vec::new();
    }
    (0..=haystack.len() - needle.len())
        .filter(|&at| &haystack[at..at + needle.len()] == needle)
        .collect()
}

/// JSON values equal, numbers by value (`1` and `1.0` are one number).
pub fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            x == y || (x.as_f64().is_some() && x.as_f64() == y.as_f64())
        }
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same_json(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(key, a)| y.get(key).is_some_and(|b| same_json(a, b)))
        }
        _ => a == b,
    }
}

/// The first place two JSON values differ, as a JSON pointer, with both values.
fn json_difference(
    a: &Value,
    b: &Value,
    at: &str,
) -> Option<(String, Option<Value>, Option<Value>)> {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let here = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match y.get(key) {
                    Some(other) => {
                        if let Some(found) = json_difference(value, other, &here) {
                            return Some(found);
                        }
                    }
                    None => return Some((here, Some(value.clone()), None)),
                }
            }
            y.iter()
                .find(|(key, _)| !x.contains_key(*key))
                .map(|(key, value)| {
                    (
                        format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                        None,
                        Some(value.clone()),
                    )
                })
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(index, (a, b))| json_difference(a, b, &format!("{at}/{index}"))),
        _ if same_json(a, b) => None,
        _ => Some((at.to_owned(), Some(a.clone()), Some(b.clone()))),
    }
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every difference between what newman sent and what courier sent for `item`, classified.
pub fn compare(item: &Item, newman: &Recorded, courier: &Recorded) -> Vec<Difference> {
    let mut out = Vec::new();
    let mut differ = |place: String, newman: Option<String>, courier: Option<String>| {
        out.push(Difference {
            place,
            newman,
            courier,
            kind: None,
        });
    };
    if newman.method != courier.method {
        differ(
            "method".to_owned(),
            Some(newman.method.clone()),
            Some(courier.method.clone()),
        );
    }
    let (newman_path, newman_query) = split_target(&newman.target);
    let (courier_path, courier_query) = split_target(&courier.target);
    if newman_path != courier_path {
        differ(
            "path".to_owned(),
            Some(newman_path.to_owned()),
            Some(courier_path.to_owned()),
        );
    }
    // Query: pair by pair, in order; a value is compared decoded when the encodings differ
    // only in characters both leave legal.
    let newman_pairs = pairs(newman_query);
    let courier_pairs = pairs(courier_query);
    if newman_pairs != courier_pairs {
        let decoded = |pairs: &[(String, String)]| -> Vec<(String, String)> {
            pairs.iter().map(|(k, v)| (decode(k), decode(v))).collect()
        };
        let (newman_decoded, courier_decoded) = (decoded(&newman_pairs), decoded(&courier_pairs));
        if newman_decoded == courier_decoded {
            differ(
                "query encoding".to_owned(),
                newman_query.map(str::to_owned),
                courier_query.map(str::to_owned),
            );
        } else {
            let mut keys: Vec<&String> = newman_decoded.iter().map(|(k, _)| k).collect();
            for (key, _) in &courier_decoded {
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            let mut any = false;
            for key in keys {
                let values = |pairs: &[(String, String)]| -> Vec<String> {
                    pairs
                        .iter()
                        .filter(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                        .collect()
                };
                let (a, b) = (values(&newman_decoded), values(&courier_decoded));
                if a != b {
                    any = true;
                    let join =
                        |values: Vec<String>| (!values.is_empty()).then(|| values.join(", "));
                    differ(format!("query {key}"), join(a), join(b));
                }
            }
            if !any {
                differ(
                    "query order".to_owned(),
                    newman_query.map(str::to_owned),
                    courier_query.map(str::to_owned),
                );
            }
        }
    }
    let newman_headers = headers(newman, courier);
    let courier_headers = headers(courier, newman);
    let mut names: Vec<&String> = newman_headers.keys().collect();
    names.extend(
        courier_headers
            .keys()
            .filter(|name| !newman_headers.contains_key(*name)),
    );
    names.sort();
    for name in names {
        let (a, b) = (newman_headers.get(name), courier_headers.get(name));
        // `accept` and `user-agent`: only compared when newman sends the collection's value.
        if a.is_none() && matches!(name.as_str(), "accept" | "user-agent" | "cache-control") {
            continue;
        }
        if a != b {
            differ(
                format!("header {name}"),
                a.map(|values| values.join(", ")),
                b.map(|values| values.join(", ")),
            );
        }
    }
    body(newman, courier, &mut differ);
    for difference in &mut out {
        difference.kind = classify(item, difference);
    }
    out
}

fn body(
    newman: &Recorded,
    courier: &Recorded,
    differ: &mut impl FnMut(String, Option<String>, Option<String>),
) {
    if newman.body == courier.body {
        return;
    }
    let newman_type = newman
        .header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let courier_type = courier
        .header("content-type")
        .unwrap_or_default()
        .to_ascii_lowercase();
    let nonempty = |body: &[u8]| (!body.is_empty()).then(|| text(body));
    // JSON by value.
    if let (Ok(a), Ok(b)) = (
        serde_json::from_slice::<Value>(&newman.body),
        serde_json::from_slice::<Value>(&courier.body),
    ) {
        if let Some((at, x, y)) = json_difference(&a, &b, "") {
            differ(
                format!("body {}", if at.is_empty() { "/" } else { &at }),
                x.map(|x| x.to_string()),
                y.map(|y| y.to_string()),
            );
        }
        return;
    }
    if newman_type.starts_with("application/x-www-form-urlencoded")
        && courier_type.starts_with("application/x-www-form-urlencoded")
    {
        let decoded = |body: &[u8]| -> Vec<(String, String)> {
            pairs(Some(&text(body)))
                .iter()
                .map(|(k, v)| (decode(k), decode(v)))
                .collect()
        };
        let (a, b) = (decoded(&newman.body), decoded(&courier.body));
        if a != b {
            let mut keys: Vec<String> = a.iter().map(|(k, _)| k.clone()).collect();
            keys.extend(
                b.iter()
                    .map(|(k, _)| k.clone())
                    .filter(|k| !a.iter().any(|(x, _)| x == k)),
            );
            let mut any = false;
            for key in keys {
                let values = |pairs: &[(String, String)]| -> Option<String> {
                    let found: Vec<&str> = pairs
                        .iter()
                        .filter(|(k, _)| *k == key)
                        .map(|(_, v)| v.as_str())
                        .collect();
                    (!found.is_empty()).then(|| found.join(", "))
                };
                if values(&a) != values(&b) {
                    any = true;
                    differ(format!("form field {key}"), values(&a), values(&b));
                }
            }
            if !any {
                differ(
                    "form field order".to_owned(),
                    nonempty(&newman.body),
                    nonempty(&courier.body),
                );
            }
        }
        return;
    }
    if let (Some(a), Some(b)) = (
        parts(
            newman.header("content-type").unwrap_or_default(),
            &newman.body,
        ),
        parts(
            courier.header("content-type").unwrap_or_default(),
            &courier.body,
        ),
    ) {
        let mut names: Vec<&String> = a.iter().map(|part| &part.name).collect();
        names.extend(
            b.iter()
                .map(|part| &part.name)
                .filter(|name| !a.iter().any(|p| &p.name == *name)),
        );
        for name in names {
            let x = a.iter().find(|part| &part.name == name);
            let y = b.iter().find(|part| &part.name == name);
            match (x, y) {
                (Some(x), Some(y)) => {
                    let same_data = x.data == y.data
                        || matches!(
                            (serde_json::from_slice::<Value>(&x.data), serde_json::from_slice::<Value>(&y.data)),
                            (Ok(p), Ok(q)) if same_json(&p, &q)
                        );
                    if !same_data {
                        differ(
                            format!("part {name}"),
                            Some(text(&x.data)),
                            Some(text(&y.data)),
                        );
                    }
                    if x.content_type != y.content_type {
                        differ(
                            format!("part {name} content type"),
                            x.content_type.clone(),
                            y.content_type.clone(),
                        );
                    }
                    if x.file_name != y.file_name {
                        differ(
                            format!("part {name} file name"),
                            x.file_name.clone(),
                            y.file_name.clone(),
                        );
                    }
                }
                (x, y) => differ(
                    format!("part {name}"),
                    x.map(|part| text(&part.data)),
                    y.map(|part| text(&part.data)),
                ),
            }
        }
        return;
    }
    let (a, b) = (text(&newman.body), text(&courier.body));
    // Text that differs only in line endings or trailing whitespace is still a difference.
    differ(
        "body".to_owned(),
        (!a.is_empty()).then_some(a),
        (!b.is_empty()).then_some(b),
    );
}

/// Auth kinds whose signature newman computes and the client leaves to the request hook.
const SIGNED: &[&str] = &[
    "awsv4", "digest", "hawk", "oauth1", "ntlm", "edgegrid", "akamai", "asap",
];

/// Which deliberate difference `difference` is, if any.
fn classify(item: &Item, difference: &Difference) -> Option<Deliberate> {
    let place = difference.place.as_str();
    let auth_kind = item
        .auth
        .as_ref()
        .and_then(|auth| auth["type"].as_str())
        .unwrap_or_default();
    if SIGNED.contains(&auth_kind) {
        let signed = match auth_kind {
            "awsv4" => place == "header authorization" || place.starts_with("header x-amz-"),
            "oauth1" => {
                place == "header authorization"
                    || place.starts_with("query oauth_")
                    || place.starts_with("form field oauth_")
            }
            "hawk" => place == "header authorization",
            "edgegrid" | "akamai" => place == "header authorization",
            _ => place == "header authorization",
        };
        if signed && difference.courier.is_none() {
            return Some(Deliberate::SignedAuth);
        }
    }
    let request = &item.json["request"];
    let raw = request.to_string();
    let dynamic = raw.contains("{{$");
    if dynamic && difference.newman.is_some() {
        let source = written_value(request, place);
        if source.as_deref().is_some_and(|value| value.contains("{{$")) {
            return Some(Deliberate::DynamicVariable);
        }
    }
    if let Some(newman) = &difference.newman
        && difference.courier.is_none()
        && courier::postman::artefacts::is_placeholder(newman)
    {
        return Some(Deliberate::Placeholder);
    }
    if let Some(name) = place.strip_prefix("query ")
        && difference.newman.as_deref() == Some("")
        && difference.courier.is_none()
        && request["url"]["query"].as_array().is_some_and(|query| {
            query.iter().any(|entry| {
                entry["key"] == name
                    && entry["disabled"] != true
                    && entry["value"].as_str().is_none_or(str::is_empty)
            })
        })
    {
        return Some(Deliberate::ValuelessQuery);
    }
    if place == "query encoding" {
        return Some(Deliberate::QueryEncoding);
    }
    if let Some(name) = place.strip_prefix("form field ")
        && let (Some(newman), Some(courier)) = (&difference.newman, &difference.courier)
        && newman.starts_with(&format!("{courier}, "))
        && ["urlencoded", "formdata"].iter().any(|mode| {
            request["body"][mode].as_array().is_some_and(|fields| {
                fields
                    .iter()
                    .filter(|field| field["disabled"] != true && field["key"] == name)
                    .count()
                    > 1
            })
        })
    {
        return Some(Deliberate::RepeatedHeader);
    }
    if place == "header authorization" {
        let auth = item.auth.as_ref();
        let kind = auth
            .and_then(|auth| auth["type"].as_str())
            .unwrap_or_default();
        let empty_token = kind == "oauth2"
            && super::runner::auth_value(auth.unwrap_or(&Value::Null), "oauth2", "accessToken")
                .is_none_or(|token| token.is_empty())
            && difference.newman.is_none();
        let empty_basic = kind == "basic" && difference.newman.as_deref() == Some("Basic Og==");
        if empty_token || empty_basic {
            return Some(Deliberate::EmptyCredentials);
        }
    }
    if let Some(name) = place.strip_prefix("header ")
        && let (Some(newman), Some(courier)) = (&difference.newman, &difference.courier)
        && newman.starts_with(&format!("{courier}, "))
        && request["header"].as_array().is_some_and(|headers| {
            headers
                .iter()
                .filter(|header| {
                    header["disabled"] != true
                        && header["key"]
                            .as_str()
                            .is_some_and(|key| key.trim().eq_ignore_ascii_case(name))
                })
                .count()
                > 1
        })
    {
        return Some(Deliberate::RepeatedHeader);
    }
    let has_file_field = request["body"]["formdata"]
        .as_array()
        .is_some_and(|fields| {
            fields
                .iter()
                .any(|field| field["type"] == "file" && field["disabled"] != true)
        });
    if has_file_field
        && (place == "body" || place == "header content-type")
        && difference.newman.is_none()
    {
        return Some(Deliberate::FilePart);
    }
    if place == "header content-type"
        && difference.newman.as_deref() == Some("text/plain")
        && difference.courier.as_deref() == Some("application/json")
        && request["body"]["mode"] == "raw"
        && request["body"]["options"]["raw"]["language"]
            .as_str()
            .is_none_or(|l| l == "text")
        && !declares_content_type(request)
        && request["body"]["raw"]
            .as_str()
            .is_some_and(|raw| serde_json::from_str::<Value>(raw).is_ok())
    {
        return Some(Deliberate::UndeclaredJson);
    }
    if place == "path" && url_text(&request["url"]).contains('#') {
        return Some(Deliberate::Fragment);
    }
    let awkward_names = request["body"]["formdata"]
        .as_array()
        .is_some_and(|fields| {
            fields.iter().any(|field| {
                field["key"]
                    .as_str()
                    .is_some_and(|key| key.is_empty() || key.contains(['\r', '\n']))
            })
        });
    if let Some(name) = place.strip_prefix("part ")
        && awkward_names
    {
        let written = form_field(request, name).is_some();
        if name.is_empty() || name.contains(['\r', '\n']) || !written {
            return Some(Deliberate::PartName);
        }
    }
    if let Some(name) = place.strip_prefix("part ") {
        let field = form_field(
            request,
            name.trim_end_matches(" content type")
                .trim_end_matches(" file name"),
        );
        let is_file = field.as_ref().is_some_and(|field| field["type"] == "file");
        if is_file {
            return Some(Deliberate::FilePart);
        }
        if place.ends_with(" content type")
            && difference.courier.as_deref() == Some("application/json")
            && difference.newman.is_none()
        {
            return Some(Deliberate::JsonPart);
        }
    }
    None
}

fn form_field(request: &Value, name: &str) -> Option<Value> {
    request["body"]["formdata"]
        .as_array()?
        .iter()
        .find(|field| field["key"] == name)
        .cloned()
}

/// The value as written in the item for a place (`header x`, `query x`, `body /a/b`).
fn written_value(request: &Value, place: &str) -> Option<String> {
    let find = |list: &Value, key: &str| {
        list.as_array()?.iter().find_map(|entry| {
            entry["key"]
                .as_str()
                .filter(|k| k.eq_ignore_ascii_case(key))
                .and(entry["value"].as_str().map(str::to_owned))
        })
    };
    if let Some(name) = place.strip_prefix("header ") {
        return find(&request["header"], name);
    }
    if let Some(name) = place.strip_prefix("query ") {
        return find(&request["url"]["query"], name);
    }
    if let Some(name) = place.strip_prefix("form field ") {
        return find(&request["body"]["urlencoded"], name)
            .or_else(|| find(&request["body"]["formdata"], name));
    }
    if place.starts_with("body") || place == "path" {
        return Some(request.to_string());
    }
    None
}

fn declares_content_type(request: &Value) -> bool {
    request["header"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|header| {
            header["disabled"] != true
                && header["key"]
                    .as_str()
                    .is_some_and(|key| key.trim().eq_ignore_ascii_case("content-type"))
        })
}

/// The URL as written: the raw text, and the path segments.
fn url_text(url: &Value) -> String {
    match url {
        Value::String(raw) => raw.clone(),
        other => format!(
            "{} {}",
            other["raw"].as_str().unwrap_or_default(),
            other["path"]
        ),
    }
}

/// Which deliberate difference it is that courier sent nothing, from the example call's
/// error: a required value the collection gives only as a placeholder, or a body that is a
/// file the collection names but does not hold.
pub fn classify_missing(item: &Item, courier_error: &str) -> Option<Deliberate> {
    let request = &item.json["request"];
    if courier_error.contains("`body` is required") && request["body"]["mode"] == "file" {
        return Some(Deliberate::FilePart);
    }
    if courier_error.contains("`body` is required")
        && request["body"]["mode"] == "raw"
        && request["body"]["raw"]
            .as_str()
            .is_some_and(|raw| serde_json::from_str::<Value>(raw.trim()).is_err())
    {
        return Some(Deliberate::InvalidJson);
    }
    let name = courier_error
        .split('`')
        .nth(1)
        .filter(|_| courier_error.contains("is required but was not set"))?;
    let placeholder = |list: &Value| {
        list.as_array().into_iter().flatten().any(|entry| {
            entry["disabled"] != true
                && entry["key"].as_str().is_some_and(|key| {
                    courier::naming::snake_ident(&courier::naming::words(key), "x") == name
                        || key == name
                })
                && entry["value"]
                    .as_str()
                    .is_some_and(courier::postman::artefacts::is_placeholder)
        })
    };
    (placeholder(&request["url"]["query"]) || placeholder(&request["header"]))
        .then_some(Deliberate::Placeholder)
}
