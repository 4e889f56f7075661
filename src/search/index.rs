//! An index of the duties searched, built once for many queries (`search --batch`).
//!
//! The text is read once: every distinct word, normalised as the scan normalises it, gets an id
//! and its postings (where it stands: duty, clause, token), delta-encoded as varints. A query
//! then judges only the words that can match it, found by lookups in sorted lists (exact, stem,
//! derivation, prefix), by character (Chinese) and by one pass over the words of about the
//! right length (typos), with the scan's own judge; and it gathers their postings into the
//! candidates the scan would have found, in the same order. From there a search is the same
//! code whichever found its words, so an index and a scan give the same results.

use std::borrow::Cow;
use std::ops::Range;

use rustc_hash::FxHashMap;

use super::abbrev::Abbreviations;
use super::query::{Context, Pattern, Query};
use super::scan::{
    Candidates, Judgement, Memo, Occurrence, PatternIndex, Scan, count_u32, in_parallel, pair_key,
};
use super::text::{MIN_SHARED_DERIVATION, normal_form, stem_key, tokenize};
use super::thesaurus::Thesaurus;
use super::typo::{letter_mask, masks_beyond};
use super::{Options, Results, answer, vocabularies_of};
use crate::dataset::DutyRef;
use crate::error::UsageError;

/// The duties searched, indexed: what every query needs, computed once.
pub struct Index<'d> {
    duties: Vec<DutyRef<'d>>,
    /// The abbreviations and concepts known: built in, listed by the agencies, learned from
    /// the text.
    abbreviations: Abbreviations,
    thesaurus: Thesaurus,
    /// Every distinct word, normalised, by id; most are the text's own, borrowed.
    words: Vec<Cow<'d, str>>,
    ids: FxHashMap<Cow<'d, str>, u32>,
    /// Each word's stem key, by id.
    keys: Vec<Cow<'d, str>>,
    /// Each word's length in characters and the letters it holds, for typos.
    shapes: Vec<Shape>,
    /// The ids in the order of their words, of their stem keys, and of their lengths.
    by_word: Vec<u32>,
    by_key: Vec<u32>,
    by_length: Vec<u32>,
    /// The ids of the words that hold each character outside ASCII (Chinese words).
    by_char: FxHashMap<char, Vec<u32>>,
    /// Each word's postings, in text order, encoded by [`encode`].
    postings: Vec<Vec<u8>>,
    /// Where to start reading each word's long postings for a later duty.
    skips: Vec<Vec<Skip>>,
    /// The duties that hold each of the commonest words (whose places take more bytes than
    /// there are duties, so that the set takes at most an eighth of their memory): known
    /// without reading their places at every query.
    frequent: FxHashMap<u32, DutySet>,
    /// How many words each duty has, and all duties together, for BM25.
    duty_words: Vec<u32>,
    total_words: usize,
}

/// A word's length in characters and its letters (`typo::letter_mask`).
#[derive(Debug, Clone, Copy)]
struct Shape {
    chars: u32,
    mask: u32,
}

impl<'d> Index<'d> {
    /// Reads the duties' text once, on every core for a large dataset.
    pub fn new(duties: Vec<DutyRef<'d>>) -> Self {
        let (abbreviations, thesaurus) = vocabularies_of(&duties);
        let mut parts = in_parallel(&duties, Part::of).into_iter();
        let mut all = parts.next().unwrap_or_default();
        for part in parts {
            all.absorb(part);
        }
        let Part { words, mut ids, mut postings, mut skips, duty_words, total_words, .. } = all;
        ids.shrink_to_fit();
        for list in &mut postings {
            list.shrink_to_fit();
        }
        for list in &mut skips {
            list.shrink_to_fit();
        }
        let keys: Vec<Cow<'d, str>> = words
            .iter()
            .map(|word| match word {
                Cow::Borrowed(word) => stem_key(word),
                Cow::Owned(word) => Cow::Owned(stem_key(word).into_owned()),
            })
            .collect();
        let shapes: Vec<Shape> = words
            .iter()
            .map(|word| Shape { chars: count_u32(word.chars().count()), mask: letter_mask(word) })
            .collect();
        let sorted_by = |order: &dyn Fn(&u32, &u32) -> std::cmp::Ordering| {
            let mut ids: Vec<u32> = (0..count_u32(words.len())).collect();
            ids.sort_by(order);
            ids
        };
        let by_word = sorted_by(&|&a, &b| words[a as usize].cmp(&words[b as usize]));
        let by_key = sorted_by(&|&a, &b| keys[a as usize].cmp(&keys[b as usize]));
        let by_length = sorted_by(&|&a, &b| shapes[a as usize].chars.cmp(&shapes[b as usize].chars));
        let mut by_char: FxHashMap<char, Vec<u32>> = FxHashMap::default();
        for (id, word) in words.iter().enumerate().filter(|(_, word)| !word.is_ascii()) {
            let mut seen: Vec<char> = word.chars().filter(|c| !c.is_ascii()).collect();
            seen.sort_unstable();
            seen.dedup();
            for c in seen {
                by_char.entry(c).or_default().push(count_u32(id));
            }
        }
        let mut index = Index {
            duties,
            abbreviations,
            thesaurus,
            words,
            ids,
            keys,
            shapes,
            by_word,
            by_key,
            by_length,
            by_char,
            postings,
            skips,
            frequent: FxHashMap::default(),
            duty_words,
            total_words,
        };
        for id in 0..count_u32(index.words.len()) {
            if index.postings[id as usize].len() > index.duties.len() {
                let set = index.duties_of(id);
                index.frequent.insert(id, set);
            }
        }
        index
    }

