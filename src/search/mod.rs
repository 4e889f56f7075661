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
pub mod text;
mod typo;

use std::cell::OnceCell;
use std::cmp::Reverse;

use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::dataset::{Agency, Duty};
use crate::error::UsageError;
use abbrev::Abbreviations;
pub use query::Strictness;
use query::{Pattern, Query, Unit};
use text::{Token, char_span, is_normal, normalize_into, stem_key, tokenize};
use typo::{LetterCounts, typos_within};

/// BM25's term-frequency saturation and length normalisation, the usual values.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;
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
    fn level(self) -> u8 {
        match self {
            Kind::Exact | Kind::Stem | Kind::Derived | Kind::Abbreviation => 0,
            Kind::Prefix => 1,
            Kind::Typo => 2,
        }
    }

    /// Steps of inexactness for ranking. A stem match counts as exact: "districts" answers
    /// "district" as well as "district" does, and people judging results agree. A derivation
    /// comes a step after.
    fn rank(self) -> u32 {
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

/// A vocabulary word's judgement: the patterns it satisfies, and how.
#[derive(Debug, Clone, Copy)]
struct Judgement {
    pattern: u16,
    kind: Kind,
    typos: u8,
}

/// A matching word in a candidate duty.
#[derive(Debug, Clone, Copy)]
struct Occurrence {
    clause: u16,
    position: u32,
    start: u32,
    end: u32,
    word: u32,
    judgement: Judgement,
}

/// A duty with at least one matching word.
struct Contender<'d> {
    order: usize,
    agency: &'d Agency<'d>,
    duty: &'d Duty<'d>,
    words: usize,
    occurrences: Vec<Occurrence>,
}

/// The vocabulary seen so far and what each word matched: every distinct word is judged once.
#[derive(Default)]
struct Memo {
    /// Normalised words (UTF-8 bytes) to their ids.
    ids: FxHashMap<Vec<u8>, u32>,
    judgements: Vec<Vec<Judgement>>,
}

impl Memo {
    /// The id and judgements of `word` (normalised UTF-8), computed on first sight.
    fn judge(&mut self, bytes: &[u8], patterns: &[Pattern]) -> (u32, &[Judgement]) {
        let id = match self.ids.get(bytes) {
            Some(&id) => id,
            None => {
                let word = std::str::from_utf8(bytes).unwrap_or_default();
                let id = self.judgements.len() as u32;
                // Stems only change a word's ending, so a stem match needs the same first byte.
                let first = word.as_bytes().first();
                let key = patterns.iter().any(|p| p.key.as_bytes().first() == first).then(|| stem_key(word));
                let seen = SeenWord::new(word, key.as_deref());
                let judgements = patterns
                    .iter()
                    .enumerate()
                    .filter_map(|(i, pattern)| {
                        let (kind, typos) = judge(pattern, &seen)?;
                        Some(Judgement { pattern: i as u16, kind, typos: typos as u8 })
                    })
                    .collect();
                self.judgements.push(judgements);
                self.ids.insert(bytes.to_vec(), id);
                id
            }
        };
        (id, &self.judgements[id as usize])
    }

    /// Takes in another memo's words; returns, for each of its ids, the id here.
    fn absorb(&mut self, other: Memo) -> Vec<u32> {
        let mut remap = vec![0; other.judgements.len()];
        let mut judgements: Vec<Option<Vec<Judgement>>> = other.judgements.into_iter().map(Some).collect();
        for (word, other_id) in other.ids {
            let id = match self.ids.get(&word) {
                Some(&id) => id,
                None => {
                    let id = self.judgements.len() as u32;
                    self.judgements.push(judgements[other_id as usize].take().unwrap_or_default());
                    self.ids.insert(word, id);
                    id
                }
            };
            remap[other_id as usize] = id;
        }
        remap
    }

    /// Every word judged, indexed by id.
    fn words(&self) -> Vec<&str> {
        let mut words = vec![""; self.judgements.len()];
        for (word, &id) in &self.ids {
            words[id as usize] = std::str::from_utf8(word).unwrap_or_default();
        }
        words
    }
}

/// A vocabulary word being judged, with what the tests need computed once.
struct SeenWord<'w> {
    word: &'w str,
    /// The stem key, when a stem match is possible at all.
    key: Option<&'w str>,
    chars: usize,
    counts: OnceCell<LetterCounts>,
}

