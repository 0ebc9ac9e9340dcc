//! Serde model of Postman collections v2.0 and v2.1, faithful to the input format.
//!
//! The structs follow the collection JSON, not courier's IR: unknown fields are ignored, every
//! optional part is an `Option` or defaults to empty, and `null` is read as "absent" wherever it
//! occurs. The alternative spellings real collections use are accepted: a request or URL given as
//! a plain string, a description as a string or `{content, type}`, headers as a list or as raw
//! `Key: Value` lines, auth parameters as a v2.1 `[{key, value}]` list or a v2.0 object.
//! Scalar text fields (`key`, `value`, `port`, …) also accept numbers and booleans, stringified.

use std::fmt;

use indexmap::IndexMap;
use serde::Deserialize;
use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::Value;

/// A whole collection: `{ info, item, auth, variable }` (`event` and the rest are ignored).
#[derive(Debug, Clone, Deserialize)]
pub struct Collection {
    /// Name, description and schema URL.
    pub info: Info,
    /// Top-level folders and requests, in file order.
    #[serde(default, deserialize_with = "list")]
    pub item: Vec<Item>,
    /// Collection-wide auth, inherited by items that declare none.
    #[serde(default)]
    pub auth: Option<Auth>,
    /// Collection variables (`{{name}}` in URLs, headers and bodies).
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
}

/// The collection's `info` block.
#[derive(Debug, Clone, Deserialize)]
pub struct Info {
    /// The collection's name (empty when missing).
    #[serde(default, deserialize_with = "scalar_or_empty")]
    pub name: String,
    /// The collection's description.
    #[serde(default)]
    pub description: Option<Description>,
    /// The schema URL, e.g. `https://schema.getpostman.com/json/collection/v2.1.0/collection.json`.
    #[serde(default, deserialize_with = "scalar_or_empty")]
    pub schema: String,
}

/// A folder (has `item`) or a request (has `request`).
#[derive(Debug, Clone, Deserialize)]
pub struct Item {
    /// The item's name (empty when missing).
    #[serde(default, deserialize_with = "scalar_or_empty")]
    pub name: String,
    /// The item's description (folders; requests usually describe themselves in `request`).
    #[serde(default)]
    pub description: Option<Description>,
    /// Children, present for folders only.
    #[serde(default, deserialize_with = "opt_list")]
    pub item: Option<Vec<Item>>,
    /// The request, present for request items only.
    #[serde(default)]
    pub request: Option<Request>,
    /// Saved example responses.
    #[serde(default, deserialize_with = "list")]
    pub response: Vec<SavedResponse>,
    /// Auth declared on this item (a folder's applies to its descendants).
    #[serde(default)]
    pub auth: Option<Auth>,
    /// Variables declared on this item.
    #[serde(default, deserialize_with = "list")]
    pub variable: Vec<Variable>,
    /// Postman's per-request protocol settings (`disableBodyPruning`, …), as written.
    #[serde(default, rename = "protocolProfileBehavior")]
    pub protocol_profile_behavior: Option<serde_json::Value>,
}

impl Item {
    /// Whether Postman sends this request's body even though its method is one whose body
    /// it drops (`disableBodyPruning`).
    pub fn keeps_body(&self) -> bool {
        self.protocol_profile_behavior
            .as_ref()
            .and_then(|behavior| behavior.get("disableBodyPruning"))
            .and_then(serde_json::Value::as_bool)
            .unwrap_or(false)
    }

    /// Whether this item is a folder (it has an `item` list, possibly empty).
    pub fn is_folder(&self) -> bool {
        self.item.is_some()
    }

    /// The folder's children; empty for a request item.
    pub fn children(&self) -> &[Item] {
        self.item.as_deref().unwrap_or_default()
    }
}

/// A description: a plain string or `{ "content": ..., "type": "text/markdown" }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Description {
    /// The text.
    pub content: String,
    /// The MIME type given in the object form (`text/plain`, `text/markdown`, …).
    pub kind: Option<String>,
}

impl Description {
    /// The description's text.
    pub fn text(&self) -> &str {
        &self.content
    }
}

