//! Ranking: how well each candidate duty answers the query, unit by unit and clause by clause,
//! and the lexicographic order of the hits: the share of the query's weight matched (each unit
//! weighted by its rarity, IDF), typos, words within one clause, exactness, BM25, then duty
//! order. The score shown to users encodes the same order.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::Arc;

use super::query::{Query, Unit, Via};
use super::scan::{Candidates, Contender, Memo, Occurrence, Place, in_parallel, places_of};
use super::{ClauseMatch, Hit, Kind, MAX_KIND_RANK, Options, TermMatch};
use crate::dataset::{Duty, DutyRef};

/// BM25's term-frequency saturation and length normalisation, the usual values.
const BM25_K1: f64 = 1.2;
const BM25_B: f64 = 0.75;

/// The words of a sloppy alternative stand at most this many words from its first word.
const SLOP: u32 = 4;

/// Coverage is counted in thousandths of the query's weight.
const FULL_COVERAGE: u32 = 1000;
/// A partial match answers the query only when it covers at least this much of its weight: a
/// hit on the query's common words alone, while its distinctive words matched nothing, is not
/// an answer ("social security" is not answered by "social development").
const MIN_PARTIAL_COVERAGE: u32 = 500;

/// The ranked hits, and the query units that matched nothing anywhere.
pub(super) struct Ranked<'d> {
    pub(super) hits: Vec<Hit<'d>>,
    pub(super) unmatched: Vec<String>,
}

