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
        let metric = r.other.get("x_BillableMetricName").and_then(|v| v.as_str()).unwrap_or("?").to_string();
        *totals.entry(format!("{metric} ({})", r.consumed_unit.unwrap_or_default())).or_default() +=
            r.consumed_quantity.unwrap_or(0.0);
    }
    for (metric, total) in totals {
        println!("{metric}: {total}");
    }
    Ok(())
}
