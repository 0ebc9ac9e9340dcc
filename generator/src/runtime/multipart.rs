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

/// A file sent as a multipart part: its bytes, and the file name and content type to declare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    /// The content.
    pub bytes: Bytes,
    /// The file name sent in the part's `Content-Disposition`.
    pub file_name: Option<String>,
    /// The part's `Content-Type`; `application/octet-stream` when absent.
    pub content_type: Option<String>,
}

impl File {
    /// A file with this content and file name, sent as `application/octet-stream`.
    pub fn new(bytes: impl Into<Bytes>, file_name: impl Into<String>) -> Self {
        Self {
            bytes: bytes.into(),
            file_name: Some(file_name.into()),
            content_type: None,
        }
    }

    /// Sets the part's content type.
    pub fn with_content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }
}

/// The multipart part for a file field.
pub fn file_part(name: &str, file: File) -> Result<reqwest::multipart::Part, InvalidRequest> {
    let mut part = reqwest::multipart::Part::stream(file.bytes);
    if let Some(file_name) = file.file_name {
        part = part.file_name(file_name);
    }
    part.mime_str(
        file.content_type
            .as_deref()
            .unwrap_or("application/octet-stream"),
    )
    .map_err(|error| InvalidRequest::new(format!("form field `{name}`: {error}")))
}
