//! Man pages: one for `ncstb` and one for each subcommand (`ncstb-list(1)`…), made by
//! `clap_mangen` from the command line definition, with the sections it has no source for
//! (ENVIRONMENT, EXIT STATUS, EXAMPLES, SEE ALSO) written here from the same help pages.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::cli::{self, HELP_PAGES};

/// The environment variables ncstb reads, what for, and which commands read them (the top page
/// lists them all).
const ENVIRONMENT: &[(&str, &str, &[&str])] = &[
    (
        "NCSTB_DATA",
        "Dataset files to read instead of the embedded one, separated as in PATH (as --data).",
        &["list", "show", "search", "contact"],
    ),
    (
        "NCSTB_MAX_DATA",
        "The most a dataset file or page may hold, as 64M or 2G (default 1G).",
        &["list", "show", "search", "contact", "validate", "import"],
    ),
    (
        "NCSTB_PAGER",
        "The pager for output longer than the screen at a terminal; empty turns paging off. \
         LESS=FRX is set for it when LESS is unset.",
        EVERY_COMMAND,
    ),
    ("PAGER", "The pager when NCSTB_PAGER is unset (default: less -FRX).", EVERY_COMMAND),
    ("NO_COLOR", "Not empty: no colour under --color auto.", COLOURED),
    ("CLICOLOR_FORCE", "Not empty: colour under --color auto, even in a pipe (NO_COLOR wins).", COLOURED),
    ("CLICOLOR", "0: no colour under --color auto unless forced.", COLOURED),
    ("TERM", "dumb, or unset: no colour at a terminal under --color auto; dumb: no pager.", COLOURED),
    ("COLUMNS", "The width output is fitted to when --width is not given.", COLOURED),
];

const EVERY_COMMAND: &[&str] = &cli::SUBCOMMANDS;

/// The commands that print tables, and so read the colour and width variables.
const COLOURED: &[&str] = &["list", "show", "search", "contact", "validate"];

/// The page of `subcommand` (`None`: ncstb's own), as roff.
pub fn render(subcommand: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    render_page(&built_command(), subcommand, out)
}

/// The command line definition as the pages show it, built once for every page made from it.
fn built_command() -> clap::Command {
    let mut command = cli::command().disable_help_subcommand(true);
    command.build();
    command
}

/// The page of `subcommand` of the built `command`, as roff.
fn render_page(command: &clap::Command, subcommand: Option<&str>, out: &mut dyn Write) -> io::Result<()> {
    let page_command = match subcommand {
        Some(name) => command
            .find_subcommand(name)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no subcommand {name}")))?,
        None => command.clone(),
    };
    // A subcommand's page has the version of the whole.
    let version = env!("CARGO_PKG_VERSION");
    let man = clap_mangen::Man::new(page_command.clone().version(version)).source(format!("ncstb {version}"));
    man.render_title(out)?;
    // No hyphenation: addresses and page names are copied from here.
    writeln!(out, ".nh")?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    if page_command.has_subcommands() {
        man.render_subcommands_section(out)?;
    }
    let page = HELP_PAGES.iter().find(|page| page.command == subcommand.unwrap_or(""));
    if let Some(fields) = subcommand.and_then(cli::fields_of) {
        section(out, "FIELDS")?;
        for field in fields {
            tagged(out, &format!("\\fB{}\\fR", field.name), field.about)?;
        }
    }
    section(out, "ENVIRONMENT")?;
    for (name, about, commands) in ENVIRONMENT {
        if subcommand.is_none_or(|subcommand| commands.contains(&subcommand)) {
            tagged(out, &format!("\\fB{name}\\fR"), about)?;
        }
    }
    if let Some(page) = page {
        section(out, "EXIT STATUS")?;
        for (code, about) in page.exit {
            tagged(out, &code.to_string(), about)?;
        }
        section(out, "EXAMPLES")?;
        writeln!(out, ".nf")?;
        for example in page.examples {
            writeln!(out, "{}", escape(example))?;
        }
        writeln!(out, ".fi")?;
    }
    section(out, "VERSION")?;
    writeln!(out, "{}", escape(cli::LONG_VERSION).replace('\n', "\n.br\n"))?;
    section(out, "SEE ALSO")?;
    let others: Vec<String> = std::iter::once("ncstb".to_string())
        .chain(command.get_subcommands().map(|sub| format!("ncstb-{}", sub.get_name())))
        .filter(|name| Some(name.as_str()) != subcommand.map(|s| format!("ncstb-{s}")).as_deref())
        .filter(|name| subcommand.is_some() || name != "ncstb")
        .map(|name| format!("\\fB{name}\\fR(1)"))
        .collect();
    writeln!(out, "{}, \\fBjq\\fR(1)", others.join(", "))
}

/// Writes every page into `dir` (created if need be, as `mkdir -p` does); returns their paths.
/// An error names the folder or the page it is about.
pub fn write_all(dir: &Path) -> anyhow::Result<Vec<PathBuf>> {
    use anyhow::Context;
    let shown = |path: &Path| crate::sanitize::for_terminal(&path.to_string_lossy()).into_owned();
    if dir.exists() && !dir.is_dir() {
        anyhow::bail!("{} is not a folder: give --dir a folder to write the pages into", shown(dir));
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot make the folder {}", shown(dir)))?;
    let command = built_command();
    let mut written = Vec::new();
    for page in HELP_PAGES {
        let (subcommand, file) = match page.command {
            "" => (None, "ncstb.1".to_string()),
            name => (Some(name), format!("ncstb-{name}.1")),
        };
        let mut text = Vec::new();
        render_page(&command, subcommand, &mut text)?;
        let path = dir.join(file);
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", shown(&path)))?;
        written.push(path);
    }
    Ok(written)
}

fn section(out: &mut dyn Write, name: &str) -> io::Result<()> {
    writeln!(out, ".SH \"{name}\"")
}

/// A tagged paragraph: `tag` (roff already) above `text`, indented.
fn tagged(out: &mut dyn Write, tag: &str, text: &str) -> io::Result<()> {
    writeln!(out, ".TP\n{tag}\n{}", escape(text))
}

/// Text for a roff line: backslashes and hyphens escaped, a leading dot or quote made literal.
fn escape(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) { format!("\\&{escaped}") } else { escaped }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(subcommand: Option<&str>) -> String {
        let mut out = Vec::new();
        render(subcommand, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn every_page_has_its_sections() {
        for page_of in HELP_PAGES {
            let subcommand = (!page_of.command.is_empty()).then_some(page_of.command);
            let text = page(subcommand);
            for section in ["NAME", "SYNOPSIS", "ENVIRONMENT", "EXIT STATUS", "EXAMPLES", "SEE ALSO"] {
                assert!(
                    text.contains(&format!(".SH \"{section}\"")) || text.contains(&format!(".SH {section}")),
                    "{subcommand:?} lacks {section}"
                );
            }
        }
        assert!(page(Some("search")).contains(".TH ncstb-search 1"));
        assert!(page(Some("list")).contains("\\fBclauses\\fR"));
    }

    #[test]
    fn roff_text_is_escaped() {
        assert_eq!(escape(".x -y \\z"), "\\&.x \\-y \\ez");
    }
}
