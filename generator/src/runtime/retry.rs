
// Retries: the policy, the one function that decides whether an attempt is repeated
// (`decide`), `Retry-After` parsing and backoff with full jitter.

/// When a call is repeated, and how long the client waits in between.
///
/// The rules (decided in one place, [`decide`]):
///
/// - A response that says when to come back is retried for any method: `429`, and `503`
///   with `Retry-After`. The wait is `retry-after-ms`, else `Retry-After` in seconds, else
///   `Retry-After` as an HTTP date; without them, the backoff. A wait longer than
///   [`max_retry_after`](Self::max_retry_after) (or than the call's deadline leaves) fails the
///   call at once with [`Error::RateLimited`].
/// - A failure to connect (nothing was sent) is retried for any method.
/// - `408`, `502`, `503` and `504` without `Retry-After`, a timed-out attempt, and a
///   connection lost after sending are retried for idempotent methods (`GET`, `HEAD`,
///   `OPTIONS`, `PUT`, `DELETE`, `TRACE`) and for any call that carries an idempotency key.
/// - Such an ambiguous failure of a `POST` or `PATCH` without a key, and any `500`, is only
///   retried after [`retry_ambiguous(true)`](Self::retry_ambiguous).
/// - Nothing else is retried.
///
/// The backoff before attempt `n + 1` is a random duration between zero and
/// `min(max_backoff, initial_backoff × 2ⁿ⁻¹)` (exponential, full jitter).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_retry_after: Duration,
    retry_ambiguous: bool,
}

impl Default for RetryPolicy {
    /// 3 attempts in all, backoff from 0.5 s up to 8 s, `Retry-After` honoured up to 60 s,
    /// ambiguous failures not repeated.
    fn default() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(500),
            max_backoff: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
            retry_ambiguous: false,
        }
    }
}

impl RetryPolicy {
    /// Never retries: every call is one attempt.
    pub fn none() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }

    /// Sets how many attempts a call makes at most, the first included (at least 1).
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// Sets the backoff: the first wait is at most `initial`, each further one at most twice
    /// the last, never more than `max`.
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.initial_backoff = initial;
        self.max_backoff = max.max(initial);
        self
    }

    /// Sets the longest wait a server may ask for with `Retry-After`; a longer one fails the
    /// call at once with [`Error::RateLimited`].
    pub fn max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// Also repeats calls whose outcome is unknown: a `500`, or a `POST` or `PATCH` without an
    /// idempotency key that timed out, lost its connection after sending or got `408`, `502`,
    /// `503` or `504`. Only for APIs where doing something twice is harmless.
    pub fn retry_ambiguous(mut self, retry: bool) -> Self {
        self.retry_ambiguous = retry;
        self
    }

    /// How many attempts a call makes at most.
    pub fn attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest backoff before attempt `attempt + 1` (the jitter picks up to this).
    pub fn backoff_cap(&self, attempt: u32) -> Duration {
        let doubling = 2u32.saturating_pow(attempt.saturating_sub(1));
        self.initial_backoff
            .saturating_mul(doubling)
            .min(self.max_backoff)
    }

    /// A random backoff before attempt `attempt + 1`: between zero and
    /// [`backoff_cap`](Self::backoff_cap), uniformly.
    pub fn backoff_wait(&self, attempt: u32) -> Duration {
        let cap = self.backoff_cap(attempt).as_nanos();
        if cap == 0 {
            return Duration::ZERO;
        }
        let nanos = u128::from(random_u64()) % (cap + 1);
        Duration::from_nanos(u64::try_from(nanos).unwrap_or(u64::MAX))
    }
}

/// How one attempt ended, as far as retrying is concerned.
#[derive(Debug, Clone, Copy)]
pub enum Outcome<'a> {
    /// The server answered.
    Answered(StatusCode, &'a HeaderMap),
    /// No connection could be made: nothing was sent.
    ConnectFailed,
    /// The attempt took longer than its timeout.
    TimedOut,
    /// The connection failed after the request may have been sent.
    Interrupted,
    /// A failure that would happen again (an invalid request, a redirect loop).
    Fatal,
}

/// What the call does after an attempt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Keep this outcome.
    Stop,
    /// Try again after the backoff.
    Backoff,
    /// Try again after the wait the server asked for.
    After(Duration),
    /// The server asked for a wait longer than the policy allows: fail at once.
    TooLong(Duration),
}

/// Whether a method may be repeated without changing the outcome (RFC 9110 §9.2.2).
pub fn idempotent_method(method: &reqwest::Method) -> bool {
    use reqwest::Method;
    [
        Method::GET,
        Method::HEAD,
        Method::OPTIONS,
        Method::PUT,
        Method::DELETE,
        Method::TRACE,
    ]
    .contains(method)
}

