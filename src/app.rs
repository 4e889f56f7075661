//! One function per subcommand: data in, records out, handed to `output`.
//!
//! This is the edge where terminal facts (is stdout a terminal, its width, colour) and the
//! environment are read once and turned into plain [`output::Options`].

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;

use crate::batch;
use crate::browse;
use crate::cli::{self, Cli, ColorArg, Command, DataArgs, FormatArg, OutputArgs};
use crate::dataset::load::{self, Input};
use crate::dataset::validate::Report;
use crate::dataset::{self, Dataset};
use crate::error::UsageError;
use crate::exit::Outcome;
use crate::ids;
use crate::import::{self, ImportedAgency, ImportedDataset};
use crate::jq;
use crate::man;
use crate::output::{self, Format, Layout, Options};
use crate::pager;
use crate::record::{ContactRecord, DutyRecord, HitRecord, Record, ValidationRecord};
use crate::sanitize;
use crate::search::{self, Strictness};
use crate::wording::{all_of, did_you_mean, one_of, plural, quoted};

/// Table width when neither `--width`, `COLUMNS` nor a terminal says otherwise.
const DEFAULT_WIDTH: usize = 100;

/// What the environment says about colour, width and data, read once.
#[derive(Debug, Clone, Default)]
pub struct Environment {
    pub stdout_is_terminal: bool,
    pub terminal_width: Option<u16>,
    /// The terminal's height in lines, for the pager.
    pub terminal_height: Option<u16>,
    /// Whether `--color auto` colours standard output, as anstream decides for every clap-based
    /// tool: `NO_COLOR` turns colour off, then `CLICOLOR_FORCE` on, then CLICOLOR=0 off; otherwise a
    /// terminal whose TERM supports colour (not "dumb"; or CLICOLOR set, or CI) gets it.
    pub auto_color: bool,
    pub columns: Option<String>,
    /// `NCSTB_PAGER`, then `PAGER`, as set (an empty one turns paging off).
    pub pager: Option<String>,
    /// `TERM` is `dumb`: no pager.
    pub term_is_dumb: bool,
    /// The paths `NCSTB_DATA` holds, separated as in `PATH`; empty when unset or empty.
    pub data: Vec<PathBuf>,
    /// `NCSTB_MAX_DATA`, the most a dataset may hold, as written.
    pub max_data: Option<String>,
}

impl Environment {
    pub fn detect() -> Self {
        let stdout = io::stdout();
        let stdout_is_terminal = stdout.is_terminal();
        let size = stdout_is_terminal.then(|| terminal_size::terminal_size_of(&stdout)).flatten();
        Environment {
            stdout_is_terminal,
            terminal_width: size.map(|(width, _)| width.0),
            terminal_height: size.map(|(_, height)| height.0),
            // In a pipe only CLICOLOR_FORCE (without NO_COLOR) colours, as anstream decides it:
            // the rest of its checks are for terminals.
            auto_color: if stdout_is_terminal {
                anstream::AutoStream::choice(&stdout) == anstream::ColorChoice::Always
            } else {
                !anstyle_query::no_color() && anstyle_query::clicolor_force()
            },
            columns: std::env::var("COLUMNS").ok(),
            // The pager's variables matter at a terminal only.
            pager: stdout_is_terminal
                .then(|| std::env::var("NCSTB_PAGER").or_else(|_| std::env::var("PAGER")).ok())
                .flatten(),
            term_is_dumb: stdout_is_terminal && std::env::var_os("TERM").is_some_and(|term| term == "dumb"),
            data: std::env::var_os("NCSTB_DATA")
                .map(|value| {
                    std::env::split_paths(&value).filter(|path| !path.as_os_str().is_empty()).collect()
                })
                .unwrap_or_default(),
            max_data: std::env::var("NCSTB_MAX_DATA").ok().filter(|value| !value.is_empty()),
        }
    }
}

