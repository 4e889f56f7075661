//! `ncstb search --batch`: many queries, one a line, answered from one index of the duties in
//! the order given, each answer written (and flushed) before the next line is read, so that a
//! script can keep ncstb running beside it as a co-process.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;

use anyhow::Context;

use crate::dataset::Dataset;
use crate::exit::Outcome;
use crate::output::{self, BatchWriter, Options, Reply};
use crate::record::HitRecord;
use crate::sanitize;
use crate::search::{self, Index, MAX_QUERY_CHARS};
use crate::wording::plural;

/// The longest line kept: a query within [`MAX_QUERY_CHARS`] characters fits, at four bytes a
/// character. A longer line is answered as too long, and never held whole in memory.
const MAX_LINE_BYTES: usize = 4 * MAX_QUERY_CHARS;

/// Answers the queries of `source` (a file, or standard input for `None` or `-`) over the
/// dataset's duties. Queries that could not run are answered with their errors, counted at the
/// end on `notes`, and make the outcome an error.
pub fn run(
    dataset: &Dataset<'_>,
    source: Option<&Path>,
    search_options: &search::Options,
    options: &Options,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let mut writer = BatchWriter::new(options)?;
    let reader: Box<dyn BufRead> = match source {
        Some(path) if path.as_os_str() != "-" => {
            let file = File::open(path).with_context(|| {
                format!("cannot read the queries in {}", sanitize::for_terminal(&path.to_string_lossy()))
            })?;
            Box::new(BufReader::new(file))
        }
        _ => Box::new(io::stdin().lock()),
    };
    let index = Index::new(dataset.duties());
    let mut queries = Queries::new(reader);
    let (mut asked, mut found, mut failed) = (0usize, 0usize, Vec::new());
    writer.begin(out).context(WRITING)?;
    while let Some(line) = queries.next_line().context("reading the queries")? {
        asked += 1;
        let t = std::time::Instant::now();
        let results = line.query.as_ref().map_err(Clone::clone).and_then(|query| {
            index.search(std::slice::from_ref(query), search_options).map_err(|e| e.to_string())
        });
        if std::env::var_os("NCSTB_T").is_some() {
            eprintln!("{} {}", t.elapsed().as_micros(), line.text);
        }
        let query = line.query.as_deref().unwrap_or(&line.text);
        let (hits, error, note) = match results {
            Ok(results) => {
                let note = results.hits.is_empty().then(|| {
                    output::no_match_note(
                        std::slice::from_ref(&query.to_string()),
                        &results.suggestions,
                        &results.unmatched,
                    )
                });
                (results.hits.into_iter().map(|hit| HitRecord { hit }).collect(), None, note)
            }
            Err(error) => (Vec::new(), Some(error), None),
        };
        found += usize::from(!hits.is_empty());
        if let Some(error) = &error {
            failed.push(line.number);
            if !writer.holds_errors() {
                writeln!(notes, "ncstb: error: line {}: {}", line.number, sanitize::for_terminal(error))?;
            }
        }
        let reply =
            Reply { query, line: line.number, hits: &hits, error: error.as_deref(), note: note.as_deref() };
        writer.answer(out, &reply).context(WRITING)?;
    }
    writer.finish(out).context(WRITING)?;
    // The index goes with the process, as the dataset does: freeing it piece by piece is slower.
    std::mem::forget(index);
    if !failed.is_empty() {
        writeln!(
            notes,
            "ncstb: error: {} of {} could not run (line {}); the others were answered",
            failed.len(),
            plural(asked, "query", "queries"),
            lines_list(&failed)
        )?;
        return Ok(Outcome::Invalid);
    }
    Ok(if found > 0 { Outcome::Found } else { Outcome::NothingFound })
}

const WRITING: &str = "writing to standard output";

/// Line numbers for a note: the first ten, then how many more.
fn lines_list(lines: &[u64]) -> String {
    let shown: Vec<String> = lines.iter().take(10).map(u64::to_string).collect();
    match lines.len() {
        n if n > 10 => format!("{} and {} more", shown.join(", "), n - 10),
        _ => shown.join(", "),
    }
}

