//! Tables for people at a terminal (comfy-table): fitted to the given width, words wrapped,
//! every cell sanitised, colour only when the caller decided so.

use std::borrow::Cow;
use std::io::{self, Write};

use comfy_table::presets::UTF8_FULL_CONDENSED;
use comfy_table::{Attribute, Cell, Color, ColumnConstraint, ContentArrangement, Table, Width};

use super::vertical::{self, Entry};
use super::{Layout, Options};
use crate::dataset::DutyRef;
use crate::dataset::clause_pieces;
use crate::record::{Field, Record, Value};
use crate::sanitize::for_terminal;
use crate::search::{ClauseMatch, Hit};

/// The summary of a duty in the list table stops after its first clause or this many characters.
const SUMMARY_CHARS: usize = 100;

/// The title column of the duty list takes at most this share of the width, when the table
/// cannot give every cell its own line...
const TITLE_SHARE_PERCENT: usize = 30;
/// ...and numeral and label columns at most this share.
const LABEL_SHARE_PERCENT: usize = 40;

/// Below this width, records are printed one field per line ("Title: …"), not as a table.
pub const READABLE_WIDTH: usize = 40;
/// A table keeps words of up to this many columns whole; a longer one (an address, a link) may
/// be cut at its column's edge. When the columns cannot hold their words, records are printed
/// one field per line instead.
const MAX_WHOLE_WORD: usize = 24;
/// A layout's text column (a duty, its clauses, a contact's values) gets at least this many
/// columns in a table, or the records are printed one field per line.
const MIN_TEXT_WIDTH: usize = 20;

/// A search hit's table row shows at most this many matching clauses, best first.
const MAX_CLAUSES_SHOWN: usize = 3;

/// ANSI codes around highlighted search matches (bold red, as grep and ripgrep do).
const MATCH_START: &str = "\x1b[1;31m";
const MATCH_END: &str = vertical::RESET;

pub fn write<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    options: &Options,
    layout: Option<Layout>,
) -> io::Result<()> {
    let several_agencies =
        options.agencies_named || records.windows(2).any(|pair| pair[0].agency() != pair[1].agency());
    // Tables are built a bounded number of rows at a time and written at once, so a dataset of
    // any size costs the memory of one such table: a long list is several tables, one under
    // another, each with its header.
    let tables = |chunk: &[R], first_rank: usize| -> Vec<Table> {
        match layout {
            None => vec![columns(chunk, fields, options)],
            Some(Layout::Duties { long }) => vec![duty_list(chunk, options, long, several_agencies)],
            Some(Layout::DutyDetail) => {
                chunk.iter().map(|r| duty_detail(r, options, several_agencies)).collect()
            }
            Some(Layout::Card) => chunk.iter().map(|r| card(r, fields, options)).collect(),
            Some(Layout::Hits) => vec![hits(chunk, first_rank, options, several_agencies)],
        }
    };
    let caps = caps_of(layout);
    let width = options.width;
    let mut chunks = records.chunks(MAX_ROWS_PER_TABLE).enumerate();
    let Some((_, first_chunk)) = chunks.next() else { return Ok(()) };
    let mut first_tables = tables(first_chunk, 0);
    // Whether the first tables hold their words decides for the whole output.
    let as_table = width >= READABLE_WIDTH && first_tables.iter_mut().all(|table| fit(table, width, caps));
    if !as_table {
        let mut records = records.chunks(MAX_ROWS_PER_TABLE).enumerate();
        return records.try_for_each(|(i, chunk)| {
            if i > 0 {
                writeln!(out)?;
            }
            let entries = entries(chunk, i * MAX_ROWS_PER_TABLE, fields, options, layout, several_agencies);
            vertical::write(out, &entries, width, options.color)
        });
    }
    let mut first = true;
    let mut put = |table: Table, out: &mut dyn Write| -> io::Result<()> {
        if !std::mem::take(&mut first) {
            writeln!(out)?;
        }
        // No rows, no table: an empty dataset lists nothing, as `ls` of an empty folder does.
        if table.row_count() > 0 {
            writeln!(out, "{table}")?;
        }
        Ok(())
    };
    first_tables.into_iter().try_for_each(|table| put(table, out))?;
    chunks.try_for_each(|(i, chunk)| {
        tables(chunk, i * MAX_ROWS_PER_TABLE).into_iter().try_for_each(|mut table| {
            fit(&mut table, width, caps);
            put(table, out)
        })
    })
}

