//! Postman's named types: shapes inferred from examples become the IR's [`TypeTable`], with
//! shared structures and logical names chosen by one written rule. (The names are words;
//! `emit` spells them as Rust identifiers.)
//!
//! **Naming rule.** Each operation's top-level types have fixed names (`{Operation}Body`,
//! `{Operation}Response`, …). A nested object is named for what it is: after the field that
//! holds it (`internal_numbers: [{…}]` → `InternalNumber`). A structure shared by several
//! fields takes the field name most of them use (ties: the alphabetically first). That short
//! name is used only when exactly one distinct structure in the whole API claims it and no
//! top-level type has it; otherwise the structure is qualified with the name of one type that
//! holds it (`AddInternalNumbersBodyInternalNumber`): of all its holders, the one giving the
//! shortest name (ties: the alphabetically first); a parameter's enum is qualified with its
//! operation. Names still equal after that take a numeric suffix, given in
//! the order of the names and then of the structures' content.
//!
//! Nothing here depends on the order operations were lowered in: every choice among
//! claimants is made by a sorted key, so moving a request in a collection renames nothing.
//!
//! Nested objects with identical structure and direction are one type.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::infer::{ObjectShape, Shape};
use crate::ir::{
    EnumValue, Field, Holder, Note, PartEncoding, Scalar, Status, TypeDef, TypeId, TypeKind,
    TypeRef, TypeTable,
};
use crate::naming::{self, Namespace};

/// Which way a type travels: request types require what every example sent, response types
/// are lenient. Identical shapes going different ways stay different types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Sent by the client.
    Request,
    /// Received by the client.
    Response,
}

/// What a top-level type is, for its generated docs.
#[derive(Debug, Clone)]
pub enum Root {
    /// The request body of the operation with this index.
    Body(usize),
    /// A response body of the operation with this index.
    Response(usize, Status),
    /// Something else, with its own description.
    Described(Option<String>),
}

/// Collects named types while operations are lowered; [`TypeSpace::finish`] names them.
#[derive(Debug, Default)]
pub struct TypeSpace {
    nodes: Vec<Node>,
    /// Structure key → node, for sharing identical nested types.
    shared: HashMap<String, TypeId>,
}

/// One place that holds a nested type: a field of another type, or a parameter.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Claim {
    /// Words of the short name this place suggests (the field's name, singular in arrays).
    short: Vec<String>,
    /// The type holding it (for fields).
    parent: Option<TypeId>,
    /// A fixed qualifier (for parameters: the operation's type prefix).
    qualifier: Option<String>,
    /// The wire name of the field or parameter, for docs.
    field: String,
    /// Whether the value is an element of an array field.
    in_array: bool,
    /// For enums: what the place is (`parameter`, `field`), for docs.
    noun: Option<&'static str>,
}

#[derive(Debug)]
struct Node {
    /// Fixed name for top-level types.
    root_name: Option<String>,
    /// What a top-level type is.
    root: Option<Root>,
    /// Every place that holds this (nested) type.
    claims: Vec<Claim>,
    /// For string enums: the allowed values.
    values: Option<Vec<String>>,
    description: Option<String>,
    direction: Direction,
    fields: Vec<Field>,
}

impl Node {
    /// A top-level type with a fixed name.
    fn root(name: &str, root: Root, direction: Direction, fields: Vec<Field>) -> Self {
        Node {
            root_name: Some(name.to_owned()),
            root: Some(root),
            claims: Vec::new(),
            values: None,
            description: None,
            direction,
            fields,
        }
    }
}

/// A field whose type is given directly rather than inferred (e.g. a text form field).
#[derive(Debug, Clone)]
pub struct DeclaredField {
    /// Key on the wire.
    pub wire_name: String,
    /// The field's shape (ignored when `ty` is given).
    pub shape: Shape,
    /// A type decided by the caller (a file, an enum) instead of one inferred from `shape`.
    pub ty: Option<TypeRef>,
    /// Whether it must be present.
    pub required: bool,
    /// Description.
    pub description: Option<String>,
    /// How the field is sent as a form part (form bodies).
    pub part: Option<PartEncoding>,
}

impl TypeSpace {
    /// An empty type space.
    pub fn new() -> Self {
        Self::default()
    }

