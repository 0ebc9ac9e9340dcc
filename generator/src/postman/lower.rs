//! Lowering a Postman collection into the IR: folders walked, auth inherited, variables and
//! path parameters resolved, and every saved example used as evidence for types.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::artefacts::{self, required_marker};
use super::model::{
    Auth, Body, BodyMode, Collection, FormParam, Item, Request, SavedResponse, Url,
};
use crate::docs;
use crate::error::Diagnostic;
use crate::infer::{self, Shape};
use crate::ir::{
    Api, AuthScheme, BaseUrl, Direction, ErrorCode, FormEncoding, FormField, KeyLocation,
    Operation, Param, PathPart, RequestBody, Response, ResponseBody, SourceRef, TypeRef, Variable,
};
use crate::naming::{self, Namespace};
use crate::typespace::{DeclaredField, TypeSpace};

/// The result of lowering: the API and what could not be represented.
#[derive(Debug)]
pub struct Lowered {
    /// The API.
    pub api: Api,
    /// Parts of the input that were skipped or approximated.
    pub warnings: Vec<Diagnostic>,
    /// Every saved response with a JSON body, for checking the generated types against them.
    pub examples: Vec<Example>,
}

/// A saved response's JSON body and where its type is.
#[derive(Debug, Clone)]
pub struct Example {
    /// Index of the operation in [`Api::operations`].
    pub operation: usize,
    /// Its status.
    pub status: u16,
    /// Location in the input, e.g. `item[3].response[0]`.
    pub location: String,
    /// The body text.
    pub body: String,
}

