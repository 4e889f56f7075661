//! `ncstb browse` end to end: the real binary in a pseudo-terminal, driven by keys, its
//! standard output captured apart (as `$(ncstb browse)` captures it), and the terminal's modes
//! checked afterwards.

use std::process::Command;

use crate::support::assert_error;

/// What a run in a pseudo-terminal left: its standard output, exit code, and whether the
/// terminal's modes were those before it.
struct Run {
    stdout: String,
    code: String,
    restored: bool,
}

/// Runs `ncstb browse ARGS` in a 100×30 pseudo-terminal under `sh`, waits for `ready` on the
/// screen, then sends each key and waits for what it should show.
fn browse(args: &str, ready: &str, keys: &[(&str, &str)]) -> Run {
    browse_under("", args, ready, keys)
}

/// [`browse`], run by `wrapper` (such as `timeout 1`).
fn browse_under(wrapper: &str, args: &str, ready: &str, keys: &[(&str, &str)]) -> Run {
    // Tests run at once in one process: each run has a directory of its own.
    static RUNS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let run = RUNS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("ncstb-browse-{}-{run}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let script = format!(
        "stty cols 100 rows 30; stty -g > before; {wrapper} '{bin}' browse {args} > out; echo $? > code; stty -g > after; echo ENDED",
        bin = env!("CARGO_BIN_EXE_ncstb"),
    );
    let mut command = Command::new("sh");
    command
        .arg("-c")
        .arg(script)
        .current_dir(&dir)
        .env_clear()
        .env("TERM", "xterm")
        .env("PATH", "/usr/bin:/bin");
    // Twenty seconds: far above the fraction of a second a run takes; only a hang reaches it.
    let mut session = rexpect::session::spawn_command(command, Some(20_000)).expect("a pseudo-terminal");
    session.exp_string(ready).expect("the screen shows what was typed");
    for (key, shown) in keys {
        session.send(key).unwrap();
        session.flush().unwrap();
        if !shown.is_empty() {
            session
                .exp_string(shown)
                .unwrap_or_else(|e| panic!("after {key:?}, {shown:?} is not shown: {e}"));
        }
    }
    session.exp_string("ENDED").expect("browse ends");
    let read = |name: &str| std::fs::read_to_string(dir.join(name)).unwrap_or_default();
    let run = Run {
        stdout: read("out"),
        code: read("code").trim().to_string(),
        restored: read("before") == read("after"),
    };
    let _ = std::fs::remove_dir_all(&dir);
    run
}

#[test]
fn a_misspelt_query_finds_the_duty_and_enter_prints_its_reference() {
    let run = browse("", "search:", &[("talnet", "1 hit"), ("\r", "")]);
    assert_eq!((run.stdout.as_str(), run.code.as_str()), ("9\n", "0"));
    assert!(run.restored, "the terminal's modes were not restored");
}

#[test]
fn words_given_start_the_query_and_a_dataset_names_the_agency() {
    let run = browse("--data ../../fixtures-two-agencies/none.json", "", &[]);
    // A dataset that cannot be read is an error before any screen.
    assert_eq!(run.code, "2");
    assert!(run.restored);
    let fixture = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/two-agencies.json");
    let run = browse(&format!("--data '{fixture}' talent"), "hit", &[("\r", "")]);
    assert_eq!(run.code, "0");
    assert!(run.stdout.trim_end().contains(':'), "{:?}", run.stdout);
}

#[test]
fn escape_and_control_c_quit_with_nothing_printed_and_the_terminal_restored() {
    for key in ["\x1b", "\x03"] {
        let run = browse("science", "hits", &[(key, "")]);
        assert_eq!((run.stdout.as_str(), run.code.as_str()), ("", "1"), "{key:?}");
        assert!(run.restored, "{key:?}");
    }
}

#[test]
fn without_a_terminal_browse_says_to_use_search() {
    // setsid leaves the process without a controlling terminal.
    if Command::new("setsid").arg("--version").output().is_err() {
        eprintln!("setsid is not installed: the check without a terminal is passed over");
        return;
    }
    let output = Command::new("setsid")
        .arg(env!("CARGO_BIN_EXE_ncstb"))
        .arg("browse")
        .env_clear()
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&output.stderr),
        "ncstb: error: browse needs a terminal (use `ncstb search` in scripts)\n"
    );
    assert_error(&["--format", "json", "browse"], 2, "--format means nothing to `ncstb browse`");
}

/// A TERM (here from `timeout`) ends the screen as Esc does: nothing printed, the terminal
/// restored.
#[test]
fn a_term_signal_ends_the_screen_and_restores_the_terminal() {
    if Command::new("timeout").arg("--version").output().is_err() {
        eprintln!("timeout is not installed: the check of a TERM signal is passed over");
        return;
    }
    let run = browse_under("timeout --foreground 1", "talent", "1 hit", &[]);
    // 124 is timeout's own status when it had to send the signal.
    assert_eq!((run.stdout.as_str(), run.code.as_str()), ("", "124"));
    assert!(run.restored);
}
