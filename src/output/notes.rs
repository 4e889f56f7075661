//! The notes and reports people read, beside the records: `validate`'s report and the note
//! that a search found nothing.

use std::io::{self, Write};

use super::{Format, Layout, Options, select_fields, write};
use crate::dataset::validate::Report;
use crate::record::ValidationRecord;
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
