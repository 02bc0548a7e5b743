//! Where the hand-written SDK meets the generated one, bound at compile time of
//! cf-orgs's tests: every operation has its call (an exhaustive `match` on
//! `Operation`), every query parameter its setter (exhaustive destructuring of
//! each query struct), every response field its model field (exhaustive
//! destructuring of each generated response type, no `..`), and every enum
//! value its variant (exhaustive `match`, no `_`). A spec change that adds,
//! removes or renames any of them fails `cargo test -p cf-orgs` to compile
//! here, at the model or setter to change; decoding at run time stays tolerant.

use cf_orgs_gen::operations::{self as ops, Operation as Op};
use cf_orgs_gen::types as t;
use chrono::{NaiveDate, TimeZone, Utc};
use serde_json::{Map, Value, json};

use crate::models::*;
use crate::operation::Operation;
use crate::pagination::{List, Paged};
use crate::request::Request;
use crate::resources::*;
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
    }
}

#[test]
fn every_operation_of_the_spec_has_its_call() {
    for op in Op::ALL {
        assert_eq!(call_for(op), op, "{} has no call of its own in cf-orgs", op.operation_id());
    }
}

/// The operation a list built, every setter applied.
fn built<O: Paged>(list: impl Into<List<O>>) -> O {
    list.into().request.op.expect("every setter took its value")
}

