//! The `cf-orgs` binary against cf-orgs-mock: every generated command, `api`, output formats,
//! exit codes, confirmations and dry runs, profiles.

mod common;

use std::collections::BTreeSet;

use cf_orgs::generated::operations::Operation;
use cf_orgs_mock::MockServer;
use common::{Cli, TempDir, lines};
use serde_json::{Value, json};

/// `GROUP set ID` with every field of a profile named `name`.
fn profile_set<'a>(group: &'a str, id: &'a str, name: &'a str) -> [&'a str; 13] {
    [
        group,
        "set",
        id,
        "--business-name",
        name,
        "--business-email",
        "ops@acme.example",
        "--business-phone",
        "+1 555",
        "--business-address",
        "1 Main St",
        "--external-metadata",
        "{}",
    ]
}

/// The mock's journal's name of an operation's route.
fn route_of(op: Operation) -> String {
    format!("{} {}", op.method(), op.path_template())
}

#[tokio::test(flavor = "multi_thread")]
async fn every_generated_command_runs_once_at_least() {
    let server = MockServer::start().await;
    let dir = TempDir::new("every");
    let cli = Cli::new(&server, &dir.0);
    let acme = cli.json(&["org", "create", "Acme"]);
    let id = acme["id"].as_str().unwrap().to_string();
    let id = id.as_str();
    assert_eq!(cli.json(&["org", "get", id])["name"], "Acme");
    assert_eq!(cli.json(&["org", "update", id, "--name", "Acme Corp"])["name"], "Acme Corp");
    assert_eq!(cli.json(&["org", "list", "--name-starts-with", "Acme"]).as_array().unwrap().len(), 1);
    server.seed_account(id, "Prod");
    assert_eq!(cli.json(&["account", "list", id])[0]["name"], "Prod");
    let added = cli.json(&["member", "add", id, "a@acme.example", "--status", "active"]);
    let member = added["id"].as_str().unwrap().to_string();
    assert_eq!(cli.json(&["member", "get", id, &member])["user"]["email"], "a@acme.example");
    let batch = cli.run(
        &["member", "add-batch", id, "--body", "-", "-o", "json"],
        Some(r#"{"members": [{"user": {"email": "b@acme.example"}}, {"user": {"email": "c@acme.example"}}]}"#),
    );
    assert!(batch.status.success(), "{}", String::from_utf8_lossy(&batch.stderr));
    assert_eq!(cli.json(&["member", "list", id, "--status", "pending"]).as_array().unwrap().len(), 2);
    cli.text(&["member", "remove", id, &member, "--yes"]);
    cli.text(&profile_set("profile", id, "Acme"));
    assert_eq!(cli.json(&["profile", "get", id])["business_name"], "Acme");
    server.seed_share(id, json!({
        "id": format!("{:032x}", 1), "name": "share-1", "account_id": "023e105f4ecef8ad9ca31a8372d0c353",
        "account_name": "Prod", "organization_id": id, "created": "2025-01-01T00:00:00Z", "modified": "2025-01-01T00:00:00Z",
        "status": "active", "target_type": "account", "kind": "sent", "resources": []
    }));
    assert_eq!(cli.json(&["share", "list", id]).as_array().unwrap().len(), 1);
    server.seed_usage(id, [json!({
        "ServiceProviderName": "Cloudflare", "InvoiceIssuerName": "Cloudflare, Inc.", "HostProviderName": "Cloudflare",
        "BillingAccountId": "023e105f4ecef8ad9ca31a8372d0c353", "BillingAccountName": "Prod",
        "ChargePeriodStart": "2026-11-02T00:00:00Z", "ChargePeriodEnd": "2026-11-03T00:00:00Z",
        "x_BillableMetricId": "requests", "x_BillableMetricName": "Requests", "ChargeCategory": "Usage",
        "ChargeFrequency": "Usage-Based", "ChargeDescription": "Workers requests", "ConsumedQuantity": 1000, "ConsumedUnit": "Requests"
    })]);
    let usage = cli.text(&["usage", id, "--from", "2026-11-01", "--to", "2026-11-30", "-o", "csv"]);
    assert_eq!(
        usage.lines().next().unwrap(),
        "ChargePeriodStart,ServiceProviderName,ChargeDescription,ConsumedQuantity,ConsumedUnit,BilledCost,BillingCurrency"
    );
    assert!(usage.contains(",Workers requests,1000"), "{usage}");
    let audit = cli.json(&["audit", "list", id, "--since", "2000-01-01", "--before", "2100-01-01"]);
    let entry = &audit[0];
    let history = cli.json(&[
        "audit",
        "history",
        id,
        entry["id"].as_str().unwrap(),
        "--action-time",
        entry["action"]["time"].as_str().unwrap(),
        "--since",
        "2000-01-01",
        "--before",
        "2100-01-01",
    ]);
    assert!(history.is_array(), "{history}");
    // Everything under it goes first; then the organization.
    for m in cli.text(&["member", "list", id, "-q"]).lines() {
        cli.text(&["member", "remove", id, m, "--yes"]);
    }
    let (code, stderr) = cli.fails(&["org", "delete", id, "--yes"]);
    assert_eq!(code, 1, "the account blocks it: {stderr}");
    assert!(stderr.contains("1 account: Prod"), "{stderr}");
    // Accounts move: into a sub-organization, the chain of organizations root first.
    let prod = cli.json(&["account", "list", id])[0]["id"].as_str().unwrap().to_string();
    let sub = cli.json(&["org", "create", "Acme EU", "--parent", id]);
    let sub = sub["id"].as_str().unwrap();
    let chain = |account: &str| -> Vec<String> {
        let orgs = cli.json(&["account", "orgs", account]);
        orgs.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(chain(&prod), ["Acme Corp"]);
    let moved = cli.json(&["account", "move", &prod, "--to", sub]);
    assert_eq!(
        (moved["source_organization_id"].as_str(), moved["destination_organization_id"].as_str()),
        (Some(id), Some(sub))
    );
    assert_eq!(chain(&prod), ["Acme Corp", "Acme EU"]);
    let batch = cli.run(
        &["account", "move-batch", "--body", "-"],
        Some(&json!({ "account_ids": [prod], "destination_organization_id": id }).to_string()),
    );
    assert!(!batch.status.success(), "not implemented upstream, nor in the mock");
    assert!(String::from_utf8_lossy(&batch.stderr).contains("not implemented"), "{batch:?}");
    cli.text(&profile_set("account-profile", &prod, "Prod"));
    assert_eq!(cli.json(&["account-profile", "get", &prod])["business_name"], "Prod");
    // Tenants, as fixtures give them.
    let tenant = json!({ "tenants": [{
        "tenant": { "tenant_tag": "t1", "tenant_name": "Globex", "tenant_labels": [], "tenant_type": "mssp",
                    "tenant_status": "active", "tenant_metadata": {}, "tenant_contacts": { "email": "ops@globex.example" },
                    "cdate": "2026-01-01T00:00:00Z", "edate": "2026-01-01T00:00:00Z", "tenant_network": {}, "tenant_units": [] },
        "accounts": [prod],
        "memberships": [{ "user_tag": "u1", "user_email": "ann@globex.example", "user_name": "Ann" }]
    }]});
    server.load_fixtures(tenant.to_string().as_bytes()).unwrap();
    assert_eq!(cli.json(&["tenant", "list"])[0]["name"], "Globex");
    assert_eq!(cli.json(&["tenant", "get", "t1"])["tenant_name"], "Globex");
    assert_eq!(cli.json(&["tenant", "accounts", "t1"])[0]["id"].as_str(), Some(prod.as_str()));
    assert_eq!(cli.json(&["tenant", "memberships", "t1"])[0]["user_email"], "ann@globex.example");
    assert_eq!(cli.json(&["tenant", "account-types", "t1"]), json!(["standard", "enterprise"]));
    assert_eq!(cli.json(&["tenant", "entitlements", "t1"])["allow_add_subdomain"]["value"], false);
    let (code, stderr) = cli.fails(&["tenant", "get", "nope"]);
    assert_eq!(code, 3, "not found: {stderr}");
    let routes: BTreeSet<String> = server.exchanges().into_iter().map(|e| e.route).collect();
    let missing: Vec<String> = Operation::ALL
        .iter()
        .map(|op| route_of(*op))
        .filter(|route| !routes.contains(route) && *route != route_of(Operation::OrganizationsDelete))
        .collect();
    assert!(missing.is_empty(), "no command sent {missing:?}");
    let empty = cli.json(&["org", "create", "Empty"]);
    let gone = cli.json(&["org", "delete", empty["id"].as_str().unwrap(), "--yes"]);
    assert_eq!(gone["id"], empty["id"]);
    assert!(server.strict_violations().is_empty(), "{:?}", server.strict_violations());
}

#[tokio::test(flavor = "multi_thread")]
async fn a_body_that_is_not_the_operations_is_refused_before_sending() {
    let server = MockServer::start().await;
    let dir = TempDir::new("body");
    let cli = Cli::new(&server, &dir.0);
    let out = cli.run(&["org", "create", "--body", "-"], Some("{}"));
    assert_eq!(out.status.code(), Some(2), "a body without the required name is not the operation's body");
    assert!(String::from_utf8_lossy(&out.stderr).contains("--body -"), "{}", String::from_utf8_lossy(&out.stderr));
    let (code, stderr) = cli.fails(&["profile", "set", "x", "--business-name", "Acme"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("missing field `business_address`") && stderr.contains("--business-email"), "{stderr}");
    let (code, _) = cli.fails(&["org", "create", "A", "--body", "-"]);
    assert_eq!(code, 2, "flags or --body, not both");
    assert_eq!(server.organization_count(), 0, "nothing was sent");
}

#[tokio::test(flavor = "multi_thread")]
async fn each_output_format() {
    let server = MockServer::start().await;
    let dir = TempDir::new("formats");
    let cli = Cli::new(&server, &dir.0);
    let parent = cli.text(&["org", "create", "Acme", "-q"]);
    let parent = parent.trim();
    cli.text(&["org", "create", "Acme EU", "--parent", parent]);
    // Piped, a table is tab-separated: a header row, then a row each.
    let table = cli.text(&["org", "list"]);
    let rows: Vec<Vec<&str>> = table.lines().map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows[0], ["id", "name", "parent.id", "create_time"]);
    assert_eq!((rows.len(), rows[1][1], rows[2][2]), (3, "Acme", parent));
    assert_eq!(cli.text(&["org", "list", "--no-headers"]).lines().count(), 2);
    let csv = cli.text(&["org", "list", "-o", "csv", "--fields", "name,parent.id"]);
    assert_eq!(csv, format!("name,parent.id\nAcme,\nAcme EU,{parent}\n"));
    let json = cli.json(&["org", "list", "--fields", "name,parent.id"]);
    assert_eq!(json, json!([{"name": "Acme", "parent": {"id": null}}, {"name": "Acme EU", "parent": {"id": parent}}]));
    let jsonl = lines(&cli.text(&["org", "list", "-o", "jsonl"]));
    assert_eq!(jsonl.len(), 2);
    let yaml: Value = serde_yaml_ng::from_str(&cli.text(&["org", "list", "-o", "yaml"])).unwrap();
    assert_eq!(yaml[1]["parent"]["id"], parent);
    assert_eq!(cli.text(&["org", "list", "-q"]).lines().count(), 2);
    assert_eq!(cli.text(&["org", "get", parent, "-q"]).trim(), parent);
    let one = cli.text(&["org", "get", parent]);
    assert!(one.starts_with(&format!("id\t{parent}\nname\tAcme\n")), "a field per row: {one}");
    let fields = cli.text(&["member", "list", parent, "--fields"]);
    assert!(fields.lines().any(|f| f == "user.email"), "the spec's fields: {fields}");
    assert_eq!(cli.text(&["org", "list", "--roots", "-q"]).trim(), parent, "--roots is parent.id=null");
    let tree = cli.text(&["org", "tree"]);
    assert_eq!(
        tree,
        format!("Acme ({parent})\n└── Acme EU ({})\n", cli.text(&["org", "list", "-q"]).lines().nth(1).unwrap())
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn exit_codes_say_what_went_wrong() {
    let server = MockServer::start().await;
    let dir = TempDir::new("exits");
    let cli = Cli::new(&server, &dir.0);
    let (code, stderr) = cli.fails(&["org", "get", "0000"]);
    assert_eq!(code, 3, "{stderr}");
    assert!(
        stderr.starts_with("error: 404 1003") && stderr.contains("cf-ray"),
        "one line, status, code, ray: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    let (code, stderr) = cli.fails(&["org", "list", "--page-size", "lots"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--page-size \"lots\""), "{stderr}");
    let (code, _) = cli.fails(&["org", "frobnicate"]);
    assert_eq!(code, 2, "clap's usage error");
    let (code, stderr) = Cli::new(&server, &dir.0).env("CLOUDFLARE_API_KEY", "wrong-key").fails(&["org", "list"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.starts_with("error: 403") && !stderr.contains("wrong-key"), "no secret in the error: {stderr}");
    // A token cannot call what the spec gives to email + key only: the API's 403.
    let token = &server.mock_credentials().api_token;
    let (code, stderr) = Cli::new(&server, &dir.0)
        .without_credentials()
        .env("CLOUDFLARE_API_TOKEN", token)
        .fails(&["member", "list", "x"]);
    assert_eq!(code, 4, "{stderr}");
    let (code, stderr) = Cli::new(&server, &dir.0).without_credentials().fails(&["org", "list"]);
    assert_eq!(code, 4, "no credentials at all: {stderr}");
    // 1: an error that is none of those (an organization with things under it).
    let org = cli.text(&["org", "create", "Busy", "-q"]);
    cli.text(&["org", "create", "Child", "--parent-id", org.trim()]);
    assert_eq!(cli.fails(&["org", "delete", org.trim(), "--yes"]).0, 1);
    // 6: a bulk command some of whose rows failed (here every batch is answered 503).
    let people = dir.0.join("people.csv");
    std::fs::write(&people, "a@busy.example\nb@busy.example\n").unwrap();
    let batch = cf_orgs::generated::operations::Operation::MembersBatchCreate;
    let unavailable = cf_orgs_mock::Faults { server_error: 1.0, ..Default::default() };
    server.set_faults(cf_orgs_mock::FaultPlan::default().route(route_of(batch), unavailable));
    let out = cli.run(&["member", "import", org.trim(), people.to_str().unwrap()], None);
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    let results = lines(&String::from_utf8(out.stdout).unwrap());
    assert!(
        results.len() == 2
            && results.iter().all(|r| r["status"] == "failed" && r["error"].as_str().unwrap().starts_with("503")),
        "{results:?}"
    );
    // 5: still rate-limited after the client's retries.
    server.set_faults(cf_orgs_mock::FaultPlan::global(cf_orgs_mock::Faults {
        rate_limit: 1.0,
        retry_after: std::time::Duration::from_millis(1),
        ..Default::default()
    }));
    let (code, stderr) = cli.fails(&["org", "list"]);
    assert_eq!(code, 5, "{stderr}");
    assert!(stderr.starts_with("error: 429"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn deletes_ask_first_and_dry_runs_send_nothing() {
    let server = MockServer::start().await;
    let dir = TempDir::new("safety");
    let cli = Cli::new(&server, &dir.0);
    let org = cli.text(&["org", "create", "Acme", "-q"]);
    let org = org.trim();
    let member = cli.text(&["member", "add", org, "a@acme.example", "-q"]);
    let member = member.trim();
    // No terminal to ask on, no --yes: refused, exit 2, nothing sent.
    let before = server.exchanges().len();
    let (code, stderr) = cli.fails(&["member", "remove", org, member]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--yes"), "{stderr}");
    assert_eq!(server.member_count(org), 1);
    assert_eq!(server.exchanges().len(), before, "nothing was sent");
    // A dry run prints the request, credentials as ***, and sends nothing.
    let preview = cli.text(&["member", "add", org, "b@acme.example", "--dry-run"]);
    assert!(preview.starts_with(&format!("POST {}/organizations/{org}/members\n", cli.base_url)), "{preview}");
    assert!(preview.contains("x-auth-key: ***") && !preview.contains(&cli.key), "{preview}");
    assert!(preview.contains("\"email\": \"b@acme.example\""), "{preview}");
    let raw = cli.run(&["api", "POST", "/organizations", "--body", "-", "--dry-run"], Some(r#"{"name": "X"}"#));
    let raw = String::from_utf8(raw.stdout).unwrap();
    assert!(raw.starts_with("POST ") && raw.contains("\"name\": \"X\""), "{raw}");
    let delete = cli.text(&["org", "delete", org, "--dry-run"]);
    assert!(delete.starts_with("DELETE "), "{delete}");
    assert_eq!(server.exchanges().len(), before + 3, "the delete's dry run lists its blockers (GETs), nothing else");
    assert_eq!((server.member_count(org), server.organization_count()), (1, 1));
    cli.text(&["member", "remove", org, member, "--yes"]);
    assert_eq!(server.member_count(org), 0);
    let (code, _) = cli.fails(&["api", "DELETE", &format!("/organizations/{org}")]);
    assert_eq!(code, 2, "a raw DELETE asks too");
}

#[tokio::test(flavor = "multi_thread")]
async fn profiles_are_private_and_never_show_their_secret() {
    use std::os::unix::fs::PermissionsExt;
    let server = MockServer::start().await;
    let dir = TempDir::new("profiles");
    let cli = Cli::new(&server, &dir.0).without_credentials();
    let login =
        cli.run(&["auth", "login", "--mode", "api-key", "--email", &cli.email], Some(&format!("{}\n", cli.key)));
    assert!(login.status.success(), "{}", String::from_utf8_lossy(&login.stderr));
    let file = dir.path("profiles.toml");
    assert_eq!(std::fs::metadata(&file).unwrap().permissions().mode() & 0o777, 0o600);
    cli.text(&["org", "create", "Acme"]);
    let status = cli.text(&["auth", "status"]);
    assert!(status.contains("global_api_key") && status.contains(&cli.email), "{status}");
    assert!(!status.contains(&cli.key), "{status}");
    let token = server.mock_credentials().api_token.clone();
    let login = cli.run(&["auth", "login", "--profile", "reader"], Some(&token));
    assert!(login.status.success());
    let reader = cli.json(&["auth", "status", "--profile", "reader"]);
    assert_eq!(reader["mode"], "api_token");
    let callable: Vec<&str> = reader["operations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["callable"] == true)
        .map(|o| o["operation"].as_str().unwrap())
        .collect();
    assert!(
        callable.contains(&"Organization_listOrganizations") && !callable.contains(&"Members_list"),
        "{callable:?}"
    );
    assert!(!reader.to_string().contains(&token));
    assert_eq!(cli.text(&["org", "list", "--profile", "reader", "-q"]).lines().count(), 1);
    let (code, stderr) = cli.fails(&["org", "list", "--profile", "nobody"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("reader") && stderr.contains("default"), "names the profiles there are: {stderr}");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let (code, stderr) = cli.fails(&["org", "list"]);
    assert_eq!(code, 4, "{stderr}");
    assert!(stderr.contains("readable by others") && stderr.contains("644"), "{stderr}");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    cli.text(&["auth", "logout", "--profile", "reader"]);
    assert_eq!(cli.fails(&["auth", "status", "--profile", "reader"]).0, 2);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(!text.contains(&token), "logout removed the secret");
    assert_eq!(cli.fails(&["auth", "login", "--mode", "api-key"]).0, 2, "api-key needs --email");
}

#[tokio::test(flavor = "multi_thread")]
async fn api_calls_any_path_and_follows_pages() {
    let server = MockServer::start().await;
    let dir = TempDir::new("api");
    let cli = Cli::new(&server, &dir.0);
    for name in ["A", "B", "C"] {
        let out = cli.run(&["api", "POST", "/organizations", "--body", "-"], Some(&format!(r#"{{"name": "{name}"}}"#)));
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let one_page = cli.json(&["api", "GET", "/organizations", "-F", "page_size=2"]);
    assert_eq!(one_page.as_array().unwrap().len(), 2);
    let out = cli.text(&["api", "get", "/organizations", "-F", "page_size=2", "--paginate", "-o", "jsonl"]);
    let names: Vec<String> = lines(&out).iter().map(|l| l["name"].as_str().unwrap().to_string()).collect();
    assert_eq!(names, ["A", "B", "C"], "every page, in order");
    let (code, stderr) = cli.fails(&["api", "GET", "/../elsewhere"]);
    assert_eq!(code, 2, "{stderr}");
    let (code, _) = cli.fails(&["api", "BREW", "/organizations"]);
    assert_eq!(code, 2);
}

#[test]
fn help_completions_and_the_man_page() {
    let server_less =
        |args: &[&str]| std::process::Command::new(env!("CARGO_BIN_EXE_cf-orgs")).args(args).output().unwrap();
    let help = String::from_utf8(server_less(&["audit", "list", "--help"]).stdout).unwrap();
    for wanted in [
        "--action-type-not",
        "--since <DATE>",
        "Credentials:",
        "[repeatable]",
        "GET /organizations/{organization_id}/logs/audit",
    ] {
        assert!(help.contains(wanted), "{wanted} in:\n{help}");
    }
    let top = String::from_utf8(server_less(&["--help"]).stdout).unwrap();
    assert!(
        top.contains("EXIT CODES") && top.contains("6 partial failure") && top.contains("130 interrupted"),
        "{top}"
    );
    let version = server_less(&["--version"]);
    assert_eq!(String::from_utf8_lossy(&version.stdout).trim(), format!("cf-orgs {}", env!("CARGO_PKG_VERSION")));
    for shell in ["bash", "zsh", "fish"] {
        let script = String::from_utf8(server_less(&["completion", shell]).stdout).unwrap();
        assert!(script.contains("cf-orgs") && script.contains("import"), "{shell}: {script:.200}");
    }
    let man = String::from_utf8(server_less(&["man"]).stdout).unwrap();
    assert!(man.starts_with(".ie") && man.contains(".TH cf-orgs 1"), "{man:.200}");
}

#[tokio::test(flavor = "multi_thread")]
async fn lists_follow_every_page_unless_told() {
    let server = MockServer::start().await;
    let dir = TempDir::new("pages");
    let cli = Cli::new(&server, &dir.0);
    let client = cf_orgs_testing::mock_client(&server);
    let org = client.organizations().create("Paged").send().await.unwrap();
    for n in 0..5 {
        client.organization(&org.id).members().create(format!("m{n}@example.com")).send().await.unwrap();
    }
    let id = org.id.as_str();
    let all = cli.json(&["member", "list", id, "--page-size", "2"]);
    assert_eq!(all.as_array().unwrap().len(), 5, "three pages, one array: {all}");
    let capped = cli.text(&["member", "list", id, "--page-size", "2", "--limit", "3", "-o", "jsonl"]);
    assert_eq!(capped.lines().count(), 3);
    let first = cli.json(&["member", "list", id, "--page-size", "2", "--no-paginate"]);
    assert_eq!(first.as_array().unwrap().len(), 2);
    // The audit log pages by cursor; its spec's `limit` is the page size there too.
    let audit = cli.json(&["audit", "list", id, "--since", "2000-01-01", "--before", "2100-01-01", "--page-size", "2"]);
    assert_eq!(audit.as_array().unwrap().len(), 6, "the create and five adds: {audit}");
    let none = cli.json(&["member", "list", id, "--user-email", "nobody@example.com"]);
    assert_eq!(none, json!([]));
    let pages = server.exchanges().iter().filter(|e| e.route == "GET /organizations/{organization_id}/members").count();
    assert_eq!(pages, 3 + 2 + 1 + 1, "--limit 3 stops after the second page of two");
}
