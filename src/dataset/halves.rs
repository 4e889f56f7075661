//! A large dataset parsed on two threads, one half of its agencies each, without a first pass
//! over the whole text to find where the halves meet.
//!
//! The second thread guesses: the first agency that starts after the middle of the text. The
//! first thread reads from the start, as any JSON parser does, and confirms that an agency
//! starts exactly there; anything it cannot confirm (a guess inside a string, an escaped key, a
//! field out of place, an error) gives `None`, and the caller parses the text on one thread,
//! which also words the error. So the result is always the one thread's, or nothing.

use super::{Agency, Dataset};

/// How many places after the middle are tried as the start of an agency before giving up.
const MOST_GUESSES: usize = 64;

/// The dataset of `json` parsed on two threads, or `None` when the halves cannot be confirmed.
pub(super) fn parse(json: &str) -> Option<Dataset<'_>> {
    let start = guess_second_half(json)?;
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| read_second_half(json, start));
        // The parse does not panic; were it to, re-raising it is the honest report.
        (read_first_half(json, start), second.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
    });
    let (first, second) = (first?, second?);
    // Missing, or given twice: the one thread says which.
    let ((Some(schema_version), None) | (None, Some(schema_version))) =
        (first.schema_version, second.schema_version)
    else {
        return None;
    };
    let mut agencies = Vec::with_capacity(first.agencies.len() + second.agencies.len());
    agencies.extend(first.agencies);
    agencies.extend(second.agencies);
    Some(Dataset { schema_version, agencies })
}

/// What a half found: its agencies, and the schema version when it stands in that half.
struct Half<'a> {
    agencies: Vec<Agency<'a>>,
    schema_version: Option<u64>,
}

/// The first `{` after the middle (and after a comma) that an agency parses from.
fn guess_second_half(json: &str) -> Option<usize> {
    let bytes = json.as_bytes();
    let mut at = json.len() / 2;
    for _ in 0..MOST_GUESSES {
        at += memchr::memchr(b'{', bytes.get(at..)?)?;
        let before = bytes[..at].iter().rposition(|&b| !is_space(b));
        if before.is_some_and(|before| bytes[before] == b',') && agency_at(json, at).is_some() {
            return Some(at);
        }
        at += 1;
    }
    None
}

/// The agency whose object starts at byte `at`, and where it ends.
fn agency_at(json: &str, at: usize) -> Option<(Agency<'_>, usize)> {
    let text = json.get(at..)?;
    let mut values = serde_json::Deserializer::from_str(text).into_iter::<Agency>();
    let agency = values.next()?.ok()?;
    Some((agency, at + values.byte_offset()))
}

/// From the start of the text to byte `stop`, which must be where an agency starts.
fn read_first_half(json: &str, stop: usize) -> Option<Half<'_>> {
    let mut reader = Reader { json, at: 0 };
    let mut half = Half { agencies: Vec::new(), schema_version: None };
    reader.expect(b'{')?;
    loop {
        match reader.key()? {
            "schema_version" if half.schema_version.is_none() => {
                half.schema_version = Some(reader.number()?);
                reader.expect(b',')?;
            }
            "agencies" => {
                reader.expect(b'[')?;
                loop {
                    let (agency, end) = agency_at(json, reader.skip_space())?;
                    half.agencies.push(agency);
                    reader.at = end;
                    reader.expect(b',')?;
                    match reader.skip_space() {
                        at if at == stop => return Some(half),
                        at if at > stop => return None,
                        _ => {}
                    }
                }
            }
            _ => return None,
        }
    }
}

/// From byte `start`, where an agency starts, to the end of the text.
fn read_second_half(json: &str, start: usize) -> Option<Half<'_>> {
    let mut reader = Reader { json, at: start };
    let mut half = Half { agencies: Vec::new(), schema_version: None };
    loop {
        let (agency, end) = agency_at(json, reader.skip_space())?;
        half.agencies.push(agency);
        reader.at = end;
        match reader.next_byte()? {
            b',' => {}
            b']' => break,
            _ => return None,
        }
    }
    loop {
        match reader.next_byte()? {
            b'}' => break,
            b',' => match reader.key()? {
                "schema_version" if half.schema_version.is_none() => {
                    half.schema_version = Some(reader.number()?);
                }
                _ => return None,
            },
            _ => return None,
        }
    }
    (reader.skip_space() == json.len()).then_some(half)
}

