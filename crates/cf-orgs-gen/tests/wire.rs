//! Every operation of the request layer sent over HTTP to a loopback test
//! server: the exact method, path, query string and JSON body it puts on the
//! wire, and that a realistic answer (the spec's examples where it has them)
//! decodes into the generated (strict) response type.

use cf_orgs_gen::operations::*;
use cf_orgs_gen::runtime::{Endpoint, Query};
use cf_orgs_gen::types;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use wiremock::matchers::any;
use wiremock::{Mock, MockServer, ResponseTemplate};

const ORG: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
const MEMBER: &str = "b2c4d6e8f0a1b3c5d7e9f1a3b5c7d9e1";

/// A server that answers every request with `status` and `body`.
async fn serve(status: u16, body: Option<Value>) -> MockServer {
    let server = MockServer::start().await;
    let template = match body {
        Some(body) => ResponseTemplate::new(status).set_body_json(body),
        None => ResponseTemplate::new(status),
    };
    Mock::given(any()).respond_with(template).expect(1).mount(&server).await;
    server
}

/// The reqwest client the tests use (plain HTTP; rustls brings its own provider).
fn http() -> reqwest::Client {
    reqwest::Client::new()
}

/// Sends `op` as the request layer describes it: method, path, query pairs, JSON body.
async fn send<E: Endpoint>(server: &MockServer, op: &E) -> reqwest::Response {
    let method = reqwest::Method::from_bytes(E::OPERATION.method().as_str().as_bytes()).unwrap();
    let mut request = http().request(method, format!("{}{}", server.uri(), op.path())).query(&op.query().to_pairs());
    if let Some(body) = op.body() {
        request = request.json(body);
    }
    request.send().await.expect("the loopback server answers")
}

/// Sends `op` and decodes its answer as `T`, which must succeed.
async fn call<E: Endpoint, T: DeserializeOwned>(server: &MockServer, op: &E) -> T {
    let resp = send(server, op).await;
    assert!(resp.status().is_success(), "{}", resp.status());
    serde_json::from_slice(&resp.bytes().await.unwrap()).expect("the answer decodes into the strict type")
}

/// The one request the server saw, checked against what the spec says goes on the wire.
async fn assert_sent(server: &MockServer, method: &str, path: &str, query: Option<&str>, body: Option<Value>) {
    let requests = server.received_requests().await.expect("recording is on");
    assert_eq!(requests.len(), 1, "exactly one request");
    let req = &requests[0];
    assert_eq!(req.method.as_str(), method);
    assert_eq!(req.url.path(), path);
    assert_eq!(req.url.query(), query, "query string");
    match body {
        Some(expected) => {
            assert_eq!(req.headers.get("content-type").unwrap(), "application/json");
            let sent: Value = serde_json::from_slice(&req.body).expect("a JSON body");
            assert_eq!(sent, expected, "request body");
        }
        None => assert!(req.body.is_empty(), "no body"),
    }
}

fn envelope(result: Value) -> Value {
    json!({ "success": true, "errors": [], "messages": [], "result": result })
}

fn organization(id: &str, name: &str) -> Value {
    json!({
        "id": id,
        "name": name,
        "create_time": "2025-01-14T09:30:00Z",
        "meta": { "hierarchy_tags": ["tag-root", "tag-self"], "managed_by": "cloudflare" },
        "parent": { "id": "p9q8r7s6t5u4v3w2x1y0z9a8b7c6d5e4", "name": "Parent Co" },
        "profile": {
            "business_name": "Acme", "business_email": "ops@acme.example", "business_phone": "+1 555 0100",
            "business_address": "1 Main St, Springfield", "external_metadata": "{}"
        }
    })
}

fn member(id: &str, email: &str, status: &str) -> Value {
    json!({
        "id": id, "status": status, "meta": {},
        "create_time": "2025-02-01T12:00:00Z", "update_time": "2025-02-02T12:00:00Z",
        "user": { "id": "u1", "email": email, "name": "Alice", "two_factor_authentication_enabled": true }
    })
}

// ---- organizations ----

