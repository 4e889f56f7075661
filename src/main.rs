//! The `ncstb` binary: parse arguments, run, print an error once, exit with its code.
#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{ColorChoice, FromArgMatches};
use ncstb::{app, cli::Cli, exit, sanitize};

/// The stack of a run with `--jq`: jq programs are compiled and run by recursion, and a
/// program nested thousands deep (or data built so) needs more than the main thread's.
const JQ_STACK: usize = 256 << 20;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let end = args.iter().position(|arg| arg == "--").unwrap_or(args.len());
    let jq =
        args[..end].iter().any(|arg| arg == "--jq" || arg.to_str().is_some_and(|a| a.starts_with("--jq=")));
    if !jq {
        return run(args);
    }
    // The stack is address space, taken by the pages used only.
    let thread = std::thread::Builder::new().stack_size(JQ_STACK).spawn(move || run(args));
    match thread.map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        // A panic has printed its message; a thread that cannot start says why.
        Ok(Err(_)) => ExitCode::from(exit::ERROR),
        Err(e) => {
            let _ = writeln!(io::stderr().lock(), "ncstb: error: cannot start: {e}");
            ExitCode::from(exit::ERROR)
        }
    }
}

fn run(args: Vec<std::ffi::OsString>) -> ExitCode {
    let (args, no_pager) = without_no_pager(args);
    let mut command = ncstb::cli::command_for(&args).color(help_color(args.iter().cloned()));
    let parsed = command.try_get_matches_from_mut(args).and_then(|matches| Cli::from_arg_matches(&matches));
    // The definition is no longer needed, and freeing its every argument and string costs more
    // than a search of the embedded data saves elsewhere: the process ends soon.
    std::mem::forget(command);
    let mut cli = match parsed {
        Ok(cli) => cli,
        Err(err) => return clap_exit(&err),
    };
    cli.no_pager |= no_pager;
    match app::run(cli) {
        Ok(outcome) => outcome.into(),
        // `ncstb list | head -1`: the reader left, which is not a failure.
        Err(err) if app::is_broken_pipe(&err) => ExitCode::from(exit::SUCCESS),
        Err(err) => {
            let message = format!("{err:#}");
            let _ = writeln!(io::stderr().lock(), "ncstb: error: {}", sanitize::for_terminal(&message));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// The arguments without `--no-pager`, which may stand anywhere before `--`, and whether it
/// stood there. Taken out before clap parses, rather than declared on every subcommand, as
/// declaring it so costs every run more than a search of the embedded data saves.
fn without_no_pager(args: Vec<std::ffi::OsString>) -> (Vec<std::ffi::OsString>, bool) {
    let end = args.iter().position(|arg| arg == "--").unwrap_or(args.len());
    if !args[..end].iter().any(|arg| arg == "--no-pager") {
        return (args, false);
    }
    let kept = args.into_iter().enumerate().filter(|(i, arg)| *i >= end || arg != "--no-pager");
    (kept.map(|(_, arg)| arg).collect(), true)
}

/// The `--color` given, for the help and errors clap writes before the arguments are parsed:
/// `--color never` and `--color=never` hold for `--help` too.
fn help_color(args: impl Iterator<Item = std::ffi::OsString>) -> ColorChoice {
    let mut choice = ColorChoice::Auto;
    let mut args = args.skip(1);
    while let Some(arg) = args.next() {
        let value = match arg.to_str() {
            Some("--") => break,
            Some("--color") => args.next(),
            Some(other) => other.strip_prefix("--color=").map(Into::into),
            None => None,
        };
        match value.as_ref().and_then(|value| value.to_str()) {
            Some("always") => choice = ColorChoice::Always,
            Some("never") => choice = ColorChoice::Never,
            Some("auto") => choice = ColorChoice::Auto,
            _ => {}
        }
    }
    choice
}

/// Help and version go to stdout as clap styles them; usage errors go to stderr with whatever
/// the user typed (which clap quotes back) visibly escaped, line by line.
fn clap_exit(err: &clap::Error) -> ExitCode {
    let code = u8::try_from(err.exit_code()).unwrap_or(exit::ERROR);
    if !err.use_stderr() {
        return match err.print() {
            Ok(()) => ExitCode::from(code),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(exit::SUCCESS),
            Err(e) => {
                let _ = writeln!(io::stderr().lock(), "ncstb: error: writing to standard output: {e}");
                ExitCode::from(exit::ERROR)
            }
        };
    }
    if let Some(line) = invalid_value_line(err).or_else(|| unsafe_argument_line(err)) {
        let _ = writeln!(io::stderr().lock(), "{line}");
        return ExitCode::from(code);
    }
    let rendered = err.render().to_string();
    let mut stderr = io::stderr().lock();
    for line in rendered.lines() {
        let _ = writeln!(stderr, "{}", sanitize::for_terminal(line));
    }
    ExitCode::from(code)
}

/// clap quotes what it did not understand with its colour codes and control characters taken
/// out, so `ncstb $'li\e[2Jst'` would read "unrecognized subcommand 'list'", which is false.
/// When an argument holding such characters is the one clap names, it is named escaped instead,
/// in one line.
fn unsafe_argument_line(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue};
    [ContextKind::InvalidSubcommand, ContextKind::InvalidArg, ContextKind::InvalidValue].into_iter().find_map(
        |kind| match err.get(kind) {
            Some(ContextValue::String(value)) if sanitize::for_terminal(value) != value.as_str() => Some(format!(
                "ncstb: error: argument \"{}\" is not valid here (shown escaped: it holds control characters); see ncstb --help",
                sanitize::for_terminal(value)
            )),
            _ => None,
        },
    )
}

/// clap quotes an invalid value with its control characters stripped, so `--format
/// $'\e[31mjson'` would read "invalid value 'json'", which is false: such a value is quoted
/// escaped instead, in one line.
fn invalid_value_line(err: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    if err.kind() != ErrorKind::InvalidValue {
        return None;
    }
    let Some(ContextValue::String(value)) = err.get(ContextKind::InvalidValue) else { return None };
    if sanitize::for_terminal(value) == value.as_str() {
        return None;
    }
    let argument = match err.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(argument)) => format!(" for '{argument}'"),
        _ => String::new(),
    };
    let valid = match err.get(ContextKind::ValidValue) {
        Some(ContextValue::Strings(values)) => format!(": possible values are {}", values.join(", ")),
        _ => String::new(),
    };
    Some(format!("ncstb: error: invalid value \"{}\"{argument}{valid}", sanitize::for_terminal(value)))
}
