//! `List<O>`: a list operation, one [`Page`] at a time or as an
//! [`ItemStream`] of every item; the generic core of every named list builder
//! (`ListMembers`, …), which [`list_builder!`] declares over it. Three paging
//! schemes, as the API has them: `page_token` / `result_info.next_page_token`
//! (organizations, accounts, members), a cursor in `result_info.cursor` or
//! `result_info.cursors.after` (audit logs), and `page` / `per_page` (shares).
//! Whatever the scheme, a page's token resumes the list (`resume_from`).

use std::collections::HashSet;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use cf_orgs_gen::runtime::{ListEndpoint, PageScheme};
use futures_core::Stream;
use futures_util::{TryStreamExt, stream};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::envelope::{Response, ResponseMeta};
use crate::error::{Error, ErrorKind, Result};
use crate::operation::{Items, Operation};
use crate::request::{BoxFuture, Request};

/// Every item of a list, page after page, one page in memory at a time: a
/// [`Stream`] that is `Unpin`, `Send` and `'static` (no pinning needed).
///
/// If a page fails, the stream ends with that error, and
/// [`Error::resume_token`](crate::Error::resume_token) is where to resume:
/// pass it to the list's `resume_from` and stream again.
#[must_use = "a stream does nothing unless polled"]
pub struct ItemStream<T> {
    inner: Pin<Box<dyn Stream<Item = Result<T>> + Send + 'static>>,
}

impl<T> Stream for ItemStream<T> {
    type Item = Result<T>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.inner.size_hint()
    }
}

impl<T> std::fmt::Debug for ItemStream<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ItemStream")
    }
}

impl<T: Send + 'static> ItemStream<T> {
    pub(crate) fn new(stream: impl Stream<Item = Result<T>> + Send + 'static) -> Self {
        Self { inner: Box::pin(stream) }
    }
}

/// A list operation: its items; how it pages is the request layer's (`ListEndpoint`, from the
/// spec's page parameter and `result_info`).
pub(crate) trait Paged: Operation<Answer = Items<Self::Item>> + ListEndpoint {
    /// What the list holds.
    type Item: DeserializeOwned + Send + 'static;
}

/// How the answer to `op` says where the next page is.
fn paging_of<O: ListEndpoint>(op: &O) -> Paging {
    match O::PAGE_SCHEME {
        PageScheme::PageToken => Paging::PageToken,
        PageScheme::Cursor => Paging::Cursor,
        PageScheme::PageNumber => {
            let (page, per_page) = op.page_number().unwrap_or((1, i64::MAX));
            Paging::PageNumber {
                page: u64::try_from(page).unwrap_or(1),
                per_page: u64::try_from(per_page).unwrap_or(1),
            }
        }
    }
}

/// Asks `op` for the page at `token` (a page token, a cursor or a page number).
///
/// # Errors
/// A token this list's scheme cannot send (a page number that is not one).
fn set_page<O: ListEndpoint>(op: &mut O, token: &str) -> Result<()> {
    op.set_page(token).map_err(|why| Error::invalid_input(O::PAGE_PARAM, why))
}

/// A list request: the named list builder's setters change the operation,
/// then `.send()` fetches one page or `.stream()` every item.
#[derive(Clone)]
pub(crate) struct List<O: Paged> {
    pub(crate) request: Request<O>,
}

impl<O: Paged> std::fmt::Debug for List<O> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_tuple("List").field(&self.request).finish()
    }
}

impl<O: Paged> List<O> {
    pub(crate) fn new(request: Request<O>) -> Self {
        Self { request }
    }

    /// Changes the operation, unless an earlier input error stands.
    pub(crate) fn edit(self, change: impl FnOnce(&mut O)) -> Self {
        Self { request: self.request.edit(change) }
    }

    /// Changes the operation with a step that may refuse its input; the first error stands.
    pub(crate) fn try_edit(self, change: impl FnOnce(&mut O) -> Result<()>) -> Self {
        Self { request: self.request.try_edit(change) }
    }

    /// Retries for each page request, instead of the client's.
    pub(crate) fn max_retries(self, retries: u32) -> Self {
        Self { request: self.request.max_retries(retries) }
    }

    /// Time allowed for each attempt of each page request, instead of the client's.
    pub(crate) fn timeout(self, timeout: Duration) -> Self {
        Self { request: self.request.timeout(timeout) }
    }

    /// Starts at the page `token` names, whatever the list's scheme calls it.
    pub(crate) fn resume_from(self, token: String) -> Self {
        Self { request: self.request.try_edit(|op| set_page(op, &token)) }
    }

