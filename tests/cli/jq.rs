//! `--jq FILTER`: jq programs run in-process over a command's JSON, as `jq -rc` would run them.

use std::process::Command;

use crate::support::{assert_error, ncstb, stdout_of};

/// Filters and what they print over the embedded data, checked by hand against jq 1.6.
const FILTERS: [(&[&str], &str, &str); 8] = [
    (&["list"], ".[8].title", "S&T talent resources and leaders in natural science\n"),
    (&["list"], "length", "11\n"),
    (&["list"], "map(.numeral) | join(\",\")", "I,II,III,IV,V,VI,VII,VIII,IX,X,XI\n"),
    (
        &["list"],
        ".[] | select(.title | test(\"talent\"; \"i\")) | {number, numeral}",
        "{\"number\":9,\"numeral\":\"IX\"}\n",
    ),
    (&["show", "2"], ".[0].clauses | length", "3\n"),
    (&["contact"], ".[0] | [.post_code, .hotline]", "[\"330038\",\"83884236\"]\n"),
    (
        &["search", "patents"],
        ".[0].matches[0].terms[0] | .kind + \" via \" + .via",
        "concept via intellectual property\n",
    ),
    (&["list", "--format", "ndjson"], "select(.number > 10) | .numeral", "XI\n"),
];

#[test]
fn filters_print_what_jq_prints() {
    for (args, filter, expected) in FILTERS {
        let out = stdout_of(&[args, &["--jq", filter][..]].concat());
        assert_eq!(out, expected, "{args:?} --jq {filter}");
    }
}

/// Where jq is installed, the same filters over the same JSON give the same lines.
#[test]
fn filters_agree_with_jq_where_it_is_installed() {
    if Command::new("jq").arg("--version").output().is_err() {
        eprintln!("jq is not installed: the comparison with it is passed over");
        return;
    }
    for (args, filter, _) in FILTERS {
        let json_format: &[&str] = if args.contains(&"--format") { &[] } else { &["--format", "json"] };
        let json = stdout_of(&[args, json_format].concat());
        let mut jq = Command::new("jq")
            .args(["-rc", filter])
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        std::io::Write::write_all(jq.stdin.as_mut().unwrap(), json.as_bytes()).unwrap();
        let expected = String::from_utf8(jq.wait_with_output().unwrap().stdout).unwrap();
        assert_eq!(stdout_of(&[args, &["--jq", filter][..]].concat()), expected, "{filter}");
    }
}

#[test]
fn a_filter_that_does_not_compile_or_fails_is_an_error_with_nothing_printed() {
    assert_error(&["list", "--jq", ".["], 2, "--jq \".[\": expected a match for [");
    assert_error(&["list", "--jq", "nosuchfilter"], 2, "nosuchfilter is not defined");
    // Before any data is read: the dataset named does not exist.
    assert_error(&["--data", "no-such-file.json", "list", "--jq", "if"], 2, "--jq \"if\"");
    assert_error(&["list", "--jq", ".[0] + 1"], 2, "--jq: cannot calculate");
    // A long value is cut in its middle: what was asked of it stays, with a hint.
    assert_error(
        &["show", "9", "--jq", ".title"],
        2,
        "with \"title\" (the records are an array: use .[] or .[0] first)",
    );
    assert_error(&["list", "--jq", "error(\"stop here\")"], 2, "stop here");
    assert_error(&["list", "--jq", ".", "--format", "csv"], 2, "--jq filters JSON, not --format csv");
}

#[test]
fn a_batch_is_filtered_answer_by_answer_as_it_streams() {
    let output = ncstb()
        .args(["search", "--batch", "--jq", "\"\\(.line) \\(.query): \\([.hits[].numeral] | join(\",\"))\""])
        .write_stdin("talent\npatents\n")
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(output.stdout).unwrap(), "1 talent: IX\n2 patents: VI\n");
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn deep_programs_compile_and_long_ones_are_refused() {
    let depth = 10_000;
    let nested = format!("{}1{}", "[".repeat(depth), "]".repeat(depth));
    let out = stdout_of(&["list", "--jq", &nested]);
    assert_eq!(out.trim_end(), nested);
    let long = ".number|".repeat(5000) + ".";
    assert_error(&["list", "--jq", &long], 2, "at most 32768 are taken");
}

/// An endless filter streams once its output is large: `head` gets its lines and the run ends.
#[test]
fn output_streams_once_it_is_large() {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .args(["list", "--jq", "repeat(.[0].number)"])
        .env_clear()
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    assert_eq!(first, "1\n");
    // The reader has left: the write fails, and ncstb ends quietly.
    assert_eq!(child.wait().unwrap().code(), Some(0));
}
