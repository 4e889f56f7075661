//! `ncstb search --batch`: many queries, one a line, answered from one index of the duties in
//! the order given, each answer written (and flushed) before the next line is read, so that a
//! script can keep ncstb running beside it as a co-process.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, IsTerminal, Write};
use std::path::Path;
use std::sync::{Mutex, mpsc};

use anyhow::Context;
use rustc_hash::FxHashMap;

use crate::dataset::Dataset;
use crate::error::UsageError;
use crate::exit::Outcome;
use crate::output::{self, BatchWriter, Options, Reply};
use crate::record::HitRecord;
use crate::sanitize;
use crate::search::{self, Index, MAX_QUERY_CHARS, Results};
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
    // A file is read ahead, its queries answered on every core; standard input may be a script
    // waiting for each answer before it writes the next query, so it is read a line at a time.
    let (reader, ahead): (Box<dyn BufRead>, bool) = match source {
        Some(path) if path.as_os_str() != "-" => {
            let file = open(path)?;
            let regular = file.metadata().is_ok_and(|metadata| metadata.is_file());
            (Box::new(BufReader::new(file)), regular)
        }
        _ => {
            // A person typing queries is told what ncstb waits for.
            if io::stdin().is_terminal() {
                writeln!(notes, "ncstb: reading queries, one per line; Ctrl-D ends")?;
            }
            (Box::new(io::stdin().lock()), false)
        }
    };
    let index = Index::new(dataset.duties());
    let answers = Answers::default();
    let answer = |query: &Result<String, String>| answers.get(&index, query, search_options);
    let mut queries = Queries::new(reader);
    let mut tally = Tally::default();
    writer.begin(out).context(WRITING)?;
    let mut reply = |line: Line, answer: Result<Results<'_>, String>| -> anyhow::Result<()> {
        let query = line.query.as_deref().unwrap_or(&line.text);
        let (hits, error, note) = match answer {
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
        tally.count(line.number, !hits.is_empty(), error.is_some());
        if let Some(error) = error.as_ref().filter(|_| !writer.holds_errors()) {
            writeln!(notes, "ncstb: error: line {}: {}", line.number, sanitize::for_terminal(error))?;
        }
        let reply =
            Reply { query, line: line.number, hits: &hits, error: error.as_deref(), note: note.as_deref() };
        writer.answer(out, &reply).context(WRITING)
    };
    let workers = if ahead { std::thread::available_parallelism().map_or(1, usize::from) } else { 1 };
    let done = if workers > 1 {
        in_order(&mut queries, workers, &answer, &mut reply)
    } else {
        one_at_a_time(&mut queries, &answer, &mut reply)
    };
    match done {
        Ok(()) => writer.finish(out).context(WRITING)?,
        Err(Stop::Writing(error)) => return Err(error),
        Err(Stop::Reading(error)) => {
            // What was answered stays a whole document.
            writer.finish(out).context(WRITING)?;
            return Err(anyhow::Error::new(error).context("reading the queries"));
        }
    }
    // The index goes with the process, as the dataset does: freeing it piece by piece is slower.
    std::mem::forget(index);
    if tally.failed > 0 {
        writeln!(notes, "ncstb: error: {}", tally.failures())?;
        return Ok(Outcome::Invalid);
    }
    Ok(if tally.found > 0 { Outcome::Found } else { Outcome::NothingFound })
}

/// A query's answer: its results, or why it could not run.
type Answer<'d> = Result<Results<'d>, String>;

/// Why a batch ended early.
enum Stop {
    /// The queries could not be read on: what was answered stands.
    Reading(io::Error),
    /// An answer could not be written (a reader that left, a full disk).
    Writing(anyhow::Error),
}