/// The hits, best first, at most `options.limit`: duties with every query unit first, then
/// (unless `all_words`) the partial matches that cover enough of the query's weight.
/// `memo` and `best_level` are the scan's, for finding where the shown hits' words stand.
pub(super) fn rank<'d>(
    query: &Query<'_>,
    duties: &[DutyRef<'d>],
    candidates: Candidates,
    (memo, best_level, vocabulary): (&Memo<'_>, &[u8], &[&str]),
    documents: usize,
    total_words: usize,
    options: &Options,
) -> Ranked<'d> {
    let average_words = total_words as f64 / documents.max(1) as f64;
    // Everyone is ranked on numbers alone; only the hits shown get their clauses spelled out.
    // Those numbers are kept small, and each candidate's unit frequencies in one flat vector:
    // a million candidates must not each hold vectors of their own.
    let units = query.units.len();
    let answered = answered_by(query);
    let evaluate_all = |to_evaluate: &[usize]| -> (Vec<(usize, Standing)>, Vec<u32>) {
        // Candidates are evaluated on every core when there are many, in order.
        let parts = in_parallel(to_evaluate, |part, _| {
            let mut standings: Vec<(usize, Standing)> = Vec::new();
            let mut frequencies: Vec<u32> = Vec::new();
            for &i in part {
                let candidate = &candidates.list[i];
                let duty = duties[candidate.order as usize].1;
                if let Some(e) = evaluate(query, duty, (candidates.of(candidate), None), vocabulary) {
                    frequencies
                        .extend(e.unit_frequency.iter().map(|&tf| u32::try_from(tf).unwrap_or(u32::MAX)));
                    standings.push((i, e.standing));
                }
            }
            (standings, frequencies)
        });
        let mut parts = parts.into_iter();
        let (mut standings, mut frequencies) = parts.next().unwrap_or_default();
        for (part_standings, part_frequencies) in parts {
            standings.extend(part_standings);
            frequencies.extend(part_frequencies);
        }
        (standings, frequencies)
    };
    // Whether a candidate answers the query at all depends only on which units it matches and
    // how much each weighs: those are found first, a unit matching where one of its
    // alternatives is found once. Then only the candidates that answer are evaluated in full,
    // best first by a bound on their key, until no candidate left can enter the hits shown.
    // "haguwiha construction" looks at every duty with "construction" but evaluates those with
    // "haguwiha"; "the" evaluates the duties where it stands most often in the fewest words
    // first, and stops when no other can come before the last hit shown.
    let (standings, frequencies, document_frequency, weights) = if units <= 64 {
        let matched: Vec<(usize, u64)> = in_parallel(&candidates.list, |part, first| {
            part.iter()
                .enumerate()
                .map(|(i, c)| (first + i, units_matched(query, candidates.of(c))))
                .filter(|&(_, mask)| mask != 0)
                .collect::<Vec<_>>()
        })
        .concat();
        let mut document_frequency = vec![0usize; units];
        for (_, mask) in &matched {
            for (u, df) in document_frequency.iter_mut().enumerate() {
                *df += usize::from(mask >> u & 1 == 1);
            }
        }
        let weights = weights_of(query, &document_frequency, documents);
        let coverage_of_mask = |mask: u64| {
            let mut frequency = [0u32; 64];
            for (u, frequency) in frequency.iter_mut().enumerate().take(units) {
                *frequency = u32::from(mask >> u & 1 == 1);
            }
            coverage_of(&weights, |u| answered(u, &frequency[..units]))
        };
        let answering: Vec<(usize, u64, u32)> = matched
            .into_iter()
            .map(|(i, mask)| (i, mask, coverage_of_mask(mask)))
            .filter(|&(_, _, coverage)| answers(coverage, options))
            .collect();
        // Each answering candidate's best possible key, best first.
        let mut bounded: Vec<(RankKey, usize)> = in_parallel(&answering, |part, _| {
            let (mut least, mut frequency) = (Vec::new(), Vec::new());
            part.iter()
                .map(|&(i, mask, coverage)| {
                    let candidate = &candidates.list[i];
                    let bound = Bound { coverage, mask, weights: &weights, average_words };
                    let occurrences = candidates.of(candidate);
                    (bound.key(query, candidate, occurrences, (&mut least, &mut frequency)), i)
                })
                .collect::<Vec<_>>()
        })
        .concat();
        bounded.sort_unstable_by_key(|(key, _)| *key);
        let (mut standings, mut frequencies) = (Vec::new(), Vec::new());
        // The keys of the best hits evaluated so far, at most the limit of them, worst on top.
        let mut best: BinaryHeap<RankKey> = BinaryHeap::new();
        let (mut at, mut step) = (0, options.limit.clamp(64, 1 << 16));
        while at < bounded.len() {
            if best.len() >= options.limit && best.peek().is_some_and(|worst| bounded[at].0 > *worst) {
                break;
            }
            let end = bounded.len().min(at.saturating_add(step));
            let chunk: Vec<usize> = bounded[at..end].iter().map(|&(_, i)| i).collect();
            let (chunk_standings, chunk_frequencies) = evaluate_all(&chunk);
            for (s, (i, e)) in chunk_standings.iter().enumerate() {
                let unit_frequency = chunk_frequencies.get(s * units..(s + 1) * units).unwrap_or(&[]);
                let key =
                    key_of(&candidates.list[*i], e, unit_frequency, (&weights, average_words), &answered);
                best.push(key);
                if best.len() > options.limit {
                    best.pop();
                }
            }
            standings.extend(chunk_standings);
            frequencies.extend(chunk_frequencies);
            at = end;
            step = step.saturating_mul(2);
        }
        (standings, frequencies, document_frequency, weights)
    } else {
        let (standings, frequencies) = evaluate_all(&(0..candidates.list.len()).collect::<Vec<_>>());
        let mut document_frequency = vec![0usize; units];
        for frequency in frequencies.chunks(units.max(1)) {
            for (df, tf) in document_frequency.iter_mut().zip(frequency) {
                *df += usize::from(*tf > 0);
            }
        }
        let weights = weights_of(query, &document_frequency, documents);
        (standings, frequencies, document_frequency, weights)
    };
    let frequencies_of =
        |standing: usize| frequencies.get(standing * units..(standing + 1) * units).unwrap_or(&[]);
    let unmatched = query
        .units
        .iter()
        .zip(&document_frequency)
        .filter(|(_, df)| **df == 0)
        .map(|(unit, _)| unit.label.to_string())
        .collect();

    let mut ranked: Vec<(RankKey, usize)> = standings
        .iter()
        .enumerate()
        .filter_map(|(index, (candidate, e))| {
            let unit_frequency = frequencies_of(index);
            let key =
                key_of(&candidates.list[*candidate], e, unit_frequency, (&weights, average_words), &answered);
            answers(key.coverage.0, options).then_some((key, index))
        })
        .collect();
    ranked.sort_by_key(|(key, _)| *key);
    ranked.truncate(options.limit);
    // The index of matches is done with before the hits are spelled out: free it first.
    let shown: Vec<(RankKey, usize, bool)> = ranked
        .into_iter()
        .map(|(key, index)| {
            let (candidate, _) = &standings[index];
            let unit_frequency = frequencies_of(index);
            let partial = !(0..units).all(|u| answered(u, unit_frequency));
            (key, candidates.list[*candidate].order as usize, partial)
        })
        .collect();
    drop((candidates, standings, frequencies));
    let hits = shown
        .into_iter()
        .map(|(key, order, partial)| {
            let (agency, duty) = duties[order];
            let (occurrences, places) = places_of(duty, memo, best_level);
            let matches = evaluate(query, duty, (&occurrences, Some(&places)), vocabulary)
                .map(|d| d.matches)
                .unwrap_or_default();
            Hit { agency, duty, score: score(&key), partial, matches }
        })
        .collect();
    Ranked { hits, unmatched }
}

