//! Abbreviations: S&T ⇔ science and technology and the like, matched as concepts, never with
//! typos. Three sources: a built-in table, definitions the dataset's text makes ("science and
//! technology (S&T)", "SMEs (Small and Medium-sized Enterprises)"), and the dataset's own
//! `abbreviations` list.

use std::borrow::Cow;

use rustc_hash::FxHashSet;

use super::text::phrase_keys;

/// Built-in pairs: short form, its stem keys, long form, its stem keys. The keys are written
/// out so that starting a search costs no tokenising; a test checks them against [`phrase_keys`].
type BuiltIn = (&'static str, &'static [Text], &'static str, &'static [Text]);
const BUILT_IN: &[BuiltIn] = &[
    ("S&T", &[k("s&t")], "science and technology", &[k("scienc"), k("and"), k("technology")]),
    ("sci-tech", &[k("sci"), k("tech")], "science and technology", &[k("scienc"), k("and"), k("technology")]),
    (
        "SME",
        &[k("sme")],
        "small and medium-sized enterprise",
        &[k("small"), k("and"), k("medium"), k("sized"), k("enterpriz")],
    ),
    ("IP", &[k("ip")], "intellectual property", &[k("intellectual"), k("property")]),
    ("IPR", &[k("ipr")], "intellectual property rights", &[k("intellectual"), k("property"), k("right")]),
    ("IPR", &[k("ipr")], "intellectual property", &[k("intellectual"), k("property")]),
    ("R&D", &[k("r&d")], "research and development", &[k("research"), k("and"), k("development")]),
    ("high-tech", &[k("high"), k("tech")], "high technology", &[k("high"), k("technology")]),
    ("hi-tech", &[k("hi"), k("tech")], "high technology", &[k("high"), k("technology")]),
    ("hi-tech", &[k("hi"), k("tech")], "high-tech", &[k("high"), k("tech")]),
    ("hitech", &[k("hitech")], "high-tech", &[k("high"), k("tech")]),
    ("scitech", &[k("scitech")], "science and technology", &[k("scienc"), k("and"), k("technology")]),
    (
        "ICT",
        &[k("ict")],
        "information and communication technology",
        &[k("information"), k("and"), k("communication"), k("technology")],
    ),
    ("AI", &[k("ai")], "artificial intelligence", &[k("artificial"), k("intelligenc")]),
    ("HR", &[k("hr")], "human resources", &[k("human"), k("resourc")]),
    ("NGO", &[k("ngo")], "non-governmental organization", &[k("non"), k("governmental"), k("organization")]),
    ("tech", &[k("tech")], "technology", &[k("technology")]),
    ("govt", &[k("govt")], "government", &[k("government")]),
    ("dept", &[k("dept")], "department", &[k("department")]),
    ("intl", &[k("intl")], "international", &[k("international")]),
    ("mgmt", &[k("mgmt")], "management", &[k("management")]),
];

/// Words skipped when checking that a long form's initials spell its abbreviation.
const INITIAL_STOP_WORDS: &[&str] = &["and", "of", "the", "for", "in", "on", "&"];
/// An abbreviation in parentheses has at most this many characters.
const MAX_ABBREVIATION_CHARS: usize = 10;

/// Text that the built-in table lends and learned pairs own.
pub type Text = Cow<'static, str>;

/// A form's stem keys, borrowed from the built-in table or owned.
pub type Keys = Cow<'static, [Text]>;

/// A built-in key, borrowed.
const fn k(key: &'static str) -> Text {
    Cow::Borrowed(key)
}

/// Two ways to say the same thing, as stem keys of their words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Abbreviation {
    pub short: Keys,
    pub long: Keys,
    /// The forms as written, for reporting what matched.
    pub short_text: Text,
    pub long_text: Text,
}

/// Every abbreviation known for one search.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    pub list: Vec<Abbreviation>,
    /// The pairs in `list`, as written and as keys, once it is long enough for looking through
    /// it to cost more than hashing (a dataset may define thousands).
    index: Option<Index>,
}

#[derive(Debug, Clone, Default)]
struct Index {
    texts: FxHashSet<(Text, Text)>,
    keys: FxHashSet<(Keys, Keys)>,
}

