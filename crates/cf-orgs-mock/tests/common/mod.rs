//! The client's credentials for a mock server (the server itself knows no client type).
#![allow(dead_code)]

use cf_orgs::Credentials;
use cf_orgs_mock::MockServer;

/// Email + Global API key: accepted by every operation.
pub fn credentials(server: &MockServer) -> Credentials {
    let creds = server.mock_credentials();
    Credentials::global_api_key(&creds.email, &creds.api_key)
}

/// The API token: accepted by the operations whose `security` lists it.
pub fn token_credentials(server: &MockServer) -> Credentials {
    Credentials::api_token(&server.mock_credentials().api_token)
}
