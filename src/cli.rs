//! The command line, as clap derive types. Doc comments here are the help text; completions and
//! the man page are generated from the same definition.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use crate::output::MIN_WIDTH;
use crate::record::{ContactRecord, DutyRecord, Field, HitRecord, Record, ValidationRecord, fields_help};

/// What each page of help says after the options: its examples and exit statuses (the fields
/// come from the records). The help, the man pages and the README say the same.
pub struct HelpPage {
    /// The subcommand, or "" for `ncstb` itself.
    pub command: &'static str,
    /// Command lines, each with an optional comment after two spaces or more.
    pub examples: &'static [&'static str],
    pub exit: &'static [(u8, &'static str)],
}

/// Every subcommand's name: the pages `ncstb man COMMAND` knows (a test checks the list).
pub const SUBCOMMANDS: [&str; 10] =
    ["list", "show", "search", "browse", "contact", "validate", "import", "schema", "completions", "man"];

/// Exit statuses of a command that prints what it was asked for.
const EXIT_PRINTS: &[(u8, &str)] = &[(0, "success"), (2, "usage or data error")];

pub const HELP_PAGES: &[HelpPage] = &[
    HelpPage {
        command: "",
        examples: &[
            "ncstb list                          every duty, as a table at a terminal",
            "ncstb show V                        duty V in full, clause by clause",
            "ncstb show 2-4 9                    duties II to IV, and IX",
            "ncstb search talent                 duties about talent, best first",
            "ncstb search inovation capabilty    typos are forgiven",
            "ncstb show $(ncstb browse)          search as you type, then show the duty chosen",
            "ncstb list --fields numeral,title   just the headings",
            "ncstb list --json | jq -r '.[].title'",
            "ncstb contact --format vcard > nanchang-stb.vcf",
            "ncstb --data agencies.json --agency nanchang-stb show 5",
        ],
        exit: &[(0, "success"), (1, "nothing found"), (2, "usage or data error")],
    },
    HelpPage {
        command: "list",
        examples: &[
            "ncstb list",
            "ncstb list --long",
            "ncstb list --format csv > duties.csv",
            "ncstb list --fields help",
        ],
        exit: EXIT_PRINTS,
    },
    HelpPage {
        command: "show",
        examples: &[
            "ncstb show 5",
            "ncstb show V",
            "ncstb show 2-4",
            "ncstb show II-IV 9",
            "ncstb show 1,5,9 --json",
        ],
        exit: &[(0, "success"), (2, "usage or data error, or no such duty")],
    },
    HelpPage {
        command: "search",
        examples: &[
            "ncstb search talent",
            "ncstb search SME innovation",
            "ncstb search inovation capabilty",
            "ncstb search '\"technology innovation\"' --json",
            "ncstb search IP --exact",
            "ncstb search 人才引进",
            "ncstb --data city.json search --batch queries.txt | jq -c '[.query, (.hits | length)]'",
        ],
        exit: &[
            (0, "hits found (with --batch: every query ran, and at least one found hits)"),
            (1, "no duty matches (with --batch: no query found any)"),
            (2, "usage or data error (with --batch: a query could not run)"),
        ],
    },
    HelpPage {
        command: "browse",
        examples: &[
            "ncstb browse",
            "ncstb browse talnet",
            "ncstb show $(ncstb browse)",
            "ncstb --data city.json browse --agency water-bureau",
        ],
        exit: &[
            (0, "a duty was chosen (Enter): its reference is printed"),
            (1, "quit with Esc or Ctrl-C: nothing is printed"),
            (2, "usage or data error, or no terminal"),
        ],
    },
    HelpPage {
        command: "contact",
        examples: &["ncstb contact", "ncstb contact --format vcard > nanchang-stb.vcf"],
        exit: EXIT_PRINTS,
    },
    HelpPage {
        command: "validate",
        examples: &[
            "ncstb validate agencies.json",
            "ncstb validate *.json --json | jq '.[] | select(.ok | not)'",
        ],
        exit: &[(0, "every file is valid"), (2, "a file has problems or cannot be read")],
    },
    HelpPage {
        command: "import",
        examples: &[
            "ncstb import page.txt > agency.json",
            "ncstb import page.txt --id nanchang-stb",
            "ncstb import a.txt b.txt --id a --id b > city.json",
            "pbpaste | ncstb import - | ncstb validate -",
        ],
        exit: &[
            (0, "every page was read"),
            (2, "a page cannot be read (its line and what was expected are named)"),
        ],
    },
    HelpPage { command: "schema", examples: &["ncstb schema > schema.json"], exit: EXIT_PRINTS },
    HelpPage {
        command: "completions",
        examples: &[
            "ncstb completions bash > ~/.local/share/bash-completion/completions/ncstb",
            "ncstb completions zsh > ~/.zfunc/_ncstb",
            "ncstb completions fish > ~/.config/fish/completions/ncstb.fish",
        ],
        exit: EXIT_PRINTS,
    },
    HelpPage {
        command: "man",
        examples: &[
            "ncstb man | man -l -",
            "ncstb man search | man -l -",
            "ncstb man --dir ~/.local/share/man/man1",
        ],
        exit: EXIT_PRINTS,
    },
];