/// Runs the parsed command line, writing to standard output.
pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let env = Environment::detect();
    // As git: no pager where the terminal cannot run one (TERM=dumb).
    // Nor for a batch, whose answers are written as each query is read.
    let batch = matches!(cli.command, Command::Search { batch: Some(_), .. });
    // Nor for browse, whose screen is its own and whose output is one reference.
    let browse = matches!(cli.command, Command::Browse { .. });
    let pageable = env.stdout_is_terminal && !cli.no_pager && !env.term_is_dumb && !batch && !browse;
    let pager = if pageable { pager::command_of(env.pager.as_deref()) } else { None };
    let stdout = io::stdout();
    let (outcome, flushed) = match pager {
        // At a terminal the output is kept until it is whole, to see whether it needs a pager.
        Some(pager) => {
            let mut output = Vec::new();
            let outcome = run_with(cli, &env, &mut output, &mut io::stderr())?;
            let paged = pager::is_longer_than(&output, env.terminal_width, env.terminal_height)
                && pager::page(&pager, &output).is_ok();
            let written = if paged { Ok(()) } else { stdout.lock().write_all(&output) };
            (outcome, written.context(WRITING))
        }
        None => {
            let mut out = BufWriter::new(stdout.lock());
            let outcome = run_with(cli, &env, &mut out, &mut io::stderr())?;
            (outcome, out.flush().context(WRITING))
        }
    };
    // Problems found stay an error, and nothing found stays 1, whether or not the reader read
    // the report.
    if outcome == Outcome::Found {
        flushed?;
    } else {
        unless_reader_left(flushed)?;
    }
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
    let Cli { data: outer_data, output: outer_output, mut command, no_pager: _ } = cli;
    let (data, output) = options_of(&command, outer_data, outer_output)?;
    if output.fields.as_ref().is_some_and(|fields| fields.iter().any(|field| field.trim() == "help"))
        && let Some(fields) = cli::fields_of(command_name(&command))
    {
        let width = table_width(output.width, env);
        write!(out, "{}", output::fields_list(command_name(&command), fields, width)).context(WRITING)?;
        return Ok(Outcome::Found);
    }
    let mut options = output_options(&output, env);
    // Browse decides colour for the terminal it draws on: its `--color`, given before the
    // command or after it.
    if let Command::Browse { color, .. } = &mut command {
        *color = output.color;
    }
    // A batch's answers go to programs, as JSON Lines, unless a format is asked for.
    if matches!(command, Command::Search { batch: Some(_), .. })
        && !env.stdout_is_terminal
        && !output.json
        && matches!(output.format, None | Some(FormatArg::Auto))
    {
        options.format = Format::Ndjson;
    }
    check_output(&command, &options)?;
    // `--fields` makes the operands optional (for `--fields help`); otherwise they are not.
    let missing = match &command {
        Command::Show { ids, .. } if ids.is_empty() => {
            Some("no duty ids: give one or more, as in `ncstb show 5`")
        }
        Command::Search { words, batch: None, .. } if words.is_empty() => {
            Some("no words to search for: give one or more, as in `ncstb search talent`")
        }
        Command::Validate { files, .. } if files.is_empty() => {
            Some("no files to check: give one or more, as in `ncstb validate agencies.json`")
        }
        _ => None,
    };
    if let Some(message) = missing {
        return Err(UsageError::new(message).into());
    }
    let Some(code) = &output.jq else {
        return dispatch(command, &data, env, &options, out, notes);
    };
    // `--jq` filters the JSON the command would print: compiled before any data is read.
    let batch = matches!(command, Command::Search { batch: Some(_), .. });
    options.format = match output.format {
        _ if output.json => Format::Json,
        Some(FormatArg::Ndjson) => Format::Ndjson,
        None | Some(FormatArg::Auto) if batch => Format::Ndjson,
        None | Some(FormatArg::Auto | FormatArg::Json) => Format::Json,
        Some(_) => {
            return Err(UsageError::new(format!(
                "--jq filters JSON, not --format {}: leave --format out, or give json or ndjson",
                format_name(options.format)
            ))
            .into());
        }
    };
    options.pretty = false;
    let program = jq::Program::new(code, env.stdout_is_terminal)?;
    if options.format == Format::Ndjson {
        // A record (or a batch's answer) a line: each is filtered as it comes.
        let mut filtered = jq::LineFilter::new(&program, out);
        let outcome = dispatch(command, &data, env, &options, &mut filtered, notes);
        return match filtered.failure() {
            Some(failure) => Err(failure),
            None => outcome,
        };
    }
    let mut json = Vec::new();
    let outcome = dispatch(command, &data, env, &options, &mut json, notes)?;
    program.run(&json, out)?;
    Ok(outcome)
}

