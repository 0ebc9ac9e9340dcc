//! Conventions of collections converted from OpenAPI by openapi-to-postman (Zoom's is one),
//! read as facts: `(Required) ` prefixes, response names carrying status and error codes, and
//! placeholder values that are no evidence of real values.

use crate::docs;

/// An application-level error code documented for a status (e.g. Zoom's `2001`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorCode {
    /// The code as written.
    pub code: String,
    /// The message, cleaned.
    pub message: Option<String>,
}

/// A description with its `(Required) ` marker removed, and whether the marker was there.
pub fn required_marker(description: &str) -> (bool, &str) {
    let trimmed = description.trim_start();
    match trimmed.strip_prefix("(Required)") {
        Some(rest) => (true, rest.trim_start()),
        None => (false, description),
    }
}

/// A description with its `(This can only be one of a,b,c)` suffix removed, and the values.
pub fn enum_suffix(description: &str) -> (&str, Option<Vec<String>>) {
    const MARKER: &str = "(This can only be one of ";
    let trimmed = description.trim_end();
    if let Some(start) = trimmed.rfind(MARKER)
        && trimmed.ends_with(')')
    {
        let list = &trimmed[start + MARKER.len()..trimmed.len() - 1];
        let mut values: Vec<String> = Vec::new();
        for value in list.split(',').map(str::trim).filter(|v| !v.is_empty()) {
            if !values.iter().any(|existing| existing == value) {
                values.push(value.to_owned());
            }
        }
        if !values.is_empty() {
            return (trimmed[..start].trim_end(), Some(values));
        }
    }
    (description, None)
}

/// What a saved response's name says about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResponseName {
    /// Reason phrase written in bold after the status (`**Created**`).
    pub reason: Option<String>,
    /// The prose before any error code.
    pub description: Option<String>,
    /// Documented application error codes and their messages.
    pub error_codes: Vec<ErrorCode>,
}

/// Reads names like ``**HTTP Status Code:** `404` **Not Found**<br>\n**Error Code:** `2001`<br> Account does not exist.``
/// Names without these markers are kept as a plain description.
pub fn response_name(name: &str) -> ResponseName {
    let mut rest = name.trim();
    for prefix in ["**HTTP Status Code:**", "**Status Code:**"] {
        if let Some(after) = rest.strip_prefix(prefix) {
            rest = skip_code(after.trim_start());
            break;
        }
    }
    let mut reason = None;
    let trimmed = rest.trim_start();
    if let Some(after) = trimmed.strip_prefix("**")
        && let Some(end) = after.find("**")
        && !after[..end].contains("Error Code")
    {
        reason = Some(after[..end].trim().to_owned()).filter(|r| !r.is_empty());
        rest = &after[end + 2..];
    }
    let mut pieces = split_error_codes(rest);
    let description = docs::clean(pieces.remove(0).1);
    let error_codes = pieces
        .into_iter()
        .filter_map(|(code, message)| {
            Some(ErrorCode {
                code: code?,
                message: docs::clean(message),
            })
        })
        .collect();
    ResponseName {
        reason,
        description,
        error_codes,
    }
}

/// Skips a leading `` `123` `` (the status code itself).
fn skip_code(text: &str) -> &str {
    if let Some(after) = text.strip_prefix('`')
        && let Some(end) = after.find('`')
    {
        return &after[end + 1..];
    }
    text
}

/// Splits at every "Error Code" marker: the first piece has no code, each later one starts
/// with its code.
fn split_error_codes(text: &str) -> Vec<(Option<String>, &str)> {
    const MARKERS: [&str; 3] = ["**Error Code:**", "**Error Code**:", "**Error code:**"];
    let mut pieces = Vec::new();
    let mut code = None;
    let mut rest = text;
    loop {
        let next = MARKERS
            .iter()
            .filter_map(|marker| rest.find(marker).map(|at| (at, marker.len())))
            .min();
        let Some((at, len)) = next else {
            pieces.push((code, rest));
            return pieces;
        };
        pieces.push((code.take(), &rest[..at]));
        let after = rest[at + len..].trim_start();
        match after
            .strip_prefix('`')
            .and_then(|a| a.find('`').map(|end| (a, end)))
        {
            Some((inner, end)) => {
                code = Some(inner[..end].trim().to_owned());
                rest = &inner[end + 1..];
            }
            None => {
                code = None;
                rest = after;
            }
        }
    }
}