    /// Searches the duties for `words`, as [`super::search`] does over the same duties.
    pub fn search(&self, words: &[String], options: &Options) -> Result<Results<'d>, UsageError> {
        let context = Context {
            abbreviations: &self.abbreviations,
            thesaurus: &self.thesaurus,
            strictness: options.strictness,
        };
        answer(&self.duties, words, options, &context, |query| self.find(query), Some(&self.words))
    }

    /// The words of the text that match the query, judged, and the duties that hold them: what
    /// a scan of the whole text would find.
    fn find(&self, query: &Query<'_>) -> Scan<'_> {
        let patterns = PatternIndex::new(&query.patterns, &query.by_key);
        let mut to_try = Vec::new();
        let judged: Vec<(u32, Vec<Judgement>)> = self
            .words_to_judge(query, &patterns)
            .into_iter()
            .filter_map(|id| {
                let word = self.words[id as usize].as_ref();
                let key = patterns.wants_key(word).then(|| self.keys[id as usize].as_ref());
                let judgements = patterns.judge_word(word, key, &mut to_try);
                (!judgements.is_empty()).then_some((id, judgements))
            })
            .collect();
        let candidates = self.candidates(query, &judged);
        let memo = Memo::of(
            judged.into_iter().map(|(id, judgements)| (Cow::Borrowed(self.word(id)), judgements)).collect(),
        );
        Scan { memo, candidates, total_words: self.total_words }
    }

    /// The duties where one of the query's alternatives may match, with their matches in text
    /// order, as the scan gathers them; but only those an alternative can use.
    ///
    /// An alternative matches only where each of its words stands, so only the duties that hold
    /// every word of an alternative are candidates (sets of duties, intersected a word of bits
    /// at a time); and in a candidate, a word matters only to the alternatives whose words all
    /// stand there. "Commercialization of S&T achievements" makes "and" and "of" words of the
    /// query, but their hundreds of thousands of places are looked at only in the duties that
    /// hold the whole phrase's words. Leaving out what no alternative can use changes no
    /// result: the ranking looks at whole alternatives alone.
    fn candidates(&self, query: &Query<'_>, judged: &[(u32, Vec<Judgement>)]) -> Candidates {
        let alternatives = alternatives_of(query);
        let duties = self.duties.len();
        // The duties that hold each pattern.
        let mut holding: Vec<Option<DutySet>> = vec![None; query.patterns.len()];
        for (id, judgements) in judged {
            let set = match self.frequent.get(id) {
                Some(set) => Cow::Borrowed(set),
                None => Cow::Owned(self.duties_of(*id)),
            };
            for judgement in judgements {
                match &mut holding[usize::from(judgement.pattern)] {
                    Some(held) => held.add(&set),
                    none => *none = Some(set.clone().into_owned()),
                }
            }
        }
        // Where each pattern is of use: the duties where one of its alternatives stands whole.
        let mut usable: Vec<Option<DutySet>> = vec![None; query.patterns.len()];
        let mut chosen = DutySet::new(duties);
        for alternative in &alternatives {
            let sets: Option<Vec<&DutySet>> = alternative.iter().map(|&p| holding.get(p)?.as_ref()).collect();
            let Some(sets) = sets.filter(|sets| !sets.is_empty()) else { continue };
            let mut whole = DutySet::new(duties);
            whole.add_common(&sets);
            for &p in alternative {
                match usable.get_mut(p) {
                    Some(Some(set)) => set.add(&whole),
                    Some(none) => *none = Some(whole.clone()),
                    None => {}
                }
            }
            chosen.add(&whole);
        }
        let chosen: Vec<u32> = chosen.members().collect();
        let mut parts = in_parallel(&chosen, |duties, _| self.gather(duties, judged, &usable)).into_iter();
        let mut candidates = parts.next().unwrap_or_default();
        for part in parts {
            candidates.append(part);
        }
        candidates
    }

    /// The matches in each of `duties` (in order) that are of use there, in text order, as
    /// candidates: each judged word's postings are read in step with the duties, a duty at a
    /// time.
    fn gather(
        &self,
        duties: &[u32],
        judged: &[(u32, Vec<Judgement>)],
        usable: &[Option<DutySet>],
    ) -> Candidates {
        // Each word's judgements with the duties where they are of use; a word with none is
        // never read.
        let mut words: Vec<(Cursor<'_>, Vec<(Judgement, &DutySet)>)> = judged
            .iter()
            .filter_map(|(id, judgements)| {
                let of_use: Vec<(Judgement, &DutySet)> = judgements
                    .iter()
                    .filter_map(|&j| Some((j, usable.get(usize::from(j.pattern))?.as_ref()?)))
                    .collect();
                let cursor = Cursor::new(&self.postings[*id as usize], &self.skips[*id as usize]);
                (!of_use.is_empty()).then_some((cursor, of_use))
            })
            .collect();
        let mut candidates = Candidates::default();
        // A duty's matches: clause, token, position and judgement.
        let mut run: Vec<(u32, u32, u32, Judgement)> = Vec::new();
        let mut here: Vec<Judgement> = Vec::new();
        for &duty in duties {
            run.clear();
            for (cursor, of_use) in &mut words {
                here.clear();
                here.extend(of_use.iter().filter(|(_, set)| set.contains(duty)).map(|&(j, _)| j));
                // A word of no use here is read past later, when it is of use, or never.
                if here.is_empty() {
                    continue;
                }
                while let Some(p) = cursor.next_in(duty) {
                    run.extend(here.iter().map(|&judgement| (p.clause, p.token, p.position, judgement)));
                }
            }
            // Each word's matches are in text order; several words' are merged.
            let key = |&(clause, token, _, j): &(u32, u32, u32, Judgement)| (clause, token, j.pattern);
            if !run.is_sorted_by_key(key) {
                run.sort_unstable_by_key(key);
            }
            if !run.is_empty() {
                let words = self.duty_words.get(duty as usize).copied().unwrap_or(0);
                let matches = run.iter().map(|&(clause, _, position, judgement)| Occurrence {
                    clause,
                    position,
                    judgement,
                });
                candidates.push_from(duty, words, matches);
            }
        }
        candidates
    }

    /// The duties that hold a word.
    fn duties_of(&self, id: u32) -> DutySet {
        let mut set = DutySet::new(self.duties.len());
        for posting in Postings::of(&self.postings[id as usize]) {
            set.insert(posting.duty);
        }
        set
    }

    fn word(&self, id: u32) -> &str {
        &self.words[id as usize]
    }

    /// Every word that may match one of the query's patterns (a judge decides), each once, in
    /// id order: a pattern matches only words found here (see `scan::judge`).
    fn words_to_judge(&self, query: &Query<'_>, patterns: &PatternIndex<'_>) -> Vec<u32> {
        let mut ids: Vec<u32> = Vec::new();
        // Patterns looked up by key match only that word, or a word with that stem key.
        for key in query.by_key.keys() {
            ids.extend(self.ids.get(key.as_ref()));
            ids.extend(self.with_key(key));
        }
        for &i in patterns.always() {
            let pattern = &query.patterns[usize::from(i)];
            ids.extend(self.ids.get(pattern.norm.as_ref()));
            ids.extend(self.with_key(&pattern.key));
            if pattern.real_word {
                ids.extend(self.derivable(&pattern.key));
            }
            if pattern.prefix {
                ids.extend(self.starting_with(&pattern.norm));
            }
            if pattern.within {
                self.holding(&pattern.norm, &mut ids);
            }
            if !pattern.real_word && pattern.budget.0 > 0 {
                ids.extend(self.typo_sized(pattern));
            }
        }
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// The words whose stem key is `key`.
    fn with_key(&self, key: &str) -> &[u32] {
        let keys = &self.keys;
        &self.by_key[sorted_range(&self.by_key, |id| keys[id as usize].as_ref(), |k| k == key, key)]
    }

    /// The words whose stem key may derive from the same word as `key` (`text::same_derivation`
    /// needs their first letters shared).
    fn derivable(&self, key: &str) -> &[u32] {
        let Some(start) = key.get(..MIN_SHARED_DERIVATION) else { return &[] };
        let keys = &self.keys;
        &self.by_key
            [sorted_range(&self.by_key, |id| keys[id as usize].as_ref(), |k| k.starts_with(start), start)]
    }

    /// The words that start with `prefix`.
    fn starting_with(&self, prefix: &str) -> &[u32] {
        let words = &self.words;
        &self.by_word
            [sorted_range(&self.by_word, |id| words[id as usize].as_ref(), |w| w.starts_with(prefix), prefix)]
    }

    /// The words that hold `part`, into `ids`: by the character, for one character outside
    /// ASCII (a Chinese character alone); otherwise by looking at every word.
    fn holding(&self, part: &str, ids: &mut Vec<u32>) {
        let mut chars = part.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if !c.is_ascii() => ids.extend(self.by_char.get(&c).into_iter().flatten()),
            _ => ids.extend((0..count_u32(self.words.len())).filter(|&id| self.word(id).contains(part))),
        }
    }

    /// The words that may lie within the pattern's typo budget: of a length within it, with
    /// letters not too different.
    fn typo_sized<'a>(&'a self, pattern: &'a Pattern<'_>) -> impl Iterator<Item = u32> + 'a {
        let budget = pattern.budget;
        let chars = count_u32(pattern.chars);
        let spread = count_u32(budget.0);
        let shapes = &self.shapes;
        let from =
            self.by_length.partition_point(|&id| shapes[id as usize].chars < chars.saturating_sub(spread));
        self.by_length[from..]
            .iter()
            .take_while(move |&&id| shapes[id as usize].chars <= chars.saturating_add(spread))
            .filter(move |&&id| !masks_beyond(pattern.mask, shapes[id as usize].mask, budget))
            .copied()
    }
}

