//! `--jq FILTER`: a jq program run in-process over the JSON a command prints, as `gh --jq`
//! does, with the jaq crates (a Rust implementation of jq) and their standard library.
//!
//! Strings are written raw, as `jq -r` writes them; other values as compact JSON; one a line.
//! A program that does not compile is a usage error before any data is read; one that fails on
//! the data is an error too, and then nothing it made is written.

use std::io::{self, Write};

use jaq_core::load::{Arena, File, Loader, lex, parse};
use jaq_core::{Compiler, Ctx, Vars, data, unwrap_valr};
use jaq_json::Val;

use crate::error::UsageError;
use crate::sanitize;

/// The longest program taken: deeper nesting than its length allows would overflow even
/// the stack a `--jq` run gets (`main.rs`).
const MAX_PROGRAM_BYTES: usize = 32 << 10;

/// A compiled jq program.
pub struct Program {
    filter: jaq_core::Filter<data::JustLut<Val>>,
    /// Standard output is a terminal: raw strings then show control characters escaped.
    terminal: bool,
}

impl Program {
    /// Compiles `code` with jq's standard library, or says what is wrong with it and where.
    pub fn new(code: &str, terminal: bool) -> Result<Program, UsageError> {
        if code.len() > MAX_PROGRAM_BYTES {
            return Err(UsageError::new(format!(
                "--jq: the filter is {} bytes long; at most {MAX_PROGRAM_BYTES} are taken (keep a long program in a file: --jq \"$(cat FILE)\")",
                code.len()
            )));
        }
        let defs = jaq_core::defs().chain(jaq_std::defs()).chain(jaq_json::defs());
        let funs = jaq_core::funs().chain(jaq_std::funs()).chain(jaq_json::funs());
        let arena = Arena::default();
        let invalid = |what: String| {
            UsageError::new(format!("--jq {}: {what}", crate::wording::quoted(&sanitize::for_terminal(code))))
        };
        let modules = Loader::new(defs).load(&arena, File { code, path: () }).map_err(|errors| {
            let messages: Vec<String> = errors.into_iter().map(|(_, e)| load_error(code, e)).collect();
            invalid(messages.join("; "))
        })?;
        let filter = Compiler::default().with_funs(funs).compile(modules).map_err(|errors| {
            let messages: Vec<String> = errors
                .into_iter()
                .flat_map(|(_, errors)| errors)
                .map(|(name, undefined)| format!("{} {name} is not defined", undefined.as_str()))
                .collect();
            invalid(messages.join("; "))
        })?;
        Ok(Program { filter, terminal })
    }

    /// Runs the program on every JSON value of `json` (one array, or JSON Lines), and writes
    /// what it makes: held back while it is small, so that an error leaves nothing written,
    /// then streamed, so that an endless filter (`repeat(1) | …`) feeds `head` and stays in
    /// bounded memory.
    pub fn run(&self, json: &[u8], out: &mut dyn Write) -> anyhow::Result<()> {
        let mut sink = Sink { held: Vec::new(), out };
        for value in jaq_json::read::parse_many(json) {
            let value = value.map_err(|e| anyhow::anyhow!("--jq: the JSON to filter does not parse: {e}"))?;
            self.run_on(value, &mut sink)?;
        }
        sink.release()
    }

    fn run_on(&self, value: Val, sink: &mut Sink<'_>) -> anyhow::Result<()> {
        let ctx = Ctx::<data::JustLut<Val>>::new(&self.filter.lut, Vars::new([]));
        for result in self.filter.id.run((ctx, value)).map(unwrap_valr) {
            let value = result.map_err(|e| anyhow::anyhow!("--jq: {}", shortened(&e.to_string())))?;
            self.write_value(&value, &mut sink.held);
            if sink.held.len() >= HELD_BACK {
                sink.release()?;
            }
        }
        Ok(())
    }

    fn write_value(&self, value: &Val, out: &mut Vec<u8>) {
        match value {
            Val::TStr(bytes) | Val::BStr(bytes) => {
                let text = String::from_utf8_lossy(bytes);
                let text = if self.terminal { sanitize::for_terminal(&text) } else { text };
                out.extend_from_slice(text.as_bytes());
            }
            value => out.extend_from_slice(sanitize::json_escapes(&value.to_string()).as_bytes()),
        }
        out.push(b'\n');
    }
}

/// Output held back before it is written: at most this much.
const HELD_BACK: usize = 1 << 20;

