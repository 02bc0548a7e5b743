//! `org delete ID`, before the generated request: what blocks the delete
//! (sub-organizations, accounts, members) is listed, and the delete refused;
//! `--dry-run` shows it without trying.

use cf_orgs::Client;
use futures_util::TryStreamExt;

use crate::exit::Failure;

/// At most this many of each kind are named.
const SHOWN: usize = 5;

/// What stands in the way of deleting `org`: a line per kind, naming a few of each.
pub(crate) async fn blockers(client: &Client, org: &str, verbose: bool) -> Result<Vec<String>, Failure> {
    let failed = |e: cf_orgs::Error| Failure::api(&e, verbose);
    let handle = client.organization(org);
    let children: Vec<String> = client
        .organizations()
        .list()
        .parent(org)
        .stream()
        .map_ok(|o| format!("{} ({})", o.name, o.id))
        .try_collect()
        .await
        .map_err(failed)?;
    let accounts: Vec<String> = handle
        .accounts()
        .list()
        .stream()
        .map_ok(|a| format!("{} ({})", a.name.unwrap_or_default(), a.id))
        .try_collect()
        .await
        .map_err(failed)?;
    let members: Vec<String> = handle
        .members()
        .list()
        .stream()
        .map_ok(|m| format!("{} ({})", m.user.email, m.id))
        .try_collect()
        .await
        .map_err(failed)?;
    let mut out = Vec::new();
    for (kind, names) in [("sub-organizations", children), ("accounts", accounts), ("members", members)] {
        if names.is_empty() {
            continue;
        }
        let more = if names.len() > SHOWN { format!(", and {} more", names.len() - SHOWN) } else { String::new() };
        let shown: Vec<&str> = names.iter().take(SHOWN).map(String::as_str).collect();
        out.push(format!("{} {kind}: {}{more}", names.len(), shown.join(", ")));
    }
    Ok(out)
}