#[tokio::test]
async fn list_organizations_sends_every_filter_as_the_spec_spells_it() {
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": [organization(ORG, "Acme")],
        "result_info": { "next_page_token": "CgZhY21lLTI=", "total_size": 2 }
    });
    let server = serve(200, Some(body)).await;
    let op = OrganizationListOrganizations {
        query: OrganizationListOrganizationsQuery {
            id: vec![ORG.into(), "o2".into()],
            name: Some("Acme".into()),
            name_starts_with: Some("Ac".into()),
            name_ends_with: Some("me".into()),
            name_contains: Some("cm".into()),
            containing_account: Some("acc1".into()),
            containing_user: Some("user1".into()),
            containing_organization: Some("org1".into()),
            parent_id: Some("null".into()),
            page_token: Some("CgZhY21lLTE=".into()),
            page_size: Some(100),
        },
    };
    let page: types::OrganizationListOrganizationsResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        "/organizations",
        Some(concat!(
            "id=a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8&id=o2",
            "&name=Acme&name.startsWith=Ac&name.endsWith=me&name.contains=cm",
            "&containing.account=acc1&containing.user=user1&containing.organization=org1",
            "&parent.id=null&page_token=CgZhY21lLTE%3D&page_size=100"
        )),
        None,
    )
    .await;
    assert_eq!(page.result.len(), 1);
    assert_eq!(page.result[0].id.0, ORG);
    assert_eq!(page.result[0].meta.hierarchy_tags, ["tag-root", "tag-self"]);
    assert_eq!(page.result_info.next_page_token.as_deref(), Some("CgZhY21lLTI="));
    assert_eq!(page.result_info.total_size, Some(2));
}

#[tokio::test]
async fn list_organizations_without_filters_sends_no_query() {
    let body = json!({ "success": true, "errors": [], "messages": [], "result": [], "result_info": {} });
    let server = serve(200, Some(body)).await;
    let op = OrganizationListOrganizations { query: Default::default() };
    let page: types::OrganizationListOrganizationsResponse = call(&server, &op).await;
    assert_sent(&server, "GET", "/organizations", None, None).await;
    assert!(page.result.is_empty());
    assert_eq!(page.result_info.next_page_token, None, "absent on the last page");
}

#[tokio::test]
async fn create_organization_sends_only_writable_fields() {
    let server = serve(200, Some(envelope(organization(ORG, "Acme")))).await;
    let op = OrganizationsCreateUserOrganization {
        body: types::OrganizationsApiOrganizationWrite {
            name: "Acme".into(),
            parent: Some(types::OrganizationsApiOrganizationWriteParent {
                id: types::OrganizationsApiOrganizationId("p9q8r7s6t5u4v3w2x1y0z9a8b7c6d5e4".into()),
            }),
            profile: None,
        },
    };
    let created: types::OrganizationsCreateUserOrganizationResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "POST",
        "/organizations",
        None,
        Some(json!({ "name": "Acme", "parent": { "id": "p9q8r7s6t5u4v3w2x1y0z9a8b7c6d5e4" } })),
    )
    .await;
    assert_eq!(created.result.name, "Acme");
    assert_eq!(created.result.create_time.to_rfc3339(), "2025-01-14T09:30:00+00:00");
}

#[tokio::test]
async fn get_organization() {
    let server = serve(200, Some(envelope(organization(ORG, "Acme")))).await;
    let org: types::OrganizationsRetrieveResponse =
        call(&server, &OrganizationsRetrieve { organization_id: ORG.into() }).await;
    assert_sent(&server, "GET", &format!("/organizations/{ORG}"), None, None).await;
    assert_eq!(org.result.parent.unwrap().name, "Parent Co");
}

#[tokio::test]
async fn modify_organization_sends_the_name() {
    let server = serve(200, Some(envelope(organization(ORG, "Acme Corp")))).await;
    let op = OrganizationsModify {
        organization_id: ORG.into(),
        body: types::OrganizationsApiOrganizationWrite { name: "Acme Corp".into(), parent: None, profile: None },
    };
    let org: types::OrganizationsModifyResponse = call(&server, &op).await;
    assert_sent(&server, "PUT", &format!("/organizations/{ORG}"), None, Some(json!({ "name": "Acme Corp" }))).await;
    assert_eq!(org.result.name, "Acme Corp");
}