/// Where a program's output goes: held back, then written.
struct Sink<'a> {
    held: Vec<u8>,
    out: &'a mut dyn Write,
}

impl Sink<'_> {
    fn release(&mut self) -> anyhow::Result<()> {
        use anyhow::Context;
        self.out.write_all(&self.held).context("writing to standard output")?;
        self.held.clear();
        Ok(())
    }
}

/// An error's message, at most a few hundred characters: jq's errors quote whole values, so a
/// long one keeps its start and its end ("cannot index [{…}] with \"title\""), and indexing an
/// array by a name gets a hint.
fn shortened(message: &str) -> String {
    const HEAD: usize = 120;
    const TAIL: usize = 80;
    let message = sanitize::for_terminal(message);
    let chars: Vec<char> = message.chars().collect();
    let mut short = if chars.len() > HEAD + TAIL + 20 {
        let (head, tail): (String, String) =
            (chars[..HEAD].iter().collect(), chars[chars.len() - TAIL..].iter().collect());
        format!("{head} … {tail}")
    } else {
        message.into_owned()
    };
    if short.starts_with("cannot index [") && short.ends_with('"') {
        short.push_str(" (the records are an array: use .[] or .[0] first)");
    }
    short
}

/// What is wrong in a program that does not load: what was expected, and at which character.
fn load_error(code: &str, error: jaq_core::load::Error<&str>) -> String {
    // The parts of the code the errors point at are slices of it.
    let column = |at: &str| {
        let offset = (at.as_ptr() as usize).saturating_sub(code.as_ptr() as usize).min(code.len());
        code.get(..offset).map_or(1, |before| before.chars().count() + 1)
    };
    let lexed = |expect: &lex::Expect<&str>| match expect {
        lex::Expect::Delim(open) => format!("a match for {open}"),
        lex::Expect::Digit => "a digit".into(),
        lex::Expect::Ident => "a name".into(),
        lex::Expect::Escape => "a string escape".into(),
        lex::Expect::Unicode => "four hexadecimal digits".into(),
        _ => "a token".into(),
    };
    let parsed = |expect: &parse::Expect<&str>| expect.as_str().to_string();
    let messages: Vec<String> = match error {
        jaq_core::load::Error::Io(errors) => errors.into_iter().map(|(_, e)| e).collect(),
        jaq_core::load::Error::Lex(errors) => errors
            .iter()
            .map(|(expect, at)| format!("expected {} at character {}", lexed(expect), column(at)))
            .collect(),
        jaq_core::load::Error::Parse(errors) => errors
            .iter()
            .map(|(expect, token)| match *token {
                "" => format!("expected {} at the end", parsed(expect)),
                found => format!(
                    "expected {} at character {}, found {}",
                    parsed(expect),
                    column(found),
                    crate::wording::quoted(&sanitize::for_terminal(found))
                ),
            })
            .collect(),
    };
    messages.join("; ")
}

/// A writer that runs a program on each line written to it (JSON Lines), as the lines come:
/// a batch's answers stay streamed.
pub struct LineFilter<'a> {
    program: &'a Program,
    out: &'a mut dyn Write,
    line: Vec<u8>,
    /// The program's error, when it failed: the error to report, not the failed write.
    failed: Option<String>,
}

impl<'a> LineFilter<'a> {
    pub fn new(program: &'a Program, out: &'a mut dyn Write) -> Self {
        LineFilter { program, out, line: Vec::new(), failed: None }
    }

    /// The program's error, when it failed on a line.
    pub fn failure(&mut self) -> Option<anyhow::Error> {
        self.failed.take().map(anyhow::Error::msg)
    }
}

impl Write for LineFilter<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut rest = bytes;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..end]);
            rest = &rest[end + 1..];
            let line = std::mem::take(&mut self.line);
            if !line.iter().all(u8::is_ascii_whitespace)
                && let Err(e) = self.program.run(&line, &mut *self.out)
            {
                // A failed write stays one, so that a reader that left ends quietly.
                if let Some(kind) =
                    e.chain().find_map(|cause| cause.downcast_ref::<io::Error>()).map(io::Error::kind)
                {
                    return Err(io::Error::new(kind, format!("{e:#}")));
                }
                self.failed = Some(format!("{e:#}"));
                return Err(io::Error::other(format!("{e:#}")));
            }
        }
        self.line.extend_from_slice(rest);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}