/// Each unit's weight, given how many duties each was found in: its IDF.
fn weights_of(query: &Query<'_>, document_frequency: &[usize], documents: usize) -> Vec<f64> {
    // A common word found nowhere weighs as much as a word half the duties have, but never more
    // than the least of the units found: it must not outweigh what the query did find.
    let least_found = document_frequency.iter().filter(|&&df| df > 0).max().map(|&df| idf(df, documents));
    let common_weight = idf(documents / 2, documents).min(least_found.unwrap_or(f64::INFINITY));
    query
        .units
        .iter()
        .zip(document_frequency)
        .map(|(unit, &df)| match df {
            0 if unit.common => common_weight,
            0 if unit.distinctive => idf(0, documents),
            0 => idf(1, documents),
            df => idf(df, documents),
        })
        .collect()
}

/// Thousandths of the query's weight that the units a duty answers carry: all of it only when
/// it answers every unit.
fn coverage_of(weights: &[f64], answers_unit: impl Fn(usize) -> bool) -> u32 {
    if (0..weights.len()).all(&answers_unit) {
        return FULL_COVERAGE;
    }
    let total: f64 = weights.iter().sum();
    let matched: f64 = weights.iter().enumerate().filter(|&(u, _)| answers_unit(u)).map(|(_, w)| w).sum();
    ((matched / total * f64::from(FULL_COVERAGE)).round() as u32).min(FULL_COVERAGE - 1)
}

/// Whether a duty of this coverage answers the query: fully, or enough when partial matches
/// are wanted.
fn answers(coverage: u32, options: &Options) -> bool {
    coverage == FULL_COVERAGE || (!options.all_words && coverage >= MIN_PARTIAL_COVERAGE)
}

/// The units (a bit each, at most 64) that match somewhere in the occurrences: where one of
/// their alternatives is found once.
fn units_matched(query: &Query<'_>, occurrences: &[Occurrence]) -> u64 {
    let candidate = Occurrences::new(occurrences);
    let mut mask = 0;
    for (u, unit) in query.units.iter().enumerate() {
        // An alternative of one word matches wherever the word is: no need to look for where.
        let mut found =
            unit.alternatives.iter().any(|a| matches!(a.patterns[..], [p] if candidate.present.holds(p)));
        if !found {
            each_match(unit, &candidate, None, &[], &mut |_| {
                found = true;
                false
            });
        }
        mask |= u64::from(found) << u;
    }
    mask
}

/// A candidate's key, given its standing and how often it matched each unit.
fn key_of(
    candidate: &Contender,
    standing: &Standing,
    unit_frequency: &[u32],
    (weights, average_words): (&[f64], f64),
    answered: &impl Fn(usize, &[u32]) -> bool,
) -> RankKey {
    let coverage = coverage_of(weights, |u| answered(u, unit_frequency));
    let bm25 = relevance(bm25(unit_frequency, weights, candidate.words as usize, average_words));
    RankKey {
        coverage: Reverse(coverage),
        typos: standing.typos,
        in_one_clause: Reverse(standing.in_one_clause),
        exactness: standing.exactness,
        bm25: Reverse(OrderedScore(bm25)),
        order: candidate.order as usize,
    }
}

/// What bounds a candidate's key before it is evaluated: its coverage (known from the units it
/// matches), and the query's weights.
struct Bound<'w> {
    coverage: u32,
    /// The units it matches, a bit each.
    mask: u64,
    weights: &'w [f64],
    average_words: f64,
}

