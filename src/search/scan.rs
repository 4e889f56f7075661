//! The pass over the text: every token normalised and judged against the query's word
//! patterns once per distinct word (a memo of the vocabulary), and only the duties with a
//! matching word kept, with where each match stands. Large datasets are split across cores.

use std::borrow::Cow;
use std::cell::OnceCell;

use rustc_hash::FxHashMap;

use super::Kind;
use super::query::{Pattern, Query};
use super::text::{self, Token, normal_form, stem_key, tokenize};
use super::typo::{LetterCounts, letter_mask, masks_beyond, typos_within};
use crate::dataset::{Duty, DutyRef};

/// A vocabulary word's judgement: the patterns it satisfies, and how.
#[derive(Debug, Clone, Copy)]
pub(super) struct Judgement {
    pub(super) pattern: u16,
    pub(super) kind: Kind,
    pub(super) typos: u8,
}

/// A matching word in a candidate duty: what ranking needs, 16 bytes. A large dataset may hold
/// millions of them until the ranking is done; where each stands in its clause's text is found
/// again, by [`places_of`], for the few duties shown.
#[derive(Debug, Clone, Copy)]
pub(super) struct Occurrence {
    /// The clause's index in the duty, from 0.
    pub(super) clause: u32,
    /// The word's position in its clause, for phrases.
    pub(super) position: u32,
    pub(super) judgement: Judgement,
}

/// Where an occurrence stands, for a duty shown: byte offsets in its clause (end exclusive) and
/// the word's id in the memo.
#[derive(Debug, Clone, Copy)]
pub(super) struct Place {
    pub(super) start: u32,
    pub(super) end: u32,
    pub(super) word: u32,
}

/// A duty with at least one matching word: 20 bytes, for there may be millions. Its matches
/// stand in the blocks of [`Candidates`]: a million candidates do not each hold an allocation
/// of their own.
#[derive(Debug, Clone, Copy)]
pub(super) struct Contender {
    /// The duty's place among the duties searched (its index there): the last tie-breaker.
    pub(super) order: u32,
    /// How many words the duty has, for BM25's length normalisation.
    pub(super) words: u32,
    /// Where its matches stand: which block, and where in it.
    part: u32,
    start: u32,
    end: u32,
}

/// The candidate duties of a search, in duty order, and all their matches, in blocks of a
/// fixed size that are filled and never moved: no list of millions is copied as it grows, or
/// when the threads' candidates are joined.
#[derive(Default)]
pub(super) struct Candidates {
    pub(super) list: Vec<Contender>,
    parts: Vec<Vec<Occurrence>>,
}

/// Matches a block holds (256 KB); a candidate with more has a block of its own size.
const BLOCK: usize = 16 * 1024;

impl Candidates {
    /// Adds a candidate after the others, with its matches.
    pub(super) fn push(&mut self, order: u32, words: u32, occurrences: &[Occurrence]) {
        self.push_from(order, words, occurrences.iter().copied());
    }

    /// Adds a candidate after the others, with its matches, as many as the iterator says.
    pub(super) fn push_from(
        &mut self,
        order: u32,
        words: u32,
        occurrences: impl ExactSizeIterator<Item = Occurrence>,
    ) {
        let count = occurrences.len();
        let fits = self.parts.last().is_some_and(|block| block.capacity() - block.len() >= count);
        if !fits {
            self.parts.push(Vec::with_capacity(BLOCK.max(count)));
        }
        let part = self.parts.len() - 1;
        let matches = &mut self.parts[part];
        let start = matches.len();
        matches.extend(occurrences);
        let (part, start, end) = (count_u32(part), count_u32(start), count_u32(matches.len()));
        self.list.push(Contender { order, words, part, start, end });
    }

    /// Adds the candidates of later duties.
    pub(super) fn append(&mut self, other: Candidates) {
        let shift = count_u32(self.parts.len());
        self.parts.extend(other.parts);
        self.list.extend(other.list.into_iter().map(|c| Contender { part: c.part + shift, ..c }));
    }

