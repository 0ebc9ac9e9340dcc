//! All naming decisions: how wire names and titles become Rust identifiers.
//!
//! Every identifier in generated code comes from here, in three steps: [`words`] splits any
//! text into lower-case ASCII words, a case function ([`type_ident`], [`snake_ident`]) joins
//! them, prefixes a leading digit and escapes keywords, and a
//! [`Namespace`] makes the result unique in its scope. Keywords are escaped with a trailing
//! underscore (`type_`), never as raw identifiers: `self`, `Self`, `super`, `crate` and `_`
//! cannot be raw, and `type_` reads better in a public client API than `r#type`.

use std::collections::HashSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Strict, reserved and edition-2024 keywords that cannot name an item, field or binding.
///
/// Contextual keywords (`union`, `macro_rules`, `raw`, `safe`, `auto`, `default`) are valid
/// identifiers and are not listed.
const KEYWORDS: &[&str] = &[
    "_", "abstract", "as", "async", "await", "become", "box", "break", "const", "continue",
    "crate", "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if",
    "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "Self", "self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified; reserve them in a module's type
/// [`Namespace`] so a spec's `Result` or `Option` type cannot shadow them.
pub const PRELUDE_TYPE_NAMES: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Client",
    "ClientBuilder",
    "Clone",
    "Copy",
    "Debug",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Duration",
    "Eq",
    "Err",
    "Error",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Hash",
    "Into",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Response",
    "Result",
    "Self",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Value",
    "Vec",
];

/// Whether `ident` is a Rust keyword (strict, reserved, or edition 2024's `gen`) and so
/// cannot be used as a plain identifier.
pub fn is_keyword(ident: &str) -> bool {
    KEYWORDS.contains(&ident)
}

/// Splits free text into lower-case ASCII words.
///
/// Accepts titles (`"Add internal numbers"`, `"{account Id}"`, `"GET /users/:id"`) and wire
/// names (`"userId"`, `"user_id"`, `"UserID"`, `"X-Api-Key"`). Anything that is not an ASCII
/// letter or digit separates words; common Latin accented letters are folded first (`é` →
/// `e`). Case boundaries split as heck does (`"UserID"` → `user id`, `"HTTPServer"` →
/// `http server`); digits stay attached (`"oauth2Token"` → `oauth2 token`). Returns an empty
/// vector when nothing usable remains.
pub fn words(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for c in text.chars() {
        match fold(c) {
            Some(folded) => run.extend(folded.chars()),
            None => split_run(&mut run, &mut out),
        }
    }
    split_run(&mut run, &mut out);
    out
}

/// The ASCII spelling of an identifier character, or `None` for a separator.
fn fold(c: char) -> Option<String> {
    if c.is_ascii_alphanumeric() {
        return Some(c.to_string());
    }
    let base = match c {
        'À'..='Å' => "A",
        'à'..='å' => "a",
        'Æ' => "Ae",
        'æ' => "ae",
        'Ç' => "C",
        'ç' => "c",
        'È'..='Ë' => "E",
        'è'..='ë' => "e",
        'Ì'..='Ï' => "I",
        'ì'..='ï' => "i",
        'Ñ' => "N",
        'ñ' => "n",
        'Ò'..='Ö' | 'Ø' => "O",
        'ò'..='ö' | 'ø' => "o",
        'Ù'..='Ü' => "U",
        'ù'..='ü' => "u",
        'Ý' => "Y",
        'ý' | 'ÿ' => "y",
        'ß' => "ss",
        _ => return None,
    };
    Some(base.to_owned())
}

/// Splits one run of ASCII alphanumerics at case boundaries (heck's rule) into `out`.
fn split_run(run: &mut Vec<char>, out: &mut Vec<String>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let mut word = String::new();
    let mut mode = Mode::Boundary;
    for (i, &c) in run.iter().enumerate() {
        let Some(&next) = run.get(i + 1) else {
            word.push(c);
            break;
        };
        let next_mode = if c.is_ascii_lowercase() {
            Mode::Lower
        } else if c.is_ascii_uppercase() {
            Mode::Upper
        } else {
            mode
        };
        if next_mode == Mode::Lower && next.is_ascii_uppercase() {
            word.push(c);
            flush(&mut word, out);
            mode = Mode::Boundary;
        } else if mode == Mode::Upper
            && c.is_ascii_uppercase()
            && next.is_ascii_lowercase()
            // An acronym's plural stays one word: `APIs`, `URLs`.
            && !(next == 's' && run.get(i + 2).is_none_or(|after| !after.is_ascii_lowercase()))
        {
            flush(&mut word, out);
            word.push(c);
            mode = Mode::Boundary;
        } else {
            word.push(c);
            mode = next_mode;
        }
    }
    flush(&mut word, out);
    run.clear();
}

