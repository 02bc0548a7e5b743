//! All 17 operations through the SDK: the request each sends, and what it returns.

use cf_orgs::{NewMember, NewMemberStatus, Profile};
use cf_orgs_testing::*;
use serde_json::{Value, json};
use wiremock::MockServer;

/// The one request `server` saw: method, path, query and JSON body.
async fn sent(server: &MockServer) -> (String, String, Option<String>, Option<Value>) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    let body = (!r.body.is_empty()).then(|| serde_json::from_slice(&r.body).unwrap());
    (r.method.to_string(), r.url.path().to_string(), r.url.query().map(str::to_string), body)
}

fn profile() -> Profile {
    Profile::new("Acme")
        .business_email("ops@acme.example")
        .business_phone("+1 555 0100")
        .business_address("1 Main St")
        .external_metadata("{}")
}

#[tokio::test]
async fn create_organization_with_parent_and_profile() {
    let server = answering(200, Some(envelope(organization(ORG, "Acme")))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let org = client.organizations().create("Acme").parent("p1").profile(profile()).send().await.unwrap();
    assert_eq!(org.id.as_str(), ORG);
    let (m, p, q, body) = sent(&server).await;
    assert_eq!((m.as_str(), p.as_str(), q), ("POST", "/organizations", None));
    assert_eq!(
        body.unwrap(),
        json!({ "name": "Acme", "parent": { "id": "p1" }, "profile": {
        "business_address": "1 Main St", "business_email": "ops@acme.example", "business_name": "Acme",
        "business_phone": "+1 555 0100", "external_metadata": "{}" } })
    );
}

#[tokio::test]
async fn get_update_delete_organization() {
    let server = answering(200, Some(envelope(organization(ORG, "Acme")))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let org = client.organizations().get(ORG).await.unwrap();
    assert_eq!(sent(&server).await.0, "GET");
    // typed ids are accepted by reference
    let server = answering(200, Some(envelope(organization(ORG, "Acme Corp")))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let renamed = client.organizations().update(&org.id).name("Acme Corp").await.unwrap();
    assert_eq!(renamed.name, "Acme Corp");
    assert_eq!(
        sent(&server).await,
        ("PUT".into(), format!("/organizations/{ORG}"), None, Some(json!({ "name": "Acme Corp" })))
    );
    let server = answering(200, Some(envelope(json!({ "id": ORG })))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    assert_eq!(client.organizations().delete(&org.id).await.unwrap().id, org.id);
    assert_eq!(sent(&server).await.0, "DELETE");
}

#[tokio::test]
async fn update_without_a_name_is_refused() {
    let server = answering(200, None).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let err = client.organizations().update(ORG).send().await.unwrap_err();
    assert_eq!(err.field(), Some("name"));
}

#[tokio::test]
async fn profile_get_and_update_with_204() {
    let server = answering(200, Some(envelope(serde_json::to_value(profile()).unwrap()))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    assert_eq!(client.organization(ORG).profile().get().await.unwrap(), profile());
    let server = answering(204, None).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let meta = client.organization(ORG).profile().update(profile()).with_meta().await.unwrap().meta;
    assert_eq!(meta.status, 204);
    let (m, p, _, body) = sent(&server).await;
    assert_eq!((m.as_str(), p), ("PUT", format!("/organizations/{ORG}/profile")));
    assert_eq!(body.unwrap()["business_name"], "Acme");
}

#[tokio::test]
async fn member_create_get_delete_and_batch() {
    let server = answering(200, Some(envelope(member("m1", "a@acme.example", "pending")))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let m = client.organization(ORG).members().create("a@acme.example").status(NewMemberStatus::Active).await.unwrap();
    assert_eq!(m.user.email, "a@acme.example");
    assert_eq!(
        sent(&server).await.3.unwrap(),
        json!({ "member": { "status": "active", "user": { "email": "a@acme.example" } } })
    );

    let server = answering(200, Some(envelope(member("m1", "a@acme.example", "active")))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    client.organization(ORG).members().get(&m.id).await.unwrap();
    assert_eq!(sent(&server).await.1, format!("/organizations/{ORG}/members/m1"));

    let server = answering(204, None).await;
    let (client, _) = cf_orgs_testing::client(&server);
    client.organization(ORG).members().delete(&m.id).await.unwrap();
    assert_eq!(sent(&server).await.0, "DELETE");

    let server = answering(
        200,
        Some(envelope(json!([member("m2", "b@acme.example", "pending"), member("m3", "c@acme.example", "pending")]))),
    )
    .await;
    let (client, _) = cf_orgs_testing::client(&server);
    let batch =
        vec![NewMember::from("b@acme.example"), NewMember::new("c@acme.example").status(NewMemberStatus::Canceled)];
    let created = client.organization(ORG).members().batch_create(batch).await.unwrap();
    assert_eq!(created.len(), 2);
    let (m, p, _, body) = sent(&server).await;
    assert_eq!((m.as_str(), p), ("POST", format!("/organizations/{ORG}/members:batchCreate")));
    assert_eq!(
        body.unwrap(),
        json!({ "members": [ { "user": { "email": "b@acme.example" } }, { "status": "canceled", "user": { "email": "c@acme.example" } } ] })
    );
}

#[tokio::test]
async fn audit_log_history() {
    let body = json!({ "success": true, "errors": [], "result": [{ "id": "e1" }], "result_info": { "count": 1, "history_status": "exact" } });
    let server = answering(200, Some(body)).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let at = "2024-10-30T15:00:00Z".parse().unwrap();
    let since = chrono::NaiveDate::from_ymd_opt(2024, 10, 30).unwrap();
    let before = chrono::NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
    let page = client
        .organization(ORG)
        .audit_logs()
        .history("f174be97-19b1-40d6-954d-70cd5fbd52db", at)
        .since(since)
        .before(before)
        .send()
        .await
        .unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.meta.result_info.as_ref().unwrap()["history_status"], "exact");
    let (_, p, q, _) = sent(&server).await;
    assert_eq!(p, format!("/organizations/{ORG}/logs/audit/f174be97-19b1-40d6-954d-70cd5fbd52db/history"));
    assert_eq!(q.unwrap(), "action_time=2024-10-30T15%3A00%3A00Z&since=2024-10-30&before=2024-10-31");
}

#[tokio::test]
async fn billable_usage_with_a_range() {
    let record = json!({ "BillingAccountId": "acc", "BillingAccountName": "Prod", "ChargeCategory": "Usage", "ConsumedQuantity": 12.5,
                          "ConsumedUnit": "GB", "x_BillableMetricId": "bandwidth", "ChargeClass": "Correction" });
    let server =
        answering(200, Some(json!({ "success": true, "errors": null, "messages": null, "result": [record] }))).await;
    let (client, _) = cf_orgs_testing::client(&server);
    let from = chrono::NaiveDate::from_ymd_opt(2025, 5, 1).unwrap();
    let to = chrono::NaiveDate::from_ymd_opt(2025, 5, 31).unwrap();
    let usage = client.organization(ORG).billable_usage(from..=to).await.unwrap();
    assert_eq!(usage[0].consumed_quantity, Some(12.5));
    assert_eq!(usage[0].x_billable_metric_id.as_deref(), Some("bandwidth"));
    assert_eq!(sent(&server).await.2.unwrap(), "from=2025-05-01&to=2025-05-31");
    let err = client.organization(ORG).billable_usage(..=to).await.unwrap_err();
    assert_eq!(err.field(), Some("from"));
    assert_eq!(server.received_requests().await.unwrap().len(), 1, "refused before sending");
    // Longer than the 31 days the API takes today: the server's rule, so sent.
    let long = client.organization(ORG).billable_usage(from..=chrono::NaiveDate::from_ymd_opt(2025, 7, 1).unwrap());
    assert!(long.await.is_ok());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests[1].url.query(), Some("from=2025-05-01&to=2025-07-01"));
}
