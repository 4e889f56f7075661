//! Records: what every subcommand produces and every output format prints.
//!
//! A record type names its fields once, in their stable order (the contract the README
//! documents), and hands out each field's value on request. Formats never see the dataset.

use std::borrow::Cow;

use crate::dataset::validate::Report;
use crate::dataset::{Agency, Duty, DutyRef, Problem};
use serde::ser::{SerializeMap, SerializeSeq};

use crate::search::{ClauseMatch, Hit, Kind, TermMatch};

/// One field of a record type.
#[derive(Debug)]
pub struct Field {
    pub name: &'static str,
    /// Column heading in tables.
    pub label: &'static str,
    /// In text formats (plain, csv, tsv, table) when `--fields` is not given.
    pub in_text: bool,
    /// In JSON formats when `--fields` is not given.
    pub in_json: bool,
    /// What the field holds, for `--fields help` and the help pages.
    pub about: &'static str,
}

impl Field {
    const fn both(name: &'static str, label: &'static str, about: &'static str) -> Field {
        Field { name, label, in_text: true, in_json: true, about }
    }
    const fn json_only(name: &'static str, label: &'static str, about: &'static str) -> Field {
        Field { name, label, in_text: false, in_json: true, about }
    }
    const fn text_only(name: &'static str, label: &'static str, about: &'static str) -> Field {
        Field { name, label, in_text: true, in_json: false, about }
    }
}

/// The fields of `fields` as help lists them: one a line, its name (padded to the longest),
/// what it holds, and in which formats' defaults it stands.
pub fn fields_help(fields: &[Field]) -> String {
    field_lines(fields).iter().map(|(name, about)| format!("{name}{about}\n")).collect()
}

/// Each field's name, indented and padded so the descriptions line up, and its description.
pub fn field_lines(fields: &[Field]) -> Vec<(String, String)> {
    let width = fields.iter().map(|f| f.name.len()).max().unwrap_or(0);
    let defaults = |f: &Field| match (f.in_text, f.in_json) {
        (true, true) => "",
        (false, true) => " (JSON by default; text formats when named)",
        (true, false) => " (text formats by default; JSON when named)",
        (false, false) => " (when named)",
    };
    fields.iter().map(|f| (format!("  {:width$}  ", f.name), format!("{}{}", f.about, defaults(f)))).collect()
}

/// A field's value, borrowed from the record.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'r> {
    Text(Cow<'r, str>),
    /// Absent optional data: `null` in JSON, empty in text.
    Missing,
    Number(u64),
    Score(f64),
    Flag(bool),
    List(Vec<&'r str>),
    /// A search hit's matching clauses.
    Matches(&'r [ClauseMatch<'r>]),
    /// What is wrong with a dataset, each located by a JSON pointer.
    Problems(&'r [Problem]),
}

impl Value<'_> {
    /// The value as text formats print it: lists joined by "; ", absent values empty.
    pub fn to_text(&self) -> Cow<'_, str> {
        match self {
            Value::Text(text) => Cow::Borrowed(text),
            Value::Missing => Cow::Borrowed(""),
            Value::Number(n) => Cow::Owned(n.to_string()),
            Value::Score(score) => Cow::Owned(format!("{score:.3}")),
            Value::Flag(flag) => Cow::Borrowed(if *flag { "true" } else { "false" }),
            Value::List(items) => Cow::Owned(items.join("; ")),
            Value::Matches(matches) => {
                Cow::Owned(serde_json::to_string(&Matches(matches)).unwrap_or_default())
            }
            Value::Problems(problems) => {
                Cow::Owned(problems.iter().map(Problem::to_string).collect::<Vec<_>>().join("; "))
            }
        }
    }
}

impl serde::Serialize for Value<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Text(text) => serializer.serialize_str(text),
            Value::Missing => serializer.serialize_none(),
            Value::Number(n) => serializer.serialize_u64(*n),
            Value::Score(score) => serializer.serialize_f64((score * 1000.0).round() / 1000.0),
            Value::Flag(flag) => serializer.serialize_bool(*flag),
            Value::List(items) => items.serialize(serializer),
            Value::Matches(matches) => Matches(matches).serialize(serializer),
            Value::Problems(problems) => problems.serialize(serializer),
        }
    }
}

/// A hit's matching clauses as records give them: `[{clause, text, spans, terms: [{query,
/// matched, kind, typos, via, relation}]}]`, the contract the README documents.
struct Matches<'r>(&'r [ClauseMatch<'r>]);

impl serde::Serialize for Matches<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut clauses = serializer.serialize_seq(Some(self.0.len()))?;
        for clause in self.0 {
            clauses.serialize_element(&ClauseJson(clause))?;
        }
        clauses.end()
    }
}

