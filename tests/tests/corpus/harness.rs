//! The corpus proof, shared by the Postman (`tests/corpus.rs`) and OpenAPI
//! (`tests/openapi_corpus.rs`) corpus tests: every description in a folder of
//! `../shared/corpus` generates a crate that compiles with `-D warnings`, enough of its
//! operations are emitted, every JSON example deserializes into the generated type for its
//! status and serializes back to the same JSON value, and clippy passes on the named crates.
//!
//! The third-party files are only read from there: the generated crates and a
//! `tests/examples.rs` per crate (which embeds the example bodies) go to a temporary
//! workspace, built by a nested cargo offline with the repository's lock file and a shared,
//! persistent target folder (`target/corpus`). Set `COURIER_CORPUS_KEEP=1` to keep the
//! temporary workspace for inspection.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use crate::common::cargo::Cargo;
use std::time::{Duration, Instant};

use courier::ir::{Api, BodyKind, TypeRef};

/// One corpus and its targets.
pub struct Corpus {
    /// The folder under `../shared/corpus`, searched recursively.
    pub folder: &'static str,
    /// File name endings of the descriptions, e.g. `.postman.json`; stripped for the stem.
    pub extensions: &'static [&'static str],
    /// What one file is called in the report (`collection`, `description`).
    pub noun: &'static str,
    /// What `count` counts (`requests`, `operations`).
    pub counted: &'static str,
    /// How many operations a file describes.
    pub count: fn(&Path) -> usize,
    /// At least this share of them must become operations.
    pub min_emitted: f64,
    /// The stem whose generation and check are timed.
    pub timed: &'static str,
    /// The stems clippy runs on.
    pub clippy: &'static [&'static str],
    /// Whether crates are named after their stems (titles repeat across the corpus).
    pub name_crates_by_stem: bool,
    /// The environment variable naming the file the figures are also written to.
    pub report_env: &'static str,
    /// Each example's body as it must survive the round trip, or why the example contradicts
    /// the description's own schema (it is then listed, not round-tripped).
    pub prepare: Prepare,
}

/// See [`Corpus::prepare`].
pub type Prepare = fn(&Path, &[courier::lower::Example]) -> Vec<Result<String, String>>;

/// Every file under `folder` whose name ends with one of `extensions`.
fn files(folder: &Path, extensions: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![folder.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if extensions
                .iter()
                .any(|extension| path.to_string_lossy().ends_with(extension))
            {
                out.push(path);
            }
        }
    }
    out
}

/// A crate folder name per file: its name without the extension, with the extension's kind
/// (`-yaml`) added where two files would share one.
fn stems(paths: &[PathBuf], extensions: &[&str]) -> Vec<String> {
    let base = |path: &PathBuf| {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let extension = extensions
            .iter()
            .find(|extension| name.ends_with(*extension))
            .copied()
            .unwrap_or_default();
        (name[..name.len() - extension.len()].to_owned(), extension)
    };
    let bases: Vec<(String, &str)> = paths.iter().map(base).collect();
    bases
        .iter()
        .map(|(stem, extension)| {
            let shared = bases.iter().filter(|(other, _)| other == stem).count() > 1;
            if shared && extension.ends_with(".yaml") {
                format!("{stem}-yaml")
            } else {
                stem.clone()
            }
        })
        .collect()
}

/// One description of the corpus.
struct Entry {
    /// File name without its extension; also the crate's folder in the workspace.
    stem: String,
    /// Operations the description has (requests of a collection).
    requests: usize,
    /// The generated crate, or why it could not be generated.
    generated: Result<Crate, String>,
}

/// A generated crate and what is known about it.
struct Crate {
    /// The package name.
    name: String,
    /// Operations emitted.
    operations: usize,
    /// Warnings of the generator.
    warnings: usize,
    /// JSON request and response bodies (and form bodies) with a precise type.
    typed_bodies: usize,
    /// JSON bodies typed `serde_json::Value` (or arrays of it).
    value_bodies: usize,
    /// Time `Builder::generate` took in this (debug) process.
    generate_time: Duration,
    /// Saved responses with a JSON body.
    examples: Vec<Case>,
    /// Whether `tests/examples.rs` was written (there are examples with a type).
    examples_test: bool,
    /// Whether the library compiled with `-D warnings`, and the first error if not.
    compiles: Result<(), String>,
}