    /// A candidate's matches, in text order.
    pub(super) fn of(&self, candidate: &Contender) -> &[Occurrence] {
        let part = self.parts.get(candidate.part as usize).map_or(&[][..], Vec::as_slice);
        part.get(candidate.start as usize..candidate.end as usize).unwrap_or(&[])
    }

    /// Keeps only the matches `keep` accepts, and the candidates with one left.
    fn retain(&mut self, keep: impl Fn(&Occurrence) -> bool) {
        // Each block's candidates stand together, in order: each block is packed from its start.
        let mut kept = vec![0usize; self.parts.len()];
        let mut candidates = 0;
        for i in 0..self.list.len() {
            let Contender { part, start, end, .. } = self.list[i];
            let (matches, kept) = (&mut self.parts[part as usize], &mut kept[part as usize]);
            let first = *kept;
            for at in start as usize..end as usize {
                if keep(&matches[at]) {
                    matches[*kept] = matches[at];
                    *kept += 1;
                }
            }
            if *kept > first {
                let (start, end) = (count_u32(first), count_u32(*kept));
                self.list[candidates] = Contender { start, end, ..self.list[i] };
                candidates += 1;
            }
        }
        for (matches, kept) in self.parts.iter_mut().zip(kept) {
            matches.truncate(kept);
        }
        self.list.truncate(candidates);
    }
}

/// A count as 32 bits, at most `u32::MAX`: the width candidates and the index keep.
pub(super) fn count_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The vocabulary seen so far and what each word matched: every distinct word is judged once.
#[derive(Default)]
pub(super) struct Memo<'d> {
    /// Normalised words to their ids; most are the text's own words, borrowed.
    pub(super) ids: FxHashMap<Cow<'d, str>, u32>,
    pub(super) judgements: Vec<Vec<Judgement>>,
    /// Pairs of Chinese characters (as [`pair_key`] packs them) to their ids: the words of a
    /// Chinese text, looked up by a number rather than by their bytes. A cache of `ids`.
    pairs: FxHashMap<u32, u32>,
}

/// A pair of Chinese characters of the unified blocks (normal as written) packed into one
/// number, or `None` for any other word. Read from the bytes: U+3400 to U+9FFF are three bytes
/// each, led by E3 (with a second byte from 90) to E9.
pub(super) fn pair_key(word: &str) -> Option<u32> {
    let bytes: &[u8; 6] = word.as_bytes().try_into().ok()?;
    let han = |b: &[u8]| matches!(b, [0xe4..=0xe9, ..] | [0xe3, 0x90..=0xbf, ..]);
    let code = |b: &[u8]| u32::from(b[0] & 0x0f) << 12 | u32::from(b[1] & 0x3f) << 6 | u32::from(b[2] & 0x3f);
    let (first, second) = bytes.split_at(3);
    (han(first) && han(second)).then(|| code(first) << 16 | code(second))
}

impl<'d> Memo<'d> {
    /// The id and judgements of a word of the text, as [`Memo::judge`], with pairs of Chinese
    /// characters found by number.
    #[inline]
    fn judge_token(
        &mut self,
        word: &'d str,
        norm: &mut String,
        patterns: &PatternIndex<'_>,
        to_try: &mut Vec<u16>,
    ) -> &[Judgement] {
        let Some(key) = pair_key(word) else {
            let text = normal_form(word, norm);
            return self.judge(text, norm, patterns, to_try).1;
        };
        if !patterns.may_match_pair(key) {
            return &[];
        }
        let id = if let Some(&id) = self.pairs.get(&key) {
            id
        } else {
            let (id, _) = self.judge(Some(word), "", patterns, to_try);
            self.pairs.insert(key, id);
            id
        };
        &self.judgements[id as usize]
    }

