
// Hooks and tokens: the synchronous request hook, the async hooks before each attempt and
// after each response, and bearer tokens from a provider (cached, refreshed once on 401),
// OAuth 2.0 client credentials among them.

/// What a hook returns when it cannot prepare a request, or a token provider when it has no
/// token.
pub type HookError = Box<dyn std::error::Error + Send + Sync>;

/// A boxed future, as hooks and token providers return them.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;

/// The function type behind [`RequestHook`].
pub type HookFn = dyn Fn(&mut reqwest::Request) -> Result<(), HookError> + Send + Sync;

/// A function that sees (and may change) every attempt just before it is sent: signing for
/// authentication schemes the client cannot perform itself (AWS Signature v4, OAuth 1.0, …),
/// extra headers, logging.
#[derive(Clone)]
pub struct RequestHook(pub(crate) std::sync::Arc<HookFn>);

impl RequestHook {
    /// Wraps a hook function.
    pub fn new(
        hook: impl Fn(&mut reqwest::Request) -> Result<(), HookError> + Send + Sync + 'static,
    ) -> Self {
        Self(std::sync::Arc::new(hook))
    }
}

impl fmt::Debug for RequestHook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("RequestHook")
    }
}

/// Which attempt of which call a hook sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Attempt {
    /// The operation called.
    pub operation: &'static Operation,
    /// 1 for the first attempt, 2 for the first retry, ….
    pub number: u32,
}

/// The function type behind [`BeforeAttempt`].
pub type BeforeFn = dyn Fn(Attempt, reqwest::Request) -> BoxFuture<'static, Result<reqwest::Request, HookError>>
    + Send
    + Sync;

/// An async function run before each attempt, after the credentials are added: it gets the
/// request and gives back the one to send (signed, with headers added), or an error that
/// fails the call with [`Error::InvalidRequest`].
#[derive(Clone)]
pub struct BeforeAttempt(std::sync::Arc<BeforeFn>);

impl BeforeAttempt {
    /// Wraps an async hook function.
    pub fn new<F, Fut>(hook: F) -> Self
    where
        F: Fn(Attempt, reqwest::Request) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = Result<reqwest::Request, HookError>> + Send + 'static,
    {
        Self(std::sync::Arc::new(move |attempt, request| {
            Box::pin(hook(attempt, request))
        }))
    }
}

impl fmt::Debug for BeforeAttempt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("BeforeAttempt")
    }
}

/// What [`AfterResponse`] sees of each response, before it is decoded or retried.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Answer<'a> {
    /// The attempt it answers.
    pub attempt: Attempt,
    /// Its status.
    pub status: StatusCode,
    /// Its headers.
    pub headers: &'a HeaderMap,
    /// The time from sending to the status and headers.
    pub elapsed: Duration,
}

/// The function type behind [`AfterResponse`].
pub type AfterFn = dyn Fn(Answer<'_>) -> BoxFuture<'static, ()> + Send + Sync;

/// An async function run after each response arrives (retried ones included), for metrics and
/// logs: it copies what it needs from the [`Answer`] before it returns its future.
#[derive(Clone)]
pub struct AfterResponse(std::sync::Arc<AfterFn>);

impl AfterResponse {
    /// Wraps an async hook function.
    pub fn new<F, Fut>(hook: F) -> Self
    where
        F: Fn(Answer<'_>) -> Fut + Send + Sync + 'static,
        Fut: std::future::Future<Output = ()> + Send + 'static,
    {
        Self(std::sync::Arc::new(move |answer| Box::pin(hook(answer))))
    }
}

impl fmt::Debug for AfterResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AfterResponse")
    }
}

/// A bearer token and how long it stays valid.
#[derive(Clone)]
pub struct Token {
    header: HeaderValue,
    expires_in: Option<Duration>,
}

impl Token {
    /// A token sent as `Authorization: Bearer <token>`; `expires_in` is its lifetime as the
    /// issuer gives it (`None`: until a server refuses it).
    pub fn bearer(token: &str, expires_in: Option<Duration>) -> Result<Self, HookError> {
        let mut header = HeaderValue::from_str(&format!("Bearer {token}"))
            .map_err(|_| "the token contains characters not allowed in a header")?;
        header.set_sensitive(true);
        Ok(Self { header, expires_in })
    }
}

impl fmt::Debug for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Token")
            .field("expires_in", &self.expires_in)
            .finish_non_exhaustive()
    }
}

/// Where bearer tokens come from: a refresh flow, a vault, a metadata service. The client
/// caches the token until shortly before it expires, asks again when a server answers `401`
/// (once per call), and never asks twice at the same time.
pub trait TokenProvider: Send + Sync + 'static {
    /// A new token.
    fn token(&self) -> BoxFuture<'_, Result<Token, HookError>>;
}

