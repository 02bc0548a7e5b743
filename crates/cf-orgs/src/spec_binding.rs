//! Where the hand-written part of cf-orgs meets the spec, bound at compile time of cf-orgs's
//! tests: every operation has its call (an exhaustive `match` on `Operation`: a call the map
//! marks `by_hand` must be written), paging and error texts read the spec's names. The models and the setters are
//! generated from the spec (`models.rs`, `setters.rs`), so what is checked of them here is only
//! that a sample the spec allows decodes losslessly into typed fields.

use cf_orgs_gen::operations::Operation as Op;
use cf_orgs_gen::types as t;
use chrono::{TimeZone, Utc};
use serde_json::{Map, Value, json};

use crate::models::*;
use crate::operation::Operation;
use crate::pagination::{List, Paged};
use crate::request::Request;
use crate::{Client, Credentials};

const ORG: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";

fn client() -> Client {
    Client::builder().credentials(Credentials::api_token("t")).base_url("http://127.0.0.1:9").build().unwrap()
}

fn op_of<O: Operation>(_: &Request<O>) -> Op {
    O::OPERATION
}

fn list_op<O: Paged>(list: &List<O>) -> Op {
    op_of(&list.request)
}

/// The SDK call that sends `op`, as the operation it builds.
fn call_for(op: Op) -> Op {
    let c = client();
    let o = c.organization(ORG);
    let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    match op {
        Op::OrganizationListOrganizations => list_op(&c.organizations().list().0),
        Op::OrganizationsCreateUserOrganization => op_of(&c.organizations().create("Acme").0),
        Op::OrganizationsRetrieve => op_of(&c.organizations().get(ORG).0),
        Op::OrganizationsModify => op_of(&c.organizations().update(ORG).0),
        Op::OrganizationsDelete => op_of(&c.organizations().delete(ORG).0),
        Op::OrganizationsGetAccounts => list_op(&o.accounts().list().0),
        Op::BillableUsageV2GetOrganizationUsage => op_of(&o.billable_usage(..).0),
        Op::AuditLogsV2GetOrganizationAuditLogs => list_op(&o.audit_logs().list().0),
        Op::AuditLogsV2GetOrganizationAuditLogHistory => list_op(&o.audit_logs().history("e1", at).0),
        Op::MembersList => list_op(&o.members().list().0),
        Op::MembersCreate => op_of(&o.members().create("a@acme.example").0),
        Op::MembersRetrieve => op_of(&o.members().get("m1").0),
        Op::MembersDelete => op_of(&o.members().delete("m1").0),
        Op::MembersBatchCreate => op_of(&o.members().batch_create(["a@acme.example"]).0),
        Op::OrganizationsGetProfile => op_of(&o.profile().get().0),
        Op::OrganizationsModifyProfile => op_of(&o.profile().update(Profile::default()).0),
        Op::OrganizationSharesList => list_op(&o.shares().list().0),
        Op::AccountsMoveAccounts => op_of(&c.account("acc1").move_to(ORG).0),
        Op::AccountsBatchMoveAccounts => op_of(&c.batch_move_accounts(["acc1"], ORG).0),
        Op::AccountsListAccountOrganizations => op_of(&c.account("acc1").organizations().0),
        Op::AccountsGetAccountProfile => op_of(&c.account("acc1").profile().get().0),
        Op::AccountsModifyAccountProfile => op_of(&c.account("acc1").profile().update(Profile::default()).0),
        Op::TenantsRetrieveTenant => op_of(&c.tenant("t1").get().0),
        Op::TenantsValidAccountTypes => op_of(&c.tenant("t1").account_types().0),
        Op::TenantsListAccounts => op_of(&c.tenant("t1").accounts().0),
        Op::TenantsListEntitlements => op_of(&c.tenant("t1").entitlements().0),
        Op::TenantsListMemberships => op_of(&c.tenant("t1").memberships().0),
        Op::UserListUserTenants => op_of(&c.tenants().0),
    }
}

#[test]
fn every_operation_of_the_spec_has_its_call() {
    for op in Op::ALL {
        assert_eq!(call_for(op), op, "{} has no call of its own in cf-orgs", op.operation_id());
    }
}

