//! Descriptions become rustdoc: HTML cleaned, markdown kept, nothing executable or unprintable.
//!
//! [`clean`] runs four passes over a description:
//!
//! 1. **Characters**: `\r\n` and bare `\r` become `\n`, a tab becomes four spaces, a
//!    no-break space a space; other control characters, bidi controls, zero-width and
//!    invisible tag characters are removed (rustc rejects a bare CR or a bidi control in a
//!    doc comment).
//! 2. **Fences**: every fenced block (```` ``` ```` or `~~~`, at any indentation) is kept
//!    verbatim and re-emitted as ```` ```text ```` with a fence longer than any backtick run
//!    inside, so rustdoc never compiles or runs it; an unclosed fence is closed.
//! 3. **HTML** (outside fences and code spans): known HTML elements become markdown or are
//!    removed keeping their text, entities are decoded. Fences are found again afterwards,
//!    since `<br>` and `<pre>` create lines.
//! 4. **Prose escapes**: leading indentation is capped at three spaces and inner runs of
//!    spaces collapse, so no line is an indented code block (which rustdoc would also run);
//!    placeholders like `<token>` are put in backticks, other `<` that could start HTML are
//!    escaped, bare `http(s)` URLs become `<url>` autolinks, inline links are kept only for
//!    `http`, `https` and `mailto` targets, and every other `[` / `]` is escaped so nothing
//!    becomes an intra-doc link.
//!
//! The emitter should put each output line in its own `#[doc]` attribute: prettyplease
//! prints a doc string containing a newline as a `/** */` block comment.

/// HTML elements that are converted or removed; any other `<name>` is treated as text.
#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "b", "blockquote", "br", "center", "code", "div", "em", "font", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "script", "small", "span", "strong",
    "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
];

/// Cleans a description taken from a spec into markdown safe to put in a `#[doc = "..."]`
/// attribute or `///` comment (see the module docs for the rules). Returns `None` when nothing
/// meaningful remains.
pub fn clean(text: &str) -> Option<String> {
    let mut blocks = Vec::new();
    for block in split_fences(&sanitize(text)) {
        match block {
            Block::Code(body) => blocks.push(Block::Code(body)),
            Block::Prose(prose) => {
                for inner in split_fences(&html_to_markdown(&prose)) {
                    match inner {
                        Block::Code(body) => blocks.push(Block::Code(body)),
                        Block::Prose(prose) => blocks.push(Block::Prose(escape_prose(&prose))),
                    }
                }
            }
        }
    }
    let rendered = render(blocks);
    (!rendered.is_empty()).then_some(rendered)
}

/// Text from a spec shown inline in generated docs (a wire name, an example value, a title),
/// usually inside a code span: on one line, without backticks, invisible or control
/// characters, so it can neither end the span nor start a block (a code block, a list).
/// Empty text reads `(empty)`.
pub fn inline(text: &str) -> String {
    let text: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|&c| c != '`' && keep(c))
        .collect();
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if text.is_empty() {
        "(empty)".to_owned()
    } else {
        text
    }
}

/// Joins non-empty paragraphs with a blank line.
pub fn paragraphs<I: IntoIterator<Item = Option<String>>>(parts: I) -> Option<String> {
    let parts: Vec<String> = parts
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join("\n\n"))
}

enum Block {
    Prose(String),
    Code(String),
}

/// Whether a character may appear in generated docs or comments: not a control character
/// (callers handle `\n` themselves), bidi control, zero-width or invisible tag character.
pub fn keep(c: char) -> bool {
    !(c.is_control()
        || matches!(c,
            '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}'
            | '\u{E0000}'..='\u{E007F}'))
}

