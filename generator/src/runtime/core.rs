//! Runtime support shared by every operation: the response wrapper, the error type, and the
//! rules for turning parameters into a request.
//!
//! This module is written by hand in courier and copied verbatim into each generated crate.

use std::fmt;
use std::ops::{Deref, DerefMut};
use std::time::{Duration, Instant, SystemTime};

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;

/// How many bytes of an unexpected or undecodable body error messages quote.
const EXCERPT_BYTES: usize = 256;

/// A successful (or documented) response: status, headers and the decoded body.
///
/// Derefs to the body, so `response.field` reads a field of the body directly.
#[derive(Debug, Clone)]
pub struct Response<T> {
    status: StatusCode,
    // Boxed so `Error`, which holds a response, stays small enough to return by value.
    headers: Box<HeaderMap>,
    body: T,
}

impl<T> Response<T> {
    /// Wraps a decoded body with the status and headers it arrived with.
    pub fn new(status: StatusCode, headers: HeaderMap, body: T) -> Self {
        Self {
            status,
            headers: Box::new(headers),
            body,
        }
    }

    /// The HTTP status code.
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// The response headers.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The decoded body.
    pub fn into_inner(self) -> T {
        self.body
    }

    /// Status, headers and body.
    pub fn into_parts(self) -> (StatusCode, HeaderMap, T) {
        (self.status, *self.headers, self.body)
    }

    /// Transforms the body, keeping status and headers.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Response<U> {
        Response {
            status: self.status,
            headers: self.headers,
            body: f(self.body),
        }
    }
}

impl<T> Deref for Response<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.body
    }
}

impl<T> DerefMut for Response<T> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.body
    }
}

/// Everything a call can fail with. `E` is the operation's documented error type.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error<E> {
    /// The request was not sent because a parameter or setting was invalid.
    InvalidRequest(InvalidRequest),
    /// The server answered with an error status the API documents; the body is decoded
    /// into the operation's error type.
    Api(Response<E>),
    /// The server answered with a status the API does not document for this operation.
    /// The raw body is kept.
    UnexpectedStatus(Response<Bytes>),
    /// The request could not be sent or the response not read (connection, timeout, TLS).
    /// The error's URL has no query and no user info: they may hold credentials.
    Transport(reqwest::Error),
    /// The response body does not match the documented type.
    Decode {
        /// Status of the response whose body failed to decode.
        status: StatusCode,
        /// The decoder's message.
        source: serde_json::Error,
        /// The start of the body, for diagnosis.
        excerpt: String,
    },
    /// The server asked to retry later (`429`, or `503` with `Retry-After`), but after a
    /// longer wait than the retry policy allows (`max_retry_after`) or the call's deadline
    /// leaves. The call fails at once instead of sleeping.
    RateLimited {
        /// The response, with its raw body.
        response: Response<Bytes>,
        /// The wait the server asked for.
        retry_after: Duration,
    },
    /// An attempt took longer than its timeout, or the call longer than its deadline.
    Timeout {
        /// The limit that ran out.
        limit: Duration,
        /// Whether it is the call's deadline (retries included) rather than one attempt's
        /// timeout.
        whole_call: bool,
    },
    /// The response (or one event of a stream) is larger than the client accepts.
    TooLarge {
        /// Status of the response.
        status: StatusCode,
        /// The limit, in bytes.
        limit: usize,
    },
}

impl<E> Error<E> {
    /// The HTTP status of the response, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedStatus(response) | Error::RateLimited { response, .. } => {
                Some(response.status())
            }
            Error::Decode { status, .. } | Error::TooLarge { status, .. } => Some(*status),
            Error::Transport(error) => error.status(),
            Error::InvalidRequest(_) | Error::Timeout { .. } => None,
        }
    }

    /// The documented error body, when the server sent one.
    pub fn api_error(&self) -> Option<&E> {
        match self {
            Error::Api(response) => Some(response),
            _ => None,
        }
    }
}

