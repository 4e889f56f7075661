//! `ncstb list`: every duty, faithful to the source, in every format.

use crate::support::{assert_golden, json_of, source_duties, stdout_of};

#[test]
fn every_duty_matches_the_source_character_for_character() {
    let source = source_duties();
    assert_eq!(source.len(), 11, "the source document has eleven duties");
    let duties = json_of(&["list", "--format", "json"]);
    let duties = duties.as_array().expect("an array");
    assert_eq!(duties.len(), 11);
    for (i, (duty, (numeral, text))) in duties.iter().zip(&source).enumerate() {
        assert_eq!(duty["number"], i as u64 + 1);
        assert_eq!(duty["numeral"], numeral.as_str());
        assert_eq!(duty["text"], text.as_str(), "duty {numeral}");
        assert_eq!(duty["agency"], "nanchang-stb");
    }
    let first = duties[0]["text"].as_str().unwrap();
    assert!(first.contains("the city’s S&T development"), "curly apostrophe kept");
}

#[test]
fn json_records_carry_every_field_in_order_with_clauses() {
    let line = stdout_of(&["list", "--format", "ndjson"]).lines().nth(8).unwrap().to_string();
    let order: Vec<usize> = ["agency", "number", "numeral", "title", "text", "clauses"]
        .iter()
        .map(|key| line.find(&format!("\"{key}\":")).expect("every field present"))
        .collect();
    assert!(order.is_sorted(), "fields in documented order: {line}");
    let duties = json_of(&["list", "--json"]);
    let ninth = &duties[8];
    assert_eq!(ninth["numeral"], "IX");
    assert_eq!(ninth["title"], "S&T talent resources and leaders in natural science");
    let clauses: Vec<&str> =
        ninth["clauses"].as_array().unwrap().iter().map(|c| c.as_str().unwrap()).collect();
    assert_eq!(
        clauses,
        [
            "Coordinate with relevant departments to study rational allocation of the city’s S&T talent \
             resources, suggest on relevant policies to promote the full play of S&T talents",
            "take part in S&T talents management and the selection and cultivation of academic and technical \
             leaders in the field of natural science.",
        ]
    );
}

#[test]
fn json_is_compact_in_a_pipe() {
    let json = stdout_of(&["list", "--json"]);
    assert_eq!(json.lines().count(), 1);
    assert!(json.starts_with("[{\"agency\":\"nanchang-stb\",\"number\":1,"));
}

#[test]
fn plain_is_one_tab_separated_line_per_duty_without_header() {
    let plain = stdout_of(&["list"]);
    let lines: Vec<&str> = plain.lines().collect();
    assert_eq!(lines.len(), 11);
    for (i, line) in lines.iter().enumerate() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 5, "{line}");
        assert_eq!(fields[0], "nanchang-stb");
        assert_eq!(fields[1], (i + 1).to_string());
    }
    assert_eq!(
        lines[6],
        "nanchang-stb\t7\tVII\tPrivate S&T work\tAdminister centrally the city’s private S&T work."
    );
    assert_eq!(stdout_of(&["list", "--format", "plain"]), plain);
}

#[test]
fn ndjson_is_one_record_per_line() {
    let lines = stdout_of(&["list", "--format", "ndjson"]);
    let records: Vec<serde_json::Value> = lines.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(records.len(), 11);
    assert_eq!(records[4]["numeral"], "V");
    assert_eq!(records, json_of(&["list", "--json"]).as_array().unwrap().clone());
    assert_eq!(stdout_of(&["list", "--format", "jsonl"]), lines, "jsonl names JSON Lines too");
}

#[test]
fn csv_and_tsv_have_a_header_and_parse_back_exactly() {
    for (format, delimiter) in [("csv", b','), ("tsv", b'\t')] {
        let text = stdout_of(&["list", "--format", format]);
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(text.as_bytes());
        assert_eq!(reader.headers().unwrap(), vec!["agency", "number", "numeral", "title", "text"]);
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 11);
        for (row, (numeral, text)) in rows.iter().zip(source_duties()) {
            assert_eq!(&row[2], numeral);
            assert_eq!(&row[4], text);
        }
    }
}

#[test]
fn long_table_shows_whole_texts_and_short_table_their_start() {
    let short = stdout_of(&["list", "--format", "table"]);
    let long = stdout_of(&["list", "--format", "table", "--long"]);
    assert_golden("list-100.txt", &short);
    assert_golden("list-long-80.txt", &stdout_of(&["list", "--format", "table", "--long", "--width", "80"]));
    assert!(short.contains('…'));
    assert!(long.contains("promote science popularization development."));
    assert!(!short.contains("promote science popularization development."));
}

#[test]
fn tables_never_exceed_the_width() {
    for width in (10..=60).chain([79, 100, 150, 300]) {
        for args in [
            &["list"][..],
            &["list", "--long"],
            &["show", "1-11"],
            &["contact"],
            &["list", "--fields", "text,clauses"],
            &["list", "--fields", "agency,number,numeral,title,text,clauses"],
            &["search", "talent", "policy"],
        ] {
            let width_arg = width.to_string();
            let mut full = args.to_vec();
            full.extend(["--format", "table", "--width", &width_arg]);
            let table = String::from_utf8(crate::support::run(&full).stdout).unwrap();
            for line in table.lines() {
                assert!(line.chars().count() <= width, "ncstb {full:?}: line wider than {width}: {line}");
            }
        }
    }
}

#[test]
fn tables_keep_words_whole_and_narrow_screens_get_one_field_per_line() {
    let words: std::collections::HashSet<String> = (stdout_of(&["list", "--fields", "numeral,title,text"])
        + "No. Title Duty")
        .split_whitespace()
        .map(String::from)
        .collect();
    for width in [40, 44, 50, 60, 80] {
        let table = stdout_of(&["list", "--format", "table", "--width", &width.to_string()]);
        for line in table.lines().filter(|line| line.starts_with('│')) {
            for cell in line.split(['│', '┆']) {
                for word in cell.split_whitespace().filter(|word| *word != "…") {
                    assert!(words.contains(word), "width {width}: {word:?} is cut: {line}");
                }
            }
        }
    }
    // Below a readable width, or when the columns cannot hold their words: a field per line.
    let narrow = stdout_of(&["list", "--format", "table", "--width", "30"]);
    assert!(
        narrow.starts_with("No.: I\nTitle: S&T policy, development\n  strategy and innovation\n"),
        "{narrow}"
    );
    assert!(!narrow.contains('│'));
    let many = stdout_of(&[
        "list",
        "--format",
        "table",
        "--width",
        "60",
        "--fields",
        "agency,number,numeral,title,text",
    ]);
    assert!(many.starts_with("Agency: nanchang-stb\nNo.: 1\n"), "{many}");
    // At 200 columns a title that fits is not wrapped.
    let wide = stdout_of(&["search", "talent", "--format", "table", "--width", "200"]);
    assert!(wide.contains("S&T talent resources and leaders in natural science"), "{wide}");
}

#[test]
fn columns_sets_the_table_width() {
    let output =
        crate::support::ncstb().args(["list", "--format", "table"]).env("COLUMNS", "60").output().unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert_eq!(table.lines().map(|l| l.chars().count()).max(), Some(60));
}