/// `list` is searched by looking through it up to this length, and by hashing beyond.
const MAX_UNINDEXED: usize = 64;

impl Abbreviations {
    /// The built-in table alone.
    pub fn built_in() -> Self {
        let list = BUILT_IN
            .iter()
            .map(|&(short, short_keys, long, long_keys)| Abbreviation {
                short: Cow::Borrowed(short_keys),
                long: Cow::Borrowed(long_keys),
                short_text: Cow::Borrowed(short),
                long_text: Cow::Borrowed(long),
            })
            .collect();
        Abbreviations { list, index: None }
    }

    /// Adds a pair unless it is empty or already known.
    pub fn add(&mut self, short: &str, long: &str) {
        let (short, long) = (short.trim(), long.trim());
        if self.knows_text(short, long) {
            return;
        }
        let keys = |text: &str| phrase_keys(text).into_iter().map(Cow::Owned).collect::<Vec<Text>>();
        let (short_keys, long_keys) = (keys(short), keys(long));
        if short_keys.is_empty() || long_keys.is_empty() || short_keys == long_keys {
            return;
        }
        self.insert(Abbreviation {
            short: Cow::Owned(short_keys),
            long: Cow::Owned(long_keys),
            short_text: Cow::Owned(short.to_string()),
            long_text: Cow::Owned(long.to_string()),
        });
    }

    /// Takes in the pairs another list learned, without working out their keys again.
    pub fn absorb(&mut self, other: Abbreviations) {
        for abbreviation in other.list {
            if !self.knows_text(&abbreviation.short_text, &abbreviation.long_text) {
                self.insert(abbreviation);
            }
        }
    }

    fn knows_text(&self, short: &str, long: &str) -> bool {
        match &self.index {
            Some(index) => index.texts.contains(&(Cow::Borrowed(short), Cow::Borrowed(long))),
            None => self.list.iter().any(|a| a.short_text == short && a.long_text == long),
        }
    }

    /// Adds a pair whose keys are not yet known.
    fn insert(&mut self, abbreviation: Abbreviation) {
        let known_keys = match &self.index {
            Some(index) => index.keys.contains(&(abbreviation.short.clone(), abbreviation.long.clone())),
            None => self.list.iter().any(|a| a.short == abbreviation.short && a.long == abbreviation.long),
        };
        if known_keys {
            return;
        }
        self.list.push(abbreviation);
        if self.list.len() > MAX_UNINDEXED {
            let index = self.index.get_or_insert_with(Index::default);
            let start = if index.texts.is_empty() { 0 } else { self.list.len() - 1 };
            for a in &self.list[start..] {
                index.texts.insert((a.short_text.clone(), a.long_text.clone()));
                index.keys.insert((a.short.clone(), a.long.clone()));
            }
        }
    }

    /// Learns the definitions `text` makes, in either order: "long form (ABBR)" or "ABBR (long form)".
    /// One pass: each `)` closes the last `(` before it, and what is looked at around a pair is
    /// bounded, so any text costs time in proportion to its length.
    pub fn learn_from(&mut self, text: &str) {
        let mut from = 0;
        while let Some(open) = text[from..].find('(').map(|i| from + i) {
            let Some(close) = text[open..].find(')').map(|i| open + i) else { break };
            // The innermost pair: the last `(` before this `)`.
            let open = text[open..close].rfind('(').map_or(open, |i| open + i);
            self.learn_pair(&text[..open], text[open + 1..close].trim());
            from = close + 1;
        }
    }

    /// Learns from `inside` a pair of parentheses and the text `before` them.
    fn learn_pair(&mut self, before: &str, inside: &str) {
        let before = window(before);
        if is_abbreviation_like(inside) {
            if let Some(long) = long_form_before(before, inside) {
                self.add(inside, long);
            }
        } else if let Some(short) = before.split_whitespace().next_back()
            && is_abbreviation_like(short)
            && initials_spell(inside.split_whitespace(), short)
        {
            self.add(short, inside);
        }
    }
}

/// The last [`LONG_FORM_WINDOW`] bytes of `text`, cut at a character boundary.
fn window(text: &str) -> &str {
    let mut from = text.len().saturating_sub(LONG_FORM_WINDOW);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..]
}

