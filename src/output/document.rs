//! Formats for documents: GitHub-flavoured Markdown, one standalone HTML page, and citations.
//!
//! Every text from a dataset is escaped for the format it lands in, so that it reads back as
//! the same text: Markdown's punctuation is backslash-escaped, HTML's special characters are
//! entities, and only `http` and `https` addresses become links. Characters that must never
//! reach a terminal raw ([`sanitize::is_unsafe`]) are shown escaped, as everywhere else.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::{Layout, Options};
use crate::dataset::is_web_address;
use crate::dataset::{Agency, Duty};
use crate::record::{Field, Record, Value};
use crate::sanitize;

/// The fields a document's table shows: the agency's only when records of several agencies
/// are shown, or the user named it.
fn shown_fields<'f, R: Record>(records: &[R], fields: &[&'f Field], options: &Options) -> Vec<&'f Field> {
    if options.fields.is_some() {
        return fields.to_vec();
    }
    let several =
        options.agencies_named || records.windows(2).any(|pair| pair[0].agency() != pair[1].agency());
    let agency = R::FIELDS.iter().find(|f| f.name == "agency").filter(|_| several);
    // A hit's text fields leave the agency out: a document of several agencies' hits names it.
    agency.into_iter().chain(fields.iter().copied().filter(|f| f.name != "agency")).collect()
}

/// True when the records are shown one duty at a time, with headings, rather than as a table.
fn as_duties(layout: Layout, options: &Options) -> bool {
    layout == Layout::DutyDetail && options.fields.is_none()
}

/// The character ranges of a hit's best clause to mark, when the field is that clause.
fn marked<'r, R: Record>(record: &'r R, name: &str) -> Option<(&'r str, &'r [(usize, usize)])> {
    let best = record.hit()?.matches.first().filter(|_| name == "clause")?;
    Some((best.text, &best.spans))
}

/// `text` cut into runs, each with whether it lies in one of the character ranges `spans`
/// (a hit's matched words): what every format that marks them marks.
pub fn runs<'t>(text: &'t str, spans: &[(usize, usize)]) -> Vec<(&'t str, bool)> {
    let chars: Vec<usize> = text.char_indices().map(|(byte, _)| byte).collect();
    let byte_at = |index: usize| chars.get(index).copied().unwrap_or(text.len());
    let (mut runs, mut done) = (Vec::new(), 0);
    for &(start, end) in spans {
        let (start, end) = (byte_at(start).max(done), byte_at(end));
        if start >= end {
            continue;
        }
        runs.push((&text[done..start], false));
        runs.push((&text[start..end], true));
        done = end;
    }
    runs.push((&text[done..], false));
    runs.retain(|(run, _)| !run.is_empty());
    runs
}

/// An address fit to be a link: a web address as datasets must give them (`http://` or
/// `https://`, no spaces, controls, quotes or angle brackets), without backticks or characters
/// that must not reach a terminal either.
fn web_address(url: &str) -> Option<&str> {
    let url = url.trim();
    let clean = !url.chars().any(|c| c == '`' || sanitize::is_unsafe(c));
    (is_web_address(url) && clean).then_some(url)
}

/// How an agency's page is cited: its name, "Main Functions" (with a duty's numeral), the
/// update date and the address, each when known; in Chinese for an agency that numbers its
/// duties in Chinese.
struct Citation<'a> {
    name: &'a str,
    functions: String,
    updated: Option<String>,
    url: Option<&'a str>,
    chinese: bool,
}

impl<'a> Citation<'a> {
    fn of(agency: &'a Agency<'a>, duty: Option<&Duty<'_>>) -> Self {
        let chinese = agency.writes_chinese_numerals();
        let numeral = duty.map(|duty| agency.numeral_of_duty(duty));
        let functions = match (chinese, numeral) {
            (false, None) => "Main Functions".to_string(),
            (false, Some(numeral)) => format!("Main Functions ({numeral})"),
            (true, None) => "主要职责".to_string(),
            (true, Some(numeral)) => format!("主要职责（{numeral}）"),
        };
        let source = agency.source.as_ref();
        let updated = source.and_then(|s| s.updated.as_ref()).map(|date| {
            if chinese { format!("{} 更新", date.as_str()) } else { format!("updated {}", date.as_str()) }
        });
        let url =
            source.and_then(|s| s.url.as_ref()).map(|url| url.as_str().trim()).filter(|url| !url.is_empty());
        Citation { name: agency.name.as_str(), functions, updated, url, chinese }
    }

