//! `credentials.rs`: header values holding secrets.

use secrecy::SecretString;

use crate::runtime::{bearer_header, secret_header};

const TOKEN: &str = "tok-3f9c1e";

#[test]
fn bearer_header_is_sensitive_and_never_printed() {
    let value = bearer_header(&SecretString::from(TOKEN)).unwrap();
    assert_eq!(value.as_bytes(), format!("Bearer {TOKEN}").as_bytes());
    assert!(value.is_sensitive());
    let debug = format!("{value:?}");
    assert!(!debug.contains(TOKEN), "{debug}");
}

#[test]
fn secret_header_is_sensitive_and_never_printed() {
    let value = secret_header("the API key", TOKEN).unwrap();
    assert_eq!(value.as_bytes(), TOKEN.as_bytes());
    assert!(value.is_sensitive());
    assert!(!format!("{value:?}").contains(TOKEN));
}

#[test]
fn a_secret_that_cannot_be_a_header_is_refused_without_quoting_it() {
    for secret in [
        format!("{TOKEN}\r\nX-Injected: 1"),
        format!("{TOKEN}\n"),
        format!("{TOKEN}\0"),
    ] {
        let error = secret_header("the API key", &secret).expect_err("a control character");
        assert_eq!(
            error.to_string(),
            "the API key contains characters not allowed in a header"
        );
        assert!(!format!("{error:?}").contains(TOKEN), "{error:?}");

        let error = bearer_header(&SecretString::from(secret)).expect_err("a control character");
        assert_eq!(
            error.to_string(),
            "the bearer token contains characters not allowed in a header"
        );
        assert!(!format!("{error:?}").contains(TOKEN), "{error:?}");
    }
}
