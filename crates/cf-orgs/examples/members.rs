//! Members: who is in an organization, and in what state.
//!
//! `CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… cargo run -p cf-orgs --example members -- <organization id>`

use cf_orgs::MemberStatus;
use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: members <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let members: Vec<_> =
        client.organization(org.as_str()).members().list().page_size(100).stream().try_collect().await?;
    for m in &members {
        let note = if m.status == MemberStatus::Pending { " (invited)" } else { "" };
        println!("{} {} {}{note}", m.id, m.user.email, m.status);
    }
    println!("{} members", members.len());
    Ok(())
}
