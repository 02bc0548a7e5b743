//! Resource shares an organization sent.
//!
//! `CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… cargo run -p cf-orgs --example shares -- <organization id>`

use cf_orgs::ShareKind;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: shares <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let shares: Vec<_> = client
        .organization(org.as_str())
        .shares()
        .list()
        .kind(ShareKind::Sent)
        .per_page(100)
        .stream()
        .try_collect()
        .await?;
    for s in shares {
        println!("{} {} ({}) from {}", s.id, s.name, s.status, s.account_name);
    }
    Ok(())
}