    /// A top-level type named `name` for an example's shape. Objects become a struct of that
    /// name; arrays of objects name their element `{name}Item`; other shapes need no name.
    pub fn add_root(
        &mut self,
        name: &str,
        root: Root,
        direction: Direction,
        shape: &Shape,
    ) -> TypeRef {
        match shape {
            Shape::Object(object) if !object.fields.is_empty() => {
                let fields = self.fields(object, direction);
                TypeRef::Named(self.push(Node::root(name, root, direction, fields)))
            }
            Shape::Array(element) => {
                let mut words = naming::words(name);
                words.push("item".to_owned());
                let ty = self.nested(element, direction);
                self.claim(&ty, &words, None, name, true);
                TypeRef::Array(Box::new(ty))
            }
            Shape::Map(_) => {
                let ty = self.nested(shape, direction);
                let mut words = naming::words(name);
                words.push("value".to_owned());
                if let TypeRef::Map(value) = &ty {
                    self.claim(value, &words, None, name, true);
                }
                ty
            }
            other => self.nested(other, direction),
        }
    }

    /// A top-level struct with declared fields (a form body).
    pub fn add_struct(
        &mut self,
        name: &str,
        root: Root,
        direction: Direction,
        declared: Vec<DeclaredField>,
    ) -> TypeId {
        let fields = declared
            .into_iter()
            .map(|field| {
                let ty = match field.ty {
                    Some(ty) => ty,
                    None => self.nested(&field.shape, direction),
                };
                Field {
                    part: field.part,
                    docs: field.description,
                    ..Field::new(field.wire_name, ty, field.required)
                }
            })
            .collect();
        self.push(Node::root(name, root, direction, fields))
    }

    /// A string enum for a parameter or field whose description lists the only values allowed.
    /// Identical value lists share one type, named by the rule in the module docs from all the
    /// parameters that use it.
    pub fn add_enum(
        &mut self,
        words: &[String],
        qualifier: &str,
        wire_name: &str,
        noun: &'static str,
        values: Vec<String>,
    ) -> TypeRef {
        let key = format!("enum{values:?}");
        let id = match self.shared.get(&key) {
            Some(id) => *id,
            None => {
                let id = TypeId(self.nodes.len());
                self.nodes.push(Node {
                    root_name: None,
                    root: None,
                    claims: Vec::new(),
                    values: Some(values),
                    description: None,
                    direction: Direction::Request,
                    fields: Vec::new(),
                });
                self.shared.insert(key, id);
                id
            }
        };
        if let Some(node) = self.nodes.get_mut(id.0) {
            let claim = Claim {
                short: words.to_vec(),
                parent: None,
                qualifier: Some(qualifier.to_owned()),
                field: wire_name.to_owned(),
                in_array: false,
                noun: Some(noun),
            };
            if !node.claims.contains(&claim) {
                node.claims.push(claim);
            }
        }
        TypeRef::Named(id)
    }

    fn push(&mut self, node: Node) -> TypeId {
        let id = TypeId(self.nodes.len());
        let claims: Vec<(TypeRef, String)> = node
            .fields
            .iter()
            .map(|field| (field.ty.clone(), field.wire_name.clone()))
            .collect();
        self.nodes.push(node);
        for (ty, field) in claims {
            self.claim(&ty, &naming::words(&field), Some(id), &field, false);
        }
        id
    }

    /// Records that a field of `parent` (or, without one, the root of a body) holds the
    /// nested type `ty`, suggesting the short name `words`.
    fn claim(
        &mut self,
        ty: &TypeRef,
        words: &[String],
        parent: Option<TypeId>,
        field: &str,
        in_array: bool,
    ) {
        match ty {
            TypeRef::Named(child) => {
                if let Some(node) = self.nodes.get_mut(child.0)
                    && node.root_name.is_none()
                {
                    let claim = Claim {
                        short: words.to_vec(),
                        parent,
                        qualifier: None,
                        field: field.to_owned(),
                        in_array,
                        noun: None,
                    };
                    if !node.claims.contains(&claim) {
                        node.claims.push(claim);
                    }
                }
            }
            TypeRef::Array(inner) => {
                let singular = naming::singular(words);
                self.claim(inner, &singular, parent, field, true)
            }
            // A map's values are its entries, named like an array's elements.
            TypeRef::Map(inner) => {
                let singular = naming::singular(words);
                self.claim(inner, &singular, parent, field, true)
            }
            TypeRef::Nullable(inner) => self.claim(inner, words, parent, field, in_array),
            _ => {}
        }
    }

    fn fields(&mut self, object: &ObjectShape, direction: Direction) -> Vec<Field> {
        object
            .fields
            .iter()
            .map(|(key, field)| {
                let mut notes = Vec::new();
                if field.shape == Shape::Any {
                    notes.push(Note::ExamplesDisagree);
                }
                let ty = self.nested(&field.shape, direction);
                let ty = if field.nullable {
                    TypeRef::Nullable(Box::new(ty))
                } else {
                    ty
                };
                // Responses are read leniently: a real response may omit any field the
                // examples showed, since a collection cannot prove a field required.
                let required = direction == Direction::Request && object.always_present(field);
                Field {
                    notes,
                    ..Field::new(key.clone(), ty, required)
                }
            })
            .collect()
    }

