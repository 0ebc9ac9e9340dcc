
// The call: how a client makes one (settings, per-request options, the operation it belongs
// to), the one loop of attempts (`execute`), and reading a response within its time and size.

/// The timeout of one attempt unless configured: 30 seconds.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);
/// The deadline of a whole call, retries and waits included, unless configured: 2 minutes.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(120);
/// The largest response body read unless configured: 32 MiB. A larger one fails the call
/// with [`Error::TooLarge`] instead of filling memory.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;

/// The operation a request belongs to, as hooks and traces see it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Operation {
    /// The client method's name, e.g. `add_internal_numbers`.
    pub name: &'static str,
    /// The description's own identifier (OpenAPI `operationId`), when it has one.
    pub operation_id: Option<&'static str>,
    /// The HTTP method.
    pub method: &'static str,
    /// The path template, e.g. `/accounts/{accountId}/sip_trunk/internal_numbers`.
    pub path: &'static str,
    /// The header that carries an idempotency key, when the API documents one: a call that
    /// does not set it gets a new key, the same on every attempt.
    pub idempotency_header: Option<&'static str>,
    /// Whether it is sent with a bearer token, which a token provider can supply.
    pub bearer: bool,
}

impl Operation {
    /// An operation without `operationId` or idempotency header.
    pub const fn new(name: &'static str, method: &'static str, path: &'static str) -> Self {
        Self {
            name,
            operation_id: None,
            method,
            path,
            idempotency_header: None,
            bearer: false,
        }
    }

    /// With the description's `operationId`.
    pub const fn with_operation_id(mut self, id: &'static str) -> Self {
        self.operation_id = Some(id);
        self
    }

    /// With the header that carries an idempotency key.
    pub const fn with_idempotency_header(mut self, header: &'static str) -> Self {
        self.idempotency_header = Some(header);
        self
    }

    /// Sent with a bearer token.
    pub const fn with_bearer(mut self) -> Self {
        self.bearer = true;
        self
    }
}

/// How a client makes calls: retries, timeouts, the size limit, hooks and tokens. Set on the
/// `ClientBuilder`; each request may override parts with [`RequestOptions`].
#[derive(Debug, Clone)]
pub struct Settings {
    pub(crate) retry: RetryPolicy,
    pub(crate) timeout: Option<Duration>,
    pub(crate) deadline: Option<Duration>,
    pub(crate) max_response_bytes: usize,
    pub(crate) hook: Option<RequestHook>,
    pub(crate) before_attempt: Option<BeforeAttempt>,
    pub(crate) after_response: Option<AfterResponse>,
    pub(crate) tokens: Option<std::sync::Arc<dyn BearerSource>>,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            retry: RetryPolicy::default(),
            timeout: Some(DEFAULT_TIMEOUT),
            deadline: Some(DEFAULT_DEADLINE),
            max_response_bytes: DEFAULT_MAX_RESPONSE_BYTES,
            hook: None,
            before_attempt: None,
            after_response: None,
            tokens: None,
        }
    }
}

/// Settings for one request that override the client's: give them to a request builder's
/// `with_options`.
///
/// ```text
/// client.get_user("me")
///     .with_options(RequestOptions::new().retry(RetryPolicy::none()).timeout(Some(Duration::from_secs(5))))
///     .send()
///     .await?;
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestOptions {
    retry: Option<RetryPolicy>,
    timeout: Option<Option<Duration>>,
    deadline: Option<Option<Duration>>,
    max_response_bytes: Option<usize>,
}

impl RequestOptions {
    /// Options that change nothing.
    pub fn new() -> Self {
        Self::default()
    }

    /// Retries this request by `policy` ([`RetryPolicy::none`] makes it one attempt).
    pub fn retry(mut self, policy: RetryPolicy) -> Self {
        self.retry = Some(policy);
        self
    }

    /// The timeout of each attempt, from sending to the end of the body; `None` waits
    /// indefinitely.
    pub fn timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// The deadline of the whole call, retries and waits included; `None` has none.
    pub fn deadline(mut self, deadline: Option<Duration>) -> Self {
        self.deadline = Some(deadline);
        self
    }

