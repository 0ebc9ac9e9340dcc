//! Lowering a Postman collection into the IR: folders walked, auth inherited, variables and
//! path parameters resolved, and every saved example used as evidence for types.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::artefacts::{self, required_marker};
use super::model::{Auth, BodyMode, Collection, FormParam, Item, Request, SavedResponse, Url};
use crate::docs;
use crate::error::Diagnostic;
use crate::infer::{self, Shape};
use crate::ir::{
    Api, AuthScheme, BaseUrl, Direction, ErrorCode, FormEncoding, FormField, Operation, Param,
    PathPart, RequestBody, Response, ResponseBody, SourceRef, TypeRef,
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
}

/// Lowers `collection` (read from `file`, used in messages).
pub fn lower(collection: &Collection, file: &Path) -> Lowered {
    let mut lowering = Lowering {
        file: file.to_owned(),
        collection,
        types: TypeSpace::new(),
        operation_names: Namespace::new(),
        auth_schemes: Vec::new(),
        base_url: None,
        operations: Vec::new(),
        warnings: Vec::new(),
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
            auth_schemes,
            operations,
            types: types.finish(),
        },
        warnings,
    }
}

struct Lowering<'a> {
    file: PathBuf,
    collection: &'a Collection,
    types: TypeSpace,
    operation_names: Namespace,
    auth_schemes: Vec<AuthScheme>,
    base_url: Option<BaseUrl>,
    operations: Vec<Operation>,
    warnings: Vec<Diagnostic>,
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
        let ident = self.operation_names.claim(&naming::snake_ident(
            &naming::words(&item.name),
            "operation",
        ));
        let name = naming::words(&ident);
        let type_prefix = naming::type_ident(&name, "Operation");

        let method = request.method.trim().to_ascii_uppercase();
        if method.is_empty() || !method.bytes().all(is_token_byte) {
            self.warn(
                &format!("{location}.request.method"),
                format!("`{method}` is not an HTTP method; the request is skipped"),
            );
            return;
        }

        let url = request.url.clone().unwrap_or_default();
        let (path, path_params) = self.path(&url);
        let query = url
            .query
            .iter()
            .filter_map(|param| {
                let key = param.key.clone().filter(|key| !key.is_empty())?;
                let (required, description) =
                    described(param.description.as_ref().map(|d| d.text()));
                Some(Param {
                    wire_name: key,
                    description,
                    required,
                    ty: TypeRef::String,
                    example: example(param.value.as_deref()),
                })
            })
            .collect();
        let headers = request
            .header
            .iter()
            .filter(|header| {
                let key = header.key.trim().to_ascii_lowercase();
                // The body's encoding decides the content type (a multipart boundary must be
                // generated), and credentials come from the client's configuration.
                !key.is_empty() && key != "content-type" && key != "authorization"
            })
            .map(|header| {
                let (required, description) =
                    described(header.description.as_ref().map(|d| d.text()));
                Param {
                    wire_name: header.key.trim().to_owned(),
                    description,
                    required,
                    ty: TypeRef::String,
                    example: example(header.value.as_deref()),
                }
            })
            .collect();

        let body = self.body(item, request, location, &type_prefix);
        let responses = self.responses(item, location, &type_prefix);
        let auth = self.auth(auth, location);

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
            let name = value
                .strip_prefix(':')
                .filter(|name| !name.is_empty())
                .or_else(|| variable_name(value));
            match name {
                Some(name) => {
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
                    });
                }
                None => parts.push(PathPart::Literal(format!("/{value}"))),
            }
        }
        (merge_literals(parts), params)
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
        BaseUrl {
            variable: None,
            default: Some(format!("{scheme}://{}{port}", url.host.join("."))),
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
        let description = Some(format!(
            "Request body of `{}`.",
            one_line(&item.name).replace('`', "")
        ));
        // The request and every saved example's original request are evidence.
        let originals = item
            .response
            .iter()
            .filter_map(|response| response.original_request.as_ref())
            .filter_map(|request| request.body.as_ref());
        match body.kind() {
            BodyMode::Formdata => {
                let mut shapes: BTreeMap<&str, Shape> = BTreeMap::new();
                for param in originals
                    .flat_map(|body| body.formdata.iter())
                    .chain(&body.formdata)
                {
                    if let Some(shape) = form_json_shape(param) {
                        let previous = shapes.remove(param.key.as_str()).unwrap_or(Shape::Unknown);
                        shapes.insert(&param.key, infer::unify(previous, shape));
                    }
                }
                let mut fields = Vec::new();
                let mut declared = Vec::new();
                for (index, param) in body.formdata.iter().enumerate() {
                    if param.is_file() {
                        self.warn(
                            &format!("{location}.request.body.formdata[{index}]"),
                            "file form fields are not supported yet; the field is skipped",
                        );
                        continue;
                    }
                    let (marked, description) =
                        described(param.description.as_ref().map(|d| d.text()));
                    let (encoding, shape) = match shapes.get(param.key.as_str()) {
                        Some(shape) => (FormEncoding::Json, shape.clone()),
                        None => (FormEncoding::Text, Shape::String),
                    };
                    fields.push(FormField {
                        wire_name: param.key.clone(),
                        encoding,
                    });
                    declared.push(DeclaredField {
                        wire_name: param.key.clone(),
                        shape,
                        required: !param.disabled || marked,
                        description,
                    });
                }
                let form = self
                    .types
                    .add_struct(&name, description, Direction::Request, declared);
                Some(RequestBody::Multipart { form, fields })
            }
            BodyMode::Raw => {
                let mut shape = None;
                for raw in originals
                    .chain(std::iter::once(body))
                    .filter_map(|body| body.raw.as_deref())
                {
                    if let Some(value) = infer::json_example(raw) {
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
                    None => {
                        self.warn(
                            &format!("{location}.request.body"),
                            "raw bodies that are not JSON are not supported yet; the body is skipped",
                        );
                        None
                    }
                }
            }
            BodyMode::Unspecified => None,
            other => {
                self.warn(
                    &format!("{location}.request.body.mode"),
                    format!("body mode {other:?} is not supported yet; the body is skipped"),
                );
                None
            }
        }
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
            for (_, example) in &saved {
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
                            one_line(&item.name).replace('`', "")
                        ),
                        None => format!(
                            "`{status}` response of `{}`.",
                            one_line(&item.name).replace('`', "")
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
    fn auth(&mut self, auth: Option<&Auth>, location: &str) -> Option<usize> {
        let auth = auth?;
        let scheme = match auth.kind.as_str() {
            "noauth" => return None,
            "bearer" | "oauth2" => AuthScheme::Bearer {
                origin: auth.kind.clone(),
            },
            other => {
                self.warn(
                    location,
                    format!("`{other}` authentication is not supported yet; requests are sent without it"),
                );
                return None;
            }
        };
        // One bearer token serves every bearer-style scheme.
        if let Some(index) = self
            .auth_schemes
            .iter()
            .position(|existing| matches!(existing, AuthScheme::Bearer { .. }))
        {
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

/// `baseUrl` for `{{baseUrl}}`.
fn variable_name(text: &str) -> Option<&str> {
    let name = text.strip_prefix("{{")?.strip_suffix("}}")?;
    (!name.is_empty() && !name.contains(['{', '}'])).then_some(name)
}

fn merge_literals(parts: Vec<PathPart>) -> Vec<PathPart> {
    let mut merged: Vec<PathPart> = Vec::new();
    for part in parts {
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
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