/// A request: a plain URL string (method `GET`) or the full object.
#[derive(Debug, Clone)]
pub struct Request {
    /// The HTTP method, upper-cased; `GET` when missing.
    pub method: String,
    /// Headers; the v2.0 string form (`Key: Value` lines, `//` marks a disabled one) is split.
    pub header: Vec<Header>,
    /// The body.
    pub body: Option<Body>,
    /// The URL.
    pub url: Option<Url>,
    /// Auth declared on the request itself.
    pub auth: Option<Auth>,
    /// The request's description.
    pub description: Option<Description>,
}

/// A URL: a plain string (kept in `raw`) or the parsed object form.
#[derive(Debug, Clone, Default)]
pub struct Url {
    /// The URL as typed, e.g. `{{baseUrl}}/users/:id?x=1`.
    pub raw: Option<String>,
    /// `http` or `https`, when given separately.
    pub protocol: Option<String>,
    /// Host labels; a string host becomes one element (it is not split at dots).
    pub host: Vec<String>,
    /// Path segments; a string path is split at `/` (one leading `/` is dropped).
    pub path: Vec<PathSegment>,
    /// Query parameters.
    pub query: Vec<QueryParam>,
    /// Path variables (`:name` segments), with values and descriptions.
    pub variable: Vec<Variable>,
    /// The port, when given separately.
    pub port: Option<String>,
}

/// One path segment: a string, or (v2.0) `{ "type": ..., "value": ... }`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PathSegment {
    /// The segment text, e.g. `users` or `:id`.
    pub value: String,
    /// The v2.0 segment type, when given as an object.
    pub kind: Option<String>,
}

/// A query parameter.
#[derive(Debug, Clone, Deserialize)]
pub struct QueryParam {
    /// The name; `null` in some exports.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub key: Option<String>,
    /// The value; `None` for a bare `?flag`.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub value: Option<String>,
    /// Whether the parameter is unticked in Postman.
    #[serde(default, deserialize_with = "null_default")]
    pub disabled: bool,
    /// The parameter's description.
    #[serde(default)]
    pub description: Option<Description>,
}

/// A request or response header.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(from = "RawHeader")]
pub struct Header {
    /// The header name (`key`, or the legacy `name` when `key` is missing).
    pub key: String,
    /// The value; `None` when missing.
    pub value: Option<String>,
    /// Whether the header is unticked in Postman.
    pub disabled: bool,
    /// The header's description.
    pub description: Option<Description>,
    /// The value type (`text`), when given.
    pub kind: Option<String>,
}

#[derive(Deserialize)]
struct RawHeader {
    #[serde(default, deserialize_with = "opt_scalar")]
    key: Option<String>,
    #[serde(default, deserialize_with = "opt_scalar")]
    name: Option<String>,
    #[serde(default, deserialize_with = "opt_scalar")]
    value: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    disabled: bool,
    #[serde(default)]
    description: Option<Description>,
    #[serde(default, rename = "type", deserialize_with = "opt_scalar")]
    kind: Option<String>,
}

impl From<RawHeader> for Header {
    fn from(raw: RawHeader) -> Self {
        Header {
            key: raw.key.or(raw.name).unwrap_or_default(),
            value: raw.value,
            disabled: raw.disabled,
            description: raw.description,
            kind: raw.kind,
        }
    }
}

/// A collection, folder or URL path variable.
#[derive(Debug, Clone, Deserialize)]
pub struct Variable {
    /// The variable's name.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub key: Option<String>,
    /// The variable's id (older exports name variables by `id`; newer ones put a UUID here).
    #[serde(default, deserialize_with = "opt_scalar")]
    pub id: Option<String>,
    /// The value, any JSON (usually a string); `Null` when missing.
    #[serde(default)]
    pub value: Value,
    /// The declared type (`string`, `any`, …).
    #[serde(default, rename = "type", deserialize_with = "opt_scalar")]
    pub kind: Option<String>,
    /// The variable's description.
    #[serde(default)]
    pub description: Option<Description>,
    /// Whether the variable is disabled.
    #[serde(default, deserialize_with = "null_default")]
    pub disabled: bool,
}

impl Variable {
    /// The variable's name: `key`, else `id`, else empty.
    pub fn name(&self) -> &str {
        self.key
            .as_deref()
            .or(self.id.as_deref())
            .unwrap_or_default()
    }
}

