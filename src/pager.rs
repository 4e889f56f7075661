//! Paging output longer than the screen at a terminal, as git, bat and gh do: through
//! `NCSTB_PAGER`, else `PAGER`, else `less -FRX`. An empty variable, `--no-pager` or a pipe turn
//! it off; a pager that cannot be started leaves the output to be written as it is.

use std::io::{self, Write};
use std::process::{Command, Stdio};

/// The pager when neither `NCSTB_PAGER` nor `PAGER` names one.
const DEFAULT_PAGER: &str = "less -FRX";

/// The pager's program and arguments: `configured` (the variable's value), or the default;
/// `None` when the variable is set but empty. A value with quotes or other shell syntax runs
/// through `sh -c`, as git runs its pager; a plain one is split at white space, so a program
/// that does not exist is known at once and the output printed instead.
pub fn command_of(configured: Option<&str>) -> Option<Vec<String>> {
    let value = configured.unwrap_or(DEFAULT_PAGER).trim();
    if value.is_empty() {
        return None;
    }
    if cfg!(unix) && value.contains(|c: char| "\"'\\$`|&;<>()*?[]{}~".contains(c)) {
        return Some(vec!["sh".into(), "-c".into(), value.into()]);
    }
    Some(value.split_whitespace().map(String::from).collect())
}

/// True when `output` takes more rows of a `width` × `height` screen than it can show beside
/// the prompt: long lines count the rows they wrap onto.
pub fn is_longer_than(output: &[u8], width: Option<u16>, height: Option<u16>) -> bool {
    let Some(height) = height.filter(|&height| height > 0) else { return false };
    let width = usize::from(width.unwrap_or(u16::MAX).max(1));
    let text = String::from_utf8_lossy(output);
    let mut rows = 0;
    for line in text.lines() {
        rows += crate::output::text_width(line).div_ceil(width).max(1);
        if rows >= usize::from(height) {
            return true;
        }
    }
    false
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
        let quoted = "less -R 'a b'";
        assert_eq!(command_of(Some(quoted)), Some(vec!["sh".into(), "-c".into(), quoted.into()]));
    }

    #[test]
    fn only_output_longer_than_the_screen_is_paged() {
        assert!(!is_longer_than(b"a\nb\n", Some(80), Some(24)));
        assert!(is_longer_than("x\n".repeat(24).as_bytes(), Some(80), Some(24)));
        assert!(!is_longer_than("x\n".repeat(99).as_bytes(), Some(80), None));
        // Three lines of 800 characters fill 30 rows of an 80-column screen.
        assert!(is_longer_than(format!("{}\n", "x".repeat(800)).repeat(3).as_bytes(), Some(80), Some(24)));
    }

    #[test]
    fn a_pager_that_cannot_start_hands_the_output_back() {
        assert!(page(&["/nonexistent/pager".into()], b"text\n").is_err());
        assert!(page(&[], b"text\n").is_err());
    }
}
