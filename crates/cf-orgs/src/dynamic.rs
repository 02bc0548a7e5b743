//! Requests chosen at run time (feature `generated`): any operation of the
//! request layer, or any path under the base URL, sent through the client like
//! every other request (credentials, retries by the method's idempotency, rate
//! limit pacing, typed errors), its answer's `result` as JSON. For programs
//! that do not know the operation when they are compiled: a command line above
//! all (`cf-orgs api METHOD PATH`), a proxy, a test harness. Typed code
//! wants the resource handles instead.

use std::future::{Future, IntoFuture};
use std::time::Duration;

use cf_orgs_gen::runtime::{Endpoint, Method};
use serde_json::Value;

use crate::client::Client;
use crate::envelope::{self, Response};
use crate::error::{Error, Result};
use crate::pagination::Paging;
use crate::request::BoxFuture;
use crate::transport::Call;

impl Client {
    /// Sends any operation of the request layer ([`crate::generated::operations`]) and returns
    /// its answer's `result` as JSON (`null` for a 204), with the answer's meta (`result_info`,
    /// rate limit, cf-ray). Its path parameters are each sent as one path segment, as the request
    /// layer encodes them; what the server refuses comes back as the typed [`Error`].
    ///
    /// ```no_run
    /// # async fn run(client: cf_orgs::Client) -> cf_orgs::Result<()> {
    /// use cf_orgs::generated::operations::OrganizationListOrganizations;
    /// let list = OrganizationListOrganizations { query: Default::default() };
    /// let answer = client.send_endpoint(&list).await?;
    /// println!("{} organizations on this page", answer.value.as_array().map_or(0, Vec::len));
    /// # Ok(())
    /// # }
    /// ```
    pub fn send_endpoint<E: Endpoint>(
        &self,
        endpoint: &E,
    ) -> impl Future<Output = Result<Response<Value>>> + Send + 'static {
        self.transport.clone().execute(crate::operation::endpoint_call(endpoint), envelope::decode_any)
    }

    /// What [`send_endpoint`](Self::send_endpoint) would send, without sending it: the method,
    /// the full URL, the headers with every credential as `***`, and the body. For a dry run.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) for a body that does not serialize.
    pub fn preview_endpoint<E: Endpoint>(&self, endpoint: &E) -> Result<RequestPreview> {
        RequestPreview::of(self, crate::operation::endpoint_call(endpoint)?)
    }

    /// A request of `method` to `path` under the base URL (an operation's path, filled in), for what
    /// the request layer has no operation for: a newer endpoint, or a raw call from a shell. The
    /// path must be absolute and hold no query, fragment, `.` or `..` segment, so that it stays
    /// under the base URL and the credentials go nowhere else.
    pub fn raw(&self, method: Method, path: impl Into<String>) -> RawRequest {
        RawRequest {
            client: self.clone(),
            method,
            path: path.into(),
            query: Vec::new(),
            body: None,
            max_retries: None,
            timeout: None,
        }
    }
}

/// Where a list's next page is: the query parameter that asks for it (as the spec names it:
/// `page_token`, `cursor` or `page`) and its value ([`Response::next_page`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct NextPage {
    /// The query parameter.
    pub param: &'static str,
    /// Its value for the next page.
    pub token: String,
}

impl Response<Value> {
    /// The next page of a list answer, read as cf-orgs's own lists read it, whatever the
    /// operation: a page token, a cursor, or, while `total_pages` says there are more, the next
    /// page number. `None` on the last page, and for an answer that is no list.
    pub fn next_page(&self) -> Option<NextPage> {
        let len = self.value.as_array()?.len();
        let info = self.meta.result_info.as_ref()?;
        // A page number is only followed as far as the answer says pages go (no page size here).
        let schemes = [Paging::PageToken, Paging::Cursor, Paging::PageNumber { page: 1, per_page: u64::MAX }];
        schemes.into_iter().find_map(|paging| {
            let (next, _) = paging.read(info, len);
            next.map(|token| NextPage { param: paging.param(), token })
        })
    }
}

/// A request to any path under the base URL ([`Client::raw`]); await it, or [`RawRequest::send`].
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until it is awaited"]
pub struct RawRequest {
    client: Client,
    method: Method,
    path: String,
    query: Vec<(String, String)>,
    body: Option<Value>,
    max_retries: Option<u32>,
    timeout: Option<Duration>,
}

impl RawRequest {
    /// Adds a query parameter (repeat the name for a repeated one).
    pub fn query(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((name.into(), value.into()));
        self
    }

    /// The JSON body.
    pub fn json(mut self, body: Value) -> Self {
        self.body = Some(body);
        self
    }

