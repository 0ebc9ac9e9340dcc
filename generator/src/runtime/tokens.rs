
// Bearer tokens from a provider (included when the API sends operations with bearer tokens):
// the provider trait, the cache every call reads (renewed before expiry, replaced once on
// 401, one fetch at a time), and OAuth 2.0 client credentials as a provider.

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
pub struct Tokens {
    provider: Box<dyn TokenProvider>,
    cached: tokio::sync::Mutex<Cached>,
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
            provider: Box::new(provider),
            cached: tokio::sync::Mutex::default(),
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

impl BearerSource for Tokens {
    fn authorization<'a>(
        &'a self,
        refused: Option<&'a HeaderValue>,
    ) -> BoxFuture<'a, Result<HeaderValue, HookError>> {
        Box::pin(self.header(refused))
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
