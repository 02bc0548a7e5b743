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

use crate::operation::Operation;
use crate::pagination::{List, Paged};
use crate::request::Request;
use crate::resources::*;
use crate::{AccountId, Client, Credentials, MemberId, OrganizationId};

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

// Response models: each generated (strict) type converts into its model, field by field.

fn organization(o: t::OrganizationsApiOrganization) -> Organization {
    let t::OrganizationsApiOrganization { create_time, id, meta, name, parent, profile } = o;
    Organization {
        id: OrganizationId::new(id.0).unwrap(),
        name,
        create_time: Some(create_time),
        meta: organization_meta(meta),
        parent: parent.map(|t::OrganizationsApiOrganizationParent { id, name }| ParentRef {
            id: OrganizationId::new(id.0).unwrap(),
            name: Some(name),
            other: Map::new(),
        }),
        profile: profile.map(self::profile),
        other: Map::new(),
    }
}

fn organization_meta(m: t::OrganizationsApiOrganizationMeta) -> OrganizationMeta {
    let t::OrganizationsApiOrganizationMeta { hierarchy_tags, managed_by, tenant_flags, extra } = m;
    OrganizationMeta {
        hierarchy_tags,
        managed_by,
        tenant_flags: tenant_flags.map(flags),
        other: extra.into_iter().map(|(k, v)| (k, Value::Object(v))).collect(),
    }
}

fn flags(f: t::OrganizationsApiOrganizationFlags) -> OrganizationFlags {
    let t::OrganizationsApiOrganizationFlags {
        account_creation,
        account_deletion,
        account_migration,
        account_mobility,
        enterprise_capability,
        member_management,
        sub_org_creation,
    } = f;
    OrganizationFlags {
        account_creation: Some(account_creation),
        account_deletion: Some(account_deletion),
        account_migration: Some(account_migration),
        account_mobility: Some(account_mobility),
        enterprise_capability: Some(enterprise_capability),
        member_management: Some(member_management),
        sub_org_creation: Some(sub_org_creation),
        other: Map::new(),
    }
}

fn profile(p: t::OrganizationsApiProfile) -> Profile {
    let t::OrganizationsApiProfile {
        business_address,
        business_email,
        business_name,
        business_phone,
        external_metadata,
    } = p;
    Profile { business_name, business_email, business_phone, business_address, external_metadata, other: Map::new() }
}

fn deleted(d: t::OrganizationsApiDeleteOrganizationResponse) -> DeletedOrganization {
    let t::OrganizationsApiDeleteOrganizationResponse { id } = d;
    DeletedOrganization { id: OrganizationId::new(id).unwrap(), other: Map::new() }
}

fn member(m: t::OrganizationsApiMember) -> Member {
    let t::OrganizationsApiMember { create_time, id, meta, status, update_time, user } = m;
    let t::OrganizationsApiMemberSubjectUser { email, id: user_id, name, two_factor_authentication_enabled } = user;
    Member {
        id: MemberId::new(id.0).unwrap(),
        status: member_status(status),
        user: MemberUser { id: user_id, email, name, two_factor_authentication_enabled, other: Map::new() },
        meta: meta.into_iter().map(|(k, v)| (k, Value::Object(v))).collect(),
        create_time: Some(create_time),
        update_time: Some(update_time),
        other: Map::new(),
    }
}

fn member_status(s: t::OrganizationsApiMemberStatus) -> MemberStatus {
    use t::OrganizationsApiMemberStatus as S;
    match s {
        S::Active => MemberStatus::Active,
        S::Pending => MemberStatus::Pending,
        S::Rejected => MemberStatus::Rejected,
        S::Canceled => MemberStatus::Canceled,
    }
}

fn new_member_status(s: t::OrganizationsApiCreateSingleMemberStatus) -> NewMemberStatus {
    use t::OrganizationsApiCreateSingleMemberStatus as S;
    match s {
        S::Active => NewMemberStatus::Active,
        S::Canceled => NewMemberStatus::Canceled,
    }
}

fn account(a: t::OrganizationsApiAccount) -> Account {
    let t::OrganizationsApiAccount { created_on, id, name, settings, type_ } = a;
    let t::OrganizationsApiAccountSettings {
        abuse_contact_email,
        access_approval_expiry,
        api_access_enabled,
        default_nameservers,
        enforce_twofactor,
        use_account_custom_ns_by_default,
    } = settings;
    Account {
        id: AccountId::new(id).unwrap(),
        name,
        account_type: Some(match type_ {
            t::OrganizationsApiAccountType::Standard => AccountType::Standard,
            t::OrganizationsApiAccountType::Enterprise => AccountType::Enterprise,
        }),
        settings: AccountSettings {
            abuse_contact_email,
            access_approval_expiry,
            api_access_enabled,
            enforce_twofactor,
            default_nameservers,
            use_account_custom_ns_by_default,
            other: Map::new(),
        },
        created_on: Some(created_on),
        other: Map::new(),
    }
}

