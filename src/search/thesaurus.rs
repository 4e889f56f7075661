//! The thesaurus of government functions: concepts with a preferred term, "use for" synonyms,
//! and broader, narrower and related concepts, as controlled vocabularies of public
//! administration are built (AGIFT, `EuroVoc`, IPSV). A query term that names a concept also
//! finds the concept's other terms, and, more weakly, the terms of the concepts it is related to.
//!
//! The built-in concepts live in `data/thesaurus.txt`; `build.rs` compiles them into the sorted
//! tables included below, so a search pays only for the binary searches of its own words. A
//! dataset may add concepts of its own.

use std::cmp::Ordering;
use std::ops::Range;

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::text::phrase_keys;
use super::typo::{LetterCounts, TypoBudget, letter_mask, masks_beyond, typos_within};
use crate::dataset::ConceptEntry;

include!(concat!(env!("OUT_DIR"), "/thesaurus.rs"));

/// A query term brings in at most this many other terms, a bound on the work one word causes.
const MAX_EXPANSIONS: usize = 96;
/// A word is replaced by at most this many terms of its concept when two words are tried as a term.
const MAX_SYNONYMS: usize = 128;

/// How a term found in the text relates to the concept the user named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// Another term of the same concept.
    Synonym,
    /// A term of a broader concept.
    Broader,
    /// A term of a narrower concept.
    Narrower,
    /// A term of a related concept.
    Related,
}

impl Relation {
    fn from_code(code: u8) -> Relation {
        match code {
            1 => Relation::Broader,
            2 => Relation::Narrower,
            _ => Relation::Related,
        }
    }

    /// Steps of distance from what the user said: synonyms first, related terms last.
    pub fn steps(self) -> u32 {
        match self {
            Relation::Synonym => 0,
            Relation::Broader | Relation::Narrower => 1,
            Relation::Related => 2,
        }
    }
}

/// A concept of the built-in thesaurus or of the dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConceptId {
    BuiltIn(u16),
    Dataset(u32),
}

/// Another way to say what a query term means: a term's stem keys, the concept it belongs to,
/// and how that concept relates to the one the user named.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expansion<'t> {
    pub keys: Vec<&'t str>,
    pub via: &'t str,
    pub relation: Relation,
    /// The term is its concept's preferred term.
    pub preferred_term: bool,
}

/// A concept a dataset defines, its terms as stem keys.
#[derive(Debug, Clone)]
struct DatasetConcept {
    preferred: String,
    terms: Vec<Vec<String>>,
    /// Each link's relation, the stem keys of the name it gives, and those keys joined.
    links: Vec<(Relation, Vec<String>, String)>,
}

/// The built-in concepts and those of the dataset searched.
#[derive(Debug, Clone, Default)]
pub struct Thesaurus {
    concepts: Vec<DatasetConcept>,
    /// Joined stem keys of every dataset term, to the concepts it belongs to.
    terms: FxHashMap<String, Vec<u32>>,
    /// The most words any term has.
    max_words: usize,
}

/// Where item `i` of a table written by `build.rs` lies: `starts` holds where each item starts
/// (and, last, where the last ends).
fn span<S: Copy + Into<u32>>(starts: &[S], i: usize) -> Option<Range<usize>> {
    let at = |j: usize| starts.get(j).map(|&start| start.into() as usize);
    Some(at(i)?..at(i + 1)?)
}

/// Item `i` of a list flattened by `build.rs`.
fn list<T>(items: &'static [T], starts: &'static [u32], i: usize) -> &'static [T] {
    span(starts, i).and_then(|range| items.get(range)).unwrap_or(&[])
}

/// In `TERM_WORDS`, the high bit of a word id marks the last word of a term.
const LAST_WORD: u16 = 0x8000;

/// A built-in word (a stem key) by its id.
fn word(id: u16) -> &'static str {
    span(&WORD_STARTS, usize::from(id & !LAST_WORD)).and_then(|range| WORD_TEXT.get(range)).unwrap_or("")
}

