//! Delimited text: `plain` (tab-separated lines for `cut`, `grep` and `while read`) and
//! `csv` / `tsv` (a header row, then the records, quoted by the `csv` crate where needed).

use std::io::Write;

use anyhow::Context;

use super::sanitize;
use crate::record::{Field, Record};

/// One record per line, fields separated by tabs, no header; tabs, newlines and control
/// characters inside a field are written visibly escaped so each record stays on one line.
pub fn write_plain<R: Record>(out: &mut dyn Write, records: &[R], fields: &[&Field]) -> anyhow::Result<()> {
    for record in records {
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

/// A header row of field names, then one row per record; the data is kept exact, quoted when a
/// field holds the delimiter, a quote or a line break.
pub fn write_csv<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    delimiter: u8,
) -> anyhow::Result<()> {
    let mut writer = csv::WriterBuilder::new().delimiter(delimiter).from_writer(out);
    writer.write_record(fields.iter().map(|f| f.name))?;
    for record in records {
        for field in fields {
            writer.write_field(record.value(field.name).to_text().as_bytes())?;
        }
        writer.write_record(None::<&[u8]>)?;
    }
    writer.flush().context("writing CSV")?;
    Ok(())
}
