//! Organizations: list the roots, then walk one level down.
//!
//! `CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… cargo run -p cf-orgs --example organizations`

use futures::TryStreamExt;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let client = cf_orgs::Client::from_env()?;
    let roots: Vec<_> = client.organizations().list().roots_only().page_size(100).stream().try_collect().await?;
    for root in &roots {
        println!("{} {}", root.id, root.name);
        let mut children = client.organizations().list().parent(&root.id).stream();
        while let Some(child) = children.try_next().await? {
            println!("  └ {} {}", child.id, child.name);
        }
    }
    Ok(())
}
