//! Queries: the words a user typed, turned into units to find. A unit is one query word, a
//! quoted phrase, or a group of words that an abbreviation or a thesaurus term names, and it
//! matches when any of its alternatives does (S&T, or "science and technology"; patents, or
//! "intellectual property"). Each alternative is a sequence of word patterns that must stand
//! consecutively in one clause. A group that finds nothing falls back to its words, one unit each.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use super::abbrev::{Abbreviations, Text};
use super::text::{has_cjk, stem_key, tokenize};
use super::thesaurus::{self, ConceptId, Reach, Relation, Thesaurus};
use super::typo::{LetterCounts, TypoBudget, is_english_word, letter_mask};
use crate::error::UsageError;

/// Words left out of a query unless it has nothing else: they carry no meaning for ranking.
/// Besides the function words of English, the words of a request ("who handles", "which
/// department", "how do I apply"): they say what the user wants done, not what about.
const STOP_WORDS: &[&str] = &[
    "a",
    "about",
    "after",
    "agency",
    "am",
    "an",
    "and",
    "any",
    "apply",
    "applying",
    "are",
    "as",
    "at",
    "be",
    "been",
    "being",
    "bureau",
    "by",
    "can",
    "could",
    "department",
    "departments",
    "did",
    "do",
    "does",
    "doing",
    "for",
    "from",
    "get",
    "getting",
    "handle",
    "handles",
    "handling",
    "has",
    "have",
    "how",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "me",
    "my",
    "of",
    "office",
    "on",
    "or",
    "our",
    "please",
    "responsibility",
    "responsible",
    "should",
    "so",
    "some",
    "that",
    "the",
    "their",
    "them",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "us",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "who",
    "whom",
    "whose",
    "why",
    "will",
    "with",
    "would",
    "you",
    "your",
];
/// Phrases of a request that are stop words together, though their words alone are not.
const STOP_PHRASES: &[&[&str]] = &[
    &["in", "charge"],
    &["take", "charge"],
    &["takes", "charge"],
    &["deal", "with"],
    &["deals", "with"],
    &["dealing", "with"],
    &["look", "after"],
    &["looks", "after"],
    &["looking", "after"],
    &["take", "care", "of"],
    &["takes", "care", "of"],
    &["in", "control", "of"],
];
/// The last query word matches as a prefix from this many characters on.
pub const MIN_PREFIX_CHARS: usize = 3;
/// A query may have at most this many words, and this many characters: enough for any
/// question, and a bound on the work one query can cause.
pub const MAX_QUERY_WORDS: usize = 32;
pub const MAX_QUERY_CHARS: usize = 1000;
/// Concepts add no more patterns once a query has this many: a bound on the scan's work.
const MAX_PATTERNS: usize = 1024;
/// Quotation marks that open or close a phrase.
const QUOTES: [char; 3] = ['"', '\u{201c}', '\u{201d}'];

/// One word to look for in the text.
#[derive(Debug, Clone)]
pub struct Pattern<'t> {
    /// Normalised form (NFKC, lower case).
    pub norm: Cow<'t, str>,
    /// Stem key: plural stem, American spelling.
    pub key: Cow<'t, str>,
    pub counts: LetterCounts,
    /// The letters it holds (`typo::letter_mask`).
    pub mask: u32,
    /// Length in characters.
    pub chars: usize,
    /// Typos allowed; zero for phrase words, numbers, abbreviations and `--exact`.
    pub budget: TypoBudget,
    /// May match as the start of a longer word (the last query word only).
    pub prefix: bool,
    /// The word is English in its own right, or a word of the thesaurus's terms, so it is never
    /// read as a typo of another word.
    pub real_word: bool,
    /// A lone CJK character: it matches every pair of characters that holds it.
    pub within: bool,
    /// Not looked for unless woken: the stand-in of a pair of Chinese characters.
    pub dormant: bool,
}

impl<'t> Pattern<'t> {
    fn new(norm: Cow<'t, str>, key: Cow<'t, str>, budget: TypoBudget, prefix: bool) -> Self {
        Pattern {
            counts: LetterCounts::of(&norm),
            mask: letter_mask(&norm),
            chars: norm.chars().count(),
            real_word: budget.0 > 0 && (is_english_word(&norm) || thesaurus::is_known_word(&key)),
            within: false,
            dormant: false,
            norm,
            key,
            budget,
            prefix,
        }
    }
}

