//! What every operation of the request layer (`operations`) is built on: the
//! traits an operation and its query string implement, the values a query
//! carries, and the one encoding of a path segment.

use std::fmt;

/// An HTTP method, as the spec names it (OpenAPI 3.0's eight).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Method {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `OPTIONS`
    Options,
    /// `HEAD`
    Head,
    /// `PATCH`
    Patch,
    /// `TRACE`
    Trace,
}

impl Method {
    /// The method as HTTP spells it.
    pub const fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Put => "PUT",
            Method::Post => "POST",
            Method::Delete => "DELETE",
            Method::Options => "OPTIONS",
            Method::Head => "HEAD",
            Method::Patch => "PATCH",
            Method::Trace => "TRACE",
        }
    }

    /// Whether sending the request twice has the effect of sending it once
    /// (RFC 9110 §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS and TRACE), so that
    /// a client may repeat it after the server may have acted on it. POST
    /// and PATCH are not.
    pub const fn is_idempotent(self) -> bool {
        match self {
            Method::Get | Method::Head | Method::Put | Method::Delete | Method::Options | Method::Trace => true,
            Method::Post | Method::Patch => false,
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One operation of the spec, ready to send: its path parameters, query and body.
pub trait Endpoint {
    /// Which operation this is (method, template, operationId, security).
    const OPERATION: crate::operations::Operation;
    /// Its query string (`NoQuery` when the spec gives it none).
    type Query: Query;
    /// Its JSON request body (`NoBody` when the spec gives it none).
    type Body: serde::Serialize;
    /// The concrete path, each path parameter percent-encoded as exactly one segment.
    fn path(&self) -> String;
    /// The query parameters.
    fn query(&self) -> &Self::Query;
    /// The request body, when the operation has one.
    fn body(&self) -> Option<&Self::Body>;
}

/// How a list asks for its next page, as the spec says: by a page token, a cursor, or a page
/// number (`PageScheme::param` names each scheme's query parameter).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageScheme {
    /// `page_token`, answered by `result_info.next_page_token`.
    PageToken,
    /// `cursor`, answered by `result_info.cursor`.
    Cursor,
    /// `page` (of `per_page` items), answered by `result_info.total_pages`.
    PageNumber,
}

/// A list operation: how it pages, read from its parameters and its answer's `result_info`.
pub trait ListEndpoint: Endpoint {
    /// Its scheme.
    const PAGE_SCHEME: PageScheme;
    /// The query parameter that asks for a page, as the spec names it.
    const PAGE_PARAM: &'static str;
    /// Asks for the page `page` names: a token or cursor as given, a page number read.
    ///
    /// # Errors
    /// A page number that is not one (why, in words).
    fn set_page(&mut self, page: &str) -> Result<(), String>;
    /// The page asked for, if any.
    fn current_page(&self) -> Option<String>;
    /// For a page number: the page and the page size asked for, the spec's defaults where unset.
    fn page_number(&self) -> Option<(i64, i64)> {
        None
    }
}

/// A query string: its parameters under the spec's names, both ways.
pub trait Query: Sized {
    /// Every parameter name, as the spec spells it on the wire.
    const NAMES: &'static [&'static str];
    /// The pairs to send, in the spec's order; a repeated parameter is one pair per value.
    fn to_pairs(&self) -> Vec<(&'static str, String)>;
    /// Reads pairs as a server would: unknown names, malformed values, values
    /// outside the spec's enum or range, a missing required parameter, or a
    /// single-valued parameter given twice are refused. (Feature `server`: a
    /// client never reads a query, and this is a third of the layer's code.)
    #[cfg(feature = "server")]
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, QueryError>;
    /// Checks the values against the spec's enums and ranges, as a server
    /// judges them (feature `server`). A client does not: the live API runs
    /// ahead of its published spec, so a client sends the values it is given
    /// and the server answers for its vocabulary and limits.
    #[cfg(feature = "server")]
    fn check(&self) -> Result<(), QueryError>;
}

/// The query of an operation whose spec lists no query parameter.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct NoQuery;

impl Query for NoQuery {
    const NAMES: &'static [&'static str] = &[];
    fn to_pairs(&self) -> Vec<(&'static str, String)> {
        Vec::new()
    }
    #[cfg(feature = "server")]
    fn from_pairs(pairs: &[(String, String)]) -> Result<Self, QueryError> {
        match pairs.first() {
            Some((name, _)) => Err(QueryError::new(name, "is not a parameter of this operation")),
            None => Ok(NoQuery),
        }
    }
    #[cfg(feature = "server")]
    fn check(&self) -> Result<(), QueryError> {
        Ok(())
    }
}

