//! `ncstb search --batch`: the contract (one answer per query, in order, streamed; errors per
//! query; exit codes), its formats, and answers identical to single searches.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{TempFile, assert_error, ncstb, repo_file, run};
use serde_json::Value;

/// A file of queries, named apart from every other test's (tests run at once).
fn queries_file(contents: &[u8]) -> TempFile {
    static MADE: AtomicUsize = AtomicUsize::new(0);
    TempFile::new(&format!("batch-queries-{}.txt", MADE.fetch_add(1, Ordering::Relaxed)), contents)
}

/// The JSON Lines of a batch over `queries` (a file's text), with `args` after `--batch FILE`.
fn batch(data: &[&str], queries: &str, args: &[&str]) -> (Vec<Value>, i32, String) {
    let file = queries_file(queries.as_bytes());
    let mut all: Vec<&str> = data.to_vec();
    all.extend(["search", "--batch", file.path()]);
    all.extend(args);
    let output = run(&all);
    let stdout = String::from_utf8(output.stdout).expect("UTF-8");
    let answers = stdout.lines().map(|line| serde_json::from_str(line).expect("a JSON line")).collect();
    (answers, output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

#[test]
fn each_query_gets_one_object_in_order_with_its_line() {
    let queries = "innovation\n\n# a comment, skipped\n  \ninovation capabilty\nsocial security\n";
    let (answers, code, stderr) = batch(&[], queries, &["--limit", "2"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    let summary: Vec<(&str, u64, usize)> = answers
        .iter()
        .map(|a| {
            (a["query"].as_str().unwrap(), a["line"].as_u64().unwrap(), a["hits"].as_array().unwrap().len())
        })
        .collect();
    assert_eq!(summary, [("innovation", 1, 2), ("inovation capabilty", 5, 1), ("social security", 6, 0)]);
    assert_eq!(answers[1]["hits"][0]["numeral"], "I");
    assert!(answers.iter().all(|a| a.get("error").is_none()));
    // The hits are those of a single search, with the same fields.
    let single: Value = serde_json::from_str(
        &String::from_utf8(run(&["search", "innovation", "-n", "2", "--json"]).stdout).unwrap(),
    )
    .unwrap();
    assert_eq!(answers[0]["hits"], single);
}

#[test]
fn a_malformed_query_is_answered_with_its_error_and_the_batch_goes_on() {
    let long = "word ".repeat(1000);
    let queries = format!("talent\n\"unbalanced phrase\n{long}\npolicy\n");
    let (answers, code, stderr) = batch(&[], &queries, &["--limit", "1"]);
    assert_eq!(code, 2, "a malformed query makes the batch's exit 2, after every answer");
    assert_eq!(answers.len(), 4);
    assert!(answers[1]["error"].as_str().unwrap().contains("unbalanced quote"), "{}", answers[1]);
    assert!(answers[2]["error"].as_str().unwrap().contains("too long"), "{}", answers[2]["error"]);
    assert_eq!(answers[1]["hits"], serde_json::json!([]));
    assert_eq!(answers[3]["hits"].as_array().unwrap().len(), 1, "the batch went on");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.starts_with("ncstb: error: 2 of 4 queries could not run (lines 2, 3)"), "{stderr}");
}

#[test]
fn exit_codes_say_whether_anything_was_found() {
    assert_eq!(batch(&[], "qqqzzz\nxxyyxx\n", &[]).1, 1, "no query found anything");
    assert_eq!(batch(&[], "qqqzzz\ntalent\n", &[]).1, 0, "one query found hits");
    let (answers, code, _) = batch(&[], "# nothing but a comment\n\n", &[]);
    assert_eq!((answers.len(), code), (0, 1), "no queries: nothing found");
}

#[test]
fn broken_lines_are_errors_of_their_own() {
    let file = queries_file(b"talent\r\n\xff\xfe broken\nreform\n");
    let output = run(&["search", "--batch", file.path(), "--format", "ndjson"]);
    assert_eq!(output.status.code(), Some(2));
    let answers: Vec<Value> =
        String::from_utf8(output.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(answers[0]["query"], "talent", "a carriage return is no part of the query");
    assert!(answers[1]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(answers[2]["query"], "reform");
}

#[test]
fn delimited_formats_put_query_and_line_first() {
    let file = queries_file(b"talent\nqqqzzz\npatents\n");
    let tsv = String::from_utf8(
        run(&["search", "--batch", file.path(), "-n", "1", "--format", "tsv", "--fields", "numeral,score"])
            .stdout,
    )
    .unwrap();
    let lines: Vec<&str> = tsv.lines().collect();
    assert_eq!(lines[0], "query\tline\tnumeral\tscore");
    assert_eq!(lines.len(), 3, "a header and one row for each query with a hit: {tsv}");
    assert!(lines[1].starts_with("talent\t1\tIX\t"), "{tsv}");
    assert!(lines[2].starts_with("patents\t3\t"), "{tsv}");
    let plain =
        String::from_utf8(run(&["search", "--batch", file.path(), "-n", "2", "--format", "plain"]).stdout)
            .unwrap();
    assert!(plain.lines().all(|line| line.starts_with("talent\t1\t") || line.starts_with("patents\t3\t")));
    assert_eq!(plain.lines().count(), 2, "{plain}");
    let csv =
        String::from_utf8(run(&["search", "--batch", file.path(), "-n", "1", "--format", "csv"]).stdout)
            .unwrap();
    assert!(csv.starts_with("query,line,numeral,title,score,clause\n"), "{csv}");
}

#[test]
fn json_is_one_array_of_the_answers() {
    let file = queries_file(b"talent\nqqqzzz\n\"open\n");
    let output = run(&["search", "--batch", file.path(), "--json", "--fields", "number"]);
    assert_eq!(output.status.code(), Some(2));
    let answers: Value = serde_json::from_slice(&output.stdout).expect("one JSON document");
    let answers = answers.as_array().unwrap();
    assert_eq!(answers.len(), 3);
    assert_eq!(answers[0]["hits"][0], serde_json::json!({"number": 9}));
    assert_eq!(answers[1]["hits"], serde_json::json!([]));
    assert!(answers[2]["error"].is_string());
    let empty = queries_file(b"");
    let output = run(&["search", "--batch", empty.path(), "--json"]);
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "[]\n");
}

#[test]
fn options_apply_to_every_query() {
    let data = repo_file("tests/fixtures/two-agencies.json");
    let data = TempFile::new("two.json", data.as_bytes());
    let ids: Value = serde_json::from_slice(&run(&["--data", data.path(), "list", "--json"]).stdout).unwrap();
    let agency = ids[0]["agency"].as_str().unwrap().to_string();
    let (answers, _, _) =
        batch(&["--data", data.path()], "science\ntechnology\n", &["--agency", &agency, "-n", "50"]);
    for answer in &answers {
        for hit in answer["hits"].as_array().unwrap() {
            assert_eq!(hit["agency"], agency.as_str());
        }
    }
    let (answers, _, _) = batch(&[], "talnet\ntalent\n", &["--exact"]);
    assert_eq!(answers[0]["hits"], serde_json::json!([]), "--exact allows no typo");
    assert!(!answers[1]["hits"].as_array().unwrap().is_empty());
}

#[test]
fn batch_refuses_words_and_a_second_reading_of_standard_input() {
    let both = run(&["search", "--batch", "q.txt", "talent"]);
    assert_eq!(both.status.code(), Some(2));
    assert!(both.stdout.is_empty());
    assert!(String::from_utf8_lossy(&both.stderr).contains("cannot be used with"));
    assert_error(&["--data", "-", "search", "--batch"], 2, "standard input (-) may be read only once");
    assert_error(&["search", "--batch", "/nonexistent/queries.txt"], 2, "/nonexistent/queries.txt");
    let directory = std::env::temp_dir();
    assert_error(&["search", "--batch", directory.to_str().unwrap(), "--json"], 2, "it is a directory");
}

/// A co-process: each answer arrives before the next query is written, and ncstb waits for it.
#[test]
fn answers_stream_before_the_next_query_is_read() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .args(["search", "--batch", "--limit", "1", "--fields", "numeral"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("ncstb starts");
    let mut stdin = child.stdin.take().unwrap();
    let (lines, received) = mpsc::channel();
    let stdout = child.stdout.take().unwrap();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            if lines.send(line.unwrap()).is_err() {
                break;
            }
        }
    });
    // Far above the milliseconds an answer takes: this detects a hang, not slowness.
    let wait = Duration::from_secs(60);
    for (query, numeral) in [("talent", "IX"), ("patents", "VI")] {
        writeln!(stdin, "{query}").unwrap();
        stdin.flush().unwrap();
        let answer: Value = serde_json::from_str(&received.recv_timeout(wait).expect("an answer")).unwrap();
        assert_eq!(answer["query"], query);
        assert_eq!(answer["hits"][0]["numeral"], numeral, "{answer}");
    }
    drop(stdin);
    assert!(child.wait().unwrap().success());
}

/// The judged queries (and misspelt, cut and quoted forms of them) answered by a batch and by
/// one search each must be the same: an index built once finds what a pass over the text finds.
#[test]
fn judged_queries_answer_the_same_in_a_batch_and_one_by_one() {
    let sets = [
        ("embedded", None),
        ("health", Some("tests/fixtures/judged/health-bureau.json")),
        ("education", Some("tests/fixtures/judged/education-bureau.json")),
        ("hongzhou", Some("tests/fixtures/judged/hongzhou-city.json")),
        ("beiyuan", Some("tests/fixtures/judged/beiyuan-city.json")),
    ];
    let judged = repo_file("tests/fixtures/judged/queries.tsv")
        + &repo_file("tests/fixtures/judged/chinese-queries.tsv");
    for (name, path) in sets {
        let data: Vec<&str> = path.map(|p| vec!["--data", p]).unwrap_or_default();
        let mut queries: Vec<String> = Vec::new();
        for line in judged.lines().filter(|l| l.starts_with(&format!("{name}\t"))) {
            let query = line.split('\t').nth(1).unwrap();
            queries.push(query.to_string());
            queries.extend(variants(query));
        }
        assert!(queries.len() > 20, "{name}: {} queries", queries.len());
        let root = env!("CARGO_MANIFEST_DIR");
        let file = TempFile::new(&format!("{name}.txt"), queries.join("\n").as_bytes());
        let mut args = data.clone();
        args.extend(["search", "--batch", file.path(), "--format", "ndjson", "-n", "5"]);
        let output = ncstb().current_dir(root).args(&args).output().unwrap();
        let answers: Vec<Value> = String::from_utf8(output.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(answers.len(), queries.len(), "{name}");
        for (query, answer) in queries.iter().zip(&answers) {
            let mut args = data.clone();
            args.extend(["search", "--json", "-n", "5", "--", query.as_str()]);
            let single = ncstb().current_dir(root).args(&args).output().unwrap();
            let expected: Value = match single.status.code() {
                Some(2) => Value::Null,
                _ => serde_json::from_slice(&single.stdout).unwrap(),
            };
            if expected.is_null() {
                assert!(
                    answer["error"].is_string(),
                    "{name}: {query:?} fails alone, so in a batch: {answer}"
                );
            } else {
                assert_eq!(answer["hits"], expected, "{name}: {query:?}");
            }
        }
    }
}

/// Other forms of a query a user might type: a letter dropped from its longest word, its last
/// word cut short (a prefix), its words swapped, and quoted as a phrase.
fn variants(query: &str) -> Vec<String> {
    let words: Vec<&str> = query.split_whitespace().collect();
    let mut out = Vec::new();
    if let Some(longest) = words.iter().max_by_key(|w| w.chars().count()).filter(|w| w.chars().count() >= 5) {
        let chars: Vec<char> = longest.chars().collect();
        let typo: String =
            chars.iter().enumerate().filter(|&(i, _)| i != chars.len() / 2).map(|(_, c)| c).collect();
        out.push(query.replacen(longest, &typo, 1));
    }
    if let Some(last) = words.last().filter(|w| w.chars().count() >= 6) {
        let cut: String = last.chars().take(4).collect();
        out.push(format!("{} {cut}", words[..words.len() - 1].join(" ")).trim().to_string());
    }
    if words.len() >= 2 {
        out.push(words.iter().rev().copied().collect::<Vec<_>>().join(" "));
        out.push(format!("\"{query}\""));
    }
    out
}

/// A file's queries are answered on every core, standard input's one at a time: the answers,
/// and their order, are the same.
#[test]
fn a_file_answered_on_every_core_gives_what_standard_input_gives() {
    let judged = repo_file("tests/fixtures/judged/queries.tsv");
    let mut queries: Vec<String> = Vec::new();
    for line in judged.lines().filter(|l| l.starts_with("embedded\t") || l.starts_with("health\t")) {
        let query = line.split('\t').nth(1).unwrap();
        queries.push(query.to_string());
        queries.extend(variants(query));
        queries.push(format!("\"{query}"));
    }
    let text = queries.join("\n") + "\n";
    let file = queries_file(text.as_bytes());
    let data = ["--data", "tests/fixtures/judged/health-bureau.json", "--data", "data/nanchang-stb.json"];
    let root = env!("CARGO_MANIFEST_DIR");
    let mut args: Vec<&str> = data.to_vec();
    args.extend(["search", "--batch", file.path(), "-n", "3"]);
    let from_file = ncstb().current_dir(root).args(&args).output().unwrap();
    let mut args: Vec<&str> = data.to_vec();
    args.extend(["search", "--batch", "-n", "3"]);
    let from_stdin = ncstb().current_dir(root).args(&args).write_stdin(text).output().unwrap();
    assert_eq!(from_file.status.code(), Some(2), "the unbalanced quotes could not run");
    assert_eq!(from_file.status.code(), from_stdin.status.code());
    assert_eq!(String::from_utf8_lossy(&from_file.stderr), String::from_utf8_lossy(&from_stdin.stderr));
    let answers = String::from_utf8(from_file.stdout).unwrap();
    assert_eq!(answers.lines().count(), queries.len());
    assert_eq!(answers, String::from_utf8(from_stdin.stdout).unwrap());
}