/// Where an alternative comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The user's own words.
    Typed,
    /// The other form of an abbreviation.
    Abbreviation,
    /// A term of a concept the user's words name: its preferred term, how it relates, and the
    /// typos it took to recognise the user's word as a term.
    Concept { concept: Arc<str>, relation: Relation, preferred_term: bool, typos: usize },
}

/// A way for a unit to match: these patterns at consecutive positions of one clause.
#[derive(Debug, Clone)]
pub struct Alternative {
    pub patterns: Vec<usize>,
    pub via: Via,
    /// The words may stand in any order within a few words of the first, as administrative
    /// text puts a concept's words ("prevention and control of infectious diseases" holds
    /// the term "infectious disease control"); otherwise they must be consecutive.
    pub sloppy: bool,
}

/// Something the user asked for, found when any alternative matches.
#[derive(Debug, Clone)]
pub struct Unit {
    /// The query text this unit stands for, as typed.
    pub label: Arc<str>,
    pub alternatives: Vec<Alternative>,
    /// For a group of words: its words as units of their own, used when the group finds nothing.
    pub fallback: Vec<Unit>,
    /// A common word (English, or of four letters or fewer) that names no concept: when it
    /// matches nothing, its absence says little about whether a duty answers the query.
    pub common: bool,
    /// Names a concept, or is a word of a concept the user named: when it matches nothing, the
    /// duties searched lack what the user asked about.
    pub distinctive: bool,
    /// For a pair of CJK characters, where it stands in the query's run of them.
    pub cjk: Option<CjkPair>,
}

/// A pair of CJK characters of the query (Chinese is searched by overlapping pairs): its run of
/// characters, its place in the run, and whether each of its two characters may go unmatched
/// (a particle such as 的, or a character of a request such as 哪个部门).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CjkPair {
    pub run: u32,
    pub index: u32,
    pub loose: [bool; 2],
}

/// A parsed query.
#[derive(Debug, Clone)]
pub struct Query<'t> {
    pub units: Vec<Unit>,
    /// The words to look for; those of thesaurus terms are borrowed from the thesaurus.
    pub patterns: Vec<Pattern<'t>>,
    /// The exact patterns made from stem keys, by key: a word that many alternatives share
    /// (a concept's terms share many) is one pattern, judged once per vocabulary word.
    pub(super) by_key: FxHashMap<Cow<'t, str>, usize>,
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
    /// A CJK character or pair of them, and whether it goes on from the word before.
    cjk: bool,
    continues: bool,
}

fn is_stop_word(norm: &str) -> bool {
    STOP_WORDS.binary_search(&norm).is_ok()
}

/// Pairs of Chinese characters that ask rather than say what about: "who is in charge"
/// (负责, 主管), "which department" (哪个, 哪些, 部门), "what", "how" (什么, 如何, 怎么, 怎样),
/// "where" (哪里), "may I ask" (请问), "handle" (办理).
const CJK_STOP_PAIRS: &[&str] =
    &["主管", "什么", "办理", "哪个", "哪些", "哪里", "如何", "怎么", "怎样", "请问", "负责", "部门"];
/// Chinese particles that make no word of their own: a pair holding one is left out.
const CJK_PARTICLES: &[char] = &['了', '么', '吗', '吧', '呢', '啊', '的', '谁'];
/// Characters that join words or ask ("and", "or", "in", "for", "which", "manages"): a pair
/// holding one is left out when the text has no such pair, and the character need not match.
const CJK_LOOSE: &[char] = &[
    '与', '为', '也', '于', '从', '以', '他', '们', '其', '及', '向', '和', '哪', '在', '对', '将', '就',
    '或', '把', '是', '管', '被', '要', '该', '都', '由', '之', '等', '我', '你', '怎', '办', '找',
];

/// True for a CJK pair (or lone character) that is a stop word.
fn is_cjk_stop(norm: &str) -> bool {
    CJK_STOP_PAIRS.contains(&norm) || norm.chars().any(|c| CJK_PARTICLES.contains(&c))
}

