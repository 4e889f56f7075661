//! Queries: the words a user typed, turned into units to find. A unit is one query word, a
//! quoted phrase, or a group of words that an abbreviation names, and it matches when any of
//! its alternatives does (S&T, or "science and technology"). Each alternative is a sequence of
//! word patterns that must stand consecutively in one clause.

use super::abbrev::Abbreviations;
use super::text::{stem_key, tokenize};
use super::typo::{LetterCounts, TypoBudget, is_english_word};
use crate::error::UsageError;

/// Words left out of a query unless it has nothing else: they carry no meaning for ranking.
const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it", "its", "of",
    "on", "or", "that", "the", "this", "to", "was", "what", "which", "who", "with",
];
/// The last query word matches as a prefix from this many characters on.
pub const MIN_PREFIX_CHARS: usize = 3;
/// A query may have at most this many words, and this many characters: enough for any
/// question, and a bound on the work one query can cause.
pub const MAX_QUERY_WORDS: usize = 32;
pub const MAX_QUERY_CHARS: usize = 1000;
/// Quotation marks that open or close a phrase.
const QUOTES: [char; 3] = ['"', '\u{201c}', '\u{201d}'];

/// One word to look for in the text.
#[derive(Debug, Clone)]
pub struct Pattern {
    /// Normalised form (NFKC, lower case).
    pub norm: String,
    /// Stem key: plural stem, American spelling.
    pub key: String,
    pub counts: LetterCounts,
    /// Length in characters.
    pub chars: usize,
    /// Typos allowed; zero for phrase words, numbers, abbreviations and `--exact`.
    pub budget: TypoBudget,
    /// May match as the start of a longer word (the last query word only).
    pub prefix: bool,
    /// The word is English in its own right, so within one typo it is never read as another word.
    pub real_word: bool,
}

/// A way for a unit to match: these patterns at consecutive positions of one clause.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub patterns: Vec<usize>,
    /// Set when this alternative is the other form of an abbreviation.
    pub abbreviation: bool,
}

/// Something the user asked for, found when any alternative matches.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The query text this unit stands for, as typed.
    pub label: String,
    pub alternatives: Vec<Alternative>,
}

/// A parsed query.
#[derive(Debug, Clone)]
pub struct Query {
    pub units: Vec<Unit>,
    pub patterns: Vec<Pattern>,
}

/// How the query may match.
#[derive(Debug, Clone, Copy, Default)]
pub struct Strictness {
    /// No typos and no prefixes.
    pub exact: bool,
}

/// A query word: its text as typed and its normalised form.
#[derive(Debug, Clone)]
struct Word {
    typed: String,
    norm: String,
    key: String,
}

fn is_stop_word(norm: &str) -> bool {
    STOP_WORDS.contains(&norm)
}

/// Words of a query segment, without the joined forms of hyphenated words.
fn words_of(segment: &str) -> Vec<Word> {
    let mut tokens = Vec::new();
    tokenize(segment, &mut tokens);
    tokens
        .into_iter()
        .filter(|token| !token.joined)
        .map(|token| Word {
            typed: token.raw.to_string(),
            key: stem_key(&token.norm()).into_owned(),
            norm: token.norm().into_owned(),
        })
        .collect()
}

