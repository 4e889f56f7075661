//! `ncstb show`: every ID form, ranges, lists, and the errors for duties that do not exist.

use crate::support::{assert_error, assert_golden, json_of, stdout_of};

fn numbers(args: &[&str]) -> Vec<u64> {
    let mut full = vec!["show"];
    full.extend(args);
    full.push("--json");
    json_of(&full).as_array().unwrap().iter().map(|d| d["number"].as_u64().unwrap()).collect()
}

#[test]
fn accepts_numbers_numerals_parentheses_ranges_and_lists() {
    for id in ["5", "V", "v", "(V)", "(v)", "nanchang-stb:5"] {
        assert_eq!(numbers(&[id]), [5], "{id}");
    }
    assert_eq!(numbers(&["2-4"]), [2, 3, 4]);
    assert_eq!(numbers(&["II-IV"]), [2, 3, 4]);
    assert_eq!(numbers(&["1,5,9"]), [1, 5, 9]);
    assert_eq!(numbers(&["9", "1-2", "IX"]), [9, 1, 2]);
}

#[test]
fn json_record_is_the_duty_with_its_clauses() {
    let duties = json_of(&["show", "VII", "--json"]);
    assert_eq!(
        duties,
        serde_json::json!([{
            "agency": "nanchang-stb", "number": 7, "numeral": "VII", "title": "Private S&T work",
            "text": "Administer centrally the city’s private S&T work.",
            "clauses": ["Administer centrally the city’s private S&T work."]
        }])
    );
}

#[test]
fn table_numbers_the_clauses() {
    let table = stdout_of(&["show", "V", "--format", "table", "--width", "80"]);
    assert_golden("show-V-80.txt", &table);
    assert!(table.contains("│ 3. ┆ organize the city’s implementation of S&T plans"));
}

#[test]
fn plain_prints_the_duty_record_line() {
    assert_eq!(
        stdout_of(&["show", "7", "--fields", "numeral,text"]),
        "VII\tAdminister centrally the city’s private S&T work.\n"
    );
}

#[test]
fn missing_duties_name_the_valid_range_and_the_nearest() {
    assert_error(&["show", "0"], 2, "no duty 0: duties are 1–11 (I–XI); the nearest is 1 (I)");
    assert_error(&["show", "12"], 2, "no duty 12: duties are 1–11 (I–XI); the nearest is 11 (XI)");
    assert_error(&["show", "XII"], 2, "no duty XII (12): duties are 1–11 (I–XI); the nearest is XI (11)");
    assert_error(&["show", "foo"], 2, "no duty \"foo\": duties are 1–11 (I–XI)");
    assert_error(&["show", "foo"], 2, "ncstb search foo");
    assert_error(&["show", "10-12"], 2, "no duty 12 (in 10-12)");
    assert_error(&["show", "4-2"], 2, "did you mean 2-4?");
    assert_error(&["show", "-1"], 2, "no duty \"-1\"");
    assert_error(&["show", ""], 2, "empty duty ID");
    assert_error(&["show", "5", "12"], 2, "no duty 12");
}

#[test]
fn show_needs_an_id() {
    let output = crate::support::run(&["show"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("<ID>"));
}

#[test]
fn search_hints_are_commands_that_work() {
    let hint = |args: &[&str]| {
        let stderr = String::from_utf8_lossy(&crate::support::run(args).stderr).into_owned();
        stderr.rsplit("run: ").next().unwrap().trim_end().to_string()
    };
    assert_eq!(hint(&["show", "--", "-x"]), "ncstb search -- -x");
    assert_eq!(
        hint(&["--data", "data/nanchang-stb.json", "--agency", "nanchang-stb", "show", "foo bar"]),
        "ncstb --data data/nanchang-stb.json --agency nanchang-stb search 'foo bar'"
    );
}
