//! An organization's billable usage: `client.organization(&id).billable_usage()`.

use std::ops::{Bound, RangeBounds};

use cf_orgs_gen::operations as ops;
use chrono::{Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::org_param;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use crate::operation::{Json, Operation};
use crate::request::Request;

/// One cost and usage record (FinOps FOCUS v1.3 names, as the API sends them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct UsageRecord {
    /// Public id (tag) of the account billed.
    #[serde(default)]
    pub billing_account_id: String,
    /// That account's name.
    #[serde(default)]
    pub billing_account_name: String,
    /// Start of the charge period (RFC 3339).
    #[serde(default)]
    pub charge_period_start: Option<String>,
    /// End of the charge period (RFC 3339).
    #[serde(default)]
    pub charge_period_end: Option<String>,
    /// `Usage`, or a category this version does not know.
    #[serde(default)]
    pub charge_category: Option<String>,
    /// What the charge is for.
    #[serde(default)]
    pub charge_description: Option<String>,
    /// How much was consumed.
    #[serde(default)]
    pub consumed_quantity: Option<f64>,
    /// In what unit.
    #[serde(default)]
    pub consumed_unit: Option<String>,
    /// The cost billed, when known.
    #[serde(default)]
    pub billed_cost: Option<f64>,
    /// The currency of the costs.
    #[serde(default)]
    pub billing_currency: Option<String>,
    /// Every other field (`x_BillableMetricId`, list prices, zones, ...), as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `organization(&id).billable_usage(range)`: await it for the records.
///
/// The range is of charge dates: `..` for the API's default (this month to
/// date), `from..=to` or `from..to`, or `from..` (to today, UTC). The API
/// takes at most 31 days.
pub type BillableUsage = Request<ops::BillableUsageV2GetOrganizationUsage>;

/// The longest range the API takes, in days.
const MAX_DAYS: i64 = 31;

impl Operation for ops::BillableUsageV2GetOrganizationUsage {
    type Answer = Json<Vec<UsageRecord>>;
    fn validate(&self) -> Result<()> {
        match (self.query.from, self.query.to) {
            (Some(from), Some(to)) if from > to => {
                Err(Error::invalid_input("from", format!("{from} is after to={to}")))
            }
            (Some(from), Some(to)) if (to - from).num_days() > MAX_DAYS => {
                Err(Error::invalid_input("to", format!("the range is longer than {MAX_DAYS} days")))
            }
            (Some(_), None) | (None, Some(_)) => Err(Error::invalid_input("from", "`from` and `to` go together")),
            _ => Ok(()),
        }
    }
}

/// The request for `range`, its bounds made inclusive dates.
pub(crate) fn request(
    client: Client,
    org: Result<OrganizationId>,
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
    let op = org_param(&org).and_then(|organization_id| {
        if from.is_none() && to.is_some() {
            return Err(Error::invalid_input("from", "a range with an end needs a start (or use `..`)"));
        }
        let query = ops::BillableUsageV2GetOrganizationUsageQuery { from, to };
        Ok(ops::BillableUsageV2GetOrganizationUsage { organization_id, query })
    });
    Request::new(client, op)
}