impl Query {
    /// Parses the user's words (joined with spaces) into units.
    pub fn parse(
        words: &[String],
        abbreviations: &Abbreviations,
        strictness: Strictness,
    ) -> Result<Query, UsageError> {
        let raw = words.join(" ");
        if raw.trim().is_empty() {
            return Err(UsageError::new(
                "the query is empty: give one or more words, as in: ncstb search talent",
            ));
        }
        let chars = raw.chars().count();
        if chars > MAX_QUERY_CHARS {
            return Err(UsageError::new(format!(
                "the query is too long: {chars} characters, and at most {MAX_QUERY_CHARS} are searched"
            )));
        }
        if raw.chars().filter(|c| QUOTES.contains(c)).count() % 2 == 1 {
            return Err(UsageError::new(format!(
                "unbalanced quote in query {raw:?}: close the \"phrase\" or leave the quote out"
            )));
        }
        let mut query = Query { units: Vec::new(), patterns: Vec::new() };
        let mut plain_words: Vec<Word> = Vec::new();
        for (i, segment) in raw.split(QUOTES).enumerate() {
            if i % 2 == 1 {
                let phrase = words_of(segment);
                if !phrase.is_empty() {
                    query.push_phrase(&phrase, format!("\"{}\"", segment.trim()), false);
                }
            } else {
                plain_words.extend(words_of(segment));
            }
        }
        let only_stop_words = plain_words.iter().all(|w| is_stop_word(&w.norm));
        let last_plain = plain_words.len().checked_sub(1);
        let mut i = 0;
        while i < plain_words.len() {
            if let Some((length, others)) = abbreviation_at(&plain_words[i..], abbreviations) {
                query.push_abbreviation(&plain_words[i..i + length], others);
                i += length;
                continue;
            }
            let word = &plain_words[i];
            if only_stop_words || !is_stop_word(&word.norm) {
                let prefix = !strictness.exact
                    && Some(i) == last_plain
                    && word.norm.chars().count() >= MIN_PREFIX_CHARS;
                query.push_word(word, prefix, strictness);
            }
            i += 1;
        }
        let words = query.units.iter().map(|u| u.alternatives[0].patterns.len()).sum::<usize>();
        if words > MAX_QUERY_WORDS {
            return Err(UsageError::new(format!(
                "the query has {words} words, and at most {MAX_QUERY_WORDS} are searched: keep the ones that matter"
            )));
        }
        if query.units.is_empty() {
            return Err(UsageError::new(format!(
                "the query {raw:?} has no words to search for: use letters or digits, as in: ncstb search talent"
            )));
        }
        Ok(query)
    }

    fn add_pattern(&mut self, word: &Word, budget: TypoBudget, prefix: bool) -> usize {
        let real_word = budget.0 > 0 && is_english_word(&word.norm);
        self.patterns.push(Pattern {
            counts: LetterCounts::of(&word.norm),
            chars: word.norm.chars().count(),
            norm: word.norm.clone(),
            key: word.key.clone(),
            budget,
            prefix,
            real_word,
        });
        self.patterns.len() - 1
    }

    /// A single word: exact, stem, prefix or typo; a hyphenated word also as its joined form.
    fn push_word(&mut self, word: &Word, prefix: bool, strictness: Strictness) {
        let budget = if strictness.exact { TypoBudget(0) } else { TypoBudget::for_word(&word.norm) };
        let pattern = self.add_pattern(word, budget, prefix);
        self.units.push(Unit {
            label: word.typed.clone(),
            alternatives: vec![Alternative { patterns: vec![pattern], abbreviation: false }],
        });
    }

    /// Words that must stand together, exactly or by stem.
    fn push_phrase(&mut self, words: &[Word], label: String, abbreviation: bool) {
        let patterns = words.iter().map(|w| self.add_pattern(w, TypoBudget(0), false)).collect();
        self.units.push(Unit { label, alternatives: vec![Alternative { patterns, abbreviation }] });
    }

    /// Words that form one side of an abbreviation: found as typed, or as any other side.
    fn push_abbreviation(&mut self, typed: &[Word], others: Vec<Vec<String>>) {
        let label = typed.iter().map(|w| w.typed.as_str()).collect::<Vec<_>>().join(" ");
        self.push_phrase(typed, label, false);
        for other in others {
            let patterns = other
                .iter()
                .map(|key| Word { typed: key.clone(), norm: key.clone(), key: key.clone() })
                .map(|word| self.add_pattern(&word, TypoBudget(0), false))
                .collect();
            if let Some(unit) = self.units.last_mut() {
                unit.alternatives.push(Alternative { patterns, abbreviation: true });
            }
        }
    }
}

