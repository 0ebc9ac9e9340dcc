//! `specs/hostile.postman.json` puts injection attempts, keywords, control characters, fences
//! and colliding names everywhere a collection can hold text. `compile.rs` proves its crate
//! compiles, passes clippy and documents cleanly; these tests prove that no spec text became
//! code: every function is one the IR predicts, no payload appears as an identifier, every doc
//! fence is ```` ```text ````, and the output does not depend on item order or lorem-ipsum
//! example values.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use serde_json::Value;
use syn::visit::Visit;

fn hostile_spec() -> PathBuf {
    common::workspace().join("specs/hostile.postman.json")
}

fn generate(path: &Path) -> courier::Generated {
    courier::Builder::new(path)
        .generate()
        .unwrap_or_else(|error| panic!("{error}"))
}

/// Every generated Rust file, parsed.
fn rust_files(generated: &courier::Generated) -> Vec<(String, syn::File)> {
    generated
        .files
        .iter()
        .filter(|file| file.path.ends_with(".rs"))
        .map(|file| {
            let parsed = syn::parse_file(&file.contents)
                .unwrap_or_else(|error| panic!("{} does not parse: {error}", file.path));
            (file.path.clone(), parsed)
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// (a) Every function is one the IR predicts
// ---------------------------------------------------------------------------------------------

/// Names the emitter itself gives functions on `Client`, `ClientBuilder` and request builders,
/// and the trait methods it implements. None of them comes from the spec.
const FIXED_METHODS: &[&str] = &[
    // Client
    "builder",
    "base_url",
    "request",
    "execute",
    "authorize",
    "hook",
    // ClientBuilder (credential setters are named after the auth scheme; the `Client` method
    // that applies one is `authorize_` + the setter's name)
    "bearer_token",
    "basic_auth",
    "api_key",
    "retry",
    "timeout",
    "deadline",
    "max_response_bytes",
    "connect_timeout",
    "http_client",
    "request_hook",
    "before_attempt",
    "after_response",
    "token_provider",
    "client_credentials",
    "build",
    // request builders
    "new",
    "body",
    "with_options",
    "send",
    // trait impls
    "default",
    "fmt",
    "from",
    "deref",
    "source",
    "clone",
];

/// Functions defined in the hand-written runtime sources (copied into every crate).
fn runtime_functions() -> BTreeSet<String> {
    let dir = common::workspace().join("generator/src/runtime");
    let mut names = BTreeSet::new();
    for entry in std::fs::read_dir(&dir).expect("generator/src/runtime exists") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|ext| ext == "rs") {
            let text = std::fs::read_to_string(&path).expect("runtime source");
            let file = syn::parse_file(&text)
                .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
            let mut collector = Functions::default();
            collector.visit_file(&file);
            names.extend(collector.found.into_iter().map(|f| f.name));
        }
    }
    names
}

/// One function definition: its name, the `impl` it is in (self type, trait), if any.
#[derive(Debug, Clone)]
struct Function {
    name: String,
    self_type: Option<String>,
    in_trait_impl: bool,
}

#[derive(Default)]
struct Functions {
    found: Vec<Function>,
    impl_stack: Vec<(String, bool)>,
    /// The inline modules around the current item: a type in `mod a` is not the one in `mod b`.
    mod_stack: Vec<String>,
    /// Everything that can run code without being called: macros, statics, externs, tests.
    suspicious: Vec<String>,
}

impl<'ast> Visit<'ast> for Functions {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.found.push(Function {
            name: item.sig.ident.to_string(),
            self_type: None,
            in_trait_impl: false,
        });
        syn::visit::visit_item_fn(self, item);
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let self_type = match &*item.self_ty {
            syn::Type::Path(path) => path
                .path
                .segments
                .last()
                .map(|segment| segment.ident.to_string())
                .unwrap_or_default(),
            other => other.to_token_stream().to_string(),
        };
        let self_type = self
            .mod_stack
            .iter()
            .chain([&self_type])
            .cloned()
            .collect::<Vec<_>>()
            .join("::");
        self.impl_stack.push((self_type, item.trait_.is_some()));
        syn::visit::visit_item_impl(self, item);
        self.impl_stack.pop();
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        let (self_type, in_trait_impl) = self.impl_stack.last().cloned().unwrap_or_default();
        self.found.push(Function {
            name: item.sig.ident.to_string(),
            self_type: Some(self_type),
            in_trait_impl,
        });
        syn::visit::visit_impl_item_fn(self, item);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        self.mod_stack.push(item.ident.to_string());
        syn::visit::visit_item_mod(self, item);
        self.mod_stack.pop();
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        self.suspicious
            .push(format!("macro item {}", item.mac.path.to_token_stream()));
        syn::visit::visit_item_macro(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.suspicious.push(format!("static {}", item.ident));
        syn::visit::visit_item_static(self, item);
    }

    fn visit_item_foreign_mod(&mut self, item: &'ast syn::ItemForeignMod) {
        self.suspicious
            .push(format!("extern block {}", item.to_token_stream()));
        syn::visit::visit_item_foreign_mod(self, item);
    }

    fn visit_item_extern_crate(&mut self, item: &'ast syn::ItemExternCrate) {
        self.suspicious.push(format!("extern crate {}", item.ident));
        syn::visit::visit_item_extern_crate(self, item);
    }

    fn visit_attribute(&mut self, attr: &'ast syn::Attribute) {
        // Attributes the emitter writes. `test`, `no_mangle`, `export_name`, `link_section`,
        // `ctor`-style constructors, `path` or `cfg_attr` tricks would all be spec text.
        const ALLOWED: &[&str] = &[
            "doc",
            "derive",
            "serde",
            "must_use",
            "non_exhaustive",
            "rustfmt::skip",
            "allow",
            "warn",
            "expect",
            "default",
        ];
        let path = attr
            .path()
            .segments
            .iter()
            .map(|segment| segment.ident.to_string())
            .collect::<Vec<_>>()
            .join("::");
        // The one `cfg` the runtime writes: its optional `tracing` feature, on or off.
        let tokens = attr.to_token_stream().to_string();
        let tracing_cfg = [
            "# [cfg (feature = \"tracing\")]",
            "# [cfg (not (feature = \"tracing\"))]",
        ]
        .contains(&tokens.as_str());
        if !ALLOWED.contains(&path.as_str()) && !tracing_cfg {
            self.suspicious.push(format!("attribute {tokens}"));
        }
        syn::visit::visit_attribute(self, attr);
    }

    fn visit_expr_macro(&mut self, expr: &'ast syn::ExprMacro) {
        check_macro(&expr.mac, &mut self.suspicious);
        syn::visit::visit_expr_macro(self, expr);
    }

    fn visit_stmt_macro(&mut self, stmt: &'ast syn::StmtMacro) {
        check_macro(&stmt.mac, &mut self.suspicious);
        syn::visit::visit_stmt_macro(self, stmt);
    }
}

/// Macros the emitter calls; anything else (`include!`, `env!`, `asm!`) would be spec text.
fn check_macro(mac: &syn::Macro, suspicious: &mut Vec<String>) {
    const ALLOWED: &[&str] = &[
        "format",
        "write",
        "vec",
        "matches",
        "concat",
        // The runtime's spans and events behind the `tracing` feature.
        "tracing :: info_span",
        "tracing :: debug",
    ];
    let name = mac.path.to_token_stream().to_string();
    if !ALLOWED.contains(&name.as_str()) {
        suspicious.push(format!("macro call {name}!"));
    }
}

/// The identifiers the naming module derives from the spec's wire names and titles: each
/// operation's method, and the setters of its query parameters and headers (with any
/// collision suffix `_2`, `_3`, … the namespaces add).
fn predicted_from_spec(api: &courier::ir::Api) -> BTreeSet<String> {
    use courier::naming::{snake_ident, words};
    let mut predicted = BTreeSet::new();
    for op in &api.operations {
        predicted.insert(snake_ident(&op.name, "operation"));
        let setters = op
            .params
            .iter()
            .filter(|param| param.location != courier::ir::Location::Path);
        for param in setters {
            predicted.insert(snake_ident(&words(&param.wire_name), "param"));
        }
    }
    predicted
}

/// `name` without a collision suffix (`user_id_3` → `user_id`, `type_2` → `type_`).
fn unsuffixed(name: &str) -> String {
    match name.rsplit_once('_') {
        Some((stem, digits))
            if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) =>
        {
            let keyword_escape = format!("{stem}_");
            if courier::naming::is_keyword(stem) {
                keyword_escape
            } else {
                stem.to_owned()
            }
        }
        _ => name.to_owned(),
    }
}

