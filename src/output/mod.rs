//! Output formats: each one a function over the same records, writing to `&mut dyn Write`.
//!
//! Terminal facts (is stdout a terminal, colour, width) arrive here as plain values in
//! [`Options`], decided once by the caller, so every format is deterministic under test.

mod batch;
mod delimited;
mod document;
mod json;
mod notes;
mod table;
mod vcard;
mod vertical;

use std::io::{self, Write};

use crate::error::UsageError;
use crate::record::{Field, Record};
use crate::wording::{did_you_mean, one_of, quoted};

/// The narrowest width output is fitted to: a narrower `COLUMNS` or terminal counts as this.
/// Below [`READABLE_WIDTH`] records are printed one field per line rather than as tables.
pub const MIN_WIDTH: usize = 10;
pub use batch::{BatchWriter, Reply};
pub use document::{numeral_mark, runs};
pub use notes::{fields_list, no_match_note, write_validation_reports};
pub use table::READABLE_WIDTH;
pub use vertical::text_width;

/// A concrete output format (`auto` is resolved before it gets here).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Plain,
    Json,
    Ndjson,
    Csv,
    Tsv,
    Vcard,
    Markdown,
    Html,
    Cite,
}

impl Format {
    pub fn is_json(self) -> bool {
        matches!(self, Format::Json | Format::Ndjson)
    }
}

/// How a table arranges records when the user has not chosen fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Layout {
    /// One row per duty: numeral, title and the start of the text (all of it when `long`).
    Duties { long: bool },
    /// Each duty in full, one clause per row.
    DutyDetail,
    /// Label and value, one block per record.
    Card,
    /// Search hits with their matching clauses.
    Hits,
}

/// Everything a format needs to know, decided once at the edge.
#[derive(Debug, Clone)]
pub struct Options {
    pub format: Format,
    /// Field names from `--fields`, unchecked; `None` means the format's defaults.
    pub fields: Option<Vec<String>>,
    pub color: bool,
    /// Table width in columns.
    pub width: usize,
    /// Pretty-printed JSON (at a terminal) rather than compact.
    pub pretty: bool,
    /// Standard output is a terminal: even CSV and TSV then escape control characters.
    pub terminal: bool,
    /// Tables name every duty's agency, whatever the records shown: a batch over several
    /// agencies names them in each query's table, even one whose hits are of one agency.
    pub agencies_named: bool,
    /// A document's title (`--format html`), when the command has a better one than the
    /// records give: "Search: talent".
    pub heading: Option<String>,
}

/// The fields to print, in order: the user's choice, checked, or the format's defaults.
pub fn select_fields<R: Record>(options: &Options) -> Result<Vec<&'static Field>, UsageError> {
    let all = R::FIELDS;
    let Some(requested) = &options.fields else {
        let json = options.format.is_json();
        return Ok(all.iter().filter(|f| if json { f.in_json } else { f.in_text }).collect());
    };
    let names: Vec<&str> = all.iter().map(|f| f.name).collect();
    let mut chosen: Vec<&'static Field> = Vec::new();
    for name in requested {
        let name = name.trim();
        let field = all.iter().find(|f| f.name == name).ok_or_else(|| {
            let hint = did_you_mean(name, names.iter().copied())
                .map(|n| format!(" (did you mean {n}?)"))
                .unwrap_or_default();
            let shown = if name.is_empty() {
                "an empty field name".to_string()
            } else {
                format!("unknown field {}", quoted(name))
            };
            UsageError::new(format!("{shown}{hint}: valid fields are {}", one_of(&names)))
        })?;
        if !chosen.iter().any(|f| f.name == field.name) {
            chosen.push(field);
        }
    }
    if chosen.is_empty() {
        return Err(UsageError::new(format!("--fields is empty: valid fields are {}", one_of(&names))));
    }
    Ok(chosen)
}

/// Writes `records` in the chosen format, with the `fields` that [`select_fields`] chose.
pub fn write<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    options: &Options,
    layout: Layout,
) -> io::Result<()> {
    match options.format {
        Format::Table => {
            let layout = if options.fields.is_some() { None } else { Some(layout) };
            table::write(out, records, fields, options, layout)
        }
        Format::Plain => delimited::write_plain(out, records, fields, &[]),
        Format::Csv => delimited::write_csv(out, records, fields, b',', options.terminal),
        Format::Tsv => delimited::write_csv(out, records, fields, b'\t', options.terminal),
        Format::Json => json::write_array(out, records, fields, options.pretty),
        Format::Ndjson => json::write_lines(out, records, fields),
        Format::Vcard => vcard::write(out, records),
        Format::Markdown => document::write_markdown(out, records, fields, options, layout),
        Format::Html => document::write_html(out, records, fields, options, layout),
        Format::Cite => document::write_citations(out, records),
    }
}
