//! Words: how duty text and queries are cut into tokens and normalised, identically on both
//! sides, keeping each token's character span in the original text for highlighting.
//!
//! A token is a run of letters and digits. Inside a run, `&` is kept (S&T, R&D), an apostrophe
//! is dropped and a possessive `'s` cut off (city’s → city), and a hyphenated word gives its
//! parts plus the joined form (high-tech → high, tech, hightech). Normalisation is Unicode NFKC
//! and lower case. [`stem_key`] adds the minimal plural stemmer and British → American spelling.

mod stem;

use std::borrow::Cow;
pub use stem::{MIN_SHARED_DERIVATION, plural_stem, same_derivation, stem_key};

use unicode_normalization::UnicodeNormalization;

/// One word of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// The word as written (for the joined form, the whole hyphenated word).
    pub raw: &'t str,
    /// Byte offsets into the text, end exclusive ([`char_span`] turns them into characters).
    pub start: usize,
    pub end: usize,
    /// Word position in the text; the joined form of a hyphenated word shares its first part's.
    pub position: u32,
    /// True for the joined form of a hyphenated word (an extra token, not an extra word).
    pub joined: bool,
    /// True for a pair of CJK characters that goes on from the token before it: the second and
    /// later pairs of a run of Chinese characters.
    pub continues: bool,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' | '\u{ff0d}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2bc}')
}

/// Characters that join letters into one run when letters stand on both sides.
fn is_connector(c: char) -> bool {
    c == '&' || c == '\u{ff06}' || is_hyphen(c) || is_apostrophe(c)
}

fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        // The punctuation of Chinese text, answered without Unicode's tables: general
        // punctuation (“ ” — …), CJK punctuation (、 。 《 》 【 】) and full-width punctuation
        // (， ； ： （ ）).
        '\u{2000}'..='\u{206f}'
        | '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{ff01}'..='\u{ff0f}'
        | '\u{ff1a}'..='\u{ff20}'
        | '\u{ff3b}'..='\u{ff40}'
        | '\u{ff5b}'..='\u{ff65}' => false,
        _ => c.is_alphanumeric(),
    }
}

/// True for the characters of scripts written without spaces between words: Chinese (Han),
/// Japanese kana, Korean hangul. Their runs are cut into overlapping pairs of characters.
pub fn is_cjk(c: char) -> bool {
    // Latin, Greek, Cyrillic and the rest of the first blocks, at once.
    (c as u32) >= 0x3040
        && matches!(c,
            '\u{3040}'..='\u{30ff}'        // hiragana, katakana
            | '\u{3400}'..='\u{4dbf}'      // Han, extension A
            | '\u{4e00}'..='\u{9fff}'      // Han
            | '\u{ac00}'..='\u{d7af}'      // hangul syllables
            | '\u{f900}'..='\u{faff}'      // Han compatibility
            | '\u{20000}'..='\u{3134f}'    // Han, extensions B to G
        )
}

/// True when a word holds a CJK character.
pub fn has_cjk(word: &str) -> bool {
    !word.is_ascii() && word.chars().any(is_cjk)
}

/// The character at byte `at` and its length; ASCII without decoding.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((byte as char, 1));
    }
    text.get(at..)?.chars().next().map(|c| (c, c.len_utf8()))
}

/// Appends the tokens of `text` to `out`, positions starting at 0.
pub fn tokenize<'t>(text: &'t str, out: &mut Vec<Token<'t>>) {
    let bytes = text.as_bytes();
    let mut position = 0u32;
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        // Separators, ASCII ones without decoding.
        if byte.is_ascii() && !byte.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let Some((c, length)) = char_at(text, at) else { break };
        if is_cjk(c) {
            at = emit_cjk_run(text, at, &mut position, out);
            continue;
        }
        if !is_word_char(c) {
            at += length;
            continue;
        }
        let start = at;
        let mut hyphenated = false;
        while let Some(&byte) = bytes.get(at) {
            if byte.is_ascii_alphanumeric() {
                at += 1;
                continue;
            }
            let Some((next, length)) = char_at(text, at) else { break };
            if is_cjk(next) {
                break;
            }
            if is_word_char(next) {
                at += length;
                continue;
            }
            if is_connector(next) && char_at(text, at + length).is_some_and(|(after, _)| is_word_char(after))
            {
                hyphenated |= is_hyphen(next);
                at += length;
                continue;
            }
            break;
        }
        emit_run(text, start, at, hyphenated, &mut position, out);
    }
}