/// The fields of the records a subcommand prints, for `--fields help` and its help page.
pub fn fields_of(command: &str) -> Option<&'static [Field]> {
    match command {
        "list" | "show" => Some(DutyRecord::FIELDS),
        "search" => Some(HitRecord::FIELDS),
        "contact" => Some(ContactRecord::FIELDS),
        "validate" => Some(ValidationRecord::FIELDS),
        _ => None,
    }
}

/// The text after a page's options: fields, examples, exit status.
pub fn after_help(page: &HelpPage) -> String {
    let mut text = String::new();
    if let Some(fields) = fields_of(page.command) {
        text += "Fields (--fields a,b,...; --fields help lists them):\n";
        text += &fields_help(fields);
        text += "\n";
    }
    text += "Examples:\n";
    for example in page.examples {
        text += &format!("  {example}\n");
    }
    let exit: Vec<String> = page.exit.iter().map(|(code, what)| format!("{code} {what}")).collect();
    text + &format!("\nExit status: {}.", exit.join(", "))
}

/// The command line definition with each page's fields, examples and exit statuses: what
/// `--help`, the completions and the man pages are made from.
pub fn command() -> clap::Command {
    let mut command = bare_command();
    for page in HELP_PAGES {
        let text = after_help(page);
        command = if page.command.is_empty() {
            command.after_help(text)
        } else {
            command.mut_subcommand(page.command, |sub| sub.after_help(text))
        };
    }
    command
}

/// `ncstb --version`: the version, and where the embedded data comes from (a test checks it
/// against the dataset).
pub const LONG_VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\ndata: Science and Technology Bureau of Nanchang City, page updated 2009-11-27",
    "\nsource: http://english.nc.gov.cn/english/GovernmentStructure/200911/4ff32b71253d43f9817b51a0b91b8412.shtml",
    // What ncstb is licensed under, and where the notices of its data are (the man page too).
    "\nlicense: MIT for the code; the duties are the bureau's published text, and the English word \
list is SCOWL's, under its own notice: see NOTICE and data/english-words.NOTICE in the source package"
);

/// Query the main functions of the Science and Technology Bureau of Nanchang City.
///
/// The bureau's eleven duties (I–XI) and its contact details are built in, as published on its
/// page (updated 2009-11-27); --data reads another dataset of agencies in the same schema. Output
/// is a table at a terminal and tab-separated lines in a pipe; JSON, JSON Lines, CSV, TSV,
/// Markdown, HTML and citations on request, and --jq filters the JSON without jq.
#[derive(Debug, Parser)]
#[command(
    name = "ncstb",
    version,
    long_version = LONG_VERSION,
    arg_required_else_help = true,
    max_term_width = 100
)]
pub struct Cli {
    /// Data and output options may also come before the command (`ncstb --data FILE list`);
    /// they then hold for a command that reads data or prints records, and are refused by one
    /// that does neither.
    #[command(flatten)]
    pub data: DataArgs,

