//! Credentials: one of Cloudflare's three auth modes. Secrets are held in
//! `secrecy` boxes and print as `***` in `Debug` and `Display`.

use std::fmt;

use reqwest::header::{HeaderMap, HeaderName, HeaderValue};
use secrecy::{ExposeSecret, SecretString};

use crate::error::{Error, Result};

/// How requests authenticate. Exactly one mode is sent with each request.
///
/// Each mode is one of the spec's security schemes, the names every method's
/// "Credentials" line uses: [`api_token`](Self::api_token) is `api_token`,
/// [`global_api_key`](Self::global_api_key) is `api_email` + `api_key`, and
/// [`user_service_key`](Self::user_service_key) is `user_service_key`. An
/// operation whose `security` does not list the client's mode is refused by
/// the API (403).
#[derive(Clone)]
pub struct Credentials(Mode);

#[derive(Clone)]
enum Mode {
    ApiToken(SecretString),
    GlobalApiKey { email: String, key: SecretString },
    UserServiceKey(SecretString),
}

/// Environment variables [`Credentials::from_env`] reads.
pub mod env {
    /// An API token (`Authorization: Bearer`).
    pub const API_TOKEN: &str = "CLOUDFLARE_API_TOKEN";
    /// The account email, with [`API_KEY`].
    pub const EMAIL: &str = "CLOUDFLARE_EMAIL";
    /// The Global API key, with [`EMAIL`].
    pub const API_KEY: &str = "CLOUDFLARE_API_KEY";
    /// An Origin CA user service key.
    pub const USER_SERVICE_KEY: &str = "CLOUDFLARE_API_USER_SERVICE_KEY";
    /// The API's base URL (default `https://api.cloudflare.com/client/v4`).
    pub const BASE_URL: &str = "CLOUDFLARE_BASE_URL";
}

impl Credentials {
    /// An API token, sent as `Authorization: Bearer <token>` (the spec's `api_token`,
    /// Cloudflare's preferred mode).
    pub fn api_token(token: impl Into<String>) -> Self {
        Self(Mode::ApiToken(SecretString::from(token.into())))
    }

    /// An account email and Global API key, sent as `X-Auth-Email` and `X-Auth-Key`
    /// (the spec's `api_email` + `api_key`). Most organizations operations accept only this mode.
    pub fn global_api_key(email: impl Into<String>, key: impl Into<String>) -> Self {
        Self(Mode::GlobalApiKey { email: email.into(), key: SecretString::from(key.into()) })
    }

    /// An Origin CA user service key, sent as `X-Auth-User-Service-Key` (the spec's `user_service_key`).
    pub fn user_service_key(key: impl Into<String>) -> Self {
        Self(Mode::UserServiceKey(SecretString::from(key.into())))
    }

    /// Reads `CLOUDFLARE_API_TOKEN`, else `CLOUDFLARE_EMAIL` with
    /// `CLOUDFLARE_API_KEY`, else `CLOUDFLARE_API_USER_SERVICE_KEY`.
    ///
    /// # Errors
    /// A configuration error when none is set, or when only half of the
    /// email + key pair is.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(&|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    pub(crate) fn from_lookup(get: &impl Fn(&str) -> Option<String>) -> Result<Self> {
        if let Some(token) = get(env::API_TOKEN) {
            return Ok(Self::api_token(token));
        }
        match (get(env::EMAIL), get(env::API_KEY)) {
            (Some(email), Some(key)) => return Ok(Self::global_api_key(email, key)),
            (Some(_), None) => {
                return Err(Error::configuration(format!("{} is set but {} is not", env::EMAIL, env::API_KEY)));
            }
            (None, Some(_)) => {
                return Err(Error::configuration(format!("{} is set but {} is not", env::API_KEY, env::EMAIL)));
            }
            (None, None) => {}
        }
        if let Some(key) = get(env::USER_SERVICE_KEY) {
            return Ok(Self::user_service_key(key));
        }
        Err(Error::configuration(format!(
            "no Cloudflare credentials in the environment: set {}, or {} and {}, or {}",
            env::API_TOKEN,
            env::EMAIL,
            env::API_KEY,
            env::USER_SERVICE_KEY
        )))
    }

    /// The spec's security schemes this mode sends (`components.securitySchemes` names):
    /// `["api_token"]`, `["api_email", "api_key"]` or `["user_service_key"]`.
    pub fn schemes(&self) -> &'static [&'static str] {
        match self.0 {
            Mode::ApiToken(_) => &["api_token"],
            Mode::GlobalApiKey { .. } => &["api_email", "api_key"],
            Mode::UserServiceKey(_) => &["user_service_key"],
        }
    }

    /// Whether the spec's `security` for `operation` lets this mode call it (one of its
    /// alternatives is among the schemes this mode sends); the API answers 403 where not.
    #[cfg(feature = "generated")]
    #[cfg_attr(docsrs, doc(cfg(feature = "generated")))]
    pub fn can_call(&self, operation: cf_orgs_gen::operations::Operation) -> bool {
        let schemes = self.schemes();
        operation.security().iter().any(|alternative| alternative.iter().all(|scheme| schemes.contains(scheme)))
    }

    /// The mode's name, for logs: `api_token`, `global_api_key` or `user_service_key`.
    pub fn mode(&self) -> &'static str {
        match self.0 {
            Mode::ApiToken(_) => "api_token",
            Mode::GlobalApiKey { .. } => "global_api_key",
            Mode::UserServiceKey(_) => "user_service_key",
        }
    }

    /// The headers of this mode, marked sensitive so that reqwest and hyper never print them.
    pub(crate) fn headers(&self) -> Result<HeaderMap> {
        let mut headers = HeaderMap::new();
        let secret = |value: &str, what: &str| {
            HeaderValue::from_str(value)
                .map(|mut v| {
                    v.set_sensitive(true);
                    v
                })
                .map_err(|_| Error::configuration(format!("the {what} holds characters not allowed in an HTTP header")))
        };
        match &self.0 {
            Mode::ApiToken(token) => {
                headers.insert(
                    reqwest::header::AUTHORIZATION,
                    secret(&format!("Bearer {}", token.expose_secret()), "API token")?,
                );
            }
            Mode::GlobalApiKey { email, key } => {
                headers.insert(HeaderName::from_static("x-auth-email"), secret(email, "email")?);
                headers.insert(HeaderName::from_static("x-auth-key"), secret(key.expose_secret(), "API key")?);
            }
            Mode::UserServiceKey(key) => {
                headers.insert(
                    HeaderName::from_static("x-auth-user-service-key"),
                    secret(key.expose_secret(), "user service key")?,
                );
            }
        }
        Ok(headers)
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Mode::ApiToken(_) => f.write_str("Credentials::ApiToken(***)"),
            Mode::GlobalApiKey { email, .. } => write!(f, "Credentials::GlobalApiKey {{ email: {email:?}, key: *** }}"),
            Mode::UserServiceKey(_) => f.write_str("Credentials::UserServiceKey(***)"),
        }
    }
}

