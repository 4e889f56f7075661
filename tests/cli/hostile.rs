//! Hardening: a hostile dataset through every command and format, a table of bad invocations
//! and bad files, none of which may panic, hang, or let a control character reach a terminal.

use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;

use crate::support::{ncstb, repo_file};

const HOSTILE: &str = "tests/fixtures/hostile.json";

fn hostile() -> String {
    format!("{}/{HOSTILE}", env!("CARGO_MANIFEST_DIR"))
}

/// The first character a terminal could act on, outside our own colour codes when `colour`.
fn first_unsafe(text: &str, allowed: &[char], colour: bool) -> Option<(usize, char)> {
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c == '\x1b' && colour && text[at..].starts_with("\x1b[") {
            // Our SGR colour codes: ESC [ digits and semicolons m.
            let code: String =
                text[at + 2..].chars().take_while(|c| c.is_ascii_digit() || *c == ';').collect();
            if text[at + 2 + code.len()..].starts_with('m') {
                for _ in 0..code.len() + 2 {
                    chars.next();
                }
                continue;
            }
        }
        if ncstb::sanitize::is_unsafe(c) && !allowed.contains(&c) {
            return Some((at, c));
        }
    }
    None
}

#[test]
fn no_control_character_reaches_the_terminal_from_a_hostile_dataset() {
    let data = hostile();
    let commands: [&[&str]; 8] = [
        &["list"],
        &["list", "--long"],
        &["list", "--fields", "agency,title,text,clauses"],
        &["show", "1-2"],
        &["show", "ii", "--fields", "clauses,title"],
        &["search", "talent"],
        &["search", "zero width", "right-to-left"],
        &["contact"],
    ];
    let mut checked = 0;
    for command in commands {
        for (format, allowed) in [
            ("table", &['\n'][..]),
            ("plain", &['\n', '\t'][..]),
            ("json", &['\n'][..]),
            ("ndjson", &['\n'][..]),
        ] {
            for colour in ["always", "never"] {
                let mut args = vec!["--data", data.as_str()];
                args.extend(command);
                args.extend(["--format", format, "--color", colour]);
                let output = ncstb().args(&args).output().unwrap();
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "{args:?}: {}",
                    String::from_utf8_lossy(&output.stderr)
                );
                let stdout = String::from_utf8(output.stdout).unwrap();
                assert!(!stdout.is_empty(), "{args:?}");
                let unsafe_char = first_unsafe(&stdout, allowed, colour == "always" && format == "table");
                assert_eq!(unsafe_char, None, "{args:?} printed a control character:\n{stdout}");
                checked += 1;
            }
        }
    }
    let card = ncstb().args(["--data", &data, "contact", "--format", "vcard"]).output().unwrap();
    let card = String::from_utf8(card.stdout).unwrap();
    assert_eq!(first_unsafe(&card, &['\r', '\n'], false), None, "{card}");
    assert_eq!(checked, 64);
}

#[test]
fn json_escapes_what_serde_json_would_pass_raw() {
    let output = ncstb().args(["--data", &hostile(), "show", "1", "--json"]).output().unwrap();
    let json = String::from_utf8(output.stdout).unwrap();
    for escape in ["\\u001b", "\\u2028", "\\u007f", "\\u202e", "\\u202c"] {
        assert!(json.contains(escape), "{escape} in {json}");
    }
    let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(parsed[0]["text"].as_str().unwrap().contains("talent\u{1b}[2J"), "the data survives exactly");
}

#[test]
fn csv_in_a_pipe_keeps_the_data_exact_and_quoted() {
    let output = ncstb().args(["--data", &hostile(), "contact", "--format", "csv"]).output().unwrap();
    let csv_text = String::from_utf8(output.stdout).unwrap();
    assert!(
        csv_text.lines().nth(1).unwrap().starts_with("\"evil\u{1b}[2J\","),
        "every field quoted: {csv_text:?}"
    );
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let row = reader.records().next().unwrap().unwrap();
    assert_eq!(&row[2], "4F\rOVERWRITTEN");
    assert_eq!(&row[4], "838\u{9b}31m84236");
}