    /// The parts before the address, in order.
    fn parts(&self) -> Vec<&str> {
        let mut parts = vec![self.name, self.functions.as_str()];
        parts.extend(self.updated.as_deref());
        parts
    }

    fn separator(&self) -> &'static str {
        if self.chinese { "，" } else { ", " }
    }

    fn label(&self) -> &'static str {
        if self.chinese { "来源：" } else { "Source: " }
    }
}

/// What follows a duty's numeral before its title: "VI. ", or "六、" in Chinese.
pub fn numeral_mark(agency: &Agency<'_>) -> &'static str {
    if agency.writes_chinese_numerals() { "、" } else { ". " }
}

// ---- Markdown ---------------------------------------------------------------------------

/// `--format markdown`: a GitHub-flavoured table, or for `show` a heading per duty with its
/// clauses as a numbered list and the source below.
pub fn write_markdown<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    options: &Options,
    layout: Layout,
) -> io::Result<()> {
    if as_duties(layout, options) {
        for (i, (agency, duty)) in records.iter().filter_map(Record::duty).enumerate() {
            if i > 0 {
                writeln!(out)?;
            }
            write_markdown_duty(out, agency, duty)?;
        }
        return Ok(());
    }
    let fields = shown_fields(records, fields, options);
    let mut line = String::from("|");
    for field in &fields {
        let _ = write!(line, " {} |", markdown_inline(field.label));
    }
    writeln!(out, "{line}")?;
    writeln!(out, "|{}", " --- |".repeat(fields.len()))?;
    for record in records {
        line.clear();
        line.push('|');
        for field in &fields {
            let value = record.value(field.name);
            let cell = match (marked(record, field.name), &value) {
                (Some((text, spans)), _) => markdown_marked(text, spans),
                (None, Value::Text(url)) if field.name == "url" => markdown_link(url),
                (None, value) => markdown_inline(&value.to_text()),
            };
            let _ = write!(line, " {cell} |");
        }
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn write_markdown_duty(out: &mut dyn Write, agency: &Agency<'_>, duty: &Duty<'_>) -> io::Result<()> {
    let numeral = agency.numeral_of_duty(duty);
    match &duty.title {
        Some(title) => {
            let mark = numeral_mark(agency);
            writeln!(out, "## {}{mark}{}", markdown_inline(&numeral), markdown_inline(title))?;
        }
        None => writeln!(out, "## {}", markdown_inline(&numeral))?,
    }
    writeln!(out)?;
    for (i, clause) in duty.clauses().enumerate() {
        writeln!(out, "{}. {}", i + 1, markdown_item(clause))?;
    }
    writeln!(out)?;
    let citation = Citation::of(agency, None);
    let mut line: Vec<String> = citation.parts().into_iter().map(markdown_inline).collect();
    line.extend(citation.url.map(markdown_link));
    writeln!(out, "{}{}", markdown_inline(citation.label()), line.join(citation.separator()))
}

/// A text as Markdown that reads back as the same text: punctuation that could start
/// emphasis, code, links, HTML, a table cell's end or a heading's closing marks is
/// backslash-escaped, as is `&` where it would start an entity; a line break is `<br>`. A web
/// address in the text becomes an autolink (`<https://…>`), whose characters need no escapes:
/// GitHub links bare addresses, and escapes there would end up in the link.
pub fn markdown_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some((before, url, after)) = next_address(rest) {
        out.push_str(&markdown_escaped(before));
        out.push_str(&markdown_link(url));
        rest = after;
    }
    out.push_str(&markdown_escaped(rest));
    out
}

/// The first web address in `text` that starts a word (`http://`, `https://`), up to the next
/// space or character no autolink may hold: the text before it, it, and the text after.
fn next_address(text: &str) -> Option<(&str, &str, &str)> {
    let mut from = 0;
    loop {
        let at = from + text[from..].find("http")?;
        let starts_word =
            text[..at].chars().next_back().is_none_or(|c| c.is_whitespace() || "([{\"'“‘（".contains(c));
        let end = text[at..]
            .find(|c: char| c.is_whitespace() || "<>\"'`|\\".contains(c) || !c.is_ascii())
            .map_or(text.len(), |length| at + length);
        // As GitHub ends a bare address: not on trailing punctuation, nor on a `)` it did not open.
        let mut url = &text[at..end];
        while let Some(last) = url.chars().next_back() {
            let unopened = last == ')' && url.matches('(').count() < url.matches(')').count();
            if !(".,:;!?*_~".contains(last) || unopened) {
                break;
            }
            url = &url[..url.len() - 1];
        }
        let end = at + url.len();
        if starts_word && markdown_link_of(url).is_some() {
            return Some((&text[..at], url, &text[end..]));
        }
        from = at + "http".len();
    }
}

/// [`markdown_inline`] for text without web addresses.
fn markdown_escaped(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '$' => {
                out.push('\\');
                out.push(c);
            }
            '&' if starts_entity(&text[at + 1..]) => out.push_str("\\&"),
            '\r' if chars.peek().is_some_and(|&(_, next)| next == '\n') => {}
            '\n' | '\r' => out.push_str("<br>"),
            c if sanitize::is_unsafe(c) && c != '\t' => {
                out.push_str(&sanitize::for_terminal(c.encode_utf8(&mut [0; 4])).replace('\\', "\\\\"));
            }
            c => out.push(c),
        }
    }
    out
}

