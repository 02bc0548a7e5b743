//! [`Client`] and its [`ClientBuilder`]: configuration once, then resource
//! handles (`client.organizations()`, `client.organization(&id)`).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{Credentials, env};
use crate::error::{Error, Result};
use crate::pacer::{Pacer, RateLimitWait, WaitHook};
use crate::retry::{Backoff, RetryEvent};
use crate::transport::{RetryHook, Transport};

/// Cloudflare's API, as the default base URL.
pub const DEFAULT_BASE_URL: &str = "https://api.cloudflare.com/client/v4";
/// Retries after a failed attempt, by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// Time allowed for one attempt (connect, send, answer), by default.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Time allowed to connect, by default.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// The `User-Agent` every request carries.
pub const USER_AGENT: &str = concat!("cf-orgs/", env!("CARGO_PKG_VERSION"));

/// A Cloudflare Organizations API client. Cheap to clone: clones share one
/// connection pool.
///
/// ```no_run
/// # async fn run() -> cf_orgs::Result<()> {
/// use cf_orgs::{Client, Credentials};
/// let client = Client::builder().credentials(Credentials::api_token("...")).build()?;
/// let org = client.organizations().create("Acme").send().await?;
/// println!("created {}", org.id);
/// # Ok(())
/// # }
/// ```
#[derive(Clone)]
pub struct Client {
    pub(crate) transport: Arc<Transport>,
}

impl Client {
    /// Starts configuring a client.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client from the environment: credentials as [`Credentials::from_env`]
    /// reads them, and `CLOUDFLARE_BASE_URL` when set.
    ///
    /// # Errors
    /// A configuration error when no credentials (or half a pair) are set, or
    /// when the base URL is refused.
    ///
    /// A `CLOUDFLARE_BASE_URL` of plain `http://` is refused unless its host is
    /// loopback, as [`ClientBuilder::build`] refuses it; there is no
    /// environment variable to opt out.
    pub fn from_env() -> Result<Self> {
        Self::from_lookup(|name| std::env::var(name).ok().filter(|v| !v.is_empty()))
    }

    pub(crate) fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self> {
        let mut builder = Self::builder().credentials(Credentials::from_lookup(&get)?);
        if let Some(url) = get(env::BASE_URL) {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.transport.base_url
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base_url)
            .field("max_retries", &self.transport.max_retries)
            .field("credentials", &"***")
            .finish_non_exhaustive()
    }
}

