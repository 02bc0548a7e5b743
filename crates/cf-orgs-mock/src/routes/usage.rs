//! `/organizations/{organization_id}/billable/usage` (seeded records).

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::response::IntoResponse;
use chrono::NaiveDate;
use serde_json::{Value, json};

use super::{Ctx, TokenOrEmailKey, world};
use crate::Shared;
use crate::envelope::{Failure, Outcome};

fn date(q: &super::Query, name: &str) -> Result<Option<NaiveDate>, Failure> {
    q.get(name)
        .map(|v| v.parse().map_err(|_| Failure::bad_request(format!("{name} must be a date (YYYY-MM-DD), got {v:?}"))))
        .transpose()
}

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s, TokenOrEmailKey)?;
    let (from, to) = match (date(&ctx.query, "from")?, date(&ctx.query, "to")?) {
        (Some(f), Some(t)) if f > t => return Err(Failure::bad_request("from is after to")),
        (Some(f), Some(t)) if (t - f).num_days() > 31 => {
            return Err(Failure::bad_request("the maximum date range is 31 days"));
        }
        (Some(f), Some(t)) => (Some(f), Some(t)),
        (None, None) => (None, None),
        _ => return Err(Failure::bad_request("from and to go together")),
    };
    let w = world(&s);
    w.require_org(&org)?;
    let day =
        |r: &Value| r["ChargePeriodStart"].as_str().and_then(|t| t.get(..10)).and_then(|d| d.parse::<NaiveDate>().ok());
    let records: Vec<Value> = w
        .usage
        .get(&org)
        .map(|rs| {
            rs.iter()
                .filter(|r| match (from, to, day(r)) {
                    (Some(f), Some(t), Some(d)) => f <= d && d <= t,
                    _ => true,
                })
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    Ok(Json(json!({ "success": true, "errors": [], "messages": [], "result": records })).into_response())
}
