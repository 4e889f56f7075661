//! One function per subcommand: data in, records out, handed to `output`.
//!
//! This is the edge where terminal facts (is stdout a terminal, its width, colour) and the
//! environment are read once and turned into plain [`output::Options`].

use std::io::{self, BufWriter, IsTerminal, Write};

use anyhow::Context;
use clap::CommandFactory;

use crate::cli::{Cli, ColorArg, Command, FormatArg, OutputArgs};
use crate::dataset::{Agency, Dataset, Duty};
use crate::error::UsageError;
use crate::exit::Outcome;
use crate::ids;
use crate::output::{self, Format, Layout, Options, sanitize};
use crate::record::{ContactRecord, DutyRecord, HitRecord};
use crate::search::{self, Strictness};

/// Table width when neither `--width`, `COLUMNS` nor a terminal says otherwise.
const DEFAULT_WIDTH: usize = 100;

/// What the environment says about colour and width, read once.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub stdout_is_terminal: bool,
    pub terminal_width: Option<u16>,
    pub no_color: Option<String>,
    pub clicolor_force: Option<String>,
    pub term: Option<String>,
    pub columns: Option<String>,
}

impl Environment {
    pub fn detect() -> Self {
        let stdout = io::stdout();
        let stdout_is_terminal = stdout.is_terminal();
        Environment {
            stdout_is_terminal,
            terminal_width: stdout_is_terminal
                .then(|| terminal_size::terminal_size_of(&stdout).map(|(width, _)| width.0))
                .flatten(),
            no_color: std::env::var("NO_COLOR").ok(),
            clicolor_force: std::env::var("CLICOLOR_FORCE").ok(),
            term: std::env::var("TERM").ok(),
            columns: std::env::var("COLUMNS").ok(),
        }
    }
}

/// Runs the parsed command line, writing to standard output.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let env = Environment::detect();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let outcome = run_with(cli, &env, &mut out, &mut io::stderr())?;
    out.flush().context("writing to standard output")?;
    Ok(outcome)
}

/// Runs the parsed command line against a given environment, writing records to `out` and
/// notes for people (such as "no duty matches") to `notes`: the testable core.
pub fn run_with(
    cli: Cli,
    env: &Environment,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let options = output_options(&cli.output, env)?;
    let writing = "writing to standard output";
    match cli.command {
        Command::List { long } => {
            reject_vcard(&options, "list")?;
            let dataset = load()?;
            let records: Vec<DutyRecord> = dataset
                .agencies
                .iter()
                .flat_map(|agency| agency.functions.iter().map(move |duty| DutyRecord { agency, duty }))
                .collect();
            output::write(out, &records, &options, Layout::Duties { long }).context(writing)?;
        }
        Command::Show { ids } => {
            reject_vcard(&options, "show")?;
            let dataset = load()?;
            let found = ids::resolve(&ids, &dataset.agencies)?;
            let records: Vec<DutyRecord> =
                found.into_iter().map(|(agency, duty)| DutyRecord { agency, duty }).collect();
            output::write(out, &records, &options, Layout::DutyDetail).context(writing)?;
        }
        Command::Search { words, limit, exact, all_words } => {
            reject_vcard(&options, "search")?;
            let dataset = load()?;
            let duties: Vec<(&Agency, &Duty)> =
                dataset.agencies.iter().flat_map(|a| a.functions.iter().map(move |d| (a, d))).collect();
            let search_options = search::Options {
                limit: usize::try_from(limit).unwrap_or(usize::MAX),
                strictness: Strictness { exact },
                all_words,
            };
            let results = search::search(&duties, &words, &search_options)?;
            if results.hits.is_empty() {
                if options.format == Format::Table {
                    writeln!(notes, "ncstb: {}", no_match_note(&words, &results.suggestions))?;
                } else {
                    output::write::<HitRecord>(out, &[], &options, Layout::Hits).context(writing)?;
                }
                return Ok(Outcome::NothingFound);
            }
            let records: Vec<HitRecord> = results.hits.into_iter().map(|hit| HitRecord { hit }).collect();
            output::write(out, &records, &options, Layout::Hits).context(writing)?;
        }
        Command::Contact => {
            let dataset = load()?;
            let records: Vec<ContactRecord> =
                dataset.agencies.iter().map(|agency| ContactRecord { agency }).collect();
            output::write(out, &records, &options, Layout::Card).context(writing)?;
        }
        Command::Completions { shell } => {
            clap_complete::generate(shell, &mut Cli::command(), "ncstb", out);
        }
        Command::Man => {
            clap_mangen::Man::new(Cli::command()).render(out).context(writing)?;
        }
    }
    Ok(Outcome::Found)
}

/// The embedded dataset, checked.
fn load() -> anyhow::Result<Dataset<'static>> {
    let dataset = Dataset::embedded().context("reading the embedded dataset")?;
    if let Some(problem) = dataset.problems().first() {
        anyhow::bail!("the embedded dataset is invalid: {problem}");
    }
    Ok(dataset)
}

