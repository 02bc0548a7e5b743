//! Rust SDK for the Cloudflare Organizations API.
//!
//! This first version re-exports the generated client ([`generated`]) and its
//! types ([`types`]), and builds a client with TLS set up ([`client`]). The
//! ergonomic layer (credentials, envelope, typed errors, retries, pagination
//! streams, typed ids) grows here over it.
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let client = cf_orgs::client("https://api.cloudflare.com/client/v4")?;
//! let orgs = client.organization_list_organizations().page_size(50).send().await?;
//! for org in &orgs.result {
//!     println!("{} {}", org.id.0, org.name);
//! }
//! # Ok(())
//! # }
//! ```
#![deny(missing_docs)]

/// The generated client, as progenitor writes it from Cloudflare's spec.
pub use cf_orgs_gen as generated;
/// Request and response types of every operation.
pub use cf_orgs_gen::types;

/// Builds a generated client for `base_url` (for example
/// `https://api.cloudflare.com/client/v4`), with TLS ready to use.
///
/// # Errors
/// When the HTTP client cannot be built (for instance, no TLS backend).
pub fn client(base_url: &str) -> Result<cf_orgs_gen::Client, reqwest::Error> {
    install_tls_provider();
    let http = reqwest::Client::builder().user_agent(concat!("cf-orgs/", env!("CARGO_PKG_VERSION"))).build()?;
    Ok(cf_orgs_gen::Client::new_with_client(base_url, http))
}

/// Installs rustls' ring provider as the process default, unless the
/// program installed one already (which then stays).
pub(crate) fn install_tls_provider() {
    #[cfg(feature = "rustls")]
    let _ = rustls::crypto::ring::default_provider().install_default();
}
