//! Reading an OpenAPI document and the local files its `$ref`s name: JSON or YAML, the
//! version sniffed, depth and size limits, and every problem a located error.
//!
//! Files are read once each, relative to the file that refers to them, and never from the
//! network: a `$ref` to an `http(s)` URL is left for the resolver, which degrades it to
//! `serde_json::Value` with a warning.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::error::{Diagnostic, Error, Result};
use crate::load::Limits;

/// The YAML parser's stack (reserved, not committed, until used).
const YAML_STACK: usize = 256 * 1024 * 1024;

/// The most files one document may pull in through `$ref`s (the document itself included).
const MAX_FILES: usize = 256;

/// The description's format version.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Version {
    /// Swagger 2.0 (converted to the 3.0 shape when loaded, see [`super::swagger`]).
    Swagger2,
    /// OpenAPI 3.0.x.
    V30,
    /// OpenAPI 3.1.x.
    V31,
    /// OpenAPI 3.2.x.
    V32,
}

/// A loaded OpenAPI description: the document and the files it refers to, every one in the
/// OpenAPI 3 shape.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The version the document declares.
    pub version: Version,
    /// `files[0]` is the document; the others are the local files its `$ref`s name.
    pub files: Vec<SpecFile>,
}

/// One file of a description.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// Its path as given (the document) or as resolved from the referring file.
    pub path: PathBuf,
    /// Its content.
    pub value: Value,
}

impl Spec {
    /// The document's top-level object.
    pub fn root(&self) -> &Value {
        &self.files[0].value
    }

    /// The index of the file at `path` (already canonical), if it was loaded.
    pub fn file_index(&self, path: &Path) -> Option<usize> {
        self.files.iter().position(|file| file.path == path)
    }
}

/// The version a top-level `openapi` / `swagger` field declares.
pub fn version_of(object: &serde_json::Map<String, Value>) -> Result<Version, (String, String)> {
    let text = |value: &Value| match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    if let Some(version) = object.get("openapi") {
        let version = text(version);
        let parsed = match version.split('.').take(2).collect::<Vec<_>>()[..] {
            ["3", "0"] => Some(Version::V30),
            ["3", "1"] => Some(Version::V31),
            ["3", "2"] => Some(Version::V32),
            _ => None,
        };
        return parsed.ok_or_else(|| {
            (
                "openapi".to_owned(),
                format!("unsupported OpenAPI version `{version}`; expected 3.0, 3.1 or 3.2"),
            )
        });
    }
    if let Some(version) = object.get("swagger") {
        let version = text(version);
        return match version.as_str() {
            "2.0" | "2" => Ok(Version::Swagger2),
            _ => Err((
                "swagger".to_owned(),
                format!("unsupported Swagger version `{version}`; expected 2.0"),
            )),
        };
    }
    Err((
        String::new(),
        "expected an `openapi` or `swagger` field".to_owned(),
    ))
}

/// Parses the text of an OpenAPI file: JSON when it starts with `{`, YAML otherwise.
pub fn parse(path: &Path, text: &str, limits: &Limits) -> Result<Value> {
    let fail = |location: String, message: String| Err(Error::input(path, location, message));
    let value: Value = if text.trim_start().starts_with('{') {
        match serde_json::from_str(text) {
            Ok(value) => value,
            Err(e) => {
                let full = e.to_string();
                let suffix = format!(" at line {} column {}", e.line(), e.column());
                let message = full.strip_suffix(&suffix).unwrap_or(&full).to_owned();
                return fail(format!("line {}, column {}", e.line(), e.column()), message);
            }
        }
    } else {
        // The YAML parser recurses once per level before its budget stops it: a thread of its
        // own with a stack that fits the deepest document it accepts (8 MiB is not enough
        // for 128 block levels in a debug build).
        let parsed = std::thread::scope(|scope| {
            std::thread::Builder::new()
                .name("courier-yaml".to_owned())
                .stack_size(YAML_STACK)
                .spawn_scoped(scope, || {
                    let options = serde_saphyr::options! {
                        // `yes`/`no`/`on`/`off` stay strings (YAML 1.2), as OpenAPI means them.
                        strict_booleans: true,
                        budget: serde_saphyr::budget! {
                            max_depth: limits.max_depth,
                        },
                    };
                    serde_saphyr::from_str_with_options::<Value>(text, options)
                })
                .map(|handle| handle.join())
        });
        let parsed = match parsed {
            Ok(Ok(parsed)) => parsed,
            _ => return fail(String::new(), "the YAML parser could not run".to_owned()),
        };
        match parsed {
            Ok(value) => value,
            Err(e) => {
                let location = e
                    .location()
                    .map(|at| format!("line {}, column {}", at.line(), at.column()))
                    .unwrap_or_default();
                let full = e.to_string();
                let message = if full.contains("budget breached: Depth")
                    || full.contains("recursion limit exceeded")
                {
                    format!(
                        "nesting deeper than {} levels (Limits::max_depth)",
                        limits.max_depth
                    )
                } else {
                    yaml_message(&full)
                };
                return fail(location, message);
            }
        }
    };
    if let Some(pointer) = too_deep(&value, limits.max_depth) {
        return fail(
            pointer,
            format!(
                "nesting deeper than {} levels (Limits::max_depth)",
                limits.max_depth
            ),
        );
    }
    Ok(value)
}

