//! A namespace as JSON: the fixtures a test loads (`--fixtures`, `POST
//! /__mock/fixtures`), and the whole state the admin API exports and imports
//! (`/__mock/state`, `--state`). One format: fixtures give what they need and
//! leave the rest to the server; an export fills in every field, so that
//! importing it gives back the same namespace, and exporting that the same
//! document.
//!
//! What the spec has a type for is read as that type (profiles, member
//! statuses, account types, shares, usage records, audit entries); a field
//! the format does not know is refused, and every error names its JSON
//! pointer.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use cf_orgs_gen::types as t;

use crate::clock::Clock;
use crate::world::{Account, AuditEntry, Ids, Member, Organization, Tenant, World};

/// A namespace's organizations (with their accounts, members, shares and usage), the accounts
/// no organization holds, its tenants and its audit log.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    #[serde(default)]
    pub organizations: Vec<OrgDoc>,
    /// Accounts in no organization (an account moves into one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountDoc>,
    /// Tenants, after the accounts they name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tenants: Vec<TenantDoc>,
    /// Entries as the spec's `audit-logs_v2_org`; each says its `organization.id` and `action.time`.
    #[serde(default)]
    pub audit: Vec<t::AaaAuditLogsV2Org>,
    /// The namespace's clock (state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock: Option<Clock>,
    /// The namespace's faults, in their text form (state).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub faults: Option<String>,
    /// Where the ids and counters stand (state): an import goes on from there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sequence: Option<Sequence>,
}

/// Where a namespace's ids and counters stand.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Sequence {
    /// The id generator's state.
    pub ids: u64,
    /// Creates that succeeded.
    pub creates: u64,
}

/// An organization. `parent` names one listed before it (or already loaded).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrgDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<DateTime<Utc>>,
    /// Its hierarchy tag (`meta.hierarchy_tags` lists those of its ancestry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<t::OrganizationsApiProfile>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<AccountDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<MemberDoc>,
    /// As the spec's `share_object`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shares: Vec<t::ResourceSharingShareObject>,
    /// As the spec's `cost_and_usage_data` (FOCUS records).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub usage: Vec<t::BillableUsageApiCostAndUsageData>,
}

/// An account of an organization.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AccountDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub name: String,
    /// The spec's account `type` (default `standard`).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<t::OrganizationsApiAccountType>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_on: Option<DateTime<Utc>>,
    /// Its business profile: all five fields, as the Organizations API's profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<t::OrganizationsApiProfile>,
}

/// A tenant, as the spec's `Tenant` (its `tenant_tag` is its id), and what its routes answer.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantDoc {
    pub tenant: t::OrganizationsApiTenant,
    /// Its accounts, by id: each one of the document's, or loaded already.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accounts: Vec<String>,
    /// As the spec's `TenantMembership`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub memberships: Vec<t::OrganizationsApiTenantMembership>,
    /// As the spec's `InnateEntitlements` (default: every one off, none custom).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entitlements: Option<t::OrganizationsApiInnateEntitlements>,
    /// The account types it may create (default `standard` and `enterprise`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_types: Option<Vec<String>>,
}
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub email: String,
    /// The spec's member `status` (default `active`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<t::OrganizationsApiMemberStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub create_time: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub update_time: Option<DateTime<Utc>>,
}

/// Every namespace's state: what `--state` reads and writes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerState {
    pub namespaces: std::collections::BTreeMap<String, Document>,
}

/// What is wrong with a fixtures or state document, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocError {
    /// A JSON pointer into the document (`/organizations/2/members/0/status`).
    pub pointer: String,
    /// What is wrong there.
    pub message: String,
    /// The document is fine, but more than the namespace may hold.
    pub(crate) full: bool,
}

impl std::error::Error for DocError {}

impl DocError {
    /// Whether the document was refused for the namespace's object cap, not for its content.
    pub fn is_full(&self) -> bool {
        self.full
    }

    /// The same error, at `prefix` + its pointer (a namespace's document inside a server state).
    pub(crate) fn under(mut self, prefix: &str) -> Self {
        self.pointer = format!("{prefix}{}", self.pointer);
        self
    }
}

impl std::fmt::Display for DocError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let at = if self.pointer.is_empty() { "the document's root" } else { &self.pointer };
        write!(f, "at {at}: {}", self.message)
    }
}

