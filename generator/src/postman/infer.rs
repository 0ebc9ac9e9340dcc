//! Type inference from example values: every example is evidence, shapes are unified.
//!
//! Rules (DESIGN.md, "Type inference from examples"):
//! - an object field seen in only some examples is optional; `null` makes a field nullable;
//! - integers and floats unify to a float; arrays unify their elements;
//! - shapes that cannot be reconciled (a string here, an object there) become "any JSON value";
//! - values are evidence of *types* only: placeholder and lorem-ipsum text never becomes an
//!   enum or a constant;
//! - an object whose keys are data rather than names — a key holding a `{{variable}}`, or keys
//!   that are all e-mail addresses — is a map from string to its unified values, and a map
//!   unified with an object takes the object's fields as more entries.

use indexmap::IndexMap;
use serde_json::Value;

/// What a set of example values tells about their type.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    /// No evidence (an empty array's elements).
    Unknown,
    /// Only `null` was seen.
    Null,
    /// `true` / `false`.
    Boolean,
    /// Whole numbers only.
    Integer,
    /// At least one number with a fraction or exponent.
    Float,
    /// Strings.
    String,
    /// Arrays, with their elements unified.
    Array(Box<Shape>),
    /// Objects, with their fields unified.
    Object(ObjectShape),
    /// Objects keyed by data (see the module docs), with their values unified.
    Map(MapShape),
    /// Irreconcilable evidence.
    Any,
}

/// The unified fields of one or more example objects.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ObjectShape {
    /// Fields in first-seen order.
    pub fields: IndexMap<String, FieldShape>,
    /// How many objects were unified into this shape.
    pub samples: usize,
}

/// The unified values of one or more example objects keyed by data.
#[derive(Debug, Clone, PartialEq)]
pub struct MapShape {
    /// The unified non-null shape of the values.
    pub value: Box<Shape>,
    /// Whether a `null` value was seen.
    pub nullable: bool,
}

impl MapShape {
    fn entry(mut self, shape: Shape, nullable: bool) -> Self {
        let value = std::mem::replace(&mut *self.value, Shape::Unknown);
        *self.value = unify(value, shape);
        self.nullable |= nullable;
        self
    }

    /// An object's fields as entries of a map.
    fn with_fields(self, object: ObjectShape) -> Self {
        object
            .fields
            .into_values()
            .fold(self, |map, field| map.entry(field.shape, field.nullable))
    }
}

/// Whether an object's keys are data the user supplies rather than field names: one of them
/// holds a `{{variable}}` (its name is only known when sending), or all are e-mail addresses.
fn keyed_by_data<'a>(mut keys: impl Iterator<Item = &'a String> + Clone) -> bool {
    keys.clone().any(|key| super::url::has_variable(key))
        || keys.clone().next().is_some() && keys.all(|key| is_email(key))
}

/// `abc@sample.com`: a local part, one `@`, and a dotted domain, with no spaces.
fn is_email(key: &str) -> bool {
    let Some((local, domain)) = key.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !key.contains(char::is_whitespace)
        && !domain.contains('@')
        && domain
            .split_once('.')
            .is_some_and(|(name, tld)| !name.is_empty() && !tld.is_empty())
}

/// One field across the example objects that had it.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldShape {
    /// The unified non-null shape.
    pub shape: Shape,
    /// In how many of the objects the key was present.
    pub seen: usize,
    /// Whether `null` was seen.
    pub nullable: bool,
}

impl ObjectShape {
    /// Whether a field was present in every sample, `null` or not: a request sends it always
    /// (as `null` when it has no value), since that is what the collection sends.
    pub fn always_present(&self, field: &FieldShape) -> bool {
        field.seen == self.samples
    }
}

/// The shape of one example value.
pub fn shape_of(value: &Value) -> Shape {
    match value {
        Value::Null => Shape::Null,
        Value::Bool(_) => Shape::Boolean,
        Value::Number(n) if n.is_i64() => Shape::Integer,
        // Beyond `i64` (and not exactly a float either): keep the JSON number as it is.
        Value::Number(n) if n.is_u64() => Shape::Any,
        Value::Number(_) => Shape::Float,
        Value::String(_) => Shape::String,
        Value::Array(items) => Shape::Array(Box::new(
            items.iter().map(shape_of).fold(Shape::Unknown, unify),
        )),
        Value::Object(map) if keyed_by_data(map.keys()) => {
            let empty = MapShape {
                value: Box::new(Shape::Unknown),
                nullable: false,
            };
            Shape::Map(
                map.values()
                    .fold(empty, |entries, value| match shape_of(value) {
                        Shape::Null => entries.entry(Shape::Unknown, true),
                        shape => entries.entry(shape, false),
                    }),
            )
        }
        Value::Object(map) => {
            let mut object = ObjectShape {
                fields: IndexMap::new(),
                samples: 1,
            };
            for (key, value) in map {
                let shape = shape_of(value);
                let nullable = shape == Shape::Null;
                object.fields.insert(
                    key.clone(),
                    FieldShape {
                        shape: if nullable { Shape::Unknown } else { shape },
                        seen: 1,
                        nullable,
                    },
                );
            }
            Shape::Object(object)
        }
    }
}

