//! The surface map (`spec/surface-map.toml`): where each operation goes in cf-orgs's API and in
//! the command line, the few names a generator cannot guess. An operation the map does not name is
//! placed by a rule ([`default_placement`]), so a new operation is callable the day it is
//! generated; two operations in one place stop the generator, naming both.

use std::collections::BTreeMap;
use std::path::Path;

use heck::{ToKebabCase, ToSnakeCase, ToUpperCamelCase};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::model::Operation;
use crate::names::route;

/// The file, relative to the workspace root.
pub const MAP_PATH: &str = "spec/surface-map.toml";

/// The map as written.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Map {
    #[serde(default)]
    pub cli: Cli,
    /// By route (`GET /organizations`).
    #[serde(default)]
    pub operations: BTreeMap<String, Entry>,
    /// The Rust name of a model or enum of the answers, by its schema's JSON pointer, where the
    /// rule's name reads badly (`tolerant_models`).
    #[serde(default)]
    pub models: BTreeMap<String, String>,
    /// The typed id (`MemberId`) of a field of the answers, by the field's JSON pointer.
    #[serde(default)]
    pub ids: BTreeMap<String, String>,
    /// The value a builder's example gives each argument of an `sdk` chain, by its name: Rust.
    #[serde(default)]
    pub examples: BTreeMap<String, String>,
    /// A handle's type where the rule's (its name in UpperCamelCase) reads badly or is taken, by
    /// its chain with the path parameters it takes: `"organization(organization_id)" =
    /// "OrganizationHandle"`.
    #[serde(default)]
    pub handles: BTreeMap<String, String>,
    /// The typed id a path parameter takes wherever it is an argument, by its name:
    /// `organization_id = "OrganizationId"`; any other takes a string.
    #[serde(default)]
    pub path_ids: BTreeMap<String, String>,
}

/// The command line's part of the map.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Cli {
    /// The resources commands are grouped under, in the order `--help` shows them.
    #[serde(default)]
    pub groups: Vec<Group>,
}

/// A resource of the command line (`org`), and what it is.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    pub about: String,
}

/// One operation's names.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Its handle chain and method in cf-orgs: `organization(id).members().list()`.
    pub sdk: String,
    /// Its builder's type in cf-orgs: `ListMembers`.
    pub builder: String,
    /// Its command: `member list`, or one word.
    pub cli: String,
    /// A query parameter's setter where its name in snake_case reads badly, by the parameter's
    /// name on the wire: `"parent.id" = "parent"`.
    #[serde(default)]
    pub setters: BTreeMap<String, String>,
    /// The typed id (`OrganizationId`) a query parameter takes, by its name on the wire.
    #[serde(default)]
    pub ids: BTreeMap<String, String>,
    /// The open enum an enum query parameter takes, by its name on the wire: one of the answers'
    /// (`MemberStatus`), or a name for one of its own. Without a name it is the builder's name and
    /// the parameter's.
    #[serde(default)]
    pub enums: BTreeMap<String, String>,
    /// Its builder's example where the `sdk` chain alone is not one: the chain and its setters.
    #[serde(default)]
    pub example: Option<String>,
    /// A query parameter's or body field's flag where the rule's (its name in kebab-case) reads
    /// badly, by its name on the wire or path: `"member.user.email" = "email"`. The rule's flag
    /// stays as an alias.
    #[serde(default)]
    pub flags: BTreeMap<String, String>,
    /// Body fields an operator gives as arguments after the path's, in order, by their path
    /// (`member add ORG EMAIL`: `["member.user.email"]`); the map's flag name, if any, names the
    /// argument.
    #[serde(default)]
    pub args: Vec<String>,
    /// A value of a query parameter worth a name of its own, by that name (the CLI's flag):
    /// `roots` = `parent.id=null`, as `--roots` and `roots_only()`.
    #[serde(default)]
    pub presets: BTreeMap<String, Preset>,
    /// Required body fields refused before sending when left empty (a required field left out:
    /// `update(id)` without `.name(..)`), by their path in the body.
    #[serde(default)]
    pub required: Vec<String>,
    /// Why its method is written by hand in cf-orgs: it takes what the spec has no parameter for
    /// (a name, a range), or gives a required parameter a default. Its handle and builder are
    /// still generated; without it the method is, taking the path's and the required query's
    /// parameters.
    #[serde(default)]
    pub by_hand: Option<String>,
}

