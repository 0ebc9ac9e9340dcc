//! One pass over the IR that checks every invariant the emitters rely on, and reports every
//! problem at once with its location. Emitters index the IR directly: what this pass lets
//! through they can trust, and what it refuses becomes [`Error::InvalidIr`] (an internal error,
//! exit code 3), never code that compiles into a wrong client.

use std::collections::{BTreeMap, BTreeSet};

use crate::error::{Error, Result};
use crate::ir::{
    Api, BodyKind, Content, Holder, Location, Operation, Param, PartEncoding, PathPart, Scalar,
    Status, TypeId, TypeKind, TypeRef,
};

/// Checks every invariant of `api`.
pub fn validate(api: &Api) -> Result<()> {
    let mut check = Check {
        api,
        problems: Vec::new(),
    };
    check.api_level();
    check.types();
    for (index, op) in api.operations.iter().enumerate() {
        check.operation(index, op);
    }
    if check.problems.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidIr(check.problems))
    }
}

struct Check<'a> {
    api: &'a Api,
    problems: Vec<String>,
}

impl Check<'_> {
    fn problem(&mut self, at: impl std::fmt::Display, message: impl std::fmt::Display) {
        self.problems.push(format!("{at}: {message}"));
    }

    fn api_level(&mut self) {
        let api = self.api;
        for (index, group) in api.groups.iter().enumerate() {
            if let Some(parent) = group.parent
                && parent >= index
            {
                self.problem(
                    format!("groups[{index}]"),
                    format!("parent {parent} is not an earlier group"),
                );
            }
        }
        let mut keys = BTreeSet::new();
        for (index, scheme) in api.security_schemes.iter().enumerate() {
            if !keys.insert(scheme.key.as_str()) {
                self.problem(
                    format!("security_schemes[{index}]"),
                    format!("key `{}` repeats", scheme.key),
                );
            }
        }
        let mut names = BTreeSet::new();
        for (index, value) in api.config.iter().enumerate() {
            if !names.insert(value.name.as_str()) {
                self.problem(
                    format!("config[{index}]"),
                    format!("name `{}` repeats", value.name),
                );
            }
        }
        let mut operation_names = BTreeMap::new();
        for (index, op) in api.operations.iter().enumerate() {
            if op.name.is_empty() {
                self.problem(format!("operations[{index}]"), "the name has no words");
            }
            if let Some(other) = operation_names.insert(&op.name, index) {
                self.problem(
                    format!("operations[{index}]"),
                    format!("the name {:?} is also operation {other}'s", op.name),
                );
            }
        }
    }

    fn types(&mut self) {
        let api = self.api;
        for id in api.types.undefined() {
            self.problem(format!("types[{}]", id.0), "reserved but never defined");
        }
        let mut names = BTreeMap::new();
        for (id, def) in api.types.iter() {
            let at = format!("types[{}]", id.0);
            if def.name.is_empty() {
                self.problem(&at, "the name has no words");
            }
            if let Some(other) = names.insert(&def.name, id) {
                self.problem(
                    &at,
                    format!("the name {:?} is also types[{}]'s", def.name, other.0),
                );
            }
            match &def.holder {
                Some(Holder::Field {
                    parent: Some(parent),
                    ..
                }) => self.named(&at, *parent),
                Some(Holder::Body { operation } | Holder::Response { operation, .. })
                    if *operation >= api.operations.len() =>
                {
                    self.problem(
                        &at,
                        format!("held by operation {operation}, which is absent"),
                    )
                }
                _ => {}
            }
            match &def.kind {
                TypeKind::Struct { fields, additional } => {
                    let mut wire = BTreeSet::new();
                    for (index, field) in fields.iter().enumerate() {
                        let at = format!("{at}.fields[{index}]");
                        if !wire.insert(field.wire_name.as_str()) {
                            self.problem(&at, format!("`{}` repeats", field.wire_name));
                        }
                        self.reference(&at, &field.ty);
                    }
                    if let Some(additional) = additional {
                        self.reference(&format!("{at}.additional"), additional);
                    }
                }
                TypeKind::Enum { values, .. } => {
                    if values.is_empty() {
                        self.problem(&at, "an enum without values");
                    }
                    let mut seen = BTreeSet::new();
                    for value in values {
                        if !seen.insert(value.value.to_string()) {
                            self.problem(&at, format!("the value {} repeats", value.value));
                        }
                    }
                }
                TypeKind::Union { variants, .. } => {
                    if variants.is_empty() {
                        self.problem(&at, "a union without variants");
                    }
                    let mut seen = BTreeSet::new();
                    for (index, variant) in variants.iter().enumerate() {
                        if !seen.insert(&variant.name) {
                            self.problem(
                                format!("{at}.variants[{index}]"),
                                format!("the name {:?} repeats", variant.name),
                            );
                        }
                        self.reference(&format!("{at}.variants[{index}]"), &variant.ty);
                    }
                }
                TypeKind::Alias { target } => {
                    self.reference(&at, target);
                    if self.alias_cycle(id) {
                        self.problem(&at, "an alias that refers to itself through aliases only");
                    }
                }
            }
        }
    }

    /// Whether following `start`'s alias chain comes back to it.
    fn alias_cycle(&self, start: TypeId) -> bool {
        let mut current = start;
        for _ in 0..=self.api.types.len() {
            let next = match self.api.types.get(current).map(|def| &def.kind) {
                Some(TypeKind::Alias { target }) => match strip_nullable(target) {
                    TypeRef::Named(next) => *next,
                    _ => return false,
                },
                _ => return false,
            };
            if next == start {
                return true;
            }
            current = next;
        }
        true
    }

    fn named(&mut self, at: &str, id: TypeId) {
        if self.api.types.get(id).is_none() {
            self.problem(
                at,
                format!("refers to types[{}], which is not defined", id.0),
            );
        }
    }

    fn reference(&mut self, at: &str, ty: &TypeRef) {
        match ty {
            TypeRef::Named(id) => self.named(at, *id),
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
                self.reference(at, inner)
            }
            TypeRef::Scalar(_) | TypeRef::Any => {}
        }
    }

    fn operation(&mut self, index: usize, op: &Operation) {
        let api = self.api;
        let at = format!("operations[{index}] ({})", op.source.pointer);
        if op.method.is_empty()
            || !op
                .method
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
        {
            self.problem(&at, format!("`{}` is not an HTTP method", op.method));
        }
        if let Some(group) = op.group
            && group >= api.groups.len()
        {
            self.problem(&at, format!("group {group} is absent"));
        }
        // Parameters: unique per location, every path parameter in the path.
        let mut seen = BTreeSet::new();
        for (param_index, param) in op.params.iter().enumerate() {
            let at = format!("{at}.params[{param_index}]");
            let key = match param.location {
                Location::Header => param.wire_name.to_ascii_lowercase(),
                _ => param.wire_name.clone(),
            };
            if !seen.insert((param.location, key)) {
                self.problem(&at, format!("`{}` repeats", param.wire_name));
            }
            self.param(&at, param);
        }
        let mut in_path = BTreeSet::new();
        for part in &op.path {
            match part {
                PathPart::Param(param) => match op.params.get(*param) {
                    Some(p) if p.location == Location::Path => {
                        in_path.insert(*param);
                    }
                    _ => self.problem(
                        &at,
                        format!("the path refers to params[{param}], which is no path parameter"),
                    ),
                },
                PathPart::Config(value) if *value >= api.config.len() => self.problem(
                    &at,
                    format!("the path refers to config[{value}], which is absent"),
                ),
                _ => {}
            }
        }
        for (param_index, _) in op.params_in(Location::Path) {
            if !in_path.contains(&param_index) {
                self.problem(
                    format!("{at}.params[{param_index}]"),
                    "a path parameter the path does not use",
                );
            }
        }
        if let Some(body) = &op.body {
            if body.contents.is_empty() {
                self.problem(&at, "a request body without any content");
            }
            for (content_index, content) in body.contents.iter().enumerate() {
                let content_at = format!("{at}.body.contents[{content_index}]");
                if content.kind == BodyKind::EventStream {
                    self.problem(&content_at, "a request body cannot be an event stream");
                }
                self.content(&content_at, content);
            }
        }
        let mut statuses = BTreeSet::new();
        for (response_index, response) in op.responses.iter().enumerate() {
            let at = format!("{at}.responses[{response_index}]");
            if !statuses.insert(response.status) {
                self.problem(&at, format!("status {:?} repeats", response.status));
            }
            match response.status {
                Status::Code(code) if !(100..=599).contains(&code) => {
                    self.problem(&at, format!("{code} is not an HTTP status"))
                }
                Status::Range(class) if !(1..=5).contains(&class) => {
                    self.problem(&at, format!("{class}XX is not a status class"))
                }
                _ => {}
            }
            for (content_index, content) in response.contents.iter().enumerate() {
                self.content(&format!("{at}.contents[{content_index}]"), content);
            }
            for (header_index, header) in response.headers.iter().enumerate() {
                self.param(&format!("{at}.headers[{header_index}]"), header);
            }
        }
        for alternative in &op.security.alternatives {
            for used in alternative {
                if used.scheme >= api.security_schemes.len() {
                    self.problem(&at, format!("security scheme {} is absent", used.scheme));
                }
            }
        }
    }

    fn param(&mut self, at: &str, param: &Param) {
        self.reference(at, &param.ty);
        if let Some(fallback) = param.fallback
            && fallback >= self.api.config.len()
        {
            self.problem(
                at,
                format!("falls back to config[{fallback}], which is absent"),
            );
        }
        if param.location == Location::Path && !param.required {
            self.problem(at, "a path parameter must be required");
        }
    }

    fn content(&mut self, at: &str, content: &Content) {
        self.reference(at, &content.ty);
        if !matches!(content.kind, BodyKind::Multipart | BodyKind::UrlEncoded) {
            return;
        }
        // A form: a struct whose every field says how it is sent.
        let fields = match &content.ty {
            TypeRef::Named(id) => match self.api.types.get(*id).map(|def| &def.kind) {
                Some(TypeKind::Struct { fields, .. }) => fields,
                _ => {
                    self.problem(at, "a form body whose type is not a struct");
                    return;
                }
            },
            _ => {
                self.problem(at, "a form body whose type is not a named struct");
                return;
            }
        };
        for (index, field) in fields.iter().enumerate() {
            let at = format!("{at}.fields[{index}]");
            match field.part {
                None => self.problem(&at, "a form field without a part encoding"),
                Some(PartEncoding::Deep) if content.kind == BodyKind::Multipart => {
                    self.problem(&at, "a deepObject field in a multipart form")
                }
                Some(PartEncoding::File) if content.kind == BodyKind::UrlEncoded => {
                    self.problem(&at, "a file in an urlencoded form")
                }
                Some(PartEncoding::File)
                    if strip_nullable(&field.ty) != &TypeRef::Scalar(Scalar::Binary) =>
                {
                    self.problem(&at, "a file part whose type is not binary")
                }
                _ => {}
            }
        }
    }
}

