//! Search: typo-tolerant, ranked keyword search over duties that says which clause matched.
//!
//! One pass over the text, whatever its size: every word is normalised and judged against the
//! query once (a memo of the vocabulary), and only duties with a matching word are kept. Then
//! each query word keeps only its best kind of match across the whole vocabulary (typos only
//! when the exact and stemmed forms match nothing), and the candidates are ranked
//! lexicographically: the share of the query's weight matched (words weighted by rarity), typos,
//! words within one clause, exactness, BM25, order. Words the user types that the text does not
//! use find their concepts through the thesaurus of government functions. This module never prints.

mod abbrev;
mod index;
mod query;
mod rank;
mod scan;
pub mod text;
mod thesaurus;
mod typo;

use std::borrow::Cow;
use std::sync::Arc;

use crate::dataset::{Agency, Duty, DutyRef};
use crate::error::UsageError;
use abbrev::Abbreviations;
pub use index::Index;
use query::{Context, Query, Unit};
pub use query::{MAX_QUERY_CHARS, Strictness};
use rank::{find_unit, rank};
use scan::{Candidates, Scan, in_parallel, keep_best_level, scan_all};
use text::char_spans;
pub use thesaurus::Relation;
use thesaurus::Thesaurus;
use typo::typos_within;

/// How a query word matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Exact,
    Stem,
    /// Another word of the same derivation (industry, industrialization); reported as "stem".
    Derived,
    Abbreviation,
    Prefix,
    /// A term of a concept the query word names, or of a concept related to it: the concept's
    /// preferred term, or another of its terms.
    Concept {
        relation: Relation,
        preferred_term: bool,
    },
    Typo,
}

impl Kind {
    /// Which matches of a query word count (the scan's order): a word keeps only the matches of
    /// its lowest tier found anywhere, so prefixes (tier 1) count only where no exact, stem,
    /// derived, abbreviation or concept match (tier 0) was found, and typos (tier 2) only where
    /// neither was. Not the ranking order: that is [`Kind::inexactness`].
    pub(crate) fn fallback_tier(self) -> u8 {
        match self {
            Kind::Exact | Kind::Stem | Kind::Derived | Kind::Abbreviation | Kind::Concept { .. } => 0,
            Kind::Prefix => 1,
            Kind::Typo => 2,
        }
    }

    /// Steps of inexactness, the ranking order among matches that count (see
    /// [`Kind::fallback_tier`] for which count). A stem match counts as exact: "districts" answers
    /// "district" as well as "district" does, and people judging results agree. A derivation
    /// comes a step after; concepts come after every literal kind, synonyms first, and within
    /// each relation a concept's preferred term before its other terms.
    pub(crate) fn inexactness(self) -> u32 {
        match self {
            Kind::Exact | Kind::Stem => 0,
            Kind::Derived => 1,
            Kind::Abbreviation => 2,
            Kind::Prefix => 3,
            Kind::Concept { relation, preferred_term } => {
                4 + 2 * relation.steps() + u32::from(!preferred_term)
            }
            Kind::Typo => MAX_KIND_RANK - 1,
        }
    }
}

/// The most steps a match can rank: a concept reached through a misspelt word, one step after
/// the typo itself.
pub(crate) const MAX_KIND_RANK: u32 = 11;

/// What the caller asks of a search.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limit: usize,
    pub strictness: Strictness,
    /// Only duties with every query word; no partial matches.
    pub all_words: bool,
}

/// How one query unit matched in a clause. Records name its fields in JSON (`record`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TermMatch {
    /// The query's words, shared by every hit.
    pub query: Arc<str>,
    pub matched: String,
    pub kind: Kind,
    pub typos: usize,
    /// For a concept match: the preferred term of the concept whose term matched.
    pub via: Option<Arc<str>>,
    /// For a concept match: how that concept relates to the one the query named.
    pub relation: Option<Relation>,
}

/// A clause of a hit with the query words it contains.
#[derive(Debug, Clone, PartialEq)]
pub struct ClauseMatch<'d> {
    /// 1-based clause number within the duty.
    pub clause: usize,
    pub text: &'d str,
    /// Character ranges of the matched words in `text`, end exclusive.
    pub spans: Vec<(usize, usize)>,
    pub terms: Vec<TermMatch>,
}

/// A duty that matched, with why.
#[derive(Debug, Clone)]
pub struct Hit<'d> {
    pub agency: &'d Agency<'d>,
    pub duty: &'d Duty<'d>,
    /// Higher is better; summarises the ranking key.
    pub score: f64,
    /// Not every query word matched.
    pub partial: bool,
    /// Matching clauses, best first.
    pub matches: Vec<ClauseMatch<'d>>,
}

/// The hits, best first; when there are none, what the user may have meant and what matched nothing.
#[derive(Debug, Clone)]
pub struct Results<'d> {
    pub hits: Vec<Hit<'d>>,
    /// (query word, close vocabulary word) for words that matched nothing.
    pub suggestions: Vec<(String, String)>,
    /// The query's words (as typed) that matched nothing in the duties searched.
    pub unmatched: Vec<String>,
}