fn flush(word: &mut String, out: &mut Vec<String>) {
    if !word.is_empty() {
        out.push(word.to_ascii_lowercase());
        word.clear();
    }
}

/// The PascalCase identifier for a type or enum variant.
///
/// Empty `words` give `fallback`; a leading digit gets the prefix `N` (`2fa status` →
/// `N2faStatus`); the keyword `Self` becomes `SelfType`.
pub fn type_ident(words: &[String], fallback: &str) -> String {
    let ident = join(words).to_upper_camel_case();
    finish(ident, fallback, "N", |ident| format!("{ident}Type"))
}

/// The snake_case identifier for a field, parameter, method or module.
///
/// Empty `words` give `fallback`; a leading digit gets the prefix `n` (`2fa` → `n2fa`); a
/// keyword gets a trailing underscore (`type` → `type_`).
pub fn snake_ident(words: &[String], fallback: &str) -> String {
    let ident = join(words).to_snake_case();
    finish(ident, fallback, "n", |ident| format!("{ident}_"))
}

/// Rejoins words for heck, keeping only what [`words`] would produce so that heck's own
/// splitting cannot see anything but ASCII letters, digits and the separator.
fn join(words: &[String]) -> String {
    let clean: Vec<String> = words.iter().flat_map(|w| self::words(w)).collect();
    clean.join("_")
}

/// Applies the shared rules: fallback when empty, digit prefix, keyword escape.
fn finish(
    ident: String,
    fallback: &str,
    digit_prefix: &str,
    escape: impl Fn(&str) -> String,
) -> String {
    let ident = if ident.is_empty() {
        fallback.to_owned()
    } else {
        ident
    };
    let ident = if ident.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{digit_prefix}{ident}")
    } else {
        ident
    };
    if is_keyword(&ident) {
        escape(&ident)
    } else {
        ident
    }
}

/// The words naming one element of a collection: the last word made singular.
///
/// `internal numbers` → `internal number`; `entries` → `entry`; `addresses` → `address`;
/// `boxes`, `matches`, `pushes` drop `es`; a final `s` is dropped except after `s`, `u` or `i`
/// (`status`, `analysis` are not plurals); `people` → `person`, `children` → `child`. A word
/// that does not look plural (`data`, `list`, `status`) gets `item` appended instead, so the
/// element name always differs from the collection's name.
pub fn singular(words: &[String]) -> Vec<String> {
    let mut out = words.to_vec();
    let Some(last) = out.pop() else {
        return vec!["item".to_owned()];
    };
    let last = last.to_ascii_lowercase();
    match singular_word(&last) {
        Some(one) => out.push(one),
        None => {
            out.push(last);
            out.push("item".to_owned());
        }
    }
    out
}

fn singular_word(word: &str) -> Option<String> {
    const IRREGULAR: &[(&str, &str)] = &[
        ("people", "person"),
        ("children", "child"),
        ("men", "man"),
        ("women", "woman"),
        ("indices", "index"),
        ("vertices", "vertex"),
        ("matrices", "matrix"),
        ("analyses", "analysis"),
        ("statuses", "status"),
        ("aliases", "alias"),
        ("movies", "movie"),
        ("cookies", "cookie"),
    ];
    const INVARIANT: &[&str] = &["data", "metadata", "info", "news", "series", "species"];
    if let Some((_, one)) = IRREGULAR.iter().find(|(many, _)| *many == word) {
        return Some((*one).to_owned());
    }
    if INVARIANT.contains(&word) || word.len() < 3 {
        return None;
    }
    if let Some(stem) = word.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    if let Some(stem) = word.strip_suffix("sses") {
        return Some(format!("{stem}ss"));
    }
    for suffix in ["xes", "ches", "shes", "zzes"] {
        if word.ends_with(suffix) {
            return word.strip_suffix("es").map(str::to_owned);
        }
    }
    if ["ss", "us", "is"].iter().any(|s| word.ends_with(s)) {
        return None;
    }
    word.strip_suffix('s').map(str::to_owned)
}

