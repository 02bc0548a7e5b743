//! One module per resource: its model types, its handle, the [`Operation`](crate::Operation)
//! impls of its generated endpoints, and the setters of its requests and lists.

mod accounts;
mod audit_logs;
mod billable_usage;
mod create_all;
mod descendants;
pub(crate) mod members;
pub(crate) mod organizations;
mod profile;
mod shares;

pub use accounts::{Account, AccountOrder, AccountSettings, AccountType, Accounts, ListAccounts};
pub use audit_logs::{
    AuditAction, AuditActionResult, AuditActionType, AuditActor, AuditActorContext, AuditActorType, AuditLogEntry,
    AuditLogHistory, AuditLogs, AuditOrganization, AuditRaw, AuditResource, AuditResourceScope, DEFAULT_WINDOW_DAYS,
    ListAuditLogs,
};
pub use billable_usage::{BillableUsage, UsageRecord};
pub use create_all::{CreateAll, MemberOutcome, MemberOutcomes};
pub use members::{
    CreateMember, CreateMembers, DeleteMember, GetMember, ListMembers, MAX_BATCH, Member, MemberStatus, MemberUser,
    Members, NewMember, NewMemberStatus,
};
pub use organizations::{
    CreateOrganization, DeleteOrganization, DeletedOrganization, GetOrganization, ListOrganizations, Organization,
    OrganizationFlags, OrganizationHandle, OrganizationMeta, Organizations, ParentRef, UpdateOrganization,
};
pub use profile::{GetProfile, Profile, ProfileHandle, UpdateProfile};
pub use shares::{
    ListShares, Share, ShareKind, ShareOrder, ShareResource, ShareResourceType, ShareStatus, ShareTargetType, Shares,
};

use crate::error::Result;
use crate::ids::OrganizationId;

crate::open_enum::open_enum!(
    /// Sort direction of a list.
    Direction {
        /// Ascending.
        Asc = "asc",
        /// Descending.
        Desc = "desc",
    }
);

/// The organization id of a handle, as the path parameter (its error, if invalid, again).
pub(crate) fn org_param(org: &Result<OrganizationId>) -> Result<String> {
    // An input error is reported by every request made from the handle.
    org.as_ref().map(ToString::to_string).map_err(Clone::clone)
}
