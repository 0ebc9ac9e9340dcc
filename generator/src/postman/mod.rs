//! The Postman front end: the input-shaped model, openapi-to-postman conventions, and
//! lowering into the IR.

pub mod artefacts;
pub mod infer;
pub mod lower;
pub mod model;
pub mod names;
pub mod typespace;
pub mod url;