// Response models are generated from the spec (`models.rs`); what stays to hold is that a sample
// valid for the spec's strict type decodes into them losslessly, every field typed.

/// `sample` is valid for the spec's strict type `S`; the model `M` decodes it with nothing left
/// in `other` (unless the sample adds a key the spec does not name), and what it encodes again
/// is the same value for `S`.
fn keeps<S, M>(sample: Value, other: fn(&M) -> &Map<String, Value>)
where
    S: serde::de::DeserializeOwned + serde::Serialize,
    M: serde::de::DeserializeOwned + serde::Serialize,
{
    let strict: S = serde_json::from_value(sample.clone()).unwrap_or_else(|e| panic!("not valid for the spec: {e}"));
    let model: M = serde_json::from_value(sample).expect("the model decodes what the spec allows");
    assert_eq!(other(&model), &Map::new(), "a field the spec names is left untyped");
    let encoded = serde_json::to_value(&model).unwrap();
    let again: S = serde_json::from_value(encoded).expect("the model encodes what the spec allows");
    assert_eq!(serde_json::to_value(again).unwrap(), serde_json::to_value(strict).unwrap());
}

#[test]
fn every_model_keeps_what_the_spec_describes_in_typed_fields() {
    let time = "2026-11-01T12:00:00Z";
    let org = json!({
        "id": ORG, "name": "Acme", "create_time": time,
        "meta": { "hierarchy_tags": ["t1"], "managed_by": "cloudflare", "extra": { "k": 1 },
                  "tenant_flags": { "account_creation": "on", "account_deletion": "on", "account_migration": "off",
                                    "account_mobility": "off", "enterprise_capability": "on",
                                    "member_management": "on", "sub_org_creation": "on" } },
        "parent": { "id": "p1", "name": "Parent" },
        "profile": { "business_name": "A", "business_email": "a@b", "business_phone": "1",
                     "business_address": "x", "external_metadata": "{}" }
    });
    keeps::<t::OrganizationsApiOrganization, Organization>(org, |m| &m.other);
    keeps::<t::OrganizationsApiDeleteOrganizationResponse, DeletedOrganization>(json!({ "id": ORG }), |m| &m.other);
    keeps::<t::OrganizationsApiMember, Member>(
        json!({ "id": "m1", "status": "pending", "meta": { "k": {} }, "create_time": time, "update_time": time,
                "user": { "id": "u1", "email": "a@b", "name": "A", "two_factor_authentication_enabled": true } }),
        |m| &m.other,
    );
    keeps::<t::OrganizationsApiAccount, Account>(
        json!({ "id": "acc1", "name": null, "type": "enterprise", "created_on": time,
                "settings": { "abuse_contact_email": null, "access_approval_expiry": time, "api_access_enabled": true,
                              "default_nameservers": "cloudflare.standard", "enforce_twofactor": false,
                              "use_account_custom_ns_by_default": null } }),
        |m| &m.other,
    );
    keeps::<t::ResourceSharingShareObject, Share>(
        json!({ "id": "s1", "name": "S", "account_id": "acc1", "account_name": "A", "organization_id": ORG,
                "created": time, "modified": time, "status": "active", "target_type": "organization", "kind": "received",
                "associated_recipient_count": 2, "associating_recipient_count": 0,
                "disassociated_recipient_count": 1, "disassociating_recipient_count": 0,
                "resources": [{ "id": "r1", "resource_id": "rr1", "resource_type": "gateway-policy",
                                "resource_account_id": "acc1", "resource_version": 3, "status": "deleting",
                                "meta": { "k": "v" }, "created": time, "modified": time }] }),
        |m| &m.other,
    );
    keeps::<t::AaaAuditLogsV2Org, AuditLogEntry>(
        json!({ "id": "e1", "action": { "description": "Add Member", "result": "success", "time": time, "type": "create" },
                "actor": { "context": "api_token", "email": "a@b", "id": "u1", "ip_address": "1.2.3.4",
                           "token_id": "t1", "token_name": "ci", "type": "user" },
                "organization": { "id": ORG },
                "raw": { "cf_ray_id": "r", "method": "POST", "status_code": 200, "uri": "/x", "user_agent": "ua" },
                "resource": { "id": "m1", "product": "organizations", "request": { "a": 1 }, "response": {},
                              "scope": { "s": "o" }, "type": "member" } }),
        |m| &m.other,
    );
    keeps::<t::BillableUsageApiCostAndUsageData, UsageRecord>(
        json!({ "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare", "HostProviderName": "Cloudflare",
                "BillingAccountId": "tag", "BillingAccountName": "Acme", "ChargePeriodStart": time,
                "ChargePeriodEnd": time, "x_BillableMetricId": "m", "x_BillableMetricName": "Requests",
                "ChargeCategory": "Usage", "ChargeFrequency": "Usage-Based", "ChargeDescription": "Requests",
                "ConsumedQuantity": 12.5, "ConsumedUnit": "requests", "BilledCost": 1.5, "BillingCurrency": "USD",
                "BillingPeriodStart": time, "BillingPeriodEnd": time, "ChargeClass": "Correction",
                "ContractedCost": null, "ContractedUnitPrice": null, "EffectiveCost": 1.0, "ListCost": 2.0,
                "ListUnitPrice": 0.1, "PricingQuantity": 12.5, "PricingUnit": "requests", "RegionId": "us",
                "RegionName": "US", "SubAccountId": "s", "SubAccountName": "S", "x_ProductCategoryName": "c",
                "x_ProductFamilyId": "f", "x_ProductFamilyName": "F", "x_ZoneId": "z", "x_ZoneName": "example.com" }),
        |m| &m.other,
    );
}

