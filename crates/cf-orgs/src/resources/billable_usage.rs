//! An organization's billable usage: `client.organization(&id).billable_usage()`.

use std::ops::{Bound, RangeBounds};

use chrono::{Days, NaiveDate, Utc};
use reqwest::Method;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::path_with;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use crate::request::Request;
use crate::transport::Call;

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
#[derive(Debug, Clone)]
#[must_use = "a request does nothing until sent"]
pub struct BillableUsage {
    client: Client,
    org: Result<OrganizationId>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    range_error: Option<Error>,
    max_retries: Option<u32>,
}

impl BillableUsage {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>, range: impl RangeBounds<NaiveDate>) -> Self {
        let mut range_error = None;
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
        if from.is_none() && to.is_some() {
            range_error = Some(Error::invalid_input("from", "a range with an end needs a start (or use `..`)"));
        }
        Self { client, org, from, to, range_error, max_retries: None }
    }

    /// Retries for this request only.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }

    fn request(self) -> Request<Vec<UsageRecord>> {
        let call = (|| {
            if let Some(e) = &self.range_error {
                return Err(e.clone());
            }
            let path = path_with(&self.org, |org| format!("/organizations/{org}/billable/usage"))?;
            let mut call = Call::new(Method::GET, "/organizations/{organization_id}/billable/usage", path);
            match (self.from, self.to) {
                (Some(from), Some(to)) if from > to => {
                    return Err(Error::invalid_input("from", format!("{from} is after to={to}")));
                }
                (Some(from), Some(to)) if (to - from).num_days() > 31 => {
                    return Err(Error::invalid_input("to", "the range is longer than 31 days"));
                }
                (Some(_), None) | (None, Some(_)) => {
                    return Err(Error::invalid_input("from", "`from` and `to` go together"));
                }
                (Some(from), Some(to)) => {
                    call.query.push(("from", from.to_string()));
                    call.query.push(("to", to.to_string()));
                }
                (None, None) => {}
            }
            Ok(call.retries(self.max_retries))
        })();
        Request::new(self.client, call)
    }
}

sendable!(BillableUsage => Vec<UsageRecord>);
