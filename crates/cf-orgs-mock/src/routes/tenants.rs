//! Tenants (`/tenants/{tenant_id}…`, `/user/tenants`): what fixtures and state give, as the spec's
//! types hold it.

use std::sync::Arc;

use axum::extract::{Path, State};
use cf_orgs_gen::types as t;
use serde_json::Value;

use super::shared::Ctx;
use crate::envelope::{Failure, Outcome, ok};
use crate::shared::Shared;
use crate::world::{Tenant, World, to_json};

/// Answers what `part` takes from the tenant `id`, or the 404 for a tenant the world has not.
fn with_tenant(ctx: &Ctx, id: &str, part: impl FnOnce(&World, &Tenant) -> Value) -> Outcome {
    let w = ctx.world();
    let tenant = w.tenants.get(id).ok_or_else(|| Failure::not_found(&format!("tenant {id}")))?;
    Ok(ok(part(&w, tenant)))
}

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    with_tenant(&ctx, &id, |_, t| to_json(&t.tenant))
}

pub async fn account_types(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    with_tenant(&ctx, &id, |_, t| to_json(&t.account_types))
}

pub async fn accounts(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    with_tenant(&ctx, &id, |w, t| {
        Value::Array(t.accounts.iter().filter_map(|a| w.accounts.get(a)).map(World::account_json).collect())
    })
}

pub async fn entitlements(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    with_tenant(&ctx, &id, |_, t| to_json(&t.entitlements))
}

pub async fn memberships(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    with_tenant(&ctx, &id, |_, t| to_json(&t.memberships))
}

/// `GET /user/tenants`: every tenant, as the spec's answer types them (an `Organization` each:
/// the tenant's tag as its id, its name, its creation date).
pub async fn of_user(State(s): State<Arc<Shared>>, ctx: Ctx) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    let tenants = w.tenants.values().map(|t| {
        to_json(&t::OrganizationsApiOrganization {
            create_time: t.tenant.cdate,
            id: t::OrganizationsApiOrganizationId(t.tenant.tenant_tag.clone()),
            meta: t::OrganizationsApiOrganizationMeta {
                hierarchy_tags: vec![t.tenant.tenant_tag.clone()],
                managed_by: None,
                tenant_flags: None,
                extra: Default::default(),
            },
            name: t.tenant.tenant_name.clone(),
            parent: None,
            profile: None,
        })
    });
    Ok(ok(Value::Array(tenants.collect())))
}
