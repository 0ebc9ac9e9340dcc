//! The retry rules: `Retry-After` parsing, the backoff bounds and `decide`'s table.

use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::runtime::{
    Decision, Outcome, RetryPolicy, decide, http_date, idempotency_key, retry_after,
};

/// Header names and values.
type Pairs<'a> = &'a [(&'static str, &'a str)];

fn headers(pairs: Pairs<'_>) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(*name, value.parse().unwrap());
    }
    map
}

/// 2015-10-21 07:28:00 UTC.
fn now() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480)
}

#[test]
fn retry_after_reads_milliseconds_then_seconds_then_dates() {
    let cases: &[(Pairs<'_>, Option<Duration>)] = &[
        (&[("retry-after", "1")], Some(Duration::from_secs(1))),
        (&[("retry-after", " 120 ")], Some(Duration::from_secs(120))),
        (&[("retry-after", "0")], Some(Duration::ZERO)),
        (&[("retry-after", "1.5")], Some(Duration::from_millis(1500))),
        (
            &[("retry-after-ms", "250")],
            Some(Duration::from_millis(250)),
        ),
        (
            &[("retry-after-ms", "0.5")],
            Some(Duration::from_micros(500)),
        ),
        // Milliseconds win over seconds.
        (
            &[("retry-after-ms", "100"), ("retry-after", "30")],
            Some(Duration::from_millis(100)),
        ),
        // Garbage milliseconds fall back to the seconds.
        (
            &[("retry-after-ms", "soon"), ("retry-after", "2")],
            Some(Duration::from_secs(2)),
        ),
        // Dates: in 90 s, in the past, at the same second.
        (
            &[("retry-after", "Wed, 21 Oct 2015 07:29:30 GMT")],
            Some(Duration::from_secs(90)),
        ),
        (
            &[("retry-after", "Wed, 21 Oct 2015 07:00:00 GMT")],
            Some(Duration::ZERO),
        ),
        (
            &[("retry-after", "Wed, 21 Oct 2015 07:28:00 GMT")],
            Some(Duration::ZERO),
        ),
        // Garbage, negative, signs, exponents, empty, a date in another zone: ignored.
        (&[("retry-after", "soon")], None),
        (&[("retry-after", "-1")], None),
        (&[("retry-after", "+5")], None),
        (&[("retry-after", "1e3")], None),
        (&[("retry-after", "")], None),
        (&[("retry-after", "1.")], None),
        (&[("retry-after", "Wed, 21 Oct 2015 07:29:30 PST")], None),
        (&[("retry-after", "Wed, 32 Oct 2015 07:29:30 GMT")], None),
        (&[("retry-after", "Wed, 21 Oct 2015 25:29:30 GMT")], None),
        (&[("retry-after-ms", "-5")], None),
        (&[], None),
    ];
    for (pairs, expected) in cases {
        assert_eq!(retry_after(&headers(pairs), now()), *expected, "{pairs:?}");
    }
}

#[test]
fn huge_waits_saturate_instead_of_overflowing() {
    let huge = "9".repeat(400);
    for name in ["retry-after", "retry-after-ms"] {
        let wait = retry_after(&headers(&[(name, &huge)]), now()).unwrap();
        assert_eq!(wait, Duration::MAX, "{name}");
    }
    let wait = retry_after(&headers(&[("retry-after", "18446744073709551616")]), now());
    assert!(wait.unwrap() > Duration::from_secs(u64::MAX / 2));
}

#[test]
fn http_dates_are_imf_fixdates() {
    let date = http_date("Sun, 06 Nov 1994 08:49:37 GMT").unwrap();
    assert_eq!(
        date.duration_since(SystemTime::UNIX_EPOCH).unwrap(),
        Duration::from_secs(784_111_777)
    );
    // Leap day, end of a century, far future.
    assert_eq!(
        http_date("Tue, 29 Feb 2000 00:00:00 GMT")
            .unwrap()
            .duration_since(SystemTime::UNIX_EPOCH)
            .unwrap(),
        Duration::from_secs(951_782_400)
    );
    assert!(http_date("Fri, 31 Dec 9999 23:59:59 GMT").is_some());
    // The obsolete forms, before the epoch, and pieces missing are not dates.
    for text in [
        "Sunday, 06-Nov-94 08:49:37 GMT",
        "Sun Nov  6 08:49:37 1994",
        "Thu, 01 Jan 1960 00:00:00 GMT",
        "Sun, 06 Nov 1994 08:49 GMT",
        "Sun, 06 Nov 1994 08:49:37:00 GMT",
        "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 06 November 1994 08:49:37 GMT",
    ] {
        assert_eq!(http_date(text), None, "{text}");
    }
}

#[test]
fn backoff_doubles_up_to_the_cap_with_full_jitter() {
    let policy = RetryPolicy::default();
    let caps: Vec<Duration> = (1..=6).map(|attempt| policy.backoff_cap(attempt)).collect();
    assert_eq!(
        caps,
        [500, 1000, 2000, 4000, 8000, 8000].map(Duration::from_millis)
    );
    assert_eq!(policy.backoff_cap(u32::MAX), Duration::from_secs(8));
    let waits: Vec<Duration> = (0..2000).map(|_| policy.backoff_wait(1)).collect();
    assert!(waits.iter().all(|wait| *wait <= Duration::from_millis(500)));
    // Full jitter spreads over the whole range, not around its middle.
    assert!(waits.iter().any(|wait| *wait < Duration::from_millis(50)));
    assert!(waits.iter().any(|wait| *wait > Duration::from_millis(450)));
    let custom =
        RetryPolicy::default().backoff(Duration::from_millis(10), Duration::from_millis(25));
    assert_eq!(custom.backoff_cap(3), Duration::from_millis(25));
    assert_eq!(RetryPolicy::none().attempts(), 1);
    assert_eq!(RetryPolicy::default().max_attempts(0).attempts(), 1);
}

#[test]
fn decide_follows_the_rules() {
    let policy = RetryPolicy::default();
    let ambiguous = RetryPolicy::default().retry_ambiguous(true);
    let none = HeaderMap::new();
    let asks = headers(&[("retry-after", "2")]);
    let too_long = headers(&[("retry-after", "61")]);
    let answered =
        |code: u16, headers| Outcome::Answered(StatusCode::from_u16(code).unwrap(), headers);
    let two = Decision::After(Duration::from_secs(2));
    // (policy, idempotent call, outcome, decision)
    let table: Vec<(&RetryPolicy, bool, Outcome<'_>, Decision)> = vec![
        // A server that says when to come back: any method.
        (&policy, false, answered(429, &asks), two),
        (&policy, false, answered(429, &none), Decision::Backoff),
        (&policy, false, answered(503, &asks), two),
        (
            &policy,
            false,
            answered(429, &too_long),
            Decision::TooLong(Duration::from_secs(61)),
        ),
        // Nothing was sent: any method.
        (&policy, false, Outcome::ConnectFailed, Decision::Backoff),
        // Transient failures: idempotent calls only, unless opted in.
        (&policy, true, answered(503, &none), Decision::Backoff),
        (&policy, false, answered(503, &none), Decision::Stop),
        (&ambiguous, false, answered(503, &none), Decision::Backoff),
        (&policy, true, answered(408, &none), Decision::Backoff),
        (&policy, true, answered(502, &none), Decision::Backoff),
        (&policy, true, answered(504, &none), Decision::Backoff),
        (&policy, false, answered(504, &none), Decision::Stop),
        (&policy, true, Outcome::TimedOut, Decision::Backoff),
        (&policy, false, Outcome::TimedOut, Decision::Stop),
        (&ambiguous, false, Outcome::TimedOut, Decision::Backoff),
        (&policy, true, Outcome::Interrupted, Decision::Backoff),
        (&policy, false, Outcome::Interrupted, Decision::Stop),
        // 500 only when opted in.
        (&policy, true, answered(500, &none), Decision::Stop),
        (&ambiguous, false, answered(500, &none), Decision::Backoff),
        // Everything else.
        (&policy, true, answered(200, &none), Decision::Stop),
        (&policy, true, answered(201, &asks), Decision::Stop),
        (&policy, true, answered(400, &asks), Decision::Stop),
        (&policy, true, answered(404, &none), Decision::Stop),
        (&policy, true, answered(501, &none), Decision::Stop),
        (&ambiguous, true, Outcome::Fatal, Decision::Stop),
    ];
    for (policy, idempotent, outcome, expected) in table {
        assert_eq!(
            decide(policy, idempotent, outcome, now()),
            expected,
            "{outcome:?}, idempotent {idempotent}, {policy:?}"
        );
    }
}

#[test]
fn idempotency_keys_are_distinct_version_4_uuids() {
    let keys: std::collections::BTreeSet<String> = (0..1000).map(|_| idempotency_key()).collect();
    assert_eq!(keys.len(), 1000);
    for key in &keys {
        let bytes = key.as_bytes();
        assert_eq!(key.len(), 36, "{key}");
        assert_eq!(
            [bytes[8], bytes[13], bytes[18], bytes[23]],
            [b'-'; 4],
            "{key}"
        );
        assert_eq!(bytes[14], b'4', "{key}");
        assert!(matches!(bytes[19], b'8' | b'9' | b'a' | b'b'), "{key}");
    }
}
