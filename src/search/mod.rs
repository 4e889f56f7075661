//! Search: typo-tolerant, ranked keyword search over duties that says which clause matched.
//!
//! One pass over the text, whatever its size: every word is normalised and judged against the
//! query once (a memo of the vocabulary), and only duties with a matching word are kept. Then
//! each query word keeps only its best kind of match across the whole vocabulary (typos only
//! when the exact and stemmed forms match nothing), and the candidates are ranked
//! lexicographically: words matched, typos, words within one clause, exactness, BM25, order.
//! This module never prints.

mod abbrev;
mod query;
mod rank;
mod scan;
pub mod text;
mod typo;

use serde::Serialize;

use crate::dataset::{Agency, Duty};
use crate::error::UsageError;
use abbrev::Abbreviations;
use query::Query;
pub use query::Strictness;
use rank::rank;
use scan::{Scan, in_parallel, keep_best_level, scan_all};
use text::char_span;
/// "Did you mean" suggests vocabulary words at most this many edits away.
const MAX_SUGGESTION_EDITS: usize = 2;

/// How a query word matched, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Exact,
    Stem,
    /// Another word of the same derivation (industry, industrialization); reported as "stem".
    #[serde(rename = "stem")]
    Derived,
    Abbreviation,
    Prefix,
    Typo,
}

impl Kind {
    /// Exact and stem matches are one level: typos and prefixes count only when it is empty.
    pub(crate) fn level(self) -> u8 {
        match self {
            Kind::Exact | Kind::Stem | Kind::Derived | Kind::Abbreviation => 0,
            Kind::Prefix => 1,
            Kind::Typo => 2,
        }
    }

    /// Steps of inexactness for ranking. A stem match counts as exact: "districts" answers
    /// "district" as well as "district" does, and people judging results agree. A derivation
    /// comes a step after.
    pub(crate) fn rank(self) -> u32 {
        match self {
            Kind::Exact | Kind::Stem => 0,
            Kind::Derived => 1,
            Kind::Abbreviation => 2,
            Kind::Prefix => 3,
            Kind::Typo => 4,
        }
    }
}

/// What the caller asks of a search.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    pub limit: usize,
    pub strictness: Strictness,
    /// Only duties with every query word; no partial matches.
    pub all_words: bool,
}

/// How one query unit matched in a clause.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TermMatch {
    pub query: String,
    pub matched: String,
    pub kind: Kind,
    pub typos: usize,
}

/// A clause of a hit with the query words it contains.
#[derive(Debug, Clone, PartialEq, Serialize)]
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

/// The hits, best first, and suggestions for query words that matched nothing.
#[derive(Debug, Clone)]
pub struct Results<'d> {
    pub hits: Vec<Hit<'d>>,
    /// (query word, close vocabulary word) for words that matched nothing.
    pub suggestions: Vec<(String, String)>,
}

/// Searches `duties` for `words`.
pub fn search<'d>(
    duties: &[(&'d Agency<'d>, &'d Duty<'d>)],
    words: &[String],
    options: &Options,
) -> Result<Results<'d>, UsageError> {
    let abbreviations = abbreviations_of(duties);
    let query = Query::parse(words, &abbreviations, options.strictness)?;
    if query.patterns.len() > usize::from(u16::MAX) {
        return Err(UsageError::new("the query has too many words"));
    }
    let Scan { memo, mut candidates, total_words } = scan_all(duties, &query.patterns);
    let best_level = keep_best_level(&memo, &mut candidates, query.patterns.len());
    let vocabulary = memo.words();
    let mut hits = rank(&query, &candidates, &vocabulary, duties.len(), total_words, options);
    // Spans are byte offsets until here; only the hits shown pay for counting characters.
    for clause in hits.iter_mut().flat_map(|hit| hit.matches.iter_mut()) {
        clause.spans = clause.spans.iter().map(|&span| char_span(clause.text, span)).collect();
    }
    let suggestions = if hits.is_empty() { suggest(&query, &best_level, &vocabulary) } else { Vec::new() };
    Ok(Results { hits, suggestions })
}

/// The built-in abbreviations, those the searched text defines, and the agencies' own lists.
fn abbreviations_of(duties: &[(&Agency<'_>, &Duty<'_>)]) -> Abbreviations {
    let mut abbreviations = Abbreviations::built_in();
    let mut last_agency: Option<*const Agency> = None;
    for &(agency, _) in duties {
        if last_agency != Some(agency as *const Agency) {
            last_agency = Some(agency);
            for pair in &agency.abbreviations {
                abbreviations.add(&pair.short, &pair.long);
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
    for pair in learned.iter().flat_map(|part| &part.list) {
        abbreviations.add(&pair.short_text, &pair.long_text);
    }
    abbreviations
}

/// For query words that matched nothing at all, the closest vocabulary word, if any is close.
fn suggest(query: &Query, best_level: &[u8], vocabulary: &[&str]) -> Vec<(String, String)> {
    let mut suggestions = Vec::new();
    for unit in &query.units {
        let [alternative] = unit.alternatives.as_slice() else { continue };
        let [pattern] = alternative.patterns.as_slice() else { continue };
        if best_level[*pattern] != u8::MAX {
            continue;
        }
        let norm = &query.patterns[*pattern].norm;
        let nearest = vocabulary
            .iter()
            .filter(|word| word.chars().count() >= 3 && word.chars().all(char::is_alphabetic))
            .map(|word| (strsim::osa_distance(norm, word), word))
            .filter(|(distance, _)| *distance <= MAX_SUGGESTION_EDITS && *distance < norm.chars().count())
            .min();
        if let Some((_, word)) = nearest {
            suggestions.push((unit.label.clone(), word.to_string()));
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
