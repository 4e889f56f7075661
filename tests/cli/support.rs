//! The one way tests run ncstb: the built binary, with an empty environment so no `NO_COLOR`,
//! `COLUMNS` or `NCSTB_*` of the developer's leaks in, plus golden-file comparison.

use std::path::PathBuf;
use std::process::Output;

/// A command for the real binary with a cleaned environment.
pub fn ncstb() -> assert_cmd::Command {
    let mut command = assert_cmd::Command::new(env!("CARGO_BIN_EXE_ncstb"));
    command.env_clear();
    command
}

/// Runs ncstb with `args` and returns what it printed and how it exited.
pub fn run(args: &[&str]) -> Output {
    ncstb().args(args).output().expect("ncstb runs")
}

/// Standard output of a run that must succeed with nothing on stderr.
pub fn stdout_of(args: &[&str]) -> String {
    let output = run(args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "ncstb {args:?} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "ncstb {args:?} wrote to stderr: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("stdout is UTF-8")
}

/// Asserts a run fails with `code`, prints nothing on stdout, and one `ncstb: error:` line
/// containing `fragment` on stderr.
pub fn assert_error(args: &[&str], code: i32, fragment: &str) {
    let output = run(args);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(code), "ncstb {args:?}: stderr {stderr}");
    assert!(
        output.stdout.is_empty(),
        "ncstb {args:?} wrote to stdout: {}",
        String::from_utf8_lossy(&output.stdout)
    );
    assert!(stderr.starts_with("ncstb: error: "), "ncstb {args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "ncstb {args:?} printed more than one line: {stderr}");
    assert!(stderr.contains(fragment), "ncstb {args:?}: expected {fragment:?} in {stderr}");
}

/// Parses JSON output.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&stdout_of(args)).expect("stdout is JSON")
}

fn repo_path(relative: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A file of the repository, as text.
pub fn repo_file(relative: &str) -> String {
    std::fs::read_to_string(repo_path(relative)).unwrap_or_else(|e| panic!("reading {relative}: {e}"))
}

/// Compares `actual` with `tests/cli/golden/NAME`; `BLESS=1 cargo test` rewrites the file.
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo_path(&format!("tests/cli/golden/{name}"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, actual).expect("writing golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        expected == actual,
        "output differs from tests/cli/golden/{name} (review, then regenerate with: BLESS=1 cargo test)\n\
         --- expected\n{expected}\n--- actual\n{actual}"
    );
}

/// The eleven duties' texts as the source document prints them, in order: each paragraph that
/// starts with "(I)".."(XI)", without its numeral, whitespace trimmed.
pub fn source_duties() -> Vec<(String, String)> {
    repo_file("data/source.txt")
        .lines()
        .filter_map(|line| {
            let line = line.trim();
            let rest = line.strip_prefix('(')?;
            let (numeral, text) = rest.split_once(')')?;
            numeral.chars().all(|c| "IVX".contains(c)).then(|| (numeral.to_string(), text.trim().to_string()))
        })
        .collect()
}

/// A file with `contents` in a fresh temporary directory, removed when dropped.
pub struct TempFile(pub PathBuf);

impl TempFile {
    pub fn new(name: &str, contents: &[u8]) -> TempFile {
        let dir = std::env::temp_dir().join(format!("ncstb-test-{}-{name}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(name);
        std::fs::write(&path, contents).unwrap();
        TempFile(path)
    }

    pub fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(self.0.parent().unwrap());
    }
}