/// The columns of a layout kept to a share of the width (index, percent) when cells must wrap.
fn caps_of(layout: Option<Layout>) -> &'static [(usize, usize)] {
    match layout {
        None => &[],
        Some(Layout::Duties { .. }) => &[(0, LABEL_SHARE_PERCENT), (1, TITLE_SHARE_PERCENT)],
        Some(Layout::DutyDetail | Layout::Card) => &[(0, LABEL_SHARE_PERCENT)],
        Some(Layout::Hits) => &[(1, LABEL_SHARE_PERCENT), (2, TITLE_SHARE_PERCENT)],
    }
}

/// Fits `table` to `width`: every cell on one line when they all fit; otherwise each column
/// at least as wide as its longest word (up to [`MAX_WHOLE_WORD`]) and the `caps` kept, so
/// lines break between words. False when the columns cannot hold their words at this width.
fn fit(table: &mut Table, width: usize, caps: &[(usize, usize)]) -> bool {
    /// A cell's padding, a space on either side, and the border after each column.
    const AROUND_CELL: usize = 3;
    let widths = table.column_max_content_widths();
    let natural: usize = widths.iter().map(|&w| usize::from(w) + AROUND_CELL).sum();
    if natural < width {
        return true;
    }
    // comfy-table adds a column's padding to its content width in u16 when a lower bound is
    // set: a line of some 65,000 columns would overflow it, so such a table keeps only its caps.
    let huge = widths.iter().any(|&w| w > u16::MAX - 64);
    let mut lower: Vec<usize> = longest_words(table).iter().map(|&w| w.min(MAX_WHOLE_WORD) + 2).collect();
    // A layout's last column is its text, which needs room for more than a word a line.
    if let (false, Some(last)) = (caps.is_empty(), lower.last_mut()) {
        *last = (*last).max(MIN_TEXT_WIDTH + 2);
    }
    let fits = !huge && lower.iter().map(|w| w + 1).sum::<usize>() < width;
    let fixed = |w: usize| Width::Fixed(u16::try_from(w).unwrap_or(u16::MAX));
    for (i, column) in table.column_iter_mut().enumerate() {
        let cap = caps.iter().find(|&&(c, _)| c == i).map(|&(_, percent)| width * percent / 100);
        let low = lower.get(i).copied().unwrap_or(0);
        let constraint = match (fits, cap) {
            (true, Some(cap)) => {
                ColumnConstraint::Boundaries { lower: fixed(low), upper: fixed(cap.max(low)) }
            }
            (true, None) => ColumnConstraint::LowerBoundary(fixed(low)),
            (false, Some(cap)) => ColumnConstraint::UpperBoundary(fixed(cap)),
            (false, None) => continue,
        };
        column.set_constraint(constraint);
    }
    fits
}

/// Each column's longest word (in columns), over its header and cells.
fn longest_words(table: &Table) -> Vec<usize> {
    let mut longest: Vec<usize> = Vec::new();
    for row in table.header().into_iter().chain(table.row_iter()) {
        for (i, cell) in row.cell_iter().enumerate() {
            if longest.len() <= i {
                longest.resize(i + 1, 0);
            }
            longest[i] = longest[i].max(vertical::longest_word(&cell.content()));
        }
    }
    longest
}