    #[command(flatten)]
    pub output: OutputArgs,

    /// Never page: at a terminal, output longer than the screen otherwise goes through
    /// `NCSTB_PAGER`, PAGER or `less -FRX` (an empty variable turns paging off). It may stand
    /// anywhere on the command line (before any `--`).
    #[arg(long)]
    pub no_pager: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Default, Args)]
pub struct DataArgs {
    /// Read this dataset file instead of the embedded one (- for standard input); give it again
    /// to read several, their agencies merged [env: `NCSTB_DATA`, paths separated as in PATH]
    #[arg(long, value_name = "FILE")]
    pub data: Vec<PathBuf>,

    /// Only this agency of the dataset (by its id)
    #[arg(long, value_name = "ID")]
    pub agency: Option<String>,
}

impl DataArgs {
    /// These options, where given, else `outer`'s (those before the command).
    pub fn or(self, outer: DataArgs) -> DataArgs {
        let data = if self.data.is_empty() { outer.data } else { self.data };
        DataArgs { data, agency: self.agency.or(outer.agency) }
    }

    /// The options given, by name.
    pub fn given(&self) -> Vec<&'static str> {
        [("--data", !self.data.is_empty()), ("--agency", self.agency.is_some())]
            .into_iter()
            .filter_map(|(name, given)| given.then_some(name))
            .collect()
    }
}

/// How words match, for `search` and `browse`.
#[derive(Debug, Clone, Copy, Default, Args)]
pub struct Matching {
    /// No typos and no prefixes: words match as written, by plural, abbreviation or concept
    #[arg(long)]
    pub exact: bool,

    /// Only duties that contain every word; no partial matches
    #[arg(long)]
    pub all_words: bool,
}

#[derive(Debug, Clone, Default, Args)]
pub struct OutputArgs {
    /// Output format [auto: table at a terminal, plain in a pipe, JSON Lines for search --batch]
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<FormatArg>,

    /// Short for --format json
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// Fields to print, in this order (comma-separated); --fields help (or no value) lists them
    #[arg(long, value_delimiter = ',', value_name = "FIELD,...", num_args = 0..=1, default_missing_value = "help")]
    pub fields: Option<Vec<String>>,

    /// When to colour tables and help (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, CLICOLOR, TERM)
    #[arg(long, value_enum, value_name = "WHEN")]
    pub color: Option<ColorArg>,

    /// Width in columns; below 40, or where a table's columns cannot hold their words, records
    /// are printed one field per line [default: COLUMNS, the terminal's width, or 100]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(MIN_WIDTH as i64..))]
    pub width: Option<u16>,

    /// Filter the JSON output with a jq program, in-process, as `jq -r` would (strings raw, other
    /// values compact, one a line): list, show, search, contact, validate; with --format json
    /// (the default) the whole array, with ndjson (and search --batch) each record alone
    #[arg(long, value_name = "FILTER")]
    pub jq: Option<String>,
}

impl OutputArgs {
    /// These options, where given, else `outer`'s (those before the command).
    pub fn or(self, outer: OutputArgs) -> OutputArgs {
        let (format, json) = if self.format.is_some() || self.json {
            (self.format, self.json)
        } else {
            (outer.format, outer.json)
        };
        OutputArgs {
            format,
            json,
            fields: self.fields.or(outer.fields),
            color: self.color.or(outer.color),
            width: self.width.or(outer.width),
            jq: self.jq.or(outer.jq),
        }
    }

    /// The options given, by name.
    pub fn given(&self) -> Vec<&'static str> {
        [
            ("--format", self.format.is_some()),
            ("--json", self.json),
            ("--fields", self.fields.is_some()),
            ("--color", self.color.is_some()),
            ("--width", self.width.is_some()),
            ("--jq", self.jq.is_some()),
        ]
        .into_iter()
        .filter_map(|(name, given)| given.then_some(name))
        .collect()
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every duty
    List {
        /// Show each duty's full text in the table, not just its start
        #[arg(long, short)]
        long: bool,

        #[command(flatten)]
        data: DataArgs,

        #[command(flatten)]
        output: OutputArgs,
    },

