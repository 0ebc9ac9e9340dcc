//! The emitters on every IR construct, including those no Postman collection produces yet
//! (unions of each tagging, aliases, maps, open enums, recursion, extra properties, status
//! ranges and `default`, a cookie API key). The IR is built by hand, validated and emitted;
//! the crate must pass clippy with `-D warnings`, and its tests (written here) decode real JSON
//! through the generated types.

mod common;

use std::process::Command;

use courier::ir::*;

fn words(text: &str) -> Words {
    courier::naming::words(text)
}

fn field(wire: &str, ty: TypeRef, required: bool) -> Field {
    Field::new(wire, ty, required)
}

fn def(name: &str, kind: TypeKind) -> TypeDef {
    TypeDef {
        name: words(name),
        qualified: None,
        docs: Some(format!("The {name} type.")),
        holder: None,
        kind,
    }
}

fn variant(name: &str, tag: Option<&str>, ty: TypeRef) -> Variant {
    Variant {
        name: words(name),
        tag: tag.map(str::to_owned),
        ty,
        docs: None,
    }
}

fn json(ty: TypeRef) -> Vec<Content> {
    vec![Content {
        kind: BodyKind::Json,
        media_type: Some("application/json".to_owned()),
        ty,
    }]
}

fn response(status: Status, contents: Vec<Content>) -> Response {
    Response {
        status,
        reason: None,
        headers: Vec::new(),
        contents,
        docs: Some("Documented.".to_owned()),
    }
}

