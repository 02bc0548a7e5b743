//! Shared pieces of the integration tests: a client for a wiremock server,
//! envelopes, and realistic resources.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cf_orgs::{Client, Credentials, RetryEvent};
use serde_json::{Value, json};
use wiremock::MockServer;

pub const ORG: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
pub const EMAIL: &str = "ops@acme.example";
pub const KEY: &str = "gk-SECRET-0123456789abcdef";

/// A client for `server` with the Global API key, fast backoff, and a record of its retries.
pub fn client(server: &MockServer) -> (Client, Arc<Mutex<Vec<RetryEvent>>>) {
    client_with(server, Credentials::global_api_key(EMAIL, KEY))
}

pub fn client_with(server: &MockServer, credentials: Credentials) -> (Client, Arc<Mutex<Vec<RetryEvent>>>) {
    let retries = Arc::new(Mutex::new(Vec::new()));
    let seen = retries.clone();
    let client = Client::builder()
        .credentials(credentials)
        .base_url(server.uri())
        .backoff(Duration::from_millis(1), Duration::from_millis(5))
        .on_retry(move |event| seen.lock().unwrap().push(event.clone()))
        .build()
        .expect("client builds");
    (client, retries)
}

pub fn envelope(result: Value) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": result })
}

pub fn failure(code: i64, message: &str) -> Value {
    json!({ "success": false, "errors": [{ "code": code, "message": message }], "messages": [], "result": null })
}

pub fn organization(id: &str, name: &str) -> Value {
    json!({
        "id": id, "name": name, "create_time": "2025-01-14T09:30:00Z",
        "meta": { "hierarchy_tags": ["t-root"], "managed_by": "cloudflare" }
    })
}

pub fn member(id: &str, email: &str, status: &str) -> Value {
    json!({
        "id": id, "status": status, "meta": {},
        "create_time": "2025-02-01T12:00:00Z", "update_time": "2025-02-02T12:00:00Z",
        "user": { "id": format!("u-{id}"), "email": email, "name": "Alice", "two_factor_authentication_enabled": true }
    })
}

/// Paged answer in the page-token scheme.
pub fn token_page(items: Vec<Value>, next: Option<&str>, total: u64) -> Value {
    let mut info = json!({ "total_size": total });
    if let Some(next) = next {
        info["next_page_token"] = json!(next);
    }
    json!({ "success": true, "errors": [], "messages": [], "result": items, "result_info": info })
}