/// A request body.
#[derive(Debug, Clone, Deserialize)]
pub struct Body {
    /// The mode as written (`raw`, `urlencoded`, `formdata`, `file`, `graphql`); see [`Body::kind`].
    #[serde(default, deserialize_with = "opt_scalar")]
    pub mode: Option<String>,
    /// The raw text (`raw` mode); a JSON object or array here is kept as its JSON text.
    #[serde(default, deserialize_with = "opt_text")]
    pub raw: Option<String>,
    /// URL-encoded form fields.
    #[serde(default, deserialize_with = "list")]
    pub urlencoded: Vec<FormParam>,
    /// Multipart form fields.
    #[serde(default, deserialize_with = "list")]
    pub formdata: Vec<FormParam>,
    /// The file of `file` mode.
    #[serde(default)]
    pub file: Option<BodyFile>,
    /// The GraphQL query and variables of `graphql` mode.
    #[serde(default)]
    pub graphql: Option<GraphQl>,
    /// Mode options (the raw body's language).
    #[serde(default)]
    pub options: Option<BodyOptions>,
    /// Whether the body is disabled.
    #[serde(default, deserialize_with = "null_default")]
    pub disabled: bool,
}

/// The body modes courier knows, read from [`Body::mode`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BodyMode {
    /// `raw`: text, JSON or XML.
    Raw,
    /// `urlencoded`.
    Urlencoded,
    /// `formdata`: multipart.
    Formdata,
    /// `file`: a binary body.
    File,
    /// `graphql`.
    Graphql,
    /// No `mode` given.
    Unspecified,
    /// Any other mode, as written.
    Unknown(String),
}

impl Body {
    /// The body mode (case-sensitive, as Postman writes it).
    pub fn kind(&self) -> BodyMode {
        match self.mode.as_deref() {
            None | Some("") => BodyMode::Unspecified,
            Some("raw") => BodyMode::Raw,
            Some("urlencoded") => BodyMode::Urlencoded,
            Some("formdata") => BodyMode::Formdata,
            Some("file") => BodyMode::File,
            Some("graphql") => BodyMode::Graphql,
            Some(other) => BodyMode::Unknown(other.to_owned()),
        }
    }

    /// The raw body's declared language (`json`, `xml`, `text`, …), from `options.raw.language`.
    pub fn raw_language(&self) -> Option<&str> {
        self.options.as_ref()?.raw.as_ref()?.language.as_deref()
    }
}

/// A form field (`urlencoded` or `formdata`).
#[derive(Debug, Clone, Deserialize)]
pub struct FormParam {
    /// The field name.
    #[serde(default, deserialize_with = "scalar_or_empty")]
    pub key: String,
    /// The text value.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub value: Option<String>,
    /// File paths of a file field (string, list or `null` in the input).
    #[serde(default, deserialize_with = "string_or_list")]
    pub src: Vec<String>,
    /// `text` or `file`.
    #[serde(default, rename = "type", deserialize_with = "opt_scalar")]
    pub kind: Option<String>,
    /// The part's content type, when given.
    #[serde(default, rename = "contentType", deserialize_with = "opt_scalar")]
    pub content_type: Option<String>,
    /// Whether the field is unticked in Postman.
    #[serde(default, deserialize_with = "null_default")]
    pub disabled: bool,
    /// The field's description.
    #[serde(default)]
    pub description: Option<Description>,
}

impl FormParam {
    /// Whether this is a file field (`type: file`).
    pub fn is_file(&self) -> bool {
        self.kind.as_deref() == Some("file")
    }
}

/// The file of a `file`-mode body.
#[derive(Debug, Clone, Deserialize)]
pub struct BodyFile {
    /// The file path.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub src: Option<String>,
    /// Inline content.
    #[serde(default, deserialize_with = "opt_text")]
    pub content: Option<String>,
}

/// A GraphQL body.
#[derive(Debug, Clone, Deserialize)]
pub struct GraphQl {
    /// The query text.
    #[serde(default, deserialize_with = "opt_text")]
    pub query: Option<String>,
    /// The variables: a JSON object, or a string holding JSON text; `Some(Value::Null)` when
    /// written as `null` (newman then sends `"variables": null`), `None` when absent.
    #[serde(default, deserialize_with = "present")]
    pub variables: Option<Value>,
}

/// Any value, `null` included, as present (a missing key is `None` through `default`).
fn present<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

/// Body mode options.
#[derive(Debug, Clone, Deserialize)]
pub struct BodyOptions {
    /// Options of `raw` mode.
    #[serde(default)]
    pub raw: Option<RawOptions>,
}

