//! Credentials the server accepts, and each operation's `security` list.

use axum::http::{HeaderMap, StatusCode};

use crate::envelope::Failure;
use crate::world::Actor;

/// The credentials a mock server accepts, in each of Cloudflare's three modes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MockCredentials {
    /// `X-Auth-Email`.
    pub email: String,
    /// `X-Auth-Key` (Global API key).
    pub api_key: String,
    /// `Authorization: Bearer`.
    pub api_token: String,
    /// `X-Auth-User-Service-Key`.
    pub user_service_key: String,
}

impl Default for MockCredentials {
    fn default() -> Self {
        Self {
            email: "admin@cf-orgs-mock.example".into(),
            api_key: "mock-global-api-key".into(),
            api_token: "mock-api-token".into(),
            user_service_key: "v1.0-mock-user-service-key".into(),
        }
    }
}

/// Which modes an operation takes, read from its `security` in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Security {
    /// `api_token` alone is one of the alternatives.
    pub token: bool,
    /// `api_email` + `api_key` together are one of the alternatives.
    pub email_key: bool,
}

impl Security {
    /// From the spec's alternatives (each a list of schemes sent together).
    pub fn of(alternatives: &[&[&str]]) -> Self {
        Self {
            token: alternatives.iter().any(|schemes| *schemes == ["api_token"]),
            email_key: alternatives
                .iter()
                .any(|schemes| schemes.len() == 2 && schemes.contains(&"api_email") && schemes.contains(&"api_key")),
        }
    }
}

/// Checks the request's credentials against the server's and the operation's list.
pub fn authenticate(headers: &HeaderMap, creds: &MockCredentials, security: Security) -> Result<Actor, Failure> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    let bearer = header("authorization").and_then(|v| v.strip_prefix("Bearer "));
    let (email, key, service) = (header("x-auth-email"), header("x-auth-key"), header("x-auth-user-service-key"));
    let forbidden = |code, message: &str| Failure::new(StatusCode::FORBIDDEN, code, message.to_string());
    match (bearer, email, key, service) {
        (None, None, None, None) => {
            Err(Failure::new(StatusCode::UNAUTHORIZED, 10000, "Authentication error: no credentials"))
        }
        (Some(token), None, None, None) => {
            if token != creds.api_token {
                return Err(forbidden(9109, "Invalid access token"));
            }
            if !security.token {
                return Err(forbidden(10000, "Authentication error: this operation takes X-Auth-Email and X-Auth-Key"));
            }
            Ok(Actor {
                context: cf_orgs_gen::types::AaaAuditLogsV2OrgActorContext::ApiToken,
                email: creds.email.clone(),
                id: "mock-user".into(),
                token_id: Some("mock-token-id".into()),
            })
        }
        (None, Some(e), Some(k), None) => {
            if e != creds.email || k != creds.api_key {
                return Err(forbidden(9103, "Unknown X-Auth-Key or X-Auth-Email"));
            }
            if !security.email_key {
                return Err(forbidden(10000, "Authentication error: this operation takes an API token"));
            }
            Ok(Actor {
                context: cf_orgs_gen::types::AaaAuditLogsV2OrgActorContext::ApiKey,
                email: e.to_string(),
                id: "mock-user".into(),
                token_id: None,
            })
        }
        (None, None, None, Some(k)) => {
            if k != creds.user_service_key {
                return Err(forbidden(9103, "Unknown X-Auth-User-Service-Key"));
            }
            Err(forbidden(10000, "Authentication error: this operation does not take a user service key"))
        }
        (None, Some(_), None, None) | (None, None, Some(_), None) => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            6003,
            "Invalid request headers: X-Auth-Email and X-Auth-Key go together",
        )),
        _ => Err(Failure::new(
            StatusCode::BAD_REQUEST,
            6003,
            "Invalid request headers: send exactly one credential mode",
        )),
    }
}

/// Which credential mode a request came with, for the journal and the log (never the secret).
pub fn mode(headers: &HeaderMap) -> &'static str {
    let has = |name: &str| headers.contains_key(name);
    match (has("authorization"), has("x-auth-email") || has("x-auth-key"), has("x-auth-user-service-key")) {
        (false, false, false) => "none",
        (true, false, false) => "api_token",
        (false, true, false) => "api_email+api_key",
        (false, false, true) => "user_service_key",
        _ => "mixed",
    }
}