fn api() -> Api {
    let mut types = TypeTable::new();
    let strings = |values: &[&str]| -> Vec<EnumValue> {
        values
            .iter()
            .map(|value| EnumValue {
                value: serde_json::Value::String((*value).to_owned()),
                docs: None,
            })
            .collect()
    };
    let status = types.push(def(
        "pet status",
        TypeKind::Enum {
            values: strings(&["available", "sold"]),
            open: true,
        },
    ));
    let size = types.push(def(
        "size",
        TypeKind::Enum {
            values: strings(&["small", "large"]),
            open: false,
        },
    ));
    let priority = types.push(def(
        "priority",
        TypeKind::Enum {
            values: vec![
                EnumValue {
                    value: serde_json::json!(1),
                    docs: None,
                },
                EnumValue {
                    value: serde_json::json!(2),
                    docs: None,
                },
            ],
            open: false,
        },
    ));
    // A tree: a node holds its parent directly (boxed) and its children in a Vec.
    let node = types.reserve();
    types.define(
        node,
        def(
            "node",
            TypeKind::Struct {
                fields: vec![
                    field("name", TypeRef::STRING, true),
                    field(
                        "parent",
                        TypeRef::Nullable(Box::new(TypeRef::Named(node))),
                        false,
                    ),
                    field(
                        "children",
                        TypeRef::Array(Box::new(TypeRef::Named(node))),
                        false,
                    ),
                ],
                additional: None,
            },
        ),
    );
    let cat = types.push(def(
        "cat",
        TypeKind::Struct {
            fields: vec![
                field("name", TypeRef::STRING, true),
                field("status", TypeRef::Named(status), false),
                field("size", TypeRef::Named(size), false),
                field("priority", TypeRef::Named(priority), false),
                field(
                    "scores",
                    TypeRef::Map(Box::new(TypeRef::Scalar(Scalar::Integer(IntFormat::I32)))),
                    false,
                ),
                field(
                    "nickname",
                    TypeRef::Nullable(Box::new(TypeRef::STRING)),
                    true,
                ),
            ],
            additional: Some(TypeRef::Any),
        },
    ));
    let dog = types.push(def(
        "dog",
        TypeKind::Struct {
            fields: vec![
                field("name", TypeRef::STRING, true),
                field(
                    "weight",
                    TypeRef::Scalar(Scalar::Number(FloatFormat::F32)),
                    false,
                ),
                field("tree", TypeRef::Named(node), false),
            ],
            additional: None,
        },
    ));
    let pet = types.push(def(
        "pet",
        TypeKind::Union {
            variants: vec![
                variant("cat", Some("cat"), TypeRef::Named(cat)),
                variant("dog", Some("dog"), TypeRef::Named(dog)),
            ],
            tagging: Tagging::Internal {
                tag: "kind".to_owned(),
            },
        },
    ));
    // One alternative, large, received in responses: with its `Unknown` catch-all the union
    // has two variants of very different sizes (clippy's `large_enum_variant`).
    let parcel = types.push(def(
        "parcel",
        TypeKind::Struct {
            fields: (1..=12)
                .map(|n| field(&format!("line {n}"), TypeRef::STRING, true))
                .collect(),
            additional: None,
        },
    ));
    let delivery = types.push(def(
        "delivery",
        TypeKind::Union {
            variants: vec![variant("parcel", Some("parcel"), TypeRef::Named(parcel))],
            tagging: Tagging::Internal {
                tag: "kind".to_owned(),
            },
        },
    ));
    let event = types.push(def(
        "event",
        TypeKind::Union {
            variants: vec![
                variant("created", Some("created"), TypeRef::Named(cat)),
                variant("deleted", Some("deleted"), TypeRef::STRING),
            ],
            tagging: Tagging::Adjacent {
                tag: "type".to_owned(),
                content: "data".to_owned(),
            },
        },
    ));
    let id_or_name = types.push(def(
        "id or name",
        TypeKind::Union {
            variants: vec![
                variant("id", None, TypeRef::Scalar(Scalar::Integer(IntFormat::I64))),
                variant("name", None, TypeRef::STRING),
            ],
            tagging: Tagging::Untagged,
        },
    ));
    let pets = types.push(def(
        "pet list",
        TypeKind::Alias {
            target: TypeRef::Array(Box::new(TypeRef::Named(pet))),
        },
    ));
    let problem = types.push(def(
        "problem",
        TypeKind::Struct {
            fields: vec![field("title", TypeRef::STRING, false)],
            additional: None,
        },
    ));
    let source = |pointer: &str| Source {
        pointer: pointer.to_owned(),
        noun: "OpenAPI operation".to_owned(),
        label: vec![pointer.to_owned()],
    };
    let operation = |name: &str, method: &str, path: &str| Operation {
        name: words(name),
        operation_id: Some(name.to_owned()),
        title: name.to_owned(),
        docs: None,
        group: None,
        source: source(&format!("#/paths/{path}/{method}")),
        method: method.to_ascii_uppercase(),
        path: vec![PathPart::Literal(path.to_owned())],
        params: Vec::new(),
        body: None,
        responses: Vec::new(),
        security: Security {
            alternatives: vec![vec![SchemeUse {
                scheme: 0,
                scopes: Vec::new(),
            }]],
        },
        deprecated: false,
        server: None,
        paging: None,
    };
    let mut list = operation("list pets", "get", "/pets");
    list.responses = vec![
        response(Status::Code(200), json(TypeRef::Named(pets))),
        response(Status::Code(404), Vec::new()),
        response(Status::Range(4), json(TypeRef::Named(problem))),
        response(Status::Default, json(TypeRef::Named(problem))),
    ];
    let mut create = operation("create event", "post", "/events");
    create.body = Some(RequestBody {
        example: None,
        required: true,
        contents: json(TypeRef::Named(event)),
    });
    create.responses = vec![
        response(Status::Range(2), json(TypeRef::Named(id_or_name))),
        response(Status::Range(5), Vec::new()),
    ];
    create.deprecated = true;
    let mut track = operation("track delivery", "get", "/delivery");
    track.responses = vec![response(Status::Code(200), json(TypeRef::Named(delivery)))];
    Api {
        title: "IR kinds".to_owned(),
        version: Some("1.0".to_owned()),
        docs: Some("Every IR construct.".to_owned()),
        servers: vec![Server {
            url: Some("https://{region}.example.com/v1".to_owned()),
            variable: None,
            variables: vec![ServerVariable {
                name: "region".to_owned(),
                default: "eu".to_owned(),
                values: vec!["eu".to_owned(), "us".to_owned()],
                docs: None,
            }],
            docs: None,
        }],
        config: Vec::new(),
        security_schemes: vec![SecurityScheme {
            key: "session".to_owned(),
            kind: SchemeKind::ApiKey {
                name: "session".to_owned(),
                location: KeyLocation::Cookie,
            },
            variable: None,
            docs: None,
        }],
        groups: Vec::new(),
        operations: vec![list, create, track],
        types,
    }
}

/// JSON decoding through the generated types, run inside the generated crate.
const DECODE_TESTS: &str = r##"
use ir_kinds::types::*;

