// Bearer authentication (included when the API uses bearer or OAuth 2.0 tokens).

/// The `Authorization: Bearer …` header value for a token, marked sensitive so it is never
/// printed by `Debug`.
pub fn bearer_header(
    token: &secrecy::SecretString,
) -> Result<reqwest::header::HeaderValue, BuildError> {
    let mut value = reqwest::header::HeaderValue::from_str(&format!(
        "Bearer {}",
        secrecy::ExposeSecret::expose_secret(token)
    ))
    .map_err(|_| BuildError::new("the bearer token contains characters not allowed in a header"))?;
    value.set_sensitive(true);
    Ok(value)
}
