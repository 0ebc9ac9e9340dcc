//! The front ends' description normaliser: a description becomes Markdown with HTML cleaned
//! and nothing unprintable. (Turning that Markdown into safe rustdoc, pass 4 below and the
//! `text` fences, is the emitter's job: `emit/rustdoc.rs`.)
//!
//! [`clean`] runs the first three passes over a description:
//!
//! 1. **Characters**: `\r\n` and bare `\r` become `\n`, a tab becomes four spaces, a
//!    no-break space a space; other control characters, bidi controls, zero-width and
//!    invisible tag characters are removed (rustc rejects a bare CR or a bidi control in a
//!    doc comment).
//! 2. **Fences**: every fenced block (```` ``` ```` or `~~~`, at any indentation) is kept
//!    verbatim and re-emitted with a backtick fence longer than any backtick run inside; an
//!    unclosed fence is closed.
//! 3. **HTML** (outside fences and code spans): known HTML elements become markdown or are
//!    removed keeping their text, entities are decoded. Fences are found again afterwards,
//!    since `<br>` and `<pre>` create lines.
//! 4. **Prose escapes** (in `emit/rustdoc.rs`): leading indentation is capped at three spaces and inner runs of
//!    spaces collapse, so no line is an indented code block (which rustdoc would also run);
//!    placeholders like `<token>` are put in backticks, other `<` that could start HTML are
//!    escaped, bare `http(s)` URLs become `<url>` autolinks, inline links are kept only for
//!    `http`, `https` and `mailto` targets, and every other `[` / `]` is escaped so nothing
//!    becomes an intra-doc link.
//!
//! In rustdoc every fence becomes ```` ```text ````, so no description is ever compiled or run
//! as a doctest.

/// HTML elements that are converted or removed; any other `<name>` is treated as text.
#[rustfmt::skip]
const HTML_ELEMENTS: &[&str] = &[
    "a", "b", "blockquote", "br", "center", "code", "div", "em", "font", "h1", "h2", "h3", "h4",
    "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "script", "small", "span", "strong",
    "style", "sub", "sup", "table", "tbody", "td", "th", "thead", "tr", "u", "ul",
];

/// Normalises a description taken from a spec into Markdown (passes 1 to 3 of the module
/// docs). Returns `None` when nothing meaningful remains.
pub fn clean(text: &str) -> Option<String> {
    let mut blocks = Vec::new();
    for block in split_fences(&sanitize(text)) {
        match block {
            Block::Code(body) => blocks.push(Block::Code(body)),
            Block::Prose(prose) => {
                for inner in split_fences(&html_to_markdown(&prose)) {
                    match inner {
                        Block::Code(body) => blocks.push(Block::Code(body)),
                        Block::Prose(prose) => blocks.push(Block::Prose(prose)),
                    }
                }
            }
        }
    }
    let rendered = render(blocks, "");
    (!rendered.is_empty()).then_some(rendered)
}

/// Markdown text of prose and fenced blocks: each fence longer than any backtick run in its
/// body and labelled `info`, a prose line that would open a fence escaped, lines without
/// trailing space, at most one blank line in a row.
pub(crate) fn render(blocks: Vec<Block>, info: &str) -> String {
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
                let fence = fence_for(&body);
                out.push_str(&format!("\n{fence}{info}\n"));
                for line in body.trim_matches('\n').split('\n') {
                    out.push_str(line.trim_end());
                    out.push('\n');
                }
                out.push_str(&format!("{fence}\n\n"));
            }
        }
    }
    collapse_blank_lines(&out)
}

/// A backtick fence longer than any backtick run that starts a line of `body`.
fn fence_for(body: &str) -> String {
    let longest = body
        .lines()
        .map(|l| l.trim_start().chars().take_while(|&c| c == '`').count())
        .max()
        .unwrap_or(0);
    "`".repeat(longest.max(2) + 1)
}

/// `text` trimmed, with runs of more than one blank line shortened to one.
fn collapse_blank_lines(text: &str) -> String {
    let mut collapsed = String::with_capacity(text.len());
    let mut newlines = 0;
    for c in text.chars() {
        newlines = if c == '\n' { newlines + 1 } else { 0 };
        if newlines <= 2 {
            collapsed.push(c);
        }
    }
    collapsed.trim().to_owned()
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

/// A piece of Markdown: prose, or the body of a fenced code block.
pub(crate) enum Block {
    /// Text outside fences.
    Prose(String),
    /// A fenced block's body, verbatim.
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
pub(crate) fn fence_open(line: &str) -> Option<(char, usize)> {
    let line = line.trim_start();
    let fence = line.chars().next().filter(|c| matches!(c, '`' | '~'))?;
    let len = line.chars().take_while(|&c| c == fence).count();
    let info = line.get(len..).unwrap_or("");
    (len >= 3 && !(fence == '`' && info.contains('`'))).then_some((fence, len))
}

pub(crate) fn split_fences(text: &str) -> Vec<Block> {
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
pub(crate) fn skip(s: &str, n: usize) -> &str {
    s.get(n..).unwrap_or_default()
}

/// The length in bytes of the run of ASCII `c` that starts `s`.
pub(crate) fn run_len(s: &str, c: char) -> usize {
    s.len() - s.trim_start_matches(c).len()
}

/// Splits a code span off the front of `s` (which starts with a backtick run) when a run of
/// the same length closes it before a blank line: (span, rest).
pub(crate) fn code_span(s: &str) -> Option<(&str, &str)> {
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
pub(crate) fn safe_url(url: &str) -> Option<String> {
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
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_gives_markdown_without_rustdoc_escapes() {
        assert_eq!(
            clean("[foo] <b>bold</b><br>```js\nalert(1)").as_deref(),
            Some("[foo] **bold**\n\n```\nalert(1)\n```")
        );
        assert_eq!(clean(" \r\n\t").as_deref(), None);
    }

    #[test]
    fn paragraphs_skip_empty_parts() {
        let joined = paragraphs([Some("a".into()), None, Some(" ".into()), Some("b".into())]);
        assert_eq!(joined.as_deref(), Some("a\n\nb"));
        assert_eq!(paragraphs([None, Some(String::new())]), None);
    }
}
