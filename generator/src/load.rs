//! Reading an input file: size limit, format sniffing, and located deserialisation errors.

use std::io::Read;
use std::path::Path;

use serde_json::{Map, Value};

use crate::error::{Error, Result};
use crate::postman::model::{Collection, Info, Item};

/// The deepest nesting serde_json parses (its recursion limit of 128 rejects the 128th level).
const SERDE_JSON_DEPTH: usize = 127;

/// Limits applied while reading input. Defaults: `max_file_size` 64 MiB; `max_depth` 127, the
/// deepest nesting serde_json accepts (its recursion limit, 128, fails on the 128th level), so
/// larger values act as 127.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest input file accepted, in bytes.
    pub max_file_size: u64,
    /// The deepest nesting of JSON arrays and objects accepted.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: 64 * 1024 * 1024,
            max_depth: SERDE_JSON_DEPTH,
        }
    }
}

/// What kind of document the input is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Format {
    /// A Postman collection, schema v2.0 (including the legacy `…/collection/v2/` URL).
    PostmanV20,
    /// A Postman collection, schema v2.1.
    PostmanV21,
    /// A single exported Postman request item (no `info`), wrapped into a collection.
    PostmanItem,
    /// An OpenAPI 3.x document.
    OpenApi {
        /// The `openapi` field, e.g. `3.0.3`.
        version: String,
    },
    /// A Swagger 2.0 document.
    Swagger,
}

/// A loaded document.
// One document exists per run: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone)]
pub enum Document {
    /// A Postman collection (a single item is wrapped into one).
    Postman {
        /// The collection.
        collection: Collection,
        /// Which flavour the input was.
        format: Format,
    },
    /// An OpenAPI description (Swagger 2.0 already in the 3.0 shape) with the local files its
    /// `$ref`s name.
    OpenApi(crate::openapi::Spec),
}

/// Reads and parses `path` (see [`load_bytes`] for what is accepted).
pub fn load(path: &Path, limits: &Limits) -> Result<Document> {
    let bytes = read_limited(path, limits)?;
    load_bytes(path, &bytes, limits)
}

/// The bytes of the regular file at `path`, refused beyond `limits.max_file_size`.
pub fn read_limited(path: &Path, limits: &Limits) -> Result<Vec<u8>> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let metadata = std::fs::metadata(path).map_err(io)?;
    if metadata.is_dir() {
        return Err(Error::input(path, "", "expected a file, found a directory"));
    }
    if !metadata.is_file() {
        return Err(Error::input(path, "", "expected a regular file"));
    }
    if metadata.len() > limits.max_file_size {
        return Err(too_big(path, metadata.len(), limits));
    }
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    // Read one byte past the limit so a file that grew since `metadata` is still caught.
    file.take(limits.max_file_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > limits.max_file_size {
        return Err(too_big(path, bytes.len() as u64, limits));
    }
    Ok(bytes)
}