/// The records of `chunk` as entries for [`vertical::write`], the same fields as the layout's
/// table shows.
fn entries<R: Record>(
    chunk: &[R],
    first_rank: usize,
    fields: &[&Field],
    options: &Options,
    layout: Option<Layout>,
    several_agencies: bool,
) -> Vec<Vec<Entry>> {
    let entry = |label: &'static str, text: String| Entry { label, paragraphs: vec![text], heading: false };
    let numeral = |duty: DutyRef<'_>| Entry {
        label: "No.",
        paragraphs: vec![numeral_label(duty, several_agencies)],
        heading: true,
    };
    let text = |record: &R, name: &str| for_terminal(&record.value(name).to_text()).into_owned();
    let by_fields = |record: &R| fields.iter().map(|f| entry(f.label, text(record, f.name))).collect();
    chunk
        .iter()
        .enumerate()
        .map(|(k, record)| match (layout, record.duty(), record.hit()) {
            (Some(Layout::Duties { long }), Some(duty), _) => {
                vec![numeral(duty), entry("Title", title_of(duty)), entry("Duty", duty_text(duty, long))]
            }
            (Some(Layout::DutyDetail), Some(duty), _) => {
                let clauses = numbered_clauses(duty)
                    .into_iter()
                    .map(
                        |(number, clause)| {
                            if number.is_empty() { clause } else { format!("{number} {clause}") }
                        },
                    )
                    .collect();
                vec![
                    numeral(duty),
                    entry("Title", title_of(duty)),
                    Entry { label: "Clauses", paragraphs: clauses, heading: false },
                ]
            }
            (Some(Layout::Hits), Some(duty), Some(hit)) => vec![
                entry("#", (first_rank + k + 1).to_string()),
                numeral(duty),
                entry("Title", hit_title(hit)),
                Entry {
                    label: "Matching clauses",
                    paragraphs: matching_clauses(hit, options.color),
                    heading: false,
                },
            ],
            // A card, the user's own fields, or a record the layout is not for: field by field.
            _ => by_fields(record),
        })
        .collect()
}

/// A table holds at most this many records; more are written as several tables.
const MAX_ROWS_PER_TABLE: usize = 500;

fn new_table(options: &Options) -> Table {
    let mut table = Table::new();
    table
        .load_style(UTF8_FULL_CONDENSED.with_rounded_corners())
        .force_no_tty()
        .set_content_arrangement(ContentArrangement::Dynamic)
        .set_width(u16::try_from(options.width).unwrap_or(u16::MAX));
    if options.color {
        table.enforce_styling();
    }
    table
}

fn header(labels: &[&str]) -> Vec<Cell> {
    labels.iter().map(|label| Cell::new(label).add_attribute(Attribute::Bold)).collect()
}

fn text_cell(value: &Value<'_>) -> Cell {
    data_cell(&for_terminal(&value.to_text()))
}

/// Words of more characters than this are cut into lines before the table wraps them: the
/// table's own wrapping costs the square of a word's length (one 200,000-letter word, or a
/// Chinese text with no spaces, would take a minute).
const LONG_WORD_CHARS: usize = 2000;
/// ...into lines of this many characters, which the table then wraps to the column.
const LONG_WORD_LINE_CHARS: usize = 256;

/// A cell for text from the data (sanitised, perhaps coloured), its overlong words cut.
fn data_cell(text: &str) -> Cell {
    Cell::new(cut_long_words(text))
}

