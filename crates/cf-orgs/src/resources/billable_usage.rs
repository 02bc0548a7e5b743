//! An organization's billable usage: `client.organization(&id).billable_usage()`.

use std::ops::{Bound, RangeBounds};

use cf_orgs_gen::operations as ops;
use chrono::{Days, NaiveDate, Utc};

use crate::builders::BillableUsage;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::request::Request;

use ops::BillableUsageV2GetOrganizationUsageQuery as UsageQuery;

/// The request for `range`, its bounds made inclusive dates.
pub(crate) fn request(
    client: Client,
    organization_id: Result<String>,
    range: impl RangeBounds<NaiveDate>,
) -> BillableUsage {
    let from = match range.start_bound() {
        Bound::Included(d) => Some(*d),
        Bound::Excluded(d) => d.checked_add_days(Days::new(1)),
        Bound::Unbounded => None,
    };
    let to = match (range.end_bound(), from) {
        (Bound::Included(d), _) => Some(*d),
        (Bound::Excluded(d), _) => d.checked_sub_days(Days::new(1)),
        (Bound::Unbounded, Some(_)) => Some(Utc::now().date_naive()),
        (Bound::Unbounded, None) => None,
    };
    let op = organization_id.and_then(|organization_id| {
        if from.is_none() && to.is_some() {
            return Err(Error::invalid_input(UsageQuery::FROM_NAME, "a range with an end needs a start (or use `..`)"));
        }
        #[allow(clippy::needless_update, reason = "a parameter the spec adds is left to its setter")]
        let query = ops::BillableUsageV2GetOrganizationUsageQuery { from, to, ..Default::default() };
        Ok(ops::BillableUsageV2GetOrganizationUsage { organization_id, query })
    });
    BillableUsage(Request::new(client, op))
}
