//! `--data`, `NCSTB_DATA`, `--agency`, `validate` and `schema`: other datasets, many agencies,
//! and bad files that must fail clearly.

use crate::support::{TempFile, assert_error, json_of, ncstb, repo_file, run, stdout_of};

const TWO: &str = "tests/fixtures/two-agencies.json";

fn fixture() -> String {
    format!("{}/{TWO}", env!("CARGO_MANIFEST_DIR"))
}

/// The two-agency fixture with `from` replaced by `to`.
fn variant(name: &str, from: &str, to: &str) -> TempFile {
    let text = repo_file(TWO);
    assert!(text.contains(from), "fixture contains {from:?}");
    TempFile::new(name, text.replacen(from, to, 1).as_bytes())
}

#[test]
fn records_carry_their_agency() {
    let data = fixture();
    let duties = json_of(&["--data", &data, "list", "--json"]);
    let pairs: Vec<(String, u64)> = duties
        .as_array()
        .unwrap()
        .iter()
        .map(|d| (d["agency"].as_str().unwrap().to_string(), d["number"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        pairs,
        [
            ("nanchang-stb".into(), 1),
            ("nanchang-stb".into(), 5),
            ("jiangxi-edu".into(), 1),
            ("jiangxi-edu".into(), 2)
        ]
    );
    assert_eq!(duties[2]["numeral"], "I");
    assert_eq!(duties[0]["title"], serde_json::Value::Null, "a missing title is null");
}

#[test]
fn show_takes_agency_prefixed_ids_and_refuses_ambiguous_ones() {
    let data = fixture();
    assert_eq!(
        stdout_of(&["--data", &data, "show", "jiangxi-edu:1", "5", "--fields", "agency,number"]),
        "jiangxi-edu\t1\nnanchang-stb\t5\n"
    );
    assert_error(
        &["--data", &data, "show", "1"],
        2,
        "duty 1 exists in 2 agencies: name one, as in nanchang-stb:1 or jiangxi-edu:1, or pick one with --agency",
    );
    assert_error(&["--data", &data, "show", "jiangxi:1"], 2, "no agency \"jiangxi\" in \"jiangxi:1\"");
    assert_error(
        &["--data", &data, "show", "jiangxi-edu:3"],
        2,
        "no duty 3: jiangxi-edu has duties 1–2 (I–II); the nearest is 2 (II)",
    );
}

#[test]
fn agency_selects_one_agency_for_every_command() {
    let data = fixture();
    assert_eq!(
        stdout_of(&["--data", &data, "--agency", "jiangxi-edu", "show", "1", "--fields", "agency"]),
        "jiangxi-edu\n"
    );
    assert_eq!(
        stdout_of(&["--data", &data, "--agency", "jiangxi-edu", "list", "--fields", "number"]),
        "1\n2\n"
    );
    assert_eq!(
        stdout_of(&["--data", &data, "contact", "--agency", "nanchang-stb", "--fields", "agency"]),
        "nanchang-stb\n"
    );
    let hits = json_of(&["--data", &data, "--agency", "jiangxi-edu", "search", "talent", "--json"]);
    assert_eq!(hits.as_array().unwrap().len(), 1);
    assert_eq!(hits[0]["agency"], "jiangxi-edu");
    assert_error(
        &["--data", &data, "--agency", "jiangxi", "list"],
        2,
        "no agency \"jiangxi\" (did you mean jiangxi-edu?)",
    );
    assert_error(&["--agency", "other", "list"], 2, "agencies are nanchang-stb");
}

#[test]
fn contact_prints_one_record_per_agency() {
    let data = fixture();
    let contacts = json_of(&["--data", &data, "contact", "--json"]);
    assert_eq!(contacts.as_array().unwrap().len(), 2);
    assert_eq!(contacts[0]["hotline"], "83884236");
    assert_eq!(contacts[1]["hotline"], serde_json::Value::Null);
    assert_eq!(contacts[1]["updated"], "2020-01-01");
    let cards = stdout_of(&["--data", &data, "contact", "--format", "vcard"]);
    assert_eq!(cards.matches("BEGIN:VCARD\r\n").count(), 2);
}

#[test]
fn search_uses_the_dataset_own_abbreviations() {
    let data = fixture();
    let hits = json_of(&["--data", &data, "search", "VET", "--json"]);
    assert_eq!(hits[0]["agency"], "jiangxi-edu");
    assert_eq!(hits[0]["matches"][0]["terms"][0]["kind"], "abbreviation");
}

#[test]
fn the_environment_and_standard_input_name_the_data_too() {
    let data = fixture();
    let from_env = ncstb().env("NCSTB_DATA", &data).args(["list", "--fields", "agency"]).output().unwrap();
    assert_eq!(
        String::from_utf8(from_env.stdout).unwrap(),
        "nanchang-stb\nnanchang-stb\njiangxi-edu\njiangxi-edu\n"
    );
    let from_stdin = ncstb()
        .args(["--data", "-", "contact", "--fields", "agency"])
        .write_stdin(repo_file(TWO))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(from_stdin.stdout).unwrap(), "nanchang-stb\njiangxi-edu\n");
    let flag_wins = ncstb()
        .env("NCSTB_DATA", "/nonexistent")
        .args(["--data", &data, "contact", "--fields", "agency"])
        .output()
        .unwrap();
    assert_eq!(flag_wins.status.code(), Some(0));
}

#[test]
fn broken_files_fail_with_a_pointer_and_nothing_on_stdout() {
    let text = repo_file(TWO);
    let cases: Vec<(TempFile, &str)> = vec![
        (
            TempFile::new("truncated.json", &text.as_bytes()[..200]),
            "truncated.json: invalid JSON: EOF while parsing",
        ),
        (
            variant("version.json", "\"schema_version\": 1", "\"schema_version\": 2"),
            "/schema_version: schema_version is 2, but this ncstb reads version 1",
        ),
        (
            variant("ids.json", "\"jiangxi-edu\"", "\"nanchang-stb\""),
            "/agencies/1/id: duplicate agency id \"nanchang-stb\"",
        ),
        (
            variant("numbers.json", "\"number\": 2,", "\"number\": 1,"),
            "/agencies/1/functions/1/number: duplicate duty number 1 in agency \"jiangxi-edu\"",
        ),
        (
            variant("zero.json", "\"number\": 5,", "\"number\": 0,"),
            "/agencies/0/functions/1/number: duty number must be 1 or more, not 0",
        ),
        (
            variant("numeral.json", "\"numeral\": \"I\"", "\"numeral\": \"II\""),
            "/agencies/1/functions/0/numeral: numeral \"II\" disagrees with number 1",
        ),
        (
            variant("missing.json", "\"text\": \"Promote S&T talent.\"", "\"title2\": \"x\""),
            "/agencies/0/functions/1/text: required field is missing",
        ),
        (
            variant("misspelt.json", "\"title\": \"Talent\"", "\"titel\": \"Talent\""),
            "/agencies/0/functions/1/titel: unknown field \"titel\" (did you mean title?)",
        ),
        (
            variant("empty-text.json", "\"text\": \"Promote S&T talent.\"", "\"text\": \"  \""),
            "/agencies/0/functions/1/text: duty text is empty",
        ),
        (
            variant("type.json", "\"number\": 5,", "\"number\": \"5\","),
            "/agencies/0/functions/1/number: expected an integer, found a string (\"5\")",
        ),
        (
            variant("huge.json", "\"number\": 5,", "\"number\": 18446744073709551616,"),
            "expected an integer, found the number",
        ),
        (TempFile::new("empty.json", b""), "empty.json: the file is empty"),
        (TempFile::new("array.json", b"[]"), "array.json: expected an object, found an array"),
        (TempFile::new("garbage.json", format!("{text} x").as_bytes()), "invalid JSON: trailing characters"),
        (
            TempFile::new("deep.json", "[".repeat(100_000).as_bytes()),
            "invalid JSON: recursion limit exceeded",
        ),
        (
            TempFile::new("binary.json", &[0xff, 0xfe, 0x00, 0x12]),
            "binary.json: not UTF-8 text (invalid byte at offset 0)",
        ),
    ];
    for (file, fragment) in &cases {
        assert_error(&["--data", file.path(), "list"], 2, fragment);
    }
    assert_error(
        &["--data", "/nonexistent/agencies.json", "list"],
        2,
        "/nonexistent/agencies.json: cannot read: No such file",
    );
    let dir = std::env::temp_dir();
    assert_error(&["--data", dir.to_str().unwrap(), "list"], 2, "is a directory, not a dataset file");
}

#[test]
fn a_byte_order_mark_is_tolerated() {
    let file = TempFile::new("bom.json", format!("\u{feff}{}", repo_file(TWO)).as_bytes());
    assert_eq!(stdout_of(&["--data", file.path(), "list", "--fields", "number"]), "1\n5\n1\n2\n");
}

#[test]
fn validate_lists_every_problem_of_every_file() {
    let good = fixture();
    let bad = variant("bad.json", "\"jiangxi-edu\"", "\"nanchang-stb\"");
    let bad_text = std::fs::read_to_string(bad.path())
        .unwrap()
        .replace("\"title\": \"Talent\"", "\"titel\": \"Talent\"");
    std::fs::write(&bad.0, bad_text).unwrap();
    let output = run(&["validate", &good, bad.path()]);
    assert_eq!(output.status.code(), Some(2));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0], format!("{good}: ok: 2 agencies, 4 duties"));
    assert!(lines[1].ends_with("/agencies/0/functions/1/titel: unknown field \"titel\" (did you mean title?): fields here are number, numeral, text or title"), "{}", lines[1]);
    assert!(lines[2].ends_with("/agencies/1/id: duplicate agency id \"nanchang-stb\""), "{}", lines[2]);
    assert_eq!(String::from_utf8_lossy(&output.stderr), "ncstb: error: 2 problems in 1 of 2 files\n");

    let ok = run(&["validate", &good]);
    assert_eq!(ok.status.code(), Some(0));
    assert!(ok.stderr.is_empty());

    let json = run(&["validate", bad.path(), "--json"]);
    let reports: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(reports[0]["ok"], false);
    assert_eq!(reports[0]["problems"][1]["pointer"], "/agencies/1/id");
    assert_eq!(json.status.code(), Some(2));
}

