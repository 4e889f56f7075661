//! Duty references as people type them: `5`, `V`, `v`, `(V)`, `七`, `（七）`, ranges `2-4`,
//! `II-IV` and `三-五`, comma lists `1,5,9`, and `agency:5` when a dataset holds several agencies.
//!
//! Parsing is pure syntax; [`resolve`] then looks the references up in the dataset and words the
//! error a user needs when one is wrong: the valid range and the nearest real duty.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::dataset::numeral::{digits, loose_roman_value, parse_numeral};
use crate::dataset::{Agency, Duty, DutyRef, agency_by_id};
use crate::error::UsageError;
use crate::sanitize::for_terminal;
use crate::wording::{all_of, did_you_mean, one_of, quoted};

/// One end of a reference, remembering whether it was written as a number or a numeral so that
/// messages answer in the user's own terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    Number(u64),
    Numeral(u64),
    /// A number too large for 64 bits: past every duty, whatever its number.
    TooLarge,
}

impl Endpoint {
    pub fn value(self) -> u64 {
        match self {
            Endpoint::Number(n) | Endpoint::Numeral(n) => n,
            Endpoint::TooLarge => u64::MAX,
        }
    }
}

/// A parsed reference: one duty or an inclusive range, optionally in a named agency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference<'s> {
    pub agency: Option<&'s str>,
    pub first: Endpoint,
    pub last: Endpoint,
    /// The piece as the user wrote it, for messages.
    pub written: &'s str,
}

/// Why a piece is not a reference at all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed<'s> {
    Empty,
    NotAnId(&'s str),
    /// Something numeral-like that is not a canonical numeral ("IIII", "MMMM"), with its value.
    OddNumeral(&'s str, u64),
    Backwards(&'s str, &'s str, &'s str),
}

/// Splits one argument at commas and parses each piece.
pub fn parse(arg: &str) -> Vec<Result<Reference<'_>, Malformed<'_>>> {
    // Chinese lists: 二，五 and 二、五.
    arg.split([',', '，', '、']).map(parse_piece).collect()
}

fn parse_piece(piece: &str) -> Result<Reference<'_>, Malformed<'_>> {
    let written = piece.trim();
    if written.is_empty() {
        return Err(Malformed::Empty);
    }
    let (agency, body) = match written.split_once([':', '：']) {
        Some((agency, body)) => (Some(agency.trim()), body.trim()),
        None => (None, written),
    };
    let (first, last) = match body.split_once(['-', '–', '—', '~', '～', '至']) {
        Some((first, last)) => (first, Some(last)),
        None => (body, None),
    };
    let first_end = parse_endpoint(first, written)?;
    let last_end = match last {
        Some(last) => parse_endpoint(last, written)?,
        None => first_end,
    };
    if last_end.value() < first_end.value() {
        return Err(Malformed::Backwards(written, first.trim(), last.unwrap_or_default().trim()));
    }
    Ok(Reference { agency, first: first_end, last: last_end, written })
}

fn parse_endpoint<'s>(text: &'s str, written: &'s str) -> Result<Endpoint, Malformed<'s>> {
    let text = text.trim();
    let bare = [('(', ')'), ('（', '）')]
        .iter()
        .find_map(|&(open, close)| text.strip_prefix(open).and_then(|t| t.strip_suffix(close)))
        .unwrap_or(text)
        .trim();
    if let Some(digits) = digits(bare) {
        // A number too large for u64 is still a number: it is simply past the last duty.
        return Ok(digits.parse().map_or(Endpoint::TooLarge, Endpoint::Number));
    }
    if let Some(value) = parse_numeral(bare) {
        return Ok(Endpoint::Numeral(value));
    }
    match loose_roman_value(bare) {
        Some(value) => Err(Malformed::OddNumeral(written, value)),
        None => Err(Malformed::NotAnId(written)),
    }
}

/// Looks every reference in `args` up among `agencies`, in the order given, each duty once. A
/// piece that is no reference is answered with a hint to search for it with `search_command`
/// (`ncstb search`, with the `--data` and `--agency` the user gave).
pub fn resolve<'d>(
    args: &[String],
    agencies: &'d [Agency<'d>],
    search_command: &str,
) -> Result<Vec<DutyRef<'d>>, UsageError> {
    let mut found: Vec<(&Agency, &Duty)> = Vec::new();
    // What is already in `found`, and each agency's duties sorted by number: any number of
    // references over any number of duties costs a binary search each, not a pass.
    let mut shown: FxHashSet<(*const Agency, *const Duty)> = FxHashSet::default();
    let mut by_number: FxHashMap<*const Agency, Vec<(u64, &'d Duty<'d>)>> = FxHashMap::default();
    for arg in args {
        for reference in parse(arg) {
            let reference =
                reference.map_err(|malformed| explain_malformed(&malformed, agencies, search_command))?;
            let agency = pick_agency(&reference, agencies)?;
            let sorted = by_number.entry(std::ptr::from_ref::<Agency>(agency)).or_insert_with(|| {
                let mut sorted: Vec<(u64, &Duty)> = agency.functions.iter().map(|d| (d.number, d)).collect();
                sorted.sort_by_key(|&(number, _)| number);
                sorted
            });
            let at = |number: u64| sorted.partition_point(|&(n, _)| n < number);
            for value in [reference.first, reference.last] {
                let exists = sorted.get(at(value.value())).is_some_and(|&(n, _)| n == value.value());
                if value == Endpoint::TooLarge || !exists {
                    return Err(no_such_duty(value, &reference, agency, agencies.len() > 1));
                }
            }
            let last = reference.last.value();
            let range = at(reference.first.value())..sorted.partition_point(|&(n, _)| n <= last);
            for &(_, duty) in sorted.get(range).unwrap_or_default() {
                if shown.insert((std::ptr::from_ref::<Agency>(agency), std::ptr::from_ref::<Duty>(duty))) {
                    found.push((agency, duty));
                }
            }
        }
    }
    Ok(found)
}

