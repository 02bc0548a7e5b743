//! A newer server than the spec: what the live API does since September 2026,
//! as the official SDKs generated from its unpublished document show it
//! (audit actor context `api`, an eighth organization flag, usage records
//! without fields the spec calls required and with `Tags`, an empty usage list
//! for an organization without accounts), plus new fields in every model, new
//! values in every response enum, and `null` where the spec says required.
//!
//! Every answer decodes, nothing known is lost (unknown fields stay reachable
//! through `other`, unknown values as `Unknown`), and every filter takes a
//! value the spec does not list, which the server sees on the wire.

use cf_orgs::{
    AccountOrder, AccountType, AuditActionResult, AuditActionType, AuditActorContext, AuditActorType,
    AuditResourceScope, Client, Direction, MemberStatus, ShareKind, ShareOrder, ShareResourceStatus, ShareResourceType,
    ShareStatus, ShareTargetType, UsageRecordChargeCategory,
};
use cf_orgs_testing::*;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Value, json};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const MEMBER: &str = "m-0001";

/// The list envelope a newer server sends: a `result_info` with a field the spec lacks.
fn list(items: Vec<Value>) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": items,
            "result_info": { "next_page_token": null, "total_size": items.len(), "page_generation": 3 } })
}

fn org_json() -> Value {
    json!({
        "id": ORG, "name": null, "create_time": null, "tenant": true,
        "meta": {
            "hierarchy_tags": null, "managed_by": "partner", "region": "eu",
            "tenant_flags": {
                "account_creation": "on", "account_deletion": "on", "account_migration": "off",
                "account_mobility": "off", "enterprise_capability": "on", "member_management": "on",
                "sub_org_creation": "on", "account_creation_applies_tenant_defaults": "on"
            }
        },
        "parent": { "id": "p0000000000000000000000000000001", "name": null, "depth": 1 },
        "profile": { "business_name": null, "business_email": "a@acme.example", "business_phone": null,
                     "business_address": null, "external_metadata": null, "vat_id": "DE123" }
    })
}

fn member_json() -> Value {
    json!({
        "id": MEMBER, "status": "suspended", "meta": null, "create_time": null, "update_time": null,
        "roles": ["admin"],
        "user": { "id": null, "email": null, "name": null, "two_factor_authentication_enabled": null,
                  "sso": "okta" }
    })
}

fn account_json() -> Value {
    json!({
        "id": "acc0000000000000000000000000001", "name": null, "type": "partner", "created_on": null,
        "settings": null, "legacy_flags": { "x": 1 }
    })
}

fn audit_json() -> Value {
    json!({
        "id": "f174be97-19b1-40d6-954d-70cd5fbd52db",
        "action": { "description": "Add Member", "result": "partial", "time": "2026-11-02T10:00:00Z",
                    "type": "approve", "reason": "ticket" },
        "actor": { "context": "api", "email": "ops@acme.example", "id": "u1", "ip_address": "192.0.2.1",
                   "token_id": null, "token_name": null, "type": "service", "session": "s1" },
        "organization": { "id": ORG, "name": "Acme" },
        "raw": { "cf_ray_id": "8e8dd2156ef28414", "method": "POST", "status_code": 200, "uri": "/x",
                 "user_agent": "cf-orgs", "protocol": "h3" },
        "resource": { "id": "r1", "product": "members", "request": null, "response": null, "scope": null,
                      "type": "member", "region": "eu" },
        "tenant": { "id": "t1" }
    })
}

fn share_json() -> Value {
    json!({
        "id": "s1", "name": null, "account_id": null, "account_name": null, "organization_id": ORG,
        "status": "archived", "target_type": "tenant", "kind": "mutual", "created": null, "modified": null,
        "associated_recipient_count": 12345678901_i64, "resources": null, "policy": "strict",
        "extra_resources": [{
            "id": "r1", "resource_id": "x", "resource_type": "dns-zone", "resource_account_id": null,
            "status": "pending", "meta": null, "created": null, "modified": null
        }]
    })
}

fn share_with_resource_json() -> Value {
    let mut share = share_json();
    share["resources"] = share["extra_resources"].clone();
    share
}

fn usage_json() -> Value {
    // No BillingAccountId, BillingAccountName, x_BillableMetricName or ConsumedQuantity,
    // which the spec calls required; Tags the spec does not have.
    json!({
        "BilledCost": 1.5, "BillingCurrency": "USD", "ChargeCategory": "Credit", "ChargeClass": null,
        "ChargeDescription": "Workers requests", "ChargeFrequency": "Usage-Based",
        "ChargePeriodStart": "2026-11-01T00:00:00Z", "ChargePeriodEnd": "2026-11-02T00:00:00Z",
        "ConsumedUnit": "requests", "x_BillableMetricId": "workers-requests",
        "Tags": { "env": "prod", "beta": true }
    })
}

