//! `ncstb search`: the JSON hit shape, output formats, options and exit codes.

use crate::support::{assert_error, json_of, ncstb, run, stdout_of};

#[test]
fn a_typo_hit_reports_the_clause_span_and_term() {
    let hits = json_of(&["search", "talnet", "--json"]);
    let hit = &hits[0];
    assert_eq!(hit["numeral"], "IX");
    assert_eq!(hit["agency"], "nanchang-stb");
    assert_eq!(hit["partial"], false);
    assert!(hit["score"].as_f64().unwrap() > 0.0);
    assert_eq!(hit["clauses"].as_array().unwrap().len(), 2);
    let first = &hit["matches"][0];
    assert_eq!(first["clause"], 1);
    let text = first["text"].as_str().unwrap();
    assert!(text.starts_with("Coordinate with relevant departments"));
    assert_eq!(
        first["terms"],
        serde_json::json!([{
            "query": "talnet", "matched": "talent", "kind": "typo", "typos": 1, "via": null, "relation": null
        }])
    );
    let spans = first["spans"].as_array().unwrap();
    assert!(!spans.is_empty());
    for span in spans {
        let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
        let marked: String = text.chars().skip(start).take(end - start).collect();
        assert_eq!(marked.to_lowercase(), "talent", "span {start}..{end} of {text}");
    }
}

#[test]
fn hits_keep_the_documented_field_order() {
    let line = stdout_of(&["search", "talent", "--format", "ndjson"]);
    let order: Vec<usize> =
        ["agency", "number", "numeral", "title", "text", "clauses", "score", "partial", "matches"]
            .iter()
            .map(|key| line.find(&format!("\"{key}\":")).expect("field present"))
            .collect();
    assert!(order.is_sorted(), "{line}");
    assert!(line.contains(r#""matches":[{"clause":1,"text":"#), "{line}");
}

#[test]
fn kinds_of_match_are_named() {
    let kind = |query: &str| {
        let hits = json_of(&["search", query, "--json"]);
        hits[0]["matches"][0]["terms"][0]["kind"].as_str().unwrap().to_string()
    };
    assert_eq!(kind("talent"), "exact");
    assert_eq!(kind("universities"), "exact");
    assert_eq!(kind("university"), "stem");
    assert_eq!(kind("IP"), "abbreviation");
    assert_eq!(kind("bilat"), "prefix");
    assert_eq!(kind("cooperaton"), "typo");
    for form in ["hitech", "hi-tech", "high-tech", "hightech"] {
        let hits = json_of(&["search", form, "--json"]);
        let numerals: Vec<&str> =
            hits.as_array().unwrap().iter().map(|h| h["numeral"].as_str().unwrap()).collect();
        assert_eq!(numerals, ["IV", "V"], "{form}");
    }
    for form in ["sci-tech", "scitech"] {
        assert_eq!(kind(form), "abbreviation", "{form}");
    }
}

#[test]
fn plain_lines_carry_numeral_title_score_and_best_clause() {
    let plain = stdout_of(&["search", "private"]);
    let fields: Vec<&str> = plain.trim_end().split('\t').collect();
    assert_eq!(fields.len(), 4, "{plain}");
    assert_eq!(&fields[..2], ["VII", "Private S&T work"]);
    assert!(fields[2].parse::<f64>().is_ok());
    assert_eq!(fields[3], "Administer centrally the city’s private S&T work.");
    let csv = stdout_of(&["search", "private", "--format", "csv"]);
    assert!(csv.starts_with("numeral,title,score,clause\n"), "{csv}");
}

#[test]
fn highlights_matches_only_with_colour() {
    let coloured = stdout_of(&["search", "talent", "--format", "table", "--color", "always"]);
    assert!(coloured.contains("\x1b[1;31mtalent\x1b[0m"), "{coloured}");
    let plain_table = stdout_of(&["search", "talent", "--format", "table"]);
    assert!(!plain_table.contains('\x1b'));
    assert!(plain_table.contains("│ 1 ┆ IX"), "{plain_table}");
}

#[test]
fn nothing_found_exits_1_with_empty_results() {
    let json = run(&["search", "police", "--json"]);
    assert_eq!(json.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&json.stdout), "[]\n");
    assert!(json.stderr.is_empty());
    let plain = run(&["search", "police"]);
    assert_eq!(plain.status.code(), Some(1));
    assert!(plain.stdout.is_empty() && plain.stderr.is_empty());
    let table = run(&["search", "polices", "--format", "table"]);
    assert_eq!(table.status.code(), Some(1));
    assert!(table.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&table.stderr),
        "ncstb: no duty matches \"polices\" (did you mean \"policies\"?)\n"
    );
    // "policies" is two edits from "police", beyond a six-letter word's budget of one.
    let far = run(&["search", "police", "--format", "table"]);
    assert_eq!(String::from_utf8_lossy(&far.stderr), "ncstb: no duty matches \"police\"\n");
}

