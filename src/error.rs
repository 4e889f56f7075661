//! The mistakes a user can make (an unknown duty, an empty query, a bad field name), as one typed
//! error whose wording the tests pin down. Everything else travels as `anyhow` context.

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

/// "a, b or c": a human list of choices for an error message.
pub fn one_of(choices: &[&str]) -> String {
    match choices {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

/// The choice closest to `input` by edit distance, when it is close enough to be a likely typo.
pub fn did_you_mean<'c>(input: &str, choices: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let input = input.to_lowercase();
    choices
        .into_iter()
        .map(|choice| (strsim::osa_distance(&input, &choice.to_lowercase()), choice))
        .filter(|&(distance, choice)| distance <= choice.chars().count().div_ceil(3).max(1))
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, choice)| choice)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_choices_like_a_person() {
        assert_eq!(one_of(&[]), "");
        assert_eq!(one_of(&["a"]), "a");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
    }

    #[test]
    fn suggests_only_close_choices() {
        let fields = ["number", "numeral", "title", "text"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("NUMBR", fields), Some("number"));
        assert_eq!(did_you_mean("zzzzzz", fields), None);
    }
}
