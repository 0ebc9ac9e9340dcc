//! The Postman fidelity harness: the same requests sent by newman (Postman's runtime, pinned)
//! and by the generated clients' example calls to one recording server on 127.0.0.1, compared
//! request by request. Every difference is either one of the reviewed deliberate differences
//! (`fidelity/compare.rs`, `DELIBERATE`) or a failure.
//!
//! - `specs_send_what_newman_sends`: every Postman collection in `specs/` (part of the README's
//!   test command; newman is installed into `target/newman` by `npm ci` when absent).
//! - `corpus_sends_what_newman_sends`: the 20 collections of `../shared/corpus/postman`, when
//!   `COURIER_FIDELITY_CORPUS=1` (`scripts/fidelity.sh` sets it and writes the figures into
//!   `docs/corpus.md`); otherwise it says it was skipped.
//!
//! `COURIER_FIDELITY_KEEP=1` keeps the temporary workspace (prepared collections, newman's
//! copies, generated crates) for inspection.

mod common;
#[path = "fidelity/compare.rs"]
mod compare;
#[path = "fidelity/newman.rs"]
mod newman;
#[path = "fidelity/prepare.rs"]
mod prepare;
#[path = "fidelity/recorder.rs"]
mod recorder;
#[path = "fidelity/runner.rs"]
mod runner;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::cargo::Cargo;
use compare::{DELIBERATE, Deliberate, Difference};
use recorder::{Recorded, Recorder};

/// What happened to one item.
enum Outcome {
    Equal,
    /// Every difference is deliberate.
    Listed(Vec<Difference>),
    Different(Vec<Difference>),
    /// One side sent nothing; why.
    Missing(String),
    /// newman itself cannot send the request (it fails before sending); not compared.
    NewmanCannot(String),
}

struct CollectionReport {
    stem: String,
    /// By item: its label and outcome.
    items: Vec<(String, String, Outcome)>,
    /// Why the whole collection could not be compared.
    failed: Option<String>,
}

impl CollectionReport {
    fn count(&self, which: fn(&Outcome) -> bool) -> usize {
        self.items
            .iter()
            .filter(|(_, _, outcome)| which(outcome))
            .count()
    }
}

fn newman_or_skip(what: &str) -> Option<PathBuf> {
    match newman::executable(&common::workspace()) {
        Ok(path) => Some(path),
        Err(reason) if std::env::var_os("CI").is_some() => {
            panic!("{what}: newman is needed in CI and cannot be installed: {reason}")
        }
        Err(reason) => {
            common::skipped(format_args!(
                "{what}: newman cannot be installed here: {reason}"
            ));
            None
        }
    }
}

fn stem_of(path: &Path) -> String {
    path.file_name()
        .unwrap()
        .to_string_lossy()
        .trim_end_matches(".json")
        .trim_end_matches(".postman")
        .to_owned()
}