/// One saved example and its outcome.
struct Case {
    location: String,
    /// What it is an example of: `status 201`, `schema #/components/schemas/Pet`.
    of: String,
    /// The generated type it must decode into, relative to the crate root.
    ty: Option<String>,
    outcome: Result<(), String>,
    /// Why the example contradicts its own schema, when it does (not round-tripped).
    contradicts: Option<String>,
}

/// Runs the corpus proof over `corpus`: generates, builds and round-trips, prints the
/// figures, writes them where `corpus.report_env` says, and fails on a missed target.
pub fn run(corpus: &Corpus) {
    let workspace = crate::common::workspace();
    let folder = workspace.join("../shared/corpus").join(corpus.folder);
    if !folder.is_dir() {
        crate::common::skipped(format_args!(
            "corpus test: {} is absent (the third-party descriptions live outside the \
             repository; see README)",
            folder.display()
        ));
        return;
    }
    let started = Instant::now();
    let mut collections: Vec<PathBuf> = files(&folder, corpus.extensions);
    collections.sort();
    assert!(!collections.is_empty(), "{} is empty", folder.display());
    let stems = stems(&collections, corpus.extensions);

    let temp = tempfile::Builder::new()
        .prefix("courier-corpus-")
        .tempdir()
        .unwrap();
    let root = temp.path().to_path_buf();
    std::fs::create_dir(root.join("results")).unwrap();
    std::fs::write(root.join("roundtrip.rs"), include_str!("roundtrip.rs")).unwrap();

    // Generate every crate with its examples test.
    let mut entries: Vec<Entry> = collections
        .iter()
        .zip(&stems)
        .map(|(path, stem)| generate(corpus, path, stem, &root))
        .collect();
    let mut names = BTreeSet::new();
    for entry in &entries {
        if let Ok(krate) = &entry.generated {
            assert!(
                names.insert(krate.name.clone()),
                "two descriptions generate the crate name {}",
                krate.name
            );
        }
    }

    // One workspace of every generated crate, built together.
    let members: Vec<&str> = entries
        .iter()
        .filter(|entry| entry.generated.is_ok())
        .map(|entry| entry.stem.as_str())
        .collect();
    let cargo = Cargo::workspace(
        &root,
        "Corpus crates generated by courier's corpus test.",
        &members,
    );
    // Every crate: `cargo check` with `-D warnings`. Then the examples tests, built (with the
    // libraries they need) for the crates that have examples, and run directly, so no cargo
    // call selects a different subset of the workspace (which would rebuild dependencies with
    // other features).
    let build_started = Instant::now();
    let check = cargo.run(&[
        "check",
        "--workspace",
        "--keep-going",
        "--message-format=json",
    ]);
    let mut built = parse_build(&check, &root);
    if entries.iter().any(|entry| {
        entry
            .generated
            .as_ref()
            .is_ok_and(|krate| krate.examples_test)
    }) {
        let build = cargo.run(&[
            "build",
            "--workspace",
            "--test",
            "examples",
            "--keep-going",
            "--message-format=json",
        ]);
        let tests = parse_build(&build, &root);
        built.tests = tests.tests;
        built.errors.extend(
            tests
                .errors
                .into_iter()
                .filter(|((_, kind), _)| kind == "test"),
        );
    }
    let build_time = build_started.elapsed();
    for (stem, executable) in &built.tests {
        // Each writes results/{stem}; failures are read from there.
        Command::new(executable)
            .current_dir(root.join(stem))
            .output()
            .expect("the examples test runs");
    }

    for entry in &mut entries {
        let Ok(krate) = &mut entry.generated else {
            continue;
        };
        let lib_error = built.errors.get(&(entry.stem.clone(), "lib".to_owned()));
        krate.compiles = if built.libs.contains(&entry.stem) && lib_error.is_none() {
            Ok(())
        } else {
            Err(lib_error.cloned().unwrap_or_else(|| {
                format!(
                    "the library was not checked:\n{}",
                    first_error(&String::from_utf8_lossy(&check.stderr))
                )
            }))
        };
        let results =
            std::fs::read_to_string(root.join("results").join(&entry.stem)).unwrap_or_default();
        let mut outcomes: BTreeMap<usize, Result<(), String>> = BTreeMap::new();
        for line in results.lines() {
            let mut parts = line.splitn(3, '\t');
            let index = parts.next().and_then(|index| index.parse().ok());
            let outcome = match (parts.next(), parts.next()) {
                (Some("ok"), _) => Ok(()),
                (_, reason) => Err(reason.unwrap_or("malformed result line").to_owned()),
            };
            if let Some(index) = index {
                outcomes.insert(index, outcome);
            }
        }
        let test_error = built.errors.get(&(entry.stem.clone(), "test".to_owned()));
        for (index, case) in krate.examples.iter_mut().enumerate() {
            if case.ty.is_none() || case.contradicts.is_some() {
                continue; // already failed (no JSON type for its status), or not run
            }
            case.outcome = match (outcomes.remove(&index), &krate.compiles, test_error) {
                (Some(outcome), _, _) => outcome,
                (None, Err(_), _) => Err("the crate does not compile".to_owned()),
                (None, Ok(()), Some(error)) => {
                    Err(format!("tests/examples.rs does not compile: {error}"))
                }
                (None, Ok(()), None) => Err("no result recorded".to_owned()),
            };
        }
    }

    // Zoom: how long checking the crate takes again once everything is built (after touching
    // its `src/lib.rs`; every other crate is fresh), and clippy.
    let zoom = entries
        .iter()
        .find(|entry| entry.stem == corpus.timed)
        .and_then(|entry| entry.generated.as_ref().ok());
    let mut zoom_check = None;
    if let Some(zoom) = zoom.filter(|zoom| zoom.compiles.is_ok()) {
        std::fs::File::options()
            .append(true)
            .open(root.join(corpus.timed).join("src/lib.rs"))
            .unwrap()
            .set_modified(std::time::SystemTime::now())
            .unwrap();
        let check_started = Instant::now();
        let check = cargo.run(&["check", "--workspace"]);
        zoom_check = check.status.success().then(|| check_started.elapsed());
        let _ = zoom;
    }
    // clippy on the named crates, in one run.
    let linted: Vec<&Entry> = corpus
        .clippy
        .iter()
        .filter_map(|stem| entries.iter().find(|entry| entry.stem == *stem))
        .collect();
    let clippy: Result<(), String> = if linted.len() != corpus.clippy.len() {
        Err(format!("not all of {:?} are in the corpus", corpus.clippy))
    } else if let Some(entry) = linted.iter().find(|entry| {
        entry
            .generated
            .as_ref()
            .map_or(true, |krate| krate.compiles.is_err())
    }) {
        Err(format!("{} does not compile", entry.stem))
    } else {
        let mut args = vec!["clippy"];
        for entry in &linted {
            if let Ok(krate) = &entry.generated {
                args.extend(["-p", krate.name.as_str()]);
            }
        }
        args.extend(["--", "-D", "warnings"]);
        let output = cargo.run(&args);
        if output.status.success() {
            Ok(())
        } else {
            Err(first_error(&String::from_utf8_lossy(&output.stderr)))
        }
    };
    let timings = Timings {
        zoom_generate: zoom.map(|zoom| zoom.generate_time),
        zoom_check,
        build: build_time,
        total: started.elapsed(),
    };
    let (report, failures) = report(corpus, &entries, &clippy, &timings);
    println!("{report}");
    if let Ok(path) = std::env::var(corpus.report_env) {
        let path = workspace.join(path);
        std::fs::write(&path, &report).unwrap();
        println!("figures written to {}", path.display());
    }
    if std::env::var_os("COURIER_CORPUS_KEEP").is_some() {
        println!("workspace kept at {}", temp.keep().display());
    }
    assert!(
        failures.is_empty(),
        "the corpus misses its targets:\n{}",
        failures.join("\n")
    );
}