/// The range of `sorted` (ids sorted by `text`) whose texts satisfy `matches`, which holds for
/// a run of texts starting at the first not less than `first`.
fn sorted_range<'t>(
    sorted: &[u32],
    text: impl Fn(u32) -> &'t str,
    matches: impl Fn(&str) -> bool,
    first: &str,
) -> Range<usize> {
    let start = sorted.partition_point(|&id| text(id) < first);
    let end = start + sorted[start..].iter().take_while(|&&id| matches(text(id))).count();
    start..end
}

/// The query's alternatives (of its units, and of the units its groups fall back on), as lists
/// of patterns.
fn alternatives_of(query: &Query<'_>) -> Vec<Vec<usize>> {
    let mut alternatives = Vec::new();
    let mut units: Vec<&super::query::Unit> = query.units.iter().collect();
    while let Some(unit) = units.pop() {
        alternatives.extend(unit.alternatives.iter().map(|a| a.patterns.clone()));
        units.extend(&unit.fallback);
    }
    alternatives
}

/// A set of duties, by their places among those searched.
#[derive(Clone)]
struct DutySet {
    bits: Vec<u64>,
}

impl DutySet {
    fn new(duties: usize) -> Self {
        DutySet { bits: vec![0; duties.div_ceil(64)] }
    }

