//! Named types: inferred shapes become the IR's type table, with shared structures and names
//! chosen by one written rule.
//!
//! **Naming rule.** Each operation's top-level types have fixed names (`{Operation}Body`,
//! `{Operation}Response`, …). A nested object is named after the field that holds it
//! (`internal_numbers: [{…}]` → `InternalNumber`). That short name is used only when exactly
//! one distinct structure in the whole API claims it and no top-level type has it; otherwise
//! every claimant is qualified with the name of the type that first contains it
//! (`AddInternalNumbersBodyInternalNumber`). The rule does not depend on the order of
//! operations. Remaining clashes get a numeric suffix (see [`Namespace`]).
//!
//! Nested objects with identical structure and direction are one type.

use std::collections::{BTreeMap, HashMap};

use crate::infer::{ObjectShape, Shape};
use crate::ir::{Direction, Field, TypeDef, TypeId, TypeKind, TypeRef};
use crate::naming::{self, Namespace};

/// Collects named types while operations are lowered; [`TypeSpace::finish`] names them.
#[derive(Debug, Default)]
pub struct TypeSpace {
    nodes: Vec<Node>,
    /// Structure key → node, for sharing identical nested types.
    shared: HashMap<String, TypeId>,
}

/// How a nested type is reached from its first container, for its docs.
#[derive(Debug, Clone)]
struct Holder {
    field: String,
    in_array: bool,
}

#[derive(Debug)]
struct Node {
    /// Fixed name for top-level types.
    root_name: Option<String>,
    /// Words of the short name for nested types.
    short: Vec<String>,
    /// The type that first contained this one, and the field holding it.
    parent: Option<TypeId>,
    /// Prefix that qualifies the short name when it is not unique, for types without a
    /// parent type (an enum of a parameter: the operation's name).
    qualifier: Option<String>,
    /// For string enums: the allowed values.
    values: Option<Vec<String>>,
    held_by: Option<Holder>,
    description: Option<String>,
    direction: Direction,
    fields: Vec<Field>,
}