/// What an example is of, for messages.
fn what_of(of: &courier::lower::ExampleOf) -> String {
    match of {
        courier::lower::ExampleOf::Response { status, .. } => format!("status {status}"),
        courier::lower::ExampleOf::Schema { schema, .. } => format!("schema {schema}"),
    }
}

/// Generates the crate of one description into `root/{stem}`, with `tests/examples.rs`.
fn generate(corpus: &Corpus, path: &Path, stem: &str, root: &Path) -> Entry {
    let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
    let stem = stem.to_owned();
    let requests = (corpus.count)(path);
    // With the example calls, so that they too compile warning-free on every real input.
    let mut builder = courier::Builder::new(path).with_examples(true);
    if corpus.name_crates_by_stem {
        builder = builder.with_crate_name(format!("corpus-{}", stem.replace(['.', '_'], "-")));
    }
    let generated = (|| -> Result<Crate, String> {
        let generate_started = Instant::now();
        let generated = builder.generate().map_err(|error| error.to_string())?;
        let generate_time = generate_started.elapsed();
        let examples = builder.lower().map_err(|error| error.to_string())?.examples;
        let dir = root.join(&stem);
        generated
            .write_to(&dir)
            .map_err(|error| error.to_string())?;

        let of: Vec<courier::lower::ExampleOf> =
            examples.iter().map(|example| example.of.clone()).collect();
        let types = courier::emit::example_types(&generated.api, &of);
        let lib = generated.crate_name.replace('-', "_");
        let results = root.join("results").join(&stem);
        let mut test = format!(
            "//! Round trips of the saved JSON examples of `{file_name}` through the generated \
             types (written by courier's corpus test).\n\n\
             #[allow(dead_code)]\n#[path = \"../../roundtrip.rs\"]\nmod roundtrip;\n\n\
             #[test]\nfn saved_examples_round_trip() {{\n    \
             let mut results = roundtrip::Results::default();\n"
        );
        let mut cases = Vec::new();
        let prepared = (corpus.prepare)(path, &examples);
        for (index, ((example, ty), body)) in examples.iter().zip(types).zip(prepared).enumerate() {
            let (body, contradicts) = match body {
                Ok(body) => (Some(body), None),
                Err(reason) => (None, Some(reason)),
            };
            if let (Some(ty), Some(body)) = (&ty, &body) {
                writeln!(
                    test,
                    "    // {}\n    results.check::<{}>({index}, {});",
                    example.location,
                    qualify(ty, &lib),
                    rust_str_literal(body)
                )
                .unwrap();
            }
            let outcome = match (&ty, &contradicts) {
                (_, Some(_)) => Ok(()),
                (Some(_), None) => Err("not run".to_owned()),
                (None, None) => Err(format!(
                    "the generated crate has no JSON type for {}",
                    what_of(&example.of)
                )),
            };
            cases.push(Case {
                location: example.location.clone(),
                of: what_of(&example.of),
                ty,
                outcome,
                contradicts,
            });
        }
        writeln!(
            test,
            "    results.finish({:?});\n}}",
            results.to_string_lossy()
        )
        .unwrap();
        let examples_test = cases
            .iter()
            .any(|case| case.ty.is_some() && case.contradicts.is_none());
        if examples_test {
            std::fs::create_dir_all(dir.join("tests")).map_err(|error| error.to_string())?;
            std::fs::write(dir.join("tests/examples.rs"), test)
                .map_err(|error| error.to_string())?;
        }

        let (typed_bodies, value_bodies) = count_bodies(&generated.api);
        Ok(Crate {
            name: generated.crate_name.clone(),
            operations: generated.api.operations.len(),
            warnings: generated.warnings.len(),
            typed_bodies,
            value_bodies,
            generate_time,
            examples: cases,
            examples_test,
            compiles: Err("not built".to_owned()),
        })
    })();
    Entry {
        stem,
        requests,
        generated,
    }
}