    /// The largest response body this request reads.
    pub fn max_response_bytes(mut self, limit: usize) -> Self {
        self.max_response_bytes = Some(limit);
        self
    }
}

/// A time limit that applies to part of a call: when it ends, how long it was, and whether it
/// is the call's deadline (or one attempt's timeout).
#[derive(Debug, Clone, Copy)]
struct Limit {
    ends: Instant,
    length: Duration,
    whole_call: bool,
}

impl Limit {
    fn error<E>(self) -> Error<E> {
        Error::Timeout {
            limit: self.length,
            whole_call: self.whole_call,
        }
    }
}

/// Runs `future`, giving up at `limit`.
async fn within<F: std::future::Future>(limit: Option<Limit>, future: F) -> Result<F::Output, Limit> {
    match limit {
        Some(limit) => tokio::time::timeout_at(limit.ends.into(), future)
            .await
            .map_err(|_| limit),
        None => Ok(future.await),
    }
}

/// Makes a call: builds the request with `build`, adds the idempotency key, runs the hook and
/// sends it, and repeats that while [`decide`] says so, the policy allows another attempt and
/// the deadline leaves time. Each attempt builds its request anew, so every kind of body
/// (multipart included) is sent again whole.
///
/// The answer is returned for the operation to decode by its status; only a `Retry-After`
/// longer than the policy or the deadline allows ends the call here, with
/// [`Error::RateLimited`].
pub async fn execute<E>(
    http: &reqwest::Client,
    settings: &Settings,
    operation: &'static Operation,
    options: &RequestOptions,
    build: impl Fn() -> Result<reqwest::RequestBuilder, InvalidRequest>,
) -> Result<Received, Error<E>> {
    let policy = options.retry.as_ref().unwrap_or(&settings.retry);
    let timeout = options.timeout.unwrap_or(settings.timeout);
    let max_bytes = options
        .max_response_bytes
        .unwrap_or(settings.max_response_bytes);
    let started = Instant::now();
    let deadline = options
        .deadline
        .unwrap_or(settings.deadline)
        .and_then(|length| {
            Some(Limit {
                ends: started.checked_add(length)?,
                length,
                whole_call: true,
            })
        });
    let key = operation.idempotency_header.map(|_| idempotency_key());
    let trace = trace::call(operation);
    // `attempt` counts against the policy; `number` is what hooks see (a token refresh
    // repeats an attempt without using up the policy's).
    let (mut attempt, mut number) = (1, 0);
    let mut refused: Option<HeaderValue> = None;
    loop {
        number += 1;
        let mut request = build()?.build()?;
        let mut repeatable = idempotent_method(request.method());
        if let (Some(header), Some(key)) = (operation.idempotency_header, &key) {
            if !request.headers().contains_key(header) {
                let value = HeaderValue::from_str(key)
                    .map_err(|_| InvalidRequest::new("invalid idempotency key"))?;
                request.headers_mut().insert(header, value);
            }
            repeatable = true;
        }
        let token = match &settings.tokens {
            Some(tokens)
                if operation.bearer
                    && !request.headers().contains_key(reqwest::header::AUTHORIZATION) =>
            {
                let header = tokens.authorization(refused.as_ref()).await.map_err(|error| {
                    InvalidRequest::new(format!("the token provider failed: {error}"))
                })?;
                request
                    .headers_mut()
                    .insert(reqwest::header::AUTHORIZATION, header.clone());
                Some(header)
            }
            _ => None,
        };
        if let Some(hook) = &settings.hook {
            (hook.0)(&mut request).map_err(|error| {
                InvalidRequest::new(format!("the request hook failed: {error}"))
            })?;
        }
        let this = Attempt { operation, number };
        if let Some(hook) = &settings.before_attempt {
            request = (hook.0)(this, request).await.map_err(|error| {
                InvalidRequest::new(format!("the before-attempt hook failed: {error}"))
            })?;
        }
        let sent = Instant::now();
        let attempt_limit = timeout.and_then(|length| {
            Some(Limit {
                ends: Instant::now().checked_add(length)?,
                length,
                whole_call: false,
            })
        });
        let limit = match (attempt_limit, deadline) {
            (Some(a), Some(d)) => Some(if d.ends <= a.ends { d } else { a }),
            (a, d) => a.or(d),
        };
        let result = within(limit, http.execute(request)).await;
        let status = match &result {
            Ok(Ok(response)) => Some(response.status()),
            _ => None,
        };
        trace.attempt(number, status, sent.elapsed());
        if let Ok(Ok(response)) = &result {
            if let Some(hook) = &settings.after_response {
                let answer = Answer {
                    attempt: this,
                    status: response.status(),
                    headers: response.headers(),
                    elapsed: sent.elapsed(),
                };
                (hook.0)(answer).await;
            }
            // A token the server refuses is replaced once per call, and the attempt repeated
            // at once: the request was not acted on.
            let refresh = response.status() == StatusCode::UNAUTHORIZED && refused.is_none();
            if let Some(token) = token.filter(|_| refresh) {
                refused = Some(token);
                continue;
            }
        }
        let outcome = match &result {
            Ok(Ok(response)) => Outcome::Answered(response.status(), response.headers()),
            Ok(Err(error)) if error.is_connect() => Outcome::ConnectFailed,
            Ok(Err(error)) if error.is_timeout() => Outcome::TimedOut,
            Ok(Err(error)) if error.is_builder() || error.is_redirect() => Outcome::Fatal,
            Ok(Err(_)) => Outcome::Interrupted,
            Err(_) => Outcome::TimedOut,
        };
        let decision = decide(policy, repeatable, outcome, SystemTime::now());
        let left = deadline.map(|deadline| deadline.ends.saturating_duration_since(Instant::now()));
        let fits = |wait: Duration| left.is_none_or(|left| wait < left);
        let another = attempt < policy.attempts();
        let wait = match decision {
            Decision::Stop => None,
            Decision::Backoff => Some(policy.backoff_wait(attempt)).filter(|wait| fits(*wait)),
            Decision::After(wait) if fits(wait) => Some(wait),
            // The server asks for a longer wait than the policy or the deadline allows.
            Decision::After(wait) | Decision::TooLong(wait) => match result {
                Ok(Ok(response)) if another => {
                    trace.finish(status, number, started.elapsed());
                    let received = Received::new(response, max_bytes, limit, timeout);
                    let (status, headers, body) = received.bytes().await?;
                    return Err(Error::RateLimited {
                        response: Response::new(status, headers, body),
                        retry_after: wait,
                    });
                }
                other => {
                    trace.finish(status, number, started.elapsed());
                    return finish(other, max_bytes, limit, timeout);
                }
            },
        };
        match wait {
            Some(wait) if another => {
                trace.retry(wait);
                // The unread body of an answer that is retried is dropped with it.
                drop(result);
                tokio::time::sleep(wait).await;
                attempt += 1;
            }
            _ => {
                trace.finish(status, number, started.elapsed());
                return finish(result, max_bytes, limit, timeout);
            }
        }
    }
}