fn sanitize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push_str("    "),
            '\u{A0}' => out.push(' '),
            c if keep(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// A fence opener: optional indentation, then three or more backticks (whose info string has
/// no backtick) or tildes. Returns the fence character and length.
fn fence_open(line: &str) -> Option<(char, usize)> {
    let line = line.trim_start();
    let fence = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.chars().take_while(|&c| c == fence).count();
    let info = line.get(len..).unwrap_or("");
    (len >= 3 && !(fence == '`' && info.contains('`'))).then_some((fence, len))
}

fn split_fences(text: &str) -> Vec<Block> {
    let (mut blocks, mut prose, mut code) = (Vec::new(), String::new(), String::new());
    let mut open: Option<(char, usize)> = None;
    for line in text.split('\n') {
        let closes = open.is_some_and(|(fence, len)| {
            let trimmed = line.trim();
            trimmed.len() >= len && trimmed.chars().all(|c| c == fence)
        });
        if closes {
            blocks.push(Block::Code(std::mem::take(&mut code)));
            open = None;
        } else if open.is_some() {
            code.extend([line, "\n"]);
        } else if let Some(fence) = fence_open(line) {
            blocks.push(Block::Prose(std::mem::take(&mut prose)));
            open = Some(fence);
        } else {
            prose.extend([line, "\n"]);
        }
    }
    if open.is_some() {
        blocks.push(Block::Code(code));
    }
    blocks.push(Block::Prose(prose));
    blocks
}

/// `s` without its first `n` bytes (empty when out of range).
fn skip(s: &str, n: usize) -> &str {
    s.get(n..).unwrap_or_default()
}

/// The length in bytes of the run of ASCII `c` that starts `s`.
fn run_len(s: &str, c: char) -> usize {
    s.len() - s.trim_start_matches(c).len()
}

/// Splits a code span off the front of `s` (which starts with a backtick run) when a run of
/// the same length closes it before a blank line: (span, rest).
fn code_span(s: &str) -> Option<(&str, &str)> {
    let run = run_len(s, '`');
    let mut j = run;
    loop {
        j += skip(s, j).find(['`', '\n'])?;
        let at = skip(s, j);
        if at.starts_with('\n') {
            if skip(at, 1).trim_start_matches(' ').starts_with('\n') {
                return None;
            }
            j += 1;
            continue;
        }
        let close = run_len(at, '`');
        if close == run {
            return Some((s.get(..j + close)?, skip(s, j + close)));
        }
        j += close;
    }
}

fn html_to_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut links: Vec<Option<String>> = Vec::new();
    let mut pre = 0usize;
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            // Runs of three or more are left for fence detection (`<br>```rust<br>`).
            let run = run_len(rest, '`');
            let span = code_span(rest).filter(|_| run < 3 && pre == 0);
            let len = span.map_or(run, |(span, _)| span.len());
            out.push_str(rest.get(..len).unwrap_or_default());
            rest = skip(rest, len);
            continue;
        }
        if let Some((_, after)) = rest.strip_prefix("<!--").and_then(|r| r.split_once("-->")) {
            rest = after;
        } else if let Some((closing, name, attrs, after)) = parse_tag(rest) {
            out.push_str(&tag_markdown(closing, &name, attrs, &mut links, &mut pre));
            rest = after;
        } else if let Some((decoded, after)) = entity(rest) {
            out.extend(Some(decoded).filter(|&c| keep(c)));
            rest = after;
        } else {
            out.push(c);
            rest = skip(rest, c.len_utf8());
        }
    }
    for url in links.into_iter().flatten() {
        out.push_str(&format!("]({url})"));
    }
    out
}

/// Parses a known element's tag `<name attrs>` / `</name>` at the start of `s`: (closing,
/// lower-case name, attribute text, rest).
fn parse_tag(s: &str) -> Option<(bool, String, &str, &str)> {
    let body = s.strip_prefix('<')?;
    let (closing, body) = body.strip_prefix('/').map_or((false, body), |b| (true, b));
    let name_len = body
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(body.len());
    let name = body.get(..name_len)?.to_ascii_lowercase();
    let attrs = skip(body, name_len);
    if !HTML_ELEMENTS.contains(&name.as_str())
        || !attrs.starts_with(|c: char| c.is_whitespace() || c == '/' || c == '>')
    {
        return None;
    }
    let mut quote = None;
    for (k, c) in attrs.char_indices() {
        match (quote, c) {
            (None, '>') => return Some((closing, name, attrs.get(..k)?, skip(attrs, k + 1))),
            (None, '<') => return None,
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            _ => {}
        }
    }
    None
}

fn tag_markdown(
    closing: bool,
    name: &str,
    attrs: &str,
    links: &mut Vec<Option<String>>,
    pre: &mut usize,
) -> String {
    let text = match (closing, name) {
        (_, "br") => "\n",
        (false, "pre") => {
            *pre += 1;
            "\n```\n"
        }
        (true, "pre") => {
            *pre = pre.saturating_sub(1);
            "\n```\n"
        }
        _ if *pre > 0 => "",
        (_, "tr") => "\n",
        (_, "p" | "div" | "table" | "blockquote" | "center") | (true, "ul" | "ol") => "\n\n",
        (_, "b" | "strong") => "**",
        (_, "i" | "em") => "*",
        (_, "code") => "`",
        (_, "td" | "th") => " ",
        (false, "li") => "\n* ",
        (false, "ul" | "ol") => "\n",
        (false, "hr") => "\n\n---\n\n",
        (false, "a") => {
            let url = href(attrs).and_then(safe_url);
            let open = if url.is_some() { "[" } else { "" };
            links.push(url);
            open
        }
        (true, "a") => {
            return links
                .pop()
                .flatten()
                .map(|u| format!("]({u})"))
                .unwrap_or_default();
        }
        (false, h @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6")) => {
            let level = skip(h, 1).parse().unwrap_or(1);
            return format!("\n\n{} ", "#".repeat(level));
        }
        (true, "h1" | "h2" | "h3" | "h4" | "h5" | "h6") => "\n\n",
        _ => "",
    };
    text.to_owned()
}