/// How much a load added.
#[derive(Debug, Clone, Copy, Default, Serialize, PartialEq, Eq)]
#[non_exhaustive]
pub struct Loaded {
    /// Organizations added.
    pub organizations: usize,
    /// Accounts added.
    pub accounts: usize,
    /// Members added.
    pub members: usize,
    /// Resource shares added.
    pub shares: usize,
    /// Billable usage records added.
    pub usage: usize,
    /// Audit log entries added.
    pub audit: usize,
    /// Tenants added.
    pub tenants: usize,
}

/// Reads a document, naming the JSON pointer of what does not fit the format.
pub fn parse(bytes: &[u8]) -> Result<Document, DocError> {
    parse_as(bytes)
}

/// Reads a namespace's document, as it is or in the envelope `GET /__mock/state` answers it in
/// (`{"success": true, …, "result": {…}}`), so that what the admin API answers it takes back; with
/// where the document is in what was given (`""` or `/result`), for the pointers of later errors.
pub fn parse_unwrapped(bytes: &[u8]) -> Result<(Document, &'static str), DocError> {
    let envelope = serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|v| v.get("success").is_some().then(|| v.get("result").cloned()).flatten());
    match envelope {
        Some(result) => {
            let inner = serde_json::to_vec(&result).map_err(|e| at("/result".into(), e.to_string()))?;
            Ok((parse(&inner).map_err(|e| e.under("/result"))?, "/result"))
        }
        None => Ok((parse(bytes)?, "")),
    }
}

/// Reads any of the formats, naming the JSON pointer of what does not fit.
pub fn parse_as<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, DocError> {
    let de = &mut serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(de).map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        let message = inner.to_string();
        // serde_json appends "at line L column C"; keep it, it helps in a large file.
        DocError { pointer, message, full: false }
    })
}

/// `organizations[3].members[0].status` as the JSON pointer `/organizations/3/members/0/status`.
fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let escape = |key: &str| key.replace('~', "~0").replace('/', "~1");
    path.iter()
        .filter_map(|segment| match segment {
            Segment::Seq { index } => Some(format!("/{index}")),
            Segment::Map { key } => Some(format!("/{}", escape(key))),
            Segment::Enum { .. } | Segment::Unknown => None,
        })
        .collect()
}

/// The document's key of its organizations (`Document::organizations`; a test holds the two
/// together): the first token of the pointers the loader names. A key of this document, not the
/// API's path of the same name.
const ORGANIZATIONS: &str = "organizations";

/// The pointer of organization `i` of the document, then `rest` (`/members/0/email`).
fn org_pointer(i: usize, rest: &str) -> String {
    format!("/{ORGANIZATIONS}/{i}{rest}")
}

fn at(pointer: String, message: impl Into<String>) -> DocError {
    DocError { pointer, message: message.into(), full: false }
}