impl<'w> SeenWord<'w> {
    fn new(word: &'w str, key: Option<&'w str>) -> Self {
        SeenWord { word, key, chars: word.chars().count(), counts: OnceCell::new() }
    }
}

/// How a vocabulary word satisfies a pattern, if it does.
fn judge(pattern: &Pattern, seen: &SeenWord<'_>) -> Option<(Kind, usize)> {
    let word = seen.word;
    let key = seen.key;
    if word == pattern.norm {
        return Some((Kind::Exact, 0));
    }
    if key == Some(pattern.key.as_str()) {
        return Some((Kind::Stem, 0));
    }
    // Derivations only for real words: a misspelt word is a typo, not a derivation.
    if pattern.real_word && key.is_some_and(|key| text::same_derivation(key, &pattern.key)) {
        return Some((Kind::Derived, 0));
    }
    if pattern.prefix && word.starts_with(&pattern.norm) {
        return Some((Kind::Prefix, 0));
    }
    // A real English word of one-typo length is what the user meant (police is not policy,
    // plant is not plans); longer words two edits away are nearly always relatives
    // (statistics, statistical), so the guard stops at one typo.
    if pattern.real_word && pattern.budget.0 <= 1 {
        return None;
    }
    if pattern.budget.0 == 0 || pattern.chars.abs_diff(seen.chars) > pattern.budget.0 {
        return None;
    }
    let counts = seen.counts.get_or_init(|| LetterCounts::of(word));
    typos_within(&pattern.norm, &pattern.counts, word, counts, pattern.budget)
        .map(|typos| (Kind::Typo, typos))
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

    // Each pattern keeps only its best level of match across the whole vocabulary.
    let mut best_level = vec![u8::MAX; query.patterns.len()];
    for judgements in &memo.judgements {
        for j in judgements {
            let level = &mut best_level[usize::from(j.pattern)];
            *level = (*level).min(j.kind.level());
        }
    }
    for candidate in &mut candidates {
        candidate
            .occurrences
            .retain(|o| o.judgement.kind.level() == best_level[usize::from(o.judgement.pattern)]);
    }

    let average_words = total_words as f64 / duties.len().max(1) as f64;
    let vocabulary = memo.words();
    let evaluated: Vec<Evaluated> =
        candidates.iter().enumerate().filter_map(|(i, c)| evaluate(&query, i, c, &vocabulary)).collect();
    let mut document_frequency = vec![0usize; query.units.len()];
    for evaluation in &evaluated {
        for (unit, frequency) in evaluation.unit_frequency.iter().enumerate() {
            document_frequency[unit] += usize::from(*frequency > 0);
        }
    }

    let full = query.units.len();
    let any_full = evaluated.iter().any(|e| e.units_matched == full);
    let mut ranked: Vec<(RankKey, Hit<'d>)> = evaluated
        .into_iter()
        .filter(|e| e.units_matched == full || (!any_full && !options.all_words))
        .map(|e| {
            let candidate = &candidates[e.candidate];
            let bm25 = relevance(bm25(
                &e.unit_frequency,
                &document_frequency,
                duties.len(),
                candidate.words,
                average_words,
            ));
            let key = RankKey {
                units_matched: Reverse(e.units_matched),
                typos: e.typos,
                in_one_clause: Reverse(e.in_one_clause),
                exactness: e.exactness,
                bm25: Reverse(OrderedScore(bm25)),
                order: candidate.order,
            };
            let hit = Hit {
                agency: candidate.agency,
                duty: candidate.duty,
                score: score(&key),
                partial: e.units_matched < full,
                matches: e.matches,
            };
            (key, hit)
        })
        .collect();
    ranked.sort_by_key(|(key, _)| *key);
    ranked.truncate(options.limit);
    let mut hits: Vec<Hit<'d>> = ranked.into_iter().map(|(_, hit)| hit).collect();
    // Spans are byte offsets until here; only the hits shown pay for counting characters.
    for clause in hits.iter_mut().flat_map(|hit| hit.matches.iter_mut()) {
        clause.spans = clause.spans.iter().map(|&span| char_span(clause.text, span)).collect();
    }

    let suggestions = if hits.is_empty() { suggest(&query, &best_level, &vocabulary) } else { Vec::new() };
    Ok(Results { hits, suggestions })
}

/// Datasets with at least this many duties are scanned on every core; smaller ones on one, as
/// starting threads would cost more than it saves.
const MIN_DUTIES_PER_THREAD: usize = 4096;

/// What one pass over some duties found.
#[derive(Default)]
struct Scan<'d> {
    memo: Memo,
    candidates: Vec<Contender<'d>>,
    total_words: usize,
}