fn pick_agency<'d>(
    reference: &Reference<'_>,
    agencies: &'d [Agency<'d>],
) -> Result<&'d Agency<'d>, UsageError> {
    if let Some(id) = reference.agency {
        return agency_by_id(agencies, id).ok_or_else(|| {
            let ids: Vec<&str> = agencies.iter().map(|agency| agency.id.as_str()).collect();
            let hint = did_you_mean(id, ids.iter().copied())
                .map(|near| format!("; did you mean {near}?"))
                .unwrap_or_default();
            UsageError::new(format!(
                "no agency {} in {}: agencies are {}{hint}",
                quoted(id),
                quoted(reference.written),
                list_ids(&ids)
            ))
        });
    }
    let number = reference.first.value();
    let holders: Vec<&Agency> =
        agencies.iter().filter(|a| a.functions.iter().any(|d| d.number == number)).collect();
    match (agencies, holders.as_slice()) {
        ([only], _) => Ok(only),
        (_, [one]) => Ok(one),
        ([], _) => Err(UsageError::new("the dataset has no agencies, so it has no duties")),
        (_, []) => {
            let shown: Vec<String> =
                agencies.iter().take(3).map(|a| format!("{} has {}", a.id, valid_range(a))).collect();
            let more = if agencies.len() > 3 {
                format!(" (and {} more agencies)", agencies.len() - 3)
            } else {
                String::new()
            };
            Err(UsageError::new(format!(
                "no agency has a duty {}: {}{more}; write AGENCY:N",
                reference.written,
                shown.join("; ")
            )))
        }
        (_, several) => {
            let forms: Vec<String> =
                several.iter().take(5).map(|a| format!("{}:{}", a.id, reference.written)).collect();
            let more =
                if several.len() > 5 { format!(" (and {} more)", several.len() - 5) } else { String::new() };
            Err(UsageError::new(format!(
                "duty {} exists in {} agencies: name one, as in {}{more}, or pick one with --agency",
                reference.written,
                several.len(),
                one_of(&forms.iter().map(String::as_str).collect::<Vec<_>>())
            )))
        }
    }
}

fn list_ids(ids: &[&str]) -> String {
    const SHOWN: usize = 8;
    if ids.len() <= SHOWN {
        one_of(ids)
    } else {
        format!("{}, … ({} in all)", ids[..SHOWN].join(", "), ids.len())
    }
}