/// The value of the `href` attribute in `attrs`, quoted or not.
fn href(attrs: &str) -> Option<&str> {
    let lower = attrs.to_ascii_lowercase();
    let at = lower.match_indices("href").map(|(at, _)| at).find(|&at| {
        let before = lower.get(..at).and_then(|b| b.chars().next_back());
        before.is_none_or(char::is_whitespace) && skip(attrs, at + 4).trim_start().starts_with('=')
    })?;
    let value = skip(attrs, at + 4)
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    match value.chars().next() {
        Some(q @ ('"' | '\'')) => skip(value, 1).split(q).next(),
        _ => value.split(|c: char| c.is_whitespace() || c == '/').next(),
    }
}

/// A link target kept in docs: `http`, `https` or `mailto`, without spaces or markup.
fn safe_url(url: &str) -> Option<String> {
    let lower = url.to_ascii_lowercase();
    let scheme_ok = ["http://", "https://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    let chars_ok = !url.contains(|c: char| c.is_whitespace() || "<>`\"\\[]".contains(c));
    (scheme_ok && chars_ok).then(|| url.replace('(', "%28").replace(')', "%29"))
}

/// Decodes an entity at the start of `s`: (character, rest).
fn entity(s: &str) -> Option<(char, &str)> {
    let end = s
        .strip_prefix('&')?
        .char_indices()
        .take(10)
        .find(|&(_, c)| c == ';')?
        .0
        + 1;
    let decoded = match s.get(1..end)? {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => ' ',
        body => {
            let number = body.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((decoded, skip(s, end + 1)))
}

/// Line normalisation and inline escapes for prose (no fences inside).
fn escape_prose(text: &str) -> String {
    let mut normalized = String::with_capacity(text.len());
    for line in text.split('\n') {
        let mut rest = line.trim_start_matches(' ');
        normalized.push_str(&" ".repeat((line.len() - rest.len()).min(3)));
        if rest.starts_with('>') {
            let quote = rest.trim_start_matches(['>', ' ']);
            let markers = rest.get(..rest.len() - quote.len()).unwrap_or_default();
            normalized.push_str(&">".repeat(markers.matches('>').count()));
            normalized.push(' ');
            rest = quote;
        }
        let mut last = ' ';
        for c in rest.chars() {
            if !(c == ' ' && last == ' ') {
                normalized.push(c);
            }
            last = c;
        }
        normalized.push('\n');
    }
    escape_inline(&normalized, false)
}

fn escape_inline(text: &str, in_link_text: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut prev = ' ';
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        match c {
            '`' => {
                if let Some((span, _)) = code_span(rest) {
                    out.push_str(span);
                    len = span.len();
                } else {
                    // Escaped, so an unclosed run cannot pair with a backtick added later.
                    len = run_len(rest, '`');
                    out.push_str(&"\\`".repeat(len));
                }
            }
            '\\' if skip(rest, 1).starts_with(|n: char| n.is_ascii_punctuation()) => {
                out.push_str(rest.get(..2).unwrap_or_default());
                len = 2;
            }
            '<' => {
                let inner = skip(rest, 1).split_once('>').map_or("", |(inner, _)| inner);
                let autolink = (inner.starts_with("http://") || inner.starts_with("https://"))
                    && !inner.contains(|c: char| c.is_whitespace() || "<`".contains(c));
                let placeholder = inner.len() <= 60
                    && inner
                        .trim_start_matches('/')
                        .starts_with(|c: char| c.is_ascii_alphabetic())
                    && inner
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || "/_-.: ".contains(c));
                let next = skip(rest, 1).chars().next().unwrap_or(' ');
                if autolink || placeholder {
                    // Right after a backtick, a new code span would merge with it: escape.
                    let (open, close) = match (autolink, out.ends_with('`')) {
                        (true, _) => ("<", ">"),
                        (false, false) => ("`<", ">`"),
                        (false, true) => ("\\<", ">"),
                    };
                    out.push_str(&format!("{open}{inner}{close}"));
                    len = inner.len() + 2;
                } else if next.is_alphabetic() || "/!?".contains(next) {
                    out.push_str("\\<");
                } else {
                    out.push('<');
                }
            }
            '[' => match link(rest).filter(|_| !in_link_text) {
                Some((text, url, after)) => {
                    out.push_str(&format!("[{}]({url})", escape_inline(text, true)));
                    len = rest.len() - after.len();
                }
                None => out.push_str("\\["),
            },
            ']' => out.push_str("\\]"),
            'h' if !prev.is_alphanumeric() && !in_link_text && bare_url(rest).is_some() => {
                let url = bare_url(rest).unwrap_or_default();
                out.push_str(&format!("<{url}>"));
                len = url.len();
            }
            c => out.push(c),
        }
        prev = rest
            .get(..len)
            .and_then(|s| s.chars().next_back())
            .unwrap_or(' ');
        rest = skip(rest, len);
    }
    out
}