/// Each query answered, then replied to, before the next line is read.
fn one_at_a_time<'d, R: BufRead>(
    queries: &mut Queries<R>,
    answer: &(dyn Fn(&Result<String, String>) -> Answer<'d> + Sync),
    reply: &mut dyn FnMut(Line, Answer<'d>) -> anyhow::Result<()>,
) -> Result<(), Stop> {
    while let Some(line) = queries.next_line().map_err(Stop::Reading)? {
        let answered = answer(&line.query);
        reply(line, answered).map_err(Stop::Writing)?;
    }
    Ok(())
}

/// Queries answered on `workers` threads, replied to in the order read: at most
/// [`MOST_AHEAD`] queries are read beyond the last one replied to, whatever one of them costs.
fn in_order<'d, R: BufRead>(
    queries: &mut Queries<R>,
    workers: usize,
    answer: &(dyn Fn(&Result<String, String>) -> Answer<'d> + Sync),
    reply: &mut dyn FnMut(Line, Answer<'d>) -> anyhow::Result<()>,
) -> Result<(), Stop> {
    let (tasks, task) = mpsc::channel::<(u64, Result<String, String>)>();
    let task = Mutex::new(task);
    let (answers, answered) = mpsc::channel::<(u64, Answer<'d>)>();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            let (task, answers) = (&task, answers.clone());
            scope.spawn(move || {
                // A poisoned lock or a closed channel means the batch is over.
                while let Some((seq, query)) = task.lock().ok().and_then(|task| task.recv().ok()) {
                    if answers.send((seq, answer(&query))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(answers);
        // The lines read and not yet replied to, with their answers once they come.
        let mut pending: BTreeMap<u64, (Line, Option<Answer<'d>>)> = BTreeMap::new();
        let (mut read, mut ended) = (0u64, None);
        let result = loop {
            while ended.is_none() && pending.len() < MOST_AHEAD {
                match queries.next_line() {
                    Ok(Some(line)) => {
                        // Workers stop only when the channel of tasks closes, below.
                        let _ = tasks.send((read, line.query.clone()));
                        pending.insert(read, (line, None));
                        read += 1;
                    }
                    Ok(None) => ended = Some(Ok(())),
                    Err(error) => ended = Some(Err(Stop::Reading(error))),
                }
            }
            if pending.is_empty() {
                break ended.unwrap_or(Ok(()));
            }
            let Ok((seq, answer)) = answered.recv() else { break ended.unwrap_or(Ok(())) };
            if let Some((_, slot)) = pending.get_mut(&seq) {
                *slot = Some(answer);
            }
            // The first lines read, as far as each has its answer.
            let mut written = Ok(());
            while written.is_ok()
                && pending.first_key_value().is_some_and(|(_, (_, answer))| answer.is_some())
            {
                if let Some((_, (line, Some(answer)))) = pending.pop_first() {
                    written = reply(line, answer);
                }
            }
            if let Err(error) = written {
                break Err(Stop::Writing(error));
            }
        };
        drop(tasks);
        result
    })
}

/// How many queries of a file are read beyond the last one answered: enough to keep every core
/// busy while one query costs more than the others.
const MOST_AHEAD: usize = 64;

const WRITING: &str = "writing to standard output";

/// The file of queries, opened; a directory is no file of queries.
fn open(path: &Path) -> anyhow::Result<File> {
    let name = || format!("cannot read the queries in {}", sanitize::for_terminal(&path.to_string_lossy()));
    let file = File::open(path).with_context(name)?;
    if file.metadata().is_ok_and(|metadata| metadata.is_dir()) {
        let message = format!("{}: it is a directory; give a file of queries, one per line", name());
        return Err(UsageError::new(message).into());
    }
    Ok(file)
}

/// The answers of the queries asked recently, by query: a batch that asks the same question
/// again (a column of a spreadsheet, with repeats) is answered without searching again.
#[derive(Default)]
struct Answers<'d> {
    recent: Mutex<FxHashMap<String, Answer<'d>>>,
}

/// How many answers are kept; the memory is that of as many searches' hits.
const MOST_ANSWERS_KEPT: usize = 1024;

impl<'d> Answers<'d> {
    /// The answer to `query` (or its error), searched for when not asked recently.
    fn get(
        &self,
        index: &Index<'d>,
        query: &Result<String, String>,
        options: &search::Options,
    ) -> Answer<'d> {
        let query = query.as_ref().map_err(Clone::clone)?;
        if let Some(answer) = self.recent.lock().ok().and_then(|recent| recent.get(query).cloned()) {
            return answer;
        }
        let answer = index.search(std::slice::from_ref(query), options).map_err(|e| e.to_string());
        if let Ok(mut recent) = self.recent.lock() {
            if recent.len() >= MOST_ANSWERS_KEPT {
                recent.clear();
            }
            recent.insert(query.clone(), answer.clone());
        }
        answer
    }
}

/// What the batch found, for its exit code and its last note.
#[derive(Default)]
struct Tally {
    asked: usize,
    found: usize,
    failed: usize,
    /// The first lines that could not run, to name them.
    failed_lines: Vec<u64>,
}

/// Lines that could not run named in the last note; the rest are counted.
const MOST_LINES_NAMED: usize = 10;

impl Tally {
    fn count(&mut self, line: u64, found: bool, failed: bool) {
        self.asked += 1;
        self.found += usize::from(found);
        if failed {
            self.failed += 1;
            if self.failed_lines.len() < MOST_LINES_NAMED {
                self.failed_lines.push(line);
            }
        }
    }

    /// The last note when queries could not run: how many, and where.
    fn failures(&self) -> String {
        let mut lines: Vec<String> = self.failed_lines.iter().map(u64::to_string).collect();
        if self.failed > lines.len() {
            lines.push(format!("and {} more", self.failed - lines.len()));
        }
        let which = format!("{} {}", if self.failed == 1 { "line" } else { "lines" }, lines.join(", "));
        if self.asked == 1 {
            format!("the query could not run ({which})")
        } else if self.failed == self.asked {
            format!("none of the {} could run ({which})", plural(self.asked, "query", "queries"))
        } else {
            let others = if self.asked - self.failed == 1 { "the other was" } else { "the others were" };
            format!(
                "{} of {} could not run ({which}); {others} answered",
                self.failed,
                plural(self.asked, "query", "queries")
            )
        }
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
            let Some(mut cut) = self.read_line()? else { return Ok(None) };
            self.number += 1;
            let mut bytes = self.bytes.as_slice();
            // A file saved with a byte-order mark starts with one.
            if self.number == 1 {
                bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
            }
            if !cut {
                bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
            }
            if bytes.len() > MAX_LINE_BYTES {
                (bytes, cut) = (&bytes[..MAX_LINE_BYTES], true);
            }
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            let start = text.trim_start();
            if start.starts_with('#') || (!cut && start.is_empty()) {
                continue;
            }
            let query = match std::str::from_utf8(bytes) {
                _ if cut => Err(format!(
                    "the query is too long: more than {MAX_LINE_BYTES} bytes, and at most {MAX_QUERY_CHARS} characters are searched"
                )),
                // Spaces around a query (a column pasted from a spreadsheet) are no part of it.
                Ok(query) => Ok(query.trim().to_string()),
                Err(_) => Err("the line is not UTF-8 text".to_string()),
            };
            if cut {
                // The line as far as it was read, and a mark that it goes on.
                text.push('…');
            }
            return Ok(Some(Line { number: self.number, text, query }));
        }
    }

    /// Reads a line into `bytes`, without its line feed, keeping at most [`MAX_LINE_BYTES`] of
    /// it and a carriage return: true when it was cut. `None` at the end of the input.
    fn read_line(&mut self) -> io::Result<Option<bool>> {
        self.bytes.clear();
        // Room for the longest line, a carriage return after it, and a byte-order mark before.
        let most = MAX_LINE_BYTES + 1 + if self.number == 0 { 3 } else { 0 };
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
            let room = most - self.bytes.len().min(most);
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
        assert_eq!(lines(b"  spaced out \t\r\n"), [(1, Ok("spaced out".to_string()))]);
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
        // A line of exactly the most kept is whole, with a carriage return after it too.
        for end in [&b"\n"[..], b"\r\n", b""] {
            let mut input = vec![b'b'; MAX_LINE_BYTES];
            input.extend_from_slice(end);
            assert_eq!(lines(&input)[0].1.as_ref().map(String::len), Ok(MAX_LINE_BYTES));
        }
    }

    #[test]
    fn a_byte_order_mark_starts_no_query() {
        assert_eq!(lines("\u{feff}# notes\ntalent\n".as_bytes()), [(2, Ok("talent".to_string()))]);
        assert_eq!(lines("\u{feff}\r\ntalent".as_bytes()), [(2, Ok("talent".to_string()))]);
        assert_eq!(lines("\u{feff}talent\n\u{feff}x".as_bytes())[0], (1, Ok("talent".to_string())));
        assert_eq!(lines("\u{feff}talent\n\u{feff}x".as_bytes())[1].1, Ok("\u{feff}x".to_string()));
    }

    #[test]
    fn the_last_note_names_a_few_lines_and_counts_the_rest() {
        let mut tally = Tally::default();
        for line in 1..=30 {
            tally.count(line, false, line % 2 == 0);
        }
        assert_eq!(
            tally.failures(),
            "15 of 30 queries could not run (lines 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, and 5 more); the others were answered"
        );
        assert_eq!(tally.failed_lines.len(), MOST_LINES_NAMED, "only the lines named are kept");
        let mut all = Tally::default();
        all.count(3, false, true);
        assert_eq!(all.failures(), "the query could not run (line 3)");
        all.count(4, false, true);
        assert_eq!(all.failures(), "none of the 2 queries could run (lines 3, 4)");
    }
}