    /// Adds the members of `other`.
    fn add(&mut self, other: &DutySet) {
        for (bits, more) in self.bits.iter_mut().zip(&other.bits) {
            *bits |= more;
        }
    }

    /// Adds the duties that are members of every one of `sets`.
    fn add_common(&mut self, sets: &[&DutySet]) {
        for (word, bits) in self.bits.iter_mut().enumerate() {
            *bits |=
                sets.iter().fold(u64::MAX, |common, set| common & set.bits.get(word).copied().unwrap_or(0));
        }
    }

    fn contains(&self, duty: u32) -> bool {
        self.bits.get(duty as usize / 64).is_some_and(|bits| bits & 1 << (duty % 64) != 0)
    }

    fn insert(&mut self, duty: u32) {
        if let Some(bits) = self.bits.get_mut(duty as usize / 64) {
            *bits |= 1 << (duty % 64);
        }
    }

    /// The members, in order.
    fn members(&self) -> impl Iterator<Item = u32> + '_ {
        self.bits.iter().enumerate().flat_map(|(word, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let bit = bits.trailing_zeros();
                    bits &= bits - 1;
                    count_u32(word * 64) + bit
                })
            })
        })
    }
}

/// Where a word stands: its duty's place among the duties searched, its clause in the duty,
/// its token in the clause (the tokenizer's order), and its word position there (for phrases).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Posting {
    duty: u32,
    clause: u32,
    token: u32,
    position: u32,
}