/// Configures a [`Client`]. Only [`credentials`](Self::credentials) is required.
pub struct ClientBuilder {
    credentials: Option<Credentials>,
    base_url: String,
    max_retries: u32,
    timeout: Duration,
    connect_timeout: Duration,
    backoff: Backoff,
    on_retry: Option<RetryHook>,
    pace: bool,
    reserve: u64,
    on_wait: Option<WaitHook>,
    http: Option<reqwest::ClientBuilder>,
    roots: crate::tls::Roots,
    allow_plain_http: bool,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            credentials: None,
            base_url: DEFAULT_BASE_URL.to_string(),
            max_retries: DEFAULT_MAX_RETRIES,
            timeout: DEFAULT_TIMEOUT,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            backoff: Backoff::default(),
            on_retry: None,
            pace: true,
            reserve: 0,
            on_wait: None,
            http: None,
            roots: crate::tls::Roots::default(),
            allow_plain_http: false,
        }
    }
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("credentials", &self.credentials)
            .field("base_url", &self.base_url)
            .field("max_retries", &self.max_retries)
            .field("timeout", &self.timeout)
            .field("connect_timeout", &self.connect_timeout)
            .field("pace_rate_limits", &self.pace)
            .field("rate_limit_reserve", &self.reserve)
            .field("added_root_certificates", &self.roots.added())
            .field("built_in_root_certificates", &self.roots.built_in())
            .field("allow_plain_http", &self.allow_plain_http)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// How requests authenticate (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Where the API is (default [`DEFAULT_BASE_URL`]); a trailing `/` is ignored.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Retries after a failed attempt (default 2); each request can override it.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = retries;
        self
    }

    /// Time allowed for one attempt, from connecting to the last byte of the answer (default 60 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Time allowed to connect (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// The backoff before retry `n` is between half and all of `min(max, base * 2^n)`
    /// (default base 500 ms, max 8 s); a server's `Retry-After` takes precedence.
    pub fn backoff(mut self, base: Duration, max: Duration) -> Self {
        self.backoff = Backoff { base, max };
        self
    }

    /// Calls `hook` before every retry, with what failed and how long the client waits.
    pub fn on_retry(mut self, hook: impl Fn(&RetryEvent) + Send + Sync + 'static) -> Self {
        self.on_retry = Some(Arc::new(hook));
        self
    }

    /// Whether requests are paced by the rate limit the API announces (default
    /// on). When an answer says no request is left in the window, the next
    /// requests are held until it resets instead of being sent into a 429,
    /// then released at the quota's rate until an answer announces the new
    /// window. One pacer serves the client and its clones. Until an answer
    /// carries a `Ratelimit` or `X-RateLimit-*` header, it does nothing. A
    /// hold lasts at most [`MAX_PACER_WAIT`](crate::MAX_PACER_WAIT).
    pub fn pace_rate_limits(mut self, on: bool) -> Self {
        self.pace = on;
        self
    }

    /// Requests of each window the pacer leaves unused (default 0): it holds
    /// requests once only this many are left, for other programs sharing the
    /// same user's limit.
    pub fn rate_limit_reserve(mut self, requests: u64) -> Self {
        self.reserve = requests;
        self
    }

    /// Calls `hook` whenever the pacer holds a request, with how long and why
    /// (each hold is also a `debug` tracing event).
    pub fn on_rate_limit_wait(mut self, hook: impl Fn(&RateLimitWait) + Send + Sync + 'static) -> Self {
        self.on_wait = Some(Arc::new(hook));
        self
    }

    /// Builds the HTTP client from this reqwest builder (its pool, proxy and TLS
    /// settings) instead of cf-orgs' own; [`timeout`](Self::timeout),
    /// [`connect_timeout`](Self::connect_timeout) and the user agent are then the builder's.
    ///
    /// One setting is always cf-orgs': redirects are turned off
    /// (`redirect::Policy::none()`), so that credentials reach no origin but
    /// the base URL's. That is why this takes a builder and not a built
    /// `reqwest::Client`, whose redirect policy cannot be changed or read.
    pub fn http_client(mut self, builder: reqwest::ClientBuilder) -> Self {
        self.http = Some(builder);
        self
    }

    /// Trusts `certificate` as a root too, beside the built-in ones: the certificate of a
    /// TLS-inspecting corporate proxy, or of a private gateway in front of the API. It applies to
    /// the [`http_client`](Self::http_client) builder too, when one is given.
    ///
    /// ```no_run
    /// # fn run() -> Result<(), Box<dyn std::error::Error>> {
    /// let pem = std::fs::read("/etc/ssl/certs/corporate-proxy.pem")?;
    /// let client = cf_orgs::Client::builder()
    ///     .credentials(cf_orgs::Credentials::api_token("..."))
    ///     .add_root_certificate(cf_orgs::Certificate::from_pem(&pem)?)
    ///     .build()?;
    /// # let _ = client; Ok(()) }
    /// ```
    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))))]
    pub fn add_root_certificate(mut self, certificate: reqwest::Certificate) -> Self {
        self.roots.add(certificate);
        self
    }

    /// Whether the built-in roots are trusted (default `true`: the platform's, through
    /// rustls-platform-verifier, or native-tls's). With `false`, only the certificates given to
    /// [`add_root_certificate`](Self::add_root_certificate) are, and with none of them no server is.
    #[cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))]
    #[cfg_attr(docsrs, doc(cfg(any(feature = "rustls", feature = "rustls-ring", feature = "native-tls"))))]
    pub fn tls_built_in_root_certs(mut self, on: bool) -> Self {
        self.roots.set_built_in(on);
        self
    }

    /// Accepts a plain `http://` base URL on any host.
    ///
    /// **Dangerous**: credentials then cross the network in clear text. Without
    /// it, `http://` is accepted only for loopback (`127.0.0.0/8`, `::1`,
    /// `localhost`), where a local mock or proxy listens.
    pub fn danger_allow_plain_http(mut self) -> Self {
        self.allow_plain_http = true;
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// A configuration error without credentials, with a base URL that is not
    /// `https://host[/path]` (or `http://` on loopback, unless
    /// [`danger_allow_plain_http`](Self::danger_allow_plain_http)), or when the
    /// HTTP client cannot be built.
    pub fn build(self) -> Result<Client> {
        let credentials = self
            .credentials
            .ok_or_else(|| Error::configuration("no credentials: call .credentials(..) or use Client::from_env()"))?;
        let base_url = self.base_url.trim_end_matches('/').to_string();
        check_base_url(&base_url, self.allow_plain_http)?;
        crate::tls::install_default_provider();
        let builder = self.http.unwrap_or_else(|| {
            reqwest::Client::builder()
                .user_agent(USER_AGENT)
                .timeout(self.timeout)
                .connect_timeout(self.connect_timeout)
        });
        let auth = credentials.headers()?;
        let http = self
            .roots
            .apply(builder)
            // On every request without a copy per request: this client sends only under the base
            // URL (a path that would leave it is refused before sending) and follows no redirect.
            .default_headers(auth.clone())
            // Cloudflare's API does not redirect; a redirect would carry the credentials elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::configuration("cannot build the HTTP client").with_source(e))?;
        Ok(Client {
            transport: Arc::new(Transport {
                http,
                base_url,
                #[cfg(feature = "generated")]
                auth,
                max_retries: self.max_retries,
                backoff: self.backoff,
                on_retry: self.on_retry,
                pacer: Pacer::new(self.pace, self.reserve, self.on_wait),
                heartbeat: Default::default(),
            }),
        })
    }
}

