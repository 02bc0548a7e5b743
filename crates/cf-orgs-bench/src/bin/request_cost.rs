//! Instructions per request, cf-orgs beside raw reqwest: `client.organizations().get(&id)` and the
//! same GET by hand, each N times one after another against the in-process canned server, counted
//! by valgrind's callgrind. Instruction counts do not move with the load of a shared machine, so a
//! change of a few percent shows where wall-clock benchmarks (`benches/overhead.rs`) cannot.
//!
//! `cargo run --release -p cf-orgs-bench --bin request_cost` runs itself under callgrind with 200
//! and 1,200 requests of each client; (count at 1,200 − count at 200) / 1,000 is one request,
//! start-up and the server's set-up cancelled out (the server's own work per request is in both).
//! `request_cost sdk|raw N` is one such run.

use std::process::Command;

use cf_orgs::OrganizationId;
use cf_orgs_bench::canned::{self, CannedServer, ORGANIZATION_ENVELOPE};
use cf_orgs_bench::raw;

const ID: &str = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8";
const FEW: u64 = 200;
const MANY: u64 = 1200;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.as_slice() {
        [which, n] => run(which, n.parse().expect("N is a number")),
        [] => compare(),
        _ => panic!("usage: request_cost [sdk|raw N]"),
    }
}

/// Both clients under callgrind, and the instructions of one request each.
fn compare() {
    let per_request = |which: &str| (collected(which, MANY) - collected(which, FEW)) as f64 / (MANY - FEW) as f64;
    let (sdk, raw) = (per_request("sdk"), per_request("raw"));
    println!("instructions per request (callgrind, {FEW} and {MANY} requests):");
    println!("  cf-orgs      {sdk:>9.0}");
    println!("  raw reqwest  {raw:>9.0}");
    println!("  cf-orgs / raw reqwest: {:.3}x ({:+.0} instructions)", sdk / raw, sdk - raw);
}

/// The instructions callgrind counted for `request_cost which n`.
fn collected(which: &str, n: u64) -> u64 {
    let exe = std::env::current_exe().expect("this program's path");
    let output = Command::new("valgrind")
        .args(["--tool=callgrind", "--callgrind-out-file=/dev/null"])
        .arg(exe)
        .args([which, &n.to_string()])
        .output()
        .expect("valgrind runs (Debian's package valgrind)");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let stderr = String::from_utf8_lossy(&output.stderr);
    let count = stderr.lines().find_map(|l| l.split("Collected : ").nth(1)).expect("callgrind's total");
    count.trim().parse().expect("a count")
}

/// `n` sequential GETs of one organization with `which` client, on one thread.
fn run(which: &str, n: u64) {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a tokio runtime");
    rt.block_on(async {
        let server = CannedServer::start(ORGANIZATION_ENVELOPE).await.expect("a loopback port");
        match which {
            "sdk" => {
                let sdk = canned::sdk_client(&server.base_url);
                let id: OrganizationId = ID.parse().expect("a valid id");
                for _ in 0..n {
                    let org = sdk.organizations().get(&id).await.expect("cf-orgs get");
                    assert_eq!(org.name, "Acme Corporation");
                }
            }
            "raw" => {
                let http = canned::raw_client();
                let url = format!("{}/organizations/{ID}", server.base_url);
                for _ in 0..n {
                    let org = raw::get::<raw::Organization>(&http, &url, &[]).await.expect("raw get").result;
                    assert_eq!(org.expect("a result").name, "Acme Corporation");
                }
            }
            other => panic!("{other}: sdk or raw"),
        }
    });
}