/// A line of queries: its number from 1, and the query, or why it is no query.
struct Line {
    number: u64,
    /// The line as read, for naming it in an answer when it is no query.
    text: String,
    query: Result<String, String>,
}

/// The queries of a reader, one a line: blank lines and lines starting with `#` are skipped.
struct Queries<R> {
    reader: R,
    number: u64,
    bytes: Vec<u8>,
}

impl<R: BufRead> Queries<R> {
    fn new(reader: R) -> Self {
        Queries { reader, number: 0, bytes: Vec::new() }
    }

    /// The next query line, read no further than its end.
    fn next_line(&mut self) -> io::Result<Option<Line>> {
        loop {
            let Some(cut) = self.read_line()? else { return Ok(None) };
            self.number += 1;
            let bytes = self.bytes.strip_suffix(b"\r").unwrap_or(&self.bytes);
            let text = String::from_utf8_lossy(bytes);
            let start = text.trim_start();
            if start.starts_with('#') || (!cut && start.is_empty()) {
                continue;
            }
            let query = match std::str::from_utf8(bytes) {
                _ if cut => Err(format!(
                    "the query is too long: more than {MAX_LINE_BYTES} bytes, and at most {MAX_QUERY_CHARS} characters are searched"
                )),
                Ok(query) => Ok(query.to_string()),
                Err(_) => Err("the line is not UTF-8 text".to_string()),
            };
            return Ok(Some(Line { number: self.number, text: text.into_owned(), query }));
        }
    }

    /// Reads a line into `bytes`, without its line feed, keeping at most [`MAX_LINE_BYTES`] of
    /// it: true when it was cut. `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<bool>> {
        self.bytes.clear();
        let (mut cut, mut read) = (false, false);
        loop {
            let available = match self.reader.fill_buf() {
                Ok(available) => available,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if available.is_empty() {
                return Ok(read.then_some(cut));
            }
            read = true;
            let end = memchr::memchr(b'\n', available);
            let line = &available[..end.unwrap_or(available.len())];
            let room = MAX_LINE_BYTES - self.bytes.len().min(MAX_LINE_BYTES);
            cut |= line.len() > room;
            self.bytes.extend_from_slice(&line[..line.len().min(room)]);
            let used = end.map_or(available.len(), |end| end + 1);
            self.reader.consume(used);
            if end.is_some() {
                return Ok(Some(cut));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8]) -> Vec<(u64, Result<String, String>)> {
        let mut queries = Queries::new(input);
        let mut lines = Vec::new();
        while let Some(line) = queries.next_line().unwrap() {
            lines.push((line.number, line.query));
        }
        lines
    }

    #[test]
    fn queries_are_lines_without_blanks_and_comments() {
        let read = lines(b"talent\r\n\n   \n# a comment\n  #another\nS&T policy\nlast without a newline");
        let expected = [(1, "talent"), (6, "S&T policy"), (7, "last without a newline")];
        assert_eq!(read, expected.map(|(n, q)| (n, Ok(q.to_string()))));
        assert!(lines(b"").is_empty());
    }

    #[test]
    fn long_and_broken_lines_are_answered_with_errors() {
        let mut input = vec![b'a'; MAX_LINE_BYTES + 1];
        input.extend_from_slice(b"\n\xff\xfe\nok\n");
        let read = lines(&input);
        assert_eq!(read.len(), 3);
        assert!(read[0].1.as_ref().is_err_and(|e| e.contains("too long")), "{read:?}");
        assert!(read[1].1.as_ref().is_err_and(|e| e.contains("UTF-8")), "{read:?}");
        assert_eq!(read[2], (3, Ok("ok".to_string())));
        // A line of exactly the most kept is whole.
        let mut input = vec![b'b'; MAX_LINE_BYTES];
        input.push(b'\n');
        assert!(lines(&input)[0].1.is_ok());
    }
}
