//! One error type for every xtask failure: it always names the file, and the
//! JSON pointer or operation when there is one, so a maintainer can go straight
//! to the offending spot.

use std::fmt;
use std::path::PathBuf;

/// Where in the input a problem sits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// The file as a whole.
    File,
    /// A JSON pointer (RFC 6901) into the document.
    Pointer(String),
    /// An operation, by operationId (or `METHOD path` when it has none).
    Operation(String),
}

/// A failure of an xtask command, printed as one line.
#[derive(Debug, thiserror::Error)]
pub struct Error {
    pub file: PathBuf,
    pub location: Location,
    pub message: String,
}

impl Error {
    pub fn file(file: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Self { file: file.into(), location: Location::File, message: message.into() }
    }

    pub fn pointer(file: impl Into<PathBuf>, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), location: Location::Pointer(pointer.into()), message: message.into() }
    }

    pub fn operation(file: impl Into<PathBuf>, operation: impl Into<String>, message: impl Into<String>) -> Self {
        Self { file: file.into(), location: Location::Operation(operation.into()), message: message.into() }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        match &self.location {
            Location::File => write!(f, "{file}: {}", self.message),
            Location::Pointer(p) => write!(f, "{file}#{p}: {}", self.message),
            Location::Operation(op) => write!(f, "{file}: operation {op}: {}", self.message),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Escapes one reference token of a JSON pointer (RFC 6901, section 3).
pub fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}
