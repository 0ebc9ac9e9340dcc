//! Lowering a Postman collection into the IR: folders walked, auth inherited, variables and
//! path parameters resolved, and every saved example used as evidence for types.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::artefacts::{self, required_marker};
use super::infer::{self, Shape};
use super::model::{Auth, Collection, FormParam, Header, Item, Request, SavedResponse, Url};
use super::names::operation_names;
use super::typespace::{Direction, Root, TypeSpace};
use super::url::{complete_url, merge_literals, scalar_text, variable_name};
use crate::docs;
use crate::error::Diagnostic;
use crate::ir::{
    Api, BodyKind, ConfigValue, Content, Group, KeyLocation, Location, Operation, OperationServer,
    Param, PathPart, Response, SchemeKind, SchemeUse, Security, SecurityScheme, Server, Source,
    Status, TypeRef,
};
use crate::lower::{Example, ExampleOf, Lowered};
use crate::naming;

mod bodies;

/// What the IR calls a request of a collection, in docs.
const NOUN: &str = "Postman item";

/// A base URL as a request writes it: the variable it comes from and its value.
type Base = (Option<String>, Option<String>);

/// Lowers `collection` (read from `file`, used in messages).
pub fn lower(collection: &Collection, file: &Path) -> Lowered {
    let mut lowering = Lowering {
        file: file.to_owned(),
        collection,
        types: TypeSpace::new(),
        auth_schemes: Vec::new(),
        groups: Vec::new(),
        bases: BTreeMap::new(),
        operation_bases: Vec::new(),
        operations: Vec::new(),
        warnings: Vec::new(),
        examples: Vec::new(),
        variables: Vec::new(),
        names: operation_names(&collection.item),
    };
    let root_auth = collection.auth.as_ref();
    lowering.walk(&collection.item, "item", &[], None, root_auth);
    let Lowering {
        types,
        mut auth_schemes,
        mut operations,
        warnings,
        examples,
        mut variables,
        bases,
        operation_bases,
        groups,
        ..
    } = lowering;
    // Decisions by a sorted key, never by which request came first: the host most requests
    // use (ties: the first in sorted order), schemes and variables sorted.
    let main = bases
        .into_iter()
        .max_by(|(a, count_a), (b, count_b)| count_a.cmp(count_b).then_with(|| b.cmp(a)))
        .map(|(base, _)| base)
        .filter(|(variable, url)| variable.is_some() || url.is_some());
    // Requests on another host keep it: one base URL per distinct host.
    for (op, base) in operations.iter_mut().zip(operation_bases) {
        if Some(&base) != main.as_ref() {
            op.server = operation_server(base);
        }
    }
    let servers = main
        .map(|(variable, url)| Server {
            url,
            variable,
            variables: Vec::new(),
            docs: None,
        })
        .into_iter()
        .collect();
    canonical_order(&mut auth_schemes, &mut variables, &mut operations);
    Lowered {
        api: Api {
            title: one_line(&collection.info.name),
            version: None,
            docs: collection
                .info
                .description
                .as_ref()
                .and_then(|description| docs::clean(description.text())),
            servers,
            config: variables,
            security_schemes: auth_schemes,
            groups,
            operations,
            types: types.finish(),
        },
        warnings,
        examples,
    }
}

struct Lowering<'a> {
    file: PathBuf,
    collection: &'a Collection,
    types: TypeSpace,
    auth_schemes: Vec<SecurityScheme>,
    /// Folders, as groups.
    groups: Vec<Group>,
    /// How many requests use each base URL.
    bases: BTreeMap<Base, usize>,
    /// By operation: its base URL.
    operation_bases: Vec<Base>,
    operations: Vec<Operation>,
    warnings: Vec<Diagnostic>,
    examples: Vec<Example>,
    variables: Vec<ConfigValue>,
    /// Operation names decided up front, by request location.
    names: BTreeMap<String, Vec<String>>,
}