/// (typed, `serde_json::Value`) among JSON request bodies, form bodies and JSON response bodies.
pub fn count_bodies(api: &Api) -> (usize, usize) {
    fn is_value(ty: &TypeRef) -> bool {
        match ty {
            TypeRef::Any => true,
            TypeRef::Array(inner) => is_value(inner),
            _ => false,
        }
    }
    let mut bodies = Vec::new();
    for operation in &api.operations {
        // The preferred content of each body, as the builders send it.
        match operation
            .body
            .as_ref()
            .and_then(|body| body.contents.first())
        {
            Some(content) if content.kind == BodyKind::Json => bodies.push(is_value(&content.ty)),
            Some(content) if matches!(content.kind, BodyKind::Multipart | BodyKind::UrlEncoded) => {
                bodies.push(false)
            }
            _ => {}
        }
        for response in &operation.responses {
            if let Some(content) = response
                .contents
                .iter()
                .find(|content| content.kind == BodyKind::Json)
            {
                bodies.push(is_value(&content.ty));
            }
        }
    }
    let values = bodies.iter().filter(|value| **value).count();
    (bodies.len() - values, values)
}

/// Whether a type path is `serde_json::Value` or (nested) `Vec`s of it.
pub fn is_value_path(ty: &str) -> bool {
    let mut ty = ty;
    while let Some(inner) = ty.strip_prefix("Vec<").and_then(|ty| ty.strip_suffix('>')) {
        ty = inner;
    }
    ty == "serde_json::Value"
}

