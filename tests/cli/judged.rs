//! The judged query set: what officials and scripts type, with the duty (or duties) that must
//! rank first, and queries that must find nothing. Fails on any miss; prints MRR and recall@3.

use ncstb::dataset::Dataset;
use ncstb::search::{self, Options, Strictness};

/// (query, duties any of which must rank first)
const JUDGED: &[(&str, &[u64])] = &[
    // exact words and phrases
    ("talent", &[9]),
    ("natural science", &[9]),
    ("academic leaders", &[9]),
    ("innovation capability", &[1]),
    ("cultivate", &[1]),
    ("priority area", &[1]),
    ("innovation system", &[1]),
    ("economic and social development", &[1]),
    ("system reform", &[2]),
    ("annual plans", &[2]),
    ("long-term planning", &[2]),
    ("budgeting", &[3]),
    ("final accounting", &[3]),
    ("innovation funds", &[3]),
    ("resource allocation", &[3]),
    ("S&T input", &[3]),
    ("basic research", &[4]),
    ("tackling key problems", &[4]),
    ("high-tech development", &[4]),
    ("torch plan", &[5]),
    ("spark plans", &[5]),
    ("commercialization", &[5]),
    ("research findings", &[5]),
    ("applied technology", &[5]),
    ("awards", &[6]),
    ("confidentiality", &[6]),
    ("statistical analysis", &[6]),
    ("technology market", &[6]),
    ("bid invitation", &[6]),
    ("intermediaries", &[6]),
    ("tertiary industry", &[6]),
    ("laws and regulations", &[6]),
    ("private", &[7]),
    ("private S&T work", &[7]),
    ("foreign cooperation", &[8]),
    ("international exchanges", &[8]),
    ("bilateral", &[8]),
    ("universities", &[8]),
    ("industrial S&T", &[10]),
    ("counties and districts", &[10]),
    ("party committee", &[11]),
    ("municipal party committee", &[11]),
    ("\"technology market\"", &[6]),
    ("\"final accounting\"", &[3]),
    // plurals and stems
    ("talents", &[9]),
    ("expenditure", &[3]),
    ("university", &[8]),
    ("award", &[6]),
    ("intermediary", &[6]),
    ("SMEs", &[1]),
    ("enterprises", &[1]),
    // British spellings
    ("commercialisation", &[5]),
    ("industrialisation", &[5]),
    ("popularisation", &[6]),
    ("international organisations", &[8]),
    ("organise bilateral exchanges", &[8]),
    // abbreviations, both ways
    ("intellectual property", &[6]),
    ("IP protection", &[6]),
    ("R&D", &[4]),
    ("research and development", &[4]),
    ("small and medium-sized enterprises", &[1]),
    ("S&T talent", &[9]),
    ("science and technology talents", &[9]),
    // typos: transposed, dropped, doubled and wrong letters
    ("talnet", &[9]),
    ("tallent", &[9]),
    ("inovation capabilty", &[1]),
    ("cooperaton", &[8]),
    ("achievments", &[6]),
    ("tecnology market", &[6]),
    ("sceince operating expenses", &[3]),
    ("confidentality", &[6]),
    ("industrialzation", &[5]),
    ("multilaterel", &[8]),
    // prefixes of the last word
    ("popular", &[6]),
    ("commercial", &[5]),
    ("bilat", &[8]),
    // longer relatives and derivations
    ("statistics", &[6]),
    ("popular science", &[6]),
    ("high-tech industry", &[5]),
    ("innovative capability", &[1]),
    ("commercial use of research", &[5]),
    ("funding", &[3]),
    // what officials ask, in their own words
    ("district science work", &[10]),
    ("SME", &[1, 5]),
    ("scientific research institutions", &[8]),
    ("technical leaders", &[9]),
    ("tech market", &[6]),
    ("patent protection", &[6]),
    ("overseas cooperation", &[8]),
    ("industrial technology advancement", &[10]),
    ("privately run S&T", &[7]),
    // several words, where no duty has them all the best partial match
    ("who is responsible for talent", &[9]),
    ("talent leaders selection", &[9]),
];

/// Queries that must find nothing: unrelated words, and traps one typo from a real word.
const NO_MATCH: &[&str] = &[
    "police",
    "internet",
    "organism",
    "departure",
    "polices",
    "patents",
    "agriculture",
    "plant",
    "plants",
    "tax",
    "taxes",
    "weather",
    "football",
    "banana",
    "hospital",
    "military",
    "xyzzy",
    "2024",
    "qqqq",
    "pizza delivery",
    "zoning",
];

fn first_ranks(dataset: &Dataset, query: &str) -> Vec<u64> {
    let duties = dataset.duties();
    let options = Options { limit: 11, strictness: Strictness::default(), all_words: false };
    let results = search::search(&duties, &[query.to_string()], &options).expect("query parses");
    results.hits.iter().map(|hit| hit.duty.number).collect()
}

#[test]
fn judged_queries_rank_the_right_duty_first() {
    let dataset = Dataset::embedded().unwrap();
    let (mut reciprocal_ranks, mut in_top_three, mut misses) = (0.0, 0, Vec::new());
    for &(query, relevant) in JUDGED {
        let ranked = first_ranks(&dataset, query);
        let rank = ranked.iter().position(|n| relevant.contains(n)).map(|i| i + 1);
        reciprocal_ranks += rank.map_or(0.0, |r| 1.0 / r as f64);
        in_top_three += usize::from(rank.is_some_and(|r| r <= 3));
        if rank != Some(1) {
            misses.push(format!("{query:?}: wanted {relevant:?} first, got {ranked:?}"));
        }
    }
    let mrr = reciprocal_ranks / JUDGED.len() as f64;
    let recall = in_top_three as f64 / JUDGED.len() as f64;
    println!("judged queries: {}, MRR {mrr:.3}, recall@3 {recall:.3}", JUDGED.len());
    assert!(JUDGED.len() >= 50);
    assert!(misses.is_empty(), "MRR {mrr:.3}, recall@3 {recall:.3}; misses:\n{}", misses.join("\n"));
}

#[test]
fn no_match_queries_find_nothing() {
    let dataset = Dataset::embedded().unwrap();
    let false_positives: Vec<String> = NO_MATCH
        .iter()
        .map(|query| (query, first_ranks(&dataset, query)))
        .filter(|(_, ranked)| !ranked.is_empty())
        .map(|(query, ranked)| format!("{query:?} found {ranked:?}"))
        .collect();
    println!("no-match queries: {}, false positives: {}", NO_MATCH.len(), false_positives.len());
    assert!(false_positives.is_empty(), "{}", false_positives.join("\n"));
}