/// Generates, builds and compares every collection in `files`.
fn run(files: &[PathBuf], newman: &Path) -> Vec<CollectionReport> {
    let temp = tempfile::Builder::new()
        .prefix("courier-fidelity-")
        .tempdir()
        .unwrap();
    let root = temp.path().to_path_buf();
    let recorder = Recorder::start();
    let origin = recorder.origin();

    struct Entry {
        stem: String,
        prepared: prepare::Prepared,
        generated: Result<String, String>,
    }
    let mut entries = Vec::new();
    for file in files {
        let stem = stem_of(file);
        let text = std::fs::read_to_string(file).unwrap();
        let original: serde_json::Value = serde_json::from_str(&text).unwrap();
        let prepared = prepare::prepare(&original);
        let input = root.join(format!("{stem}.prepared.postman.json"));
        std::fs::write(
            &input,
            serde_json::to_vec_pretty(&prepared.collection).unwrap(),
        )
        .unwrap();
        let generated = courier::Builder::new(&input)
            .with_examples(true)
            .with_crate_name(format!("fidelity-{}", stem.replace(['.', '_'], "-")))
            .generate()
            .map_err(|error| error.to_string())
            .and_then(|generated| {
                let dir = root.join(&stem);
                generated
                    .write_to(&dir)
                    .map_err(|error| error.to_string())?;
                let examples = generated
                    .file("src/examples.rs")
                    .ok_or("no src/examples.rs")?;
                let lib = generated.crate_name.replace('-', "_");
                let source = runner::source(&lib, &generated.api, examples, &prepared);
                std::fs::create_dir_all(dir.join("examples")).unwrap();
                // One name per crate: examples of a workspace share one output folder.
                std::fs::write(
                    dir.join("examples")
                        .join(format!("{}.rs", runner_name(&stem))),
                    source,
                )
                .unwrap();
                Ok(generated.crate_name.clone())
            });
        entries.push(Entry {
            stem,
            prepared,
            generated,
        });
    }

    let members: Vec<&str> = entries
        .iter()
        .filter(|entry| entry.generated.is_ok())
        .map(|entry| entry.stem.as_str())
        .collect();
    let cargo = Cargo::workspace(
        &root,
        "Crates generated by courier's fidelity harness.",
        &members,
    );
    let build = cargo.run(&[
        "build",
        "--workspace",
        "--examples",
        "--keep-going",
        "--message-format=json",
    ]);
    // Runner executables and build errors, by crate folder.
    let mut runners: BTreeMap<String, PathBuf> = BTreeMap::new();
    let mut errors: BTreeMap<String, String> = BTreeMap::new();
    for line in String::from_utf8_lossy(&build.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(stem) = message["manifest_path"]
            .as_str()
            .and_then(|manifest| Path::new(manifest).strip_prefix(&root).ok())
            .and_then(|relative| relative.iter().next())
            .map(|stem| stem.to_string_lossy().into_owned())
        else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact")
                if message["target"]["name"] == runner_name(&stem).as_str() =>
            {
                if let Some(executable) = message["executable"].as_str() {
                    runners.insert(stem, PathBuf::from(executable));
                }
            }
            Some("compiler-message") if message["message"]["level"] == "error" => {
                errors.entry(stem).or_insert_with(|| {
                    message["message"]["rendered"]
                        .as_str()
                        .unwrap_or_default()
                        .chars()
                        .take(1500)
                        .collect()
                });
            }
            _ => {}
        }
    }

    let mut reports = Vec::new();
    for entry in &entries {
        let mut report = CollectionReport {
            stem: entry.stem.clone(),
            items: Vec::new(),
            failed: None,
        };
        let runner = match (&entry.generated, runners.get(&entry.stem)) {
            (Err(error), _) => {
                report.failed = Some(format!("does not generate: {error}"));
                reports.push(report);
                continue;
            }
            (Ok(_), None) => {
                report.failed = Some(format!(
                    "the runner does not build: {}",
                    errors
                        .get(&entry.stem)
                        .cloned()
                        .unwrap_or_else(|| String::from_utf8_lossy(&build.stderr)
                            .chars()
                            .take(1500)
                            .collect())
                ));
                reports.push(report);
                continue;
            }
            (Ok(_), Some(runner)) => runner,
        };
        let dir = root.join(&entry.stem);
        let copy = prepare::newman_copy(&entry.prepared, recorder.port);
        recorder.take();
        let newman_run = match newman::run(newman, &copy, &dir) {
            Ok(run) => run,
            Err(error) => {
                report.failed = Some(error);
                reports.push(report);
                continue;
            }
        };
        let from_newman = by_item(recorder.take());
        let output = Command::new(runner)
            .arg(&origin)
            .output()
            .expect("the runner runs");
        let from_courier = by_item(recorder.take());
        let courier_errors: BTreeMap<String, String> = String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter_map(|line| line.split_once('\t'))
            .map(|(item, error)| (item.to_owned(), error.to_owned()))
            .collect();
        if !output.status.success() {
            report.failed = Some(format!(
                "the runner failed: {}",
                String::from_utf8_lossy(&output.stderr)
            ));
        }
        let newman_errors: BTreeMap<&str, &str> = newman_run
            .errors
            .iter()
            .map(|(item, error)| (item.as_str(), error.as_str()))
            .collect();
        for item in &entry.prepared.items {
            let pointer = item.pointer.as_str();
            let sent_by_newman = from_newman.get(pointer);
            let sent_by_courier = from_courier.get(pointer);
            let outcome = match (sent_by_newman, sent_by_courier) {
                (Some(a), Some(b)) if a.len() == 1 && b.len() == 1 => {
                    let differences = compare::compare(item, &a[0], &b[0]);
                    if differences.is_empty() {
                        Outcome::Equal
                    } else if differences.iter().all(|d| d.kind.is_some()) {
                        Outcome::Listed(differences)
                    } else {
                        Outcome::Different(differences)
                    }
                }
                (Some(a), Some(b)) => Outcome::Missing(format!(
                    "newman sent {} requests, courier {}",
                    a.len(),
                    b.len()
                )),
                (None, _) => match newman_errors.get(pointer) {
                    Some(error) => Outcome::NewmanCannot((*error).to_owned()),
                    None => Outcome::Missing("newman sent nothing, and says no error".to_owned()),
                },
                (Some(_), None) => {
                    let error = courier_errors
                        .get(pointer)
                        .map(String::as_str)
                        .unwrap_or("no operation or example call for this item");
                    match compare::classify_missing(item, error) {
                        Some(kind) => Outcome::Listed(vec![Difference {
                            place: "request".to_owned(),
                            newman: Some("a request".to_owned()),
                            courier: None,
                            kind: Some(kind),
                        }]),
                        None => Outcome::Missing(format!("courier sent nothing: {error}")),
                    }
                }
            };
            report
                .items
                .push((item.pointer.clone(), item.label.clone(), outcome));
        }
        reports.push(report);
    }
    if std::env::var_os("COURIER_FIDELITY_KEEP").is_some() {
        println!("workspace kept at {}", temp.keep().display());
    }
    reports
}

