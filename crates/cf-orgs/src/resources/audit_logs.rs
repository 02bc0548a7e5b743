//! An organization's audit logs: `client.organization(&id).audit_logs()`.

use cf_orgs_gen::operations as ops;
use chrono::{DateTime, Days, NaiveDate, Utc};

use crate::builders::{AuditLogHistory, ListAuditLogs};
use crate::handles::AuditLogs;
use crate::pagination::List;
use crate::request::Request;

/// How far back a list reaches when `since` is not set: 30 days before today.
pub const DEFAULT_WINDOW_DAYS: u64 = 30;

/// The window both audit lists take when none is set (the spec requires one): `since` 30 days
/// before today, `before` tomorrow, so today is in it (UTC).
///
/// ```
/// let (since, before) = cf_orgs::audit_window();
/// assert_eq!((before - since).num_days(), cf_orgs::DEFAULT_WINDOW_DAYS as i64 + 1);
/// ```
pub fn audit_window() -> (NaiveDate, NaiveDate) {
    let today = Utc::now().date_naive();
    let before = today.checked_add_days(Days::new(1)).unwrap_or(today);
    let since = today.checked_sub_days(Days::new(DEFAULT_WINDOW_DAYS)).unwrap_or(today);
    (since, before)
}

impl AuditLogs {
    /// Lists entries, by default of the last 30 days: filter, then `.send()`
    /// for one page or `.stream()` for all (following the cursor).
    ///
    #[doc = cf_orgs_gen::operation_credentials!(AuditLogsV2GetOrganizationAuditLogs)]
    pub fn list(&self) -> ListAuditLogs {
        let (since, before) = audit_window();
        let op = self.organization_id.clone().map(|organization_id| ops::AuditLogsV2GetOrganizationAuditLogs {
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
        let (since, before) = audit_window();
        let op = self.organization_id.clone().map(|organization_id| ops::AuditLogsV2GetOrganizationAuditLogHistory {
            organization_id,
            id: id.into(),
            query: ops::AuditLogsV2GetOrganizationAuditLogHistoryQuery::new(action_time, since, before),
        });
        AuditLogHistory(List::new(Request::new(self.client.clone(), op)))
    }
}
