//! `ncstb import`: turns the text of a published "main functions" page into a dataset. Two
//! shapes are read, the English one of the embedded page and the Chinese one it translates:
//!
//! ```text
//! The current position : Home page > …       当前位置：首页 > …
//! Science and Technology Bureau of …         某某市科学技术局
//! updated on: 2009-11-27                     更新时间：2023年5月10日   (or 发布日期：…)
//! Main Functions:                            主要职责：
//!    (I) Carry out …                         （一）贯彻执行……；……。
//! Address: …                                 地址：…
//! Post code: 330038                          邮编：330038
//! Public supervision hotline: 83884236       监督电话：…               (or 电话：…)
//! ```
//!
//! Duties are numbered (I), （一）, (一), 一、 or 1.; a line that starts no duty goes on with the
//! one before. A field the page does not have is left out, never made up; a page that cannot be
//! read is refused with the line and what was expected there.

use serde::Serialize;

use crate::dataset::numeral::{digits, parse_chinese, parse_roman};
use crate::dataset::{SCHEMA_VERSION, is_date};
use crate::search::text::is_cjk;

/// A page that cannot be read: the line (from 1; 0 for the page as a whole) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageError {
    pub line: usize,
    pub message: String,
}

fn error(line: usize, message: impl Into<String>) -> PageError {
    PageError { line, message: message.into() }
}

/// A dataset of imported agencies, serialised in the schema's field order.
#[derive(Debug, Serialize)]
pub struct ImportedDataset {
    pub schema_version: u64,
    pub agencies: Vec<ImportedAgency>,
}

impl ImportedDataset {
    pub fn new(agencies: Vec<ImportedAgency>) -> Self {
        ImportedDataset { schema_version: SCHEMA_VERSION, agencies }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportedAgency {
    pub id: String,
    pub name: String,
    pub lang: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<ImportedSource>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contact: Option<ImportedContact>,
    pub functions: Vec<ImportedDuty>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedSource {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub breadcrumb: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportedContact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub post_code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hotline: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ImportedDuty {
    pub number: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numeral: Option<String>,
    pub text: String,
}

/// The labels of a page's lines, English (matched without regard to case) and Chinese.
const BREADCRUMB: &[&str] = &["the current position", "current position", "当前位置", "您的位置", "你的位置"];
const UPDATED: &[&str] =
    &["updated on", "updated", "last updated", "更新时间", "更新日期", "发布日期", "发布时间", "日期"];
const HEADING: &[&str] =
    &["main functions", "main responsibilities", "主要职责", "主要职能", "职能职责", "工作职责"];
const ADDRESS: &[&str] = &["address", "地址", "通讯地址", "办公地址", "联系地址"];
const POST_CODE: &[&str] = &["post code", "postcode", "postal code", "zip code", "邮编", "邮政编码"];
const SUPERVISION_HOTLINE: &[&str] =
    &["public supervision hotline", "supervision hotline", "hotline", "监督电话", "监督举报电话", "举报电话"];
const TELEPHONE: &[&str] = &["telephone", "tel", "phone", "联系电话", "咨询电话", "电话"];

/// The value after `label` and a colon (":" or "：") when the line starts so; the heading of the
/// duties may stand without its colon.
fn labelled<'l>(line: &'l str, labels: &[&str], colon_optional: bool) -> Option<&'l str> {
    labels.iter().find_map(|label| {
        let head = line.get(..label.len()).filter(|head| head.eq_ignore_ascii_case(label))?;
        let rest = line[head.len()..].trim_start();
        match rest.strip_prefix([':', '：']) {
            Some(value) => Some(value.trim()),
            None if colon_optional && rest.is_empty() => Some(""),
            None => None,
        }
    })
}

/// A line with its surrounding spaces (including no-break and ideographic ones) trimmed.
fn trimmed(line: &str) -> &str {
    line.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}')
}

/// A value as the page writes it, its ends trimmed: the spaces inside are the page's own.
fn as_written(text: &str) -> String {
    trimmed(text).to_string()
}

/// A date as pages write it, as YYYY-MM-DD: 2009-11-27, 2009/11/27, 2009.11.27, 2023年5月10日.
pub fn parse_date(text: &str) -> Option<String> {
    let digits: Vec<&str> =
        text.split(|c: char| !c.is_ascii_digit()).filter(|part| !part.is_empty()).collect();
    let [year, month, day] = digits[..] else { return None };
    let rest: String = text.chars().filter(|c| !c.is_ascii_digit()).collect();
    if !matches!(rest.as_str(), "--" | "//" | ".." | "年月日" | "年月") || year.len() != 4 {
        return None;
    }
    let date = format!("{year}-{month:0>2}-{day:0>2}");
    is_date(&date).then_some(date)
}

/// A duty's number marker at the start of a line: (I), （一）, (一), 一、, 1. or 1、, with the
/// number, the numeral as written (none for digits) and the text after it.
fn duty_marker(line: &str) -> Option<(u64, Option<String>, &str)> {
    let numeral_value = |text: &str| {
        if let Some(digits) = digits(text) {
            return digits.parse().ok().map(|n| (n, None));
        }
        parse_roman(text).or_else(|| parse_chinese(text)).map(|n| (n, Some(text.to_string())))
    };
    for (open, close) in [('(', ')'), ('（', '）'), ('(', '）'), ('（', ')')] {
        if let Some(rest) = line.strip_prefix(open)
            && let Some((inside, after)) = rest.split_once(close)
            && let Some((number, numeral)) = numeral_value(inside.trim())
        {
            return Some((number, numeral, after));
        }
    }
    // 一、 and 1、 or 1. : the numeral runs up to the mark.
    let (inside, after) = line.split_once(['、', '.', '．'])?;
    let inside = inside.trim();
    let chinese_or_digits = inside.chars().all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        || parse_chinese(inside).is_some();
    if !chinese_or_digits {
        return None;
    }
    let (number, numeral) = numeral_value(inside)?;
    Some((number, numeral, after))
}

/// Joins a line that goes on with a duty to its text: Chinese runs on without a space.
fn join(text: &mut String, more: &str) {
    let wide = |c: Option<char>| {
        c.is_some_and(|c| {
            is_cjk(c) || ('\u{3000}'..='\u{303f}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c)
        })
    };
    // A line break next to a Chinese character stands for no space ("高速公路" + "ETC电子").
    let runs_on = wide(text.chars().next_back()) || wide(more.chars().next());
    if !text.is_empty() && !runs_on {
        text.push(' ');
    }
    text.push_str(more);
}

/// An id made of the name: lower case, words joined by hyphens (Chinese characters kept).
pub fn slug(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_string();
    if slug.is_empty() { "agency".to_string() } else { slug }
}

/// Where the reading of a page stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Duties,
    Contact,
}

/// The contact lines, most specific label first: a supervision hotline before a plain
/// telephone, which stands for it only when the page has no supervision hotline.
const CONTACT_FIELDS: [(&[&str], Field); 4] = [
    (ADDRESS, Field::Address),
    (POST_CODE, Field::PostCode),
    (SUPERVISION_HOTLINE, Field::Hotline),
    (TELEPHONE, Field::Telephone),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Address,
    PostCode,
    Hotline,
    Telephone,
}

/// The labels of a line a page may have once, by what they label.
fn field_name(field: Field) -> &'static str {
    match field {
        Field::Address => "address",
        Field::PostCode => "post code",
        Field::Hotline => "supervision hotline",
        Field::Telephone => "telephone",
    }
}

