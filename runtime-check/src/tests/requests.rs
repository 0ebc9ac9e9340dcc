//! Turning settings and parameters into a request: base URL, path, headers, the hook.

use std::sync::{Arc, Mutex};

use reqwest::Url;

use crate::runtime::{
    Error, InvalidRequest, Operation, Received, RequestHook, RequestOptions, RetryPolicy, Settings,
    execute, header_value, join_url, parse_base_url, path_segment,
};

fn url(text: &str) -> Url {
    Url::parse(text).expect("a valid URL")
}

#[test]
fn base_urls_are_absolute_http_without_query_or_fragment() {
    for accepted in [
        "https://api.zoom.us/v2",
        "https://api.zoom.us/v2/",
        "http://127.0.0.1:8080",
        "HTTPS://API.ZOOM.US/v2",
    ] {
        let parsed = parse_base_url(accepted).unwrap_or_else(|error| panic!("{accepted}: {error}"));
        assert!(matches!(parsed.scheme(), "http" | "https"), "{parsed}");
    }
    for (refused, message) in [
        (
            "ftp://files.example.com/",
            "must use http or https, not `ftp`",
        ),
        ("file:///etc/passwd", "must use http or https, not `file`"),
        ("mailto:someone@example.com", "must use http or https"),
        ("/v2", "not a valid URL"),
        ("api.zoom.us/v2", "not a valid URL"),
        ("", "not a valid URL"),
        (
            "https://api.zoom.us/v2?key=1",
            "must not have a query or fragment",
        ),
        (
            "https://api.zoom.us/v2?",
            "must not have a query or fragment",
        ),
        (
            "https://api.zoom.us/v2#top",
            "must not have a query or fragment",
        ),
        (
            "https://api.zoom.us/v2#",
            "must not have a query or fragment",
        ),
    ] {
        let error = parse_base_url(refused).expect_err(refused);
        assert!(
            error.to_string().contains(message),
            "{refused:?}: {error} (expected {message:?})"
        );
    }
}

#[test]
fn base_url_errors_never_quote_the_url() {
    // A base URL may carry a password.
    for refused in [
        "ftp://user:hunter2@files.example.com/",
        "https://user:hunter2@api.example.com/?q",
        "https://user:hunter2@api.example.com/#f",
        "https://user:hunter2@[::1/",
    ] {
        let error = parse_base_url(refused).expect_err(refused);
        assert!(!error.to_string().contains("hunter2"), "{error}");
        assert!(!format!("{error:?}").contains("hunter2"), "{error:?}");
    }
}

#[test]
fn join_url_keeps_the_base_path() {
    let cases = [
        (
            "https://api.zoom.us/v2",
            "/users",
            "https://api.zoom.us/v2/users",
        ),
        (
            "https://api.zoom.us/v2/",
            "/users",
            "https://api.zoom.us/v2/users",
        ),
        (
            "https://api.zoom.us/v2//",
            "/users",
            "https://api.zoom.us/v2/users",
        ),
        (
            "https://api.zoom.us/a/b",
            "/c/d",
            "https://api.zoom.us/a/b/c/d",
        ),
        ("https://api.zoom.us", "/users", "https://api.zoom.us/users"),
        (
            "https://api.zoom.us/",
            "/users",
            "https://api.zoom.us/users",
        ),
        ("http://127.0.0.1:8080", "/", "http://127.0.0.1:8080/"),
        ("https://api.zoom.us/v2", "/", "https://api.zoom.us/v2/"),
        // An encoded segment stays one segment.
        (
            "https://api.zoom.us/v2",
            "/accounts/a%2Fb%3F%23/numbers",
            "https://api.zoom.us/v2/accounts/a%2Fb%3F%23/numbers",
        ),
    ];
    for (base, path, expected) in cases {
        let joined = join_url(&url(base), path).unwrap();
        assert_eq!(joined.as_str(), expected, "{base} + {path}");
    }
    let joined = join_url(&url("https://api.zoom.us/v2"), "/accounts/a%2Fb").unwrap();
    assert_eq!(
        joined.path_segments().unwrap().collect::<Vec<_>>(),
        ["v2", "accounts", "a%2Fb"]
    );
    assert_eq!(joined.query(), None);
}

#[test]
fn path_segments_are_percent_encoded_as_one_segment() {
    let cases = [
        ("me", "me"),
        ("A-z_0.9~", "A-z_0.9~"),
        ("/", "%2F"),
        ("?", "%3F"),
        ("#", "%23"),
        ("%", "%25"),
        (" ", "%20"),
        ("ü", "%C3%BC"),
        ("a/b c", "a%2Fb%20c"),
        ("../admin", "..%2Fadmin"),
        ("...", "..."),
        ("%2e%2e", "%252e%252e"),
        ("a+b&c=d;e", "a%2Bb%26c%3Dd%3Be"),
        ("line\r\nX: 1", "line%0D%0AX%3A%201"),
        ("🎉", "%F0%9F%8E%89"),
    ];
    for (value, expected) in cases {
        assert_eq!(path_segment("id", value).unwrap(), expected, "{value:?}");
    }
}

