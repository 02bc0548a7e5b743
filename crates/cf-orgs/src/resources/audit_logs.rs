//! An organization's audit logs: `client.organization(&id).audit_logs()`.

use cf_orgs_gen::operations as ops;
use chrono::{DateTime, Days, NaiveDate, Utc};

use super::{Direction, org_param};
use crate::client::Client;
use crate::error::Result;
use crate::ids::OrganizationId;
use crate::models::{AuditActorContext, AuditActorType, AuditLogEntry};
use crate::open_enum::open_enum;
use crate::operation::{Items, Operation};
use crate::pagination::{List, Paged, list_builder};
use crate::request::Request;

/// How far back a list reaches when `since` is not set: 30 days before today.
pub const DEFAULT_WINDOW_DAYS: u64 = 30;

open_enum!(
    /// Whether an action succeeded.
    AuditActionResult {
        /// It succeeded.
        Success = "success",
        /// It failed.
        Failure = "failure",
    }
);

open_enum!(
    /// What kind of action an entry records.
    AuditActionType {
        /// Something was created.
        Create = "create",
        /// Something was deleted.
        Delete = "delete",
        /// Something was viewed.
        View = "view",
        /// Something was updated.
        Update = "update",
    }
);

open_enum!(
    /// The scope of an entry's resource.
    AuditResourceScope {
        /// Organizations.
        Organizations = "organizations",
    }
);

// A window that ends before it starts is the server's to refuse: it is sent as given.
impl Operation for ops::AuditLogsV2GetOrganizationAuditLogs {
    type Answer = Items<AuditLogEntry>;
}

impl Paged for ops::AuditLogsV2GetOrganizationAuditLogs {
    type Item = AuditLogEntry;
}

impl Operation for ops::AuditLogsV2GetOrganizationAuditLogHistory {
    type Answer = Items<AuditLogEntry>;
    fn validate(&self) -> Result<()> {
        crate::ids::validate(Self::ID_NAME, &self.id)
    }
}

impl Paged for ops::AuditLogsV2GetOrganizationAuditLogHistory {
    type Item = AuditLogEntry;
}

/// The window both audit lists require: from 30 days before today to tomorrow (UTC).
fn default_window() -> (NaiveDate, NaiveDate) {
    let today = Utc::now().date_naive();
    let before = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let since = today.checked_sub_days(Days::new(DEFAULT_WINDOW_DAYS)).unwrap_or(today);
    (since, before)
}

/// What the audit log list and history share: the date window, the order,
/// the page size and the cursor, under the same names in both queries.
pub(crate) trait AuditWindow: Paged<Item = AuditLogEntry> {
    /// The first day of the window.
    fn since_mut(&mut self) -> &mut NaiveDate;
    /// The day after the window.
    fn before_mut(&mut self) -> &mut NaiveDate;
    /// `asc` or `desc`.
    fn direction_mut(&mut self) -> &mut Option<String>;
    /// Entries per page.
    fn limit_mut(&mut self) -> &mut Option<i64>;
    /// Where to start.
    fn cursor_mut(&mut self) -> &mut Option<String>;
}

impl AuditWindow for ops::AuditLogsV2GetOrganizationAuditLogs {
    fn since_mut(&mut self) -> &mut NaiveDate {
        &mut self.query.since
    }
    fn before_mut(&mut self) -> &mut NaiveDate {
        &mut self.query.before
    }
    fn direction_mut(&mut self) -> &mut Option<String> {
        &mut self.query.direction
    }
    fn limit_mut(&mut self) -> &mut Option<i64> {
        &mut self.query.limit
    }
    fn cursor_mut(&mut self) -> &mut Option<String> {
        &mut self.query.cursor
    }
}

impl AuditWindow for ops::AuditLogsV2GetOrganizationAuditLogHistory {
    fn since_mut(&mut self) -> &mut NaiveDate {
        &mut self.query.since
    }
    fn before_mut(&mut self) -> &mut NaiveDate {
        &mut self.query.before
    }
    fn direction_mut(&mut self) -> &mut Option<String> {
        &mut self.query.direction
    }
    fn limit_mut(&mut self) -> &mut Option<i64> {
        &mut self.query.limit
    }
    fn cursor_mut(&mut self) -> &mut Option<String> {
        &mut self.query.cursor
    }
}

impl<O: AuditWindow> List<O> {
    fn since(self, date: NaiveDate) -> Self {
        self.edit(|op| *op.since_mut() = date)
    }

    fn before(self, date: NaiveDate) -> Self {
        self.edit(|op| *op.before_mut() = date)
    }

    fn direction(self, direction: Direction) -> Self {
        self.edit(|op| *op.direction_mut() = Some(direction.as_str().to_string()))
    }

    fn limit(self, limit: u32) -> Self {
        self.edit(|op| *op.limit_mut() = Some(limit.into()))
    }

    fn cursor(self, cursor: String) -> Self {
        self.edit(|op| *op.cursor_mut() = Some(cursor))
    }
}

