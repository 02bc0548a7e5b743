//! `cf-orgs org tree [ROOT]`: the hierarchy under a root (or under every root
//! organization), built on `organizations().descendants()`; `--counts` adds
//! each node's accounts and members. An indented tree, or nested JSON/YAML.

use std::collections::HashMap;
use std::io::Write;

use cf_orgs::{Client, Organization, OrganizationId};
use clap::{Arg, ArgAction, ArgMatches, Command};
use futures_util::{StreamExt, TryStreamExt};
use serde_json::{Value, json};

use crate::context::Context;
use crate::exit::Failure;
use crate::output::Format;

pub(crate) fn command() -> Command {
    Command::new("tree")
        .about("The organization hierarchy as an indented tree (nested JSON with -o json)")
        .arg(Arg::new("root").value_name("ROOT").help("The organization at the top (default: every root organization)"))
        .arg(Arg::new("counts").long("counts").action(ArgAction::SetTrue).help("Each node's accounts and members too"))
}

/// One organization and what is under it.
struct Node {
    org: Organization,
    counts: Option<(u64, u64)>,
    children: Vec<Node>,
}

pub(crate) async fn run(ctx: &Context, m: &ArgMatches) -> Result<(), Failure> {
    let client = ctx.client()?;
    let failed = |e: cf_orgs::Error| Failure::api(&e, ctx.verbose);
    let roots: Vec<Organization> = match m.get_one::<String>("root") {
        Some(id) => vec![client.organizations().get(id.as_str()).await.map_err(failed)?],
        None => client.organizations().list().roots_only().stream().try_collect().await.map_err(failed)?,
    };
    let counts = m.get_flag("counts");
    let mut trees = Vec::new();
    for root in roots {
        let below: Vec<Organization> =
            client.organizations().descendants(&root.id).try_collect().await.map_err(failed)?;
        let mut node = build(root, below);
        if counts {
            count(&client, &mut node).await.map_err(failed)?;
        }
        trees.push(node);
    }
    let shape = ctx.shape(Format::Table);
    if shape.jq.is_some() {
        // --jq sees the trees as -o json has them: each root, nested.
        let value = Value::Array(trees.iter().map(nested).collect());
        return ctx.printer(&[]).one(&value).map_err(Failure::stdout);
    }
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let written = match shape.format {
        _ if shape.quiet => trees.iter().try_for_each(|t| ids(t, &mut out)),
        Format::Json | Format::Yaml => {
            let value = Value::Array(trees.iter().map(nested).collect());
            if shape.format == Format::Yaml {
                let text = serde_yaml_ng::to_string(&value).map_err(std::io::Error::other);
                text.and_then(|t| out.write_all(t.as_bytes()))
            } else if shape.terminal {
                writeln!(out, "{}", serde_json::to_string_pretty(&value).unwrap_or_default())
            } else {
                writeln!(out, "{value}")
            }
        }
        // A line per node, its parent named: for a pipe or a spreadsheet.
        Format::Jsonl | Format::Csv => {
            let mut rows = Vec::new();
            trees.iter().for_each(|t| flat(t, None, 0, &mut rows));
            let columns: &[&str] = if counts {
                &["id", "name", "parent", "depth", "accounts", "members"]
            } else {
                &["id", "name", "parent", "depth"]
            };
            let mut printer = ctx.printer(columns);
            rows.iter().try_for_each(|r| printer.item(r)).and_then(|()| printer.end())
        }
        Format::Table => trees.iter().try_for_each(|t| draw(t, "", None, &mut out)),
    };
    written.and_then(|()| out.flush()).map_err(Failure::stdout)
}