    /// Show one or more duties in full, with their clauses numbered
    Show {
        /// Duty IDs: 5, V, v, (V), a range 2-4 or II-IV, a list 1,5,9
        #[arg(required_unless_present = "fields", value_name = "ID", allow_negative_numbers = true)]
        ids: Vec<String>,

        #[command(flatten)]
        data: DataArgs,

        #[command(flatten)]
        output: OutputArgs,
    },

    /// Search the duties for words, forgiving typos, best match first
    ///
    /// Each word matches exactly, by its plural (policies → policy), as an abbreviation
    /// (S&T ⇔ science and technology, SME, IP, R&D), as a prefix (the last word), or with a typo
    /// (one in words of 5–8 letters, two from 9) when nothing closer matches. Duties with every
    /// word come first; when none has all, the best partial matches are shown and marked.
    ///
    /// With --batch, queries are read one per line (blank lines and lines whose first character,
    /// after spaces, is # are skipped) and answered from an index of the duties built once, in order, each answer
    /// written before the next query is read: JSON Lines in a pipe, one object per query
    /// ({"query", "line", "hits"}, and "error" when it could not run); CSV, TSV and plain put
    /// the query and line before each hit. A query that cannot run (an unbalanced quote, too
    /// long) is answered with its error and the batch goes on.
    Search {
        /// Words to look for; "quoted words" must stand together in one clause
        #[arg(required_unless_present_any = ["fields", "batch"], value_name = "WORDS")]
        words: Vec<String>,

        /// Answer many queries, one per line of FILE (or standard input, -, when none is given)
        #[arg(long, value_name = "FILE", num_args = 0..=1, conflicts_with = "words")]
        batch: Option<Option<PathBuf>>,

        /// Show at most N hits
        #[arg(long, short = 'n', value_name = "N", default_value_t = 10, value_parser = clap::value_parser!(u64).range(1..))]
        limit: u64,

        #[command(flatten)]
        matching: Matching,

        #[command(flatten)]
        data: DataArgs,

        #[command(flatten)]
        output: OutputArgs,
    },

    /// Search as you type, full screen; Enter prints the duty's reference
    ///
    /// A query line, the ranked hits (with the best clause and the words that matched), and the
    /// selected duty in full. Every key searches again, with the same matching and ranking as
    /// `ncstb search`. Enter prints the selected duty's reference (its number for the built-in
    /// data, agency:number for a dataset) on standard output, so `ncstb show $(ncstb browse)`
    /// shows it; Esc or Ctrl-C quits with nothing printed. The screen is drawn on the terminal
    /// (/dev/tty), so standard output may be captured or piped. Keys: typing, Backspace, Ctrl-W,
    /// Ctrl-U, Left/Right, Home/End edit the query; Up/Down, Ctrl-P/Ctrl-N, PageUp/PageDown
    /// select; Tab scrolls the duty instead; ? shows the keys.
    Browse {
        /// Words to start with
        #[arg(value_name = "WORDS")]
        words: Vec<String>,

        #[command(flatten)]
        matching: Matching,

        #[command(flatten)]
        data: DataArgs,

        /// When to colour the screen (under auto: `NO_COLOR`, `CLICOLOR_FORCE`, TERM); without
        /// colour, matches are underlined and the selection is in reverse video
        #[arg(long, value_enum, value_name = "WHEN")]
        color: Option<ColorArg>,
    },

    /// Print the agency's address, post code and public supervision hotline
    Contact {
        #[command(flatten)]
        data: DataArgs,

        #[command(flatten)]
        output: OutputArgs,
    },

