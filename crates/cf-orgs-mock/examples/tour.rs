//! The tour: the life of an organization, against the embedded mock server.
//!
//! `cargo run --example tour` starts cf-orgs-mock in-process and walks through
//! creating an organization and a sub-organization, setting the profile,
//! adding members, listing with filters and pagination, reading the audit
//! log, and cleaning up (including the refused delete of a non-empty one).
//!
//! With `CLOUDFLARE_API_TOKEN`, or `CLOUDFLARE_EMAIL` and `CLOUDFLARE_API_KEY`,
//! set, it runs only the read-only part, against the real API.

use std::time::Duration;

use cf_orgs::{Client, Credentials, Direction, NewMember, Organization, Profile};
use cf_orgs_mock::MockServer;
use futures::{Stream, TryStreamExt};
use indicatif::{ProgressBar, ProgressStyle};

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

#[tokio::main]
async fn main() -> Result<()> {
    let real = ["CLOUDFLARE_API_TOKEN", "CLOUDFLARE_EMAIL", "CLOUDFLARE_API_KEY"]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
    if real {
        let client = Client::from_env()?;
        println!("Read-only tour of the real API at {}", client.base_url());
        return read_only(&client).await;
    }
    let server = MockServer::start().await;
    println!("cf-orgs-mock is listening on {}", server.base_url());
    let client = Client::builder()
        .credentials(Credentials::global_api_key(&server.mock_credentials().email, &server.mock_credentials().api_key))
        .base_url(server.base_url())
        .build()?;
    lifecycle(&client, &server).await?;
    server.shutdown().await;
    Ok(())
}

fn step(title: &str) {
    println!("\n== {title}");
}

/// Collects a stream with a progress bar sized by the list's `total_size`.
async fn collect_with_progress<T>(
    label: &str,
    total: Option<u64>,
    stream: impl Stream<Item = cf_orgs::Result<T>>,
) -> Result<Vec<T>> {
    let bar = ProgressBar::new(total.unwrap_or(0));
    bar.set_style(ProgressStyle::with_template("   {msg:<12} [{bar:30}] {pos}/{len}")?.progress_chars("=> "));
    bar.set_message(label.to_string());
    let items = stream.inspect_ok(|_| bar.inc(1)).try_collect::<Vec<T>>().await?;
    bar.finish_and_clear();
    println!("   {label}: {} fetched", items.len());
    Ok(items)
}

