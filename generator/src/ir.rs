//! The format-neutral model of an API: what every front end produces and every emitter reads.
//!
//! The IR holds **meaning, not spelling**. It knows neither the input format (no folders,
//! collection variables or `$ref`s) nor Rust syntax (no identifiers, keywords, rustdoc or
//! intra-doc links):
//! - names are words (`["add", "internal", "numbers"]`) plus the wire names that travel over
//!   HTTP; every identifier is spelled, escaped and made unique in `emit`;
//! - descriptions are normalised Markdown (HTML cleaned, control characters removed); every
//!   rustdoc escape and every generated sentence is written in `emit`;
//! - types live in one [`TypeTable`] with stable ids, which may refer to themselves.
//!
//! Every `Vec` is in an order the front end decided by a sorted key, never by hash order.
//! [`crate::validate`] checks the invariants documented here before anything is emitted.

use serde::Serialize;
use serde_json::Value;

/// A logical name as lower-case words, e.g. `["add", "internal", "numbers"]`.
pub type Words = Vec<String>;

/// A whole API: the unit one generated crate describes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Api {
    /// Human title, e.g. `Zoom API`.
    pub title: String,
    /// The API's version, when the description gives one.
    pub version: Option<String>,
    /// Description (Markdown).
    pub docs: Option<String>,
    /// Where requests go; the first is the default. Empty: the base URL is required
    /// configuration.
    pub servers: Vec<Server>,
    /// Values the client is configured with once and that requests use, sorted by name.
    pub config: Vec<ConfigValue>,
    /// Every security scheme an operation uses, sorted by key.
    pub security_schemes: Vec<SecurityScheme>,
    /// Groups of operations (folders, tags), outermost first where they nest.
    pub groups: Vec<Group>,
    /// Operations (emitters order them by name).
    pub operations: Vec<Operation>,
    /// Every named type.
    pub types: TypeTable,
}

/// A base URL requests can go to.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Server {
    /// The URL, with `{name}` placeholders for its variables; `None` when the description
    /// names the server without giving its value (it is then required configuration).
    pub url: Option<String>,
    /// The name of the configuration value the description takes the URL from
    /// (e.g. `baseUrl`), for docs.
    pub variable: Option<String>,
    /// Placeholders of [`Server::url`] and their defaults.
    pub variables: Vec<ServerVariable>,
    /// Description (Markdown).
    pub docs: Option<String>,
}

impl Server {
    /// The URL with every placeholder at its default; `None` when the URL is not given.
    pub fn default_url(&self) -> Option<String> {
        let mut url = self.url.clone()?;
        for variable in &self.variables {
            url = url.replace(&format!("{{{}}}", variable.name), &variable.default);
        }
        Some(url)
    }
}

/// A `{name}` placeholder in a server URL.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ServerVariable {
    /// The placeholder's name.
    pub name: String,
    /// The value used unless configured.
    pub default: String,
    /// The only values allowed, when listed.
    pub values: Vec<String>,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// A value the client is configured with once and that requests use (in a path, or as a
/// parameter's fallback).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConfigValue {
    /// The name in the description.
    pub name: String,
    /// The description's value, used as the default.
    pub default: Option<String>,
    /// Description (Markdown).
    pub docs: Option<String>,
    /// Whether some request cannot be sent without it (it is part of a path).
    pub required: bool,
}

/// A way of authenticating requests.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct SecurityScheme {
    /// The scheme's name in the description (`oauth2`, `bearer`, `api_key`, …), unique.
    pub key: String,
    /// What it sends.
    pub kind: SchemeKind,
    /// The variable a Postman collection takes the credential from (`token` for
    /// `{{token}}`): schemes of one kind with different variables are configured apart, each
    /// setter documented by its variable.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// What a security scheme sends.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`.
    Bearer,
    /// OAuth 2.0: a bearer access token, obtained at `token_url` when the description gives it.
    OAuth2 {
        /// Where tokens are obtained (client credentials), when known.
        token_url: Option<String>,
        /// Scopes the description lists.
        scopes: Vec<String>,
    },
    /// OpenID Connect: a bearer token from the provider at `url`.
    OpenIdConnect {
        /// The discovery URL.
        url: String,
    },
    /// HTTP Basic: `Authorization: Basic base64(user:password)`.
    Basic,
    /// A key sent in a header, a query parameter or a cookie.
    ApiKey {
        /// Header, query parameter or cookie name.
        name: String,
        /// Where the key goes.
        location: KeyLocation,
    },
    /// A scheme courier cannot perform (AWS Signature v4, digest, Hawk, OAuth 1.0, …): the
    /// user signs requests in a hook.
    Unsupported {
        /// The scheme's kind as the description names it, e.g. `awsv4`.
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
    /// A cookie.
    Cookie,
}

