//! The rules of a dataset that its types cannot say: the schema version, agency ids unique and
//! well formed, names, languages, dates and addresses, duty numbers positive and unique,
//! numerals that agree with their numbers, no empty text. Each broken place is a [`Problem`]
//! with its JSON pointer.

use rustc_hash::FxHashSet;

use super::{Agency, Problem, SCHEMA_VERSION, numeral};

/// A dataset with at least this many duties is checked on two threads.
const MIN_DUTIES_FOR_TWO_THREADS: usize = 8192;

/// [`check_agency`] for every agency, in file order: a large dataset's two halves at once.
pub(super) fn check_agencies(agencies: &[Agency<'_>]) -> Vec<Problem> {
    let check = |part: &[Agency<'_>], first: usize| -> Vec<Problem> {
        part.iter().enumerate().flat_map(|(i, agency)| check_agency(first + i, agency)).collect()
    };
    let duties: usize = agencies.iter().map(|agency| agency.functions.len()).sum();
    if duties < MIN_DUTIES_FOR_TWO_THREADS || agencies.len() < 2 {
        return check(agencies, 0);
    }
    let middle = agencies.len() / 2;
    let (first, second) = agencies.split_at(middle);
    std::thread::scope(|scope| {
        let second = scope.spawn(|| check(second, middle));
        let mut problems = check(first, 0);
        // The check does not panic; were it to, re-raising it is the honest report.
        problems.extend(second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        problems
    })
}

/// Sorts problems by pointer: array items in number order (`/agencies/2` before `/agencies/10`),
/// an object's fields alphabetically (JSON objects are read without their key order), keeping
/// the order of problems at one place.
pub fn sort_in_document_order(problems: &mut [Problem]) {
    problems.sort_by_cached_key(|problem| {
        let segments = problem.pointer.split('/');
        segments.map(|segment| (segment.parse().unwrap_or(u64::MAX), segment.to_string())).collect::<Vec<_>>()
    });
}

fn problem(pointer: String, message: String) -> Problem {
    Problem { pointer, message }
}

/// The schema version must be the one this build reads.
pub fn check_version(version: u64) -> Vec<Problem> {
    if version == SCHEMA_VERSION {
        return Vec::new();
    }
    let message = format!("schema_version is {version}, but this ncstb reads version {SCHEMA_VERSION}");
    vec![problem("/schema_version".into(), message)]
}

/// Agency ids (with their index in the file) must be non-empty, usable in `ID:N`, and unique.
pub fn check_ids<'i>(ids: impl Iterator<Item = (usize, &'i str)>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut seen = FxHashSet::default();
    for (a, id) in ids {
        let message = match agency_id_flaw(id) {
            Some(flaw) => flaw,
            None if !seen.insert(id) => format!("duplicate agency id {id:?}"),
            None => continue,
        };
        problems.push(problem(format!("/agencies/{a}/id"), message));
    }
    problems
}

/// What is wrong with an agency id in itself, if anything: it must hold more than spaces, and
/// no ':', ',' or space, so that `ID:N` and lists of duty ids read it.
pub fn agency_id_flaw(id: &str) -> Option<String> {
    if id.trim().is_empty() {
        Some("agency id is empty".to_string())
    } else if id.contains(|c: char| c == ':' || c == ',' || c.is_whitespace()) {
        Some(format!("agency id {id:?} may not contain ':', ',' or spaces"))
    } else {
        None
    }
}

/// True for a real calendar date written YYYY-MM-DD.
pub fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits = |range: std::ops::Range<usize>| {
        bytes
            .get(range)
            .filter(|d| d.iter().all(u8::is_ascii_digit))
            .map(|d| d.iter().fold(0u32, |value, digit| value * 10 + u32::from(digit - b'0')))
    };
    let (Some(year), Some(month), Some(day)) = (digits(0..4), digits(5..7), digits(8..10)) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return false,
    };
    bytes.len() == 10 && bytes[4] == b'-' && bytes[7] == b'-' && (1..=days).contains(&day)
}

