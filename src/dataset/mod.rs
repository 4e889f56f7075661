//! The dataset file: its schema (version 1), the embedded Nanchang dataset, and the checks that
//! go beyond what the types can say (duplicate numbers, numerals that disagree, empty text).
//!
//! The same types read the embedded copy and any file a user loads, so they borrow strings from
//! the input wherever JSON allows it: a large file is read once and not copied again.

mod check;
mod halves;
pub mod load;
pub mod numeral;
pub mod validate;

use std::borrow::Cow;
use std::fmt;
use std::ops::Deref;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Deserializer};

use check::check_agencies;
pub use check::{
    agency_id_flaw, check_agency, check_ids, check_version, is_date, is_language_tag, is_web_address,
    sort_in_document_order,
};

/// The only schema version this build reads.
pub const SCHEMA_VERSION: u64 = 1;

/// The Nanchang bureau's main functions, transcribed from the published page.
pub const EMBEDDED_JSON: &str = include_str!("../../data/nanchang-stb.json");

/// A dataset of government agencies and their numbered duties ("main functions"), read by ncstb.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "ncstb dataset")]
pub struct Dataset<'a> {
    /// The version of this file format: 1.
    #[schemars(extend("const" = 1))]
    pub schema_version: u64,
    /// The agencies, each with its duties.
    #[serde(borrow)]
    pub agencies: Vec<Agency<'a>>,
}

/// A duty with the agency that holds it: what duty ids resolve to, what search scans and ranks,
/// and what records print.
pub type DutyRef<'d> = (&'d Agency<'d>, &'d Duty<'d>);

/// The agency of `agencies` with this id: the one lookup by id.
pub fn agency_by_id<'d>(agencies: &'d [Agency<'d>], id: &str) -> Option<&'d Agency<'d>> {
    agencies.iter().find(|agency| agency.id.as_str() == id)
}

/// One government body and its numbered duties.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Agency<'a> {
    /// Short stable identifier for `ID:N` duty references and records; no spaces, colons or commas.
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub id: Text<'a>,
    /// The agency's name.
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub name: Text<'a>,
    /// The language of the agency's texts, as a BCP 47 tag: "en", "zh", "zh-Hans". Search reads
    /// Chinese text by its script with or without it.
    #[serde(borrow, default)]
    pub lang: Option<Text<'a>>,
    /// Where the duties were published.
    #[serde(borrow, default)]
    pub source: Option<Source<'a>>,
    /// How the public reaches the agency.
    #[serde(borrow, default)]
    pub contact: Option<Contact<'a>>,
    /// Extra abbreviations for search, beyond the built-in table and those the text defines.
    #[serde(borrow, default)]
    pub abbreviations: Vec<Abbreviation<'a>>,
    /// Extra concepts for search, beyond the built-in thesaurus of government functions.
    #[serde(borrow, default)]
    pub concepts: Vec<ConceptEntry<'a>>,
    /// The agency's duties, each with a number unique within the agency.
    #[serde(borrow)]
    pub functions: Vec<Duty<'a>>,
}

impl Agency<'_> {
    /// True when the agency numbers its duties in Chinese (一, 二…): its first duty's numeral is
    /// Chinese, or, without one, its language is. Constant time: it runs for every record.
    pub fn writes_chinese_numerals(&self) -> bool {
        match self.functions.first().and_then(|duty| duty.numeral.as_ref()) {
            Some(numeral) => !numeral.is_ascii(),
            None => self.lang.as_ref().is_some_and(|lang| lang.to_ascii_lowercase().starts_with("zh")),
        }
    }

    /// A duty's numeral: the one the dataset gives, or one derived from its number in the
    /// agency's system.
    pub fn numeral_of_duty<'d>(&self, duty: &'d Duty<'_>) -> Cow<'d, str> {
        match &duty.numeral {
            Some(numeral) => Cow::Borrowed(numeral.as_str()),
            None => Cow::Owned(self.numeral_of(duty.number)),
        }
    }

    /// The numeral of `number` in the agency's system; the number itself past what numerals write.
    pub fn numeral_of(&self, number: u64) -> String {
        let numeral = if self.writes_chinese_numerals() {
            numeral::to_chinese(number)
        } else {
            numeral::to_roman(number)
        };
        numeral.unwrap_or_else(|| number.to_string())
    }
}