#[test]
fn every_query_parameter_has_its_setter() {
    let c = client();
    let o = c.organization(ORG);
    let day = NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();

    let ops::OrganizationListOrganizationsQuery {
        id,
        name,
        name_starts_with,
        name_ends_with,
        name_contains,
        containing_account,
        containing_user,
        containing_organization,
        parent_id,
        page_token,
        page_size,
    } = built(
        c.organizations()
            .list()
            .id("o1")
            .name("n")
            .name_starts_with("a")
            .name_ends_with("z")
            .name_contains("m")
            .containing_account("acc1")
            .containing_user("u1")
            .containing_organization("o2")
            .parent("o3")
            .page_token("t")
            .page_size(5),
    )
    .query;
    assert!(!id.is_empty() && name.is_some() && name_starts_with.is_some() && name_ends_with.is_some());
    assert!(name_contains.is_some() && containing_account.is_some() && containing_user.is_some());
    assert!(containing_organization.is_some() && parent_id.is_some() && page_token.is_some() && page_size.is_some());

    let ops::OrganizationsGetAccountsQuery {
        account_pubname,
        account_pubname_starts_with,
        account_pubname_ends_with,
        account_pubname_contains,
        name,
        name_starts_with,
        name_ends_with,
        name_contains,
        order_by,
        direction,
        page_token,
        page_size,
    } = built(
        o.accounts()
            .list()
            .account_pubname("p")
            .account_pubname_starts_with("p")
            .account_pubname_ends_with("p")
            .account_pubname_contains("p")
            .name("n")
            .name_starts_with("n")
            .name_ends_with("n")
            .name_contains("n")
            .order_by(AccountOrder::AccountName)
            .direction(Direction::Asc)
            .page_token("t")
            .page_size(5),
    )
    .query;
    assert!(account_pubname.is_some() && account_pubname_starts_with.is_some() && account_pubname_ends_with.is_some());
    assert!(account_pubname_contains.is_some() && name.is_some() && name_starts_with.is_some());
    assert!(name_ends_with.is_some() && name_contains.is_some() && order_by.is_some() && direction.is_some());
    assert!(page_token.is_some() && page_size.is_some());

    let ops::MembersListQuery {
        status,
        user_email,
        user_email_contains,
        user_email_starts_with,
        user_email_ends_with,
        page_token,
        page_size,
    } = built(
        o.members()
            .list()
            .status(MemberStatus::Active)
            .user_email("a@b")
            .user_email_contains("a")
            .user_email_starts_with("a")
            .user_email_ends_with("b")
            .page_token("t")
            .page_size(5),
    )
    .query;
    assert!(!status.is_empty() && user_email.is_some() && user_email_contains.is_some());
    assert!(user_email_starts_with.is_some() && user_email_ends_with.is_some() && page_token.is_some());
    assert!(page_size.is_some());

    let ops::OrganizationSharesListQuery {
        status,
        kind,
        target_type,
        resource_types,
        order,
        direction,
        page,
        per_page,
    } = built(
        o.shares()
            .list()
            .status(ShareStatus::Active)
            .kind(ShareKind::Sent)
            .target_type(ShareTargetType::Account)
            .resource_type(ShareResourceType::CustomRuleset)
            .order(ShareOrder::Name)
            .direction(Direction::Desc)
            .page(2)
            .per_page(10),
    )
    .query;
    assert!(status.is_some() && kind.is_some() && target_type.is_some() && !resource_types.is_empty());
    assert!(order.is_some() && direction.is_some() && page.is_some() && per_page.is_some());

    let ops::BillableUsageV2GetOrganizationUsageQuery { from, to } =
        o.billable_usage(day..=day).0.op.expect("a valid range").query;
    assert!(from.is_some() && to.is_some());

    let at = Utc.with_ymd_and_hms(2026, 11, 1, 0, 0, 0).unwrap();
    let ops::AuditLogsV2GetOrganizationAuditLogHistoryQuery { action_time, since, before, direction, limit, cursor } =
        built(o.audit_logs().history("e1", at).since(day).before(day).direction(Direction::Asc).limit(5).cursor("c"))
            .query;
    assert_eq!((action_time, since, before), (at, day, day));
    assert!(direction.is_some() && limit.is_some() && cursor.is_some());

    let list = o
        .audit_logs()
        .list()
        .since(day)
        .before(day)
        .direction(Direction::Asc)
        .limit(5)
        .cursor("c")
        .action_result(AuditActionResult::Success)
        .action_type(AuditActionType::Create)
        .actor_context(AuditActorContext::ApiKey)
        .actor_email("a@b")
        .actor_id("u")
        .actor_ip_address("1.2.3.4")
        .actor_token_id("t")
        .actor_token_name("n")
        .actor_type(AuditActorType::User)
        .id("e")
        .raw_cf_ray_id("r")
        .raw_method("GET")
        .raw_status_code(200)
        .raw_uri("/")
        .resource_id("r")
        .resource_product("p")
        .resource_type("t")
        .resource_scope(AuditResourceScope::Organizations)
        .action_result_not(AuditActionResult::Failure)
        .action_type_not(AuditActionType::View)
        .actor_context_not(AuditActorContext::Dash)
        .actor_email_not("a@b")
        .actor_id_not("u")
        .actor_ip_address_not("1.2.3.4")
        .actor_token_id_not("t")
        .actor_token_name_not("n")
        .actor_type_not(AuditActorType::System)
        .id_not("e")
        .raw_cf_ray_id_not("r")
        .raw_method_not("GET")
        .raw_status_code_not(500)
        .raw_uri_not("/")
        .resource_id_not("r")
        .resource_product_not("p")
        .resource_type_not("t")
        .resource_scope_not(AuditResourceScope::Organizations);
    let ops::AuditLogsV2GetOrganizationAuditLogsQuery {
        action_result,
        action_type,
        actor_context,
        actor_email,
        actor_id,
        actor_ip_address,
        actor_token_id,
        actor_token_name,
        actor_type,
        id,
        raw_cf_ray_id,
        raw_method,
        raw_status_code,
        raw_uri,
        resource_id,
        resource_product,
        resource_type,
        resource_scope,
        action_result_not,
        action_type_not,
        actor_context_not,
        actor_email_not,
        actor_id_not,
        actor_ip_address_not,
        actor_token_id_not,
        actor_token_name_not,
        actor_type_not,
        id_not,
        raw_cf_ray_id_not,
        raw_method_not,
        raw_status_code_not,
        raw_uri_not,
        resource_id_not,
        resource_product_not,
        resource_type_not,
        resource_scope_not,
        since,
        before,
        direction,
        limit,
        cursor,
    } = built(list).query;
    let strings = [
        &action_result,
        &action_type,
        &actor_context,
        &actor_email,
        &actor_id,
        &actor_ip_address,
        &actor_token_id,
        &actor_token_name,
        &actor_type,
        &id,
        &raw_cf_ray_id,
        &raw_method,
        &raw_uri,
        &resource_id,
        &resource_product,
        &resource_type,
        &resource_scope,
        &action_result_not,
        &action_type_not,
        &actor_context_not,
        &actor_email_not,
        &actor_id_not,
        &actor_ip_address_not,
        &actor_token_id_not,
        &actor_token_name_not,
        &actor_type_not,
        &id_not,
        &raw_cf_ray_id_not,
        &raw_method_not,
        &raw_uri_not,
        &resource_id_not,
        &resource_product_not,
        &resource_type_not,
        &resource_scope_not,
    ];
    assert!(strings.iter().all(|values| values.len() == 1), "every filter took its value");
    assert_eq!((raw_status_code, raw_status_code_not), (vec![200], vec![500]));
    assert_eq!((since, before), (day, day));
    assert!(direction.is_some() && limit.is_some() && cursor.is_some());
}

/// An open enum knows exactly the values the spec allows for the filter it feeds.
fn same_values(filter: &str, open: &[&str], spec: &[&str]) {
    let (mut open, mut spec) = (open.to_vec(), spec.to_vec());
    open.sort_unstable();
    spec.sort_unstable();
    assert_eq!(open, spec, "the values of `{filter}` in cf-orgs and in the spec");
}

