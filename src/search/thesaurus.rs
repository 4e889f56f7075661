//! The thesaurus of government functions: concepts with a preferred term, "use for" synonyms,
//! and broader, narrower and related concepts, as controlled vocabularies of public
//! administration are built (AGIFT, EuroVoc, IPSV). A query term that names a concept also
//! finds the concept's other terms, and, more weakly, the terms of the concepts it is related to.
//!
//! The built-in concepts live in `data/thesaurus.txt`; `build.rs` compiles them into the sorted
//! tables included below, so a search pays only for the binary searches of its own words. A
//! dataset may add concepts of its own.

use rustc_hash::FxHashMap;
use serde::Serialize;

use super::text::phrase_keys;
use super::typo::{LetterCounts, TypoBudget, typos_within};
use crate::dataset::ConceptEntry;

include!(concat!(env!("OUT_DIR"), "/thesaurus.rs"));

/// A query term brings in at most this many other terms, a bound on the work one word causes.
const MAX_EXPANSIONS: usize = 96;

/// How a term found in the text relates to the concept the user named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
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
pub struct Expansion {
    pub keys: Vec<String>,
    pub via: String,
    pub relation: Relation,
    /// The term is its concept's preferred term.
    pub preferred_term: bool,
}

/// A concept a dataset defines, its terms as stem keys.
#[derive(Debug, Clone)]
struct DatasetConcept {
    preferred: String,
    terms: Vec<Vec<String>>,
    links: Vec<(Relation, Vec<String>)>,
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

/// Item `i` of a list flattened by `build.rs`.
fn list<T>(items: &'static [T], starts: &'static [u32], i: usize) -> &'static [T] {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&start), Some(&end)) => items.get(start as usize..end as usize).unwrap_or(&[]),
        _ => &[],
    }
}

/// String `i` of a table written by `build.rs`.
fn string(text: &'static str, starts: &'static [u32], i: usize) -> &'static str {
    match (starts.get(i), starts.get(i + 1)) {
        (Some(&start), Some(&end)) => text.get(start as usize..end as usize).unwrap_or(""),
        _ => "",
    }
}

fn built_in_terms() -> usize {
    TERM_STARTS.len() - 1
}

fn built_in_term(i: usize) -> &'static str {
    string(TERM_TEXT, &TERM_STARTS, i)
}

