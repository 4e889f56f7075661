//! The dataset file: its schema (version 1), the embedded Nanchang dataset, and the checks that
//! go beyond what the types can say (duplicate numbers, numerals that disagree, empty text).
//!
//! The same types read the embedded copy and any file a user loads, so they borrow strings from
//! the input wherever JSON allows it: a large file is read once and not copied again.

pub mod numeral;

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;

use serde::{Deserialize, Deserializer};

/// The only schema version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// The Nanchang bureau's main functions, transcribed from the published page.
pub const EMBEDDED_JSON: &str = include_str!("../../data/nanchang-stb.json");

/// A whole dataset file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dataset<'a> {
    pub schema_version: u64,
    #[serde(borrow)]
    pub agencies: Vec<Agency<'a>>,
}

/// One government body and its numbered duties.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Agency<'a> {
    /// Short stable identifier, used in `ID:N` duty references and in every record.
    #[serde(borrow)]
    pub id: Text<'a>,
    #[serde(borrow)]
    pub name: Text<'a>,
    #[serde(borrow, default)]
    pub source: Option<Source<'a>>,
    #[serde(borrow, default)]
    pub contact: Option<Contact<'a>>,
    /// Extra abbreviations for search, beyond the built-in table and those the text defines.
    #[serde(borrow, default)]
    pub abbreviations: Vec<Abbreviation<'a>>,
    #[serde(borrow)]
    pub functions: Vec<Duty<'a>>,
}

/// Where the agency's page was published and when it was last updated.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source<'a> {
    #[serde(borrow, default)]
    pub breadcrumb: Vec<Text<'a>>,
    #[serde(borrow, default)]
    pub updated: Option<Text<'a>>,
}

/// How the public reaches the agency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact<'a> {
    #[serde(borrow, default)]
    pub address: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub post_code: Option<Text<'a>>,
    #[serde(borrow, default)]
    pub hotline: Option<Text<'a>>,
}

/// A short form and what it stands for, such as IP and intellectual property.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation<'a> {
    #[serde(borrow)]
    pub short: Text<'a>,
    #[serde(borrow)]
    pub long: Text<'a>,
}

/// One numbered duty ("main function") of an agency.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Duty<'a> {
    pub number: u64,
    #[serde(borrow, default)]
    pub numeral: Option<Text<'a>>,
    /// An editorial heading; not part of the published source.
    #[serde(borrow, default)]
    pub title: Option<Text<'a>>,
    #[serde(borrow)]
    pub text: Text<'a>,
}

impl Duty<'_> {
    /// The duty's Roman numeral: the one the dataset gives, or one derived from its number.
    pub fn numeral(&self) -> Cow<'_, str> {
        match &self.numeral {
            Some(numeral) => Cow::Borrowed(numeral.as_str()),
            None => Cow::Owned(numeral::to_roman(self.number).unwrap_or_else(|| self.number.to_string())),
        }
    }

    /// The duty's clauses: its text split at semicolons, each trimmed, empty pieces dropped.
    pub fn clauses(&self) -> impl Iterator<Item = &str> {
        self.text.split(';').map(str::trim).filter(|clause| !clause.is_empty())
    }
}

/// A string from the dataset, borrowed from the input when it has no JSON escapes.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Text<'a>(pub Cow<'a, str>);

impl Text<'_> {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Text<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for Text<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl<'de> serde::de::Visitor<'de> for TextVisitor {
            type Value = Text<'de>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v.to_owned())))
            }
            fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
                Ok(Text(Cow::Owned(v)))
            }
        }
        deserializer.deserialize_str(TextVisitor)
    }
}

/// Something wrong with a dataset, located by a JSON pointer such as `/agencies/0/functions/2/number`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() { "/" } else { &self.pointer };
        write!(f, "{pointer}: {}", self.message)
    }
}

impl<'a> Dataset<'a> {
    /// Parses a dataset from JSON text; schema checks beyond the types are in [`Dataset::problems`].
    pub fn from_json(json: &'a str) -> serde_json::Result<Self> {
        serde_json::from_str(json)
    }