/// The package name for a generated crate: `"Zoom API"` → `zoom-api`.
///
/// Lower-case ASCII words joined with `-`; nothing usable gives `api-client`; a leading digit
/// gets the prefix `api-`; a keyword or a name Cargo reserves (`test`, `std`, `core`, …) gets
/// the suffix `-client`.
pub fn crate_name(title: &str) -> String {
    const RESERVED: &[&str] = &[
        "alloc",
        "core",
        "proc-macro",
        "std",
        "test",
        "build",
        "deps",
    ];
    // Split at punctuation and spaces only: a package name keeps `PayPal` as `paypal`.
    let name = title
        .split(|c: char| !c.is_alphanumeric())
        .flat_map(|part| {
            words(part).into_iter().reduce(|mut joined, word| {
                joined.push_str(&word);
                joined
            })
        })
        .collect::<Vec<_>>()
        .join("-");
    if name.is_empty() {
        "api-client".to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("api-{name}")
    } else if is_keyword(&name) || RESERVED.contains(&name.as_str()) {
        format!("{name}-client")
    } else {
        name
    }
}

/// Allocates unique identifiers within one scope (a struct's fields, a module's types, an
/// enum's variants).
///
/// The collision rule: the first claimant of an identifier gets it unchanged; each later
/// claimant gets the smallest numeric suffix `2`, `3`, … that is still free. The suffix is
/// joined with `_` when the identifier starts lower-case or contains an underscore (`name_2`,
/// `MAX_LEN_2`, and a keyword escape's underscore is reused: `type_` → `type_2`), and directly
/// otherwise (`Name2`, `AB2`), so the result keeps the case convention of its claimant. Comparison is exact on the final
/// identifier, so the wire names `userId`, `user_id` and `UserID` claimed in that order become
/// `user_id`, `user_id_2` and `user_id_3`. Claim in a deterministic (sorted or source) order.
#[derive(Debug, Default, Clone)]
pub struct Namespace {
    taken: HashSet<String>,
}

impl Namespace {
    /// An empty scope.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves an identifier the generated code itself uses (`client`, `new`, `builder`,
    /// `send`, `body`, or [`PRELUDE_TYPE_NAMES`]) so that no claim receives it.
    pub fn reserve(&mut self, ident: &str) {
        self.taken.insert(ident.to_owned());
    }