/// Appends a posting to a word's list, whose last posting was in duty `previous` (0 before
/// the first): the duty as a difference, then the token shifted past three bits of flags (the
/// clause when below 3, and whether the position differs from the token), then the clause and
/// position when the flags do not hold them. Most postings take two or three bytes.
fn encode(list: &mut Vec<u8>, posting: Posting, previous: u32) {
    let Posting { duty, clause, token, position } = posting;
    push_varint(list, u64::from(duty.wrapping_sub(previous)));
    let moved = position != token;
    push_varint(list, u64::from(token) << 3 | u64::from(moved) << 2 | u64::from(clause.min(3)));
    if clause >= 3 {
        push_varint(list, u64::from(clause - 3));
    }
    if moved {
        push_varint(list, u64::from(position));
    }
}

fn push_varint(list: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        list.push(value as u8 | 0x80);
        value >>= 7;
    }
    list.push(value as u8);
}

/// The number at `bytes[*at..]`, and `*at` moved past it; what an end cuts short reads as 0.
#[inline]
fn read_varint(bytes: &[u8], at: &mut usize) -> u64 {
    // Most numbers are one byte.
    if let Some(&byte) = bytes.get(*at)
        && byte < 0x80
    {
        *at += 1;
        return u64::from(byte);
    }
    let mut value = 0u64;
    let mut shift = 0;
    while let Some(&byte) = bytes.get(*at) {
        *at += 1;
        value |= u64::from(byte & 0x7f) << shift.min(63);
        shift += 7;
        if byte < 0x80 {
            break;
        }
    }
    value
}

/// A word's postings, decoded in order.
struct Postings<'a> {
    bytes: &'a [u8],
    at: usize,
    duty: u32,
}

impl<'a> Postings<'a> {
    fn of(bytes: &'a [u8]) -> Self {
        Postings { bytes, at: 0, duty: 0 }
    }
}

impl Iterator for Postings<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        if self.at >= self.bytes.len() {
            return None;
        }
        let mut read = || read_varint(self.bytes, &mut self.at);
        let duty = self.duty.wrapping_add(read() as u32);
        let packed = read();
        let token = (packed >> 3) as u32;
        let clause = match (packed & 3) as u32 {
            3 => 3 + read() as u32,
            clause => clause,
        };
        let position = if packed & 4 != 0 { read() as u32 } else { token };
        self.duty = duty;
        Some(Posting { duty, clause, token, position })
    }
}

/// A place in a word's postings to read on from, without reading the postings before it: the
/// first posting of a duty, at byte `at`, whose duty is a difference from `previous`.
#[derive(Debug, Clone, Copy)]
struct Skip {
    duty: u32,
    previous: u32,
    at: u32,
}

/// The postings bytes between skips, at least: about a hundred postings. A query that needs a
/// common word in a few duties reads its places there, not the millions before them.
const SKIP_BYTES: usize = 256;

/// A word's postings read in step with the duties asked for, in order.
struct Cursor<'a> {
    postings: Postings<'a>,
    /// The posting read but not yet taken.
    current: Option<Posting>,
    /// The skips not yet passed.
    skips: &'a [Skip],
}

impl<'a> Cursor<'a> {
    fn new(bytes: &'a [u8], skips: &'a [Skip]) -> Self {
        let mut postings = Postings::of(bytes);
        let current = postings.next();
        Cursor { postings, current, skips }
    }

    /// The next posting in `duty`, passing over those of earlier duties; `None` once the
    /// postings reach a later duty (or end).
    #[inline]
    fn next_in(&mut self, duty: u32) -> Option<Posting> {
        if self.current.is_some_and(|posting| posting.duty < duty)
            && self.skips.first().is_some_and(|skip| skip.duty <= duty)
        {
            self.skip_to(duty);
        }
        while let Some(posting) = self.current {
            if posting.duty >= duty {
                if posting.duty > duty {
                    return None;
                }
                self.current = self.postings.next();
                return Some(posting);
            }
            self.current = self.postings.next();
        }
        None
    }

