//! An organization's business profile, and the response metadata beside it.
//!
//! `CLOUDFLARE_EMAIL=… CLOUDFLARE_API_KEY=… cargo run -p cf-orgs --example profile -- <organization id>`

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: profile <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let response = client.organization(org.as_str()).profile().get().with_meta().await?;
    println!("{:#?}", response.value);
    println!("status {} cf-ray {}", response.meta.status, response.meta.ray_id().unwrap_or("-"));
    Ok(())
}