/// serde-saphyr's first line without its `error: line L column C:` prefix (the location says
/// that) and without the source excerpt under it.
fn yaml_message(full: &str) -> String {
    let first = full.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let rest = first
        .strip_prefix("line ")
        .and_then(|rest| rest.split_once(": "))
        .map_or(first, |(_, message)| message);
    format!("invalid YAML: {rest}")
}

/// Where `value` nests deeper than `max_depth`, as a JSON pointer (iterative: no recursion).
fn too_deep(value: &Value, max_depth: usize) -> Option<String> {
    let mut stack: Vec<(&Value, usize, String)> = vec![(value, 0, String::new())];
    while let Some((value, depth, pointer)) = stack.pop() {
        let children: Vec<(&Value, String)> = match value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(index, item)| (item, format!("{pointer}/{index}")))
                .collect(),
            Value::Object(map) => map
                .iter()
                .map(|(key, item)| (item, format!("{pointer}/{}", escape(key))))
                .collect(),
            _ => continue,
        };
        if depth + 1 > max_depth {
            return Some(format!("#{pointer}"));
        }
        stack.extend(
            children
                .into_iter()
                .map(|(child, pointer)| (child, depth + 1, pointer)),
        );
    }
    None
}

/// A JSON pointer token: `~` → `~0`, `/` → `~1`.
pub fn escape(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// Loads `root` (the parsed document at `path`) and every local file its `$ref`s name,
/// transitively. A missing or unreadable file is an error located at the `$ref`.
pub fn load(path: &Path, root: Value, version: Version, limits: &Limits) -> Result<Spec> {
    let main_path = canonical(path);
    let mut files = vec![SpecFile {
        path: main_path,
        value: root,
    }];
    let mut seen: BTreeMap<PathBuf, usize> = BTreeMap::new();
    seen.insert(files[0].path.clone(), 0);
    // Referenced files must live in the document's folder or below it.
    let folder = canonical(folder_of(&files[0].path));
    let mut next = 0;
    while next < files.len() {
        let mut wanted = Vec::new();
        collect_file_refs(&files[next].value, &mut wanted);
        let base = folder_of(&files[next].path).to_path_buf();
        let referrer = files[next].path.clone();
        for (pointer, target) in wanted {
            let joined = base.join(&target);
            let resolved = canonical(&joined);
            if seen.contains_key(&resolved) {
                continue;
            }
            let located = |message: String| {
                Error::Input(vec![Diagnostic {
                    file: shown(path, &referrer),
                    location: format!("#{pointer}/$ref"),
                    message,
                }])
            };
            if !resolved.starts_with(&folder) {
                return Err(located(format!(
                    "`{target}` is outside the document's folder ({}); expected a file beside \
                     the document or below it",
                    folder.display()
                )));
            }
            if files.len() >= MAX_FILES {
                return Err(located(format!(
                    "more than {MAX_FILES} files are referenced; expected fewer"
                )));
            }
            let document = match crate::load::read_limited(&resolved, limits) {
                Ok(bytes) => bytes,
                Err(Error::Io { source, .. }) => {
                    return Err(located(format!(
                        "the referenced file `{target}` cannot be read ({source})"
                    )));
                }
                Err(other) => return Err(other),
            };
            let text = match String::from_utf8(document) {
                Ok(text) => text,
                Err(_) => {
                    return Err(located(format!(
                        "the referenced file `{target}` is not UTF-8"
                    )));
                }
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
            let mut value = parse(&resolved, text, limits)?;
            if version == Version::Swagger2 {
                super::swagger::convert_fragment(&mut value);
            }
            seen.insert(resolved.clone(), files.len());
            files.push(SpecFile {
                path: resolved,
                value,
            });
        }
        next += 1;
    }
    Ok(Spec { version, files })
}

/// The folder a file is in (`.` for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|parent| !parent.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The path shown in messages about `file`: the document as the user named it, others as
/// resolved.
fn shown(document: &Path, file: &Path) -> PathBuf {
    if canonical(document) == file {
        document.to_path_buf()
    } else {
        file.to_path_buf()
    }
}

/// The absolute, normalised form of `path` when it exists; else `path` with `.` and `..`
/// removed lexically.
pub fn canonical(path: &Path) -> PathBuf {
    if let Ok(path) = std::fs::canonicalize(path) {
        return path;
    }
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Every `$ref` whose target has a file part (not a URL), with the pointer of the object
/// holding it; vendor extensions (`x-…`, e.g. documentation pages) are not part of the API
/// and not followed. Iterative: documents may be deep.
fn collect_file_refs(value: &Value, out: &mut Vec<(String, String)>) {
    let mut stack: Vec<(&Value, String)> = vec![(value, String::new())];
    while let Some((value, pointer)) = stack.pop() {
        match value {
            Value::Object(map) => {
                if let Some(Value::String(reference)) = map.get("$ref")
                    && let Some(file) = file_part(reference)
                {
                    out.push((pointer.clone(), file.to_owned()));
                }
                for (key, child) in map.iter().rev().filter(|(key, _)| !key.starts_with("x-")) {
                    stack.push((child, format!("{pointer}/{}", escape(key))));
                }
            }
            Value::Array(items) => {
                for (index, child) in items.iter().enumerate().rev() {
                    stack.push((child, format!("{pointer}/{index}")));
                }
            }
            _ => {}
        }
    }
    out.sort();
    out.dedup_by(|a, b| a.1 == b.1);
}

/// The file a reference names (`other.yaml#/Pet` → `other.yaml`), `None` for a reference
/// into the same file or to a URL.
pub fn file_part(reference: &str) -> Option<&str> {
    let file = reference.split('#').next().unwrap_or_default();
    if file.is_empty() || is_remote(file) {
        None
    } else {
        Some(file)
    }
}

/// Whether a reference names a network location.
pub fn is_remote(file: &str) -> bool {
    let lower = file.to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Result<Value> {
        parse(Path::new("in.yaml"), text, &Limits::default())
    }

    #[test]
    fn yaml_and_json_parse_alike() {
        let yaml = value("openapi: 3.0.3\nflag: yes\nresponses:\n  200:\n    x: on\n").unwrap();
        assert_eq!(
            yaml,
            serde_json::json!({"openapi": "3.0.3", "flag": "yes", "responses": {"200": {"x": "on"}}})
        );
        let json =
            value(r#"{"openapi": "3.0.3", "flag": "yes", "responses": {"200": {"x": "on"}}}"#)
                .unwrap();
        assert_eq!(json, yaml);
    }

    #[test]
    fn broken_yaml_is_located() {
        let Err(Error::Input(d)) = value("a: [1, 2\nb: c") else {
            panic!("expected an error")
        };
        assert_eq!(d[0].location, "line 2, column 2");
        assert!(d[0].message.starts_with("invalid YAML: "), "{d:?}");
        assert!(!d[0].message.contains('\n'), "{d:?}");
    }

    #[test]
    fn deep_yaml_is_refused() {
        let deep = format!("a: {}", "[".repeat(10_000));
        let Err(Error::Input(d)) = value(&deep) else {
            panic!("expected an error")
        };
        assert!(d[0].message.contains("nesting deeper"), "{d:?}");
        let mut block = String::from("a:\n");
        for level in 1..200 {
            block.push_str(&" ".repeat(level * 2));
            block.push_str("b:\n");
        }
        let Err(Error::Input(d)) = value(&block) else {
            panic!("expected an error")
        };
        assert!(d[0].message.contains("nesting deeper"), "{d:?}");
    }

    #[test]
    fn local_files_load_and_files_outside_the_folder_are_refused() {
        let dir = std::env::temp_dir().join(format!("courier-source-test-{}", std::process::id()));
        let api = dir.join("api");
        std::fs::create_dir_all(api.join("models")).unwrap();
        std::fs::write(api.join("models/pet.yaml"), "Pet: {type: object}\n").unwrap();
        std::fs::write(dir.join("secret.yaml"), "Secret: {type: string}\n").unwrap();
        let root = |reference: &str| serde_json::json!({"openapi": "3.1.0", "components": {"schemas": {"P": {"$ref": reference}}}});
        let doc = api.join("openapi.yaml");
        let spec = load(
            &doc,
            root("models/pet.yaml#/Pet"),
            Version::V31,
            &Limits::default(),
        )
        .expect("a file beside the document loads");
        assert_eq!(spec.files.len(), 2);
        let refused = load(
            &doc,
            root("../secret.yaml#/Secret"),
            Version::V31,
            &Limits::default(),
        );
        let _ = std::fs::remove_dir_all(&dir);
        let Err(Error::Input(d)) = refused else {
            panic!("expected an error, got {refused:?}")
        };
        assert_eq!(d[0].location, "#/components/schemas/P/$ref");
        assert!(
            d[0].message.contains("outside the document's folder"),
            "{d:?}"
        );
    }

    #[test]
    fn versions() {
        let v = |text: &str| {
            let Value::Object(map) = serde_json::from_str::<Value>(text).unwrap() else {
                unreachable!()
            };
            version_of(&map)
        };
        assert_eq!(v(r#"{"openapi":"3.0.3"}"#), Ok(Version::V30));
        assert_eq!(v(r#"{"openapi":"3.1.0"}"#), Ok(Version::V31));
        assert_eq!(v(r#"{"openapi":"3.2.0"}"#), Ok(Version::V32));
        assert_eq!(v(r#"{"openapi":3.0}"#), Ok(Version::V30));
        assert_eq!(v(r#"{"swagger":"2.0"}"#), Ok(Version::Swagger2));
        let (at, message) = v(r#"{"openapi":"4.0"}"#).unwrap_err();
        assert_eq!(at, "openapi");
        assert_eq!(
            message,
            "unsupported OpenAPI version `4.0`; expected 3.0, 3.1 or 3.2"
        );
    }
}