/// Which credentials an operation needs: any one of the alternatives, each a set of schemes
/// used together. No alternatives: no authentication.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Security {
    /// The alternatives, in the description's order of preference.
    pub alternatives: Vec<Vec<SchemeUse>>,
}

/// One scheme of a requirement, with the scopes it needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SchemeUse {
    /// Index into [`Api::security_schemes`].
    pub scheme: usize,
    /// OAuth 2.0 / OpenID Connect scopes.
    pub scopes: Vec<String>,
}

/// A group of operations (a folder, a tag).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    /// The group's name as written.
    pub name: String,
    /// The enclosing group, index into [`Api::groups`] (always a lower index).
    pub parent: Option<usize>,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// Where something was described.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    /// JSON-pointer-style location in the input, e.g. `item[3].item[0]` or
    /// `#/paths/~1users/get`.
    pub pointer: String,
    /// What the description calls the thing there, e.g. `Postman item` or `OpenAPI
    /// operation`, for docs.
    pub noun: String,
    /// Its human label, outermost part first (groups, then the name).
    pub label: Vec<String>,
}

/// One HTTP operation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Operation {
    /// Logical name, unique in the API.
    pub name: Words,
    /// The description's own identifier for it, if any.
    pub operation_id: Option<String>,
    /// The human title (summary).
    pub title: String,
    /// Description (Markdown).
    pub docs: Option<String>,
    /// Index into [`Api::groups`] of the innermost group.
    pub group: Option<usize>,
    /// Where it is in the input.
    pub source: Source,
    /// Upper-case HTTP method (an RFC 9110 token).
    pub method: String,
    /// The path relative to the base URL, split into literal text and parameters.
    pub path: Vec<PathPart>,
    /// Parameters of every location; path parameters in the order they appear in the path.
    pub params: Vec<Param>,
    /// The request body.
    pub body: Option<RequestBody>,
    /// Documented responses: codes ascending, then ranges, then the default.
    pub responses: Vec<Response>,
    /// The credentials it needs.
    pub security: Security,
    /// Whether the description marks it deprecated.
    pub deprecated: bool,
    /// The server it is sent to instead of the API's (OpenAPI's path- or operation-level
    /// `servers`); the client can change it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub server: Option<OperationServer>,
    /// How its one success pages, when it does (found by [`crate::paging`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paging: Option<Paging>,
}

/// How an operation's results continue on further pages. Field paths are wire names from the
/// success body's type down; parameters are indices into [`Operation::params`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Paging {
    /// How the next request is made.
    pub next: NextPage,
    /// Where the page's items are: the path of an array field; empty when the body itself is
    /// the array. `None` when a page has no one list of items.
    pub items: Option<Vec<String>>,
}

/// How the request for the next page is made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum NextPage {
    /// The query parameter `param` takes the text of the body's field `token` (a page token
    /// or cursor); an empty or absent token ends.
    Token {
        /// The request parameter.
        param: usize,
        /// The response field.
        token: Vec<String>,
    },
    /// The query parameter `param` is a page number, from `first`; an empty page ends, and so
    /// does the page whose number reaches the body's `total_pages` field.
    PageNumber {
        /// The request parameter.
        param: usize,
        /// The number of the first page.
        first: i64,
        /// The response field with the number of pages.
        total_pages: Option<Vec<String>>,
    },
    /// The response's `Link` header gives the next page's URL (`rel="next"`, RFC 8288), as
    /// GitHub's lists do; a page without one is the last.
    Link,
    /// The query parameter `param` takes the `id` of the page's last item while the body's
    /// field `has_more` is true (Stripe's `starting_after`).
    AfterLast {
        /// The request parameter.
        param: usize,
        /// The response field that says more pages follow.
        has_more: Vec<String>,
        /// The items' identifier field.
        id: String,
    },
}

/// A base URL some operations are sent to instead of the API's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct OperationServer {
    /// The URL, placeholders at their defaults; `None` when the description names it without
    /// a value (a Postman `{{pci-host}}` the collection does not define): the client must be
    /// given it before those operations can be sent.
    pub url: Option<String>,
    /// The Postman variable the URL comes from, for docs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub variable: Option<String>,
    /// What the client's setting for it is named from (`uploads` for
    /// `https://{region}.uploads.example.com`, `pci_host` for `{{pci-host}}`).
    pub name: Words,
}