/// Scans all duties, split across the machine's cores when there are enough of them. The
/// result is the same either way: partial scans are merged in duty order.
fn scan_all<'d>(duties: &[(&'d Agency<'d>, &'d Duty<'d>)], patterns: &[Pattern]) -> Scan<'d> {
    let most = duties.len() / MIN_DUTIES_PER_THREAD;
    // Asking for the core count reads cgroup files: only worth it for a large dataset.
    let threads =
        if most < 2 { 1 } else { std::thread::available_parallelism().map_or(1, usize::from).min(most) };
    if threads == 1 {
        return scan(duties, 0, patterns);
    }
    let chunk = duties.len().div_ceil(threads);
    let parts: Vec<Scan<'d>> = std::thread::scope(|scope| {
        let handles: Vec<_> = duties
            .chunks(chunk)
            .enumerate()
            .map(|(i, part)| scope.spawn(move || scan(part, i * chunk, patterns)))
            .collect();
        // A scan does not panic; were one to, re-raising it is the honest report.
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    });
    let mut parts = parts.into_iter();
    let mut all = parts.next().unwrap_or_default();
    for part in parts {
        let remap = all.memo.absorb(part.memo);
        all.total_words += part.total_words;
        all.candidates.extend(part.candidates.into_iter().map(|mut candidate| {
            for occurrence in &mut candidate.occurrences {
                occurrence.word = remap[occurrence.word as usize];
            }
            candidate
        }));
    }
    all
}

/// One pass over `duties`: every token normalised and judged (once per distinct word), and the
/// duties with a matching word kept. `first_order` is the first duty's place in the dataset.
fn scan<'d>(duties: &[(&'d Agency<'d>, &'d Duty<'d>)], first_order: usize, patterns: &[Pattern]) -> Scan<'d> {
    let mut found = Scan::default();
    let mut tokens: Vec<Token> = Vec::new();
    let mut norm = Vec::new();
    for (i, &(agency, duty)) in duties.iter().enumerate() {
        let mut occurrences = Vec::new();
        let mut words_in_duty = 0;
        for (clause, text) in duty.clauses().enumerate() {
            tokens.clear();
            tokenize(text, &mut tokens);
            for token in &tokens {
                words_in_duty += usize::from(!token.joined);
                let normal = if is_normal(token.raw) {
                    token.raw.as_bytes()
                } else {
                    normalize_into(token.raw, &mut norm);
                    &norm
                };
                let (word, judgements) = found.memo.judge(normal, patterns);
                occurrences.extend(judgements.iter().map(|&judgement| Occurrence {
                    clause: u16::try_from(clause).unwrap_or(u16::MAX),
                    position: token.position,
                    start: token.start as u32,
                    end: token.end as u32,
                    word,
                    judgement,
                }));
            }
        }
        found.total_words += words_in_duty;
        if !occurrences.is_empty() {
            found.candidates.push(Contender {
                order: first_order + i,
                agency,
                duty,
                words: words_in_duty,
                occurrences,
            });
        }
    }
    found
}

/// The built-in abbreviations, those the searched text defines, and the agencies' own lists.
fn abbreviations_of(duties: &[(&Agency<'_>, &Duty<'_>)]) -> Abbreviations {
    let mut abbreviations = Abbreviations::built_in();
    let mut last_agency: Option<*const Agency> = None;
    for &(agency, duty) in duties {
        if last_agency != Some(agency as *const Agency) {
            last_agency = Some(agency);
            for pair in &agency.abbreviations {
                abbreviations.add(&pair.short, &pair.long);
            }
        }
        abbreviations.learn_from(&duty.text);
    }
    abbreviations
}

/// The ranking key, compared lexicographically; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey {
    units_matched: Reverse<usize>,
    typos: usize,
    in_one_clause: Reverse<usize>,
    exactness: u32,
    /// BM25 squeezed into [0, 1) and rounded as the score shows it, so ties look like ties.
    bm25: Reverse<OrderedScore>,
    order: usize,
}

/// A finite score with a total order.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrderedScore(f64);

impl Eq for OrderedScore {}