/// Options of a `raw` body.
#[derive(Debug, Clone, Deserialize)]
pub struct RawOptions {
    /// `json`, `xml`, `text`, `javascript`, `html`.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub language: Option<String>,
}

/// Auth: its `type` plus the per-type parameters, kept as written.
///
/// v2.1 lists parameters under the type's name as `[{ "key", "value", "type" }]`; v2.0 uses an
/// object (`"bearer": { "token": "..." }`). [`Auth::param`] reads either.
#[derive(Debug, Clone, Deserialize)]
pub struct Auth {
    /// `noauth`, `bearer`, `basic`, `apikey`, `oauth2`, `oauth1`, `digest`, `hawk`, `awsv4`, …
    #[serde(rename = "type", default, deserialize_with = "scalar_or_empty")]
    pub kind: String,
    /// Every other field, e.g. `"bearer": [...]`.
    #[serde(flatten)]
    pub params: IndexMap<String, Value>,
}

impl Auth {
    /// The parameter `name` of this auth's own type section, stringified (numbers and booleans
    /// as written, objects and arrays as JSON); `None` when missing or `null`.
    pub fn param(&self, name: &str) -> Option<String> {
        let value = match self.params.get(&self.kind)? {
            Value::Array(entries) => entries.iter().find_map(|entry| {
                let object = entry.as_object()?;
                (object.get("key")?.as_str()? == name).then(|| object.get("value"))?
            })?,
            Value::Object(object) => object.get(name)?,
            _ => return None,
        };
        match value {
            Value::Null => None,
            Value::String(text) => Some(text.clone()),
            other => Some(other.to_string()),
        }
    }
}

/// A saved example response.
#[derive(Debug, Clone, Deserialize)]
pub struct SavedResponse {
    /// The example's name.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub name: Option<String>,
    /// The request that produced it.
    #[serde(default, rename = "originalRequest")]
    pub original_request: Option<Request>,
    /// The status text, e.g. `Created`.
    #[serde(default, deserialize_with = "opt_scalar")]
    pub status: Option<String>,
    /// The status code (a number or a numeric string in the input).
    #[serde(default, deserialize_with = "status_code")]
    pub code: Option<u16>,
    /// Response headers (list, raw lines or `null`).
    #[serde(default, deserialize_with = "headers")]
    pub header: Vec<Header>,
    /// The body text; a JSON object or array here is kept as its JSON text.
    #[serde(default, deserialize_with = "opt_text")]
    pub body: Option<String>,
    /// Postman's preview language (`json`, `html`, …).
    #[serde(rename = "_postman_previewlanguage")]
    #[serde(default, deserialize_with = "opt_scalar")]
    pub preview_language: Option<String>,
}

// ---- string-or-object types -------------------------------------------------------------

#[derive(Deserialize)]
#[serde(remote = "Description")]
struct DescriptionRepr {
    #[serde(default, deserialize_with = "scalar_or_empty")]
    content: String,
    #[serde(default, rename = "type", deserialize_with = "opt_scalar")]
    kind: Option<String>,
}

#[derive(Deserialize)]
#[serde(remote = "Request")]
struct RequestRepr {
    #[serde(default = "default_method", deserialize_with = "method")]
    method: String,
    #[serde(default, deserialize_with = "headers")]
    header: Vec<Header>,
    #[serde(default)]
    body: Option<Body>,
    #[serde(default)]
    url: Option<Url>,
    #[serde(default)]
    auth: Option<Auth>,
    #[serde(default)]
    description: Option<Description>,
}

#[derive(Deserialize)]
#[serde(remote = "Url")]
struct UrlRepr {
    #[serde(default, deserialize_with = "opt_scalar")]
    raw: Option<String>,
    #[serde(default, deserialize_with = "opt_scalar")]
    protocol: Option<String>,
    #[serde(default, deserialize_with = "string_or_list")]
    host: Vec<String>,
    #[serde(default, deserialize_with = "path")]
    path: Vec<PathSegment>,
    #[serde(default, deserialize_with = "list")]
    query: Vec<QueryParam>,
    #[serde(default, deserialize_with = "list")]
    variable: Vec<Variable>,
    #[serde(default, deserialize_with = "opt_scalar")]
    port: Option<String>,
}

