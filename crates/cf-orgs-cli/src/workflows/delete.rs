//! `org delete ID`, before the generated request: what blocks the delete
//! (sub-organizations, accounts, members) is listed, and the delete refused;
//! `--dry-run` shows it without trying.

use cf_orgs::{Client, Page};

use crate::exit::Failure;

/// At most this many of each kind are named (one page of each is asked for).
const SHOWN: u32 = 5;

/// What stands in the way of deleting `org`: a line per kind, naming a few of each.
pub(crate) async fn blockers(client: &Client, org: &str, verbose: bool) -> Result<Vec<String>, Failure> {
    let failed = |e: cf_orgs::Error| Failure::api(&e, verbose);
    let handle = client.organization(org);
    let children = client.organizations().list().parent(org).page_size(SHOWN).send().await.map_err(failed)?;
    let accounts = handle.accounts().list().page_size(SHOWN).send().await.map_err(failed)?;
    let members = handle.members().list().page_size(SHOWN).send().await.map_err(failed)?;
    let kinds = [
        ("sub-organization", named(children, |o| format!("{} ({})", o.name, o.id))),
        ("account", named(accounts, |a| format!("{} ({})", a.name.as_deref().unwrap_or(""), a.id))),
        ("member", named(members, |m| format!("{} ({})", m.user.email, m.id))),
    ];
    Ok(kinds
        .into_iter()
        .filter(|(_, (names, _))| !names.is_empty())
        .map(|(kind, (names, total))| {
            let more = total.saturating_sub(names.len() as u64);
            let more = if more > 0 { format!(", and {more} more") } else { String::new() };
            format!("{}: {}{more}", crate::words::count(total, kind), names.join(", "))
        })
        .collect())
}

/// A first page's items as names, and how many the whole list has (the page's total, else at
/// least one more than the page when another page follows).
fn named<T>(page: Page<T>, name: impl Fn(&T) -> String) -> (Vec<String>, u64) {
    let shown = page.items.len() as u64;
    let total = page.total_size.unwrap_or(shown + u64::from(page.next_page_token.is_some()));
    (page.items.iter().map(name).collect(), total.max(shown))
}