impl PartialOrd for OrderedScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for OrderedScore {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// Weights that make the score order hits exactly as their rank key does: each step of a
/// criterion outweighs everything the criteria after it can add up to, given the query limits
/// (at most 32 words, so at most 64 typos, 32 words in one clause and 128 steps of
/// inexactness), and BM25 adds less than one.
const SCORE_PER_WORD: f64 = 1_000_000.0;
const SCORE_PER_TYPO: f64 = 10_000.0;
const SCORE_PER_WORD_IN_CLAUSE: f64 = 200.0;
const SCORE_PER_INEXACT_STEP: f64 = 1.0;

/// One number, higher is better, that orders hits as their rank key does (up to the duty
/// order, which only breaks ties).
fn score(key: &RankKey) -> f64 {
    let value = SCORE_PER_WORD * key.units_matched.0 as f64 - SCORE_PER_TYPO * key.typos as f64
        + SCORE_PER_WORD_IN_CLAUSE * key.in_one_clause.0 as f64
        - SCORE_PER_INEXACT_STEP * f64::from(key.exactness)
        + key.bm25.0.0;
    // Every part is a multiple of 0.001, so rounding keeps the order and prints cleanly.
    (value * 1000.0).round() / 1000.0
}

/// BM25 squeezed into [0, 1) and rounded to three decimals.
fn relevance(bm25: f64) -> f64 {
    (bm25 / (1.0 + bm25) * 1000.0).round() / 1000.0
}

fn bm25(
    unit_frequency: &[usize],
    document_frequency: &[usize],
    documents: usize,
    words: usize,
    average: f64,
) -> f64 {
    let length_norm = 1.0 - BM25_B + BM25_B * words as f64 / average.max(1.0);
    unit_frequency
        .iter()
        .zip(document_frequency)
        .filter(|(tf, _)| **tf > 0)
        .map(|(&tf, &df)| {
            let idf = (1.0 + (documents as f64 - df as f64 + 0.5) / (df as f64 + 0.5)).ln();
            let tf = tf as f64;
            idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * length_norm)
        })
        .sum()
}

/// A candidate's standing against the query.
struct Evaluated<'d> {
    candidate: usize,
    units_matched: usize,
    typos: usize,
    in_one_clause: usize,
    exactness: u32,
    unit_frequency: Vec<usize>,
    matches: Vec<ClauseMatch<'d>>,
}

/// One way a unit matched at one place.
#[derive(Debug, Clone)]
struct Found {
    clause: u16,
    typos: usize,
    kind: Kind,
    spans: Vec<(usize, usize)>,
    matched: String,
}

/// What matched in one clause: each unit's best match there, and every matched span.
#[derive(Debug, Clone, Default)]
struct ClauseTally {
    units: Vec<(usize, Found)>,
    spans: Vec<(usize, usize)>,
}

/// Every place each alternative of `unit` matches in the candidate.
fn find_unit(unit: &Unit, occurrences: &[Occurrence], words: &[&str]) -> Vec<Found> {
    let mut found = Vec::new();
    for alternative in &unit.alternatives {
        let Some((&first, rest)) = alternative.patterns.split_first() else { continue };
        for start in occurrences.iter().filter(|o| usize::from(o.judgement.pattern) == first) {
            let mut parts = vec![*start];
            for (offset, &pattern) in rest.iter().enumerate() {
                let next = occurrences.iter().find(|o| {
                    usize::from(o.judgement.pattern) == pattern
                        && o.clause == start.clause
                        && o.position == start.position + offset as u32 + 1
                });
                match next {
                    Some(next) => parts.push(*next),
                    None => break,
                }
            }
            if parts.len() != alternative.patterns.len() {
                continue;
            }
            let worst = parts.iter().map(|p| p.judgement.kind).max().unwrap_or(Kind::Exact);
            found.push(Found {
                clause: start.clause,
                typos: parts.iter().map(|p| usize::from(p.judgement.typos)).sum(),
                kind: if alternative.abbreviation { Kind::Abbreviation } else { worst },
                spans: parts.iter().map(|p| (p.start as usize, p.end as usize)).collect(),
                matched: parts.iter().map(|p| words[p.word as usize]).collect::<Vec<_>>().join(" "),
            });
        }
    }
    found
}