/// The shape of several examples together.
pub fn unify(a: Shape, b: Shape) -> Shape {
    use Shape::*;
    match (a, b) {
        (Unknown, other) | (other, Unknown) => other,
        (Null, other) | (other, Null) => other,
        (Any, _) | (_, Any) => Any,
        (Boolean, Boolean) => Boolean,
        (Integer, Integer) => Integer,
        (Integer | Float, Integer | Float) => Float,
        (String, String) => String,
        (Array(a), Array(b)) => Array(Box::new(unify(*a, *b))),
        (Object(a), Object(b)) => Object(unify_objects(a, b)),
        (Map(a), Map(b)) => Map(a.entry(*b.value, b.nullable)),
        (Map(map), Object(object)) | (Object(object), Map(map)) => Map(map.with_fields(object)),
        _ => Any,
    }
}

fn unify_objects(mut a: ObjectShape, b: ObjectShape) -> ObjectShape {
    a.samples += b.samples;
    for (key, field) in b.fields {
        match a.fields.get_mut(&key) {
            Some(existing) => {
                let shape = std::mem::replace(&mut existing.shape, Shape::Unknown);
                existing.shape = unify(shape, field.shape);
                existing.seen += field.seen;
                existing.nullable |= field.nullable;
            }
            None => {
                a.fields.insert(key, field);
            }
        }
    }
    a
}

/// Parses example text as JSON evidence: `None` when it is not a JSON object or array
/// (plain text, HTML, empty, or a bare scalar).
pub fn json_example(text: &str) -> Option<Value> {
    let trimmed = text.trim_start();
    if !(trimmed.starts_with('{') || trimmed.starts_with('[')) {
        return None;
    }
    match serde_json::from_str::<Value>(text) {
        Ok(value @ (Value::Object(_) | Value::Array(_))) => Some(value),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn object(shape: &Shape) -> &ObjectShape {
        match shape {
            Shape::Object(object) => object,
            other => panic!("expected an object, got {other:?}"),
        }
    }

    #[test]
    fn fields_seen_in_some_examples_are_optional() {
        let shape = unify(
            shape_of(&json!({"a": 1, "b": "x"})),
            shape_of(&json!({"a": 2})),
        );
        let object = object(&shape);
        assert!(object.always_present(&object.fields["a"]));
        assert!(!object.always_present(&object.fields["b"]));
    }

    #[test]
    fn null_makes_a_field_nullable_and_keeps_its_type() {
        let shape = unify(shape_of(&json!({"a": null})), shape_of(&json!({"a": "x"})));
        let both = object(&shape);
        let field = &both.fields["a"];
        assert!(field.nullable);
        assert_eq!(field.shape, Shape::String);
        // Present in both, `null` in one: sent always, as `null` when it has no value.
        assert!(both.always_present(field));
        let shape = unify(shape_of(&json!({"a": null})), shape_of(&json!({})));
        let absent = object(&shape);
        assert!(!absent.always_present(&absent.fields["a"]));
    }

    #[test]
    fn numbers_unify_to_float_and_mismatches_to_any() {
        assert_eq!(unify(Shape::Integer, Shape::Float), Shape::Float);
        assert_eq!(unify(Shape::String, Shape::Integer), Shape::Any);
        assert_eq!(
            shape_of(&json!([1, 2.5, null])),
            Shape::Array(Box::new(Shape::Float))
        );
        assert_eq!(shape_of(&json!([])), Shape::Array(Box::new(Shape::Unknown)));
    }

    #[test]
    fn array_elements_are_unified() {
        let shape = shape_of(&json!([{"a": 1}, {"a": 1, "b": true}]));
        let Shape::Array(element) = shape else {
            panic!("expected an array")
        };
        let object = object(&element);
        assert_eq!(object.samples, 2);
        assert!(!object.always_present(&object.fields["b"]));
    }

    #[test]
    fn objects_keyed_by_data_are_maps() {
        // Contentstack's "Add users to Organization": e-mail keys, and a variable as a key.
        let shape = shape_of(&json!({
            "abc@sample.com": {"{{apiKey}}": ["{{role}}"]},
            "xyz@sample.com": {"blta1": ["b1"], "bltf0": ["b2", "b3"], "blt9": null},
        }));
        let strings = Shape::Array(Box::new(Shape::String));
        assert_eq!(
            shape,
            Shape::Map(MapShape {
                value: Box::new(Shape::Map(MapShape {
                    value: Box::new(strings),
                    nullable: true,
                })),
                nullable: false,
            })
        );
        // Names, even odd ones, stay fields; one e-mail key among names is a field too.
        for names in [
            json!({"@odata.type": "x"}),
            json!({"email": "a@b.c", "a@b.c": 1}),
            json!({"user name": 1}),
            json!({"a @b.c": 1}),
        ] {
            assert!(matches!(shape_of(&names), Shape::Object(_)), "{names}");
        }
    }

    #[test]
    fn only_objects_and_arrays_are_json_evidence() {
        assert!(json_example("{\"a\": 1}").is_some());
        assert!(json_example(" [1]").is_some());
        assert!(json_example("").is_none());
        assert!(json_example("42").is_none());
        assert!(json_example("<html>").is_none());
        assert!(json_example("{ truncated").is_none());
    }
}