/// An address as a link (`<https://…>`), or as text when it is not one that can stand in a
/// table cell and read back as itself (an autolink decodes entities: `&amp;` would be `&`).
fn markdown_link(url: &str) -> String {
    markdown_link_of(url).unwrap_or_else(|| markdown_escaped(url))
}

fn markdown_link_of(url: &str) -> Option<String> {
    let entity = url.char_indices().any(|(at, c)| c == '&' && starts_entity(&url[at + 1..]));
    let url = web_address(url).filter(|url| !url.contains(['|', '\\']) && !entity)?;
    Some(format!("<{url}>"))
}

/// A text as the content of a list item: [`markdown_inline`], and the marks that would make
/// a block of it escaped at its start (a list marker, a numbered item's number).
fn markdown_item(text: &str) -> String {
    let escaped = markdown_inline(text);
    let digits = escaped.bytes().take_while(u8::is_ascii_digit).count();
    match escaped.as_bytes().get(digits) {
        Some(b'-' | b'+' | b'=') if digits == 0 => format!("\\{escaped}"),
        Some(b'.' | b')') if digits > 0 => format!("{}\\{}", &escaped[..digits], &escaped[digits..]),
        _ => escaped,
    }
}

/// A text with the character ranges `spans` in bold.
fn markdown_marked(text: &str, spans: &[(usize, usize)]) -> String {
    runs(text, spans)
        .into_iter()
        .map(|(run, mark)| if mark { format!("**{}**", markdown_inline(run)) } else { markdown_inline(run) })
        .collect()
}

/// True when `rest` (what follows a `&`) would make an entity of it: a name or number and `;`.
fn starts_entity(rest: &str) -> bool {
    let name = rest.bytes().take(33).take_while(|b| b.is_ascii_alphanumeric() || *b == b'#').count();
    name > 0 && rest.as_bytes().get(name) == Some(&b';')
}

// ---- HTML -------------------------------------------------------------------------------