impl OperationServer {
    /// Whether `self` and `other` are one base URL (one client setting).
    pub fn same_base(&self, other: &OperationServer) -> bool {
        self.url == other.url && self.variable == other.variable
    }
}

/// A piece of an operation's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum PathPart {
    /// Text sent as is (already valid in a URL path).
    Literal(String),
    /// The parameter at this index of [`Operation::params`] (a path parameter), sent as one
    /// segment.
    Param(usize),
    /// The configuration value at this index of [`Api::config`], sent as one segment.
    Config(usize),
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Location {
    /// A path segment.
    Path,
    /// The query string.
    Query,
    /// A request header.
    Header,
    /// A cookie.
    Cookie,
}

/// How a parameter's value is written (OpenAPI's `style` and `explode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Style {
    /// The serialization style.
    pub kind: StyleKind,
    /// Whether arrays and objects are spread over several values.
    pub explode: bool,
}

/// Serialization styles of parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StyleKind {
    /// `a,b` (path and header default).
    Simple,
    /// `name=a&name=b` or `name=a,b` (query and cookie default).
    Form,
    /// `.a.b`
    Label,
    /// `;name=a`
    Matrix,
    /// `a b`
    SpaceDelimited,
    /// `a|b`
    PipeDelimited,
    /// `name[key]=value`
    DeepObject,
}

impl Style {
    /// The default style of a location.
    pub fn default_for(location: Location) -> Self {
        match location {
            Location::Path | Location::Header => Style {
                kind: StyleKind::Simple,
                explode: false,
            },
            Location::Query | Location::Cookie => Style {
                kind: StyleKind::Form,
                explode: true,
            },
        }
    }
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param {
    /// Name on the wire.
    pub wire_name: String,
    /// Where it travels.
    pub location: Location,
    /// Whether a request cannot be sent without it.
    pub required: bool,
    /// Its value type.
    pub ty: TypeRef,
    /// How the value is written.
    pub style: Style,
    /// A value sent when the caller sets none.
    pub default: Option<Value>,
    /// The configuration value (index into [`Api::config`]) sent when the caller sets none.
    pub fallback: Option<usize>,
    /// Example values from the description (never sent unless set).
    pub examples: Vec<Value>,
    /// Whether the description marks it deprecated.
    pub deprecated: bool,
    /// Description (Markdown).
    pub docs: Option<String>,
}

impl Param {
    /// A parameter with its location's default style and nothing else described.
    pub fn new(
        wire_name: impl Into<String>,
        location: Location,
        required: bool,
        ty: TypeRef,
    ) -> Self {
        Param {
            wire_name: wire_name.into(),
            location,
            required,
            ty,
            style: Style::default_for(location),
            default: None,
            fallback: None,
            examples: Vec::new(),
            deprecated: false,
            docs: None,
        }
    }
}

impl Operation {
    /// The parameters in `location`, with their indices in [`Operation::params`].
    pub fn params_in(&self, location: Location) -> impl Iterator<Item = (usize, &Param)> {
        self.params
            .iter()
            .enumerate()
            .filter(move |(_, param)| param.location == location)
    }
}

/// What a request sends as its body.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RequestBody {
    /// Whether a request cannot be sent without it.
    pub required: bool,
    /// The media types it can be sent as, the preferred first.
    pub contents: Vec<Content>,
    /// The body the description's own request sends, in its first media type, for the
    /// generated example calls: a Postman raw body with the collection's variables filled in;
    /// for a form, an object of each enabled field's text (a file field: its file's name);
    /// for GraphQL, `{"query", "variables"}`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<Value>,
}

/// A body in one media type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Content {
    /// How the body is encoded.
    pub kind: BodyKind,
    /// The `Content-Type` the description gives (for multipart and urlencoded bodies the
    /// encoder decides it).
    pub media_type: Option<String>,
    /// What the body holds: for forms, a struct whose fields carry their part encodings.
    pub ty: TypeRef,
}

/// How a body is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BodyKind {
    /// A JSON document.
    Json,
    /// `multipart/form-data`: one part per field of the body's struct.
    Multipart,
    /// `application/x-www-form-urlencoded`: one pair per field of the body's struct.
    UrlEncoded,
    /// Text sent as it is (XML, plain text, HTML, …).
    Text,
    /// Raw bytes.
    Binary,
    /// `text/event-stream` (responses only): server-sent events, each event's data of the
    /// content's type (JSON, or a string sent as it is).
    EventStream,
}