/// Where the agency's page was published and when it was last updated.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source<'a> {
    /// The page's position on its site, from the home page down.
    #[serde(borrow, default)]
    pub breadcrumb: Vec<Text<'a>>,
    /// The date the page was last updated, as YYYY-MM-DD.
    #[serde(borrow, default)]
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub updated: Option<Text<'a>>,
    /// The page's address on the web (http or https).
    #[serde(borrow, default)]
    pub url: Option<Text<'a>>,
}

/// How the public reaches the agency.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contact<'a> {
    /// Street address.
    #[serde(borrow, default)]
    pub address: Option<Text<'a>>,
    /// Post code.
    #[serde(borrow, default)]
    pub post_code: Option<Text<'a>>,
    /// Public supervision hotline.
    #[serde(borrow, default)]
    pub hotline: Option<Text<'a>>,
}

/// A short form and what it stands for, such as IP and intellectual property.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Abbreviation<'a> {
    /// The short form, such as "IP".
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub short: Text<'a>,
    /// What it stands for, such as "intellectual property".
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub long: Text<'a>,
}

/// A concept for search: a query that names any of its terms also finds the others, and more
/// weakly the terms of its broader, narrower and related concepts.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ConceptEntry<'a> {
    /// The term the documents use, such as "intellectual property".
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub preferred: Text<'a>,
    /// Other words for the same thing, such as "patents" and "trademarks".
    #[serde(borrow, default)]
    pub synonyms: Vec<Text<'a>>,
    /// Terms of broader concepts.
    #[serde(borrow, default)]
    pub broader: Vec<Text<'a>>,
    /// Terms of narrower concepts.
    #[serde(borrow, default)]
    pub narrower: Vec<Text<'a>>,
    /// Terms of related concepts.
    #[serde(borrow, default)]
    pub related: Vec<Text<'a>>,
}

/// One numbered duty ("main function") of an agency.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duty<'a> {
    /// The duty's number, 1 or more, unique within the agency.
    #[schemars(range(min = 1))]
    pub number: u64,
    /// The duty's numeral, Roman ("VII") or Chinese ("七"); derived from the number when left out.
    #[serde(borrow, default)]
    pub numeral: Option<Text<'a>>,
    /// A short editorial heading; not part of the published source.
    #[serde(borrow, default)]
    pub title: Option<Text<'a>>,
    /// The duty's text as published.
    #[serde(borrow)]
    #[schemars(length(min = 1))]
    pub text: Text<'a>,
}

impl Duty<'_> {
    /// The duty's clauses: its text split at semicolons (";" and "；") and after each Chinese
    /// full stop ("。", which stays with its sentence), each trimmed, empty pieces dropped.
    pub fn clauses(&self) -> impl Iterator<Item = &str> {
        clause_pieces(&self.text).map(str::trim).filter(|clause| !clause.is_empty())
    }
}

/// A text's pieces between semicolons (";", "；") and after full stops ("。"), untrimmed and
/// empty ones included: [`Duty::clauses`] before it trims them.
pub fn clause_pieces(text: &str) -> impl Iterator<Item = &str> {
    Clauses { rest: text }
}

/// The iterator of [`clause_pieces`], finding the marks by their bytes: the scan of a large
/// dataset splits every duty.
struct Clauses<'t> {
    rest: &'t str,
}

impl<'t> Iterator for Clauses<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        if self.rest.is_empty() {
            return None;
        }
        let bytes = self.rest.as_bytes();
        // The piece's end and where the next begins: "；" is EF BC 9B, "。" is E3 80 82.
        let mut from = 0;
        let (end, next) = loop {
            let Some(at) = memchr::memchr3(b';', 0xef, 0xe3, &bytes[from..]).map(|i| from + i) else {
                break (bytes.len(), bytes.len());
            };
            match &bytes[at..] {
                [b';', ..] => break (at, at + 1),
                [0xef, 0xbc, 0x9b, ..] => break (at, at + 3),
                [0xe3, 0x80, 0x82, ..] => break (at + 3, at + 3),
                _ => from = at + 1,
            }
        };
        let piece = &self.rest[..end];
        self.rest = &self.rest[next..];
        Some(piece)
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

