//! Hang detectors for hostile datasets: each case is sized so that the quadratic code it guards
//! against took 20 seconds or more, and must finish within 10 (it takes well under one second
//! now). These detect a hang; they do not measure speed: `benches/complexity.sh` does that.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const LIMIT: Duration = Duration::from_secs(10);

/// A dataset of one agency with the given duty texts, written to a temporary file.
fn dataset(name: &str, texts: impl IntoIterator<Item = String>) -> PathBuf {
    let functions: Vec<serde_json::Value> = texts
        .into_iter()
        .enumerate()
        .map(|(i, text)| serde_json::json!({"number": i + 1, "text": text}))
        .collect();
    let json = serde_json::json!({"schema_version": 1, "agencies": [{"id": "a", "name": "A", "functions": functions}]});
    let path = std::env::temp_dir().join(format!("ncstb-complexity-{}-{name}.json", std::process::id()));
    std::fs::write(&path, json.to_string()).unwrap();
    path
}

/// Runs ncstb on `data` and asserts it ends, successfully or with a clean error, within [`LIMIT`].
fn finishes(data: &PathBuf, args: &[&str]) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .arg("--data")
        .arg(data)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > LIMIT {
            let _ = child.kill();
            panic!("ncstb {args:?} on {} still ran after {LIMIT:?}", data.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(matches!(status.code(), Some(0..=2)), "ncstb {args:?}: {status}");
    let _ = std::fs::remove_file(data);
}

#[test]
fn many_open_parentheses() {
    finishes(&dataset("parens", ["talent ".to_string() + &"(".repeat(400_000) + ")"]), &["search", "talent"]);
}

#[test]
fn an_unbroken_word_in_a_table() {
    finishes(&dataset("word", ["a".repeat(250_000)]), &["show", "1", "--format", "table", "--width", "80"]);
}

#[test]
fn chinese_text_in_a_table() {
    finishes(
        &dataset("chinese", ["引进和培养高层次科技人才".repeat(13_000)]),
        &["show", "1", "--format", "table"],
    );
}

#[test]
fn one_word_many_times() {
    finishes(&dataset("same", ["talent ".repeat(500_000)]), &["search", "talent", "--format", "table"]);
    finishes(&dataset("same-phrase", ["talent ".repeat(200_000)]), &["search", "\"talent talent\""]);
}

#[test]
fn a_long_range_of_duties() {
    let path = dataset("range", (0..320_000).map(|_| "science and technology".to_string()));
    finishes(&path, &["show", "1-320000", "--format", "json"]);
}

#[test]
fn reading_is_capped() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .env("NCSTB_MAX_DATA", "1M")
        .args(["--data", "-", "list"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    // An endless input, as `yes |` gives: ncstb stops reading at the cap and says so.
    let chunk = vec![b'y'; 65536];
    let writer = std::thread::spawn(move || while stdin.write_all(&chunk).is_ok() {});
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ncstb: error: <stdin>: is larger than 1 MiB, the most a dataset may hold: set NCSTB_MAX_DATA \
         (say, NCSTB_MAX_DATA=4G) to read more\n"
    );
    let zero =
        crate::support::ncstb().env("NCSTB_MAX_DATA", "1M").args(["--data", "/dev/zero", "list"]).output();
    let zero = zero.unwrap();
    assert_eq!(zero.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&zero.stderr).contains("/dev/zero: is larger than 1 MiB"));
    let bad = crate::support::ncstb()
        .env("NCSTB_MAX_DATA", "lots")
        .args(["--data", "data/nanchang-stb.json", "list"])
        .output()
        .unwrap();
    // The embedded data is not read from a file: the cap does not concern it.
    assert!(
        crate::support::ncstb()
            .env("NCSTB_MAX_DATA", "lots")
            .arg("schema")
            .output()
            .unwrap()
            .status
            .success()
    );
    assert_eq!(
        String::from_utf8_lossy(&bad.stderr),
        "ncstb: error: NCSTB_MAX_DATA=\"lots\" is not a size: give bytes, or a number with K, M, G or T, as in \
         NCSTB_MAX_DATA=4G\n"
    );
}