/// A cached token is renewed this long before it expires.
const TOKEN_MARGIN: Duration = Duration::from_secs(30);

/// The cached `Authorization` value and when it expires.
type Cached = Option<(HeaderValue, Option<Instant>)>;

/// A [`TokenProvider`] behind a cache, shared by clones of a client.
#[derive(Clone)]
pub struct Tokens {
    provider: std::sync::Arc<dyn TokenProvider>,
    cached: std::sync::Arc<tokio::sync::Mutex<Cached>>,
}

impl fmt::Debug for Tokens {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Tokens")
    }
}

impl Tokens {
    /// Caches the tokens of `provider`.
    pub fn new(provider: impl TokenProvider) -> Self {
        Self {
            provider: std::sync::Arc::new(provider),
            cached: std::sync::Arc::default(),
        }
    }

    /// The `Authorization` value to send: the cached token while it is valid, else a new one.
    /// `refused` is a value a server has just refused: it is replaced unless another call has
    /// replaced it already.
    pub async fn header(&self, refused: Option<&HeaderValue>) -> Result<HeaderValue, HookError> {
        let mut cached = self.cached.lock().await;
        if let Some((header, expires)) = cached.as_ref() {
            let fresh = expires.is_none_or(|at| Instant::now() + TOKEN_MARGIN < at);
            if fresh && refused != Some(header) {
                return Ok(header.clone());
            }
        }
        let token = self.provider.token().await?;
        let expires = token
            .expires_in
            .and_then(|lifetime| Instant::now().checked_add(lifetime));
        *cached = Some((token.header.clone(), expires));
        Ok(token.header)
    }
}

/// OAuth 2.0 client credentials (RFC 6749 §4.4): tokens from the token URL for a client id
/// and secret, sent with HTTP Basic authentication.
pub struct ClientCredentials {
    http: reqwest::Client,
    token_url: String,
    client_id: String,
    client_secret: String,
    scopes: Vec<String>,
}

impl fmt::Debug for ClientCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientCredentials")
            .field("client_id", &self.client_id)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

impl ClientCredentials {
    /// Tokens from `token_url` for this client.
    pub fn new(
        token_url: impl Into<String>,
        client_id: impl Into<String>,
        client_secret: impl Into<String>,
    ) -> Self {
        Self {
            http: reqwest::Client::new(),
            token_url: token_url.into(),
            client_id: client_id.into(),
            client_secret: client_secret.into(),
            scopes: Vec::new(),
        }
    }

    /// Asks for these scopes.
    pub fn scopes(mut self, scopes: impl IntoIterator<Item = impl Into<String>>) -> Self {
        self.scopes = scopes.into_iter().map(Into::into).collect();
        self
    }

    /// Sends token requests with this client (its proxy and TLS settings).
    pub fn http_client(mut self, http: reqwest::Client) -> Self {
        self.http = http;
        self
    }

    async fn fetch(&self) -> Result<Token, HookError> {
        // RFC 6749 §2.3.1: the id and secret are form-encoded before Basic encodes them;
        // unreserved characters stay as they are (servers that never decode still match).
        let encode = |text: &str| percent_encoding::utf8_percent_encode(text, SEGMENT).to_string();
        let mut form = "grant_type=client_credentials".to_owned();
        if !self.scopes.is_empty() {
            form.push_str("&scope=");
            form.push_str(&encode(&self.scopes.join(" ")));
        }
        let response = self
            .http
            .post(&self.token_url)
            .basic_auth(encode(&self.client_id), Some(encode(&self.client_secret)))
            .header(reqwest::header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .header(reqwest::header::ACCEPT, "application/json")
            .body(form)
            .timeout(DEFAULT_TIMEOUT)
            .send()
            .await
            .map_err(|error| format!("the token request failed: {}", error.without_url()))?;
        let status = response.status();
        let body = response
            .bytes()
            .await
            .map_err(|error| format!("the token response could not be read: {}", error.without_url()))?;
        if !status.is_success() {
            return Err(format!("the token endpoint answered {status}").into());
        }
        #[derive(serde::Deserialize)]
        struct Issued {
            access_token: String,
            expires_in: Option<u64>,
        }
        let issued: Issued = serde_json::from_slice(&body)
            .map_err(|error| format!("the token response is not a token: {error}"))?;
        Token::bearer(&issued.access_token, issued.expires_in.map(Duration::from_secs))
    }
}

impl TokenProvider for ClientCredentials {
    fn token(&self) -> BoxFuture<'_, Result<Token, HookError>> {
        Box::pin(self.fetch())
    }
}