/// Runs the command, its options settled.
fn dispatch(
    command: Command,
    data: &DataArgs,
    env: &Environment,
    options: &Options,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let options = options.clone();
    match command {
        Command::List { long, .. } => with_dataset(data, env, |dataset| list(dataset, long, &options, out)),
        Command::Show { ids, .. } => {
            let search_command = search_command(data);
            with_dataset(data, env, |dataset| show(dataset, &ids, &search_command, &options, out))
        }
        Command::Search { words, batch, limit, matching, .. } => {
            let search_options = search_options_of(matching, usize::try_from(limit).unwrap_or(usize::MAX));
            match batch {
                Some(source) => {
                    let source = source.as_deref();
                    let paths = dataset_paths(data, env);
                    if source.is_none_or(|path| path.as_os_str() == "-")
                        && paths.iter().any(|p| p.as_os_str() == "-")
                    {
                        return Err(UsageError::new(
                            "standard input (-) may be read only once: give the dataset or the queries (--batch FILE) as a file",
                        )
                        .into());
                    }
                    with_dataset(data, env, |dataset| {
                        let options = Options { agencies_named: dataset.agencies.len() > 1, ..options };
                        batch::run(dataset, source, &search_options, &options, out, notes)
                    })
                }
                None => with_dataset(data, env, |dataset| {
                    find(dataset, &words, &search_options, &options, out, notes)
                }),
            }
        }
        Command::Browse { words, matching, color, .. } => {
            let search_options = search_options_of(matching, BROWSE_HITS);
            let color = match color {
                Some(ColorArg::Always) => Some(true),
                Some(ColorArg::Never) => Some(false),
                Some(ColorArg::Auto) | None => None,
            };
            let embedded = dataset_paths(data, env).is_empty();
            with_dataset(data, env, |dataset| {
                match browse::run(&dataset.duties(), &words, &search_options, !embedded, color)? {
                    browse::Ending::Chosen(reference) => {
                        writeln!(out, "{reference}").context(WRITING)?;
                        Ok(Outcome::Found)
                    }
                    browse::Ending::Quit => Ok(Outcome::NothingFound),
                }
            })
        }
        Command::Contact { .. } => with_dataset(data, env, |dataset| contact(dataset, &options, out)),
        Command::Validate { files, .. } => validate(&files, max_data_bytes(env)?, &options, out, notes),
        Command::Import { pages, ids } => import(&pages, &ids, max_data_bytes(env)?, out),
        Command::Schema { output } => {
            let schema = output.map_or_else(dataset::json_schema, crate::schemas::OutputRecord::schema);
            let schema = serde_json::to_string_pretty(&schema)?;
            writeln!(out, "{schema}").context(WRITING)?;
            Ok(Outcome::Found)
        }
        Command::Completions { shell } => {
            // clap_complete panics when a write fails: render into memory, then write.
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut cli::command(), "ncstb", &mut script);
            out.write_all(&script).context(WRITING)?;
            Ok(Outcome::Found)
        }
        Command::Man { command, dir: None } => {
            let mut page = Vec::new();
            man::render(command.as_deref(), &mut page).context(WRITING)?;
            // At a terminal the page is shown as man shows pages; elsewhere (or without man) it
            // is printed as roff, for `man -l -` or a file.
            let shown = env.stdout_is_terminal
                && pager::page(&["man".into(), "-l".into(), "-".into()], &page).is_ok();
            if !shown {
                out.write_all(&page).context(WRITING)?;
            }
            Ok(Outcome::Found)
        }
        Command::Man { dir: Some(dir), .. } => {
            for path in man::write_all(&dir)? {
                writeln!(out, "{}", sanitize::for_terminal(&path.to_string_lossy())).context(WRITING)?;
            }
            Ok(Outcome::Found)
        }
    }
}

