
// Server-sent events (included when an operation answers `text/event-stream`): the body is
// read as it arrives and each event's data decoded.

/// The largest event (or line) a stream buffers: a server that never ends a line cannot
/// make the client hold unbounded memory.
pub const MAX_EVENT_BYTES: usize = 16 * 1024 * 1024;

/// One server-sent event, its `data` decoded.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<T> {
    /// The `event:` field (the event's type); `None` for the default type, `message`.
    pub event: Option<String>,
    /// The last event id the stream has seen (an `id:` field of this or an earlier event).
    pub id: Option<String>,
    /// The reconnection time this event asks for (`retry:`), if it gives one.
    pub retry: Option<std::time::Duration>,
    /// The `data:` lines, joined by newlines and decoded.
    pub data: T,
}

/// A `text/event-stream` body read as it arrives, parsed as the WHATWG HTML standard says
/// (`data:`, `event:`, `id:`, `retry:`, comments, CR/LF/CRLF line ends, a leading BOM).
///
/// Call [`next`](EventStream::next) until it gives `None`. A JSON stream also ends at an
/// event whose data is `[DONE]`, as OpenAI-style APIs mark their last event.
pub struct EventStream<T, E> {
    response: Option<reqwest::Response>,
    status: StatusCode,
    decode: fn(&str) -> Result<T, serde_json::Error>,
    /// Bytes received; those from `start` on are not yet split into lines.
    pending: Vec<u8>,
    start: usize,
    /// Whether the start of the stream (and a BOM there) has been seen.
    started: bool,
    data: String,
    event: Option<String>,
    retry: Option<std::time::Duration>,
    last_id: Option<String>,
    json: bool,
    /// How long a read may wait for more bytes.
    idle: Option<std::time::Duration>,
    _error: std::marker::PhantomData<fn() -> E>,
}

impl<T, E> fmt::Debug for EventStream<T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventStream")
            .field("status", &self.status)
            .field("last_id", &self.last_id)
            .field("finished", &self.response.is_none())
            .finish_non_exhaustive()
    }
}

impl<T, E> EventStream<T, E> {
    fn new(
        (response, idle): (reqwest::Response, Option<std::time::Duration>),
        decode: fn(&str) -> Result<T, serde_json::Error>,
        json: bool,
    ) -> Self {
        Self {
            status: response.status(),
            response: Some(response),
            decode,
            pending: Vec::new(),
            start: 0,
            started: false,
            data: String::new(),
            event: None,
            retry: None,
            last_id: None,
            json,
            idle,
            _error: std::marker::PhantomData,
        }
    }

    /// The last event id seen, to resume with a `Last-Event-ID` header after a reconnect.
    pub fn last_event_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// The next event; `None` once the stream has ended. After an error the stream has
    /// ended too.
    pub async fn next(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        loop {
            let finished = self.response.is_none();
            while let Some(line) = self.line(finished) {
                match self.field(&line) {
                    Some(Ok(event)) => return Some(Ok(event)),
                    Some(Err(error)) => {
                        self.end();
                        return Some(Err(error));
                    }
                    None => {}
                }
            }
            // At the end, an event without its blank line is dropped, as the standard says.
            let response = self.response.as_mut()?;
            let read = match self.idle {
                Some(idle) => tokio::time::timeout(idle, response.chunk()).await.map_err(|_| idle),
                None => Ok(response.chunk().await),
            };
            let Ok(read) = read else {
                self.end();
                return Some(Err(Error::Timeout {
                    limit: self.idle.unwrap_or_default(),
                    whole_call: false,
                }));
            };
            match read {
                Ok(Some(chunk)) => {
                    // Lines are consumed by moving `start`; the consumed bytes go once per read.
                    self.pending.drain(..self.start);
                    self.start = 0;
                    self.pending.extend_from_slice(&chunk);
                    // Whole lines are parsed off before more is read, so only an unfinished
                    // line can grow past the limit.
                    if self.pending.len() > MAX_EVENT_BYTES
                        && !self.pending.iter().any(|&b| b == b'\n' || b == b'\r')
                    {
                        self.end();
                        return Some(Err(Error::TooLarge {
                            status: self.status,
                            limit: MAX_EVENT_BYTES,
                        }));
                    }
                }
                Ok(None) => self.response = None,
                Err(error) => {
                    self.end();
                    return Some(Err(error.into()));
                }
            }
        }
    }

