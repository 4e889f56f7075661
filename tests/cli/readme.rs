//! Every example in the README's `console` blocks, run as written from the repository root by
//! bash with the built binary first on PATH: the output must be what the README shows, so the
//! README cannot drift from the tool. An example that needs a program this machine lacks (jq,
//! python3) is named and passed over; every other one runs.

use std::path::Path;
use std::process::Command;

/// One `$ command` of the README and the lines shown after it.
struct Example {
    command: String,
    expected: String,
}

/// The examples of each `console` block, in order; a block runs in one shell, so `echo $?`
/// sees the example before it.
fn blocks(readme: &str) -> Vec<Vec<Example>> {
    let mut blocks = Vec::new();
    let mut rest = readme;
    while let Some(start) = rest.find("```console\n") {
        let body = &rest[start + "```console\n".len()..];
        let end = body.find("```").expect("a console block is closed");
        let mut examples: Vec<Example> = Vec::new();
        for line in body[..end].lines() {
            if let Some(command) = line.strip_prefix("$ ") {
                examples.push(Example { command: command.into(), expected: String::new() });
            } else {
                let example = examples.last_mut().expect("a block starts with a command");
                example.expected.push_str(line);
                example.expected.push('\n');
            }
        }
        blocks.push(examples);
        rest = &body[end + 3..];
    }
    blocks
}

/// Whether `program` is on this machine's PATH.
fn installed(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn every_readme_example_prints_what_the_readme_shows() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let binary_dir = Path::new(env!("CARGO_BIN_EXE_ncstb")).parent().unwrap();
    let path = format!("{}:{}", binary_dir.display(), std::env::var("PATH").unwrap_or_default());
    let (mut ran, mut skipped) = (0, Vec::new());
    for examples in blocks(&readme) {
        // Each example's output (both streams, as a terminal shows them), then a line of its
        // own; the exit status is handed on to the next example.
        let mark = "@@ncstb-readme-example@@";
        let mut script = String::from("status=0\n");
        let mut runnable = Vec::new();
        for example in &examples {
            if let Some(missing) = ["jq", "python3"]
                .into_iter()
                .find(|tool| example.command.contains(&format!("| {tool}")) && !installed(tool))
            {
                skipped.push(format!("{} (no {missing} here)", example.command));
                continue;
            }
            script += &format!("(exit $status); {{ {}\n}} 2>&1; status=$?; echo {mark}\n", example.command);
            runnable.push(example);
        }
        let output = Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(root)
            .env_clear()
            .env("PATH", &path)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        let outputs: Vec<&str> = text.split(&format!("{mark}\n")).collect();
        for (example, actual) in runnable.iter().zip(&outputs) {
            // A vCard's lines end in CR LF, which a README cannot show.
            assert_eq!(
                actual.replace("\r\n", "\n").trim_end(),
                example.expected.trim_end(),
                "README example `{}` prints something else",
                example.command
            );
            ran += 1;
        }
    }
    assert!(ran >= 30, "only {ran} README examples ran");
    if !skipped.is_empty() {
        eprintln!("README examples passed over: {}", skipped.join("; "));
    }
}