    /// The id and judgements of a normalised word, computed on first sight: `normal` is the
    /// word, or `text` when the text's own word is already normal.
    #[inline]
    fn judge(
        &mut self,
        text: Option<&'d str>,
        normal: &str,
        patterns: &PatternIndex<'_>,
        to_try: &mut Vec<u16>,
    ) -> (u32, &[Judgement]) {
        let word = text.unwrap_or(normal);
        let id = if let Some(&id) = self.ids.get(word) {
            id
        } else {
            let id = self.judgements.len() as u32;
            let key = patterns.wants_key(word).then(|| stem_key(word));
            self.judgements.push(patterns.judge_word(word, key.as_deref(), to_try));
            self.ids.insert(text.map_or_else(|| Cow::Owned(normal.to_string()), Cow::Borrowed), id);
            id
        };
        (id, &self.judgements[id as usize])
    }

    /// A memo of just these words and their judgements, in this order: what an index found
    /// for a query. Words it leaves out are words with no judgement.
    pub(super) fn of(judged: Vec<(Cow<'d, str>, Vec<Judgement>)>) -> Self {
        let mut memo = Memo::default();
        memo.ids.reserve(judged.len());
        for (word, judgements) in judged {
            memo.ids.insert(word, memo.judgements.len() as u32);
            memo.judgements.push(judgements);
        }
        memo
    }

    /// Takes in another memo's words.
    fn absorb(&mut self, other: Memo<'d>) {
        let mut judgements: Vec<Option<Vec<Judgement>>> = other.judgements.into_iter().map(Some).collect();
        for (word, other_id) in other.ids {
            if !self.ids.contains_key(&word) {
                let id = self.judgements.len() as u32;
                self.judgements.push(judgements[other_id as usize].take().unwrap_or_default());
                self.ids.insert(word, id);
            }
        }
    }

    /// Every word judged, indexed by id.
    pub(super) fn words(&self) -> Vec<&str> {
        let mut words = vec![""; self.judgements.len()];
        for (word, &id) in &self.ids {
            words[id as usize] = word;
        }
        words
    }
}

/// The query's patterns arranged for judging words: a pattern made from a stem key (a concept
/// brings many) matches only exactly or by stem, so it is looked up by key, in the map the query
/// made of them; the others (the user's own words) are tried on every word.
pub(super) struct PatternIndex<'p> {
    patterns: &'p [Pattern<'p>],
    by_key: &'p FxHashMap<Cow<'p, str>, usize>,
    /// The patterns not in `by_key`, in order.
    always: Vec<u16>,
    /// Whether some pattern's stem key starts with the byte: stems keep the first letter.
    key_starts: [bool; 256],
    /// The characters of the patterns' words, one bit per code point below U+10000, when only a
    /// pair of Chinese characters holding one of them can match (it can unless a typo budget
    /// covers a whole word): the commonest pairs of a Chinese text are passed over by two bit
    /// tests, not a lookup in a large table. Made when the first pair is met.
    chars: OnceCell<Option<Box<[u64]>>>,
}

impl<'p> PatternIndex<'p> {
    pub(super) fn new(patterns: &'p [Pattern<'p>], by_key: &'p FxHashMap<Cow<'p, str>, usize>) -> Self {
        let mut keyed = vec![false; patterns.len()];
        for &i in by_key.values() {
            if let Some(keyed) = keyed.get_mut(i) {
                *keyed = true;
            }
        }
        let mut key_starts = [false; 256];
        for pattern in patterns {
            if let Some(&b) = pattern.key.as_bytes().first() {
                key_starts[usize::from(b)] = true;
            }
        }
        let always =
            (0..patterns.len()).filter(|&i| !keyed[i] && !patterns[i].dormant).map(|i| i as u16).collect();
        PatternIndex { patterns, by_key, always, key_starts, chars: OnceCell::new() }
    }

    /// The patterns tried on every word: those not looked up by key, and not dormant.
    pub(super) fn always(&self) -> &[u16] {
        &self.always
    }

    /// Whether a word's judging needs its stem key: stems keep the first letter, so only when
    /// some pattern's key starts as the word does.
    pub(super) fn wants_key(&self, word: &str) -> bool {
        word.as_bytes().first().is_some_and(|&b| self.key_starts[usize::from(b)])
    }

    /// How a word (with its stem key, when [`PatternIndex::wants_key`]) matches the patterns,
    /// in pattern order; `to_try` is scratch space.
    pub(super) fn judge_word(&self, word: &str, key: Option<&str>, to_try: &mut Vec<u16>) -> Vec<Judgement> {
        let seen = SeenWord::new(word, key);
        self.to_try(word, key, to_try);
        to_try
            .iter()
            .filter_map(|&i| {
                let (kind, typos) = judge(&self.patterns[usize::from(i)], &seen)?;
                Some(Judgement { pattern: i, kind, typos: typos as u8 })
            })
            .collect()
    }

    /// Whether a pair of Chinese characters (as [`pair_key`] packs them) may match a pattern.
    /// Every match but a typo shares a character with the pattern's word: an exact, stem or
    /// prefix match holds the word, a lone character stands within the pair, and derivations
    /// are of English words.
    #[inline]
    fn may_match_pair(&self, key: u32) -> bool {
        let Some(chars) = self.chars.get_or_init(|| chars_of(self.patterns)) else { return true };
        let has = |c: u32| chars[(c >> 6) as usize] & 1 << (c & 63) != 0;
        has(key >> 16) || has(key & 0xffff)
    }

    /// The patterns a word (with its stem key) may match, in pattern order, into `found`.
    fn to_try(&self, word: &str, key: Option<&str>, found: &mut Vec<u16>) {
        found.clear();
        found.extend(&self.always);
        for key in [Some(word), key].into_iter().flatten() {
            found.extend(self.by_key.get(key).map(|&i| i as u16));
        }
        found.sort_unstable();
        found.dedup();
    }
}