#[test]
fn path_segments_that_change_the_resource_are_refused() {
    let cases = [
        ("", "path parameter `userId` must not be empty"),
        (".", "path parameter `userId` must not be `.`"),
        ("..", "path parameter `userId` must not be `..`"),
    ];
    for (value, message) in cases {
        assert_eq!(
            path_segment("userId", value),
            Err(InvalidRequest::new(message)),
            "{value:?}"
        );
    }
}

#[test]
fn header_values_with_control_characters_are_refused() {
    for value in [
        "a\r\nX-Injected: 1",
        "a\rb",
        "a\nb",
        "nul\0",
        "bell\u{7}",
        "del\u{7f}",
    ] {
        let error = header_value("X-Trace", value).expect_err(value);
        assert_eq!(
            error.to_string(),
            "header `X-Trace` must not contain control characters such as CR or LF"
        );
    }
    for value in ["", "plain", "tab\tinside", "ü", "\"quoted\" ; a=b"] {
        let header = header_value("X-Trace", value).unwrap_or_else(|error| panic!("{error}"));
        assert_eq!(header.as_bytes(), value.as_bytes());
        assert!(!header.is_sensitive());
    }
}

#[test]
fn request_hook_has_an_opaque_debug() {
    let hook = RequestHook::new(|_| Ok(()));
    assert_eq!(format!("{hook:?}"), "RequestHook");
}

#[tokio::test]
async fn a_failing_hook_sees_the_request_and_stops_it() {
    let seen = Arc::new(Mutex::new(None));
    let hook = RequestHook::new({
        let seen = Arc::clone(&seen);
        move |request| {
            *seen.lock().unwrap() = Some((
                request.method().clone(),
                request.url().to_string(),
                request.headers().get("x-trace").cloned(),
            ));
            Err("no signing key".into())
        }
    });
    let http = reqwest::Client::new();
    // Port 9 (discard) on a documentation address: nothing may be sent there.
    let request = http
        .post("http://192.0.2.1:9/v2/users")
        .header("x-trace", "1");
    let error = once(&http, Some(hook), || Ok(request.try_clone().unwrap()))
        .await
        .expect_err("the hook refused");
    assert!(
        matches!(&error, Error::InvalidRequest(invalid)
            if invalid.to_string() == "the request hook failed: no signing key"),
        "{error:?}"
    );
    let (method, url, header) = seen.lock().unwrap().take().expect("the hook ran");
    assert_eq!(method, reqwest::Method::POST);
    assert_eq!(url, "http://192.0.2.1:9/v2/users");
    assert_eq!(header.unwrap(), "1");
}

#[tokio::test]
async fn a_request_that_cannot_be_built_is_not_sent() {
    let http = reqwest::Client::new();
    let ran = Arc::new(Mutex::new(false));
    let hook = RequestHook::new({
        let ran = Arc::clone(&ran);
        move |_| {
            *ran.lock().unwrap() = true;
            Ok(())
        }
    });
    let error = once(&http, Some(hook), || Ok(http.get("not a url")))
        .await
        .expect_err("the URL is invalid");
    // Reported as a transport error: reqwest's builder error.
    assert!(matches!(error, Error::Transport(_)), "{error:?}");
    assert!(!*ran.lock().unwrap(), "the hook must not run");
}

#[tokio::test]
async fn transport_errors_never_show_the_query_or_a_password() {
    // An API key can travel in the query (`apikey` auth in the query) and a base URL can
    // carry a password; reqwest quotes the request URL in its errors.
    const SECRET: &str = "k3y-5ecr3t";
    // Nothing listens on the port: the connection is refused.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .map(|address| address.port())
        .unwrap();
    let http = reqwest::Client::new();
    for url in [
        format!("http://127.0.0.1:{port}/v2/users?api_key={SECRET}&page=2"),
        format!("http://user:{SECRET}@127.0.0.1:{port}/v2/users"),
    ] {
        let error = once(&http, None, || Ok(http.get(&url)))
            .await
            .expect_err("nothing listens");
        assert!(matches!(error, Error::Transport(_)), "{error:?}");
        let shown = format!(
            "{error} | {error:?} | {:?}",
            std::error::Error::source(&error)
        );
        assert!(!shown.contains(SECRET), "the secret leaked: {shown}");
        // What is left still says where the request went.
        assert!(
            shown.contains(&format!("127.0.0.1:{port}/v2/users")),
            "{shown}"
        );
    }
}

/// One attempt (no retries) of a call built by `build`, with `hook`.
async fn once(
    http: &reqwest::Client,
    hook: Option<RequestHook>,
    build: impl Fn() -> Result<reqwest::RequestBuilder, InvalidRequest>,
) -> Result<Received, Error<()>> {
    static OPERATION: Operation = Operation::new("get_users", "GET", "/v2/users");
    let settings = Settings {
        retry: RetryPolicy::none(),
        hook,
        ..Settings::default()
    };
    execute(http, &settings, &OPERATION, &RequestOptions::new(), build).await
}