#[derive(Deserialize)]
#[serde(remote = "PathSegment")]
struct PathSegmentRepr {
    #[serde(default, deserialize_with = "scalar_or_empty")]
    value: String,
    #[serde(default, rename = "type", deserialize_with = "opt_scalar")]
    kind: Option<String>,
}

/// Implements `Deserialize` for a type written as a string or as the object its twin reads.
macro_rules! string_or_object {
    ($ty:ident, $repr:ident, $expecting:literal, $from_string:expr) => {
        impl<'de> Deserialize<'de> for $ty {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                struct V;
                impl<'de> Visitor<'de> for V {
                    type Value = $ty;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: de::Error>(self, text: &str) -> Result<$ty, E> {
                        Ok(($from_string)(text.to_owned()))
                    }
                    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<$ty, A::Error> {
                        $repr::deserialize(MapAccessDeserializer::new(map))
                    }
                }
                d.deserialize_any(V)
            }
        }
    };
}

string_or_object!(
    Description,
    DescriptionRepr,
    "a description string or object",
    description_from_string
);
string_or_object!(
    PathSegment,
    PathSegmentRepr,
    "a path segment string or object",
    segment_from_string
);
string_or_object!(Url, UrlRepr, "a URL string or object", url_from_string);
string_or_object!(
    Request,
    RequestRepr,
    "a request object or URL string",
    request_from_string
);

fn description_from_string(content: String) -> Description {
    Description {
        content,
        kind: None,
    }
}

fn segment_from_string(value: String) -> PathSegment {
    PathSegment { value, kind: None }
}

fn url_from_string(raw: String) -> Url {
    Url {
        raw: Some(raw),
        ..Url::default()
    }
}

fn request_from_string(raw: String) -> Request {
    Request {
        method: default_method(),
        header: Vec::new(),
        body: None,
        url: Some(url_from_string(raw)),
        auth: None,
        description: None,
    }
}

// ---- field deserializers ----------------------------------------------------------------

fn null_default<'de, D, T>(d: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A list where `null` means empty and `null` elements are skipped.
fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(d: D) -> Result<Vec<T>, D::Error> {
    Ok(opt_list(d)?.unwrap_or_default())
}

fn opt_list<'de, D, T>(d: D) -> Result<Option<Vec<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    let items = Option::<Vec<Option<T>>>::deserialize(d)?;
    Ok(items.map(|items| items.into_iter().flatten().collect()))
}

/// What a JSON value is, for `invalid type` messages.
fn unexpected(value: &Value) -> de::Unexpected<'_> {
    match value {
        Value::Null => de::Unexpected::Unit,
        Value::Bool(b) => de::Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => de::Unexpected::Unsigned(u),
            (None, Some(i)) => de::Unexpected::Signed(i),
            (None, None) => de::Unexpected::Float(n.as_f64().unwrap_or_default()),
        },
        Value::String(s) => de::Unexpected::Str(s),
        Value::Array(_) => de::Unexpected::Seq,
        Value::Object(_) => de::Unexpected::Map,
    }
}

/// A string, number or boolean as text; `null` as `None`; objects and arrays as JSON text
/// when `compound_as_json`, else an error.
fn scalar<E: de::Error>(value: Value, compound_as_json: bool) -> Result<Option<String>, E> {
    match value {
        Value::Null => Ok(None),
        Value::String(text) => Ok(Some(text)),
        Value::Bool(_) | Value::Number(_) => Ok(Some(value.to_string())),
        _ if compound_as_json => Ok(Some(value.to_string())),
        _ => Err(E::invalid_type(unexpected(&value), &"a string")),
    }
}

fn opt_scalar<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar(Value::deserialize(d)?, false)
}

fn scalar_or_empty<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(opt_scalar(d)?.unwrap_or_default())
}

fn opt_text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    scalar(Value::deserialize(d)?, true)
}

/// A string (one element), a list of strings (`null` elements dropped) or `null` (empty).
fn string_or_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Array(items) => {
            let items = items.into_iter().map(|item| scalar(item, false));
            items.filter_map(Result::transpose).collect()
        }
        other => Ok(scalar(other, false)?.into_iter().collect()),
    }
}

/// A string split by `split`, a list (`null` elements skipped) or `null` (empty).
struct StringOrList<T> {
    expecting: &'static str,
    split: fn(&str) -> Vec<T>,
}

