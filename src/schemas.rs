//! The JSON Schemas of ncstb's output records, generated from these types (schemars) and
//! printed by `ncstb schema --output RECORD`; committed under `data/schemas/`.
//!
//! The records themselves are written field by field ([`crate::record`]); these types say
//! what each field holds, and a test checks that their fields are the records' own, in order.
//! `required` lists the fields of the default JSON records: `--fields` writes fewer. Fields may
//! be added in a later version, so the schemas allow properties they do not name.

use clap::ValueEnum;
use schemars::{JsonSchema, Schema};

use crate::record::{ContactRecord, DutyRecord, Field, HitRecord, Record, ValidationRecord};

/// The output records that have a schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputRecord {
    /// A duty, from `list` and `show`
    Duty,
    /// An agency's contact details, from `contact`
    Contact,
    /// A search hit, from `search`
    Hit,
    /// What `validate` found in a file
    Validation,
    /// A query's answer, a line of `search --batch`
    Batch,
}

impl OutputRecord {
    pub const ALL: [OutputRecord; 5] = [
        OutputRecord::Duty,
        OutputRecord::Contact,
        OutputRecord::Hit,
        OutputRecord::Validation,
        OutputRecord::Batch,
    ];

    /// The record's name, as `--output` takes it and its file under `data/schemas/` is named.
    pub fn name(self) -> &'static str {
        match self {
            OutputRecord::Duty => "duty",
            OutputRecord::Contact => "contact",
            OutputRecord::Hit => "hit",
            OutputRecord::Validation => "validation",
            OutputRecord::Batch => "batch",
        }
    }

    /// The record's JSON Schema (draft 2020-12).
    pub fn schema(self) -> serde_json::Value {
        let schema: Schema = match self {
            OutputRecord::Duty => schemars::schema_for!(Duty),
            OutputRecord::Contact => schemars::schema_for!(Contact),
            OutputRecord::Hit => schemars::schema_for!(Hit),
            OutputRecord::Validation => schemars::schema_for!(Validation),
            OutputRecord::Batch => schemars::schema_for!(BatchAnswer),
        };
        let mut schema = schema.to_value();
        // What is always written: a record's default JSON fields (absent values are null),
        // every field of the parts of a hit and a problem, and a batch answer's own three.
        let required = match self {
            OutputRecord::Duty => json_fields(DutyRecord::FIELDS),
            OutputRecord::Contact => json_fields(ContactRecord::FIELDS),
            OutputRecord::Hit => json_fields(HitRecord::FIELDS),
            OutputRecord::Validation => json_fields(ValidationRecord::FIELDS),
            OutputRecord::Batch => vec!["query", "line", "hits"],
        };
        require(&mut schema, &required);
        if let Some(hit) = schema.pointer_mut("/$defs/Hit") {
            require(hit, &json_fields(HitRecord::FIELDS));
        }
        for part in ["ClauseMatch", "TermMatch", "Problem"] {
            if let Some(part) = schema.pointer_mut(&format!("/$defs/{part}")) {
                let all: Vec<String> =
                    part["properties"].as_object().into_iter().flat_map(|p| p.keys().cloned()).collect();
                require(part, &all.iter().map(String::as_str).collect::<Vec<_>>());
            }
        }
        schema
    }
}

/// The fields a record's JSON holds by default.
fn json_fields(fields: &[Field]) -> Vec<&'static str> {
    fields.iter().filter(|field| field.in_json).map(|field| field.name).collect()
}

fn require(schema: &mut serde_json::Value, fields: &[&str]) {
    if let Some(schema) = schema.as_object_mut() {
        schema.insert("required".into(), fields.iter().copied().collect());
    }
}

/// A duty with its agency: a record of `ncstb list` and `ncstb show`.
#[derive(JsonSchema)]
#[schemars(title = "ncstb duty")]
#[allow(dead_code)]
pub struct Duty {
    /// The agency's id.
    pub agency: String,
    /// The duty's number: 1, 2…
    #[schemars(range(min = 1))]
    pub number: u64,
    /// Its numeral as published (V, 七), or derived from the number.
    pub numeral: String,
    /// Its short title, when the dataset gives one.
    pub title: Option<String>,
    /// Its full text.
    pub text: String,
    /// Its text split at semicolons (and after Chinese full stops), each piece trimmed.
    pub clauses: Vec<String>,
}

/// An agency's contact details: a record of `ncstb contact`.
#[derive(JsonSchema)]
#[schemars(title = "ncstb contact")]
#[allow(dead_code)]
pub struct Contact {
    /// The agency's id.
    pub agency: String,
    /// The agency's name.
    pub name: String,
    /// Its street address.
    pub address: Option<String>,
    /// Its post code.
    pub post_code: Option<String>,
    /// Its public supervision hotline.
    pub hotline: Option<String>,
    /// The date its page was last updated, as YYYY-MM-DD.
    pub updated: Option<String>,
    /// Its published page's address.
    pub url: Option<String>,
}

