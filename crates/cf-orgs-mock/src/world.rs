//! The mock's world: organizations with parents, profiles, members, accounts,
//! shares, usage, and the audit log every change appends to. Plain data and
//! the rules of the real API; HTTP lives in `routes`.

use std::collections::BTreeMap;

use cf_orgs_gen::types as t;
use chrono::{DateTime, Utc};
use serde_json::Value;

/// A deterministic source of ids, from the server's seed.
#[derive(Debug, Clone)]
pub struct Ids {
    rng: fastrand::Rng,
}

impl Ids {
    pub fn new(seed: u64) -> Self {
        Self { rng: fastrand::Rng::with_seed(seed) }
    }

    /// Where the sequence stands: `Ids::new(ids.seed())` goes on with the same ids.
    pub fn seed(&self) -> u64 {
        self.rng.get_seed()
    }

    /// 32 lowercase hex characters, like Cloudflare's tags.
    pub fn tag(&mut self) -> String {
        format!("{:016x}{:016x}", self.rng.u64(..), self.rng.u64(..))
    }

    /// A version-4 style UUID (audit log ids).
    pub fn uuid(&mut self) -> String {
        let t = self.tag();
        format!("{}-{}-4{}-a{}-{}", &t[0..8], &t[8..12], &t[13..16], &t[17..20], &t[20..32])
    }
}

/// A business profile, as the spec's strict type (all five fields required).
pub type Profile = t::OrganizationsApiProfile;

#[derive(Debug, Clone)]
pub struct Organization {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub parent: Option<String>,
    pub profile: Option<Profile>,
    pub create_time: DateTime<Utc>,
    pub tag: String,
}

#[derive(Debug, Clone)]
pub struct Member {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    pub org: String,
    pub status: t::OrganizationsApiMemberStatus,
    pub user_id: String,
    pub email: String,
    pub name: String,
    pub create_time: DateTime<Utc>,
    pub update_time: DateTime<Utc>,
}

#[derive(Debug, Clone)]
pub struct Account {
    /// Creation order (timestamps have whole seconds).
    pub seq: u64,
    pub id: String,
    /// The organization that holds it, if one does: an account is in at most one.
    pub org: Option<String>,
    /// Its business profile, once given.
    pub profile: Option<Profile>,
    pub name: String,
    pub pubname: String,
    pub account_type: t::OrganizationsApiAccountType,
    pub created_on: DateTime<Utc>,
}

/// A tenant (the customer of an MSSP or distributor organization), with what its routes answer.
#[derive(Debug, Clone)]
pub struct Tenant {
    /// As the spec's `Tenant`; its `tenant_tag` is its id.
    pub tenant: t::OrganizationsApiTenant,
    /// Its accounts, by id (each one of the world's).
    pub accounts: Vec<String>,
    pub memberships: Vec<t::OrganizationsApiTenantMembership>,
    pub entitlements: t::OrganizationsApiInnateEntitlements,
    pub account_types: Vec<String>,
}

/// What a move refers to that does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Missing {
    Account(String),
    Organization(String),
}

/// Who made a request, for the audit log.
#[derive(Debug, Clone)]
pub struct Actor {
    pub context: t::AaaAuditLogsV2OrgActorContext,
    pub email: String,
    pub id: String,
    pub token_id: Option<String>,
}

/// The request behind an audit entry.
#[derive(Debug, Clone)]
pub struct Raw {
    pub method: String,
    pub uri: String,
    pub ray: String,
    pub user_agent: String,
    pub status: u16,
}

/// An audit entry this server makes, before it is one.
#[derive(Debug, Clone)]
pub struct NewAudit {
    pub id: String,
    pub org: String,
    pub time: DateTime<Utc>,
    pub action_type: &'static str,
    pub description: String,
    pub actor: Actor,
    pub raw: Raw,
    pub resource_id: String,
    pub resource_type: &'static str,
}

/// An audit log entry as the spec's type holds it, and what the lists look up in it.
#[derive(Debug, Clone)]
pub struct AuditEntry {
    pub id: String,
    pub org: String,
    pub time: DateTime<Utc>,
    pub resource_id: String,
    pub log: t::AaaAuditLogsV2Org,
}

impl AuditEntry {
    /// An entry from the spec's type: it must say its organization and time (the mock's lists
    /// need both); its id is made when it has none.
    pub fn new(mut log: t::AaaAuditLogsV2Org, ids: &mut Ids) -> Result<Self, &'static str> {
        let org = log.organization.as_ref().and_then(|o| o.id.clone()).ok_or("organization.id is required")?;
        let time = log.action.as_ref().and_then(|a| a.time).ok_or("action.time is required")?;
        let id = match &log.id {
            Some(id) => id.0.clone(),
            None => {
                let id = ids.uuid();
                log.id = Some(t::AaaIdentifier2(id.clone()));
                id
            }
        };
        let resource_id = log.resource.as_ref().and_then(|r| r.id.clone()).unwrap_or_default();
        Ok(Self { id, org, time, resource_id, log })
    }
}