/// The setters of the window both audit lists share, on each named list.
macro_rules! window_setters {
    ($name:ident, $query:ty) => {
        impl $name {
            /// The spec's default page size (`limit`'s `default`).
            pub const DEFAULT_LIMIT: i64 = <$query>::LIMIT_DEFAULT;
            /// The largest page the spec allows (`limit`'s `maximum`).
            pub const MAX_LIMIT: i64 = <$query>::LIMIT_MAX;

            /// Entries on or after this date (default: 30 days before today, UTC).
            pub fn since(self, date: NaiveDate) -> Self {
                Self(self.0.since(date))
            }

            /// Entries before this date (default: tomorrow, UTC).
            pub fn before(self, date: NaiveDate) -> Self {
                Self(self.0.before(date))
            }

            /// Oldest or newest first.
            pub fn direction(self, direction: impl Into<Direction>) -> Self {
                Self(self.0.direction(direction.into()))
            }

            /// Entries per page: the spec allows up to [`MAX_LIMIT`](Self::MAX_LIMIT), and the API
            /// sends [`DEFAULT_LIMIT`](Self::DEFAULT_LIMIT) without it. A larger limit is sent as given.
            pub fn limit(self, limit: u32) -> Self {
                Self(self.0.limit(limit))
            }

            /// Starts at this cursor (from [`Page::next_page_token`](crate::Page::next_page_token)).
            pub fn cursor(self, cursor: impl Into<String>) -> Self {
                Self(self.0.cursor(cursor.into()))
            }
        }
    };
}

list_builder!(
    /// `audit_logs().list()`: the filters of `GET /organizations/{id}/logs/audit`.
    ListAuditLogs(AuditLogsV2GetOrganizationAuditLogs) -> AuditLogEntry
);
list_builder!(
    /// `audit_logs().history(id, action_time)`: the history of the resource an entry changed.
    AuditLogHistory(AuditLogsV2GetOrganizationAuditLogHistory) -> AuditLogEntry
);

window_setters!(ListAuditLogs, ops::AuditLogsV2GetOrganizationAuditLogsQuery);
window_setters!(AuditLogHistory, ops::AuditLogsV2GetOrganizationAuditLogHistoryQuery);

/// `organization(&id).audit_logs()`.
#[derive(Debug, Clone)]
pub struct AuditLogs {
    client: Client,
    org: Result<OrganizationId>,
}

impl AuditLogs {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Lists entries, by default of the last 30 days: filter, then `.send()`
    /// for one page or `.stream()` for all (following the cursor).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AuditLogsV2GetOrganizationAuditLogs)]
    pub fn list(&self) -> ListAuditLogs {
        let (since, before) = default_window();
        let op = org_param(&self.org).map(|organization_id| ops::AuditLogsV2GetOrganizationAuditLogs {
            organization_id,
            query: ops::AuditLogsV2GetOrganizationAuditLogsQuery::new(since, before),
        });
        ListAuditLogs(List::new(Request::new(self.client.clone(), op)))
    }

    /// The history of the resource an entry changed: `id` is the entry's id,
    /// `action_time` its `action.time`.
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AuditLogsV2GetOrganizationAuditLogHistory)]
    pub fn history(&self, id: impl Into<String>, action_time: DateTime<Utc>) -> AuditLogHistory {
        let (since, before) = default_window();
        let op = org_param(&self.org).map(|organization_id| ops::AuditLogsV2GetOrganizationAuditLogHistory {
            organization_id,
            id: id.into(),
            query: ops::AuditLogsV2GetOrganizationAuditLogHistoryQuery::new(action_time, since, before),
        });
        AuditLogHistory(List::new(Request::new(self.client.clone(), op)))
    }
}

impl ListAuditLogs {
    /// Whether the action succeeded. Keeps entries with this value (repeatable).
    pub fn action_result(self, value: impl Into<AuditActionResult>) -> Self {
        Self(self.0.edit(|op| op.query.action_result.push(value.into().as_str().to_string())))
    }

    /// Leaves out entries with this value of action_result (repeatable).
    pub fn action_result_not(self, value: impl Into<AuditActionResult>) -> Self {
        Self(self.0.edit(|op| op.query.action_result_not.push(value.into().as_str().to_string())))
    }

    /// The kind of action. Keeps entries with this value (repeatable).
    pub fn action_type(self, value: impl Into<AuditActionType>) -> Self {
        Self(self.0.edit(|op| op.query.action_type.push(value.into().as_str().to_string())))
    }

    /// Leaves out entries with this value of action_type (repeatable).
    pub fn action_type_not(self, value: impl Into<AuditActionType>) -> Self {
        Self(self.0.edit(|op| op.query.action_type_not.push(value.into().as_str().to_string())))
    }

    /// How the actor authenticated. Keeps entries with this value (repeatable).
    pub fn actor_context(self, value: impl Into<AuditActorContext>) -> Self {
        Self(self.0.edit(|op| op.query.actor_context.push(value.into().as_str().to_string())))
    }

