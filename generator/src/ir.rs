//! The format-neutral model of an API: what every front end produces and every emitter reads.
//!
//! The IR knows neither the input format (no Postman or OpenAPI terms) nor Rust syntax (no
//! tokens, no keywords). Names are stored as the *wire* name (what travels over HTTP) plus,
//! for types and operations, a *logical* name in PascalCase words that the naming module turns
//! into identifiers. Collections are `Vec`s in a deterministic order decided by the front end.

use serde::Serialize;

/// A whole API: the unit one generated crate describes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// Human title, e.g. `Zoom API`.
    pub title: String,
    /// Cleaned description (markdown).
    pub description: Option<String>,
    /// The default base URL (may be absent: then it is required configuration).
    pub base_url: BaseUrl,
    /// Configuration variables the requests use (besides the base URL), by first use.
    pub variables: Vec<Variable>,
    /// Authentication schemes used by at least one operation, deduplicated, in first-use order.
    pub auth_schemes: Vec<AuthScheme>,
    /// Operations in document order.
    pub operations: Vec<Operation>,
    /// Every named type, indexed by [`TypeId`].
    pub types: Vec<TypeDef>,
}

/// A value the client is configured with once and that requests use (a Postman collection
/// variable such as `{{projectKey}}`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variable {
    /// The name in the description.
    pub name: String,
    /// The description's value, used as the default.
    pub default: Option<String>,
    /// Cleaned description.
    pub description: Option<String>,
    /// Whether some request cannot be sent without it (it is part of a path).
    pub required: bool,
}

/// Where requests go by default.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BaseUrl {
    /// The configuration variable it comes from (e.g. `baseUrl`), if any.
    pub variable: Option<String>,
    /// The default value, if the description gives one.
    pub default: Option<String>,
}

/// How an operation authenticates.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum AuthScheme {
    /// `Authorization: Bearer <token>` (also used for OAuth 2.0 access tokens).
    Bearer {
        /// The description's names for the schemes it stands for (`bearer`, `oauth2`),
        /// sorted, for docs.
        origins: Vec<String>,
    },
    /// HTTP Basic: `Authorization: Basic base64(user:password)`.
    Basic,
    /// A key sent in a header or a query parameter.
    ApiKey {
        /// Header or query parameter name.
        name: String,
        /// Where the key goes.
        location: KeyLocation,
    },
    /// A scheme courier cannot perform (AWS Signature v4, digest, Hawk, OAuth 1.0, …): the
    /// user signs requests in a hook.
    Hook {
        /// The scheme's name in the description, e.g. `awsv4`.
        kind: String,
    },
}

/// Where an API key is sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum KeyLocation {
    /// A request header.
    Header,
    /// A query parameter.
    Query,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Logical name in words, e.g. `["add", "internal", "numbers"]`.
    pub name: Vec<String>,
    /// The human title (Postman item name / OpenAPI summary).
    pub title: String,
    /// Cleaned description (markdown).
    pub description: Option<String>,
    /// Where it is in the source: folder path and name, or a JSON pointer.
    pub source: SourceRef,
    /// Upper-case HTTP method.
    pub method: String,
    /// The path relative to the base URL, split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// Path parameters in the order they appear in the path.
    pub path_params: Vec<Param>,
    /// Query parameters.
    pub query: Vec<Param>,
    /// Request headers that callers set (not auth, not content type).
    pub headers: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses by status, ascending.
    pub responses: Vec<Response>,
    /// Index into [`Api::auth_schemes`], or `None` for unauthenticated operations.
    pub auth: Option<usize>,
}

/// Where an operation was described.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceRef {
    /// Folder names from the root, outermost first.
    pub folders: Vec<String>,
    /// Item name.
    pub name: String,
    /// JSON-pointer-style location in the input, e.g. `item[3].item[0]`.
    pub location: String,
}

/// A piece of an operation's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathPart {
    /// Text sent as is (already valid in a URL path).
    Literal(String),
    /// The path parameter at this index of [`Operation::path_params`], sent as one segment.
    Param(usize),
    /// The configuration variable at this index of [`Api::variables`], sent as one segment.
    Variable(usize),
}