/// "no duty matches "police" (did you mean "policy"?)"
fn no_match_note(words: &[String], suggestions: &[(String, String)]) -> String {
    let query = sanitize::for_terminal(&words.join(" ")).into_owned();
    let hints: Vec<String> = match suggestions {
        [] => Vec::new(),
        [(_, near)] => vec![format!("{:?}", sanitize::for_terminal(near))],
        several => several.iter().map(|(word, near)| format!("{near:?} for {word:?}")).collect(),
    };
    if hints.is_empty() {
        format!("no duty matches {query:?}")
    } else {
        format!("no duty matches {query:?} (did you mean {}?)", hints.join(", "))
    }
}

fn reject_vcard(options: &Options, command: &str) -> Result<(), UsageError> {
    if options.format == Format::Vcard {
        return Err(UsageError::new(format!(
            "--format vcard is for `ncstb contact`, not `ncstb {command}`: use table, plain, json, ndjson, csv or tsv"
        )));
    }
    Ok(())
}

/// Turns the output flags and the environment into plain options.
pub fn output_options(args: &OutputArgs, env: &Environment) -> Result<Options, UsageError> {
    let format = match (args.json, args.format) {
        (true, _) => Format::Json,
        (false, FormatArg::Auto) if env.stdout_is_terminal => Format::Table,
        (false, FormatArg::Auto | FormatArg::Plain) => Format::Plain,
        (false, FormatArg::Table) => Format::Table,
        (false, FormatArg::Json) => Format::Json,
        (false, FormatArg::Ndjson) => Format::Ndjson,
        (false, FormatArg::Csv) => Format::Csv,
        (false, FormatArg::Tsv) => Format::Tsv,
        (false, FormatArg::Vcard) => Format::Vcard,
    };
    Ok(Options {
        format,
        fields: args.fields.clone(),
        color: use_color(args.color, env),
        width: table_width(args.width, env),
        pretty: env.stdout_is_terminal,
    })
}

/// `--color` first; under `auto`, NO_COLOR (any non-empty value) turns colour off, CLICOLOR_FORCE
/// (non-empty, not "0") turns it on, and otherwise a terminal that is not "dumb" gets colour.
pub fn use_color(choice: ColorArg, env: &Environment) -> bool {
    let set = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty());
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto if set(&env.no_color) => false,
        ColorArg::Auto if set(&env.clicolor_force) && env.clicolor_force.as_deref() != Some("0") => true,
        ColorArg::Auto => env.stdout_is_terminal && env.term.as_deref() != Some("dumb"),
    }
}

/// `--width`, else a usable `COLUMNS`, else the terminal's width, else [`DEFAULT_WIDTH`].
pub fn table_width(flag: Option<u16>, env: &Environment) -> usize {
    let columns = env.columns.as_deref().and_then(|c| c.trim().parse::<u16>().ok());
    let usable = |width: &u16| usize::from(*width) >= output::MIN_WIDTH;
    flag.or(columns.filter(usable)).or(env.terminal_width.filter(usable)).map_or(DEFAULT_WIDTH, usize::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        Environment::default()
    }

    #[test]
    fn colour_follows_flag_then_environment_then_terminal() {
        let terminal = Environment { stdout_is_terminal: true, ..env() };
        assert!(use_color(ColorArg::Auto, &terminal));
        assert!(!use_color(ColorArg::Auto, &env()));
        assert!(use_color(ColorArg::Always, &env()));
        assert!(!use_color(ColorArg::Never, &terminal));
        let no_color = Environment { no_color: Some("1".into()), ..terminal.clone() };
        assert!(!use_color(ColorArg::Auto, &no_color));
        assert!(use_color(ColorArg::Always, &no_color));
        let empty_no_color = Environment { no_color: Some(String::new()), ..terminal.clone() };
        assert!(use_color(ColorArg::Auto, &empty_no_color));
        let forced = Environment { clicolor_force: Some("1".into()), ..env() };
        assert!(use_color(ColorArg::Auto, &forced));
        let dumb = Environment { term: Some("dumb".into()), ..terminal };
        assert!(!use_color(ColorArg::Auto, &dumb));
    }

    #[test]
    fn width_comes_from_flag_columns_terminal_or_default() {
        assert_eq!(table_width(None, &env()), DEFAULT_WIDTH);
        assert_eq!(table_width(Some(60), &Environment { columns: Some("80".into()), ..env() }), 60);
        assert_eq!(
            table_width(
                None,
                &Environment { columns: Some("80".into()), terminal_width: Some(120), ..env() }
            ),
            80
        );
        assert_eq!(
            table_width(
                None,
                &Environment { columns: Some("junk".into()), terminal_width: Some(120), ..env() }
            ),
            120
        );
        assert_eq!(table_width(None, &Environment { columns: Some("3".into()), ..env() }), DEFAULT_WIDTH);
    }
}
