//! What the generated models' decoders share (`models.rs`): an object's key, borrowed from the
//! input where it can be, and a value whose `null` is its type's default.

use std::borrow::Cow;

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// An object's key: borrowed when the input holds it unescaped, so matching a known field
/// allocates nothing; owned only when it is kept in `other`.
pub(crate) struct Key<'de>(Cow<'de, str>);

impl Key<'_> {
    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    pub(crate) fn into_string(self) -> String {
        self.0.into_owned()
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("an object key")
            }
            fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
            fn visit_string<E: de::Error>(self, v: String) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(KeyVisitor)
    }
}

/// A value the spec calls required: `null` decodes to the type's default (as absence does).
pub(crate) struct OrDefault<T>(pub(crate) T);

impl<'de, T: Default + Deserialize<'de>> Deserialize<'de> for OrDefault<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Self(Option::<T>::deserialize(deserializer)?.unwrap_or_default()))
    }
}

/// [`OrDefault`] for serde's `deserialize_with`.
pub(crate) fn null_as_default<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    OrDefault::deserialize(d).map(|OrDefault(value)| value)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use crate::models::{Member, MemberStatus};

    #[test]
    fn a_model_reads_each_key_once_whatever_its_form() {
        // An escaped key cannot be borrowed: it is matched all the same.
        let text = r#"{"id":"m1","st\u0061tus":"active","user":null,"x":{"y":[1]},"meta":null}"#;
        let member: Member = serde_json::from_str(text).unwrap();
        assert_eq!(member.status, MemberStatus::Active);
        assert_eq!(member.user.email, "", "null is the default");
        assert!(member.meta.is_empty());
        assert_eq!(member.other.len(), 1);
        assert_eq!(member.other["x"], json!({ "y": [1] }));
        let encoded = serde_json::to_value(&member).unwrap();
        assert_eq!(encoded["x"], json!({ "y": [1] }), "unknown fields are sent back as they came");
    }

    #[test]
    fn only_a_resources_own_id_is_required() {
        let err = serde_json::from_value::<Member>(json!({ "status": "active" })).unwrap_err();
        assert!(err.to_string().contains("missing field `id`"), "{err}");
        let err = serde_json::from_value::<Member>(json!(["m1"])).unwrap_err();
        assert!(err.to_string().contains("an object for Member"), "{err}");
    }
}