#[test]
fn every_function_is_one_the_ir_predicts() {
    let generated = generate(&hostile_spec());
    let predicted = predicted_from_spec(&generated.api);
    let runtime = runtime_functions();
    let mut problems = Vec::new();
    for (path, file) in rust_files(&generated) {
        let mut functions = Functions::default();
        functions.visit_file(&file);
        problems.extend(
            functions
                .suspicious
                .iter()
                .map(|what| format!("{path}: {what}")),
        );
        for function in functions.found {
            let name = &function.name;
            let known = if path == "src/runtime.rs" {
                runtime.contains(name)
            } else if function.self_type.is_none() {
                // Free functions exist only in the runtime.
                false
            } else if function.in_trait_impl {
                FIXED_METHODS.contains(&name.as_str())
            } else {
                let known = |name: &str| {
                    FIXED_METHODS.contains(&name)
                        || predicted.contains(name)
                        || predicted.contains(&unsuffixed(name))
                };
                known(name)
                    || ["authorize_", "set_"].iter().any(|prefix| {
                        // `set_self` sets the parameter named `self_`.
                        name.strip_prefix(prefix).is_some_and(|setter| {
                            known(setter)
                                || known(&unsuffixed(setter))
                                || known(&format!("{setter}_"))
                        })
                    })
            };
            if !known {
                problems.push(format!("{path}: unexpected function {function:?}"));
            }
            if name == "main" {
                problems.push(format!("{path}: a `main` function"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

/// The checks above flag what they should: a free function, an unknown method, a test
/// attribute, an `include!`.
#[test]
fn the_function_check_catches_what_it_should() {
    let file: syn::File = syn::parse_str(
        r#"
        fn main() {}
        impl Client { fn exit_now(&self) { include!("x"); } }
        #[test] fn t() {}
        static S: u8 = 0;
        "#,
    )
    .unwrap();
    let mut functions = Functions::default();
    functions.visit_file(&file);
    let names: Vec<_> = functions.found.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["main", "exit_now", "t"]);
    assert_eq!(functions.found[1].self_type.as_deref(), Some("Client"));
    assert_eq!(functions.suspicious.len(), 3, "{:?}", functions.suspicious);
    assert!(!FIXED_METHODS.contains(&"exit_now"));
}

/// Every identifier and literal token of a token stream, recursively.
fn tokens(stream: TokenStream, idents: &mut Vec<String>, literals: &mut Vec<String>) {
    for tree in stream {
        match tree {
            TokenTree::Ident(ident) => idents.push(ident.to_string()),
            TokenTree::Literal(literal) => literals.push(literal.to_string()),
            TokenTree::Group(group) => tokens(group.stream(), idents, literals),
            TokenTree::Punct(_) => {}
        }
    }
}

/// The payloads in the fixture (`std::process::exit(1)`, `<script>alert(1)</script>`, fenced
/// `fn main`) would show up as these identifiers if any spec text escaped a string literal or
/// doc attribute.
#[test]
fn spec_payloads_appear_only_inside_literals() {
    const PAYLOAD_IDENTS: &[&str] = &[
        "exit",
        "process",
        "alert",
        "main",
        "indented",
        "also",
        "script",
        "onerror",
        "javascript",
        "evil_fn",
    ];
    let generated = generate(&hostile_spec());
    let mut problems = Vec::new();
    let mut literal_count = 0;
    for (path, file) in rust_files(&generated) {
        let (mut idents, mut literals) = (Vec::new(), Vec::new());
        tokens(file.to_token_stream(), &mut idents, &mut literals);
        for ident in &idents {
            if PAYLOAD_IDENTS.contains(&ident.as_str()) {
                problems.push(format!("{path}: identifier `{ident}`"));
            }
            if ident.starts_with("r#") {
                problems.push(format!("{path}: raw identifier `{ident}`"));
            }
        }
        literal_count += literals
            .iter()
            .filter(|literal| literal.contains("process::exit"))
            .count();
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // The payloads did reach the output — as escaped string literals (wire names, docs).
    assert!(
        literal_count > 0,
        "the fixture's payloads never reached the output"
    );

    // The generated package builds no doctests and has no build script or binary.
    let manifest = generated.file("Cargo.toml").expect("Cargo.toml");
    assert!(manifest.contains("doctest = false"), "{manifest}");
    for forbidden in [
        "build =",
        "[[bin]]",
        "[[test]]",
        "[[example]]",
        "proc-macro",
    ] {
        assert!(!manifest.contains(forbidden), "{forbidden} in\n{manifest}");
    }
    for file in &generated.files {
        assert!(
            file.path == "Cargo.toml"
                || file.path == "README.md"
                || (file.path.starts_with("src/") && file.path.ends_with(".rs")),
            "unexpected generated file {}",
            file.path
        );
    }
}

// ---------------------------------------------------------------------------------------------
// (b) Every doc fence is ```text
// ---------------------------------------------------------------------------------------------

/// The doc text of every item, one string per run of `#[doc]` attributes.
#[derive(Default)]
struct Docs {
    blocks: Vec<String>,
}

impl Docs {
    fn collect(&mut self, attrs: &[syn::Attribute]) {
        let lines: Vec<String> = attrs
            .iter()
            .filter_map(|attr| match &attr.meta {
                syn::Meta::NameValue(nv) if nv.path.is_ident("doc") => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(text),
                        ..
                    }) => Some(text.value()),
                    other => Some(format!("<non-literal doc {}>", other.to_token_stream())),
                },
                _ => None,
            })
            .collect();
        if !lines.is_empty() {
            self.blocks.push(lines.join("\n"));
        }
    }
}

impl<'ast> Visit<'ast> for Docs {
    fn visit_file(&mut self, file: &'ast syn::File) {
        self.collect(&file.attrs);
        syn::visit::visit_file(self, file);
    }
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => {
                syn::visit::visit_item(self, item);
                return;
            }
        };
        self.collect(attrs);
        syn::visit::visit_item(self, item);
    }
    fn visit_field(&mut self, field: &'ast syn::Field) {
        self.collect(&field.attrs);
        syn::visit::visit_field(self, field);
    }
    fn visit_variant(&mut self, variant: &'ast syn::Variant) {
        self.collect(&variant.attrs);
        syn::visit::visit_variant(self, variant);
    }
    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.collect(&item.attrs);
        syn::visit::visit_impl_item_fn(self, item);
    }
    fn visit_impl_item_const(&mut self, item: &'ast syn::ImplItemConst) {
        self.collect(&item.attrs);
        syn::visit::visit_impl_item_const(self, item);
    }
}

