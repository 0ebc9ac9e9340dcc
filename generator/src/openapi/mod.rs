//! The OpenAPI front end: Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2 documents, JSON or YAML,
//! into the same IR as Postman collections.
//!
//! - [`source`]: reading the document and the local files its `$ref`s name;
//! - [`swagger`]: Swagger 2.0 rewritten into the 3.0 shape, so one lowering serves both;
//! - [`refs`]: `$ref` resolution and reference cycles;
//! - [`schema`]: JSON Schema into named types;
//! - [`operations`]: paths into operations (parameters, bodies, responses);
//! - this module: the document as a whole (servers, security schemes, tags, webhooks).

pub mod evidence;
pub mod operations;
pub mod refs;
pub mod schema;
pub mod source;
pub mod swagger;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};

use crate::docs;
use crate::error::{Diagnostic, Error, Result};
use crate::ir::{
    Api, Group, OperationServer, SchemeKind, SchemeUse, Security, SecurityScheme, Server,
    ServerVariable, TypeId, TypeKind, TypeRef,
};
use crate::lower::Lowered;
use crate::naming;
use operations::{Found, METHODS, OperationInput};
use refs::At;
use schema::{Place, Schemas};
pub use source::{Spec, Version};

/// Lowers a loaded description (read from `file`, named in messages).
pub fn lower(spec: &Spec, file: &Path) -> Result<Lowered> {
    let root = spec.root();
    let mut schemas = Schemas::new(spec);
    // Formats the description's own examples contradict stay strings (see `evidence`).
    for (format, mut places) in evidence::contradicted_formats(spec) {
        // The first in pointer order, whatever order the document lists things in.
        places.sort();
        places.dedup();
        schemas.warnings.push((
            places[0].clone(),
            format!(
                "examples of this schema{} are not valid `{format}` values; every `{format}` \
                 string is typed as `String`",
                match places.len() {
                    1 => String::new(),
                    2 => " and 1 other".to_owned(),
                    n => format!(" and {} others", n - 1),
                },
            ),
        ));
        schemas.untyped_formats.insert(format);
    }
    schemas.components();

    // Operations, in sorted path order.
    let mut found: Vec<Found> = Vec::new();
    let mut op_names = BTreeSet::new();
    let default_server = servers(root.get("servers"))
        .first()
        .and_then(Server::default_url);
    if let Some(Value::Object(paths)) = root.get("paths") {
        let mut keys: Vec<&String> = paths.keys().filter(|key| key.starts_with('/')).collect();
        keys.sort();
        let paths_at = At::root().join("paths");
        for key in keys {
            let item_at = paths_at.join(key);
            let Some(item) = schemas.follow(&item_at, &paths[key.as_str()]) else {
                continue;
            };
            let Some(item_map) = item.value.as_object() else {
                continue;
            };
            let path_params: Vec<(At, &Value)> = item_map
                .get("parameters")
                .and_then(Value::as_array)
                .map(|params| {
                    params
                        .iter()
                        .enumerate()
                        .map(|(index, param)| {
                            (item.at.join("parameters").join(index.to_string()), param)
                        })
                        .collect()
                })
                .unwrap_or_default();
            let mut methods: Vec<(String, At, &Map<String, Value>)> = METHODS
                .iter()
                .filter_map(|method| {
                    let op = item_map.get(*method)?.as_object()?;
                    Some(((*method).to_owned(), item.at.join(method), op))
                })
                .collect();
            // 3.2: other methods, by name.
            if let Some(Value::Object(more)) = item_map.get("additionalOperations") {
                let mut extra: Vec<&String> = more.keys().collect();
                extra.sort();
                for method in extra {
                    if let Some(op) = more[method.as_str()].as_object() {
                        let at = item.at.join("additionalOperations").join(method);
                        methods.push((method.to_ascii_lowercase(), at, op));
                    }
                }
            }
            for (method, at, op) in methods {
                let input = OperationInput {
                    path: key,
                    method: &method,
                    value: op,
                    at,
                    path_params: &path_params,
                    index: found.len(),
                };
                let name = claim_operation(&mut op_names, operations::name_words(&input));
                let mut lowered = operations::lower(&mut schemas, spec, &input, name);
                // The operation's own `servers`, else its path's.
                let own = [
                    (op.get("servers"), &input.at),
                    (item_map.get("servers"), &item.at),
                ]
                .into_iter()
                .find_map(|(value, at)| value.map(|value| (value, at.join("servers"))));
                if let Some((value, at)) = own {
                    lowered.operation.server =
                        operation_server(&mut schemas, value, &at, &default_server);
                }
                found.push(lowered);
            }
        }
    }

    // Webhooks (3.1): their payloads are types of the API.
    let mut webhook_types = Vec::new();
    if let Some(Value::Object(webhooks)) = root.get("webhooks") {
        let mut keys: Vec<&String> = webhooks.keys().collect();
        keys.sort();
        let hooks_at = At::root().join("webhooks");
        for key in keys {
            let item_at = hooks_at.join(key);
            let Ok(item) = refs::follow(spec, &item_at, &webhooks[key.as_str()]) else {
                continue;
            };
            for method in METHODS {
                let Some(body) = item.value.get(*method).and_then(|op| op.get("requestBody"))
                else {
                    continue;
                };
                let body_at = item.at.join(method).join("requestBody");
                let Ok(body) = refs::follow(spec, &body_at, body) else {
                    continue;
                };
                let Some(Value::Object(content)) = body.value.get("content") else {
                    continue;
                };
                for (media, entry) in content {
                    let Some(schema) = entry.get("schema") else {
                        continue;
                    };
                    if operations::body_kind(media) != crate::ir::BodyKind::Json {
                        continue;
                    }
                    let mut words = naming::words(key);
                    words.extend(["webhook".to_owned(), "payload".to_owned()]);
                    let at = body.at.join("content").join(media).join("schema");
                    let ty = schemas.lower(schema, &at, &Place::new(words.clone()), None);
                    webhook_types.push((words, key.clone(), ty));
                    break;
                }
            }
        }
    }
    for (words, key, ty) in webhook_types {
        // A payload that is a component already has its name; others get an alias.
        if !matches!(ty, TypeRef::Named(_)) {
            let id = schemas.types.reserve();
            let name = schemas.claim(words);
            schemas.types.define(
                id,
                crate::ir::TypeDef {
                    name,
                    qualified: None,
                    docs: Some(format!("The payload of the `{key}` webhook.")),
                    holder: None,
                    kind: TypeKind::Alias { target: ty },
                },
            );
        }
    }
    schemas.finish();

    let shown = |at: &At| at.shown(spec);
    if !schemas.errors.is_empty() {
        let mut seen = BTreeSet::new();
        let diagnostics = schemas
            .errors
            .iter()
            .filter(|(at, message)| seen.insert((at.clone(), message.clone())))
            .map(|(at, message)| Diagnostic {
                file: file.to_path_buf(),
                location: shown(at),
                message: message.clone(),
            })
            .collect();
        return Err(Error::Input(diagnostics));
    }
    let mut warnings: Vec<Diagnostic> = schemas
        .warnings
        .iter()
        .map(|(at, message)| Diagnostic {
            file: file.to_path_buf(),
            location: shown(at),
            message: message.clone(),
        })
        .collect();

    // Groups: the tags, sorted by name.
    let mut tags: BTreeMap<String, Option<String>> = BTreeMap::new();
    if let Some(Value::Array(declared)) = root.get("tags") {
        for tag in declared.iter().filter_map(Value::as_object) {
            if let Some(name) = tag.get("name").and_then(Value::as_str) {
                tags.insert(
                    name.to_owned(),
                    tag.get("description")
                        .and_then(Value::as_str)
                        .and_then(docs::clean),
                );
            }
        }
    }
    for op in &found {
        if let Some(tag) = &op.tag {
            tags.entry(tag.clone()).or_insert(None);
        }
    }
    let group_index: BTreeMap<&String, usize> =
        tags.keys().enumerate().map(|(i, name)| (name, i)).collect();
    let groups: Vec<Group> = tags
        .iter()
        .map(|(name, docs)| Group {
            name: name.clone(),
            parent: None,
            docs: docs.clone(),
        })
        .collect();

    // Security: the schemes operations use, sorted by key.
    let declared = declared_schemes(spec, &mut warnings, file);
    let root_security = root.get("security").map(operations::requirements);
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut per_op = Vec::new();
    for (index, op) in found.iter().enumerate() {
        let requirements = op
            .security
            .clone()
            .or_else(|| root_security.clone())
            .unwrap_or_default();
        let mut alternatives = Vec::new();
        for alternative in requirements {
            if alternative.is_empty() {
                continue; // `{}`: credentials are optional; the others are still sent
            }
            let unknown: Vec<&String> = alternative
                .iter()
                .map(|(key, _)| key)
                .filter(|key| !declared.contains_key(*key))
                .collect();
            if !unknown.is_empty() {
                warnings.push(Diagnostic {
                    file: file.to_path_buf(),
                    location: op.operation.source.pointer.clone(),
                    message: format!(
                        "security requirement names undeclared scheme `{}`; skipped",
                        unknown[0]
                    ),
                });
                continue;
            }
            used.extend(alternative.iter().map(|(key, _)| key.clone()));
            alternatives.push(alternative);
        }
        per_op.push((index, alternatives));
    }
    let security_schemes: Vec<SecurityScheme> = used
        .iter()
        .filter_map(|key| declared.get(key).cloned())
        .collect();
    let scheme_index: BTreeMap<&String, usize> = security_schemes
        .iter()
        .enumerate()
        .map(|(index, scheme)| (&scheme.key, index))
        .collect();

    let mut operations = Vec::new();
    for (mut op, (_, alternatives)) in found.into_iter().zip(per_op) {
        op.operation.group = op
            .tag
            .as_ref()
            .and_then(|tag| group_index.get(tag).copied());
        op.operation.security = Security {
            alternatives: alternatives
                .into_iter()
                .map(|alternative| {
                    alternative
                        .into_iter()
                        .filter_map(|(key, scopes)| {
                            Some(SchemeUse {
                                scheme: *scheme_index.get(&key)?,
                                scopes,
                            })
                        })
                        .collect()
                })
                .collect(),
        };
        operations.push(op.operation);
    }

    let info = root.get("info").and_then(Value::as_object);
    let info_text = |key: &str| info.and_then(|info| info.get(key)).and_then(Value::as_str);
    let mut api = Api {
        title: info_text("title")
            .map(|title| title.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|title| !title.is_empty())
            .or_else(|| {
                file.file_stem()
                    .map(|stem| stem.to_string_lossy().into_owned())
            })
            .unwrap_or_else(|| "API".to_owned()),
        version: info_text("version").map(str::to_owned),
        docs: info_text("description").and_then(docs::clean),
        servers: servers(root.get("servers")),
        config: Vec::new(),
        security_schemes,
        groups,
        operations,
        types: std::mem::take(&mut schemas.types),
    };
    let examples = std::mem::take(&mut schemas.examples);
    open_response_enums(&mut api);
    Ok(Lowered {
        api,
        warnings,
        examples,
    })
}