/// A value of a query parameter worth a name of its own.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Preset {
    /// The parameter, by its name on the wire (`parent.id`).
    pub param: String,
    /// The value it sends (`null`).
    pub value: String,
    /// What it selects, for the docs and `--help`.
    pub about: String,
    /// Its setter in cf-orgs (`roots_only`).
    pub setter: String,
}

/// Where one operation goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// `GET /organizations/{organization_id}/members`.
    pub route: String,
    pub operation_id: String,
    /// `organization(id).members().list()`.
    pub sdk: String,
    /// `ListMembers`.
    pub builder: String,
    /// `["member", "list"]`.
    pub cli: Vec<String>,
    /// Placed by the rule, the map naming it nowhere.
    pub by_default: bool,
    /// The map's flags: the wire name or body path → the flag (`email`).
    pub flags: BTreeMap<String, String>,
    /// The map's presets, by their flag.
    pub presets: BTreeMap<String, Preset>,
    /// The body fields given as the command's arguments after the path's, by their path.
    pub args: Vec<String>,
}

/// Every operation placed, and the command line's groups (the map's, then any a default
/// placement made).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Surface {
    pub groups: Vec<Group>,
    /// In the operations' order.
    pub placements: Vec<Placement>,
}

/// The map committed at `root`; an empty one when the file does not exist (every operation is
/// then placed by default).
pub fn load(root: &Path) -> Result<Map> {
    match std::fs::read_to_string(root.join(MAP_PATH)) {
        Ok(text) => parse(&text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Map::default()),
        Err(e) => Err(Error::file(MAP_PATH, format!("cannot read: {e}"))),
    }
}

/// Reads the map's text; an error names the file, and the line and key where TOML says.
pub fn parse(text: &str) -> Result<Map> {
    toml::from_str(text).map_err(|e| Error::file(MAP_PATH, e.to_string().trim_end().replace('\n', " | ")))
}

/// Places every operation: by the map where it names the operation's route, by the rule elsewhere.
pub fn place(map: &Map, ops: &[Operation]) -> Result<Surface> {
    let invalid = |route: &str, why: String| Error::file(MAP_PATH, format!("operations.\"{route}\": {why}"));
    for route in map.operations.keys() {
        if !ops.iter().any(|op| crate::names::route(op) == *route) {
            return Err(invalid(
                route,
                "the spec has no such operation (it was removed or moved): change the map".into(),
            ));
        }
    }
    let mut groups = map.cli.groups.clone();
    let mut placements = Vec::new();
    for op in ops {
        let placement = match map.operations.get(&route(op)) {
            None => default_placement(op),
            Some(entry) => {
                let placement = Placement {
                    route: route(op),
                    operation_id: op.id.clone(),
                    sdk: entry.sdk.clone(),
                    builder: entry.builder.clone(),
                    cli: entry.cli.split_whitespace().map(str::to_string).collect(),
                    by_default: false,
                    flags: entry.flags.clone(),
                    presets: entry.presets.clone(),
                    args: entry.args.clone(),
                };
                for path in &entry.args {
                    if !op.body.iter().flat_map(|b| &b.fields).any(|f| f.path == *path) {
                        return Err(invalid(&placement.route, format!("argument `{path}` is no body field of it")));
                    }
                }
                for (name, preset) in &entry.presets {
                    if !op.query.iter().any(|p| p.name == preset.param) {
                        return Err(invalid(
                            &placement.route,
                            format!("preset `{name}`: `{}` is no query parameter of it", preset.param),
                        ));
                    }
                }
                for (wire, flag) in &entry.flags {
                    let known = op.query.iter().any(|p| p.name == *wire)
                        || op.body.iter().flat_map(|b| &b.fields).any(|f| f.path == *wire);
                    if !known {
                        return Err(invalid(
                            &placement.route,
                            format!("`{wire}` is no query parameter or body field of it"),
                        ));
                    }
                    if flag.is_empty() || flag.to_kebab_case() != *flag {
                        return Err(invalid(&placement.route, format!("the flag `{flag}` is not in kebab-case")));
                    }
                }
                check(&placement, &groups).map_err(|why| invalid(&placement.route, why))?;
                placement
            }
        };
        if let [resource, _] = placement.cli.as_slice()
            && !groups.iter().any(|g| g.name == *resource)
        {
            groups.push(Group { name: resource.clone(), about: format!("{} (placed by default)", resource) });
        }
        placements.push(placement);
    }
    apart(&mut placements);
    collisions(&placements, &groups)?;
    Ok(Surface { groups, placements })
}

