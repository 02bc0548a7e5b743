//! Named profiles: credentials (and a base URL) kept in a TOML file in the
//! platform's config directory (`~/.config/cf-orgs/profiles.toml`, or under
//! `CF_ORGS_CONFIG_DIR`). The file is written with mode 0600 and refused when
//! its group or others may read it; its secrets never print.

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::exit::{self, Failure};

/// Overrides the config directory (tests, and machines with more than one).
pub(crate) const CONFIG_DIR_ENV: &str = "CF_ORGS_CONFIG_DIR";

/// The profile used when `--profile` names none.
pub(crate) const DEFAULT: &str = "default";

/// The whole file.
#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ProfileFile {
    #[serde(default)]
    pub profiles: BTreeMap<String, Profile>,
}

/// One profile.
#[derive(Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Profile {
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub secret: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub base_url: Option<String>,
}

impl std::fmt::Debug for Profile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Profile")
            .field("mode", &self.mode)
            .field("email", &self.email)
            .field("secret", &"***")
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Cloudflare's three auth modes, as cf-orgs names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum Mode {
    ApiToken,
    GlobalApiKey,
    UserServiceKey,
}

impl Profile {
    pub(crate) fn credentials(&self, name: &str) -> Result<cf_orgs::Credentials, Failure> {
        Ok(match self.mode {
            Mode::ApiToken => cf_orgs::Credentials::api_token(&self.secret),
            Mode::UserServiceKey => cf_orgs::Credentials::user_service_key(&self.secret),
            Mode::GlobalApiKey => match &self.email {
                Some(email) => cf_orgs::Credentials::global_api_key(email, &self.secret),
                None => return Err(Failure::usage(format!("profile {name:?} is global_api_key but has no email"))),
            },
        })
    }
}

/// Where the file is.
pub(crate) fn path() -> Result<PathBuf, Failure> {
    let dir = match std::env::var_os(CONFIG_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        // XDG's on Linux and macOS (`~/.config`, as gh has it), the roaming AppData on Windows.
        None => {
            use etcetera::BaseStrategy;
            etcetera::choose_base_strategy()
                .map_err(|e| Failure::usage(format!("no config directory ({e}): set {CONFIG_DIR_ENV}")))?
                .config_dir()
                .join("cf-orgs")
        }
    };
    Ok(dir.join("profiles.toml"))
}

/// The file's profiles (none when there is no file). A file that group or others may read is
/// refused (exit 4): its secrets may already have been seen, and using it would hide that.
pub(crate) fn load() -> Result<ProfileFile, Failure> {
    let path = path()?;
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(ProfileFile::default()),
        Err(e) => return Err(Failure::usage(format!("{}: cannot read: {e}", path.display()))),
    };
    check_private(&path)?;
    toml::from_str(&text).map_err(|e| Failure::usage(format!("{}: {}", path.display(), e.to_string().trim_end())))
}

#[cfg(unix)]
fn check_private(path: &std::path::Path) -> Result<(), Failure> {
    use std::os::unix::fs::PermissionsExt;
    let mode =
        std::fs::metadata(path).map_err(|e| Failure::usage(format!("{}: {e}", path.display())))?.permissions().mode();
    if mode & 0o077 != 0 {
        return Err(Failure::new(
            exit::AUTH,
            format!(
                "{} is readable by others (mode {:03o}): its secrets may have been read; `chmod 600` it, or log in again",
                path.display(),
                mode & 0o777
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_private(_: &std::path::Path) -> Result<(), Failure> {
    Ok(())
}

/// Writes the file whole (`files::replace`, private): no moment exists where the secrets are in a
/// file others may read, or half written.
pub(crate) fn save(file: &ProfileFile) -> Result<PathBuf, Failure> {
    let path = path()?;
    let failed = |e: std::io::Error| Failure::new(exit::ERROR, format!("{}: cannot write: {e}", path.display()));
    let dir = path.parent().map(PathBuf::from).unwrap_or_default();
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(&dir).map_err(failed)?;
    let text = toml::to_string(file).map_err(|e| Failure::new(exit::ERROR, format!("profiles: {e}")))?;
    crate::files::replace(&path, text.as_bytes(), true).map_err(failed)?;
    Ok(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_profile_never_prints_its_secret() {
        let profile = Profile { mode: Mode::ApiToken, email: None, secret: "tok-SECRET".into(), base_url: None };
        assert!(!format!("{profile:?}").contains("SECRET"));
        let file: ProfileFile =
            toml::from_str("[profiles.work]\nmode = \"global_api_key\"\nemail = \"ops@x.example\"\nsecret = \"k\"\n")
                .unwrap();
        assert_eq!(file.profiles["work"].mode, Mode::GlobalApiKey);
        assert!(
            toml::from_str::<ProfileFile>("[profiles.x]\nmode = \"api_token\"\nsecret = \"s\"\ntoken = \"t\"\n")
                .is_err()
        );
    }
}