/// Which of `words` are stop words, alone or as part of a stop phrase.
fn stop_words(words: &[Word]) -> Vec<bool> {
    let mut stop: Vec<bool> =
        words.iter().map(|w| if w.cjk { is_cjk_stop(&w.norm) } else { is_stop_word(&w.norm) }).collect();
    for i in 0..words.len() {
        for phrase in STOP_PHRASES {
            let here = words.get(i..i + phrase.len());
            if here.is_some_and(|here| here.iter().zip(*phrase).all(|(w, p)| w.norm == *p)) {
                stop[i..i + phrase.len()].iter_mut().for_each(|s| *s = true);
            }
        }
    }
    stop
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
            cjk: has_cjk(token.raw),
            continues: token.continues,
        })
        .collect()
}

/// What the query is parsed with: the abbreviations and concepts known, and how strictly to match.
pub struct Context<'c> {
    pub abbreviations: &'c Abbreviations,
    pub thesaurus: &'c Thesaurus,
    pub strictness: Strictness,
}

impl<'t> Query<'t> {
    /// The unit of the pair of CJK characters at `index` in run `run`, if the query kept one.
    pub fn pair_unit(&self, run: u32, index: u32) -> Option<usize> {
        self.units.iter().position(|u| u.cjk.is_some_and(|pair| pair.run == run && pair.index == index))
    }