/// A search hit: a record of `ncstb search`.
#[derive(JsonSchema)]
#[schemars(title = "ncstb search hit")]
#[allow(dead_code)]
pub struct Hit {
    /// The duty's fields, first.
    #[serde(flatten)]
    pub duty: Duty,
    /// The ranking score: higher is better, and hits come best first.
    pub score: f64,
    /// True when not every word of the query matched.
    pub partial: bool,
    /// The matching clauses, best first.
    pub matches: Vec<ClauseMatch>,
    /// The best matching clause's text (only with `--fields clause`).
    pub clause: Option<String>,
}

/// A clause of a hit and the query's words it holds.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct ClauseMatch {
    /// The clause's number in the duty, from 1.
    #[schemars(range(min = 1))]
    pub clause: u64,
    /// The clause's text.
    pub text: String,
    /// Where the matched words stand in the text: [start, end) in characters, not bytes.
    pub spans: Vec<[u64; 2]>,
    /// The query's words or phrases and what each matched.
    pub terms: Vec<TermMatch>,
}

/// A word or phrase of the query and what it matched in the clause.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct TermMatch {
    /// The query's word or phrase.
    pub query: String,
    /// The text it matched.
    pub matched: String,
    /// How it matched.
    pub kind: MatchKind,
    /// The typos corrected, 0 for none.
    pub typos: u64,
    /// For a concept match: the preferred term of the concept whose term matched.
    pub via: Option<String>,
    /// For a concept match: how that concept relates to the one the query named.
    pub relation: Option<crate::search::Relation>,
}

/// How a query word matched: the names `record::kind_name` gives (a test checks them).
#[derive(JsonSchema)]
#[serde(rename_all = "lowercase")]
#[allow(dead_code)]
pub enum MatchKind {
    Exact,
    Stem,
    Abbreviation,
    Prefix,
    Concept,
    Typo,
}

/// What `ncstb validate` found in one file.
#[derive(JsonSchema)]
#[schemars(title = "ncstb validation report")]
#[allow(dead_code)]
pub struct Validation {
    /// The file as named (`<stdin>` for `-`).
    pub file: String,
    /// True when the file is a valid dataset.
    pub ok: bool,
    /// How many agencies it holds.
    pub agencies: u64,
    /// How many duties it holds.
    pub duties: u64,
    /// What is wrong, in file order.
    pub problems: Vec<Problem>,
}

/// A problem in a dataset file.
#[derive(JsonSchema)]
#[allow(dead_code)]
pub struct Problem {
    /// Where: a JSON pointer into the file ("" for the whole file).
    pub pointer: String,
    /// What is wrong, and what would be valid.
    pub message: String,
}

/// One query's answer: a line of `ncstb search --batch`, or an element of its JSON array.
#[derive(JsonSchema)]
#[schemars(title = "ncstb batch answer")]
#[allow(dead_code)]
pub struct BatchAnswer {
    /// The query, as read (spaces around it trimmed).
    pub query: String,
    /// Its line in the input, from 1.
    #[schemars(range(min = 1))]
    pub line: u64,
    /// Its hits, best first, as `ncstb search` writes them; empty when none or when it failed.
    pub hits: Vec<Hit>,
    /// Why the query could not run; absent when it ran.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::{Kind, Relation};

    /// The schemas name the records' own fields: a field added to a record and not to its
    /// schema (or the other way round) fails here.
    #[test]
    fn the_schemas_have_the_records_fields() {
        let names = |fields: &[Field]| -> Vec<String> {
            let mut names: Vec<String> = fields.iter().map(|f| f.name.to_string()).collect();
            names.sort();
            names
        };
        for (record, fields) in [
            (OutputRecord::Duty, DutyRecord::FIELDS),
            (OutputRecord::Contact, ContactRecord::FIELDS),
            (OutputRecord::Hit, HitRecord::FIELDS),
            (OutputRecord::Validation, ValidationRecord::FIELDS),
        ] {
            let schema = record.schema();
            let mut properties: Vec<String> =
                schema["properties"].as_object().unwrap().keys().cloned().collect();
            properties.sort();
            assert_eq!(properties, names(fields), "{}", record.name());
        }
        // A match's kinds are the names records give them.
        let kinds = [
            Kind::Exact,
            Kind::Stem,
            Kind::Derived,
            Kind::Abbreviation,
            Kind::Prefix,
            Kind::Concept { relation: Relation::Related, preferred_term: false },
            Kind::Typo,
        ];
        let mut named: Vec<&str> = kinds.into_iter().map(crate::record::kind_name).collect();
        named.dedup();
        let hit = OutputRecord::Hit.schema();
        assert_eq!(hit["$defs"]["MatchKind"]["enum"], serde_json::json!(named));
        let batch = OutputRecord::Batch.schema();
        assert_eq!(batch["required"], serde_json::json!(["query", "line", "hits"]));
    }
}