#[tokio::test]
async fn delete_organization() {
    let server = serve(200, Some(envelope(json!({ "id": ORG })))).await;
    let deleted: types::OrganizationsDeleteResponse =
        call(&server, &OrganizationsDelete { organization_id: ORG.into() }).await;
    assert_sent(&server, "DELETE", &format!("/organizations/{ORG}"), None, None).await;
    assert_eq!(deleted.result.id, ORG);
}

#[tokio::test]
async fn a_4xx_decodes_as_the_error_envelope_with_wide_codes() {
    let body = json!({
        "success": false, "messages": [], "result": null,
        "errors": [{ "code": 81053, "message": "organization is not empty", "source": { "pointer": "/id" } }]
    });
    let server = serve(409, Some(body)).await;
    let resp = send(&server, &OrganizationsDelete { organization_id: ORG.into() }).await;
    assert_sent(&server, "DELETE", &format!("/organizations/{ORG}"), None, None).await;
    assert_eq!(resp.status().as_u16(), 409);
    let err: types::OrganizationsApiV4ErrorResponse = serde_json::from_slice(&resp.bytes().await.unwrap()).unwrap();
    assert_eq!(err.errors[0].code, 81053);
    assert_eq!(err.errors[0].source.as_ref().unwrap().pointer.as_deref(), Some("/id"));
}

// ---- profile ----

#[tokio::test]
async fn get_profile() {
    let profile = json!({
        "business_name": "Acme", "business_email": "ops@acme.example", "business_phone": "+1 555 0100",
        "business_address": "1 Main St, Springfield", "external_metadata": "{\"crm\":\"42\"}"
    });
    let server = serve(200, Some(envelope(profile))).await;
    let got: types::OrganizationsApiProfileResponse =
        call(&server, &OrganizationsGetProfile { organization_id: ORG.into() }).await;
    assert_sent(&server, "GET", &format!("/organizations/{ORG}/profile"), None, None).await;
    assert_eq!(got.result.business_email, "ops@acme.example");
}

#[tokio::test]
async fn modify_profile_answers_204_with_no_content() {
    let server = serve(204, None).await;
    let profile = types::OrganizationsApiProfile {
        business_name: "Acme".into(),
        business_email: "ops@acme.example".into(),
        business_phone: "+1 555 0100".into(),
        business_address: "1 Main St".into(),
        external_metadata: "".into(),
    };
    let resp = send(&server, &OrganizationsModifyProfile { organization_id: ORG.into(), body: profile }).await;
    assert_eq!(resp.status().as_u16(), 204);
    assert!(Operation::OrganizationsModifyProfile.no_content(), "the spec answers 204");
    assert_sent(
        &server,
        "PUT",
        &format!("/organizations/{ORG}/profile"),
        None,
        Some(json!({
            "business_address": "1 Main St", "business_email": "ops@acme.example", "business_name": "Acme",
            "business_phone": "+1 555 0100", "external_metadata": ""
        })),
    )
    .await;
}

// ---- accounts ----

#[tokio::test]
async fn list_accounts_with_filters_and_order() {
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": [{
            "id": "023e105f4ecef8ad9ca31a8372d0c353", "name": "Acme Prod", "type": "enterprise",
            "created_on": "2024-06-01T00:00:00Z",
            "settings": {
                "enforce_twofactor": true, "api_access_enabled": null, "access_approval_expiry": null,
                "abuse_contact_email": "abuse@acme.example", "use_account_custom_ns_by_default": false,
                "default_nameservers": "cloudflare.standard"
            }
        }],
        "result_info": { "total_size": 1 }
    });
    let server = serve(200, Some(body)).await;
    let op = OrganizationsGetAccounts {
        organization_id: ORG.into(),
        query: OrganizationsGetAccountsQuery {
            account_pubname: Some("acme".into()),
            account_pubname_starts_with: Some("ac".into()),
            account_pubname_ends_with: Some("me".into()),
            account_pubname_contains: Some("cm".into()),
            name_contains: Some("Prod".into()),
            order_by: Some("account_name".into()),
            direction: Some("desc".into()),
            page_size: Some(50),
            ..Default::default()
        },
    };
    op.query.check().expect("within the spec's enums");
    let page: types::OrganizationsGetAccountsResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        &format!("/organizations/{ORG}/accounts"),
        Some(concat!(
            "account_pubname=acme&account_pubname.startsWith=ac&account_pubname.endsWith=me",
            "&account_pubname.contains=cm&name.contains=Prod&order_by=account_name&direction=desc&page_size=50"
        )),
        None,
    )
    .await;
    assert_eq!(page.result[0].name.as_deref(), Some("Acme Prod"));
    assert_eq!(page.result[0].settings.api_access_enabled, None);
}