#[test]
fn partial_matches_are_marked_and_all_words_drops_them() {
    let hits = json_of(&["search", "talent", "guitar", "--json"]);
    assert_eq!(hits[0]["numeral"], "IX");
    assert_eq!(hits[0]["partial"], true);
    let strict = run(&["search", "talent", "guitar", "--all-words", "--json"]);
    assert_eq!(strict.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&strict.stdout), "[]\n");
    let full = json_of(&["search", "talent", "leaders", "--json"]);
    assert_eq!(full[0]["partial"], false);
}

#[test]
fn limit_and_exact() {
    assert_eq!(json_of(&["search", "development", "--limit", "2", "--json"]).as_array().unwrap().len(), 2);
    assert_eq!(json_of(&["search", "development", "-n", "1", "--json"]).as_array().unwrap().len(), 1);
    let exact = run(&["search", "talnet", "--exact", "--json"]);
    assert_eq!(exact.status.code(), Some(1));
    assert_eq!(json_of(&["search", "talents", "--exact", "--json"])[0]["numeral"], "IX");
}

#[test]
fn a_typo_never_outranks_an_exact_match() {
    // No duty has both words: IX has "talent" exactly, VIII has "cooperation", one typo away.
    let hits = json_of(&["search", "cooperaton", "talent", "--json"]);
    let ranked: Vec<(&str, &str)> = hits
        .as_array()
        .unwrap()
        .iter()
        .map(|h| (h["numeral"].as_str().unwrap(), h["matches"][0]["terms"][0]["kind"].as_str().unwrap()))
        .collect();
    assert_eq!(ranked, [("IX", "exact"), ("VIII", "typo")]);
    let scores: Vec<f64> = hits.as_array().unwrap().iter().map(|h| h["score"].as_f64().unwrap()).collect();
    assert!(scores[0] > scores[1], "scores fall with rank: {scores:?}");
}

#[test]
fn bad_queries_are_usage_errors() {
    assert_error(&["search", ""], 2, "the query is empty");
    assert_error(&["search", "   "], 2, "the query is empty");
    assert_error(&["search", "!!!"], 2, "has no words to search for");
    assert_error(&["search", "\"talent"], 2, "unbalanced quote");
    let output = ncstb().args(["search", "talent", "--limit", "0"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let missing = run(&["search"]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn a_dataset_adds_concepts_and_hits_explain_them() {
    let data = "tests/fixtures/concepts.json";
    let hits = json_of(&["--data", data, "search", "mooring spots", "--json"]);
    assert_eq!(hits[0]["number"], 1);
    let term = &hits[0]["matches"][0]["terms"][0];
    assert_eq!(term["kind"], "concept");
    assert_eq!(term["via"], "berth allocation");
    assert_eq!(term["relation"], "synonym");
    let related = json_of(&["--data", data, "search", "harbour pilots", "--json"]);
    assert_eq!(related[0]["number"], 2);
    let built_in = json_of(&["search", "inventions", "--json"]);
    assert_eq!(built_in[0]["numeral"], "VI");
    assert_eq!(built_in[0]["matches"][0]["terms"][0]["via"], "intellectual property");
}

#[test]
fn common_words_alone_do_not_answer_a_query_about_something_else() {
    let nothing = run(&["search", "social", "security", "--format", "table"]);
    assert_eq!(nothing.status.code(), Some(1));
    assert!(nothing.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&nothing.stderr),
        "ncstb: no duty matches \"social security\": nothing matches \"security\"\n"
    );
    assert_eq!(
        json_of(&["search", "who", "is", "in", "charge", "of", "patents", "--json"])[0]["numeral"],
        "VI"
    );
    // A real English word is never a typo of another: countries is not counties.
    let countries = run(&["search", "countries", "--json"]);
    assert_eq!(countries.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&countries.stdout), "[]\n");
}

#[test]
fn a_misspelt_term_is_corrected_then_expanded_to_its_broader_concept() {
    // pattents is patents with a typo; patents is a narrower concept of intellectual property,
    // which duty VI names.
    let hits = json_of(&["search", "--format", "json", "pattents"]);
    assert_eq!(hits[0]["numeral"], "VI");
    let term = &hits[0]["matches"][0]["terms"][0];
    assert_eq!(
        (term["kind"].as_str(), term["typos"].as_u64(), term["via"].as_str(), term["relation"].as_str()),
        (Some("concept"), Some(1), Some("intellectual property"), Some("broader"))
    );
}