/// The tree of `root` from the organizations under it (each names its parent).
fn build(root: Organization, below: Vec<Organization>) -> Node {
    let mut children: HashMap<OrganizationId, Vec<Organization>> = HashMap::new();
    for org in below {
        if let Some(parent) = org.parent.as_ref().map(|p| p.id.clone()) {
            children.entry(parent).or_default().push(org);
        }
    }
    fn attach(org: Organization, children: &mut HashMap<OrganizationId, Vec<Organization>>) -> Node {
        let kids = children.remove(&org.id).unwrap_or_default();
        Node { org, counts: None, children: kids.into_iter().map(|k| attach(k, children)).collect() }
    }
    attach(root, &mut children)
}

/// Fills in each node's accounts and members, four organizations at a time.
async fn count(client: &Client, root: &mut Node) -> cf_orgs::Result<()> {
    let mut ids = Vec::new();
    fn collect(node: &Node, out: &mut Vec<OrganizationId>) {
        out.push(node.org.id.clone());
        node.children.iter().for_each(|c| collect(c, out));
    }
    collect(root, &mut ids);
    let counted: Vec<(OrganizationId, (u64, u64))> = futures_util::stream::iter(ids)
        .map(|id| {
            let org = client.organization(&id);
            async move {
                let accounts = org.accounts().list().page_size(1).send().await?;
                let accounts = match accounts.total_size {
                    Some(n) => n,
                    None => org.accounts().list().stream().try_fold(0u64, |n, _| async move { Ok(n + 1) }).await?,
                };
                let members = org.members().list().page_size(1).send().await?;
                let members = match members.total_size {
                    Some(n) => n,
                    None => org.members().list().stream().try_fold(0u64, |n, _| async move { Ok(n + 1) }).await?,
                };
                Ok::<_, cf_orgs::Error>((id, (accounts, members)))
            }
        })
        .buffered(4)
        .try_collect()
        .await?;
    let counted: HashMap<OrganizationId, (u64, u64)> = counted.into_iter().collect();
    fn fill(node: &mut Node, counted: &HashMap<OrganizationId, (u64, u64)>) {
        node.counts = counted.get(&node.org.id).copied();
        node.children.iter_mut().for_each(|c| fill(c, counted));
    }
    fill(root, &counted);
    Ok(())
}

fn label(node: &Node) -> String {
    let mut text = format!("{} ({})", node.org.name, node.org.id);
    if let Some((accounts, members)) = node.counts {
        text.push_str(&format!("  accounts: {accounts}, members: {members}"));
    }
    text
}

/// `├── child` lines under `prefix`; `last` is whether the node ends its parent's list (none for a root).
fn draw(node: &Node, prefix: &str, last: Option<bool>, out: &mut impl Write) -> std::io::Result<()> {
    let (branch, below) = match last {
        None => ("", String::new()),
        Some(true) => ("└── ", format!("{prefix}    ")),
        Some(false) => ("├── ", format!("{prefix}│   ")),
    };
    writeln!(out, "{prefix}{branch}{}", label(node))?;
    let n = node.children.len();
    for (i, child) in node.children.iter().enumerate() {
        draw(child, &below, Some(i + 1 == n), out)?;
    }
    Ok(())
}

fn ids(node: &Node, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", node.org.id)?;
    node.children.iter().try_for_each(|c| ids(c, out))
}

fn nested(node: &Node) -> Value {
    let mut value = json!({ "id": node.org.id.as_str(), "name": node.org.name });
    if let Some((accounts, members)) = node.counts {
        value["accounts"] = accounts.into();
        value["members"] = members.into();
    }
    value["children"] = Value::Array(node.children.iter().map(nested).collect());
    value
}

fn flat(node: &Node, parent: Option<&str>, depth: u64, rows: &mut Vec<Value>) {
    let mut row = json!({ "id": node.org.id.as_str(), "name": node.org.name, "parent": parent, "depth": depth });
    if let Some((accounts, members)) = node.counts {
        row["accounts"] = accounts.into();
        row["members"] = members.into();
    }
    rows.push(row);
    node.children.iter().for_each(|c| flat(c, Some(node.org.id.as_str()), depth + 1, rows));
}
