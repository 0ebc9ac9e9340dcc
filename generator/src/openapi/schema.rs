//! JSON Schema (as OpenAPI 3.0, 3.1 and 3.2 and converted Swagger 2.0 write it) into the
//! IR's types.
//!
//! - Every schema a `$ref` names becomes one named type, keyed by where it is; schemas under
//!   `components/schemas` are named by their key, claimed in sorted key order before anything
//!   else, so names never depend on where a schema is first used.
//! - Inline objects, enums and unions are named from their place: the operation's name, the
//!   role (`body`, `response`) and the field path, claimed while operations are walked in
//!   sorted path order. A name already taken gets the next free number.
//! - Required, optional and nullable stay apart: `nullable: true` (3.0), `x-nullable` (2.0),
//!   `type: [T, "null"]` and a `null` member of `enum`/`oneOf`/`anyOf` (3.1) all make
//!   `Nullable`; `required` decides presence.
//! - `allOf` is merged into one struct (properties of every part, `required` of every part);
//!   `oneOf`/`anyOf` become unions, internally tagged when a `discriminator` or a property
//!   with one `const` value per alternative says which is which, untagged otherwise.
//! - What cannot be typed becomes `TypeRef::Any` with a warning naming its JSON pointer.
//!
//! Ref targets are queued and lowered by [`Schemas::finish`], so a deep chain of references
//! never deepens the call stack; nesting inside one schema is bounded by the input's depth
//! limit.

use std::collections::{BTreeMap, BTreeSet, VecDeque};

use serde_json::{Map, Value};

use super::refs::{self, At};
use super::source::Spec;
use crate::docs;
use crate::ir::{
    EnumValue, Field, FloatFormat, Holder, IntFormat, PartEncoding, Scalar, Tagging, TypeDef,
    TypeId, TypeKind, TypeRef, TypeTable, Variant, Words,
};
use crate::lower::{Example, ExampleOf};
use crate::naming;

/// Where an inline schema is, for its name and docs.
#[derive(Debug, Clone)]
pub struct Place {
    /// The words its name is made of.
    pub words: Words,
    /// What holds it.
    pub holder: Option<Holder>,
}

impl Place {
    /// A place with these words and no holder.
    pub fn new(words: Words) -> Self {
        Place {
            words,
            holder: None,
        }
    }

    fn child(&self, extra: &[String], holder: Option<Holder>) -> Self {
        let mut words = self.words.clone();
        words.extend(extra.iter().cloned());
        Place { words, holder }
    }
}

/// A property collected from an object schema and its `allOf` parts.
struct Property<'s> {
    name: String,
    schema: &'s Value,
    at: At,
}

/// An object's properties, merged over `allOf`.
#[derive(Default)]
struct Object<'s> {
    properties: Vec<Property<'s>>,
    required: BTreeSet<String>,
    additional: Option<(&'s Value, At)>,
    /// Parts that are not objects (their constraints are not merged).
    other_parts: Vec<(&'s Value, At)>,
}

/// The schema lowering of one description.
pub struct Schemas<'s> {
    spec: &'s Spec,
    /// The types made so far.
    pub types: TypeTable,
    by_target: BTreeMap<At, TypeId>,
    names_of: BTreeMap<TypeId, Words>,
    queue: VecDeque<(TypeId, At)>,
    claimed: BTreeSet<String>,
    tagged: Vec<(String, Vec<TypeRef>)>,
    /// Inline schemas being lowered, with the type each has reserved once it has one. `allOf`
    /// copies another schema's properties, so an inline schema can be reached again inside
    /// itself (`Pet.parent: {allOf: [Pet, {…}]}`); it then refers to its own type instead of
    /// being lowered without end.
    active: BTreeMap<At, Option<TypeId>>,
    /// The `example`/`examples` of every schema lowered, with its type, and of the media types
    /// the operations record (see [`Schemas::example`]).
    pub examples: Vec<Example>,
    /// The locations of the examples recorded (a schema copied by `allOf` is lowered more
    /// than once; its examples are recorded once).
    exemplified: BTreeSet<String>,
    /// String formats typed as `String` although the crate could type them (`date-time`,
    /// `date`, `uuid`): the description's examples contradict them.
    pub untyped_formats: BTreeSet<&'static str>,
    /// Approximations, with where they are.
    pub warnings: Vec<(At, String)>,
    /// Problems that make the description unusable.
    pub errors: Vec<(At, String)>,
}

impl<'s> Schemas<'s> {
    /// An empty lowering of `spec`'s schemas.
    pub fn new(spec: &'s Spec) -> Self {
        Schemas {
            spec,
            types: TypeTable::new(),
            by_target: BTreeMap::new(),
            names_of: BTreeMap::new(),
            queue: VecDeque::new(),
            claimed: BTreeSet::new(),
            tagged: Vec::new(),
            active: BTreeMap::new(),
            examples: Vec::new(),
            exemplified: BTreeSet::new(),
            untyped_formats: BTreeSet::new(),
            warnings: Vec::new(),
            errors: Vec::new(),
        }
    }

    /// Names every schema under `components/schemas` by its key, in sorted key order, and
    /// queues them (every component is a type of the API, used or not).
    pub fn components(&mut self) {
        let Some(Value::Object(schemas)) = self.spec.root().pointer("/components/schemas") else {
            return;
        };
        let mut keys: Vec<&String> = schemas.keys().collect();
        keys.sort();
        let base = At::root().join("components").join("schemas");
        for key in keys {
            let at = base.join(key);
            self.target_id(&at);
        }
    }

