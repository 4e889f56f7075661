//! The published JSON Schemas of the output records (`ncstb schema --output RECORD`, committed
//! under `data/schemas/`): current, and satisfied by what every command writes.

use serde_json::Value;

use crate::support::{ncstb, repo_file, stdout_of};

const RECORDS: [&str; 5] = ["duty", "contact", "hit", "validation", "batch"];

#[test]
fn the_committed_schemas_are_current() {
    for record in RECORDS {
        let schema = stdout_of(&["schema", "--output", record]);
        assert!(
            repo_file(&format!("data/schemas/{record}.json")) == schema,
            "data/schemas/{record}.json is stale: regenerate it with \
             `cargo run -- schema --output {record} > data/schemas/{record}.json`"
        );
    }
}

fn validator(record: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&repo_file(&format!("data/schemas/{record}.json"))).unwrap();
    jsonschema::validator_for(&schema).unwrap_or_else(|e| panic!("{record}: {e}"))
}

/// Every value of `output` (a JSON array's elements, or JSON Lines) satisfies the schema of
/// `record`; returns how many there were.
fn assert_valid(record: &str, output: &str, what: &str) -> usize {
    let validator = validator(record);
    let values: Vec<Value> = match serde_json::from_str::<Value>(output) {
        Ok(Value::Array(values)) => values,
        _ => output.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect(),
    };
    for value in &values {
        let errors: Vec<String> = validator.iter_errors(value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{what}: {errors:?}\n{value}");
    }
    values.len()
}

#[test]
fn every_commands_json_satisfies_its_schema() {
    let datasets: [&[&str]; 5] = [
        &[],
        &["--data", "tests/fixtures/documents.json"],
        &["--data", "tests/fixtures/two-agencies.json"],
        &["--data", "tests/fixtures/concepts.json"],
        &["--data", "tests/fixtures/judged/beiyuan-city.json"],
    ];
    for data in datasets {
        for format in ["json", "ndjson"] {
            let run = |args: &[&str]| stdout_of(&[data, args, &["--format", format]].concat());
            assert!(assert_valid("duty", &run(&["list"]), "list") > 0);
            let first = run(&["list", "--fields", "agency,number"]);
            let first: Value = match serde_json::from_str::<Value>(&first) {
                Ok(Value::Array(records)) => records[0].clone(),
                _ => serde_json::from_str(first.lines().next().unwrap()).unwrap(),
            };
            let id = format!("{}:{}", first["agency"].as_str().unwrap(), first["number"]);
            assert_valid("duty", &run(&["show", &id]), "show");
            assert_valid("contact", &run(&["contact"]), "contact");
        }
        for query in
            ["talent", "talnet", "patents", "science innovation", "\"S&T\"", "inov", "水利", "规划 管理"]
        {
            let output =
                ncstb().args(data).args(["search", query, "--json", "--limit", "50"]).output().unwrap();
            assert_valid("hit", &String::from_utf8(output.stdout).unwrap(), query);
        }
        let batch = ncstb()
            .args(data)
            .args(["search", "--batch", "--limit", "5"])
            .write_stdin("talent\npatents\n\"unclosed\nnothing-matches-this\n水利\n")
            .output()
            .unwrap();
        assert_eq!(assert_valid("batch", &String::from_utf8(batch.stdout).unwrap(), "batch"), 5);
    }
    let validation = ncstb()
        .args([
            "validate",
            "data/nanchang-stb.json",
            "tests/fixtures/invalid.json",
            "tests/fixtures/hostile.json",
        ])
        .args(["--json"])
        .output()
        .unwrap();
    assert_eq!(assert_valid("validation", &String::from_utf8(validation.stdout).unwrap(), "validate"), 3);
}

#[test]
fn a_record_that_breaks_its_schema_is_caught() {
    let validator = validator("hit");
    let hit: Value = serde_json::from_str(&stdout_of(&["search", "patents", "--json"])).unwrap();
    let mut broken = hit[0].clone();
    broken["matches"][0]["terms"][0]["kind"] = "guess".into();
    assert!(!validator.is_valid(&broken));
    let mut missing = hit[0].clone();
    missing.as_object_mut().unwrap().remove("score");
    assert!(!validator.is_valid(&missing));
    assert!(validator.is_valid(&hit[0]));
}