impl Bound<'_> {
    /// A key no worse than the candidate's own, part by part, so no worse as a whole: from the
    /// alternatives whose every pattern occurs, the fewest typos and the least inexact kind
    /// each could give, as many units in one clause as it matches, and a unit frequency of
    /// every place where an alternative could start.
    /// `least` and `frequency` are space reused from candidate to candidate.
    fn key(
        &self,
        query: &Query<'_>,
        candidate: &Contender,
        occurrences: &[Occurrence],
        (least, frequency): (&mut Vec<(usize, u32, u32)>, &mut Vec<u32>),
    ) -> RankKey {
        // Per pattern: fewest typos, least inexactness, how many places.
        least.clear();
        least.resize(query.patterns.len(), (usize::MAX, u32::MAX, 0));
        for occurrence in occurrences {
            if let Some((typos, rank, count)) = least.get_mut(usize::from(occurrence.judgement.pattern)) {
                *typos = (*typos).min(usize::from(occurrence.judgement.typos));
                *rank = (*rank).min(occurrence.judgement.kind.inexactness());
                *count += 1;
            }
        }
        frequency.clear();
        frequency.resize(query.units.len(), 0);
        let (mut typos, mut exactness) = (0, 0);
        for (u, unit) in query.units.iter().enumerate().filter(|(u, _)| self.mask >> u & 1 == 1) {
            let (mut unit_typos, mut unit_rank) = (usize::MAX, u32::MAX);
            for alternative in &unit.alternatives {
                // Its words' fewest typos and least inexactness, when every one occurs.
                let (mut typed_typos, mut least_rank, mut whole) =
                    (0, u32::MAX, !alternative.patterns.is_empty());
                for &p in &alternative.patterns {
                    match least.get(p) {
                        Some(&(t, r, count)) if count > 0 => {
                            typed_typos += t;
                            least_rank = least_rank.min(r);
                        }
                        _ => whole = false,
                    }
                }
                if !whole {
                    continue;
                }
                // A typed match ranks as its least exact word, which ranks at least as the
                // least inexact of them.
                let (alternative_typos, rank) = match &alternative.via {
                    Via::Typed => (typed_typos, least_rank),
                    Via::Abbreviation => (typed_typos, Kind::Abbreviation.inexactness()),
                    Via::Concept { typos: corrected @ 1.., .. } => (typed_typos + corrected, MAX_KIND_RANK),
                    Via::Concept { relation, preferred_term, .. } => (
                        typed_typos,
                        Kind::Concept { relation: *relation, preferred_term: *preferred_term }.inexactness(),
                    ),
                };
                unit_typos = unit_typos.min(alternative_typos);
                unit_rank = unit_rank.min(rank);
                let starts = alternative
                    .patterns
                    .first()
                    .and_then(|&p| least.get(p))
                    .map_or(0, |&(_, _, count)| count);
                frequency[u] = frequency[u].saturating_add(starts);
            }
            typos += if unit_typos == usize::MAX { 0 } else { unit_typos };
            exactness += if unit_rank == u32::MAX { 0 } else { unit_rank };
        }
        let bm25 = relevance(bm25(frequency, self.weights, candidate.words as usize, self.average_words));
        RankKey {
            coverage: Reverse(self.coverage),
            typos,
            in_one_clause: Reverse(self.mask.count_ones() as usize),
            exactness,
            bm25: Reverse(OrderedScore(bm25)),
            order: candidate.order as usize,
        }
    }
}

/// The ranking key, compared lexicographically; smaller is better.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct RankKey {
    /// Thousandths of the query's weight matched.
    coverage: Reverse<u32>,
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
/// (at most 64 units, counting a Chinese query's pairs of characters, so at most 64 typos, 64
/// units in one clause and 64 × 12 steps of inexactness), and BM25 adds less than one.
const SCORE_PER_COVERAGE: f64 = 10_000_000.0;
const SCORE_PER_TYPO: f64 = 100_000.0;
const SCORE_PER_WORD_IN_CLAUSE: f64 = 1_000.0;
const SCORE_PER_INEXACT_STEP: f64 = 1.0;
const _: () = assert!(
    64 * (MAX_KIND_RANK + 1) < 999 && 64 * 1_000 + 1_000 < 100_000 && 64 * 100_000 + 100_000 < 10_000_000
);

/// One number, higher is better, that orders hits as their rank key does (up to the duty
/// order, which only breaks ties).
fn score(key: &RankKey) -> f64 {
    let value = SCORE_PER_COVERAGE * f64::from(key.coverage.0) - SCORE_PER_TYPO * key.typos as f64
        + SCORE_PER_WORD_IN_CLAUSE * key.in_one_clause.0 as f64
        - SCORE_PER_INEXACT_STEP * f64::from(key.exactness)
        + key.bm25.0.0;
    // Every part is a multiple of 0.001, so rounding keeps the order and prints cleanly.
    (value * 1000.0).round() / 1000.0
}

/// BM25 squeezed into [0, 1) and rounded to three decimals: at most 0.999, so it never reaches
/// the step of exactness above it in the score.
fn relevance(bm25: f64) -> f64 {
    ((bm25 / (1.0 + bm25) * 1000.0).round() / 1000.0).min(0.999)
}