/// The stylesheet of every page: readable on a screen, and printed without colours (a link's
/// text is its address, so the address prints).
const STYLE: &str = "body{font:16px/1.5 system-ui,sans-serif;color:#111;max-width:60rem;margin:2rem auto;padding:0 1rem}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}\
th{background:#eee}\
thead{display:table-header-group}\
tr{break-inside:avoid}\
mark{background:#fde68a;color:inherit}\
.source{color:#444;font-size:.9rem}\
@media print{body{margin:0;max-width:none;font-size:11pt}th{background:none}mark{background:none;font-weight:bold}a{color:inherit}}";

/// `--format html`: one standalone HTML5 page, the records as a table, or for `show` a
/// section per duty with its clauses as a numbered list and the source below.
pub fn write_html<R: Record>(
    out: &mut dyn Write,
    records: &[R],
    fields: &[&Field],
    options: &Options,
    layout: Layout,
) -> io::Result<()> {
    let agencies: Vec<&Agency<'_>> = records.iter().filter_map(Record::of_agency).collect();
    let one_agency = agencies.first().filter(|first| agencies.iter().all(|a| std::ptr::eq(*a, **first)));
    let lang = agencies
        .first()
        .and_then(|agency| agency.lang.as_ref())
        .map(|lang| lang.as_str().trim())
        .filter(|lang| {
            !lang.is_empty()
                && lang.len() <= 35
                && lang.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
        })
        // Without one, an agency that numbers its duties in Chinese writes Chinese.
        .unwrap_or(if agencies.first().is_some_and(|agency| agency.writes_chinese_numerals()) {
            "zh"
        } else {
            "en"
        });
    let title = match (&options.heading, layout, one_agency) {
        (Some(heading), _, _) => heading.clone(),
        (None, Layout::Card, Some(agency)) => format!("Contact: {}", agency.name.as_str()),
        (None, Layout::Card, None) => "Contact".to_string(),
        (None, _, Some(agency)) => {
            let citation = Citation::of(agency, None);
            let colon = if citation.chinese { "：" } else { ": " };
            format!("{}{colon}{}", agency.name.as_str(), citation.functions)
        }
        (None, _, None) => "Main Functions".to_string(),
    };
    let mut page = String::new();
    page.push_str("<!DOCTYPE html>\n");
    let _ = writeln!(page, "<html lang=\"{}\">", html(lang));
    page.push_str("<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // A title is one line: a browser shows a line break there as text.
    let _ = writeln!(page, "<title>{}</title>", html(&title.replace(['\r', '\n'], " ")));
    let _ = writeln!(page, "<style>{STYLE}</style>");
    page.push_str("</head>\n<body>\n");
    let _ = writeln!(page, "<h1>{}</h1>", html(&title));
    if records.is_empty() {
        let none = if layout == Layout::Hits { "No duty matches." } else { "Nothing to show." };
        let _ = writeln!(page, "<p>{none}</p>");
    } else if as_duties(layout, options) {
        for (agency, duty) in records.iter().filter_map(Record::duty) {
            html_duty(&mut page, agency, duty);
        }
    } else {
        let fields = shown_fields(records, fields, options);
        page.push_str("<table>\n<thead>\n<tr>");
        for field in &fields {
            let _ = write!(page, "<th>{}</th>", html(field.label));
        }
        page.push_str("</tr>\n</thead>\n<tbody>\n");
        for record in records {
            page.push_str("<tr>");
            for field in &fields {
                page.push_str("<td>");
                match (marked(record, field.name), record.value(field.name)) {
                    (Some((text, spans)), _) => html_marked(&mut page, text, spans),
                    (None, Value::Text(url)) if field.name == "url" => html_link(&mut page, &url, &url),
                    (None, value) => page.push_str(&html(&value.to_text())),
                }
                page.push_str("</td>");
            }
            page.push_str("</tr>\n");
        }
        page.push_str("</tbody>\n</table>\n");
        if layout != Layout::Card
            && let Some(agency) = one_agency
        {
            html_source(&mut page, agency);
        }
    }
    page.push_str("</body>\n</html>\n");
    out.write_all(page.as_bytes())
}

fn html_duty(page: &mut String, agency: &Agency<'_>, duty: &Duty<'_>) {
    let numeral = agency.numeral_of_duty(duty);
    page.push_str("<article>\n");
    match &duty.title {
        Some(title) => {
            _ = writeln!(page, "<h2>{}{}{}</h2>", html(&numeral), numeral_mark(agency), html(title));
        }
        None => _ = writeln!(page, "<h2>{}</h2>", html(&numeral)),
    }
    page.push_str("<ol>\n");
    for clause in duty.clauses() {
        let _ = writeln!(page, "<li>{}</li>", html(clause));
    }
    page.push_str("</ol>\n");
    html_source(page, agency);
    page.push_str("</article>\n");
}

/// "Source: agency, Main Functions, updated date, address", the address a link when it is a
/// web address.
fn html_source(page: &mut String, agency: &Agency<'_>) {
    let citation = Citation::of(agency, None);
    let mut parts: Vec<String> = citation.parts().into_iter().map(html).collect();
    if let Some(url) = citation.url {
        let mut link = String::new();
        html_link(&mut link, url, url);
        parts.push(link);
    }
    let _ = writeln!(
        page,
        "<p class=\"source\">{}{}</p>",
        html(citation.label()),
        parts.join(citation.separator())
    );
}

/// `text`, a link to `url` when that is an `http` or `https` address, else plain text.
fn html_link(page: &mut String, url: &str, text: &str) {
    match web_address(url) {
        Some(url) => _ = write!(page, "<a href=\"{}\">{}</a>", html(url), html(text)),
        None => page.push_str(&html(text)),
    }
}

fn html_marked(page: &mut String, text: &str, spans: &[(usize, usize)]) {
    for (run, mark) in runs(text, spans) {
        if mark {
            let _ = write!(page, "<mark>{}</mark>", html(run));
        } else {
            page.push_str(&html(run));
        }
    }
}

/// A text as HTML text or attribute value: `& < > " '` as entities, a line break as `<br>`,
/// and characters that must not reach a terminal shown escaped.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' | '\r' => out.push_str("<br>"),
            '\t' => out.push(' '),
            c if sanitize::is_unsafe(c) => out.push_str(&sanitize::for_terminal(c.encode_utf8(&mut [0; 4]))),
            c => out.push(c),
        }
    }
    out
}

