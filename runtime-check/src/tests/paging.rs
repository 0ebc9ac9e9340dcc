//! `Pages` and `Items` over a fake builder whose pages are canned: where the streams stop.

use std::sync::{Arc, Mutex};

use reqwest::StatusCode;
use reqwest::header::HeaderMap;

use crate::runtime::{
    Error, InvalidRequest, Items, PageFuture, Paged, PagedItems, Pages, Response,
};

/// One canned page: its items and the cursor of the next (`None`: the last page).
type Canned = (Vec<u32>, Option<&'static str>);

/// A builder for the page at `cursor`, answered from `pages` by cursor; records each fetch.
#[derive(Clone)]
struct Fake {
    cursor: &'static str,
    pages: Arc<Vec<(&'static str, Canned)>>,
    fetched: Arc<Mutex<Vec<&'static str>>>,
}

impl Paged for Fake {
    type Page = Canned;
    type Error = ();

    fn fetch<'s>(self) -> PageFuture<'s, Canned, ()>
    where
        Self: 's,
    {
        Box::pin(async move {
            self.fetched.lock().unwrap().push(self.cursor);
            match self.pages.iter().find(|(cursor, _)| *cursor == self.cursor) {
                Some((_, page)) => Ok(Response::new(
                    StatusCode::OK,
                    HeaderMap::new(),
                    page.clone(),
                )),
                None => Err(Error::InvalidRequest(InvalidRequest::new("no such page"))),
            }
        })
    }

    fn next_page(&self, page: &Response<Canned>) -> Option<(Self, String)> {
        let next = page.1?;
        Some((
            Self {
                cursor: next,
                ..self.clone()
            },
            next.to_owned(),
        ))
    }
}

impl PagedItems for Fake {
    type Item = u32;

    fn items(page: Canned) -> Vec<u32> {
        page.0
    }
}

fn fake(pages: Vec<(&'static str, Canned)>) -> Fake {
    Fake {
        cursor: "first",
        pages: Arc::new(pages),
        fetched: Arc::default(),
    }
}

#[tokio::test]
async fn items_follow_the_pages_to_the_end_in_order() {
    let builder = fake(vec![
        ("first", (vec![1, 2], Some("b"))),
        ("b", (vec![], Some("c"))),
        ("c", (vec![3], None)),
    ]);
    let fetched = Arc::clone(&builder.fetched);
    let items = Items::new(builder).collect().await.unwrap();
    assert_eq!(items, [1, 2, 3]);
    assert_eq!(*fetched.lock().unwrap(), ["first", "b", "c"]);
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_pages() {
    let builder = fake(vec![
        ("first", (vec![1], Some("b"))),
        ("b", (vec![2], Some("b"))),
    ]);
    let fetched = Arc::clone(&builder.fetched);
    let mut pages = Pages::new(builder);
    let mut count = 0;
    while let Some(page) = pages.next().await {
        page.unwrap();
        count += 1;
    }
    assert_eq!(count, 2);
    assert_eq!(*fetched.lock().unwrap(), ["first", "b"]);
}

#[tokio::test]
async fn the_page_limit_ends_the_pages() {
    let pages: Vec<(&'static str, Canned)> = vec![
        ("first", (vec![1], Some("b"))),
        ("b", (vec![2], Some("c"))),
        ("c", (vec![3], Some("d"))),
        ("d", (vec![4], None)),
    ];
    let items = Items::new(fake(pages.clone()))
        .max_pages(2)
        .collect()
        .await
        .unwrap();
    assert_eq!(items, [1, 2]);
    let mut limited = Pages::new(fake(pages)).max_pages(3);
    while limited.next().await.is_some() {}
    assert_eq!(limited.fetched(), 3);
}

#[tokio::test]
async fn an_error_is_given_once_and_ends_the_stream() {
    let builder = fake(vec![("first", (vec![1], Some("missing")))]);
    let mut items = Items::new(builder);
    assert_eq!(items.next().await.unwrap().unwrap(), 1);
    assert!(matches!(
        items.next().await,
        Some(Err(Error::InvalidRequest(_)))
    ));
    assert!(items.next().await.is_none());
}

#[test]
fn next_links_are_read_from_every_link_header() {
    use crate::runtime::next_link;
    let headers = |values: &[&str]| {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(reqwest::header::LINK, value.parse().unwrap());
        }
        map
    };
    let cases: &[(&[&str], Option<&str>)] = &[
        (
            &[
                r#"<https://api.github.com/repos?page=2>; rel="next", <https://api.github.com/repos?page=9>; rel="last""#,
            ],
            Some("https://api.github.com/repos?page=2"),
        ),
        // Order, case, unquoted values, several relation types, a URL with `;` and `,`.
        (
            &[r#"<https://x/a?page=1>; rel="prev first", <https://x/a?p=2;q=a,b>; REL=next"#],
            Some("https://x/a?p=2;q=a,b"),
        ),
        (
            &[
                r#"<https://x/a?page=1>; rel="prev""#,
                r#"</a?page=3>; rel="next""#,
            ],
            Some("/a?page=3"),
        ),
        (&[r#"<https://x/a?page=1>; rel="last""#], None),
        (&[r#"<https://x/a; rel="next""#], None),
        (&["garbage"], None),
        (&[], None),
        // `next` must be a relation of its own, not part of one.
        (&[r#"<https://x/a>; rel="nextish""#], None),
    ];
    for (values, expected) in cases {
        assert_eq!(
            next_link(&headers(values)).as_deref(),
            *expected,
            "{values:?}"
        );
    }
}

#[test]
fn links_are_followed_on_the_same_origin_only() {
    use crate::runtime::follow_link;
    let http = reqwest::Client::new();
    let request = || {
        http.get("https://api.example.com/v1/items?page=1")
            .bearer_auth("t")
    };
    let followed = follow_link(request(), "https://api.example.com/v1/items?page=2")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        followed.url().as_str(),
        "https://api.example.com/v1/items?page=2"
    );
    assert!(followed.headers().contains_key("authorization"));
    let relative = follow_link(request(), "/v1/items?cursor=abc")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(
        relative.url().as_str(),
        "https://api.example.com/v1/items?cursor=abc"
    );
    for elsewhere in [
        "https://evil.example.net/v1/items?page=2",
        "http://api.example.com/v1/items?page=2",
        "https://api.example.com:8443/v1/items",
        "//evil.example.net/steal",
    ] {
        let error = follow_link(request(), elsewhere).unwrap_err();
        assert!(
            error.to_string().contains("another server"),
            "{elsewhere}: {error}"
        );
    }
}
