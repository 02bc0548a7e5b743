//! Accounts of an organization, by name.
//!
//! `CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… cargo run -p cf-orgs --example accounts -- <organization id>`

use cf_orgs::{AccountOrder, Direction};
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: accounts <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let accounts = client
        .organization(org.as_str())
        .accounts()
        .list()
        .order_by(AccountOrder::AccountName)
        .direction(Direction::Asc);
    let mut accounts = accounts.stream();
    while let Some(a) = accounts.try_next().await? {
        println!("{} {} {:?}", a.id, a.name.as_deref().unwrap_or("-"), a.account_type);
    }
    Ok(())
}