/// The id of a built-in word; ids follow the words' sorted order.
fn word_id(key: &str) -> Option<u16> {
    // Only the words that start with the key's first byte.
    let first = usize::from(*key.as_bytes().first()?);
    let bucket = |b: usize| WORD_FIRST_BYTE_STARTS.get(b).map_or(0, |&i| usize::from(i));
    let (mut low, mut high) = (bucket(first), bucket(first + 1));
    while low < high {
        let middle = usize::midpoint(low, high);
        match word(middle as u16).cmp(key) {
            Ordering::Equal => return Some(middle as u16),
            Ordering::Less => low = middle + 1,
            Ordering::Greater => high = middle,
        }
    }
    None
}

/// True when a word (a stem key) stands in a built-in term: a word of the vocabulary, not a typo.
pub fn is_known_word(key: &str) -> bool {
    word_id(key).is_some()
}

/// The word ids of the built-in term that starts at `offset` in `TERM_WORDS`.
fn term_at(offset: u16) -> &'static [u16] {
    let rest = TERM_WORDS.get(usize::from(offset)..).unwrap_or(&[]);
    let length = rest.iter().position(|&id| id & LAST_WORD != 0).map_or(rest.len(), |last| last + 1);
    &rest[..length]
}

/// The built-in concept whose terms hold `offset`.
fn concept_at(offset: u16) -> u16 {
    CONCEPT_STARTS.partition_point(|&start| start <= offset).saturating_sub(1) as u16
}

/// `WORD_CONCEPTS` holds this many concepts for each word, `NO_CONCEPT` where there are fewer,
/// and `MANY_CONCEPTS` first where there are more (as `build.rs` writes it).
const WORD_HINTS: usize = 2;
const NO_CONCEPT: u16 = u16::MAX;
const MANY_CONCEPTS: u16 = u16::MAX - 1;

/// The built-in concepts of the term made of the words `ids`.
fn built_in_concepts(ids: &[u16]) -> impl Iterator<Item = u16> {
    let order = |offset: &u16| term_at(*offset).iter().map(|id| id & !LAST_WORD).cmp(ids.iter().copied());
    let low = TERM_OFFSETS.partition_point(|offset| order(offset) == Ordering::Less);
    let high = TERM_OFFSETS.partition_point(|offset| order(offset) != Ordering::Greater);
    TERM_OFFSETS.get(low..high).unwrap_or(&[]).iter().map(|&offset| concept_at(offset))
}

impl Thesaurus {
    /// The built-in concepts alone.
    pub fn built_in() -> Self {
        Thesaurus { max_words: BUILT_IN_MAX_WORDS, ..Thesaurus::default() }
    }