#[test]
fn schema_is_draft_2020_12_and_matches_the_committed_copy() {
    let schema = stdout_of(&["schema"]);
    assert!(
        repo_file("data/schema.json") == schema,
        "data/schema.json is stale: regenerate it with `cargo run -- schema > data/schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert_eq!(schema["required"], serde_json::json!(["schema_version", "agencies"]));
    assert_eq!(schema["$defs"]["Duty"]["required"], serde_json::json!(["number", "text"]));
    assert_eq!(schema["$defs"]["Duty"]["additionalProperties"], false);
}

#[test]
fn a_bad_dataset_on_standard_input_points_to_a_validate_that_works() {
    let output = crate::support::ncstb()
        .args(["--data", "-", "list"])
        .write_stdin(
            r#"{"schema_version":1,"agencies":[{"id":"a","name":"","functions":[{"number":0,"text":""}]}]}"#,
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.ends_with("(and 2 more; the same input piped to `ncstb validate -` lists them all)\n"),
        "{stderr}"
    );
}

#[test]
fn standard_input_is_validated_once_and_missing_duties_name_what_exists() {
    crate::support::assert_error(
        &["validate", "-", "-"],
        2,
        "standard input (-) can be read once: give - once",
    );
    crate::support::assert_error(
        &["--data", "tests/fixtures/two-agencies.json", "show", "30"],
        2,
        "no agency has a duty 30: nanchang-stb has 1 and 5 (I and V); jiangxi-edu has 1–2 (I–II); write AGENCY:N",
    );
}

#[test]
fn several_data_files_merge_their_agencies() {
    let (a, b) = ("tests/fixtures/judged/hongzhou-city.json", "tests/fixtures/judged/beiyuan-city.json");
    let agencies = |output: String| {
        let mut ids: Vec<String> = output.lines().skip(1).map(String::from).collect();
        ids.dedup();
        ids
    };
    let both = [
        "hongzhou-sci-tech",
        "hongzhou-health",
        "hongzhou-market",
        "beiyuan-education",
        "beiyuan-agriculture",
    ];
    let listed = stdout_of(&["list", "--data", a, "--data", b, "--format", "tsv", "--fields", "agency"]);
    assert_eq!(agencies(listed), both);
    // NCSTB_DATA holds several paths, separated as in PATH.
    let output = ncstb()
        .args(["contact", "--format", "tsv", "--fields", "agency"])
        .env("NCSTB_DATA", format!("{a}:{b}"))
        .output()
        .unwrap();
    assert_eq!(agencies(String::from_utf8(output.stdout).unwrap()), both);
    // An agency in two files is an error naming both.
    assert_error(
        &["list", "--data", a, "--data", "tests/fixtures/two-agencies.json", "--data", a],
        2,
        &format!("{a}: /agencies/0/id: agency id \"hongzhou-sci-tech\" is also in {a}"),
    );
    assert_error(&["list", "--data", "-", "--data", "-"], 2, "standard input (-) may be read only once");
}

/// A dataset file of `agencies` agencies (some 5 MB for 20,000), read and parsed in two halves.
fn large_dataset(agencies: usize, bad_at: Option<usize>) -> String {
    let agency = |i: usize| {
        let number = i32::from(Some(i) != bad_at);
        format!(
            r#"{{"id":"a{i}","name":"第{i}局","functions":[{{"number":{number},"text":"负责全区科技人才引进和培养工作，组织实施重大科技项目；承办区政府交办的其他事项。"}},{{"number":2,"text":"Promote S&T talent in district {i}."}}]}}"#
        )
    };
    let agencies: Vec<String> = (0..agencies).map(agency).collect();
    format!("{{\n  \"schema_version\": 1,\n  \"agencies\": [\n    {}\n  ]\n}}\n", agencies.join(",\n    "))
}

#[test]
fn a_large_file_reads_and_parses_in_halves_as_a_small_one_does() {
    let text = large_dataset(20_000, None);
    assert!(text.len() > 4 << 20, "large enough for two threads: {}", text.len());
    let file = TempFile::new("large.json", text.as_bytes());
    let ids = stdout_of(&["--data", file.path(), "list", "--format", "tsv", "--fields", "agency"]);
    let expected: Vec<String> = (0..20_000).flat_map(|i| [format!("a{i}"), format!("a{i}")]).collect();
    assert_eq!(ids, format!("agency\n{}\n", expected.join("\n")));
    let hits = json_of(&["--data", file.path(), "search", "--format", "json", "--limit", "3", "人才引进"]);
    assert_eq!(hits.as_array().map(Vec::len), Some(3));

    // A problem in the second half is named with its pointer, as in a small file...
    let bad = TempFile::new("large-bad.json", large_dataset(20_000, Some(15_000)).as_bytes());
    assert_error(
        &["--data", bad.path(), "list"],
        2,
        "/agencies/15000/functions/0/number: duty number must be 1",
    );
    // ...and so is a byte that is not UTF-8, at its offset.
    let mut bytes = text.into_bytes();
    let quarter = bytes.len() * 3 / 4;
    let at = quarter + bytes[quarter..].iter().position(|&b| b == b'"').unwrap();
    bytes[at] = 0xff;
    let binary = TempFile::new("large-binary.json", &bytes);
    assert_error(
        &["--data", binary.path(), "list"],
        2,
        &format!("not UTF-8 text (invalid byte at offset {at})"),
    );
}