/// How much a unit found in `df` of `documents` duties says: BM25's inverse document frequency.
/// A unit found nowhere weighs as much as the rarest found one; more when it names a concept
/// (a function the duties searched do not have), less when it is a common word (as much as a
/// word half the duties have): "who inspects hospitals" is answered by hospitals, "social
/// security" is not answered by social.
fn idf(df: usize, documents: usize) -> f64 {
    let (df, documents) = (df as f64, documents.max(df) as f64);
    (1.0 + (documents - df + 0.5) / (df + 0.5)).ln()
}

fn bm25(unit_frequency: &[u32], weights: &[f64], words: usize, average: f64) -> f64 {
    let length_norm = 1.0 - BM25_B + BM25_B * words as f64 / average.max(1.0);
    unit_frequency
        .iter()
        .zip(weights)
        .filter(|(tf, _)| **tf > 0)
        .map(|(&tf, &idf)| {
            let tf = f64::from(tf);
            idf * tf * (BM25_K1 + 1.0) / (tf + BM25_K1 * length_norm)
        })
        .sum()
}

/// A candidate's standing against the query: what ranking keeps of it, for every candidate.
struct Standing {
    typos: usize,
    in_one_clause: usize,
    exactness: u32,
}

/// A candidate evaluated: its standing, how often each unit matched, and (for a hit shown) where.
struct Evaluated<'d> {
    standing: Standing,
    unit_frequency: Vec<usize>,
    matches: Vec<ClauseMatch<'d>>,
}

/// One way a unit matched at one place.
#[derive(Debug, Clone)]
pub(super) struct Found {
    clause: u32,
    /// The position of its first word in the clause.
    position: u32,
    typos: usize,
    kind: Kind,
    /// The kind's rank; a concept reached through a misspelt word ranks as a typo, so that
    /// the typo's direct match of the same words comes first.
    rank: u32,
    spans: Vec<(usize, usize)>,
    matched: String,
    /// The concept's preferred term, for a concept match.
    via: Option<Arc<str>>,
}

/// What matched in one clause: each unit's best match there, with the spans of every match as
/// good as that one.
#[derive(Debug, Clone, Default)]
struct ClauseTally {
    units: Vec<(usize, Found)>,
}

/// A set of pattern indices, exact below 2,048 (queries have fewer), "maybe" above.
#[derive(Default)]
struct PatternSet([u64; 32]);

impl PatternSet {
    fn insert(&mut self, pattern: usize) {
        if let Some(bits) = self.0.get_mut(pattern / 64) {
            *bits |= 1 << (pattern % 64);
        }
    }

    fn may_hold(&self, pattern: usize) -> bool {
        self.0.get(pattern / 64).is_none_or(|bits| bits & 1 << (pattern % 64) != 0)
    }

    /// Whether the pattern is surely in the set (below 2,048; above, it is not known).
    fn holds(&self, pattern: usize) -> bool {
        self.0.get(pattern / 64).is_some_and(|bits| bits & 1 << (pattern % 64) != 0)
    }
}

/// Every place each alternative of `unit` matches in the candidate.
/// With `places` (where each occurrence stands), each match's spans and words are spelled out.
pub(super) fn find_unit(
    unit: &Unit,
    occurrences: &[Occurrence],
    places: Option<&[Place]>,
    words: &[&str],
) -> Vec<Found> {
    let mut found = Vec::new();
    each_match(unit, &Occurrences::new(occurrences), places, words, &mut |f| {
        found.push(f);
        true
    });
    found
}

/// A candidate's occurrences, with what finding each unit's matches in them needs, made once
/// for all the units.
struct Occurrences<'o> {
    all: &'o [Occurrence],
    /// The patterns the candidate has at all: most alternatives of a concept are absent.
    present: PatternSet,
    /// Where each occurrence stands, sorted, for finding a phrase's next word by binary search
    /// (a clause may hold a word a million times): made when a phrase first needs it.
    sorted: std::cell::OnceCell<Vec<(u32, u32, usize)>>,
    /// The occurrences' indices by pattern, each pattern's in text order: an alternative's
    /// first word is looked for among its own occurrences, not among all. Made when first asked.
    by_pattern: std::cell::OnceCell<Vec<(u16, u32)>>,
}

impl<'o> Occurrences<'o> {
    fn new(all: &'o [Occurrence]) -> Self {
        let mut present = PatternSet::default();
        for occurrence in all {
            present.insert(usize::from(occurrence.judgement.pattern));
        }
        Occurrences {
            all,
            present,
            sorted: std::cell::OnceCell::new(),
            by_pattern: std::cell::OnceCell::new(),
        }
    }