/// Reads one page. `id` is the agency's id; `None` makes one of its name.
pub fn parse_page(text: &str, id: Option<&str>) -> Result<ImportedAgency, PageError> {
    let mut part = Part::Header;
    let (mut name, mut breadcrumb, mut updated) = (None::<String>, Vec::new(), None::<String>);
    let mut fields: [Option<(String, usize)>; 4] = Default::default();
    let mut duties: Vec<ImportedDuty> = Vec::new();
    let mut heading_line = 0;
    let mut lines = 0;
    for (index, raw) in text.lines().enumerate() {
        let number = index + 1;
        lines = number;
        let line = trimmed(raw);
        if line.is_empty() {
            continue;
        }
        // Contact lines end the duties.
        let contact =
            CONTACT_FIELDS.iter().find_map(|(labels, field)| Some((labelled(line, labels, false)?, *field)));
        if let Some((value, field)) = contact {
            if part == Part::Header {
                return Err(error(
                    number,
                    format!(
                        "expected the duties' heading (\"Main Functions:\" or \"主要职责：\") before {line:?}"
                    ),
                ));
            }
            let slot = &mut fields[field as usize];
            if let Some((_, first)) = slot {
                return Err(error(
                    number,
                    format!(
                        "expected one {} line, found a second (the first is line {first})",
                        field_name(field)
                    ),
                ));
            }
            if !value.is_empty() {
                *slot = Some((as_written(value), number));
            }
            part = Part::Contact;
            continue;
        }
        match part {
            Part::Header => {
                if let Some(value) = labelled(line, BREADCRUMB, false) {
                    breadcrumb = value
                        .split(['>', '＞', '»', '›'])
                        .map(as_written)
                        .filter(|c| !c.is_empty())
                        .collect();
                } else if let Some(value) = labelled(line, UPDATED, false) {
                    if updated.is_some() {
                        return Err(error(number, "expected one date the page was updated, found a second"));
                    }
                    // Pages follow the date with a time or a source ("2022-08-15 10:30　来源：…").
                    let date =
                        value.split(|c: char| c.is_whitespace() || c == '\u{3000}').next().unwrap_or(value);
                    updated = Some(parse_date(date).ok_or_else(|| {
                        error(
                            number,
                            format!("expected a date such as 2009-11-27 or 2023年5月10日, found {value:?}"),
                        )
                    })?);
                } else if let Some(rest) = labelled(line, HEADING, true) {
                    if name.is_none() {
                        return Err(error(
                            number,
                            "expected the agency's name on a line of its own before the duties' heading",
                        ));
                    }
                    heading_line = number;
                    part = Part::Duties;
                    if !rest.is_empty() {
                        add_line(&mut duties, rest, number)?;
                    }
                } else if name.is_none() && line.chars().any(char::is_alphanumeric) && !is_page_chrome(line) {
                    name = Some(as_written(line));
                }
                // Other lines before the heading (a page's "print" or "font size" links) say
                // nothing of the agency and are passed over.
            }
            Part::Duties => add_line(&mut duties, line, number)?,
            // After the contact lines only a page's footer may stand: no more duties, and no
            // second page.
            Part::Contact => {
                if labelled(line, HEADING, true).is_some() || marker_like(line).is_some() {
                    return Err(error(
                        number,
                        format!(
                            "expected the page to end after its contact lines, found {line:?} (one page per file)"
                        ),
                    ));
                }
            }
        }
    }
    if part == Part::Header {
        return Err(error(
            lines,
            "expected the duties' heading, \"Main Functions:\" or \"主要职责：\", and found none",
        ));
    }
    if duties.is_empty() {
        return Err(error(
            heading_line,
            "expected duties numbered (I), （一） or 1. after the heading, and found none",
        ));
    }
    for duty in &mut duties {
        duty.text = duty.text.trim().to_string();
    }
    let name = name.unwrap_or_default();
    let cjk = name.chars().any(is_cjk) || duties.iter().any(|duty| duty.text.chars().any(is_cjk));
    let [address, post_code, hotline, telephone] = fields.map(|field| field.map(|(value, _)| value));
    let contact = ImportedContact { address, post_code, hotline: hotline.or(telephone) };
    let has_contact = contact.address.is_some() || contact.post_code.is_some() || contact.hotline.is_some();
    Ok(ImportedAgency {
        id: id.map_or_else(|| slug(&name), str::to_string),
        name,
        lang: if cjk { "zh" } else { "en" },
        source: (!breadcrumb.is_empty() || updated.is_some())
            .then_some(ImportedSource { breadcrumb, updated }),
        contact: has_contact.then_some(contact),
        functions: duties,
    })
}