    /// Moves to the last skip at or before `duty`'s postings, when it lies ahead.
    fn skip_to(&mut self, duty: u32) {
        let passed = self.skips.partition_point(|skip| skip.duty <= duty);
        let Some(&skip) = passed.checked_sub(1).and_then(|last| self.skips.get(last)) else { return };
        self.skips = &self.skips[passed..];
        if skip.at as usize >= self.postings.at {
            self.postings.at = skip.at as usize;
            self.postings.duty = skip.previous;
            self.current = self.postings.next();
        }
    }
}

/// The index of some consecutive duties, made on one thread; parts are joined in duty order.
#[derive(Default)]
struct Part<'d> {
    words: Vec<Cow<'d, str>>,
    ids: FxHashMap<Cow<'d, str>, u32>,
    /// Pairs of Chinese characters (as `scan::pair_key` packs them) to their ids: a cache.
    pairs: FxHashMap<u32, u32>,
    postings: Vec<Vec<u8>>,
    skips: Vec<Vec<Skip>>,
    /// The duty of each word's last posting.
    last: Vec<u32>,
    duty_words: Vec<u32>,
    total_words: usize,
}

impl<'d> Part<'d> {
    /// The index of `duties`, the first of which is duty `first_order` of those searched. Tokens
    /// and word counts as the scan makes them (`scan::scan`).
    fn of(duties: &[DutyRef<'d>], first_order: usize) -> Self {
        let mut part = Part::default();
        let text: usize = duties.iter().map(|(_, duty)| duty.text.len()).sum();
        // Room for a vocabulary of a few thousand words: most texts' reach it soon, and growing
        // to it takes several copies.
        part.ids.reserve((text / 256).min(1 << 12));
        part.duty_words.reserve(duties.len());
        let (mut tokens, mut norm) = (Vec::new(), String::new());
        for (i, &(_, duty)) in duties.iter().enumerate() {
            let order = count_u32(first_order + i);
            let mut words = 0;
            for (clause, text) in duty.clauses().enumerate() {
                tokens.clear();
                tokenize(text, &mut tokens);
                for (token, word) in tokens.iter().enumerate() {
                    words += usize::from(!word.joined);
                    let id = part.id(word.raw, &mut norm) as usize;
                    let posting = Posting {
                        duty: order,
                        clause: count_u32(clause),
                        token: count_u32(token),
                        position: word.position,
                    };
                    let (list, previous) = (&mut part.postings[id], part.last[id]);
                    let skips = &mut part.skips[id];
                    if order != previous
                        && list.len() >= skips.last().map_or(0, |s| s.at as usize) + SKIP_BYTES
                    {
                        skips.push(Skip { duty: order, previous, at: count_u32(list.len()) });
                    }
                    encode(list, posting, previous);
                    part.last[id] = order;
                }
            }
            part.total_words += words;
            part.duty_words.push(count_u32(words));
        }
        part
    }

    /// The id of a word of the text, given one when new.
    fn id(&mut self, raw: &'d str, norm: &mut String) -> u32 {
        if let Some(key) = pair_key(raw) {
            if let Some(&id) = self.pairs.get(&key) {
                return id;
            }
            let id = self.add(Cow::Borrowed(raw));
            self.pairs.insert(key, id);
            return id;
        }
        let text = normal_form(raw, norm);
        if let Some(&id) = self.ids.get(text.unwrap_or(norm)) {
            return id;
        }
        self.add(text.map_or_else(|| Cow::Owned(norm.clone()), Cow::Borrowed))
    }

    /// The id of a word, given one when new.
    fn add(&mut self, word: Cow<'d, str>) -> u32 {
        if let Some(&id) = self.ids.get(word.as_ref()) {
            return id;
        }
        let id = count_u32(self.words.len());
        self.ids.insert(word.clone(), id);
        self.words.push(word);
        self.postings.push(Vec::new());
        self.skips.push(Vec::new());
        self.last.push(0);
        id
    }

    /// Takes in the part of the duties that follow this part's.
    fn absorb(&mut self, other: Part<'d>) {
        let Part { words, postings, skips, last, duty_words, total_words, .. } = other;
        for (((word, list), skips), last) in words.into_iter().zip(postings).zip(skips).zip(last) {
            let id = self.add(word) as usize;
            // The other list's first duty is written as it is (a difference from 0): here it
            // follows this list's last.
            let mut at = 0;
            let first = read_varint(&list, &mut at) as u32;
            let mine = &mut self.postings[id];
            mine.reserve(list.len());
            push_varint(mine, u64::from(first.wrapping_sub(self.last[id])));
            // The other list's bytes from `at` on move here; its skips, never at its first
            // posting, move with them.
            let moved = |offset: u32| count_u32((offset as usize).saturating_sub(at) + mine.len());
            self.skips[id].extend(skips.into_iter().map(|skip| Skip { at: moved(skip.at), ..skip }));
            mine.extend_from_slice(&list[at..]);
            self.last[id] = last;
        }
        self.duty_words.extend(duty_words);
        self.total_words += total_words;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::search::scan::tests::many_duties;
    use crate::search::{Strictness, search};

    #[test]
    fn postings_read_back_as_written() {
        let postings = [
            Posting { duty: 0, clause: 0, token: 0, position: 0 },
            Posting { duty: 0, clause: 2, token: 17, position: 15 },
            Posting { duty: 5, clause: 3, token: 1, position: 1 },
            Posting { duty: 900_000, clause: 70_000, token: u32::MAX, position: u32::MAX - 1 },
            Posting { duty: u32::MAX, clause: u32::MAX, token: 3, position: 0 },
        ];
        let mut list = Vec::new();
        let mut previous = 0;
        for &posting in &postings {
            encode(&mut list, posting, previous);
            previous = posting.duty;
        }
        assert_eq!(Postings::of(&list).collect::<Vec<_>>(), postings);
        // A list cut short ends; it does not panic.
        for cut in 0..list.len() {
            let _ = Postings::of(&list[..cut]).count();
        }
    }

    /// Reading a word's postings for some duties only, jumping by its skips, finds what reading
    /// them all finds there: across the join of two parts, for duties far apart and near.
    #[test]
    fn skips_find_the_postings_reading_all_would() {
        let functions: Vec<String> = (1..=3000)
            .map(|n| {
                let repeats = 1 + n * 7 % 5;
                format!(r#"{{"number":{n},"text":"{}; tail {n}"}}"#, vec!["word"; repeats].join(" x "))
            })
            .collect();
        let json = format!(
            r#"{{"schema_version":1,"agencies":[{{"id":"a","name":"A","functions":[{}]}}]}}"#,
            functions.join(",")
        );
        let dataset = Dataset::from_json(&json).unwrap();
        let duties = dataset.duties();
        let mut part = Part::of(&duties[..1700], 0);
        part.absorb(Part::of(&duties[1700..], 1700));
        let id = part.ids["word"] as usize;
        let (list, skips) = (&part.postings[id], &part.skips[id]);
        assert!(skips.len() > 20 && skips.iter().any(|skip| skip.duty >= 1700), "{}", skips.len());
        let all: Vec<Posting> = Postings::of(list).collect();
        for step in [1, 2, 3, 97, 250, 1699, 2999] {
            let wanted: Vec<u32> = (0..3000).step_by(step).collect();
            let mut cursor = Cursor::new(list, skips);
            let mut found = Vec::new();
            for &duty in &wanted {
                while let Some(posting) = cursor.next_in(duty) {
                    found.push(posting);
                }
            }
            let expected: Vec<Posting> =
                all.iter().filter(|posting| wanted.contains(&posting.duty)).copied().collect();
            assert_eq!(found, expected, "every {step}th duty");
        }
    }

    /// What a search found, in a form to compare: each hit's duty, score, flag and matches.
    fn summary(results: &Results<'_>) -> Vec<String> {
        let mut lines: Vec<String> = results
            .hits
            .iter()
            .map(|hit| {
                format!(
                    "{} {} {} {} {:?}",
                    hit.agency.id, hit.duty.number, hit.score, hit.partial, hit.matches
                )
            })
            .collect();
        lines.push(format!("{:?} {:?}", results.suggestions, results.unmatched));
        lines
    }

    /// Queries a user might type over `dataset`: its own words and runs of its Chinese
    /// characters, one to three, some misspelt, cut short or quoted; the same every run.
    fn queries_over(dataset: &Dataset<'_>, count: usize) -> Vec<String> {
        let text: String = dataset.duties().iter().map(|(_, duty)| format!("{} ", duty.text)).collect();
        let chars: Vec<char> = text.chars().collect();
        let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() > 1).collect();
        let mut state = 0x9e37_79b9_7f4a_7c15_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n.max(1) as u64) as usize
        };
        (0..count)
            .map(|_| {
                let picked: Vec<String> = (0..=next(3))
                    .map(|_| {
                        let word = if words.is_empty() || next(3) == 0 {
                            let start = next(chars.len());
                            chars[start..chars.len().min(start + 2 + next(5))].iter().collect()
                        } else {
                            words[next(words.len())].to_string()
                        };
                        let mut letters: Vec<char> = word.chars().collect();
                        match next(6) {
                            0 if letters.len() > 4 => drop(letters.remove(next(letters.len()))),
                            1 if letters.len() > 4 => letters.swap(1, 2),
                            2 if letters.len() > 5 => letters.truncate(4),
                            _ => {}
                        }
                        letters.into_iter().collect()
                    })
                    .collect();
                let query = picked.join(" ");
                if next(10) == 0 { format!("\"{query}\"") } else { query }
            })
            .collect()
    }

