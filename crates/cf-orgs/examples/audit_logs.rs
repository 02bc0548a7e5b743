//! The last week of failed actions in an organization's audit log.
//!
//! `CLOUDFLARE_API_TOKEN=… cargo run -p cf-orgs --example audit_logs -- <organization id>`

use chrono::{Days, Utc};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: audit_logs <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let today = Utc::now().date_naive();
    let since = today.checked_sub_days(Days::new(7)).unwrap_or(today);
    let logs = client.organization(org.as_str()).audit_logs().list().since(since).action_result("failure").limit(500);
    let mut logs = logs.stream();
    while let Some(entry) = logs.try_next().await? {
        let action = entry.action.unwrap_or_default();
        let actor = entry.actor.unwrap_or_default();
        println!("{:?} {:?} by {:?}", action.time, action.description, actor.email);
    }
    Ok(())
}