    /// The indices of the occurrences of `pattern`, in text order.
    fn of_pattern(&self, pattern: usize) -> impl Iterator<Item = usize> + '_ {
        let by_pattern = self.by_pattern.get_or_init(|| {
            let mut by_pattern: Vec<(u16, u32)> =
                self.all.iter().enumerate().map(|(i, o)| (o.judgement.pattern, i as u32)).collect();
            by_pattern.sort_unstable();
            by_pattern
        });
        let pattern = u16::try_from(pattern).unwrap_or(u16::MAX);
        let from = by_pattern.partition_point(|&(p, _)| p < pattern);
        by_pattern[from..].iter().take_while(move |&&(p, _)| p == pattern).map(|&(_, i)| i as usize)
    }

    /// The first occurrence (in text order) of `pattern` at one of `positions` of `clause`.
    fn find_at(
        &self,
        pattern: usize,
        clause: u32,
        positions: &mut dyn Iterator<Item = u32>,
    ) -> Option<usize> {
        let occurrences = self.all;
        let sorted = self.sorted.get_or_init(|| {
            let mut sorted: Vec<(u32, u32, usize)> =
                occurrences.iter().enumerate().map(|(i, o)| (o.clause, o.position, i)).collect();
            sorted.sort_unstable();
            sorted
        });
        positions
            .filter_map(|position| {
                let from = sorted.partition_point(|&(c, p, _)| (c, p) < (clause, position));
                sorted[from..]
                    .iter()
                    .take_while(|&&(c, p, _)| (c, p) == (clause, position))
                    .map(|&(_, _, i)| i)
                    .find(|&i| usize::from(occurrences[i].judgement.pattern) == pattern)
            })
            .min()
    }
}

/// [`find_unit`]'s matches, each given to `found` as it is found: nothing is kept for a
/// candidate ranked on numbers alone.
fn each_match(
    unit: &Unit,
    candidate: &Occurrences<'_>,
    places: Option<&[Place]>,
    words: &[&str],
    found: &mut dyn FnMut(Found) -> bool,
) {
    let detail = places.is_some();
    let (occurrences, present) = (candidate.all, &candidate.present);
    let find_at = |pattern, clause, positions: &mut dyn Iterator<Item = u32>| {
        candidate.find_at(pattern, clause, positions)
    };
    // The occurrences of one match, a word of the alternative each.
    let mut parts: Vec<usize> = Vec::new();
    for alternative in &unit.alternatives {
        if !alternative.patterns.iter().all(|&p| present.may_hold(p)) {
            continue;
        }
        let Some((&first, rest)) = alternative.patterns.split_first() else { continue };
        for start_index in candidate.of_pattern(first) {
            let start = &occurrences[start_index];
            parts.clear();
            parts.push(start_index);
            for (offset, &pattern) in rest.iter().enumerate() {
                let next = if alternative.sloppy {
                    let around = start.position.saturating_sub(SLOP)..=start.position.saturating_add(SLOP);
                    find_at(pattern, start.clause, &mut around.filter(|&p| p != start.position))
                } else {
                    let position = start.position.saturating_add(offset as u32 + 1);
                    find_at(pattern, start.clause, &mut std::iter::once(position))
                };
                match next {
                    Some(next) => parts.push(next),
                    None => break,
                }
            }
            if parts.len() != alternative.patterns.len() {
                continue;
            }
            let worst = parts.iter().map(|&p| occurrences[p].judgement.kind).max().unwrap_or(Kind::Exact);
            let typos: usize = parts.iter().map(|&p| usize::from(occurrences[p].judgement.typos)).sum();
            let (kind, typos, via) = match &alternative.via {
                Via::Typed => (worst, typos, None),
                Via::Abbreviation => (Kind::Abbreviation, typos, None),
                Via::Concept { concept, relation, preferred_term, typos: corrected } => (
                    Kind::Concept { relation: *relation, preferred_term: *preferred_term },
                    typos + corrected,
                    detail.then(|| Arc::clone(concept)),
                ),
            };
            let rank = match alternative.via {
                Via::Concept { typos: 1.., .. } => MAX_KIND_RANK,
                _ => kind.inexactness(),
            };
            let more = found(Found {
                clause: start.clause,
                position: start.position,
                typos,
                kind,
                rank,
                spans: match places {
                    Some(places) => parts
                        .iter()
                        .filter_map(|&p| places.get(p))
                        .map(|p| (p.start as usize, p.end as usize))
                        .collect(),
                    None => Vec::new(),
                },
                matched: match places {
                    Some(places) => parts
                        .iter()
                        .filter_map(|&p| places.get(p))
                        .map(|p| words.get(p.word as usize).copied().unwrap_or_default())
                        .collect::<Vec<_>>()
                        .join(" "),
                    None => String::new(),
                },
                via,
            });
            if !more {
                return;
            }
        }
    }
}