/// Problems with one doc block: a fence whose info string is not `text`, an unclosed fence,
/// a character rustc or a terminal would misread.
fn doc_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let mut open: Option<(char, usize)> = None;
    for line in text.lines() {
        let trimmed = line.trim_start();
        let fence_char = trimmed.chars().next().filter(|c| matches!(c, '`' | '~'));
        let run = fence_char.map_or(0, |c| trimmed.chars().take_while(|&x| x == c).count());
        match (open, fence_char) {
            (Some((c, len)), Some(f))
                if f == c && run >= len && trimmed.trim() == c.to_string().repeat(run) =>
            {
                open = None;
            }
            (None, Some(f)) if run >= 3 => {
                let info = trimmed.get(run..).unwrap_or_default().trim();
                if f == '`' && info.contains('`') {
                    continue; // an inline code span, not a fence
                }
                if f != '`' || info != "text" {
                    problems.push(format!("fence {trimmed:?} is not ```text"));
                }
                open = Some((f, run));
            }
            _ => {}
        }
    }
    if open.is_some() {
        problems.push("unclosed fence".to_owned());
    }
    problems.extend(indented_code_blocks(text));
    for c in text.chars() {
        if (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200B}'..='\u{200F}')
        {
            problems.push(format!("character U+{:04X}", u32::from(c)));
        }
    }
    problems
}