fn share(s: t::ResourceSharingShareObject) -> Share {
    let t::ResourceSharingShareObject {
        account_id,
        account_name,
        associated_recipient_count,
        associating_recipient_count,
        created,
        disassociated_recipient_count,
        disassociating_recipient_count,
        id,
        kind,
        modified,
        name,
        organization_id,
        resources,
        status,
        target_type,
    } = s;
    Share {
        id: id.0,
        name: name.0,
        account_id: account_id.0,
        account_name: account_name.0,
        organization_id: Some(OrganizationId::new(organization_id.0).unwrap()),
        status: share_status(status),
        target_type: Some(match target_type {
            t::ResourceSharingShareTargetType::Account => ShareTargetType::Account,
            t::ResourceSharingShareTargetType::Organization => ShareTargetType::Organization,
        }),
        kind: kind.map(|k| match k {
            t::ResourceSharingShareKind::Sent => ShareKind::Sent,
            t::ResourceSharingShareKind::Received => ShareKind::Received,
        }),
        created: Some(created.0),
        modified: Some(modified.0),
        associated_recipient_count,
        associating_recipient_count,
        disassociated_recipient_count,
        disassociating_recipient_count,
        resources: resources.into_iter().map(share_resource).collect(),
        other: Map::new(),
    }
}

fn share_status(s: t::ResourceSharingShareStatus) -> ShareStatus {
    use t::ResourceSharingShareStatus as S;
    match s {
        S::Active => ShareStatus::Active,
        S::Deleting => ShareStatus::Deleting,
        S::Deleted => ShareStatus::Deleted,
    }
}

fn share_resource(r: t::ResourceSharingShareResourceObject) -> ShareResource {
    let t::ResourceSharingShareResourceObject {
        created,
        id,
        meta,
        modified,
        resource_account_id,
        resource_id,
        resource_type,
        resource_version,
        status,
    } = r;
    use t::ResourceSharingResourceType as R;
    ShareResource {
        id: id.0,
        resource_id: resource_id.0,
        resource_type: match resource_type {
            R::CustomRuleset => ShareResourceType::CustomRuleset,
            R::GatewayPolicy => ShareResourceType::GatewayPolicy,
            R::GatewayDestinationIp => ShareResourceType::GatewayDestinationIp,
            R::GatewayBlockPageSettings => ShareResourceType::GatewayBlockPageSettings,
            R::GatewayExtendedEmailMatching => ShareResourceType::GatewayExtendedEmailMatching,
            R::IdpFederationGrant => ShareResourceType::IdpFederationGrant,
        },
        resource_account_id: resource_account_id.0,
        resource_version: Some(resource_version.0),
        status: match status {
            t::ResourceSharingResourceStatus::Active => ShareStatus::Active,
            t::ResourceSharingResourceStatus::Deleting => ShareStatus::Deleting,
            t::ResourceSharingResourceStatus::Deleted => ShareStatus::Deleted,
        },
        meta: meta.0,
        created: Some(created.0),
        modified: Some(modified.0),
        other: Map::new(),
    }
}

fn audit_entry(e: t::AaaAuditLogsV2Org) -> AuditLogEntry {
    let t::AaaAuditLogsV2Org { action, actor, id, organization, raw, resource } = e;
    AuditLogEntry {
        id: id.map(|id| id.0),
        action: action.map(|t::AaaAuditLogAction { description, result, time, type_ }| AuditAction {
            description,
            result,
            time,
            action_type: type_,
            other: Map::new(),
        }),
        actor: actor.map(audit_actor),
        organization: organization
            .map(|t::AaaAuditLogsV2OrgOrganization { id }| AuditOrganization { id, other: Map::new() }),
        raw: raw.map(|t::AaaAuditLogRaw { cf_ray_id, method, status_code, uri, user_agent }| AuditRaw {
            cf_ray_id,
            method,
            status_code,
            uri,
            user_agent,
            other: Map::new(),
        }),
        resource: resource.map(|t::AaaAuditLogsV2OrgResource { id, product, request, response, scope, type_ }| {
            AuditResource {
                id,
                product,
                request: Some(request),
                response: Some(response),
                scope: Some(scope),
                resource_type: type_,
                other: Map::new(),
            }
        }),
        other: Map::new(),
    }
}

fn audit_actor(a: t::AaaAuditLogsV2OrgActor) -> AuditActor {
    let t::AaaAuditLogsV2OrgActor { context, email, id, ip_address, token_id, token_name, type_ } = a;
    use t::AaaAuditLogsV2OrgActorContext as C;
    use t::AaaAuditLogsV2OrgActorType as T;
    AuditActor {
        context: context.map(|c| match c {
            C::ApiKey => AuditActorContext::ApiKey,
            C::ApiToken => AuditActorContext::ApiToken,
            C::Dash => AuditActorContext::Dash,
            C::Oauth => AuditActorContext::Oauth,
            C::OriginCaKey => AuditActorContext::OriginCaKey,
        }),
        email,
        id,
        ip_address,
        token_id,
        token_name,
        actor_type: type_.map(|t| match t {
            T::CloudflareAdmin => AuditActorType::CloudflareAdmin,
            T::System => AuditActorType::System,
            T::User => AuditActorType::User,
        }),
        other: Map::new(),
    }
}