    /// Parses the user's words (joined with spaces) into units.
    pub fn parse(words: &[String], context: &Context<'t>) -> Result<Query<'t>, UsageError> {
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
        let mut query = Query { units: Vec::new(), patterns: Vec::new(), by_key: FxHashMap::default() };
        let mut plain_words: Vec<Word> = Vec::new();
        // A word or phrase said twice is looked for once: "talent talent talent" is "talent".
        let mut phrases_seen: Vec<Vec<String>> = Vec::new();
        for (i, segment) in raw.split(QUOTES).enumerate() {
            if i % 2 == 1 {
                let phrase = words_of(segment);
                let phrase_keys: Vec<String> = phrase.iter().map(|w| w.key.clone()).collect();
                if !phrase.is_empty() && !phrases_seen.contains(&phrase_keys) {
                    phrases_seen.push(phrase_keys);
                    let label = Arc::from(format!("\"{}\"", segment.trim()));
                    let unit = query.phrase_unit(&phrase, label);
                    query.units.push(unit);
                }
            } else {
                plain_words.extend(words_of(segment));
            }
        }
        let stop = stop_words(&plain_words);
        let keep_stop_words = stop.iter().all(|&s| s);
        let keys: Vec<&str> = plain_words.iter().map(|w| w.key.as_str()).collect();
        let last_plain = plain_words.len().checked_sub(1);
        let mut seen: FxHashSet<&[&str]> = FxHashSet::default();
        let mut seen_cjk: FxHashSet<String> = FxHashSet::default();
        let mut i = 0;
        let mut runs = 0u32;
        while i < plain_words.len() {
            if plain_words[i].cjk {
                let end = i + 1 + plain_words[i + 1..].iter().take_while(|w| w.cjk && w.continues).count();
                let stop = if keep_stop_words { vec![false; end - i] } else { stop[i..end].to_vec() };
                query.add_cjk_run(&plain_words[i..end], &stop, runs, &mut seen_cjk);
                runs += 1;
                i = end;
                continue;
            }
            let abbreviation = abbreviation_at(&plain_words[i..], context.abbreviations);
            let mut term = context.thesaurus.longest_term(&keys[i..]);
            // Two words that are no term as typed may be one in other words of the same concept.
            let pair = keys.get(i..i + 2).filter(|_| !stop[i] && !stop.get(i + 1).copied().unwrap_or(true));
            if abbreviation.is_none()
                && term.as_ref().is_none_or(|t| t.0 < 2)
                && let Some(concepts) = pair.and_then(|p| context.thesaurus.term_by_synonym([p[0], p[1]]))
            {
                term = Some((2, concepts));
            }
            let length = abbreviation.as_ref().map_or(0, |a| a.0).max(term.as_ref().map_or(0, |t| t.0));
            let abbreviation = abbreviation.filter(|a| a.0 == length);
            let lone_stop_word = length == 1 && stop[i] && !keep_stop_words;
            if !lone_stop_word && (length >= 2 || abbreviation.is_some()) {
                if !seen.insert(&keys[i..i + length]) {
                    i += length;
                    continue;
                }
                let concepts = term.filter(|t| t.0 == length).map(|t| t.1).unwrap_or_default();
                let group = &plain_words[i..i + length];
                let fallback: Vec<Unit> = if length < 2 {
                    Vec::new()
                } else {
                    let last = |j: usize| Some(i + j) == last_plain;
                    group
                        .iter()
                        .enumerate()
                        .filter(|(j, _)| keep_stop_words || !stop[i + j])
                        .map(|(j, word)| query.word_unit(word, last(j), context))
                        .collect()
                };
                let mut unit = query.phrase_unit(group, group_label(group));
                // The words of a concept the data lacks are what the user asked about.
                unit.fallback = fallback
                    .into_iter()
                    .map(|word| Unit {
                        common: word.common && concepts.is_empty(),
                        distinctive: word.distinctive || !concepts.is_empty(),
                        ..word
                    })
                    .collect();
                if let Some((_, others)) = abbreviation {
                    query.add_abbreviations(&mut unit, others);
                }
                query.add_concepts(&mut unit, context.thesaurus, &concepts, Named::Term);
                unit.distinctive = !concepts.is_empty();
                unit.alternatives[0].sloppy = unit.distinctive;
                query.units.push(unit);
                i += length;
                continue;
            }
            if (keep_stop_words || !stop[i]) && seen.insert(&keys[i..=i]) {
                let unit = query.word_unit(&plain_words[i], Some(i) == last_plain, context);
                query.units.push(unit);
            }
            i += 1;
        }
        // Chinese is searched by overlapping pairs of characters: two pairs make about a word.
        let pairs = query.units.iter().filter(|u| u.cjk.is_some()).count();
        let others = query.units.iter().filter(|u| u.cjk.is_none());
        let words = others.map(|u| u.alternatives[0].patterns.len()).sum::<usize>() + pairs.div_ceil(2);
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

    /// The units of a run of CJK characters, one per pair (or one for a lone character), less
    /// the stop pairs; each remembers which of its characters may go unmatched.
    fn add_cjk_run(&mut self, run: &[Word], stop: &[bool], id: u32, seen: &mut FxHashSet<String>) {
        let loose_char =
            |c: Option<char>| c.is_some_and(|c| CJK_LOOSE.contains(&c) || CJK_PARTICLES.contains(&c));
        // A pair that shares a character with a request (负责 in 谁负责食品安全) is part of it.
        let request =
            |j: usize| stop[j] && run.get(j).is_some_and(|w| CJK_STOP_PAIRS.contains(&w.norm.as_str()));
        let mut skip: Vec<bool> = (0..run.len())
            .map(|j| stop[j] || (j > 0 && request(j - 1)) || (j + 1 < run.len() && request(j + 1)))
            .collect();
        // A run of nothing but a request (哪个部门) is what the user asks for.
        if skip.iter().all(|&s| s) {
            skip.fill(false);
        }
        let stop = &skip;
        for (j, word) in run.iter().enumerate() {
            if stop[j] || !seen.insert(word.norm.clone()) {
                continue;
            }
            let mut chars = word.norm.chars();
            let (first, second) = (chars.next(), chars.next());
            let loose = [
                loose_char(first) || (j > 0 && stop[j - 1]),
                loose_char(second) || stop.get(j + 1).copied().unwrap_or(false),
            ];
            let pattern = self.add_pattern(word, TypoBudget(0), false);
            self.patterns[pattern].within = second.is_none();
            let mut alternatives =
                vec![Alternative { patterns: vec![pattern], via: Via::Typed, sloppy: false }];
            // The first and last characters of a run of three or more, alone: when the text has
            // no such pair, the character in another word stands for it (出租车 is 出租汽车).
            // Looked for only when the pair is found nowhere (`search::wake_stand_ins`).
            // Only when the pair's other character belongs to a neighbouring pair of the query.
            let edge = match j {
                0 if run.len() >= 2 && !stop[1] => first,
                _ if j > 0 && j + 1 == run.len() && !stop[j - 1] => second,
                _ => None,
            };
            if let Some(edge) = edge.filter(|_| run.len() >= 2) {
                let edge: Cow<'t, str> = Cow::Owned(edge.to_string());
                let mut alone = Pattern::new(edge.clone(), edge, TypoBudget(0), false);
                alone.within = true;
                alone.dormant = true;
                self.patterns.push(alone);
                let patterns = vec![self.patterns.len() - 1];
                alternatives.push(Alternative { patterns, via: Via::Typed, sloppy: false });
            }
            self.units.push(Unit {
                label: Arc::from(word.typed.as_str()),
                alternatives,
                fallback: Vec::new(),
                common: false,
                distinctive: false,
                cjk: Some(CjkPair { run: id, index: j as u32, loose }),
            });
        }
    }

    fn add_pattern(&mut self, word: &Word, budget: TypoBudget, prefix: bool) -> usize {
        let (norm, key) = (Cow::Owned(word.norm.clone()), Cow::Owned(word.key.clone()));
        self.patterns.push(Pattern::new(norm, key, budget, prefix));
        self.patterns.len() - 1
    }

    /// A single word: exact, stem, prefix or typo; and, when it is a thesaurus term (or one
    /// within its typo budget of being one), the terms of its concepts.
    fn word_unit(&mut self, word: &Word, last: bool, context: &Context<'t>) -> Unit {
        let exact = context.strictness.exact;
        let budget = if exact { TypoBudget(0) } else { TypoBudget::for_word(&word.norm) };
        let prefix = !exact && last && word.norm.chars().count() >= MIN_PREFIX_CHARS;
        let pattern = self.add_pattern(word, budget, prefix);
        let real_word = self.patterns[pattern].real_word;
        let chars = self.patterns[pattern].chars;
        let mut unit = Unit {
            label: Arc::from(word.typed.as_str()),
            alternatives: vec![Alternative { patterns: vec![pattern], via: Via::Typed, sloppy: false }],
            fallback: Vec::new(),
            // A word with a typo budget that is no real word is no English word either.
            common: (real_word || budget.0 == 0) && is_english_word(&word.norm)
                || (chars <= 4 && word.norm.chars().all(char::is_alphabetic)),
            distinctive: false,
            cjk: None,
        };
        let thesaurus = context.thesaurus;
        let corrected = || if real_word { None } else { thesaurus.correct(&word.key, budget) };
        let mut distinctive = true;
        if let Some((_, concepts)) = thesaurus.longest_term(&[word.key.as_str()]) {
            self.add_concepts(&mut unit, thesaurus, &concepts, Named::Term);
        } else if let Some((concepts, typos, term)) = corrected() {
            self.add_concepts(&mut unit, thesaurus, &concepts, Named::Corrected { typos, term });
        } else {
            // A hint, not a name: the word's absence from the text says less.
            let concepts = thesaurus.concepts_holding(&word.key);
            self.add_concepts(&mut unit, thesaurus, &concepts, Named::InTerms);
            distinctive = false;
        }
        unit.distinctive = distinctive && unit.alternatives.len() > 1;
        unit.common &= !unit.distinctive;
        unit
    }

    /// Words that must stand together, exactly or by stem.
    fn phrase_unit(&mut self, words: &[Word], label: Arc<str>) -> Unit {
        let patterns = words.iter().map(|w| self.add_pattern(w, TypoBudget(0), false)).collect();
        let alternatives = vec![Alternative { patterns, via: Via::Typed, sloppy: false }];
        Unit { label, alternatives, fallback: Vec::new(), common: false, distinctive: false, cjk: None }
    }

    /// Words given as stem keys, as exact patterns.
    fn key_patterns(&mut self, keys: impl IntoIterator<Item = Cow<'t, str>>) -> Vec<usize> {
        keys.into_iter()
            .map(|key| {
                if let Some(&pattern) = self.by_key.get(key.as_ref()) {
                    pattern
                } else {
                    self.patterns.push(Pattern::new(key.clone(), key.clone(), TypoBudget(0), false));
                    self.by_key.insert(key, self.patterns.len() - 1);
                    self.patterns.len() - 1
                }
            })
            .collect()
    }

    /// The other forms of an abbreviation the unit's words are one form of.
    fn add_abbreviations(&mut self, unit: &mut Unit, others: Vec<&'t [Text]>) {
        for other in others {
            let patterns = self.key_patterns(other.iter().map(|key| Cow::Borrowed(key.as_ref())));
            unit.alternatives.push(Alternative { patterns, via: Via::Abbreviation, sloppy: false });
        }
    }

    /// The terms of `concepts`, and of the concepts they relate to when the user's words are
    /// one of their terms. A misspelt word stands for the term it was corrected to: that term
    /// itself is then a typo match of the user's word, not another way to say it.
    fn add_concepts(
        &mut self,
        unit: &mut Unit,
        thesaurus: &'t Thesaurus,
        concepts: &[ConceptId],
        named: Named<'_>,
    ) {
        if concepts.is_empty() {
            return;
        }
        let typed: Vec<String> = match named {
            Named::Corrected { term, .. } => vec![term.to_string()],
            _ => unit.alternatives[0].patterns.iter().map(|&p| self.patterns[p].key.to_string()).collect(),
        };
        let typos = match named {
            Named::Corrected { typos, .. } => typos,
            _ => 0,
        };
        let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
        // The expansions are distinct and leave out the typed words; only an abbreviation's
        // forms, already here, may repeat one of them.
        let existing = unit.alternatives.len();
        // Expansions come concept by concept: one shared name for each run of them.
        let mut name: Option<Arc<str>> = None;
        // A corrected word's meaning is a guess: its concepts' own terms and the names of their
        // broader concepts (pattents finds intellectual property), not every relation. A word
        // found inside terms is a hint: their own terms alone.
        let reach = match named {
            Named::Term => Reach::All,
            Named::Corrected { .. } => Reach::Broader,
            Named::InTerms => Reach::Own,
        };
        for expansion in thesaurus.expand(concepts, &typed, reach) {
            let known = |alternative: &Alternative| {
                alternative
                    .patterns
                    .iter()
                    .map(|&p| self.patterns[p].key.as_ref())
                    .eq(expansion.keys.iter().copied())
            };
            if self.patterns.len() + expansion.keys.len() > MAX_PATTERNS {
                break;
            }
            if unit.alternatives[..existing].iter().any(known) {
                continue;
            }
            let patterns = self.key_patterns(expansion.keys.iter().map(|&key| Cow::Borrowed(key)));
            let concept = match &name {
                Some(name) if **name == *expansion.via => Arc::clone(name),
                _ => Arc::from(expansion.via),
            };
            name = Some(Arc::clone(&concept));
            let via = Via::Concept {
                concept,
                relation: if matches!(named, Named::InTerms) {
                    Relation::Related
                } else {
                    expansion.relation
                },
                preferred_term: expansion.preferred_term,
                typos,
            };
            unit.alternatives.push(Alternative { patterns, via, sloppy: true });
        }
    }
}

/// How the user's words came to name concepts.
#[derive(Debug, Clone, Copy)]
enum Named<'a> {
    /// They are one of the concepts' terms.
    Term,
    /// A misspelt word, corrected to one of their terms with some typos.
    Corrected { typos: usize, term: &'a str },
    /// A word that stands in some of their terms but is none of them: it hints at them, a
    /// related concept, and brings their own terms only.
    InTerms,
}

/// A group's words as typed.
fn group_label(words: &[Word]) -> Arc<str> {
    Arc::from(words.iter().map(|w| w.typed.as_str()).collect::<Vec<_>>().join(" "))
}

/// The longest abbreviation form that the words start with: its length in words and the keys
/// of every other form it has, directly or through a shared long form (S&T and sci-tech both
/// stand for science and technology, so each finds the other).
fn abbreviation_at<'a>(words: &[Word], abbreviations: &'a Abbreviations) -> Option<(usize, Vec<&'a [Text]>)> {
    let starts_with = |form: &[Text]| {
        form.len() <= words.len()
            && form.iter().zip(words).all(|(key, word)| *key == word.key || *key == word.norm)
    };
    let pairs = || {
        abbreviations
            .list
            .iter()
            .flat_map(|a| [(a.short.as_ref(), a.long.as_ref()), (a.long.as_ref(), a.short.as_ref())])
    };
    let length = pairs().filter(|(form, _)| starts_with(form)).map(|(form, _)| form.len()).max()?;
    let is_typed = |form: &[Text]| form.len() == length && starts_with(form);
    let mut others: Vec<&[Text]> = Vec::new();
    for (form, other) in pairs() {
        if is_typed(form) && !others.contains(&other) && !is_typed(other) {
            others.push(other);
        }
    }
    // One step further: the other short forms of the long forms found.
    let direct = others.clone();
    for (form, other) in pairs() {
        if direct.contains(&form) && !others.contains(&other) && !is_typed(other) {
            others.push(other);
        }
    }
    Some((length, others))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_with(query: &str, strictness: Strictness) -> Result<Query<'static>, String> {
        let abbreviations: &'static Abbreviations = Box::leak(Box::new(Abbreviations::built_in()));
        let thesaurus: &'static Thesaurus = Box::leak(Box::new(Thesaurus::built_in()));
        let context = Context { abbreviations, thesaurus, strictness };
        Query::parse(&[query.to_string()], &context).map_err(|e| e.to_string())
    }

