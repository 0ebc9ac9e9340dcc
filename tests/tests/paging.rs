//! Paged streams of the client of `specs/paged.openapi.yaml` against a real HTTP server on
//! 127.0.0.1: tokens followed over three pages, page numbers up to `total_pages`, and the
//! stops (an empty token, a repeated token, the page limit, an error).

use std::sync::{Arc, Mutex};

use courier_tests::paged::types::ItemStatus;
use courier_tests::paged::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, Respond, ResponseTemplate};

/// Answers `GET /v1/items` by its `next_page_token` from `pages` (token → body; no token is
/// ""), and records the tokens asked for.
struct ByToken {
    pages: Vec<(&'static str, Value)>,
    asked: Arc<Mutex<Vec<String>>>,
}

impl Respond for ByToken {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let token = request
            .url
            .query_pairs()
            .find(|(name, _)| name == "next_page_token")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        self.asked.lock().unwrap().push(token.clone());
        match self.pages.iter().find(|(known, _)| *known == token) {
            Some((_, body)) => ResponseTemplate::new(200).set_body_json(body),
            None => ResponseTemplate::new(400).set_body_string("bad token"),
        }
    }
}

fn item(id: &str) -> Value {
    json!({"id": id, "name": format!("item {id}"), "status": "active"})
}

