//! Validation that finds every problem in a dataset file, not just the first: JSON syntax with
//! line and column, then the file's structure checked against the JSON Schema generated from
//! the Rust types (so the two cannot drift apart), then the rules beyond the types.
//!
//! Loading takes a fast path (a typed, borrowing parse); this slow path runs for `validate` and
//! to explain a file that the fast path rejected.

use serde::Deserialize;
use serde_json::Value;

use super::{
    Agency, Dataset, Problem, check_agency, check_ids, check_version, json_schema, sort_in_document_order,
};
use crate::wording::{did_you_mean, one_of};

/// What validating one file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub agencies: usize,
    pub duties: usize,
    /// Ordered by pointer (array items in order, an object's fields alphabetically); empty when
    /// the file is valid.
    pub problems: Vec<Problem>,
}

/// `serde_json`'s message with its column counted in characters, not bytes, as editors count.
pub fn json_error(err: &serde_json::Error, text: &str) -> String {
    let message = err.to_string();
    let suffix = format!(" at line {} column {}", err.line(), err.column());
    let Some(message) = message.strip_suffix(&suffix) else { return message };
    let line = text.lines().nth(err.line().saturating_sub(1)).unwrap_or("");
    let mut bytes = err.column().min(line.len());
    while !line.is_char_boundary(bytes) {
        bytes -= 1;
    }
    let column = line[..bytes].chars().count() + usize::from(bytes < err.column());
    format!("{message} at line {} column {column}", err.line())
}

/// Checks a dataset's text completely.
pub fn validate(text: &str) -> Report {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut report = Report { agencies: 0, duties: 0, problems: Vec::new() };
    if text.starts_with('\u{feff}') {
        report.problems.push(problem(
            "",
            "the file starts with two byte order marks (U+FEFF): remove the second, before the opening {",
        ));
        return report;
    }
    if text.trim().is_empty() {
        report
            .problems
            .push(problem("", "the file is empty: a dataset is a JSON object (see `ncstb schema`)"));
        return report;
    }
    // A sound file is read as the typed dataset, borrowing its strings: no tree of the whole
    // document, which would take several times the file's size. Only a file with problems is
    // walked as a tree, to find every problem and where it stands.
    if let Ok(dataset) = Dataset::from_json(text)
        && dataset.problems().is_empty()
    {
        report.agencies = dataset.agencies.len();
        report.duties = dataset.agencies.iter().map(|agency| agency.functions.len()).sum();
        return report;
    }
    let document: Value = match serde_json::from_str(text) {
        Ok(document) => document,
        Err(err) => {
            report.problems.push(problem("", &format!("invalid JSON: {}", json_error(&err, text))));
            return report;
        }
    };
    let schema = json_schema();
    let mut problems = Vec::new();
    Walk { root: &schema, problems: &mut problems }.check(&document, &schema, &mut String::new());

    // The rules beyond the types: ids and version wherever they can be read, the rest for every
    // agency whose structure is sound.
    let agencies = document.get("agencies").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    let mut semantic =
        document.get("schema_version").and_then(Value::as_u64).map(check_version).unwrap_or_default();
    semantic.extend(check_ids(
        agencies.iter().enumerate().filter_map(|(a, agency)| Some((a, agency.get("id")?.as_str()?))),
    ));
    for (a, value) in agencies.iter().enumerate() {
        if problems.iter().any(|p| within(&p.pointer, &format!("/agencies/{a}"))) {
            continue;
        }
        if let Ok(agency) = Agency::deserialize(value) {
            semantic.extend(check_agency(a, &agency));
        }
    }
    // A rule and the schema may both object to one place: say it once, in the rule's words.
    problems.retain(|p| !semantic.iter().any(|s| s.pointer == p.pointer));
    semantic.append(&mut problems);
    sort_in_document_order(&mut semantic);

    report.agencies = agencies.len();
    report.duties = agencies
        .iter()
        .filter_map(|agency| agency.get("functions").and_then(Value::as_array))
        .map(Vec::len)
        .sum();
    // What the schema cannot say (a key written twice, say) still stops the typed reader.
    if semantic.is_empty()
        && let Err(err) = Dataset::from_json(text)
    {
        semantic.push(problem("", &json_error(&err, text)));
    }
    report.problems = semantic;
    report
}