    /// Adds a dataset's concept; terms without words are left out.
    pub fn add(&mut self, entry: &ConceptEntry<'_>) {
        let id = self.concepts.len() as u32;
        let mut terms: Vec<Vec<String>> = Vec::new();
        for term in std::iter::once(&entry.preferred).chain(&entry.synonyms) {
            let term = phrase_keys(term);
            if !term.is_empty() && !terms.contains(&term) {
                terms.push(term);
            }
        }
        if terms.is_empty() {
            return;
        }
        for term in &terms {
            self.max_words = self.max_words.max(term.len());
            let ids = self.terms.entry(term.join(" ")).or_default();
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let links = [(Relation::Broader, &entry.broader), (Relation::Narrower, &entry.narrower)]
            .into_iter()
            .chain([(Relation::Related, &entry.related)])
            .flat_map(|(relation, names)| names.iter().map(move |name| (relation, phrase_keys(name))))
            .filter(|(_, keys)| !keys.is_empty())
            .map(|(relation, keys)| {
                let name = keys.join(" ");
                (relation, keys, name)
            })
            .collect();
        self.concepts.push(DatasetConcept { preferred: entry.preferred.trim().to_string(), terms, links });
    }

    /// The concepts a term (its stem keys) belongs to; `ids` are its words' built-in ids, if
    /// every word has one.
    fn concepts_of(&self, keys: &[&str], ids: Option<&[u16]>) -> Vec<ConceptId> {
        let mut concepts: Vec<ConceptId> =
            ids.into_iter().flat_map(built_in_concepts).map(ConceptId::BuiltIn).collect();
        if !self.terms.is_empty()
            && let Some(own) = self.terms.get(&keys.join(" "))
        {
            concepts.extend(own.iter().map(|&c| ConceptId::Dataset(c)));
        }
        concepts
    }

    /// The concepts of a term given as its stem keys.
    fn concepts_of_keys(&self, keys: &[&str]) -> Vec<ConceptId> {
        let ids: Option<Vec<u16>> = keys.iter().map(|key| word_id(key)).collect();
        self.concepts_of(keys, ids.as_deref())
    }

    /// The longest term the words (stem keys) start with: its length in words and its concepts.
    pub fn longest_term(&self, keys: &[&str]) -> Option<(usize, Vec<ConceptId>)> {
        let keys = &keys[..keys.len().min(self.max_words)];
        let ids: Vec<Option<u16>> = keys.iter().map(|key| word_id(key)).collect();
        (1..=keys.len()).rev().find_map(|length| {
            let ids: Option<Vec<u16>> = ids[..length].iter().copied().collect();
            let concepts = self.concepts_of(&keys[..length], ids.as_deref());
            (!concepts.is_empty()).then_some((length, concepts))
        })
    }

    /// The concepts of the two-word term that two words (stem keys) make once one of them is
    /// replaced by another one-word term of its concept: "contagious illness" is "contagious
    /// disease", "hotel cleanliness" is "hotel hygiene". `None` when they make no term so.
    pub fn term_by_synonym(&self, pair: [&str; 2]) -> Option<Vec<ConceptId>> {
        let ids = pair.map(word_id);
        // A built-in term has only known words: one that is not (a typo) makes none.
        if self.terms.is_empty() && ids.contains(&None) {
            return None;
        }
        (0..2).find_map(|j| {
            let (_, concepts) = self.longest_term(&pair[j..=j]).filter(|(length, _)| *length == 1)?;
            concepts.iter().find_map(|&concept| {
                self.one_word_terms(concept).into_iter().find_map(|(word, id)| {
                    let (mut other, mut other_ids) = (pair, ids);
                    (other[j], other_ids[j]) = (word, id);
                    let other_ids: Option<Vec<u16>> = other_ids.into_iter().collect();
                    let found = (word != pair[j]).then(|| self.concepts_of(&other, other_ids.as_deref()))?;
                    (!found.is_empty()).then_some(found)
                })
            })
        })
    }

    /// A concept's first [`MAX_SYNONYMS`] one-word terms, with their built-in word ids.
    fn one_word_terms(&self, concept: ConceptId) -> Vec<(&str, Option<u16>)> {
        match concept {
            ConceptId::BuiltIn(c) => {
                let words = span(&CONCEPT_STARTS, usize::from(c)).and_then(|range| TERM_WORDS.get(range));
                let words = words.unwrap_or(&[]);
                // A one-word term is a last word that follows a last word (or opens the concept).
                (0..words.len())
                    .filter(|&i| words[i] & LAST_WORD != 0 && (i == 0 || words[i - 1] & LAST_WORD != 0))
                    .take(MAX_SYNONYMS)
                    .map(|i| {
                        let id = words[i] & !LAST_WORD;
                        (word(id), Some(id))
                    })
                    .collect()
            }
            ConceptId::Dataset(_) => self
                .terms_of(concept, MAX_SYNONYMS)
                .into_iter()
                .filter_map(|(keys, _)| match keys[..] {
                    [word] => Some((word, word_id(word))),
                    _ => None,
                })
                .collect(),
        }
    }

    /// The concepts whose terms hold the word (a stem key) when at most two concepts' do: the
    /// word says something of them without being one of their terms ("contagious" stands only in
    /// "contagious diseases", "elementary" only in "elementary schools" and its like).
    pub fn concepts_holding(&self, key: &str) -> Vec<ConceptId> {
        let built_in = word_id(key)
            .and_then(|id| WORD_CONCEPTS.get(usize::from(id) * WORD_HINTS..usize::from(id + 1) * WORD_HINTS))
            .unwrap_or(&[]);
        if built_in.contains(&MANY_CONCEPTS) {
            return Vec::new();
        }
        let mut concepts: Vec<ConceptId> =
            built_in.iter().filter(|&&c| c != NO_CONCEPT).map(|&c| ConceptId::BuiltIn(c)).collect();
        for (c, own) in self.concepts.iter().enumerate() {
            if own.terms.iter().flatten().any(|word| word == key) {
                concepts.push(ConceptId::Dataset(c as u32));
            }
        }
        if concepts.len() > WORD_HINTS {
            concepts.clear();
        }
        concepts
    }

    /// The one-word term closest to a misspelt word (a stem key), within its typo budget: the
    /// concepts it names, the typos it took, and the term.
    pub fn correct(&self, key: &str, budget: TypoBudget) -> Option<(Vec<ConceptId>, usize, &str)> {
        if budget.0 == 0 {
            return None;
        }
        let chars = key.chars().count();
        let counts = LetterCounts::of(key);
        let typos = |term: &str| {
            if term.contains(' ') || term.chars().count().abs_diff(chars) > budget.0 {
                return None;
            }
            typos_within(key, &counts, term, &LetterCounts::of(term), budget)
        };
        let mask = letter_mask(key);
        // The lists by length follow each other: the lengths within the budget are one range.
        let starts = &ONE_WORD_TERMS_STARTS;
        let start = starts.get(chars.saturating_sub(budget.0)).map_or(0, |&s| s as usize);
        let end = starts.get(chars + budget.0 + 1).or(starts.last()).map_or(0, |&e| e as usize);
        let candidates = ONE_WORD_MASKS.get(start..end).unwrap_or(&[]);
        let built_in = candidates
            .iter()
            .enumerate()
            .filter(|&(_, &m)| !masks_beyond(m, mask, budget))
            .filter_map(|(i, _)| ONE_WORD_TERMS.get(start + i).map(|&id| word(id)))
            .filter_map(|t| Some((typos(t)?, t)))
            .min();
        let own = self.terms.keys().filter_map(|t| Some((typos(t)?, t.as_str()))).min();
        let (typos, term) = match (built_in, own) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some((self.concepts_of_keys(&[term]), typos, term))
    }

    /// The terms that say what `concepts` mean, best relation first: each concept's own terms
    /// (synonyms), then those of its broader and narrower concepts, then of related ones.
    /// Terms equal to `typed` (the user's own words) are left out; at most [`MAX_EXPANSIONS`].
    /// `reach` says how far from the concepts to go.
    pub fn expand<'t>(&'t self, concepts: &[ConceptId], typed: &[&str], reach: Reach) -> Vec<Expansion<'t>> {
        let mut found: Vec<Expansion<'t>> = Vec::new();
        let mut add = |keys: Vec<&'t str>, via: &'t str, relation: Relation, preferred_term: bool| {
            if keys != typed && found.len() < MAX_EXPANSIONS && !found.iter().any(|e| e.keys == keys) {
                found.push(Expansion { keys, via, relation, preferred_term });
            }
        };
        for &concept in concepts {
            for (i, (keys, via)) in self.terms_of(concept, MAX_EXPANSIONS).into_iter().enumerate() {
                add(keys, via, Relation::Synonym, i == 0);
            }
        }
        if reach == Reach::Own {
            return found;
        }
        let mut links: Vec<(Relation, ConceptOrTerm<'_>)> = concepts
            .iter()
            .flat_map(|&c| self.links_of(c))
            .filter(|(relation, _)| reach == Reach::All || *relation == Relation::Broader)
            .collect();
        links.sort_by_key(|(relation, _)| relation.steps());
        // The preferred terms of every linked concept first, then a broader concept's other
        // terms: duties name the general function ("communicable diseases" holds
        // tuberculosis). A narrower or related concept gives only its preferred term: its other
        // words are a step too far from what the user said ("delivery" is not "tertiary industry").
        for (relation, target) in &links {
            match *target {
                ConceptOrTerm::Concept(concept) => {
                    if let Some((keys, via)) = self.terms_of(concept, 1).into_iter().next() {
                        add(keys, via, *relation, true);
                    }
                }
                ConceptOrTerm::Term(keys, name) => {
                    add(keys.iter().map(String::as_str).collect(), name, *relation, true);
                }
            }
        }
        if reach == Reach::Broader {
            return found;
        }
        for (relation, target) in &links {
            if let (Relation::Broader, ConceptOrTerm::Concept(concept)) = (relation, target) {
                for (keys, via) in self.terms_of(*concept, MAX_EXPANSIONS).into_iter().skip(1) {
                    add(keys, via, *relation, false);
                }
            }
        }
        found
    }