impl<'a> Lowering<'a> {
    fn warn(&mut self, location: &str, message: impl Into<String>) {
        self.warnings.push(Diagnostic {
            file: self.file.clone(),
            location: location.to_owned(),
            message: message.into(),
        });
    }

    fn walk(
        &mut self,
        items: &'a [Item],
        prefix: &str,
        folders: &[String],
        group: Option<usize>,
        auth: Option<&'a Auth>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let location = format!("{prefix}[{index}]");
            let auth = item.auth.as_ref().or(auth);
            if item.is_folder() {
                let mut path = folders.to_vec();
                path.push(one_line(&item.name));
                self.groups.push(Group {
                    name: one_line(&item.name),
                    parent: group,
                    docs: item
                        .description
                        .as_ref()
                        .and_then(|description| docs::clean(description.text())),
                });
                let id = self.groups.len() - 1;
                self.walk(
                    item.children(),
                    &format!("{location}.item"),
                    &path,
                    Some(id),
                    auth,
                );
            } else if let Some(request) = &item.request {
                let auth = request.auth.as_ref().or(auth);
                self.operation(item, request, &location, folders, group, auth);
            }
        }
    }

    fn operation(
        &mut self,
        item: &Item,
        request: &Request,
        location: &str,
        folders: &[String],
        group: Option<usize>,
        auth: Option<&Auth>,
    ) {
        let name = self
            .names
            .get(location)
            .cloned()
            .unwrap_or_else(|| vec!["operation".to_owned()]);
        let type_prefix = naming::type_ident(&name, "Operation");

        let method = request.method.trim().to_ascii_uppercase();
        if method.is_empty() || !method.bytes().all(is_token_byte) {
            self.warn(
                &format!("{location}.request.method"),
                format!("`{method}` is not an HTTP method; the request is skipped"),
            );
            return;
        }

        let url = request.url.clone().map(complete_url).unwrap_or_default();
        let (path, mut params) = self.path(&url);
        let mut query: Vec<Param> = Vec::new();
        let kept_query = first_enabled(
            url.query
                .iter()
                .map(|param| (param.key.clone().unwrap_or_default(), !param.disabled)),
        );
        for (index, param) in url.query.iter().enumerate() {
            let Some(key) = param.key.as_deref().filter(|key| !key.is_empty()) else {
                continue;
            };
            if !kept_query[index] {
                self.warn(
                    &format!("{location}.request.url.query[{index}]"),
                    format!(
                        "query parameter `{key}` repeats; only one is kept (the first enabled)"
                    ),
                );
                continue;
            }
            let param = self.param(
                key,
                Location::Query,
                param.description.as_ref().map(|d| d.text()),
                param.value.as_deref(),
                &type_prefix,
                !param.disabled,
            );
            query.push(param);
        }
        let mut headers: Vec<Param> = Vec::new();
        let mut content_type = None;
        let mut authorization = None;
        let kept_headers = first_enabled(
            request
                .header
                .iter()
                .map(|header| (header.key.trim().to_ascii_lowercase(), !header.disabled)),
        );
        for (header, kept) in request.header.iter().zip(kept_headers) {
            let key = header.key.trim();
            let lower = key.to_ascii_lowercase();
            if lower == "content-type" && !header.disabled && content_type.is_none() {
                content_type = Some(header);
            }
            if lower == "authorization" && !header.disabled && authorization.is_none() {
                authorization = Some(header);
            }
            // The body's encoding decides the content type (a multipart boundary must be
            // generated), and credentials come from the client's configuration.
            if key.is_empty() || lower == "content-type" || lower == "authorization" || !kept {
                continue;
            }
            headers.push(self.header_param(header, &type_prefix));
        }
        // Postman's runtime drops the body of a GET, COPY, HEAD, PURGE or UNLOCK unless the
        // item says `disableBodyPruning`: the client sends what Postman sends.
        let pruned = matches!(
            method.to_ascii_uppercase().as_str(),
            "GET" | "COPY" | "HEAD" | "PURGE" | "UNLOCK"
        ) && !item.keeps_body();
        let body = if pruned {
            if request.body.as_ref().is_some_and(|body| !body.disabled) {
                self.warn(
                    &format!("{location}.request.body"),
                    format!(
                        "the body of a {method} is not sent (Postman drops it unless the item \
                         sets `protocolProfileBehavior.disableBodyPruning`)"
                    ),
                );
            }
            None
        } else {
            self.body(item, request, location, &type_prefix)
        };
        // Without a body nothing decides the content type: the declared one is sent as
        // Postman sends it (some servers route or validate by it even on a GET).
        if body.is_none()
            && let Some(header) = content_type
        {
            headers.push(self.header_param(header, &type_prefix));
        }
        // Postman's auth replaces a written `Authorization` header; without one, the header is
        // what is sent: `Bearer {{token}}` is a bearer credential, anything else a parameter.
        let mut security = self.auth(auth);
        if security.is_none()
            && let Some(header) = authorization
        {
            let value = header.value.as_deref().unwrap_or_default().trim();
            match value.split_once(' ') {
                Some((scheme, token)) if scheme.eq_ignore_ascii_case("bearer") => {
                    let variable = variable_name(token.trim()).map(str::to_owned);
                    security = self.scheme("bearer".to_owned(), SchemeKind::Bearer, variable);
                }
                _ => headers.push(self.header_param(header, &type_prefix)),
            }
        }
        params.extend(query);
        params.extend(headers);
        let responses = self.responses(item, location, &type_prefix);
        let security = match security {
            Some(scheme) => Security {
                alternatives: vec![vec![SchemeUse {
                    scheme,
                    scopes: Vec::new(),
                }]],
            },
            None => Security::default(),
        };
        let mut label = folders.to_vec();
        label.push(one_line(&item.name));

        self.operation_bases.push(self.base_of(&url));
        self.operations.push(Operation {
            name,
            operation_id: None,
            title: one_line(&item.name),
            docs: request
                .description
                .as_ref()
                .or(item.description.as_ref())
                .and_then(|description| docs::clean(description.text())),
            group,
            source: Source {
                pointer: location.to_owned(),
                noun: NOUN.to_owned(),
                label,
            },
            method,
            path,
            params,
            body,
            responses,
            security,
            deprecated: false,
            server: None,
            paging: None,
        });
    }

    /// A header parameter, sent with its written value unless Postman has it disabled.
    fn header_param(&mut self, header: &Header, type_prefix: &str) -> Param {
        self.param(
            header.key.trim(),
            Location::Header,
            header.description.as_ref().map(|d| d.text()),
            header.value.as_deref(),
            type_prefix,
            !header.disabled,
        )
    }

    /// A query or header parameter: `(Required) ` and `(This can only be one of …)` read as
    /// facts, placeholder values ignored.
    fn param(
        &mut self,
        key: &str,
        location: Location,
        description: Option<&str>,
        value: Option<&str>,
        type_prefix: &str,
        sent_as_written: bool,
    ) -> Param {
        let (required, rest) = match description {
            Some(text) => required_marker(text),
            None => (false, ""),
        };
        let (rest, values) = artefacts::enum_suffix(rest);
        let mut description = docs::clean(rest);
        // A variable the collection does not define (an environment's): the setter stands for
        // it, so its docs name it.
        if let Some(name) = value.map(str::trim).and_then(variable_name)
            && !self.collection.variable.iter().any(|v| v.name() == name)
        {
            let note = format!(
                "The `{{{{{}}}}}` variable of the collection.",
                crate::docs::inline(name)
            );
            description = docs::paragraphs([description, Some(note)]);
        }
        let ty = match values {
            Some(values) => {
                self.types
                    .add_enum(&naming::words(key), type_prefix, key, "parameter", values)
            }
            None => TypeRef::STRING,
        };
        // A value that is exactly `{{variable}}` comes from the client's configuration when the
        // parameter is enabled (an unticked one is not sent unless set, as in Postman).
        // (Undefined ones are per-call values: the parameter's setter is the way to give them.)
        let default_variable = value
            .filter(|_| sent_as_written)
            .map(str::trim)
            .and_then(variable_name)
            .filter(|name| self.collection.variable.iter().any(|v| v.name() == *name))
            .map(|name| self.variable(name, false));
        // An enabled header or query parameter with a real value is sent as Postman sends it,
        // unless overridden (an enum's value only when it is one of the enum's).
        // (`{{variables}}` inside a value are filled in with the collection's values; one
        // without a value makes the whole value the caller's to give.)
        let default = (sent_as_written && default_variable.is_none())
            .then(|| example(value))
            .flatten()
            .and_then(|value| self.substitute(&value));
        Param {
            default: default.map(serde_json::Value::String),
            fallback: default_variable,
            examples: example(value)
                .map(serde_json::Value::String)
                .into_iter()
                .collect(),
            docs: description,
            ..Param::new(key, location, required, ty)
        }
    }

    /// The index of configuration variable `name`, registering it on first use with the
    /// collection's value as its default.
    fn variable(&mut self, name: &str, required: bool) -> usize {
        if let Some(index) = self.variables.iter().position(|v| v.name == name) {
            if let Some(variable) = self.variables.get_mut(index) {
                variable.required |= required;
            }
            return index;
        }
        let defined = self.collection.variable.iter().find(|v| v.name() == name);
        self.variables.push(ConfigValue {
            name: name.to_owned(),
            default: defined.and_then(|v| scalar_text(&v.value)),
            docs: defined
                .and_then(|v| v.description.as_ref())
                .and_then(|d| docs::clean(d.text())),
            required,
        });
        self.variables.len() - 1
    }

    /// Splits the URL into the base (recorded once for the API) and the path.
    fn path(&mut self, url: &Url) -> (Vec<PathPart>, Vec<Param>) {
        let base = self.base_of(url);
        *self.bases.entry(base).or_default() += 1;
        let mut parts = Vec::new();
        let mut params = Vec::new();
        for segment in &url.path {
            let value = segment.value.as_str();
            if let Some(name) = value.strip_prefix(':').filter(|name| !name.is_empty()) {
                let variable = url.variable.iter().find(|variable| variable.name() == name);
                let (_, description) = described(
                    variable
                        .and_then(|v| v.description.as_ref())
                        .map(|d| d.text()),
                );
                parts.push(PathPart::Literal("/".to_owned()));
                // Postman fills every `:name` of one name with the same value: one parameter.
                if let Some(index) = params.iter().position(|p: &Param| p.wire_name == name) {
                    parts.push(PathPart::Param(index));
                    continue;
                }
                parts.push(PathPart::Param(params.len()));
                let examples = variable
                    .and_then(|v| v.value.as_str())
                    .and_then(|v| example(Some(v)))
                    .map(serde_json::Value::String);
                params.push(path_param(name, description, examples));
                continue;
            }
            // Literal text with `{{variable}}` pieces: defined variables come from the client's
            // configuration, undefined ones are arguments.
            parts.push(PathPart::Literal("/".to_owned()));
            // A nested reference (`{{hello_{{var}}}}`) is resolved innermost first, as newman
            // does; what stays undefined is read as written.
            let filled;
            let mut rest = if has_nested_reference(value) {
                filled = self.fill(value).0;
                filled.as_str()
            } else {
                value
            };
            while let Some(start) = rest.find("{{") {
                let Some(length) = rest[start + 2..].find("}}") else {
                    break;
                };
                let name = &rest[start + 2..start + 2 + length];
                if name.is_empty() || name.contains('{') {
                    break;
                }
                parts.push(PathPart::Literal(rest[..start].to_owned()));
                let defined = self.collection.variable.iter().any(|v| v.name() == name);
                if defined {
                    parts.push(PathPart::Config(self.variable(name, true)));
                } else {
                    // Undefined in the collection (an environment value, usually an id that
                    // changes per call): an argument of the method, like `:name`.
                    let index = match params.iter().position(|p: &Param| p.wire_name == name) {
                        Some(index) => index,
                        None => {
                            params.push(path_param(
                                name,
                                Some(format!(
                                    "The `{{{{{}}}}}` variable of the collection.",
                                    crate::docs::inline(name)
                                )),
                                None,
                            ));
                            params.len() - 1
                        }
                    };
                    parts.push(PathPart::Param(index));
                }
                rest = &rest[start + 2 + length + 2..];
            }
            parts.push(PathPart::Literal(rest.to_owned()));
        }
        (merge_literals(parts), params)
    }

    /// `text` with every `{{variable}}` replaced by the collection's value; `None` when one has
    /// no value.
    fn substitute(&self, text: &str) -> Option<String> {
        let (filled, complete) = self.fill(text);
        complete.then_some(filled)
    }

    /// `text` with every `{{variable}}` the collection defines replaced by its value, as
    /// newman does: innermost first (`{{a_{{b}}}}`), the others left as written; and whether
    /// none was left.
    pub(super) fn fill(&self, text: &str) -> (String, bool) {
        let mut text = text.to_owned();
        // Each round replaces the innermost references; values may refer to others.
        for _ in 0..8 {
            let mut out = String::with_capacity(text.len());
            let mut rest = text.as_str();
            let mut changed = false;
            while let Some(start) = rest.find("{{") {
                let after = &rest[start + 2..];
                let Some(length) = after.find("}}") else {
                    break;
                };
                let name = &after[..length];
                if name.contains("{{") {
                    // An outer reference: its inner one comes first.
                    let inner = start + 2 + name.rfind("{{").expect("contains it");
                    out.push_str(&rest[..inner]);
                    rest = &rest[inner..];
                    continue;
                }
                let value = self
                    .collection
                    .variable
                    .iter()
                    .find(|v| v.name() == name)
                    .and_then(|v| scalar_text(&v.value));
                out.push_str(&rest[..start]);
                match value {
                    Some(value) => {
                        out.push_str(&value);
                        changed = true;
                    }
                    None => out.push_str(&rest[start..start + 2 + length + 2]),
                }
                rest = &rest[start + 2 + length + 2..];
            }
            out.push_str(rest);
            text = out;
            if !changed {
                break;
            }
        }
        let complete = !text
            .find("{{")
            .is_some_and(|start| text[start + 2..].contains("}}"));
        (text, complete)
    }

    /// The base URL a request's host denotes: a `{{variable}}` (whose value is the default)
    /// or a literal scheme, host and port.
    fn base_of(&self, url: &Url) -> Base {
        if let [host] = url.host.as_slice()
            && let Some(variable) = variable_name(host)
        {
            let default = self
                .collection
                .variable
                .iter()
                .find(|v| v.name() == variable)
                .and_then(|v| v.value.as_str())
                .map(str::to_owned);
            return (Some(variable.to_owned()), default);
        }
        if url.host.is_empty() {
            return (None, None);
        }
        let scheme = url.protocol.as_deref().unwrap_or("https");
        let port = url
            .port
            .as_deref()
            .map(|port| format!(":{port}"))
            .unwrap_or_default();
        let written = format!("{scheme}://{}{port}", url.host.join("."));
        (None, self.substitute(&written))
    }

    fn responses(&mut self, item: &Item, location: &str, prefix: &str) -> Vec<Response> {
        let mut by_status: BTreeMap<u16, Vec<(usize, &SavedResponse)>> = BTreeMap::new();
        for (index, saved) in item.response.iter().enumerate() {
            match saved.code {
                Some(code) if (100..=599).contains(&code) => {
                    by_status.entry(code).or_default().push((index, saved))
                }
                _ => self.warn(
                    &format!("{location}.response[{index}].code"),
                    "saved response without a valid status code; it is not used",
                ),
            }
        }
        let success_count = by_status
            .keys()
            .filter(|code| (200..300).contains(*code))
            .count();
        let mut responses = Vec::new();
        for (status, saved) in by_status {
            let mut reason = None;
            let mut descriptions = Vec::new();
            let mut error_codes: Vec<artefacts::ErrorCode> = Vec::new();
            let mut shape: Option<Shape> = None;
            let mut has_text = false;
            for (index, example) in &saved {
                let parsed = artefacts::response_name(example.name.as_deref().unwrap_or_default());
                reason = reason.or(parsed.reason).or_else(|| {
                    example
                        .status
                        .as_deref()
                        .map(one_line)
                        .filter(|status| !status.is_empty())
                });
                if let Some(description) = parsed.description
                    && !descriptions.contains(&description)
                {
                    descriptions.push(description);
                }
                for code in parsed.error_codes {
                    if !error_codes.contains(&code) {
                        error_codes.push(code);
                    }
                }
                let text = example.body.as_deref().unwrap_or_default();
                match infer::json_example(text) {
                    Some(value) => {
                        self.examples.push(Example {
                            of: ExampleOf::Response {
                                operation: self.operations.len(),
                                status,
                            },
                            location: format!("{location}.response[{index}]"),
                            body: text.to_owned(),
                        });
                        let previous = shape.take().unwrap_or(Shape::Unknown);
                        shape = Some(infer::unify(previous, infer::shape_of(&value)));
                    }
                    None => has_text |= !text.trim().is_empty(),
                }
            }
            let description = docs::paragraphs(descriptions.into_iter().map(Some));
            let contents = match shape {
                Some(shape) => {
                    let name = if (200..300).contains(&status) {
                        if success_count > 1 {
                            format!("{prefix}Response{status}")
                        } else {
                            format!("{prefix}Response")
                        }
                    } else {
                        let reason_words =
                            naming::words(reason.as_deref().unwrap_or(&format!("status {status}")));
                        format!("{prefix}{}", naming::type_ident(&reason_words, "Error"))
                    };
                    let root = Root::Response(self.operations.len(), Status::Code(status));
                    let ty = self
                        .types
                        .add_root(&name, root, Direction::Response, &shape);
                    vec![Content {
                        kind: BodyKind::Json,
                        media_type: Some("application/json".to_owned()),
                        ty,
                    }]
                }
                None if has_text => vec![Content {
                    kind: BodyKind::Text,
                    media_type: None,
                    ty: TypeRef::STRING,
                }],
                None => Vec::new(),
            };
            // Zoom-style error codes belong to the status's documentation.
            let codes = (!error_codes.is_empty()).then(|| {
                error_codes
                    .iter()
                    .map(|code| match &code.message {
                        Some(message) => format!(
                            "Error code `{}`:\n{}",
                            crate::docs::inline(&code.code),
                            message
                        ),
                        None => format!("Error code `{}`.", crate::docs::inline(&code.code)),
                    })
                    .collect::<Vec<_>>()
                    .join("\n\n")
            });
            responses.push(Response {
                status: Status::Code(status),
                reason,
                headers: Vec::new(),
                contents,
                docs: docs::paragraphs([description, codes]),
            });
        }
        responses
    }

    /// The effective auth of a request, as an index into the API's schemes.
    fn auth(&mut self, auth: Option<&Auth>) -> Option<usize> {
        let auth = auth?;
        // The variable a token comes from: `{{token}}` and `{{application_token}}` are two
        // credentials, configured apart.
        let token_variable = |param: &str| {
            auth.param(param)
                .as_deref()
                .map(str::trim)
                .and_then(variable_name)
                .map(str::to_owned)
        };
        let (key, kind, variable) = match auth.kind.as_str() {
            "noauth" => return None,
            "bearer" => (
                "bearer".to_owned(),
                SchemeKind::Bearer,
                token_variable("token"),
            ),
            "oauth2" => (
                "oauth2".to_owned(),
                SchemeKind::OAuth2 {
                    // Only the client-credentials grant gets tokens without a user.
                    token_url: (auth.param("grant_type").as_deref() == Some("client_credentials"))
                        .then(|| auth.param("accessTokenUrl"))
                        .flatten()
                        .map(|url| url.trim().to_owned())
                        .filter(|url| !url.is_empty() && variable_name(url).is_none()),
                    scopes: Vec::new(),
                },
                token_variable("accessToken"),
            ),
            // One basic credential per user-name variable, like tokens.
            "basic" => (
                "basic".to_owned(),
                SchemeKind::Basic,
                token_variable("username"),
            ),
            "apikey" => {
                let name = auth
                    .param("key")
                    .map(|key| key.trim().to_owned())
                    .filter(|key| !key.is_empty() && variable_name(key).is_none())
                    .unwrap_or_else(|| "X-API-Key".to_owned());
                let location = match auth.param("in").as_deref() {
                    Some("query") => KeyLocation::Query,
                    _ => KeyLocation::Header,
                };
                (
                    format!("apikey {location:?} {name}"),
                    SchemeKind::ApiKey { name, location },
                    None,
                )
            }
            other => {
                let kind = one_line(other);
                (kind.clone(), SchemeKind::Unsupported { kind }, None)
            }
        };
        self.scheme(key, kind, variable)
    }

    /// The index of the scheme `key` (with the token in `variable`), registered on first use.
    fn scheme(&mut self, key: String, kind: SchemeKind, variable: Option<String>) -> Option<usize> {
        let key = match &variable {
            Some(variable) => format!("{key} {{{{{variable}}}}}"),
            None => key,
        };
        if let Some(index) = self
            .auth_schemes
            .iter()
            .position(|scheme| scheme.key == key)
        {
            return Some(index);
        }
        if let SchemeKind::Unsupported { kind } = &kind {
            self.warn(
                "auth",
                format!(
                    "`{kind}` authentication cannot be generated; requests using it must be \
                     signed with `ClientBuilder::request_hook`"
                ),
            );
        }
        self.auth_schemes.push(SecurityScheme {
            key,
            kind,
            variable,
            docs: None,
        });
        Some(self.auth_schemes.len() - 1)
    }
}

