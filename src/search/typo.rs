//! Typo tolerance: how many typos a word may have, a cheap test that rules most candidates
//! out before `strsim::osa_distance`, and the guard that keeps real words from being "corrected"
//! into other real words (police is not a typo of policy, nor plant of plans).

use std::cmp::Ordering;

/// Words of up to this many characters get no typos (Meilisearch's rule).
pub const MAX_LEN_WITHOUT_TYPOS: usize = 4;
/// Words of up to this many characters get one typo; longer words two.
pub const MAX_LEN_FOR_ONE_TYPO: usize = 8;
/// A different first letter costs this many typos, so "talent" never finds "patent".
const FIRST_LETTER_TYPOS: usize = 2;

/// English words of five or more letters (typos start at five), sorted, one per line: the
/// American word list of SCOWL (see data/english-words.NOTICE).
const ENGLISH_WORDS: &str = include_str!("../../data/english-words.txt");

/// The number of typos a query word may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TypoBudget(pub usize);

impl TypoBudget {
    /// By length, as Meilisearch: 1–4 characters none, 5–8 one, 9 or more two; none for words
    /// with digits.
    pub fn for_word(word: &str) -> TypoBudget {
        // Numbers are exact, and so is Chinese: one character more or less is another word.
        if word.chars().any(|c| c.is_numeric() || super::text::is_cjk(c)) {
            return TypoBudget(0);
        }
        match word.chars().count() {
            length if length <= MAX_LEN_WITHOUT_TYPOS => TypoBudget(0),
            length if length <= MAX_LEN_FOR_ONE_TYPO => TypoBudget(1),
            _ => TypoBudget(2),
        }
    }
}

/// Letter counts of a word, for a lower bound on the edit distance between two words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LetterCounts {
    counts: [u8; 27],
    chars: usize,
}

impl LetterCounts {
    pub fn of(word: &str) -> Self {
        let mut counts = [0u8; 27];
        let mut chars = 0;
        for c in word.chars() {
            let slot = if c.is_ascii_lowercase() { (c as u8 - b'a') as usize } else { 26 };
            counts[slot] = counts[slot].saturating_add(1);
            chars += 1;
        }
        LetterCounts { counts, chars }
    }

    /// A lower bound on the number of edits between the two words: each edit changes the
    /// letter counts by at most two, and the lengths by at most one.
    pub fn min_edits(&self, other: &LetterCounts) -> usize {
        let difference: usize =
            self.counts.iter().zip(&other.counts).map(|(a, b)| a.abs_diff(*b) as usize).sum();
        difference.div_ceil(2).max(self.chars.abs_diff(other.chars))
    }
}

/// The letters a word holds, one bit each (a to z, and one for anything else). An edit changes
/// at most two bits, so words whose masks differ in more than twice a budget's bits are out of it.
pub fn letter_mask(word: &str) -> u32 {
    word.chars()
        .fold(0, |mask, c| mask | 1 << if c.is_ascii_lowercase() { c as u32 - 'a' as u32 } else { 26 })
}

/// True when the letters of two words (their masks) differ too much for `budget` typos.
pub fn masks_beyond(a: u32, b: u32, budget: TypoBudget) -> bool {
    (a ^ b).count_ones() as usize > 2 * budget.0
}

/// The typos between a query word and a vocabulary word, when within `budget`.
pub fn typos_within(
    query: &str,
    query_counts: &LetterCounts,
    word: &str,
    word_counts: &LetterCounts,
    budget: TypoBudget,
) -> Option<usize> {
    if budget.0 == 0 || query_counts.min_edits(word_counts) > budget.0 {
        return None;
    }
    let mut typos = osa_distance_within(query, word, budget.0);
    if query.chars().next() != word.chars().next() {
        typos = typos.max(FIRST_LETTER_TYPOS);
    }
    (typos > 0 && typos <= budget.0).then_some(typos)
}

/// Words up to this many characters have their distance computed on the stack.
const MAX_STACK_CHARS: usize = 48;

/// The optimal string alignment distance (edits, with adjacent swaps), as
/// `strsim::osa_distance`, without allocating for words of ordinary length.
#[cfg(test)]
pub fn osa_distance(a: &str, b: &str) -> usize {
    osa_distance_within(a, b, usize::MAX)
}