/// The bits of [`PatternIndex::chars`], or `None` when a pattern's typo budget lets it match a
/// pair of characters it does not hold: a word of `n` characters is at least `max(n, 2)` typos
/// from a pair with none of them.
fn chars_of(patterns: &[Pattern<'_>]) -> Option<Box<[u64]>> {
    if patterns.iter().any(|pattern| pattern.budget.0 >= pattern.chars.max(2)) {
        return None;
    }
    let mut bits = vec![0u64; 0x10000 / 64].into_boxed_slice();
    for c in patterns.iter().flat_map(|pattern| pattern.norm.chars().chain(pattern.key.chars())) {
        if let Some(word) = bits.get_mut(c as usize >> 6) {
            *word |= 1 << (c as u32 & 63);
        }
    }
    Some(bits)
}

/// A vocabulary word being judged, with what the tests need computed once.
struct SeenWord<'w> {
    word: &'w str,
    /// The stem key, when a stem match is possible at all.
    key: Option<&'w str>,
    chars: usize,
    counts: OnceCell<LetterCounts>,
    /// The letters it holds, for ruling out typos cheaply.
    mask: OnceCell<u32>,
}

impl<'w> SeenWord<'w> {
    fn new(word: &'w str, key: Option<&'w str>) -> Self {
        SeenWord { word, key, chars: word.chars().count(), counts: OnceCell::new(), mask: OnceCell::new() }
    }
}

