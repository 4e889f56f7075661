//! Help, version, completions, the man page, exit codes, and failing or vanishing stdout.

use std::process::Stdio;

use crate::support::{json_of, repo_file, run, stdout_of};

#[test]
fn no_arguments_prints_help_on_stderr_and_exits_2() {
    let output = run(&[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("Usage: ncstb"));
}

#[test]
fn help_ends_with_examples_and_exit_codes() {
    let help = stdout_of(&["--help"]);
    assert!(help.contains("Usage: ncstb [OPTIONS] <COMMAND>"));
    let examples = help.find("Examples:").expect("examples in --help");
    assert!(help[examples..].contains("ncstb show V"));
    assert!(help.trim_end().ends_with("Exit status: 0 success, 1 nothing found, 2 usage or data error."));
    for command in ["list", "show", "contact", "completions", "man"] {
        assert!(stdout_of(&[command, "--help"]).contains("Examples:"), "{command} --help");
    }
}

#[test]
fn version_names_the_release() {
    assert_eq!(stdout_of(&["-V"]), format!("ncstb {}\n", env!("CARGO_PKG_VERSION")));
    // The long form says where the embedded data comes from, as the dataset itself does.
    let long = stdout_of(&["--version"]);
    let contact = json_of(&["contact", "--format", "json"]);
    let lines: Vec<&str> = long.lines().collect();
    assert_eq!(lines[0], format!("ncstb {}", env!("CARGO_PKG_VERSION")));
    assert_eq!(
        lines[1],
        format!(
            "data: {}, page updated {}",
            contact[0]["name"].as_str().unwrap(),
            contact[0]["updated"].as_str().unwrap()
        )
    );
    assert_eq!(lines[2], format!("source: {}", contact[0]["url"].as_str().unwrap()));
}

#[test]
fn committed_completions_match_the_binary() {
    for (shell, file) in [
        ("bash", "completions/ncstb.bash"),
        ("zsh", "completions/_ncstb"),
        ("fish", "completions/ncstb.fish"),
        ("powershell", "completions/_ncstb.ps1"),
        ("elvish", "completions/ncstb.elv"),
    ] {
        let generated = stdout_of(&["completions", shell]);
        assert!(
            repo_file(file) == generated,
            "{file} is stale: regenerate it with `cargo run -- completions {shell} > {file}`"
        );
        assert!(generated.contains("contact"), "{shell} completes subcommands");
    }
}

#[test]
fn man_page_is_roff_for_ncstb() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie \\n(.g .ds Aq"), "roff preamble");
    assert!(page.contains(".TH ncstb 1"));
    assert!(page.contains("ncstb\\-show"), "subcommands listed");
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let output = run(&["lsit"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert!(String::from_utf8_lossy(&output.stderr).contains("list"), "clap suggests the nearest subcommand");
}

/// Every command that writes to standard output, with arguments that make it write.
const WRITERS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["show", "1-11", "--format", "table"],
    &["search", "talent"],
    &["search", "talent", "--format", "csv"],
    &["contact", "--format", "vcard"],
    &["validate", "data/nanchang-stb.json"],
    &["schema"],
    &["completions", "bash"],
    &["completions", "zsh"],
    &["completions", "fish"],
    &["completions", "elvish"],
    &["completions", "powershell"],
    &["man"],
    &["--help"],
    &["--version"],
];

/// Runs ncstb from the repository root with `stdout` as its standard output.
fn run_into(args: &[&str], stdout: impl Into<Stdio>) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .stdout(stdout)
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    for args in WRITERS {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run_into(args, writer);
        assert_eq!(output.status.code(), Some(0), "ncstb {args:?}");
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "ncstb {args:?}");
    }
}

#[test]
fn a_full_disk_is_an_error() {
    for args in WRITERS {
        let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
        let output = run_into(args, full);
        assert_eq!(output.status.code(), Some(2), "ncstb {args:?}");
        assert_eq!(
            String::from_utf8_lossy(&output.stderr),
            "ncstb: error: writing to standard output: No space left on device (os error 28)\n",
            "ncstb {args:?}"
        );
    }
}