/// The runner example's name for the collection `stem`.
fn runner_name(stem: &str) -> String {
    format!("fidelity_{}", prepare::slug(stem, '_'))
}

fn by_item(requests: Vec<Recorded>) -> BTreeMap<String, Vec<Recorded>> {
    let mut out: BTreeMap<String, Vec<Recorded>> = BTreeMap::new();
    for request in requests {
        let item = request.item().unwrap_or("(untagged)").to_owned();
        out.entry(item).or_default().push(request);
    }
    out
}

/// `part` of `whole` as a percentage, rounded down to two decimals: 3,724 of 3,725 is
/// 99.97%, never a rounded-up 100%.
fn share(part: usize, whole: usize) -> String {
    if whole == 0 {
        "–".to_owned()
    } else if part == whole {
        "100%".to_owned()
    } else {
        let hundredths = part * 10_000 / whole;
        format!("{}.{:02}%", hundredths / 100, hundredths % 100)
    }
}

fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// The markdown report and the failures (items neither equal nor listed).
fn report(reports: &[CollectionReport]) -> (String, Vec<String>) {
    let mut out = String::from(
        "| collection | requests | equal | deliberate differences only | different | one side sent nothing | newman cannot send | equal or listed |\n\
         |---|---:|---:|---:|---:|---:|---:|---:|\n",
    );
    let mut failures = Vec::new();
    let mut totals = [0usize; 6];
    let mut kinds: BTreeMap<Deliberate, usize> = BTreeMap::new();
    for report in reports {
        let requests = report.items.len();
        let equal = report.count(|o| matches!(o, Outcome::Equal));
        let listed = report.count(|o| matches!(o, Outcome::Listed(_)));
        let different = report.count(|o| matches!(o, Outcome::Different(_)));
        let missing = report.count(|o| matches!(o, Outcome::Missing(_)));
        let cannot = report.count(|o| matches!(o, Outcome::NewmanCannot(_)));
        for (value, total) in [requests, equal, listed, different, missing, cannot]
            .iter()
            .zip(&mut totals)
        {
            *total += value;
        }
        let share = share(equal + listed, requests - cannot);
        match &report.failed {
            Some(reason) => {
                writeln!(out, "| `{}` | {requests} | – | – | – | – | – | not run |", report.stem).unwrap();
                failures.push(format!("{}: {reason}", report.stem));
            }
            None => writeln!(
                out,
                "| `{}` | {requests} | {equal} | {listed} | {different} | {missing} | {cannot} | {share} |",
                report.stem
            )
            .unwrap(),
        }
        for (pointer, label, outcome) in &report.items {
            match outcome {
                Outcome::Different(differences) => {
                    let unlisted: Vec<String> = differences
                        .iter()
                        .filter(|d| d.kind.is_none())
                        .map(|d| format!("    {d}"))
                        .collect();
                    failures.push(format!(
                        "{} {pointer} ({label}):\n{}",
                        report.stem,
                        unlisted.join("\n")
                    ));
                }
                Outcome::Missing(reason) => {
                    failures.push(format!("{} {pointer} ({label}): {reason}", report.stem))
                }
                Outcome::Listed(differences) => {
                    for difference in differences {
                        if let Some(kind) = difference.kind {
                            *kinds.entry(kind).or_default() += 1;
                        }
                    }
                }
                Outcome::Equal | Outcome::NewmanCannot(_) => {}
            }
        }
    }
    let [requests, equal, listed, different, missing, cannot] = totals;
    writeln!(
        out,
        "| **all** | {requests} | {equal} | {listed} | {different} | {missing} | {cannot} | {} |",
        share(equal + listed, requests - cannot)
    )
    .unwrap();
    out.push_str(
        "\n\"Equal or listed\" is of the requests newman can send. What newman cannot send \
         (it fails before a byte leaves, e.g. a header value with a line break) is not compared:\n\n",
    );
    if cannot == 0 {
        out.push_str("- none\n");
    }
    for report in reports {
        for (pointer, label, outcome) in &report.items {
            if let Outcome::NewmanCannot(error) = outcome {
                writeln!(
                    out,
                    "- `{}` {pointer} ({}): {error}",
                    report.stem,
                    one_line(label)
                )
                .unwrap();
            }
        }
    }
    out.push_str(
        "\nDeliberate differences (the reviewed list in `tests/tests/fidelity/compare.rs`):\n\n",
    );
    for (kind, name, reason) in DELIBERATE {
        writeln!(
            out,
            "- **{name}** ({} differences): {reason}",
            kinds.get(kind).copied().unwrap_or(0)
        )
        .unwrap();
    }
    (out, failures)
}

