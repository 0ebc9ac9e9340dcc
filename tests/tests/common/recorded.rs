//! What a wiremock server on 127.0.0.1 received, read the same way by every behaviour test.

use wiremock::{MockServer, Request};

/// The only request `server` received (fails the test when there were more or none).
pub async fn only_request(server: &MockServer) -> Request {
    let mut requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "{requests:?}");
    requests.remove(0)
}

/// The value of header `name`, which must be visible ASCII.
pub fn header<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request
        .headers
        .get(name)
        .map(|value| value.to_str().expect("a visible ASCII header value"))
}