/// Lowers `collection` (read from `file`, used in messages).
pub fn lower(collection: &Collection, file: &Path) -> Lowered {
    let mut lowering = Lowering {
        file: file.to_owned(),
        collection,
        types: TypeSpace::new(),
        auth_schemes: Vec::new(),
        base_url: None,
        operations: Vec::new(),
        warnings: Vec::new(),
        examples: Vec::new(),
        variables: Vec::new(),
        names: operation_names(&collection.item),
    };
    let root_auth = collection.auth.as_ref();
    lowering.walk(&collection.item, "item", &[], root_auth);
    let base_url = lowering.base_url.take().unwrap_or(BaseUrl {
        variable: None,
        default: None,
    });
    let Lowering {
        types,
        auth_schemes,
        operations,
        warnings,
        examples,
        variables,
        ..
    } = lowering;
    Lowered {
        api: Api {
            title: one_line(&collection.info.name),
            description: collection
                .info
                .description
                .as_ref()
                .and_then(|description| docs::clean(description.text())),
            base_url,
            variables,
            auth_schemes,
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
    auth_schemes: Vec<AuthScheme>,
    base_url: Option<BaseUrl>,
    operations: Vec<Operation>,
    warnings: Vec<Diagnostic>,
    examples: Vec<Example>,
    variables: Vec<Variable>,
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
        auth: Option<&'a Auth>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let location = format!("{prefix}[{index}]");
            let auth = item.auth.as_ref().or(auth);
            if item.is_folder() {
                let mut path = folders.to_vec();
                path.push(one_line(&item.name));
                self.walk(item.children(), &format!("{location}.item"), &path, auth);
            } else if let Some(request) = &item.request {
                let auth = request.auth.as_ref().or(auth);
                self.operation(item, request, &location, folders, auth);
            }
        }
    }

    fn operation(
        &mut self,
        item: &Item,
        request: &Request,
        location: &str,
        folders: &[String],
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
        let (path, path_params) = self.path(&url);
        let mut query: Vec<Param> = Vec::new();
        for (index, param) in url.query.iter().enumerate() {
            let Some(key) = param.key.as_deref().filter(|key| !key.is_empty()) else {
                continue;
            };
            if query.iter().any(|existing| existing.wire_name == key) {
                self.warn(
                    &format!("{location}.request.url.query[{index}]"),
                    format!("query parameter `{key}` repeats; only the first is kept"),
                );
                continue;
            }
            let param = self.param(
                key,
                param.description.as_ref().map(|d| d.text()),
                param.value.as_deref(),
                &type_prefix,
                false,
            );
            query.push(param);
        }
        let mut headers: Vec<Param> = Vec::new();
        for header in &request.header {
            let key = header.key.trim();
            let lower = key.to_ascii_lowercase();
            // The body's encoding decides the content type (a multipart boundary must be
            // generated), and credentials come from the client's configuration.
            if key.is_empty()
                || lower == "content-type"
                || lower == "authorization"
                || headers
                    .iter()
                    .any(|existing| existing.wire_name.eq_ignore_ascii_case(key))
            {
                continue;
            }
            let param = self.param(
                key,
                header.description.as_ref().map(|d| d.text()),
                header.value.as_deref(),
                &type_prefix,
                !header.disabled,
            );
            headers.push(param);
        }

        let body = self.body(item, request, location, &type_prefix);
        let responses = self.responses(item, location, &type_prefix);
        let auth = self.auth(auth);

        self.operations.push(Operation {
            name,
            title: one_line(&item.name),
            description: request
                .description
                .as_ref()
                .or(item.description.as_ref())
                .and_then(|description| docs::clean(description.text())),
            source: SourceRef {
                folders: folders.to_vec(),
                name: one_line(&item.name),
                location: location.to_owned(),
            },
            method,
            path,
            path_params,
            query,
            headers,
            body,
            responses,
            auth,
        });
    }

    /// A query or header parameter: `(Required) ` and `(This can only be one of …)` read as
    /// facts, placeholder values ignored.
    fn param(
        &mut self,
        key: &str,
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
        let description = docs::clean(rest);
        let ty = match values {
            Some(values) => self.types.add_enum(
                &naming::words(key),
                type_prefix,
                Some(format!(
                    "The values the `{}` parameter accepts.",
                    crate::docs::inline(key)
                )),
                values,
            ),
            None => TypeRef::String,
        };
        // A value that is exactly `{{variable}}` comes from the client's configuration.
        // (Undefined ones are per-call values: the parameter's setter is the way to give them.)
        let default_variable = value
            .map(str::trim)
            .and_then(variable_name)
            .filter(|name| self.collection.variable.iter().any(|v| v.name() == *name))
            .map(|name| self.variable(name, false));
        // An enabled header with a real value is sent as Postman sends it, unless overridden.
        let default = (sent_as_written && ty == TypeRef::String && default_variable.is_none())
            .then(|| example(value))
            .flatten();
        Param {
            wire_name: key.to_owned(),
            description,
            required,
            ty,
            example: example(value),
            default_variable,
            default,
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
        self.variables.push(Variable {
            name: name.to_owned(),
            default: defined.and_then(|v| scalar_text(&v.value)),
            description: defined
                .and_then(|v| v.description.as_ref())
                .and_then(|d| docs::clean(d.text())),
            required,
        });
        self.variables.len() - 1
    }

    /// Splits the URL into the base (recorded once for the API) and the path.
    fn path(&mut self, url: &Url) -> (Vec<PathPart>, Vec<Param>) {
        let base = self.base_of(url);
        if self.base_url.is_none() {
            self.base_url = Some(base);
        }
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
                parts.push(PathPart::Param(params.len()));
                params.push(Param {
                    wire_name: name.to_owned(),
                    description,
                    // A path cannot be sent without its parameters.
                    required: true,
                    ty: TypeRef::String,
                    example: variable
                        .and_then(|v| v.value.as_str())
                        .and_then(|v| example(Some(v))),
                    default_variable: None,
                    default: None,
                });
                continue;
            }
            // Literal text with `{{variable}}` pieces: defined variables come from the client's
            // configuration, undefined ones are arguments.
            parts.push(PathPart::Literal("/".to_owned()));
            let mut rest = value;
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
                    parts.push(PathPart::Variable(self.variable(name, true)));
                } else {
                    // Undefined in the collection (an environment value, usually an id that
                    // changes per call): an argument of the method, like `:name`.
                    let index = match params.iter().position(|p: &Param| p.wire_name == name) {
                        Some(index) => index,
                        None => {
                            params.push(Param {
                                wire_name: name.to_owned(),
                                description: Some(format!(
                                    "The `{{{{{}}}}}` variable of the collection.",
                                    crate::docs::inline(name)
                                )),
                                required: true,
                                ty: TypeRef::String,
                                example: None,
                                default_variable: None,
                                default: None,
                            });
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
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(start) = rest.find("{{") {
            let length = rest[start + 2..].find("}}")?;
            let name = &rest[start + 2..start + 2 + length];
            let value = self
                .collection
                .variable
                .iter()
                .find(|v| v.name() == name)
                .and_then(|v| scalar_text(&v.value))?;
            out.push_str(&rest[..start]);
            out.push_str(&value);
            rest = &rest[start + 2 + length + 2..];
        }
        out.push_str(rest);
        Some(out)
    }

    /// The base URL a request's host denotes: a `{{variable}}` (whose value is the default)
    /// or a literal scheme, host and port.
    fn base_of(&self, url: &Url) -> BaseUrl {
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
            return BaseUrl {
                variable: Some(variable.to_owned()),
                default,
            };
        }
        if url.host.is_empty() {
            return BaseUrl {
                variable: None,
                default: None,
            };
        }
        let scheme = url.protocol.as_deref().unwrap_or("https");
        let port = url
            .port
            .as_deref()
            .map(|port| format!(":{port}"))
            .unwrap_or_default();
        let written = format!("{scheme}://{}{port}", url.host.join("."));
        BaseUrl {
            variable: None,
            default: self.substitute(&written),
        }
    }

    fn body(
        &mut self,
        item: &Item,
        request: &Request,
        location: &str,
        prefix: &str,
    ) -> Option<RequestBody> {
        let body = request.body.as_ref().filter(|body| !body.disabled)?;
        let name = format!("{prefix}Body");
        let title = crate::docs::inline(&item.name);
        let description = Some(format!("Request body of `{title}`."));
        let content_type = request
            .header
            .iter()
            .find(|header| {
                !header.disabled && header.key.trim().eq_ignore_ascii_case("content-type")
            })
            .and_then(|header| header.value.as_deref())
            .map(str::trim)
            .filter(|value| !value.is_empty() && variable_name(value).is_none())
            .map(str::to_owned);
        // The request and every saved example's original request are evidence.
        let originals: Vec<&Body> = item
            .response
            .iter()
            .filter_map(|response| response.original_request.as_ref())
            .filter_map(|request| request.body.as_ref())
            .collect();
        match body.kind() {
            BodyMode::Formdata => {
                self.form_body(body, &originals, location, &name, description, true)
            }
            BodyMode::Urlencoded => {
                self.form_body(body, &originals, location, &name, description, false)
            }
            BodyMode::Raw => {
                let raw = body.raw.as_deref().unwrap_or_default();
                if raw.trim().is_empty() {
                    return None;
                }
                let language = body.raw_language().map(str::to_ascii_lowercase);
                let declared_json = language.as_deref() == Some("json")
                    || content_type
                        .as_deref()
                        .is_some_and(|ct| ct.contains("json"));
                let mut shape = None;
                for raw in originals
                    .iter()
                    .copied()
                    .chain(std::iter::once(body))
                    .filter_map(|body| body.raw.as_deref())
                {
                    if let Some(value) = infer::json_example(&without_variables(raw)) {
                        let previous = shape.take().unwrap_or(Shape::Unknown);
                        shape = Some(infer::unify(previous, infer::shape_of(&value)));
                    }
                }
                match shape {
                    Some(shape) => Some(RequestBody::Json(self.types.add_root(
                        &name,
                        description,
                        Direction::Request,
                        &shape,
                    ))),
                    None if declared_json => {
                        self.warn(
                            &format!("{location}.request.body.raw"),
                            "the JSON body does not parse; it is typed as any JSON value",
                        );
                        Some(RequestBody::Json(TypeRef::Any))
                    }
                    None => Some(RequestBody::Text {
                        content_type: content_type.unwrap_or_else(|| {
                            match language.as_deref() {
                                Some("xml") => "application/xml",
                                Some("html") => "text/html",
                                Some("javascript") => "application/javascript",
                                _ => "text/plain",
                            }
                            .to_owned()
                        }),
                    }),
                }
            }
            BodyMode::File => Some(RequestBody::Binary { content_type }),
            BodyMode::Graphql => {
                let graphql = body.graphql.as_ref();
                let query = graphql.and_then(|g| g.query.as_deref()).unwrap_or_default();
                let variables = graphql
                    .and_then(|g| g.variables.as_ref())
                    .and_then(|v| match v {
                        serde_json::Value::String(text) => infer::json_example(text),
                        value @ serde_json::Value::Object(_) => Some(value.clone()),
                        _ => None,
                    });
                let description = Some(format!(
                    "GraphQL request of `{title}`: the query and its variables.\n\nThe \
                     collection's query:\n\n```graphql\n{}\n```",
                    query.trim()
                ));
                let fields = vec![
                    DeclaredField {
                        wire_name: "query".to_owned(),
                        shape: Shape::String,
                        ty: None,
                        required: true,
                        description: Some("The GraphQL document.".to_owned()),
                    },
                    DeclaredField {
                        wire_name: "variables".to_owned(),
                        shape: variables
                            .as_ref()
                            .map(infer::shape_of)
                            .unwrap_or(Shape::Any),
                        ty: None,
                        required: false,
                        description: Some("Values for the query's variables.".to_owned()),
                    },
                ];
                let form = self
                    .types
                    .add_struct(&name, description, Direction::Request, fields);
                Some(RequestBody::Json(TypeRef::Named(form)))
            }
            BodyMode::Unspecified => None,
            BodyMode::Unknown(mode) => {
                self.warn(
                    &format!("{location}.request.body.mode"),
                    format!("unknown body mode `{mode}`; the body is skipped"),
                );
                None
            }
        }
    }

    /// A `multipart/form-data` or urlencoded body: text fields, JSON-valued text fields and
    /// files (multipart only). Disabled fields are optional.
    fn form_body(
        &mut self,
        body: &Body,
        originals: &[&Body],
        location: &str,
        name: &str,
        description: Option<String>,
        multipart: bool,
    ) -> Option<RequestBody> {
        let params = if multipart {
            &body.formdata
        } else {
            &body.urlencoded
        };
        let mut shapes: BTreeMap<&str, Shape> = BTreeMap::new();
        if multipart {
            for param in originals
                .iter()
                .flat_map(|body| body.formdata.iter())
                .chain(params)
            {
                if let Some(shape) = form_json_shape(param) {
                    let previous = shapes.remove(param.key.as_str()).unwrap_or(Shape::Unknown);
                    shapes.insert(&param.key, infer::unify(previous, shape));
                }
            }
        }
        let mut fields = Vec::new();
        let mut declared = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        for (index, param) in params.iter().enumerate() {
            if param.key.is_empty() || !seen.insert(param.key.as_str()) {
                self.warn(
                    &format!("{location}.request.body[{index}]"),
                    "a form field without a name, or repeating a name, is skipped",
                );
                continue;
            }
            let (marked, rest) = match param.description.as_ref().map(|d| d.text()) {
                Some(text) => required_marker(text),
                None => (false, ""),
            };
            let (rest, values) = artefacts::enum_suffix(rest);
            let description = docs::clean(rest);
            let (encoding, shape, ty) = if multipart && param.is_file() {
                (FormEncoding::File, Shape::Any, Some(TypeRef::File))
            } else {
                match (shapes.get(param.key.as_str()), values) {
                    (Some(shape), _) => (FormEncoding::Json, shape.clone(), None),
                    (None, Some(values)) => {
                        let enum_type = self.types.add_enum(
                            &naming::words(&param.key),
                            name.trim_end_matches("Body"),
                            Some(format!(
                                "The values the `{}` field accepts.",
                                crate::docs::inline(&param.key)
                            )),
                            values,
                        );
                        (FormEncoding::Text, Shape::String, Some(enum_type))
                    }
                    (None, None) => (FormEncoding::Text, Shape::String, None),
                }
            };
            fields.push(FormField {
                wire_name: param.key.clone(),
                encoding,
            });
            declared.push(DeclaredField {
                wire_name: param.key.clone(),
                shape,
                ty,
                required: !param.disabled || marked,
                description,
            });
        }
        if fields.is_empty() {
            return None;
        }
        let form = self
            .types
            .add_struct(name, description, Direction::Request, declared);
        Some(if multipart {
            RequestBody::Multipart { form, fields }
        } else {
            RequestBody::UrlEncoded { form, fields }
        })
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
            let mut error_codes: Vec<ErrorCode> = Vec::new();
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
                            operation: self.operations.len(),
                            status,
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
            let body = match shape {
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
                    let docs = Some(match &description {
                        Some(text) => format!(
                            "`{status}` response of `{}`.\n\n{text}",
                            crate::docs::inline(&item.name)
                        ),
                        None => format!(
                            "`{status}` response of `{}`.",
                            crate::docs::inline(&item.name)
                        ),
                    });
                    ResponseBody::Json(self.types.add_root(
                        &name,
                        docs,
                        Direction::Response,
                        &shape,
                    ))
                }
                None if has_text => ResponseBody::Text,
                None => ResponseBody::Empty,
            };
            responses.push(Response {
                status,
                reason,
                description,
                error_codes,
                body,
            });
        }
        responses
    }

    /// The effective auth of a request, as an index into the API's schemes.
    fn auth(&mut self, auth: Option<&Auth>) -> Option<usize> {
        let auth = auth?;
        let scheme = match auth.kind.as_str() {
            "noauth" => return None,
            "bearer" | "oauth2" => AuthScheme::Bearer {
                origin: auth.kind.clone(),
            },
            "basic" => AuthScheme::Basic,
            "apikey" => AuthScheme::ApiKey {
                name: auth
                    .param("key")
                    .map(|key| key.trim().to_owned())
                    .filter(|key| !key.is_empty() && variable_name(key).is_none())
                    .unwrap_or_else(|| "X-API-Key".to_owned()),
                location: match auth.param("in").as_deref() {
                    Some("query") => KeyLocation::Query,
                    _ => KeyLocation::Header,
                },
            },
            other => {
                let kind = one_line(other);
                if !self
                    .auth_schemes
                    .iter()
                    .any(|s| matches!(s, AuthScheme::Hook { kind: k } if *k == kind))
                {
                    self.warn(
                        "auth",
                        format!(
                            "`{kind}` authentication cannot be generated; requests using it must be \
                             signed with `ClientBuilder::request_hook`"
                        ),
                    );
                }
                AuthScheme::Hook { kind }
            }
        };
        // One bearer token serves every bearer-style scheme.
        let existing = self
            .auth_schemes
            .iter()
            .position(|existing| match (existing, &scheme) {
                (AuthScheme::Bearer { .. }, AuthScheme::Bearer { .. }) => true,
                (a, b) => a == b,
            });
        if let Some(index) = existing {
            return Some(index);
        }
        self.auth_schemes.push(scheme);
        Some(self.auth_schemes.len() - 1)
    }
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

