//! insta snapshots of the generated code, the IR and the warnings for every input in
//! `specs/`. CI runs with `INSTA_UPDATE=no`: a changed or missing snapshot fails.

mod common;

#[test]
fn generated_code_ir_and_warnings() {
    for spec in common::specs() {
        let stem = common::stem(&spec);
        let generated = courier::Builder::new(&spec)
            .generate()
            .unwrap_or_else(|error| panic!("{error}"));
        for file in &generated.files {
            // The runtime is hand-written and committed as source; snapshotting its copy
            // would only duplicate it.
            if file.path == "src/runtime.rs" {
                continue;
            }
            let name = format!("{stem}__{}", file.path.replace(['/', '.'], "_"));
            insta::assert_snapshot!(name, file.contents);
        }
        // The opt-in example calls: only their module is new.
        let with_examples = courier::Builder::new(&spec)
            .with_examples(true)
            .generate()
            .unwrap_or_else(|error| panic!("{error}"));
        if let Some(examples) = with_examples.file("src/examples.rs") {
            insta::assert_snapshot!(format!("{stem}__src_examples_rs"), examples);
        }
        insta::assert_json_snapshot!(format!("{stem}__ir"), generated.api);
        let warnings: Vec<String> = generated
            .warnings
            .iter()
            .map(|warning| format!("{}: {}", warning.location, warning.message))
            .collect();
        insta::assert_snapshot!(format!("{stem}__warnings"), warnings.join("\n"));
    }
}