impl<'de, T: Deserialize<'de>> Visitor<'de> for StringOrList<T> {
    type Value = Vec<T>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.expecting)
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<Vec<T>, E> {
        Ok((self.split)(v))
    }
    fn visit_unit<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_none<E: de::Error>(self) -> Result<Vec<T>, E> {
        Ok(Vec::new())
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Vec<T>, D::Error> {
        d.deserialize_any(self)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Vec<T>, A::Error> {
        let items = Vec::<Option<T>>::deserialize(SeqAccessDeserializer::new(seq))?;
        Ok(items.into_iter().flatten().collect())
    }
}

fn path<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<PathSegment>, D::Error> {
    let split = |text: &str| {
        let text = text.strip_prefix('/').unwrap_or(text);
        let segments = text
            .split('/')
            .map(|value| segment_from_string(value.to_owned()));
        if text.is_empty() {
            Vec::new()
        } else {
            segments.collect()
        }
    };
    d.deserialize_any(StringOrList {
        expecting: "a path string or a list of segments",
        split,
    })
}

/// Headers as a list, as raw `Key: Value` lines (v2.0), or `null`.
fn headers<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Header>, D::Error> {
    let expecting = "a list of headers or a string of header lines";
    d.deserialize_any(StringOrList {
        expecting,
        split: parse_header_lines,
    })
}

/// Splits v2.0 raw header text: one `Key: Value` per line; a leading `//` disables the header.
fn parse_header_lines(text: &str) -> Vec<Header> {
    let header = |line: &str| {
        let line = line.trim();
        let (disabled, line) = match line.strip_prefix("//") {
            Some(rest) => (true, rest.trim_start()),
            None => (false, line),
        };
        let (key, value) = line.split_once(':').unwrap_or((line, ""));
        let (key, value) = (key.trim().to_owned(), Some(value.trim().to_owned()));
        (!key.is_empty()).then(|| Header {
            key,
            value,
            disabled,
            ..Header::default()
        })
    };
    text.lines().filter_map(header).collect()
}

fn default_method() -> String {
    "GET".to_owned()
}

fn method<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(match opt_scalar(d)? {
        Some(method) if !method.trim().is_empty() => method.trim().to_ascii_uppercase(),
        _ => default_method(),
    })
}