/// Whether an example value is a placeholder rather than a real value: `<string>`-style type
/// names, or words from the lorem-ipsum generator openapi-to-postman uses.
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    if value.starts_with('<') && value.ends_with('>') {
        return true;
    }
    let words: Vec<&str> = value.split_whitespace().collect();
    !words.is_empty()
        && words.iter().all(|word| {
            let word = word.trim_matches(|c: char| !c.is_ascii_alphabetic());
            LOREM
                .binary_search(&word.to_ascii_lowercase().as_str())
                .is_ok()
        })
}

/// The vocabulary of the lorem-ipsum text json-schema-faker draws from, sorted.
const LOREM: &[&str] = &[
    "ad",
    "adipisicing",
    "aliqua",
    "aliquip",
    "amet",
    "anim",
    "aute",
    "cillum",
    "commodo",
    "consectetur",
    "consequat",
    "culpa",
    "cupidatat",
    "deserunt",
    "do",
    "dolor",
    "dolore",
    "duis",
    "ea",
    "eiusmod",
    "elit",
    "enim",
    "esse",
    "est",
    "et",
    "eu",
    "ex",
    "excepteur",
    "exercitation",
    "fugiat",
    "id",
    "in",
    "incididunt",
    "ipsum",
    "irure",
    "labore",
    "laboris",
    "laborum",
    "lorem",
    "magna",
    "minim",
    "mollit",
    "nisi",
    "non",
    "nostrud",
    "nulla",
    "occaecat",
    "officia",
    "pariatur",
    "proident",
    "qui",
    "quis",
    "reprehenderit",
    "sed",
    "sint",
    "sit",
    "sunt",
    "tempor",
    "ullamco",
    "ut",
    "velit",
    "veniam",
    "voluptate",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lorem_vocabulary_is_sorted() {
        assert!(LOREM.windows(2).all(|pair| pair[0] < pair[1]));
    }

    #[test]
    fn placeholders() {
        assert!(is_placeholder("quis officia in reprehenderit"));
        assert!(is_placeholder("Excepteur"));
        assert!(is_placeholder("<string>"));
        assert!(!is_placeholder("me"));
        assert!(!is_placeholder("+1 646 666 1110"));
        assert!(!is_placeholder(""));
    }

    #[test]
    fn enum_suffixes() {
        assert_eq!(
            enum_suffix("Protocol. (This can only be one of UDP,TCP,TLS,AUTO)"),
            (
                "Protocol.",
                Some(vec![
                    "UDP".into(),
                    "TCP".into(),
                    "TLS".into(),
                    "AUTO".into()
                ])
            )
        );
        assert_eq!(enum_suffix("No list here."), ("No list here.", None));
        assert_eq!(
            enum_suffix("(This can only be one of )"),
            ("(This can only be one of )", None)
        );
    }

    #[test]
    fn required_marker_is_stripped() {
        assert_eq!(
            required_marker("(Required) Unique identifier."),
            (true, "Unique identifier.")
        );
        assert_eq!(required_marker("Optional."), (false, "Optional."));
    }

    #[test]
    fn zoom_response_names() {
        let created = response_name(
            "**HTTP Status Code:** `201` **Created** <br>\nInternal numbers added successfully. \n",
        );
        assert_eq!(created.reason.as_deref(), Some("Created"));
        assert_eq!(
            created.description.as_deref(),
            Some("Internal numbers added successfully.")
        );
        assert!(created.error_codes.is_empty());

        let not_found = response_name(
            "**HTTP Status Code:** `404` **Not Found**<br>\n**Error Code:** `2001`<br> Account does not exist: {0}.\n\n\n\n\n",
        );
        assert_eq!(not_found.reason.as_deref(), Some("Not Found"));
        assert_eq!(not_found.description, None);
        assert_eq!(
            not_found.error_codes,
            vec![ErrorCode {
                code: "2001".into(),
                message: Some("Account does not exist: {0}.".into())
            }]
        );

        let two = response_name(
            "**HTTP Status Code:** `400`<br>\nBad request<br>\n**Error Code**: `1010`<br>\nUser not found.<br>**Error Code:** `300`<br>Invalid.",
        );
        assert_eq!(two.reason, None);
        assert_eq!(two.description.as_deref(), Some("Bad request"));
        assert_eq!(two.error_codes.len(), 2);
        assert_eq!(two.error_codes[1].code, "300");
    }

    #[test]
    fn plain_names_are_descriptions() {
        let plain = response_name("Successful response");
        assert_eq!(plain.description.as_deref(), Some("Successful response"));
        assert_eq!(plain.reason, None);
    }
}