/// True for a line of a page's own links, not of its content: 【打印】【关闭】, [Print] [Close],
/// 字号：大 中 小.
fn is_page_chrome(line: &str) -> bool {
    let bracketed =
        (line.starts_with('【') && line.ends_with('】')) || (line.starts_with('[') && line.ends_with(']'));
    bracketed || line.starts_with("字号") || (line.contains("打印") && line.contains("关闭"))
}

/// The numbering a line opens with when it looks like a duty's, read or not: "(IV)", "（一万）",
/// "十、", "12.".
fn marker_like(line: &str) -> Option<&str> {
    let numeral_char = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "IVXLCDMivxlcdm零〇一二三四五六七八九十百千万亿两".contains(c)
    };
    let inside =
        |text: &str| !text.is_empty() && text.chars().count() <= 16 && text.chars().all(numeral_char);
    for (open, close) in [('(', [')', '）']), ('（', [')', '）'])] {
        if let Some(rest) = line.strip_prefix(open)
            && let Some(end) = rest.find(close)
            && inside(rest[..end].trim())
        {
            return Some(
                &line[..open.len_utf8() + end + rest[end..].chars().next().map_or(0, char::len_utf8)],
            );
        }
    }
    let (head, _) = line.split_once(['、', '．'])?;
    // "1." only before a space or a letter: "3.5 billion" opens no duty.
    inside(head).then_some(head).or_else(|| {
        let (head, after) = line.split_once('.')?;
        (inside(head)
            && head.bytes().all(|b| b.is_ascii_digit())
            && !after.starts_with(|c: char| c.is_ascii_digit()))
        .then_some(head)
    })
}