    #[test]
    fn an_index_finds_what_a_scan_finds_over_the_fixture_datasets() {
        let sources = [
            include_str!("../../data/nanchang-stb.json"),
            include_str!("../../tests/fixtures/judged/health-bureau.json"),
            include_str!("../../tests/fixtures/judged/education-bureau.json"),
            include_str!("../../tests/fixtures/judged/hongzhou-city.json"),
            include_str!("../../tests/fixtures/judged/beiyuan-city.json"),
            include_str!("../../tests/fixtures/concepts.json"),
        ];
        for source in sources {
            let dataset = Dataset::from_json(source).unwrap();
            let duties = dataset.duties();
            let index = Index::new(dataset.duties());
            for (i, query) in queries_over(&dataset, 80).into_iter().enumerate() {
                let options = Options {
                    limit: 1 + i % 12,
                    strictness: Strictness { exact: i % 7 == 0 },
                    all_words: i % 5 == 0,
                };
                let words = [query.clone()];
                match (search(&duties, &words, &options), index.search(&words, &options)) {
                    (Ok(scanned), Ok(indexed)) => assert_eq!(summary(&scanned), summary(&indexed), "{query}"),
                    (scanned, indexed) => assert_eq!(scanned.err(), indexed.err(), "{query}"),
                }
            }
        }
    }