async fn catalog(
    pages: Vec<(&'static str, Value)>,
) -> (Client, MockServer, Arc<Mutex<Vec<String>>>) {
    let server = MockServer::start().await;
    let asked = Arc::new(Mutex::new(Vec::new()));
    Mock::given(method("GET"))
        .and(path("/v1/items"))
        .respond_with(ByToken {
            pages,
            asked: Arc::clone(&asked),
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .bearer_token("t")
        .build()
        .unwrap();
    (client, server, asked)
}

#[tokio::test]
async fn into_stream_follows_next_page_token_over_three_pages() {
    let (client, server, asked) = catalog(vec![
        (
            "",
            json!({"items": [item("a"), item("b")], "next_page_token": "p2", "page_size": 2}),
        ),
        (
            "p2",
            json!({"items": [item("c"), item("d")], "next_page_token": "p3"}),
        ),
        ("p3", json!({"items": [item("e")], "next_page_token": ""})),
    ])
    .await;
    let mut items = client
        .list_items()
        .page_size(2)
        .status(ItemStatus::Active)
        .into_stream();
    let mut ids = Vec::new();
    while let Some(item) = items.next().await {
        ids.push(item.expect("every page decodes").id);
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    assert_eq!(*asked.lock().unwrap(), ["", "p2", "p3"]);
    // Every page request keeps the builder's other parameters.
    for request in server.received_requests().await.unwrap() {
        let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
        assert!(
            query.contains(&("page_size".into(), "2".into())),
            "{query:?}"
        );
        assert!(
            query.contains(&("status".into(), "active".into())),
            "{query:?}"
        );
    }
}

#[tokio::test]
async fn pages_stop_when_the_token_is_absent_or_repeated() {
    // No token at all on the second page.
    let (client, _, asked) = catalog(vec![
        ("", json!({"items": [item("a")], "next_page_token": "p2"})),
        ("p2", json!({"items": [item("b")]})),
    ])
    .await;
    let mut pages = client.list_items().pages();
    let mut sizes = Vec::new();
    while let Some(page) = pages.next().await {
        sizes.push(page.unwrap().items.len());
    }
    assert_eq!(sizes, [1, 1]);
    assert_eq!(asked.lock().unwrap().len(), 2);

    // A server that hands out the same token again is not followed in a circle.
    let (client, _, asked) = catalog(vec![
        ("", json!({"items": [item("a")], "next_page_token": "p2"})),
        ("p2", json!({"items": [item("b")], "next_page_token": "p2"})),
    ])
    .await;
    let all = client.list_items().into_stream().collect().await.unwrap();
    assert_eq!(all.len(), 2);
    assert_eq!(*asked.lock().unwrap(), ["", "p2"]);
}

#[tokio::test]
async fn the_page_limit_and_a_failing_page_end_the_stream() {
    let (client, _, asked) = catalog(vec![
        ("", json!({"items": [item("a")], "next_page_token": "p2"})),
        ("p2", json!({"items": [item("b")], "next_page_token": "p3"})),
        ("p3", json!({"items": [item("c")], "next_page_token": "p4"})),
    ])
    .await;
    let two = client
        .list_items()
        .into_stream()
        .max_pages(2)
        .collect()
        .await
        .unwrap();
    assert_eq!(
        two.iter().map(|item| item.id.as_str()).collect::<Vec<_>>(),
        ["a", "b"]
    );
    asked.lock().unwrap().clear();

    // p4 is unknown: the fourth page fails, after three pages of items.
    let mut items = client.list_items().into_stream();
    let mut ids = Vec::new();
    let error = loop {
        match items.next().await {
            Some(Ok(item)) => ids.push(item.id),
            Some(Err(error)) => break error,
            None => panic!("the fourth page fails"),
        }
    };
    assert_eq!(ids, ["a", "b", "c"]);
    assert!(
        matches!(&error, Error::UnexpectedStatus(response) if response.status() == 400),
        "{error:?}"
    );
    assert!(
        items.next().await.is_none(),
        "the stream ends after an error"
    );
}

#[tokio::test]
async fn page_numbers_count_up_to_total_pages() {
    let server = MockServer::start().await;
    let asked = Arc::new(Mutex::new(Vec::new()));
    struct ByPage(Arc<Mutex<Vec<String>>>);
    impl Respond for ByPage {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let page = request
                .url
                .query_pairs()
                .find(|(name, _)| name == "page")
                .map(|(_, value)| value.into_owned())
                .unwrap_or_else(|| "none".to_owned());
            self.0.lock().unwrap().push(page.clone());
            let reviews: Vec<Value> = match page.as_str() {
                "none" | "1" => vec![json!({"id": 1, "stars": 5}), json!({"id": 2, "stars": 4})],
                "2" => vec![json!({"id": 3, "stars": 3})],
                // Past `total_pages`, a server might repeat the last page forever.
                _ => vec![json!({"id": 3, "stars": 3})],
            };
            ResponseTemplate::new(200).set_body_json(json!({
                "reviews": reviews, "page": page.parse::<i64>().unwrap_or(1), "total_pages": 2
            }))
        }
    }
    Mock::given(method("GET"))
        .and(path("/v1/reviews"))
        .respond_with(ByPage(Arc::clone(&asked)))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .build()
        .unwrap();
    let reviews = client
        .list_reviews()
        .per_page(2)
        .into_stream()
        .collect()
        .await
        .unwrap();
    assert_eq!(
        reviews.iter().map(|review| review.id).collect::<Vec<_>>(),
        [1, 2, 3]
    );
    // The first request sends no page (the server's default, 1); then 2, and 2 is the last.
    assert_eq!(*asked.lock().unwrap(), ["none", "2"]);
}

#[tokio::test]
async fn link_headers_are_followed_on_the_same_server_only() {
    let server = MockServer::start().await;
    struct ByLink(String);
    impl Respond for ByLink {
        fn respond(&self, request: &Request) -> ResponseTemplate {
            let page = request
                .url
                .query_pairs()
                .find(|(name, _)| name == "page")
                .map(|(_, value)| value.into_owned());
            let base = &self.0;
            let (events, link) = match page.as_deref() {
                None => (
                    json!([{"id": "e1", "kind": "created"}, {"id": "e2", "kind": "updated"}]),
                    Some(format!(
                        r#"<{base}/v1/events?since=e0&page=2>; rel="next", <{base}/v1/events?page=3>; rel="last""#
                    )),
                ),
                // A relative link, resolved against the request's URL.
                Some("2") => (
                    json!([{"id": "e3", "kind": "deleted"}]),
                    Some(r#"</v1/events?since=e0&page=3>; rel="next""#.to_owned()),
                ),
                Some("3") => (json!([{"id": "e4", "kind": "created"}]), None),
                // A server that points elsewhere.
                Some(_) => (json!([]), None),
            };
            let mut answer = ResponseTemplate::new(200).set_body_json(events);
            if let Some(link) = link {
                answer = answer.insert_header("link", link.as_str());
            }
            answer
        }
    }
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .respond_with(ByLink(server.uri()))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", server.uri()))
        .bearer_token("t")
        .build()
        .unwrap();
    let events = client
        .list_events()
        .since("e0")
        .into_stream()
        .collect()
        .await
        .unwrap();
    assert_eq!(
        events
            .iter()
            .map(|event| event.id.as_str())
            .collect::<Vec<_>>(),
        ["e1", "e2", "e3", "e4"]
    );
    let urls: Vec<String> = server
        .received_requests()
        .await
        .unwrap()
        .iter()
        .map(|request| request.url.query().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(urls, ["since=e0", "since=e0&page=2", "since=e0&page=3"]);

    // A link to another server is not followed: the token would go with it.
    let other = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/events"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!([{"id": "x1", "kind": "created"}]))
                .insert_header(
                    "link",
                    format!("<{}/v1/events?page=2>; rel=\"next\"", server.uri()).as_str(),
                ),
        )
        .mount(&other)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1", other.uri()))
        .bearer_token("t")
        .build()
        .unwrap();
    let before = server.received_requests().await.unwrap().len();
    let mut items = client.list_events().into_stream();
    assert_eq!(items.next().await.unwrap().unwrap().id, "x1");
    let refused = items.next().await.unwrap().unwrap_err();
    assert!(
        matches!(&refused, Error::InvalidRequest(invalid) if invalid.to_string().contains("another server")),
        "{refused:?}"
    );
    assert_eq!(
        server.received_requests().await.unwrap().len(),
        before,
        "nothing was sent there"
    );
}