    /// One page (the first, or the one a page setter chose).
    pub(crate) fn send(self) -> impl Future<Output = Result<Page<O::Item>>> + Send + 'static {
        page(self.request, None)
    }

    /// The page's items with the answer's status, headers and `result_info`.
    pub(crate) fn with_meta(self) -> impl Future<Output = Result<Response<Vec<O::Item>>>> + Send + 'static {
        self.request.with_meta()
    }

    /// Every item, page after page with the same filters, one page in memory at a time.
    pub(crate) fn stream(self) -> ItemStream<O::Item> {
        let first = self.request.op.as_ref().ok().and_then(ListEndpoint::current_page);
        let request = Arc::new(self.request);
        items(first, Arc::new(move |token| Box::pin(page(Request::clone(&request), token))))
    }
}

/// Fetches one page of `request`, at `token` when given.
fn page<O: Paged>(request: Request<O>, token: Option<String>) -> impl Future<Output = Result<Page<O::Item>>> + Send {
    use futures_util::FutureExt;
    let paging = request.op.as_ref().map(paging_of).unwrap_or(Paging::PageToken);
    let request = match token {
        Some(token) => request.try_edit(|op| set_page(op, &token)),
        None => request,
    };
    request.with_meta().map(move |response| response.map(|response| paging.page(response)))
}

/// One page of a list.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Page<T> {
    /// The page's items.
    pub items: Vec<T>,
    /// What fetches the next page (a page token, a cursor, or for shares the
    /// next page number); `None` on the last page.
    pub next_page_token: Option<String>,
    /// How many items the whole list has, from the field the spec gives for
    /// it: `total_size` (organizations, accounts, members), `total_count`
    /// (shares). Always `None` for audit logs, whose `result_info` has no
    /// total (its `count` is this page's).
    pub total_size: Option<u64>,
    /// Status, headers, cf-ray and the raw `result_info` of this page.
    pub meta: ResponseMeta,
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// How a list says where its next page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Paging {
    /// `result_info.next_page_token`, absent on the last page.
    PageToken,
    /// `result_info.cursor`, or `result_info.cursors.after`, absent or empty on the last page.
    Cursor,
    /// `result_info.page` of `total_pages` (or a short page) for `page` / `per_page`.
    PageNumber {
        /// The page asked for (when the answer does not say which it is).
        page: u64,
        /// The page size asked for (a shorter page is the last).
        per_page: u64,
    },
}

impl Paging {
    /// Builds a page from a decoded answer.
    pub(crate) fn page<T>(self, response: Response<Vec<T>>) -> Page<T> {
        let info = response.meta.result_info.clone().unwrap_or(Value::Null);
        let (next, total) = self.read(&info, response.value.len());
        Page { items: response.value, next_page_token: next, total_size: total, meta: response.meta }
    }

    /// The next page's token and the list's total, from a page's `result_info` and length.
    pub(crate) fn read(self, info: &Value, len: usize) -> (Option<String>, Option<u64>) {
        let text = |v: &Value| v.as_str().filter(|s| !s.is_empty()).map(str::to_string);
        let number =
            |v: &Value| v.as_u64().or_else(|| v.as_f64().map(|f| f as u64)).or_else(|| v.as_str()?.parse().ok());
        match self {
            Paging::PageToken => (text(&info["next_page_token"]), number(&info["total_size"])),
            Paging::Cursor => {
                let next = text(&info["cursors"]["after"]).or_else(|| text(&info["cursor"]));
                // An empty page ends the list even if a cursor came with it. The
                // spec's `count` is this page's, not the list's: no total.
                (next.filter(|_| len > 0), None)
            }
            Paging::PageNumber { page: asked, per_page } => {
                let page = number(&info["page"]).unwrap_or(asked);
                let more = match number(&info["total_pages"]) {
                    Some(pages) => page < pages,
                    None => len as u64 >= per_page && len > 0,
                };
                (more.then(|| (page + 1).to_string()), number(&info["total_count"]))
            }
        }
    }

    /// The query parameter that asks for a page, as the spec's lists name it.
    #[cfg(feature = "generated")]
    pub(crate) fn param(self) -> &'static str {
        match self {
            Paging::PageToken => PageScheme::PageToken,
            Paging::Cursor => PageScheme::Cursor,
            Paging::PageNumber { .. } => PageScheme::PageNumber,
        }
        .param()
    }
}

/// Fetches the page at a token (`None` for the first).
pub(crate) type Fetch<T> = Arc<dyn Fn(Option<String>) -> BoxFuture<Page<T>> + Send + Sync>;