#[test]
fn output_options_are_checked_before_the_data_is_read() {
    let unknown = "ncstb: error: unknown field \"nope\": valid fields are agency, number, numeral, title, text, \
                   clauses, score, partial, matches or clause\n";
    for format in ["table", "plain", "json", "csv"] {
        // A query that finds nothing, and a data file that does not exist: the field is wrong first.
        for args in [
            vec!["search", "zzzzzz", "--fields", "nope", "--format", format],
            vec!["--data", "/nonexistent.json", "search", "talent", "--fields", "nope", "--format", format],
        ] {
            let output = run(&args);
            assert_eq!(output.status.code(), Some(2), "ncstb {args:?}");
            assert!(output.stdout.is_empty(), "ncstb {args:?}");
            assert_eq!(String::from_utf8_lossy(&output.stderr), unknown, "ncstb {args:?}");
        }
    }
    let output = run(&["--data", "/nonexistent.json", "list", "--format", "vcard"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&output.stderr)
            .starts_with("ncstb: error: --format vcard is for `ncstb contact`")
    );
}

#[test]
fn a_closed_pipe_does_not_hide_invalid_files() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = run_into(&["validate", "tests/fixtures/invalid.json", "data/nanchang-stb.json"], writer);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(stderr.starts_with("ncstb: error: ") && stderr.ends_with("in 1 of 2 files\n"), "{stderr}");
}

#[test]
fn commands_refuse_options_that_mean_nothing_to_them() {
    for args in [&["schema", "--format", "csv"][..], &["man", "--json"], &["schema", "--data", "x.json"]] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(2), "ncstb {args:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).contains("unexpected argument"), "ncstb {args:?}");
    }
    let before = run(&["--format", "csv", "schema"]);
    assert_eq!(before.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&before.stderr),
        "ncstb: error: --format means nothing to `ncstb schema`: leave it out\n"
    );
    let validate = run(&["--data", "x.json", "validate", "data/nanchang-stb.json"]);
    assert_eq!(validate.status.code(), Some(2));
    assert!(!stdout_of(&["schema", "--help"]).contains("--format"), "schema's help lists no output options");
    // Before or after the command, the options that mean something hold.
    assert_eq!(stdout_of(&["--format", "csv", "list", "--fields", "numeral"]).lines().nth(1), Some("I"));
    assert_eq!(stdout_of(&["list", "--format", "csv", "--fields", "numeral"]).lines().nth(1), Some("I"));
}

#[test]
fn a_closed_pipe_does_not_turn_nothing_found_into_success() {
    for format in ["json", "csv", "plain"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let output = run_into(&["search", "zzqqxx", "--format", format], writer);
        assert_eq!(output.status.code(), Some(1), "--format {format}");
    }
}

