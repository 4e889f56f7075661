//! The answers of `search --batch`, written one query at a time: each answer is whole on the
//! output before the next query is read. JSON Lines gives an object per query, JSON an array of
//! them; CSV, TSV and plain put the query and its line before each hit's fields; a table heads
//! each query's hits with the query.

use std::io::{self, Write};

use super::delimited::{self, Leading};
use super::json::{self, Answer};
use super::vertical::{self, BOLD, RESET};
use super::{Format, Layout, Options, select_fields, table};
use crate::error::UsageError;
use crate::record::{Field, HitRecord};
use crate::sanitize;

/// The columns before the hit's fields in CSV, TSV and plain output.
const LEADING: [&str; 2] = ["query", "line"];

/// Writes the answers of a batch in the chosen format.
pub struct BatchWriter<'o> {
    options: &'o Options,
    fields: Vec<&'static Field>,
    answered: usize,
}

/// A query's answer: its hits, or the error that kept it from running; and for people, what
/// the search says when nothing matched.
pub struct Reply<'a, 'd> {
    pub query: &'a str,
    pub line: u64,
    pub hits: &'a [HitRecord<'d>],
    pub error: Option<&'a str>,
    pub note: Option<&'a str>,
}

impl<'o> BatchWriter<'o> {
    /// A writer for `options`, whose fields are checked here.
    pub fn new(options: &'o Options) -> Result<Self, UsageError> {
        Ok(BatchWriter { options, fields: select_fields::<HitRecord>(options)?, answered: 0 })
    }

    /// True when errors are part of the answers (JSON); otherwise they are for standard error.
    pub fn holds_errors(&self) -> bool {
        self.options.format.is_json()
    }

    /// What comes before the first answer: CSV's and TSV's header, JSON's opening bracket.
    pub fn begin(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.options.format {
            Format::Json => out.write_all(b"["),
            Format::Csv | Format::Tsv => {
                let header: Vec<&str> =
                    LEADING.iter().copied().chain(self.fields.iter().map(|f| f.name)).collect();
                let leading = Leading { header: Some(&header), values: &[] };
                self.rows(out, &[], &leading)
            }
            _ => Ok(()),
        }
    }

    /// Writes one query's answer and flushes it: a co-process reading the answers gets each at
    /// once.
    pub fn answer(&mut self, out: &mut dyn Write, reply: &Reply<'_, '_>) -> io::Result<()> {
        let line = reply.line.to_string();
        let leading = Leading { header: None, values: &[reply.query, &line] };
        let answer = Answer {
            query: reply.query,
            line: reply.line,
            hits: reply.hits,
            error: reply.error,
            fields: &self.fields,
        };
        match self.options.format {
            Format::Ndjson => json::write_answer(out, &answer, None)?,
            Format::Json => {
                json::write_answer(out, &answer, Some((self.answered == 0, self.options.pretty)))?;
            }
            Format::Csv | Format::Tsv => self.rows(out, reply.hits, &leading)?,
            Format::Plain => delimited::write_plain(out, reply.hits, &self.fields, leading.values)?,
            // The formats of documents are refused for a batch before it starts (`app`).
            Format::Table | Format::Vcard | Format::Markdown | Format::Html | Format::Cite => {
                self.table(out, reply)?;
            }
        }
        self.answered += 1;
        out.flush()
    }

    /// What comes after the last answer: JSON's closing bracket.
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        match self.options.format {
            Format::Json if self.options.pretty && self.answered > 0 => out.write_all(b"\n]\n"),
            Format::Json => out.write_all(b"]\n"),
            _ => Ok(()),
        }?;
        out.flush()
    }

    fn rows(&self, out: &mut dyn Write, hits: &[HitRecord<'_>], leading: &Leading<'_>) -> io::Result<()> {
        let delimiter = if self.options.format == Format::Csv { b',' } else { b'\t' };
        delimited::write_csv_rows(out, hits, &self.fields, leading, delimiter, self.options.terminal)
    }

    /// The query as a heading, then its hits as a search shows them, or why there are none.
    fn table(&self, out: &mut dyn Write, reply: &Reply<'_, '_>) -> io::Result<()> {
        if reply.error.is_some() {
            return Ok(());
        }
        let (bold, reset) = if self.options.color { (BOLD, RESET) } else { ("", "") };
        if self.answered > 0 {
            writeln!(out)?;
        }
        // The heading wraps at the table's width, as the table does.
        let heading = format!("{} (line {})", sanitize::for_terminal(reply.query), reply.line);
        for (i, line) in vertical::wrap(&heading, self.options.width, 0, 2).iter().enumerate() {
            let indent = if i == 0 { "" } else { "  " };
            writeln!(out, "{indent}{bold}{line}{reset}")?;
        }
        if reply.hits.is_empty() {
            return writeln!(out, "  {}", reply.note.unwrap_or("no duty matches"));
        }
        let layout = if self.options.fields.is_some() { None } else { Some(Layout::Hits) };
        table::write(out, reply.hits, &self.fields, self.options, layout)
    }
}