// ---- members ----

#[tokio::test]
async fn list_members_repeats_status_and_keeps_dotted_names() {
    let body = json!({
        "success": true, "errors": [], "messages": [],
        "result": [member(MEMBER, "alice@acme.example", "active"), member("m2", "bob@acme.example", "pending")],
        "result_info": { "next_page_token": "t2", "total_size": 3 }
    });
    let server = serve(200, Some(body)).await;
    let op = MembersList {
        organization_id: ORG.into(),
        query: MembersListQuery {
            status: vec!["active".into(), "pending".into()],
            user_email: Some("alice@acme.example".into()),
            user_email_contains: Some("acme".into()),
            user_email_starts_with: Some("al".into()),
            user_email_ends_with: Some(".example".into()),
            page_token: Some("t1".into()),
            page_size: Some(2),
        },
    };
    op.query.check().expect("within the spec's enums");
    let page: types::MembersListResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        &format!("/organizations/{ORG}/members"),
        Some(concat!(
            "status=active&status=pending&user.email=alice%40acme.example&user.email.contains=acme",
            "&user.email.startsWith=al&user.email.endsWith=.example&page_token=t1&page_size=2"
        )),
        None,
    )
    .await;
    assert_eq!(page.result.len(), 2);
    assert_eq!(page.result[1].user.email, "bob@acme.example");
}

#[tokio::test]
async fn create_member() {
    let server = serve(200, Some(envelope(member(MEMBER, "alice@acme.example", "pending")))).await;
    let op = MembersCreate {
        organization_id: ORG.into(),
        body: types::OrganizationsApiCreateMemberRequest {
            member: types::OrganizationsApiCreateSingleMember {
                status: Some(types::OrganizationsApiCreateSingleMemberStatus::Active.to_string()),
                user: types::OrganizationsApiCreateSingleMemberUser { email: "alice@acme.example".into() },
            },
        },
    };
    let created: types::MembersCreateResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "POST",
        &format!("/organizations/{ORG}/members"),
        None,
        Some(json!({ "member": { "status": "active", "user": { "email": "alice@acme.example" } } })),
    )
    .await;
    assert_eq!(created.result.id.0, MEMBER);
}

#[tokio::test]
async fn batch_create_members_uses_the_colon_path() {
    let result = json!([member("m1", "a@acme.example", "pending"), member("m2", "b@acme.example", "pending")]);
    let server = serve(200, Some(envelope(result))).await;
    let single = |email: &str| types::OrganizationsApiCreateSingleMember {
        status: None,
        user: types::OrganizationsApiCreateSingleMemberUser { email: email.into() },
    };
    let op = MembersBatchCreate {
        organization_id: ORG.into(),
        body: types::OrganizationsApiBatchCreateMembersRequest {
            members: vec![single("a@acme.example"), single("b@acme.example")],
        },
    };
    let created: types::MembersBatchCreateResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "POST",
        &format!("/organizations/{ORG}/members:batchCreate"),
        None,
        Some(json!({ "members": [ { "user": { "email": "a@acme.example" } }, { "user": { "email": "b@acme.example" } } ] })),
    )
    .await;
    assert_eq!(created.result.len(), 2);
}

#[tokio::test]
async fn get_member() {
    let server = serve(200, Some(envelope(member(MEMBER, "alice@acme.example", "active")))).await;
    let got: types::MembersRetrieveResponse =
        call(&server, &MembersRetrieve { organization_id: ORG.into(), member_id: MEMBER.into() }).await;
    assert_sent(&server, "GET", &format!("/organizations/{ORG}/members/{MEMBER}"), None, None).await;
    assert!(got.result.user.two_factor_authentication_enabled);
}

