//! Cloudflare's response envelope, `{success, errors[], messages[], result,
//! result_info?}`: unwrapped here, with what it carries besides `result` kept.

use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::{ApiError, Error, ErrorKind, Result};
use crate::rate_limit::RateLimit;

/// An informational item of the envelope's `messages[]`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct ApiMessage {
    /// The message's code, when it has one.
    #[serde(default)]
    pub code: Option<i64>,
    /// The text.
    #[serde(default)]
    pub message: String,
}

/// The raw envelope. Everything but `success` is optional so that a
/// surprising answer becomes a clear error instead of a decode failure.
#[derive(Debug, Deserialize)]
pub(crate) struct RawEnvelope<T> {
    #[serde(default)]
    pub success: Option<bool>,
    #[serde(default, deserialize_with = "crate::decode::null_as_default")]
    pub errors: Vec<ApiError>,
    #[serde(default, deserialize_with = "crate::decode::null_as_default")]
    pub messages: Vec<ApiMessage>,
    #[serde(default = "none")]
    pub result: Option<T>,
    #[serde(default)]
    pub result_info: Option<Value>,
}

fn none<T>() -> Option<T> {
    None
}

/// What a successful call answered besides its result: status, headers,
/// `cf-ray`, and the envelope's `messages` and `result_info`.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ResponseMeta {
    /// The HTTP status.
    pub status: u16,
    /// The response headers.
    pub headers: HeaderMap,
    /// The envelope's informational messages.
    pub messages: Vec<ApiMessage>,
    /// The envelope's `result_info` as sent (paging details), if any.
    pub result_info: Option<Value>,
    /// The rate limit the answer announced (`Ratelimit` or `X-RateLimit-*` headers), if any.
    pub rate_limit: Option<RateLimit>,
}

impl ResponseMeta {
    /// Cloudflare's `cf-ray` id of the answer.
    pub fn ray_id(&self) -> Option<&str> {
        ray_id(&self.headers)
    }
}

/// A result with its [`ResponseMeta`], from the `with_meta()` form of a request.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct Response<T> {
    /// The unwrapped `result`.
    pub value: T,
    /// Status, headers, cf-ray, messages, result_info.
    pub meta: ResponseMeta,
}

pub(crate) fn ray_id(headers: &HeaderMap) -> Option<&str> {
    // Named once: a lookup by `&str` parses the name on every answer.
    const CF_RAY: reqwest::header::HeaderName = reqwest::header::HeaderName::from_static("cf-ray");
    headers.get(&CF_RAY).and_then(|v| v.to_str().ok())
}

/// How a 2xx answer is decoded: status, headers, body.
pub(crate) type Decoder<R> = fn(u16, HeaderMap, &[u8]) -> Result<R>;

/// Decodes a 2xx body: the envelope must say `success: true` (or not say) and carry a `result`.
pub(crate) fn decode_success<T: DeserializeOwned>(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<T>> {
    let (result, _, meta) = decode_envelope(status, headers, body)?;
    match result {
        Some(value) => Ok(Response { value, meta }),
        None => Err(Error::new(ErrorKind::Decode, "the envelope has no result")
            .with_status(status)
            .with_ray_id(meta.ray_id().map(str::to_string))
            .with_body_excerpt(body)),
    }
}

/// Decodes a list's 2xx body: a `result` that is `null` or absent (as the spec
/// allows) is an empty list.
pub(crate) fn decode_list<T: DeserializeOwned>(
    status: u16,
    headers: HeaderMap,
    body: &[u8],
) -> Result<Response<Vec<T>>> {
    let (result, _, meta) = decode_envelope(status, headers, body)?;
    Ok(Response { value: result.unwrap_or_default(), meta })
}

/// Decodes the 2xx answer of a no-content operation: an empty body, or an
/// envelope that says `success: true`. Anything else is the error any other
/// operation would report.
pub(crate) fn decode_empty(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<()>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Response { value: (), meta: empty_meta(status, headers) });
    }
    let (_, said_success, meta) = decode_envelope::<serde::de::IgnoredAny>(status, headers, body)?;
    if !said_success {
        return Err(Error::new(
            ErrorKind::Decode,
            "a no-content answer is neither empty nor an envelope with success: true",
        )
        .with_status(status)
        .with_ray_id(meta.ray_id().map(str::to_string))
        .with_body_excerpt(body));
    }
    Ok(Response { value: (), meta })
}

/// Decodes any 2xx answer as JSON: the envelope's `result` (`null` when it has none, or when the
/// body is empty, as a 204's is). For requests whose operation is chosen at run time.
#[cfg(feature = "generated")]
pub(crate) fn decode_any(status: u16, headers: HeaderMap, body: &[u8]) -> Result<Response<Value>> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(Response { value: Value::Null, meta: empty_meta(status, headers) });
    }
    let (result, _, meta) = decode_envelope::<Value>(status, headers, body)?;
    Ok(Response { value: result.unwrap_or(Value::Null), meta })
}

/// The meta of an answer without a body (a 204): its status, headers and rate limit.
fn empty_meta(status: u16, headers: HeaderMap) -> ResponseMeta {
    let rate_limit = RateLimit::from_headers(&headers);
    ResponseMeta { status, headers, messages: Vec::new(), result_info: None, rate_limit }
}

