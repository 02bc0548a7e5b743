//! Answers in Cloudflare's envelope.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

/// A successful answer with `result`.
pub fn ok(result: Value) -> Response {
    Json(json!({ "success": true, "errors": [], "messages": [], "result": result })).into_response()
}

/// A successful list answer with `result_info`.
pub fn page(result: Vec<Value>, result_info: Value) -> Response {
    Json(json!({ "success": true, "errors": [], "messages": [], "result": result, "result_info": result_info }))
        .into_response()
}

/// 204, no content.
pub fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// A failure: `status`, and one error with Cloudflare's `code` and `message`.
pub fn error(status: StatusCode, code: u32, message: impl Into<String>) -> Response {
    let body = json!({
        "success": false,
        "errors": [{ "code": code, "message": message.into() }],
        "messages": [],
        "result": null
    });
    (status, Json(body)).into_response()
}

/// The error type of every handler: an envelope already made (boxed: it travels in `Result`s).
pub struct Failure(pub Box<Response>);

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        *self.0
    }
}

impl Failure {
    pub fn new(status: StatusCode, code: u32, message: impl Into<String>) -> Self {
        Self(Box::new(error(status, code, message)))
    }

    /// Any answer as a failure.
    pub fn response(response: Response) -> Self {
        Self(Box::new(response))
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 1004, message)
    }

    pub fn no_org(id: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, 1003, format!("organization {id} not found"))
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(StatusCode::NOT_FOUND, 1003, format!("{what} not found"))
    }
}

pub type Outcome = Result<Response, Failure>;

/// Parses a JSON body; malformed JSON is a 400 envelope, never a panic.
pub fn json_body<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<T, Failure> {
    serde_json::from_slice(body)
        .map_err(|e| Failure::new(StatusCode::BAD_REQUEST, 6007, format!("Malformed JSON in request body: {e}")))
}