    /// The type of a nested value (its holders are recorded by [`TypeSpace::claim`]).
    fn nested(&mut self, shape: &Shape, direction: Direction) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Null | Shape::Any => TypeRef::Any,
            Shape::Boolean => TypeRef::Scalar(Scalar::Boolean),
            Shape::Integer => TypeRef::Scalar(Scalar::Integer(crate::ir::IntFormat::I64)),
            Shape::Float => TypeRef::Scalar(Scalar::Number(crate::ir::FloatFormat::F64)),
            Shape::String => TypeRef::STRING,
            Shape::Array(element) => TypeRef::Array(Box::new(self.nested(element, direction))),
            Shape::Map(map) => {
                let value = self.nested(&map.value, direction);
                TypeRef::Map(Box::new(if map.nullable {
                    TypeRef::Nullable(Box::new(value))
                } else {
                    value
                }))
            }
            Shape::Object(object) if object.fields.is_empty() => TypeRef::Any,
            Shape::Object(object) => {
                let fields = self.fields(object, direction);
                let key = structure_key(direction, &fields);
                if let Some(id) = self.shared.get(&key) {
                    return TypeRef::Named(*id);
                }
                let id = TypeId(self.nodes.len());
                let claims: Vec<(TypeRef, String)> = fields
                    .iter()
                    .map(|field| (field.ty.clone(), field.wire_name.clone()))
                    .collect();
                self.nodes.push(Node {
                    root_name: None,
                    root: None,
                    claims: Vec::new(),
                    values: None,
                    description: None,
                    direction,
                    fields,
                });
                for (ty, field) in claims {
                    self.claim(&ty, &naming::words(&field), Some(id), &field, false);
                }
                self.shared.insert(key, id);
                TypeRef::Named(id)
            }
        }
    }

    /// Names every type by the rule in the module docs and returns the type table.
    pub fn finish(self) -> TypeTable {
        let count = self.nodes.len();
        // Content fingerprints: equal only for equal structures, whatever the ids.
        let fingerprints = self.fingerprints();
        // The short name of each nested type: the most used of its holders' suggestions.
        let shorts: Vec<String> = self.nodes.iter().map(short_name).collect();
        let mut claimants: BTreeMap<&str, usize> = BTreeMap::new();
        let roots: BTreeSet<&str> = self
            .nodes
            .iter()
            .filter_map(|node| node.root_name.as_deref())
            .collect();
        for (node, short) in self.nodes.iter().zip(&shorts) {
            if node.root_name.is_none() {
                *claimants.entry(short.as_str()).or_default() += 1;
            }
        }
        // Candidate names, parents before children (a parent is always created after the
        // types it holds, so it has a higher id).
        let mut candidates: Vec<String> = vec![String::new(); count];
        let mut chosen: Vec<Option<usize>> = vec![None; count];
        let mut qualified_names: Vec<Option<String>> = vec![None; count];
        for index in (0..count).rev() {
            let node = &self.nodes[index];
            if let Some(root) = &node.root_name {
                candidates[index] = root.clone();
                continue;
            }
            let short = &shorts[index];
            let unique =
                claimants.get(short.as_str()) == Some(&1) && !roots.contains(short.as_str());
            // Every holder's qualified name; the shortest wins (ties: the alphabetically first).
            let qualified = node
                .claims
                .iter()
                .enumerate()
                .filter_map(|(claim_index, claim)| {
                    let prefix = match (&claim.qualifier, claim.parent) {
                        (Some(qualifier), _) => qualifier.clone(),
                        (None, Some(parent)) if parent.0 > index => {
                            candidates.get(parent.0)?.clone()
                        }
                        _ => return None,
                    };
                    // A fixed qualifier (the operation of a parameter) goes before a holder.
                    let name = format!("{prefix}{short}");
                    Some((claim.qualifier.is_none(), name.len(), name, claim_index))
                })
                .min()
                .map(|(_, _, name, claim)| (name, claim));
            let (name, claim) = match qualified {
                Some((name, claim)) if !unique => (name, Some(claim)),
                Some((name, claim)) => {
                    qualified_names[index] = Some(name);
                    (short.clone(), Some(claim))
                }
                None => (short.clone(), None),
            };
            candidates[index] = name;
            chosen[index] = claim;
        }
        // Claimed in sorted order: suffixes go by name, then by content.
        let mut namespace = Namespace::new();
        let mut order: Vec<usize> = (0..count).collect();
        order.sort_by(|&a, &b| {
            let root = |i: usize| self.nodes[i].root_name.is_none();
            (root(a), &candidates[a], fingerprints[a]).cmp(&(
                root(b),
                &candidates[b],
                fingerprints[b],
            ))
        });
        let mut names: Vec<String> = vec![String::new(); count];
        for index in order {
            names[index] = namespace.claim(&candidates[index]);
        }
        let mut table = TypeTable::new();
        for (((node, name), chosen), qualified) in self
            .nodes
            .into_iter()
            .zip(names)
            .zip(chosen)
            .zip(qualified_names)
        {
            let holder = match (&node.root, chosen.and_then(|index| node.claims.get(index))) {
                (Some(Root::Body(operation)), _) => Some(Holder::Body {
                    operation: *operation,
                }),
                (Some(Root::Response(operation, status)), _) => Some(Holder::Response {
                    operation: *operation,
                    status: *status,
                }),
                (Some(Root::Described(_)), _) => None,
                (None, Some(claim)) if claim.noun == Some("parameter") => Some(Holder::Parameter {
                    name: claim.field.clone(),
                }),
                (None, Some(claim)) => Some(Holder::Field {
                    parent: claim.parent,
                    field: claim.field.clone(),
                    element: claim.in_array,
                }),
                (None, None) => None,
            };
            let docs = match node.root {
                Some(Root::Described(docs)) => docs,
                _ => node.description,
            };
            let kind = match node.values {
                Some(values) => TypeKind::Enum {
                    values: values
                        .into_iter()
                        .map(|value| EnumValue {
                            value: serde_json::Value::String(value),
                            docs: None,
                        })
                        .collect(),
                    open: false,
                },
                None => TypeKind::Struct {
                    fields: node.fields,
                    additional: None,
                },
            };
            table.push(TypeDef {
                name: naming::words(&name),
                qualified: qualified.map(|name| naming::words(&name)),
                docs,
                holder,
                kind,
            });
        }
        table
    }

    /// A fingerprint of each node's content (direction, fields, values and, recursively, the
    /// content of the types it holds), independent of type ids.
    fn fingerprints(&self) -> Vec<u64> {
        fn reference(ty: &TypeRef, prints: &[u64], out: &mut String) {
            match ty {
                TypeRef::Named(id) => {
                    out.push_str(&format!("#{:016x}", prints.get(id.0).copied().unwrap_or(0)))
                }
                TypeRef::Array(inner) => {
                    out.push('[');
                    reference(inner, prints, out);
                }
                TypeRef::Nullable(inner) => {
                    out.push('?');
                    reference(inner, prints, out);
                }
                other => out.push_str(&format!("{other:?}")),
            }
        }
        let mut prints = vec![0u64; self.nodes.len()];
        // Children have lower ids than the types holding them.
        for (index, node) in self.nodes.iter().enumerate() {
            let mut text = format!(
                "{:?}|{:?}|{:?}|{:?}|",
                node.root_name, node.direction, node.values, node.description
            );
            if let Some(Root::Described(docs)) = &node.root {
                text.push_str(&format!("{docs:?}|"));
            }
            for field in &node.fields {
                text.push_str(&format!(
                    "{}:{}:{:?}:",
                    field.wire_name, field.required, field.part
                ));
                reference(&field.ty, &prints, &mut text);
                text.push(',');
            }
            prints[index] = fnv1a(text.as_bytes());
        }
        prints
    }
}