/// Which statuses a response describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub enum Status {
    /// One status code.
    Code(u16),
    /// Every status of a class, e.g. `4` for `4XX`.
    Range(u8),
    /// Every status not described otherwise.
    Default,
}

impl Status {
    /// Whether it describes successes (2xx).
    pub fn is_success(self) -> bool {
        match self {
            Status::Code(code) => (200..300).contains(&code),
            Status::Range(class) => class == 2,
            Status::Default => false,
        }
    }
}

/// A documented response.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Response {
    /// The statuses it describes.
    pub status: Status,
    /// Short reason, e.g. `Created`, when the description gives one.
    pub reason: Option<String>,
    /// Headers the response carries.
    pub headers: Vec<Param>,
    /// Its body in each media type; empty when no body is documented.
    pub contents: Vec<Content>,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// Index into [`TypeTable`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct TypeId(pub usize);

/// A reference to a type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub enum TypeRef {
    /// A scalar.
    Scalar(Scalar),
    /// An array of the inner type.
    Array(Box<TypeRef>),
    /// An object with string keys and values of the inner type.
    Map(Box<TypeRef>),
    /// The inner type or `null`.
    Nullable(Box<TypeRef>),
    /// A named type.
    Named(TypeId),
    /// Any JSON value: the description does not allow a more precise type.
    Any,
}

/// Scalar types, with their formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Scalar {
    /// A UTF-8 string.
    String,
    /// An integer.
    Integer(IntFormat),
    /// A floating-point number.
    Number(FloatFormat),
    /// `true` / `false`.
    Boolean,
    /// An RFC 3339 date-time string.
    DateTime,
    /// An RFC 3339 full-date string.
    Date,
    /// A UUID string.
    Uuid,
    /// Bytes carried as a base64 string.
    Base64,
    /// A file: bytes with a file name and content type (a form part, a whole body).
    Binary,
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum IntFormat {
    /// 32 bits.
    I32,
    /// 64 bits (also when the description gives no width).
    I64,
}

/// Float widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum FloatFormat {
    /// 32 bits.
    F32,
    /// 64 bits (also when the description gives no width).
    F64,
}

impl TypeRef {
    /// A string.
    pub const STRING: TypeRef = TypeRef::Scalar(Scalar::String);

    /// The type without its `Nullable` wrappers.
    pub fn non_null(&self) -> &TypeRef {
        match self {
            TypeRef::Nullable(inner) => inner.non_null(),
            other => other,
        }
    }
}

/// The named types of an API. An id is reserved before its type is defined, so a type can
/// refer to itself or to types defined after it.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
#[serde(transparent)]
pub struct TypeTable {
    defs: Vec<Option<TypeDef>>,
}

impl TypeTable {
    /// An empty table.
    pub fn new() -> Self {
        Self::default()
    }

    /// A new id, to be defined later.
    pub fn reserve(&mut self) -> TypeId {
        self.defs.push(None);
        TypeId(self.defs.len() - 1)
    }

    /// Defines a reserved id (or redefines it).
    pub fn define(&mut self, id: TypeId, def: TypeDef) {
        if let Some(slot) = self.defs.get_mut(id.0) {
            *slot = Some(def);
        }
    }

    /// Reserves and defines at once.
    pub fn push(&mut self, def: TypeDef) -> TypeId {
        let id = self.reserve();
        self.define(id, def);
        id
    }

    /// The type with this id, if it is defined.
    pub fn get(&self, id: TypeId) -> Option<&TypeDef> {
        self.defs.get(id.0).and_then(Option::as_ref)
    }

    /// How many ids were reserved.
    pub fn len(&self) -> usize {
        self.defs.len()
    }

    /// Whether no id was reserved.
    pub fn is_empty(&self) -> bool {
        self.defs.is_empty()
    }

    /// Every defined type with its id.
    pub fn iter(&self) -> impl Iterator<Item = (TypeId, &TypeDef)> {
        self.defs
            .iter()
            .enumerate()
            .filter_map(|(index, def)| Some((TypeId(index), def.as_ref()?)))
    }

