//! `multipart.rs`: JSON and file parts. The bytes of whole forms are checked against a real
//! server in `tests/tests/` (multer); here, what a part declares and what is refused.

use std::collections::BTreeMap;

use bytes::Bytes;
use serde_json::json;

use crate::runtime::{File, file_part, json_part};

#[test]
fn json_parts_declare_application_json() {
    let part = json_part("metadata", &json!({"name": "x"})).unwrap();
    let debug = format!("{part:?}");
    assert!(
        debug.contains("mime: Some(\"application/json\")"),
        "{debug}"
    );
    assert!(debug.contains("file_name: None"), "{debug}");
    // Unsized values (`str`, slices) are accepted too.
    json_part("tags", &["a", "b"][..]).unwrap();
    json_part("note", "text").unwrap();
}

#[test]
fn a_value_json_cannot_encode_is_refused_with_the_field_name() {
    let map: BTreeMap<(u8, u8), u8> = BTreeMap::from([((1, 2), 3)]);
    let error = json_part("metadata", &map).unwrap_err();
    assert_eq!(
        error.to_string(),
        "form field `metadata` cannot be encoded as JSON: key must be a string"
    );
}

#[test]
fn files_carry_content_name_and_type() {
    let file = File::new(&b"a,b\n1,2\n"[..], "report.csv");
    assert_eq!(
        file,
        File {
            bytes: Bytes::from_static(b"a,b\n1,2\n"),
            file_name: Some("report.csv".to_owned()),
            content_type: None,
        }
    );
    let typed = file.clone().with_content_type("text/csv");
    assert_eq!(typed.content_type.as_deref(), Some("text/csv"));
    assert_eq!(typed.bytes, file.bytes);

    let debug = format!("{:?}", file_part("report", file).unwrap());
    assert!(
        debug.contains("mime: Some(\"application/octet-stream\")"),
        "{debug}"
    );
    assert!(debug.contains("file_name: Some(\"report.csv\")"), "{debug}");

    let debug = format!("{:?}", file_part("report", typed).unwrap());
    assert!(debug.contains("mime: Some(\"text/csv\")"), "{debug}");

    let anonymous = File {
        file_name: None,
        ..File::new(Bytes::new(), "unused")
    };
    let debug = format!("{:?}", file_part("blob", anonymous).unwrap());
    assert!(debug.contains("file_name: None"), "{debug}");
}

#[test]
fn a_content_type_that_is_not_a_mime_type_is_refused_with_the_field_name() {
    let file = File::new(Bytes::new(), "a.bin").with_content_type("not a mime type");
    let error = file_part("upload", file).unwrap_err();
    assert!(
        error.to_string().starts_with("form field `upload`: "),
        "{error}"
    );
}
