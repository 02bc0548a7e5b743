//! TLS: rustls with the ring provider by default (a much faster clean build
//! than aws-lc-rs; see the README), or the platform's with `native-tls`.

/// Installs rustls' ring provider as the process default, unless the program
/// installed one already, which then stays.
pub(crate) fn install_default_provider() {
    #[cfg(feature = "rustls")]
    let _ = rustls::crypto::ring::default_provider().install_default();
}
