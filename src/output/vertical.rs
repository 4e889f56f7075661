//! Records printed one under another, a field per line ("Title: …"), as `psql -x` does: what a
//! table becomes when the width cannot hold its columns. Values wrap at word boundaries (and
//! between Chinese characters) to the width, continued two spaces in.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

/// One record: its fields' labels and values, a value being one or more paragraphs.
pub struct Entry {
    pub label: &'static str,
    pub paragraphs: Vec<String>,
    /// The value is a heading (the duty's numeral): bold cyan, as in tables.
    pub heading: bool,
}

/// ANSI codes of the label (bold) and of a heading value (bold cyan, as the tables' numerals).
const BOLD: &str = "\x1b[1m";
const HEADING: &str = "\x1b[1;36m";
const RESET: &str = "\x1b[0m";

/// Continuation lines, and the paragraphs of a value of several, stand this far in.
const INDENT: usize = 2;

/// Writes `records`, a blank line between them, wrapped to `width` columns.
pub fn write(out: &mut dyn Write, records: &[Vec<Entry>], width: usize, color: bool) -> io::Result<()> {
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        for entry in record {
            write_entry(out, entry, width, color)?;
        }
    }
    Ok(())
}

fn write_entry(out: &mut dyn Write, entry: &Entry, width: usize, color: bool) -> io::Result<()> {
    let (bold, heading, reset) = if color { (BOLD, HEADING, RESET) } else { ("", "", "") };
    let label = format!("{}:", entry.label);
    let label_width = text_width(&label);
    let (start, end) = if entry.heading { (heading, reset) } else { ("", "") };
    // One value beside a label that leaves it room; otherwise the label on its own line(s) and
    // each paragraph of the value under it.
    if let [one] = entry.paragraphs.as_slice()
        && label_width < width / 2
    {
        for (k, line) in wrap(one, width, label_width + 1, INDENT).iter().enumerate() {
            if k == 0 {
                writeln!(out, "{bold}{label}{reset} {start}{line}{end}")?;
            } else {
                writeln!(out, "{:INDENT$}{start}{line}{end}", "")?;
            }
        }
        return Ok(());
    }
    for line in wrap(&label, width, 0, 0) {
        writeln!(out, "{bold}{line}{reset}")?;
    }
    for paragraph in &entry.paragraphs {
        for (k, line) in wrap(paragraph, width, INDENT, 2 * INDENT).iter().enumerate() {
            let indent = if k == 0 { INDENT } else { 2 * INDENT };
            writeln!(out, "{:indent$}{start}{line}{end}", "")?;
        }
    }
    Ok(())
}

/// The display width of `text`: double-width characters count two, colour codes nothing.
pub fn text_width(text: &str) -> usize {
    pieces(text).map(|piece| piece.width).sum::<usize>()
}

/// A piece of text that is not broken inside: a word (with any colour codes in it), a space, or
/// a single Chinese (wide) character, which lines may break before.
struct Piece<'t> {
    text: &'t str,
    width: usize,
    space: bool,
}

fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let (end, width, space) = if first.is_whitespace() {
            (first.len_utf8(), 1, true)
        } else if is_wide(first) {
            (first.len_utf8(), 2, false)
        } else {
            let (mut end, mut width, mut in_escape) = (0, 0, false);
            for (at, c) in rest.char_indices() {
                if !in_escape && (c.is_whitespace() || is_wide(c)) {
                    break;
                }
                end = at + c.len_utf8();
                if c == '\x1b' {
                    in_escape = true;
                } else if in_escape {
                    in_escape = !c.is_ascii_alphabetic();
                } else {
                    width += c.width().unwrap_or(0);
                }
            }
            (end, width, false)
        };
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(Piece { text: piece, width, space })
    })
}

/// The width of the longest word of `text` (a Chinese character is a word of its own).
pub fn longest_word(text: &str) -> usize {
    pieces(text).filter(|piece| !piece.space).map(|piece| piece.width).max().unwrap_or(0)
}

fn is_wide(c: char) -> bool {
    c.width() == Some(2)
}

/// `text` in lines of at most `width` columns: the first line has `first` columns taken before
/// it, the others `then`. Breaks at spaces and before wide characters; a word longer than a line
/// is cut.
pub fn wrap(text: &str, width: usize, first: usize, then: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    let room = |lines: &Vec<String>| width.saturating_sub(if lines.is_empty() { first } else { then }).max(1);
    for piece in pieces(text.trim()) {
        if piece.space {
            if used > 0 && used < room(&lines) {
                line.push(' ');
                used += 1;
            }
            continue;
        }
        if used > 0 && used + piece.width > room(&lines) {
            lines.push(std::mem::take(&mut line).trim_end().to_string());
            used = 0;
        }
        if piece.width <= room(&lines) {
            line.push_str(piece.text);
            used += piece.width;
            continue;
        }
        // A word longer than a whole line: cut where the line ends, character by character.
        for c in piece.text.chars() {
            let w = c.width().unwrap_or(0);
            if used > 0 && used + w > room(&lines) {
                lines.push(std::mem::take(&mut line));
                used = 0;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.trim_end().is_empty() || lines.is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_break_at_spaces_and_between_chinese_characters() {
        assert_eq!(
            wrap("S&T policy, development strategy", 20, 0, 2),
            ["S&T policy,", "development", "strategy"]
        );
        assert_eq!(wrap("负责科技人才", 8, 0, 0), ["负责科技", "人才"]);
        assert_eq!(wrap("abcdefghij", 4, 0, 0), ["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 10, 0, 0), [""]);
        for line in wrap(&"industrialization and development ".repeat(20), 12, 3, 2) {
            assert!(text_width(&line) <= 12, "{line}");
        }
    }

    #[test]
    fn colour_codes_take_no_room() {
        assert_eq!(text_width("\x1b[1;31mtalent\x1b[0m"), 6);
        assert_eq!(
            wrap("S&T \x1b[1;31mtalent\x1b[0m resources", 9, 0, 0),
            ["S&T", "\x1b[1;31mtalent\x1b[0m", "resources"]
        );
    }

    #[test]
    fn records_are_fields_one_per_line() {
        let record = vec![
            Entry { label: "No.", paragraphs: vec!["V".into()], heading: true },
            Entry { label: "Title", paragraphs: vec!["High-tech industrialization".into()], heading: false },
            Entry { label: "Clauses", paragraphs: vec!["1. one".into(), "2. two".into()], heading: false },
        ];
        let mut out = Vec::new();
        write(&mut out, &[record], 20, false).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "No.: V\nTitle: High-tech\n  industrialization\nClauses:\n  1. one\n  2. two\n"
        );
    }
}