/// Lines rustdoc would read as an indented code block (a doctest when the code is included into
/// a crate that runs doctests): after rustdoc's unindent, four or more spaces beyond the
/// enclosing list item's content, after a blank line, outside fences.
fn indented_code_blocks(text: &str) -> Vec<String> {
    let lines: Vec<&str> = text.lines().collect();
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let common = lines
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| indent(line))
        .min()
        .unwrap_or(0);
    let mut problems = Vec::new();
    let (mut in_fence, mut list_indent, mut previous_blank) = (false, 0, true);
    for line in &lines {
        let line = line.get(common..).unwrap_or("");
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            previous_blank = false;
            continue;
        }
        if in_fence {
            continue;
        }
        if trimmed.is_empty() {
            previous_blank = true;
            continue;
        }
        let spaces = indent(line);
        if spaces == 0 {
            list_indent = if trimmed.starts_with("* ") || trimmed.starts_with("- ") {
                2
            } else {
                0
            };
        }
        if previous_blank && spaces >= list_indent + 4 {
            problems.push(format!("indented code block {line:?}"));
        }
        previous_blank = false;
    }
    problems
}

#[test]
fn every_doc_fence_is_text() {
    let generated = generate(&hostile_spec());
    let mut problems = Vec::new();
    let mut fences = 0;
    for (path, file) in rust_files(&generated) {
        let mut docs = Docs::default();
        docs.visit_file(&file);
        for block in &docs.blocks {
            fences += block.matches("```text").count();
            for problem in doc_problems(block) {
                problems.push(format!("{path}: {problem} in\n{block}\n"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    assert!(fences > 0, "the fixture's fences never reached the docs");
}

#[test]
fn the_fence_check_catches_what_it_should() {
    assert!(doc_problems(" ```text\n code\n ```").is_empty());
    assert!(doc_problems(" `` ``` `` inline").is_empty());
    assert!(!doc_problems(" ```rust\n fn main() {}\n ```").is_empty());
    assert!(!doc_problems(" ```\n fn main() {}\n ```").is_empty());
    assert!(!doc_problems(" ~~~\n fn main() {}\n ~~~").is_empty());
    assert!(!doc_problems(" ```text\n never closed").is_empty());
    assert!(!doc_problems(" bidi \u{202E}").is_empty());
    assert!(!doc_problems(" a\n\n     std::process::exit(0)").is_empty());
    assert!(doc_problems(" a\n     std::process::exit(0)").is_empty());
    assert!(doc_problems(" * `a`: one\n\n     two").is_empty());
    assert!(!doc_problems(" * `a`: one\n\n       two").is_empty());
}

/// Wire names and example values reach setter docs without the cleaning descriptions get: a
/// blank line followed by an indented line becomes an indented code block — a doctest wherever
/// the client is `include!`d into a crate that runs doctests.
#[test]
fn wire_names_and_examples_never_become_code_blocks() {
    let payload = "x\n\n    std::process::exit(0)\n\ny";
    let collection = serde_json::json!({
        "info": {"name": "Docs", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "item": [{
            "name": "get",
            "request": {
                "method": "POST",
                "url": {"raw": "https://e.invalid/x", "host": ["e", "invalid"], "path": ["x"],
                        "query": [{"key": payload, "value": payload}]},
                "header": [{"key": "X-A", "value": payload}],
                "body": {"mode": "raw", "raw": serde_json::json!({payload: 1}).to_string()}
            },
            "response": [{"name": payload, "code": 404, "status": payload, "body": ""}]
        }]
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("docs.postman.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let mut problems = Vec::new();
    for (file, parsed) in rust_files(&generate(&path)) {
        let mut docs = Docs::default();
        docs.visit_file(&parsed);
        for block in &docs.blocks {
            for problem in doc_problems(block) {
                problems.push(format!("{file}: {problem} in\n{block}\n"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

// ---------------------------------------------------------------------------------------------
// (c) Determinism
// ---------------------------------------------------------------------------------------------

/// The lorem-ipsum vocabulary openapi-to-postman draws example values from (a subset).
const LOREM: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "elit",
    "sed",
    "do",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "ad",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "aliquip",
    "ex",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "in",
    "reprehenderit",
    "voluptate",
    "velit",
    "esse",
];

/// `text` with every lorem word replaced by another, when the whole text is lorem words.
fn other_lorem(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(' ').collect();
    let replaced: Option<Vec<&str>> = words
        .iter()
        .map(|word| {
            let index = LOREM.iter().position(|lorem| lorem == word)?;
            Some(LOREM[(index + 7) % LOREM.len()])
        })
        .collect();
    replaced.map(|words| words.join(" "))
}

/// Replaces lorem-ipsum example values: `value` strings, and string values inside the JSON
/// texts of raw bodies and saved response bodies.
fn replace_lorem(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(text) => match key {
            Some("value") => {
                if let Some(other) = other_lorem(text) {
                    *text = other;
                }
            }
            Some("raw" | "body") => {
                if let Ok(mut json) = serde_json::from_str::<Value>(text) {
                    replace_json_strings(&mut json);
                    *text = serde_json::to_string_pretty(&json).expect("serializes");
                }
            }
            _ => {}
        },
        Value::Array(items) => items.iter_mut().for_each(|item| replace_lorem(item, key)),
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                replace_lorem(v, Some(k.as_str()));
            }
        }
        _ => {}
    }
}

fn replace_json_strings(value: &mut Value) {
    match value {
        Value::String(text) => {
            if let Some(other) = other_lorem(text) {
                *text = other;
            }
        }
        Value::Array(items) => items.iter_mut().for_each(replace_json_strings),
        Value::Object(map) => map.values_mut().for_each(replace_json_strings),
        _ => {}
    }
}

/// Reorders the items of every folder (reversed, then rotated by one).
fn shuffle_items(value: &mut Value) {
    if let Value::Object(map) = value
        && let Some(Value::Array(items)) = map.get_mut("item")
    {
        items.reverse();
        if items.len() > 2 {
            items.rotate_left(1);
        }
        items.iter_mut().for_each(shuffle_items);
    }
}

/// Generates from `value` written as `hostile.postman.json` (the file name reaches the docs)
/// in a fresh folder below `dir`.
fn generate_from(value: &Value, dir: &Path, name: &str) -> BTreeMap<String, String> {
    let dir = dir.join(name);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("hostile.postman.json");
    std::fs::write(
        &path,
        serde_json::to_string_pretty(value).expect("serializes"),
    )
    .unwrap();
    generate(&path)
        .files
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect()
}

fn assert_same(expected: &BTreeMap<String, String>, actual: &BTreeMap<String, String>, what: &str) {
    assert_eq!(
        expected.keys().collect::<Vec<_>>(),
        actual.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (path, contents) in expected {
        if contents != &actual[path] {
            let diff = expected[path]
                .lines()
                .zip(actual[path].lines())
                .enumerate()
                .find(|(_, (a, b))| a != b)
                .map(|(line, (a, b))| format!("line {}:\n- {a}\n+ {b}", line + 1))
                .unwrap_or_else(|| "lengths differ".to_owned());
            panic!("{what}: {path} differs; first difference at {diff}");
        }
    }
}

fn hostile_value() -> Value {
    let text = std::fs::read_to_string(hostile_spec()).expect("fixture exists");
    serde_json::from_str(&text).expect("fixture is JSON")
}

#[test]
fn output_is_identical_across_runs() {
    let first = generate(&hostile_spec());
    let second = generate(&hostile_spec());
    assert_eq!(first.files, second.files);
}

#[test]
fn output_does_not_depend_on_item_order() {
    let dir = tempfile::tempdir().unwrap();
    let original = hostile_value();
    let mut shuffled = original.clone();
    shuffle_items(&mut shuffled);
    assert_ne!(original, shuffled, "the shuffle changed nothing");
    assert_same(
        &generate_from(&original, dir.path(), "original"),
        &generate_from(&shuffled, dir.path(), "shuffled"),
        "items reordered within folders",
    );
}

#[test]
fn output_does_not_depend_on_lorem_ipsum_examples() {
    let dir = tempfile::tempdir().unwrap();
    let original = hostile_value();
    let mut replaced = original.clone();
    replace_lorem(&mut replaced, None);
    assert_ne!(original, replaced, "no lorem-ipsum value was replaced");
    let mut reference = original.clone();
    // Same re-serialization of JSON texts as the replaced copy, without the replacement.
    reserialize_json_texts(&mut reference, None);
    assert_same(
        &generate_from(&reference, dir.path(), "original"),
        &generate_from(&replaced, dir.path(), "lorem"),
        "lorem-ipsum example values replaced",
    );
}

fn reserialize_json_texts(value: &mut Value, key: Option<&str>) {
    match value {
        Value::String(text) if matches!(key, Some("raw" | "body")) => {
            if let Ok(json) = serde_json::from_str::<Value>(text) {
                *text = serde_json::to_string_pretty(&json).expect("serializes");
            }
        }
        Value::Array(items) => items
            .iter_mut()
            .for_each(|item| reserialize_json_texts(item, key)),
        Value::Object(map) => {
            for (k, v) in map.iter_mut() {
                reserialize_json_texts(v, Some(k.as_str()));
            }
        }
        _ => {}
    }
}

// ---------------------------------------------------------------------------------------------
// Names that collide with what the emitter itself defines
// ---------------------------------------------------------------------------------------------

/// A collection whose request names are the emitter's own names, checked at the syntax level:
/// no impl block defines a function twice, and no generated type shadows a prelude trait that
/// the generated code uses (`impl Into<String>`).
#[test]
fn emitter_names_are_reserved() {
    let names = [
        "authorize",
        "Into",
        "From",
        "Default",
        "Send",
        "Sync",
        "Sized",
        "Some",
        "Ok",
        "Drop",
        "request",
        "execute",
        "hook",
        "builder",
        "new",
        "client",
    ];
    let items: Vec<Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({
                "name": name,
                "request": {
                    "method": "GET",
                    "url": "{{baseUrl}}/x?q=1",
                    "header": [{"key": "X-A", "value": "b"}]
                }
            })
        })
        .collect();
    let collection = serde_json::json!({
        "info": {"name": "Names", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
        "auth": {"type": "bearer", "bearer": [{"key": "token", "value": "t"}]},
        "variable": [{"key": "baseUrl", "value": "https://e.invalid"}],
        "item": items,
    });
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.postman.json");
    std::fs::write(&path, collection.to_string()).unwrap();
    let generated = generate(&path);

    // Prelude items the generated code names unqualified.
    // (Brace structs do not occupy the value namespace, so `Some` or `Ok` would be harmless.)
    const PRELUDE: &[&str] = &["Into", "Option", "Result", "String", "Vec", "Box"];
    let mut problems = Vec::new();
    for (path, file) in rust_files(&generated) {
        let mut functions = Functions::default();
        functions.visit_file(&file);
        let mut seen = BTreeSet::new();
        for function in &functions.found {
            if function.self_type.is_some()
                && !function.in_trait_impl
                && !seen.insert((function.self_type.clone(), function.name.clone()))
            {
                problems.push(format!("{path}: {function:?} defined twice"));
            }
        }
        for item in &file.items {
            let ident = match item {
                syn::Item::Struct(item) => &item.ident,
                syn::Item::Enum(item) => &item.ident,
                syn::Item::Type(item) => &item.ident,
                syn::Item::Trait(item) => &item.ident,
                _ => continue,
            };
            if PRELUDE.contains(&ident.to_string().as_str()) {
                problems.push(format!("{path}: type `{ident}` shadows the prelude"));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
