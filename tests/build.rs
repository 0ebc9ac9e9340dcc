//! The build-script path under test: the seed's client generated into OUT_DIR.

fn main() {
    courier::Builder::new("../specs/zoom-add-internal-numbers.postman.json")
        .generate_to_out_dir("zoom_add_internal_numbers.rs")
        .unwrap_or_else(|error| panic!("courier: {error}"));
}