/// "1–11 (I–XI)": the span of an agency's duty numbers, with numerals.
pub fn valid_range(agency: &Agency<'_>) -> String {
    let mut numbers: Vec<u64> = agency.functions.iter().map(|duty| duty.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    let and = |items: Vec<String>| all_of(&items.iter().map(String::as_str).collect::<Vec<_>>());
    match numbers.as_slice() {
        [] => "none".to_string(),
        [one] => format!("{one} ({})", agency.numeral_of(*one)),
        // Numbered without gaps: a range says it all.
        [low, .., high] if high - low == numbers.len() as u64 - 1 => {
            format!("{low}–{high} ({}–{})", agency.numeral_of(*low), agency.numeral_of(*high))
        }
        few if few.len() <= 6 => format!(
            "{} ({})",
            and(few.iter().map(u64::to_string).collect()),
            and(few.iter().map(|&n| agency.numeral_of(n)).collect())
        ),
        [low, .., high] => format!("{} duties numbered {low} to {high}, with gaps", numbers.len()),
    }
}

/// The agency's duty number closest to `value`, the lower one on a tie.
fn nearest_number(agency: &Agency<'_>, value: u64) -> Option<u64> {
    agency.functions.iter().map(|duty| duty.number).min_by_key(|&number| (number.abs_diff(value), number))
}

fn scope(agency: &Agency<'_>, several: bool) -> String {
    if several { format!("{} has duties", agency.id) } else { "duties are".to_string() }
}

fn no_such_duty(
    missing: Endpoint,
    reference: &Reference<'_>,
    agency: &Agency<'_>,
    several: bool,
) -> UsageError {
    if agency.functions.is_empty() {
        return UsageError::new(format!("no duty {}: agency {} has no duties", reference.written, agency.id));
    }
    let value = missing.value();
    let asked = match missing {
        Endpoint::TooLarge => "that large".to_string(),
        Endpoint::Number(n) => n.to_string(),
        Endpoint::Numeral(n) => format!("{} ({n})", agency.numeral_of(n)),
    };
    let within = if reference.first == reference.last {
        String::new()
    } else {
        format!(" (in {})", reference.written)
    };
    let nearest = nearest_number(agency, value)
        .map(|number| match missing {
            Endpoint::Number(_) | Endpoint::TooLarge => {
                format!("; the nearest is {number} ({})", agency.numeral_of(number))
            }
            Endpoint::Numeral(_) => format!("; the nearest is {} ({number})", agency.numeral_of(number)),
        })
        .unwrap_or_default();
    UsageError::new(format!(
        "no duty {asked}{within}: {} {}{nearest}",
        scope(agency, several),
        valid_range(agency)
    ))
}

fn explain_malformed(malformed: &Malformed<'_>, agencies: &[Agency<'_>], search_command: &str) -> UsageError {
    let several = agencies.len() > 1;
    let range = match agencies.first() {
        Some(agency) if !several => format!("duties are {}", valid_range(agency)),
        _ => "duties are numbered per agency (AGENCY:N)".to_string(),
    };
    let chinese = agencies.first().is_some_and(|agency| !several && agency.writes_chinese_numerals());
    let forms = if chinese {
        "written as 5, 五, （五）, 2-4, 二-四 or 1,5,9"
    } else {
        "written as 5, V, (V), 2-4, II-IV or 1,5,9"
    };
    match *malformed {
        Malformed::Empty => UsageError::new(format!("empty duty ID: {range}, {forms}")),
        Malformed::NotAnId(written) => {
            let dashes = if written.starts_with('-') { "-- " } else { "" };
            let search = format!("{search_command} {dashes}{}", shell_word(written));
            // Only a search that would run as printed: words, no quote marks, nothing escaped.
            let searchable = written.chars().any(char::is_alphanumeric)
                && !written.contains(['"', '\u{201c}', '\u{201d}'])
                && for_terminal(written) == written;
            let hint = match mentioning(written, agencies) {
                Some(id) if searchable => format!(
                    "; the nearest is {id}, whose text mentions {written:?} (to search them all: {search})"
                ),
                Some(id) => format!("; the nearest is {id}, whose text mentions {written:?}"),
                None if searchable => format!("; to search the duties' text, run: {search}"),
                None => String::new(),
            };
            UsageError::new(format!("no duty {written:?}: {range}, {forms}{hint}"))
        }
        Malformed::OddNumeral(written, value) => {
            let nearest = agencies
                .first()
                .filter(|_| !several)
                .and_then(|agency| Some((agency, nearest_number(agency, value)?)))
                .map(|(agency, n)| format!("; the nearest is {} ({n})", agency.numeral_of(n)))
                .unwrap_or_default();
            UsageError::new(format!("no duty {written:?} (not a standard numeral): {range}{nearest}"))
        }
        Malformed::Backwards(written, first, last) => {
            UsageError::new(format!("range {written:?} runs backwards: did you mean {last}-{first}?"))
        }
    }
}