fn check(reports: &[CollectionReport], report_env: &str) {
    let (table, failures) = report(reports);
    println!("{table}");
    if let Ok(path) = std::env::var(report_env) {
        let path = common::workspace().join(path);
        std::fs::write(&path, &table).unwrap();
        println!("figures written to {}", path.display());
    }
    assert!(
        failures.is_empty(),
        "requests that are neither equal to newman's nor a listed deliberate difference:\n{}",
        failures.join("\n")
    );
}

#[test]
fn specs_send_what_newman_sends() {
    let Some(newman) = newman_or_skip("the fidelity harness over specs/") else {
        return;
    };
    let specs: Vec<PathBuf> = common::specs()
        .into_iter()
        .filter(|path| path.to_string_lossy().ends_with(".postman.json"))
        .collect();
    let reports = run(&specs, &newman);
    check(&reports, "COURIER_FIDELITY_SPECS_REPORT");
}

#[test]
fn corpus_sends_what_newman_sends() {
    if std::env::var_os("COURIER_FIDELITY_CORPUS").is_none() {
        common::skipped(format_args!(
            "corpus fidelity: set COURIER_FIDELITY_CORPUS=1 (scripts/fidelity.sh does) to \
             compare all of ../shared/corpus/postman with newman"
        ));
        return;
    }
    let folder = common::workspace().join("../shared/corpus/postman");
    if !folder.is_dir() {
        common::skipped(format_args!(
            "corpus fidelity: {} is absent",
            folder.display()
        ));
        return;
    }
    let Some(newman) = newman_or_skip("the fidelity harness over the corpus") else {
        return;
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.to_string_lossy().ends_with(".postman.json"))
        .collect();
    files.sort();
    let reports = run(&files, &newman);
    check(&reports, "COURIER_FIDELITY_REPORT");
}

/// The comparison itself, on requests written by hand: what it must call equal, what it must
/// call a difference, and how it classifies.
mod comparison {
    use super::compare::{self, Deliberate};
    use super::prepare::{self, Item};
    use super::recorder::Recorded;
    use serde_json::json;

    fn request(method: &str, target: &str, headers: &[(&str, &str)], body: &[u8]) -> Recorded {
        Recorded {
            method: method.to_owned(),
            target: target.to_owned(),
            headers: headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect(),
            body: body.to_vec(),
        }
    }

    fn item(request: serde_json::Value) -> Item {
        Item {
            pointer: "item[0]".to_owned(),
            label: "x".to_owned(),
            auth: request.get("auth").cloned(),
            json: json!({ "name": "x", "request": request }),
        }
    }

    #[test]
    fn shares_never_round_up_to_everything() {
        assert_eq!(super::share(3724, 3725), "99.97%");
        assert_eq!(super::share(206, 207), "99.51%");
        assert_eq!(super::share(7, 7), "100%");
        assert_eq!(super::share(0, 0), "–");
    }

    #[test]
    fn runtime_headers_json_by_value_and_the_boundary_are_not_differences() {
        let newman = request(
            "POST",
            "/v1/a?b=1",
            &[
                ("User-Agent", "PostmanRuntime/7.39.1"),
                ("Postman-Token", "abc"),
                ("Accept", "*/*"),
                ("Content-Type", "application/json"),
                ("Content-Length", "17"),
            ],
            b"{ \"a\": 1.0, \"b\": [true] }",
        );
        let courier = request(
            "POST",
            "/v1/a?b=1",
            &[
                ("user-agent", "courier"),
                ("accept", "application/json"),
                ("content-type", "application/json"),
                ("content-length", "16"),
            ],
            b"{\"b\":[true],\"a\":1}",
        );
        let differences = compare::compare(&item(json!({})), &newman, &courier);
        assert!(differences.is_empty(), "{differences:?}");
    }