#[tokio::test]
async fn delete_member_answers_204_with_no_content() {
    let server = serve(204, None).await;
    let resp = send(&server, &MembersDelete { organization_id: ORG.into(), member_id: MEMBER.into() }).await;
    assert_eq!(resp.status().as_u16(), 204);
    assert!(Operation::MembersDelete.no_content(), "the spec answers 204");
    assert_sent(&server, "DELETE", &format!("/organizations/{ORG}/members/{MEMBER}"), None, None).await;
}

// ---- audit logs ----

fn audit_entry() -> Value {
    json!({
        "id": "f174be97-19b1-40d6-954d-70cd5fbd52db",
        "action": { "description": "Add Member", "result": "success", "time": "2024-04-26T17:31:07Z", "type": "create" },
        "actor": { "context": "dash", "email": "alice@example.com", "id": "f6b5de0326bb5182b8a4840ee01ec774",
                   "ip_address": "198.41.129.166", "type": "user" },
        "organization": { "id": "019c4f65e7607d8c9f6f6b58aa3aff50" },
        "raw": { "cf_ray_id": "8e8dd2156ef28414", "method": "POST", "status_code": 200,
                 "uri": "/organizations/019c4f65e7607d8c9f6f6b58aa3aff50/members", "user_agent": "cf-orgs/0.1.0" },
        "resource": { "id": "m1", "product": "organizations", "type": "member", "scope": {} }
    })
}

#[tokio::test]
async fn list_audit_logs_repeats_array_filters_and_not_variants() {
    let body = json!({
        "success": true, "errors": [], "result": [audit_entry()],
        "result_info": { "count": "1", "cursor": "ASqdKd7dKgxh-aZ8bm0mZos1BtW4BdEqifCzNkEeGRzi_5SN_-362Y8sF" }
    });
    let server = serve(200, Some(body)).await;
    let since = chrono::NaiveDate::from_ymd_opt(2024, 10, 30).unwrap();
    let before = chrono::NaiveDate::from_ymd_opt(2024, 10, 31).unwrap();
    let mut op = AuditLogsV2GetOrganizationAuditLogs {
        organization_id: "019c4f65e7607d8c9f6f6b58aa3aff50".into(),
        query: AuditLogsV2GetOrganizationAuditLogsQuery::new(since, before),
    };
    op.query.action_type = vec!["create".into(), "delete".into()];
    op.query.action_type_not = vec!["view".into()];
    op.query.actor_email = vec!["alice@example.com".into()];
    op.query.raw_status_code = vec![200, 204];
    op.query.direction = Some("asc".into());
    op.query.limit = Some(500);
    op.query.cursor = Some("c1".into());
    op.query.check().expect("within the spec's enums and ranges");
    let logs: types::AaaAuditLogsV2OrgResponseCollection = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        "/organizations/019c4f65e7607d8c9f6f6b58aa3aff50/logs/audit",
        Some(concat!(
            "action_type=create&action_type=delete&actor_email=alice%40example.com",
            "&raw_status_code=200&raw_status_code=204&action_type.not=view",
            "&since=2024-10-30&before=2024-10-31&direction=asc&limit=500&cursor=c1"
        )),
        None,
    )
    .await;
    let entry = &logs.result[0];
    assert_eq!(entry.raw.as_ref().unwrap().cf_ray_id.as_deref(), Some("8e8dd2156ef28414"));
    assert!(logs.result_info.unwrap().cursor.unwrap().starts_with("ASqd"));
}

