//! JSON (one array, pretty at a terminal, compact in a pipe) and JSON Lines (one compact record
//! per line). Keys follow the documented field order; invisible and control characters are
//! `\u` escapes so `jq -r` users decide what reaches their terminal.

use std::io::{self, Write};

use serde::ser::{Serialize, SerializeMap, Serializer};

use crate::record::{Field, Record};
use crate::sanitize;

/// A record restricted to the chosen fields, serialised as an object in field order.
struct Selected<'a, R> {
    record: &'a R,
    fields: &'a [&'a Field],
}

impl<R: Record> Serialize for Selected<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.fields.len()))?;
        for field in self.fields {
            map.serialize_entry(field.name, &self.record.value(field.name))?;
        }
        map.end()
    }
}

/// A JSON array: pretty at a terminal; compact in a pipe, streamed one record at a time so a
/// large dataset is never held twice in memory.
pub fn write_array<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    pretty: bool,
) -> io::Result<()> {
    if pretty {
        let selected: Vec<Selected<'_, R>> =
            records.iter().map(|record| Selected { record, fields }).collect();
        let json = serde_json::to_string_pretty(&selected)?;
        out.write_all(sanitize::json_escapes(&json).as_bytes())?;
        out.write_all(b"\n")?;
        return Ok(());
    }
    out.write_all(b"[")?;
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        let json = serde_json::to_string(&Selected { record, fields })?;
        out.write_all(sanitize::json_escapes(&json).as_bytes())?;
    }
    out.write_all(b"]\n")?;
    Ok(())
}

pub fn write_lines<R: Record>(out: &mut dyn Write, records: &[R], fields: &[&Field]) -> io::Result<()> {
    for record in records {
        let json = serde_json::to_string(&Selected { record, fields })?;
        out.write_all(sanitize::json_escapes(&json).as_bytes())?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// One answer of `search --batch` as JSON: the query, its line, its hits with the chosen
/// fields, and the error that kept it from running, when one did.
pub struct Answer<'a, R> {
    pub query: &'a str,
    pub line: u64,
    pub hits: &'a [R],
    pub error: Option<&'a str>,
    pub fields: &'a [&'a Field],
}

impl<R: Record> Serialize for Answer<'_, R> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3 + usize::from(self.error.is_some())))?;
        map.serialize_entry("query", self.query)?;
        map.serialize_entry("line", &self.line)?;
        let hits: Vec<Selected<'_, R>> =
            self.hits.iter().map(|record| Selected { record, fields: self.fields }).collect();
        map.serialize_entry("hits", &hits)?;
        if let Some(error) = self.error {
            map.serialize_entry("error", error)?;
        }
        map.end()
    }
}

/// An answer as one compact line (`ndjson`), or as an item of an array (`json`): after a comma
/// unless `first`, and pretty (indented as the array's item) at a terminal.
pub fn write_answer<R: Record>(
    out: &mut dyn Write,
    answer: &Answer<'_, R>,
    item: Option<(bool, bool)>,
) -> io::Result<()> {
    let Some((first, pretty)) = item else {
        let json = serde_json::to_string(answer)?;
        out.write_all(sanitize::json_escapes(&json).as_bytes())?;
        return out.write_all(b"\n");
    };
    if !first {
        out.write_all(b",")?;
    }
    if pretty {
        // A pretty document's line breaks are its own: strings hold theirs as \n.
        let json = serde_json::to_string_pretty(answer)?;
        for line in sanitize::json_escapes(&json).lines() {
            write!(out, "\n  {line}")?;
        }
        Ok(())
    } else {
        let json = serde_json::to_string(answer)?;
        out.write_all(sanitize::json_escapes(&json).as_bytes())
    }
}
