//! Request bodies: every Postman body mode, with the request's and its saved examples'
//! bodies as evidence for the types.

use std::collections::BTreeMap;

use super::super::artefacts::{self, required_marker};
use super::super::infer::{self, Shape};
use super::super::model::{Body, BodyMode, Request};
use super::super::typespace::{DeclaredField, Direction, Root};
use super::{Lowering, form_json_shape};
use crate::docs;
use crate::ir::{BodyKind, Content, PartEncoding, RequestBody, Scalar, TypeRef};
use crate::naming;
use crate::postman::model::Item;
use crate::postman::url::{variable_name, without_variables};

/// A body in one media type.
fn body_of(kind: BodyKind, media_type: Option<String>, ty: TypeRef) -> RequestBody {
    RequestBody {
        example: None,
        required: true,
        contents: vec![Content {
            kind,
            media_type,
            ty,
        }],
    }
}

impl Lowering<'_> {
    pub(super) fn body(
        &mut self,
        item: &Item,
        request: &Request,
        location: &str,
        prefix: &str,
    ) -> Option<RequestBody> {
        let body = request.body.as_ref().filter(|body| !body.disabled)?;
        let name = format!("{prefix}Body");
        let title = crate::docs::inline(&item.name);
        let root = Root::Body(self.operations.len());
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
            BodyMode::Formdata => self.form_body(body, &originals, location, &name, root, true),
            BodyMode::Urlencoded => self.form_body(body, &originals, location, &name, root, false),
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
                // What newman sends: the collection's variables filled in (an undefined one
                // stays as written).
                let sent = self.fill(raw).0;
                // The declared JSON media type (`application/vnd.api+json`) is sent as declared.
                let json_type = content_type
                    .clone()
                    .filter(|ct| ct.to_ascii_lowercase().contains("json"))
                    .unwrap_or_else(|| "application/json".to_owned());
                match shape {
                    Some(shape) => Some(RequestBody {
                        example: infer::json_example(&sent),
                        ..body_of(
                            BodyKind::Json,
                            Some(json_type),
                            self.types.add_root(&name, root, Direction::Request, &shape),
                        )
                    }),
                    None if declared_json => {
                        self.warn(
                            &format!("{location}.request.body.raw"),
                            "the JSON body does not parse; it is typed as any JSON value",
                        );
                        Some(body_of(BodyKind::Json, Some(json_type), TypeRef::Any))
                    }
                    None => Some(RequestBody {
                        example: Some(serde_json::Value::String(sent)),
                        ..body_of(
                            BodyKind::Text,
                            Some(content_type.unwrap_or_else(|| {
                                match language.as_deref() {
                                    Some("xml") => "application/xml",
                                    Some("html") => "text/html",
                                    Some("javascript") => "application/javascript",
                                    _ => "text/plain",
                                }
                                .to_owned()
                            })),
                            TypeRef::STRING,
                        )
                    }),
                }
            }
            BodyMode::File => Some(body_of(
                BodyKind::Binary,
                content_type,
                TypeRef::Scalar(Scalar::Binary),
            )),
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
                // Written as `null`, newman sends `"variables": null`: the field is then always
                // sent (`null` when not set).
                let null_variables = matches!(
                    graphql.and_then(|g| g.variables.as_ref()),
                    Some(serde_json::Value::Null)
                );
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
                        part: None,
                    },
                    DeclaredField {
                        wire_name: "variables".to_owned(),
                        shape: if null_variables {
                            Shape::Null
                        } else {
                            variables
                                .as_ref()
                                .map(infer::shape_of)
                                .unwrap_or(Shape::Any)
                        },
                        ty: None,
                        required: null_variables,
                        description: Some("Values for the query's variables.".to_owned()),
                        part: None,
                    },
                ];
                let form = self.types.add_struct(
                    &name,
                    Root::Described(description),
                    Direction::Request,
                    fields,
                );
                // newman sends `{"query": …, "variables": …}`, variables filled in.
                let sent = |text: &str| self.fill(text).0;
                let mut example = serde_json::Map::new();
                example.insert("query".to_owned(), serde_json::Value::String(sent(query)));
                if let Some(variables) = &variables {
                    let text = sent(&variables.to_string());
                    if let Some(variables) = infer::json_example(&text) {
                        example.insert("variables".to_owned(), variables);
                    }
                } else if null_variables {
                    example.insert("variables".to_owned(), serde_json::Value::Null);
                }
                Some(RequestBody {
                    example: Some(serde_json::Value::Object(example)),
                    ..body_of(
                        BodyKind::Json,
                        Some("application/json".to_owned()),
                        TypeRef::Named(form),
                    )
                })
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
        root: Root,
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
        let mut declared = Vec::new();
        // What newman sends: each enabled field's value with the collection's variables
        // filled in (a file field: the name of its file).
        let mut example = serde_json::Map::new();
        let mut seen = std::collections::BTreeSet::new();
        for (index, param) in params.iter().enumerate() {
            if param.key.is_empty() || !seen.insert(param.key.as_str()) {
                self.warn(
                    &format!("{location}.request.body[{index}]"),
                    "a form field without a name, or repeating a name, is skipped",
                );
                continue;
            }
            if !param.disabled {
                let value = if multipart && param.is_file() {
                    param.src.first().map(|src| {
                        src.rsplit(['/', '\\'])
                            .next()
                            .unwrap_or(src.as_str())
                            .to_owned()
                    })
                } else {
                    let text = param.value.as_deref().unwrap_or_default();
                    Some(self.fill(text).0)
                };
                example.insert(
                    param.key.clone(),
                    value.map_or(serde_json::Value::Null, serde_json::Value::String),
                );
            }
            let (marked, rest) = match param.description.as_ref().map(|d| d.text()) {
                Some(text) => required_marker(text),
                None => (false, ""),
            };
            let (rest, values) = artefacts::enum_suffix(rest);
            let description = docs::clean(rest);
            let (encoding, shape, ty) = if multipart && param.is_file() {
                (
                    PartEncoding::File,
                    Shape::Any,
                    Some(TypeRef::Scalar(Scalar::Binary)),
                )
            } else {
                match (shapes.get(param.key.as_str()), values) {
                    (Some(shape), _) => (PartEncoding::Json, shape.clone(), None),
                    (None, Some(values)) => {
                        let enum_type = self.types.add_enum(
                            &naming::words(&param.key),
                            name.trim_end_matches("Body"),
                            &param.key,
                            "field",
                            values,
                        );
                        (PartEncoding::Text, Shape::String, Some(enum_type))
                    }
                    (None, None) => (PartEncoding::Text, Shape::String, None),
                }
            };
            declared.push(DeclaredField {
                wire_name: param.key.clone(),
                shape,
                ty,
                required: !param.disabled || marked,
                description,
                part: Some(encoding),
            });
        }
        if declared.is_empty() {
            return None;
        }
        let form = self
            .types
            .add_struct(name, root, Direction::Request, declared);
        let kind = if multipart {
            BodyKind::Multipart
        } else {
            BodyKind::UrlEncoded
        };
        // Every field unticked: Postman sends no body, so the body is the caller's choice.
        let sends_fields = !example.is_empty();
        Some(RequestBody {
            example: sends_fields.then_some(serde_json::Value::Object(example)),
            required: sends_fields,
            ..body_of(kind, None, TypeRef::Named(form))
        })
    }
}