    /// The id of the named type for the schema at `at`, reserving and queueing it when new.
    fn target_id(&mut self, at: &At) -> TypeId {
        if let Some(id) = self.by_target.get(at) {
            return *id;
        }
        let id = self.types.reserve();
        let words = self.claim(target_words(self.spec, at));
        self.names_of.insert(id, words);
        self.by_target.insert(at.clone(), id);
        self.queue.push_back((id, at.clone()));
        id
    }

    /// Lowers every queued reference target, then adjusts tagged unions' alternatives.
    pub fn finish(&mut self) {
        while let Some((id, at)) = self.queue.pop_front() {
            let Some(value) = refs::get(self.spec, &at) else {
                continue;
            };
            let words = self.names_of.get(&id).cloned().unwrap_or_default();
            self.lower(value, &at, &Place::new(words), Some(id));
        }
        // A schema that is only itself (`A: {oneOf: [{$ref: A}]}`, or such a chain through
        // other one-member compositions) describes no value: a located error, as a cycle of
        // plain references is.
        let places: BTreeMap<TypeId, At> = self
            .by_target
            .iter()
            .map(|(at, id)| (*id, at.clone()))
            .collect();
        for (start, at) in &places {
            let mut seen = BTreeSet::new();
            let mut current = *start;
            while let Some(TypeKind::Alias { target }) = self.types.get(current).map(|d| &d.kind) {
                let next = match target {
                    TypeRef::Named(id) => *id,
                    TypeRef::Nullable(inner) => match inner.as_ref() {
                        TypeRef::Named(id) => *id,
                        _ => break,
                    },
                    _ => break,
                };
                if !seen.insert(current) {
                    break;
                }
                if next == *start {
                    let message = format!(
                        "a schema that is only itself (through references and one-member \
                         `oneOf`/`anyOf`/`allOf`): {}; expected a schema with a type",
                        at.shown(self.spec)
                    );
                    if !self.errors.iter().any(|(_, m)| *m == message) {
                        self.errors.push((at.clone(), message));
                    }
                    break;
                }
                current = next;
            }
        }
        // The union writes the tag that names the alternative (`emit/types.rs`), so the
        // alternative's own copy of the tag property need not be set by the caller.
        for (tag, variants) in std::mem::take(&mut self.tagged) {
            for variant in variants {
                let TypeRef::Named(id) = variant else {
                    continue;
                };
                let Some(def) = self.types.get(id) else {
                    continue;
                };
                let mut def = def.clone();
                if let TypeKind::Struct { fields, .. } = &mut def.kind {
                    for field in fields.iter_mut().filter(|field| field.wire_name == tag) {
                        field.required = false;
                    }
                }
                self.types.define(id, def);
            }
        }
    }

    /// A type name not taken yet: `words`, else `words` + `2`, `3`, ….
    pub fn claim(&mut self, words: Words) -> Words {
        let words = if words.is_empty() {
            vec!["type".to_owned()]
        } else {
            words
        };
        let spelled = |words: &[String]| naming::type_ident(words, "Type");
        if self.claimed.insert(spelled(&words)) {
            return words;
        }
        for n in 2.. {
            let mut candidate = words.clone();
            candidate.push(n.to_string());
            if self.claimed.insert(spelled(&candidate)) {
                return candidate;
            }
        }
        unreachable!("an unbounded range always finds a free name")
    }