    /// Retries for this request only, instead of the client's (a non-idempotent method is
    /// retried only when the server cannot have acted on it, as every request).
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    /// Time allowed for each attempt, instead of the client's.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Sends it: the answer's `result` as JSON (`null` when there is none), with its meta.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) (field `path`) before sending, for a path that would leave the
    /// base URL; then every error any request can meet.
    pub fn send(self) -> impl Future<Output = Result<Response<Value>>> + Send + 'static {
        let transport = self.client.transport.clone();
        transport.execute(self.call(), envelope::decode_any)
    }

    /// What [`send`](Self::send) would send, without sending it (credentials as `***`).
    ///
    /// # Errors
    /// As [`send`](Self::send) before sending: a path that would leave the base URL.
    pub fn preview(&self) -> Result<RequestPreview> {
        RequestPreview::of(&self.client, self.clone().call()?)
    }

    fn call(self) -> Result<Call> {
        check_path(&self.path)?;
        let body = match &self.body {
            None => None,
            Some(body) => Some(serde_json::to_vec(body).map_err(|e| Error::invalid_input("body", e).before_sending())?),
        };
        Ok(Call {
            method: self.method,
            template: self.path.clone().into(),
            path: self.path,
            query: self.query.into_iter().map(|(name, value)| (name.into(), value)).collect(),
            body: body.map(bytes::Bytes::from),
            max_retries: self.max_retries,
            timeout: self.timeout,
        })
    }
}

impl IntoFuture for RawRequest {
    type Output = Result<Response<Value>>;
    type IntoFuture = BoxFuture<Response<Value>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.send())
    }
}

impl<O: crate::operation::Operation> crate::request::Request<O> {
    /// What sending would send, as [`Client::preview_endpoint`] shows it, after the same checks.
    pub(crate) fn preview(&self) -> Result<RequestPreview> {
        let op = self.op.as_ref().map_err(Clone::clone)?;
        op.validate()?;
        self.client.preview_endpoint(op)
    }
}

impl<O: crate::pagination::Paged> crate::pagination::List<O> {
    /// The first page's request.
    pub(crate) fn preview(&self) -> Result<RequestPreview> {
        self.request.preview()
    }
}

/// A request as it would be sent ([`Client::preview_endpoint`], [`RawRequest::preview`]): for a
/// dry run that shows what a command would do. Credentials are never in it: each auth header's
/// value is `***`. Its `Display` is the request as HTTP writes it (method, URL, headers, body).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RequestPreview {
    /// The method.
    pub method: Method,
    /// The full URL, query included.
    pub url: String,
    /// The headers sent, credentials as `***`, in the order sent.
    pub headers: Vec<(String, String)>,
    /// The JSON body, when there is one.
    pub body: Option<Value>,
}

impl RequestPreview {
    fn of(client: &Client, call: Call) -> Result<Self> {
        let transport = &client.transport;
        let mut url = reqwest::Url::parse(&format!("{}{}", transport.base_url, call.path))
            .map_err(|e| Error::invalid_input("path", e).before_sending())?;
        if !call.query.is_empty() {
            url.query_pairs_mut().extend_pairs(&call.query);
        }
        // Every auth header is sensitive (Credentials::headers marks them): its value never shows.
        let mut headers: Vec<(String, String)> = transport
            .auth
            .iter()
            .map(|(name, value)| {
                let shown = if value.is_sensitive() { "***".to_string() } else { value.to_str().unwrap_or("").into() };
                (name.as_str().to_string(), shown)
            })
            .collect();
        headers.push(("accept".into(), "application/json".into()));
        let body = match &call.body {
            Some(bytes) => {
                headers.push(("content-type".into(), "application/json".into()));
                Some(serde_json::from_slice(bytes).map_err(|e| Error::invalid_input("body", e).before_sending())?)
            }
            None => None,
        };
        Ok(Self { method: call.method, url: url.to_string(), headers, body })
    }
}

impl std::fmt::Display for RequestPreview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} {}", self.method, self.url)?;
        for (name, value) in &self.headers {
            writeln!(f, "{name}: {value}")?;
        }
        if let Some(body) = &self.body {
            writeln!(f)?;
            writeln!(f, "{}", serde_json::to_string_pretty(body).map_err(|_| std::fmt::Error)?)?;
        }
        Ok(())
    }
}

