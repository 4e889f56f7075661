//! Delimited text: `plain` (tab-separated lines for `cut`, `grep` and `while read`) and
//! `csv` / `tsv` (a header row, then the records, quoted by the `csv` crate where needed).

use std::borrow::Cow;
use std::io::{self, Write};

use crate::record::{Field, Record};
use crate::sanitize;

/// One record per line, fields separated by tabs, no header; tabs, newlines and control
/// characters inside a field are written visibly escaped so each record stays on one line.
/// `leading` values (a batch's query and line) come first on every line.
pub fn write_plain<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    leading: &[&str],
) -> io::Result<()> {
    for record in records {
        for value in leading {
            out.write_all(sanitize::for_terminal(value).as_bytes())?;
            out.write_all(b"\t")?;
        }
        for (i, field) in fields.iter().enumerate() {
            if i > 0 {
                out.write_all(b"\t")?;
            }
            let value = record.value(field.name);
            out.write_all(sanitize::for_terminal(&value.to_text()).as_bytes())?;
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// A header row of field names, then one row per record. In a pipe or file the data is kept
/// exact, quoted when a field holds the delimiter, a quote or a line break, and every field is
/// quoted when any holds a control character; at a `terminal` control characters are escaped
/// visibly instead, as in every output meant for a person.
pub fn write_csv<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    delimiter: u8,
    terminal: bool,
) -> io::Result<()> {
    let header: Vec<&str> = fields.iter().map(|f| f.name).collect();
    write_csv_rows(out, records, fields, &Leading { header: Some(&header), values: &[] }, delimiter, terminal)
}

/// What comes before a record's fields in CSV: a header row (when one is due) and values for
/// the first columns of every row.
pub struct Leading<'a> {
    pub header: Option<&'a [&'a str]>,
    pub values: &'a [&'a str],
}

/// Rows as [`write_csv`] writes them, after `leading`'s header and with its values first.
pub fn write_csv_rows<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    leading: &Leading<'_>,
    delimiter: u8,
    terminal: bool,
) -> io::Result<()> {
    let unsafe_text = |text: &str| text.chars().any(sanitize::is_unsafe);
    let hostile = !terminal
        && (leading.values.iter().any(|v| unsafe_text(v))
            || records.iter().any(|r| fields.iter().any(|f| unsafe_text(&r.value(f.name).to_text()))));
    let quoting = if hostile { csv::QuoteStyle::Always } else { csv::QuoteStyle::Necessary };
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).quote_style(quoting).from_writer(out);
    if let Some(header) = leading.header {
        writer.write_record(header).map_err(io_error)?;
    }
    for record in records {
        for value in leading.values {
            writer.write_field(shown(value, terminal).as_bytes()).map_err(io_error)?;
        }
        for field in fields {
            let value = record.value(field.name);
            writer.write_field(shown(&value.to_text(), terminal).as_bytes()).map_err(io_error)?;
        }
        writer.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    writer.flush()?;
    Ok(())
}

/// A field's text as CSV writes it: control characters escaped visibly at a terminal.
fn shown(text: &str, terminal: bool) -> Cow<'_, str> {
    if terminal { sanitize::for_terminal(text) } else { Cow::Borrowed(text) }
}

/// A CSV writer's error as the I/O error it is, when it is one: a reader that left (`| head`)
/// stays a broken pipe, which ends ncstb quietly, not an error "of another kind".
fn io_error(error: csv::Error) -> io::Error {
    if !matches!(error.kind(), csv::ErrorKind::Io(_)) {
        return io::Error::other(error);
    }
    match error.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;
    use crate::record::DutyRecord;

    fn csv_of(terminal: bool) -> String {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[
            {"number":1,"text":"clear\u001b[2J, then\nmore"}]}]}"#;
        let dataset = Dataset::from_json(json).unwrap();
        let agency = &dataset.agencies[0];
        let records = [DutyRecord { agency, duty: &agency.functions[0] }];
        let fields: Vec<&Field> =
            DutyRecord::FIELDS.iter().filter(|f| f.name == "text" || f.name == "number").collect();
        let mut out = Vec::new();
        write_csv(&mut out, &records, &fields, b',', terminal).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn csv_is_exact_and_quoted_in_a_pipe_and_escaped_at_a_terminal() {
        assert_eq!(csv_of(false), "\"number\",\"text\"\n\"1\",\"clear\u{1b}[2J, then\nmore\"\n");
        assert_eq!(csv_of(true), "number,text\n1,\"clear\\u{1b}[2J, then\\nmore\"\n");
    }
}