/// Paging reads `result_info` under the names the spec's result-info types serialize to.
#[test]
fn paging_reads_the_spec_result_info() {
    use crate::envelope::{Response, ResponseMeta};
    use crate::pagination::Paging;
    let page = |paging: Paging, info: Value| {
        let meta = ResponseMeta {
            status: 200,
            headers: Default::default(),
            messages: vec![],
            result_info: Some(info),
            rate_limit: None,
        };
        paging.page(Response { value: vec![1], meta })
    };
    let t::OrganizationsApiPageTokenResultInfo { next_page_token, total_size } =
        t::OrganizationsApiPageTokenResultInfo { next_page_token: Some("n".into()), total_size: Some(7) };
    let info = t::OrganizationsApiPageTokenResultInfo { next_page_token, total_size };
    let p = page(Paging::PageToken, serde_json::to_value(info).unwrap());
    assert_eq!((p.next_page_token.as_deref(), p.total_size), (Some("n"), Some(7)));

    let t::AaaResultInfo { count, cursor } = t::AaaResultInfo { count: Some("1".into()), cursor: Some("c".into()) };
    let p = page(Paging::Cursor, serde_json::to_value(t::AaaResultInfo { count, cursor }).unwrap());
    assert_eq!(p.next_page_token.as_deref(), Some("c"));
    let t::AaaAuditLogsV2HistoryResultInfo { count, cursor, history_status } = t::AaaAuditLogsV2HistoryResultInfo {
        count: 1,
        cursor: Some("h".into()),
        history_status: t::AaaHistoryStatus::Exact,
    };
    let info = t::AaaAuditLogsV2HistoryResultInfo { count, cursor, history_status };
    assert_eq!(page(Paging::Cursor, serde_json::to_value(info).unwrap()).next_page_token.as_deref(), Some("h"));

    let t::ResourceSharingResultInfo { count, page: number, per_page, total_count, total_pages } =
        t::ResourceSharingResultInfo {
            count: Some(1.0),
            page: Some(1.0),
            per_page: Some(1.0),
            total_count: Some(2.0),
            total_pages: Some(2.0),
        };
    let info = t::ResourceSharingResultInfo { count, page: number, per_page, total_count, total_pages };
    let p = page(Paging::PageNumber { page: 1, per_page: 1 }, serde_json::to_value(info).unwrap());
    assert_eq!((p.next_page_token.as_deref(), p.total_size), (Some("2"), Some(2)));
}
