//! Enums that keep values the spec does not know: a new member status from
//! the API becomes `Unknown("suspended")` instead of failing the whole page.

/// Declares a string enum with an `Unknown(String)` variant.
macro_rules! open_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $wire:literal),+ $(,)? }) => {
        $(#[$meta])*
        ///
        /// Values this version does not know are kept in `Unknown`.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
            /// A value this version of the crate does not know, as the API sent it.
            Unknown(String),
        }

        impl $name {
            /// Every value this version knows, as the API spells them.
            pub const VALUES: &'static [&'static str] = &[$($wire),+];

            /// The value as the API spells it.
            pub fn as_str(&self) -> &str {
                match self {
                    $(Self::$variant => $wire,)+
                    Self::Unknown(other) => other,
                }
            }
        }

        /// An empty `Unknown`: what an absent or `null` value decodes to where
        /// a model holds one without `Option` (the spec calls it required).
        impl Default for $name {
            fn default() -> Self {
                Self::Unknown(String::new())
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = std::convert::Infallible;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Ok(match s {
                    $($wire => Self::$variant,)+
                    other => Self::Unknown(other.to_string()),
                })
            }
        }

        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                match s.parse() {
                    Ok(v) => v,
                    Err(never) => match never {},
                }
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                Ok(Self::from(s.as_ref()))
            }
        }
    };
}

pub(crate) use open_enum;

#[cfg(test)]
#[allow(unreachable_pub)] // the macro's enum is public wherever it is declared
mod tests {
    open_enum!(
        /// A test enum.
        Color { Red = "red", Blue = "blue" }
    );

    #[test]
    fn known_and_unknown_values_round_trip() {
        let colors: Vec<Color> = serde_json::from_str(r#"["red","teal"]"#).unwrap();
        assert_eq!(colors, [Color::Red, Color::Unknown("teal".into())]);
        assert_eq!(serde_json::to_string(&colors).unwrap(), r#"["red","teal"]"#);
        assert_eq!(Color::Blue.to_string(), "blue");
        assert_eq!(Color::VALUES, ["red", "blue"]);
    }
}
