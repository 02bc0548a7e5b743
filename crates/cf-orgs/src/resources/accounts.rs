//! An organization's accounts: `client.organization(&id).accounts()`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::query::Direction;
use super::{ListSpec, path_with};
use crate::client::Client;
use crate::error::Result;
use crate::ids::{AccountId, OrganizationId};
use crate::open_enum::open_enum;
use crate::pagination::Scheme;

open_enum!(
    /// An account's plan type.
    AccountType {
        /// Standard.
        Standard = "standard",
        /// Enterprise.
        Enterprise = "enterprise",
    }
);

/// What accounts can be ordered by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum AccountOrder {
    /// The account's name.
    AccountName,
}

/// An account of an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// Its id.
    pub id: AccountId,
    /// Its name.
    #[serde(default)]
    pub name: Option<String>,
    /// Its type.
    #[serde(rename = "type", default)]
    pub account_type: Option<AccountType>,
    /// Its settings.
    #[serde(default)]
    pub settings: AccountSettings,
    /// When it was created.
    #[serde(default)]
    pub created_on: Option<DateTime<Utc>>,
}

/// [`Account::settings`]: every field may be absent or `null`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountSettings {
    /// Abuse contact email.
    #[serde(default)]
    pub abuse_contact_email: Option<String>,
    /// Access approval expiry.
    #[serde(default)]
    pub access_approval_expiry: Option<DateTime<Utc>>,
    /// Whether API access is enabled.
    #[serde(default)]
    pub api_access_enabled: Option<bool>,
    /// Whether two-factor authentication is enforced.
    #[serde(default)]
    pub enforce_twofactor: Option<bool>,
    /// Fields this version does not model (including deprecated ones), as sent.
    #[serde(flatten)]
    pub other: Map<String, Value>,
}

/// `organization(&id).accounts()`.
#[derive(Debug, Clone)]
pub struct Accounts {
    client: Client,
    org: Result<OrganizationId>,
}

impl Accounts {
    pub(crate) fn new(client: Client, org: Result<OrganizationId>) -> Self {
        Self { client, org }
    }

    /// Lists accounts: filter and order, then `.send()` for one page or `.stream()` for all.
    pub fn list(&self) -> ListAccounts {
        let path = path_with(&self.org, |org| format!("/organizations/{org}/accounts"));
        let list = ListSpec::new(
            self.client.clone(),
            "/organizations/{organization_id}/accounts",
            path,
            "page_token",
            Scheme::PageToken,
        );
        ListAccounts { list }
    }
}

/// `accounts().list()`: the filters of `GET /organizations/{id}/accounts`.
#[derive(Debug, Clone)]
#[must_use = "a list does nothing until sent or streamed"]
pub struct ListAccounts {
    list: ListSpec,
}

macro_rules! text_filters {
    ($($(#[$doc:meta])* $method:ident => $name:literal),+ $(,)?) => {
        $(
            $(#[$doc])*
            pub fn $method(mut self, value: impl Into<String>) -> Self {
                self.list.query.set($name, value);
                self
            }
        )+
    };
}

impl ListAccounts {
    text_filters! {
        /// Public account name equal to (case-insensitive).
        account_pubname => "account_pubname",
        /// Public account name starting with.
        account_pubname_starts_with => "account_pubname.startsWith",
        /// Public account name ending with.
        account_pubname_ends_with => "account_pubname.endsWith",
        /// Public account name containing.
        account_pubname_contains => "account_pubname.contains",
        /// Name equal to.
        name => "name",
        /// Name starting with.
        name_starts_with => "name.startsWith",
        /// Name ending with.
        name_ends_with => "name.endsWith",
        /// Name containing.
        name_contains => "name.contains",
    }

    /// Orders by this field.
    pub fn order_by(mut self, order: AccountOrder) -> Self {
        match order {
            AccountOrder::AccountName => self.list.query.set("order_by", "account_name"),
        }
        self
    }

    /// Sort direction.
    pub fn direction(mut self, direction: Direction) -> Self {
        self.list.query.set("direction", direction.as_str());
        self
    }

    token_paging!();
    list_methods!(Account, "account");
}
