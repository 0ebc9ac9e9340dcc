//! The whole pipeline on arbitrary bytes: load → lower → emit (crate and single-file layouts).
//! Any input may be rejected with an error; none may panic, and accepted input must produce
//! files that parse as Rust, identically on a second run.
#![no_main]

use std::path::Path;

use courier::emit::{self, CrateInfo};
use courier::load::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("fuzz.postman.json");
    let Ok(document) = load::load_bytes(path, data, &Limits::default()) else {
        return;
    };
    // An IR that breaks its invariants is a front-end bug, never the input's fault.
    let lowered = match courier::lower::lower(&document, path) {
        Ok(lowered) => lowered,
        Err(error @ courier::Error::InvalidIr(_)) => panic!("{error}"),
        Err(_) => return,
    };
    let info = CrateInfo {
        name: courier::naming::crate_name(&lowered.api.title),
        version: "0.1.0".to_owned(),
        source: "fuzz.postman.json".to_owned(),
    };
    let first = emit::crate_files(&lowered.api, &info);
    if let Ok(files) = &first {
        for (name, contents) in files {
            if name.ends_with(".rs") {
                if let Err(error) = syn::parse_file(contents) {
                    panic!("{name} does not parse: {error}\n{contents}");
                }
            }
        }
        let again = courier::lower::lower(&document, path).expect("second run fails");
        let second = emit::crate_files(&again.api, &info).expect("second run fails");
        assert_eq!(files, &second, "output differs between runs");
    }
    let _ = emit::single_file(&lowered.api);
});