    /// The ranking evaluates candidates best first by a bound on their keys and stops when no
    /// other can come before the last hit shown: the first hits of a long list must be the
    /// hits of a short one.
    #[test]
    fn the_first_hits_are_the_same_whatever_the_limit() {
        let sources = [
            include_str!("../../tests/fixtures/judged/health-bureau.json"),
            include_str!("../../tests/fixtures/judged/hongzhou-city.json"),
        ];
        for source in sources {
            let dataset = Dataset::from_json(source).unwrap();
            let index = Index::new(dataset.duties());
            for (i, query) in queries_over(&dataset, 60).into_iter().enumerate() {
                let words = [query.clone()];
                let options =
                    |limit| Options { limit, strictness: Strictness::default(), all_words: i % 4 == 0 };
                let (Ok(all), Ok(few)) =
                    (index.search(&words, &options(10_000)), index.search(&words, &options(1 + i % 5)))
                else {
                    continue;
                };
                let (all, few) = (summary(&all), summary(&few));
                assert_eq!(all[..few.len() - 1], few[..few.len() - 1], "{query}");
            }
        }
    }

    #[test]
    fn an_index_finds_what_a_scan_finds() {
        let json = many_duties();
        let dataset = Dataset::from_json(&json).unwrap();
        let index = Index::new(dataset.duties());
        let queries = [
            "talent",
            "talents policy",
            "inovation",
            "torc",
            "reform of the city",
            "\"science and\"",
            "plans work 12",
            "s&t",
            "nothing here",
            "sciense",
            "work 4099",
        ];
        for query in queries {
            for exact in [false, true] {
                let options = Options { limit: 25, strictness: Strictness { exact }, all_words: exact };
                let words = [query.to_string()];
                let scanned = search(&dataset.duties(), &words, &options).unwrap();
                let indexed = index.search(&words, &options).unwrap();
                assert_eq!(summary(&scanned), summary(&indexed), "{query}");
            }
        }
    }
}
