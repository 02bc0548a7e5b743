//! Answers the spec allows decode, and answers it does not are typed errors:
//! lists whose `result` is `null` or absent, unbounded integers, and the
//! envelope of the no-content operations.

use cf_orgs::{Client, ErrorKind, Profile, Result};
use cf_orgs_testing::*;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// The scripted server answering everything so, with its client.
async fn answering_with_client(status: u16, body: Option<Value>) -> (MockServer, Client) {
    let server = answering(status, body).await;
    let (client, _) = client(&server);
    (server, client)
}

/// One page of each of the six lists, as item counts.
async fn every_list(client: &Client) -> Vec<(&'static str, Result<usize>)> {
    let org = client.organization(ORG);
    let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    vec![
        ("organizations", client.organizations().list().send().await.map(|p| p.items.len())),
        ("accounts", org.accounts().list().send().await.map(|p| p.items.len())),
        ("members", org.members().list().send().await.map(|p| p.items.len())),
        ("audit logs", org.audit_logs().list().since(day).send().await.map(|p| p.items.len())),
        ("audit history", org.audit_logs().history("e1", at).send().await.map(|p| p.items.len())),
        ("shares", org.shares().list().send().await.map(|p| p.items.len())),
    ]
}

#[tokio::test]
async fn a_list_whose_result_is_null_or_absent_is_an_empty_page() {
    let with_null = json!({ "success": true, "errors": [], "messages": [], "result": null, "result_info": {} });
    let absent = json!({ "success": true, "errors": [], "messages": [] });
    for body in [with_null, absent] {
        let (_server, client) = answering_with_client(200, Some(body.clone())).await;
        for (list, page) in every_list(&client).await {
            assert_eq!(page.unwrap_or_else(|e| panic!("{list} with {body}: {e}")), 0, "{list}");
        }
    }
}

#[tokio::test]
async fn a_single_resource_without_result_is_still_a_decode_error() {
    let (_server, client) =
        answering_with_client(200, Some(json!({ "success": true, "errors": [], "messages": [] }))).await;
    let err = client.organizations().get(ORG).await.unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Decode);
}

#[tokio::test]
async fn an_audit_status_code_outside_u16_keeps_its_page() {
    let entry = |code: Value| json!({ "id": "e1", "raw": { "status_code": code, "method": "GET" } });
    let body = json!({ "success": true, "errors": [], "result": [entry(json!(200)), entry(json!(-1)), entry(json!(3_000_000_000_i64)), entry(json!(i64::MAX))] });
    let (_server, client) = answering_with_client(200, Some(body)).await;
    let page = client.organization(ORG).audit_logs().list().send().await.unwrap();
    let codes: Vec<Option<i64>> = page.items.iter().map(|e| e.raw.as_ref().unwrap().status_code).collect();
    assert_eq!(codes, [Some(200), Some(-1), Some(3_000_000_000), Some(i64::MAX)]);
}

/// Profile update and member delete, the two operations that answer 204.
async fn no_content_operations(client: &Client) -> Vec<(&'static str, Result<()>)> {
    let org = client.organization(ORG);
    vec![
        ("profile update", org.profile().update(Profile::default()).await),
        ("member delete", org.members().delete("m1").await),
    ]
}

#[tokio::test]
async fn success_false_on_a_no_content_operation_is_an_error() {
    let (_server, client) = answering_with_client(200, Some(failure(1003, "member is the last admin"))).await;
    for (op, outcome) in no_content_operations(&client).await {
        let err = outcome.expect_err(op);
        assert_eq!((err.kind(), err.status()), (ErrorKind::Unsuccessful, Some(200)), "{op}");
        assert_eq!(err.api_errors()[0].code, 1003, "{op}");
    }
}

#[tokio::test]
async fn a_no_content_operation_takes_an_empty_body_or_a_successful_envelope() {
    for (status, body) in
        [(204, None), (200, None), (200, Some(envelope(Value::Null))), (200, Some(envelope(json!({}))))]
    {
        let (_server, client) = answering_with_client(status, body.clone()).await;
        for (op, outcome) in no_content_operations(&client).await {
            outcome.unwrap_or_else(|e| panic!("{op} answered {status} {body:?}: {e}"));
        }
    }
}

#[tokio::test]
async fn a_no_content_answer_that_is_neither_is_a_typed_error() {
    for (body, kind) in [
        (r#"{"result": {}}"#, ErrorKind::Decode),
        ("[1, 2]", ErrorKind::Decode),
        (r#"{"success": true, "errors": ["#, ErrorKind::Decode),
        ("<html>Attention Required!</html>", ErrorKind::NonJson),
    ] {
        let server = MockServer::start().await;
        Mock::given(any())
            .respond_with(ResponseTemplate::new(200).set_body_raw(body, "application/json"))
            .mount(&server)
            .await;
        let (client, _) = client(&server);
        for (op, outcome) in no_content_operations(&client).await {
            let err = outcome.expect_err(op);
            assert_eq!(err.kind(), kind, "{op} answered {body}: {err}");
            assert!(err.body_excerpt().is_some(), "{op}: {err:?}");
        }
    }
}