/// Adds a document to `world` (all of it, or nothing: it works on a copy the caller swaps in).
/// `now` stands for times the document leaves out.
pub fn load(doc: Document, world: &mut World, now: DateTime<Utc>) -> Result<Loaded, DocError> {
    let mut loaded = Loaded::default();
    for (i, o) in doc.organizations.into_iter().enumerate() {
        let here = |field: &str| org_pointer(i, field);
        let id = fresh_id(o.id, &mut world.ids, |id| world.orgs.contains_key(id), here("/id"), "an organization")?;
        if o.name.trim().is_empty() {
            return Err(at(here("/name"), "an organization's name is not blank"));
        }
        if let Some(parent) = &o.parent
            && !world.orgs.contains_key(parent)
        {
            return Err(at(here("/parent"), format!("no organization {parent} before this one")));
        }
        let tag = o.tag.unwrap_or_else(|| world.ids.tag());
        let seq = world.next_seq();
        world.orgs.insert(
            id.clone(),
            Organization {
                seq,
                id: id.clone(),
                name: o.name,
                parent: o.parent,
                profile: o.profile,
                create_time: o.create_time.unwrap_or(now),
                tag,
            },
        );
        loaded.organizations += 1;
        for (j, a) in o.accounts.into_iter().enumerate() {
            let here = |field: &str| org_pointer(i, &format!("/accounts/{j}{field}"));
            load_account(a, Some(&id), world, now, &here)?;
            loaded.accounts += 1;
        }
        for (k, m) in o.members.into_iter().enumerate() {
            let here = |field: &str| org_pointer(i, &format!("/members/{k}{field}"));
            let email = m.email.trim().to_lowercase();
            if !email.contains('@') {
                return Err(at(here("/email"), format!("{:?} is not an email address", m.email)));
            }
            if world.members.values().any(|x| x.org == id && x.email == email) {
                return Err(at(here("/email"), format!("{email} is a member of this organization already")));
            }
            let member = fresh_id(m.id, &mut world.ids, |id| world.members.contains_key(id), here("/id"), "a member")?;
            let user_id = m.user_id.unwrap_or_else(|| world.ids.tag());
            let create_time = m.create_time.unwrap_or(now);
            let seq = world.next_seq();
            world.members.insert(
                member.clone(),
                Member {
                    seq,
                    id: member,
                    org: id.clone(),
                    status: m.status.unwrap_or(t::OrganizationsApiMemberStatus::Active),
                    user_id,
                    name: m.name.unwrap_or_else(|| email.split('@').next().unwrap_or_default().to_string()),
                    email,
                    create_time,
                    update_time: m.update_time.unwrap_or(create_time),
                },
            );
            loaded.members += 1;
        }
        loaded.shares += o.shares.len();
        loaded.usage += o.usage.len();
        if !o.shares.is_empty() {
            world.shares.entry(id.clone()).or_default().extend(o.shares);
        }
        if !o.usage.is_empty() {
            world.usage.entry(id.clone()).or_default().extend(o.usage);
        }
    }
    for (j, a) in doc.accounts.into_iter().enumerate() {
        let here = |field: &str| format!("/accounts/{j}{field}");
        load_account(a, None, world, now, &here)?;
        loaded.accounts += 1;
    }
    for (j, doc) in doc.tenants.into_iter().enumerate() {
        let here = |field: &str| format!("/tenants/{j}{field}");
        let tag = doc.tenant.tenant_tag.clone();
        if tag.trim().is_empty() || tag.contains('/') {
            return Err(at(here("/tenant/tenant_tag"), format!("{tag:?} is not an id for a tenant")));
        }
        if world.tenants.contains_key(&tag) {
            return Err(at(here("/tenant/tenant_tag"), format!("a tenant with id {tag} exists already")));
        }
        if let Some((k, missing)) = doc.accounts.iter().enumerate().find(|(_, a)| !world.accounts.contains_key(*a)) {
            return Err(at(here(&format!("/accounts/{k}")), format!("no account {missing} before this tenant")));
        }
        let tenant = Tenant {
            tenant: doc.tenant,
            accounts: doc.accounts,
            memberships: doc.memberships,
            entitlements: doc.entitlements.unwrap_or_else(no_entitlements),
            account_types: doc.account_types.unwrap_or_else(|| vec!["standard".into(), "enterprise".into()]),
        };
        world.tenants.insert(tag, tenant);
        loaded.tenants += 1;
    }
    for (n, log) in doc.audit.into_iter().enumerate() {
        let entry = AuditEntry::new(log, &mut world.ids).map_err(|e| at(format!("/audit/{n}"), e))?;
        if world.audit.iter().any(|x| x.id == entry.id) {
            return Err(at(format!("/audit/{n}/id"), format!("audit entry {} exists already", entry.id)));
        }
        world.audit.push(entry);
        loaded.audit += 1;
    }
    if let Some(sequence) = doc.sequence {
        world.ids = Ids::new(sequence.ids);
        world.creates = sequence.creates;
    }
    Ok(loaded)
}

/// Adds an account, in `org` or in none; `here` makes the pointer of one of its fields.
fn load_account(
    a: AccountDoc,
    org: Option<&str>,
    world: &mut World,
    now: DateTime<Utc>,
    here: &dyn Fn(&str) -> String,
) -> Result<(), DocError> {
    let id = fresh_id(a.id, &mut world.ids, |id| world.accounts.contains_key(id), here("/id"), "an account")?;
    if a.name.trim().is_empty() {
        return Err(at(here("/name"), "an account's name is not blank"));
    }
    let seq = world.next_seq();
    let account = Account {
        seq,
        id: id.clone(),
        org: org.map(str::to_string),
        profile: a.profile,
        pubname: a.name.to_lowercase().replace(' ', "-"),
        name: a.name,
        account_type: a.type_.unwrap_or(t::OrganizationsApiAccountType::Standard),
        created_on: a.created_on.unwrap_or(now),
    };
    world.accounts.insert(id, account);
    Ok(())
}