/// The last attempt's outcome as the call's result.
fn finish<E>(
    result: Result<Result<reqwest::Response, reqwest::Error>, Limit>,
    max_bytes: usize,
    limit: Option<Limit>,
    idle: Option<Duration>,
) -> Result<Received, Error<E>> {
    match result {
        Ok(Ok(response)) => Ok(Received::new(response, max_bytes, limit, idle)),
        Ok(Err(error)) => Err(error.into()),
        Err(limit) => Err(limit.error()),
    }
}

/// A response whose status and headers have arrived, its body not yet read: what an
/// operation decodes by status. Reading stays within the call's size limit and time.
#[derive(Debug)]
pub struct Received {
    response: reqwest::Response,
    max_bytes: usize,
    limit: Option<Limit>,
    /// The attempt timeout: how long a stream may wait for its next bytes.
    idle: Option<Duration>,
}

impl From<reqwest::Response> for Received {
    /// A response read with the default size limit and no time limit.
    fn from(response: reqwest::Response) -> Self {
        Self::new(response, DEFAULT_MAX_RESPONSE_BYTES, None, None)
    }
}

impl Received {
    fn new(
        response: reqwest::Response,
        max_bytes: usize,
        limit: Option<Limit>,
        idle: Option<Duration>,
    ) -> Self {
        Self {
            response,
            max_bytes,
            limit,
            idle,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        self.response.status()
    }

    /// The whole body, refused when larger than the limit or later than the deadline.
    pub async fn bytes<E>(self) -> Result<(StatusCode, HeaderMap, Bytes), Error<E>> {
        let Self {
            mut response,
            max_bytes,
            limit,
            ..
        } = self;
        let status = response.status();
        let too_large = || Error::TooLarge {
            status,
            limit: max_bytes,
        };
        if response
            .content_length()
            .is_some_and(|length| length > max_bytes as u64)
        {
            return Err(too_large());
        }
        let headers = std::mem::take(response.headers_mut());
        let mut body: Vec<u8> = Vec::new();
        while let Some(chunk) = within(limit, response.chunk())
            .await
            .map_err(Limit::error)??
        {
            if body.len() + chunk.len() > max_bytes {
                return Err(too_large());
            }
            body.extend_from_slice(&chunk);
        }
        Ok((status, headers, Bytes::from(body)))
    }

    /// The response, to be read as a stream, and the attempt timeout: a stream bounds each
    /// wait for more bytes by it instead of its whole body by the deadline.
    pub fn into_stream(self) -> (reqwest::Response, Option<Duration>) {
        (self.response, self.idle)
    }
}

/// Tracing of calls, with the crate's `tracing` feature: one `http.call` span per call (the
/// operation, the HTTP method, the path template, the attempts, the final status and the
/// latency) and a debug event per attempt and retry. Never a token, a URL's query or a body.
/// Without the feature these are no-ops the compiler removes. (The lint is allowed for code a
/// build script includes in a crate that has no `tracing` feature.)
#[allow(unexpected_cfgs)]
mod trace {
    #[cfg(feature = "tracing")]
    pub(crate) use self::enabled::call;
    #[cfg(not(feature = "tracing"))]
    pub(crate) use self::disabled::call;

