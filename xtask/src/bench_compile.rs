//! `cargo xtask bench-compile`: what a downstream user pays to build against
//! cf-orgs, beside two floors (reqwest with its default TLS, aws-lc-rs, and with ring; each with
//! serde and chrono) and the incumbent (`cloudflare` 0.14), each a tiny binary crate built clean in
//! one run. Each cf-orgs build is divided by the floor of its TLS.

use std::path::Path;
use std::process::Command;
use std::time::Instant;

use crate::{Error, Result};

/// One downstream crate: its name, its `[dependencies]`, its `[profile]`
/// overrides, its `main.rs`, and the floor it is compared with.
pub struct Downstream {
    pub name: &'static str,
    pub dependencies: String,
    pub profile: &'static str,
    pub main: String,
    /// The floor crate whose build this one is divided by (a floor has none).
    pub floor: Option<&'static str>,
}

/// The floor of cf-orgs's default build: reqwest with its default features (rustls with
/// aws-lc-rs, HTTP/2), serde and chrono, as a user of reqwest gets them.
pub const FLOOR: &str = "floor";
/// The floor of the `rustls-ring` build: the same with rustls on ring and no HTTP/2.
pub const FLOOR_RING: &str = "floor-ring";

/// The crates compared, the floors first.
pub fn downstreams(root: &Path) -> Vec<Downstream> {
    let tokio = r#"tokio = { version = "1", features = ["macros", "rt-multi-thread"] }"#;
    // Dates are in every answer of this API, so any client of it compiles a date library; these
    // are the features cf-orgs takes.
    let serde_chrono = "serde = { version = \"1\", features = [\"derive\"] }\nserde_json = \"1\"\n\
                        chrono = { version = \"0.4\", default-features = false, features = [\"serde\", \"std\", \"now\"] }";
    let cf_orgs = root.join("crates/cf-orgs").display().to_string();
    vec![
        Downstream {
            name: FLOOR,
            dependencies: format!("reqwest = {{ version = \"0.13\", features = [\"json\"] }}\n{serde_chrono}\n{tokio}"),
            profile: "",
            main: floor_main(""),
            floor: None,
        },
        Downstream {
            name: FLOOR_RING,
            dependencies: format!(
                "reqwest = {{ version = \"0.13\", default-features = false, features = [\"json\", \"rustls-no-provider\"] }}\n\
                 rustls = {{ version = \"0.23\", default-features = false, features = [\"ring\", \"std\"] }}\n{serde_chrono}\n{tokio}"
            ),
            profile: "",
            main: floor_main(RING_PROVIDER),
            floor: None,
        },
        Downstream {
            name: "cf-orgs",
            dependencies: format!("cf-orgs = {{ path = {cf_orgs:?} }}\n{tokio}"),
            profile: FROM_A_REGISTRY,
            main: CF_ORGS_MAIN.into(),
            floor: Some(FLOOR),
        },
        Downstream {
            name: "cf-orgs-rustls-ring",
            dependencies: format!(
                "cf-orgs = {{ path = {cf_orgs:?}, default-features = false, features = [\"rustls-ring\"] }}\n{tokio}"
            ),
            profile: FROM_A_REGISTRY,
            main: CF_ORGS_MAIN.into(),
            floor: Some(FLOOR_RING),
        },
        Downstream {
            name: "cloudflare-0.14",
            dependencies: format!("cloudflare = \"=0.14.0\"\n{tokio}"),
            profile: "",
            main: CLOUDFLARE_MAIN.into(),
            floor: Some(FLOOR),
        },
        Downstream {
            name: "cloudflare-0.14-rustls",
            dependencies: format!(
                "cloudflare = {{ version = \"=0.14.0\", default-features = false, features = [\"rustls-tls\"] }}\n{tokio}"
            ),
            profile: "",
            main: CLOUDFLARE_MAIN.into(),
            floor: Some(FLOOR),
        },
    ]
}

/// cf-orgs is a path dependency here, and Cargo compiles path dependencies
/// with incremental state; a user's cf-orgs comes from crates.io, which Cargo
/// never compiles incrementally. These make the two builds the same.
const FROM_A_REGISTRY: &str = "[profile.dev.package.cf-orgs]\nincremental = false\n\n\
                               [profile.dev.package.cf-orgs-gen]\nincremental = false\n";