impl<'a> From<&'a str> for Text<'a> {
    fn from(text: &'a str) -> Self {
        Text(Cow::Borrowed(text))
    }
}

impl Deref for Text<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0
    }
}

impl JsonSchema for Text<'_> {
    fn inline_schema() -> bool {
        true
    }

    fn schema_name() -> Cow<'static, str> {
        "String".into()
    }

    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string" })
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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Problem {
    pub pointer: String,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // A problem of the whole file has no pointer: "" is the document, and "/" would be a key.
        if self.pointer.is_empty() {
            return write!(f, "{}", self.message);
        }
        write!(f, "{}: {}", self.pointer, self.message)
    }
}

/// The JSON Schema (draft 2020-12) of the dataset file, generated from these types.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(Dataset<'static>).to_value()
}

impl<'a> Dataset<'a> {
    /// Parses a dataset from JSON text; schema checks beyond the types are in [`Dataset::problems`].
    /// A large file's agencies (4 to 128 MB) are parsed on two threads, half each.
    pub fn from_json(json: &'a str) -> serde_json::Result<Self> {
        let halves = (MIN_BYTES_FOR_TWO_THREADS..=MAX_BYTES_FOR_TWO_THREADS).contains(&json.len());
        let mut dataset = match halves.then(|| halves::parse(json)).flatten() {
            Some(dataset) => dataset,
            None => serde_json::from_str(json)?,
        };
        // Lists are read into room that grows by doubling: the room they did not use goes
        // back, for the search's index.
        dataset.agencies.shrink_to_fit();
        for agency in &mut dataset.agencies {
            agency.functions.shrink_to_fit();
        }
        Ok(dataset)
    }

    /// Every duty with its agency, in file order.
    pub fn duties(&self) -> Vec<DutyRef<'_>> {
        self.agencies
            .iter()
            .flat_map(|agency| agency.functions.iter().map(move |duty| (agency, duty)))
            .collect()
    }

    /// The embedded Nanchang dataset.
    pub fn embedded() -> serde_json::Result<Dataset<'static>> {
        Dataset::from_json(EMBEDDED_JSON)
    }

    /// Every rule the types cannot enforce, each broken place reported once, in file order.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = check_version(self.schema_version);
        problems.extend(check_ids(self.agencies.iter().map(|agency| agency.id.as_str()).enumerate()));
        problems.extend(check_agencies(&self.agencies));
        sort_in_document_order(&mut problems);
        problems
    }
}