async fn mount(server: &MockServer, verb: &str, at: String, body: Value) {
    Mock::given(method(verb))
        .and(path(at))
        .respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

/// A loopback server answering every operation as the newer API does.
async fn newer_server() -> (MockServer, Client) {
    let server = MockServer::start().await;
    let o = format!("/organizations/{ORG}");
    mount(&server, "GET", "/organizations".into(), list(vec![org_json()])).await;
    mount(&server, "POST", "/organizations".into(), envelope(org_json())).await;
    mount(&server, "GET", o.clone(), envelope(org_json())).await;
    mount(&server, "PUT", o.clone(), envelope(org_json())).await;
    mount(&server, "DELETE", o.clone(), envelope(json!({ "id": ORG, "deleted_at": "2026-11-02T00:00:00Z" }))).await;
    mount(&server, "GET", format!("{o}/accounts"), list(vec![account_json()])).await;
    mount(&server, "GET", format!("{o}/members"), list(vec![member_json()])).await;
    mount(&server, "POST", format!("{o}/members"), envelope(member_json())).await;
    mount(&server, "GET", format!("{o}/members/{MEMBER}"), envelope(member_json())).await;
    mount(&server, "POST", format!("{o}/members:batchCreate"), envelope(json!([member_json(), member_json()]))).await;
    let audit = json!({ "success": true, "errors": [], "result": [audit_json()],
                        "result_info": { "count": "1", "cursor": null, "sampled": false } });
    mount(&server, "GET", format!("{o}/logs/audit"), audit.clone()).await;
    mount(&server, "GET", format!("{o}/logs/audit/f1/history"), audit).await;
    mount(&server, "GET", format!("{o}/shares"), list(vec![share_json(), share_with_resource_json()])).await;
    mount(&server, "GET", format!("{o}/billable/usage"), envelope(json!([usage_json()]))).await;
    mount(&server, "GET", format!("{o}/profile"), envelope(org_json()["profile"].clone())).await;
    let (client, _) = client(&server);
    (server, client)
}

#[tokio::test]
async fn every_answer_of_a_newer_server_decodes_and_keeps_what_it_does_not_know() {
    let (_server, client) = newer_server().await;
    let orgs = client.organizations();
    let org = orgs.get(ORG).await.unwrap();
    assert_eq!((org.name.as_str(), org.create_time), ("", None), "null where the spec says required");
    assert_eq!(org.other["tenant"], true, "the tenant flag of September 2026");
    assert!(org.meta.hierarchy_tags.is_empty());
    assert_eq!(org.meta.managed_by.as_deref(), Some("partner"));
    assert_eq!(org.meta.other["region"], "eu");
    let flags = org.meta.tenant_flags.as_ref().unwrap();
    assert_eq!(flags.other["account_creation_applies_tenant_defaults"], "on", "the eighth flag");
    let parent = org.parent.as_ref().unwrap();
    assert_eq!((parent.name.as_str(), &parent.other["depth"]), ("", &json!(1)));
    let profile = org.profile.as_ref().unwrap();
    assert_eq!((profile.business_name.as_str(), profile.business_email.as_str()), ("", "a@acme.example"));
    assert_eq!(profile.other["vat_id"], "DE123");
    for decoded in [
        orgs.list().send().await.unwrap().items.remove(0),
        orgs.create("Acme").send().await.unwrap(),
        orgs.update(ORG).name("Acme Corp").send().await.unwrap(),
    ] {
        assert_eq!(decoded, org);
    }
    assert_eq!(orgs.delete(ORG).await.unwrap().other["deleted_at"], "2026-11-02T00:00:00Z");

    let o = client.organization(ORG);
    let account = o.accounts().list().send().await.unwrap().items.remove(0);
    assert_eq!(account.account_type, AccountType::Unknown("partner".into()));
    assert_eq!((account.name.as_deref(), account.settings.api_access_enabled), (None, None));
    assert_eq!(account.other["legacy_flags"]["x"], 1);

    let member = o.members().get(MEMBER).await.unwrap();
    assert_eq!(member.status, MemberStatus::Unknown("suspended".into()));
    assert_eq!((member.user.email.as_str(), member.user.two_factor_authentication_enabled), ("", false));
    assert!(member.meta.is_empty());
    assert_eq!((&member.other["roles"], &member.user.other["sso"]), (&json!(["admin"]), &json!("okta")));
    assert_eq!(o.members().list().send().await.unwrap().items, std::slice::from_ref(&member));
    assert_eq!(o.members().create("a@acme.example").send().await.unwrap(), member);
    assert_eq!(o.members().batch_create(["a@acme.example", "b@acme.example"]).await.unwrap().len(), 2);

    let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
    let page = o.audit_logs().list().since(day(1)).send().await.unwrap();
    assert_eq!(page.meta.result_info.as_ref().unwrap()["sampled"], false);
    let entry = &page.items[0];
    let actor = entry.actor.as_ref().unwrap();
    assert_eq!(actor.context, Some(AuditActorContext::Unknown("api".into())), "actor context `api`");
    assert_eq!(actor.actor_type, Some(AuditActorType::Unknown("service".into())));
    assert_eq!(actor.other["session"], "s1");
    let action = entry.action.as_ref().unwrap();
    assert_eq!((action.result.as_deref(), action.action_type.as_deref()), (Some("partial"), Some("approve")));
    assert_eq!(action.other["reason"], "ticket");
    assert_eq!(entry.organization.as_ref().unwrap().other["name"], "Acme");
    assert_eq!(entry.raw.as_ref().unwrap().other["protocol"], "h3");
    assert_eq!(entry.resource.as_ref().unwrap().other["region"], "eu");
    assert_eq!(entry.other["tenant"]["id"], "t1");
    let at = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).unwrap();
    assert_eq!(o.audit_logs().history("f1", at).send().await.unwrap().items, page.items);

    let shares = o.shares().list().send().await.unwrap().items;
    let share = &shares[0];
    assert_eq!(
        (share.status.clone(), share.kind.clone()),
        (ShareStatus::Unknown("archived".into()), Some(ShareKind::Unknown("mutual".into())))
    );
    assert_eq!(share.target_type, ShareTargetType::Unknown("tenant".into()));
    assert_eq!((share.name.as_str(), share.resources.len()), ("", 0));
    assert_eq!(share.associated_recipient_count, Some(12_345_678_901), "wider than 32 bits");
    assert_eq!(share.other["policy"], "strict");
    let resource = &shares[1].resources[0];
    assert_eq!(resource.resource_type, ShareResourceType::Unknown("dns-zone".into()));
    assert_eq!(resource.status, ShareResourceStatus::Unknown("pending".into()));

    let usage = o.billable_usage(day(1)..=day(2)).await.unwrap();
    let record = &usage[0];
    assert_eq!((record.billing_account_id.as_str(), record.billing_account_name.as_str()), ("", ""));
    assert_eq!((record.x_billable_metric_name.as_str(), record.consumed_quantity), ("", 0.0));
    assert_eq!(record.charge_category, UsageRecordChargeCategory::Unknown("Credit".into()));
    assert_eq!(record.other["Tags"], json!({ "env": "prod", "beta": true }));

    let profile_answer = o.profile().get().await.unwrap();
    assert_eq!(&profile_answer, profile);
}