/// Searches `duties` for `words`: one pass over their text.
pub fn search<'d>(
    duties: &[DutyRef<'d>],
    words: &[String],
    options: &Options,
) -> Result<Results<'d>, UsageError> {
    let (abbreviations, thesaurus) = vocabularies_of(duties);
    let context =
        Context { abbreviations: &abbreviations, thesaurus: &thesaurus, strictness: options.strictness };
    answer(duties, words, options, &context, |query| scan_all(duties, query), None)
}

/// A search, given how to find the duties with a word that matches the query (`find`: a pass
/// over the text, or an index) and every word of the text, for suggestions when nothing
/// matches (`None`: the words `find` saw, as a scan sees them all).
fn answer<'d, 'm>(
    duties: &[DutyRef<'d>],
    words: &[String],
    options: &Options,
    context: &Context<'_>,
    find: impl Fn(&Query<'_>) -> Scan<'m>,
    every_word: Option<&[Cow<'_, str>]>,
) -> Result<Results<'d>, UsageError> {
    let mut query = Query::parse(words, context)?;
    if query.patterns.len() > usize::from(u16::MAX) {
        return Err(UsageError::new("the query has too many words"));
    }
    let mut found = find(&query);
    let mut best_level = keep_best_level(&found.memo, &mut found.candidates, query.patterns.len());
    // The stand-ins for pairs of Chinese characters found nowhere were not looked for: a query
    // that needs one is looked for again, with them (the rare case pays, not the common one).
    if wake_stand_ins(&mut query, &best_level) {
        found = find(&query);
        best_level = keep_best_level(&found.memo, &mut found.candidates, query.patterns.len());
    }
    let Scan { memo, candidates, total_words } = found;
    let matched = memo.words();
    split_groups_that_found_nothing(&mut query, &candidates, &best_level, &matched);
    drop_pairs_found_nowhere(&mut query, &best_level);
    let ranked =
        rank(&query, duties, candidates, (&memo, &best_level, &matched), duties.len(), total_words, options);
    let mut hits = ranked.hits;
    let unmatched = ranked.unmatched;
    // Spans are byte offsets until here; only the hits shown pay for counting characters.
    for clause in hits.iter_mut().flat_map(|hit| hit.matches.iter_mut()) {
        clause.spans = char_spans(clause.text, &clause.spans);
    }
    let suggestions = match every_word {
        _ if !hits.is_empty() => Vec::new(),
        Some(words) => suggest(&query, &unmatched, words),
        None => suggest(&query, &unmatched, &matched),
    };
    Ok(Results { hits, suggestions, unmatched })
}

/// The abbreviations and concepts a search knows: built in, defined by the searched text, and
/// listed by the agencies.
fn vocabularies_of(duties: &[DutyRef<'_>]) -> (Abbreviations, Thesaurus) {
    let mut abbreviations = Abbreviations::built_in();
    let mut thesaurus = Thesaurus::built_in();
    let mut last_agency: Option<&Agency> = None;
    for &(agency, _) in duties {
        // Duties come agency by agency: each agency's own vocabulary is added once.
        if !last_agency.is_some_and(|last| std::ptr::eq(last, agency)) {
            last_agency = Some(agency);
            for pair in &agency.abbreviations {
                abbreviations.add(&pair.short, &pair.long);
            }
            for concept in &agency.concepts {
                thesaurus.add(concept);
            }
        }
    }
    let learned = in_parallel(duties, |part, _| {
        let mut learned = Abbreviations::default();
        for (_, duty) in part {
            learned.learn_from(&duty.text);
        }
        learned
    });
    for part in learned {
        abbreviations.absorb(part);
    }
    (abbreviations, thesaurus)
}

/// Replaces each group of words (an abbreviation or thesaurus term) that matched nothing by its
/// words: "intellectual property rights" still finds "intellectual property protection".
fn split_groups_that_found_nothing(
    query: &mut Query<'_>,
    candidates: &Candidates,
    best_level: &[u8],
    vocabulary: &[&str],
) {
    if query.units.iter().all(|unit| unit.fallback.is_empty()) {
        return;
    }
    let units = std::mem::take(&mut query.units);
    for unit in units {
        if unit.fallback.is_empty() || found_anywhere(&unit, candidates, best_level, vocabulary) {
            query.units.push(unit);
        } else {
            query.units.extend(unit.fallback);
        }
    }
}

/// Leaves out the query's pairs of CJK characters that stand nowhere in the text when their
/// characters are covered otherwise: by the neighbouring pairs that were found, or as particles
/// and linking characters. 人才引进 is the pairs 人才, 才引 and 引进; the text has no 才引 (it
/// straddles two words), so 人才 and 引进, wherever they stand, answer the query. A query all
/// of whose pairs would go keeps them.
fn drop_pairs_found_nowhere(query: &mut Query<'_>, best_level: &[u8]) {
    let found = |unit: &Unit| typed_found(unit, best_level);
    let found_at = |run: u32, index: u32| query.pair_unit(run, index).is_some_and(|u| found(&query.units[u]));
    let dropped: Vec<bool> = query
        .units
        .iter()
        .map(|unit| match unit.cjk {
            Some(pair) if !found(unit) => {
                (pair.loose[0] || pair.index.checked_sub(1).is_some_and(|before| found_at(pair.run, before)))
                    && (pair.loose[1] || found_at(pair.run, pair.index + 1))
            }
            _ => false,
        })
        .collect();
    if dropped.iter().all(|&d| d) {
        return;
    }
    let mut keep = dropped.iter().map(|&d| !d);
    query.units.retain(|_| keep.next().unwrap_or(true));
}

/// Wakes the stand-ins that are needed: an edge character alone stands for a pair of Chinese
/// characters found nowhere, beside a pair found (出租车 is 出租汽车). A pair the text has
/// needs none, nor does one whose other character no pair of the text covers; their stand-ins go.
/// True when one is woken, and the text must be looked at again.
fn wake_stand_ins(query: &mut Query<'_>, best_level: &[u8]) -> bool {
    let found = |unit: &Unit| typed_found(unit, best_level);
    let needed: Vec<bool> = query
        .units
        .iter()
        .map(|unit| {
            let Some(pair) = unit.cjk.filter(|_| unit.alternatives.len() > 1 && !found(unit)) else {
                return false;
            };
            let inner = if pair.index == 0 { pair.index + 1 } else { pair.index.wrapping_sub(1) };
            query.pair_unit(pair.run, inner).is_some_and(|u| found(&query.units[u]))
        })
        .collect();
    let mut woken = false;
    for (u, needed) in needed.into_iter().enumerate() {
        if needed {
            for &pattern in &query.units[u].alternatives[1].patterns {
                query.patterns[pattern].dormant = false;
            }
            woken = true;
        } else if query.units[u].cjk.is_some() {
            query.units[u].alternatives.truncate(1);
        }
    }
    woken
}

/// True when every word of the unit's first alternative (the words as typed) matched somewhere.
fn typed_found(unit: &Unit, best_level: &[u8]) -> bool {
    unit.alternatives[0].patterns.iter().all(|&p| best_level[p] != u8::MAX)
}

/// True when some candidate has one of the unit's alternatives.
fn found_anywhere(unit: &Unit, candidates: &Candidates, best_level: &[u8], vocabulary: &[&str]) -> bool {
    // Cheap first: an alternative can only match when each of its words matched somewhere.
    let possible = unit.alternatives.iter().any(|a| a.patterns.iter().all(|&p| best_level[p] != u8::MAX));
    possible
        && candidates.list.iter().any(|c| !find_unit(unit, candidates.of(c), None, vocabulary).is_empty())
}

/// For query words that matched nothing at all, the closest vocabulary word within the word's
/// typo budget (a real word is never matched as a typo, but may be what the user meant).
fn suggest(query: &Query<'_>, unmatched: &[String], vocabulary: &[impl AsRef<str>]) -> Vec<(String, String)> {
    let mut suggestions = Vec::new();
    for unit in query.units.iter().filter(|unit| unmatched.iter().any(|word| **word == *unit.label)) {
        let [pattern] = unit.alternatives[0].patterns.as_slice() else { continue };
        let pattern = &query.patterns[*pattern];
        if pattern.budget.0 == 0 {
            continue;
        }
        let nearest = vocabulary
            .iter()
            .map(AsRef::as_ref)
            .filter(|word| word.chars().all(char::is_alphabetic))
            .filter(|word| word.chars().count().abs_diff(pattern.chars) <= pattern.budget.0)
            .filter_map(|word| {
                let counts = typo::LetterCounts::of(word);
                Some((typos_within(&pattern.norm, &pattern.counts, word, &counts, pattern.budget)?, word))
            })
            .min();
        if let Some((_, word)) = nearest {
            suggestions.push((unit.label.to_string(), word.to_string()));
        }
    }
    suggestions
}

#[cfg(test)]
mod tests {
    use super::scan::tests::many_duties;
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn hits_come_sorted_by_score_with_character_spans() {
        let json = many_duties();
        let dataset = Dataset::from_json(&json).unwrap();
        let duties = dataset.duties();
        let options = Options { limit: 50, strictness: Strictness::default(), all_words: false };
        let results = search(&duties, &["talent".into(), "reform".into()], &options).unwrap();
        assert_eq!(results.hits.len(), 50);
        assert!(results.hits.windows(2).all(|pair| pair[0].score >= pair[1].score));
        for hit in &results.hits {
            for clause in &hit.matches {
                for &(start, end) in &clause.spans {
                    let marked: String = clause.text.chars().skip(start).take(end - start).collect();
                    assert!(marked.starts_with("talent") || marked == "reform", "{marked}");
                }
            }
        }
    }
}
