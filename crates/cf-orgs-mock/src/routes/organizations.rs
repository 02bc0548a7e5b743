//! `/organizations` and `/organizations/{organization_id}`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use cf_orgs_gen::operations::OrganizationListOrganizationsQuery;
use cf_orgs_gen::types::{OrganizationsApiDeleteOrganizationResponse, OrganizationsApiOrganizationWrite};

use super::shared::{Change, Ctx, Require, TextFilter, no_org, token_page};
use crate::envelope::{Failure, Outcome, json_body, ok, page};
use crate::paging;
use crate::shared::Shared;
use crate::world::{Organization, to_json};

/// The name of a create or update: required, not blank.
fn name(input: &OrganizationsApiOrganizationWrite) -> Result<String, Failure> {
    Some(input.name.clone()).filter(|n| !n.trim().is_empty()).ok_or_else(|| Failure::bad_request("name is required"))
}

pub async fn list(State(s): State<Arc<Shared>>, ctx: Ctx) -> Outcome {
    ctx.actor(&s)?;
    let q: OrganizationListOrganizationsQuery = ctx.query()?;
    let w = ctx.world();
    let name = TextFilter::new(&q.name, &q.name_starts_with, &q.name_ends_with, &q.name_contains, true);
    let mut orgs: Vec<&Organization> = w
        .orgs
        .values()
        .filter(|o| q.id.is_empty() || q.id.contains(&o.id))
        .filter(|o| name.matches(&o.name))
        .filter(|o| match q.parent_id.as_deref() {
            None => true,
            Some("null") => o.parent.is_none(),
            Some(parent) => o.parent.as_deref() == Some(parent),
        })
        .filter(|o| {
            q.containing_account.as_ref().is_none_or(|acc| {
                w.accounts.get(acc).and_then(|a| a.org.as_deref()).is_some_and(|held| w.contains_org(&o.id, held))
            })
        })
        .filter(|o| {
            q.containing_user.as_deref().is_none_or(|user| {
                w.members
                    .values()
                    .any(|m| (m.user_id == user || m.email.eq_ignore_ascii_case(user)) && w.contains_org(&o.id, &m.org))
            })
        })
        .filter(|o| {
            q.containing_organization.as_deref().is_none_or(|other| other != o.id && w.contains_org(&o.id, other))
        })
        .collect();
    orgs.sort_by_key(|o| o.seq);
    let filters =
        paging::fingerprint(&OrganizationListOrganizationsQuery { page_token: None, page_size: None, ..q.clone() });
    // Page first: only the page is rendered, however long the list.
    let (orgs, info) = token_page(
        orgs,
        q.page_token.as_deref(),
        (q.page_size, OrganizationListOrganizationsQuery::PAGE_SIZE_DEFAULT),
        filters,
    )?;
    Ok(page(orgs.into_iter().map(|o| w.organization_json(o)).collect(), to_json(&info)))
}

pub async fn create(State(s): State<Arc<Shared>>, ctx: Ctx, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let input: OrganizationsApiOrganizationWrite = json_body(&body)?;
    let name = name(&input)?;
    let mut w = ctx.world();
    let parent = match input.parent.map(|p| p.id.0) {
        Some(p) if !w.orgs.contains_key(&p) => {
            return Err(Failure::bad_request(format!("parent organization {p} not found")));
        }
        other => other,
    };
    let id = w.ids.tag();
    let tag = w.ids.tag();
    let seq = w.next_seq();
    let org = Organization { seq, id: id.clone(), name, parent, profile: input.profile, create_time: ctx.now(), tag };
    w.orgs.insert(id.clone(), org);
    w.creates += 1;
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "create",
            description: "Create organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    let json = w.organization_json(&w.orgs[&id]);
    Ok(ok(json))
}

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    Ok(ok(w.organization_json(w.require_org(&id)?)))
}

pub async fn modify(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let input: OrganizationsApiOrganizationWrite = json_body(&body)?;
    let mut w = ctx.world();
    let org = w.orgs.get_mut(&id).ok_or_else(|| no_org(&id))?;
    // "Only accepts updates to name currently."
    org.name = name(&input)?;
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "update",
            description: "Update organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    let json = w.organization_json(&w.orgs[&id]);
    Ok(ok(json))
}

pub async fn delete(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    let actor = ctx.actor(&s)?;
    let mut w = ctx.world();
    w.require_org(&id)?;
    let children = w.children(&id);
    let accounts = w.accounts_of(&id).count();
    let members = w.members.values().filter(|m| m.org == id).count();
    if children + accounts + members > 0 {
        return Err(Failure::new(
            StatusCode::CONFLICT,
            1010,
            format!(
                "organization is not empty: {}, {}, {}; remove them first",
                count(children, "sub-organization"),
                count(accounts, "account"),
                count(members, "member")
            ),
        ));
    }
    w.orgs.remove(&id);
    // What an organization holds goes with it.
    w.shares.remove(&id);
    w.usage.remove(&id);
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "delete",
            description: "Delete organization",
            resource_id: &id,
            resource_type: "organization",
            status: 200,
        },
    );
    Ok(ok(to_json(&OrganizationsApiDeleteOrganizationResponse { id })))
}

/// `1 account`, `2 accounts`.
fn count(n: usize, one: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {one}s") }
}