impl Node {
    /// A top-level type with a fixed name.
    fn root(
        name: &str,
        description: Option<String>,
        direction: Direction,
        fields: Vec<Field>,
    ) -> Self {
        Node {
            root_name: Some(name.to_owned()),
            short: Vec::new(),
            parent: None,
            qualifier: None,
            values: None,
            held_by: None,
            description,
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
        description: Option<String>,
        direction: Direction,
        shape: &Shape,
    ) -> TypeRef {
        match shape {
            Shape::Object(object) if !object.fields.is_empty() => {
                let fields = self.fields(object, direction);
                TypeRef::Named(self.push(Node::root(name, description, direction, fields)))
            }
            Shape::Array(element) => {
                let mut words = naming::words(name);
                words.push("item".to_owned());
                TypeRef::Array(Box::new(self.nested(&words, element, direction)))
            }
            other => self.nested(&[], other, direction),
        }
    }

    /// A top-level struct with declared fields (a form body).
    pub fn add_struct(
        &mut self,
        name: &str,
        description: Option<String>,
        direction: Direction,
        declared: Vec<DeclaredField>,
    ) -> TypeId {
        let fields = declared
            .into_iter()
            .map(|field| {
                let ty = match field.ty {
                    Some(ty) => ty,
                    None => self.nested(&naming::words(&field.wire_name), &field.shape, direction),
                };
                Field {
                    wire_name: field.wire_name,
                    ty,
                    required: field.required,
                    nullable: false,
                    description: field.description,
                    notes: Vec::new(),
                }
            })
            .collect();
        self.push(Node::root(name, description, direction, fields))
    }

    /// A string enum for a parameter or field whose description lists the only values allowed.
    /// Identical value lists share one type.
    pub fn add_enum(
        &mut self,
        words: &[String],
        qualifier: &str,
        description: Option<String>,
        values: Vec<String>,
    ) -> TypeRef {
        let key = format!("enum{values:?}");
        if let Some(id) = self.shared.get(&key) {
            return TypeRef::Named(*id);
        }
        let id = self.push(Node {
            root_name: None,
            short: words.to_vec(),
            parent: None,
            qualifier: Some(qualifier.to_owned()),
            values: Some(values),
            held_by: None,
            description,
            direction: Direction::Request,
            fields: Vec::new(),
        });
        self.shared.insert(key, id);
        TypeRef::Named(id)
    }

    fn push(&mut self, node: Node) -> TypeId {
        let id = TypeId(self.nodes.len());
        for field in &node.fields {
            self.adopt(&field.ty, id, &field.wire_name, false);
        }
        self.nodes.push(node);
        id
    }

    /// Records `parent` as the first container of nested types that have none yet.
    fn adopt(&mut self, ty: &TypeRef, parent: TypeId, field: &str, in_array: bool) {
        match ty {
            TypeRef::Named(child) => {
                if let Some(node) = self.nodes.get_mut(child.0)
                    && node.root_name.is_none()
                    && node.parent.is_none()
                {
                    node.parent = Some(parent);
                    node.held_by = Some(Holder {
                        field: field.to_owned(),
                        in_array,
                    });
                }
            }
            TypeRef::Array(inner) => self.adopt(inner, parent, field, true),
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
                    notes.push("Examples disagree on this field's type.".to_owned());
                }
                Field {
                    wire_name: key.clone(),
                    ty: self.nested(&naming::words(key), &field.shape, direction),
                    // Responses are read leniently: a real response may omit any field the
                    // examples showed, since a collection cannot prove a field required.
                    required: direction == Direction::Request && object.always_present(field),
                    nullable: field.nullable,
                    description: None,
                    notes,
                }
            })
            .collect()
    }

    /// The type of a nested value held by a field whose words are `words`.
    fn nested(&mut self, words: &[String], shape: &Shape, direction: Direction) -> TypeRef {
        match shape {
            Shape::Unknown | Shape::Null | Shape::Any => TypeRef::Any,
            Shape::Boolean => TypeRef::Boolean,
            Shape::Integer => TypeRef::Integer,
            Shape::Float => TypeRef::Float,
            Shape::String => TypeRef::String,
            Shape::Array(element) => TypeRef::Array(Box::new(self.nested(
                &naming::singular(words),
                element,
                direction,
            ))),
            Shape::Object(object) if object.fields.is_empty() => TypeRef::Any,
            Shape::Object(object) => {
                let fields = self.fields(object, direction);
                let key = structure_key(direction, &fields);
                if let Some(id) = self.shared.get(&key) {
                    return TypeRef::Named(*id);
                }
                let id = self.push(Node {
                    root_name: None,
                    short: words.to_vec(),
                    parent: None,
                    qualifier: None,
                    values: None,
                    held_by: None,
                    description: None,
                    direction,
                    fields,
                });
                self.shared.insert(key, id);
                TypeRef::Named(id)
            }
        }
    }

    /// Names every type by the rule in the module docs and returns the type table.
    pub fn finish(self) -> Vec<TypeDef> {
        let mut namespace = Namespace::new();
        for reserved in naming::PRELUDE_TYPE_NAMES {
            namespace.reserve(reserved);
        }
        let mut names: Vec<Option<String>> = vec![None; self.nodes.len()];
        for (index, node) in self.nodes.iter().enumerate() {
            if let Some(root) = &node.root_name {
                names[index] = Some(namespace.claim(root));
            }
        }
        // How many distinct nested structures claim each short name.
        let mut claimants: BTreeMap<String, usize> = BTreeMap::new();
        for node in self.nodes.iter().filter(|node| node.root_name.is_none()) {
            *claimants.entry(short_name(node)).or_default() += 1;
        }
        for index in 0..self.nodes.len() {
            self.resolve(index, &claimants, &mut namespace, &mut names, 0);
        }
        let descriptions: Vec<Option<String>> = self
            .nodes
            .iter()
            .map(|node| {
                node.description.clone().or_else(|| {
                    let holder = node.held_by.as_ref()?;
                    let parent = names.get(node.parent?.0)?.as_deref()?;
                    let field = crate::docs::inline(&holder.field);
                    Some(if holder.in_array {
                        format!("An element of `{field}` in [`{parent}`].")
                    } else {
                        format!("The `{field}` of [`{parent}`].")
                    })
                })
            })
            .collect();
        self.nodes
            .into_iter()
            .zip(names)
            .zip(descriptions)
            .map(|((node, name), description)| TypeDef {
                name: name.unwrap_or_else(|| "Unnamed".to_owned()),
                description,
                direction: node.direction,
                kind: match node.values {
                    Some(values) => TypeKind::Enum { values },
                    None => TypeKind::Struct {
                        fields: node.fields,
                    },
                },
            })
            .collect()
    }

    fn resolve(
        &self,
        index: usize,
        claimants: &BTreeMap<String, usize>,
        namespace: &mut Namespace,
        names: &mut Vec<Option<String>>,
        depth: usize,
    ) -> String {
        if let Some(Some(name)) = names.get(index) {
            return name.clone();
        }
        let Some(node) = self.nodes.get(index) else {
            return "Unnamed".to_owned();
        };
        let short = short_name(node);
        let unique = claimants.get(&short) == Some(&1) && !namespace.contains(&short);
        let candidate = match (&node.qualifier, node.parent) {
            (Some(qualifier), _) if !unique => format!("{qualifier}{short}"),
            (_, parent) => match parent {
                // Parents are created after their children, so the chain always ends; the depth
                // bound is a guard against a bug turning into a stack overflow.
                Some(parent) if !unique && depth < 64 => {
                    let parent = self.resolve(parent.0, claimants, namespace, names, depth + 1);
                    format!("{parent}{short}")
                }
                _ => short,
            },
        };
        let name = namespace.claim(&candidate);
        names[index] = Some(name.clone());
        name
    }
}

fn short_name(node: &Node) -> String {
    naming::type_ident(&node.short, "Item")
}

/// A string that is equal for structurally identical types.
fn structure_key(direction: Direction, fields: &[Field]) -> String {
    format!("{direction:?}{fields:?}")
}
