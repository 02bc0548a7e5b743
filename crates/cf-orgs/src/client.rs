//! [`Client`] and its [`ClientBuilder`]: configuration once, then resource
//! handles (`client.organizations()`, `client.organization(&id)`).

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use crate::credentials::{Credentials, env};
use crate::error::{Error, Result};
use crate::ids::{IntoId, OrganizationId};
use crate::resources::{OrganizationHandle, Organizations};
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
    /// A configuration error when no credentials (or half a pair) are set.
    pub fn from_env() -> Result<Self> {
        let mut builder = Self::builder().credentials(Credentials::from_env()?);
        if let Some(url) = std::env::var(env::BASE_URL).ok().filter(|v| !v.is_empty()) {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// Organizations: create, get, update, list, delete.
    pub fn organizations(&self) -> Organizations {
        Organizations::new(self.clone())
    }

    /// One organization's members, accounts, profile, audit logs, shares and usage.
    ///
    /// An invalid id is reported by the first request made through the handle.
    pub fn organization(&self, id: impl IntoId<OrganizationId>) -> OrganizationHandle {
        OrganizationHandle::new(self.clone(), id.into_id())
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
    http: Option<reqwest::Client>,
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
            http: None,
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

    /// Uses this reqwest client (its pool, proxy and TLS settings) instead of
    /// building one; [`timeout`](Self::timeout) and the user agent are then its own.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// A configuration error without credentials, with a base URL that is not
    /// `http(s)://`, or when the HTTP client cannot be built.
    pub fn build(self) -> Result<Client> {
        let credentials = self
            .credentials
            .ok_or_else(|| Error::configuration("no credentials: call .credentials(..) or use Client::from_env()"))?;
        let base_url = self.base_url.trim_end_matches('/').to_string();
        let parsed = reqwest::Url::parse(&base_url)
            .map_err(|e| Error::configuration(format!("invalid base URL {base_url:?}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") || parsed.query().is_some() {
            return Err(Error::configuration(format!("invalid base URL {base_url:?}: expected http(s)://host[/path]")));
        }
        let http = match self.http {
            Some(http) => http,
            None => {
                crate::tls::install_default_provider();
                reqwest::Client::builder()
                    .user_agent(USER_AGENT)
                    .timeout(self.timeout)
                    .connect_timeout(self.connect_timeout)
                    .build()
                    .map_err(|e| Error::configuration(format!("cannot build the HTTP client: {e}")).with_source(e))?
            }
        };
        Ok(Client {
            transport: Arc::new(Transport {
                http,
                base_url,
                auth: credentials.headers()?,
                max_retries: self.max_retries,
                backoff: self.backoff,
                on_retry: self.on_retry,
            }),
        })
    }
}