    /// Claims `ident` (already a valid identifier from this module) or, when it is taken, its
    /// first free suffixed variant; returns the identifier claimed.
    pub fn claim(&mut self, ident: &str) -> String {
        if self.taken.insert(ident.to_owned()) {
            return ident.to_owned();
        }
        let stem = match ident.trim_end_matches('_') {
            "" => ident,
            stem => stem,
        };
        let snake = ident.starts_with(|c: char| !c.is_ascii_uppercase()) || ident.contains('_');
        let separator = if snake { "_" } else { "" };
        let mut n: u64 = 2;
        loop {
            let candidate = format!("{stem}{separator}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n = n.saturating_add(1);
        }
    }

    /// Whether `ident` is already claimed or reserved.
    pub fn contains(&self, ident: &str) -> bool {
        self.taken.contains(ident)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (input, snake, Pascal); fallback `value` / `Value`.
    #[rustfmt::skip]
    const TABLE: &[(&str, &str, &str)] = &[
        ("Add internal numbers",           "add_internal_numbers", "AddInternalNumbers"),
        ("{account Id}",                   "account_id",           "AccountId"),
        ("internal_numbers",               "internal_numbers",     "InternalNumbers"),
        ("userId",                         "user_id",              "UserId"),
        ("user_id",                        "user_id",              "UserId"),
        ("UserID",                         "user_id",              "UserId"),
        ("HTTPServer",                     "http_server",          "HttpServer"),
        ("oauth2Token",                    "oauth2_token",         "Oauth2Token"),
        ("X-Api-Key",                      "x_api_key",            "XApiKey"),
        ("GET /users/:id",                 "get_users_id",         "GetUsersId"),
        ("type",                           "type_",                "Type"),
        ("self",                           "self_",                "SelfType"),
        ("Self",                           "self_",                "SelfType"),
        ("super",                          "super_",               "Super"),
        ("crate",                          "crate_",               "Crate"),
        ("_",                              "value",                "Value"),
        ("gen",                            "gen_",                 "Gen"),
        ("async",                          "async_",               "Async"),
        ("union",                          "union",                "Union"),
        ("2fa",                            "n2fa",                 "N2fa"),
        ("",                               "value",                "Value"),
        ("   ",                            "value",                "Value"),
        ("\"); std::process::exit(1); //", "std_process_exit_1",   "StdProcessExit1"),
        ("*/",                             "value",                "Value"),
        ("#[test]",                        "test",                 "Test"),
        ("a\nb",                           "a_b",                  "AB"),
        ("a\rb",                           "a_b",                  "AB"),
        ("\0",                             "value",                "Value"),
        ("\u{202E}evil",                   "evil",                 "Evil"),
        ("émoji 🎉 name",                   "emoji_name",           "EmojiName"),
        ("```rust",                        "rust",                 "Rust"),
        ("<b>bold</b>",                    "b_bold_b",             "BBoldB"),
        ("r#type",                         "r_type",               "RType"),
        ("__init__",                       "init",                 "Init"),
    ];

    #[test]
    fn table() {
        for &(input, snake, pascal) in TABLE {
            let w = words(input);
            assert_eq!(snake_ident(&w, "value"), snake, "snake of {input:?}");
            assert_eq!(type_ident(&w, "Value"), pascal, "Pascal of {input:?}");
        }
    }

    #[test]
    fn every_output_is_a_plain_identifier() {
        for &(input, ..) in TABLE {
            let w = words(input);
            for ident in [snake_ident(&w, "value"), type_ident(&w, "Value")] {
                let parsed = syn::parse_str::<syn::Ident>(&ident);
                assert!(
                    parsed.is_ok(),
                    "{ident:?} from {input:?} is not an identifier"
                );
                assert!(!ident.starts_with("r#") && !is_keyword(&ident), "{ident:?}");
            }
        }
    }

    #[test]
    fn words_split_like_heck() {
        assert_eq!(words("v2"), ["v2"]);
        assert_eq!(
            words("getHTTPResponseCode"),
            ["get", "http", "response", "code"]
        );
        assert!(words("🎉 — ¿?").is_empty());
        assert_eq!(
            words("PayPal Partner APIs"),
            ["pay", "pal", "partner", "apis"]
        );
        assert_eq!(words("listURLsFor"), ["list", "urls", "for"]);
        assert_eq!(words("HTTPServer"), ["http", "server"]);
    }

    #[test]
    fn namespace_collision_rule() {
        let mut fields = Namespace::new();
        fields.reserve("body");
        let claimed: Vec<String> = ["userId", "user_id", "UserID", "body", "type"]
            .iter()
            .map(|wire| fields.claim(&snake_ident(&words(wire), "value")))
            .collect();
        assert_eq!(
            claimed,
            ["user_id", "user_id_2", "user_id_3", "body_2", "type_"]
        );
        assert_eq!(fields.claim("type_"), "type_2");
        assert!(fields.contains("user_id_3") && !fields.contains("user_id_4"));

        let mut types = Namespace::new();
        types.reserve("Result");
        assert_eq!(types.claim("Result"), "Result2");
        assert_eq!(types.claim("Item"), "Item");
        assert_eq!(types.claim("Item3"), "Item3");
        assert_eq!(types.claim("Item"), "Item2");
        assert_eq!(types.claim("Item"), "Item4");
        assert_eq!(types.claim("AB"), "AB");
        assert_eq!(types.claim("AB"), "AB2");
        assert_eq!(types.claim("MAX_LEN"), "MAX_LEN");
        assert_eq!(types.claim("MAX_LEN"), "MAX_LEN_2");
    }

    #[test]
    fn singular_names_elements() {
        let rows: &[(&str, &str)] = &[
            ("internal_numbers", "internal_number"),
            ("entries", "entry"),
            ("addresses", "address"),
            ("boxes", "box"),
            ("matches", "match"),
            ("pushes", "push"),
            ("users", "user"),
            ("ids", "id"),
            ("status", "status_item"),
            ("statuses", "status"),
            ("analysis", "analysis_item"),
            ("people", "person"),
            ("children", "child"),
            ("data", "data_item"),
            ("list", "list_item"),
            ("", "item"),
        ];
        for &(input, expected) in rows {
            assert_eq!(singular(&words(input)).join("_"), expected, "{input:?}");
        }
    }

    #[test]
    fn crate_names() {
        let rows: &[(&str, &str)] = &[
            ("Zoom API", "zoom-api"),
            ("  My  Cool_API v2 ", "my-cool-api-v2"),
            ("", "api-client"),
            ("🎉", "api-client"),
            ("1Password", "api-1password"),
            ("Test", "test-client"),
            ("Type", "type-client"),
            ("PayPal Partner APIs", "paypal-partner-apis"),
            ("Media2Cloud v3", "media2cloud-v3"),
            ("GraphQL API - Contentstack", "graphql-api-contentstack"),
        ];
        for &(title, expected) in rows {
            assert_eq!(crate_name(title), expected, "{title:?}");
        }
    }
}