/// A word typed where an ID belongs is usually a topic: the ID of the duty whose title and
/// text mention it most (the first such duty on a tie), written as `show` takes it.
fn mentioning(word: &str, agencies: &[Agency<'_>]) -> Option<String> {
    const MIN_TOPIC_CHARS: usize = 3;
    if word.chars().count() < MIN_TOPIC_CHARS || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let needle = word.to_lowercase();
    let mentions = |duty: &Duty<'_>| {
        let title = duty.title.as_deref().unwrap_or_default();
        title.to_lowercase().matches(&needle).count() + duty.text.to_lowercase().matches(&needle).count()
    };
    let (_, agency, duty) = agencies
        .iter()
        .flat_map(|agency| agency.functions.iter().map(move |duty| (mentions(duty), agency, duty)))
        .filter(|(count, _, _)| *count > 0)
        .max_by_key(|(count, _, duty)| (*count, std::cmp::Reverse(duty.number)))?;
    let numeral = agency.numeral_of_duty(duty);
    Some(if agencies.len() > 1 { format!("{}:{numeral}", agency.id) } else { numeral.into_owned() })
}

/// `word` quoted for a shell command line when it needs quoting.
pub fn shell_word(word: &str) -> String {
    if !word.is_empty()
        && word.chars().all(|c| c.is_alphanumeric() || "-_./:+,=@%".contains(c))
        && !word.contains('&')
    {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Dataset;

    fn resolve_embedded(args: &[&str]) -> Result<Vec<u64>, String> {
        let dataset = Dataset::embedded().unwrap();
        let args: Vec<String> = args.iter().map(std::string::ToString::to_string).collect();
        resolve(&args, &dataset.agencies, "ncstb search")
            .map(|found| found.iter().map(|(_, duty)| duty.number).collect())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn accepts_every_id_form() {
        for (input, expected) in [
            ("5", vec![5]),
            ("V", vec![5]),
            ("v", vec![5]),
            ("(V)", vec![5]),
            ("(5)", vec![5]),
            (" xi ", vec![11]),
            ("2-4", vec![2, 3, 4]),
            ("II-IV", vec![2, 3, 4]),
            ("ii–iv", vec![2, 3, 4]),
            ("2-IV", vec![2, 3, 4]),
            ("1,5,9", vec![1, 5, 9]),
            ("9,1,9", vec![9, 1]),
            ("5-5", vec![5]),
            ("nanchang-stb:5", vec![5]),
            ("nanchang-stb:II-III", vec![2, 3]),
        ] {
            assert_eq!(resolve_embedded(&[input]), Ok(expected), "{input}");
        }
        assert_eq!(resolve_embedded(&["3", "1-2", "2"]), Ok(vec![3, 1, 2]));
    }

    #[test]
    fn explains_missing_duties_with_range_and_nearest() {
        let cases = [
            ("0", "no duty 0: duties are 1–11 (I–XI); the nearest is 1 (I)"),
            ("12", "no duty 12: duties are 1–11 (I–XI); the nearest is 11 (XI)"),
            ("XII", "no duty XII (12): duties are 1–11 (I–XI); the nearest is XI (11)"),
            ("10-12", "no duty 12 (in 10-12): duties are 1–11 (I–XI); the nearest is 11 (XI)"),
            ("99999999999999999999999", "no duty that large: duties are 1–11 (I–XI); the nearest is 11 (XI)"),
            (
                "MMMM",
                "no duty \"MMMM\" (not a standard numeral): duties are 1–11 (I–XI); the nearest is XI (11)",
            ),
            ("4-2", "range \"4-2\" runs backwards: did you mean 2-4?"),
            ("", "empty duty ID: duties are 1–11 (I–XI), written as 5, V, (V), 2-4, II-IV or 1,5,9"),
            (
                "foo",
                "no duty \"foo\": duties are 1–11 (I–XI), written as 5, V, (V), 2-4, II-IV or 1,5,9; \
                 to search the duties' text, run: ncstb search foo",
            ),
            (
                "talent",
                "no duty \"talent\": duties are 1–11 (I–XI), written as 5, V, (V), 2-4, II-IV or 1,5,9; \
                 the nearest is IX, whose text mentions \"talent\" (to search them all: ncstb search talent)",
            ),
            ("other:5", "no agency \"other\" in \"other:5\": agencies are nanchang-stb"),
        ];
        for (input, message) in cases {
            assert_eq!(resolve_embedded(&[input]), Err(message.to_string()), "{input}");
        }
    }

    #[test]
    fn rejects_malformed_pieces() {
        for input in ["-1", "1-", "5-2x", "1,,2", "(5", "5:", "I V", "1.5"] {
            assert!(resolve_embedded(&[input]).is_err(), "{input} should fail");
        }
    }

    #[test]
    fn quotes_search_hints_for_the_shell() {
        assert_eq!(shell_word("talent"), "talent");
        assert_eq!(shell_word("S&T"), "'S&T'");
        assert_eq!(shell_word("it's"), r"'it'\''s'");
    }
}