#[test]
fn internally_tagged_union_decodes_each_variant() {
    let pets: PetList = serde_json::from_str(
        r#"[{"kind":"cat","name":"Tom","nickname":null,"status":"available","size":"small","scores":{"a":1},"extra":true},
            {"kind":"dog","name":"Rex","tree":{"name":"root","children":[{"name":"leaf","parent":{"name":"root"}}]}}]"#,
    )
    .unwrap();
    match &pets[0] {
        Pet::Cat(cat) => {
            assert_eq!(cat.name, "Tom");
            assert_eq!(cat.status, Some(PetStatus::Available));
            assert_eq!(cat.size, Some(Size::Small));
            assert_eq!(cat.additional_properties["extra"], serde_json::json!(true));
        }
        other => panic!("expected a cat, got {other:?}"),
    }
    match &pets[1] {
        Pet::Dog(dog) => {
            let tree = dog.tree.as_ref().unwrap();
            let leaf = &tree.children.as_ref().unwrap()[0];
            assert_eq!(leaf.parent.as_ref().unwrap().name, "root");
        }
        other => panic!("expected a dog, got {other:?}"),
    }
    let back = serde_json::to_value(&pets).unwrap();
    assert_eq!(back[0]["kind"], "cat");
}

#[test]
fn open_enums_keep_unknown_values_and_closed_ones_refuse_them() {
    let status: PetStatus = serde_json::from_str(r#""pending""#).unwrap();
    assert_eq!(status, PetStatus::Unknown("pending".to_owned()));
    assert_eq!(serde_json::to_string(&status).unwrap(), r#""pending""#);
    assert_eq!(status.as_str(), "pending");
    assert!(serde_json::from_str::<Size>(r#""huge""#).is_err());
}

#[test]
fn adjacent_and_untagged_unions_decode() {
    let event: Event = serde_json::from_str(r#"{"type":"deleted","data":"x1"}"#).unwrap();
    assert_eq!(event, Event::Deleted("x1".to_owned()));
    let id: IdOrName = serde_json::from_str("42").unwrap();
    assert_eq!(id, IdOrName::Id(42));
    let name: IdOrName = serde_json::from_str(r#""rex""#).unwrap();
    assert_eq!(name, IdOrName::Name("rex".to_owned()));
}

#[test]
fn the_default_base_url_fills_server_variables() {
    assert_eq!(ir_kinds::Client::DEFAULT_BASE_URL, "https://eu.example.com/v1");
}
"##;

#[test]
fn every_ir_kind_emits_compiles_and_decodes() {
    let api = api();
    courier::validate::validate(&api).unwrap_or_else(|error| panic!("{error}"));
    let info = courier::emit::CrateInfo {
        name: "ir-kinds".to_owned(),
        version: "0.1.0".to_owned(),
        source: "hand-built IR".to_owned(),
    };
    let files = courier::emit::crate_files(&api, &info).unwrap_or_else(|error| panic!("{error}"));
    let types = files
        .iter()
        .find(|(path, _)| path == "src/types.rs")
        .map(|(_, contents)| contents.clone())
        .unwrap();
    insta::assert_snapshot!("ir_kinds__types", types);
    let builders = files
        .iter()
        .find(|(path, _)| path == "src/builders.rs")
        .map(|(_, contents)| contents.clone())
        .unwrap();
    insta::assert_snapshot!("ir_kinds__builders", builders);

    let workspace = common::workspace();
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("ir-kinds");
    for (path, contents) in &files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    std::fs::create_dir_all(dir.join("tests")).unwrap();
    std::fs::write(dir.join("tests/decode.rs"), DECODE_TESTS).unwrap();
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    for args in [
        &["clippy", "--all-targets", "--", "-D", "warnings"][..],
        &["test", "--test", "decode"][..],
    ] {
        let output = Command::new(&cargo)
            .arg("--offline")
            .args(args)
            .current_dir(&dir)
            .env(
                "CARGO_TARGET_DIR",
                workspace.join("target/generated-crates"),
            )
            .env("RUSTFLAGS", "-D warnings")
            // One-off builds of generated crates: incremental state and debug info would only
            // fill the disk (28 GB of the corpus's 35 GB were incremental caches).
            .env("CARGO_INCREMENTAL", "0")
            .env("CARGO_PROFILE_DEV_DEBUG", "0")
            .env_remove("CARGO_ENCODED_RUSTFLAGS")
            .output()
            .expect("cargo runs");
        assert!(
            output.status.success(),
            "`cargo {}` failed:\n{}\n{}",
            args.join(" "),
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
