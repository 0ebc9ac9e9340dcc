//! The round trip of one saved example through a generated type, and the one comparison it is
//! judged by.
//!
//! This file is compiled twice: as a module of `tests/corpus.rs` (whose unit tests pin the
//! comparison) and, copied into the corpus test's temporary workspace, as a module of the
//! `tests/examples.rs` it generates into every corpus crate.

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Number, Value};

/// Outcomes of the examples of one crate, one line each: `{index}\tok` or
/// `{index}\tfail\t{reason}`.
#[derive(Debug, Default)]
pub struct Results {
    lines: String,
    failures: usize,
}

impl Results {
    /// Round-trips `body` through `T` and records the outcome under `index`.
    pub fn check<T: DeserializeOwned + Serialize>(&mut self, index: usize, body: &str) {
        match round_trip::<T>(body) {
            Ok(()) => self.lines.push_str(&format!("{index}\tok\n")),
            Err(reason) => {
                self.failures += 1;
                let reason = reason.replace(['\n', '\r', '\t'], " ");
                self.lines.push_str(&format!("{index}\tfail\t{reason}\n"));
            }
        }
    }

    /// Writes the outcomes to `path`, then fails when any example failed.
    pub fn finish(self, path: &str) {
        std::fs::write(path, &self.lines).expect("the results file is writable");
        assert_eq!(self.failures, 0, "examples failed; see {path}");
    }
}

/// Reads `body` as `T`, writes it back, and compares the result with `body` as JSON values
/// (see [`same`]).
pub fn round_trip<T: DeserializeOwned + Serialize>(body: &str) -> Result<(), String> {
    let original: Value =
        serde_json::from_str(body).map_err(|error| format!("not JSON: {error}"))?;
    let typed: T =
        serde_json::from_str(body).map_err(|error| format!("does not deserialize: {error}"))?;
    let back =
        serde_json::to_value(&typed).map_err(|error| format!("does not serialize: {error}"))?;
    same(&original, &back, "$")
}

/// Whether `back` (after the round trip) is the same JSON value as `original`: numbers are
/// compared numerically (`1` equals `1.0`), object keys as sets, and a key whose original value
/// is `null` may be absent; everything else must be equal. The error names the first
/// difference by its path from `path`.
pub fn same(original: &Value, back: &Value, path: &str) -> Result<(), String> {
    match (original, back) {
        (Value::Number(a), Value::Number(b)) if numbers_equal(a, b) => Ok(()),
        (Value::Object(a), Value::Object(b)) => {
            for (key, value) in a {
                let inner = format!("{path}.{key}");
                match b.get(key) {
                    Some(other) => same(value, other, &inner)?,
                    None if value.is_null() => {}
                    None => return Err(format!("{inner}: missing after the round trip")),
                }
            }
            match b.keys().find(|key| !a.contains_key(*key)) {
                Some(key) => Err(format!("{path}.{key}: added by the round trip")),
                None => Ok(()),
            }
        }
        (Value::Array(a), Value::Array(b)) if a.len() == b.len() => a
            .iter()
            .zip(b)
            .enumerate()
            .try_for_each(|(index, (a, b))| same(a, b, &format!("{path}[{index}]"))),
        _ if original == back => Ok(()),
        // A `date-time` comes back in UTC with the fewest fraction digits (chrono's form):
        // the same instant, spelled differently.
        (Value::String(a), Value::String(b))
            if instant(a).is_some() && instant(a) == instant(b) =>
        {
            Ok(())
        }
        _ => Err(format!(
            "{path}: {} became {}",
            short(original),
            short(back)
        )),
    }
}

/// An RFC 3339 date-time as (seconds since 1970 in UTC, nanoseconds), or `None` when `text`
/// is not one.
fn instant(text: &str) -> Option<(i64, u32)> {
    let digits = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't')
        || bytes[13] != b':'
        || bytes[16] != b':'
    {
        return None;
    }
    let (year, month, day) = (digits(0..4)?, digits(5..7)?, digits(8..10)?);
    let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
    let mut rest = &text[19..];
    let mut nanos = 0u32;
    if let Some(fraction) = rest.strip_prefix('.') {
        let count = fraction.bytes().take_while(u8::is_ascii_digit).count();
        if count == 0 {
            return None;
        }
        let kept = &fraction[..count.min(9)];
        nanos = kept.parse::<u32>().ok()? * 10u32.pow(9 - kept.len() as u32);
        rest = &fraction[count..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let hours: i64 = rest[1..3].parse().ok()?;
            let minutes: i64 = rest[4..6].parse().ok()?;
            sign * (hours * 3600 + minutes * 60)
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((month + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((
        days * 86_400 + hour * 3600 + minute * 60 + second - offset,
        nanos,
    ))
}

/// Integers exactly, anything else as `f64`.
fn numbers_equal(a: &Number, b: &Number) -> bool {
    if let (Some(a), Some(b)) = (a.as_i64(), b.as_i64()) {
        return a == b;
    }
    if let (Some(a), Some(b)) = (a.as_u64(), b.as_u64()) {
        return a == b;
    }
    a.as_f64() == b.as_f64()
}

/// A value in at most 80 characters, for messages.
fn short(value: &Value) -> String {
    let text = value.to_string();
    match text.char_indices().nth(80) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text,
    }
}