/// Every item of every page from `first` (`None`: the first page), one page
/// in memory at a time. Stops after the last page, ends with the error if a
/// page fails (its token the error's resume token), and ends with an
/// [`ErrorKind::Pagination`] error if the API repeats a token.
pub(crate) fn items<T: Send + 'static>(first: Option<String>, fetch: Fetch<T>) -> ItemStream<T> {
    enum State {
        Next(Option<String>),
        Fail(Error),
        Done,
    }
    struct Walk<T> {
        fetch: Fetch<T>,
        state: State,
        seen: HashSet<String>,
    }
    let walk = Walk { fetch, state: State::Next(first), seen: HashSet::new() };
    let pages = stream::try_unfold(walk, |mut walk| async move {
        let token = match std::mem::replace(&mut walk.state, State::Done) {
            State::Next(token) => token,
            State::Fail(error) => return Err(error),
            State::Done => return Ok(None),
        };
        let page = (walk.fetch)(token.clone()).await.map_err(|e| e.with_resume_token(token))?;
        if let Some(next) = page.next_page_token {
            walk.state = if walk.seen.insert(next.clone()) {
                State::Next(Some(next))
            } else {
                // This page's items still count; the stream ends after them.
                State::Fail(Error::new(
                    ErrorKind::Pagination,
                    format!("the API repeated the page token {next:?}; stopping instead of looping"),
                ))
            };
        }
        Ok(Some((page.items, walk)))
    })
    .map_ok(|items| stream::iter(items.into_iter().map(Ok)))
    .try_flatten();
    ItemStream::new(pages)
}