/// Where the rule makes one handle call of a collection and of its item (`logs().audit()` and
/// `logs().audit(id)`, a word with no plural of its own), the item's becomes `audit_by_id(id)`.
fn apart(placements: &mut [Placement]) {
    let handle_calls = |p: &Placement| {
        let chain = calls(&p.sdk);
        (0..chain.len().saturating_sub(1))
            .map(|i| (sdk_of(&chain[..i]), chain[i].0.clone(), chain[i].1.len()))
            .collect::<Vec<_>>()
    };
    let defaults: Vec<(String, String, usize)> =
        placements.iter().filter(|p| p.by_default).flat_map(handle_calls).collect();
    let bare: std::collections::BTreeSet<(&str, &str)> =
        defaults.iter().filter(|(_, _, n)| *n == 0).map(|(at, name, _)| (at.as_str(), name.as_str())).collect();
    for p in placements.iter_mut().filter(|p| p.by_default) {
        let mut chain = calls(&p.sdk);
        for i in 0..chain.len().saturating_sub(1) {
            let at = sdk_of(&chain[..i]);
            let (name, args) = &chain[i];
            if let Some(first) = args.first()
                && bare.contains(&(at.as_str(), name.as_str()))
            {
                chain[i].0 = format!("{name}_by_{first}");
            }
        }
        p.sdk = sdk_of(&chain);
    }
}

/// The chain of these calls: [`calls`] the other way.
pub fn sdk_of(calls: &[(String, Vec<String>)]) -> String {
    calls.iter().map(|(name, args)| format!("{name}({})", args.join(", "))).collect::<Vec<_>>().join(".")
}

/// What the map says of one operation must be usable as written.
fn check(p: &Placement, groups: &[Group]) -> std::result::Result<(), String> {
    let kebab = |w: &String| !w.is_empty() && w.to_kebab_case() == *w;
    match p.cli.as_slice() {
        [word] if kebab(word) => {}
        [group, verb] if kebab(group) && kebab(verb) => {
            if !groups.iter().any(|g| g.name == *group) {
                return Err(format!("cli names `{group}`, which is not one of [[cli.groups]]"));
            }
        }
        _ => return Err(format!("cli `{}` is not `resource verb` or one word, in kebab-case", p.cli.join(" "))),
    }
    if !(p.builder.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && p.builder.chars().all(|c| c.is_ascii_alphanumeric()))
    {
        return Err(format!("builder `{}` is not a Rust type name", p.builder));
    }
    if !is_call_chain(&p.sdk) {
        return Err(format!("sdk `{}` is not a chain of calls, `handle(args).method(args)`", p.sdk));
    }
    Ok(())
}

/// A chain's calls, each with its arguments' names: `organization(id).members().get(member)` →
/// `organization [id]`, `members []`, `get [member]`.
pub fn calls(sdk: &str) -> Vec<(String, Vec<String>)> {
    sdk.split_terminator(").")
        .filter_map(|call| {
            let (name, args) = call.trim_end_matches(')').split_once('(')?;
            let args = args.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect();
            Some((name.to_string(), args))
        })
        .collect()
}

/// `organization(id).members().list()`: snake_case names, each called.
fn is_call_chain(sdk: &str) -> bool {
    !sdk.is_empty()
        && sdk
            .split_terminator(").")
            .map(|call| call.trim_end_matches(')'))
            .all(|call| call.split_once('(').is_some_and(|(name, _)| !name.is_empty() && name.to_snake_case() == name))
        && sdk.ends_with(')')
}

