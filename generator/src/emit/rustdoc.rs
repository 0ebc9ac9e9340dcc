//! Markdown from the IR becomes rustdoc that is safe to emit: fences become ```` ```text ````
//! (never a doctest), and prose is escaped so nothing is an indented code block, HTML or an
//! intra-doc link (pass 4 in `crate::docs`). Every description the IR carries goes through
//! [`prose`] before it joins the sentences `emit` writes itself.

use proc_macro2::TokenStream;
use quote::quote;

use crate::docs::{Block, code_span, render, run_len, safe_url, skip, split_fences};

/// Rustdoc for a Markdown description.
pub fn prose(markdown: &str) -> String {
    let blocks = split_fences(markdown)
        .into_iter()
        .map(|block| match block {
            Block::Prose(text) => Block::Prose(escape_prose(&text)),
            code => code,
        })
        .collect();
    render(blocks, "text")
}

/// [`prose`] of an optional description.
pub fn of(markdown: &Option<String>) -> Option<String> {
    markdown
        .as_deref()
        .map(prose)
        .filter(|text| !text.is_empty())
}

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

/// `#[doc = "…"]` attributes, one per line, made safe for a `///` comment.
pub(crate) fn doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#[doc = #lines])*)
}

/// `#![doc = "…"]` attributes for a module's own docs.
pub(crate) fn inner_doc(text: &str) -> TokenStream {
    let lines = doc_lines(text);
    quote!(#(#![doc = #lines])*)
}

fn doc_lines(text: &str) -> Vec<String> {
    let mut lines = Vec::new();
    let mut in_fence = false;
    let mut previous_in_list = false;
    // Indentation that continues the current list item (the width of its marker).
    let mut continuation = 2;
    for line in text.lines() {
        let line: String = line
            .chars()
            .map(|c| if c == '\t' { ' ' } else { c })
            .filter(|&c| crate::docs::keep(c))
            .collect();
        let line = line.trim_end();
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            previous_in_list = false;
            lines.push(format!(" {trimmed}"));
            continue;
        }
        if in_fence {
            lines.push(if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            });
            continue;
        }
        let indent = line.len() - trimmed.len();
        let marker = list_marker_width(trimmed);
        let is_item = marker.is_some();
        let line = if trimmed.is_empty() {
            previous_in_list = false;
            String::new()
        } else if previous_in_list && !is_item && indent == 0 {
            // A line right after a list item would continue it lazily: make it a paragraph.
            lines.push(String::new());
            previous_in_list = false;
            trimmed.to_owned()
        } else {
            // Four spaces would start a code block (a doctest): continuation lines of a list
            // item get the marker's width, nested items keep a small indent, others none.
            let indent = match (previous_in_list, marker) {
                (true, Some(_)) if indent > 0 => continuation,
                (true, None) if indent > 0 => continuation,
                _ => 0,
            };
            if let Some(width) = marker {
                continuation = indent + width;
            }
            previous_in_list |= is_item;
            format!("{}{trimmed}", " ".repeat(indent.min(3)))
        };
        lines.push(if line.is_empty() {
            line
        } else {
            format!(" {line}")
        });
    }
    lines
}

/// The marker width of a list item line (`* x` → 2, `12. x` → 4), or `None`.
fn list_marker_width(line: &str) -> Option<usize> {
    if line.starts_with("* ") || line.starts_with("- ") || line.starts_with("+ ") {
        return Some(2);
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    (digits > 0 && digits < 10 && line[digits..].starts_with(". ")).then_some(digits + 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::docs::{clean, fence_open, keep};

    /// The whole path of a description into rustdoc.
    fn rustdoc(text: &str) -> Option<String> {
        clean(text).map(|markdown| prose(&markdown))
    }

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
            assert_eq!(rustdoc(input).as_deref(), expected, "input {input:?}");
        }
    }

    #[test]
    fn output_is_safe_for_doc_comments() {
        for &(input, _) in TABLE {
            let Some(out) = rustdoc(input) else { continue };
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
}