/// The short name of a nested type: the suggestion most of its holders make, ties going to
/// the alphabetically first.
fn short_name(node: &Node) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for claim in &node.claims {
        *counts
            .entry(naming::type_ident(&claim.short, "Item"))
            .or_default() += 1;
    }
    counts
        .into_iter()
        .max_by(|(a, count_a), (b, count_b)| count_a.cmp(count_b).then_with(|| b.cmp(a)))
        .map(|(name, _)| name)
        .unwrap_or_else(|| "Item".to_owned())
}

/// 64-bit FNV-1a: a stable hash (the same on every run and machine).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A string that is equal for structurally identical types.
fn structure_key(direction: Direction, fields: &[Field]) -> String {
    format!("{direction:?}{fields:?}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::postman::infer::shape_of;
    use serde_json::{Value, json};

    /// What a case adds to the type space.
    enum Add {
        /// A response root with this name and example body.
        Response(&'static str, Value),
        /// A request root.
        Request(&'static str, Value),
        /// A parameter enum: words of the parameter, its operation, the values.
        Enum(&'static str, &'static str, &'static [&'static str]),
    }

    /// The sorted type names the rule gives, adding the parts in the given order.
    fn names(adds: &[Add]) -> Vec<String> {
        let mut space = TypeSpace::new();
        for add in adds {
            match add {
                Add::Response(name, body) => {
                    space.add_root(
                        name,
                        Root::Described(None),
                        Direction::Response,
                        &shape_of(body),
                    );
                }
                Add::Request(name, body) => {
                    space.add_root(
                        name,
                        Root::Described(None),
                        Direction::Request,
                        &shape_of(body),
                    );
                }
                Add::Enum(param, operation, values) => {
                    space.add_enum(
                        &naming::words(param),
                        operation,
                        param,
                        "parameter",
                        values.iter().map(|v| (*v).to_owned()).collect(),
                    );
                }
            }
        }
        let table = space.finish();
        let mut names: Vec<String> = table
            .iter()
            .map(|(_, def)| naming::type_ident(&def.name, "Type"))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn type_naming_rule() {
        use Add::*;
        let cases: Vec<(&str, Vec<Add>, &[&str])> = vec![
            (
                "a nested object is named after its field",
                vec![Response("GetUserResponse", json!({"owner": {"id": "1"}}))],
                &["GetUserResponse", "Owner"],
            ),
            (
                "array elements take the singular",
                vec![Response(
                    "ListResponse",
                    json!({"internal_numbers": [{"n": 1}]}),
                )],
                &["InternalNumber", "ListResponse"],
            ),
            (
                "a shared structure takes the field name most holders use",
                vec![
                    Response("A", json!({"email_notification": {"on": true}})),
                    Response("B", json!({"email_notification": {"on": false}})),
                    Response("C", json!({"notifications": {"on": true}})),
                ],
                &["A", "B", "C", "EmailNotification"],
            ),
            (
                "a tie between field names goes to the alphabetically first",
                vec![
                    Response("A", json!({"zeta": {"on": true}})),
                    Response("B", json!({"alpha": {"on": true}})),
                ],
                &["A", "Alpha", "B"],
            ),
            (
                "different structures under one name are qualified by their holders",
                vec![
                    Response("GetUserResponse", json!({"owner": {"id": "1"}})),
                    Response("GetTeamResponse", json!({"owner": {"email": "x"}})),
                ],
                &[
                    "GetTeamResponse",
                    "GetTeamResponseOwner",
                    "GetUserResponse",
                    "GetUserResponseOwner",
                ],
            ),
            (
                "a shared structure is qualified by the holder giving the shortest name",
                vec![
                    Response("ListEverythingResponse", json!({"owner": {"id": "1"}})),
                    Response("GetResponse", json!({"owner": {"id": "2"}})),
                    Response("GetTeamResponse", json!({"owner": {"email": "x"}})),
                ],
                &[
                    "GetResponse",
                    "GetResponseOwner",
                    "GetTeamResponse",
                    "GetTeamResponseOwner",
                    "ListEverythingResponse",
                ],
            ),
            (
                "a short name that is a top-level type's is qualified",
                vec![
                    Response("Owner", json!({"id": "1"})),
                    Response("GetResponse", json!({"owner": {"name": "x"}})),
                ],
                &["GetResponse", "GetResponseOwner", "Owner"],
            ),
            (
                "requests and responses of one shape stay apart",
                vec![
                    Request("CreateBody", json!({"owner": {"id": "1"}})),
                    Response("CreateResponse", json!({"owner": {"id": "1"}})),
                ],
                &[
                    "CreateBody",
                    "CreateBodyOwner",
                    "CreateResponse",
                    "CreateResponseOwner",
                ],
            ),
            (
                "an array body's element is named after the body",
                vec![Response("ListResponse", json!([{"id": 1}]))],
                &["ListResponseItem"],
            ),
            (
                "one enum for equal values, named after a parameter by the same rule",
                vec![
                    Enum("status", "ListUsers", &["on", "off"]),
                    Enum("state", "ListGroups", &["on", "off"]),
                    Enum("status", "ListTeams", &["a", "b"]),
                ],
                &["State", "Status"],
            ),
        ];
        for (rule, adds, expected) in cases {
            assert_eq!(names(&adds), expected, "{rule}");
            let reversed: Vec<Add> = adds.into_iter().rev().collect();
            assert_eq!(names(&reversed), expected, "{rule} (reversed)");
        }
    }
}
