
// Typed parameters and form fields (included when an operation has a parameter or a form
// field that is not a string): values are written as OpenAPI's `style` and `explode` say.

/// How a parameter's value is written (OpenAPI's `style`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `a,b` (path and header default).
    Simple,
    /// `name=a&name=b`, or `name=a,b` unexploded (query and cookie default).
    Form,
    /// `.a.b` (path).
    Label,
    /// `;name=a` (path).
    Matrix,
    /// `name=a%20b` (query arrays).
    SpaceDelimited,
    /// `name=a|b` (query arrays).
    PipeDelimited,
    /// `name[key]=value` (query objects).
    DeepObject,
}

fn to_json<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> Result<serde_json::Value, InvalidRequest> {
    serde_json::to_value(value).map_err(|error| {
        InvalidRequest::new(format!("`{name}` cannot be encoded: {error}"))
    })
}

/// An object's members by key: the same order whatever serde_json features the build has.
fn members(map: &serde_json::Map<String, serde_json::Value>) -> Vec<(&String, &serde_json::Value)> {
    let mut members: Vec<_> = map.iter().collect();
    members.sort_by(|a, b| a.0.cmp(b.0));
    members
}

/// A scalar as text: strings as they are, numbers and booleans as JSON writes them, anything
/// nested as JSON.
fn scalar_text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::String(text) => text.clone(),
        serde_json::Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// The value of a form field or multipart text part: a scalar's text, arrays and objects as
/// JSON.
pub fn field_text<T: serde::Serialize + ?Sized>(name: &str, value: &T) -> Result<String, InvalidRequest> {
    Ok(scalar_text(&to_json(name, value)?))
}

/// The text of a header or cookie parameter (`simple` style, or as `style` says).
pub fn param_text<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<String, InvalidRequest> {
    Ok(styled(name, &to_json(name, value)?, style, explode, &|text| text.to_owned()))
}

/// A path parameter as one path segment in its style (`simple`, `label`, `matrix`): each
/// value percent-encoded, the style's delimiters (`,` `.` `;` `=`) as they are. Empty values,
/// `.` and `..` are refused, as [`path_segment`] refuses them.
pub fn path_param<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<String, InvalidRequest> {
    let encode = |text: &str| percent_encoding::utf8_percent_encode(text, SEGMENT).to_string();
    let text = styled(name, &to_json(name, value)?, style, explode, &encode);
    match text.as_str() {
        "" | "." | ".." => path_segment(name, &text),
        _ => Ok(text),
    }
}

/// `value` written in `style`, every scalar passed through `encode`.
fn styled(
    name: &str,
    value: &serde_json::Value,
    style: Style,
    explode: bool,
    encode: &dyn Fn(&str) -> String,
) -> String {
    let text = |value: &serde_json::Value| encode(&scalar_text(value));
    let name = encode(name);
    let parts: Vec<String> = match value {
        serde_json::Value::Array(items) => items.iter().map(text).collect(),
        serde_json::Value::Object(map) if explode => members(map)
            .into_iter()
            .map(|(key, value)| format!("{}={}", encode(key), text(value)))
            .collect(),
        serde_json::Value::Object(map) => members(map)
            .into_iter()
            .flat_map(|(key, value)| [encode(key), text(value)])
            .collect(),
        scalar => vec![text(scalar)],
    };
    let exploded_object = explode && value.is_object();
    match style {
        Style::Label if explode => format!(".{}", parts.join(".")),
        Style::Label => format!(".{}", parts.join(",")),
        Style::Matrix if exploded_object => parts.iter().map(|part| format!(";{part}")).collect(),
        Style::Matrix if explode && value.is_array() => parts
            .iter()
            .map(|part| format!(";{name}={part}"))
            .collect(),
        Style::Matrix => format!(";{name}={}", parts.join(",")),
        _ => parts.join(","),
    }
}

/// The query pairs of one parameter (`form`, `spaceDelimited`, `pipeDelimited` or
/// `deepObject` style).
pub fn query_pairs<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
    style: Style,
    explode: bool,
) -> Result<Vec<(String, String)>, InvalidRequest> {
    let value = to_json(name, value)?;
    let joined = |separator: &str, items: &[serde_json::Value]| {
        items.iter().map(scalar_text).collect::<Vec<_>>().join(separator)
    };
    Ok(match (&value, style) {
        (serde_json::Value::Array(items), Style::SpaceDelimited) if !explode => {
            vec![(name.to_owned(), joined(" ", items))]
        }
        (serde_json::Value::Array(items), Style::PipeDelimited) if !explode => {
            vec![(name.to_owned(), joined("|", items))]
        }
        (serde_json::Value::Array(items), _) if explode => items
            .iter()
            .map(|item| (name.to_owned(), scalar_text(item)))
            .collect(),
        (serde_json::Value::Array(items), _) => vec![(name.to_owned(), joined(",", items))],
        (serde_json::Value::Object(_), Style::DeepObject) => {
            let mut pairs = Vec::new();
            deep_pairs(name, &value, &mut pairs);
            pairs
        }
        (serde_json::Value::Object(map), _) if explode => members(map)
            .into_iter()
            .map(|(key, value)| (key.clone(), scalar_text(value)))
            .collect(),
        (serde_json::Value::Object(map), _) => {
            let parts: Vec<String> = members(map)
                .into_iter()
                .flat_map(|(key, value)| [key.clone(), scalar_text(value)])
                .collect();
            vec![(name.to_owned(), parts.join(","))]
        }
        (scalar, _) => vec![(name.to_owned(), scalar_text(scalar))],
    })
}

/// `name[key][inner]=value`, arrays as `name[0]`.
fn deep_pairs(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in members(map) {
                deep_pairs(&format!("{prefix}[{key}]"), value, out);
            }
        }
        serde_json::Value::Array(items) => {
            for (index, value) in items.iter().enumerate() {
                deep_pairs(&format!("{prefix}[{index}]"), value, out);
            }
        }
        scalar => out.push((prefix.to_owned(), scalar_text(scalar))),
    }
}
