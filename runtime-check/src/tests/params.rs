//! Typed parameters written by their OpenAPI style, and form fields as text.

use serde_json::json;

use crate::runtime::{Style, field_text, param_text, path_param, query_pairs};

fn pairs(value: serde_json::Value, style: Style, explode: bool) -> Vec<(String, String)> {
    query_pairs("id", &value, style, explode).expect("encodable")
}

fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
        .collect()
}

#[test]
fn query_styles_follow_the_openapi_table() {
    // The examples of OpenAPI 3.1 § 4.8.12.4 (style values), for a query parameter `id`.
    let array = json!([3, 4, 5]);
    let object = json!({"role": "admin", "firstName": "Alex"});
    assert_eq!(pairs(json!(5), Style::Form, true), owned(&[("id", "5")]));
    assert_eq!(
        pairs(array.clone(), Style::Form, true),
        owned(&[("id", "3"), ("id", "4"), ("id", "5")])
    );
    assert_eq!(
        pairs(array.clone(), Style::Form, false),
        owned(&[("id", "3,4,5")])
    );
    assert_eq!(
        pairs(array.clone(), Style::SpaceDelimited, false),
        owned(&[("id", "3 4 5")])
    );
    assert_eq!(
        pairs(array, Style::PipeDelimited, false),
        owned(&[("id", "3|4|5")])
    );
    // Object members by key, whatever serde_json's features (`preserve_order` or not).
    assert_eq!(
        pairs(object.clone(), Style::Form, true),
        owned(&[("firstName", "Alex"), ("role", "admin")])
    );
    assert_eq!(
        pairs(object.clone(), Style::Form, false),
        owned(&[("id", "firstName,Alex,role,admin")])
    );
    assert_eq!(
        pairs(object, Style::DeepObject, true),
        owned(&[("id[firstName]", "Alex"), ("id[role]", "admin")])
    );
    assert_eq!(
        pairs(json!({"a": {"b": [1, true]}}), Style::DeepObject, true),
        owned(&[("id[a][b][0]", "1"), ("id[a][b][1]", "true")])
    );
}

#[test]
fn path_and_header_styles_follow_the_openapi_table() {
    let text = |value: serde_json::Value, style, explode| {
        param_text("id", &value, style, explode).expect("encodable")
    };
    let array = json!([3, 4, 5]);
    let object = json!({"role": "admin", "firstName": "Alex"});
    assert_eq!(text(json!(5), Style::Simple, false), "5");
    assert_eq!(text(array.clone(), Style::Simple, false), "3,4,5");
    assert_eq!(
        text(object.clone(), Style::Simple, false),
        "firstName,Alex,role,admin"
    );
    assert_eq!(
        text(object.clone(), Style::Simple, true),
        "firstName=Alex,role=admin"
    );
    assert_eq!(text(json!(5), Style::Label, false), ".5");
    assert_eq!(text(array.clone(), Style::Label, false), ".3,4,5");
    assert_eq!(text(array.clone(), Style::Label, true), ".3.4.5");
    assert_eq!(text(json!(5), Style::Matrix, false), ";id=5");
    assert_eq!(text(array.clone(), Style::Matrix, false), ";id=3,4,5");
    assert_eq!(text(array, Style::Matrix, true), ";id=3;id=4;id=5");
    assert_eq!(
        text(object, Style::Matrix, true),
        ";firstName=Alex;role=admin"
    );
    assert_eq!(text(json!(true), Style::Simple, false), "true");
    assert_eq!(text(json!(1.5), Style::Simple, false), "1.5");
}

#[test]
fn form_fields_are_text_or_json() {
    assert_eq!(field_text("n", &42_i64).unwrap(), "42");
    assert_eq!(field_text("b", &false).unwrap(), "false");
    assert_eq!(field_text("s", "plain").unwrap(), "plain");
    assert_eq!(field_text("o", &json!({"a": [1]})).unwrap(), r#"{"a":[1]}"#);
    assert_eq!(field_text("none", &Option::<i64>::None).unwrap(), "");
}

#[test]
fn path_parameters_encode_values_and_keep_their_delimiters() {
    let segment =
        |value: serde_json::Value, style, explode| path_param("id", &value, style, explode);
    assert_eq!(
        segment(json!(["a b", "c/d"]), Style::Simple, false).unwrap(),
        "a%20b,c%2Fd"
    );
    assert_eq!(
        segment(json!(["x", "y"]), Style::Label, true).unwrap(),
        ".x.y"
    );
    assert_eq!(
        segment(json!("m;n"), Style::Matrix, false).unwrap(),
        ";id=m%3Bn"
    );
    assert_eq!(
        segment(json!({"a": "1", "b": "2"}), Style::Matrix, true).unwrap(),
        ";a=1;b=2"
    );
    assert_eq!(segment(json!(42), Style::Simple, false).unwrap(), "42");
    for refused in [json!(""), json!("."), json!("..")] {
        assert!(segment(refused, Style::Simple, false).is_err());
    }
}