#[tokio::test]
async fn an_organization_without_accounts_or_unknown_gets_an_empty_usage_list() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(envelope(json!([]))))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let usage = client.organization("no-such-organization").billable_usage(..).await.unwrap();
    assert!(usage.is_empty());
}

#[tokio::test]
async fn every_filter_takes_a_value_the_spec_does_not_list_and_sends_it() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(list(vec![])))
        .mount(&server)
        .await;
    let (client, _) = client(&server);
    let o = client.organization(ORG);
    let since = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
    o.members().list().status(MemberStatus::from("suspended")).page_size(5000).send().await.unwrap();
    o.accounts()
        .list()
        .order_by(AccountOrder::from("created_on"))
        .direction(Direction::from("random"))
        .send()
        .await
        .unwrap();
    o.audit_logs()
        .list()
        .since(since)
        .action_result(AuditActionResult::from("partial"))
        .action_result_not(AuditActionResult::from("timeout"))
        .action_type(AuditActionType::from("approve"))
        .action_type_not(AuditActionType::from("export"))
        .actor_context(AuditActorContext::from("api"))
        .actor_context_not(AuditActorContext::from("api"))
        .actor_type(AuditActorType::from("service"))
        .actor_type_not(AuditActorType::from("robot"))
        .resource_scope(AuditResourceScope::from("tenants"))
        .resource_scope_not(AuditResourceScope::from("zones"))
        .direction(Direction::from("sideways"))
        .limit(5000)
        .send()
        .await
        .unwrap();
    o.shares()
        .list()
        .status(ShareStatus::from("archived"))
        .kind(ShareKind::from("mutual"))
        .target_type(ShareTargetType::from("tenant"))
        .resource_type(ShareResourceType::from("dns-zone"))
        .order(ShareOrder::from("size"))
        .direction(Direction::from("up"))
        .per_page(500)
        .send()
        .await
        .unwrap();
    let queries: Vec<String> =
        server.received_requests().await.unwrap().iter().map(|r| r.url.query().unwrap_or("").to_string()).collect();
    assert_eq!(queries[0], "status=suspended&page_size=5000");
    assert!(queries[1].contains("order_by=created_on") && queries[1].contains("direction=random"), "{}", queries[1]);
    for pair in [
        "action_result=partial",
        "action_type=approve",
        "actor_context=api",
        "actor_type=service",
        "resource_scope=tenants",
        "action_result.not=timeout",
        "action_type.not=export",
        "actor_context.not=api",
        "actor_type.not=robot",
        "resource_scope.not=zones",
        "direction=sideways",
        "limit=5000",
    ] {
        assert!(queries[2].split('&').any(|p| p == pair), "{pair} in {}", queries[2]);
    }
    for pair in ["status=archived", "kind=mutual", "target_type=tenant", "order=size", "direction=up", "per_page=500"] {
        assert!(queries[3].split('&').any(|p| p == pair), "{pair} in {}", queries[3]);
    }
    assert!(queries[3].contains("dns-zone"), "{}", queries[3]);
}
