//! Terminal safety: text from a dataset file must never drive the terminal it is printed on.
//!
//! Human-facing output (tables, plain lines, messages) shows control characters, bidi overrides
//! and invisible characters visibly escaped, as fd does (`\u{1b}`); tab, newline and carriage
//! return read as `\t`, `\n`, `\r`. JSON output escapes the characters `serde_json` leaves raw.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must not reach a terminal raw: C0 and C1 controls, DEL, bidi
/// controls, zero-width and other invisible format characters, line and paragraph separators.
pub fn is_unsafe(c: char) -> bool {
    matches!(c,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
        // Unicode's default-ignorable code points: drawn as nothing, so they hide text.
        | '\u{ad}'                       // soft hyphen
        | '\u{34f}'                      // combining grapheme joiner
        | '\u{61c}'                      // Arabic letter mark
        | '\u{115f}' | '\u{1160}'        // Hangul choseong and jungseong fillers
        | '\u{17b4}' | '\u{17b5}'        // Khmer inherent vowels
        | '\u{180b}'..='\u{180f}'        // Mongolian variation selectors and vowel separator
        | '\u{200b}'..='\u{200f}'        // zero-width space, joiners, LRM, RLM
        | '\u{2028}'..='\u{202e}'        // separators, bidi embeddings and overrides
        | '\u{2060}'..='\u{206f}'        // word joiner, invisible operators, bidi isolates
        | '\u{3164}'                     // Hangul filler
        | '\u{fe00}'..='\u{fe0f}'        // variation selectors
        | '\u{feff}'                     // zero-width no-break space (BOM)
        | '\u{ffa0}'                     // halfwidth Hangul filler
        | '\u{fff0}'..='\u{fffb}'        // unassigned specials, interlinear annotations
        | '\u{1bca0}'..='\u{1bca3}'      // shorthand format controls
        | '\u{1d173}'..='\u{1d17a}'      // musical symbol format controls
        | '\u{e0000}'..='\u{e0fff}'      // tags, variation selectors supplement
    )
}

/// `text` with every unsafe character visibly escaped; borrowed when nothing needed escaping.
pub fn for_terminal(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if is_unsafe(c) => {
                let _ = write!(out, "\\u{{{:x}}}", c as u32);
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON with the unsafe characters `serde_json` passes through raw (DEL, C1 controls,
/// U+2028/2029, bidi and invisible characters) written as `\uXXXX` escapes. Correct on whole
/// JSON documents because those characters can only occur inside strings; the ASCII controls
/// `serde_json` escapes itself, so the ones left are a pretty document's line breaks and indents.
pub fn json_escapes(json: &str) -> Cow<'_, str> {
    let unsafe_in_json = |c: char| c >= ' ' && is_unsafe(c);
    // Only characters outside ASCII, and DEL, need a look: skip the rest without decoding.
    let suspect = |b: &u8| *b >= 0x7f;
    let mut at = 0;
    let clean = loop {
        match json.as_bytes()[at..].iter().position(suspect) {
            None => break true,
            Some(offset) => {
                at += offset;
                let Some(c) = json[at..].chars().next() else { break true };
                if unsafe_in_json(c) {
                    break false;
                }
                at += c.len_utf8();
            }
        }
    };
    if clean {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if unsafe_in_json(c) {
            // JSON escapes UTF-16 units: a character past the Basic Multilingual Plane is two.
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{unit:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_what_could_drive_a_terminal() {
        assert_eq!(for_terminal("plain text, city’s S&T"), "plain text, city’s S&T");
        assert!(matches!(for_terminal("plain"), Cow::Borrowed(_)));
        assert_eq!(for_terminal("a\tb\nc\rd"), "a\\tb\\nc\\rd");
        assert_eq!(for_terminal("\u{1b}[2J"), "\\u{1b}[2J");
        assert_eq!(for_terminal("\u{1b}]52;c;aGk=\u{7}"), "\\u{1b}]52;c;aGk=\\u{7}");
        assert_eq!(for_terminal("x\u{9b}31m"), "x\\u{9b}31m");
        assert_eq!(for_terminal("abc\u{202e}fed"), "abc\\u{202e}fed");
        assert_eq!(for_terminal("zero\u{200b}width\u{feff}"), "zero\\u{200b}width\\u{feff}");
        assert_eq!(for_terminal("\u{7f}"), "\\u{7f}");
    }

    #[test]
    fn leaves_ordinary_unicode_alone() {
        for text in ["南昌市科学技术局", "Ünïcödé – “quotes”", "emoji 🧪", "no\u{a0}break"]
        {
            assert_eq!(for_terminal(text), text);
        }
    }

    #[test]
    fn json_escapes_keep_json_valid_and_equal() {
        let raw = serde_json::to_string("a\u{7f}b\u{85}c\u{2028}d\u{202e}e").unwrap();
        let escaped = json_escapes(&raw);
        assert!(escaped.is_ascii(), "{escaped}");
        let back: String = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, "a\u{7f}b\u{85}c\u{2028}d\u{202e}e");
    }

    #[test]
    fn default_ignorable_characters_are_escaped_everywhere() {
        for c in ['\u{34f}', '\u{115f}', '\u{3164}', '\u{fe0f}', '\u{e0041}', '\u{e007f}', '\u{1d173}'] {
            let text = format!("a{c}b");
            assert_eq!(for_terminal(&text), format!("a\\u{{{:x}}}b", c as u32));
            let json = json_escapes(&serde_json::to_string(&text).unwrap()).into_owned();
            assert!(json.is_ascii(), "{json}");
            assert_eq!(serde_json::from_str::<String>(&json).unwrap(), text);
        }
        assert_eq!(json_escapes("\"\u{e0041}\""), "\"\\udb40\\udc41\"");
    }

    #[test]
    fn json_escapes_leave_a_pretty_documents_layout_alone() {
        let raw = serde_json::to_string_pretty(&["a\u{202e}b", "city’s\nS&T"]).unwrap();
        let escaped = json_escapes(&raw);
        assert!(escaped.contains("\n  \""), "{escaped}");
        let back: Vec<String> = serde_json::from_str(&escaped).unwrap();
        assert_eq!(back, ["a\u{202e}b", "city’s\nS&T"]);
        let plain = serde_json::to_string_pretty(&["city’s"]).unwrap();
        assert!(matches!(json_escapes(&plain), Cow::Borrowed(_)));
    }
}
