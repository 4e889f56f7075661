//! The judged Chinese query set (tests/fixtures/judged/chinese-queries.tsv): words that stand in
//! the text, words with other words between them, several words, Chinese mixed with Latin
//! letters and digits, full-width forms, questions, and queries that must find nothing, over two
//! fixture datasets of five agencies written in the style of published "主要职责" pages. Prints
//! MRR and recall@3 per kind of query (`cargo test judged_chinese -- --nocapture`).

use std::collections::BTreeMap;

use ncstb::dataset::Dataset;
use ncstb::search::{self, Options, Strictness};

const QUERIES: &str = include_str!("../fixtures/judged/chinese-queries.tsv");
const HONGZHOU: &str = include_str!("../fixtures/judged/hongzhou-city.json");
const BEIYUAN: &str = include_str!("../fixtures/judged/beiyuan-city.json");

/// The set reaches 0.989 today (one question in other words finds nothing); the target is 0.95.
const MIN_MRR: f64 = 0.95;

#[test]
fn judged_chinese_queries_rank_the_right_duty_first() {
    let datasets: BTreeMap<&str, Dataset> = [
        ("hongzhou", Dataset::from_json(HONGZHOU).unwrap()),
        ("beiyuan", Dataset::from_json(BEIYUAN).unwrap()),
    ]
    .into_iter()
    .collect();
    for (name, dataset) in &datasets {
        assert_eq!(dataset.problems(), vec![], "{name} is a valid dataset");
    }
    let options = Options { limit: 10, strictness: Strictness::default(), all_words: false };
    let mut by_kind: BTreeMap<&str, (usize, f64, usize)> = BTreeMap::new();
    let (mut misses, mut false_positives) = (Vec::new(), Vec::new());
    let lines = QUERIES.lines().filter(|line| !line.trim().is_empty() && !line.starts_with('#'));
    for line in lines {
        let fields: Vec<&str> = line.split('\t').collect();
        let [dataset, query, relevant, kind] = fields[..] else {
            panic!("four tab-separated fields: {line:?}")
        };
        let duties = datasets[dataset].duties();
        let results = search::search(&duties, &[query.to_string()], &options).expect("query parses");
        let ranked: Vec<String> = results
            .hits
            .iter()
            .map(|hit| format!("{}:{}", hit.agency.id.as_str(), hit.duty.number))
            .collect();
        let reciprocal_rank = if relevant == "-" {
            if !ranked.is_empty() {
                false_positives.push(format!("{dataset} {query:?} found {ranked:?}"));
            }
            f64::from(u8::from(ranked.is_empty()))
        } else {
            let wanted: Vec<&str> = relevant.split(',').collect();
            let rank = ranked.iter().position(|id| wanted.contains(&id.as_str())).map(|i| i + 1);
            if rank != Some(1) {
                misses.push(format!("{dataset} {query:?}: wanted {relevant} first, got {ranked:?}"));
            }
            rank.map_or(0.0, |r| 1.0 / r as f64)
        };
        let tally = by_kind.entry(kind).or_default();
        *tally =
            (tally.0 + 1, tally.1 + reciprocal_rank, tally.2 + usize::from(reciprocal_rank >= 1.0 / 3.0));
    }
    let (queries, total): (usize, f64) = by_kind.values().fold((0, 0.0), |(n, sum), t| (n + t.0, sum + t.1));
    for (kind, (n, sum, top_three)) in &by_kind {
        println!(
            "{kind:10} {n:3} queries  MRR {:.3}  recall@3 {:.3}",
            sum / *n as f64,
            *top_three as f64 / *n as f64
        );
    }
    let mrr = total / queries as f64;
    println!("all {queries} queries: MRR {mrr:.3}");
    println!("misses:\n{}\nfalse positives:\n{}", misses.join("\n"), false_positives.join("\n"));
    assert!(queries >= 40 && by_kind.get("nomatch").is_some_and(|t| t.0 >= 10), "the set is large enough");
    assert!(mrr >= MIN_MRR, "MRR {mrr:.3} < {MIN_MRR}; misses:\n{}", misses.join("\n"));
    assert!(false_positives.is_empty(), "no-match queries found something:\n{}", false_positives.join("\n"));
}