/// The longest abbreviation form that the words start with: its length in words and the keys
/// of every other form it has (S&T and sci-tech both stand for science and technology).
fn abbreviation_at(words: &[Word], abbreviations: &Abbreviations) -> Option<(usize, Vec<Vec<String>>)> {
    let starts_with = |form: &[String]| {
        form.len() <= words.len()
            && form.iter().zip(words).all(|(key, word)| *key == word.key || *key == word.norm)
    };
    let forms: Vec<(&Vec<String>, &Vec<String>)> = abbreviations
        .list
        .iter()
        .flat_map(|a| [(&a.short, &a.long), (&a.long, &a.short)])
        .filter(|(form, _)| starts_with(form))
        .collect();
    let length = forms.iter().map(|(form, _)| form.len()).max()?;
    let mut others: Vec<Vec<String>> = Vec::new();
    for (form, other) in forms {
        if form.len() == length && !others.contains(other) {
            others.push(other.clone());
        }
    }
    Some((length, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(query: &str) -> Result<Query, String> {
        Query::parse(&[query.to_string()], &Abbreviations::built_in(), Strictness::default())
            .map_err(|e| e.to_string())
    }

    fn labels(query: &str) -> Vec<String> {
        parse(query).unwrap().units.iter().map(|u| u.label.clone()).collect()
    }

    #[test]
    fn drops_stop_words_unless_nothing_else_is_left() {
        assert_eq!(labels("who is responsible for talent"), ["responsible", "talent"]);
        assert_eq!(labels("the of"), ["the", "of"]);
    }

    #[test]
    fn groups_abbreviations_in_either_direction() {
        let query = parse("science and technology talent").unwrap();
        assert_eq!(query.units.len(), 2);
        assert_eq!(query.units[0].label, "science and technology");
        assert_eq!(query.units[0].alternatives.len(), 3, "as typed, S&T and sci-tech");
        let other = &query.units[0].alternatives[1];
        assert!(other.abbreviation);
        assert_eq!(query.patterns[other.patterns[0]].norm, "s&t");
        let ip = parse("IP").unwrap();
        let long: Vec<&str> =
            ip.units[0].alternatives[1].patterns.iter().map(|&p| ip.patterns[p].norm.as_str()).collect();
        assert_eq!(long, ["intellectual", "property"]);
        assert_eq!(parse("SMEs").unwrap().units[0].alternatives.len(), 2);
    }

    #[test]
    fn quoted_words_form_one_exact_phrase() {
        let query = parse("\"technology innovation\" plans").unwrap();
        assert_eq!(query.units[0].label, "\"technology innovation\"");
        assert_eq!(query.units[0].alternatives[0].patterns.len(), 2);
        assert!(query.patterns.iter().take(2).all(|p| p.budget == TypoBudget(0) && !p.prefix));
        assert!(query.patterns[2].prefix, "the last plain word may be a prefix");
    }

    #[test]
    fn marks_real_words_and_budgets_typos() {
        let query = parse("police talnet").unwrap();
        assert!(query.patterns[0].real_word);
        assert!(!query.patterns[1].real_word);
        assert_eq!(query.patterns[1].budget, TypoBudget(1));
        let exact =
            Query::parse(&["talnet".into()], &Abbreviations::built_in(), Strictness { exact: true }).unwrap();
        assert_eq!(exact.patterns[0].budget, TypoBudget(0));
        assert!(!exact.patterns[0].prefix);
    }

    #[test]
    fn rejects_empty_blank_and_wordless_queries() {
        assert!(parse("").unwrap_err().contains("the query is empty"));
        assert!(parse("   ").unwrap_err().contains("the query is empty"));
        assert!(parse("!!! ;;").unwrap_err().contains("has no words"));
        assert!(parse("\"talent").unwrap_err().contains("unbalanced quote"));
        assert!(parse(&"talent ".repeat(40)).unwrap_err().contains("the query has 40 words"));
        assert!(parse(&"a".repeat(100_000)).unwrap_err().contains("100000 characters"));
    }
}
