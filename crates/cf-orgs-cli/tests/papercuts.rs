//! What an operator trips on, against cf-orgs-mock: one reading of every date flag, the default
//! windows said on standard error, arguments where the map names them, and `--jq`.

mod common;

use cf_orgs_mock::MockServer;
use chrono::{Datelike, Days, Utc};
use common::{Cli, TempDir};

/// A mock with one organization, Acme, and the CLI pointed at it (the server and the directory
/// live as long as it is bound).
struct Acme {
    server: MockServer,
    dir: TempDir,
    cli: Cli,
    org: String,
}

impl Acme {
    async fn start(name: &str) -> Self {
        let server = MockServer::start().await;
        let dir = TempDir::new(name);
        let cli = Cli::new(&server, &dir.0);
        let org = cli.text(&["org", "create", "Acme", "-q"]).trim().to_string();
        Self { server, dir, cli, org }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn every_date_flag_reads_dates_times_and_times_back() {
    let Acme { server: _server, dir: _dir, cli, org } = Acme::start("dates").await;
    cli.text(&["member", "add", &org, "a@acme.example"]);
    let today = Utc::now().date_naive();
    // The audit list, with each form: the create and the add are in each window that holds
    // today; `--before` is a day (the spec's `date`), so `now` is today, which it leaves out.
    for (since, before, entries) in
        [("1d", "2099-01-01", 2), ("30m", "2099-01-01T00:00:00Z", 2), (today.to_string().as_str(), "now", 0)]
    {
        let out = cli.text(&["audit", "list", &org, "--since", since, "--before", before, "-q"]);
        assert_eq!(out.lines().count(), entries, "--since {since} --before {before}: {out}");
    }
    // The export's --since and the history's --action-time go through the same reader.
    let exported = cli.text(&["audit", "export", &org, "--since", "12h"]);
    assert_eq!(exported.lines().count(), 2, "{exported}");
    // Anything else is a usage error naming the forms, with nothing sent.
    let (code, stderr) = cli.fails(&["audit", "list", &org, "--since", "yesterday"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("\"yesterday\" is not a date") && stderr.contains("7d"), "{stderr}");
    let (code, stderr) = cli.fails(&["usage", &org, "--from", "1y", "--to", "now"]);
    assert_eq!(code, 2, "{stderr}");
    // A `date` parameter takes the day of a time given.
    let usage = cli.run(&["usage", &org, "--from", &format!("{today}T10:00:00Z"), "--to", "now"], None);
    assert!(usage.status.success(), "{}", String::from_utf8_lossy(&usage.stderr));
}

#[tokio::test(flavor = "multi_thread")]
async fn without_dates_the_audit_log_and_usage_take_their_defaults_and_say_so() {
    let Acme { server: _server, dir: _dir, cli, org } = Acme::start("windows").await;
    cli.text(&["member", "add", &org, "a@acme.example"]);
    let out = cli.run(&["audit", "list", &org, "-q"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 2, "today's entries are in the window");
    let (since, before) = cf_orgs::audit_window();
    assert!(stderr.contains(&format!("audit log from {since} to {before}")), "{stderr}");
    // One date given: the other still takes its default, and it is said.
    let out = cli.run(&["audit", "list", &org, "--since", "2d", "-q"], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains(&format!("to {before}")), "{stderr}");
    // Both given: nothing is said.
    let out = cli.run(&["audit", "list", &org, "--since", "2d", "--before", "now", "-q"], None);
    assert!(out.status.success() && out.stderr.is_empty(), "{}", String::from_utf8_lossy(&out.stderr));
    // The history of an entry takes the same window.
    let entry = cli.text(&["audit", "list", &org, "--jq", ".id + \" \" + .action.time", "--limit", "1"]);
    let (id, time) = entry.trim().split_once(' ').unwrap();
    let out = cli.run(&["audit", "history", &org, id, "--action-time", time], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stderr.contains(&format!("audit log from {since} to {before}")), "{stderr}");
    // The usage: month to date, the spec's default, sent as nothing and said.
    let out = cli.run(&["usage", &org], None);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    let today = Utc::now().date_naive();
    let first = today.checked_sub_days(Days::new(u64::from(today.day0()))).unwrap();
    assert!(stderr.contains(&format!("usage from {first} to {today}: month to date")), "{stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn jq_filters_each_item_as_it_streams_or_the_whole_list_slurped() {
    let Acme { server, dir, cli, org } = Acme::start("jq").await;
    for n in 0..5 {
        cli.text(&["member", "add", &org, &format!("m{n}@acme.example")]);
    }
    // Pages of 2: --slurp counts every member, where a filter per page would count 2, 2, 1.
    let count = cli.text(&["member", "list", &org, "--page-size", "2", "--jq", "length", "--slurp"]);
    assert_eq!(count, "5\n");
    let emails = cli.text(&["member", "list", &org, "--page-size", "2", "--jq", ".user.email"]);
    let mut emails: Vec<&str> = emails.lines().collect();
    emails.sort();
    assert_eq!(emails, (0..5).map(|n| format!("m{n}@acme.example")).collect::<Vec<_>>());
    // A single answer, and objects as JSON.
    assert_eq!(cli.text(&["org", "get", &org, "--jq", ".name"]), "Acme\n");
    assert_eq!(cli.text(&["org", "get", &org, "--jq", "{name}"]), "{\"name\":\"Acme\"}\n");
    // --fields chooses first; --limit still caps the items.
    let limited = cli.text(&["member", "list", &org, "--limit", "3", "--fields", "id", "--jq", "keys[]"]);
    assert_eq!(limited, "id\nid\nid\n");
    // A bad expression: a usage error naming the column, before anything is sent.
    let creates = server.creates();
    let (code, stderr) = cli.fails(&["member", "list", &org, "--jq", ".user | (.email"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("--jq \".user | (.email\": column "), "{stderr}");
    let (code, stderr) = cli.fails(&["org", "create", "Beta", "--jq", "nosuch(1)"]);
    assert_eq!((code, server.creates()), (2, creates), "nothing sent: {stderr}");
    assert!(stderr.contains("undefined filter nosuch"), "{stderr}");
    // A filter failing on its input is the command's error.
    let (code, stderr) = cli.fails(&["org", "get", &org, "--jq", ".name.first"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.starts_with("error: --jq: "), "{stderr}");
    // What prints outside a list's printer filters too: the tree, and a bulk command's result
    // lines on stdout (a --results file stays whole, for the next run).
    assert_eq!(cli.text(&["org", "tree", &org, "--jq", ".name"]), "Acme\n");
    let people = dir.path("people.csv");
    std::fs::write(&people, "m0@acme.example\nnew@acme.example\n").unwrap();
    let file = people.to_str().unwrap();
    let statuses = cli.text(&["member", "import", &org, file, "--jq", ".status"]);
    assert_eq!(statuses, "exists\ncreated\n");
    let counted = cli.text(&["member", "import", &org, file, "--jq", "map(.status) | unique", "--slurp"]);
    assert_eq!(counted, "[\"exists\"]\n");
    // --slurp without --jq, and --jq with -q, are usage errors.
    assert_eq!(cli.fails(&["member", "list", &org, "--slurp"]).0, 2);
    assert_eq!(cli.fails(&["member", "list", &org, "--jq", ".", "-q"]).0, 2);
}

#[tokio::test(flavor = "multi_thread")]
async fn the_maps_arguments_name_what_an_operator_types() {
    let Acme { server: _server, dir: _dir, cli, org } = Acme::start("args").await;
    let member = cli.json(&["member", "add", &org, "a@acme.example"]);
    assert_eq!(member["user"]["email"], "a@acme.example");
    // The body still comes whole with --body, and not with the argument too.
    let added = cli.run(
        &["member", "add", &org, "--body", "-", "-q"],
        Some(r#"{"member": {"user": {"email": "b@acme.example"}}}"#),
    );
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let both = cli.run(&["member", "add", &org, "c@acme.example", "--body", "-"], Some("{}"));
    assert_eq!(both.status.code(), Some(2));
    // The map's flags, with the rule's names kept as aliases: a profile's fields as `profile set`
    // names them, and `--page-size` on every list.
    let profile =
        ["--business-email", "ops@acme.example", "--business-phone", "+1 555", "--business-address", "1 Main St"];
    let mut create = vec!["org", "create", "Acme EU", "--parent", &org, "--business-name", "Acme EU SAS"];
    create.extend(profile);
    create.extend(["--external-metadata", "{}"]);
    let sub = cli.json(&create);
    assert_eq!(sub["profile"]["business_name"], "Acme EU SAS", "{sub}");
    let mut update = vec!["org", "update", &org, "--name", "Acme", "--profile-business-name", "Acme Inc"];
    update.extend(profile);
    update.extend(["--profile-external-metadata", "{}", "--dry-run"]);
    // (The server takes only the name of an update, as the spec says: the body shows the rest.)
    assert!(cli.text(&update).contains("Acme Inc"));
    // A body left incomplete names what the operator types, not the body's paths.
    let (code, stderr) = cli.fails(&["org", "create", "Beta", "--business-name", "Beta"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("or NAME, --parent, --business-address,"), "{stderr}");
    for flag in ["--page-size", "--per-page"] {
        assert!(cli.run(&["share", "list", &org, flag, "5"], None).status.success(), "{flag}");
    }
    // Neither: clap names what is missing.
    let (code, stderr) = cli.fails(&["member", "add", &org]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("<EMAIL>"), "{stderr}");
}
