//! The judged query set (tests/fixtures/judged/queries.tsv): what officials, residents and
//! scripts type, over the embedded dataset and two fixture datasets of other bureaus, with the
//! duties that must rank first, and queries that must find nothing. Prints MRR and recall@3 per
//! dataset and kind of query (`cargo test judged -- --nocapture`).

use std::collections::BTreeMap;

use ncstb::dataset::Dataset;
use ncstb::search::{self, Options, Strictness};

const QUERIES: &str = include_str!("../fixtures/judged/queries.tsv");
const HEALTH: &str = include_str!("../fixtures/judged/health-bureau.json");
const EDUCATION: &str = include_str!("../fixtures/judged/education-bureau.json");

/// The whole set must reach this mean reciprocal rank (a no-match query counts 1 when silent).
/// The target is 0.95, which the search reaches today (0.952 overall,
/// 0.926 in other words, 5 false positives): any regression fails.
const MIN_MRR: f64 = 0.95;
/// Queries in the user's own words, whose words the relevant duty does not use.
const MIN_MRR_OTHER_WORDS: f64 = 0.92;
/// At most this many no-match queries may find something.
const MAX_FALSE_POSITIVES: usize = 5;

struct Judged<'q> {
    dataset: &'q str,
    query: &'q str,
    /// Duty numbers any of which must rank first; empty when nothing must be found.
    relevant: Vec<u64>,
    kind: &'q str,
}

fn judged() -> Vec<Judged<'static>> {
    QUERIES
        .lines()
        .filter(|line| !line.trim().is_empty() && !line.starts_with('#'))
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 4, "four tab-separated fields: {line:?}");
            let relevant = match fields[2] {
                "-" => Vec::new(),
                list => list.split(',').map(|n| n.parse().expect("a duty number")).collect(),
            };
            Judged { dataset: fields[0], query: fields[1], relevant, kind: fields[3] }
        })
        .collect()
}

fn first_ranks(dataset: &Dataset, query: &str) -> Vec<u64> {
    let duties = dataset.duties();
    let options = Options { limit: 10, strictness: Strictness::default(), all_words: false };
    let results = search::search(&duties, &[query.to_string()], &options).expect("query parses");
    results.hits.iter().map(|hit| hit.duty.number).collect()
}

#[derive(Default)]
struct Tally {
    queries: usize,
    reciprocal_ranks: f64,
    in_top_three: usize,
}

impl Tally {
    fn add(&mut self, reciprocal_rank: f64, in_top_three: bool) {
        self.queries += 1;
        self.reciprocal_ranks += reciprocal_rank;
        self.in_top_three += usize::from(in_top_three);
    }

    fn mrr(&self) -> f64 {
        self.reciprocal_ranks / self.queries.max(1) as f64
    }

    fn recall(&self) -> f64 {
        self.in_top_three as f64 / self.queries.max(1) as f64
    }
}

#[test]
fn judged_queries_rank_the_right_duty_first() {
    let datasets: BTreeMap<&str, Dataset> = [
        ("embedded", Dataset::embedded().unwrap()),
        ("health", Dataset::from_json(HEALTH).unwrap()),
        ("education", Dataset::from_json(EDUCATION).unwrap()),
    ]
    .into_iter()
    .collect();
    let queries = judged();
    let (mut by_kind, mut all, mut other_words) = (BTreeMap::new(), Tally::default(), Tally::default());
    let (mut misses, mut false_positives) = (Vec::new(), Vec::new());
    for judged in &queries {
        let ranked = first_ranks(&datasets[judged.dataset], judged.query);
        let (reciprocal_rank, top_three) = if judged.relevant.is_empty() {
            if !ranked.is_empty() {
                false_positives.push(format!("{} {:?} found {ranked:?}", judged.dataset, judged.query));
            }
            (if ranked.is_empty() { 1.0 } else { 0.0 }, ranked.is_empty())
        } else {
            let rank = ranked.iter().position(|n| judged.relevant.contains(n)).map(|i| i + 1);
            if rank != Some(1) {
                misses.push(format!(
                    "{} {:?}: wanted {:?} first, got {ranked:?}",
                    judged.dataset, judged.query, judged.relevant
                ));
            }
            (rank.map_or(0.0, |r| 1.0 / r as f64), rank.is_some_and(|r| r <= 3))
        };
        let tally: &mut Tally = by_kind.entry((judged.dataset, judged.kind)).or_default();
        tally.add(reciprocal_rank, top_three);
        all.add(reciprocal_rank, top_three);
        if judged.kind == "other-words" {
            other_words.add(reciprocal_rank, top_three);
        }
    }
    for ((dataset, kind), tally) in &by_kind {
        println!(
            "{dataset:9} {kind:12} {:3} queries  MRR {:.3}  recall@3 {:.3}",
            tally.queries,
            tally.mrr(),
            tally.recall()
        );
    }
    println!("all {} queries: MRR {:.3}, recall@3 {:.3}", all.queries, all.mrr(), all.recall());
    println!("misses:\n{}\nfalse positives:\n{}", misses.join("\n"), false_positives.join("\n"));
    assert!(all.queries >= 160 && other_words.queries >= 60, "the set is large enough");
    assert!(all.mrr() >= MIN_MRR, "MRR {:.3} < {MIN_MRR}; misses:\n{}", all.mrr(), misses.join("\n"));
    assert!(
        other_words.mrr() >= MIN_MRR_OTHER_WORDS,
        "MRR {:.3} < {MIN_MRR_OTHER_WORDS} on queries in other words",
        other_words.mrr()
    );
    assert!(false_positives.len() <= MAX_FALSE_POSITIVES, "false positives:\n{}", false_positives.join("\n"));
}

#[test]
fn words_that_stand_in_the_text_always_rank_their_duty_first() {
    let dataset = Dataset::embedded().unwrap();
    let literal = ["literal", "stem", "abbreviation", "typo", "prefix", "question"];
    let misses: Vec<String> = judged()
        .iter()
        .filter(|j| j.dataset == "embedded" && literal.contains(&j.kind))
        .filter_map(|j| {
            let ranked = first_ranks(&dataset, j.query);
            let first = ranked.first().is_some_and(|n| j.relevant.contains(n));
            (!first).then(|| format!("{:?}: wanted {:?} first, got {ranked:?}", j.query, j.relevant))
        })
        .collect();
    assert!(misses.is_empty(), "{}", misses.join("\n"));
}