fn problem(pointer: &str, message: &str) -> Problem {
    Problem { pointer: pointer.to_string(), message: message.to_string() }
}

/// True when `pointer` is `prefix` or lies beneath it.
fn within(pointer: &str, prefix: &str) -> bool {
    pointer.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// A JSON pointer segment, escaped as RFC 6901 asks.
fn escape_segment(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

/// A walk of a document against the subset of JSON Schema that schemars generates for our
/// types: `$ref`, `anyOf`, `type`, `properties`, `required`, `additionalProperties: false`,
/// `items`, `minLength`, `minimum` and `const`.
struct Walk<'s, 'p> {
    root: &'s Value,
    problems: &'p mut Vec<Problem>,
}

impl<'s> Walk<'s, '_> {
    fn report(&mut self, pointer: &str, message: String) {
        self.problems.push(Problem { pointer: pointer.to_string(), message });
    }

    /// The schema a `$ref` points to, or the schema itself.
    fn resolve<'v>(&self, schema: &'v Value) -> &'v Value
    where
        's: 'v,
    {
        match schema.get("$ref").and_then(Value::as_str).and_then(|r| r.strip_prefix('#')) {
            Some(path) => self.root.pointer(path).unwrap_or(schema),
            None => schema,
        }
    }

    fn check(&mut self, value: &Value, schema: &Value, pointer: &mut String) {
        let schema = self.resolve(schema);
        if let Some(options) = schema.get("anyOf").and_then(Value::as_array) {
            // Our only unions are "this or null": null passes, anything else is checked against
            // the first option that is not null.
            if value.is_null() && options.iter().any(|o| o.get("type") == Some(&Value::from("null"))) {
                return;
            }
            if let Some(option) = options.iter().find(|o| o.get("type") != Some(&Value::from("null"))) {
                self.check(value, option, pointer);
            }
            return;
        }
        if let Some(expected) = schema.get("const") {
            if value != expected {
                self.report(pointer, format!("must be {expected}, found {}", describe(value)));
            }
            return;
        }
        if let Some(types) = schema.get("type") {
            let allowed: Vec<&str> = match types {
                Value::String(one) => vec![one.as_str()],
                Value::Array(many) => many.iter().filter_map(Value::as_str).collect(),
                _ => Vec::new(),
            };
            if !allowed.iter().any(|t| has_type(value, t)) {
                let wanted: Vec<String> =
                    allowed.iter().filter(|t| **t != "null").map(|t| article(t)).collect();
                let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
                self.report(pointer, format!("expected {}, found {}", one_of(&wanted), describe(value)));
                return;
            }
        }
        match value {
            Value::Object(fields) => self.check_object(fields, schema, pointer),
            Value::Array(items) => {
                if let Some(item_schema) = schema.get("items") {
                    for (i, item) in items.iter().enumerate() {
                        let length = pointer.len();
                        pointer.push_str(&format!("/{i}"));
                        self.check(item, item_schema, pointer);
                        pointer.truncate(length);
                    }
                }
            }
            Value::String(text) => {
                let min = schema.get("minLength").and_then(Value::as_u64).unwrap_or(0);
                if (text.trim().chars().count() as u64) < min {
                    self.report(pointer, "must not be empty".into());
                }
            }
            Value::Number(number) => {
                if let (Some(min), Some(n)) = (schema.get("minimum").and_then(Value::as_f64), number.as_f64())
                    && n < min
                {
                    self.report(pointer, format!("must be {min} or more, found {number}"));
                }
            }
            _ => {}
        }
    }

    fn check_object(
        &mut self,
        fields: &serde_json::Map<String, Value>,
        schema: &Value,
        pointer: &mut String,
    ) {
        let properties = schema.get("properties").and_then(Value::as_object);
        let known: Vec<&str> = properties.map(|p| p.keys().map(String::as_str).collect()).unwrap_or_default();
        for required in schema.get("required").and_then(Value::as_array).into_iter().flatten() {
            if let Some(name) = required.as_str().filter(|name| !fields.contains_key(*name)) {
                self.report(
                    &format!("{pointer}/{}", escape_segment(name)),
                    "required field is missing".into(),
                );
            }
        }
        for (name, value) in fields {
            let length = pointer.len();
            pointer.push('/');
            pointer.push_str(&escape_segment(name));
            match properties.and_then(|p| p.get(name)) {
                Some(field_schema) => self.check(value, field_schema, pointer),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    let hint = did_you_mean(name, known.iter().copied())
                        .map(|near| format!(" (did you mean {near}?)"))
                        .unwrap_or_default();
                    let message = format!("unknown field {name:?}{hint}: fields here are {}", one_of(&known));
                    self.report(pointer, message);
                }
                None => {}
            }
            pointer.truncate(length);
        }
    }
}

fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.is_u64() || value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => true,
    }
}

fn article(type_name: &str) -> String {
    match type_name {
        "object" | "array" | "integer" => format!("an {type_name}"),
        other => format!("a {other}"),
    }
}

/// A value as a message names it: its type, and a short glimpse of scalars.
fn describe(value: &Value) -> String {
    const GLIMPSE_CHARS: usize = 40;
    match value {
        Value::Null => "null".into(),
        Value::Bool(b) => format!("{b}"),
        Value::Number(n) if n.is_f64() => format!("the number {n}"),
        Value::Number(n) => format!("{n}"),
        Value::String(s) if s.chars().count() > GLIMPSE_CHARS => {
            format!("a string ({:?}…)", s.chars().take(GLIMPSE_CHARS).collect::<String>())
        }
        Value::String(s) => format!("a string ({s:?})"),
        Value::Array(_) => "an array".into(),
        Value::Object(_) => "an object".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems(json: &str) -> Vec<String> {
        validate(json).problems.iter().map(Problem::to_string).collect()
    }

    #[test]
    fn the_embedded_dataset_is_valid() {
        let report = validate(super::super::EMBEDDED_JSON);
        assert_eq!(report, Report { agencies: 1, duties: 11, problems: vec![] });
    }

    #[test]
    fn reports_every_structural_problem_with_a_pointer() {
        let json = r#"{"schema_version": 2, "agencies": [
            {"id": "a", "name": "A", "functions": [
                {"number": 1, "titel": "x", "text": "t"},
                {"number": "2", "text": ""},
                {"number": 3},
                {"number": -4, "text": "t"},
                {"number": 1e30, "text": "t"}]},
            {"id": "a", "name": "B", "functions": [{"number": 1, "text": "t"}, {"number": 1, "text": "u"}]}],
            "extra": true}"#;
        assert_eq!(
            problems(json),
            [
                "/agencies/0/functions/0/titel: unknown field \"titel\" (did you mean title?): fields here are \
                 number, numeral, text or title",
                "/agencies/0/functions/1/number: expected an integer, found a string (\"2\")",
                "/agencies/0/functions/1/text: must not be empty",
                "/agencies/0/functions/2/text: required field is missing",
                "/agencies/0/functions/3/number: must be 1 or more, found -4",
                "/agencies/0/functions/4/number: expected an integer, found the number 1e+30",
                "/agencies/1/functions/1/number: duplicate duty number 1 in agency \"a\"",
                "/agencies/1/id: duplicate agency id \"a\"",
                "/extra: unknown field \"extra\": fields here are agencies or schema_version",
                "/schema_version: schema_version is 2, but this ncstb reads version 1",
            ]
        );
    }

    #[test]
    fn reports_syntax_and_empty_files() {
        assert_eq!(problems(""), ["the file is empty: a dataset is a JSON object (see `ncstb schema`)"]);
        assert_eq!(
            problems("{\"schema_version\": 1,\n \"agencies\": [}"),
            ["invalid JSON: expected value at line 2 column 15"]
        );
        assert_eq!(problems("[]"), ["expected an object, found an array"]);
        assert_eq!(
            problems("{\"schema_version\":1,\"agencies\":[]} x"),
            ["invalid JSON: trailing characters at line 1 column 36"]
        );
        let deep = "[".repeat(100_000);
        assert!(problems(&deep)[0].contains("recursion limit exceeded"));
    }

    #[test]
    fn what_the_schema_cannot_say_is_still_reported() {
        let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"A","functions":[{"number":1,"number":2,"text":"t"}]}]}"#;
        assert_eq!(problems(json), ["duplicate field `number` at line 1 column 86"]);
    }

    #[test]
    fn a_byte_order_mark_is_allowed() {
        let json = format!("\u{feff}{}", super::super::EMBEDDED_JSON);
        assert!(validate(&json).problems.is_empty());
    }
}