/// Ranks a candidate duty against the query: how many units it matched, how well, where. With
/// `places`, `occurrences` are the shown duty's, found again, and its matches are spelled out.
fn evaluate<'d>(
    query: &Query<'_>,
    duty: &'d Duty<'d>,
    (occurrences, places): (&[Occurrence], Option<&[Place]>),
    words: &[&str],
) -> Option<Evaluated<'d>> {
    let detail = places.is_some();
    if occurrences.is_empty() {
        return None;
    }
    // The clauses' text only for a hit shown: to rank, their number is enough (every match
    // stands in a clause up to the last one matched).
    let clauses: Vec<&'d str> = if detail { duty.clauses().collect() } else { Vec::new() };
    let tallied = if detail {
        clauses.len()
    } else {
        occurrences.iter().map(|o| o.clause as usize + 1).max().unwrap_or(0)
    };
    // Ranking needs only how many units each clause holds: a bit per unit, when they fit.
    let lean = !detail && query.units.len() <= 64;
    let mut per_clause: Vec<ClauseTally> =
        if lean { Vec::new() } else { vec![ClauseTally::default(); tallied] };
    let mut units_in_clause: Vec<u64> = if lean { vec![0; tallied] } else { Vec::new() };
    let mut unit_frequency = vec![0usize; query.units.len()];
    let mut best_in_duty: Vec<Option<(usize, u32)>> = vec![None; query.units.len()];
    // Where each pair of CJK characters stands, to see whether a run's pairs stand together.
    let chinese = query.units.iter().any(|unit| unit.cjk.is_some());
    let mut pair_places: Vec<Vec<(u32, u32)>> =
        if chinese { vec![Vec::new(); query.units.len()] } else { Vec::new() };
    let candidate = Occurrences::new(occurrences);
    for (u, unit) in query.units.iter().enumerate() {
        each_match(unit, &candidate, places, words, &mut |found| {
            unit_frequency[u] += 1;
            if unit.cjk.is_some() {
                pair_places[u].push((found.clause, found.position));
            }
            let quality = (found.typos, found.rank);
            if best_in_duty[u].is_none_or(|best| quality < best) {
                best_in_duty[u] = Some(quality);
            }
            if lean {
                if let Some(units) = units_in_clause.get_mut(found.clause as usize) {
                    *units |= 1 << u;
                }
                return true;
            }
            let Some(tally) = per_clause.get_mut(found.clause as usize) else { return true };
            match tally.units.iter_mut().find(|(unit, _)| *unit == u) {
                Some((_, best)) if quality < (best.typos, best.rank) => *best = found,
                Some((_, best)) if quality == (best.typos, best.rank) => best.spans.extend(found.spans),
                Some(_) => {}
                None => tally.units.push((u, found)),
            }
            true
        });
    }
    let units_matched = best_in_duty.iter().flatten().count();
    if units_matched == 0 {
        return None;
    }
    let in_one_clause = if lean {
        units_in_clause.iter().map(|units| units.count_ones() as usize).max().unwrap_or(0)
    } else {
        per_clause.iter().map(|tally| tally.units.len()).max().unwrap_or(0)
    };
    let matches = if detail { clause_matches(query, &clauses, per_clause) } else { Vec::new() };
    let standing = Standing {
        typos: best_in_duty.iter().flatten().map(|(typos, _)| typos).sum(),
        in_one_clause,
        exactness: best_in_duty.iter().flatten().map(|(_, rank)| rank).sum::<u32>()
            + if chinese { apart_pairs(query, &pair_places) } else { 0 },
    };
    Some(Evaluated { standing, unit_frequency, matches })
}

/// Whether a duty answers query unit `u`, given how often it matched each unit: when it
/// matched the unit, or, for a pair of CJK characters, when the duty has the run's pairs on
/// both sides of it (or its characters may go unmatched). 药品质量监督 is answered by "药品、…
/// 质量监督" though 品质 is not there: it straddles two words.
fn answered_by(query: &Query<'_>) -> impl Fn(usize, &[u32]) -> bool {
    // For each pair of CJK characters: the units of the pairs before and after it, and whether
    // each of its characters may go unmatched.
    type Neighbours = (Option<usize>, Option<usize>, [bool; 2]);
    let pair_at = |run: u32, index: Option<u32>| query.pair_unit(run, index?);
    let neighbours: Vec<Option<Neighbours>> = query
        .units
        .iter()
        .map(|unit| {
            let pair = unit.cjk?;
            Some((
                pair_at(pair.run, pair.index.checked_sub(1)),
                pair_at(pair.run, Some(pair.index + 1)),
                pair.loose,
            ))
        })
        .collect();
    move |u: usize, frequency: &[u32]| {
        let has = |unit: Option<usize>| unit.and_then(|unit| frequency.get(unit)).is_some_and(|&tf| tf > 0);
        if has(Some(u)) {
            return true;
        }
        match neighbours.get(u) {
            Some(Some((before, after, loose))) => (loose[0] || has(*before)) && (loose[1] || has(*after)),
            _ => false,
        }
    }
}