/// JSON text with Postman's `{{variable}}` placeholders replaced by `null`, so bodies like
/// `{"id": {{id}}}` still parse as evidence (a placeholder says nothing of the value's type).
fn without_variables(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("{{") {
        let Some(end) = rest[start + 2..].find("}}") else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str("null");
        rest = &rest[start + 2 + end + 2..];
    }
    out.push_str(rest);
    out
}

/// A variable's value as text: strings as they are, numbers and booleans written out.
fn scalar_text(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(text) => Some(text.clone()),
        serde_json::Value::Number(number) => Some(number.to_string()),
        serde_json::Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// `baseUrl` for `{{baseUrl}}`.
fn variable_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix("{{")?.strip_suffix("}}")?;
    (!name.is_empty() && !name.contains(['{', '}'])).then_some(name)
}

fn merge_literals(parts: Vec<PathPart>) -> Vec<PathPart> {
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

/// A URL given only as `raw` text (the string form, or an object without parts) split into
/// protocol, host, port, path and query the way Postman reads it.
fn complete_url(url: Url) -> Url {
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
        .map(|segment| super::model::PathSegment {
            value: segment.to_owned(),
            kind: None,
        })
        .collect();
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            super::model::QueryParam {
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

/// Operation names, decided for the whole collection at once so they do not depend on the
/// order of items.
///
/// **Rule.** A request is named after its title (`Get user` → `get_user`). When several
/// requests share a name, each of them is qualified by its folders, innermost first, one folder
/// at a time until the names differ (`admin › Get user` → `admin_get_user`). Names still equal
/// once all folders are used take a numeric suffix (`get_user_2`) in document order.
fn operation_names(items: &[Item]) -> BTreeMap<String, Vec<String>> {
    struct Request {
        location: String,
        folders: Vec<Vec<String>>,
        name: Vec<String>,
        /// Title, method and URL as written: tie-breakers for requests whose words agree.
        written: (String, String, String),
    }
    fn collect(
        items: &[Item],
        prefix: &str,
        folders: &mut Vec<Vec<String>>,
        out: &mut Vec<Request>,
    ) {
        for (index, item) in items.iter().enumerate() {
            let location = format!("{prefix}[{index}]");
            if item.is_folder() {
                folders.push(naming::words(&item.name));
                collect(item.children(), &format!("{location}.item"), folders, out);
                folders.pop();
            } else if let Some(request) = &item.request {
                let url = request
                    .url
                    .as_ref()
                    .and_then(|url| url.raw.clone())
                    .unwrap_or_default();
                out.push(Request {
                    location,
                    folders: folders.clone(),
                    name: naming::words(&item.name),
                    written: (item.name.clone(), request.method.clone(), url),
                });
            }
        }
    }
    let mut requests = Vec::new();
    collect(items, "item", &mut Vec::new(), &mut requests);

    let candidate = |request: &Request, depth: usize| {
        let mut words: Vec<String> = request
            .folders
            .iter()
            .skip(request.folders.len().saturating_sub(depth))
            .flatten()
            .cloned()
            .collect();
        words.extend(request.name.iter().cloned());
        naming::snake_ident(&words, "operation")
    };
    let mut depths = vec![0usize; requests.len()];
    loop {
        let names: Vec<String> = requests
            .iter()
            .zip(&depths)
            .map(|(request, depth)| candidate(request, *depth))
            .collect();
        let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
        for name in &names {
            *counts.entry(name.as_str()).or_default() += 1;
        }
        let mut changed = false;
        for (index, request) in requests.iter().enumerate() {
            if counts.get(names[index].as_str()).copied().unwrap_or(0) > 1
                && depths[index] < request.folders.len()
            {
                depths[index] += 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    // Suffixes go in the order of name, folders and title, not of the document, so that moving
    // items within a folder changes nothing.
    let mut order: Vec<(String, &Request)> = requests
        .iter()
        .zip(&depths)
        .map(|(request, depth)| (candidate(request, *depth), request))
        .collect();
    order.sort_by(|(a, ra), (b, rb)| {
        (a, &ra.folders, &ra.name, &ra.written).cmp(&(b, &rb.folders, &rb.name, &rb.written))
    });
    let mut namespace = Namespace::new();
    order
        .into_iter()
        .map(|(name, request)| {
            let claimed = namespace.claim(&name);
            (request.location.clone(), naming::words(&claimed))
        })
        .collect()
}