/// Emits the run of CJK characters that starts at byte `start` as overlapping pairs of
/// characters (a lone character as itself), as Lucene's CJK bigrams do: 科技人才 gives 科技, 技人,
/// 人才. Chinese is written without spaces, so the pairs stand in for words, and a word of two
/// characters, the commonest length, is one pair. Returns where the run ends.
fn emit_cjk_run<'t>(text: &'t str, start: usize, position: &mut u32, out: &mut Vec<Token<'t>>) -> usize {
    let token = |start: usize, end: usize, position: u32, continues: bool| Token {
        raw: &text[start..end],
        start,
        end,
        position,
        joined: false,
        continues,
    };
    // The length of the CJK character at `at`, if one stands there: U+5000 to U+9FFF (lead
    // bytes E5 to E9) without decoding, the rest by their code points.
    let cjk_at = |at: usize| match text.as_bytes().get(at) {
        Some(0xe5..=0xe9) => Some(3),
        _ => char_at(text, at).filter(|&(c, _)| is_cjk(c)).map(|(_, length)| length),
    };
    let (mut at, mut previous, mut pairs) = (start, None, 0);
    while let Some(length) = cjk_at(at) {
        if let Some(previous) = previous {
            out.push(token(previous, at + length, *position, pairs > 0));
            *position += 1;
            pairs += 1;
        }
        previous = Some(at);
        at += length;
    }
    if pairs == 0 {
        out.push(token(start, at, *position, false));
        *position += 1;
    }
    at
}

/// Splits the run `text[start..end]` into its tokens: possessive cut, hyphenated parts plus the
/// joined form.
fn emit_run<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    hyphenated: bool,
    position: &mut u32,
    out: &mut Vec<Token<'t>>,
) {
    let end = end - possessive_len(&text[start..end]);
    let run = &text[start..end];
    if !hyphenated {
        out.push(Token { raw: run, start, end, position: *position, joined: false, continues: false });
        *position += 1;
        return;
    }
    let first_position = *position;
    let mut part_start = start;
    for part in run.split(is_hyphen) {
        if !part.is_empty() {
            out.push(Token {
                raw: part,
                start: part_start,
                end: part_start + part.len(),
                position: *position,
                joined: false,
                continues: false,
            });
            *position += 1;
        }
        // Step over the part and the hyphen after it.
        part_start += part.len() + text[part_start + part.len()..].chars().next().map_or(0, char::len_utf8);
    }
    out.push(Token { raw: run, start, end, position: first_position, joined: true, continues: false });
}

/// The length in bytes of a possessive "'s" ending the run (city’s → city), or 0.
fn possessive_len(run: &str) -> usize {
    if !matches!(run.as_bytes().last(), Some(b's' | b'S')) {
        return 0;
    }
    let before_s = &run[..run.len() - 1];
    match before_s.chars().next_back() {
        Some(apostrophe) if is_apostrophe(apostrophe) && before_s.len() > apostrophe.len_utf8() => {
            1 + apostrophe.len_utf8()
        }
        _ => 0,
    }
}

/// The stem keys of a phrase's words (joined forms of hyphenated words left out): how
/// abbreviations and thesaurus terms are compared with the text.
pub fn phrase_keys(phrase: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    tokenize(phrase, &mut tokens);
    tokens.iter().filter(|t| !t.joined).map(|t| stem_key(&t.norm()).into_owned()).collect()
}

/// Byte offsets into `text` as character offsets.
pub fn char_span(text: &str, span: (usize, usize)) -> (usize, usize) {
    char_spans(text, &[span])[0]
}