/// `types::X` (relative to the generated crate's root) as a path from outside the crate.
pub fn qualify(ty: &str, lib: &str) -> String {
    let mut out = String::new();
    let mut previous: Option<char> = None;
    for (index, c) in ty.char_indices() {
        let at_path_start = previous
            .is_none_or(|previous| !(previous.is_alphanumeric() || "_:".contains(previous)));
        let rest = &ty[index..];
        if at_path_start && (rest.starts_with("types::") || rest.starts_with("runtime::")) {
            out.push_str(lib);
            out.push_str("::");
        }
        out.push(c);
        previous = Some(c);
    }
    out
}

/// `text` as a Rust string literal: raw when it can be (with enough `#`s), escaped when it
/// holds characters a raw literal cannot carry (CR, other controls, bidi overrides).
pub fn rust_str_literal(text: &str) -> String {
    let awkward = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || ('\u{202A}'..='\u{202E}').contains(&c)
            || ('\u{2066}'..='\u{2069}').contains(&c)
    };
    if !text.chars().any(awkward) {
        let mut hashes = "#".to_owned();
        while text.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        return format!("r{hashes}\"{text}\"{hashes}");
    }
    let mut literal = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => literal.push_str("\\\""),
            '\\' => literal.push_str("\\\\"),
            '\n' => literal.push_str("\\n"),
            ' ' => literal.push(' '),
            c if c.is_ascii_graphic() => literal.push(c),
            c => write!(literal, "\\u{{{:x}}}", c as u32).unwrap(),
        }
    }
    literal.push('"');
    literal
}

/// What `cargo build --message-format=json` built and the first error per (crate folder,
/// target kind).
#[derive(Default)]
struct Built {
    libs: BTreeSet<String>,
    /// The examples test executable of each crate folder.
    tests: BTreeMap<String, PathBuf>,
    errors: BTreeMap<(String, String), String>,
}