/// The data and output options that hold for `command`: its own, else those given before it.
/// A command that reads no data or prints no records refuses them before it as clap refuses
/// them after it.
fn options_of(
    command: &Command,
    outer_data: DataArgs,
    outer_output: OutputArgs,
) -> Result<(DataArgs, OutputArgs), UsageError> {
    let refuse = |given: Vec<&str>, name: &str| {
        let (what, verb, pronoun) = match given.as_slice() {
            [one] => (one.to_string(), "means", "it"),
            _ => (all_of(&given), "mean", "them"),
        };
        UsageError::new(format!("{what} {verb} nothing to `ncstb {name}`: leave {pronoun} out"))
    };
    match command {
        Command::List { data, output, .. }
        | Command::Show { data, output, .. }
        | Command::Search { data, output, .. }
        | Command::Contact { data, output } => {
            Ok((data.clone().or(outer_data), output.clone().or(outer_output)))
        }
        Command::Browse { data, color, .. } => {
            let given: Vec<&str> =
                outer_output.given().into_iter().filter(|name| *name != "--color").collect();
            if !given.is_empty() {
                return Err(refuse(given, "browse"));
            }
            let output = OutputArgs { color: color.or(outer_output.color), ..OutputArgs::default() };
            Ok((data.clone().or(outer_data), output))
        }
        Command::Validate { output, .. } => {
            if !outer_data.given().is_empty() {
                return Err(refuse(outer_data.given(), "validate FILE..."));
            }
            Ok((DataArgs::default(), output.clone().or(outer_output)))
        }
        Command::Import { .. }
        | Command::Schema { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => {
            let name = command_name(command);
            let given: Vec<&str> = outer_data.given().into_iter().chain(outer_output.given()).collect();
            if !given.is_empty() {
                return Err(refuse(given, name));
            }
            Ok((DataArgs::default(), OutputArgs::default()))
        }
    }
}

/// The subcommand's name, as typed.
fn command_name(command: &Command) -> &'static str {
    match command {
        Command::List { .. } => "list",
        Command::Show { .. } => "show",
        Command::Search { .. } => "search",
        Command::Browse { .. } => "browse",
        Command::Contact { .. } => "contact",
        Command::Validate { .. } => "validate",
        Command::Import { .. } => "import",
        Command::Schema { .. } => "schema",
        Command::Completions { .. } => "completions",
        Command::Man { .. } => "man",
    }
}

/// The context of every write to standard output.
const WRITING: &str = "writing to standard output";

/// Writes records in the chosen format: the one place where records meet standard output.
fn emit<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    options: &Options,
    layout: Layout,
) -> anyhow::Result<()> {
    let fields = output::select_fields::<R>(options)?;
    output::write(out, records, &fields, options, layout).context(WRITING)
}

/// Checks what the command line asks of the output before any data is read: a format the
/// command cannot write, or a field its records do not have, is a usage error at once.
fn check_output(command: &Command, options: &Options) -> Result<(), UsageError> {
    if options.format == Format::Cite && options.fields.is_some() {
        return Err(UsageError::new(
            "--fields does not apply to --format cite: a citation has its own parts",
        ));
    }
    match command {
        Command::List { .. } => reject_vcard(options, "list").and(fields_exist::<DutyRecord>(options)),
        Command::Show { .. } => reject_vcard(options, "show").and(fields_exist::<DutyRecord>(options)),
        Command::Search { batch: Some(_), .. }
            if matches!(options.format, Format::Markdown | Format::Html | Format::Cite | Format::Vcard) =>
        {
            Err(UsageError::new(format!(
                "search --batch cannot write {}: its formats are ndjson, json, csv, tsv, plain and table",
                format_name(options.format)
            )))
        }
        Command::Search { .. } => reject_vcard(options, "search").and(fields_exist::<HitRecord>(options)),
        Command::Contact { .. } if options.format == Format::Vcard && options.fields.is_some() => {
            Err(UsageError::new("--fields does not apply to --format vcard: a vCard has its own fields"))
        }
        Command::Contact { .. } => {
            reject_cite(options, "contact").and(fields_exist::<ContactRecord>(options))
        }
        Command::Validate { .. } => reject_vcard(options, "validate")
            .and(reject_cite(options, "validate"))
            .and(fields_exist::<ValidationRecord>(options)),
        Command::Browse { .. }
        | Command::Import { .. }
        | Command::Schema { .. }
        | Command::Completions { .. }
        | Command::Man { .. } => Ok(()),
    }
}