impl fmt::Display for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Mode::ApiToken(_) => f.write_str("API token ***"),
            Mode::GlobalApiKey { email, .. } => write!(f, "Global API key *** for {email}"),
            Mode::UserServiceKey(_) => f.write_str("user service key ***"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |k| map.get(k).cloned()
    }

    /// Every scheme an operation's `security` names is sent by one of the modes, so `can_call`
    /// judges every operation (a new scheme in the spec fails here).
    #[cfg(feature = "generated")]
    #[test]
    fn the_modes_cover_every_scheme_the_spec_names() {
        use cf_orgs_gen::operations::Operation;
        let modes =
            [Credentials::api_token("t"), Credentials::global_api_key("e", "k"), Credentials::user_service_key("s")];
        for op in Operation::ALL {
            for scheme in op.security().iter().flat_map(|a| a.iter()) {
                assert!(
                    modes.iter().any(|m| m.schemes().contains(scheme)),
                    "{scheme} ({}) is no mode's",
                    op.operation_id()
                );
            }
        }
        assert!(modes[1].can_call(Operation::MembersList));
        assert!(!modes[0].can_call(Operation::MembersList), "members take api_email + api_key only");
        assert!(modes[0].can_call(Operation::AuditLogsV2GetOrganizationAuditLogs));
    }

    #[test]
    fn secrets_never_print() {
        for c in [
            Credentials::api_token("tok-SECRET"),
            Credentials::global_api_key("a@example.com", "key-SECRET"),
            Credentials::user_service_key("v1.0-SECRET"),
        ] {
            for shown in [format!("{c:?}"), format!("{c}"), format!("{:?}", c.headers().unwrap())] {
                assert!(!shown.contains("SECRET"), "{shown}");
            }
        }
    }

    #[test]
    fn exactly_one_mode_of_headers() {
        let h = Credentials::api_token("t").headers().unwrap();
        assert_eq!(h.len(), 1);
        assert_eq!(h["authorization"], "Bearer t");
        let h = Credentials::global_api_key("a@example.com", "k").headers().unwrap();
        assert_eq!(
            (h.len(), &h["x-auth-email"], &h["x-auth-key"]),
            (2, &"a@example.com".parse().unwrap(), &"k".parse().unwrap())
        );
        let h = Credentials::user_service_key("s").headers().unwrap();
        assert_eq!((h.len(), &h["x-auth-user-service-key"]), (1, &"s".parse().unwrap()));
    }

    #[test]
    fn from_env_precedence_and_errors() {
        assert_eq!(
            Credentials::from_lookup(&lookup(&[(env::API_TOKEN, "t"), (env::EMAIL, "e")])).unwrap().mode(),
            "api_token"
        );
        assert_eq!(
            Credentials::from_lookup(&lookup(&[(env::EMAIL, "e"), (env::API_KEY, "k")])).unwrap().mode(),
            "global_api_key"
        );
        assert_eq!(
            Credentials::from_lookup(&lookup(&[(env::USER_SERVICE_KEY, "s")])).unwrap().mode(),
            "user_service_key"
        );
        let half = Credentials::from_lookup(&lookup(&[(env::EMAIL, "e")])).unwrap_err();
        assert_eq!(half.kind(), crate::ErrorKind::Configuration);
        assert!(half.to_string().contains("CLOUDFLARE_API_KEY"), "{half}");
        let half = Credentials::from_lookup(&lookup(&[(env::API_KEY, "SECRET")])).unwrap_err();
        assert!(!half.to_string().contains("SECRET"));
        let none = Credentials::from_lookup(&lookup(&[])).unwrap_err();
        assert!(none.to_string().contains("no Cloudflare credentials"), "{none}");
    }
}