/// Same as [`load`] from bytes already in memory (`path` is only used in messages).
///
/// Accepts JSON Postman collections v2.0 / v2.1, single exported request items, and OpenAPI
/// 3.0 / 3.1 / 3.2 and Swagger 2.0 documents in JSON or YAML (with the local files their
/// `$ref`s name). Every problem is reported as one located [`crate::error::Diagnostic`];
/// nothing here panics.
pub fn load_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Document> {
    let fail = |location: &str, message: String| Err(Error::input(path, location, message));
    let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
    if size > limits.max_file_size {
        return Err(too_big(path, size, limits));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let offset = e.valid_up_to();
            let (line, column) = bytes.get(..offset).map_or((1, 1), line_column);
            return fail(
                &format!("line {line}, column {column}"),
                format!("the file is not valid UTF-8: invalid byte at offset {offset}"),
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let trimmed = text.trim_start();
    // Nesting is checked first: a 100,000-deep array must be reported as too deep, whatever
    // else is wrong with it.
    let max_depth = limits.max_depth.min(SERDE_JSON_DEPTH);
    let json = trimmed.starts_with('{');
    if let Some((line, column)) = too_deep(text.as_bytes(), max_depth).filter(|_| json) {
        return fail(
            &format!("line {line}, column {column}"),
            format!("nesting deeper than {max_depth} levels at line {line} (Limits::max_depth)"),
        );
    }
    match trimmed.chars().next() {
        None => {
            return fail(
                "",
                "the file is empty; expected a JSON Postman collection".into(),
            );
        }
        Some('{') => {}
        Some(_) if looks_like_openapi_yaml(trimmed) => {
            let limits = Limits {
                max_depth,
                ..*limits
            };
            let value = crate::openapi::source::parse(path, text, &limits)?;
            return openapi(path, value, &limits);
        }
        Some(_) if looks_like_yaml(trimmed) => {
            return fail(
                "",
                "this looks like YAML without an `openapi` or `swagger` field; expected an \
                 OpenAPI document (YAML) or a Postman collection (JSON)"
                    .into(),
            );
        }
        Some(first) if first.is_control() => {
            return fail(
                "",
                format!(
                    "expected a JSON object (a Postman collection), but the file starts with \
                     the control character U+{:04X}; is it a binary file?",
                    u32::from(first)
                ),
            );
        }
        Some(first) => {
            return fail(
                "",
                format!(
                    "expected a JSON object (a Postman collection), but the file starts with \
                     `{first}`"
                ),
            );
        }
    }
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return fail(
                &format!("line {}, column {}", e.line(), e.column()),
                json_message(&e),
            );
        }
    };
    let Value::Object(object) = value else {
        return fail("", "expected a JSON object (a Postman collection)".into());
    };
    match sniff(&object) {
        Ok(Format::OpenApi { .. } | Format::Swagger) => {
            let limits = Limits {
                max_depth,
                ..*limits
            };
            openapi(path, Value::Object(object), &limits)
        }
        Ok(Format::PostmanItem) => {
            let item: Item = located(path, Value::Object(object))?;
            let info = Info {
                name: item.name.clone(),
                description: None,
                schema: String::new(),
            };
            let collection = Collection {
                info,
                item: vec![item],
                auth: None,
                variable: Vec::new(),
            };
            Ok(Document::Postman {
                collection,
                format: Format::PostmanItem,
            })
        }
        Ok(format) => {
            let collection = located(path, Value::Object(object))?;
            Ok(Document::Postman { collection, format })
        }
        Err((location, message)) => fail(location, message),
    }
}

/// An OpenAPI document from its parsed top level: the version checked, Swagger 2.0 converted,
/// the files it refers to loaded.
fn openapi(path: &Path, mut value: Value, limits: &Limits) -> Result<Document> {
    let Value::Object(object) = &value else {
        return Err(Error::input(
            path,
            "",
            "expected a mapping at the top level",
        ));
    };
    let version = crate::openapi::source::version_of(object)
        .map_err(|(location, message)| Error::input(path, location, message))?;
    if version == crate::openapi::Version::Swagger2 {
        crate::openapi::swagger::convert(&mut value);
    }
    let spec = crate::openapi::source::load(path, value, version, limits)?;
    Ok(Document::OpenApi(spec))
}

/// A first line like `key: value` or a `---` document marker.
fn looks_like_yaml(text: &str) -> bool {
    let first = text.lines().next().unwrap_or_default().trim_end();
    if first == "---" {
        return true;
    }
    match first.split_once(':') {
        Some((key, rest)) => {
            !key.is_empty()
                && key
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
                && (rest.is_empty() || rest.starts_with(' '))
        }
        None => false,
    }
}

fn too_big(path: &Path, size: u64, limits: &Limits) -> Error {
    let message = format!(
        "file is {size} bytes; the limit is {} (Limits::max_file_size)",
        limits.max_file_size
    );
    Error::input(path, "", message)
}

/// Decides the format from the top-level object, or says why it is not accepted.
fn sniff(object: &Map<String, Value>) -> Result<Format, (&'static str, String)> {
    if let Some(info) = object.get("info").and_then(Value::as_object) {
        match info.get("schema") {
            Some(Value::String(schema)) => return postman_schema(schema),
            Some(_) => return Err(("info.schema", "expected the schema URL string".into())),
            None if object.contains_key("item") => {
                let message = "missing `info.schema`; expected a Postman v2.0 or v2.1 collection";
                return Err(("info", message.into()));
            }
            None => {}
        }
    }
    if let Some(version) = object.get("openapi") {
        let version = version
            .as_str()
            .map_or_else(|| version.to_string(), str::to_owned);
        return Ok(Format::OpenApi { version });
    }
    if object.contains_key("swagger") {
        return Ok(Format::Swagger);
    }
    if object.contains_key("request") && !object.contains_key("info") {
        return Ok(Format::PostmanItem);
    }
    Err((
        "",
        "expected a Postman collection (an object with `info` and `item`) or a single request \
         item (an object with `request`)"
            .into(),
    ))
}