/// The server of requests whose base URL is not the API's: named after its variable
/// (`{{pci-host}}`: `pci_host`), or the host's first telling label (`login` for
/// `https://login.microsoftonline.com`). A literal that is not an http(s) URL, or no host at
/// all, leaves the request on the API's base URL.
fn operation_server((variable, url): Base) -> Option<OperationServer> {
    let name = match (&variable, &url) {
        (Some(variable), _) => {
            let mut words = naming::words(variable);
            // `auth_url` and `baseUrl2`'s kin: the setter adds `base_url` itself.
            while words
                .last()
                .is_some_and(|word| word == "url" || word == "base")
                && words.len() > 1
            {
                words.pop();
            }
            words
        }
        (None, Some(url)) => {
            let host = url
                .strip_prefix("https://")
                .or_else(|| url.strip_prefix("http://"))?;
            let host = host.split(['/', ':', '?', '#']).next().unwrap_or_default();
            let label = host
                .split('.')
                .find(|label| !label.is_empty() && *label != "api" && *label != "www")
                .unwrap_or(host);
            naming::words(label)
        }
        (None, None) => return None,
    };
    let url = url.filter(|url| url.starts_with("https://") || url.starts_with("http://"));
    if variable.is_none() && url.is_none() {
        return None;
    }
    Some(OperationServer {
        url,
        variable,
        name,
    })
}