    #[test]
    fn a_missing_header_a_changed_value_and_a_bodiless_length_are_differences() {
        let newman = request(
            "POST",
            "/v1/a",
            &[("X-Key", "1"), ("Content-Length", "0")],
            b"",
        );
        let courier = request("POST", "/v1/a", &[("x-key", "2")], b"");
        let differences = compare::compare(&item(json!({})), &newman, &courier);
        let places: Vec<&str> = differences.iter().map(|d| d.place.as_str()).collect();
        assert_eq!(places, ["header content-length", "header x-key"]);
        assert!(differences.iter().all(|d| d.kind.is_none()));
    }

    #[test]
    fn placeholders_and_encodings_are_listed_other_query_values_are_not() {
        let written = item(json!({
            "url": { "query": [{ "key": "page", "value": "<integer>" }, { "key": "q", "value": "a b" }] }
        }));
        let newman = request("GET", "/s?page=%3Cinteger%3E&q=a%20b", &[], b"");
        let courier = request("GET", "/s?q=a+b", &[], b"");
        let differences = compare::compare(&written, &newman, &courier);
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(differences[0].kind, Some(Deliberate::Placeholder));

        let newman = request("GET", "/s?q=a%20b", &[], b"");
        let differences = compare::compare(&written, &newman, &courier);
        assert_eq!(differences[0].kind, Some(Deliberate::QueryEncoding));

        let courier = request("GET", "/s?q=a+c", &[], b"");
        let differences = compare::compare(&written, &newman, &courier);
        assert_eq!(differences[0].place, "query q");
        assert_eq!(differences[0].kind, None);
    }

    #[test]
    fn multipart_parts_compare_by_name_with_rfc_2231_names() {
        let newman_body = b"--X\r\nContent-Disposition: form-data; name=\"\xc3\xa9\"\r\n\r\nv\r\n--X\r\nContent-Disposition: form-data; name=\"j\"\r\n\r\n{\"a\": 1}\r\n--X--\r\n";
        let courier_body = b"--Y\r\nContent-Disposition: form-data; name*=utf-8''%C3%A9\r\n\r\nv\r\n--Y\r\nContent-Disposition: form-data; name=\"j\"\r\nContent-Type: application/json\r\n\r\n{\"a\":1}\r\n--Y--\r\n";
        let newman = request(
            "POST",
            "/f",
            &[("content-type", "multipart/form-data; boundary=X")],
            newman_body,
        );
        let courier = request(
            "POST",
            "/f",
            &[("content-type", "multipart/form-data; boundary=Y")],
            courier_body,
        );
        let written = item(json!({
            "body": { "mode": "formdata", "formdata": [{ "key": "é", "value": "v" }, { "key": "j", "value": "{\"a\": 1}" }] }
        }));
        let differences = compare::compare(&written, &newman, &courier);
        assert_eq!(differences.len(), 1, "{differences:?}");
        assert_eq!(differences[0].place, "part j content type");
        assert_eq!(differences[0].kind, Some(Deliberate::JsonPart));
    }

    #[test]
    fn the_prepared_collection_defines_what_it_uses_and_newman_goes_to_the_recorder() {
        let original = json!({
            "info": { "name": "t", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json" },
            "variable": [{ "key": "baseUrl", "value": "https://api.example.com/v2" }, { "key": "empty", "value": "" }],
            "event": [{ "listen": "prerequest", "script": { "exec": ["pm.sendRequest('https://example.com')"] } }],
            "item": [{
                "name": "a",
                "request": {
                    "method": "GET",
                    "header": "X-A: {{token}}\n// X-B: 1",
                    "url": "{{baseUrl}}/users/:id?e={{empty}}"
                }
            }]
        });
        let prepared = prepare::prepare(&original);
        assert_eq!(prepared.variables["token"], "token-value");
        assert_eq!(prepared.variables["empty"], "empty-value");
        assert_eq!(prepared.variables["baseUrl"], "https://api.example.com/v2");
        let copy = prepare::newman_copy(&prepared, 4000);
        assert!(copy.get("event").is_none());
        let request = &copy["item"][0]["request"];
        assert_eq!(request["url"]["host"], json!(["127", "0", "0", "1"]));
        assert_eq!(request["url"]["port"], "4000");
        assert_eq!(request["url"]["path"], json!(["v2", "users", ":id"]));
        assert_eq!(request["url"]["variable"][0]["value"], "id-value");
        let headers = request["header"].as_array().unwrap();
        assert_eq!(headers[0]["key"], "X-A");
        assert_eq!(headers[1]["disabled"], true);
        assert_eq!(headers[2]["value"], "item[0]");
    }
}