/// JSON's own white space; nothing else may stand between its tokens.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The few tokens of a dataset's outer object, read by hand.
struct Reader<'a> {
    json: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    /// Skips white space; returns where the next token starts.
    fn skip_space(&mut self) -> usize {
        let bytes = self.json.as_bytes();
        while bytes.get(self.at).is_some_and(|&b| is_space(b)) {
            self.at += 1;
        }
        self.at
    }

    /// The next byte that is not white space, consumed.
    fn next_byte(&mut self) -> Option<u8> {
        let b = *self.json.as_bytes().get(self.skip_space())?;
        self.at += 1;
        Some(b)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.next_byte()? == byte).then_some(())
    }

    /// A key without escapes and its colon.
    fn key(&mut self) -> Option<&'a str> {
        self.expect(b'"')?;
        let rest = self.json.get(self.at..)?;
        let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
        if rest.as_bytes()[end] != b'"' {
            return None;
        }
        self.at += end + 1;
        self.expect(b':')?;
        Some(&rest[..end])
    }

    /// A whole number as JSON writes it (no sign, fraction, exponent or leading zero), as u64.
    fn number(&mut self) -> Option<u64> {
        let start = self.skip_space();
        let bytes = self.json.as_bytes();
        let digits = bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = start + digits;
        if digits == 0 || (digits > 1 && bytes[start] == b'0') {
            return None;
        }
        if bytes.get(end).is_some_and(|&b| matches!(b, b'.' | b'e' | b'E')) {
            return None;
        }
        self.at = end;
        self.json[start..end].parse().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A dataset of `n` agencies with `top` inserted among the outer fields (after the version,
    /// or before it when `version_last`).
    fn file(n: usize, extra_at: usize, extra: &str, top: &str, version_last: bool) -> String {
        let agencies: Vec<String> = (0..n)
            .map(|i| {
                let extra = if i == extra_at { extra } else { "" };
                format!(
                    r#"{{"id":"a{i}","name":"Agency {i}"{extra},"functions":[{{"number":1,"text":"Promote S&T talent in district {i}; guide the work."}}]}}"#
                )
            })
            .collect();
        let agencies = agencies.join(",\n ");
        if version_last {
            format!("{{\"agencies\": [ {agencies} ]{top}, \"schema_version\": 1 }}\n")
        } else {
            format!("{{ \"schema_version\": 1{top}, \"agencies\":[{agencies}]}}")
        }
    }

    #[test]
    fn both_halves_give_the_one_threads_dataset() {
        for version_last in [false, true] {
            let json = file(1000, usize::MAX, "", "", version_last);
            let two = parse(&json).expect("two halves");
            let one: Dataset = serde_json::from_str(&json).unwrap();
            assert_eq!(two.schema_version, one.schema_version);
            let ids = |d: &Dataset| d.agencies.iter().map(|a| a.id.to_string()).collect::<Vec<_>>();
            assert_eq!(ids(&two), ids(&one));
        }
    }

    #[test]
    fn what_one_thread_rejects_the_halves_do_not_accept() {
        let bad = [
            file(1000, 900, r#","titel":"x""#, "", false),
            file(1000, 3, r#","lang":7"#, "", false),
            file(1000, usize::MAX, "", r#","extra":1"#, false),
            file(1000, usize::MAX, "", r#","extra":1"#, true),
            file(1000, usize::MAX, "", r#","schema_version":1"#, false),
            file(1000, usize::MAX, "", r#","schema_version":1"#, true),
            file(1000, usize::MAX, "", "", false).replace("1,", "1.0,"),
            file(1000, usize::MAX, "", "", false) + "x",
            file(1000, usize::MAX, "", "", false).replacen(']', "", 1),
        ];
        for json in bad {
            assert!(serde_json::from_str::<Dataset>(&json).is_err());
            assert!(parse(&json).is_none());
        }
    }

    #[test]
    fn the_first_half_confirms_only_where_an_agency_starts() {
        let json = file(10, usize::MAX, "", "", false);
        let starts: Vec<usize> = json.match_indices(r#"{"id""#).map(|(at, _)| at).collect();
        let duty = json.find(r#"{"number""#).unwrap();
        for (i, &start) in starts.iter().enumerate().skip(1) {
            assert_eq!(read_first_half(&json, start).map(|half| half.agencies.len()), Some(i));
        }
        for wrong in [starts[5] + 1, starts[5] - 1, duty, starts[0], json.len()] {
            assert!(read_first_half(&json, wrong).is_none(), "{wrong}");
        }
        // Nor where the text, not the JSON, holds a comma and a brace.
        let json = json.replace("guide the work", r#"guide, {"id":"x"} the work"#);
        let inside = json.rfind(r#"{"id"#).unwrap();
        assert!(read_first_half(&json, inside).is_none());
        assert!(agency_at(&json, inside).is_none());
    }
}
