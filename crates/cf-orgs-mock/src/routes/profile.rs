//! `/organizations/{organization_id}/profile`.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};

use super::shared::{Change, Ctx, Require, no_org};
use crate::envelope::{Outcome, json_body, no_content, ok};
use crate::shared::Shared;
use crate::world::{Profile, to_json};

pub async fn get(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>) -> Outcome {
    ctx.actor(&s)?;
    let w = ctx.world();
    let org = w.require_org(&id)?;
    Ok(ok(to_json(&org.profile.clone().unwrap_or_else(empty))))
}

/// The profile of what has none yet: every field empty.
pub fn empty() -> Profile {
    Profile {
        business_name: String::new(),
        business_email: String::new(),
        business_phone: String::new(),
        business_address: String::new(),
        external_metadata: String::new(),
    }
}

pub async fn put(State(s): State<Arc<Shared>>, ctx: Ctx, Path(id): Path<String>, body: Bytes) -> Outcome {
    let actor = ctx.actor(&s)?;
    let profile: Profile = json_body(&body)?;
    let mut w = ctx.world();
    w.orgs.get_mut(&id).ok_or_else(|| no_org(&id))?.profile = Some(profile);
    ctx.audit(
        &mut w,
        &actor,
        Change {
            org: &id,
            action: "update",
            description: "Update organization profile",
            resource_id: &id,
            resource_type: "profile",
            status: 204,
        },
    );
    Ok(no_content())
}