    /// A concept's first `most` terms as stem keys, the preferred term first, each with the
    /// concept's preferred term as written.
    fn terms_of(&self, concept: ConceptId, most: usize) -> Vec<(Vec<&str>, &str)> {
        match concept {
            ConceptId::BuiltIn(c) => {
                let c = usize::from(c);
                let via =
                    span(&PREFERRED_STARTS, c).and_then(|range| PREFERRED_TEXT.get(range)).unwrap_or("");
                let words = span(&CONCEPT_STARTS, c).and_then(|range| TERM_WORDS.get(range)).unwrap_or(&[]);
                let (mut terms, mut term) = (Vec::new(), Vec::new());
                for &id in words {
                    if terms.len() == most {
                        break;
                    }
                    term.push(word(id));
                    if id & LAST_WORD != 0 {
                        terms.push((std::mem::take(&mut term), via));
                    }
                }
                terms
            }
            ConceptId::Dataset(c) => match self.concepts.get(c as usize) {
                Some(own) => own
                    .terms
                    .iter()
                    .take(most)
                    .map(|keys| (keys.iter().map(String::as_str).collect(), own.preferred.as_str()))
                    .collect(),
                None => Vec::new(),
            },
        }
    }

    /// The concepts (or, for a dataset's names that no concept has, bare terms) a concept links to.
    fn links_of(&self, concept: ConceptId) -> Vec<(Relation, ConceptOrTerm<'_>)> {
        match concept {
            ConceptId::BuiltIn(c) => list(&CONCEPT_RELATIONS, &CONCEPT_RELATIONS_STARTS, usize::from(c))
                .iter()
                .map(|&link| {
                    let (to, code) = (link & 0x3fff, (link >> 14) as u8);
                    (Relation::from_code(code), ConceptOrTerm::Concept(ConceptId::BuiltIn(to)))
                })
                .collect(),
            ConceptId::Dataset(c) => {
                let Some(own) = self.concepts.get(c as usize) else { return Vec::new() };
                own.links
                    .iter()
                    .flat_map(|(relation, keys, name)| {
                        let words: Vec<&str> = keys.iter().map(String::as_str).collect();
                        let targets = self.concepts_of_keys(&words);
                        if targets.is_empty() {
                            vec![(*relation, ConceptOrTerm::Term(keys, name))]
                        } else {
                            targets.into_iter().map(|t| (*relation, ConceptOrTerm::Concept(t))).collect()
                        }
                    })
                    .collect()
            }
        }
    }
}