/// How a vocabulary word satisfies a pattern, if it does.
fn judge(pattern: &Pattern<'_>, seen: &SeenWord<'_>) -> Option<(Kind, usize)> {
    let word = seen.word;
    let key = seen.key;
    if word == pattern.norm {
        return Some((Kind::Exact, 0));
    }
    if key == Some(pattern.key.as_ref()) {
        return Some((Kind::Stem, 0));
    }
    // Derivations only for real words: a misspelt word is a typo, not a derivation.
    if pattern.real_word && key.is_some_and(|key| text::same_derivation(key, &pattern.key)) {
        return Some((Kind::Derived, 0));
    }
    if pattern.prefix && word.starts_with(pattern.norm.as_ref()) {
        return Some((Kind::Prefix, 0));
    }
    // A lone Chinese character in a pair of them: part of a word, as a prefix is.
    if pattern.within && word.contains(pattern.norm.as_ref()) {
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
    if masks_beyond(pattern.mask, *seen.mask.get_or_init(|| letter_mask(word)), pattern.budget) {
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
    pub(super) memo: Memo<'d>,
    pub(super) candidates: Candidates,
    pub(super) total_words: usize,
}

/// Scans all duties, split across the machine's cores when there are enough of them. The
/// result is the same either way: partial scans are merged in duty order.
pub(super) fn scan_all<'d>(duties: &[DutyRef<'d>], query: &Query<'_>) -> Scan<'d> {
    let mut parts = in_parallel(duties, |part, first_order| scan(part, first_order, query)).into_iter();
    let mut all = parts.next().unwrap_or_default();
    for part in parts {
        all.memo.absorb(part.memo);
        all.total_words += part.total_words;
        all.candidates.append(part.candidates);
    }
    all
}

/// Runs `work` over consecutive slices of `items` (duties, or candidates), with each slice's
/// first index, one per core when there are enough of them, and returns the results in slice
/// order.
pub(super) fn in_parallel<I: Sync, T: Send>(items: &[I], work: impl Fn(&[I], usize) -> T + Sync) -> Vec<T> {
    let most = items.len() / MIN_DUTIES_PER_THREAD;
    // Asking for the core count reads cgroup files: only worth it for a large dataset.
    let threads =
        if most < 2 { 1 } else { std::thread::available_parallelism().map_or(1, usize::from).min(most) };
    if threads == 1 {
        return vec![work(items, 0)];
    }
    let chunk = items.len().div_ceil(threads);
    let work = &work;
    std::thread::scope(|scope| {
        let handles: Vec<_> = items
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
pub(super) fn scan<'d>(duties: &[DutyRef<'d>], first_order: usize, query: &Query<'_>) -> Scan<'d> {
    let index = PatternIndex::new(&query.patterns, &query.by_key);
    let mut found = Scan::default();
    // About one distinct word in sixteen bytes of text, and no more than a large vocabulary.
    let text: usize = duties.iter().map(|(_, duty)| duty.text.len()).sum();
    found.memo.ids.reserve((text / 16).min(1 << 16));
    let mut tokens: Vec<Token> = Vec::new();
    let (mut norm, mut to_try) = (String::new(), Vec::new());
    // A duty's matches are gathered here, then added to the candidates' list.
    let mut occurrences = Vec::new();
    for (i, &(_, duty)) in duties.iter().enumerate() {
        occurrences.clear();
        let mut words_in_duty = 0;
        for (clause, text) in duty.clauses().enumerate() {
            tokens.clear();
            tokenize(text, &mut tokens);
            for token in &tokens {
                words_in_duty += usize::from(!token.joined);
                let judgements = found.memo.judge_token(token.raw, &mut norm, &index, &mut to_try);
                occurrences.extend(judgements.iter().map(|&judgement| Occurrence {
                    clause: u32::try_from(clause).unwrap_or(u32::MAX),
                    position: token.position,
                    judgement,
                }));
            }
        }
        found.total_words += words_in_duty;
        if !occurrences.is_empty() {
            found.candidates.push(
                u32::try_from(first_order + i).unwrap_or(u32::MAX),
                u32::try_from(words_in_duty).unwrap_or(u32::MAX),
                &occurrences,
            );
        }
    }
    found
}

/// A shown duty's occurrences again, with where each stands: the scan's tokens, judged by the
/// memo, kept at each pattern's best level; the same occurrences in the same order as the scan
/// kept.
pub(super) fn places_of(
    duty: &Duty<'_>,
    memo: &Memo<'_>,
    best_level: &[u8],
) -> (Vec<Occurrence>, Vec<Place>) {
    let (mut occurrences, mut places) = (Vec::new(), Vec::new());
    let (mut tokens, mut norm) = (Vec::new(), String::new());
    for (clause, text) in duty.clauses().enumerate() {
        tokens.clear();
        tokenize(text, &mut tokens);
        for token in &tokens {
            let normal = normal_form(token.raw, &mut norm).unwrap_or(&norm);
            let Some(&word) = memo.ids.get(normal) else { continue };
            let judgements = memo.judgements.get(word as usize).map_or(&[][..], Vec::as_slice);
            for &judgement in judgements {
                if best_level.get(usize::from(judgement.pattern)) == Some(&judgement.kind.fallback_tier()) {
                    let clause = u32::try_from(clause).unwrap_or(u32::MAX);
                    occurrences.push(Occurrence { clause, position: token.position, judgement });
                    places.push(Place { start: token.start as u32, end: token.end as u32, word });
                }
            }
        }
    }
    (occurrences, places)
}

/// Each pattern's best level of match over the whole vocabulary, `u8::MAX` where none.
pub(super) fn best_levels(memo: &Memo, patterns: usize) -> Vec<u8> {
    let mut best_level = vec![u8::MAX; patterns];
    for judgements in &memo.judgements {
        for j in judgements {
            if let Some(level) = best_level.get_mut(usize::from(j.pattern)) {
                *level = (*level).min(j.kind.fallback_tier());
            }
        }
    }
    best_level
}

/// Keeps, for each pattern, only its best level of match across the whole vocabulary (typos
/// only where nothing matched exactly or by stem) and drops the worse matches from every
/// candidate. Returns each pattern's level, `u8::MAX` where nothing matched at all.
pub(super) fn keep_best_level(memo: &Memo, candidates: &mut Candidates, patterns: usize) -> Vec<u8> {
    let best_level = best_levels(memo, patterns);
    let best =
        |o: &Occurrence| o.judgement.kind.fallback_tier() == best_level[usize::from(o.judgement.pattern)];
    if !candidates.parts.iter().flatten().all(best) {
        candidates.retain(best);
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
    fn candidates_keep_their_matches_in_blocks_through_joins_and_filters() {
        let occurrence = |pattern: u16, position: u32| Occurrence {
            clause: 0,
            position,
            judgement: Judgement { pattern, kind: Kind::Exact, typos: 0 },
        };
        let mut first = Candidates::default();
        first.push(0, 5, &[occurrence(0, 1), occurrence(1, 2)]);
        // A candidate larger than a block gets a block of its own size.
        let many: Vec<Occurrence> = (0..BLOCK as u32 + 3).map(|p| occurrence(1, p)).collect();
        first.push(1, 9, &many);
        let mut second = Candidates::default();
        second.push(2, 4, &[occurrence(1, 7)]);
        second.push(3, 4, &[occurrence(0, 8), occurrence(0, 9)]);
        first.append(second);
        let positions = |all: &Candidates| -> Vec<(u32, Vec<u32>)> {
            all.list.iter().map(|c| (c.order, all.of(c).iter().map(|o| o.position).collect())).collect()
        };
        let before = positions(&first);
        assert_eq!(before.len(), 4);
        assert_eq!(before[1].1.len(), BLOCK + 3);
        assert_eq!(before[2], (2, vec![7]));
        first.retain(|o| o.judgement.pattern == 0);
        assert_eq!(
            positions(&first),
            [(0, vec![1]), (3, vec![8, 9])],
            "only candidates with a match left stay"
        );
    }

    #[test]
    fn pairs_of_chinese_characters_pack_into_numbers() {
        assert_eq!(pair_key("人才"), Some(('人' as u32) << 16 | '才' as u32));
        assert_eq!(pair_key("㐀丂"), Some(('㐀' as u32) << 16 | '丂' as u32));
        for other in ["ab", "人", "人才人", "人a", "。人", "ａｂ", ""] {
            assert_eq!(pair_key(other), None, "{other}");
        }
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
        let (all, one) = (scan_all(&duties, &query), scan(&duties, 0, &query));
        let summary = |found: &Scan| -> Vec<(u32, Vec<(String, u16)>)> {
            let words = found.memo.words();
            let best_level = best_levels(&found.memo, query.patterns.len());
            found
                .candidates
                .list
                .iter()
                .map(|c| {
                    (c.order, {
                        let (occurrences, places) =
                            places_of(duties[c.order as usize].1, &found.memo, &best_level);
                        occurrences
                            .iter()
                            .zip(&places)
                            .map(|(o, p)| (words[p.word as usize].to_string(), o.judgement.pattern))
                            .collect()
                    })
                })
                .collect()
        };
        assert_eq!(all.total_words, one.total_words);
        assert_eq!(summary(&all), summary(&one));
        assert!(!one.candidates.list.is_empty());
    }
}