struct ClauseJson<'r>(&'r ClauseMatch<'r>);

impl serde::Serialize for ClauseJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let ClauseMatch { clause, text, spans, terms } = self.0;
        let mut map = serializer.serialize_map(Some(4))?;
        map.serialize_entry("clause", clause)?;
        map.serialize_entry("text", text)?;
        map.serialize_entry("spans", spans)?;
        map.serialize_entry("terms", &terms.iter().map(TermJson).collect::<Vec<_>>())?;
        map.end()
    }
}

struct TermJson<'r>(&'r TermMatch);

impl serde::Serialize for TermJson<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let TermMatch { query, matched, kind, typos, via, relation } = self.0;
        let mut map = serializer.serialize_map(Some(6))?;
        map.serialize_entry("query", query)?;
        map.serialize_entry("matched", matched)?;
        map.serialize_entry("kind", kind_name(*kind))?;
        map.serialize_entry("typos", typos)?;
        map.serialize_entry("via", via)?;
        map.serialize_entry("relation", relation)?;
        map.end()
    }
}

/// A match kind's name in records: exact, stem, abbreviation, prefix, concept or typo (a
/// derivation is reported as a stem).
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Exact => "exact",
        Kind::Stem | Kind::Derived => "stem",
        Kind::Abbreviation => "abbreviation",
        Kind::Prefix => "prefix",
        Kind::Concept { .. } => "concept",
        Kind::Typo => "typo",
    }
}

impl<'r> From<&'r str> for Value<'r> {
    fn from(text: &'r str) -> Self {
        Value::Text(Cow::Borrowed(text))
    }
}

impl<'r, T: std::ops::Deref<Target = str>> From<Option<&'r T>> for Value<'r> {
    fn from(text: Option<&'r T>) -> Self {
        text.map_or(Value::Missing, |text| Value::Text(Cow::Borrowed(&**text)))
    }
}

/// Anything the output formats can print.
pub trait Record {
    /// Every field, in the documented order.
    const FIELDS: &'static [Field];
    /// The value of the field named `name` (one of [`Record::FIELDS`]).
    fn value(&self, name: &str) -> Value<'_>;
    /// The agency the record belongs to, so tables can drop that column when all agree.
    fn agency(&self) -> &str;
    /// The duty the record is about, typed, for the layouts of tables that show duties.
    fn duty(&self) -> Option<DutyRef<'_>> {
        None
    }
    /// The search hit the record is, typed, for the table of hits.
    fn hit(&self) -> Option<&Hit<'_>> {
        None
    }
    /// The agency the record is of, typed, for documents' titles, language and sources.
    fn of_agency(&self) -> Option<&Agency<'_>> {
        self.duty().map(|(agency, _)| agency)
    }
}

/// A duty with its agency: `list`, `show`.
#[derive(Debug, Clone, Copy)]
pub struct DutyRecord<'d> {
    pub agency: &'d Agency<'d>,
    pub duty: &'d Duty<'d>,
}

impl Record for DutyRecord<'_> {
    const FIELDS: &'static [Field] = &[
        Field::both("agency", "Agency", "the agency's id"),
        Field::both("number", "No.", "the duty's number: 1, 2…"),
        Field::both("numeral", "Numeral", "its numeral as published: V, 七"),
        Field::both("title", "Title", "its short title"),
        Field::both("text", "Duty", "its full text"),
        Field::json_only("clauses", "Clauses", "its text split at semicolons, a list"),
    ];

    fn value(&self, name: &str) -> Value<'_> {
        self.field(name)
    }

    fn agency(&self) -> &str {
        &self.agency.id
    }

    fn duty(&self) -> Option<DutyRef<'_>> {
        Some((self.agency, self.duty))
    }
}

impl<'d> DutyRecord<'d> {
    /// A field's value, borrowed from the dataset rather than from the record.
    fn field(self, name: &str) -> Value<'d> {
        match name {
            "agency" => self.agency.id.as_str().into(),
            "number" => Value::Number(self.duty.number),
            "numeral" => Value::Text(self.agency.numeral_of_duty(self.duty)),
            "title" => self.duty.title.as_ref().into(),
            "text" => self.duty.text.as_str().into(),
            "clauses" => Value::List(self.duty.clauses().collect()),
            _ => Value::Missing,
        }
    }
}

/// An agency's contact details: `contact`.
#[derive(Debug, Clone, Copy)]
pub struct ContactRecord<'d> {
    pub agency: &'d Agency<'d>,
}