/// Everything the server knows.
#[derive(Debug, Clone)]
pub struct World {
    pub ids: Ids,
    pub orgs: BTreeMap<String, Organization>,
    pub members: BTreeMap<String, Member>,
    pub accounts: BTreeMap<String, Account>,
    pub shares: BTreeMap<String, Vec<t::ResourceSharingShareObject>>,
    pub usage: BTreeMap<String, Vec<t::BillableUsageApiCostAndUsageData>>,
    /// By tag.
    pub tenants: BTreeMap<String, Tenant>,
    pub audit: Vec<AuditEntry>,
    /// Every successful create, counted (the soak and fault tests read it).
    pub creates: u64,
    seq: u64,
}

impl World {
    pub fn new(seed: u64) -> Self {
        Self {
            ids: Ids::new(seed),
            orgs: BTreeMap::new(),
            members: BTreeMap::new(),
            accounts: BTreeMap::new(),
            shares: BTreeMap::new(),
            usage: BTreeMap::new(),
            tenants: BTreeMap::new(),
            audit: Vec::new(),
            creates: 0,
            seq: 0,
        }
    }

    /// How many objects the world holds, for the namespace's cap.
    pub fn objects(&self) -> usize {
        self.orgs.len()
            + self.members.len()
            + self.accounts.len()
            + self.shares.values().map(Vec::len).sum::<usize>()
            + self.usage.values().map(Vec::len).sum::<usize>()
            + self.tenants.len()
            + self.audit.len()
    }

    /// The next creation sequence number.
    pub fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The organization and its ancestors, nearest first.
    pub fn ancestry(&self, id: &str) -> Vec<&Organization> {
        let mut out = Vec::new();
        let mut next = self.orgs.get(id);
        while let Some(org) = next {
            if out.iter().any(|o: &&Organization| o.id == org.id) {
                break; // never loop, even on a corrupted parent chain
            }
            out.push(org);
            next = org.parent.as_deref().and_then(|p| self.orgs.get(p));
        }
        out
    }

    /// Moves an account into the organization `to`; the organization it was in, if any.
    pub fn move_account(&mut self, account: &str, to: &str) -> Result<Option<String>, Missing> {
        if !self.orgs.contains_key(to) {
            return Err(Missing::Organization(to.into()));
        }
        let account = self.accounts.get_mut(account).ok_or_else(|| Missing::Account(account.into()))?;
        Ok(account.org.replace(to.into()))
    }

    /// The organizations that hold an account, from the root to the one that holds it (empty for
    /// an account in none).
    pub fn account_chain(&self, account: &Account) -> Vec<&Organization> {
        let mut chain = account.org.as_deref().map(|org| self.ancestry(org)).unwrap_or_default();
        chain.reverse();
        chain
    }

    /// An organization's accounts, in creation order.
    pub fn accounts_of(&self, org: &str) -> impl Iterator<Item = &Account> {
        self.accounts.values().filter(move |a| a.org.as_deref() == Some(org))
    }

    /// Whether `org` is `other` or one of its ancestors.
    pub fn contains_org(&self, org: &str, other: &str) -> bool {
        self.ancestry(other).iter().any(|o| o.id == org)
    }

    pub fn children(&self, id: &str) -> usize {
        self.orgs.values().filter(|o| o.parent.as_deref() == Some(id)).count()
    }

    /// An organization as the spec's strict type serializes it.
    pub fn organization_json(&self, org: &Organization) -> Value {
        let tags: Vec<String> = self.ancestry(&org.id).iter().rev().map(|o| o.tag.clone()).collect();
        let flag = |on: bool| if on { "enabled" } else { "disabled" }.to_string();
        let answer = t::OrganizationsApiOrganization {
            create_time: org.create_time,
            id: t::OrganizationsApiOrganizationId(org.id.clone()),
            meta: t::OrganizationsApiOrganizationMeta {
                hierarchy_tags: tags,
                managed_by: Some("cf-orgs-mock".into()),
                tenant_flags: Some(t::OrganizationsApiOrganizationFlags {
                    account_creation: flag(true),
                    account_deletion: flag(true),
                    account_migration: flag(false),
                    account_mobility: flag(false),
                    enterprise_capability: flag(true),
                    member_management: flag(true),
                    sub_org_creation: flag(true),
                }),
                extra: Default::default(),
            },
            name: org.name.clone(),
            parent: org.parent.as_deref().and_then(|p| self.orgs.get(p)).map(|parent| {
                t::OrganizationsApiOrganizationParent {
                    id: t::OrganizationsApiOrganizationId(parent.id.clone()),
                    name: parent.name.clone(),
                }
            }),
            profile: org.profile.clone(),
        };
        to_json(&answer)
    }

