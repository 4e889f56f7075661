//! The `ncstb` binary: parse arguments, run, print an error once, exit with its code.
#![forbid(unsafe_code)]

use std::io::{self, Write};
use std::process::ExitCode;

use clap::Parser;
use ncstb::{app, cli::Cli, exit, output::sanitize};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match app::run(cli) {
        Ok(outcome) => outcome.into(),
        // `ncstb list | head -1`: the reader left, which is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::from(exit::SUCCESS),
        Err(err) => {
            let message = format!("{err:#}");
            let _ = writeln!(io::stderr().lock(), "ncstb: error: {}", sanitize::for_terminal(&message));
            ExitCode::from(exit::ERROR)
        }
    }
}

/// True when any error in the chain is a broken pipe, however deeply it was wrapped.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_error =
            cause.downcast_ref::<io::Error>().or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io_error) => Some(io_error),
                _ => None,
            });
        io_error.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