/// The index of a built-in term by its joined stem keys.
fn find_built_in(key: &str) -> Option<usize> {
    let (mut low, mut high) = (0, built_in_terms());
    while low < high {
        let middle = (low + high) / 2;
        match built_in_term(middle).cmp(key) {
            std::cmp::Ordering::Equal => return Some(middle),
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
        }
    }
    None
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
            .collect();
        self.concepts.push(DatasetConcept { preferred: entry.preferred.trim().to_string(), terms, links });
    }

    /// The concepts a term (its stem keys joined by spaces) belongs to.
    fn concepts_of(&self, key: &str) -> Vec<ConceptId> {
        let mut ids: Vec<ConceptId> = find_built_in(key)
            .map(|term| {
                list(&TERM_CONCEPTS, &TERM_CONCEPTS_STARTS, term).iter().map(|&c| ConceptId::BuiltIn(c))
            })
            .into_iter()
            .flatten()
            .collect();
        if let Some(own) = self.terms.get(key) {
            ids.extend(own.iter().map(|&c| ConceptId::Dataset(c)));
        }
        ids
    }

    /// The longest term the words (stem keys) start with: its length in words and its concepts.
    pub fn longest_term(&self, keys: &[&str]) -> Option<(usize, Vec<ConceptId>)> {
        (1..=keys.len().min(self.max_words)).rev().find_map(|length| {
            let concepts = self.concepts_of(&keys[..length].join(" "));
            (!concepts.is_empty()).then_some((length, concepts))
        })
    }

    /// The one-word term closest to a misspelt word (a stem key), within its typo budget: the
    /// concepts it names and the typos it took.
    pub fn correct(&self, key: &str, budget: TypoBudget) -> Option<(Vec<ConceptId>, usize)> {
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
        let lengths = chars.saturating_sub(budget.0)..=chars + budget.0;
        let built_in = lengths
            .flat_map(|length| list(&ONE_WORD_TERMS, &ONE_WORD_TERMS_STARTS, length))
            .map(|&term| built_in_term(usize::from(term)))
            .filter_map(|t| Some((typos(t)?, t)))
            .min();
        let own = self.terms.keys().filter_map(|t| Some((typos(t)?, t.as_str()))).min();
        let (typos, term) = match (built_in, own) {
            (Some(a), Some(b)) => a.min(b),
            (a, b) => a.or(b)?,
        };
        Some((self.concepts_of(term), typos))
    }

    /// The terms that say what `concepts` mean, best relation first: each concept's own terms
    /// (synonyms), then those of its broader and narrower concepts, then of related ones.
    /// Terms equal to `typed` (the user's own words) are left out; at most [`MAX_EXPANSIONS`].
    pub fn expand(&self, concepts: &[ConceptId], typed: &[String]) -> Vec<Expansion> {
        let mut found: Vec<Expansion> = Vec::new();
        let mut add = |keys: Vec<String>, via: &str, relation: Relation, preferred_term: bool| {
            if keys != typed && found.len() < MAX_EXPANSIONS && !found.iter().any(|e| e.keys == keys) {
                found.push(Expansion { keys, via: via.to_string(), relation, preferred_term });
            }
        };
        for &concept in concepts {
            for (i, (keys, via)) in self.terms_of(concept).into_iter().enumerate() {
                add(keys, via, Relation::Synonym, i == 0);
            }
        }
        let mut links: Vec<(Relation, ConceptOrTerm)> =
            concepts.iter().flat_map(|&c| self.links_of(c)).collect();
        links.sort_by_key(|(relation, _)| relation.steps());
        // The preferred terms of every linked concept first, then a broader concept's other
        // terms: duties name the general function ("communicable diseases" holds
        // tuberculosis). A narrower or related concept gives only its preferred term: its other
        // words are a step too far from what the user said ("delivery" is not "tertiary industry").
        for (relation, target) in &links {
            match target {
                ConceptOrTerm::Concept(concept) => {
                    if let Some((keys, via)) = self.terms_of(*concept).into_iter().next() {
                        add(keys, via, *relation, true);
                    }
                }
                ConceptOrTerm::Term(keys) => add(keys.clone(), &keys.join(" "), *relation, true),
            }
        }
        for (relation, target) in &links {
            if let (Relation::Broader, ConceptOrTerm::Concept(concept)) = (relation, target) {
                for (keys, via) in self.terms_of(*concept).into_iter().skip(1) {
                    add(keys, via, *relation, false);
                }
            }
        }
        found
    }

    /// A concept's terms as stem keys, the preferred term first, each with the concept's
    /// preferred term as written.
    fn terms_of(&self, concept: ConceptId) -> Vec<(Vec<String>, &str)> {
        let split = |key: &str| key.split(' ').map(String::from).collect::<Vec<_>>();
        match concept {
            ConceptId::BuiltIn(c) => {
                let via = string(PREFERRED_TEXT, &PREFERRED_STARTS, usize::from(c));
                list(&CONCEPT_TERMS, &CONCEPT_TERMS_STARTS, usize::from(c))
                    .iter()
                    .map(|&term| (split(built_in_term(usize::from(term))), via))
                    .collect()
            }
            ConceptId::Dataset(c) => match self.concepts.get(c as usize) {
                Some(own) => own.terms.iter().map(|keys| (keys.clone(), own.preferred.as_str())).collect(),
                None => Vec::new(),
            },
        }
    }

    /// The concepts (or, for a dataset's names that no concept has, bare terms) a concept links to.
    fn links_of(&self, concept: ConceptId) -> Vec<(Relation, ConceptOrTerm)> {
        match concept {
            ConceptId::BuiltIn(c) => list(&CONCEPT_RELATIONS, &CONCEPT_RELATIONS_STARTS, usize::from(c))
                .iter()
                .map(|&(to, code)| {
                    (Relation::from_code(code), ConceptOrTerm::Concept(ConceptId::BuiltIn(to)))
                })
                .collect(),
            ConceptId::Dataset(c) => {
                let Some(own) = self.concepts.get(c as usize) else { return Vec::new() };
                own.links
                    .iter()
                    .flat_map(|(relation, keys)| {
                        let targets = self.concepts_of(&keys.join(" "));
                        if targets.is_empty() {
                            vec![(*relation, ConceptOrTerm::Term(keys.clone()))]
                        } else {
                            targets.into_iter().map(|t| (*relation, ConceptOrTerm::Concept(t))).collect()
                        }
                    })
                    .collect()
            }
        }
    }
}