    /// The embedded Nanchang dataset.
    pub fn embedded() -> serde_json::Result<Dataset<'static>> {
        Dataset::from_json(EMBEDDED_JSON)
    }

    /// Every rule the types cannot enforce, each broken place reported once, in file order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut report = |pointer: String, message: String| problems.push(Problem { pointer, message });
        if self.schema_version != SCHEMA_VERSION {
            report(
                "/schema_version".into(),
                format!(
                    "schema_version is {}, but this ncstb reads version {SCHEMA_VERSION}",
                    self.schema_version
                ),
            );
        }
        let mut agency_ids = HashSet::new();
        for (a, agency) in self.agencies.iter().enumerate() {
            let at = format!("/agencies/{a}");
            if agency.id.trim().is_empty() {
                report(format!("{at}/id"), "agency id is empty".into());
            } else if agency.id.contains(|c: char| c == ':' || c == ',' || c.is_whitespace()) {
                report(
                    format!("{at}/id"),
                    format!("agency id {:?} may not contain ':', ',' or spaces", agency.id.as_str()),
                );
            } else if !agency_ids.insert(agency.id.as_str()) {
                report(format!("{at}/id"), format!("duplicate agency id {:?}", agency.id.as_str()));
            }
            if agency.name.trim().is_empty() {
                report(format!("{at}/name"), "agency name is empty".into());
            }
            for (i, abbreviation) in agency.abbreviations.iter().enumerate() {
                if abbreviation.short.trim().is_empty() || abbreviation.long.trim().is_empty() {
                    report(
                        format!("{at}/abbreviations/{i}"),
                        "abbreviation has an empty short or long form".into(),
                    );
                }
            }
            let mut numbers = HashSet::new();
            for (d, duty) in agency.functions.iter().enumerate() {
                let at = format!("{at}/functions/{d}");
                if duty.number == 0 {
                    report(format!("{at}/number"), "duty number must be 1 or more, not 0".into());
                } else if !numbers.insert(duty.number) {
                    report(
                        format!("{at}/number"),
                        format!("duplicate duty number {} in agency {:?}", duty.number, agency.id.as_str()),
                    );
                }
                if let Some(numeral) = &duty.numeral {
                    if numeral::parse_roman(numeral) != Some(duty.number) {
                        let expected = numeral::to_roman(duty.number).unwrap_or_else(|| "no numeral".into());
                        report(
                            format!("{at}/numeral"),
                            format!(
                                "numeral {:?} disagrees with number {} (expected {expected:?})",
                                numeral.as_str(),
                                duty.number
                            ),
                        );
                    }
                }
                if duty.text.trim().is_empty() {
                    report(format!("{at}/text"), "duty text is empty".into());
                }
                if duty.title.as_ref().is_some_and(|title| title.trim().is_empty()) {
                    report(format!("{at}/title"), "title is empty (leave it out instead)".into());
                }
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_dataset_loads_without_problems() {
        let dataset = Dataset::embedded().unwrap();
        assert_eq!(dataset.problems(), vec![]);
        assert_eq!(dataset.agencies.len(), 1);
        let agency = &dataset.agencies[0];
        assert_eq!(agency.functions.len(), 11);
        let numbers: Vec<u64> = agency.functions.iter().map(|d| d.number).collect();
        assert_eq!(numbers, (1..=11).collect::<Vec<_>>());
        for duty in &agency.functions {
            assert_eq!(duty.numeral(), numeral::to_roman(duty.number).unwrap());
            let title = duty.title.as_ref().expect("every embedded duty has a title");
            assert!(title.chars().count() <= 60, "title too long: {title}");
        }
    }

    #[test]
    fn strings_without_escapes_are_borrowed() {
        let dataset = Dataset::embedded().unwrap();
        assert!(matches!(dataset.agencies[0].functions[0].text.0, Cow::Borrowed(_)));
        let escaped = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A\u0041","functions":[]}]}"#;
        let dataset = Dataset::from_json(escaped).unwrap();
        assert_eq!(dataset.agencies[0].name.as_str(), "AA");
    }

    #[test]
    fn clauses_split_at_semicolons() {
        let dataset = Dataset::embedded().unwrap();
        let second = &dataset.agencies[0].functions[1];
        let clauses: Vec<&str> = second.clauses().collect();
        assert_eq!(clauses.len(), 3);
        assert_eq!(clauses[2], "guide the S&T system reform of department, county and district.");
    }

    #[test]
    fn derives_missing_numerals() {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[{"number":14,"text":"t"}]}]}"#;
        let dataset = Dataset::from_json(json).unwrap();
        assert_eq!(dataset.agencies[0].functions[0].numeral(), "XIV");
    }

    #[test]
    fn reports_every_semantic_problem_with_a_pointer() {
        let json = r#"{"schema_version":2,"agencies":[
            {"id":"a","name":"A","functions":[
                {"number":1,"numeral":"II","text":"x"},
                {"number":1,"text":" "},
                {"number":0,"text":"y"}]},
            {"id":"a","name":"","functions":[]}]}"#;
        let problems: Vec<String> =
            Dataset::from_json(json).unwrap().problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(
            problems,
            vec![
                "/schema_version: schema_version is 2, but this ncstb reads version 1",
                "/agencies/0/functions/0/numeral: numeral \"II\" disagrees with number 1 (expected \"I\")",
                "/agencies/0/functions/1/number: duplicate duty number 1 in agency \"a\"",
                "/agencies/0/functions/1/text: duty text is empty",
                "/agencies/0/functions/2/number: duty number must be 1 or more, not 0",
                "/agencies/1/id: duplicate agency id \"a\"",
                "/agencies/1/name: agency name is empty",
            ]
        );
    }
}