fn parse_build(output: &Output, root: &Path) -> Built {
    let mut built = Built::default();
    let stdout = String::from_utf8_lossy(&output.stdout);
    for line in stdout.lines().filter(|line| line.starts_with('{')) {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(stem) = message["manifest_path"]
            .as_str()
            .and_then(|manifest| Path::new(manifest).strip_prefix(root).ok())
            .and_then(|relative| relative.iter().next())
            .map(|stem| stem.to_string_lossy().into_owned())
        else {
            continue;
        };
        let kind = message["target"]["kind"][0]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        match message["reason"].as_str() {
            Some("compiler-artifact") if kind == "lib" => {
                built.libs.insert(stem);
            }
            Some("compiler-artifact") if kind == "test" => {
                if let Some(executable) = message["executable"].as_str() {
                    built.tests.insert(stem, PathBuf::from(executable));
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                let rendered = message["message"]["rendered"].as_str().unwrap_or_default();
                built
                    .errors
                    .entry((stem, kind))
                    .or_insert_with(|| truncate(rendered, 1500));
            }
            _ => {}
        }
    }
    built
}

/// The first `error` paragraph of cargo's output.
fn first_error(stderr: &str) -> String {
    let start = stderr.find("error").unwrap_or(0);
    truncate(&stderr[start..], 1500)
}

fn truncate(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

struct Timings {
    zoom_generate: Option<Duration>,
    zoom_check: Option<Duration>,
    build: Duration,
    total: Duration,
}

/// The markdown report, and every missed target.
fn report(
    corpus: &Corpus,
    entries: &[Entry],
    clippy: &Result<(), String>,
    timings: &Timings,
) -> (String, Vec<String>) {
    let zoom = corpus.timed;
    let noun = corpus.noun;
    let linted = corpus
        .clippy
        .iter()
        .map(|stem| format!("`{stem}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut failures = Vec::new();
    let mut out = String::new();
    out.push_str(&format!(
        "| {noun} | crate | {requests} | operations | compiles | typed bodies | `Value` bodies | JSON examples | contradict their schema | round-trip | of which as `Value` | generator warnings | generate (debug) |\n\
         |---|---|---:|---:|:---:|---:|---:|---:|---:|---:|---:|---:|---:|\n",
        requests = corpus.counted,
    ));
    let (mut requests, mut operations, mut generated, mut compiling) = (0, 0, 0, 0);
    let (mut typed, mut values, mut examples, mut round_tripped) = (0, 0, 0, 0);
    let (mut as_value, mut contradicting) = (0, 0);
    let mut contradictions = Vec::new();
    for entry in entries {
        requests += entry.requests;
        let krate = match &entry.generated {
            Ok(krate) => krate,
            Err(error) => {
                failures.push(format!("{}: does not generate: {error}", entry.stem));
                writeln!(
                    out,
                    "| `{}` | – | {} | – | no (does not generate) | – | – | – | – | – | – | – | – |",
                    entry.stem, entry.requests
                )
                .unwrap();
                continue;
            }
        };
        generated += 1;
        operations += krate.operations;
        typed += krate.typed_bodies;
        values += krate.value_bodies;
        examples += krate.examples.len();
        let contradict = krate
            .examples
            .iter()
            .filter(|case| case.contradicts.is_some())
            .count();
        contradicting += contradict;
        for case in &krate.examples {
            if let Some(reason) = &case.contradicts {
                contradictions.push(format!("`{}` {}: {reason}", entry.stem, case.location));
            }
        }
        let checked = krate.examples.len() - contradict;
        let ok = krate
            .examples
            .iter()
            .filter(|case| case.outcome.is_ok() && case.contradicts.is_none())
            .count();
        round_tripped += ok;
        let value_examples = krate
            .examples
            .iter()
            .filter(|case| case.ty.as_deref().is_some_and(is_value_path))
            .count();
        as_value += value_examples;
        match &krate.compiles {
            Ok(()) => compiling += 1,
            Err(error) => failures.push(format!(
                "{}: crate {} does not compile with -D warnings:\n{error}",
                entry.stem, krate.name
            )),
        }
        for case in &krate.examples {
            if let Err(reason) = &case.outcome {
                failures.push(format!(
                    "{}: example {} ({}, type {}) does not round-trip: {reason}",
                    entry.stem,
                    case.location,
                    case.of,
                    case.ty.as_deref().unwrap_or("none")
                ));
            }
        }
        writeln!(
            out,
            "| `{}` | `{}` | {} | {} | {} | {} | {} | {} | {contradict} | {ok}/{checked} | {value_examples} | {} | {} ms |",
            entry.stem,
            krate.name,
            entry.requests,
            krate.operations,
            if krate.compiles.is_ok() {
                "yes"
            } else {
                "**no**"
            },
            krate.typed_bodies,
            krate.value_bodies,
            krate.examples.len(),
            krate.warnings,
            krate.generate_time.as_millis()
        )
        .unwrap();
    }
    let emitted = operations as f64 / requests.max(1) as f64;
    writeln!(
        out,
        "| **total** | | {requests} | {operations} | {compiling}/{} | {typed} | {values} | {examples} | {contradicting} | {round_tripped}/{} | {as_value} | | |\n",
        entries.len(),
        examples - contradicting
    )
    .unwrap();
    let percent = |part: usize, whole: usize| 100.0 * part as f64 / whole.max(1) as f64;
    writeln!(
        out,
        "- {noun}s generated: **{generated}/{}**; crates compiling with `-D warnings`: **{compiling}/{}**",
        entries.len(),
        entries.len()
    )
    .unwrap();
    writeln!(
        out,
        "- operations emitted / {} in the {noun}s: **{operations}/{requests}** ({:.2}%)",
        corpus.counted,
        100.0 * emitted
    )
    .unwrap();
    writeln!(
        out,
        "- JSON bodies (requests, forms, responses) typed: **{typed}/{}** ({:.1}%); `serde_json::Value`: {values}",
        typed + values,
        percent(typed, typed + values)
    )
    .unwrap();
    writeln!(
        out,
        "- JSON examples that round-trip through their generated type: **{round_tripped}/{}** \
         ({as_value} of them through a `serde_json::Value` type); examples that contradict \
         their own schema, listed below and not round-tripped: {contradicting}",
        examples - contradicting
    )
    .unwrap();
    writeln!(
        out,
        "- clippy `-D warnings` on {linted}: {}",
        if clippy.is_ok() {
            "**clean**"
        } else {
            "**fails**"
        }
    )
    .unwrap();
    let millis = |duration: Option<Duration>| {
        duration.map_or("–".to_owned(), |duration| {
            format!("{:.2} s", duration.as_secs_f64())
        })
    };
    writeln!(
        out,
        "- `{zoom}`: generated in {} by this test's debug build; incremental `cargo check` after \
         touching its `src/lib.rs` (everything else built): {}",
        millis(timings.zoom_generate),
        millis(timings.zoom_check)
    )
    .unwrap();
    writeln!(
        out,
        "- checking every crate and building the examples tests: {:.0} s; the whole test: {:.0} s",
        timings.build.as_secs_f64(),
        timings.total.as_secs_f64()
    )
    .unwrap();

    if let Err(error) = clippy {
        failures.push(format!("{linted}: clippy -D warnings fails:\n{error}"));
    }
    if emitted < corpus.min_emitted {
        failures.push(format!(
            "only {operations} of {requests} {} became operations ({:.2}% < {:.0}%)",
            corpus.counted,
            100.0 * emitted,
            100.0 * corpus.min_emitted
        ));
    }
    if !contradictions.is_empty() {
        writeln!(
            out,
            "\n<details><summary>{} examples that contradict their own schema</summary>\n",
            contradictions.len()
        )
        .unwrap();
        for contradiction in &contradictions {
            writeln!(
                out,
                "- {}",
                truncate(&contradiction.replace('|', "\\|"), 300)
            )
            .unwrap();
        }
        writeln!(out, "\n</details>").unwrap();
    }
    if !failures.is_empty() {
        writeln!(out, "\n### Failures\n").unwrap();
        for failure in &failures {
            let first = failure.lines().next().unwrap_or_default();
            writeln!(out, "- {}", first.replace('|', "\\|")).unwrap();
        }
    }
    (out, failures)
}
