//! Strict mode, end to end: an answer outside the spec's response schema is caught as it leaves.
//! The fixtures' types take an audit entry whose actor email is no email address; the schema's
//! `format: email` does not, so answering it is what strict mode must catch.

use cf_orgs::ErrorKind;
use cf_orgs_mock::{MockServer, Strict};
use serde_json::json;

fn fixtures(email: &str) -> Vec<u8> {
    json!({
        "organizations": [{ "id": "acme", "name": "Acme" }],
        "audit": [{ "organization": { "id": "acme" }, "action": { "time": "2026-09-01T00:00:00Z", "type": "create" },
                    "actor": { "email": email } }]
    })
    .to_string()
    .into_bytes()
}

async fn audit_list(server: &MockServer) -> cf_orgs::Result<usize> {
    let client = cf_orgs_testing::mock_builder(server).max_retries(0).build().unwrap();
    let logs = client
        .organization("acme")
        .audit_logs()
        .list()
        .since(chrono::NaiveDate::from_ymd_opt(2026, 1, 1).unwrap())
        .send()
        .await?;
    Ok(logs.items.len())
}

#[tokio::test]
async fn strict_mode_fails_an_answer_the_spec_does_not_allow() {
    let server = MockServer::start().await; // strict by default
    server.load_fixtures(&fixtures("nobody")).unwrap();
    let err = audit_list(&server).await.unwrap_err();
    assert_eq!(err.status(), Some(500), "{err}");
    assert_eq!(err.kind(), ErrorKind::Server);
    let violations = server.strict_violations();
    assert_eq!(violations.len(), 1, "{violations:?}");
    assert!(violations[0].contains("GET /organizations/{organization_id}/logs/audit 200"), "{}", violations[0]);
    assert!(violations[0].contains("email"), "{}", violations[0]);
}

#[tokio::test]
async fn log_mode_sends_it_and_counts_it_and_off_does_neither() {
    let logging = MockServer::builder().strict(Strict::Log).start().await;
    logging.load_fixtures(&fixtures("nobody")).unwrap();
    assert_eq!(audit_list(&logging).await.unwrap(), 1);
    assert_eq!(logging.strict_violations().len(), 1);

    let off = MockServer::builder().strict(Strict::Off).start().await;
    off.load_fixtures(&fixtures("nobody")).unwrap();
    assert_eq!(audit_list(&off).await.unwrap(), 1);
    assert!(off.strict_violations().is_empty());
}

#[tokio::test]
async fn what_the_spec_allows_passes_strict_mode() {
    let server = MockServer::start().await;
    server.load_fixtures(&fixtures("ops@acme.example")).unwrap();
    assert_eq!(audit_list(&server).await.unwrap(), 1);
    assert!(server.strict_violations().is_empty());
}