#[test]
fn small_refusals_say_why() {
    let vcard = run(&["contact", "--format", "vcard", "--fields", "name"]);
    assert_eq!(vcard.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&vcard.stderr),
        "ncstb: error: --fields does not apply to --format vcard: a vCard has its own fields\n"
    );
    // No search hint that would itself fail.
    for id in ["*", "it\"s", "\u{1b}[2J"] {
        let stderr = String::from_utf8_lossy(&run(&["show", id]).stderr).into_owned();
        assert!(!stderr.contains("ncstb search"), "{stderr}");
    }
    // A value that starts with a dash is joined to its option in the hint, so clap takes it.
    let dir = std::env::temp_dir().join(format!("ncstb-dash-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(concat!(env!("CARGO_MANIFEST_DIR"), "/data/nanchang-stb.json"), dir.join("-x.json"))
        .unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .current_dir(&dir)
        .args(["--data=-x.json", "show", "foo"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert!(stderr.ends_with("run: ncstb --data=-x.json search foo\n"), "{stderr}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_failed_write_is_the_one_error_of_validate() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let output = run_into(&["validate", "tests/fixtures/invalid.json"], full);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ncstb: error: writing to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn fields_help_lists_each_commands_fields_and_exits_0() {
    for (args, fields) in [
        (&["list", "--fields", "help"][..], &["agency", "number", "numeral", "title", "text", "clauses"][..]),
        (&["show", "--fields"], &["numeral", "clauses"]),
        (&["search", "--fields", "help"], &["score", "partial", "matches", "clause"]),
        (&["contact", "--fields"], &["post_code", "hotline", "url"]),
        (&["validate", "--fields", "help"], &["file", "ok", "problems"]),
    ] {
        let output = run(args);
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        for field in fields {
            assert!(
                text.lines().any(|line| line.trim_start().starts_with(field)),
                "{args:?} lists {field}: {text}"
            );
        }
    }
    // Wrapped to the width, each description under itself.
    let narrow = stdout_of(&["search", "--fields", "help", "--width", "40"]);
    assert!(narrow.lines().all(|line| line.chars().count() <= 40), "{narrow}");
    assert!(narrow.contains("\n           "), "continued under the description: {narrow}");
    // Without --fields, the operands are required again, with a clear error.
    let bare = run(&["search"]);
    assert_eq!(bare.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bare.stderr).contains("<WORDS>"));
    crate::support::assert_error(&["search", "--fields", "title"], 2, "no words to search for");
}

#[test]
fn every_commands_help_has_fields_examples_and_exit_status() {
    for command in ["list", "show", "search", "contact", "validate"] {
        let help = stdout_of(&[command, "--help"]);
        for part in ["Fields (--fields", "Examples:", "Exit status: 0"] {
            assert!(help.contains(part), "`{command} --help` has {part:?}");
        }
    }
    for command in ["import", "schema", "completions", "man", "browse"] {
        let help = stdout_of(&[command, "--help"]);
        assert!(help.contains("Examples:") && help.contains("Exit status: 0"), "{command}");
    }
}

#[test]
fn man_pages_for_each_subcommand_with_their_sections() {
    for command in
        ["list", "show", "search", "browse", "contact", "validate", "import", "schema", "completions", "man"]
    {
        let page = stdout_of(&["man", command]);
        assert!(page.contains(&format!(".TH ncstb-{command} 1")), "{command}");
        for section in ["ENVIRONMENT", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
            assert!(page.contains(&format!(".SH \"{section}\"")), "ncstb-{command} has {section}");
        }
    }
    let dir = std::env::temp_dir().join(format!("ncstb-man-{}", std::process::id()));
    let listed = stdout_of(&["man", "--dir", dir.to_str().unwrap()]);
    assert_eq!(listed.lines().count(), 11);
    for page in ["ncstb.1", "ncstb-list.1", "ncstb-search.1", "ncstb-man.1"] {
        assert!(dir.join(page).is_file(), "{page}");
    }
    // Every page named in SEE ALSO exists.
    let top = std::fs::read_to_string(dir.join("ncstb.1")).unwrap();
    let see_also = top.split(".SH \"SEE ALSO\"").nth(1).unwrap();
    for name in see_also.split("\\fB").skip(1).filter_map(|part| part.split("\\fR").next()) {
        assert!(name == "jq" || dir.join(format!("{name}.1")).is_file(), "{name}(1) exists");
    }
    std::fs::remove_dir_all(dir).unwrap();
    let unknown = run(&["man", "nothing"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("possible values: list, show, search"));
}

#[test]
fn a_closed_pipe_ends_a_long_csv_quietly_too() {
    // Past the CSV writer's buffer, a reader that left shows up in the middle of a record.
    let duties: Vec<String> = (1..=5000)
        .map(|n| format!(r#"{{"number":{n},"text":"Promote S&T talent in district {n}."}}"#))
        .collect();
    let json = format!(
        r#"{{"schema_version":1,"agencies":[{{"id":"a","name":"A","functions":[{}]}}]}}"#,
        duties.join(",")
    );
    let file = crate::support::TempFile::new("long-csv.json", json.as_bytes());
    for format in ["csv", "tsv", "plain", "ndjson"] {
        let (reader, writer) = std::io::pipe().unwrap();
        drop(reader);
        let args = ["--data", file.path(), "list", "--format", format];
        let output = run_into(&args, writer);
        assert_eq!(
            output.status.code(),
            Some(0),
            "ncstb {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&output.stderr), "", "ncstb {args:?}");
    }
}

#[test]
fn no_pager_is_taken_anywhere_before_a_double_dash() {
    for args in [&["--no-pager", "show", "5"][..], &["show", "5", "--no-pager"], &["show", "--no-pager", "5"]]
    {
        assert_eq!(stdout_of(args), stdout_of(&["show", "5"]), "{args:?}");
    }
    // After `--` it is a word to search for, like any other.
    let output = run(&["search", "--", "--no-pager"]);
    assert_eq!(output.status.code(), Some(1));
}