/// The type inside any `Nullable` wrappers.
fn strip_nullable(ty: &TypeRef) -> &TypeRef {
    match ty {
        TypeRef::Nullable(inner) => strip_nullable(inner),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::{Field, RequestBody, Response, Security, Source, TypeDef, TypeTable, Variant};

    fn field(wire: &str, ty: TypeRef) -> Field {
        Field::new(wire, ty, true)
    }

    fn def(name: &str, kind: TypeKind) -> TypeDef {
        TypeDef {
            name: vec![name.to_owned()],
            qualified: None,
            docs: None,
            holder: None,
            kind,
        }
    }

    /// One operation `GET /items/{id}` with a JSON body of a struct and a 200 response.
    fn api() -> Api {
        let mut types = TypeTable::new();
        let item = types.push(def(
            "item",
            TypeKind::Struct {
                fields: vec![field("id", TypeRef::STRING)],
                additional: None,
            },
        ));
        Api {
            title: "T".to_owned(),
            version: None,
            docs: None,
            servers: Vec::new(),
            config: Vec::new(),
            security_schemes: Vec::new(),
            groups: Vec::new(),
            operations: vec![Operation {
                name: vec!["get".to_owned()],
                operation_id: None,
                title: "Get".to_owned(),
                docs: None,
                group: None,
                source: Source {
                    pointer: "#/paths/~1items~1{id}/get".to_owned(),
                    noun: "OpenAPI operation".to_owned(),
                    label: vec!["Get".to_owned()],
                },
                method: "GET".to_owned(),
                path: vec![PathPart::Literal("/items/".to_owned()), PathPart::Param(0)],
                params: vec![Param::new("id", Location::Path, true, TypeRef::STRING)],
                body: Some(RequestBody {
                    example: None,
                    required: true,
                    contents: vec![Content {
                        kind: BodyKind::Json,
                        media_type: None,
                        ty: TypeRef::Named(item),
                    }],
                }),
                responses: vec![Response {
                    status: Status::Code(200),
                    reason: None,
                    headers: Vec::new(),
                    contents: Vec::new(),
                    docs: None,
                }],
                security: Security::default(),
                deprecated: false,
                server: None,
                paging: None,
            }],
            types,
        }
    }

    fn problems(api: &Api) -> Vec<String> {
        match validate(api) {
            Ok(()) => Vec::new(),
            Err(Error::InvalidIr(problems)) => problems,
            Err(other) => panic!("unexpected error {other}"),
        }
    }

    #[test]
    fn a_consistent_api_passes() {
        assert_eq!(problems(&api()), Vec::<String>::new());
    }

    #[test]
    fn every_problem_is_reported_with_its_location() {
        let mut api = api();
        let op = &mut api.operations[0];
        op.path.push(PathPart::Config(3));
        op.params.push(op.params[0].clone());
        op.responses.push(op.responses[0].clone());
        op.body.as_mut().unwrap().contents[0].ty =
            TypeRef::Array(Box::new(TypeRef::Named(TypeId(9))));
        let problems = problems(&api);
        let expected = [
            "operations[0] (#/paths/~1items~1{id}/get).params[1]: `id` repeats",
            "operations[0] (#/paths/~1items~1{id}/get): the path refers to config[3], which is absent",
            "operations[0] (#/paths/~1items~1{id}/get).params[1]: a path parameter the path does not use",
            "operations[0] (#/paths/~1items~1{id}/get).body.contents[0]: refers to types[9], which is not defined",
            "operations[0] (#/paths/~1items~1{id}/get).responses[1]: status Code(200) repeats",
        ];
        for message in expected {
            assert!(
                problems.iter().any(|problem| problem == message),
                "missing {message:?} in {problems:#?}"
            );
        }
        assert_eq!(problems.len(), expected.len(), "{problems:#?}");
    }

    #[test]
    fn forms_must_be_structs_whose_fields_say_how_they_are_sent() {
        let mut api = api();
        let content = &mut api.operations[0].body.as_mut().unwrap().contents[0];
        content.kind = BodyKind::Multipart;
        let problems = problems(&api);
        assert_eq!(
            problems,
            [
                "operations[0] (#/paths/~1items~1{id}/get).body.contents[0].fields[0]: a form field without a part encoding"
            ]
        );
    }

    #[test]
    fn reserved_types_must_be_defined_and_aliases_must_not_loop() {
        let mut api = api();
        let dangling = api.types.reserve();
        let a = api.types.reserve();
        let b = api.types.push(def(
            "b",
            TypeKind::Alias {
                target: TypeRef::Named(a),
            },
        ));
        api.types.define(
            a,
            def(
                "a",
                TypeKind::Alias {
                    target: TypeRef::Nullable(Box::new(TypeRef::Named(b))),
                },
            ),
        );
        let problems = problems(&api);
        assert!(problems.contains(&format!(
            "types[{}]: reserved but never defined",
            dangling.0
        )));
        assert!(problems.contains(&format!(
            "types[{}]: an alias that refers to itself through aliases only",
            a.0
        )));
    }

    #[test]
    fn recursion_through_a_struct_is_fine() {
        let mut api = api();
        let node = api.types.reserve();
        api.types.define(
            node,
            def(
                "node",
                TypeKind::Struct {
                    fields: vec![field(
                        "next",
                        TypeRef::Nullable(Box::new(TypeRef::Named(node))),
                    )],
                    additional: None,
                },
            ),
        );
        let union = api.types.push(def(
            "shape",
            TypeKind::Union {
                variants: vec![
                    Variant {
                        name: vec!["node".to_owned()],
                        tag: None,
                        ty: TypeRef::Named(node),
                        docs: None,
                    },
                    Variant {
                        name: vec!["node".to_owned()],
                        tag: None,
                        ty: TypeRef::STRING,
                        docs: None,
                    },
                ],
                tagging: crate::ir::Tagging::Untagged,
            },
        ));
        assert_eq!(
            problems(&api),
            [format!(
                "types[{}].variants[1]: the name [\"node\"] repeats",
                union.0
            )]
        );
    }
}
