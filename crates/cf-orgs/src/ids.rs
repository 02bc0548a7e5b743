//! Typed identifiers: an organization id cannot be passed where a member id
//! goes, and an id that would break the request path is refused before any
//! request is sent. The id types are also at the crate root; [`IntoId`] is
//! what every method that takes an id accepts.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize};

use crate::error::Error;

/// Checks that `value` can stand as one path segment of a request.
///
/// Refused: empty ids, and ids holding `/`, `?`, `#`, `%`, whitespace or `..`,
/// which would change the request's path or query instead of naming a resource.
pub(crate) fn validate(field: &'static str, value: &str) -> Result<(), Error> {
    let reason = if value.is_empty() {
        Some("is empty")
    } else if value == "." || value.contains("..") {
        // URL parsers drop `.` and `..` path segments: the request would go elsewhere.
        Some("is `.` or contains `..`")
    } else if let Some(c) = value.chars().find(|c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_whitespace()) {
        // `\` is a path separator in URLs of http(s), as `/` is.
        return Err(Error::invalid_input(field, format!("contains {c:?}, which cannot stand in a URL path segment")));
    } else {
        None
    };
    match reason {
        Some(reason) => Err(Error::invalid_input(field, reason)),
        None => Ok(()),
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $field:literal) => {
        $(#[$doc])*
        ///
        /// Parse one with [`str::parse`] or `TryFrom<&str>`/`TryFrom<String>`:
        /// empty ids and ids holding `/`, `?`, `#`, `%`, whitespace or `..` are
        /// refused. It prints (and serializes) as the bare id.
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            /// The id as a string.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Validates and wraps an id.
            ///
            /// # Errors
            /// An [`ErrorKind::InvalidInput`](crate::ErrorKind::InvalidInput) error naming the field.
            pub fn new(id: impl Into<String>) -> Result<Self, Error> {
                let id = id.into();
                validate($field, &id)?;
                Ok(Self(id))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = Error;
            fn from_str(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = Error;
            fn try_from(s: &str) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = Error;
            fn try_from(s: String) -> Result<Self, Error> {
                Self::new(s)
            }
        }

        impl TryFrom<&String> for $name {
            type Error = Error;
            fn try_from(s: &String) -> Result<Self, Error> {
                Self::new(s.as_str())
            }
        }

        impl TryFrom<&$name> for $name {
            type Error = Error;
            fn try_from(id: &$name) -> Result<Self, Error> {
                Ok(id.clone())
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        // The server's ids are taken as they come: refusing one would lose a whole page.
        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                String::deserialize(d).map(Self)
            }
        }
    };
}

id_type!(
    /// The id of an organization.
    OrganizationId,
    "organization_id"
);
id_type!(
    /// The id of an organization member.
    MemberId,
    "member_id"
);
id_type!(
    /// The id of an account (its public account tag).
    AccountId,
    "account_id"
);

/// Anything a method accepts as an id: the typed id (owned or borrowed), or a
/// string (`&str`, `String`, `&String`), checked before any request is sent.
///
/// Sealed: it is implemented for everything that converts to the id with
/// `TryFrom`, and for nothing else.
pub trait IntoId<T>: sealed::Sealed<T> {
    /// Converts, validating strings.
    ///
    /// # Errors
    /// An invalid-input error naming the field.
    fn into_id(self) -> Result<T, Error>;
}

mod sealed {
    /// What [`IntoId`](super::IntoId) is implemented for; not nameable outside this crate.
    #[allow(unnameable_types)]
    pub trait Sealed<T> {}

    impl<T, S> Sealed<T> for S
    where
        S: TryInto<T>,
        S::Error: Into<crate::Error>,
    {
    }
}

impl<T, S> IntoId<T> for S
where
    S: TryInto<T>,
    S::Error: Into<Error>,
{
    fn into_id(self) -> Result<T, Error> {
        self.try_into().map_err(Into::into)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorKind;

    #[test]
    fn valid_ids_round_trip() {
        let id: OrganizationId = "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8".parse().unwrap();
        assert_eq!(id.to_string(), "a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8");
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8\"");
        assert_eq!(format!("{id:?}"), "OrganizationId(\"a7b9c3d2e8f4g1h5i6j0k9l2m3n7o4p8\")");
    }

    #[test]
    fn ids_that_would_break_the_path_are_refused_naming_the_field() {
        for bad in ["", "a/b", "a\\b", "a?b", "a#b", "a%2f", "a b", "a\tb", ".", "..", "a..b", "\n"] {
            let err = MemberId::new(bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}");
            assert!(err.to_string().contains("member_id"), "{err}");
        }
    }

    proptest::proptest! {
        /// Any string is either refused as invalid input naming its field, or
        /// round-trips (Display, FromStr, serde) and stays one path segment.
        #[test]
        fn ids_round_trip_or_are_refused(s in "[a-z0-9]{0,6}[-_.~/?#%\\ \t\na-z0-9\u{e9}\u{1F600}]{0,4}[a-z0-9.]{0,6}|[a.\\\\/%?# ]{0,4}") {
            match OrganizationId::new(s.clone()) {
                Ok(id) => {
                    proptest::prop_assert_eq!(id.to_string(), s.clone());
                    proptest::prop_assert_eq!(&id.as_str().parse::<OrganizationId>().unwrap(), &id);
                    let json = serde_json::to_string(&id).unwrap();
                    proptest::prop_assert_eq!(&serde_json::from_str::<OrganizationId>(&json).unwrap(), &id);
                    let url = reqwest::Url::parse(&format!("https://api.cloudflare.com/client/v4/organizations/{id}/members")).unwrap();
                    let segments: Vec<&str> = url.path_segments().unwrap().collect();
                    proptest::prop_assert_eq!(segments.len(), 5, "{:?} moved the path: {}", s, url);
                    let decoded = percent_encoding::percent_decode_str(segments[3]).decode_utf8().unwrap();
                    proptest::prop_assert_eq!(decoded, s);
                }
                Err(e) => {
                    proptest::prop_assert_eq!(e.kind(), ErrorKind::InvalidInput);
                    proptest::prop_assert!(e.to_string().contains("organization_id"), "{}", e);
                }
            }
        }
    }
}