    /// Ids that were reserved and never defined (an invariant violation).
    pub fn undefined(&self) -> impl Iterator<Item = TypeId> + '_ {
        self.defs
            .iter()
            .enumerate()
            .filter(|(_, def)| def.is_none())
            .map(|(index, _)| TypeId(index))
    }
}

/// A named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeDef {
    /// Logical name, unique in the API.
    pub name: Words,
    /// A longer name qualified by where the type is used, for a target language in which
    /// `name` is taken (a short name such as `Result`).
    pub qualified: Option<Words>,
    /// Description (Markdown).
    pub docs: Option<String>,
    /// Where the type is used from, for generated docs when it has no description.
    pub holder: Option<Holder>,
    /// The shape.
    pub kind: TypeKind,
}

/// The place a type is described from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Holder {
    /// A field (of a struct, or of a form body when `parent` is `None`).
    Field {
        /// The struct holding the field.
        parent: Option<TypeId>,
        /// The field's wire name.
        field: String,
        /// Whether the type is the element of an array field.
        element: bool,
    },
    /// A parameter.
    Parameter {
        /// The parameter's wire name.
        name: String,
    },
    /// The request body of an operation.
    Body {
        /// Index into [`Api::operations`].
        operation: usize,
    },
    /// A response body of an operation.
    Response {
        /// Index into [`Api::operations`].
        operation: usize,
        /// The response's status.
        status: Status,
    },
}

/// The shape of a named type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum TypeKind {
    /// A record with named fields.
    Struct {
        /// Fields in the description's order.
        fields: Vec<Field>,
        /// The type of properties beyond `fields`, when they are allowed and kept.
        additional: Option<TypeRef>,
    },
    /// One of a list of JSON values.
    Enum {
        /// The values, in the description's order.
        values: Vec<EnumValue>,
        /// Whether other values may arrive (a response enum that must survive new values).
        open: bool,
    },
    /// One of several types.
    Union {
        /// The alternatives.
        variants: Vec<Variant>,
        /// How the alternative is recognised.
        tagging: Tagging,
    },
    /// Another name for a type.
    Alias {
        /// The type it stands for.
        target: TypeRef,
    },
}

/// A field of a struct.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Key on the wire.
    pub wire_name: String,
    /// Its type (`Nullable` when `null` is a value it may hold).
    pub ty: TypeRef,
    /// Whether it is always present.
    pub required: bool,
    /// A value the description gives as the default.
    pub default: Option<Value>,
    /// Only sent by the server.
    pub read_only: bool,
    /// Only sent by the client.
    pub write_only: bool,
    /// Whether the description marks it deprecated.
    pub deprecated: bool,
    /// How the field is encoded as a part of a form body (forms only).
    pub part: Option<PartEncoding>,
    /// Description (Markdown).
    pub docs: Option<String>,
    /// What the front end could not decide about it.
    pub notes: Vec<Note>,
}

impl Field {
    /// A field with nothing but its wire name, type and whether it is required.
    pub fn new(wire_name: impl Into<String>, ty: TypeRef, required: bool) -> Self {
        Field {
            wire_name: wire_name.into(),
            ty,
            required,
            default: None,
            read_only: false,
            write_only: false,
            deprecated: false,
            part: None,
            docs: None,
            notes: Vec::new(),
        }
    }
}

/// How a form field's value becomes a part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartEncoding {
    /// A plain text part.
    Text,
    /// The value serialised as JSON in a part with `Content-Type: application/json`.
    Json,
    /// A file: bytes with a file name and content type.
    File,
    /// Nested values spread over `name[key]=value` pairs (OpenAPI's `deepObject` style):
    /// urlencoded forms only.
    Deep,
}

/// A fact a front end records about a type it could not make precise.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Note {
    /// The examples disagree on the field's type, so it holds any JSON value.
    ExamplesDisagree,
}

/// A value of an enum.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnumValue {
    /// The value on the wire.
    pub value: Value,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// An alternative of a union.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Variant {
    /// Logical name, unique in the union.
    pub name: Words,
    /// The tag value that selects it (tagged unions).
    pub tag: Option<String>,
    /// Its type.
    pub ty: TypeRef,
    /// Description (Markdown).
    pub docs: Option<String>,
}

/// How a union's alternative is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Tagging {
    /// The first alternative that decodes.
    Untagged,
    /// A property of the object names the alternative.
    Internal {
        /// The property.
        tag: String,
    },
    /// An object with a tag property and a content property.
    Adjacent {
        /// The tag property.
        tag: String,
        /// The content property.
        content: String,
    },
}
