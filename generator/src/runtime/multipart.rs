// Multipart bodies (included when an operation sends `multipart/form-data`).

/// A multipart part holding `value` as JSON, with `Content-Type: application/json`.
pub fn json_part<T: serde::Serialize + ?Sized>(
    name: &str,
    value: &T,
) -> Result<reqwest::multipart::Part, InvalidRequest> {
    let json = serde_json::to_string(value).map_err(|error| {
        InvalidRequest::new(format!(
            "form field `{name}` cannot be encoded as JSON: {error}"
        ))
    })?;
    reqwest::multipart::Part::text(json)
        .mime_str("application/json")
        .map_err(|error| InvalidRequest::new(format!("form field `{name}`: {error}")))
}
