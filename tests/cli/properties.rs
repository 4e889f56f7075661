//! Property tests: any query, any duty ID and any damaged dataset are handled without a panic,
//! and what comes back keeps its promises.

use ncstb::dataset::load::{parse, validate};
use ncstb::dataset::{Dataset, EMBEDDED_JSON};
use ncstb::ids;
use ncstb::search::{self, Options, Strictness};
use proptest::prelude::*;

/// Queries built from the words of the text, typos of them, and arbitrary Unicode.
fn query() -> impl Strategy<Value = String> {
    let word = prop_oneof![
        Just("talent".to_string()),
        Just("S&T".to_string()),
        Just("\"technology innovation\"".to_string()),
        Just("policies".to_string()),
        Just("inovation".to_string()),
        "[a-z]{1,12}",
        any::<String>(),
    ];
    prop::collection::vec(word, 1..6).prop_map(|words| words.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_query_returns_ranked_hits_or_a_usage_error(query in query(), exact in any::<bool>(), all_words in any::<bool>()) {
        let dataset = Dataset::embedded().unwrap();
        let duties = dataset.duties();
        let options = Options { limit: 11, strictness: Strictness { exact }, all_words };
        if let Ok(results) = search::search(&duties, std::slice::from_ref(&query), &options) {
            for pair in results.hits.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                // Scores equal exactly (the same ranking key) fall back to duty order.
                #[allow(clippy::float_cmp)]
                let tied = a.score == b.score;
                prop_assert!(a.score > b.score || (tied && a.duty.number < b.duty.number), "{query:?}");
            }
            for hit in &results.hits {
                prop_assert!(!hit.matches.is_empty());
                for clause in &hit.matches {
                    let length = clause.text.chars().count();
                    prop_assert!(clause.spans.iter().all(|&(start, end)| start < end && end <= length));
                    prop_assert!(!clause.terms.is_empty());
                }
            }
        }
    }

    #[test]
    fn any_duty_id_resolves_or_fails_cleanly(id in prop_oneof!["[0-9IVXLCDMivx(),: –-]{0,14}", any::<String>()]) {
        let dataset = Dataset::embedded().unwrap();
        match ids::resolve(std::slice::from_ref(&id), &dataset.agencies, "ncstb search") {
            Ok(found) => prop_assert!(found.iter().all(|(_, duty)| (1..=11).contains(&duty.number)), "{id:?}"),
            Err(err) => prop_assert!(!err.to_string().is_empty()),
        }
    }

    #[test]
    fn any_damaged_dataset_loads_or_fails_with_a_clear_error(
        edits in prop::collection::vec((any::<prop::sample::Index>(), 0u8..4, any::<char>()), 1..4)
    ) {
        let mut text: Vec<char> = EMBEDDED_JSON.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(text.len().max(1));
            match kind {
                0 if i < text.len() => { text.remove(i); }
                1 => text.insert(i.min(text.len()), c),
                2 if i < text.len() => text[i] = c,
                _ => text.truncate(i),
            }
        }
        let text: String = text.into_iter().collect();
        let parsed = parse("damaged.json", &text);
        let report = validate(&text);
        if let Err(err) = &parsed {
            let message = err.to_string();
            prop_assert!(message.starts_with("damaged.json: "), "{message}");
            prop_assert!(message.len() > "damaged.json: ".len());
        }
        // The fast path and the full validator agree on what is valid.
        prop_assert_eq!(parsed.is_ok(), report.problems.is_empty(), "{:?}", report.problems);
    }
}
