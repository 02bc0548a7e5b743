//! What the integration tests of cf-orgs, cf-orgs-mock and the benches share,
//! in one place: a scripted loopback server ([`answering`]) and a client for
//! it ([`client`]); a client for the mock ([`mock_client`]); and realistic
//! answers in Cloudflare's envelope. Not published.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use cf_orgs::{Client, ClientBuilder, Credentials, RetryEvent};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// An organization id of the API's shape.
pub const ORG: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
/// The email of the Global API key the scripted server's clients send.
pub const EMAIL: &str = "ops@acme.example";
/// That key: tests assert it never shows.
pub const KEY: &str = "gk-SECRET-0123456789abcdef";

/// The retries a client made, as its `on_retry` hook saw them.
pub type Retries = Arc<Mutex<Vec<RetryEvent>>>;

/// A loopback server answering every request with `status` and `body`.
pub async fn answering(status: u16, body: Option<Value>) -> MockServer {
    let server = MockServer::start().await;
    let template = match body {
        Some(body) => ResponseTemplate::new(status).set_body_json(body),
        None => ResponseTemplate::new(status),
    };
    Mock::given(any()).respond_with(template).mount(&server).await;
    server
}

/// A client for a scripted `server` with the Global API key, fast backoff, and a record of its retries.
pub fn client(server: &MockServer) -> (Client, Retries) {
    client_with(server, Credentials::global_api_key(EMAIL, KEY))
}

/// As [`client`], with other credentials.
pub fn client_with(server: &MockServer, credentials: Credentials) -> (Client, Retries) {
    let retries = Retries::default();
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

/// The mock's email + Global API key: every operation takes them.
pub fn mock_credentials(server: &cf_orgs_mock::MockServer) -> Credentials {
    let creds = server.mock_credentials();
    Credentials::global_api_key(&creds.email, &creds.api_key)
}

/// The mock's API token: the operations whose `security` lists it take it.
pub fn mock_token_credentials(server: &cf_orgs_mock::MockServer) -> Credentials {
    Credentials::api_token(&server.mock_credentials().api_token)
}

/// A client builder for the mock: its base URL and email + key; fast backoff.
pub fn mock_builder(server: &cf_orgs_mock::MockServer) -> ClientBuilder {
    Client::builder()
        .credentials(mock_credentials(server))
        .base_url(server.base_url())
        .backoff(Duration::from_millis(1), Duration::from_millis(10))
}

/// A client for the mock, as [`mock_builder`] makes it.
pub fn mock_client(server: &cf_orgs_mock::MockServer) -> Client {
    mock_builder(server).build().expect("client builds")
}

/// A successful envelope around `result`.
pub fn envelope(result: Value) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": result })
}

/// A failed envelope with one error.
pub fn failure(code: i64, message: &str) -> Value {
    json!({ "success": false, "errors": [{ "code": code, "message": message }], "messages": [], "result": null })
}

/// An organization as the API answers it.
pub fn organization(id: &str, name: &str) -> Value {
    json!({
        "id": id, "name": name, "create_time": "2025-01-14T09:30:00Z",
        "meta": { "hierarchy_tags": ["t-root"], "managed_by": "cloudflare" }
    })
}

/// A member as the API answers it.
pub fn member(id: &str, email: &str, status: &str) -> Value {
    json!({
        "id": id, "status": status, "meta": {},
        "create_time": "2025-02-01T12:00:00Z", "update_time": "2025-02-02T12:00:00Z",
        "user": { "id": format!("u-{id}"), "email": email, "name": "Alice", "two_factor_authentication_enabled": true }
    })
}

/// A page in the page-token scheme.
pub fn token_page(items: Vec<Value>, next: Option<&str>, total: u64) -> Value {
    let mut info = json!({ "total_size": total });
    if let Some(next) = next {
        info["next_page_token"] = json!(next);
    }
    json!({ "success": true, "errors": [], "messages": [], "result": items, "result_info": info })
}
