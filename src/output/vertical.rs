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
pub(super) const BOLD: &str = "\x1b[1m";
const HEADING: &str = "\x1b[1;36m";
/// Ends any colour: after a highlight, a label, or at a line's end.
pub(super) const RESET: &str = "\x1b[0m";

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
    // A paragraph's lines after its first stand further in, when the width allows.
    let hanging = if width >= READABLE_HANGING_WIDTH { 2 * INDENT } else { INDENT };
    // One value beside a label that leaves it room; otherwise the label on its own line(s) and
    // each paragraph of the value under it.
    if let [one] = entry.paragraphs.as_slice()
        && label_width < width / 2
    {
        for (k, line) in wrap(one, width, label_width + 1, INDENT).iter().enumerate() {
            match (k, line.is_empty()) {
                (0, true) => writeln!(out, "{bold}{label}{reset}")?,
                (0, false) => writeln!(out, "{bold}{label}{reset} {start}{line}{end}")?,
                _ => writeln!(out, "{:INDENT$}{start}{line}{end}", "")?,
            }
        }
        return Ok(());
    }
    for (k, line) in wrap(&label, width, 0, INDENT).iter().enumerate() {
        let indent = if k == 0 { 0 } else { INDENT };
        writeln!(out, "{:indent$}{bold}{line}{reset}", "")?;
    }
    for paragraph in &entry.paragraphs {
        let then = if entry.paragraphs.len() > 1 { hanging } else { INDENT };
        for (k, line) in wrap(paragraph, width, INDENT, then).iter().enumerate() {
            let indent = if k == 0 { INDENT } else { then };
            writeln!(out, "{:indent$}{start}{line}{end}", "")?;
        }
    }
    Ok(())
}

/// From this width on, a paragraph of several (a numbered clause) hangs under its number.
const READABLE_HANGING_WIDTH: usize = 30;

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
/// it, the others `then`. Breaks at spaces and before wide characters; a word that does not fit
/// where it would start goes to the next line, and a word longer than a whole line is cut
/// between its characters (whole graphemes, never inside a colour code). A colour still on at
/// a line's end is turned off there and on again on the next line. The first line is empty when
/// even the first word belongs on the next.
pub fn wrap(text: &str, width: usize, first: usize, then: usize) -> Vec<String> {
    let mut lines = Lines { width, first, then, done: Vec::new(), line: String::new(), used: 0, style: None };
    for piece in pieces(text.trim()) {
        if piece.space {
            if lines.used > 0 && lines.used < lines.room() {
                lines.line.push(' ');
                lines.used += 1;
            }
            continue;
        }
        if piece.width > lines.room() - lines.used.min(lines.room())
            && (lines.used > 0 || lines.can_move_on(piece.width))
        {
            lines.break_line();
        }
        if lines.used + piece.width <= lines.room() {
            lines.push(piece.text, piece.width);
            continue;
        }
        // Longer than a whole line: cut between graphemes, colour codes kept whole.
        for part in graphemes(piece.text) {
            if lines.used > 0 && lines.used + part.width > lines.room() {
                lines.break_line();
            }
            lines.push(part.text, part.width);
        }
    }
    lines.finish()
}

/// The lines [`wrap`] is making.
struct Lines {
    width: usize,
    first: usize,
    then: usize,
    done: Vec<String>,
    line: String,
    used: usize,
    /// The colour code in force at the end of `line`, if one is.
    style: Option<String>,
}

impl Lines {
    /// The columns the current line may use.
    fn room(&self) -> usize {
        let taken = if self.done.is_empty() { self.first } else { self.then };
        self.width.saturating_sub(taken).max(1)
    }

    /// Whether an empty first line should give way to the next for a word of `width`: the word
    /// does not fit where the first line starts but fits on a whole following line.
    fn can_move_on(&self, width: usize) -> bool {
        self.done.is_empty() && self.first > self.then && width <= self.width.saturating_sub(self.then)
    }

    fn push(&mut self, text: &str, width: usize) {
        self.line.push_str(text);
        self.used += width;
        for code in colour_codes(text) {
            self.style = (code != RESET).then(|| code.to_string());
        }
    }

    fn break_line(&mut self) {
        let mut line = std::mem::take(&mut self.line).trim_end().to_string();
        if self.style.is_some() {
            line.push_str(RESET);
        }
        self.done.push(line);
        self.used = 0;
        if let Some(style) = &self.style {
            self.line.push_str(style);
        }
    }

    fn finish(mut self) -> Vec<String> {
        let line = self.line.trim_end().to_string();
        if self.done.is_empty() || !line.is_empty() {
            self.done.push(line);
        }
        self.done
    }
}

/// The colour codes (ESC `[` … `m`) in `text`, in order.
fn colour_codes(text: &str) -> impl Iterator<Item = &str> {
    code_ranges(text).map(move |(start, end)| &text[start..end])
}

/// Where each colour code of `text` starts and ends.
fn code_ranges(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.match_indices('\x1b').map(move |(at, _)| {
        let end = text[at..].find(|c: char| c.is_ascii_alphabetic()).map_or(text.len(), |i| at + i + 1);
        (at, end)
    })
}

/// A word's graphemes with their widths, each colour code a piece of no width between them.
fn graphemes(word: &str) -> Vec<Piece<'_>> {
    use unicode_segmentation::UnicodeSegmentation;
    let mut parts = Vec::new();
    let mut done = 0;
    for (start, end) in code_ranges(word).collect::<Vec<_>>() {
        if start < done {
            continue;
        }
        for grapheme in word[done..start].graphemes(true) {
            parts.push(Piece {
                text: grapheme,
                width: unicode_width::UnicodeWidthStr::width(grapheme),
                space: false,
            });
        }
        parts.push(Piece { text: &word[start..end], width: 0, space: false });
        done = end;
    }
    for grapheme in word[done..].graphemes(true) {
        parts.push(Piece {
            text: grapheme,
            width: unicode_width::UnicodeWidthStr::width(grapheme),
            space: false,
        });
    }
    parts
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
    fn a_word_that_fits_the_next_line_is_not_cut_on_the_first() {
        // "Agency: " takes 8 of 18 columns; the id fits a line of its own.
        assert_eq!(wrap("nanchang-stb", 18, 8, 2), ["", "nanchang-stb"]);
        assert_eq!(wrap("International S&T", 18, 7, 2), ["", "International", "S&T"]);
        assert_eq!(wrap("S&T talent", 18, 7, 2), ["S&T talent"]);
    }

    #[test]
    fn a_colour_is_closed_at_a_break_and_opened_again() {
        let red = "\x1b[1;31m";
        let lines = wrap(&format!("{red}industrialization{RESET}"), 10, 0, 0);
        assert_eq!(lines, [format!("{red}industrial{RESET}"), format!("{red}ization{RESET}")]);
    }

    #[test]
    fn cuts_keep_graphemes_whole() {
        let flags = "🇨🇳".repeat(5);
        for line in wrap(&flags, 5, 0, 0) {
            assert_eq!(line.chars().count() % 2, 0, "{line}");
        }
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
