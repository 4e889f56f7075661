//! How messages word things, in one place: lists of choices ("a, b or c"), quoted input,
//! "did you mean", counts ("1 agency", "11 duties").

/// "a, b or c": a human list of choices for an error message.
pub fn one_of(choices: &[&str]) -> String {
    listed(choices, "or")
}

/// "a, b and c": every one of the items, as a sentence lists them.
pub fn all_of(items: &[&str]) -> String {
    listed(items, "and")
}

fn listed(items: &[&str], last_joiner: &str) -> String {
    match items {
        [] => String::new(),
        [only] => (*only).to_string(),
        [init @ .., last] => format!("{} {last_joiner} {last}", init.join(", ")),
    }
}

/// User input quoted for a message, cut to a readable length (saying so) when it is long.
pub fn quoted(input: &str) -> String {
    let chars = input.chars().count();
    if chars <= MAX_QUOTED_CHARS {
        return format!("{input:?}");
    }
    let start: String = input.chars().take(MAX_QUOTED_CHARS).collect();
    format!("{start:?}… ({chars} characters)")
}

/// Quoted input is cut after this many characters.
const MAX_QUOTED_CHARS: usize = 60;

/// The choice closest to `input` by edit distance, when it is close enough to be a likely typo.
/// Lengths are compared first, so a long input or a long choice costs no distance at all.
pub fn did_you_mean<'c>(input: &str, choices: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let length = input.chars().count();
    if length > MAX_SUGGESTED_CHARS {
        return None;
    }
    let input = input.to_lowercase();
    choices
        .into_iter()
        .filter_map(|choice| {
            let chars = choice.chars().take(MAX_SUGGESTED_CHARS + 1).count();
            let allowed = chars.div_ceil(3).max(1);
            if chars > MAX_SUGGESTED_CHARS || chars.abs_diff(length) > allowed {
                return None;
            }
            let distance = strsim::osa_distance(&input, &choice.to_lowercase());
            (distance <= allowed).then_some((distance, choice))
        })
        .min_by_key(|&(distance, _)| distance)
        .map(|(_, choice)| choice)
}

/// Names longer than this are never suggested, nor looked for near an input this long.
const MAX_SUGGESTED_CHARS: usize = 64;

/// "1 agency", "11 duties".
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_choices_like_a_person() {
        assert_eq!(one_of(&[]), "");
        assert_eq!(one_of(&["a"]), "a");
        assert_eq!(one_of(&["a", "b", "c"]), "a, b or c");
        assert_eq!(all_of(&["a", "b", "c"]), "a, b and c");
        assert_eq!(all_of(&["a"]), "a");
    }

    #[test]
    fn long_input_is_quoted_cut() {
        assert_eq!(quoted("titel"), "\"titel\"");
        let long = "x".repeat(5000);
        assert_eq!(quoted(&long), format!("\"{}\"… (5000 characters)", "x".repeat(60)));
        assert_eq!(did_you_mean(&long, ["x"]), None);
    }

    #[test]
    fn counts_read_as_words() {
        assert_eq!(plural(1, "agency", "agencies"), "1 agency");
        assert_eq!(plural(11, "duty", "duties"), "11 duties");
    }

    #[test]
    fn suggests_only_close_choices() {
        let fields = ["number", "numeral", "title", "text"];
        assert_eq!(did_you_mean("titel", fields), Some("title"));
        assert_eq!(did_you_mean("NUMBR", fields), Some("number"));
        assert_eq!(did_you_mean("zzzzzz", fields), None);
    }
}
