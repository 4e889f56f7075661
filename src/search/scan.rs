//! The pass over the text: every token normalised and judged against the query's word
//! patterns once per distinct word (a memo of the vocabulary), and only the duties with a
//! matching word kept, with where each match stands. Large datasets are split across cores.

use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use super::Kind;
use super::query::Pattern;
use super::text::{self, Token, is_normal, normalize_into, stem_key, tokenize};
use super::typo::{LetterCounts, typos_within};
use crate::dataset::{Agency, Duty};

/// A vocabulary word's judgement: the patterns it satisfies, and how.
#[derive(Debug, Clone, Copy)]
pub(super) struct Judgement {
    pub(super) pattern: u16,
    pub(super) kind: Kind,
    pub(super) typos: u8,
}

/// A matching word in a candidate duty.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    /// The clause's index in the duty, from 0.
    pub(super) clause: u16,
    /// The word's position in its clause, for phrases.
    pub(super) position: u32,
    /// Byte offsets of the word in its clause, end exclusive.
    pub(super) start: u32,
    pub(super) end: u32,
    /// The word's id in the memo.
    pub(super) word: u32,
    pub(super) judgement: Judgement,
}

/// A duty with at least one matching word.
pub(super) struct Contender<'d> {
    /// The duty's place among the duties searched: the last tie-breaker.
    pub(super) order: usize,
    pub(super) agency: &'d Agency<'d>,
    pub(super) duty: &'d Duty<'d>,
    /// How many words the duty has, for BM25's length normalisation.
    pub(super) words: usize,
    pub(super) occurrences: Vec<Occurrence>,
}

/// The vocabulary seen so far and what each word matched: every distinct word is judged once.
#[derive(Default)]
pub(super) struct Memo {
    /// Normalised words (UTF-8 bytes) to their ids.
    pub(super) ids: FxHashMap<Vec<u8>, u32>,
    pub(super) judgements: Vec<Vec<Judgement>>,
}