/// True for a BCP 47 language tag of the usual shape: a primary language of two or three letters,
/// then subtags of one to eight letters or digits ("en", "zh", "zh-Hans", "zh-Hans-CN").
pub fn is_language_tag(text: &str) -> bool {
    let mut subtags = text.split('-');
    let primary = subtags.next().unwrap_or_default();
    (2..=3).contains(&primary.len())
        && primary.bytes().all(|b| b.is_ascii_alphabetic())
        && subtags.all(|tag| (1..=8).contains(&tag.len()) && tag.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// True for an http or https address with a host and no spaces or control characters.
pub fn is_web_address(text: &str) -> bool {
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"));
    rest.is_some_and(|rest| {
        !rest.is_empty()
            && !rest.starts_with('/')
            && !text.chars().any(|c| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '"'))
    })
}

/// True when `term` has a letter or digit to search for.
fn has_word(term: &str) -> bool {
    term.chars().any(char::is_alphanumeric)
}

/// One agency's rules: a name, duty numbers positive and unique, numerals that agree with their
/// numbers, no empty text, title or abbreviation. `a` is the agency's index in the file.
pub fn check_agency(a: usize, agency: &Agency<'_>) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut report = |pointer: String, message: String| problems.push(problem(pointer, message));
    let id = agency.id.as_str();
    if agency.name.trim().is_empty() {
        report(format!("/agencies/{a}/name"), "agency name is empty".into());
    }
    if let Some(lang) = &agency.lang
        && !is_language_tag(lang)
    {
        report(
            format!("/agencies/{a}/lang"),
            format!(
                "lang {:?} is not a language tag: write one such as \"en\", \"zh\" or \"zh-Hans\"",
                lang.as_str()
            ),
        );
    }
    if let Some(source) = &agency.source {
        if let Some(updated) = &source.updated
            && !is_date(updated)
        {
            report(
                format!("/agencies/{a}/source/updated"),
                format!(
                    "updated {:?} is not a date: write it as YYYY-MM-DD, as in \"2009-11-27\"",
                    updated.as_str()
                ),
            );
        }
        if let Some(url) = &source.url
            && !is_web_address(url)
        {
            report(
                format!("/agencies/{a}/source/url"),
                format!(
                    "url {:?} is not a web address: write one that starts with https:// or http://",
                    url.as_str()
                ),
            );
        }
    }
    for (i, abbreviation) in agency.abbreviations.iter().enumerate() {
        if abbreviation.short.trim().is_empty() || abbreviation.long.trim().is_empty() {
            report(
                format!("/agencies/{a}/abbreviations/{i}"),
                "abbreviation has an empty short or long form".into(),
            );
        }
    }
    for (i, concept) in agency.concepts.iter().enumerate() {
        let pointer = format!("/agencies/{a}/concepts/{i}");
        if !has_word(&concept.preferred) {
            report(
                format!("{pointer}/preferred"),
                "concept's preferred term has no letters or digits".into(),
            );
        }
        let lists = [
            ("synonyms", &concept.synonyms),
            ("broader", &concept.broader),
            ("narrower", &concept.narrower),
            ("related", &concept.related),
        ];
        for (name, terms) in lists {
            for (t, term) in terms.iter().enumerate() {
                if !has_word(term) {
                    report(format!("{pointer}/{name}/{t}"), "concept term has no letters or digits".into());
                }
            }
        }
    }
    // Duties are mostly numbered in order, and then none can repeat: no set is needed.
    let in_order = agency.functions.windows(2).all(|pair| pair[0].number < pair[1].number);
    let mut numbers = FxHashSet::default();
    for (d, duty) in agency.functions.iter().enumerate() {
        if duty.number == 0 {
            report(
                format!("/agencies/{a}/functions/{d}/number"),
                "duty number must be 1 or more, not 0".into(),
            );
        } else if !in_order && !numbers.insert(duty.number) {
            report(
                format!("/agencies/{a}/functions/{d}/number"),
                format!("duplicate duty number {} in agency {id:?}", duty.number),
            );
        }
        if let Some(numeral) = &duty.numeral
            && !numeral::is_numeral_of(numeral, duty.number)
        {
            let expected = numeral::numeral_like(numeral, duty.number).unwrap_or_else(|| "no numeral".into());
            report(
                format!("/agencies/{a}/functions/{d}/numeral"),
                format!(
                    "numeral {:?} disagrees with number {} (expected {expected:?})",
                    numeral.as_str(),
                    duty.number
                ),
            );
        }
        if duty.text.trim().is_empty() {
            report(format!("/agencies/{a}/functions/{d}/text"), "duty text is empty".into());
        }
        if duty.title.as_ref().is_some_and(|title| title.trim().is_empty()) {
            report(
                format!("/agencies/{a}/functions/{d}/title"),
                "title is empty (leave it out instead)".into(),
            );
        }
    }
    problems
}
