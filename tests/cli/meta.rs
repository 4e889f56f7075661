//! Help, version, completions, the man page, exit codes, and failing or vanishing stdout.

use std::process::Stdio;

use crate::support::{repo_file, run, stdout_of};

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
    assert_eq!(stdout_of(&["--version"]), format!("ncstb {}\n", env!("CARGO_PKG_VERSION")));
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

#[test]
fn a_closed_pipe_ends_quietly_with_success() {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .args(["list", "--json"])
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
}

#[test]
fn a_full_disk_is_an_error() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_ncstb"))
        .env_clear()
        .arg("list")
        .stdout(full)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ncstb: error: writing to standard output: No space left on device (os error 28)\n"
    );
}
