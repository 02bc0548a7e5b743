//! The operations, one module per resource, routed from the spec's templates (`router`); what
//! every handler shares (the request context, audit writing, paging, filters) is in `shared`.

pub mod accounts;
pub mod audit;
pub mod members;
pub mod organizations;
pub mod profile;
pub mod shared;
pub mod shares;
pub mod tenants;
pub mod usage;

pub use shared::Ray;

use std::sync::Arc;

use axum::Extension;
use axum::routing::{MethodFilter, MethodRouter, on};
use cf_orgs_gen::operations::Operation as Op;
use cf_orgs_gen::runtime::Method as SpecMethod;

use crate::shared::Shared;

/// The handler of each operation of the spec: a new or removed operation is a
/// compile error here, and its route is the spec's template.
fn handler(op: Op) -> MethodRouter<Arc<Shared>> {
    let method = match op.method() {
        SpecMethod::Get => MethodFilter::GET,
        SpecMethod::Put => MethodFilter::PUT,
        SpecMethod::Post => MethodFilter::POST,
        SpecMethod::Delete => MethodFilter::DELETE,
        SpecMethod::Options => MethodFilter::OPTIONS,
        SpecMethod::Head => MethodFilter::HEAD,
        SpecMethod::Patch => MethodFilter::PATCH,
        SpecMethod::Trace => MethodFilter::TRACE,
    };
    let route = match op {
        Op::OrganizationListOrganizations => on(method, organizations::list),
        Op::OrganizationsCreateUserOrganization => on(method, organizations::create),
        Op::OrganizationsRetrieve => on(method, organizations::get),
        Op::OrganizationsModify => on(method, organizations::modify),
        Op::OrganizationsDelete => on(method, organizations::delete),
        Op::OrganizationsGetAccounts => on(method, accounts::list),
        Op::BillableUsageV2GetOrganizationUsage => on(method, usage::get),
        Op::AuditLogsV2GetOrganizationAuditLogs => on(method, audit::list),
        Op::AuditLogsV2GetOrganizationAuditLogHistory => on(method, audit::history),
        Op::MembersList => on(method, members::list),
        Op::MembersCreate => on(method, members::create),
        Op::MembersRetrieve => on(method, members::get),
        Op::MembersDelete => on(method, members::delete),
        Op::MembersBatchCreate => on(method, members::batch_create),
        Op::OrganizationsGetProfile => on(method, profile::get),
        Op::OrganizationsModifyProfile => on(method, profile::put),
        Op::OrganizationSharesList => on(method, shares::list),
        Op::AccountsMoveAccounts => on(method, accounts::move_account),
        Op::AccountsBatchMoveAccounts => on(method, accounts::batch_move),
        Op::AccountsListAccountOrganizations => on(method, accounts::organizations),
        Op::AccountsGetAccountProfile => on(method, accounts::get_profile),
        Op::AccountsModifyAccountProfile => on(method, accounts::put_profile),
        Op::TenantsRetrieveTenant => on(method, tenants::get),
        Op::TenantsValidAccountTypes => on(method, tenants::account_types),
        Op::TenantsListAccounts => on(method, tenants::accounts),
        Op::TenantsListEntitlements => on(method, tenants::entitlements),
        Op::TenantsListMemberships => on(method, tenants::memberships),
        Op::UserListUserTenants => on(method, tenants::of_user),
    };
    route.layer(Extension(op))
}

/// Every operation of the spec at `base` + its path template.
pub fn router(base: &str) -> axum::Router<Arc<Shared>> {
    Op::ALL
        .into_iter()
        .fold(axum::Router::new(), |router, op| router.route(&format!("{base}{}", op.path_template()), handler(op)))
}