/// A raw path stays under the base URL: absolute, one path, no dot segments, nothing a URL parser
/// would read as another authority, a query or a fragment.
fn check_path(path: &str) -> Result<()> {
    let refuse = |why: &str| Err(Error::invalid_input("path", format!("{path:?} {why}")).before_sending());
    if !path.starts_with('/') {
        return refuse("is not an absolute path under the base URL (start it with /)");
    }
    if path.starts_with("//") {
        return refuse("starts with //, which names another host");
    }
    if path.chars().any(|c| c.is_control() || matches!(c, '?' | '#' | '\\' | ' ')) {
        return refuse(
            "holds a query, a fragment, a backslash, a space or a control character (give query fields apart)",
        );
    }
    if path.split('/').any(|segment| {
        matches!(segment, "." | "..") || segment.eq_ignore_ascii_case("%2e") || segment.eq_ignore_ascii_case("%2e%2e")
    }) {
        return refuse("holds a . or .. segment, which would leave the base URL");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use serde_json::json;

    fn answer(items: usize, info: Value) -> Response<Value> {
        let meta = crate::envelope::ResponseMeta {
            status: 200,
            headers: Default::default(),
            messages: Vec::new(),
            result_info: Some(info),
            rate_limit: None,
        };
        Response { value: Value::Array(vec![json!({}); items]), meta }
    }

    #[test]
    fn each_paging_scheme_has_its_next_page() {
        use cf_orgs_gen::operations as ops;
        // The query parameters that ask for the next page, as the spec names them.
        let page_token = ops::OrganizationListOrganizationsQuery::PAGE_TOKEN_NAME;
        let cursor = ops::AuditLogsV2GetOrganizationAuditLogsQuery::CURSOR_NAME;
        let page = ops::OrganizationSharesListQuery::PAGE_NAME;
        let next = |items, info| answer(items, info).next_page().map(|n| (n.param, n.token));
        assert_eq!(next(1, json!({ "next_page_token": "t2" })), Some((page_token, "t2".into())));
        assert_eq!(next(1, json!({ "next_page_token": "" })), None);
        assert_eq!(next(1, json!({ "cursor": "c9", "count": "2" })), Some((cursor, "c9".into())));
        assert_eq!(next(1, json!({ "cursors": { "after": "a1" } })), Some((cursor, "a1".into())));
        assert_eq!(next(0, json!({ "cursor": "c9" })), None, "an empty page ends a cursor list");
        assert_eq!(next(1, json!({ "page": 1, "total_pages": 3 })), Some((page, "2".into())));
        assert_eq!(next(1, json!({ "page": 3, "total_pages": 3 })), None);
        assert_eq!(next(1, json!({ "page": 1 })), None, "without total_pages, not followed");
        let single = Response { value: json!({ "id": "x" }), ..answer(0, json!({ "next_page_token": "t" })) };
        assert_eq!(single.next_page(), None, "no list, no next page");
    }

    #[test]
    fn a_preview_shows_the_request_and_never_a_credential() {
        use cf_orgs_gen::operations::{
            Operation, OrganizationListOrganizationsQuery, OrganizationsCreateUserOrganization,
        };
        use cf_orgs_gen::types::OrganizationsApiOrganizationWrite;
        let client = Client::builder()
            .credentials(crate::Credentials::global_api_key("ops@x.example", "s3cret-key"))
            .base_url("https://api.x.example/client/v4")
            .build()
            .unwrap();
        let body = OrganizationsApiOrganizationWrite { name: "Acme".into(), parent: None, profile: None };
        let expected_body = serde_json::to_value(&body).unwrap();
        let create = OrganizationsCreateUserOrganization { body };
        let preview = client.preview_endpoint(&create).unwrap();
        let create_op = Operation::OrganizationsCreateUserOrganization;
        assert_eq!(preview.method, create_op.method());
        assert_eq!(preview.url, format!("https://api.x.example/client/v4{}", create_op.path_template()));
        assert_eq!(preview.body, Some(expected_body));
        let text = preview.to_string();
        assert!(text.contains("x-auth-key: ***") && text.contains("x-auth-email: ***"), "{text}");
        assert!(!text.contains("s3cret") && !format!("{preview:?}").contains("s3cret"), "{text}");
        let list = Operation::OrganizationListOrganizations.path_template();
        let name = OrganizationListOrganizationsQuery::NAME_NAME;
        let raw = client.raw(Method::Get, list).query(name, "a b").preview().unwrap();
        assert_eq!(raw.url, format!("https://api.x.example/client/v4{list}?{name}=a+b"));
        assert!(client.raw(Method::Get, "../x").preview().is_err());
    }

    #[test]
    fn a_raw_path_stays_under_the_base_url() {
        for good in ["/things", "/things/abc/items:verb", "/a/b%2Fc/"] {
            check_path(good).unwrap_or_else(|e| panic!("{good}: {e}"));
        }
        for bad in [
            "organizations",
            "//evil.example/x",
            "/a?b=c",
            "/a#b",
            "/a/../b",
            "/a/./b",
            "/..",
            "/a/%2e%2e/b",
            "/a\\b",
            "/a b",
            "/a\nb",
        ] {
            let err = check_path(bad).unwrap_err();
            assert_eq!((err.kind(), err.field()), (ErrorKind::InvalidInput, Some("path")), "{bad}");
        }
    }
}