/// A line among the duties: a new duty when it starts with the next number, else more of the
/// last one. Numbering that skips, repeats or cannot be read is refused.
fn add_line(duties: &mut Vec<ImportedDuty>, line: &str, number: usize) -> Result<(), PageError> {
    let expected = duties.len() as u64 + 1;
    if let Some((found, numeral, text)) = duty_marker(line).filter(|(found, ..)| *found == expected) {
        let text = as_written(text);
        if text.is_empty() {
            return Err(error(
                number,
                format!("expected the text of duty {expected}, found only its number"),
            ));
        }
        duties.push(ImportedDuty { number: found, numeral, text });
        return Ok(());
    }
    if let Some(marker) = marker_like(line) {
        return Err(error(
            number,
            format!(
                "expected duty {expected} next, found {marker:?}: the page's numbering skips, repeats or cannot be read"
            ),
        ));
    }
    // More of the last duty; before the first, an introduction ("…主要职责是："), passed over.
    if let Some(last) = duties.last_mut() {
        join(&mut last.text, &as_written(line));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_as_pages_write_them() {
        assert_eq!(parse_date("2009-11-27").as_deref(), Some("2009-11-27"));
        assert_eq!(parse_date("2023年5月10日").as_deref(), Some("2023-05-10"));
        assert_eq!(parse_date("2021/3/2").as_deref(), Some("2021-03-02"));
        let page =
            "甲局\n发布日期：2022-08-15　　来源：本局办公室\n主要职责：\n（一）推行高速公路\nETC电子收费。\n";
        let agency = parse_page(page, None).unwrap();
        assert_eq!(agency.source.unwrap().updated.as_deref(), Some("2022-08-15"));
        assert_eq!(agency.functions[0].text, "推行高速公路ETC电子收费。");
        for bad in ["2023-02-30", "yesterday", "2023年5月", "10/05/2023", ""] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn markers_in_every_style() {
        assert_eq!(duty_marker("(IV) Study").map(|m| (m.0, m.1)), Some((4, Some("IV".into()))));
        assert_eq!(duty_marker("（十一）负责").map(|m| (m.0, m.1)), Some((11, Some("十一".into()))));
        assert_eq!(duty_marker("三、组织").map(|m| (m.0, m.2)), Some((3, "组织")));
        assert_eq!(duty_marker("2. Organize").map(|m| (m.0, m.1)), Some((2, None)));
        assert_eq!(duty_marker("（Ｒ＆Ｄ）投入"), None);
        assert_eq!(duty_marker("etc. and more"), None);
    }

    #[test]
    fn slugs_keep_letters_and_chinese() {
        assert_eq!(
            slug("Science and Technology Bureau of Nanchang City"),
            "science-and-technology-bureau-of-nanchang-city"
        );
        assert_eq!(slug("霁川市 科学技术局"), "霁川市-科学技术局");
        assert_eq!(slug("!!!"), "agency");
    }

    #[test]
    fn numbering_that_skips_is_refused_with_its_line() {
        let page = "某市教育局\n主要职责：\n（一）负责。\n（二）指导。\n（四）监督。\n";
        let err = parse_page(page, None).unwrap_err();
        assert_eq!(err.line, 5);
        assert!(err.message.contains("expected duty 3 next, found \"（四）\""), "{}", err.message);
        for (page, line) in [
            ("甲局\n主要职责：\n（一）负责。\n（一）指导。\n", 4),
            ("甲局\n主要职责：\n（一）负责。\n地址：某地\n（二）指导。\n", 5),
            ("甲局\n主要职责：\n（一）\n", 3),
            ("甲局\n主要职责：\n（一）负责。\n地址：甲\n地址：乙\n", 5),
            ("A\nMain Functions:\n(I) a.\n(MMMM) b.\n", 4),
        ] {
            assert_eq!(parse_page(page, None).map(|_| ()).unwrap_err().line, line, "{page}");
        }
        // A page's own links are not its name, wherever they stand.
        let page = "【打印】【关闭】\n当前位置：首页 > 甲局\n甲局\n主要职责：\n（一）负责。\n";
        assert_eq!(parse_page(page, None).unwrap().name, "甲局");
        // A supervision hotline is preferred to a plain telephone line, whatever their order.
        let page = "甲局\n主要职责：\n（一）负责。\n电话：111\n监督电话：222\n";
        assert_eq!(parse_page(page, None).unwrap().contact.unwrap().hotline.as_deref(), Some("222"));
    }
}