    #[cfg(feature = "tracing")]
    mod enabled {
        use super::super::{Duration, Operation, StatusCode};

        /// The span of one call.
        pub(crate) struct Call(tracing::Span);

        pub(crate) fn call(operation: &Operation) -> Call {
            Call(tracing::info_span!(
                "http.call",
                operation = operation.name,
                operation_id = operation.operation_id,
                http.method = operation.method,
                http.route = operation.path,
                http.status_code = tracing::field::Empty,
                attempts = tracing::field::Empty,
                latency_ms = tracing::field::Empty,
            ))
        }

        impl Call {
            pub(crate) fn attempt(&self, number: u32, status: Option<StatusCode>, elapsed: Duration) {
                tracing::debug!(
                    parent: &self.0,
                    attempt = number,
                    http.status_code = status.map(|status| status.as_u16()),
                    latency_ms = u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
                    "attempt"
                );
            }

            pub(crate) fn retry(&self, wait: Duration) {
                let wait_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
                tracing::debug!(parent: &self.0, wait_ms, "retrying");
            }

            pub(crate) fn finish(&self, status: Option<StatusCode>, attempts: u32, elapsed: Duration) {
                if let Some(status) = status {
                    self.0.record("http.status_code", status.as_u16());
                }
                self.0.record("attempts", attempts);
                self.0.record(
                    "latency_ms",
                    u64::try_from(elapsed.as_millis()).unwrap_or(u64::MAX),
                );
            }
        }
    }

    #[cfg(not(feature = "tracing"))]
    mod disabled {
        use super::super::{Duration, Operation, StatusCode};

        pub(crate) struct Call;

        pub(crate) fn call(_: &Operation) -> Call {
            Call
        }

        impl Call {
            pub(crate) fn attempt(&self, _: u32, _: Option<StatusCode>, _: Duration) {}

            pub(crate) fn retry(&self, _: Duration) {}

            pub(crate) fn finish(&self, _: Option<StatusCode>, _: u32, _: Duration) {}
        }
    }
}