/// The one place that decides whether an attempt is repeated (see [`RetryPolicy`] for the
/// rules). `repeatable` is whether the call is idempotent: its method is, or it carries an
/// idempotency key. Attempt limits and the deadline are the caller's to apply.
pub fn decide(
    policy: &RetryPolicy,
    repeatable: bool,
    outcome: Outcome<'_>,
    now: SystemTime,
) -> Decision {
    let safe = repeatable || policy.retry_ambiguous;
    let asked = |headers: &HeaderMap| match retry_after(headers, now) {
        Some(wait) if wait > policy.max_retry_after => Decision::TooLong(wait),
        Some(wait) => Decision::After(wait),
        None => Decision::Backoff,
    };
    match outcome {
        Outcome::Answered(status, headers) => match status.as_u16() {
            429 => asked(headers),
            503 if has_retry_after(headers) => asked(headers),
            408 | 502 | 503 | 504 if safe => Decision::Backoff,
            500 if policy.retry_ambiguous => Decision::Backoff,
            _ => Decision::Stop,
        },
        Outcome::ConnectFailed => Decision::Backoff,
        Outcome::TimedOut | Outcome::Interrupted if safe => Decision::Backoff,
        Outcome::TimedOut | Outcome::Interrupted | Outcome::Fatal => Decision::Stop,
    }
}

fn has_retry_after(headers: &HeaderMap) -> bool {
    headers.contains_key("retry-after-ms") || headers.contains_key(reqwest::header::RETRY_AFTER)
}

/// The wait a response asks for: `retry-after-ms` (milliseconds, fractions allowed), else
/// `Retry-After` as seconds, else as an HTTP date (`Sun, 06 Nov 1994 08:49:37 GMT`; a date in
/// the past is no wait). Garbage and negative values are ignored (`None`); a number too large
/// to represent is [`Duration::MAX`].
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let text = |name: &str| headers.get(name)?.to_str().ok().map(str::trim);
    if let Some(wait) = text("retry-after-ms").and_then(|value| seconds(value, 1000.0)) {
        return Some(wait);
    }
    let value = text("retry-after")?;
    if let Some(wait) = seconds(value, 1.0) {
        return Some(wait);
    }
    let date = http_date(value)?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

/// A non-negative decimal number of `per_second` units as a duration.
fn seconds(value: &str, per_second: f64) -> Option<Duration> {
    let mut parts = value.splitn(2, '.');
    let whole = parts.next()?;
    let fraction = parts.next().unwrap_or("0");
    let digits = |text: &str| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit());
    if !digits(whole) || !digits(fraction) {
        return None;
    }
    let number: f64 = value.parse().ok()?;
    Some(Duration::try_from_secs_f64(number / per_second).unwrap_or(Duration::MAX))
}

/// An IMF-fixdate (RFC 9110 §5.6.7), the form servers must send: `Sun, 06 Nov 1994 08:49:37
/// GMT`.
pub fn http_date(value: &str) -> Option<SystemTime> {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let words: Vec<&str> = value.split_ascii_whitespace().collect();
    let [weekday, day, month, year, time, "GMT"] = words[..] else {
        return None;
    };
    if !(weekday.len() == 4 && weekday.ends_with(',')) {
        return None;
    }
    let day = number(day, 2)?;
    let month = MONTHS.iter().position(|name| *name == month)? as u64 + 1;
    let year = number(year, 4)?;
    let mut clock = time.split(':');
    let (hour, minute, second) = (
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
        number(clock.next()?, 2)?,
    );
    if clock.next().is_some() || year < 1970 || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    // Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
    let (y, m) = if month <= 2 { (year - 1, month + 9) } else { (year, month - 3) };
    let era = y / 400;
    let year_of_era = y - era * 400;
    let day_of_year = (153 * m + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    let days = (era * 146_097 + day_of_era).checked_sub(719_468)?;
    let seconds = days * 86_400 + hour * 3600 + minute * 60 + second;
    SystemTime::UNIX_EPOCH.checked_add(Duration::from_secs(seconds))
}

/// `text` as a decimal number of exactly `width` digits.
fn number(text: &str, width: usize) -> Option<u64> {
    (text.len() == width && text.bytes().all(|byte| byte.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// 64 random bits for jitter and idempotency keys. Not for secrets: std's `RandomState` is
/// seeded from the operating system once per thread and gets new keys on every call, which
/// is enough to spread retries and keep keys unique.
pub fn random_u64() -> u64 {
    use std::hash::{BuildHasher, Hasher};
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    if let Ok(since) = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH) {
        hasher.write_u128(since.as_nanos());
    }
    hasher.finish()
}

/// A new idempotency key: a random UUID (version 4), one per call.
pub fn idempotency_key() -> String {
    let (high, low) = (random_u64(), random_u64());
    let high = (high & !0xf000) | 0x4000;
    let low = (low & !(0b11 << 62)) | (0b10 << 62);
    format!(
        "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
        high >> 32,
        (high >> 16) & 0xffff,
        high & 0xffff,
        low >> 48,
        low & 0xffff_ffff_ffff
    )
}
