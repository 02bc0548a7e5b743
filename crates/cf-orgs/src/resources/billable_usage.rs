//! An organization's billable usage: `client.organization(&id).billable_usage()`.

use std::ops::{Bound, RangeBounds};

use cf_orgs_gen::operations as ops;
use chrono::{DateTime, Days, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::org_param;
use crate::client::Client;
use crate::error::{Error, Result};
use crate::ids::OrganizationId;
use crate::operation::{Json, Operation};
use crate::request::{Request, request_builder};

/// One cost and usage record (FinOps FOCUS v1.3 names, as the API sends them).
/// Every field may be absent or `null`; fields this version does not know are kept in `other`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UsageRecord {
    /// The cost billed, when known.
    #[serde(rename = "BilledCost", default)]
    pub billed_cost: Option<f64>,
    /// Public id (tag) of the account billed. The spec calls it required; the
    /// live API leaves it out of some records (since September 2026).
    #[serde(rename = "BillingAccountId", default)]
    pub billing_account_id: Option<String>,
    /// That account's name.
    #[serde(rename = "BillingAccountName", default)]
    pub billing_account_name: Option<String>,
    /// The currency of the costs.
    #[serde(rename = "BillingCurrency", default)]
    pub billing_currency: Option<String>,
    /// End of the billing period.
    #[serde(rename = "BillingPeriodEnd", default)]
    pub billing_period_end: Option<DateTime<Utc>>,
    /// Start of the billing period.
    #[serde(rename = "BillingPeriodStart", default)]
    pub billing_period_start: Option<DateTime<Utc>>,
    /// `Usage`, or a category this version does not know.
    #[serde(rename = "ChargeCategory", default)]
    pub charge_category: Option<String>,
    /// `Correction` for a correction of an earlier period.
    #[serde(rename = "ChargeClass", default)]
    pub charge_class: Option<String>,
    /// What the charge is for.
    #[serde(rename = "ChargeDescription", default)]
    pub charge_description: Option<String>,
    /// `Usage-Based`, or a frequency this version does not know.
    #[serde(rename = "ChargeFrequency", default)]
    pub charge_frequency: Option<String>,
    /// End of the charge period.
    #[serde(rename = "ChargePeriodEnd", default)]
    pub charge_period_end: Option<DateTime<Utc>>,
    /// Start of the charge period.
    #[serde(rename = "ChargePeriodStart", default)]
    pub charge_period_start: Option<DateTime<Utc>>,
    /// How much was consumed.
    #[serde(rename = "ConsumedQuantity", default)]
    pub consumed_quantity: Option<f64>,
    /// In what unit.
    #[serde(rename = "ConsumedUnit", default)]
    pub consumed_unit: Option<String>,
    /// The cost at contracted prices.
    #[serde(rename = "ContractedCost", default)]
    pub contracted_cost: Option<f64>,
    /// The contracted unit price.
    #[serde(rename = "ContractedUnitPrice", default)]
    pub contracted_unit_price: Option<f64>,
    /// The cost after discounts.
    #[serde(rename = "EffectiveCost", default)]
    pub effective_cost: Option<f64>,
    /// Who hosts the service.
    #[serde(rename = "HostProviderName", default)]
    pub host_provider_name: Option<String>,
    /// Who issues the invoice.
    #[serde(rename = "InvoiceIssuerName", default)]
    pub invoice_issuer_name: Option<String>,
    /// The cost at list prices.
    #[serde(rename = "ListCost", default)]
    pub list_cost: Option<f64>,
    /// The list unit price.
    #[serde(rename = "ListUnitPrice", default)]
    pub list_unit_price: Option<f64>,
    /// The quantity priced.
    #[serde(rename = "PricingQuantity", default)]
    pub pricing_quantity: Option<f64>,
    /// The unit priced.
    #[serde(rename = "PricingUnit", default)]
    pub pricing_unit: Option<String>,
    /// The region's id.
    #[serde(rename = "RegionId", default)]
    pub region_id: Option<String>,
    /// The region's name.
    #[serde(rename = "RegionName", default)]
    pub region_name: Option<String>,
    /// Who provides the service.
    #[serde(rename = "ServiceProviderName", default)]
    pub service_provider_name: Option<String>,
    /// The sub-account's id.
    #[serde(rename = "SubAccountId", default)]
    pub sub_account_id: Option<String>,
    /// The sub-account's name.
    #[serde(rename = "SubAccountName", default)]
    pub sub_account_name: Option<String>,
    /// Cloudflare's id of the metric billed.
    #[serde(rename = "x_BillableMetricId", default)]
    pub x_billable_metric_id: Option<String>,
    /// Cloudflare's name of the metric billed.
    #[serde(rename = "x_BillableMetricName", default)]
    pub x_billable_metric_name: Option<String>,
    /// The product's category.
    #[serde(rename = "x_ProductCategoryName", default)]
    pub x_product_category_name: Option<String>,
    /// The product family's id.
    #[serde(rename = "x_ProductFamilyId", default)]
    pub x_product_family_id: Option<String>,
    /// The product family's name.
    #[serde(rename = "x_ProductFamilyName", default)]
    pub x_product_family_name: Option<String>,
    /// The zone's id.
    #[serde(rename = "x_ZoneId", default)]
    pub x_zone_id: Option<String>,
    /// The zone's name.
    #[serde(rename = "x_ZoneName", default)]
    pub x_zone_name: Option<String>,
    /// Fields this version does not know, as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

request_builder!(
    /// `organization(&id).billable_usage(range)`: await it for the records.
    ///
    /// The range is of charge dates: `..` for the API's default (this month to
    /// date), `from..=to` or `from..to`, or `from..` (to today, UTC). The API
    /// takes at most [`MAX_RANGE_DAYS`](Self::MAX_RANGE_DAYS); a longer or reversed range is sent as given,
    /// and the API's 400 comes back.
    BillableUsage(BillableUsageV2GetOrganizationUsage) -> Vec<UsageRecord>
);

use ops::BillableUsageV2GetOrganizationUsageQuery as UsageQuery;

impl BillableUsage {
    /// The longest range the API takes, in days (the spec says so in the operation's description).
    pub const MAX_RANGE_DAYS: i64 = ops::BillableUsageV2GetOrganizationUsage::MAX_RANGE_DAYS;
}

impl Operation for ops::BillableUsageV2GetOrganizationUsage {
    type Answer = Json<Vec<UsageRecord>>;
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
            return Err(Error::invalid_input(UsageQuery::FROM_NAME, "a range with an end needs a start (or use `..`)"));
        }
        let query = ops::BillableUsageV2GetOrganizationUsageQuery { from, to };
        Ok(ops::BillableUsageV2GetOrganizationUsage { organization_id, query })
    });
    BillableUsage(Request::new(client, op))
}
