//! `/organizations/{organization_id}/logs/audit` and an entry's history.

use std::sync::Arc;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use cf_orgs_gen::operations::{
    AuditLogsV2GetOrganizationAuditLogHistoryQuery as HistoryQuery,
    AuditLogsV2GetOrganizationAuditLogsQuery as ListQuery,
};
use cf_orgs_gen::types as t;
use chrono::NaiveDate;
use serde_json::{Value, json};

use super::shared::{Ctx, no_org};
use crate::envelope::{Failure, Outcome};
use crate::paging;
use crate::shared::Shared;
use crate::world::{AuditEntry, World, to_json};

/// Each repeatable filter of the list (its values, its `.not` values) with
/// the entry's value it compares, as the entry is answered.
fn matches(q: &ListQuery, e: &AuditEntry) -> bool {
    let entry = e.log.clone();
    let (action, actor, raw, resource) = (
        entry.action.unwrap_or_default(),
        entry.actor.unwrap_or_default(),
        entry.raw.unwrap_or_default(),
        entry.resource.unwrap_or_default(),
    );
    let text = |v: Option<String>| v.unwrap_or_default();
    let filters: [(&[String], &[String], String); 17] = [
        (&q.action_result, &q.action_result_not, text(action.result)),
        (&q.action_type, &q.action_type_not, text(action.type_)),
        (&q.actor_context, &q.actor_context_not, text(actor.context.map(|c| c.to_string()))),
        (&q.actor_email, &q.actor_email_not, text(actor.email)),
        (&q.actor_id, &q.actor_id_not, text(actor.id)),
        (&q.actor_ip_address, &q.actor_ip_address_not, text(actor.ip_address)),
        (&q.actor_token_id, &q.actor_token_id_not, text(actor.token_id)),
        (&q.actor_token_name, &q.actor_token_name_not, text(actor.token_name)),
        (&q.actor_type, &q.actor_type_not, text(actor.type_.map(|t| t.to_string()))),
        (&q.id, &q.id_not, entry.id.map(|id| id.0).unwrap_or_default()),
        (&q.raw_cf_ray_id, &q.raw_cf_ray_id_not, text(raw.cf_ray_id)),
        (&q.raw_method, &q.raw_method_not, text(raw.method)),
        (&q.raw_uri, &q.raw_uri_not, text(raw.uri)),
        (&q.resource_id, &q.resource_id_not, text(resource.id)),
        (&q.resource_product, &q.resource_product_not, text(resource.product)),
        (&q.resource_type, &q.resource_type_not, text(resource.type_)),
        // Every entry of this API is of the organizations scope.
        (&q.resource_scope, &q.resource_scope_not, "organizations".to_string()),
    ];
    let status = raw.status_code;
    let codes = (q.raw_status_code.is_empty() || status.is_some_and(|s| q.raw_status_code.contains(&s)))
        && !status.is_some_and(|s| q.raw_status_code_not.contains(&s));
    codes
        && filters.iter().all(|(wanted, unwanted, value)| {
            (wanted.is_empty() || wanted.iter().any(|w| w.eq_ignore_ascii_case(value)))
                && !unwanted.iter().any(|u| u.eq_ignore_ascii_case(value))
        })
}

/// The window both lists share: dates, order, page size and cursor.
struct Window<'a> {
    since: NaiveDate,
    before: NaiveDate,
    /// Oldest first (`direction=asc`); newest first by default.
    ascending: bool,
    limit: Option<i64>,
    cursor: Option<&'a str>,
    /// The fingerprint of the other filters, which a cursor is bound to.
    filters: u64,
}

/// Entries of `org` in the window, in the window's order, one cursor page.
fn window(
    win: &Window<'_>,
    w: &World,
    org: &str,
    keep: impl Fn(&AuditEntry) -> bool,
) -> Result<(Vec<Value>, Option<String>), Failure> {
    if win.since > win.before {
        // The server's rule, not the client's: cf-orgs sends the window as given.
        let (since, before) = (ListQuery::SINCE_NAME, ListQuery::BEFORE_NAME);
        return Err(Failure::bad_request(format!("{since} is after {before}")));
    }
    let day = |d: NaiveDate| d.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let (since, before) = (day(win.since), day(win.before));
    let limit = win.limit.and_then(|n| usize::try_from(n).ok()).unwrap_or(ListQuery::LIMIT_DEFAULT as usize);
    let mut entries: Vec<&AuditEntry> =
        w.audit.iter().filter(|e| e.org == org && e.time >= since && e.time < before && keep(e)).collect();
    if !win.ascending {
        entries.reverse();
    }
    let offset = match win.cursor {
        Some(c) if !c.is_empty() => paging::decode(c, win.filters)?,
        _ => 0,
    };
    let page: Vec<Value> = entries.iter().skip(offset).take(limit).map(|e| World::audit_json(e)).collect();
    let next = (offset + page.len() < entries.len()).then(|| paging::encode(offset + page.len(), win.filters));
    Ok((page, next))
}

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx, Path(org): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let q: ListQuery = ctx.query()?;
    let w = ctx.world();
    if !w.orgs.contains_key(&org) && !w.audit.iter().any(|e| e.org == org) {
        return Err(no_org(&org));
    }
    let win = Window {
        since: q.since,
        before: q.before,
        ascending: q.direction.as_deref().and_then(|d| d.parse().ok())
            == Some(t::AuditLogsV2GetOrganizationAuditLogsDirection::Asc),
        limit: q.limit,
        cursor: q.cursor.as_deref(),
        filters: paging::fingerprint(&ListQuery { cursor: None, limit: None, ..q.clone() }),
    };
    let (result, cursor) = window(&win, &w, &org, |e| matches(&q, e))?;
    let info = t::AaaResultInfo { count: Some(result.len().to_string()), cursor };
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": to_json(&info) })).into_response())
}

pub async fn history(State(s): State<Arc<Shared>>, ctx: Ctx, Path((org, id)): Path<(String, String)>) -> Outcome {
    ctx.actor(&s)?;
    let q: HistoryQuery = ctx.query()?;
    let w = ctx.world();
    let Some(source) = w.audit.iter().find(|e| e.org == org && e.id == id) else {
        let body = json!({
            "success": false, "errors": [{ "code": 1003, "message": "audit log entry not found" }], "result": null,
            "result_info": { "count": 0, "history_status": "unavailable" }
        });
        return Err(Failure::response((StatusCode::NOT_FOUND, Json(body)).into_response()));
    };
    let resource = source.resource_id.clone();
    let win = Window {
        since: q.since,
        before: q.before,
        ascending: q.direction.as_deref().and_then(|d| d.parse().ok())
            == Some(t::AuditLogsV2GetOrganizationAuditLogHistoryDirection::Asc),
        limit: q.limit,
        cursor: q.cursor.as_deref(),
        filters: paging::fingerprint(&HistoryQuery { cursor: None, limit: None, ..q.clone() }),
    };
    let (result, cursor) = window(&win, &w, &org, |e| e.resource_id == resource)?;
    let info = t::AaaAuditLogsV2HistoryResultInfo {
        count: i64::try_from(result.len()).unwrap_or(i64::MAX),
        cursor,
        history_status: t::AaaHistoryStatus::Exact,
    };
    Ok(Json(json!({ "success": true, "errors": [], "result": result, "result_info": to_json(&info) })).into_response())
}
