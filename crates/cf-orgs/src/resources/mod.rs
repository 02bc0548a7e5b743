//! One module per resource: its handle and the methods that make its builders (the builders,
//! their setters and the models are generated: `builders.rs`, `setters.rs`, `models.rs`), and what
//! stays hand-written of its bodies (`NewMember`, `Profile`'s constructors).

mod accounts;
mod audit_logs;
mod billable_usage;
mod create_all;
mod descendants;
pub(crate) mod members;
pub(crate) mod organizations;
mod profile;
mod shares;

pub use accounts::Accounts;
pub use audit_logs::{AuditLogs, DEFAULT_WINDOW_DAYS};
pub use create_all::{CreateAll, MemberOutcome, MemberOutcomes};
pub use members::{MAX_BATCH, Members, NewMember};
pub use organizations::{OrganizationHandle, Organizations};
pub use profile::ProfileHandle;
pub use shares::Shares;

use crate::error::Result;
use crate::ids::OrganizationId;

/// The organization id of a handle, as the path parameter (its error, if invalid, again).
pub(crate) fn org_param(org: &Result<OrganizationId>) -> Result<String> {
    // An input error is reported by every request made from the handle.
    org.as_ref().map(ToString::to_string).map_err(Clone::clone)
}
