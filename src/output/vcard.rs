//! vCard 4.0 (RFC 6350) for `contact --format vcard`: one card per agency, CRLF line ends, text
//! escaped (backslash, comma, semicolon, newline) and lines folded at 75 octets.

use std::io::{self, Write};

use crate::record::Record;
use crate::sanitize;

/// RFC 6350 §3.2: lines longer than this many octets are folded.
const MAX_LINE_OCTETS: usize = 75;

pub fn write<R: Record>(out: &mut dyn Write, records: &[R]) -> io::Result<()> {
    for record in records {
        let text = |name| record.value(name).to_text().into_owned();
        let (name, address, post_code, hotline, updated) =
            (text("name"), text("address"), text("post_code"), text("hotline"), text("updated"));
        let mut lines = vec![
            "BEGIN:VCARD".to_string(),
            "VERSION:4.0".to_string(),
            format!("PRODID:-//ncstb//ncstb {}//EN", env!("CARGO_PKG_VERSION")),
            "KIND:org".to_string(),
            format!("FN:{}", escape(&name)),
            format!("ORG:{}", escape(&name)),
        ];
        if !address.is_empty() || !post_code.is_empty() {
            // ADR components: PO box; extended address; street; locality; region; post code; country.
            lines.push(format!("ADR;TYPE=work:;;{};;;{};", escape(&address), escape(&post_code)));
        }
        if !hotline.is_empty() {
            lines.push(format!("TEL;TYPE=work,voice;VALUE=text:{}", escape(&hotline)));
            let mut note = format!("{hotline} is the public supervision hotline of {name}.");
            if !updated.is_empty() {
                note.push_str(&format!(" Source page updated {updated}."));
            }
            lines.push(format!("NOTE:{}", escape(&note)));
        }
        // The page's address, when the dataset gives a web one (validated as http or https).
        let url = text("url");
        if url.starts_with("https://") || url.starts_with("http://") {
            lines.push(format!("URL:{}", escape(&url)));
        }
        lines.push("END:VCARD".to_string());
        for line in &lines {
            out.write_all(fold(line).as_bytes())?;
        }
    }
    Ok(())
}

/// A property value escaped as RFC 6350 §3.4 asks; control and invisible characters dropped.
fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\n' => out.push_str("\\n"),
            c if sanitize::is_unsafe(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// One content line, folded into CRLF-ended lines of at most 75 octets, never inside a character.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_special_characters() {
        assert_eq!(escape("4F, Building; a\\b\nc\u{1b}"), "4F\\, Building\\; a\\\\b\\nc");
    }

    #[test]
    fn folds_long_lines_at_75_octets_on_character_boundaries() {
        let line = format!("NOTE:{}", "é".repeat(100));
        let folded = fold(&line);
        assert!(folded.ends_with("\r\n"));
        let parts: Vec<&str> = folded.trim_end_matches("\r\n").split("\r\n").collect();
        assert!(parts.len() > 2);
        for (i, part) in parts.iter().enumerate() {
            assert!(part.len() <= MAX_LINE_OCTETS, "{part}");
            assert_eq!(i > 0, part.starts_with(' '));
        }
        let unfolded: String =
            parts.iter().enumerate().map(|(i, p)| if i == 0 { *p } else { &p[1..] }).collect();
        assert_eq!(unfolded, line);
        assert_eq!(fold("FN:short"), "FN:short\r\n");
    }
}
