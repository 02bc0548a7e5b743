//! README.md's console examples, run as they are written (trycmd) against cf-orgs-mock loaded with
//! `tests/readme/fixtures.json`: a transcript in the docs is the command line's real output.

use cf_orgs_mock::MockServer;

#[test]
fn the_readme_runs_against_the_mock() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
    // The server's tasks run on the runtime's workers while trycmd runs the commands here.
    let server = runtime.block_on(MockServer::start());
    server.load_fixtures(include_bytes!("readme/fixtures.json")).expect("the README's fixtures load");
    let config = std::env::temp_dir().join(format!("cf-orgs-readme-{}", std::process::id()));
    let creds = server.mock_credentials();
    trycmd::TestCases::new()
        .register_bin("cf-orgs", std::path::Path::new(env!("CARGO_BIN_EXE_cf-orgs")))
        .env("CLOUDFLARE_BASE_URL", server.base_url())
        .env("CLOUDFLARE_EMAIL", creds.email.clone())
        .env("CLOUDFLARE_API_KEY", creds.api_key.clone())
        // Credentials of the machine's own environment would be a second mode: set empty, unset.
        .env("CLOUDFLARE_API_TOKEN", "")
        .env("CF_ORGS_CONFIG_DIR", config.display().to_string())
        .env("NO_COLOR", "1")
        .insert_var("[BASE_URL]", server.base_url())
        .unwrap()
        .case("README.md")
        .run();
    let _ = std::fs::remove_dir_all(config);
}