impl<E> fmt::Display for Error<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::InvalidRequest(error) => write!(f, "invalid request: {error}"),
            Error::Api(response) => write!(f, "the server answered {}", response.status()),
            Error::UnexpectedStatus(response) => write!(
                f,
                "the server answered {}, which the API does not document: {}",
                response.status(),
                excerpt(&response.body)
            ),
            Error::Transport(error) => write!(f, "request failed: {error}"),
            Error::Decode {
                status,
                source,
                excerpt,
            } => write!(
                f,
                "the {status} response body does not match its documented type ({source}); it starts with: {excerpt}"
            ),
            Error::RateLimited {
                response,
                retry_after,
            } => write!(
                f,
                "the server answered {} and asked to retry in {} s, longer than the client waits",
                response.status(),
                retry_after.as_secs_f64()
            ),
            Error::Timeout { limit, whole_call } => write!(
                f,
                "the {} did not finish within {} s",
                if *whole_call { "call" } else { "attempt" },
                limit.as_secs_f64()
            ),
            Error::TooLarge { status, limit } => write!(
                f,
                "the {status} response is larger than the client accepts ({limit} bytes)"
            ),
        }
    }
}

impl<E: fmt::Debug> std::error::Error for Error<E> {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::InvalidRequest(error) => Some(error),
            Error::Transport(error) => Some(error),
            Error::Decode { source, .. } => Some(source),
            Error::Api(_)
            | Error::UnexpectedStatus(_)
            | Error::RateLimited { .. }
            | Error::Timeout { .. }
            | Error::TooLarge { .. } => None,
        }
    }
}

impl<E> From<InvalidRequest> for Error<E> {
    fn from(error: InvalidRequest) -> Self {
        Error::InvalidRequest(error)
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(mut error: reqwest::Error) -> Self {
        // reqwest quotes the request URL in its messages. The query may carry an API key and
        // the user info a password, so only scheme, host, port and path are kept.
        if let Some(url) = error.url_mut() {
            url.set_query(None);
            url.set_fragment(None);
            // Only URLs without a host refuse these; then there is no user info either.
            let _ = url.set_username("");
            let _ = url.set_password(None);
        }
        Error::Transport(error)
    }
}

/// Why a request was refused before anything was sent. The message never contains secrets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidRequest {
    message: String,
}

impl InvalidRequest {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// A required value was never set on the request builder.
    pub fn missing(what: &str) -> Self {
        Self::new(format!("`{what}` is required but was not set"))
    }
}

impl fmt::Display for InvalidRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for InvalidRequest {}

/// Why a [`Client`](super::Client) could not be built.
#[derive(Debug)]
pub struct BuildError {
    message: String,
    source: Option<reqwest::Error>,
}

impl BuildError {
    /// An error with this message.
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            source: None,
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for BuildError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.source.as_ref().map(|error| error as _)
    }
}

impl From<reqwest::Error> for BuildError {
    fn from(error: reqwest::Error) -> Self {
        Self {
            message: "the HTTP client could not be created".to_owned(),
            source: Some(error),
        }
    }
}

/// Parses and checks a base URL: absolute `http` or `https`, no query or fragment.
pub fn parse_base_url(value: &str) -> Result<Url, BuildError> {
    // Messages never quote the URL: it may carry a password.
    let url = Url::parse(value)
        .map_err(|error| BuildError::new(format!("the base URL is not a valid URL: {error}")))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(BuildError::new(format!(
            "the base URL must use http or https, not `{}`",
            url.scheme()
        )));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(BuildError::new(
            "the base URL must not have a query or fragment",
        ));
    }
    Ok(url)
}

/// Joins the base URL and an already-encoded path (starting with `/`).
///
/// The base URL's own path is kept: `https://api.zoom.us/v2` + `/users` is
/// `https://api.zoom.us/v2/users`.
pub fn join_url(base: &Url, path: &str) -> Result<Url, InvalidRequest> {
    let joined = format!("{}{}", base.as_str().trim_end_matches('/'), path);
    Url::parse(&joined).map_err(|error| InvalidRequest::new(format!("invalid URL: {error}")))
}

/// Characters sent as themselves in a path segment: RFC 3986 unreserved. Everything else,
/// including `/`, `?`, `#`, `%` and space, is percent-encoded.
const SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Encodes a path parameter as exactly one path segment.
///
/// Empty values, `.` and `..` are refused: they would change which resource the request
/// addresses (URL parsers drop or resolve them).
pub fn path_segment(name: &str, value: &str) -> Result<String, InvalidRequest> {
    match value {
        "" => Err(InvalidRequest::new(format!(
            "path parameter `{name}` must not be empty"
        ))),
        "." | ".." => Err(InvalidRequest::new(format!(
            "path parameter `{name}` must not be `{value}`"
        ))),
        _ => Ok(percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()),
    }
}

