//! Building a list's query string: the spec's parameter names, values
//! checked, the first invalid one kept to report before anything is sent.

use crate::error::Error;

/// Sort direction of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Ascending.
    Asc,
    /// Descending.
    Desc,
}

impl Direction {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Direction::Asc => "asc",
            Direction::Desc => "desc",
        }
    }
}

/// Query parameters in the order set, and the first input error.
#[derive(Debug, Clone, Default)]
pub(crate) struct Query {
    pub pairs: Vec<(&'static str, String)>,
    /// The first input error: the field, and the whole message.
    error: Option<(&'static str, String)>,
}

impl Query {
    /// Sets a single-valued parameter, replacing an earlier value.
    pub fn set(&mut self, name: &'static str, value: impl Into<String>) {
        self.pairs.retain(|(n, _)| *n != name);
        self.pairs.push((name, value.into()));
    }

    /// Adds one value to a repeated parameter (`id=a&id=b`).
    pub fn add(&mut self, name: &'static str, value: impl Into<String>) {
        self.pairs.push((name, value.into()));
    }

    /// Records an input error (the first one wins).
    pub fn invalid(&mut self, field: &'static str, reason: impl std::fmt::Display) {
        if self.error.is_none() {
            self.error = Some((field, Error::invalid_input(field, reason).to_string()));
        }
    }

    /// Records an input error already made (an invalid id), keeping its message.
    pub fn reject(&mut self, field: &'static str, error: Error) {
        if self.error.is_none() {
            self.error = Some((error.field().unwrap_or(field), error.to_string()));
        }
    }

    /// Sets a number, refusing it outside `range`.
    pub fn bounded(&mut self, name: &'static str, value: u64, range: std::ops::RangeInclusive<u64>) {
        if range.contains(&value) {
            self.set(name, value.to_string());
        } else {
            self.invalid(name, format!("{value} is outside {}..={}", range.start(), range.end()));
        }
    }

    /// The pairs, or the recorded input error.
    pub fn checked(&self) -> Result<Vec<(&'static str, String)>, Error> {
        match &self.error {
            Some((field, message)) => Err(Error::input_message(field, message.clone())),
            None => Ok(self.pairs.clone()),
        }
    }

    /// The pairs with the page parameter (name `key`) set to `token`.
    pub fn with_page(&self, key: &'static str, token: Option<String>) -> Result<Vec<(&'static str, String)>, Error> {
        let mut pairs = self.checked()?;
        if let Some(token) = token {
            pairs.retain(|(n, _)| *n != key);
            pairs.push((key, token));
        }
        Ok(pairs)
    }
}
