//! A loopback server answering every request with one canned body, and
//! counting the TCP connections it accepted (to show pools are reused).

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use axum::Router;
use axum::http::header;
use axum::serve::ListenerExt;

/// The credentials the benchmarks' clients send (the canned server takes any).
pub const EMAIL: &str = "bench@example.com";
/// See [`EMAIL`].
pub const KEY: &str = "bench-key";

/// A cf-orgs client of a canned server at `base_url`, with the client's defaults.
pub fn sdk_client(base_url: &str) -> cf_orgs::Client {
    cf_orgs::Client::builder()
        .credentials(cf_orgs::Credentials::global_api_key(EMAIL, KEY))
        .base_url(base_url)
        .build()
        .expect("a client")
}

/// A raw reqwest client of a canned server, sending the same credentials.
pub fn raw_client() -> reqwest::Client {
    crate::raw::client(EMAIL, KEY)
}

/// A running canned server.
pub struct CannedServer {
    /// `http://127.0.0.1:<port>/client/v4`.
    pub base_url: String,
    connections: Arc<AtomicUsize>,
    _task: tokio::task::JoinHandle<()>,
}

impl CannedServer {
    /// Serves `body` as JSON (with a `cf-ray`) on every path, on a free loopback port.
    pub async fn start(body: &'static str) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], 0))).await?;
        let addr = listener.local_addr()?;
        let connections = Arc::new(AtomicUsize::new(0));
        let counter = connections.clone();
        let listener = listener.tap_io(move |_| {
            counter.fetch_add(1, Ordering::Relaxed);
        });
        let app = Router::new().fallback(move || async move {
            (
                [
                    (header::CONTENT_TYPE, "application/json"),
                    (header::HeaderName::from_static("cf-ray"), "8f00000000000000-SJC"),
                ],
                body,
            )
        });
        let task = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        Ok(Self { base_url: format!("http://{addr}/client/v4"), connections, _task: task })
    }

    /// TCP connections accepted so far.
    pub fn connections(&self) -> usize {
        self.connections.load(Ordering::Relaxed)
    }
}

/// `GET /organizations/{id}` as Cloudflare answers it (the spec's Organization).
pub const ORGANIZATION_ENVELOPE: &str = r#"{"success":true,"errors":[],"messages":[],"result":{"id":"a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8","name":"Acme Corporation","create_time":"2025-01-01T12:00:00Z","meta":{"hierarchy_tags":["a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8"],"managed_by":"partner-123","tenant_flags":{}},"parent":{"id":"b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6","name":"Acme Holdings"},"profile":{"business_name":"Acme Corporation","business_email":"billing@acme.example","business_phone":"+1 555 0100","business_address":"1 Main St","external_metadata":""}}}"#;
