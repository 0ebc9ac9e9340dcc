
// Pagination (included when an operation pages): a stream of pages, and of their items, that
// follows the description's paging until the end.

/// The most pages a stream fetches unless told otherwise ([`Pages::max_pages`]).
pub const DEFAULT_MAX_PAGES: usize = 1000;

/// What [`Paged::fetch`] returns: a page, or why there is none.
pub type PageFuture<'s, P, E> = BoxFuture<'s, Result<Response<P>, Error<E>>>;

/// A request builder of an operation that pages: how a page is fetched and the request for
/// the next one is made. Generated for each such builder; use it through
/// [`Pages`] and [`Items`].
pub trait Paged: Clone + Send + Sized {
    /// The body of one page.
    type Page;
    /// The operation's documented error type.
    type Error;

    /// Sends this request.
    fn fetch<'s>(self) -> PageFuture<'s, Self::Page, Self::Error>
    where
        Self: 's;

    /// The request for the page after `page` (its body, status and headers), and the token,
    /// cursor or number it sends (so a server that repeats one is noticed); `None` after the
    /// last page.
    fn next_page(&self, page: &Response<Self::Page>) -> Option<(Self, String)>;
}

/// A [`Paged`] builder whose pages hold a list of items.
pub trait PagedItems: Paged {
    /// One item.
    type Item;

    /// The items of a page, in order.
    fn items(page: Self::Page) -> Vec<Self::Item>;
}

/// Every page of a paged operation, from the builder's request on: call
/// [`next`](Pages::next) until it gives `None`.
///
/// The stream ends after the last page (an empty token, an empty page, the last page number,
/// `has_more` false), when the server sends a token, cursor or page number it sent before, after
/// [`max_pages`](Pages::max_pages) pages, or after an error.
#[derive(Debug)]
pub struct Pages<B> {
    next: Option<B>,
    seen: std::collections::HashSet<String>,
    fetched: usize,
    max_pages: usize,
}

impl<B: Paged> Pages<B> {
    /// Pages from `first` on.
    pub fn new(first: B) -> Self {
        Self {
            next: Some(first),
            seen: std::collections::HashSet::new(),
            fetched: 0,
            max_pages: DEFAULT_MAX_PAGES,
        }
    }

    /// Stops after `limit` pages. Default: [`DEFAULT_MAX_PAGES`].
    pub fn max_pages(mut self, limit: usize) -> Self {
        self.max_pages = limit;
        self
    }

    /// How many pages have been fetched.
    pub fn fetched(&self) -> usize {
        self.fetched
    }

    /// The next page; `None` once the pages have ended.
    pub async fn next(&mut self) -> Option<Result<Response<B::Page>, Error<B::Error>>> {
        if self.fetched >= self.max_pages {
            self.next = None;
        }
        let request = self.next.take()?;
        self.fetched += 1;
        let following = request.clone();
        let page = match request.fetch().await {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        // A server that sends the same cursor again would be followed forever.
        let next = following.next_page(&page);
        if let Some((next, cursor)) = next.filter(|(_, cursor)| !self.seen.contains(cursor)) {
            self.seen.insert(cursor);
            self.next = Some(next);
        }
        Some(Ok(page))
    }
}

/// Every item of every page of a paged operation, in order: call [`next`](Items::next) until
/// it gives `None`, or [`collect`](Items::collect) them. Ends as [`Pages`] does.
#[derive(Debug)]
pub struct Items<B: PagedItems> {
    pages: Pages<B>,
    buffer: std::collections::VecDeque<B::Item>,
}

impl<B: PagedItems> Items<B> {
    /// The items of the pages from `first` on.
    pub fn new(first: B) -> Self {
        Self {
            pages: Pages::new(first),
            buffer: std::collections::VecDeque::new(),
        }
    }

    /// Stops after the items of `limit` pages. Default: [`DEFAULT_MAX_PAGES`].
    pub fn max_pages(mut self, limit: usize) -> Self {
        self.pages = self.pages.max_pages(limit);
        self
    }

    /// The next item; `None` once the pages have ended.
    pub async fn next(&mut self) -> Option<Result<B::Item, Error<B::Error>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.buffer.extend(B::items(page.into_inner())),
                Err(error) => return Some(Err(error)),
            }
        }
    }

    /// Every remaining item, or the first error.
    pub async fn collect(mut self) -> Result<Vec<B::Item>, Error<B::Error>> {
        let mut items = Vec::new();
        while let Some(item) = self.next().await {
            items.push(item?);
        }
        Ok(items)
    }
}

/// The `rel="next"` target of a `Link` header (RFC 8288): `<https://…?page=2>; rel="next"`.
/// Several headers, several links per header and several relation types per link are read.
pub fn next_link(headers: &HeaderMap) -> Option<String> {
    for value in headers.get_all(reqwest::header::LINK) {
        let Ok(value) = value.to_str() else {
            continue;
        };
        let mut rest = value;
        while let Some(start) = rest.find('<') {
            let after = &rest[start + 1..];
            let end = after.find('>')?;
            let target = &after[..end];
            // The link's parameters run to the next link.
            let params = &after[end + 1..];
            let next_link_at = params.find('<').unwrap_or(params.len());
            // `; rel="next", <…>`: the comma separates this link from the next one.
            let own = params[..next_link_at].trim_end().trim_end_matches(',');
            let is_next = own.split(';').any(|param| {
                let Some((name, value)) = param.split_once('=') else {
                    return false;
                };
                name.trim().eq_ignore_ascii_case("rel")
                    && value
                        .trim()
                        .trim_matches('"')
                        .split_ascii_whitespace()
                        .any(|rel| rel.eq_ignore_ascii_case("next"))
            });
            if is_next {
                return Some(target.to_owned());
            }
            rest = &params[next_link_at..];
        }
    }
    None
}

/// Sends `request` to `next` (a `Link` target, absolute or relative to the request's URL)
/// instead of its own URL. A link to another origin (scheme, host and port) is refused: the
/// request carries the client's credentials.
pub fn follow_link(
    request: reqwest::RequestBuilder,
    next: &str,
) -> Result<reqwest::RequestBuilder, InvalidRequest> {
    let (client, request) = request.build_split();
    let mut request =
        request.map_err(|error| InvalidRequest::new(format!("invalid request: {error}")))?;
    let url = request
        .url()
        .join(next)
        .map_err(|_| InvalidRequest::new("the next page's link is not a valid URL"))?;
    if url.origin() != request.url().origin() {
        return Err(InvalidRequest::new(
            "the next page's link points to another server; it is not followed",
        ));
    }
    *request.url_mut() = url;
    Ok(reqwest::RequestBuilder::from_parts(client, request))
}
