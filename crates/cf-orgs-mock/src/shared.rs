//! What every request shares: the credentials, the namespaces, the ray ids' source, the log,
//! the admin token, the shutdown signal and strict mode's checker.

use std::sync::{Arc, Mutex};

use tokio::sync::Notify;

use crate::auth::MockCredentials;
use crate::namespace::Spaces;
use crate::strict;

/// State every request shares.
pub(crate) struct Shared {
    pub creds: MockCredentials,
    pub spaces: Spaces,
    pub ray_rng: Mutex<fastrand::Rng>,
    /// One JSON line per request on stderr.
    pub log: bool,
    /// What the admin API wants in `Authorization: Bearer`, when set.
    pub admin_token: Option<String>,
    /// Wakes whoever waits for [`MockServer::shutdown_requested`].
    pub shutdown: Notify,
    pub checker: Arc<strict::Checker>,
}