/// A tenant's entitlements when fixtures give none: every one off, none custom.
fn no_entitlements() -> t::OrganizationsApiInnateEntitlements {
    let off = || t::OrganizationsApiBoolAllocation { type_: t::OrganizationsApiBoolAllocationType::Bool, value: false };
    t::OrganizationsApiInnateEntitlements {
        allow_add_subdomain: off(),
        allow_auto_accept_invites: off(),
        cname_setup_allowed: off(),
        custom_entitlements: None,
        mhs_certificate_count: t::OrganizationsApiMaxCountAllocation {
            type_: t::OrganizationsApiMaxCountAllocationType::MaxCount,
            value: 0,
        },
        partial_setup_allowed: off(),
    }
}

/// A given id (not blank, not taken), or a new one.
fn fresh_id(
    given: Option<String>,
    ids: &mut Ids,
    taken: impl Fn(&str) -> bool,
    pointer: String,
    what: &str,
) -> Result<String, DocError> {
    let id = given.unwrap_or_else(|| ids.tag());
    if id.trim().is_empty() || id.contains('/') {
        return Err(at(pointer, format!("{id:?} is not an id for {what}")));
    }
    if taken(&id) {
        return Err(at(pointer, format!("{what} with id {id} exists already")));
    }
    Ok(id)
}

/// The whole world as a document, every field filled in; `clock` and `faults` are the namespace's.
pub fn export(world: &World, clock: Clock, faults: String) -> Document {
    let mut orgs: Vec<&Organization> = world.orgs.values().collect();
    orgs.sort_by_key(|o| o.seq);
    let organizations = orgs
        .into_iter()
        .map(|o| {
            let mut accounts: Vec<&Account> = world.accounts_of(&o.id).collect();
            accounts.sort_by_key(|a| a.seq);
            let mut members: Vec<&Member> = world.members.values().filter(|m| m.org == o.id).collect();
            members.sort_by_key(|m| m.seq);
            OrgDoc {
                id: Some(o.id.clone()),
                name: o.name.clone(),
                parent: o.parent.clone(),
                create_time: Some(o.create_time),
                tag: Some(o.tag.clone()),
                profile: o.profile.clone(),
                accounts: accounts.into_iter().map(account_doc).collect(),
                members: members
                    .into_iter()
                    .map(|m| MemberDoc {
                        id: Some(m.id.clone()),
                        email: m.email.clone(),
                        status: Some(m.status),
                        name: Some(m.name.clone()),
                        user_id: Some(m.user_id.clone()),
                        create_time: Some(m.create_time),
                        update_time: Some(m.update_time),
                    })
                    .collect(),
                shares: world.shares.get(&o.id).cloned().unwrap_or_default(),
                usage: world.usage.get(&o.id).cloned().unwrap_or_default(),
            }
        })
        .collect();
    let mut orgless: Vec<&Account> = world.accounts.values().filter(|a| a.org.is_none()).collect();
    orgless.sort_by_key(|a| a.seq);
    let tenants = world
        .tenants
        .values()
        .map(|t| TenantDoc {
            tenant: t.tenant.clone(),
            accounts: t.accounts.clone(),
            memberships: t.memberships.clone(),
            entitlements: Some(t.entitlements.clone()),
            account_types: Some(t.account_types.clone()),
        })
        .collect();
    Document {
        organizations,
        accounts: orgless.into_iter().map(account_doc).collect(),
        tenants,
        audit: world.audit.iter().map(|e| e.log.clone()).collect(),
        clock: Some(clock),
        faults: Some(faults),
        sequence: Some(Sequence { ids: world.ids.seed(), creates: world.creates }),
    }
}