/// An inline link `[text](url)` at the start of `s` with a safe URL: (text, url, rest).
fn link(s: &str) -> Option<(&str, String, &str)> {
    let body = s.strip_prefix('[')?;
    let close = body.find([']', '['])?;
    let dest = skip(body, close).strip_prefix("](")?;
    let mut depth = 0usize;
    for (k, c) in dest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => {
                return Some((
                    body.get(..close)?,
                    safe_url(dest.get(..k)?)?,
                    skip(dest, k + 1),
                ));
            }
            ')' => depth -= 1,
            _ => {}
        }
    }
    None
}

/// The bare `http(s)` URL at the start of `s`, without trailing punctuation.
fn bare_url(s: &str) -> Option<&str> {
    let end = s
        .find(|c: char| c.is_whitespace() || "<>\"`[]*".contains(c))
        .unwrap_or(s.len());
    let mut url = s.get(..end)?;
    loop {
        let unbalanced = url.matches('(').count() < url.matches(')').count();
        match url.strip_suffix(['.', ',', ';', ':', '!', '?', '\'']) {
            Some(shorter) => url = shorter,
            None if unbalanced && url.ends_with(')') => url = url.strip_suffix(')')?,
            None => break,
        }
    }
    let host = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    (!host.is_empty()).then_some(url)
}