#[test]
fn errors_about_hostile_input_are_escaped() {
    let data = hostile();
    for args in [
        vec!["--data", data.as_str(), "--agency", "evil\x1b]52;c;eA==\x07", "list"],
        vec!["--data", data.as_str(), "show", "\x1b[2J"],
        vec!["--data", data.as_str(), "search", "\x1b[2Jqqqqqq", "--format", "table"],
        vec!["list", "--format", "\x1b[2Jtable"],
        vec!["list", "--fields", "\u{202e}title"],
    ] {
        let output = ncstb().args(&args).output().unwrap();
        assert!(output.status.code() == Some(1) || output.status.code() == Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(!stderr.is_empty(), "{args:?}");
        assert_eq!(first_unsafe(&stderr, &['\n'], false), None, "{args:?}: {stderr:?}");
    }
}

/// Files that are not datasets, written to a temporary directory.
fn bad_files() -> (std::path::PathBuf, Vec<(&'static str, Vec<u8>)>) {
    let dir = std::env::temp_dir().join(format!("ncstb-bad-files-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let text = repo_file("data/nanchang-stb.json");
    let mut random = Vec::with_capacity(3 << 20);
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    while random.len() < 3 << 20 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        random.extend_from_slice(&state.to_le_bytes());
    }
    let files = vec![
        ("empty.json", Vec::new()),
        ("blank.json", b"  \n\t ".to_vec()),
        ("array.json", b"[{\"schema_version\": 1}]".to_vec()),
        ("string.json", b"\"dataset\"".to_vec()),
        ("null.json", b"null".to_vec()),
        ("object.json", b"{}".to_vec()),
        ("garbage.json", format!("{text}\n}}}}").into_bytes()),
        ("deep.json", "[".repeat(100_000).into_bytes()),
        ("deep-object.json", "{\"a\":".repeat(100_000).into_bytes()),
        ("random.json", random),
        (
            "big-number.json",
            text.replacen("\"number\": 1,", "\"number\": 123456789012345678901234567890,", 1).into_bytes(),
        ),
        ("float-number.json", text.replacen("\"number\": 1,", "\"number\": 1.5,", 1).into_bytes()),
        ("negative-number.json", text.replacen("\"number\": 1,", "\"number\": -1,", 1).into_bytes()),
        ("version.json", text.replacen("\"schema_version\": 1", "\"schema_version\": 99", 1).into_bytes()),
        ("truncated.json", text.as_bytes()[..text.len() / 2].to_vec()),
        ("nul.json", b"\0\0\0\0".to_vec()),
        ("latin1.json", b"{\"schema_version\": 1, \"agencies\": [{\"id\": \"caf\xe9\"}]}".to_vec()),
    ];
    (dir, files)
}

#[test]
fn bad_invocations_and_bad_files_fail_cleanly() {
    let long_query = "talent ".repeat(15_000);
    // Forty different words: a word said twice counts once.
    let many_words: String = (0..40).map(|i| format!("word{i} ")).collect();
    let huge_word = "a".repeat(100_000);
    #[rustfmt::skip]
    let cases: Vec<(Vec<&str>, i32, &str)> = vec![
        (vec!["show", ""], 2, "empty duty ID"),
        (vec!["show", " "], 2, "empty duty ID"),
        (vec!["show", "-1"], 2, "no duty \"-1\""),
        (vec!["show", "1-"], 2, "no duty \"1-\""),
        (vec!["show", "-"], 2, "no duty \"-\""),
        (vec!["show", "5-2x"], 2, "no duty \"5-2x\""),
        (vec!["show", "99999999999999999999999999999"], 2, "no duty that large"),
        (vec!["show", "18446744073709551615"], 2, "no duty 18446744073709551615: duties are 1–11"),
        (vec!["show", "MMMM"], 2, "not a standard numeral"),
        (vec!["show", "IIII"], 2, "not a standard numeral"),
        (vec!["show", "0"], 2, "no duty 0"),
        (vec!["show", "12"], 2, "the nearest is 11 (XI)"),
        (vec!["show", "XII"], 2, "the nearest is XI (11)"),
        (vec!["show", "foo"], 2, "ncstb search foo"),
        (vec!["show", "4-2"], 2, "runs backwards"),
        (vec!["show", "1,,2"], 2, "empty duty ID"),
        (vec!["show", "(5"], 2, "no duty \"(5\""),
        (vec!["show", "1.5"], 2, "no duty \"1.5\""),
        (vec!["show", "x:5"], 2, "no agency \"x\""),
        (vec!["show", ":5"], 2, "no agency \"\""),
        (vec!["show", "1-99999999999999"], 2, "no duty 99999999999999 (in 1-99999999999999)"),
        (vec!["show"], 2, "<ID>"),
        (vec!["search", ""], 2, "the query is empty"),
        (vec!["search", "  \t "], 2, "the query is empty"),
        (vec!["search", &long_query], 2, "the query is too long"),
        (vec!["search", &huge_word], 2, "the query is too long"),
        (vec!["search", &many_words], 2, "at most 32 are searched"),
        (vec!["search", "\"talent"], 2, "unbalanced quote"),
        (vec!["search", "talent\""], 2, "unbalanced quote"),
        (vec!["search", "!!! ;;; ..."], 2, "no words to search for"),
        (vec!["search", "\x01\x02\x1b"], 2, "no words to search for"),
        (vec!["search", "\"\""], 2, "no words to search for"),
        (vec!["search"], 2, "<WORDS>"),
        (vec!["search", "talent", "--limit", "0"], 2, "--limit"),
        (vec!["search", "talent", "--limit", "-1"], 2, "unexpected argument '-1'"),
        (vec!["search", "talent", "--limit", "ten"], 2, "--limit"),
        (vec!["search", "talent", "--limit", "99999999999999999999999"], 2, "--limit"),
        (vec!["list", "--format", "xml"], 2, "invalid value 'xml'"),
        (vec!["list", "--format", ""], 2, "--format"),
        (vec!["list", "--fields", "nope"], 2, "unknown field \"nope\""),
        (vec!["list", "--fields", ""], 2, "valid fields are"),
        (vec!["list", "--fields", ",,"], 2, "valid fields are"),
        (vec!["contact", "--fields", "text"], 2, "valid fields are agency, name"),
        (vec!["list", "--json", "--format", "csv"], 2, "cannot be used with"),
        (vec!["show", "5", "--format", "vcard"], 2, "--format vcard is for `ncstb contact`"),
        (vec!["list", "--width", "0"], 2, "--width"),
        (vec!["list", "--width", "9"], 2, "--width"),
        (vec!["list", "--width", "wide"], 2, "--width"),
        (vec!["list", "--width", "70000"], 2, "--width"),
        (vec!["list", "--color", "sometimes"], 2, "--color"),
        (vec!["lsit"], 2, "unrecognized subcommand"),
        (vec!["list", "--frobnicate"], 2, "unexpected argument"),
        (vec!["completions", "tcsh"], 2, "invalid value 'tcsh'"),
        (vec!["--agency", "nope", "list"], 2, "no agency \"nope\""),
        (vec!["--data", "/nonexistent/ncstb.json", "list"], 2, "cannot read"),
        (vec!["--data", "/", "list"], 2, "is a directory"),
        (vec!["validate", "/nonexistent/ncstb.json"], 2, "1 problem in 1 of 1 file"),
        (vec!["validate"], 2, "<FILE>"),
    ];
    let (dir, files) = bad_files();
    let mut paths = Vec::new();
    for (name, contents) in &files {
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        paths.push(path.to_str().unwrap().to_string());
    }
    let file_cases: Vec<(Vec<&str>, i32, &str)> = paths
        .iter()
        .map(|path| (vec!["--data", path.as_str(), "search", "talent"], 2, path.as_str()))
        .chain(paths.iter().map(|path| (vec!["validate", path.as_str()], 2, "in 1 of 1 file")))
        .collect();
    assert!(cases.len() >= 50);
    for (args, code, fragment) in cases.iter().chain(&file_cases) {
        let started = std::time::Instant::now();
        let output = ncstb().args(args).timeout(std::time::Duration::from_secs(20)).output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        let shown: Vec<String> = args.iter().map(|a| a.chars().take(40).collect()).collect();
        assert_eq!(output.status.code(), Some(*code), "{shown:?} ({:?}): {stderr}", started.elapsed());
        if args.first().is_none_or(|a| *a != "validate") {
            assert!(output.stdout.is_empty(), "{shown:?} wrote to stdout");
        }
        assert!(stderr.contains(fragment), "{shown:?}: expected {fragment:?} in {stderr}");
        assert!(!stderr.contains("panicked"), "{shown:?}: {stderr}");
        assert_eq!(first_unsafe(&stderr, &['\n'], false), None, "{shown:?}: {stderr:?}");
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn non_utf8_arguments_are_usage_errors() {
    for args in [
        vec![OsString::from("search"), OsString::from_vec(vec![0x74, 0xff, 0x61])],
        vec![OsString::from("show"), OsString::from_vec(vec![0xc3])],
        vec![OsString::from("--data"), OsString::from_vec(vec![0xff]), OsString::from("list")],
    ] {
        let output = ncstb().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("invalid UTF-8") || stderr.contains("cannot read"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_number_past_64_bits_is_no_duty_even_where_the_largest_number_is_one() {
    let dir = std::env::temp_dir().join(format!("ncstb-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("huge.json");
    let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[
        {"number":1,"text":"first"},{"number":18446744073709551615,"text":"the last one"}]}]}"#;
    std::fs::write(&path, json).unwrap();
    let data = path.to_str().unwrap();
    let shown =
        crate::support::stdout_of(&["--data", data, "show", "18446744073709551615", "--format", "plain"]);
    assert!(shown.contains("the last one"), "{shown}");
    crate::support::assert_error(&["--data", data, "show", "99999999999999999999"], 2, "no duty that large");
    crate::support::assert_error(
        &["--data", data, "show", "1-99999999999999999999"],
        2,
        "no duty that large",
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Writes a one-agency dataset with the given duty texts to a temporary file.
fn one_agency(name: &str, texts: &[&str]) -> std::path::PathBuf {
    let functions: Vec<serde_json::Value> = texts
        .iter()
        .enumerate()
        .map(|(i, text)| serde_json::json!({"number": i + 1, "title": "T", "text": text}))
        .collect();
    let json = serde_json::json!({"schema_version": 1, "agencies": [{"id": "a", "name": "A", "functions": functions}]});
    let path = std::env::temp_dir().join(format!("ncstb-hostile-{}-{name}.json", std::process::id()));
    std::fs::write(&path, json.to_string()).unwrap();
    path
}

#[test]
fn clauses_past_65535_keep_their_numbers_and_phrases_stay_within_one() {
    let text = "x; ".repeat(70_000) + "talent; talent";
    let path = one_agency("clauses", &[&text]);
    let data = path.to_str().unwrap();
    let hits = crate::support::json_of(&["--data", data, "search", "talent", "--json"]);
    assert_eq!(hits[0]["matches"][0]["clause"], 70_001);
    let phrase = crate::support::run(&["--data", data, "search", "\"talent talent\"", "--json"]);
    assert_eq!(String::from_utf8_lossy(&phrase.stdout), "[]\n", "a phrase does not span two clauses");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_text_of_semicolons_still_shows_in_a_table() {
    let path = one_agency("semicolons", &[";;; ;"]);
    let table =
        crate::support::stdout_of(&["--data", path.to_str().unwrap(), "show", "1", "--format", "table"]);
    assert!(table.contains(";;; ;"), "{table}");
    std::fs::remove_file(&path).unwrap();
}

#[test]
fn a_word_said_many_times_is_looked_for_once() {
    let query = vec!["talent"; 32].join(" ");
    let hits = crate::support::json_of(&["search", &query, "--json"]);
    assert_eq!(hits[0]["matches"][0]["terms"].as_array().unwrap().len(), 1, "{hits}");
}

#[test]
fn an_invalid_value_is_quoted_with_its_control_characters_escaped() {
    let output = crate::support::run(&["list", "--format", "\u{1b}[31mjson"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ncstb: error: invalid value \"\\u{1b}[31mjson\" for '--format <FORMAT>': possible values are auto, \
         table, plain, json, ndjson, csv, tsv, vcard, markdown, html, cite\n"
    );
}

#[test]
fn two_byte_order_marks_are_named_and_columns_count_characters() {
    let dir = std::env::temp_dir().join(format!("ncstb-bom-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let boms = dir.join("boms.json");
    std::fs::write(&boms, format!("\u{feff}\u{feff}{}", r#"{"schema_version":1,"agencies":[]}"#)).unwrap();
    crate::support::assert_error(
        &["--data", boms.to_str().unwrap(), "list"],
        2,
        "the file starts with two byte order marks (U+FEFF)",
    );
    let wide = dir.join("wide.json");
    std::fs::write(&wide, "{\"schema_version\":1,\"agencies\":[{\"id\":\"人人人\"} x").unwrap();
    // The x stands at character 46 of the line, byte 52.
    crate::support::assert_error(&["--data", wide.to_str().unwrap(), "list"], 2, "at line 1 column 46");
    // The same for what only the typed reader sees, a key written twice.
    let twice = dir.join("twice.json");
    let json = r#"{"schema_version":1,"agencies":[{"id":"人人","name":"A","functions":[{"number":1,"number":2,"text":"x"}]}]}"#;
    std::fs::write(&twice, json).unwrap();
    crate::support::assert_error(&["--data", twice.to_str().unwrap(), "list"], 2, "at line 1 column 87");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn what_clap_rejects_is_named_escaped_when_it_holds_control_characters() {
    for (args, shown) in [
        (&["li\u{1b}[2Jst"][..], "li\\u{1b}[2Jst"),
        (&["list", "--lo\u{1b}[2Jng"], "--lo\\u{1b}[2Jng"),
        (&["list", "--width", "4\u{1b}]0;x\u{7}"], "4\\u{1b}]0;x\\u{7}"),
    ] {
        crate::support::assert_error(args, 2, &format!("argument \"{shown}\" is not valid here"));
    }
}