/// `https://host[/path]`, or `http://` on loopback (or anywhere, when allowed).
fn check_base_url(base_url: &str, allow_plain_http: bool) -> Result<()> {
    let invalid = |why: &str| Error::configuration(format!("invalid base URL {base_url:?}: {why}"));
    let parsed = reqwest::Url::parse(base_url).map_err(|e| invalid(&e.to_string()))?;
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err(invalid("expected https://host[/path], without user, query or fragment"));
    }
    match parsed.scheme() {
        "https" => Ok(()),
        "http" if allow_plain_http || is_loopback(&parsed) => Ok(()),
        "http" => Err(invalid(
            "plain http:// would send the credentials in clear text; use https://, a loopback host, \
             or ClientBuilder::danger_allow_plain_http()",
        )),
        _ => Err(invalid("expected https://host[/path]")),
    }
}

/// `127.0.0.0/8`, `::1` or `localhost`.
fn is_loopback(url: &reqwest::Url) -> bool {
    match url.host() {
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        Some(url::Host::Domain(name)) => name.eq_ignore_ascii_case("localhost"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    fn build(url: &str) -> Result<Client> {
        Client::builder().credentials(Credentials::api_token("t")).base_url(url).build()
    }

    #[test]
    fn plain_http_only_on_loopback_unless_allowed() {
        for ok in [
            "https://api.cloudflare.com/client/v4",
            "http://127.0.0.1:8787/client/v4",
            "http://127.9.8.7",
            "http://localhost:1",
            "http://LOCALHOST",
            "http://[::1]:8080",
        ] {
            assert!(build(ok).is_ok(), "{ok}");
        }
        for refused in [
            "http://api.cloudflare.com/client/v4",
            "http://10.0.0.1",
            "http://[::2]",
            "http://localhost.example.com",
            "http://128.0.0.1",
            "ftp://x",
            "https://u:p@api.cloudflare.com",
            "https://api.cloudflare.com/?a=b",
        ] {
            let err = build(refused).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Configuration, "{refused}");
        }
        let err = build("http://api.cloudflare.com/client/v4").unwrap_err();
        assert!(err.to_string().contains("clear text"), "{err}");
        let allowed = Client::builder()
            .credentials(Credentials::api_token("t"))
            .base_url("http://api.internal.example/client/v4")
            .danger_allow_plain_http()
            .build();
        assert!(allowed.is_ok());
    }

    #[test]
    fn from_env_refuses_plain_http_to_another_host() {
        let lookup = |base: &'static str| {
            move |name: &str| match name {
                env::API_TOKEN => Some("t".to_string()),
                env::BASE_URL => Some(base.to_string()),
                _ => None,
            }
        };
        let err = Client::from_lookup(lookup("http://api.cloudflare.com/client/v4")).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Configuration);
        assert_eq!(
            Client::from_lookup(lookup("http://127.0.0.1:9/client/v4")).unwrap().base_url(),
            "http://127.0.0.1:9/client/v4"
        );
    }
}