/// A unique operation name: `words`, else `words` + `2`, `3`, ….
fn claim_operation(taken: &mut BTreeSet<String>, words: Vec<String>) -> Vec<String> {
    let words = if words.is_empty() {
        vec!["operation".to_owned()]
    } else {
        words
    };
    if taken.insert(naming::snake_ident(&words, "operation")) {
        return words;
    }
    for n in 2.. {
        let mut candidate = words.clone();
        candidate.push(n.to_string());
        if taken.insert(naming::snake_ident(&candidate, "operation")) {
            return candidate;
        }
    }
    unreachable!("an unbounded range always finds a free name")
}

/// The document's servers. A relative URL (`/api/v3`) gives no default: the base URL is then
/// required configuration, and the server's docs say what it was.
fn servers(servers: Option<&Value>) -> Vec<Server> {
    let Some(Value::Array(servers)) = servers else {
        return Vec::new();
    };
    servers
        .iter()
        .filter_map(Value::as_object)
        .filter_map(|server| {
            let url = server.get("url")?.as_str()?.trim().to_owned();
            let mut variables = Vec::new();
            if let Some(Value::Object(map)) = server.get("variables") {
                for (name, variable) in map {
                    let default = variable
                        .get("default")
                        .map(|value| match value {
                            Value::String(text) => text.clone(),
                            other => other.to_string(),
                        })
                        .unwrap_or_default();
                    let values = variable
                        .get("enum")
                        .and_then(Value::as_array)
                        .map(|values| {
                            values
                                .iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default();
                    variables.push(ServerVariable {
                        name: name.clone(),
                        default,
                        values,
                        docs: variable
                            .get("description")
                            .and_then(Value::as_str)
                            .and_then(docs::clean),
                    });
                }
            }
            // `{origin}` with the default `https://uploads.github.com` is absolute too.
            let resolved = variables
                .iter()
                .fold(url.clone(), |url, variable: &ServerVariable| {
                    url.replace(&format!("{{{}}}", variable.name), &variable.default)
                });
            let absolute = resolved.contains("://");
            let mut docs = server
                .get("description")
                .and_then(Value::as_str)
                .and_then(docs::clean);
            if !absolute {
                let note = format!(
                    "The description gives the relative server URL `{}`.",
                    docs::inline(&url)
                );
                docs = docs::paragraphs([docs, Some(note)]);
            }
            Some(Server {
                url: absolute.then_some(url),
                variable: None,
                variables,
                docs,
            })
        })
        .collect()
}

/// The base URL of a path's or operation's `servers` (at `at`): its first server, when that
/// is absolute and differs from the document's default. Relative and variable-only overrides
/// are reported and not generated.
fn operation_server(
    schemas: &mut Schemas<'_>,
    value: &Value,
    at: &At,
    default: &Option<String>,
) -> Option<OperationServer> {
    let first = servers(Some(value)).into_iter().next()?;
    let Some(url) = first.default_url() else {
        schemas.warnings.push((
            at.clone(),
            "a relative server URL for one path or operation is not generated; its requests go \
             to the client's base URL"
                .to_owned(),
        ));
        return None;
    };
    let normal = |url: &str| url.trim_end_matches('/').to_owned();
    if default.as_deref().map(normal) == Some(normal(&url)) {
        return None;
    }
    if plausible_base_url(&url) {
        // Named by the host's first label that is not a placeholder, else the resolved one's.
        let host_label = |url: &str| {
            let host = url.split("://").nth(1).unwrap_or_default();
            let host = host.split(['/', ':']).next().unwrap_or_default();
            host.split('.')
                .find(|label| !label.is_empty() && !label.contains('{'))
                .map(naming::words)
                .unwrap_or_default()
        };
        let template = first.url.as_deref().unwrap_or_default();
        let mut name = host_label(template);
        if name.is_empty() {
            name = host_label(&url);
        }
        Some(OperationServer {
            url: Some(url),
            variable: None,
            name,
        })
    } else {
        schemas.warnings.push((
            at.clone(),
            format!(
                "the server URL `{}` is not an absolute http(s) URL without query; its requests \
                 go to the client's base URL",
                docs::inline(&url)
            ),
        ));
        None
    }
}

/// An `http(s)` URL with a host and without query, fragment, spaces or unfilled `{…}`: what
/// the generated client's `parse_base_url` accepts (short of a full URL parse).
fn plausible_base_url(url: &str) -> bool {
    let Some(rest) = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
    else {
        return false;
    };
    !rest.is_empty()
        && !rest.starts_with('/')
        && !url
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || matches!(c, '?' | '#' | '{' | '}'))
}

/// Every security scheme the document declares, by key.
fn declared_schemes(
    spec: &Spec,
    warnings: &mut Vec<Diagnostic>,
    file: &Path,
) -> BTreeMap<String, SecurityScheme> {
    let mut out = BTreeMap::new();
    let Some(Value::Object(schemes)) = spec.root().pointer("/components/securitySchemes") else {
        return out;
    };
    let base = At::root().join("components").join("securitySchemes");
    for (key, value) in schemes {
        let at = base.join(key);
        let Ok(target) = refs::follow(spec, &at, value) else {
            continue;
        };
        let Some(map) = target.value.as_object() else {
            continue;
        };
        let text = |key: &str| map.get(key).and_then(Value::as_str);
        let kind = match text("type") {
            Some("http") => match text("scheme").map(str::to_ascii_lowercase).as_deref() {
                Some("bearer") => SchemeKind::Bearer,
                Some("basic") => SchemeKind::Basic,
                Some(other) => SchemeKind::Unsupported {
                    kind: format!("http {other}"),
                },
                None => SchemeKind::Unsupported {
                    kind: "http".to_owned(),
                },
            },
            Some("apiKey") => {
                let location = match text("in") {
                    Some("query") => crate::ir::KeyLocation::Query,
                    Some("cookie") => crate::ir::KeyLocation::Cookie,
                    _ => crate::ir::KeyLocation::Header,
                };
                match text("name") {
                    Some(name) if !name.is_empty() => SchemeKind::ApiKey {
                        name: name.to_owned(),
                        location,
                    },
                    _ => {
                        warnings.push(Diagnostic {
                            file: file.to_path_buf(),
                            location: at.shown(spec),
                            message: "an apiKey scheme without a `name`; sign requests in a hook"
                                .to_owned(),
                        });
                        SchemeKind::Unsupported {
                            kind: "apiKey".to_owned(),
                        }
                    }
                }
            }
            Some("oauth2") => {
                let flows = map.get("flows").and_then(Value::as_object);
                let flow = |name: &str| flows.and_then(|flows| flows.get(name));
                // Only the client-credentials flow gets tokens without a user.
                let token_url = flow("clientCredentials")
                    .and_then(|flow| flow.get("tokenUrl")?.as_str())
                    .map(str::to_owned);
                let mut scopes: Vec<String> = flows
                    .into_iter()
                    .flat_map(|flows| flows.values())
                    .filter_map(|flow| flow.get("scopes")?.as_object())
                    .flat_map(|scopes| scopes.keys().cloned())
                    .collect();
                scopes.sort();
                scopes.dedup();
                SchemeKind::OAuth2 { token_url, scopes }
            }
            Some("openIdConnect") => SchemeKind::OpenIdConnect {
                url: text("openIdConnectUrl").unwrap_or_default().to_owned(),
            },
            other => SchemeKind::Unsupported {
                kind: other.unwrap_or("unknown").to_owned(),
            },
        };
        out.insert(
            key.clone(),
            SecurityScheme {
                key: key.clone(),
                kind,
                variable: None,
                docs: text("description").and_then(docs::clean),
            },
        );
    }
    out
}

/// Enums a response can carry keep values a server adds later.
fn open_response_enums(api: &mut Api) {
    let mut stack: Vec<TypeRef> = api
        .operations
        .iter()
        .flat_map(|op| &op.responses)
        .flat_map(|response| {
            response
                .contents
                .iter()
                .map(|content| content.ty.clone())
                .chain(response.headers.iter().map(|header| header.ty.clone()))
        })
        .collect();
    let mut seen: BTreeSet<TypeId> = BTreeSet::new();
    while let Some(ty) = stack.pop() {
        match ty {
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                stack.push(*inner)
            }
            TypeRef::Named(id) => {
                if !seen.insert(id) {
                    continue;
                }
                let Some(def) = api.types.get(id) else {
                    continue;
                };
                match &def.kind {
                    TypeKind::Struct { fields, additional } => {
                        stack.extend(fields.iter().map(|field| field.ty.clone()));
                        stack.extend(additional.iter().cloned());
                    }
                    TypeKind::Union { variants, .. } => {
                        stack.extend(variants.iter().map(|variant| variant.ty.clone()))
                    }
                    TypeKind::Alias { target } => stack.push(target.clone()),
                    TypeKind::Enum { .. } => {}
                }
            }
            TypeRef::Scalar(_) | TypeRef::Any => {}
        }
    }
    for id in seen {
        let Some(def) = api.types.get(id) else {
            continue;
        };
        if let TypeKind::Enum {
            values,
            open: false,
        } = &def.kind
        {
            // Only string enums can keep an unknown value.
            if values.iter().all(|value| value.value.is_string()) {
                let mut def = def.clone();
                def.kind = TypeKind::Enum {
                    values: values.clone(),
                    open: true,
                };
                api.types.define(id, def);
            }
        }
    }
}
