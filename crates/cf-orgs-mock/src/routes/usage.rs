//! `/organizations/{organization_id}/billable/usage` (seeded records).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use cf_orgs_gen::operations::{BillableUsageV2GetOrganizationUsage, BillableUsageV2GetOrganizationUsageQuery};
use chrono::Datelike;
use serde_json::{Value, json};

use super::shared::{Ctx, Require};
use crate::envelope::{Failure, Outcome};
use crate::shared::Shared;
use crate::world::to_json;

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let q: BillableUsageV2GetOrganizationUsageQuery = ctx.query()?;
    let (from_name, to_name) =
        (BillableUsageV2GetOrganizationUsageQuery::FROM_NAME, BillableUsageV2GetOrganizationUsageQuery::TO_NAME);
    let (from, to) = match (q.from, q.to) {
        (Some(f), Some(t)) if f > t => return Err(Failure::bad_request(format!("{from_name} is after {to_name}"))),
        // The spec says the longest range in prose; the request layer reads it.
        (Some(f), Some(t)) if (t - f).num_days() > BillableUsageV2GetOrganizationUsage::MAX_RANGE_DAYS => {
            let days = BillableUsageV2GetOrganizationUsage::MAX_RANGE_DAYS;
            return Err(Failure::bad_request(format!("the maximum date range is {days} days")));
        }
        (Some(f), Some(t)) => (f, t),
        // The spec's default: from the start of the current month to today.
        (None, None) => {
            let today = ctx.now().date_naive();
            (today.with_day(1).unwrap_or(today), today)
        }
        _ => return Err(Failure::bad_request(format!("{from_name} and {to_name} go together"))),
    };
    let w = ctx.world();
    w.require_org(&org)?;
    let records: Vec<Value> = w
        .usage
        .get(&org)
        .map(|rs| {
            rs.iter().filter(|r| (from..=to).contains(&r.charge_period_start.date_naive())).map(to_json).collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({ "success": true, "errors": [], "messages": [], "result": records })).into_response())
}