async fn lifecycle(client: &Client, server: &MockServer) -> Result<()> {
    let orgs = client.organizations();

    step("Create an organization and a sub-organization");
    let acme = orgs.create("Acme").send().await?;
    println!("   created {} ({})", acme.name, acme.id);
    let eu = orgs.create("Acme EU").parent(&acme.id).send().await?;
    println!("   created {} under {}", eu.name, eu.parent.as_ref().map(|p| p.id.as_str()).unwrap_or("-"));

    step("Set the business profile");
    let o = client.organization(&acme.id);
    o.profile()
        .update(
            Profile::new("Acme Corporation")
                .business_email("billing@acme.example")
                .business_phone("+1 555 0100")
                .business_address("1 Main St, Springfield")
                .external_metadata(r#"{"crm":"42"}"#),
        )
        .await?;
    let profile = o.profile().get().with_meta().await?;
    println!(
        "   profile: {} <{}> (cf-ray {})",
        profile.value.business_name,
        profile.value.business_email,
        profile.meta.ray_id().unwrap_or("-")
    );

    step("Add members: one, then a batch");
    let alice = o.members().create("alice@acme.example").status(cf_orgs::NewMemberStatus::Active).send().await?;
    println!("   {} is {}", alice.user.email, alice.status);
    let batch: Vec<NewMember> = (1..=8).map(|i| NewMember::from(format!("engineer{i}@acme.example"))).collect();
    let added = o.members().batch_create(batch).await?;
    println!("   batch added {} members (status {})", added.len(), added[0].status);
    for name in ["Acme Production", "Acme Staging", "Acme Enterprise Sandbox"] {
        server.seed_account(acme.id.as_str(), name);
    }

    step("List with filters and pagination");
    for i in 1..=24 {
        orgs.create(format!("Acme Tenant {i:02}")).parent(&eu.id).send().await?;
    }
    let tenants = orgs.list().parent(&eu.id).name_starts_with("acme tenant").page_size(5);
    let first = tenants.clone().send().await?;
    println!(
        "   first page: {} of {} tenants, next token {:?}",
        first.items.len(),
        first.total_size.unwrap_or(0),
        first.next_page_token.as_deref().map(|t| &t[..8.min(t.len())])
    );
    let all: Vec<Organization> = collect_with_progress("tenants", first.total_size, tenants.stream()).await?;
    println!(
        "   {} … {}",
        all.first().map(|o| o.name.as_str()).unwrap_or("-"),
        all.last().map(|o| o.name.as_str()).unwrap_or("-")
    );
    let members = o.members().list().user_email_starts_with("engineer").page_size(3);
    let total = members.clone().send().await?.total_size;
    collect_with_progress("engineers", total, members.stream()).await?;
    let accounts: Vec<_> = o
        .accounts()
        .list()
        .order_by(cf_orgs::AccountOrder::AccountName)
        .direction(Direction::Asc)
        .stream()
        .try_collect()
        .await?;
    println!(
        "   accounts by name: {}",
        accounts.iter().filter_map(|a| a.name.as_deref()).collect::<Vec<_>>().join(", ")
    );
    let roots: Vec<_> = orgs.list().roots_only().stream().try_collect().await?;
    println!("   root organizations: {}", roots.iter().map(|o| o.name.as_str()).collect::<Vec<_>>().join(", "));

    step("Read the audit log");
    let log = o.audit_logs().list().direction(Direction::Asc).limit(4);
    let entries = collect_with_progress("audit log", Some(server.audit_count() as u64), log.stream()).await?;
    for e in entries.iter().take(4) {
        let action = e.action.clone().unwrap_or_default();
        println!(
            "   {} {:<8} {}",
            action.time.map(|t| t.format("%H:%M:%S").to_string()).unwrap_or_default(),
            action.action_type.unwrap_or_default(),
            action.description.unwrap_or_default()
        );
    }
    println!("   … {} entries for {}", entries.len(), acme.name);

    step("Clean up");
    match orgs.delete(&acme.id).await {
        Err(e) => println!("   refused, as it should be: {e}"),
        Ok(_) => return Err("deleting a non-empty organization succeeded".into()),
    }
    let everyone: Vec<_> = o.members().list().page_size(100).stream().try_collect().await?;
    for m in &everyone {
        o.members().delete(&m.id).await?;
    }
    println!("   removed {} members", everyone.len());
    for tenant in &all {
        orgs.delete(&tenant.id).await?;
    }
    orgs.delete(&eu.id).await?;
    println!("   deleted {} tenants and {}", all.len(), eu.name);
    match orgs.delete(&acme.id).await {
        Err(e) => {
            println!("   still refused while it holds accounts: {}", e.api_errors().first().map_or("", |a| &a.message))
        }
        Ok(_) => return Err("deleting an organization with accounts succeeded".into()),
    }
    println!(
        "\nDone: organizations left on the mock: {} (Acme keeps its seeded accounts); audit entries: {}; creates: {}.",
        server.organization_count(),
        server.audit_count(),
        server.creates()
    );
    Ok(())
}

async fn read_only(client: &Client) -> Result<()> {
    step("Organizations");
    let orgs = client.organizations().list().page_size(50);
    let total = orgs.clone().send().await?.total_size;
    let all = collect_with_progress("organizations", total, orgs.stream()).await?;
    for org in all.iter().take(10) {
        println!("   {} {}", org.id, org.name);
    }
    let Some(first) = all.first() else { return Ok(()) };
    let o = client.organization(&first.id);
    step(&format!("Inside {}", first.name));
    match o.members().list().page_size(100).stream().try_collect::<Vec<_>>().await {
        Ok(members) => println!("   {} members", members.len()),
        Err(e) => println!("   members: {e}"),
    }
    match o.audit_logs().list().limit(100).send().await {
        Ok(page) => println!("   {} audit entries on the first page", page.items.len()),
        Err(e) => println!("   audit logs: {e}"),
    }
    tokio::time::sleep(Duration::from_millis(0)).await;
    Ok(())
}
