//! TLS: which rustls provider connects, by the crate's features.
//!
//! - `rustls` (default): aws-lc-rs, as rustls and reqwest choose by default, with the hybrid
//!   post-quantum key exchange X25519MLKEM768 offered first. reqwest takes it when the program
//!   installed no process-wide provider, so nothing is installed here.
//! - `rustls-ring` alone: ring, installed as the process-wide provider (reqwest, built without
//!   a provider of its own, needs one), unless the program installed one already, which stays.
//!   ring has no post-quantum key exchange.
//! - `native-tls`: the platform's TLS.

/// Installs what the features above say must be installed before a client is built.
pub(crate) fn install_default_provider() {
    #[cfg(all(feature = "rustls-ring", not(feature = "rustls")))]
    {
        // rustls deprecates its ring provider because ring has no post-quantum key exchange;
        // that lighter, classical build is exactly what `rustls-ring` asks for (its README says so).
        #[allow(deprecated)]
        let provider = rustls::crypto::ring::default_provider();
        let _ = provider.install_default();
    }
}

/// The roots a server's certificate is checked against: the built-in ones (the platform's,
/// through rustls-platform-verifier, or native-tls's), and the ones a program adds, for a
/// TLS-inspecting proxy or a private API gateway.
#[derive(Debug)]
pub(crate) struct Roots {
    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    added: Vec<reqwest::Certificate>,
    built_in: bool,
}

impl Default for Roots {
    fn default() -> Self {
        Self {
            #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
            added: Vec::new(),
            built_in: true,
        }
    }
}

impl Roots {
    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    pub(crate) fn add(&mut self, certificate: reqwest::Certificate) {
        self.added.push(certificate);
    }

    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    pub(crate) fn set_built_in(&mut self, on: bool) {
        self.built_in = on;
    }

    /// How many roots were added, for `Debug` (a certificate is public, but long).
    pub(crate) fn added(&self) -> usize {
        #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
        return self.added.len();
        #[cfg(not(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls")))]
        0
    }

    pub(crate) fn built_in(&self) -> bool {
        self.built_in
    }

    /// Sets these roots on `builder`; without a TLS feature there is nothing to set.
    pub(crate) fn apply(self, builder: reqwest::ClientBuilder) -> reqwest::ClientBuilder {
        #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
        {
            if !self.built_in {
                return builder.tls_certs_only(self.added);
            }
            if !self.added.is_empty() {
                return builder.tls_certs_merge(self.added);
            }
        }
        builder
    }
}