/// The body of an operation whose spec gives it none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct NoBody;

/// A query parameter the spec refuses: its name and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    /// The parameter, as the spec spells it.
    pub name: String,
    /// What is wrong with it.
    pub reason: String,
}

impl QueryError {
    /// An error about parameter `name`.
    pub fn new(name: &str, reason: impl Into<String>) -> Self {
        Self { name: name.to_string(), reason: reason.into() }
    }
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "query parameter `{}` {}", self.name, self.reason)
    }
}

impl std::error::Error for QueryError {}

/// A value a query parameter carries, written and read as the spec's type says.
pub trait QueryValue: Sized {
    /// The value as sent.
    fn to_query(&self) -> String;
    /// The value as received; the error says what was expected.
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String>;
}

impl QueryValue for String {
    fn to_query(&self) -> String {
        self.clone()
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        Ok(text.to_string())
    }
}

impl QueryValue for i64 {
    fn to_query(&self) -> String {
        self.to_string()
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        text.parse().map_err(|_| format!("{text:?} is not an integer"))
    }
}

impl QueryValue for f64 {
    fn to_query(&self) -> String {
        self.to_string()
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        text.parse().map_err(|_| format!("{text:?} is not a number"))
    }
}

impl QueryValue for bool {
    fn to_query(&self) -> String {
        self.to_string()
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        text.parse().map_err(|_| format!("{text:?} is not true or false"))
    }
}

impl QueryValue for chrono::NaiveDate {
    fn to_query(&self) -> String {
        self.format("%Y-%m-%d").to_string()
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| format!("{text:?} is not a date (YYYY-MM-DD)"))
    }
}

impl QueryValue for chrono::DateTime<chrono::Utc> {
    fn to_query(&self) -> String {
        self.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
    }
    #[cfg(feature = "server")]
    fn from_query(text: &str) -> Result<Self, String> {
        chrono::DateTime::parse_from_rfc3339(text)
            .map(|t| t.with_timezone(&chrono::Utc))
            .map_err(|_| format!("{text:?} is not an RFC 3339 date-time"))
    }
}

/// Reads one value of parameter `name`.
#[cfg(feature = "server")]
pub fn parse<T: QueryValue>(name: &str, text: &str) -> Result<T, QueryError> {
    T::from_query(text).map_err(|reason| QueryError::new(name, reason))
}

/// Stores the value of a single-valued parameter, refusing a second one.
#[cfg(feature = "server")]
pub fn set_once<T>(slot: &mut Option<T>, name: &str, value: T) -> Result<(), QueryError> {
    match slot {
        Some(_) => Err(QueryError::new(name, "is given more than once")),
        None => {
            *slot = Some(value);
            Ok(())
        }
    }
}

/// A required parameter's value, or the error that it is missing.
#[cfg(feature = "server")]
pub fn required<T>(slot: Option<T>, name: &str) -> Result<T, QueryError> {
    slot.ok_or_else(|| QueryError::new(name, "is required"))
}

/// Checks that `value` is one of the spec's `allowed` values.
#[cfg(feature = "server")]
pub fn check_enum(name: &str, value: &str, allowed: &[&str]) -> Result<(), QueryError> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(QueryError::new(name, format!("{value:?} is not one of {}", allowed.join(", "))))
    }
}

/// Checks that `value` lies within the spec's `minimum` and `maximum`.
#[cfg(feature = "server")]
pub fn check_range<T: PartialOrd + fmt::Display>(
    name: &str,
    value: &T,
    minimum: Option<T>,
    maximum: Option<T>,
) -> Result<(), QueryError> {
    let below = minimum.as_ref().filter(|min| value < *min);
    let above = maximum.as_ref().filter(|max| value > *max);
    match (below, above) {
        (Some(min), _) => Err(QueryError::new(name, format!("{value} is below the minimum {min}"))),
        (_, Some(max)) => Err(QueryError::new(name, format!("{value} is above the maximum {max}"))),
        _ => Ok(()),
    }
}

/// Everything but RFC 3986's unreserved characters is percent-encoded, so a
/// value stays one path segment whatever it holds (`/`, `?`, `#`, `%`, spaces).
const SEGMENT: &percent_encoding::AsciiSet =
    &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes `value` as exactly one path segment. A segment of only
/// dots (`.`, `..`) is encoded too: URL parsers would otherwise remove it.
pub fn encode_segment(value: &str) -> String {
    if !value.is_empty() && value.bytes().all(|b| b == b'.') {
        return "%2E".repeat(value.len());
    }
    percent_encoding::utf8_percent_encode(value, SEGMENT).to_string()
}