#[test]
fn every_enum_filter_offers_exactly_the_spec_values() {
    use ops::AuditLogsV2GetOrganizationAuditLogsQuery as Audit;
    same_values("action_result", AuditActionResult::VALUES, Audit::ACTION_RESULT_VALUES);
    same_values("action_result.not", AuditActionResult::VALUES, Audit::ACTION_RESULT_NOT_VALUES);
    same_values("action_type", AuditActionType::VALUES, Audit::ACTION_TYPE_VALUES);
    same_values("action_type.not", AuditActionType::VALUES, Audit::ACTION_TYPE_NOT_VALUES);
    same_values("actor_context", AuditActorContext::VALUES, Audit::ACTOR_CONTEXT_VALUES);
    same_values("actor_context.not", AuditActorContext::VALUES, Audit::ACTOR_CONTEXT_NOT_VALUES);
    same_values("actor_type", AuditActorType::VALUES, Audit::ACTOR_TYPE_VALUES);
    same_values("actor_type.not", AuditActorType::VALUES, Audit::ACTOR_TYPE_NOT_VALUES);
    same_values("resource_scope", AuditResourceScope::VALUES, Audit::RESOURCE_SCOPE_VALUES);
    same_values("resource_scope.not", AuditResourceScope::VALUES, Audit::RESOURCE_SCOPE_NOT_VALUES);
    same_values("direction", Direction::VALUES, Audit::DIRECTION_VALUES);
    same_values(
        "history direction",
        Direction::VALUES,
        ops::AuditLogsV2GetOrganizationAuditLogHistoryQuery::DIRECTION_VALUES,
    );
    same_values("members status", MemberStatus::VALUES, ops::MembersListQuery::STATUS_VALUES);
    use ops::OrganizationsGetAccountsQuery as Accounts;
    same_values("accounts order_by", AccountOrder::VALUES, Accounts::ORDER_BY_VALUES);
    same_values("accounts direction", Direction::VALUES, Accounts::DIRECTION_VALUES);
    use ops::OrganizationSharesListQuery as Shares;
    same_values("shares status", ShareStatus::VALUES, Shares::STATUS_VALUES);
    same_values("shares kind", ShareKind::VALUES, Shares::KIND_VALUES);
    same_values("shares target_type", ShareTargetType::VALUES, Shares::TARGET_TYPE_VALUES);
    same_values("shares resource_types", ShareResourceType::VALUES, Shares::RESOURCE_TYPES_VALUES);
    same_values("shares order", ShareOrder::VALUES, Shares::ORDER_VALUES);
    same_values("shares direction", Direction::VALUES, Shares::DIRECTION_VALUES);
}

fn new_member_status(s: t::OrganizationsApiCreateSingleMemberStatus) -> NewMemberStatus {
    use t::OrganizationsApiCreateSingleMemberStatus as S;
    match s {
        S::Active => NewMemberStatus::Active,
        S::Canceled => NewMemberStatus::Canceled,
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
    // Every value a new member may be created with, and each is a status a member can have.
    use t::OrganizationsApiCreateSingleMemberStatus as S;
    for status in [S::Active, S::Canceled] {
        let open = new_member_status(status);
        assert_eq!(open.as_str(), status.to_string());
        assert!(MemberStatus::VALUES.contains(&open.as_str()));
    }
    assert_eq!(NewMemberStatus::VALUES.len(), 2);
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

/// Whether the dotted `path` leads through the properties of `schema` (a
/// schemars root schema, `$ref`s into its definitions followed).
fn has_path(root: &Value, path: &str) -> bool {
    let mut at = root;
    for name in path.split('.') {
        while let Some(name) = at.get("$ref").and_then(Value::as_str).and_then(|r| r.rsplit('/').next()) {
            at = &root["definitions"][name];
        }
        match at.pointer(&format!("/properties/{name}")) {
            Some(next) => at = next,
            None => return false,
        }
    }
    true
}

fn schema_of<T: schemars::JsonSchema>() -> Value {
    serde_json::to_value(schemars::schema_for!(T)).expect("a schema is JSON")
}

#[test]
fn body_fields_named_in_errors_are_the_specs() {
    use crate::resources::organizations;
    let write = schema_of::<t::OrganizationsApiOrganizationWrite>();
    let create = schema_of::<t::OrganizationsApiCreateMemberRequest>();
    assert!(
        has_path(&write, organizations::NAME_FIELD),
        "{} is not a field of the write body",
        organizations::NAME_FIELD
    );
    assert!(!has_path(&create, "member.user.mail") && !has_path(&write, "id"), "the check can fail");
}
