//! The mistakes a user can make (an unknown duty, an empty query, a bad field name), as one typed
//! error whose wording the tests pin down (the words themselves come from [`crate::wording`]).
//! Everything else travels as `anyhow` context.

use std::fmt;

/// A mistake in what the user asked for: exit code 2, one line on stderr.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError(pub String);

impl UsageError {
    pub fn new(message: impl Into<String>) -> Self {
        UsageError(message.into())
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for UsageError {}