/// Spans of byte offsets into `text`, sorted by start, as character offsets: one pass over the
/// text however many spans there are.
pub fn char_spans(text: &str, spans: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // The character count at a byte offset, counting on from the last offset asked for.
    let (mut byte, mut chars) = (0, 0);
    let mut chars_at = |offset: usize| {
        if offset < byte {
            (byte, chars) = (0, 0);
        }
        chars += text.get(byte..offset).map_or(0, |between| between.chars().count());
        byte = offset.max(byte);
        chars
    };
    spans.iter().map(|&(start, end)| (chars_at(start), chars_at(end))).collect()
}

impl<'t> Token<'t> {
    /// The normalised form of the token.
    pub fn norm(&self) -> Cow<'t, str> {
        normalize(self.raw)
    }
}

/// True when `word` is already normalised, the common cases that need no copy: lower-case ASCII
/// letters, digits and `&`; and Chinese characters of the unified blocks, which NFKC and lower
/// case leave as they are (a Chinese text's every pair of characters comes this way).
pub fn is_normal(word: &str) -> bool {
    let bytes = word.as_bytes();
    if word.is_ascii() {
        return bytes.iter().all(|&b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'&');
    }
    let mut at = 0;
    while let Some(&b) = bytes.get(at) {
        at += match b {
            b'a'..=b'z' | b'0'..=b'9' | b'&' => 1,
            // U+4000 to U+9FFF: Chinese characters (and the Yijing's hexagrams, as stable).
            0xe4..=0xe9 => 3,
            // U+3400 to U+3FFF: Chinese characters, extension A.
            0xe3 if bytes.get(at + 1).is_some_and(|&next| next >= 0x90) => 3,
            _ => return false,
        };
    }
    true
}

/// NFKC, lower case, apostrophes and hyphens removed; borrowed when already in that form.
pub fn normalize(word: &str) -> Cow<'_, str> {
    if is_normal(word) {
        return Cow::Borrowed(word);
    }
    let mut normal = String::with_capacity(word.len());
    normalize_into(word, &mut normal);
    Cow::Owned(normal)
}

/// The normalised form of a token, for the scan's memo: the word itself when it is already
/// normal (`Some`, borrowed from the text), otherwise written into `buffer` (`None`).
pub fn normal_form<'t>(word: &'t str, buffer: &mut String) -> Option<&'t str> {
    if is_normal(word) {
        return Some(word);
    }
    normalize_into(word, buffer);
    None
}