fn postman_schema(schema: &str) -> Result<Format, (&'static str, String)> {
    if schema.contains("/collection/v2.1") {
        Ok(Format::PostmanV21)
    } else if schema.contains("/collection/v2.0")
        || schema.ends_with("/collection/v2/")
        || schema.ends_with("/collection/v2/collection.json")
    {
        Ok(Format::PostmanV20)
    } else {
        let message =
            format!("unsupported Postman schema `{schema}`; expected a v2.0 or v2.1 collection");
        Err(("info.schema", message))
    }
}

/// Deserializes with the failing field's path as the location (`item[0].request.url`).
fn located<T: serde::de::DeserializeOwned>(path: &Path, value: Value) -> Result<T> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let location = e.path().to_string();
        let location = if location == "." {
            String::new()
        } else {
            location
        };
        Error::input(path, location, e.into_inner().to_string())
    })
}

/// serde_json's message without its ` at line L column C` suffix (that goes in the location).
fn json_message(e: &serde_json::Error) -> String {
    let full = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    full.strip_suffix(&suffix)
        .map_or_else(|| full.clone(), str::to_owned)
}

/// Whether `text` looks like a YAML (or JSON-less) OpenAPI/Swagger document.
fn looks_like_openapi_yaml(text: &str) -> bool {
    text.lines().take(200).any(|line| {
        let line = line.trim_start_matches(['"', '\'']);
        ["openapi", "swagger"].iter().any(|key| {
            line.strip_prefix(key)
                .map(|rest| {
                    rest.trim_start_matches(['"', '\''])
                        .trim_start()
                        .starts_with(':')
                })
                .unwrap_or(false)
        })
    })
}

/// Where the nesting of arrays and objects (outside strings) first exceeds `max_depth`.
fn too_deep(bytes: &[u8], max_depth: usize) -> Option<(usize, usize)> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    let (mut line, mut line_start) = (1usize, 0usize);
    for (index, &byte) in bytes.iter().enumerate() {
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max_depth {
                    return Some((line, index - line_start + 1));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            b'\n' => (line, line_start) = (line + 1, index + 1),
            _ => {}
        }
    }
    None
}