    /// Leaves out entries with this value of actor_context (repeatable).
    pub fn actor_context_not(self, value: impl Into<AuditActorContext>) -> Self {
        Self(self.0.edit(|op| op.query.actor_context_not.push(value.into().as_str().to_string())))
    }

    /// The actor's email. Keeps entries with this value (repeatable).
    pub fn actor_email(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_email.push(value.into())))
    }

    /// Leaves out entries with this value of actor_email (repeatable).
    pub fn actor_email_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_email_not.push(value.into())))
    }

    /// The actor's user id. Keeps entries with this value (repeatable).
    pub fn actor_id(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_id.push(value.into())))
    }

    /// Leaves out entries with this value of actor_id (repeatable).
    pub fn actor_id_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_id_not.push(value.into())))
    }

    /// The actor's IP address. Keeps entries with this value (repeatable).
    pub fn actor_ip_address(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_ip_address.push(value.into())))
    }

    /// Leaves out entries with this value of actor_ip_address (repeatable).
    pub fn actor_ip_address_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_ip_address_not.push(value.into())))
    }

    /// The API token's id. Keeps entries with this value (repeatable).
    pub fn actor_token_id(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_token_id.push(value.into())))
    }

    /// Leaves out entries with this value of actor_token_id (repeatable).
    pub fn actor_token_id_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_token_id_not.push(value.into())))
    }

    /// The API token's name. Keeps entries with this value (repeatable).
    pub fn actor_token_name(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_token_name.push(value.into())))
    }

    /// Leaves out entries with this value of actor_token_name (repeatable).
    pub fn actor_token_name_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.actor_token_name_not.push(value.into())))
    }

    /// Who the actor is. Keeps entries with this value (repeatable).
    pub fn actor_type(self, value: impl Into<AuditActorType>) -> Self {
        Self(self.0.edit(|op| op.query.actor_type.push(value.into().as_str().to_string())))
    }

    /// Leaves out entries with this value of actor_type (repeatable).
    pub fn actor_type_not(self, value: impl Into<AuditActorType>) -> Self {
        Self(self.0.edit(|op| op.query.actor_type_not.push(value.into().as_str().to_string())))
    }

    /// The entry's id. Keeps entries with this value (repeatable).
    pub fn id(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.id.push(value.into())))
    }

    /// Leaves out entries with this value of id (repeatable).
    pub fn id_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.id_not.push(value.into())))
    }

    /// The request's cf-ray id. Keeps entries with this value (repeatable).
    pub fn raw_cf_ray_id(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_cf_ray_id.push(value.into())))
    }

    /// Leaves out entries with this value of raw_cf_ray_id (repeatable).
    pub fn raw_cf_ray_id_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_cf_ray_id_not.push(value.into())))
    }

    /// The request's HTTP method. Keeps entries with this value (repeatable).
    pub fn raw_method(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_method.push(value.into())))
    }

    /// Leaves out entries with this value of raw_method (repeatable).
    pub fn raw_method_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_method_not.push(value.into())))
    }

    /// The answer's status code. Keeps entries with this value (repeatable).
    pub fn raw_status_code(self, value: i64) -> Self {
        Self(self.0.edit(|op| op.query.raw_status_code.push(value)))
    }

    /// Leaves out entries with this value of raw_status_code (repeatable).
    pub fn raw_status_code_not(self, value: i64) -> Self {
        Self(self.0.edit(|op| op.query.raw_status_code_not.push(value)))
    }

    /// The request's URI. Keeps entries with this value (repeatable).
    pub fn raw_uri(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_uri.push(value.into())))
    }

    /// Leaves out entries with this value of raw_uri (repeatable).
    pub fn raw_uri_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.raw_uri_not.push(value.into())))
    }

    /// The resource's id. Keeps entries with this value (repeatable).
    pub fn resource_id(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_id.push(value.into())))
    }

    /// Leaves out entries with this value of resource_id (repeatable).
    pub fn resource_id_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_id_not.push(value.into())))
    }

    /// The resource's product. Keeps entries with this value (repeatable).
    pub fn resource_product(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_product.push(value.into())))
    }

    /// Leaves out entries with this value of resource_product (repeatable).
    pub fn resource_product_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_product_not.push(value.into())))
    }

    /// The resource's type. Keeps entries with this value (repeatable).
    pub fn resource_type(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_type.push(value.into())))
    }

    /// Leaves out entries with this value of resource_type (repeatable).
    pub fn resource_type_not(self, value: impl Into<String>) -> Self {
        Self(self.0.edit(|op| op.query.resource_type_not.push(value.into())))
    }

    /// The resource's scope. Keeps entries with this value (repeatable).
    pub fn resource_scope(self, value: impl Into<AuditResourceScope>) -> Self {
        Self(self.0.edit(|op| op.query.resource_scope.push(value.into().as_str().to_string())))
    }

    /// Leaves out entries with this value of resource_scope (repeatable).
    pub fn resource_scope_not(self, value: impl Into<AuditResourceScope>) -> Self {
        Self(self.0.edit(|op| op.query.resource_scope_not.push(value.into().as_str().to_string())))
    }
}