/// Writes the normalised form of `word` into `out` (cleared first), reusing its allocation: the
/// hot loop of a search over a large dataset.
pub fn normalize_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        out.push_str(word);
        out.make_ascii_lowercase();
        if out.bytes().any(|b| b == b'\'' || b == b'-') {
            out.retain(|c| c != '\'' && c != '-');
        }
        return;
    }
    out.extend(word.nfkc().flat_map(char::to_lowercase).filter(|&c| !is_apostrophe(c) && !is_hyphen(c)));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tokens as (normalised form, character start, character end, position).
    fn words(text: &str) -> Vec<(String, usize, usize, u32)> {
        let mut out = Vec::new();
        tokenize(text, &mut out);
        out.into_iter()
            .map(|t| {
                let (start, end) = char_span(text, (t.start, t.end));
                (t.norm().into_owned(), start, end, t.position)
            })
            .collect()
    }

    #[test]
    fn keeps_ampersands_and_cuts_possessives() {
        assert_eq!(
            words("the city’s S&T (SMEs)"),
            [
                ("the".into(), 0, 3, 0),
                ("city".into(), 4, 8, 1),
                ("s&t".into(), 11, 14, 2),
                ("smes".into(), 16, 20, 3)
            ]
        );
        assert_eq!(words("R&D, & more"), [("r&d".into(), 0, 3, 0), ("more".into(), 7, 11, 1)]);
    }

    #[test]
    fn hyphenated_words_give_parts_and_joined_form() {
        assert_eq!(
            words("high-tech plans"),
            [
                ("high".into(), 0, 4, 0),
                ("tech".into(), 5, 9, 1),
                ("hightech".into(), 0, 9, 0),
                ("plans".into(), 10, 15, 2)
            ]
        );
        assert_eq!(words("mid- and long-term")[0], ("mid".into(), 0, 3, 0));
    }

    #[test]
    fn normalises_unicode_case_and_width() {
        assert_eq!(words("ＴＡＬＥＮＴ Ünïon"), [("talent".into(), 0, 6, 0), ("ünïon".into(), 7, 12, 1)]);
        assert_eq!(words("ﬁnance")[0].0, "finance");
        assert_eq!(words("don't")[0].0, "dont");
        assert!(words("— … ; ,").is_empty());
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let text = "née’s café";
        let tokens = words(text);
        let chars: Vec<char> = text.chars().collect();
        for (_, start, end, _) in &tokens {
            assert!(*end <= chars.len());
            assert!(chars[*start].is_alphanumeric());
        }
        assert_eq!(tokens[1], ("café".into(), 6, 10, 1));
    }

    #[test]
    fn stems_plurals_minimally() {
        for (word, stem) in [
            ("enterprises", "enterprise"),
            ("policies", "policy"),
            ("smes", "sme"),
            ("talents", "talent"),
            ("plans", "plan"),
            ("process", "process"),
            ("status", "status"),
            ("series", "sery"),
            ("shoes", "shoes"),
            ("ips", "ip"),
            ("policy", "policy"),
            ("children", "child"),
            ("women", "woman"),
            ("crises", "crisis"),
        ] {
            assert_eq!(plural_stem(word), stem, "{word}");
        }
    }

    #[test]
    fn cuts_verb_endings_so_forms_of_one_verb_meet() {
        for (a, b) in [
            ("funding", "funds"),
            ("planning", "plans"),
            ("assigned", "assign"),
            ("organized", "organize"),
            ("organising", "organizes"),
            ("budgeting", "budget"),
        ] {
            assert_eq!(stem_key(a), stem_key(b), "{a} / {b}");
        }
        for (a, b) in [("thing", "th"), ("based", "bas"), ("plant", "plans"), ("police", "policy")] {
            assert_ne!(stem_key(a), stem_key(b), "{a} / {b}");
        }
    }

    #[test]
    fn relates_derivations_but_not_lookalikes() {
        let related = |a: &str, b: &str| same_derivation(&stem_key(a), &stem_key(b));
        for (a, b) in [
            ("industry", "industrialization"),
            ("popular", "popularization"),
            ("innovative", "innovation"),
            ("commercial", "commercialization"),
            ("organise", "organization"),
            ("developing", "development"),
            ("statistics", "statistical"),
        ] {
            assert!(related(a, b), "{a} / {b}");
        }
        for (a, b) in [
            ("internet", "international"),
            ("organism", "organization"),
            ("organism", "organize"),
            ("departure", "department"),
            ("police", "policies"),
            ("plant", "plans"),
            ("scientist", "scientific"),
            ("researchers", "research"),
            ("contraception", "contract"),
            ("330038", "3300381"),
            ("talent", "talent"),
        ] {
            assert!(!related(a, b), "{a} / {b}");
        }
    }

    #[test]
    fn folds_british_spellings() {
        for (word, key) in [
            ("organise", "organiz"),
            ("organisations", "organization"),
            ("programmes", "program"),
            ("programs", "program"),
            ("centre", "center"),
            ("labour", "labor"),
            ("popularisation", "popularization"),
            ("analyse", "analyz"),
            ("four", "four"),
            ("enrolment", "enrollment"),
            ("travelling", "travel"),
            ("traveling", "travel"),
            ("paediatric", "pediatric"),
            ("parking", "parking"),
            ("parks", "park"),
            ("trainings", "training"),
        ] {
            assert_eq!(stem_key(word), key, "{word}");
        }
        assert_eq!(stem_key("licences"), stem_key("license"));
        assert_ne!(stem_key("booking"), stem_key("books"));
    }
}