/// 1-based line and column of the position just after `prefix`.
fn line_column(prefix: &[u8]) -> (usize, usize) {
    let line = prefix.iter().filter(|&&b| b == b'\n').count() + 1;
    let column = prefix.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::Diagnostic;

    fn diagnostic(bytes: &[u8], limits: &Limits) -> Diagnostic {
        match load_bytes(Path::new("in.json"), bytes, limits) {
            Err(Error::Input(mut diagnostics)) if diagnostics.len() == 1 => diagnostics.remove(0),
            other => panic!("expected one diagnostic, got {other:?}"),
        }
    }

    fn message(bytes: &[u8]) -> String {
        diagnostic(bytes, &Limits::default()).message
    }

    fn collection(bytes: &[u8]) -> (Collection, Format) {
        match load_bytes(Path::new("in.json"), bytes, &Limits::default()) {
            Ok(Document::Postman { collection, format }) => (collection, format),
            Ok(Document::OpenApi(_)) => panic!("an OpenAPI document"),
            Err(e) => panic!("{e}"),
        }
    }

    const V21: &str = "https://schema.getpostman.com/json/collection/v2.1.0/collection.json";
    const V20: &str = "https://schema.getpostman.com/json/collection/v2.0.0/collection.json";

    #[test]
    fn valid_collections() {
        let v21 = format!(
            r#"{{"info":{{"name":"A","schema":"{V21}"}},"item":[{{"name":"x","request":"http://e/x"}}]}}"#
        );
        let (c, format) = collection(v21.as_bytes());
        assert_eq!(
            (format, c.info.name.as_str(), c.item.len()),
            (Format::PostmanV21, "A", 1)
        );
        let v20 =
            format!("\u{feff}\n {{\"info\":{{\"name\":\"B\",\"schema\":\"{V20}\"}},\"item\":[]}}");
        assert_eq!(collection(v20.as_bytes()).1, Format::PostmanV20);
        let legacy = r#"{"info":{"name":"C","schema":"http://schema.getpostman.com/collection/v2/collection.json"},"item":[]}"#;
        assert_eq!(collection(legacy.as_bytes()).1, Format::PostmanV20);
    }

    #[test]
    fn single_item_is_wrapped() {
        let (c, format) =
            collection(br#"{"name":"Get user","request":{"method":"GET","url":"http://e/u"}}"#);
        assert_eq!(format, Format::PostmanItem);
        assert_eq!((c.info.name.as_str(), c.item.len()), ("Get user", 1));
        assert!(c.item[0].request.is_some());
    }

    #[test]
    fn syntax_errors_are_located() {
        let d = diagnostic(b"{\n  \"info\": ,\n}", &Limits::default());
        assert_eq!(d.location, "line 2, column 11");
        assert_eq!(d.message, "expected value");
        let d = diagnostic(br#"{"info": {"name": "x""#, &Limits::default());
        assert!(d.location.starts_with("line 1"), "{d:?}");
        assert!(d.message.contains("EOF while parsing"), "{d:?}");
        assert!(message(b"not json").contains("expected a JSON object"));
        assert!(message(b"[1, 2]").contains("expected a JSON object"));
        assert_eq!(diagnostic(b"{}", &Limits::default()).location, "");
    }

    #[test]
    fn empty_binary_and_yaml() {
        assert_eq!(
            message(b""),
            "the file is empty; expected a JSON Postman collection"
        );
        assert_eq!(
            message(b" \n\t "),
            "the file is empty; expected a JSON Postman collection"
        );
        let d = diagnostic(b"{\"a\": \"\xff\xfe\x00\x01\"}", &Limits::default());
        assert!(d.message.contains("offset 7"), "{d:?}");
        assert!(message(b"\x00\x01\x02garbage").contains("expected a JSON object"));
        assert!(message(b"\x89PNG\r\n\x1a\n\x00\x00").contains("not valid UTF-8"));
        let yaml = load_bytes(
            Path::new("in.yaml"),
            b"# spec\nopenapi: 3.0.0\ninfo:\n  title: x\n",
            &Limits::default(),
        );
        assert!(matches!(yaml, Ok(Document::OpenApi(_))), "{yaml:?}");
        assert!(message(b"name: x\nitems: []\n").contains("YAML without an `openapi`"));
    }

    #[test]
    fn directory_and_size_limit() {
        let dir = std::env::temp_dir();
        match load(&dir, &Limits::default()) {
            Err(Error::Input(d)) => assert_eq!(d[0].message, "expected a file, found a directory"),
            other => panic!("{other:?}"),
        }
        let small = Limits {
            max_file_size: 10,
            ..Limits::default()
        };
        let d = diagnostic(b"{\"info\": {\"name\": \"x\"}}", &small);
        assert_eq!(
            d.message,
            "file is 23 bytes; the limit is 10 (Limits::max_file_size)"
        );
        let file = dir.join(format!("courier-load-test-{}.json", std::process::id()));
        std::fs::write(&file, b"{\"info\": {\"name\": \"x\"}}").expect("write temp file");
        let result = load(&file, &small);
        let _ = std::fs::remove_file(&file);
        assert!(
            matches!(result, Err(Error::Input(d)) if d[0].message.starts_with("file is 23 bytes"))
        );
        assert!(matches!(
            load(Path::new("/nonexistent/x.json"), &small),
            Err(Error::Io { .. })
        ));
    }

    #[test]
    fn deep_nesting_is_rejected_without_overflow() {
        let mut deep = b"{\"a\":".to_vec();
        deep.extend(std::iter::repeat_n(b'[', 100_000));
        let d = diagnostic(&deep, &Limits::default());
        assert_eq!(d.location, "line 1, column 132");
        assert!(
            d.message
                .starts_with("nesting deeper than 127 levels at line 1"),
            "{d:?}"
        );
        // Brackets inside strings do not count; the deepest nesting serde_json accepts loads.
        let ok = format!("{}\"[[[{{\\\"\"{}", "[".repeat(126), "]".repeat(126));
        let d = diagnostic(format!("{{\"a\":{ok}}}").as_bytes(), &Limits::default());
        assert!(
            d.message.starts_with("expected a Postman collection"),
            "{d:?}"
        );
        let shallow = Limits {
            max_depth: 3,
            ..Limits::default()
        };
        let d = diagnostic(b"{\"a\":\n [[[1]]]}", &shallow);
        assert_eq!(
            (d.location.as_str(), d.message.as_str()),
            (
                "line 2, column 4",
                "nesting deeper than 3 levels at line 2 (Limits::max_depth)"
            )
        );
    }

    #[test]
    fn deepest_accepted_folder_nesting_loads() {
        // 63 folders: `{"item":[` twice per level plus the root object stays within 127 levels.
        let levels = 63;
        let mut doc = format!(r#"{{"info":{{"name":"D","schema":"{V21}"}},"item":["#);
        doc.push_str(&r#"{"name":"f","item":["#.repeat(levels - 1));
        doc.push_str(r#"{"name":"r","request":"http://e/x"}"#);
        doc.push_str(&"]}".repeat(levels - 1));
        doc.push_str("]}");
        let (c, _) = collection(doc.as_bytes());
        let mut item = &c.item[0];
        for _ in 1..levels {
            item = &item.children()[0];
        }
        assert!(item.request.is_some());
    }

    #[test]
    fn real_inputs_load() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus/postman");
        let mut paths: Vec<_> = [&root, &corpus]
            .iter()
            .filter_map(|dir| std::fs::read_dir(dir).ok())
            .flatten()
            .filter_map(|entry| Some(entry.ok()?.path()))
            .filter(|path| path.to_string_lossy().ends_with(".postman.json"))
            .collect();
        paths.sort();
        if !corpus.is_dir() {
            // Straight to standard error: libtest would capture `println!`, hiding the skip.
            let _ = std::io::Write::write_fmt(
                &mut std::io::stderr(),
                format_args!("SKIPPED: the corpus part, {} is absent\n", corpus.display()),
            );
        }
        for path in &paths {
            if let Err(e) = load(path, &Limits::default()) {
                panic!("{e}");
            }
        }
    }

    #[test]
    fn wrong_types_are_located() {
        let doc = format!(
            r#"{{"info":{{"name":"A","schema":"{V21}"}},"item":[{{"name":"x","request":{{"url":5}}}}]}}"#
        );
        let d = diagnostic(doc.as_bytes(), &Limits::default());
        assert_eq!(d.location, "item[0].request.url");
        assert!(
            d.message.starts_with("invalid type: integer `5`, expected"),
            "{d:?}"
        );
        let doc = format!(
            r#"{{"info":{{"name":"A","schema":"{V21}"}},"item":[{{"item":[{{"response":[{{"code":"x"}}]}}]}}]}}"#
        );
        assert_eq!(
            diagnostic(doc.as_bytes(), &Limits::default()).location,
            "item[0].item[0].response[0].code"
        );
        let d = diagnostic(
            br#"{"info":{"name":"A","schema":"x"},"item":{}}"#,
            &Limits::default(),
        );
        assert_eq!(d.location, "info.schema");
    }

    #[test]
    fn unsupported_documents() {
        let d = diagnostic(br#"{"info":{"schema":"https://schema.getpostman.com/json/collection/v1.0.0/collection.json"},"item":[]}"#, &Limits::default());
        assert_eq!(d.location, "info.schema");
        assert_eq!(
            d.message,
            "unsupported Postman schema `https://schema.getpostman.com/json/collection/v1.0.0/collection.json`; expected a v2.0 or v2.1 collection"
        );
        for accepted in [
            &br#"{"openapi":"3.1.0","info":{"title":"x"}}"#[..],
            br#"{"swagger":"2.0"}"#,
        ] {
            let loaded = load_bytes(Path::new("in.json"), accepted, &Limits::default());
            assert!(matches!(loaded, Ok(Document::OpenApi(_))), "{loaded:?}");
        }
        let d = diagnostic(br#"{"openapi":"4.0","info":{}}"#, &Limits::default());
        assert_eq!(
            (d.location.as_str(), d.message.as_str()),
            (
                "openapi",
                "unsupported OpenAPI version `4.0`; expected 3.0, 3.1 or 3.2"
            )
        );
        assert_eq!(
            message(br#"{"swagger":"1.2"}"#),
            "unsupported Swagger version `1.2`; expected 2.0"
        );
        assert!(
            message(br#"{"name":"x"}"#)
                .starts_with("expected a Postman collection (an object with `info` and `item`)")
        );
        let d = diagnostic(br#"{"info":{"name":"x"},"item":[]}"#, &Limits::default());
        assert_eq!(d.location, "info");
    }
}
