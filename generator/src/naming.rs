//! All naming decisions: how wire names and titles become Rust identifiers.
//!
//! Every identifier in generated code comes from here, in three steps: [`words`] splits any
//! text into the lower-case ASCII words a user would write ([`title_words`] also drops a
//! title's outline number and HTML tags), a case function ([`type_ident`], [`snake_ident`])
//! joins them, spells out or prefixes a leading number and escapes keywords, and a
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
///
/// The words are the ones a user would write:
///
/// - an apostrophe (`'`, `’`, `‘`, `ʼ`) between two letters or digits joins them (`user's` →
///   `users`, `don’t` → `dont`); anywhere else it separates (`'quoted'`, `users'`);
/// - `&` between capitals joins them (`Q&A` → `qa`, `AT&T` → `att`); standing alone between
///   spaces it is the word `and` (`Cancel & Refund` → `cancel and refund`);
/// - a single letter dotted to a number is one word (`H.323` → `h323`, `X.509` → `x509`);
///   other dots separate (`v1.0` → `v1 0`);
/// - a single capital opening a word belongs to the capitalised word after it (`OAuth2` →
///   `oauth2`, `GZip` → `gzip`, `ETag` → `etag`), and a capital `S` closing a capitalised word
///   of two or three letters belongs to it (`QoS` → `qos`, `SaaS` → `saas`), as an acronym's
///   plural does (`APIs` → `apis`).
pub fn words(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let folded: Vec<Option<String>> = chars.iter().map(|&c| fold(c)).collect();
    let letter_or_digit =
        |i: Option<usize>| i.and_then(|i| folded.get(i)).is_some_and(Option::is_some);
    let mut out = Vec::new();
    let mut run: Vec<char> = Vec::new();
    for (i, &c) in chars.iter().enumerate() {
        if let Some(folded) = &folded[i] {
            run.extend(folded.chars());
            continue;
        }
        let before = i.checked_sub(1).map(|j| chars[j]);
        let after = chars.get(i + 1).copied();
        let joins = match c {
            '\'' | '’' | '‘' | 'ʼ' => {
                letter_or_digit(i.checked_sub(1)) && letter_or_digit(Some(i + 1))
            }
            '&' => {
                before.is_some_and(|b| b.is_ascii_uppercase())
                    && after.is_some_and(|a| a.is_ascii_uppercase())
            }
            '.' => {
                before.is_some_and(|b| b.is_ascii_alphabetic())
                    && !letter_or_digit(i.checked_sub(2))
                    && after.is_some_and(|a| a.is_ascii_digit())
            }
            _ => false,
        };
        if joins {
            continue;
        }
        split_run(&mut run, &mut out);
        if c == '&'
            && before.is_some_and(char::is_whitespace)
            && after.is_some_and(char::is_whitespace)
        {
            out.push("and".to_owned());
        }
    }
    split_run(&mut run, &mut out);
    out
}

/// The words of a title (a request's or folder's name): [`words`], after dropping HTML tags
/// and a leading outline number.
///
/// An outline number is a section label before the title proper: `3.10. Create a card`,
/// `1) List`, `(2) Get`, `[2] Get`, `2.1 Get`, `A. Setup`, `A.1. Setup`, `#12 – Delete`,
/// `4 - Ticketing` → the title after it. A number that is a word of the title stays
/// (`2FA settings`, `3D secure`, `404 page`, `1st party`, `1.5x speed`). When nothing would be
/// left, what was dropped stays (`1.` → `1`, `<b>` → `b`).
pub fn title_words(title: &str) -> Vec<String> {
    let text = without_tags(title);
    [without_outline(&text), &text, title]
        .into_iter()
        .map(words)
        .find(|words| !words.is_empty())
        .unwrap_or_default()
}

