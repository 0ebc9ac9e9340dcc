//! Parsing the multipart bodies clients send, independently of reqwest (with `multer`).

/// One part of a multipart body.
#[derive(Debug)]
pub struct Part {
    pub name: Option<String>,
    pub file_name: Option<String>,
    pub content_type: Option<String>,
    pub data: Vec<u8>,
}

/// The parts of a recorded request's `multipart/form-data` body; panics (failing the test)
/// when the request is not well-formed multipart.
pub async fn parts(request: &wiremock::Request) -> Vec<Part> {
    let content_type = request
        .headers
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .expect("a content type");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "content type: {content_type}"
    );
    let boundary = multer::parse_boundary(content_type).expect("a boundary");
    let body = bytes::Bytes::from(request.body.clone());
    let stream = futures_util::stream::once(async move { Ok::<_, std::io::Error>(body) });
    let mut multipart = multer::Multipart::new(stream, boundary);
    let mut parts = Vec::new();
    while let Some(field) = multipart.next_field().await.expect("well-formed multipart") {
        let name = field.name().map(str::to_owned);
        let file_name = field.file_name().map(str::to_owned);
        let content_type = field.content_type().map(ToString::to_string);
        let data = field.bytes().await.expect("part body").to_vec();
        parts.push(Part {
            name,
            file_name,
            content_type,
            data,
        });
    }
    parts
}
