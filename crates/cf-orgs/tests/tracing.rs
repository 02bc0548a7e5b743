//! Tracing: one span per request attempt with method, path template, attempt,
//! status and cf-ray, and never a secret. Alone in its binary: tracing caches
//! per-callsite interest, which other tests' threads would race.

use std::io::Write;
use std::sync::{Arc, Mutex};

use cf_orgs::{Credentials, ErrorKind};
use cf_orgs_testing::*;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A tracing writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test]
async fn the_secret_is_absent_from_debug_errors_and_traces() {
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(403)
                .insert_header("cf-ray", "8e8dd2156ef28414-SJC")
                .set_body_json(failure(9109, "Unauthorized to access requested resource")),
        )
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Forbidden);

    let shown = [
        format!("{client:?}"),
        format!("{err}"),
        format!("{err:?}"),
        format!("{:?}", Credentials::global_api_key(EMAIL, KEY)),
    ];
    for text in &shown {
        assert!(!text.contains(KEY), "secret in {text}");
    }
    let log = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(
        log.contains("cf_orgs.request")
            && log.contains("status=403")
            && log.contains("cf_ray=\"8e8dd2156ef28414-SJC\""),
        "{log}"
    );
    assert!(!log.contains(KEY), "secret in the trace: {log}");
}