#[tokio::test]
async fn audit_log_history() {
    let body = json!({
        "success": true, "errors": [], "result": [audit_entry()],
        "result_info": { "count": 1, "history_status": "exact", "cursor": "next" }
    });
    let server = serve(200, Some(body)).await;
    let op = AuditLogsV2GetOrganizationAuditLogHistory {
        organization_id: "019c4f65e7607d8c9f6f6b58aa3aff50".into(),
        id: "f174be97-19b1-40d6-954d-70cd5fbd52db".into(),
        query: AuditLogsV2GetOrganizationAuditLogHistoryQuery {
            action_time: "2024-10-30T15:00:00Z".parse().unwrap(),
            since: chrono::NaiveDate::from_ymd_opt(2024, 10, 30).unwrap(),
            before: chrono::NaiveDate::from_ymd_opt(2024, 10, 31).unwrap(),
            direction: None,
            limit: Some(25),
            cursor: None,
        },
    };
    let history: types::AaaAuditLogsV2OrgHistoryResponseCollection = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        "/organizations/019c4f65e7607d8c9f6f6b58aa3aff50/logs/audit/f174be97-19b1-40d6-954d-70cd5fbd52db/history",
        Some("action_time=2024-10-30T15%3A00%3A00Z&since=2024-10-30&before=2024-10-31&limit=25"),
        None,
    )
    .await;
    assert_eq!(history.result_info.history_status, types::AaaHistoryStatus::Exact);
    assert_eq!(history.result_info.count, 1);
}

// ---- shares and billable usage ----

#[tokio::test]
async fn list_shares_pages_by_number() {
    let body = json!({
        "success": true, "errors": [],
        "result": [{
            "id": "3fd85f74b32742f1bff64a85009dda07", "name": "WAF rules", "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
            "account_name": "Acme Prod", "organization_id": ORG, "created": "2023-09-21T18:56:32.624632Z",
            "modified": "2023-09-21T18:56:32.624632Z", "status": "active", "target_type": "account", "kind": "sent"
        }],
        "result_info": { "count": 1, "page": 2, "per_page": 20, "total_count": 21, "total_pages": 2 }
    });
    let server = serve(200, Some(body)).await;
    let op = OrganizationSharesList {
        organization_id: ORG.into(),
        query: OrganizationSharesListQuery {
            status: Some("active".into()),
            kind: Some("sent".into()),
            resource_types: vec!["custom-ruleset".into(), "gateway-policy".into()],
            page: Some(2),
            per_page: Some(20),
            ..Default::default()
        },
    };
    op.query.check().expect("within the spec's enums and ranges");
    let shares: types::ResourceSharingShareResponseCollection = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        &format!("/organizations/{ORG}/shares"),
        Some("status=active&kind=sent&resource_types=custom-ruleset&resource_types=gateway-policy&page=2&per_page=20"),
        None,
    )
    .await;
    assert_eq!(shares.result.as_ref().unwrap()[0].name.0, "WAF rules");
    assert_eq!(shares.result_info.unwrap().total_pages, Some(2.0));
}

#[tokio::test]
async fn billable_usage() {
    let record = json!({
        "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare, Inc.", "HostProviderName": "Cloudflare",
        "BillingAccountId": "023e105f4ecef8ad9ca31a8372d0c353", "BillingAccountName": "My Account",
        "ChargePeriodStart": "2025-05-01T00:00:00Z", "ChargePeriodEnd": "2025-05-02T00:00:00Z",
        "x_BillableMetricId": "workers_requests", "x_BillableMetricName": "Workers Requests",
        "ChargeCategory": "Usage", "ChargeFrequency": "Usage-Based", "ChargeDescription": "Workers requests",
        "ConsumedQuantity": 1500000, "ConsumedUnit": "Requests", "BilledCost": 0, "BillingCurrency": "USD"
    });
    let body = json!({ "success": true, "errors": [], "messages": [], "result": [record] });
    let server = serve(200, Some(body)).await;
    let op = BillableUsageV2GetOrganizationUsage {
        organization_id: ORG.into(),
        query: BillableUsageV2GetOrganizationUsageQuery {
            from: chrono::NaiveDate::from_ymd_opt(2025, 5, 1),
            to: chrono::NaiveDate::from_ymd_opt(2025, 5, 31),
        },
    };
    let usage: types::BillableUsageApiV2UsageResponse = call(&server, &op).await;
    assert_sent(
        &server,
        "GET",
        &format!("/organizations/{ORG}/billable/usage"),
        Some("from=2025-05-01&to=2025-05-31"),
        None,
    )
    .await;
    assert_eq!(usage.result[0].consumed_quantity, 1_500_000.0);
}
