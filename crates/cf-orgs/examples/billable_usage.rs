//! This month's billable usage of an organization, summed by metric.
//!
//! `CLOUDFLARE_API_TOKEN=… cargo run -p cf-orgs --example billable_usage -- <organization id>`

use std::collections::BTreeMap;

#[tokio::main]
async fn main() -> cf_orgs::Result<()> {
    let org = std::env::args().nth(1).expect("usage: billable_usage <organization id>");
    let client = cf_orgs::Client::from_env()?;
    let records = client.organization(org.as_str()).billable_usage(..).await?;
    let mut totals: BTreeMap<String, f64> = BTreeMap::new();
    for r in records {
        *totals.entry(format!("{} ({})", r.x_billable_metric_name, r.consumed_unit)).or_default() +=
            r.consumed_quantity;
    }
    for (metric, total) in totals {
        println!("{metric}: {total}");
    }
    Ok(())
}
