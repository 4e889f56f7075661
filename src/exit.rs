//! Exit codes, as grep and ripgrep use them, in one place.

use std::process::ExitCode;

/// Something was found, or the command did what it was asked.
pub const SUCCESS: u8 = 0;
/// A search or lookup ran and found nothing.
pub const NOTHING_FOUND: u8 = 1;
/// A usage or data error: bad arguments, a bad dataset, a failed write.
pub const ERROR: u8 = 2;

/// How a command that did not fail ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Found,
    NothingFound,
    /// `validate` found problems (and has said so).
    Invalid,
}

impl Outcome {
    pub fn code(self) -> u8 {
        match self {
            Outcome::Found => SUCCESS,
            Outcome::NothingFound => NOTHING_FOUND,
            Outcome::Invalid => ERROR,
        }
    }
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> Self {
        ExitCode::from(outcome.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_follow_grep() {
        assert_eq!((SUCCESS, NOTHING_FOUND, ERROR), (0, 1, 2));
        assert_eq!(Outcome::Found.code(), 0);
        assert_eq!(Outcome::NothingFound.code(), 1);
    }
}