/// Ranks candidate number `index` against the query: how many units it matched, how well, where.
fn evaluate<'d>(
    query: &Query,
    index: usize,
    candidate: &Contender<'d>,
    words: &[&str],
) -> Option<Evaluated<'d>> {
    if candidate.occurrences.is_empty() {
        return None;
    }
    let clauses: Vec<&'d str> = candidate.duty.clauses().collect();
    let mut per_clause: Vec<ClauseTally> = vec![ClauseTally::default(); clauses.len()];
    let mut unit_frequency = vec![0usize; query.units.len()];
    let mut best_in_duty: Vec<Option<(usize, Kind)>> = vec![None; query.units.len()];
    for (u, unit) in query.units.iter().enumerate() {
        for found in find_unit(unit, &candidate.occurrences, words) {
            unit_frequency[u] += 1;
            let quality = (found.typos, found.kind);
            if best_in_duty[u].is_none_or(|best| quality < best) {
                best_in_duty[u] = Some(quality);
            }
            let Some(tally) = per_clause.get_mut(usize::from(found.clause)) else { continue };
            tally.spans.extend(&found.spans);
            match tally.units.iter_mut().find(|(unit, _)| *unit == u) {
                Some((_, best)) if (found.typos, found.kind) < (best.typos, best.kind) => *best = found,
                Some(_) => {}
                None => tally.units.push((u, found)),
            }
        }
    }
    let units_matched = best_in_duty.iter().flatten().count();
    if units_matched == 0 {
        return None;
    }
    let mut matches: Vec<(usize, usize, u32, ClauseMatch<'d>)> = per_clause
        .into_iter()
        .enumerate()
        .filter(|(_, tally)| !tally.units.is_empty())
        .map(|(clause, ClauseTally { units, spans })| {
            let typos = units.iter().map(|(_, f)| f.typos).sum();
            let kinds = units.iter().map(|(_, f)| f.kind.rank()).sum();
            let terms = units
                .iter()
                .map(|(u, f)| TermMatch {
                    query: query.units[*u].label.clone(),
                    matched: f.matched.clone(),
                    kind: f.kind,
                    typos: f.typos,
                })
                .collect();
            let text = clauses.get(clause).copied().unwrap_or_default();
            (units.len(), typos, kinds, ClauseMatch { clause: clause + 1, text, spans: merge(spans), terms })
        })
        .collect();
    matches.sort_by_key(|(units, typos, kinds, m)| (Reverse(*units), *typos, *kinds, m.clause));
    Some(Evaluated {
        candidate: index,
        units_matched,
        typos: best_in_duty.iter().flatten().map(|(typos, _)| typos).sum(),
        in_one_clause: matches.first().map_or(0, |(units, ..)| *units),
        exactness: best_in_duty.iter().flatten().map(|(_, kind)| kind.rank()).sum(),
        unit_frequency,
        matches: matches.into_iter().map(|(.., m)| m).collect(),
    })
}

/// Sorted, overlapping spans merged (a hyphenated word's parts and joined form overlap).
fn merge(mut spans: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    spans.sort_unstable();
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
    for (start, end) in spans {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    merged
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
    use super::*;
    use crate::dataset::Dataset;

    /// A dataset large enough to be scanned on several threads.
    fn many_duties() -> String {
        let words = ["talent", "talents", "innovation", "policy", "torch", "plans", "science", "reform"];
        let functions: Vec<String> = (1..=3 * MIN_DUTIES_PER_THREAD)
            .map(|n| {
                let text = format!(
                    "{} and {} work {n}; {} of the city",
                    words[n % 8],
                    words[n * 7 % 8],
                    words[n * 3 % 8]
                );
                format!(r#"{{"number":{n},"text":"{text}"}}"#)
            })
            .collect();
        format!(
            r#"{{"schema_version":1,"agencies":[{{"id":"a","name":"A","functions":[{}]}}]}}"#,
            functions.join(",")
        )
    }

    #[test]
    fn threaded_and_single_scans_agree() {
        let json = many_duties();
        let dataset = Dataset::from_json(&json).unwrap();
        let duties = dataset.duties();
        let query =
            Query::parse(&["talnet policy".into()], &Abbreviations::built_in(), Strictness::default())
                .unwrap();
        let (all, one) = (scan_all(&duties, &query.patterns), scan(&duties, 0, &query.patterns));
        let summary = |found: &Scan| -> Vec<(usize, Vec<(String, u16)>)> {
            let words = found.memo.words();
            found
                .candidates
                .iter()
                .map(|c| {
                    (
                        c.order,
                        c.occurrences
                            .iter()
                            .map(|o| (words[o.word as usize].to_string(), o.judgement.pattern))
                            .collect(),
                    )
                })
                .collect()
        };
        assert_eq!(all.total_words, one.total_words);
        assert_eq!(summary(&all), summary(&one));
        assert!(!one.candidates.is_empty());
    }

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