    fn parse(query: &str) -> Result<Query<'static>, String> {
        parse_with(query, Strictness::default())
    }

    fn labels(query: &str) -> Vec<String> {
        parse(query).unwrap().units.iter().map(|u| u.label.to_string()).collect()
    }

    #[test]
    fn stop_words_are_sorted_for_binary_search() {
        assert!(STOP_WORDS.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(is_stop_word("who") && is_stop_word("a") && is_stop_word("your") && !is_stop_word("talent"));
    }

    #[test]
    fn drops_stop_words_unless_nothing_else_is_left() {
        assert_eq!(labels("who is responsible for talent"), ["talent"]);
        assert_eq!(labels("which department is in charge of awards"), ["awards"]);
        assert_eq!(labels("the of"), ["the", "of"]);
    }

    #[test]
    fn groups_abbreviations_in_either_direction() {
        let query = parse("science and technology talent").unwrap();
        assert_eq!(query.units.len(), 2);
        assert_eq!(&*query.units[0].label, "science and technology");
        assert_eq!(query.units[0].alternatives.len(), 4, "as typed, S&T, sci-tech and scitech");
        let other = &query.units[0].alternatives[1];
        assert_eq!(other.via, Via::Abbreviation);
        assert_eq!(query.patterns[other.patterns[0]].norm, "s&t");
        let ip = parse("IP").unwrap();
        let long: Vec<&str> =
            ip.units[0].alternatives[1].patterns.iter().map(|&p| ip.patterns[p].norm.as_ref()).collect();
        assert_eq!(long, ["intellectual", "property"]);
        let smes = parse("SMEs").unwrap();
        assert!(smes.units[0].alternatives.iter().any(|a| a.via == Via::Abbreviation));
        assert!(smes.units[0].alternatives.iter().any(|a| matches!(a.via, Via::Concept { .. })));
    }

    #[test]
    fn quoted_words_form_one_exact_phrase() {
        let query = parse("\"technology innovation\" plans").unwrap();
        assert_eq!(&*query.units[0].label, "\"technology innovation\"");
        assert_eq!(query.units[0].alternatives[0].patterns.len(), 2);
        assert!(query.patterns.iter().take(2).all(|p| p.budget == TypoBudget(0) && !p.prefix));
        assert!(query.patterns[2].prefix, "the last plain word may be a prefix");
    }

    #[test]
    fn marks_real_words_and_budgets_typos() {
        let query = parse("police talnet").unwrap();
        let typed = |unit: usize| &query.patterns[query.units[unit].alternatives[0].patterns[0]];
        assert!(typed(0).real_word);
        assert!(!typed(1).real_word);
        assert_eq!(typed(1).budget, TypoBudget(1));
        let exact = parse_with("talnet", Strictness { exact: true }).unwrap();
        assert_eq!(exact.patterns[0].budget, TypoBudget(0));
        assert!(!exact.patterns[0].prefix);
    }

    #[test]
    fn rejects_empty_blank_and_wordless_queries() {
        assert!(parse("").unwrap_err().contains("the query is empty"));
        assert!(parse("   ").unwrap_err().contains("the query is empty"));
        assert!(parse("!!! ;;").unwrap_err().contains("has no words"));
        assert!(parse("\"talent").unwrap_err().contains("unbalanced quote"));
        let forty: String = (0..40).map(|i| format!("word{i} ")).collect();
        assert!(parse(&forty).unwrap_err().contains("the query has 40 words"));
        assert_eq!(parse(&"talent ".repeat(40)).unwrap().units.len(), 1, "said forty times, looked for once");
        assert!(parse(&"a".repeat(100_000)).unwrap_err().contains("100000 characters"));
    }
}