/// A path, query or header parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Cleaned description.
    pub description: Option<String>,
    /// Whether callers must give it.
    pub required: bool,
    /// Its value type.
    pub ty: TypeRef,
    /// An example value from the description (never a default).
    pub example: Option<String>,
    /// The configuration variable (index into [`Api::variables`]) whose value is sent when the
    /// caller sets none.
    pub default_variable: Option<usize>,
    /// A fixed value sent when the caller sets none (an enabled header such as
    /// `Accept: application/json`).
    pub default: Option<String>,
}

/// What a request sends as its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum RequestBody {
    /// A JSON document of this type.
    Json(TypeRef),
    /// `multipart/form-data` with these fields; the struct named `form` holds them.
    Multipart {
        /// The struct type that holds the fields.
        form: TypeId,
        /// One entry per part, in the order the description gives them.
        fields: Vec<FormField>,
    },
    /// `application/x-www-form-urlencoded` with these text fields.
    UrlEncoded {
        /// The struct type that holds the fields.
        form: TypeId,
        /// One entry per field, in order.
        fields: Vec<FormField>,
    },
    /// Text sent as it is (XML, plain text, HTML, …).
    Text {
        /// The `Content-Type` to send.
        content_type: String,
    },
    /// Raw bytes (a file upload as the whole body).
    Binary {
        /// The `Content-Type` to send, when the description gives one.
        content_type: Option<String>,
    },
}

/// One field of a form body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormField {
    /// Part name on the wire.
    pub wire_name: String,
    /// How the value is encoded into the part.
    pub encoding: FormEncoding,
}

/// How a form field's value becomes a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum FormEncoding {
    /// A plain text part.
    Text,
    /// The value serialised as JSON in a part with `Content-Type: application/json`.
    Json,
    /// A file: bytes with a file name and content type.
    File,
}

/// A documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// HTTP status code.
    pub status: u16,
    /// Short reason, e.g. `Created`.
    pub reason: Option<String>,
    /// Cleaned description of this outcome.
    pub description: Option<String>,
    /// Application error codes the description lists for this status, with their messages.
    pub error_codes: Vec<ErrorCode>,
    /// What the body holds.
    pub body: ResponseBody,
}

/// An application-level error code documented for a status (e.g. Zoom's `2001`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorCode {
    /// The code as written.
    pub code: String,
    /// The message, cleaned.
    pub message: Option<String>,
}

/// The body of a documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum ResponseBody {
    /// No body was documented.
    Empty,
    /// A text body (or one whose examples are not JSON).
    Text,
    /// A JSON body of this type.
    Json(TypeRef),
}

/// Index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeId(pub usize);

/// A reference to a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum TypeRef {
    /// A UTF-8 string.
    String,
    /// A signed integer (64 bits).
    Integer,
    /// A floating-point number.
    Float,
    /// `true` / `false`.
    Boolean,
    /// Any JSON value: the evidence did not allow a more precise type.
    Any,
    /// An array of the inner type.
    Array(Box<TypeRef>),
    /// File content for a form part: bytes, file name, content type.
    File,
    /// A named type.
    Named(TypeId),
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Logical name in PascalCase, unique in the API, e.g. `AddInternalNumbersBody`.
    pub name: String,
    /// Cleaned description.
    pub description: Option<String>,
    /// Whether the type is read from responses (lenient) or written in requests (strict).
    pub direction: Direction,
    /// The shape.
    pub kind: TypeKind,
}

/// Which way a type travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Direction {
    /// Sent by the client.
    Request,
    /// Received by the client.
    Response,
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// A record with named fields.
    Struct {
        /// Fields in the order they were first seen.
        fields: Vec<Field>,
    },
    /// A string restricted to these values (documented as the only ones allowed).
    Enum {
        /// The allowed values, in the order given.
        values: Vec<String>,
    },
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Key on the wire.
    pub wire_name: String,
    /// Its type.
    pub ty: TypeRef,
    /// Whether it is always present (requests: always sent; responses: proven required).
    pub required: bool,
    /// Whether `null` was seen for it.
    pub nullable: bool,
    /// Cleaned description.
    pub description: Option<String>,
    /// Notes from inference (e.g. why a type fell back to any JSON value).
    pub notes: Vec<String>,
}