/// How many neighbouring pairs of a query's CJK run the duty has, but never side by side: a
/// step of inexactness each, so that the run as typed (科技人才) ranks before its words apart
/// (科技…人才).
fn apart_pairs(query: &Query<'_>, pair_places: &[Vec<(u32, u32)>]) -> u32 {
    let mut apart = 0;
    for (a, first) in query.units.iter().enumerate() {
        let Some(first) = first.cjk else { continue };
        let Some(b) = query.pair_unit(first.run, first.index + 1) else { continue };
        if pair_places[a].is_empty() || pair_places[b].is_empty() {
            continue;
        }
        // Sorted for binary search: a clause may hold a pair many times.
        let mut seconds = pair_places[b].clone();
        seconds.sort_unstable();
        let together = pair_places[a]
            .iter()
            .any(|&(clause, position)| seconds.binary_search(&(clause, position + 1)).is_ok());
        apart += u32::from(!together);
    }
    apart
}

/// The clauses that matched, best first: most units, fewest typos, most exact, then in order.
fn clause_matches<'d>(
    query: &Query<'_>,
    clauses: &[&'d str],
    per_clause: Vec<ClauseTally>,
) -> Vec<ClauseMatch<'d>> {
    let mut matches: Vec<(usize, usize, u32, ClauseMatch<'d>)> = per_clause
        .into_iter()
        .enumerate()
        .filter(|(_, tally)| !tally.units.is_empty())
        .map(|(clause, ClauseTally { units })| {
            let spans = units.iter().flat_map(|(_, f)| f.spans.iter().copied()).collect();
            let typos = units.iter().map(|(_, f)| f.typos).sum();
            let kinds = units.iter().map(|(_, f)| f.rank).sum();
            let terms = units
                .into_iter()
                .map(|(u, f)| TermMatch {
                    query: Arc::clone(&query.units[u].label),
                    matched: f.matched,
                    kind: f.kind,
                    typos: f.typos,
                    relation: match f.kind {
                        Kind::Concept { relation, .. } => Some(relation),
                        _ => None,
                    },
                    via: f.via,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn key(coverage: u32, typos: usize, in_one_clause: usize, exactness: u32, bm25: f64) -> RankKey {
        RankKey {
            coverage: Reverse(coverage),
            typos,
            in_one_clause: Reverse(in_one_clause),
            exactness,
            bm25: Reverse(OrderedScore(relevance(bm25))),
            order: 0,
        }
    }

    #[test]
    fn the_score_orders_hits_as_their_keys_do() {
        // Each key is better than the next by one part of the key, most important first.
        let ordered = [
            key(1000, 0, 2, 0, 0.1),
            key(999, 0, 2, 0, 9.0),
            key(999, 1, 64, 0, 9.0),
            key(999, 1, 1, 0, 9.0),
            key(999, 1, 1, 3, 9.0),
            key(999, 1, 1, 3, 1.0),
        ];
        for pair in ordered.windows(2) {
            assert!(pair[0] < pair[1], "keys in order");
            assert!(score(&pair[0]) > score(&pair[1]), "{} > {}", score(&pair[0]), score(&pair[1]));
        }
    }

    #[test]
    fn rarer_units_weigh_more_and_bm25_favours_short_duties() {
        assert!(idf(1, 100) > idf(50, 100));
        assert!(idf(99, 100) > 0.0, "a unit in nearly every duty still counts a little");
        let short = bm25(&[1], &[1.0], 10, 20.0);
        let long = bm25(&[1], &[1.0], 40, 20.0);
        assert!(short > long);
        assert!(bm25(&[0], &[1.0], 10, 20.0).abs() < f64::EPSILON, "a unit not in the duty adds nothing");
        assert!((0.0..1.0).contains(&relevance(1e9)));
    }

    #[test]
    fn overlapping_spans_merge() {
        assert_eq!(merge(vec![(5, 9), (0, 3), (2, 4), (9, 12)]), [(0, 4), (5, 12)]);
        assert_eq!(merge(vec![]), []);
    }
}