/// Declares `$name`, the named builder of a list of `$op` holding `$item`:
/// a type with its own rustdoc page, the filters its resource module adds,
/// and what every list has (retries, timeout, `resume_from`, `send`,
/// `with_meta`, `stream`, `.await`), each forwarded to the generic [`List`].
macro_rules! list_builder {
    ($(#[$doc:meta])* $name:ident($op:ident) -> $item:ty) => {
        $crate::request::builder_type!(
            $(#[$doc])*
            ///
            /// Await it (or call `.send()`) for the first page, `.with_meta()` for
            /// that page with its status, headers and `result_info`, or
            /// `.stream()` for every item of every page.
            $name(List<$op>),
            "a list does nothing until sent or streamed"
        );

        impl $name {
            /// Starts at the page `token` names: a
            /// [`Page::next_page_token`](crate::Page::next_page_token), or a failed
            /// stream's [`Error::resume_token`](crate::Error::resume_token),
            /// whatever this list's paging calls it.
            pub fn resume_from(self, token: impl Into<String>) -> Self {
                Self(self.0.resume_from(token.into()))
            }

            /// One page: the first, or the one `resume_from` chose (the same as awaiting).
            ///
            /// # Errors
            /// Any [`Error`](crate::Error): invalid input before sending, then HTTP failures.
            pub fn send(self) -> impl ::std::future::Future<Output = $crate::Result<$crate::Page<$item>>> + Send + 'static {
                self.0.send()
            }

            /// That page's items with the answer's status, headers, cf-ray and `result_info`.
            ///
            /// # Errors
            /// As [`send`](Self::send).
            pub fn with_meta(
                self,
            ) -> impl ::std::future::Future<Output = $crate::Result<$crate::Response<Vec<$item>>>> + Send + 'static {
                self.0.with_meta()
            }

            /// Every item, page after page with the same filters, one page in memory at a time.
            pub fn stream(self) -> $crate::ItemStream<$item> {
                self.0.stream()
            }
        }

        impl From<$name> for $crate::pagination::List<cf_orgs_gen::operations::$op> {
            fn from(list: $name) -> Self {
                list.0
            }
        }

        impl ::std::future::IntoFuture for $name {
            type Output = $crate::Result<$crate::Page<$item>>;
            type IntoFuture = $crate::request::BoxFuture<$crate::Page<$item>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.0.send())
            }
        }
    };
}
pub(crate) use list_builder;

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::TryStreamExt;
    use reqwest::header::HeaderMap;
    use serde_json::json;

    fn response(items: Vec<u32>, info: Value) -> Response<Vec<u32>> {
        Response {
            value: items,
            meta: ResponseMeta {
                status: 200,
                headers: HeaderMap::new(),
                messages: vec![],
                result_info: Some(info),
                rate_limit: None,
            },
        }
    }

    #[test]
    fn each_scheme_finds_its_next_page() {
        let p = Paging::PageToken.page(response(vec![1], json!({ "next_page_token": "t2", "total_size": 3 })));
        assert_eq!((p.next_page_token.as_deref(), p.total_size), (Some("t2"), Some(3)));
        assert_eq!(Paging::PageToken.page(response(vec![1], json!({ "total_size": 3 }))).next_page_token, None);
        let p = Paging::Cursor.page(response(vec![1], json!({ "cursors": { "after": "a" }, "cursor": "c" })));
        assert_eq!(p.next_page_token.as_deref(), Some("a"));
        let p = Paging::Cursor.page(response(vec![1], json!({ "cursor": "c", "count": "1", "total_count": 9 })));
        assert_eq!((p.next_page_token.as_deref(), p.total_size), (Some("c"), None), "count is the page's, not a total");
        assert_eq!(Paging::Cursor.page(response(vec![], json!({ "cursor": "c" }))).next_page_token, None);
        let shares = Paging::PageNumber { page: 1, per_page: 2 };
        assert_eq!(
            shares.page(response(vec![1, 2], json!({ "page": 1, "total_pages": 2 }))).next_page_token.as_deref(),
            Some("2")
        );
        assert_eq!(shares.page(response(vec![1], json!({ "page": 2, "total_pages": 2 }))).next_page_token, None);
        assert_eq!(shares.page(response(vec![1, 2], json!({ "page": 3 }))).next_page_token.as_deref(), Some("4"));
        let fifth = Paging::PageNumber { page: 5, per_page: 2 };
        assert_eq!(
            fifth.page(response(vec![1, 2], json!({}))).next_page_token.as_deref(),
            Some("6"),
            "the page asked for"
        );
    }

    fn pages(list: Vec<(Vec<u32>, Option<&'static str>)>) -> Fetch<u32> {
        let list = Arc::new(list);
        Arc::new(move |token: Option<String>| {
            let list = list.clone();
            Box::pin(async move {
                let index = token.map_or(0, |t| t.trim_start_matches('t').parse::<usize>().unwrap());
                let (items, next) = list[index].clone();
                Ok(Paging::PageToken.page(response(items, json!({ "next_page_token": next }))))
            }) as BoxFuture<Page<u32>>
        })
    }

    #[tokio::test]
    async fn a_stream_yields_every_item_in_order_and_stops() {
        let got: Vec<u32> = items(None, pages(vec![(vec![1, 2], Some("t1")), (vec![], Some("t2")), (vec![3], None)]))
            .try_collect()
            .await
            .unwrap();
        assert_eq!(got, [1, 2, 3]);
    }

    #[tokio::test]
    async fn a_repeated_token_ends_the_stream_with_an_error() {
        let mut s = Box::pin(items(None, pages(vec![(vec![1], Some("t1")), (vec![2], Some("t1"))])));
        assert_eq!(s.try_next().await.unwrap(), Some(1));
        assert_eq!(s.try_next().await.unwrap(), Some(2));
        assert_eq!(s.try_next().await.unwrap_err().kind(), ErrorKind::Pagination);
    }

    #[tokio::test]
    async fn a_failed_page_names_its_token_and_the_list_resumes_there() {
        let failing = Arc::new(std::sync::atomic::AtomicBool::new(true));
        let inner = pages(vec![(vec![1], Some("t1")), (vec![2], Some("t2")), (vec![3], None)]);
        let fetch = {
            let failing = failing.clone();
            Arc::new(move |token: Option<String>| {
                if token.as_deref() == Some("t2") && failing.swap(false, std::sync::atomic::Ordering::SeqCst) {
                    return Box::pin(async { Err(Error::new(ErrorKind::Server, "503")) }) as BoxFuture<Page<u32>>;
                }
                inner(token)
            }) as Fetch<u32>
        };
        let mut s = items(None, fetch.clone());
        assert_eq!(s.try_next().await.unwrap(), Some(1));
        assert_eq!(s.try_next().await.unwrap(), Some(2));
        let err = s.try_next().await.unwrap_err();
        assert_eq!((err.kind(), err.resume_token()), (ErrorKind::Server, Some("t2")));
        let rest: Vec<u32> = items(err.resume_token().map(str::to_string), fetch).try_collect().await.unwrap();
        assert_eq!(rest, [3], "nothing lost, nothing repeated");
    }

    proptest::proptest! {
        /// A stream over any sequence of pages (empty ones included) yields
        /// exactly their items, in order, and then ends.
        #[test]
        fn a_stream_yields_exactly_the_pages_items_in_order(
            list in proptest::collection::vec(proptest::collection::vec(proptest::prelude::any::<u32>(), 0..20), 1..12)
        ) {
            let expected: Vec<u32> = list.iter().flatten().copied().collect();
            // Page i points at page i + 1 (`pages` reads `tN` as index N); the last at nothing.
            const TOKENS: [&str; 11] = ["t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11"];
            let pages_list = list
                .iter()
                .enumerate()
                .map(|(i, items)| (items.clone(), TOKENS.get(i).copied().filter(|_| i + 1 < list.len())))
                .collect();
            let rt = tokio::runtime::Builder::new_current_thread().build().unwrap();
            let got: Vec<u32> = rt.block_on(items(None, pages(pages_list)).try_collect()).unwrap();
            proptest::prop_assert_eq!(got, expected);
        }
    }
}