/// True when `-` (standard input, which can be read once) stands more than once among `paths`.
fn stdin_more_than_once(paths: &[PathBuf]) -> bool {
    paths.iter().filter(|path| path.as_os_str() == "-").count() > 1
}

/// `ncstb import`: each page read and parsed, the dataset of them all printed as JSON. Ids are
/// given once per page, or made of the agencies' names, unique.
fn import(pages: &[PathBuf], ids: &[String], max_bytes: u64, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    if !ids.is_empty() && ids.len() != pages.len() {
        return Err(UsageError::new(format!(
            "{} --id for {} pages: give one --id per page, in the order of the pages, or none",
            ids.len(),
            pages.len()
        ))
        .into());
    }
    if let Some(bad) = ids.iter().find(|id| dataset::agency_id_flaw(id).is_some()) {
        return Err(UsageError::new(format!(
            "--id {}: an agency id must have letters or digits and no ':', ',' or spaces, as in --id nanchang-stb",
            quoted(bad)
        ))
        .into());
    }
    if stdin_more_than_once(pages) {
        return Err(UsageError::new("- (standard input) may be given only once").into());
    }
    let mut agencies: Vec<ImportedAgency> = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        let input = Input::File(page.clone());
        let text = load::read_as(&input, max_bytes, load::Reading::Page)?;
        let name = input.name();
        let mut agency =
            import::parse_page(&text, ids.get(i).map(String::as_str)).map_err(|e| match e.line {
                0 => UsageError::new(format!("{name}: {}", e.message)),
                line => UsageError::new(format!("{name}:{line}: {}", e.message)),
            })?;
        let taken = |id: &str| agencies.iter().any(|a| a.id == id);
        if taken(&agency.id) {
            if !ids.is_empty() {
                return Err(UsageError::new(format!(
                    "--id {} is given twice: ids must be unique",
                    quoted(&agency.id)
                ))
                .into());
            }
            let base = agency.id.clone();
            agency.id = (2..).map(|n| format!("{base}-{n}")).find(|id| !taken(id)).unwrap_or(base);
        }
        agencies.push(agency);
    }
    let json = serde_json::to_string_pretty(&ImportedDataset::new(agencies))?;
    writeln!(out, "{}", sanitize::json_escapes(&json)).context(WRITING)?;
    Ok(Outcome::Found)
}

fn fields_exist<R: Record>(options: &Options) -> Result<(), UsageError> {
    output::select_fields::<R>(options).map(drop)
}