/// A floor's program: one request, its envelope decoded with a date, after `provider` (the lines
/// that set up TLS, if any).
fn floor_main(provider: &str) -> String {
    format!(
        r#"
#[derive(serde::Deserialize, Debug)]
struct Envelope {{ success: bool, result: Option<Organization> }}
#[derive(serde::Deserialize, Debug)]
struct Organization {{ id: String, name: String, create_time: Option<chrono::DateTime<chrono::Utc>> }}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {{
{provider}
    let url = "https://api.cloudflare.com/client/v4/organizations/0123456789abcdef0123456789abcdef";
    let env: Envelope = reqwest::Client::new().get(url).bearer_auth("token").send().await?.json().await?;
    println!("{{}} {{:?}} {{}}", env.success, env.result.map(|o| (o.id, o.name, o.create_time)), chrono::Utc::now());
    Ok(())
}}
"#
    )
}

/// The ring floor's TLS set-up. rustls deprecates its ring provider (no post-quantum key
/// exchange); this floor is that build.
const RING_PROVIDER: &str =
    "    #[allow(deprecated)]\n    let _ = rustls::crypto::ring::default_provider().install_default();";

const CF_ORGS_MAIN: &str = r#"
#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = cf_orgs::Client::builder().credentials(cf_orgs::Credentials::api_token("token")).build()?;
    let org = client.organizations().get("0123456789abcdef0123456789abcdef").await?;
    println!("{} {}", org.id, org.name);
    Ok(())
}
"#;

const CLOUDFLARE_MAIN: &str = r#"
use cloudflare::framework::{Environment, auth::Credentials, client::{ClientConfig, async_api::Client}};
use cloudflare::endpoints::account::list_accounts::ListAccounts;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let creds = Credentials::UserAuthToken { token: "token".into() };
    let client = Client::new(creds, ClientConfig::default(), Environment::Production)?;
    let accounts = client.request(&ListAccounts { params: None }).await?;
    println!("{}", accounts.result.len());
    Ok(())
}
"#;

/// One clean build: wall seconds, and CPU seconds (user + system) of cargo
/// and every rustc it ran, where Linux's `/proc` tells.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    pub wall: f64,
    pub cpu: Option<f64>,
}

/// Writes `crate_` under `dir`, fetches its dependencies (not timed), then
/// times a clean `cargo build` (with `--release` when asked) in a fresh target dir.
pub fn time_build(dir: &Path, crate_: &Downstream, release: bool) -> Result<Timing> {
    let home = dir.join(crate_.name);
    let io = |e: std::io::Error| Error::file(home.display().to_string(), e.to_string());
    std::fs::create_dir_all(home.join("src")).map_err(io)?;
    let manifest = format!(
        "[package]\nname = \"downstream\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[workspace]\n\n[dependencies]\n{}\n\n{}",
        crate_.dependencies, crate_.profile
    );
    std::fs::write(home.join("Cargo.toml"), manifest).map_err(io)?;
    std::fs::write(home.join("src/main.rs"), &crate_.main).map_err(io)?;
    cargo(&home, &["fetch", "--quiet"])?;
    let mut args = vec!["build", "--offline", "--quiet"];
    if release {
        args.push("--release");
    }
    let _ = std::fs::remove_dir_all(home.join("target"));
    let (started, cpu) = (Instant::now(), children_cpu());
    cargo(&home, &args)?;
    let wall = started.elapsed().as_secs_f64();
    Ok(Timing { wall, cpu: children_cpu().zip(cpu).map(|(after, before)| after - before) })
}

/// CPU seconds of this process's waited-for descendants (`cutime + cstime`
/// of `/proc/self/stat`, at the kernel's 100 ticks a second).
fn children_cpu() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split_whitespace().collect();
    let ticks = |i: usize| fields.get(i)?.parse::<f64>().ok();
    Some((ticks(13)? + ticks(14)?) / 100.0)
}

/// The median of `values` (not empty).
pub fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn cargo(dir: &Path, args: &[&str]) -> Result<()> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env_remove("RUSTFLAGS")
        .status()
        .map_err(|e| Error::file(dir.display().to_string(), format!("cannot run cargo: {e}")))?;
    if status.success() {
        Ok(())
    } else {
        Err(Error::file(dir.display().to_string(), format!("cargo {} failed ({status})", args.join(" "))))
    }
}