/// A header value from a parameter. Values with CR, LF or other control characters are
/// refused: they could end the header and inject others.
pub fn header_value(name: &str, value: &str) -> Result<HeaderValue, InvalidRequest> {
    if value
        .bytes()
        .any(|byte| byte.is_ascii_control() && byte != b'\t')
    {
        return Err(InvalidRequest::new(format!(
            "header `{name}` must not contain control characters such as CR or LF"
        )));
    }
    HeaderValue::from_str(value)
        .map_err(|_| InvalidRequest::new(format!("header `{name}` has an invalid value")))
}

/// Reads the whole body of a response.
async fn read<E>(response: Received) -> Result<(StatusCode, HeaderMap, Bytes), Error<E>> {
    response.bytes().await
}

/// Decodes a JSON body into `T`.
pub async fn json<T: DeserializeOwned, E>(
    response: Received,
) -> Result<Response<T>, Error<E>> {
    let (status, headers, body) = read(response).await?;
    let value = decode(status, &body)?;
    Ok(Response::new(status, headers, value))
}

/// Reads a text body (invalid UTF-8 is replaced, never an error).
pub async fn text<E>(response: Received) -> Result<Response<String>, Error<E>> {
    let (status, headers, body) = read(response).await?;
    Ok(Response::new(
        status,
        headers,
        String::from_utf8_lossy(&body).into_owned(),
    ))
}

/// The raw body of a success the API does not describe.
pub async fn raw<E>(response: Received) -> Result<Response<Bytes>, Error<E>> {
    let (status, headers, body) = read(response).await?;
    Ok(Response::new(status, headers, body))
}

/// A response whose body is documented as empty; any body is read and discarded.
pub async fn empty<E>(response: Received) -> Result<Response<()>, Error<E>> {
    let (status, headers, _) = read(response).await?;
    Ok(Response::new(status, headers, ()))
}

/// A JSON body decoded into `T` and wrapped by `variant` (one of several documented
/// successes).
pub async fn json_as<T: DeserializeOwned, S, E>(
    response: Received,
    variant: fn(T) -> S,
) -> Result<Response<S>, Error<E>> {
    Ok(json::<T, E>(response).await?.map(variant))
}

/// A text body wrapped by `variant` (one of several documented successes).
pub async fn text_as<S, E>(
    response: Received,
    variant: fn(String) -> S,
) -> Result<Response<S>, Error<E>> {
    Ok(text(response).await?.map(variant))
}

/// A success without a body, answered with `value` (one of several documented successes).
pub async fn empty_as<S, E>(
    response: Received,
    value: S,
) -> Result<Response<S>, Error<E>> {
    Ok(empty(response).await?.map(|()| value))
}

/// A documented error status with a JSON body, decoded and wrapped by `variant`. Always an
/// `Err`, typed to fit any operation's result.
pub async fn error_json<B: DeserializeOwned, T, E>(
    response: Received,
    variant: fn(B) -> E,
) -> Result<T, Error<E>> {
    let (status, headers, body) = read(response).await?;
    let value = decode(status, &body)?;
    Err(Error::Api(Response::new(status, headers, variant(value))))
}

/// A documented error status with a text body, wrapped by `variant`. Always an `Err`.
pub async fn error_text<T, E>(
    response: Received,
    variant: fn(String) -> E,
) -> Result<T, Error<E>> {
    Err(Error::Api(text(response).await?.map(variant)))
}

/// A status the API does not document: keeps status, headers and raw body. Always an `Err`.
pub async fn unexpected<T, E>(response: Received) -> Result<T, Error<E>> {
    let (status, headers, body) = read(response).await?;
    Err(Error::UnexpectedStatus(Response::new(
        status, headers, body,
    )))
}

fn decode<T: DeserializeOwned, E>(status: StatusCode, body: &[u8]) -> Result<T, Error<E>> {
    serde_json::from_slice(body).map_err(|source| Error::Decode {
        status,
        source,
        excerpt: excerpt(body),
    })
}

/// The start of a body as text, cut at a character boundary.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    if text.len() <= EXCERPT_BYTES {
        return text.into_owned();
    }
    let mut end = EXCERPT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}…", &text[..end])
}
