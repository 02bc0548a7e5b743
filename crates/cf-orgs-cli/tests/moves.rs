//! `cf-orgs account move`: one account (asked first on a terminal, previewed with --dry-run) and a
//! bulk move from a file, resumed after an interruption with no account moved twice.

mod common;

use cf_orgs_mock::MockServer;
use common::{Cli, TempDir};
use serde_json::Value;

const MOVE_ROUTE: &str = "POST /accounts/{account_id}/move";

fn moves_sent(server: &MockServer) -> usize {
    server.exchanges().iter().filter(|e| e.route == MOVE_ROUTE).count()
}

fn results(path: &std::path::Path) -> Vec<Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn one_account_moves_and_the_chain_shows_it() {
    let server = MockServer::start().await;
    let dir = TempDir::new("move-one");
    let cli = Cli::new(&server, &dir.0);
    let acme = cli.json(&["org", "create", "Acme"]);
    let acme = acme["id"].as_str().unwrap();
    let eu = cli.json(&["org", "create", "Acme EU", "--parent", acme]);
    let eu = eu["id"].as_str().unwrap();
    let prod = server.seed_account(acme, "Prod");

    let preview = cli.text(&["account", "move", &prod, "--to", eu, "--dry-run"]);
    assert!(preview.contains(&format!("POST {}/accounts/{prod}/move", server.base_url())), "{preview}");
    assert_eq!(moves_sent(&server), 0, "a dry run sends nothing");
    // No terminal here: a move is not asked about (it can be undone); --yes is accepted too.
    let moved = cli.json(&["account", "move", &prod, "--to", eu, "--yes"]);
    assert_eq!(moved["destination_organization_id"], eu);
    let chain = cli.json(&["account", "orgs", &prod]);
    let names: Vec<&str> = chain.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Acme", "Acme EU"]);
    let (code, stderr) = cli.fails(&["account", "move", "--to", eu]);
    assert_eq!(code, 2, "an account or --file: {stderr}");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_bulk_move_resumes_without_moving_an_account_twice() {
    let server = MockServer::start().await;
    let dir = TempDir::new("move-bulk");
    let cli = Cli::new(&server, &dir.0);
    let from = cli.json(&["org", "create", "From"]);
    let from = from["id"].as_str().unwrap();
    let to = cli.json(&["org", "create", "To"]);
    let to = to["id"].as_str().unwrap();
    let accounts: Vec<String> = (0..12).map(|i| server.seed_account(from, &format!("a{i}"))).collect();
    let file = dir.0.join("accounts.csv");
    std::fs::write(&file, format!("account_id\n{}\n", accounts.join("\n"))).unwrap();
    let results_path = dir.0.join("results.jsonl");
    let (file_arg, results_arg) = (file.to_str().unwrap(), results_path.to_str().unwrap());

    // A bad row stops the whole file, naming it; nothing is sent.
    let bad = dir.0.join("bad.csv");
    std::fs::write(&bad, format!("{}\nnot/an id\n", accounts[0])).unwrap();
    let (code, stderr) = cli.fails(&["account", "move", "--file", bad.to_str().unwrap(), "--to", to]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("bad.csv:2:") && stderr.contains("nothing was sent"), "{stderr}");
    assert_eq!(moves_sent(&server), 0);

    // An interrupted run: five rows moved and written, the sixth moved but its line cut off.
    let first = &accounts[..6];
    let partial = dir.0.join("first.csv");
    std::fs::write(&partial, first.join("\n")).unwrap();
    let run =
        cli.run(&["account", "move", "--file", partial.to_str().unwrap(), "--to", to, "--results", results_arg], None);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    let text = std::fs::read_to_string(&results_path).unwrap();
    let kept: Vec<&str> = text.lines().take(5).collect();
    std::fs::write(&results_path, format!("{}\n{}", kept.join("\n"), &text.lines().nth(5).unwrap()[..10])).unwrap();
    assert_eq!(moves_sent(&server), 6);

    // Resumed on the whole file: the five done are skipped, the sixth found in place, six moved.
    let run = cli.run(&["account", "move", "--file", file_arg, "--to", to, "--results", results_arg], None);
    assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(moves_sent(&server), 12, "no account moved twice");
    let lines = results(&results_path);
    let status = |s: &str| lines.iter().filter(|l| l["status"] == s).count();
    assert_eq!((status("moved"), status("already")), (11, 1), "{lines:?}");
    let held = cli.json(&["account", "list", to]);
    assert_eq!(held.as_array().unwrap().len(), 12);

    // A row that fails (an account the server does not know) is exit 6, and retried next time.
    let more = dir.0.join("more.csv");
    std::fs::write(&more, format!("{}\nghost\n", accounts[0])).unwrap();
    let again = dir.0.join("again.jsonl");
    let run = cli.run(
        &["account", "move", "--file", more.to_str().unwrap(), "--to", from, "--results", again.to_str().unwrap()],
        None,
    );
    assert_eq!(run.status.code(), Some(6), "{}", String::from_utf8_lossy(&run.stderr));
    let lines = results(&again);
    assert_eq!((lines[0]["status"].as_str(), lines[1]["status"].as_str()), (Some("moved"), Some("failed")));
    assert!(server.strict_violations().is_empty(), "{:?}", server.strict_violations());
}
