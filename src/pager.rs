//! Paging output longer than the screen at a terminal, as git, bat and gh do: through
//! `NCSTB_PAGER`, else `PAGER`, else `less -FRX`. An empty variable, `--no-pager` or a pipe turn
//! it off; a pager that cannot be started leaves the output to be written as it is.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager when neither `NCSTB_PAGER` nor `PAGER` names one.
const DEFAULT_PAGER: &str = "less -FRX";

/// The pager's program and arguments: `configured` (the variable's value) split at white
/// space, or the default; `None` when the variable is set but empty.
pub fn command_of(configured: Option<&str>) -> Option<Vec<String>> {
    let words: Vec<String> =
        configured.unwrap_or(DEFAULT_PAGER).split_whitespace().map(String::from).collect();
    (!words.is_empty()).then_some(words)
}

/// True when `output` takes more lines than a screen of `height` lines can show beside the
/// prompt.
pub fn is_longer_than(output: &[u8], height: Option<u16>) -> bool {
    let Some(height) = height.filter(|&height| height > 0) else { return false };
    let lines = output.iter().filter(|&&b| b == b'\n').count();
    lines >= usize::from(height)
}

/// Writes `output` through the pager `command`. `Err` when the pager cannot be started, and the
/// caller writes the output itself; a pager the user quits early is no error.
pub fn page(command: &[String], output: &[u8]) -> io::Result<()> {
    let [program, args @ ..] = command else {
        return Err(io::Error::new(io::ErrorKind::InvalidInput, "no pager"));
    };
    let mut pager = Command::new(program);
    pager.args(args).stdin(Stdio::piped());
    // less shows colour codes as codes unless told: git sets LESS=FRX when it is unset, too.
    if std::env::var_os("LESS").is_none() {
        pager.env("LESS", "FRX");
    }
    let mut child = pager.spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        // A pager quit before the end closes the pipe: the reader left, which is not a failure.
        let _ = stdin.write_all(output);
    }
    // The pager runs until the user quits it; how it ended is its own business.
    let _ = child.wait();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pager_is_the_variable_else_less() {
        assert_eq!(command_of(None), Some(vec!["less".into(), "-FRX".into()]));
        assert_eq!(command_of(Some("most -s")), Some(vec!["most".into(), "-s".into()]));
        assert_eq!(command_of(Some("")), None);
        assert_eq!(command_of(Some("  ")), None);
    }

    #[test]
    fn only_output_longer_than_the_screen_is_paged() {
        assert!(!is_longer_than(b"a\nb\n", Some(24)));
        assert!(is_longer_than("x\n".repeat(24).as_bytes(), Some(24)));
        assert!(!is_longer_than("x\n".repeat(99).as_bytes(), None));
    }

    #[test]
    fn a_pager_that_cannot_start_hands_the_output_back() {
        assert!(page(&["/nonexistent/pager".into()], b"text\n").is_err());
        assert!(page(&[], b"text\n").is_err());
    }
}