/// A status code: a number or a numeric string; `null` or `""` is absent.
fn status_code<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    let value = Value::deserialize(d)?;
    let code = match &value {
        Value::Null => return Ok(None),
        Value::String(text) if text.trim().is_empty() => return Ok(None),
        Value::String(text) => text.trim().parse().ok(),
        Value::Number(number) => number.as_u64().and_then(|n| u16::try_from(n).ok()),
        _ => None,
    };
    let expected = &"an HTTP status code (a number from 0 to 65535 or a numeric string)";
    match (code, &value) {
        (Some(code), _) => Ok(Some(code)),
        (None, Value::String(_) | Value::Number(_)) => {
            Err(de::Error::invalid_value(unexpected(&value), expected))
        }
        (None, _) => Err(de::Error::invalid_type(unexpected(&value), expected)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn parse<T: for<'de> Deserialize<'de>>(value: Value) -> T {
        serde_path_to_error::deserialize(value)
            .unwrap_or_else(|e| panic!("{}: {}", e.path(), e.inner()))
    }

    #[test]
    fn every_corpus_collection_deserializes() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/postman");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            // Straight to standard error: libtest would capture `println!`, hiding the skip.
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("SKIPPED: the corpus folder {} is absent\n", dir.display()),
            );
            return;
        };
        let mut paths: Vec<_> = entries.filter_map(|e| Some(e.ok()?.path())).collect();
        paths.retain(|p| p.extension().is_some_and(|e| e == "json"));
        paths.sort();
        let mut failures = Vec::new();
        for path in &paths {
            let text = std::fs::read_to_string(path).expect("corpus file is readable UTF-8");
            let de = &mut serde_json::Deserializer::from_str(&text);
            match serde_path_to_error::deserialize::<_, Collection>(de) {
                Ok(collection) => assert!(!collection.item.is_empty(), "{}", path.display()),
                Err(e) => failures.push(format!("{}: {}: {}", path.display(), e.path(), e.inner())),
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
        println!("{} corpus collections deserialized", paths.len());
    }

    #[test]
    fn string_forms_and_nulls() {
        let item: Item = parse(json!({
            "request": "https://example.com/a",
            "description": null,
            "response": [{ "code": "201", "header": null, "originalRequest": "http://x/y" }, null],
            "variable": null,
        }));
        assert_eq!(item.name, "");
        assert!(!item.is_folder());
        let request = item.request.as_ref().expect("request");
        assert_eq!(request.method, "GET");
        assert_eq!(
            request.url.as_ref().and_then(|u| u.raw.as_deref()),
            Some("https://example.com/a")
        );
        assert_eq!(item.response.len(), 1);
        assert_eq!(item.response[0].code, Some(201));

        let request: Request = parse(json!({
            "method": "post",
            "header": "Content-Type: application/json\n// X-Off: 1\n\n",
            "url": { "host": "{{base}}", "path": "/v1/users", "port": 8080, "query": [{ "key": null, "value": 5 }] },
            "description": { "content": "Hi", "type": "text/markdown" },
            "body": { "mode": "raw", "raw": { "a": 1 }, "options": { "raw": { "language": "json" } } },
        }));
        assert_eq!(request.method, "POST");
        assert_eq!(request.header.len(), 2);
        assert_eq!(
            (request.header[1].key.as_str(), request.header[1].disabled),
            ("X-Off", true)
        );
        let url = request.url.expect("url");
        assert_eq!(url.host, ["{{base}}"]);
        let path: Vec<_> = url.path.iter().map(|s| s.value.as_str()).collect();
        assert_eq!(path, ["v1", "users"]);
        assert_eq!(url.port.as_deref(), Some("8080"));
        assert_eq!(url.query[0].value.as_deref(), Some("5"));
        assert_eq!(request.description.expect("description").text(), "Hi");
        let body = request.body.expect("body");
        assert_eq!(
            (body.kind(), body.raw.as_deref()),
            (BodyMode::Raw, Some(r#"{"a":1}"#))
        );
        assert_eq!(body.raw_language(), Some("json"));

        let url: Url = parse(json!({ "path": ["a", { "type": "string", "value": ":id" }, null] }));
        assert_eq!(
            url.path[1],
            PathSegment {
                value: ":id".into(),
                kind: Some("string".into())
            }
        );
        assert_eq!(url.path.len(), 2);
    }

    #[test]
    fn auth_params_in_both_forms() {
        let v21: Auth = parse(json!({ "type": "apikey", "apikey": [
            { "key": "key", "value": "X-Key" }, { "key": "in", "value": "header" },
            { "key": "n", "value": 3 }, { "key": "b", "value": true } ] }));
        assert_eq!(v21.param("key").as_deref(), Some("X-Key"));
        assert_eq!(v21.param("n").as_deref(), Some("3"));
        assert_eq!(v21.param("b").as_deref(), Some("true"));
        assert_eq!(v21.param("value"), None);
        let v20: Auth = parse(json!({ "type": "bearer", "bearer": { "token": "{{t}}" } }));
        assert_eq!(v20.param("token").as_deref(), Some("{{t}}"));
        let bare: Auth = parse(json!({ "type": "oauth2" }));
        assert_eq!(bare.param("accessToken"), None);
    }

    #[test]
    fn headers_and_variables() {
        let header: Header = parse(json!({ "name": "Accept", "value": null, "disabled": null }));
        assert_eq!(
            (header.key.as_str(), header.value, header.disabled),
            ("Accept", None, false)
        );
        let variable: Variable = parse(json!({ "id": "baseUrl", "value": { "x": 1 } }));
        assert_eq!(variable.name(), "baseUrl");
        assert_eq!(variable.value, json!({ "x": 1 }));
        let field: FormParam = parse(json!({ "key": "f", "type": "file", "src": "/tmp/a" }));
        assert!(field.is_file());
        assert_eq!(field.src, ["/tmp/a"]);
    }

    #[test]
    fn bad_status_codes_are_errors() {
        for code in [
            json!("abc"),
            json!(70000),
            json!(-1),
            json!(2.5),
            json!(true),
        ] {
            let result = serde_json::from_value::<SavedResponse>(json!({ "code": code }));
            assert!(result.is_err(), "{code} accepted");
        }
        let ok: SavedResponse = parse(json!({ "code": " 404 ", "header": "A: b" }));
        assert_eq!(ok.code, Some(404));
    }
}