/// Two operations in one command, under one builder, or a command where a group is: an error
/// naming both.
fn collisions(placements: &[Placement], groups: &[Group]) -> Result<()> {
    let mut commands: BTreeMap<&[String], &Placement> = BTreeMap::new();
    let mut builders: BTreeMap<&str, &Placement> = BTreeMap::new();
    for p in placements {
        let both = |other: &Placement, what: String| {
            Error::file(MAP_PATH, format!("{} and {} {what}: name one of them apart", other.route, p.route))
        };
        if let Some(other) = commands.insert(&p.cli, p) {
            return Err(both(other, format!("are both the command `{}`", p.cli.join(" "))));
        }
        if let Some(other) = builders.insert(&p.builder, p) {
            return Err(both(other, format!("are both the builder `{}`", p.builder)));
        }
        if let [word] = p.cli.as_slice()
            && groups.iter().any(|g| g.name == *word)
        {
            return Err(Error::file(MAP_PATH, format!("{}: the command `{word}` is a group's name", p.route)));
        }
    }
    Ok(())
}

/// The rule for an operation the map does not name.
///
/// - handle: the last literal path segment before a trailing path parameter, or the last one
///   (`/organizations/{organization_id}/members/{member_id}` → `members`), without a custom
///   method's `:verb`;
/// - method: the last `_`-separated part of the operationId in snake_case (`Members_update` →
///   `update`);
/// - builder: the method and the resource (the handle in the singular) in UpperCamelCase
///   (`UpdateMember`);
/// - command: the resource and the method in kebab-case (`member update`);
/// - the SDK's chain: each literal segment that a parameter follows is a handle taking it
///   (`organization(organization_id)`), the others take nothing; the method takes a trailing path
///   parameter, then each required query parameter.
pub fn default_placement(op: &Operation) -> Placement {
    let segments: Vec<&str> = op.path.split('/').filter(|s| !s.is_empty()).collect();
    let is_param = |s: &str| s.starts_with('{');
    let trailing = segments.last().copied().filter(|s| is_param(s));
    let end = segments.len() - usize::from(trailing.is_some());
    let at = segments[..end].iter().rposition(|s| !is_param(s)).unwrap_or(0);
    let handle = segments.get(at).map_or("root", |s| s.split(':').next().unwrap_or(s)).to_snake_case();
    let method = op.id.rsplit('_').next().unwrap_or(&op.id).to_snake_case();
    let resource = singular(&handle);

    let mut chain = Vec::new();
    for (i, segment) in segments[..at].iter().enumerate().filter(|(_, s)| !is_param(s)) {
        let name = segment.split(':').next().unwrap_or(segment).to_snake_case();
        chain.push(match segments.get(i + 1).filter(|s| is_param(s)) {
            Some(param) => format!("{}({})", singular(&name), param.trim_matches(['{', '}'])),
            None => format!("{name}()"),
        });
    }
    chain.push(format!("{handle}()"));
    let args: Vec<&str> = trailing
        .map(|p| p.trim_matches(['{', '}']))
        .into_iter()
        .chain(op.query.iter().filter(|p| p.required && !p.repeated).map(|p| p.rust.as_str()))
        .collect();
    chain.push(format!("{method}({})", args.join(", ")));
    Placement {
        route: route(op),
        operation_id: op.id.clone(),
        sdk: chain.join("."),
        builder: format!("{}{}", method.to_upper_camel_case(), resource.to_upper_camel_case()),
        cli: vec![resource.to_kebab_case(), method.to_kebab_case()],
        by_default: true,
        flags: BTreeMap::new(),
        presets: BTreeMap::new(),
        args: Vec::new(),
    }
}

