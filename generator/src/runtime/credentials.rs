// Credentials (included when the API authenticates with tokens, passwords or keys).

/// The `Authorization: Bearer …` header value for a token, marked sensitive so it is never
/// printed by `Debug`.
pub fn bearer_header(
    token: &secrecy::SecretString,
) -> Result<reqwest::header::HeaderValue, BuildError> {
    secret_header(
        "the bearer token",
        &format!("Bearer {}", secrecy::ExposeSecret::expose_secret(token)),
    )
}

/// A header value holding a secret (`what` names it in errors), marked sensitive. The error
/// never contains the secret.
pub fn secret_header(what: &str, secret: &str) -> Result<reqwest::header::HeaderValue, BuildError> {
    let mut value = reqwest::header::HeaderValue::from_str(secret).map_err(|_| {
        BuildError::new(format!(
            "{what} contains characters not allowed in a header"
        ))
    })?;
    value.set_sensitive(true);
    Ok(value)
}