    /// `value` (at `at`) through its references; a reference that names nothing or a cycle is
    /// recorded as an error located at the `$ref`, and gives `None`.
    pub fn follow(&mut self, at: &At, value: &'s Value) -> Option<refs::Target<'s>> {
        match refs::follow(self.spec, at, value) {
            Ok(target) => Some(target),
            Err(message) => {
                self.errors.push((at.join("$ref"), message));
                None
            }
        }
    }

    fn warn(&mut self, at: &At, message: impl Into<String>) {
        let warning = (at.clone(), message.into());
        // A schema copied into several places by `allOf` would say the same thing each time.
        if !self.warnings.contains(&warning) {
            self.warnings.push(warning);
        }
    }

    /// Defines a new named type (or the reserved `id`) and refers to it.
    fn define(
        &mut self,
        id: Option<TypeId>,
        place: &Place,
        docs: Option<String>,
        kind: TypeKind,
    ) -> TypeRef {
        let id = id.unwrap_or_else(|| self.reserve_inline(place));
        self.define_reserved(id, place, docs, kind)
    }

    /// Records that the schema at `at`, while it is being lowered, has the type `id`.
    fn reserved(&mut self, at: &At, id: TypeId) {
        if let Some(slot) = self.active.get_mut(at) {
            *slot = Some(id);
        }
    }

    fn reserve_inline(&mut self, place: &Place) -> TypeId {
        let id = self.types.reserve();
        let words = self.claim(place.words.clone());
        self.names_of.insert(id, words);
        id
    }

    fn define_reserved(
        &mut self,
        id: TypeId,
        place: &Place,
        docs: Option<String>,
        kind: TypeKind,
    ) -> TypeRef {
        let name = self
            .names_of
            .get(&id)
            .cloned()
            .unwrap_or_else(|| place.words.clone());
        self.types.define(
            id,
            TypeDef {
                name,
                qualified: None,
                docs,
                holder: place.holder.clone(),
                kind,
            },
        );
        TypeRef::Named(id)
    }

    /// A type that needs no name: itself, or an alias when a named type was asked for.
    fn plain(
        &mut self,
        id: Option<TypeId>,
        place: &Place,
        docs: Option<String>,
        ty: TypeRef,
    ) -> TypeRef {
        match id {
            Some(id) => self.define_reserved(id, place, docs, TypeKind::Alias { target: ty }),
            None => ty,
        }
    }

    /// The type of the schema `value` at `at`. With `id`, the schema defines that reserved
    /// type (an alias when it needs no name of its own).
    pub fn lower(
        &mut self,
        value: &'s Value,
        at: &At,
        place: &Place,
        id: Option<TypeId>,
    ) -> TypeRef {
        let Value::Object(map) = value else {
            if !value.is_boolean() {
                self.warn(at, "expected a schema object; typed as any JSON value");
            }
            return self.plain(id, place, None, TypeRef::Any);
        };
        let docs = docs_of(map);
        if let Some(reference) = refs::reference_of(value) {
            let mut ty = self.reference(at, reference);
            if flagged_nullable(map) {
                ty = nullable(ty);
            }
            self.schema_examples(map, at, &ty);
            return self.plain(id, place, docs, ty);
        }
        if id.is_none() {
            match self.active.get(at) {
                Some(Some(own)) => {
                    let ty = TypeRef::Named(*own);
                    return if is_nullable(map) { nullable(ty) } else { ty };
                }
                Some(None) => {
                    self.warn(
                        at,
                        "a schema that contains itself through `allOf` before it has a type \
                         of its own; typed as any JSON value",
                    );
                    return TypeRef::Any;
                }
                None => {}
            }
        }
        self.active.insert(at.clone(), None);
        let ty = self.non_null(map, at, place, id, docs);
        self.active.remove(at);
        let ty = if is_nullable(map) && id.is_none() {
            nullable(ty)
        } else {
            ty
        };
        // A nullable component is an alias of the non-null type; its `null` example is a
        // value of the nullable one.
        let example_ty = if is_nullable(map) {
            nullable(ty.clone())
        } else {
            ty.clone()
        };
        self.schema_examples(map, at, &example_ty);
        ty
    }

    /// Records the schema's own `example` and `examples` (a JSON Schema list) as values of `ty`.
    fn schema_examples(&mut self, map: &Map<String, Value>, at: &At, ty: &TypeRef) {
        let mut values: Vec<&Value> = map.get("example").into_iter().collect();
        if let Some(Value::Array(examples)) = map.get("examples") {
            values.extend(examples);
        }
        for (index, value) in values.into_iter().enumerate() {
            let location = format!("{} (schema example {})", at.shown(self.spec), index + 1);
            self.example(ty, at, location, value);
        }
    }

    /// Records `value` (written at `location`) as an example of the schema at `schema_at`,
    /// whose type is `ty`. Each location is recorded once.
    pub fn example(&mut self, ty: &TypeRef, schema_at: &At, location: String, value: &Value) {
        if !self.exemplified.insert(location.clone()) {
            return;
        }
        self.examples.push(Example {
            of: ExampleOf::Schema {
                ty: ty.clone(),
                schema: schema_at.shown(self.spec),
            },
            location,
            body: value.to_string(),
        });
    }

    /// The type `reference` (written at `at`) names; a located error when it names nothing.
    pub fn reference(&mut self, at: &At, reference: &str) -> TypeRef {
        let target = match refs::resolve(self.spec, at.file, reference) {
            Ok(target) => target,
            Err(message) if message.contains("never fetches") => {
                self.warn(at, format!("{message}; typed as any JSON value"));
                return TypeRef::Any;
            }
            Err(message) => {
                self.errors.push((at.join("$ref"), message));
                return TypeRef::Any;
            }
        };
        match refs::follow(self.spec, &target.at, target.value) {
            Ok(end) => {
                let id = self.target_id(&target.at);
                if end.value.as_object().is_some_and(is_nullable) {
                    nullable(TypeRef::Named(id))
                } else {
                    TypeRef::Named(id)
                }
            }
            Err(message) => {
                if !self.errors.iter().any(|(_, m)| *m == message) {
                    self.errors.push((at.join("$ref"), message));
                }
                TypeRef::Any
            }
        }
    }

    fn non_null(
        &mut self,
        map: &'s Map<String, Value>,
        at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        if let Some(value) = map.get("const") {
            let values = vec![EnumValue {
                value: value.clone(),
                docs: None,
            }];
            return self.enumeration(values, place, id, docs);
        }
        if let Some(Value::Array(values)) = map.get("enum") {
            let mut seen = BTreeSet::new();
            let values: Vec<EnumValue> = values
                .iter()
                .filter(|value| !value.is_null())
                .filter(|value| seen.insert(value.to_string()))
                .map(|value| EnumValue {
                    value: value.clone(),
                    docs: None,
                })
                .collect();
            if values.is_empty() {
                return self.plain(id, place, docs, TypeRef::Any);
            }
            return self.enumeration(values, place, id, docs);
        }
        if map.get("allOf").is_some_and(Value::is_array) {
            return self.all_of(map, at, place, id, docs);
        }
        for key in ["oneOf", "anyOf"] {
            if map.get(key).is_some_and(Value::is_array) {
                return self.union(map, key, at, place, id, docs);
            }
        }
        let types = types_of(map);
        if types.len() > 1 {
            return self.scalar_union(map, &types, at, place, id, docs);
        }
        let ty = match types.first().map(String::as_str) {
            Some("string") => TypeRef::Scalar(self.json_string_format(map)),
            Some("integer") => TypeRef::Scalar(Scalar::Integer(
                match map.get("format").and_then(Value::as_str) {
                    Some("int32" | "int16" | "int8") => IntFormat::I32,
                    _ => IntFormat::I64,
                },
            )),
            Some("number") => TypeRef::Scalar(Scalar::Number(
                match map.get("format").and_then(Value::as_str) {
                    Some("float") => FloatFormat::F32,
                    _ => FloatFormat::F64,
                },
            )),
            Some("boolean") => TypeRef::Scalar(Scalar::Boolean),
            Some("array") => self.array(map, at, place),
            Some("object") => return self.object(map, at, place, id, docs),
            // Outside a form a file is its text (a form's files are made by `form`).
            Some("file") => TypeRef::STRING,
            Some("null") => TypeRef::Any,
            Some(other) => {
                self.warn(
                    &at.join("type"),
                    format!("unknown type `{other}`; typed as any JSON value"),
                );
                TypeRef::Any
            }
            None if map.contains_key("properties") || map.contains_key("additionalProperties") => {
                return self.object(map, at, place, id, docs);
            }
            // JSON Schema: without `type`, `items` only constrains arrays; the value may be
            // anything (Slack's conversation objects are written so).
            None if map.contains_key("items") => {
                self.warn(
                    at,
                    "`items` without `type: array` allows any value; typed as any JSON value",
                );
                TypeRef::Any
            }
            None => TypeRef::Any,
        };
        self.plain(id, place, docs, ty)
    }

    /// [`string_format`] in a JSON document, where `binary` is just a string and a format
    /// the examples contradict is too.
    fn json_string_format(&self, map: &Map<String, Value>) -> Scalar {
        let untyped = |format: &str| self.untyped_formats.contains(format);
        match string_format(map) {
            Scalar::Binary => Scalar::String,
            Scalar::DateTime if untyped("date-time") => Scalar::String,
            Scalar::Date if untyped("date") => Scalar::String,
            Scalar::Uuid if untyped("uuid") => Scalar::String,
            other => other,
        }
    }

    fn array(&mut self, map: &'s Map<String, Value>, at: &At, place: &Place) -> TypeRef {
        let element = match map.get("items") {
            Some(items @ Value::Object(_)) => {
                let holder = match &place.holder {
                    Some(Holder::Field { parent, field, .. }) => Some(Holder::Field {
                        parent: *parent,
                        field: field.clone(),
                        element: true,
                    }),
                    other => other.clone(),
                };
                let words = naming::singular(&place.words);
                let words = if words == place.words {
                    let mut words = words;
                    words.push("item".to_owned());
                    words
                } else {
                    words
                };
                let element_place = Place { words, holder };
                self.lower(items, &at.join("items"), &element_place, None)
            }
            // A 2020-12 tuple (`prefixItems`) or no `items`: any values.
            _ => TypeRef::Any,
        };
        TypeRef::Array(Box::new(element))
    }

    fn enumeration(
        &mut self,
        values: Vec<EnumValue>,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        self.define(
            id,
            place,
            docs,
            TypeKind::Enum {
                values,
                open: false,
            },
        )
    }

    fn object(
        &mut self,
        map: &'s Map<String, Value>,
        at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        let mut object = Object::default();
        let mut visited = BTreeSet::new();
        self.collect(map, at, &mut object, &mut visited);
        self.struct_of(object, map, at, place, id, docs)
    }

    fn struct_of(
        &mut self,
        object: Object<'s>,
        map: &'s Map<String, Value>,
        at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        if object.properties.is_empty() {
            let closed = map.get("additionalProperties") == Some(&Value::Bool(false));
            if !closed {
                let values = match object.additional {
                    Some((schema, schema_at)) => {
                        let place = place.child(&["value".to_owned()], None);
                        self.lower(schema, &schema_at, &place, None)
                    }
                    None => TypeRef::Any,
                };
                return self.plain(id, place, docs, TypeRef::Map(Box::new(values)));
            }
        }
        let id = id.unwrap_or_else(|| self.reserve_inline(place));
        self.reserved(at, id);
        let mut fields = Vec::new();
        for property in &object.properties {
            let field_words = naming::words(&property.name);
            let holder = Holder::Field {
                parent: Some(id),
                field: property.name.clone(),
                element: false,
            };
            let field_place = place.child(&field_words, Some(holder));
            let ty = self.lower(property.schema, &property.at, &field_place, None);
            fields.push(self.field(property, ty, object.required.contains(&property.name)));
        }
        let additional = match object.additional {
            Some((schema, schema_at)) => {
                let place = place.child(&["value".to_owned()], None);
                Some(self.lower(schema, &schema_at, &place, None))
            }
            None => None,
        };
        self.define_reserved(id, place, docs, TypeKind::Struct { fields, additional })
    }

    fn field(&self, property: &Property<'s>, ty: TypeRef, required: bool) -> Field {
        let schema = property.schema.as_object();
        let flag = |key: &str| {
            schema
                .and_then(|schema| schema.get(key))
                .and_then(Value::as_bool)
                .unwrap_or(false)
        };
        let mut field = Field::new(property.name.clone(), ty, required);
        field.default = schema.and_then(|schema| schema.get("default")).cloned();
        field.read_only = flag("readOnly");
        field.write_only = flag("writeOnly");
        field.deprecated = flag("deprecated");
        field.docs = schema.and_then(docs_of).or_else(|| {
            // A `$ref` without a description of its own: the target's.
            let reference = refs::reference_of(property.schema)?;
            let target = refs::resolve(self.spec, property.at.file, reference).ok()?;
            docs_of(target.value.as_object()?)
        });
        field
    }

    /// Gathers the properties of `map` and of its `allOf` parts (through references).
    fn collect(
        &mut self,
        map: &'s Map<String, Value>,
        at: &At,
        object: &mut Object<'s>,
        visited: &mut BTreeSet<At>,
    ) {
        if !visited.insert(at.clone()) {
            self.errors.push((
                at.clone(),
                "an `allOf` that includes itself; expected a schema that does not contain \
                 itself"
                    .to_owned(),
            ));
            return;
        }
        if let Some(Value::Array(parts)) = map.get("allOf") {
            let parts_at = at.join("allOf");
            for (index, part) in parts.iter().enumerate() {
                let part_at = parts_at.join(index.to_string());
                let target = match refs::follow(self.spec, &part_at, part) {
                    Ok(target) => target,
                    Err(message) => {
                        self.errors.push((part_at.join("$ref"), message));
                        continue;
                    }
                };
                match target.value {
                    Value::Object(part_map) if is_object_like(part_map) => {
                        self.collect(part_map, &target.at, object, visited);
                    }
                    Value::Object(part_map) if part_map.is_empty() || only_docs(part_map) => {}
                    Value::Bool(true) => {}
                    other => object.other_parts.push((other, target.at.clone())),
                }
            }
        }
        if let Some(Value::Object(properties)) = map.get("properties") {
            let properties_at = at.join("properties");
            for (name, schema) in properties {
                let property = Property {
                    name: name.clone(),
                    schema,
                    at: properties_at.join(name),
                };
                match object.properties.iter_mut().find(|p| p.name == *name) {
                    // A later part refines an earlier one's property: its schema wins, the
                    // position stays.
                    Some(existing) => *existing = property,
                    None => object.properties.push(property),
                }
            }
        }
        if let Some(Value::Array(required)) = map.get("required") {
            object
                .required
                .extend(required.iter().filter_map(Value::as_str).map(str::to_owned));
        }
        match map.get("additionalProperties") {
            Some(schema @ Value::Object(_)) => {
                object.additional = Some((schema, at.join("additionalProperties")))
            }
            Some(Value::Bool(true)) => {
                object.additional = Some((&Value::Bool(true), at.join("additionalProperties")))
            }
            _ => {}
        }
        visited.remove(at);
    }

    fn all_of(
        &mut self,
        map: &'s Map<String, Value>,
        at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        let parts = map.get("allOf").and_then(Value::as_array);
        let own_structure = map.contains_key("properties") || map.contains_key("type");
        // `allOf: [{$ref}]`, or with parts that only describe (`{description: …}`), only
        // attaches a description (or nullability) to a reference.
        let structural: Vec<(usize, &'s Value)> = parts
            .into_iter()
            .flatten()
            .enumerate()
            .filter(|(_, part)| match part {
                Value::Object(part) => !(part.is_empty() || only_docs(part)),
                Value::Bool(true) => false,
                _ => true,
            })
            .collect();
        if let [(index, single)] = structural.as_slice()
            && !own_structure
        {
            let ty = self.lower(
                single,
                &at.join("allOf").join(index.to_string()),
                place,
                None,
            );
            let nullable_part = parts
                .into_iter()
                .flatten()
                .any(|part| part.as_object().is_some_and(flagged_nullable));
            let ty = if nullable_part { nullable(ty) } else { ty };
            return self.plain(id, place, docs, ty);
        }
        let mut object = Object::default();
        let mut visited = BTreeSet::new();
        self.collect(map, at, &mut object, &mut visited);
        if object.properties.is_empty() && object.other_parts.len() == 1 {
            let (part, part_at) = object.other_parts[0].clone();
            let ty = self.lower(part, &part_at, place, None);
            return self.plain(id, place, docs, ty);
        }
        if !object.other_parts.is_empty() {
            let shown: Vec<String> = object
                .other_parts
                .iter()
                .map(|(_, at)| at.shown(self.spec))
                .collect();
            self.warn(
                at,
                format!(
                    "`allOf` parts that are not objects are not merged: {}",
                    shown.join(", ")
                ),
            );
        }
        self.struct_of(object, map, at, place, id, docs)
    }

    fn union(
        &mut self,
        map: &'s Map<String, Value>,
        key: &str,
        schema_at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        let variants: &'s [Value] = map
            .get(key)
            .and_then(Value::as_array)
            .map_or(&[], Vec::as_slice);
        let at = &schema_at.join(key);
        let members: Vec<(usize, &'s Value)> = variants
            .iter()
            .enumerate()
            .filter(|(_, variant)| !is_null_schema(variant))
            .collect();
        match members.as_slice() {
            [] => return self.plain(id, place, docs, TypeRef::Any),
            [(index, single)] => {
                let ty = self.lower(single, &at.join(index.to_string()), place, None);
                return self.plain(id, place, docs, ty);
            }
            _ => {}
        }
        let id = id.unwrap_or_else(|| self.reserve_inline(place));
        self.reserved(schema_at, id);
        let tags = self.tags(map, &members, at);
        let mut names = BTreeSet::new();
        let mut out = Vec::new();
        for (position, (index, variant)) in members.iter().enumerate() {
            let variant_at = at.join(index.to_string());
            let mut words = self.variant_words(variant, &variant_at, position);
            if !names.insert(naming::type_ident(&words, "Variant")) {
                words.push((position + 1).to_string());
                names.insert(naming::type_ident(&words, "Variant"));
            }
            let variant_place = place.child(&words, None);
            let ty = self.lower(variant, &variant_at, &variant_place, None);
            let variant_docs = variant.as_object().and_then(docs_of);
            out.push(Variant {
                name: words,
                tag: tags.as_ref().map(|(_, tags)| tags[position].clone()),
                ty,
                docs: variant_docs,
            });
        }
        let tagging = match tags {
            Some((tag, _)) => {
                self.tagged
                    .push((tag.clone(), out.iter().map(|v| v.ty.clone()).collect()));
                Tagging::Internal { tag }
            }
            None => Tagging::Untagged,
        };
        self.define_reserved(
            id,
            place,
            docs,
            TypeKind::Union {
                variants: out,
                tagging,
            },
        )
    }

    /// The tag property and each member's tag value, when the members can be told apart by
    /// one: a `discriminator` (with its `mapping`, else the schemas' keys), or a property
    /// every member fixes to a different `const` string.
    fn tags(
        &mut self,
        map: &'s Map<String, Value>,
        members: &[(usize, &'s Value)],
        at: &At,
    ) -> Option<(String, Vec<String>)> {
        let resolved: Vec<(Option<At>, &'s Map<String, Value>)> = members
            .iter()
            .map(|(index, member)| {
                let member_at = at.join(index.to_string());
                let target = refs::follow(self.spec, &member_at, member).ok()?;
                let reference = refs::reference_of(member)
                    .and_then(|r| refs::resolve(self.spec, at.file, r).ok())
                    .map(|target| target.at);
                let object = target.value.as_object()?;
                is_object_like(object).then_some((reference, object))
            })
            .collect::<Option<Vec<_>>>()?;
        let discriminator = match map.get("discriminator") {
            Some(Value::Object(discriminator)) => discriminator
                .get("propertyName")
                .and_then(Value::as_str)
                .map(|name| (name.to_owned(), discriminator.get("mapping"))),
            Some(Value::String(name)) => Some((name.clone(), None)),
            _ => None,
        };
        let tags: Vec<String> = if let Some((property, mapping)) = &discriminator {
            let mapped: Vec<(String, At)> = match mapping {
                Some(Value::Object(mapping)) => mapping
                    .iter()
                    .filter_map(|(tag, target)| {
                        let target = target.as_str()?;
                        let reference = if target.contains('#') || target.contains('/') {
                            target.to_owned()
                        } else {
                            format!("#/components/schemas/{target}")
                        };
                        let at = refs::resolve(self.spec, at.file, &reference).ok()?.at;
                        Some((tag.clone(), at))
                    })
                    .collect(),
                _ => Vec::new(),
            };

            resolved
                .iter()
                .map(|(reference, object)| {
                    if let Some(reference) = reference
                        && let Some((tag, _)) = mapped.iter().find(|(_, at)| at == reference)
                    {
                        return Some(tag.clone());
                    }
                    if let Some(tag) = const_of(object, property) {
                        return Some(tag);
                    }
                    let reference = reference.as_ref()?;
                    reference
                        .pointer
                        .strip_prefix("/components/schemas/")
                        .filter(|key| !key.contains('/'))
                        .map(|key| key.replace("~1", "/").replace("~0", "~"))
                })
                .collect::<Option<Vec<_>>>()?
        } else {
            // A property every member fixes to a string of its own.
            let first = resolved.first()?.1;
            let candidates = first.get("properties")?.as_object()?;
            let property = candidates.keys().find(|property| {
                resolved
                    .iter()
                    .all(|(_, object)| const_of(object, property).is_some())
            })?;
            let tags: Vec<String> = resolved
                .iter()
                .filter_map(|(_, object)| const_of(object, property))
                .collect();
            let distinct: BTreeSet<&String> = tags.iter().collect();
            if distinct.len() != tags.len() {
                return None;
            }
            return Some((property.clone(), tags));
        };
        let distinct: BTreeSet<&String> = tags.iter().collect();
        if distinct.len() != tags.len() {
            return None;
        }
        discriminator.map(|(property, _)| (property, tags))
    }

    /// A member's name: the schema it refers to, its title, else what it is.
    fn variant_words(&self, variant: &Value, at: &At, position: usize) -> Words {
        if let Some(reference) = refs::reference_of(variant)
            && let Ok(target) = refs::resolve(self.spec, at.file, reference)
        {
            let words = target_words(self.spec, &target.at);
            if !words.is_empty() {
                return words;
            }
        }
        let Some(map) = variant.as_object() else {
            return vec!["variant".to_owned(), (position + 1).to_string()];
        };
        if let Some(title) = map.get("title").and_then(Value::as_str) {
            let words = naming::words(title);
            if !words.is_empty() && words.len() <= 4 {
                return words;
            }
        }
        let kind = match types_of(map).first().map(String::as_str) {
            Some("string") => "string",
            Some("integer") => "integer",
            Some("number") => "number",
            Some("boolean") => "boolean",
            Some("array") => "list",
            Some("object") => "object",
            _ if map.contains_key("properties") => "object",
            _ => "variant",
        };
        vec![kind.to_owned(), (position + 1).to_string()]
            .into_iter()
            .take(if kind == "variant" || kind == "object" {
                2
            } else {
                1
            })
            .collect()
    }

    /// `type: [string, integer]`: an untagged union of the scalar types.
    fn scalar_union(
        &mut self,
        map: &'s Map<String, Value>,
        types: &[String],
        at: &At,
        place: &Place,
        id: Option<TypeId>,
        docs: Option<String>,
    ) -> TypeRef {
        let id = id.unwrap_or_else(|| self.reserve_inline(place));
        let mut variants = Vec::new();
        for ty in types {
            let lowered = match ty.as_str() {
                "string" => TypeRef::Scalar(self.json_string_format(map)),
                "integer" => TypeRef::Scalar(Scalar::Integer(IntFormat::I64)),
                "number" => TypeRef::Scalar(Scalar::Number(FloatFormat::F64)),
                "boolean" => TypeRef::Scalar(Scalar::Boolean),
                "array" => self.array(map, at, place),
                "object" => TypeRef::Map(Box::new(TypeRef::Any)),
                _ => continue,
            };
            let name = match ty.as_str() {
                "array" => "list",
                other => other,
            };
            variants.push(Variant {
                name: vec![name.to_owned()],
                tag: None,
                ty: lowered,
                docs: None,
            });
        }
        self.define_reserved(
            id,
            place,
            docs,
            TypeKind::Union {
                variants,
                tagging: Tagging::Untagged,
            },
        )
    }

    /// The form struct of a `multipart/form-data` or urlencoded body: the object's fields,
    /// each with how it is sent (`encoding.contentType` first, else files for binary strings,
    /// JSON for objects and arrays, text for the rest). `None` when the schema has no
    /// properties.
    pub fn form(
        &mut self,
        schema: &'s Value,
        at: &At,
        place: &Place,
        encoding: Option<&'s Map<String, Value>>,
        multipart: bool,
    ) -> Option<TypeRef> {
        let target = self.follow(at, schema)?;
        let map = target.value.as_object()?;
        let mut object = Object::default();
        let mut visited = BTreeSet::new();
        self.collect(map, &target.at, &mut object, &mut visited);
        if object.properties.is_empty() {
            return None;
        }
        let id = self.reserve_inline(place);
        let mut fields = Vec::new();
        for property in &object.properties {
            let required = object.required.contains(&property.name);
            let resolved = refs::follow(self.spec, &property.at, property.schema)
                .ok()
                .and_then(|target| target.value.as_object());
            let entry = encoding.and_then(|encoding| encoding.get(&property.name));
            let content_type = entry
                .and_then(|entry| entry.get("contentType"))
                .and_then(Value::as_str);
            let deep = entry
                .and_then(|entry| entry.get("style"))
                .and_then(Value::as_str)
                == Some("deepObject");
            let binary = resolved.is_some_and(|schema| {
                matches!(string_format(schema), Scalar::Binary)
                    && types_of(schema).first().map(String::as_str) != Some("array")
            }) || resolved
                .is_some_and(|schema| schema.get("type").and_then(Value::as_str) == Some("file"));
            let structured = resolved.is_some_and(|schema| {
                matches!(
                    types_of(schema).first().map(String::as_str),
                    Some("array" | "object")
                ) || schema.contains_key("properties")
                    || schema.contains_key("allOf")
                    || schema.contains_key("oneOf")
                    || schema.contains_key("anyOf")
            });
            let part = if multipart && binary {
                PartEncoding::File
            } else if !multipart && deep && structured {
                PartEncoding::Deep
            } else if content_type.is_some_and(|c| c.contains("json")) || structured {
                PartEncoding::Json
            } else {
                PartEncoding::Text
            };
            let ty = if part == PartEncoding::File {
                TypeRef::Scalar(Scalar::Binary)
            } else if binary {
                TypeRef::STRING
            } else {
                let holder = Holder::Field {
                    parent: Some(id),
                    field: property.name.clone(),
                    element: false,
                };
                let field_place = place.child(&naming::words(&property.name), Some(holder));
                self.lower(property.schema, &property.at, &field_place, None)
            };
            let mut field = self.field(property, ty, required);
            field.part = Some(part);
            fields.push(field);
        }
        Some(self.define_reserved(
            id,
            place,
            None,
            TypeKind::Struct {
                fields,
                additional: None,
            },
        ))
    }
}

/// The words of a reference target's name: a component's key, else the meaningful tokens of
/// its pointer, else its file's name.
fn target_words(spec: &Spec, at: &At) -> Words {
    let tokens: Vec<String> = at
        .pointer
        .split('/')
        .skip(1)
        .map(|token| token.replace("~1", "/").replace("~0", "~"))
        .collect();
    if let [components, schemas, key] = tokens.as_slice()
        && components == "components"
        && schemas == "schemas"
    {
        let words = naming::words(key);
        if !words.is_empty() {
            return words;
        }
    }
    const STRUCTURE: &[&str] = &[
        "components",
        "schemas",
        "definitions",
        "content",
        "schema",
        "properties",
        "items",
        "allOf",
        "oneOf",
        "anyOf",
        "paths",
        "parameters",
        "requestBodies",
        "responses",
        "headers",
        "additionalProperties",
    ];
    let words: Words = tokens
        .iter()
        .filter(|token| !STRUCTURE.contains(&token.as_str()) && !token.contains('/'))
        .flat_map(|token| naming::words(token))
        .collect();
    if !words.is_empty() {
        return words;
    }
    spec.files[at.file]
        .path
        .file_stem()
        .map(|stem| naming::words(&stem.to_string_lossy()))
        .unwrap_or_default()
}

/// `description`, else `title`, as Markdown.
pub fn docs_of(map: &Map<String, Value>) -> Option<String> {
    let own = |map: &Map<String, Value>| {
        map.get("description")
            .and_then(Value::as_str)
            .and_then(docs::clean)
            .or_else(|| {
                map.get("title")
                    .and_then(Value::as_str)
                    .and_then(docs::clean)
            })
    };
    // `allOf: [{$ref: …}, {description: …}]` describes the reference in a part of its own.
    own(map).or_else(|| {
        map.get("allOf")?
            .as_array()?
            .iter()
            .filter_map(Value::as_object)
            .filter(|part| only_docs(part))
            .find_map(own)
    })
}

fn only_docs(map: &Map<String, Value>) -> bool {
    map.keys().all(|key| {
        matches!(
            key.as_str(),
            "description"
                | "title"
                | "example"
                | "examples"
                | "deprecated"
                | "nullable"
                | "readOnly"
                | "writeOnly"
                | "xml"
                | "externalDocs"
        ) || key.starts_with("x-")
    })
}

/// The declared types without `null` (a string `type` is a list of one).
fn types_of(map: &Map<String, Value>) -> Vec<String> {
    match map.get("type") {
        Some(Value::String(ty)) if ty != "null" => vec![ty.clone()],
        Some(Value::Array(types)) => types
            .iter()
            .filter_map(Value::as_str)
            .filter(|ty| *ty != "null")
            .map(str::to_owned)
            .collect(),
        _ => Vec::new(),
    }
}

/// Whether `null` is a value the schema allows, however it says so.
fn is_nullable(map: &Map<String, Value>) -> bool {
    if flagged_nullable(map) {
        return true;
    }
    if let Some(Value::Array(types)) = map.get("type")
        && types.iter().any(|ty| ty == "null")
    {
        return true;
    }
    if let Some(Value::Array(values)) = map.get("enum")
        && values.iter().any(Value::is_null)
    {
        return true;
    }
    ["oneOf", "anyOf"].iter().any(|key| {
        map.get(*key)
            .and_then(Value::as_array)
            .is_some_and(|variants| variants.iter().any(is_null_schema))
    })
}

/// `nullable: true` (3.0) or `x-nullable: true` (2.0).
fn flagged_nullable(map: &Map<String, Value>) -> bool {
    map.get("nullable") == Some(&Value::Bool(true))
        || map.get("x-nullable") == Some(&Value::Bool(true))
}

fn is_null_schema(value: &Value) -> bool {
    match value {
        Value::Object(map) => {
            map.get("type").and_then(Value::as_str) == Some("null")
                || map
                    .get("enum")
                    .and_then(Value::as_array)
                    .is_some_and(|values| values.iter().all(Value::is_null) && !values.is_empty())
        }
        _ => false,
    }
}

fn is_object_like(map: &Map<String, Value>) -> bool {
    map.contains_key("properties")
        || map.contains_key("allOf")
        || map.contains_key("additionalProperties")
        || types_of(map).first().map(String::as_str) == Some("object")
}

fn nullable(ty: TypeRef) -> TypeRef {
    match ty {
        TypeRef::Nullable(_) | TypeRef::Any => ty,
        other => TypeRef::Nullable(Box::new(other)),
    }
}

/// The scalar a string schema's `format` gives.
fn string_format(map: &Map<String, Value>) -> Scalar {
    match map.get("format").and_then(Value::as_str) {
        Some("date-time") => Scalar::DateTime,
        Some("date") => Scalar::Date,
        Some("uuid") => Scalar::Uuid,
        Some("byte") => Scalar::Base64,
        Some("binary") => Scalar::Binary,
        _ if map.get("contentMediaType").is_some()
            && map.get("contentEncoding").is_none()
            && map.get("type").and_then(Value::as_str) == Some("string") =>
        {
            Scalar::Binary
        }
        _ => Scalar::String,
    }
}

/// The one string `property` is fixed to in an object schema (`const`, or an `enum` of one).
fn const_of(object: &Map<String, Value>, property: &str) -> Option<String> {
    let schema = object.get("properties")?.get(property)?.as_object()?;
    match (schema.get("const"), schema.get("enum")) {
        (Some(Value::String(value)), _) => Some(value.clone()),
        (None, Some(Value::Array(values))) if values.len() == 1 => {
            values[0].as_str().map(str::to_owned)
        }
        _ => None,
    }
}