    /// A member as the spec's strict type serializes it.
    pub fn member_json(m: &Member) -> Value {
        to_json(&t::OrganizationsApiMember {
            create_time: m.create_time,
            id: t::OrganizationsApiMemberId(m.id.clone()),
            meta: Default::default(),
            status: m.status,
            update_time: m.update_time,
            user: t::OrganizationsApiMemberSubjectUser {
                email: m.email.clone(),
                id: m.user_id.clone(),
                name: m.name.clone(),
                two_factor_authentication_enabled: false,
            },
        })
    }

    /// An account as the spec's strict type serializes it.
    pub fn account_json(a: &Account) -> Value {
        to_json(&t::OrganizationsApiAccount {
            created_on: a.created_on,
            id: a.id.clone(),
            name: Some(a.name.clone()),
            settings: t::OrganizationsApiAccountSettings {
                abuse_contact_email: None,
                access_approval_expiry: None,
                api_access_enabled: None,
                default_nameservers: Some("cloudflare.standard".into()),
                enforce_twofactor: Some(false),
                use_account_custom_ns_by_default: Some(false),
            },
            type_: a.account_type,
        })
    }

    /// An audit log entry as the spec's strict type serializes it.
    pub fn audit_json(e: &AuditEntry) -> Value {
        to_json(&e.log)
    }
}

/// An audit log entry this server makes, as the spec's strict type.
pub fn audit_log(e: &NewAudit) -> t::AaaAuditLogsV2Org {
    t::AaaAuditLogsV2Org {
        action: Some(t::AaaAuditLogAction {
            description: Some(e.description.clone()),
            result: Some("success".into()),
            time: Some(e.time),
            type_: Some(e.action_type.into()),
        }),
        actor: Some(t::AaaAuditLogsV2OrgActor {
            context: Some(e.actor.context),
            email: Some(e.actor.email.clone()),
            id: Some(e.actor.id.clone()),
            ip_address: Some("127.0.0.1".into()),
            token_id: e.actor.token_id.clone(),
            token_name: e.actor.token_id.as_ref().map(|_| "cf-orgs-mock token".into()),
            type_: Some(t::AaaAuditLogsV2OrgActorType::User),
        }),
        id: Some(t::AaaIdentifier2(e.id.clone())),
        organization: Some(t::AaaAuditLogsV2OrgOrganization { id: Some(e.org.clone()) }),
        raw: Some(t::AaaAuditLogRaw {
            cf_ray_id: Some(e.raw.ray.clone()),
            method: Some(e.raw.method.clone()),
            status_code: Some(e.raw.status.into()),
            uri: Some(e.raw.uri.clone()),
            user_agent: Some(e.raw.user_agent.clone()),
        }),
        resource: Some(t::AaaAuditLogsV2OrgResource {
            id: Some(e.resource_id.clone()),
            product: Some("organizations".into()),
            request: Default::default(),
            response: Default::default(),
            scope: Default::default(),
            type_: Some(e.resource_type.into()),
        }),
    }
}

/// A strict value as JSON (the spec's types always serialize).
pub fn to_json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// What a test seeds: the world as it was before the test, so no audit entry is written.
impl World {
    /// An account in `org` (an enterprise one when its name says so); its id, or `None` when
    /// there is no such organization.
    pub fn seed_account(&mut self, org: &str, name: &str, now: DateTime<Utc>) -> Option<String> {
        if !self.orgs.contains_key(org) {
            return None;
        }
        let id = self.ids.tag();
        let pubname = name.to_lowercase().replace(' ', "-");
        let account_type = if name.to_lowercase().contains("enterprise") {
            t::OrganizationsApiAccountType::Enterprise
        } else {
            t::OrganizationsApiAccountType::Standard
        };
        let seq = self.next_seq();
        let account = Account {
            seq,
            id: id.clone(),
            org: Some(org.into()),
            profile: None,
            name: name.into(),
            pubname,
            account_type,
            created_on: now,
        };
        self.accounts.insert(id.clone(), account);
        Some(id)
    }

    /// An active member of `org` with this email; its id.
    pub fn seed_user(&mut self, org: &str, email: &str, now: DateTime<Utc>) -> String {
        let id = self.ids.tag();
        let user_id = self.ids.tag();
        let seq = self.next_seq();
        let member = Member {
            seq,
            id: id.clone(),
            org: org.into(),
            status: t::OrganizationsApiMemberStatus::Active,
            user_id,
            email: email.to_lowercase(),
            name: email.into(),
            create_time: now,
            update_time: now,
        };
        self.members.insert(id.clone(), member);
        id
    }
}