    /// Ends the stream: nothing more is read or parsed.
    fn end(&mut self) {
        self.response = None;
        self.pending.clear();
        self.start = 0;
        self.data.clear();
    }

    /// The next whole line of `pending` (a CR at the end waits for a possible LF unless the
    /// body has ended).
    fn line(&mut self, finished: bool) -> Option<String> {
        let rest = &self.pending[self.start..];
        if !self.started {
            if rest.len() < 3 && !finished && b"\xEF\xBB\xBF".starts_with(rest) {
                return None;
            }
            if rest.starts_with(b"\xEF\xBB\xBF") {
                self.start += 3;
            }
            self.started = true;
        }
        let rest = &self.pending[self.start..];
        let end = rest.iter().position(|&b| b == b'\n' || b == b'\r')?;
        let skip = match (rest[end], rest.get(end + 1)) {
            (b'\r', Some(b'\n')) => 2,
            (b'\r', None) if !finished => return None,
            _ => 1,
        };
        let line = String::from_utf8_lossy(&rest[..end]).into_owned();
        self.start += end + skip;
        Some(line)
    }

    /// Applies one line; a blank line dispatches the event gathered so far.
    fn field(&mut self, line: &str) -> Option<Result<Event<T>, Error<E>>> {
        if line.is_empty() {
            return self.dispatch();
        }
        let (name, value) = match line.split_once(':') {
            Some((name, value)) => (name, value.strip_prefix(' ').unwrap_or(value)),
            None => (line, ""),
        };
        match name {
            "" => {} // a comment
            "event" => self.event = Some(value.to_owned()),
            "data" => {
                if self.data.len() + value.len() + 1 > MAX_EVENT_BYTES {
                    return Some(Err(Error::TooLarge {
                        status: self.status,
                        limit: MAX_EVENT_BYTES,
                    }));
                }
                self.data.push_str(value);
                self.data.push('\n');
            }
            "id" if !value.contains('\0') => self.last_id = Some(value.to_owned()),
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                if let Ok(millis) = value.parse() {
                    self.retry = Some(std::time::Duration::from_millis(millis));
                }
            }
            _ => {} // unknown fields are ignored
        }
        None
    }

    fn dispatch(&mut self) -> Option<Result<Event<T>, Error<E>>> {
        let event = self.event.take().filter(|event| !event.is_empty());
        let retry = self.retry.take();
        if self.data.is_empty() {
            return None;
        }
        let mut data = std::mem::take(&mut self.data);
        data.pop(); // the newline after the last `data:` line
        if self.json && data == "[DONE]" {
            self.end();
            return None;
        }
        Some(match (self.decode)(&data) {
            Ok(value) => Ok(Event {
                event,
                id: self.last_id.clone(),
                retry,
                data: value,
            }),
            Err(source) => Err(Error::Decode {
                status: self.status,
                source,
                excerpt: excerpt(data.as_bytes()),
            }),
        })
    }
}

/// A `text/event-stream` success whose events carry JSON data of type `T`.
pub async fn events_json<T: DeserializeOwned, E>(
    response: Received,
) -> Result<Response<EventStream<T, E>>, Error<E>> {
    let response = response.into_stream();
    let headers = response.0.headers().clone();
    let status = response.0.status();
    let stream = EventStream::new(response, |data| serde_json::from_str(data), true);
    Ok(Response::new(status, headers, stream))
}

/// A `text/event-stream` success whose events carry text.
pub async fn events_text<E>(
    response: Received,
) -> Result<Response<EventStream<String, E>>, Error<E>> {
    let response = response.into_stream();
    let headers = response.0.headers().clone();
    let status = response.0.status();
    let stream = EventStream::new(response, |data| Ok(data.to_owned()), false);
    Ok(Response::new(status, headers, stream))
}