/// A handle's resource: `members` → `member`, `entities` → `entity`; other words stay.
fn singular(word: &str) -> String {
    if let Some(stem) = word.strip_suffix("ies") {
        format!("{stem}y")
    } else if word.ends_with("ss") || !word.ends_with('s') {
        word.to_string()
    } else {
        word[..word.len() - 1].to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op(method: &str, path: &str, id: &str) -> Operation {
        Operation {
            id: id.into(),
            rust: id.to_upper_camel_case(),
            method: method.into(),
            path: path.into(),
            ..Operation::default()
        }
    }

    #[test]
    fn the_default_rule_as_the_map_documents_it() {
        let p = default_placement(&op("put", "/organizations/{organization_id}/members/{member_id}", "Members_update"));
        assert_eq!(
            (p.sdk.as_str(), p.builder.as_str(), p.cli.join(" ")),
            ("organization(organization_id).members().update(member_id)", "UpdateMember", "member update".into())
        );
        let p = default_placement(&op("post", "/accounts/{account_id}/move", "Accounts_moveAccounts"));
        assert_eq!(
            (p.sdk.as_str(), p.cli.join(" ")),
            ("account(account_id).move().move_accounts()", "move move-accounts".into())
        );
        let p = default_placement(&op(
            "post",
            "/organizations/{organization_id}/members:batchCreate",
            "Members_batchCreate",
        ));
        assert_eq!((p.builder.as_str(), p.cli.join(" ")), ("BatchCreateMember", "member batch-create".into()));
        let p = default_placement(&op("get", "/user/tenants", "User_listUserTenants"));
        assert_eq!(
            (p.sdk.as_str(), p.cli.join(" ")),
            ("user().tenants().list_user_tenants()", "tenant list-user-tenants".into())
        );
        let p = default_placement(&op("get", "/organizations/{organization_id}/shares", "organization-shares-list"));
        assert_eq!(p.builder, "OrganizationSharesListShare", "an operationId without `_` is the method whole");
        assert!(p.by_default);
        assert_eq!(
            (singular("entities"), singular("access"), singular("usage")),
            ("entity".into(), "access".into(), "usage".into())
        );
    }

    #[test]
    fn the_map_places_what_it_names_and_refuses_what_cannot_be_used() {
        let ops = [op("get", "/orgs", "Orgs_list"), op("get", "/orgs/{id}", "Orgs_get")];
        let map = parse(
            "[[cli.groups]]\nname = \"org\"\nabout = \"Organizations\"\n\
             [operations.\"GET /orgs\"]\nsdk = \"orgs().list()\"\nbuilder = \"ListOrgs\"\ncli = \"org list\"\n",
        )
        .unwrap();
        let surface = place(&map, &ops).unwrap();
        assert_eq!(surface.placements[0].cli, ["org", "list"]);
        assert!(!surface.placements[0].by_default && surface.placements[1].by_default);
        assert_eq!(surface.placements[1].cli, ["org", "get"], "by default, beside it");

        let bad = |entry: &str| {
            let text = format!("[[cli.groups]]\nname = \"org\"\nabout = \"O\"\n[operations.\"GET /orgs\"]\n{entry}");
            place(&parse(&text).unwrap(), &ops).unwrap_err().to_string()
        };
        assert!(
            bad("sdk = \"orgs().list()\"\nbuilder = \"ListOrgs\"\ncli = \"thing list\"")
                .contains("not one of [[cli.groups]]")
        );
        assert!(
            bad("sdk = \"orgs().list()\"\nbuilder = \"list\"\ncli = \"org list\"").contains("not a Rust type name")
        );
        assert!(
            bad("sdk = \"orgs.list\"\nbuilder = \"ListOrgs\"\ncli = \"org list\"").contains("not a chain of calls")
        );
        assert!(
            bad("sdk = \"orgs().list()\"\nbuilder = \"ListOrgs\"\ncli = \"org get\"")
                .contains("are both the command `org get`")
        );
        assert!(
            bad("sdk = \"orgs().list()\"\nbuilder = \"GetOrg\"\ncli = \"org list\"")
                .contains("are both the builder `GetOrg`")
        );
        assert!(
            bad("sdk = \"orgs().list()\"\nbuilder = \"ListOrgs\"\ncli = \"org list\"\nargs = [\"name\"]")
                .contains("argument `name` is no body field of it")
        );
        let gone = parse("[operations.\"GET /gone\"]\nsdk = \"a()\"\nbuilder = \"A\"\ncli = \"a\"\n").unwrap();
        assert!(place(&gone, &ops).unwrap_err().to_string().contains("the spec has no such operation"));
        assert!(parse("[operations.\"GET /orgs\"]\nsdk = \"a()\"\n").unwrap_err().to_string().contains(MAP_PATH));
        assert!(parse("[nope]\n").unwrap_err().to_string().contains("nope"), "unknown keys are refused");
    }
}