/// `text` with HTML tags (`<b>`, `</a>`, `<a href="…">`) replaced by spaces.
fn without_tags(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('<') {
        let after = &rest[open + 1..];
        let tag = after.strip_prefix('/').unwrap_or(after);
        let close = after.find('>');
        match close {
            Some(close) if tag.starts_with(|c: char| c.is_ascii_alphabetic()) => {
                out.push_str(&rest[..open]);
                out.push(' ');
                rest = &after[close + 1..];
            }
            _ => {
                out.push_str(&rest[..=open]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `title` after its leading outline number (see [`title_words`]), or all of it.
fn without_outline(title: &str) -> &str {
    let text = title.trim_start();
    let (opening, label) = match text.chars().next() {
        Some(c @ ('#' | '(' | '[')) => (Some(c), &text[1..]),
        _ => (None, text),
    };
    // Segments separated by dots: numbers, or a single letter first.
    let bytes = label.as_bytes();
    let mut end = 0;
    let mut numbers = 0;
    let mut letter = false;
    loop {
        let digits = bytes[end..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count();
        if digits > 0 {
            numbers += 1;
            end += digits;
        } else if end == 0
            && opening != Some('#')
            && bytes.first().is_some_and(u8::is_ascii_alphabetic)
            && !bytes.get(1).is_some_and(u8::is_ascii_alphanumeric)
        {
            letter = true;
            end = 1;
        } else {
            break;
        }
        // A dot continues the label only when another segment follows it.
        if bytes.get(end) == Some(&b'.') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit) {
            end += 1;
        } else {
            break;
        }
    }
    if end == 0 {
        return title;
    }
    let after = &label[end..];
    let closed = match opening {
        Some('(') => after.strip_prefix(')'),
        Some('[') => after.strip_prefix(']'),
        _ => after
            .strip_prefix(['.', ')'])
            .or_else(|| after.strip_prefix(':').filter(|_| !letter)),
    };
    let rest = match closed {
        // `1.Authenticate` is numbered too; `1.5x` never gets here (its dot joined the label).
        Some(rest) if rest.starts_with(|c: char| c.is_whitespace() || c.is_alphabetic()) => rest,
        Some(_) => return title,
        None => {
            // No closing mark: a label of several numbers or after `#`, or one followed by a
            // dash (`4 - Ticketing`), and always a space before the title.
            let spaced = after.trim_start();
            if spaced.len() == after.len() || letter {
                return title;
            }
            let dashed = spaced
                .strip_prefix(['-', '–', '—'])
                .filter(|rest| rest.starts_with(char::is_whitespace));
            match dashed {
                Some(rest) => rest,
                None if numbers > 1 || opening == Some('#') => spaced,
                None => return title,
            }
        }
    };
    // A dash after the closing mark separates too: `1. - Create`.
    let rest = rest.trim_start();
    match rest.strip_prefix(['-', '–', '—']) {
        Some(dashed) if dashed.starts_with(char::is_whitespace) => dashed,
        _ => rest,
    }
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

/// Splits one run of ASCII alphanumerics at case boundaries (heck's rule, with the
/// exceptions [`words`] lists) into `out`.
fn split_run(run: &mut Vec<char>, out: &mut Vec<String>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mode {
        Boundary,
        Lower,
        Upper,
    }
    let first = out.len();
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
        if next_mode == Mode::Lower
            && next.is_ascii_uppercase()
            // A capital `S` closing a short capitalised word belongs to it: `QoS`, `SaaS`.
            && !(next == 'S'
                && run.get(i + 2).is_none()
                && (1..=2).contains(&word.len())
                && word.starts_with(|first: char| first.is_ascii_uppercase()))
        {
            word.push(c);
            flush(&mut word, out);
            mode = Mode::Boundary;
        } else if mode == Mode::Upper
            && c.is_ascii_uppercase()
            && next.is_ascii_lowercase()
            // An acronym's plural stays one word: `APIs`, `URLs`.
            && !(next == 's' && run.get(i + 2).is_none_or(|after| !after.is_ascii_lowercase()))
            // A single capital opening the run belongs to the word after it: `OAuth`, `ETag`.
            && !(word.len() == 1 && out.len() == first)
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
/// Empty `words` give `fallback`; a leading ordinal up to `10th` is spelled out (`1st party`
/// → `FirstParty`), another leading digit gets the prefix `N` (`2fa status` → `N2faStatus`);
/// the keyword `Self` becomes `SelfType`.
pub fn type_ident(words: &[String], fallback: &str) -> String {
    let ident = join(words).to_upper_camel_case();
    finish(ident, fallback, "N", |ident| format!("{ident}Type"))
}

/// The snake_case identifier for a field, parameter, method or module.
///
/// Empty `words` give `fallback`; a leading ordinal up to `10th` is spelled out (`1st party`
/// → `first_party`), another leading digit gets the prefix `n` (`2fa` → `n2fa`); a keyword
/// gets a trailing underscore (`type` → `type_`).
pub fn snake_ident(words: &[String], fallback: &str) -> String {
    let ident = join(words).to_snake_case();
    finish(ident, fallback, "n", |ident| format!("{ident}_"))
}

/// Rejoins words for heck, keeping only what [`words`] would produce so that heck's own
/// splitting cannot see anything but ASCII letters, digits and the separator. A leading
/// ordinal up to `10th` is spelled out (`1st party` → `first_party`) rather than prefixed.
fn join(words: &[String]) -> String {
    const ORDINALS: &[(&str, &str)] = &[
        ("1st", "first"),
        ("2nd", "second"),
        ("3rd", "third"),
        ("4th", "fourth"),
        ("5th", "fifth"),
        ("6th", "sixth"),
        ("7th", "seventh"),
        ("8th", "eighth"),
        ("9th", "ninth"),
        ("10th", "tenth"),
    ];
    let mut clean: Vec<String> = words.iter().flat_map(|w| self::words(w)).collect();
    if let Some(first) = clean.first_mut()
        && let Some((_, spelled)) = ORDINALS
            .iter()
            .find(|(number, _)| *number == first.as_str())
    {
        *first = (*spelled).to_owned();
    }
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
        // Apostrophes inside a word join it; quotes around words separate them.
        ("Add a user's TSP account",       "add_a_users_tsp_account", "AddAUsersTspAccount"),
        ("Get user\u{2019}s IM messages",  "get_users_im_messages", "GetUsersImMessages"),
        ("don\u{2018}t",                   "dont",                 "Dont"),
        ("don\u{2bc}t",                    "dont",                 "Dont"),
        ("People I'm working with",        "people_im_working_with", "PeopleImWorkingWith"),
        ("O'Reilly",                       "oreilly",              "Oreilly"),
        ("'quoted' name",                  "quoted_name",          "QuotedName"),
        ("\u{2018}quoted\u{2019} name",    "quoted_name",          "QuotedName"),
        ("List users' groups",             "list_users_groups",    "ListUsersGroups"),
        ("it's",                           "its",                  "Its"),
        // `&` between capitals joins them; standing alone it reads `and`.
        ("Get webinar Q&A report",         "get_webinar_qa_report", "GetWebinarQaReport"),
        ("AT&T TSP",                       "att_tsp",              "AttTsp"),
        ("Cancel & Refund",                "cancel_and_refund",    "CancelAndRefund"),
        ("Shop, Price, Book (EAB) Segment & Fulfill", "shop_price_book_eab_segment_and_fulfill", "ShopPriceBookEabSegmentAndFulfill"),
        ("a=1&b=2",                        "a_1_b_2",              "A1B2"),
        ("&",                              "value",                "Value"),
        // A single letter dotted to a number is one word; other dots separate.
        ("Update a H.323/SIP device",      "update_a_h323_sip_device", "UpdateAH323SipDevice"),
        ("X.509 certificate",              "x509_certificate",     "X509Certificate"),
        ("v1.0 $metadata",                 "v1_0_metadata",        "V10Metadata"),
        ("EnhancedAirBook v3.10",          "enhanced_air_book_v3_10", "EnhancedAirBookV310"),
        ("EnhancedSeatMapRQ 6.0.0",        "enhanced_seat_map_rq_6_0_0", "EnhancedSeatMapRq600"),
        ("e.g. this",                      "e_g_this",             "EGThis"),
        // Mixed-case words: a leading single capital and a closing `S` stay with their word.
        ("Get Access Token using Postman OAuth2", "get_access_token_using_postman_oauth2", "GetAccessTokenUsingPostmanOauth2"),
        ("OAuth1.0 (verify signature)",    "oauth1_0_verify_signature", "Oauth10VerifySignature"),
        ("OAuthToken",                     "oauth_token",          "OauthToken"),
        ("GZip Compressed Response",       "gzip_compressed_response", "GzipCompressedResponse"),
        ("ETag",                           "etag",                 "Etag"),
        ("Get meeting participant QoS",    "get_meeting_participant_qos", "GetMeetingParticipantQos"),
        ("SaaS",                           "saas",                 "Saas"),
        ("getAById",                       "get_a_by_id",          "GetAById"),
        ("pointX",                         "point_x",              "PointX"),
        ("SabreCommand_DIN",               "sabre_command_din",    "SabreCommandDin"),
        ("GetReservationRQ",               "get_reservation_rq",   "GetReservationRq"),
        // Numbers: a leading ordinal is spelled out, other leading digits are prefixed.
        ("1st Party",                      "first_party",          "FirstParty"),
        ("3rd party",                      "third_party",          "ThirdParty"),
        ("10th",                           "tenth",                "Tenth"),
        ("11th hour",                      "n11th_hour",           "N11thHour"),
        ("has_3rd_party_audio",            "has_3rd_party_audio",  "Has3rdPartyAudio"),
        ("2FA settings",                   "n2fa_settings",        "N2faSettings"),
        ("3D secure",                      "n3d_secure",           "N3dSecure"),
        ("Get top 25 issues of Zoom Rooms", "get_top_25_issues_of_zoom_rooms", "GetTop25IssuesOfZoomRooms"),
        ("CalculatorSoap12",               "calculator_soap12",    "CalculatorSoap12"),
        // Paths and punctuation as titles.
        ("accounts/:account_id/line_items", "accounts_account_id_line_items", "AccountsAccountIdLineItems"),
        ("POST Upload small file as Base64: /file/upload/base64", "post_upload_small_file_as_base64_file_upload_base64", "PostUploadSmallFileAsBase64FileUploadBase64"),
        ("PUT Upload File PUT `presignedUrl` --formdata file=..", "put_upload_file_put_presigned_url_formdata_file", "PutUploadFilePutPresignedUrlFormdataFile"),
        ("Enumerate List Items titled \"Contoso Home\"", "enumerate_list_items_titled_contoso_home", "EnumerateListItemsTitledContosoHome"),
    ];

    #[test]
    fn table() {
        for &(input, snake, pascal) in TABLE {
            let w = words(input);
            assert_eq!(snake_ident(&w, "value"), snake, "snake of {input:?}");
            assert_eq!(type_ident(&w, "Value"), pascal, "Pascal of {input:?}");
        }
    }

    /// Titles as the corpus writes them → `snake_ident(&title_words(title))`: outline numbers
    /// go, numbers that are words stay, HTML tags go.
    #[rustfmt::skip]
    const TITLES: &[(&str, &str)] = &[
        ("3.10. Create a card",            "create_a_card"),
        ("1. Authenticate",                "authenticate"),
        ("10. Push Provisioning",          "push_provisioning"),
        ("6. Withdraw Dispute by ID",      "withdraw_dispute_by_id"),
        ("3. fulfillFlightTickets",        "fulfill_flight_tickets"),
        ("2. SabreCommand_DIN",            "sabre_command_din"),
        ("6. Search & Sell Ancillary",     "search_and_sell_ancillary"),
        ("1) List",                        "list"),
        ("(2) Get",                        "get"),
        ("[3] Delete",                     "delete"),
        ("2.1 Get",                        "get"),
        ("2.1.4. Get",                     "get"),
        ("A. Setup",                       "setup"),
        ("b) Setup",                       "setup"),
        ("A.1. Setup",                     "setup"),
        ("#12 \u{2013} Delete",            "delete"),
        ("#12 Delete",                     "delete"),
        ("4 - Ticketing",                  "ticketing"),
        ("1. - Create",                    "create"),
        ("1.Authenticate",                 "authenticate"),
        ("1: Login",                       "login"),
        ("  7. Spend Limits",              "spend_limits"),
        ("1. 2FA settings",                "n2fa_settings"),
        // Numbers that are words of the title stay.
        ("2FA settings",                   "n2fa_settings"),
        ("3D secure",                      "n3d_secure"),
        ("404 page",                       "n404_page"),
        ("1st Party",                      "first_party"),
        ("1.5x speed",                     "n1_5x_speed"),
        ("10:30 standup",                  "n10_30_standup"),
        ("2 3 4",                          "n2_3_4"),
        ("v2. Users",                      "v2_users"),
        ("A list of users",                "a_list_of_users"),
        ("X: Post a tweet",                "x_post_a_tweet"),
        ("# Heading",                      "heading"),
        ("[WIP] Draft",                    "wip_draft"),
        ("EnhancedSeatMapRQ 6.0.0",        "enhanced_seat_map_rq_6_0_0"),
        // Only an outline number: it is all there is.
        ("1.",                             "n1"),
        ("3. ",                            "n3"),
        ("(1)",                            "n1"),
        // HTML tags go; a lone `<` is punctuation.
        ("Get boilerplate VCL with the service's TTL from the <a href=\"/api/config#settings\">settings</a>",
                                           "get_boilerplate_vcl_with_the_services_ttl_from_the_settings"),
        ("<b>html</b> name",               "html_name"),
        ("a < b > c",                      "a_b_c"),
        ("<>",                             "operation"),
        ("<b>",                            "b"),
        ("",                               "operation"),
    ];

    #[test]
    fn titles() {
        for &(title, snake) in TITLES {
            assert_eq!(
                snake_ident(&title_words(title), "operation"),
                snake,
                "{title:?}"
            );
        }
    }

    #[test]
    fn every_output_is_a_plain_identifier() {
        let inputs = TABLE
            .iter()
            .map(|&(input, ..)| (input, words(input)))
            .chain(TITLES.iter().map(|&(title, _)| (title, title_words(title))));
        for (input, w) in inputs {
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