impl Record for ContactRecord<'_> {
    const FIELDS: &'static [Field] = &[
        Field::both("agency", "Agency", "the agency's id"),
        Field::both("name", "Name", "the agency's name"),
        Field::both("address", "Address", "its address"),
        Field::both("post_code", "Post code", "its post code"),
        Field::both("hotline", "Public supervision hotline", "its public supervision hotline"),
        Field::both("updated", "Updated", "the date its page was updated"),
        Field::both("url", "Source", "its published page's address"),
    ];

    fn value(&self, name: &str) -> Value<'_> {
        let contact = self.agency.contact.as_ref();
        match name {
            "agency" => self.agency.id.as_str().into(),
            "name" => self.agency.name.as_str().into(),
            "address" => contact.and_then(|c| c.address.as_ref()).into(),
            "post_code" => contact.and_then(|c| c.post_code.as_ref()).into(),
            "hotline" => contact.and_then(|c| c.hotline.as_ref()).into(),
            "updated" => self.agency.source.as_ref().and_then(|s| s.updated.as_ref()).into(),
            "url" => self.agency.source.as_ref().and_then(|s| s.url.as_ref()).into(),
            _ => Value::Missing,
        }
    }

    fn agency(&self) -> &str {
        &self.agency.id
    }

    fn of_agency(&self) -> Option<&Agency<'_>> {
        Some(self.agency)
    }
}

/// A search hit: the duty, its score, and the clauses that matched (`search`).
#[derive(Debug, Clone)]
pub struct HitRecord<'d> {
    pub hit: Hit<'d>,
}

impl Record for HitRecord<'_> {
    const FIELDS: &'static [Field] = &[
        Field::json_only("agency", "Agency", "the agency's id"),
        Field::json_only("number", "No.", "the duty's number: 1, 2…"),
        Field::both("numeral", "Numeral", "its numeral as published: V, 七"),
        Field::both("title", "Title", "its short title"),
        Field::json_only("text", "Duty", "its full text"),
        Field::json_only("clauses", "Clauses", "its text split at semicolons, a list"),
        Field::both("score", "Score", "the ranking score, higher is better"),
        Field::json_only("partial", "Partial", "true when not every query word matched"),
        Field::json_only("matches", "Matches", "the matching clauses, with spans and terms"),
        Field::text_only("clause", "Best clause", "the best matching clause"),
    ];

    fn value(&self, name: &str) -> Value<'_> {
        let hit = &self.hit;
        match name {
            "score" => Value::Score(hit.score),
            "partial" => Value::Flag(hit.partial),
            "matches" => Value::Matches(&hit.matches),
            "clause" => hit.matches.first().map_or(Value::Missing, |m| m.text.into()),
            _ => DutyRecord { agency: hit.agency, duty: hit.duty }.field(name),
        }
    }

    fn agency(&self) -> &str {
        &self.hit.agency.id
    }

    fn duty(&self) -> Option<DutyRef<'_>> {
        Some((self.hit.agency, self.hit.duty))
    }

    fn hit(&self) -> Option<&Hit<'_>> {
        Some(&self.hit)
    }
}

/// What `validate` found in one file.
#[derive(Debug, Clone)]
pub struct ValidationRecord {
    pub file: String,
    pub report: Report,
}

impl Record for ValidationRecord {
    const FIELDS: &'static [Field] = &[
        Field::both("file", "File", "the file's name"),
        Field::both("ok", "Valid", "true when the file is valid"),
        Field::both("agencies", "Agencies", "how many agencies it holds"),
        Field::both("duties", "Duties", "how many duties it holds"),
        Field::both("problems", "Problems", "what is wrong, each at a JSON pointer"),
    ];

    fn value(&self, name: &str) -> Value<'_> {
        match name {
            "file" => self.file.as_str().into(),
            "ok" => Value::Flag(self.report.problems.is_empty()),
            "agencies" => Value::Number(self.report.agencies as u64),
            "duties" => Value::Number(self.report.duties as u64),
            "problems" => Value::Problems(&self.report.problems),
            _ => Value::Missing,
        }
    }

    fn agency(&self) -> &'static str {
        ""
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    #[test]
    fn every_field_has_a_value_and_unique_name() {
        let dataset = Dataset::embedded().unwrap();
        let agency = &dataset.agencies[0];
        let duty = DutyRecord { agency, duty: &agency.functions[4] };
        for field in DutyRecord::FIELDS {
            assert_ne!(duty.value(field.name), Value::Missing, "{}", field.name);
        }
        assert_eq!(duty.value("numeral"), Value::Text("V".into()));
        let contact = ContactRecord { agency };
        for field in ContactRecord::FIELDS {
            assert_ne!(contact.value(field.name), Value::Missing, "{}", field.name);
        }
        assert_eq!(contact.value("post_code"), Value::Text("330038".into()));
        for fields in [DutyRecord::FIELDS, ContactRecord::FIELDS] {
            let mut names: Vec<&str> = fields.iter().map(|f| f.name).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), fields.len());
        }
    }
}