    /// Check dataset files against the schema and its rules, listing every problem
    Validate {
        /// Dataset files to check (- for standard input)
        #[arg(required_unless_present = "fields", value_name = "FILE")]
        files: Vec<PathBuf>,

        #[command(flatten)]
        output: OutputArgs,
    },

    /// Turn published "main functions" pages into a dataset, printed as JSON
    ///
    /// Reads the text of each page (as copied from a browser): the English shape ("The current
    /// position : …", the agency's name, "updated on: …", "Main Functions:", (I)…, "Address:",
    /// "Post code:", "Public supervision hotline:") or the Chinese one ("当前位置：…", name,
    /// "更新时间：…" or "发布日期：…", "主要职责：", （一）…, "地址：", "邮编：", "电话：" or
    /// "监督电话："). Several pages give several agencies. Fields a page lacks are left out.
    Import {
        /// Page text files (- for standard input)
        #[arg(required = true, value_name = "PAGE")]
        pages: Vec<PathBuf>,

        /// The agency's id, once per page in order [default: made of the agency's name]
        #[arg(long = "id", value_name = "ID")]
        ids: Vec<String>,
    },

    /// Print the JSON Schema (draft 2020-12) of the dataset file, or of an output record
    Schema {
        /// The output record whose schema to print, rather than the dataset file's
        #[arg(long, value_enum, value_name = "RECORD")]
        output: Option<crate::schemas::OutputRecord>,
    },

    /// Print the completion script for a shell
    Completions {
        /// The shell to complete for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },

    /// Print a man page (roff), or write them all to a folder
    Man {
        /// The subcommand whose page to print [default: ncstb's own]
        #[arg(value_name = "COMMAND", value_parser = SUBCOMMANDS)]
        command: Option<String>,

        /// Write every page (ncstb.1, ncstb-list.1, ...) into this folder, and print their paths
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
}

/// The command line definition without the help pages' texts, which cost more to make than a
/// search of the embedded data: enough to parse any command line that asks for no help.
fn bare_command() -> clap::Command {
    // Before the command, `--fields` takes a value: `ncstb --fields list` must not read the
    // command as the fields (`ncstb --fields help list` lists them).
    Cli::command().mut_arg("fields", |arg| arg.num_args(1))
}

/// The definition to parse `args` (the program's name first) with: the whole one when they may
/// ask for help (`-h`, `--help`, `help`, or nothing at all), else the one without help texts.
pub fn command_for(args: &[std::ffi::OsString]) -> clap::Command {
    let asks_for_help =
        args.len() < 2 || args.iter().skip(1).any(|arg| arg == "-h" || arg == "--help" || arg == "help");
    if asks_for_help { command() } else { bare_command() }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FormatArg {
    /// Table at a terminal, plain in a pipe (JSON Lines for search --batch)
    Auto,
    /// A table fitted to the terminal
    Table,
    /// Tab-separated lines, no header
    Plain,
    /// A JSON array of records
    Json,
    /// One JSON record per line (JSON Lines; `jsonl` also names it)
    #[value(alias = "jsonl")]
    Ndjson,
    /// Comma-separated values with a header row
    Csv,
    /// Tab-separated values with a header row
    Tsv,
    /// A vCard 4.0 (contact only)
    Vcard,
    /// GitHub-flavoured Markdown (`md` also names it): tables, or headings and numbered clauses
    /// for show
    #[value(alias = "md")]
    Markdown,
    /// One standalone HTML page, for a browser or to print
    Html,
    /// A citation per duty, for footnotes (list, show, search)
    Cite,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorArg {
    Auto,
    Always,
    Never,
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn clap_definition_is_consistent() {
        command().debug_assert();
    }

    #[test]
    fn every_subcommand_has_a_help_page() {
        let command = command();
        let names: Vec<&str> = command.get_subcommands().map(clap::Command::get_name).collect();
        for name in &names {
            assert!(HELP_PAGES.iter().any(|page| page.command == *name), "{name} has no help page");
        }
        assert_eq!(HELP_PAGES.len(), names.len() + 1);
        assert_eq!(names, SUBCOMMANDS);
    }
}
