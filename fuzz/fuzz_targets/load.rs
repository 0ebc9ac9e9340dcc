//! The loader alone on arbitrary bytes: every input is a document or one located error.
#![no_main]

use std::path::Path;

use courier::Error;
use courier::load::{self, Limits};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match load::load_bytes(Path::new("fuzz.json"), data, &Limits::default()) {
        Ok(_) => {}
        Err(Error::Input(diagnostics)) => assert_eq!(diagnostics.len(), 1, "{diagnostics:?}"),
        Err(other) => panic!("loading bytes gave a non-input error: {other}"),
    }
});