impl Memo {
    /// The id and judgements of `word` (normalised UTF-8), computed on first sight.
    fn judge(&mut self, bytes: &[u8], patterns: &PatternIndex<'_>) -> (u32, &[Judgement]) {
        let id = match self.ids.get(bytes) {
            Some(&id) => id,
            None => {
                let word = std::str::from_utf8(bytes).unwrap_or_default();
                let id = self.judgements.len() as u32;
                let first = word.as_bytes().first().copied();
                // Stems only change a word's ending, so a stem match needs the same first byte.
                let key = first.is_some_and(|b| patterns.key_starts[usize::from(b)]).then(|| stem_key(word));
                let seen = SeenWord::new(word, key.as_deref());
                let judgements = patterns
                    .to_try(first)
                    .into_iter()
                    .filter_map(|i| {
                        let (kind, typos) = judge(&patterns.patterns[usize::from(i)], &seen)?;
                        Some(Judgement { pattern: i, kind, typos: typos as u8 })
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
    pub(super) fn words(&self) -> Vec<&str> {
        let mut words = vec![""; self.judgements.len()];
        for (word, &id) in &self.ids {
            words[id as usize] = std::str::from_utf8(word).unwrap_or_default();
        }
        words
    }
}

/// The query's patterns arranged for judging words: a pattern without typos or a prefix
/// matches only exactly or by stem, and both keep the first letter, so it is tried only on
/// words that start as it does (a concept brings many such patterns); the others on every word.
pub(super) struct PatternIndex<'p> {
    patterns: &'p [Pattern],
    /// (first byte of the pattern's normal form or stem key, pattern), sorted.
    by_first: Vec<(u8, u16)>,
    /// Patterns with typos or a prefix, in order.
    always: Vec<u16>,
    /// Whether some pattern's stem key starts with the byte.
    key_starts: [bool; 256],
}

impl<'p> PatternIndex<'p> {
    pub(super) fn new(patterns: &'p [Pattern]) -> Self {
        let (mut by_first, mut always, mut key_starts) = (Vec::new(), Vec::new(), [false; 256]);
        for (i, pattern) in patterns.iter().enumerate() {
            let i = i as u16;
            if let Some(&b) = pattern.key.as_bytes().first() {
                key_starts[usize::from(b)] = true;
            }
            if pattern.budget.0 > 0 || pattern.prefix {
                always.push(i);
                continue;
            }
            for b in [pattern.norm.as_bytes().first(), pattern.key.as_bytes().first()].into_iter().flatten() {
                by_first.push((*b, i));
            }
        }
        by_first.sort_unstable();
        by_first.dedup();
        PatternIndex { patterns, by_first, always, key_starts }
    }

    /// The patterns a word starting with `first` may match, in pattern order.
    fn to_try(&self, first: Option<u8>) -> Vec<u16> {
        let mut found = self.always.clone();
        if let Some(b) = first {
            let start = self.by_first.partition_point(|&(x, _)| x < b);
            found.extend(self.by_first[start..].iter().take_while(|&&(x, _)| x == b).map(|&(_, i)| i));
        }
        found.sort_unstable();
        found
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
    // A real English word is what the user meant, whatever its length: police is not policy,
    // plant is not plans, countries is not counties. Its relatives (statistics, statistical)
    // are derivations, found above.
    if pattern.real_word {
        return None;
    }
    if pattern.budget.0 == 0 || pattern.chars.abs_diff(seen.chars) > pattern.budget.0 {
        return None;
    }
    let counts = seen.counts.get_or_init(|| LetterCounts::of(word));
    typos_within(&pattern.norm, &pattern.counts, word, counts, pattern.budget)
        .map(|typos| (Kind::Typo, typos))
}

/// Datasets with at least this many duties are scanned on every core; smaller ones on one, as
/// starting threads would cost more than it saves.
const MIN_DUTIES_PER_THREAD: usize = 4096;

/// What one pass over some duties found.
#[derive(Default)]
pub(super) struct Scan<'d> {
    pub(super) memo: Memo,
    pub(super) candidates: Vec<Contender<'d>>,
    pub(super) total_words: usize,
}

/// Scans all duties, split across the machine's cores when there are enough of them. The
/// result is the same either way: partial scans are merged in duty order.
pub(super) fn scan_all<'d>(duties: &[(&'d Agency<'d>, &'d Duty<'d>)], patterns: &[Pattern]) -> Scan<'d> {
    let mut parts = in_parallel(duties, |part, first_order| scan(part, first_order, patterns)).into_iter();
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

/// Runs `work` over consecutive slices of `duties` (with each slice's first index), one per core
/// when the dataset is large enough, and returns the results in slice order.
pub(super) fn in_parallel<'d, T: Send>(
    duties: &[(&'d Agency<'d>, &'d Duty<'d>)],
    work: impl Fn(&[(&'d Agency<'d>, &'d Duty<'d>)], usize) -> T + Sync,
) -> Vec<T> {
    let most = duties.len() / MIN_DUTIES_PER_THREAD;
    // Asking for the core count reads cgroup files: only worth it for a large dataset.
    let threads =
        if most < 2 { 1 } else { std::thread::available_parallelism().map_or(1, usize::from).min(most) };
    if threads == 1 {
        return vec![work(duties, 0)];
    }
    let chunk = duties.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = duties
            .chunks(chunk)
            .enumerate()
            .map(|(i, part)| scope.spawn(move || work(part, i * chunk)))
            .collect();
        // The work does not panic; were it to, re-raising it is the honest report.
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// One pass over `duties`: every token normalised and judged (once per distinct word), and the
/// duties with a matching word kept. `first_order` is the first duty's place in the dataset.
pub(super) fn scan<'d>(
    duties: &[(&'d Agency<'d>, &'d Duty<'d>)],
    first_order: usize,
    patterns: &[Pattern],
) -> Scan<'d> {
    let index = PatternIndex::new(patterns);
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
                let (word, judgements) = found.memo.judge(normal, &index);
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

/// Keeps, for each pattern, only its best level of match across the whole vocabulary (typos
/// only where nothing matched exactly or by stem) and drops the worse matches from every
/// candidate. Returns each pattern's level, `u8::MAX` where nothing matched at all.
pub(super) fn keep_best_level(memo: &Memo, candidates: &mut [Contender<'_>], patterns: usize) -> Vec<u8> {
    let mut best_level = vec![u8::MAX; patterns];
    for judgements in &memo.judgements {
        for j in judgements {
            let level = &mut best_level[usize::from(j.pattern)];
            *level = (*level).min(j.kind.level());
        }
    }
    for candidate in candidates {
        candidate
            .occurrences
            .retain(|o| o.judgement.kind.level() == best_level[usize::from(o.judgement.pattern)]);
    }
    best_level
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::search::Strictness;
    use crate::search::abbrev::Abbreviations;
    use crate::search::query::{Context, Query};
    use crate::search::thesaurus::Thesaurus;

    /// A dataset large enough to be scanned on several threads.
    pub(crate) fn many_duties() -> String {
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
        let (abbreviations, thesaurus) = (Abbreviations::built_in(), Thesaurus::built_in());
        let context = Context {
            abbreviations: &abbreviations,
            thesaurus: &thesaurus,
            strictness: Strictness::default(),
        };
        let query = Query::parse(&["talnet policy".into()], &context).unwrap();
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
}