/// An account as the state holds it, every field filled in.
fn account_doc(a: &Account) -> AccountDoc {
    AccountDoc {
        id: Some(a.id.clone()),
        name: a.name.clone(),
        type_: Some(a.account_type),
        created_on: Some(a.created_on),
        profile: a.profile.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn doc(value: serde_json::Value) -> Result<Document, DocError> {
        parse(value.to_string().as_bytes())
    }

    fn fixtures() -> serde_json::Value {
        json!({
            "organizations": [
                { "id": "root", "name": "Acme", "profile": {
                    "business_name": "Acme", "business_email": "ops@acme.example", "business_phone": "+1 555 0100",
                    "business_address": "1 Main St", "external_metadata": "{}" },
                  "accounts": [{ "name": "Prod", "type": "enterprise" }],
                  "members": [{ "email": "Alice@Acme.example" }, { "email": "bob@acme.example", "status": "pending" }] },
                { "name": "Acme EU", "parent": "root" }
            ],
            "audit": [{ "organization": { "id": "root" }, "action": { "time": "2026-09-01T00:00:00Z", "type": "create" } }]
        })
    }

    #[test]
    fn fixtures_load_with_what_the_server_fills_in() {
        let mut world = World::new(1);
        let loaded = load(doc(fixtures()).unwrap(), &mut world, Utc::now()).unwrap();
        assert_eq!(
            loaded,
            Loaded { organizations: 2, accounts: 1, members: 2, shares: 0, usage: 0, audit: 1, tenants: 0 }
        );
        assert_eq!(world.ancestry(world.orgs.values().find(|o| o.name == "Acme EU").unwrap().id.as_str()).len(), 2);
        assert!(
            world
                .members
                .values()
                .any(|m| m.email == "alice@acme.example" && m.status == t::OrganizationsApiMemberStatus::Active)
        );
        assert!(world.audit[0].id.len() == 36, "an id is made for an entry without one");
    }

    #[test]
    fn an_export_imports_to_the_same_export() {
        let mut world = World::new(7);
        load(doc(fixtures()).unwrap(), &mut world, Utc::now()).unwrap();
        let first = serde_json::to_value(export(&world, Clock::default(), "503=0.5".into())).unwrap();
        let mut again = World::new(99);
        load(parse(first.to_string().as_bytes()).unwrap(), &mut again, Utc::now()).unwrap();
        let second = serde_json::to_value(export(&again, Clock::default(), "503=0.5".into())).unwrap();
        assert_eq!(first, second);
        assert_eq!(again.ids.tag(), world.ids.tag(), "ids go on where they stood");
    }

    #[test]
    fn the_organizations_key_is_the_documents() {
        let value = serde_json::to_value(Document::default()).unwrap();
        assert!(value.get(ORGANIZATIONS).is_some(), "{value}");
    }

    #[test]
    fn a_bad_document_names_its_pointer() {
        let mut bad_status = fixtures();
        bad_status["organizations"][0]["members"][1]["status"] = json!("sleeping");
        let mut unknown = fixtures();
        unknown["organizations"][1]["colour"] = json!("red");
        let mut profile = fixtures();
        profile["organizations"][0]["profile"].as_object_mut().unwrap().remove("business_phone");
        for (value, pointer, says) in [
            (bad_status, org_pointer(0, "/members/1/status"), "sleeping"),
            (unknown, org_pointer(1, "/colour"), "unknown field"),
            (profile, org_pointer(0, "/profile"), "business_phone"),
            (json!({ "organisations": [] }), "/organisations".to_string(), "unknown field"),
        ] {
            let err = doc(value).unwrap_err();
            assert_eq!(err.pointer, pointer, "{err}");
            assert!(err.message.contains(says), "{err}");
        }
        let world = World::new(1);
        for (value, pointer) in [
            (json!({ "organizations": [{ "name": "B", "parent": "nowhere" }] }), org_pointer(0, "/parent")),
            (
                json!({ "organizations": [{ "id": "x", "name": "A" }, { "id": "x", "name": "B" }] }),
                org_pointer(1, "/id"),
            ),
            (json!({ "organizations": [{ "name": " " }] }), org_pointer(0, "/name")),
            (
                json!({ "organizations": [{ "name": "A", "members": [{ "email": "nobody" }] }] }),
                org_pointer(0, "/members/0/email"),
            ),
            (json!({ "audit": [{ "action": { "time": "2026-09-01T00:00:00Z" } }] }), "/audit/0".to_string()),
        ] {
            let err = load(doc(value).unwrap(), &mut world.clone(), Utc::now()).unwrap_err();
            assert_eq!(err.pointer, pointer, "{err}");
        }
    }
}