/// Reads the dataset that `--data` or `NCSTB_DATA` names (or the embedded one), keeps the
/// `--agency` asked for, and hands it to `command`.
fn with_dataset(
    data: &DataArgs,
    env: &Environment,
    command: impl FnOnce(&Dataset<'_>) -> anyhow::Result<Outcome>,
) -> anyhow::Result<Outcome> {
    let paths = dataset_paths(data, env);
    let inputs: Vec<Input> = if paths.is_empty() {
        vec![Input::Embedded]
    } else {
        paths.iter().map(|path| Input::File(path.clone())).collect()
    };
    if stdin_more_than_once(paths) {
        return Err(UsageError::new(
            "standard input (-) may be read only once: give it to one --data (or one NCSTB_DATA path)",
        )
        .into());
    }
    let max_bytes = match inputs[..] {
        [Input::Embedded] => u64::MAX,
        _ => max_data_bytes(env)?,
    };
    let texts = inputs.iter().map(|input| load::read(input, max_bytes)).collect::<Result<Vec<_>, _>>()?;
    let parts =
        inputs.iter().zip(&texts).map(|(input, text)| Ok((input.name(), load::parse_input(input, text)?)));
    let mut dataset = load::merge(parts.collect::<Result<Vec<_>, load::DataError>>()?)?;
    if let Some(id) = &data.agency {
        select_agency(&mut dataset, id)?;
    }
    let outcome = command(&dataset);
    // The process ends soon after: the operating system takes back a large dataset's memory at
    // once, where freeing its hundreds of thousands of pieces one by one would take a while.
    std::mem::forget(dataset);
    outcome
}

/// The dataset files to read: `--data`'s, else `NCSTB_DATA`'s (none: the embedded dataset).
fn dataset_paths<'a>(data: &'a DataArgs, env: &'a Environment) -> &'a [PathBuf] {
    if data.data.is_empty() { &env.data } else { &data.data }
}

/// The most a dataset may hold: `NCSTB_MAX_DATA`, or 1 GiB.
fn max_data_bytes(env: &Environment) -> Result<u64, UsageError> {
    let Some(text) = &env.max_data else { return Ok(load::DEFAULT_MAX_BYTES) };
    load::parse_size(text).ok_or_else(|| {
        UsageError::new(format!(
            "NCSTB_MAX_DATA={} is not a size: give bytes, or a number with K, M, G or T, as in NCSTB_MAX_DATA=4G",
            quoted(text)
        ))
    })
}

/// `ncstb search` with the `--data` and `--agency` given, for hints that must work as printed
/// (`NCSTB_DATA` holds for the hint as it did for the command).
fn search_command(data: &DataArgs) -> String {
    // `--data=-x.json`: a value that starts with a dash must be joined to its option.
    let option = |name: &str, value: &str| {
        let separator = if value.starts_with('-') && value != "-" { "=" } else { " " };
        format!(" --{name}{separator}{}", ids::shell_word(value))
    };
    let mut command = String::from("ncstb");
    for path in &data.data {
        command += &option("data", &path.to_string_lossy());
    }
    if let Some(agency) = &data.agency {
        command += &option("agency", agency);
    }
    command + " search"
}

/// Keeps only the agency `id`.
fn select_agency(dataset: &mut Dataset<'_>, id: &str) -> Result<(), UsageError> {
    if dataset::agency_by_id(&dataset.agencies, id).is_some() {
        dataset.agencies.retain(|agency| agency.id.as_str() == id);
        return Ok(());
    }
    let ids: Vec<&str> = dataset.agencies.iter().map(|agency| agency.id.as_str()).collect();
    if ids.is_empty() {
        return Err(UsageError::new(format!("no agency {}: the dataset has no agencies", quoted(id))));
    }
    let hint = did_you_mean(id, ids.iter().copied())
        .map(|near| format!(" (did you mean {near}?)"))
        .unwrap_or_default();
    let shown: Vec<&str> = ids.iter().copied().take(MAX_IDS_SHOWN).collect();
    let more = if ids.len() > MAX_IDS_SHOWN {
        format!(" and {} more", ids.len() - MAX_IDS_SHOWN)
    } else {
        String::new()
    };
    Err(UsageError::new(format!("no agency {}{hint}: agencies are {}{more}", quoted(id), one_of(&shown))))
}

/// An error lists at most this many agency ids.
const MAX_IDS_SHOWN: usize = 8;

fn list(
    dataset: &Dataset<'_>,
    long: bool,
    options: &Options,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let records: Vec<DutyRecord> =
        dataset.duties().into_iter().map(|(agency, duty)| DutyRecord { agency, duty }).collect();
    emit(out, &records, options, Layout::Duties { long })?;
    Ok(Outcome::Found)
}

fn show(
    dataset: &Dataset<'_>,
    ids: &[String],
    search_command: &str,
    options: &Options,
    out: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let found = ids::resolve(ids, &dataset.agencies, search_command)?;
    let records: Vec<DutyRecord> =
        found.into_iter().map(|(agency, duty)| DutyRecord { agency, duty }).collect();
    emit(out, &records, options, Layout::DutyDetail)?;
    Ok(Outcome::Found)
}

fn find(
    dataset: &Dataset<'_>,
    words: &[String],
    search_options: &search::Options,
    options: &Options,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    let results = search::search(&dataset.duties(), words, search_options)?;
    let options = &Options { heading: Some(format!("Search: {}", words.join(" "))), ..options.clone() };
    if results.hits.is_empty() {
        if options.format == Format::Table {
            writeln!(
                notes,
                "ncstb: {}",
                output::no_match_note(words, &results.suggestions, &results.unmatched)
            )?;
        } else {
            unless_reader_left(emit::<HitRecord>(out, &[], options, Layout::Hits))?;
        }
        return Ok(Outcome::NothingFound);
    }
    let records: Vec<HitRecord> = results.hits.into_iter().map(|hit| HitRecord { hit }).collect();
    emit(out, &records, options, Layout::Hits)?;
    Ok(Outcome::Found)
}

fn contact(dataset: &Dataset<'_>, options: &Options, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let records: Vec<ContactRecord> =
        dataset.agencies.iter().map(|agency| ContactRecord { agency }).collect();
    emit(out, &records, options, Layout::Card)?;
    Ok(Outcome::Found)
}

/// Checks each file completely. Machine formats get one record per file; people get
/// `FILE: ok: …` or one `FILE: /pointer: problem` line per problem, and a summary on stderr.
fn validate(
    files: &[PathBuf],
    max_bytes: u64,
    options: &Options,
    out: &mut dyn Write,
    notes: &mut dyn Write,
) -> anyhow::Result<Outcome> {
    if stdin_more_than_once(files) {
        return Err(UsageError::new("standard input (-) can be read once: give - once").into());
    }
    let records: Vec<ValidationRecord> = files
        .iter()
        .map(|path| {
            let input = Input::File(path.clone());
            let report = match load::read(&input, max_bytes) {
                Ok(text) => load::validate(&text),
                Err(err) => Report { agencies: 0, duties: 0, problems: err.problems },
            };
            ValidationRecord { file: input.name(), report }
        })
        .collect();
    let bad: Vec<&ValidationRecord> = records.iter().filter(|r| !r.report.problems.is_empty()).collect();
    let options = &Options { heading: Some("Validation of datasets".to_string()), ..options.clone() };
    // Written out before the summary goes to standard error, so a failed write is the one error.
    let written = output::write_validation_reports(&records, options, out)
        .context(WRITING)
        .and_then(|()| out.flush().context(WRITING));
    if bad.is_empty() {
        written?;
        return Ok(Outcome::Found);
    }
    // `ncstb validate BAD.json | head`: a reader that left early must not hide the problems.
    unless_reader_left(written)?;
    let problems: usize = bad.iter().map(|r| r.report.problems.len()).sum();
    writeln!(
        notes,
        "ncstb: error: {} in {} of {}",
        plural(problems, "problem", "problems"),
        bad.len(),
        plural(records.len(), "file", "files")
    )?;
    Ok(Outcome::Invalid)
}

/// A write's result with a reader that left early forgiven, for an outcome other than success
/// (problems found, nothing found), which the exit code must report all the same.
fn unless_reader_left(written: anyhow::Result<()>) -> anyhow::Result<()> {
    match written {
        Err(err) if is_broken_pipe(&err) => Ok(()),
        other => other,
    }
}

/// True when any error in the chain is a broken pipe, however deeply it was wrapped.
pub fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        let io_error =
            cause.downcast_ref::<io::Error>().or_else(|| match cause.downcast_ref::<csv::Error>()?.kind() {
                csv::ErrorKind::Io(io_error) => Some(io_error),
                _ => None,
            });
        io_error.is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// A search of at most `limit` hits, as `--exact` and `--all-words` ask.
fn search_options_of(matching: cli::Matching, limit: usize) -> search::Options {
    search::Options { limit, strictness: Strictness { exact: matching.exact }, all_words: matching.all_words }
}

/// How many hits browse lists: more than a screen holds, few enough to rank at each key.
const BROWSE_HITS: usize = 200;

/// Citations are of duties: `list`, `show` and `search` write them.
fn reject_cite(options: &Options, command: &str) -> Result<(), UsageError> {
    if options.format == Format::Cite {
        return Err(UsageError::new(format!(
            "--format cite cites duties, for `ncstb list`, `show` and `search`, not `ncstb {command}`: use table, plain, json, ndjson, csv, tsv, markdown or html{}",
            if command == "contact" { " (or vcard)" } else { "" }
        )));
    }
    Ok(())
}

/// A format's name, as `--format` takes it.
fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Plain => "plain",
        Format::Json => "json",
        Format::Ndjson => "ndjson",
        Format::Csv => "csv",
        Format::Tsv => "tsv",
        Format::Vcard => "vcard",
        Format::Markdown => "markdown",
        Format::Html => "html",
        Format::Cite => "cite",
    }
}

