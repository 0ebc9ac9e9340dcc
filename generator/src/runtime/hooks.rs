
// Hooks: the synchronous request hook, the async hooks before each attempt and after each
// response, and the seam through which the call loop gets bearer tokens from a provider
// (`tokens.rs`, in APIs sent with bearer tokens).

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

/// Where the call loop gets the `Authorization` value of an operation sent with a bearer
/// token, when the client has a token provider: the token cache (`Tokens`), in crates whose
/// API has bearer tokens; never set in the others.
pub(crate) trait BearerSource: fmt::Debug + Send + Sync {
    /// The value to send. `refused` is a value a server has just refused.
    fn authorization<'a>(
        &'a self,
        refused: Option<&'a HeaderValue>,
    ) -> BoxFuture<'a, Result<HeaderValue, HookError>>;
}