/// A dataset file of at least this many bytes is parsed on two threads...
const MIN_BYTES_FOR_TWO_THREADS: usize = 4 << 20;
/// ...up to this many: past it, the second thread's allocator arena costs more memory (some 30 to
/// 75 MB at 400 MB) than the time it saves is worth.
const MAX_BYTES_FOR_TWO_THREADS: usize = 128 << 20;

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
            assert_eq!(agency.numeral_of_duty(duty), numeral::to_roman(duty.number).unwrap());
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
    fn a_large_file_parses_on_two_threads_as_strictly_as_on_one() {
        let agency = |i: usize, extra: &str| {
            format!(
                r#"{{"id":"a{i}","name":"Agency {i}"{extra},"functions":[{{"number":1,"text":"Promote S&T talent in district {i}; guide the work."}}]}}"#
            )
        };
        let file = |extra_at: usize, extra: &str, top: &str| {
            let agencies: Vec<String> =
                (0..40_000).map(|i| agency(i, if i == extra_at { extra } else { "" })).collect();
            format!(r#"{{"schema_version":1{top},"agencies":[{}]}}"#, agencies.join(","))
        };
        let json = file(usize::MAX, "", "");
        assert!(json.len() >= MIN_BYTES_FOR_TWO_THREADS);
        let dataset = Dataset::from_json(&json).unwrap();
        let one_thread: Dataset = serde_json::from_str(&json).unwrap();
        assert_eq!(dataset.agencies.len(), one_thread.agencies.len());
        assert_eq!(dataset.agencies[39_999].name.as_str(), "Agency 39999");
        assert!(matches!(dataset.agencies[0].functions[0].text.0, Cow::Borrowed(_)));
        // An unknown field in either half, or at the top, fails as it does on one thread.
        assert!(Dataset::from_json(&file(30_000, r#","titel":"x""#, "")).is_err());
        assert!(Dataset::from_json(&file(3, r#","lang":7"#, "")).is_err());
        assert!(Dataset::from_json(&file(usize::MAX, "", r#","extra":1"#)).is_err());
    }

    #[test]
    fn dates_tags_and_addresses() {
        for good in ["2009-11-27", "2024-02-29", "2000-02-29", "1999-12-31"] {
            assert!(is_date(good), "{good}");
        }
        for bad in [
            "2009-11-31",
            "2023-02-29",
            "1900-02-29",
            "2009-13-01",
            "2009-1-27",
            "2009/11/27",
            "",
            "2009-11-270",
        ] {
            assert!(!is_date(bad), "{bad}");
        }
        assert!(is_language_tag("zh-Hans") && is_language_tag("en") && !is_language_tag("chinese"));
        assert!(!is_language_tag("") && !is_language_tag("zh-") && !is_language_tag("z"));
        assert!(is_web_address("http://english.nc.gov.cn/english/a.shtml"));
        assert!(
            !is_web_address("javascript:alert(1)")
                && !is_web_address("https://")
                && !is_web_address("https://a b")
        );
    }

    #[test]
    fn chinese_clauses_split_at_full_width_semicolons_and_full_stops() {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"甲","functions":[
            {"number":1,"text":"负责科技人才工作；组织实施科技计划。指导科技成果转化;推进创新。"}]}]}"#;
        let dataset = Dataset::from_json(json).unwrap();
        let clauses: Vec<&str> = dataset.agencies[0].functions[0].clauses().collect();
        assert_eq!(clauses, ["负责科技人才工作", "组织实施科技计划。", "指导科技成果转化", "推进创新。"]);
    }

    #[test]
    fn derives_missing_numerals() {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[{"number":14,"text":"t"}]}]}"#;
        let dataset = Dataset::from_json(json).unwrap();
        let agency = &dataset.agencies[0];
        assert_eq!(agency.numeral_of_duty(&agency.functions[0]), "XIV");
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"甲","lang":"zh","functions":[{"number":14,"text":"t"}]}]}"#;
        let dataset = Dataset::from_json(json).unwrap();
        let agency = &dataset.agencies[0];
        assert_eq!(agency.numeral_of_duty(&agency.functions[0]), "十四");
    }

    #[test]
    fn reports_every_semantic_problem_with_a_pointer() {
        let json = r#"{"schema_version":2,"agencies":[
            {"id":"a","name":"A","functions":[
                {"number":1,"numeral":"II","text":"x"},
                {"number":1,"text":" "},
                {"number":0,"text":"y"}]},
            {"id":"a","name":"","functions":[]}]}"#;
        let problems: Vec<String> = Dataset::from_json(json)
            .unwrap()
            .problems()
            .iter()
            .map(std::string::ToString::to_string)
            .collect();
        assert_eq!(
            problems,
            vec![
                "/agencies/0/functions/0/numeral: numeral \"II\" disagrees with number 1 (expected \"I\")",
                "/agencies/0/functions/1/number: duplicate duty number 1 in agency \"a\"",
                "/agencies/0/functions/1/text: duty text is empty",
                "/agencies/0/functions/2/number: duty number must be 1 or more, not 0",
                "/agencies/1/id: duplicate agency id \"a\"",
                "/agencies/1/name: agency name is empty",
                "/schema_version: schema_version is 2, but this ncstb reads version 1",
            ]
        );
    }
}