/// [`osa_distance`] when it is at most `max`; otherwise some number above `max`, found as soon
/// as two rows of the table are both above it (a path through the table crosses one of any two
/// rows, an adjacent swap stepping over one).
pub fn osa_distance_within(a: &str, b: &str, max: usize) -> usize {
    /// The word's characters, when it has few enough.
    fn chars_of(word: &str) -> Option<([char; MAX_STACK_CHARS], usize)> {
        let mut chars = ['\0'; MAX_STACK_CHARS];
        let mut count = 0;
        for c in word.chars() {
            *chars.get_mut(count)? = c;
            count += 1;
        }
        Some((chars, count))
    }
    let (Some((a_chars, n)), Some((b_chars, m))) = (chars_of(a), chars_of(b)) else {
        return strsim::osa_distance(a, b);
    };
    let (a, b) = (&a_chars[..n], &b_chars[..m]);
    // Three rows of the table, used in turn: two rows back, the last, and the one being filled.
    let mut rows = [[0u8; MAX_STACK_CHARS + 1]; 3];
    for (j, cell) in rows[0].iter_mut().enumerate().take(m + 1) {
        *cell = j as u8;
    }
    let mut last_minimum = 0;
    for i in 1..=n {
        let (current, last, before) = (i % 3, (i + 2) % 3, (i + 1) % 3);
        rows[current][0] = i as u8;
        for j in 1..=m {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[last][j] + 1).min(rows[current][j - 1] + 1).min(rows[last][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[before][j - 2] + 1);
            }
            rows[current][j] = best;
        }
        let minimum = usize::from(rows[current][..=m].iter().copied().min().unwrap_or(0));
        if minimum > max && last_minimum > max {
            return minimum;
        }
        last_minimum = minimum;
    }
    usize::from(rows[n % 3][m])
}

/// True when `word` (lower case) is an English word: then it is what the user meant, and not a
/// typo for some other word.
pub fn is_english_word(word: &str) -> bool {
    let words = ENGLISH_WORDS.as_bytes();
    let (mut low, mut high) = (0, words.len());
    // Binary search over the sorted lines, without building an index.
    while low < high {
        let middle = usize::midpoint(low, high);
        let start = words[..middle].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let end = words[start..].iter().position(|&b| b == b'\n').map_or(words.len(), |i| start + i);
        match words[start..end].cmp(word.as_bytes()) {
            Ordering::Equal => return true,
            Ordering::Less => low = end + 1,
            Ordering::Greater => high = start,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typos(query: &str, word: &str) -> Option<usize> {
        typos_within(
            query,
            &LetterCounts::of(query),
            word,
            &LetterCounts::of(word),
            TypoBudget::for_word(query),
        )
    }

    #[test]
    fn budget_grows_with_length_and_spares_numbers() {
        assert_eq!(TypoBudget::for_word("tax"), TypoBudget(0));
        assert_eq!(TypoBudget::for_word("plan"), TypoBudget(0));
        assert_eq!(TypoBudget::for_word("talnet"), TypoBudget(1));
        assert_eq!(TypoBudget::for_word("policies"), TypoBudget(1));
        assert_eq!(TypoBudget::for_word("inovation"), TypoBudget(2));
        assert_eq!(TypoBudget::for_word("330038123"), TypoBudget(0));
    }

    #[test]
    fn admits_common_typos() {
        assert_eq!(typos("talnet", "talent"), Some(1));
        assert_eq!(typos("polcy", "policy"), Some(1));
        assert_eq!(typos("inovation", "innovation"), Some(1));
        assert_eq!(typos("capabilty", "capability"), Some(1));
        assert_eq!(typos("tecnolgy", "technology"), None, "two typos in eight letters");
        assert_eq!(typos("tecnology", "technology"), Some(1));
    }

    #[test]
    fn refuses_distant_or_first_letter_changes() {
        assert_eq!(typos("talent", "patent"), None);
        assert_eq!(typos("talent", "talent"), None, "an exact match is not a typo");
        assert_eq!(typos("tax", "tex"), None);
        assert_eq!(typos("science", "sciences"), Some(1));
    }

    #[test]
    fn letter_counts_bound_the_distance_from_below() {
        for (a, b) in [("talnet", "talent"), ("kitten", "sitting"), ("abc", "xyz"), ("s&t", "sat")] {
            let bound = LetterCounts::of(a).min_edits(&LetterCounts::of(b));
            assert!(bound <= strsim::osa_distance(a, b), "{a} {b}");
        }
    }

    proptest::proptest! {
        #[test]
        fn osa_distance_agrees_with_strsim(a in "[a-eé]{0,12}", b in "[a-eé]{0,12}", max in 0usize..4) {
            let exact = strsim::osa_distance(&a, &b);
            proptest::prop_assert_eq!(osa_distance(&a, &b), exact);
            let within = osa_distance_within(&a, &b, max);
            let agrees = if exact <= max { within == exact } else { within > max };
            proptest::prop_assert!(agrees, "within {} of max {} for exact {}", within, max, exact);
        }
    }

    #[test]
    fn osa_distance_of_long_words_falls_back() {
        let long = "a".repeat(60);
        assert_eq!(osa_distance(&long, &"a".repeat(58)), 2);
        assert_eq!(osa_distance("talnet", "talent"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
    }

    #[test]
    fn knows_real_english_words() {
        for word in ["police", "plant", "plants", "weather", "aardvark", "zygote"] {
            assert!(is_english_word(word), "{word}");
        }
        for word in ["talnet", "inovation", "capabilty", "polcy", "", "zzzzzzz", "aaaaa"] {
            assert!(!is_english_word(word), "{word}");
        }
    }
}
