//! Ranking: how well each candidate duty answers the query, unit by unit and clause by clause,
//! and the lexicographic order of the hits: words matched, typos, words within one clause,
//! exactness, BM25, then duty order. The score shown to users encodes the same order.

use std::cmp::Reverse;

use super::query::{Query, Unit};
use super::scan::{Contender, Occurrence};
use super::{ClauseMatch, Hit, Kind, Options, TermMatch};

/// BM25's term-frequency saturation and length normalisation, the usual values.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The hits, best first, at most `options.limit`: only duties with every query unit when any
/// has them all, otherwise (unless `all_words`) the best partial matches.
pub(super) fn rank<'d>(
    query: &Query,
    candidates: &[Contender<'d>],
    vocabulary: &[&str],
    documents: usize,
    total_words: usize,
    options: &Options,
) -> Vec<Hit<'d>> {
    let average_words = total_words as f64 / documents.max(1) as f64;
    // Everyone is ranked on numbers alone; only the hits shown get their clauses spelled out.
    let evaluated: Vec<Evaluated> =
        candidates.iter().enumerate().filter_map(|(i, c)| evaluate(query, i, c, vocabulary, false)).collect();
    let mut document_frequency = vec![0usize; query.units.len()];
    for evaluation in &evaluated {
        for (unit, frequency) in evaluation.unit_frequency.iter().enumerate() {
            document_frequency[unit] += usize::from(*frequency > 0);
        }
    }

    let full = query.units.len();
    let any_full = evaluated.iter().any(|e| e.units_matched == full);
    let mut ranked: Vec<(RankKey, Evaluated<'d>)> = evaluated
        .into_iter()
        .filter(|e| e.units_matched == full || (!any_full && !options.all_words))
        .map(|e| {
            let candidate = &candidates[e.candidate];
            let bm25 = relevance(bm25(
                &e.unit_frequency,
                &document_frequency,
                documents,
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
            (key, e)
        })
        .collect();
    ranked.sort_by_key(|(key, _)| *key);
    ranked.truncate(options.limit);
    ranked
        .into_iter()
        .map(|(key, e)| {
            let candidate = &candidates[e.candidate];
            let matches = evaluate(query, e.candidate, candidate, vocabulary, true)
                .map(|d| d.matches)
                .unwrap_or_default();
            Hit {
                agency: candidate.agency,
                duty: candidate.duty,
                score: score(&key),
                partial: e.units_matched < full,
                matches,
            }
        })
        .collect()
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
fn find_unit(unit: &Unit, occurrences: &[Occurrence], words: &[&str], detail: bool) -> Vec<Found> {
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
                spans: if detail {
                    parts.iter().map(|p| (p.start as usize, p.end as usize)).collect()
                } else {
                    Vec::new()
                },
                matched: if detail {
                    parts.iter().map(|p| words[p.word as usize]).collect::<Vec<_>>().join(" ")
                } else {
                    String::new()
                },
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
    detail: bool,
) -> Option<Evaluated<'d>> {
    if candidate.occurrences.is_empty() {
        return None;
    }
    let clauses: Vec<&'d str> = candidate.duty.clauses().collect();
    let mut per_clause: Vec<ClauseTally> = vec![ClauseTally::default(); clauses.len()];
    let mut unit_frequency = vec![0usize; query.units.len()];
    let mut best_in_duty: Vec<Option<(usize, Kind)>> = vec![None; query.units.len()];
    for (u, unit) in query.units.iter().enumerate() {
        for found in find_unit(unit, &candidate.occurrences, words, detail) {
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
    let in_one_clause = per_clause.iter().map(|tally| tally.units.len()).max().unwrap_or(0);
    let matches = if detail { clause_matches(query, &clauses, per_clause) } else { Vec::new() };
    Some(Evaluated {
        candidate: index,
        units_matched,
        typos: best_in_duty.iter().flatten().map(|(typos, _)| typos).sum(),
        in_one_clause,
        exactness: best_in_duty.iter().flatten().map(|(_, kind)| kind.rank()).sum(),
        unit_frequency,
        matches,
    })
}

/// The clauses that matched, best first: most units, fewest typos, most exact, then in order.
fn clause_matches<'d>(
    query: &Query,
    clauses: &[&'d str],
    per_clause: Vec<ClauseTally>,
) -> Vec<ClauseMatch<'d>> {
    let mut matches: Vec<(usize, usize, u32, ClauseMatch<'d>)> = per_clause
        .into_iter()
        .enumerate()
        .filter(|(_, tally)| !tally.units.is_empty())
        .map(|(clause, ClauseTally { units, spans })| {
            let typos = units.iter().map(|(_, f)| f.typos).sum();
            let kinds = units.iter().map(|(_, f)| f.kind.rank()).sum();
            let terms = units
                .into_iter()
                .map(|(u, f)| TermMatch {
                    query: query.units[u].label.clone(),
                    matched: f.matched,
                    kind: f.kind,
                    typos: f.typos,
                })
                .collect::<Vec<_>>();
            let text = clauses.get(clause).copied().unwrap_or_default();
            (terms.len(), typos, kinds, ClauseMatch { clause: clause + 1, text, spans: merge(spans), terms })
        })
        .collect();
    matches.sort_by_key(|(units, typos, kinds, m)| (Reverse(*units), *typos, *kinds, m.clause));
    matches.into_iter().map(|(.., m)| m).collect()
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