fn render(blocks: Vec<Block>) -> String {
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Prose(prose) => {
                for line in prose.split('\n') {
                    if fence_open(line).is_some() {
                        out.push('\\');
                    }
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
            }
            Block::Code(body) if body.trim().is_empty() => {}
            Block::Code(body) => {
                let longest = body
                    .lines()
                    .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
                    .max()
                    .unwrap_or(0);
                let fence = "`".repeat(longest.max(2) + 1);
                out.push_str(&format!("\n{fence}text\n"));
                for line in body.trim_matches('\n').split('\n') {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
                out.push_str(&format!("{fence}\n\n"));
            }
        }
    }
    let mut collapsed = String::with_capacity(out.len());
    let mut newlines = 0;
    for c in out.chars() {
        newlines = if c == '\n' { newlines + 1 } else { 0 };
        if newlines <= 2 {
            collapsed.push(c);
        }
    }
    collapsed.trim().to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ZOOM: &str = "This API allows a master account with SIP Connected Audio plan to assign internal phone numbers (i.e., numbers that are not provided by Zoom but are owned by the organization consuming the API) to a master account or a sub account.<br><br>To add internal numbers to a sub account, provide the account ID of the sub account in the `accountId` path parameter. To add internal numbers to a master account, provide `me` as the value of the `accountId` path parameter.\n<br><b>Prerequisites:</b><br>\n* The account making this API request must be a [master account](https://marketplace.zoom.us/docs/api-reference/master-account-apis) with SIP Connected Audio Plan.<br><br>\n**Scope:** `sip_trunk:master`\n\n";

    const ZOOM_CLEAN: &str = "This API allows a master account with SIP Connected Audio plan to assign internal phone numbers (i.e., numbers that are not provided by Zoom but are owned by the organization consuming the API) to a master account or a sub account.\n\nTo add internal numbers to a sub account, provide the account ID of the sub account in the `accountId` path parameter. To add internal numbers to a master account, provide `me` as the value of the `accountId` path parameter.\n\n**Prerequisites:**\n\n* The account making this API request must be a [master account](https://marketplace.zoom.us/docs/api-reference/master-account-apis) with SIP Connected Audio Plan.\n\n**Scope:** `sip_trunk:master`";

    #[rustfmt::skip]
    const TABLE: &[(&str, Option<&str>)] = &[
        (ZOOM, Some(ZOOM_CLEAN)),
        ("```js\nalert(1)\n```", Some("```text\nalert(1)\n```")),
        ("Intro\n~~~python\nprint(1)\n~~~\nafter", Some("Intro\n\n```text\nprint(1)\n```\n\nafter")),
        ("```rust\nfn main() {}", Some("```text\nfn main() {}\n```")),
        ("~~~\n```rust\nfn x() {}\n```\n~~~", Some("````text\n```rust\nfn x() {}\n```\n````")),
        ("  ```\n  code\n  ```", Some("```text\n  code\n```")),
        ("```rust", None),
        ("Text<br>```rust<br>x()<br>```", Some("Text\n\n```text\nx()\n```")),
        ("<pre>let a = 1;</pre>", Some("```text\nlet a = 1;\n```")),
        ("Text\n\n        indented code", Some("Text\n\n   indented code")),
        (">      quoted", Some("> quoted")),
        ("safe\u{202E}txt\u{2066}\u{200B}\u{FEFF}", Some("safetxt")),
        ("\u{202E}evil", Some("evil")),
        ("&#8238;x&#0;", Some("x")),
        ("a\r\nb\rc\u{7}", Some("a\nb\nc")),
        ("Use <token> or <string>", Some("Use `<token>` or `<string>`")),
        ("`<b>` stays", Some("`<b>` stays")),
        ("`open <x>", Some("\\`open `<x>`")),
        ("Option<String> <T><V>", Some("Option`<String>` `<T>`\\<V>")),
        ("a < b and c > d", Some("a < b and c > d")),
        ("x<y", Some("x\\<y")),
        ("&lt;b&gt;x &amp; &quot;q&quot; &#39;s&#39;&nbsp;end", Some("`<b>`x & \"q\" 's' end")),
        ("See https://example.com/a_b?x=1.", Some("See <https://example.com/a_b?x=1>.")),
        ("(https://example.com/x)", Some("(<https://example.com/x>)")),
        ("<https://example.com>", Some("<https://example.com>")),
        ("[foo] and [a](javascript:alert(1))", Some("\\[foo\\] and \\[a\\](javascript:alert(1))")),
        ("[wiki](https://w.org/A_(b))", Some("[wiki](https://w.org/A_%28b%29)")),
        ("<a href=\"https://x.io/p\">link</a>", Some("[link](https://x.io/p)")),
        ("<a href='javascript:x()'>link</a>", Some("link")),
        ("<ul><li>one</li><li>two</li></ul>done", Some("* one\n* two\n\ndone")),
        ("<h2>Title</h2><i>it</i> <em>em</em> <code>c</code>", Some("## Title\n\n*it* *em* `c`")),
        ("<div class=\"x\"><span>kept</span></div>", Some("kept")),
        ("<script>alert(1)</script>", Some("alert(1)")),
        ("<!-- hidden -->shown", Some("shown")),
        ("#[test]\nfn f() {}", Some("#\\[test\\]\nfn f() {}")),
        ("\"); std::process::exit(1); //", Some("\"); std::process::exit(1); //")),
        ("*/", Some("*/")),
        ("", None),
        ("  \n\t \r\n ", None),
        ("<br><p></p>", None),
    ];

    #[test]
    fn table() {
        for &(input, expected) in TABLE {
            assert_eq!(clean(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn output_is_safe_for_doc_comments() {
        for &(input, _) in TABLE {
            let Some(out) = clean(input) else { continue };
            assert!(out.chars().all(|c| c == '\n' || keep(c)), "{out:?}");
            let mut open: Option<&str> = None;
            for line in out.lines() {
                if open == Some(line) {
                    open = None;
                } else if let (None, Some(fence)) = (open, line.strip_suffix("text")) {
                    assert!(
                        fence.len() >= 3 && fence.chars().all(|c| c == '`'),
                        "{out:?}"
                    );
                    open = Some(fence);
                } else if open.is_none() {
                    assert!(fence_open(line).is_none(), "executable fence in {out:?}");
                    let indent = line.len() - line.trim_start().len();
                    assert!(indent < 4, "indented code in {out:?}");
                }
            }
            assert!(open.is_none(), "unclosed fence in {out:?}");
        }
    }

    #[test]
    fn paragraphs_skip_empty_parts() {
        let joined = paragraphs([Some("a".into()), None, Some(" ".into()), Some("b".into())]);
        assert_eq!(joined.as_deref(), Some("a\n\nb"));
        assert_eq!(paragraphs([None, Some(String::new())]), None);
    }
}