/// How far [`Thesaurus::expand`] goes from the concepts named.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// Their own terms alone.
    Own,
    /// Their own terms and the preferred terms of their broader concepts.
    Broader,
    /// Their own terms and those of every concept they relate to.
    All,
}

/// What a relation points at.
enum ConceptOrTerm<'t> {
    Concept(ConceptId),
    /// A name's stem keys, and those keys joined.
    Term(&'t [String], &'t str),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_tables_are_sorted_and_every_concept_has_terms() {
        let words: Vec<&str> = (0..WORD_STARTS.len() - 1).map(|id| word(id as u16)).collect();
        assert!(words.windows(2).all(|pair| pair[0] < pair[1]) && !words[0].is_empty());
        for (id, word) in words.iter().enumerate() {
            assert_eq!(word_id(word), Some(id as u16), "{word}");
        }
        assert_eq!((word_id(""), word_id("zzzzzz"), word_id("ÿ")), (None, None, None));
        let terms: Vec<Vec<&str>> =
            TERM_OFFSETS.iter().map(|&o| term_at(o).iter().map(|&id| word(id)).collect()).collect();
        assert!(terms.windows(2).all(|pair| pair[0] <= pair[1]), "terms out of order");
        assert_eq!(terms.len(), TERM_WORDS.iter().filter(|&&id| id & LAST_WORD != 0).count());
        let concepts = PREFERRED_STARTS.len() - 1;
        assert_eq!(CONCEPT_STARTS.len(), concepts + 1);
        assert!(CONCEPT_STARTS.windows(2).all(|pair| pair[0] < pair[1]), "a concept has no terms");
        let patents = built_in_concepts(&[word_id("patent").unwrap()]).collect::<Vec<_>>();
        assert!(!patents.is_empty() && patents.iter().all(|&c| usize::from(c) < concepts));
    }

    #[test]
    fn one_word_masks_are_the_words_letters() {
        assert_eq!(ONE_WORD_TERMS.len(), ONE_WORD_MASKS.len());
        for (&id, &mask) in ONE_WORD_TERMS.iter().zip(&ONE_WORD_MASKS) {
            assert_eq!(mask, letter_mask(word(id)), "{}", word(id));
        }
    }

    #[test]
    fn finds_the_longest_term_and_its_synonyms() {
        let thesaurus = Thesaurus::built_in();
        let words = phrase_keys("intellectual property rights office");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let (length, concepts) = thesaurus.longest_term(&words).unwrap();
        assert!(length >= 2);
        let expansions = thesaurus.expand(&concepts, &["intellectual", "property", "right"], Reach::All);
        assert!(expansions.iter().any(|e| e.keys == ["patent"]), "{expansions:?}");
    }

    #[test]
    fn patents_lead_to_intellectual_property() {
        let thesaurus = Thesaurus::built_in();
        let (_, concepts) = thesaurus.longest_term(&["patent"]).unwrap();
        let expansions = thesaurus.expand(&concepts, &["patent"], Reach::All);
        let ip = expansions.iter().find(|e| e.keys == ["intellectual", "property"]).unwrap();
        assert!(ip.relation <= Relation::Broader, "{ip:?}");
        assert!(expansions.len() <= MAX_EXPANSIONS);
    }

    #[test]
    fn corrects_a_misspelt_term_within_its_budget() {
        let thesaurus = Thesaurus::built_in();
        let (concepts, typos, term) = thesaurus.correct("pattent", TypoBudget(1)).unwrap();
        assert_eq!((typos, term), (1, "patent"));
        assert!(!concepts.is_empty());
        assert!(thesaurus.correct("qqqqqqq", TypoBudget(2)).is_none());
        assert!(thesaurus.correct("pattent", TypoBudget(0)).is_none());
    }

    #[test]
    fn a_word_inside_terms_hints_at_their_concepts() {
        let thesaurus = Thesaurus::built_in();
        let term = phrase_keys("contagious diseases");
        let term: Vec<&str> = term.iter().map(String::as_str).collect();
        let (_, infectious) = thesaurus.longest_term(&term).unwrap();
        assert_eq!(thesaurus.concepts_holding(term[0]), infectious);
        // A word in the terms of many concepts hints at none; an unknown word at none either.
        assert!(thesaurus.concepts_holding(&phrase_keys("online")[0]).is_empty());
        assert!(thesaurus.concepts_holding("zzzz").is_empty());
    }

    #[test]
    fn two_words_become_a_term_when_one_is_said_in_other_words() {
        let thesaurus = Thesaurus::built_in();
        // Cleanliness and hygiene are terms of one concept, and "hotel hygiene" is a term.
        let (hotel, hygiene, cleanliness) =
            (phrase_keys("hotel"), phrase_keys("hygiene"), phrase_keys("cleanliness"));
        let (_, concepts) = thesaurus.longest_term(&[&hotel[0], &hygiene[0]]).unwrap();
        assert_eq!(thesaurus.term_by_synonym([&hotel[0], &cleanliness[0]]), Some(concepts));
        assert_eq!(thesaurus.term_by_synonym(["zzzz", "patent"]), None);
    }

    #[test]
    fn dataset_concepts_link_to_built_in_ones() {
        let mut thesaurus = Thesaurus::built_in();
        let entry = ConceptEntry {
            preferred: "zorbing contests".into(),
            synonyms: vec!["hamster ball races".into()],
            broader: Vec::new(),
            narrower: Vec::new(),
            related: vec!["patents".into(), "made-up thing".into()],
        };
        thesaurus.add(&entry);
        let typed = phrase_keys("zorbing contests");
        let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
        let (length, concepts) = thesaurus.longest_term(&typed).unwrap();
        assert_eq!(length, 2);
        let expansions = thesaurus.expand(&concepts, &typed, Reach::All);
        assert_eq!(expansions[0].keys, phrase_keys("hamster ball races"));
        assert_eq!(expansions[0].relation, Relation::Synonym);
        assert!(
            expansions.iter().any(|e| e.keys == ["made", "up", "thing"] && e.relation == Relation::Related)
        );
        assert!(expansions.iter().any(|e| e.relation == Relation::Related && e.via == "patents"));
    }
}