/// "S&T", "SMEs", "R&D": short, no spaces, two capitals or an inner ampersand.
fn is_abbreviation_like(word: &str) -> bool {
    let chars = word.chars().count();
    (2..=MAX_ABBREVIATION_CHARS).contains(&chars)
        && word.chars().all(|c| c.is_alphanumeric() || c == '&')
        && (word.chars().filter(char::is_ascii_uppercase).count() >= 2 || word.contains('&'))
}

/// The letters an abbreviation stands for: "SMEs" → "sme", "S&T" → "st".
fn letters(short: &str) -> String {
    let trimmed = match short.strip_suffix('s') {
        Some(rest) if rest.chars().any(|c| c.is_ascii_uppercase()) => rest,
        _ => short,
    };
    trimmed.chars().filter(char::is_ascii_alphabetic).map(|c| c.to_ascii_lowercase()).collect()
}

fn is_initial_stop_word(word: &str) -> bool {
    INITIAL_STOP_WORDS.iter().any(|stop| stop.eq_ignore_ascii_case(word))
}

fn initial(word: &str) -> Option<char> {
    word.chars().find(|c| c.is_alphanumeric()).map(|c| c.to_ascii_lowercase())
}

/// True when the content words' initials spell the abbreviation's letters.
fn initials_spell<'w>(words: impl Iterator<Item = &'w str>, short: &str) -> bool {
    let initials: String = words.filter(|w| !is_initial_stop_word(w)).filter_map(initial).collect();
    !initials.is_empty() && initials == letters(short)
}

/// A long form is looked for among this many bytes before its parenthesis.
const LONG_FORM_WINDOW: usize = 200;

/// The words just before an abbreviation in parentheses whose initials spell it.
fn long_form_before<'t>(before: &'t str, short: &str) -> Option<&'t str> {
    let before = window(before);
    let wanted = letters(short).chars().count();
    if wanted == 0 {
        return None;
    }
    let mut content_words = 0;
    let mut start = before.len();
    for (index, word) in word_starts(before).into_iter().rev() {
        start = index;
        if !is_initial_stop_word(word) {
            content_words += 1;
            if content_words == wanted {
                break;
            }
        }
    }
    let long = before[start..].trim();
    (content_words == wanted && initials_spell(long.split_whitespace(), short)).then_some(long)
}

/// Each whitespace-separated word of `text` with its byte offset.
fn word_starts(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                words.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        words.push((s, &text[s..]));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_both_kinds_of_definition_from_the_source() {
        let mut learned = Abbreviations::default();
        learned.learn_from(
            "Carry out relevant science and technology (S&T) guidelines; the city’s technology-based \
             SMEs (Small and Medium-sized Enterprises), promote (the city) and (x",
        );
        let pairs: Vec<(&str, &str)> =
            learned.list.iter().map(|a| (a.short_text.as_ref(), a.long_text.as_ref())).collect();
        assert_eq!(
            pairs,
            [("S&T", "science and technology"), ("SMEs", "Small and Medium-sized Enterprises")]
        );
        assert_eq!(*learned.list[1].short, ["sme"]);
        // Stem keys: spellings folded and endings cut on both sides, so "enterprise" reads "enterpriz".
        assert_eq!(*learned.list[1].long, ["small", "and", "medium", "sized", "enterpriz"]);
    }

    #[test]
    fn ignores_parentheses_that_define_nothing() {
        let mut learned = Abbreviations::default();
        learned.learn_from("organise events (IV) and (see above) for the World Health Organization (UN)");
        assert!(learned.list.is_empty(), "{:?}", learned.list);
    }

    #[test]
    fn built_in_keys_are_the_phrases_stem_keys() {
        for (short, short_keys, long, long_keys) in BUILT_IN {
            assert_eq!(phrase_keys(short), **short_keys, "{short}");
            assert_eq!(phrase_keys(long), **long_keys, "{long}");
        }
    }

    #[test]
    fn built_in_table_has_the_common_pairs_once() {
        let table = Abbreviations::built_in();
        let ip = table.list.iter().find(|a| *a.short == ["ip"]).unwrap();
        assert_eq!(*ip.long, ["intellectual", "property"]);
        let mut again = table.clone();
        again.add("IP", "intellectual property");
        assert_eq!(again.list.len(), table.list.len());
    }
}
