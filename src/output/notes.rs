//! The notes and reports people read, beside the records: `validate`'s report and the note
//! that a search found nothing.

use std::io::{self, Write};

use super::{Format, Layout, Options, select_fields, write};
use crate::dataset::validate::Report;
use crate::record::{Field, ValidationRecord, field_lines};
use crate::sanitize;
use crate::wording::plural;

/// Each file's report: `FILE: ok: …` or one `FILE: /pointer: problem` line per problem for
/// people, one record per file for machines.
pub fn write_validation_reports(
    records: &[ValidationRecord],
    options: &Options,
    out: &mut dyn Write,
) -> io::Result<()> {
    if matches!(options.format, Format::Table | Format::Plain) && options.fields.is_none() {
        for record in records {
            let file = sanitize::for_terminal(&record.file);
            if record.report.problems.is_empty() {
                let Report { agencies, duties, .. } = record.report;
                writeln!(
                    out,
                    "{file}: ok: {}, {}",
                    plural(agencies, "agency", "agencies"),
                    plural(duties, "duty", "duties")
                )?;
            }
            for problem in &record.report.problems {
                writeln!(out, "{file}: {}", sanitize::for_terminal(&problem.to_string()))?;
            }
        }
    } else {
        let fields = select_fields::<ValidationRecord>(options).map_err(io::Error::other)?;
        write(out, records, &fields, options, Layout::Card)?;
    }
    Ok(())
}

/// "no duty matches "polices" (did you mean "policies"?)", or, when some words matched but not
/// the ones that say what the query is about, "no duty matches "social security": nothing
/// matches "security"".
pub fn no_match_note(words: &[String], suggestions: &[(String, String)], unmatched: &[String]) -> String {
    // In quotes, escaped for the terminal once (a Debug quote would escape the escapes again).
    let quote = |text: &str| format!("\"{}\"", sanitize::for_terminal(text));
    let query = words.join(" ");
    let hints: Vec<String> = match suggestions {
        [] => Vec::new(),
        [(_, near)] => vec![quote(near)],
        several => {
            several.iter().map(|(word, near)| format!("{} for {}", quote(near), quote(word))).collect()
        }
    };
    let missing: Vec<String> = unmatched.iter().map(|word| quote(word.trim_matches('"'))).collect();
    if !hints.is_empty() {
        format!("no duty matches {} (did you mean {}?)", quote(&query), hints.join(", "))
    } else if !missing.is_empty() && unmatched.join(" ") != query.trim() {
        format!("no duty matches {}: nothing matches {}", quote(&query), missing.join(" or "))
    } else {
        format!("no duty matches {}", quote(&query))
    }
}

/// `--fields help`: the fields of a command's records, each description wrapped to `width`
/// under itself.
pub fn fields_list(command: &str, fields: &[Field], width: usize) -> String {
    let heading =
        format!("Fields of `ncstb {command}`, for --fields (comma-separated, in the order wanted):");
    let mut text: String =
        super::vertical::wrap(&heading, width, 0, 0).iter().map(|line| format!("{line}\n")).collect();
    for (name, about) in field_lines(fields) {
        let indent = super::text_width(&name);
        for (k, line) in super::vertical::wrap(&about, width, indent, indent).iter().enumerate() {
            let lead = if k == 0 { name.clone() } else { " ".repeat(indent) };
            text += &format!("{lead}{line}\n");
        }
    }
    text
}