fn reject_vcard(options: &Options, command: &str) -> Result<(), UsageError> {
    if options.format == Format::Vcard {
        return Err(UsageError::new(format!(
            "--format vcard is for `ncstb contact`, not `ncstb {command}`: use table, plain, json, ndjson, csv, tsv, markdown, html or cite"
        )));
    }
    Ok(())
}

/// Turns the output flags and the environment into plain options.
pub fn output_options(args: &OutputArgs, env: &Environment) -> Options {
    let format = match (args.json, args.format.unwrap_or(FormatArg::Auto)) {
        (true, _) => Format::Json,
        (false, FormatArg::Auto) if env.stdout_is_terminal => Format::Table,
        (false, FormatArg::Auto | FormatArg::Plain) => Format::Plain,
        (false, FormatArg::Table) => Format::Table,
        (false, FormatArg::Json) => Format::Json,
        (false, FormatArg::Ndjson) => Format::Ndjson,
        (false, FormatArg::Csv) => Format::Csv,
        (false, FormatArg::Tsv) => Format::Tsv,
        (false, FormatArg::Vcard) => Format::Vcard,
        (false, FormatArg::Markdown) => Format::Markdown,
        (false, FormatArg::Html) => Format::Html,
        (false, FormatArg::Cite) => Format::Cite,
    };
    Options {
        format,
        fields: args.fields.clone(),
        color: use_color(args.color.unwrap_or(ColorArg::Auto), env),
        width: table_width(args.width, env),
        pretty: env.stdout_is_terminal,
        terminal: env.stdout_is_terminal,
        agencies_named: false,
        heading: None,
    }
}