/// `text` with every run of more than [`LONG_WORD_CHARS`] non-space characters cut into lines
/// of [`LONG_WORD_LINE_CHARS`]; colour codes (ESC `[` … `m`) count as no characters and are
/// never cut.
fn cut_long_words(text: &str) -> Cow<'_, str> {
    let longest = text.split(char::is_whitespace).map(|word| word.chars().count()).max().unwrap_or(0);
    if longest <= LONG_WORD_CHARS {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / LONG_WORD_LINE_CHARS + 1);
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let mut in_line = 0;
        let mut in_escape = false;
        for c in word.chars() {
            if c == '\x1b' {
                in_escape = true;
            } else if in_escape {
                in_escape = !c.is_ascii_alphabetic();
            } else if c.is_whitespace() {
                in_line = 0;
            } else {
                if in_line == LONG_WORD_LINE_CHARS {
                    out.push('\n');
                    in_line = 0;
                }
                in_line += 1;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A duty's numeral, after its agency's id when the records span agencies.
fn numeral_label((agency, duty): DutyRef<'_>, with_agency: bool) -> String {
    let numeral = agency.numeral_of_duty(duty);
    if with_agency {
        format!("{}:{}", for_terminal(&agency.id), for_terminal(&numeral))
    } else {
        for_terminal(&numeral).into_owned()
    }
}

fn numeral_cell(duty: DutyRef<'_>, with_agency: bool) -> Cell {
    data_cell(&numeral_label(duty, with_agency)).fg(Color::Cyan).add_attribute(Attribute::Bold)
}

/// A duty's text for the list, sanitised: all of it when `long`, else its start.
fn duty_text((_, duty): DutyRef<'_>, long: bool) -> String {
    let full = duty.text.as_str();
    let text = if long { Cow::Borrowed(full) } else { summary(full) };
    for_terminal(&text).into_owned()
}

/// A duty's clauses, sanitised, each with its number ("1."); a text with no clause (only
/// semicolons) is still shown, as it stands, without a number.
fn numbered_clauses((_, duty): DutyRef<'_>) -> Vec<(String, String)> {
    let clauses: Vec<(String, String)> = duty
        .clauses()
        .enumerate()
        .map(|(k, clause)| (format!("{}.", k + 1), for_terminal(clause).into_owned()))
        .collect();
    if clauses.is_empty() { vec![(String::new(), for_terminal(&duty.text).into_owned())] } else { clauses }
}

/// A duty's title, sanitised; empty when it has none.
fn title_of((_, duty): DutyRef<'_>) -> String {
    duty.title.as_ref().map_or_else(String::new, |title| for_terminal(title).into_owned())
}

/// The user's own choice of fields, one column each.
fn columns<R: Record>(records: &[R], fields: &[&Field], options: &Options) -> Table {
    let mut table = new_table(options);
    table.set_header(header(&fields.iter().map(|f| f.label).collect::<Vec<_>>()));
    for record in records {
        table.add_row(fields.iter().map(|f| text_cell(&record.value(f.name))).collect::<Vec<_>>());
    }
    table
}

fn duty_list<R: Record>(records: &[R], options: &Options, long: bool, several_agencies: bool) -> Table {
    let mut table = new_table(options);
    table.set_header(header(&["No.", "Title", "Duty"]));
    for duty in records.iter().filter_map(Record::duty) {
        table.add_row(vec![
            numeral_cell(duty, several_agencies),
            data_cell(&title_of(duty)),
            data_cell(&duty_text(duty, long)),
        ]);
    }
    table
}

fn duty_detail<R: Record>(record: &R, options: &Options, several_agencies: bool) -> Table {
    let mut table = new_table(options);
    let Some(duty) = record.duty() else { return table };
    table.set_header(vec![
        numeral_cell(duty, several_agencies),
        data_cell(&title_of(duty)).add_attribute(Attribute::Bold),
    ]);
    for (number, clause) in numbered_clauses(duty) {
        table.add_row(vec![Cell::new(number), data_cell(&clause)]);
    }
    table
}

fn card<R: Record>(record: &R, fields: &[&Field], options: &Options) -> Table {
    let mut table = new_table(options);
    for field in fields {
        table.add_row(vec![
            Cell::new(field.label).add_attribute(Attribute::Bold),
            text_cell(&record.value(field.name)),
        ]);
    }
    table
}

/// Search hits, the first ranked `first_rank` + 1.
fn hits<R: Record>(records: &[R], first_rank: usize, options: &Options, several_agencies: bool) -> Table {
    let mut table = new_table(options);
    table.set_header(header(&["#", "No.", "Title", "Matching clauses"]));
    for (rank, hit) in records.iter().filter_map(Record::hit).enumerate() {
        table.add_row(vec![
            Cell::new(first_rank + rank + 1),
            numeral_cell((hit.agency, hit.duty), several_agencies),
            data_cell(&hit_title(hit)),
            data_cell(&matching_clauses(hit, options.color).join("\n")),
        ]);
    }
    table
}

/// A hit's title, marked when not every query word matched.
fn hit_title(hit: &Hit<'_>) -> String {
    let mut title = title_of((hit.agency, hit.duty));
    if hit.partial {
        title.push_str(" (partial)");
    }
    title
}

/// A hit's best clauses, numbered, matches highlighted, with the concepts they stand for.
fn matching_clauses(hit: &Hit<'_>, color: bool) -> Vec<String> {
    hit.matches
        .iter()
        .take(MAX_CLAUSES_SHOWN)
        .map(|m| format!("{}. {}{}", m.clause, highlight(m.text, &m.spans, color), concepts(m)))
        .collect()
}

/// What the clause's concept matches stand for, in a word: " (patents → intellectual property)".
fn concepts(clause: &ClauseMatch<'_>) -> String {
    let notes: Vec<String> = clause
        .terms
        .iter()
        .filter_map(|term| {
            Some(format!("{} → {}", for_terminal(&term.query), for_terminal(term.via.as_ref()?)))
        })
        .collect();
    if notes.is_empty() { String::new() } else { format!(" ({})", notes.join("; ")) }
}

/// `text` sanitised, with the character ranges in `spans` marked in colour when `color` is on.
pub fn highlight(text: &str, spans: &[(usize, usize)], color: bool) -> String {
    if !color || spans.is_empty() {
        return for_terminal(text).into_owned();
    }
    super::runs(text, spans)
        .into_iter()
        .map(|(run, mark)| {
            if mark {
                format!("{MATCH_START}{}{MATCH_END}", for_terminal(run))
            } else {
                for_terminal(run).into_owned()
            }
        })
        .collect()
}

/// The start of a duty's text for the list: its first clause, cut at a word near
/// [`SUMMARY_CHARS`], with " …" when anything was left out.
fn summary(text: &str) -> Cow<'_, str> {
    let text = text.trim();
    let first = clause_pieces(text).next().unwrap_or(text).trim_end();
    let cut = match first.char_indices().nth(SUMMARY_CHARS) {
        Some((limit, _)) => first[..limit].rfind(' ').map_or(&first[..limit], |space| &first[..space]),
        None => first,
    };
    if cut.len() == text.len() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(format!("{} …", cut.trim_end_matches([',', ' '])))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlong_words_are_cut_without_breaking_colour_codes() {
        assert!(matches!(cut_long_words("short words stay"), Cow::Borrowed(_)));
        let word = format!("{MATCH_START}{}{MATCH_END}", "人".repeat(3000));
        let cut = cut_long_words(&word);
        assert!(cut.starts_with(MATCH_START) && cut.ends_with(MATCH_END), "{cut}");
        assert_eq!(cut.replace('\n', ""), word);
        assert!(cut.lines().all(|line| line.chars().count() <= LONG_WORD_LINE_CHARS + MATCH_START.len()));
        assert_eq!(cut.lines().count(), 3000usize.div_ceil(LONG_WORD_LINE_CHARS));
    }

    #[test]
    fn summaries_stop_after_the_first_clause() {
        assert_eq!(
            summary("Administer centrally the city’s private S&T work."),
            "Administer centrally the city’s private S&T work."
        );
        assert_eq!(summary("Do one thing; do another."), "Do one thing …");
        let long = "word ".repeat(40);
        let cut = summary(&long);
        assert!(cut.chars().count() <= SUMMARY_CHARS + 2, "{cut}");
        assert!(cut.ends_with("word …"));
    }

    #[test]
    fn highlights_character_spans_and_sanitises_around_them() {
        assert_eq!(highlight("S&T talent", &[(4, 10)], false), "S&T talent");
        assert_eq!(highlight("S&T talent", &[(4, 10)], true), "S&T \x1b[1;31mtalent\x1b[0m");
        assert_eq!(highlight("city’s S&T\u{1b}", &[(7, 10)], true), "city’s \x1b[1;31mS&T\x1b[0m\\u{1b}");
        assert_eq!(highlight("abc", &[(2, 99)], true), "ab\x1b[1;31mc\x1b[0m");
    }
}
