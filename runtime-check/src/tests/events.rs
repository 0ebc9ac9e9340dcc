//! Server-sent events: the parser on whole bodies (the behaviour tests in `tests/` split a
//! stream at every byte through a real server), the size limit and the error it gives.

use serde::Deserialize;

use super::response;
use crate::runtime::{Error, MAX_EVENT_BYTES, events_json, events_text};

#[derive(Debug, PartialEq, Deserialize)]
struct Tick {
    n: u32,
}

#[tokio::test]
async fn fields_comments_and_line_ends_follow_the_standard() {
    let body = "\u{FEFF}:hello\r\n\r\nevent:tick\ndata:{\"n\":1}\nid:a\0b\nretry:x\n\n\
                id: 7\ndata\ndata:{\"n\":2}\nunknown: field\n\n\
                data: {\"n\": 3}\r\n\r\n\
                data: [DONE]\n\n";
    let stream = events_json::<Tick, ()>(response(200, body)).await.unwrap();
    assert_eq!(stream.headers().get("x-request-id").unwrap(), "42");
    let mut stream = stream.into_inner();
    let first = stream.next().await.unwrap().unwrap();
    // An id with NUL and a retry that is not digits are ignored.
    assert_eq!(
        (first.event.as_deref(), first.id, first.retry),
        (Some("tick"), None, None)
    );
    assert_eq!(first.data, Tick { n: 1 });
    // `data` without a colon is an empty line of data: "\n{…}" is still JSON.
    let second = stream.next().await.unwrap().unwrap();
    assert_eq!((second.id.as_deref(), second.data.n), (Some("7"), 2));
    let third = stream.next().await.unwrap().unwrap();
    assert_eq!((third.id.as_deref(), third.data.n), (Some("7"), 3));
    assert!(stream.next().await.is_none());
    assert_eq!(stream.last_event_id(), Some("7"));
    assert!(format!("{stream:?}").contains("finished: true"));
}

#[tokio::test]
async fn an_endless_line_is_refused_at_the_limit() {
    let body = format!("data: {}", "x".repeat(MAX_EVENT_BYTES + 1));
    let mut stream = events_text::<()>(response(200, body)).await.unwrap();
    let error = stream.next().await.unwrap().expect_err("too large");
    assert!(
        matches!(
            error,
            Error::TooLarge {
                limit: MAX_EVENT_BYTES,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.status().map(|status| status.as_u16()), Some(200));
    assert!(
        error.to_string().contains("larger than the client accepts"),
        "{error}"
    );
    assert!(stream.next().await.is_none(), "the stream has ended");
}

#[tokio::test]
async fn text_events_keep_their_data_as_sent() {
    let body = "data: [DONE]\ndata:\n\n";
    let mut stream = events_text::<()>(response(200, body)).await.unwrap();
    assert_eq!(stream.next().await.unwrap().unwrap().data, "[DONE]\n");
    assert!(stream.next().await.is_none());
}

#[tokio::test]
async fn many_small_events_in_one_large_read_are_not_too_large() {
    let event = "data: {\"n\": 1}\n\n";
    let count = MAX_EVENT_BYTES / event.len() + 10;
    let mut stream = events_json::<Tick, ()>(response(200, event.repeat(count)))
        .await
        .unwrap()
        .into_inner();
    let mut seen = 0;
    while let Some(event) = stream.next().await {
        assert_eq!(event.unwrap().data.n, 1);
        seen += 1;
    }
    assert_eq!(seen, count);
}