/// A path parameter (always required: a path cannot be sent without it).
fn path_param(name: &str, docs: Option<String>, example: Option<serde_json::Value>) -> Param {
    Param {
        examples: example.into_iter().collect(),
        docs,
        ..Param::new(name, Location::Path, true, TypeRef::STRING)
    }
}

/// Sorts security schemes and configuration values and renumbers the operations' references
/// to them, so that their order (and the names decided in it) does not follow the document.
fn canonical_order(
    schemes: &mut Vec<SecurityScheme>,
    variables: &mut Vec<ConfigValue>,
    operations: &mut [Operation],
) {
    fn permutation<T>(items: &mut Vec<T>, key: impl Fn(&T) -> String) -> Vec<usize> {
        let mut order: Vec<usize> = (0..items.len()).collect();
        order.sort_by_key(|&index| key(&items[index]));
        let mut new_index = vec![0; items.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
        items.extend(order.iter().filter_map(|&old| slots[old].take()));
        new_index
    }
    let scheme_index = permutation(schemes, |scheme| scheme.key.clone());
    let variable_index = permutation(variables, |variable| variable.name.clone());
    for op in operations {
        for alternative in &mut op.security.alternatives {
            for used in alternative {
                if let Some(new) = scheme_index.get(used.scheme) {
                    used.scheme = *new;
                }
            }
        }
        for part in &mut op.path {
            if let PathPart::Config(index) = part
                && let Some(new) = variable_index.get(*index)
            {
                *index = *new;
            }
        }
        for param in &mut op.params {
            param.fallback = param
                .fallback
                .and_then(|index| variable_index.get(index).copied());
        }
    }
}

/// Whether `text` has a `{{…}}` reference with another inside it (`{{a_{{b}}}}`).
fn has_nested_reference(text: &str) -> bool {
    text.find("{{").is_some_and(|start| {
        let after = &text[start + 2..];
        after
            .find("}}")
            .is_some_and(|end| after[..end].contains("{{"))
    })
}

/// For each `(name, enabled)`, whether it is the one kept for its name: the first enabled
/// one, else the first (Postman sends the enabled ones; a setter stands for one name).
fn first_enabled(entries: impl Iterator<Item = (String, bool)>) -> Vec<bool> {
    let entries: Vec<(String, bool)> = entries.collect();
    let mut chosen: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, (name, enabled)) in entries.iter().enumerate() {
        match chosen.get(name.as_str()) {
            Some(&previous) if entries[previous].1 || !*enabled => {}
            _ => {
                chosen.insert(name, index);
            }
        }
    }
    (0..entries.len())
        .map(|index| chosen.get(entries[index].0.as_str()) == Some(&index))
        .collect()
}

/// The JSON shape of a text form field whose value is a JSON object or array.
fn form_json_shape(param: &FormParam) -> Option<Shape> {
    if param.is_file() {
        return None;
    }
    infer::json_example(param.value.as_deref()?).map(|value| infer::shape_of(&value))
}

/// `(required, cleaned description)` from a description with a possible `(Required) ` marker.
fn described(text: Option<&str>) -> (bool, Option<String>) {
    match text {
        Some(text) => {
            let (required, rest) = required_marker(text);
            (required, docs::clean(rest))
        }
        None => (false, None),
    }
}

/// An example value worth showing in docs: not empty, not a placeholder, not a variable.
fn example(value: Option<&str>) -> Option<String> {
    let value = value?.trim();
    (!value.is_empty() && !artefacts::is_placeholder(value) && variable_name(value).is_none())
        .then(|| value.to_owned())
}

/// HTTP method characters (RFC 9110 `token`).
fn is_token_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&byte)
}

/// Text on one line with surrounding space trimmed.
fn one_line(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|&c| c.is_whitespace() || docs::keep(c))
        .collect();
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