/// What a relation points at.
enum ConceptOrTerm {
    Concept(ConceptId),
    Term(Vec<String>),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn built_in_terms_are_sorted_and_unique() {
        let terms: Vec<&str> = (0..built_in_terms()).map(built_in_term).collect();
        assert!(terms.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(terms.iter().all(|term| !term.is_empty()));
        for c in 0..PREFERRED_STARTS.len() - 1 {
            assert!(!list(&CONCEPT_TERMS, &CONCEPT_TERMS_STARTS, c).is_empty(), "concept {c} has no terms");
        }
    }

    #[test]
    fn finds_the_longest_term_and_its_synonyms() {
        let thesaurus = Thesaurus::built_in();
        let words = phrase_keys("intellectual property rights office");
        let words: Vec<&str> = words.iter().map(String::as_str).collect();
        let (length, concepts) = thesaurus.longest_term(&words).unwrap();
        assert!(length >= 2);
        let expansions = thesaurus.expand(&concepts, &phrase_keys("intellectual property rights"));
        assert!(expansions.iter().any(|e| e.keys == phrase_keys("patent")), "{expansions:?}");
    }

    #[test]
    fn patents_lead_to_intellectual_property() {
        let thesaurus = Thesaurus::built_in();
        let (_, concepts) = thesaurus.longest_term(&["patent"]).unwrap();
        let expansions = thesaurus.expand(&concepts, &phrase_keys("patents"));
        let ip = expansions.iter().find(|e| e.keys == phrase_keys("intellectual property")).unwrap();
        assert!(ip.relation <= Relation::Broader, "{ip:?}");
        assert!(expansions.len() <= MAX_EXPANSIONS);
    }

    #[test]
    fn corrects_a_misspelt_term_within_its_budget() {
        let thesaurus = Thesaurus::built_in();
        let (concepts, typos) = thesaurus.correct("pattent", TypoBudget(1)).unwrap();
        assert_eq!(typos, 1);
        assert!(!concepts.is_empty());
        assert!(thesaurus.correct("qqqqqqq", TypoBudget(2)).is_none());
        assert!(thesaurus.correct("pattent", TypoBudget(0)).is_none());
    }

    #[test]
    fn dataset_concepts_link_to_built_in_ones() {
        let mut thesaurus = Thesaurus::built_in();
        let entry = ConceptEntry {
            preferred: "dragon boat races".into(),
            synonyms: vec!["boat festival".into()],
            broader: Vec::new(),
            narrower: Vec::new(),
            related: vec!["patents".into(), "made-up thing".into()],
        };
        thesaurus.add(&entry);
        let (length, concepts) = thesaurus.longest_term(&["dragon", "boat", "race"]).unwrap();
        assert_eq!(length, 3);
        let expansions = thesaurus.expand(&concepts, &phrase_keys("dragon boat races"));
        assert_eq!(expansions[0].keys, phrase_keys("boat festival"));
        assert_eq!(expansions[0].relation, Relation::Synonym);
        assert!(
            expansions
                .iter()
                .any(|e| e.keys == phrase_keys("made-up thing") && e.relation == Relation::Related)
        );
        assert!(expansions.iter().any(|e| e.relation == Relation::Related && e.via == "patents"));
    }
}