// ---- Citations --------------------------------------------------------------------------

/// `--format cite`: a citation per duty, a line each, for footnotes: "Science and Technology
/// Bureau of Nanchang City, Main Functions (VI), updated 2009-11-27, http://…".
pub fn write_citations<R: Record>(out: &mut dyn Write, records: &[R]) -> io::Result<()> {
    for (agency, duty) in records.iter().filter_map(Record::duty) {
        let citation = Citation::of(agency, Some(duty));
        let mut parts = citation.parts();
        parts.extend(citation.url);
        let line = parts.join(citation.separator());
        writeln!(out, "{}", sanitize::for_terminal(&line))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_escapes_what_would_change_the_text() {
        assert_eq!(
            markdown_inline("S&T | *a* _b_ [c](d) <e> `f` #g \\"),
            "S&T \\| \\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\`f\\` \\#g \\\\"
        );
        assert_eq!(markdown_inline("&amp; &#38; & x;"), "\\&amp; \\&\\#38; & x;");
        assert_eq!(markdown_inline("one\r\ntwo\nthree"), "one<br>two<br>three");
        assert_eq!(markdown_item("1. first"), "1\\. first");
        assert_eq!(markdown_item("- dash"), "\\- dash");
        assert_eq!(markdown_marked("talents policy", &[(0, 7)]), "**talents** policy");
    }

    #[test]
    fn html_escapes_every_special_character() {
        assert_eq!(
            html(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(html("a\u{1b}[31mb\u{202e}"), "a\\u{1b}[31mb\\u{202e}");
    }

    #[test]
    fn only_web_addresses_become_links() {
        assert_eq!(web_address(" https://example.org/a?b=c "), Some("https://example.org/a?b=c"));
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "https://a b",
            "https://\"><img>",
            "ftp://x.org",
            "https://",
        ] {
            assert_eq!(web_address(bad), None, "{bad}");
        }
    }
}