/// `--color` first; under `auto`, what the environment says ([`Environment::auto_color`]).
pub fn use_color(choice: ColorArg, env: &Environment) -> bool {
    match choice {
        ColorArg::Always => true,
        ColorArg::Never => false,
        ColorArg::Auto => env.auto_color,
    }
}

/// `--width`, else a number in `COLUMNS`, else the terminal's width, else [`DEFAULT_WIDTH`];
/// at least [`output::MIN_WIDTH`].
pub fn table_width(flag: Option<u16>, env: &Environment) -> usize {
    let columns = env.columns.as_deref().and_then(|c| c.trim().parse::<u16>().ok());
    let usable = |width: &u16| *width > 0;
    let width = flag.or(columns.filter(usable)).or(env.terminal_width.filter(usable));
    width.map_or(DEFAULT_WIDTH, usize::from).max(output::MIN_WIDTH)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env() -> Environment {
        Environment::default()
    }

    #[test]
    fn colour_follows_the_flag_then_the_environment() {
        let coloured = Environment { auto_color: true, ..env() };
        assert!(use_color(ColorArg::Auto, &coloured));
        assert!(!use_color(ColorArg::Auto, &env()));
        assert!(use_color(ColorArg::Always, &env()));
        assert!(!use_color(ColorArg::Never, &coloured));
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
        // A narrow screen is honoured (records then print one field per line), down to MIN_WIDTH.
        assert_eq!(table_width(None, &Environment { columns: Some("12".into()), ..env() }), 12);
        assert_eq!(table_width(None, &Environment { columns: Some("3".into()), ..env() }), output::MIN_WIDTH);
        assert_eq!(table_width(None, &Environment { columns: Some("0".into()), ..env() }), DEFAULT_WIDTH);
    }
}
