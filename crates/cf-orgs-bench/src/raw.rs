//! The baseline a user could write instead of cf-orgs: raw reqwest and
//! serde_json, the same headers, the envelope and its result decoded into
//! plain structs, an unsuccessful envelope checked. No retries, no ids.

use serde::Deserialize;

/// Cloudflare's envelope, just enough of it.
#[derive(Debug, Deserialize)]
pub struct Envelope<T> {
    /// `success`.
    pub success: bool,
    /// `result`.
    pub result: Option<T>,
    /// `result_info`, for paging.
    #[serde(default)]
    pub result_info: Option<serde_json::Value>,
}

/// An organization, as a hand-written client would decode it.
#[derive(Debug, Deserialize)]
pub struct Organization {
    /// Its id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// When it was created.
    pub create_time: Option<String>,
    /// `meta`.
    #[serde(default)]
    pub meta: serde_json::Value,
    /// `parent`.
    #[serde(default)]
    pub parent: Option<serde_json::Value>,
    /// `profile`.
    #[serde(default)]
    pub profile: Option<serde_json::Value>,
}

/// A member, as a hand-written client would decode it.
#[derive(Debug, Deserialize)]
pub struct Member {
    /// Its id.
    pub id: String,
    /// Its status.
    pub status: String,
    /// The user.
    pub user: serde_json::Value,
    /// When it was created.
    #[serde(default)]
    pub create_time: Option<String>,
    /// When it last changed.
    #[serde(default)]
    pub update_time: Option<String>,
}

/// A reqwest client sending email + key, as cf-orgs does.
pub fn client(email: &str, key: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("x-auth-email", email.parse().expect("an email is a header value"));
    let mut key: reqwest::header::HeaderValue = key.parse().expect("a key is a header value");
    key.set_sensitive(true);
    headers.insert("x-auth-key", key);
    reqwest::Client::builder().default_headers(headers).build().expect("a reqwest client builds")
}

/// GETs `url` and decodes the envelope's result as `T`.
pub async fn get<T: serde::de::DeserializeOwned>(
    http: &reqwest::Client,
    url: &str,
    query: &[(&str, &str)],
) -> Result<Envelope<T>, String> {
    let response = http.get(url).query(query).send().await.map_err(|e| e.to_string())?;
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    let envelope: Envelope<T> = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
    if !envelope.success {
        return Err("success: false".into());
    }
    Ok(envelope)
}
