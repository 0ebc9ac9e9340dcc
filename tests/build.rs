//! The build-script path under test: clients generated into OUT_DIR from specs we own.

fn main() {
    for (spec, out) in [
        (
            "../specs/zoom-add-internal-numbers.postman.json",
            "zoom_add_internal_numbers.rs",
        ),
        (
            "../specs/bodies-and-auth.postman.json",
            "bodies_and_auth.rs",
        ),
        (
            "../specs/bodies-and-auth-v20.postman.json",
            "bodies_and_auth_v20.rs",
        ),
    ] {
        courier::Builder::new(spec)
            .generate_to_out_dir(out)
            .unwrap_or_else(|error| panic!("courier: {spec}: {error}"));
    }
}