fn usage(u: t::BillableUsageApiCostAndUsageData) -> UsageRecord {
    let t::BillableUsageApiCostAndUsageData {
        billed_cost,
        billing_account_id,
        billing_account_name,
        billing_currency,
        billing_period_end,
        billing_period_start,
        charge_category,
        charge_class,
        charge_description,
        charge_frequency,
        charge_period_end,
        charge_period_start,
        consumed_quantity,
        consumed_unit,
        contracted_cost,
        contracted_unit_price,
        effective_cost,
        host_provider_name,
        invoice_issuer_name,
        list_cost,
        list_unit_price,
        pricing_quantity,
        pricing_unit,
        region_id,
        region_name,
        service_provider_name,
        sub_account_id,
        sub_account_name,
        x_billable_metric_id,
        x_billable_metric_name,
        x_product_category_name,
        x_product_family_id,
        x_product_family_name,
        x_zone_id,
        x_zone_name,
    } = u;
    UsageRecord {
        billed_cost,
        billing_account_id: Some(billing_account_id),
        billing_account_name: Some(billing_account_name),
        billing_currency,
        billing_period_end,
        billing_period_start,
        charge_category: Some(charge_category.to_string()),
        charge_class: charge_class.map(|c| c.to_string()),
        charge_description: Some(charge_description),
        charge_frequency: Some(charge_frequency.to_string()),
        charge_period_end: Some(charge_period_end),
        charge_period_start: Some(charge_period_start),
        consumed_quantity: Some(consumed_quantity),
        consumed_unit: Some(consumed_unit),
        contracted_cost,
        contracted_unit_price,
        effective_cost,
        host_provider_name: Some(host_provider_name),
        invoice_issuer_name: Some(invoice_issuer_name),
        list_cost,
        list_unit_price,
        pricing_quantity,
        pricing_unit,
        region_id,
        region_name,
        service_provider_name: Some(service_provider_name),
        sub_account_id,
        sub_account_name,
        x_billable_metric_id: Some(x_billable_metric_id),
        x_billable_metric_name: Some(x_billable_metric_name),
        x_product_category_name,
        x_product_family_id,
        x_product_family_name,
        x_zone_id,
        x_zone_name,
        other: Map::new(),
    }
}

/// `sample` is valid for the spec's strict type `S`; the model decodes it to
/// exactly what the field-by-field conversion makes of it.
fn decodes_alike<S, M>(sample: Value, convert: fn(S) -> M)
where
    S: serde::de::DeserializeOwned,
    M: serde::de::DeserializeOwned + PartialEq + std::fmt::Debug,
{
    let strict: S = serde_json::from_value(sample.clone()).unwrap_or_else(|e| panic!("not valid for the spec: {e}"));
    let model: M = serde_json::from_value(sample).expect("the model decodes what the spec allows");
    assert_eq!(model, convert(strict));
}

#[test]
fn every_model_decodes_what_the_spec_describes() {
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
    decodes_alike(org, organization);
    decodes_alike(json!({ "id": ORG }), deleted);
    decodes_alike(
        json!({ "id": "m1", "status": "pending", "meta": { "k": {} }, "create_time": time, "update_time": time,
                "user": { "id": "u1", "email": "a@b", "name": "A", "two_factor_authentication_enabled": true } }),
        member,
    );
    decodes_alike(
        json!({ "id": "acc1", "name": null, "type": "enterprise", "created_on": time,
                "settings": { "abuse_contact_email": null, "access_approval_expiry": time, "api_access_enabled": true,
                              "default_nameservers": "cloudflare.standard", "enforce_twofactor": false,
                              "use_account_custom_ns_by_default": null } }),
        account,
    );
    decodes_alike(
        json!({ "id": "s1", "name": "S", "account_id": "acc1", "account_name": "A", "organization_id": ORG,
                "created": time, "modified": time, "status": "active", "target_type": "organization", "kind": "received",
                "associated_recipient_count": 2, "associating_recipient_count": 0,
                "disassociated_recipient_count": 1, "disassociating_recipient_count": 0,
                "resources": [{ "id": "r1", "resource_id": "rr1", "resource_type": "gateway-policy",
                                "resource_account_id": "acc1", "resource_version": 3, "status": "deleting",
                                "meta": { "k": "v" }, "created": time, "modified": time }] }),
        share,
    );
    decodes_alike(
        json!({ "id": "e1", "action": { "description": "Add Member", "result": "success", "time": time, "type": "create" },
                "actor": { "context": "api_token", "email": "a@b", "id": "u1", "ip_address": "1.2.3.4",
                           "token_id": "t1", "token_name": "ci", "type": "user" },
                "organization": { "id": ORG },
                "raw": { "cf_ray_id": "r", "method": "POST", "status_code": 200, "uri": "/x", "user_agent": "ua" },
                "resource": { "id": "m1", "product": "organizations", "request": { "a": 1 }, "response": {},
                              "scope": { "s": "o" }, "type": "member" } }),
        audit_entry,
    );
    decodes_alike(
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
        usage,
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