/// Parses the envelope of a 2xx body: its `result`, whether it said `success: true`, and the rest.
/// `success: false` is an error with the envelope's `errors`.
fn decode_envelope<T: DeserializeOwned>(
    status: u16,
    headers: HeaderMap,
    body: &[u8],
) -> Result<(Option<T>, bool, ResponseMeta)> {
    // Only an error carries the ray as its own.
    let ray = || ray_id(&headers).map(str::to_string);
    let envelope: RawEnvelope<T> = parse(body).map_err(|e| e.with_status(status).with_ray_id(ray()))?;
    if envelope.success == Some(false) {
        return Err(Error::new(ErrorKind::Unsuccessful, "the API answered success: false")
            .with_status(status)
            .with_ray_id(ray())
            .with_api_errors(envelope.errors));
    }
    let rate_limit = RateLimit::from_headers(&headers);
    let meta =
        ResponseMeta { status, headers, messages: envelope.messages, result_info: envelope.result_info, rate_limit };
    Ok((envelope.result, envelope.success == Some(true), meta))
}

/// Parses JSON, telling a non-JSON page (HTML from the edge) apart from JSON of the wrong shape.
pub(crate) fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T> {
    serde_json::from_slice(body).map_err(|e| {
        let looks_like_json = body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| matches!(b, b'{' | b'['));
        let kind = if looks_like_json { ErrorKind::Decode } else { ErrorKind::NonJson };
        let detail = match kind {
            ErrorKind::NonJson => "the answer is not JSON".to_string(),
            _ if e.is_eof() => format!("the JSON answer is cut short: {e}"),
            _ => format!("the answer does not decode: {e}"),
        };
        // serde's message is in the detail; it is not also the source.
        Error::new(kind, detail).with_body_excerpt(body)
    })
}

/// The error for a non-2xx answer: its kind from the status, and whatever the envelope says.
pub(crate) fn decode_failure(status: u16, headers: &HeaderMap, body: &[u8]) -> Error {
    let kind = match status {
        400 | 422 => ErrorKind::BadRequest,
        401 => ErrorKind::Unauthorized,
        403 => ErrorKind::Forbidden,
        404 => ErrorKind::NotFound,
        408 => ErrorKind::RequestTimeout,
        409 => ErrorKind::Conflict,
        429 => ErrorKind::RateLimited,
        500..=599 => ErrorKind::Server,
        _ => ErrorKind::UnexpectedStatus,
    };
    let ray = ray_id(headers).map(str::to_string);
    let error = Error::new(kind, "the API refused the request").with_status(status).with_ray_id(ray);
    if body.iter().all(u8::is_ascii_whitespace) {
        return error;
    }
    match parse::<RawEnvelope<serde::de::IgnoredAny>>(body) {
        Ok(envelope) => error.with_api_errors(envelope.errors),
        // Cloudflare's HTML edge and WAF pages: the kind says "not JSON", the
        // status stays, and the excerpt shows what the page said.
        Err(e) if e.kind() == ErrorKind::NonJson => Error::new(ErrorKind::NonJson, "the answer is not JSON")
            .with_status(status)
            .with_ray_id(ray_id(headers).map(str::to_string))
            .with_body_excerpt(body),
        Err(_) => error.with_body_excerpt(body),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn headers() -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("cf-ray", "8e8dd2156ef28414-SJC".parse().unwrap());
        h
    }

    #[test]
    fn success_false_in_a_200_is_an_error_with_its_codes() {
        let body = json!({ "success": false, "errors": [{ "code": 81053, "message": "nope" }], "messages": [], "result": null });
        let err = decode_success::<Value>(200, headers(), body.to_string().as_bytes()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Unsuccessful);
        assert_eq!(err.api_errors()[0].code, 81053);
        assert_eq!(err.ray_id(), Some("8e8dd2156ef28414-SJC"));
    }

    #[test]
    fn result_info_and_messages_stay_reachable() {
        let body = json!({ "success": true, "errors": [], "messages": [{ "code": 10000, "message": "deprecated" }],
                           "result": [1, 2], "result_info": { "total_size": 2 } });
        let r = decode_success::<Vec<u8>>(200, headers(), body.to_string().as_bytes()).unwrap();
        assert_eq!(r.value, [1, 2]);
        assert_eq!(r.meta.messages[0].message, "deprecated");
        assert_eq!(r.meta.result_info.as_ref().unwrap()["total_size"], 2);
        assert_eq!(r.meta.ray_id(), Some("8e8dd2156ef28414-SJC"));
    }

    #[test]
    fn truncated_json_is_a_decode_error_and_html_is_non_json() {
        let err = decode_success::<Value>(200, headers(), br#"{"success":true,"result":{"id":"a"#).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Decode);
        assert!(err.to_string().contains("cut short"), "{err}");
        let err =
            decode_success::<Value>(200, headers(), b"<!DOCTYPE html><html>Attention Required!</html>").unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NonJson);
        assert!(err.body_excerpt().unwrap().contains("Attention Required"));
    }

    #[test]
    fn failures_map_status_to_kind() {
        let body =
            json!({ "success": false, "errors": [{ "code": 1003, "message": "bad" }], "messages": [], "result": null });
        for (status, kind) in [
            (400, ErrorKind::BadRequest),
            (401, ErrorKind::Unauthorized),
            (403, ErrorKind::Forbidden),
            (404, ErrorKind::NotFound),
            (409, ErrorKind::Conflict),
            (503, ErrorKind::Server),
        ] {
            let err = decode_failure(status, &headers(), body.to_string().as_bytes());
            assert_eq!(err.kind(), kind);
            assert_eq!(err.api_errors()[0].code, 1003);
        }
    }
}
