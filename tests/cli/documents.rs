//! `--format markdown`, `html` and `cite`: read back by a real parser of Markdown
//! (pulldown-cmark, with GitHub's tables) and a real HTML parser (html5ever, by scraper), over
//! the embedded data and a dataset of text that looks like markup.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use scraper::{Html, Selector};
use serde_json::Value;

use crate::support::{assert_error, json_of, stdout_of};

const MARKUP: &str = "tests/fixtures/documents.json";

/// A value of a JSON record as a document's cell shows it.
fn cell_text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(text) => text.replace("\r\n", "\n"),
        other => other.to_string(),
    }
}

/// What a parsed Markdown document holds: its table's cells row by row (header first), each
/// cell's bold runs, its headings, list items and paragraphs, as plain text.
#[derive(Debug, Default)]
struct Markdown {
    rows: Vec<Vec<String>>,
    bold: Vec<Vec<String>>,
    headings: Vec<String>,
    items: Vec<String>,
    paragraphs: Vec<String>,
    links: Vec<String>,
}

fn parse_markdown(markdown: &str) -> Markdown {
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut doc = Markdown::default();
    let (mut text, mut strong, mut in_strong) = (String::new(), String::new(), false);
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::TableHead | Tag::TableRow) => {
                doc.rows.push(Vec::new());
                doc.bold.push(Vec::new());
            }
            Event::Start(Tag::TableCell | Tag::Heading { .. } | Tag::Item | Tag::Paragraph) => text.clear(),
            Event::Start(Tag::Strong) => {
                in_strong = true;
                strong.clear();
            }
            Event::End(TagEnd::Strong) => {
                in_strong = false;
                doc.bold.last_mut().expect("bold in a row").push(strong.clone());
            }
            Event::Start(Tag::Link { dest_url, .. }) => doc.links.push(dest_url.to_string()),
            Event::Start(Tag::Emphasis | Tag::Strikethrough | Tag::Image { .. } | Tag::CodeBlock(_)) => {
                panic!("markup the text did not mean: {event:?} in\n{markdown}")
            }
            Event::Code(_) | Event::Html(_) => panic!("markup the text did not mean: {event:?}"),
            Event::Text(t) => {
                text.push_str(&t);
                if in_strong {
                    strong.push_str(&t);
                }
            }
            Event::InlineHtml(html) if &*html == "<br>" => text.push('\n'),
            Event::InlineHtml(html) => panic!("raw HTML the text did not mean: {html}"),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::TableCell) => doc.rows.last_mut().expect("a cell in a row").push(text.clone()),
            Event::End(TagEnd::Heading(_)) => doc.headings.push(text.clone()),
            Event::End(TagEnd::Item) => doc.items.push(text.clone()),
            Event::End(TagEnd::Paragraph) => doc.paragraphs.push(text.clone()),
            _ => {}
        }
    }
    doc
}

/// The JSON records of a command, with the fields the document's table shows.
fn records(args: &[&str], fields: &[&str]) -> Vec<Vec<String>> {
    let mut args: Vec<&str> = args.to_vec();
    let joined = fields.join(",");
    args.extend(["--json", "--fields", &joined]);
    let json = json_of(&args);
    json.as_array()
        .expect("an array")
        .iter()
        .map(|record| fields.iter().map(|field| cell_text(&record[*field])).collect())
        .collect()
}

#[test]
fn markdown_tables_read_back_as_the_records_cells() {
    let cases: [(&[&str], &[&str], &[&str]); 6] = [
        (&["list"], &["No.", "Numeral", "Title", "Duty"], &["number", "numeral", "title", "text"]),
        (
            &["--data", MARKUP, "list"],
            &["Agency", "No.", "Numeral", "Title", "Duty"],
            &["agency", "number", "numeral", "title", "text"],
        ),
        (
            &["--data", MARKUP, "contact"],
            &["Agency", "Name", "Address", "Post code", "Public supervision hotline", "Updated", "Source"],
            &["agency", "name", "address", "post_code", "hotline", "updated", "url"],
        ),
        (
            &["contact"],
            &["Name", "Address", "Post code", "Public supervision hotline", "Updated", "Source"],
            &["name", "address", "post_code", "hotline", "updated", "url"],
        ),
        // Hits of one agency: its column is left out, as in a table.
        (&["--data", MARKUP, "search", "stars"], &["Numeral", "Title", "Score", "Best clause"], &[]),
        // Hits of several agencies: the agency is named.
        (
            &["--data", MARKUP, "search", "stars", "flood"],
            &["Agency", "Numeral", "Title", "Score", "Best clause"],
            &[],
        ),
    ];
    for (args, header, fields) in cases {
        let mut command = args.to_vec();
        command.extend(["--format", "markdown"]);
        let doc = parse_markdown(&stdout_of(&command));
        assert_eq!(doc.rows[0], header, "{args:?}");
        if !fields.is_empty() {
            assert_eq!(doc.rows[1..], records(args, fields), "{args:?}");
        }
    }
}

#[test]
fn markdown_of_a_search_bolds_the_matched_words_of_the_best_clause() {
    for (data, query) in [(None, "talent"), (Some(MARKUP), "stars tags"), (None, "patents")] {
        let mut args: Vec<&str> = data.map_or(vec![], |data| vec!["--data", data]);
        args.extend(["search", query]);
        let hits = json_of(&[args.as_slice(), &["--json"]].concat());
        let doc = parse_markdown(&stdout_of(&[args.as_slice(), &["--format", "md"]].concat()));
        assert_eq!(doc.rows.len(), hits.as_array().unwrap().len() + 1, "{query}");
        for (row, (hit, bold)) in hits.as_array().unwrap().iter().zip(doc.bold.iter().skip(1)).enumerate() {
            let best = &hit["matches"][0];
            let text: Vec<char> = best["text"].as_str().unwrap().chars().collect();
            let spans: Vec<String> = best["spans"]
                .as_array()
                .unwrap()
                .iter()
                .map(|span| {
                    text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize]
                        .iter()
                        .collect()
                })
                .collect();
            assert_eq!(bold, &spans, "{query}, hit {row}");
            assert_eq!(doc.rows[row + 1].last().unwrap(), best["text"].as_str().unwrap(), "{query}");
        }
    }
}

#[test]
fn markdown_of_show_is_a_heading_numbered_clauses_and_the_source() {
    for (data, ids) in [(None, vec!["5", "9"]), (Some(MARKUP), vec!["marks:1", "marks:2", "marks:3"])] {
        let mut args: Vec<&str> = data.map_or(vec![], |data| vec!["--data", data]);
        args.push("show");
        args.extend(&ids);
        let duties = json_of(&[args.as_slice(), &["--json"]].concat());
        let out = stdout_of(&[args.as_slice(), &["--format", "markdown"]].concat());
        let doc = parse_markdown(&out);
        let duties = duties.as_array().unwrap();
        let headings: Vec<String> = duties
            .iter()
            .map(|d| match d["title"].as_str() {
                Some(title) => format!("{}. {title}", d["numeral"].as_str().unwrap()),
                None => d["numeral"].as_str().unwrap().to_string(),
            })
            .collect();
        assert_eq!(doc.headings, headings);
        let clauses: Vec<String> =
            duties.iter().flat_map(|d| d["clauses"].as_array().unwrap().iter().map(cell_text)).collect();
        assert_eq!(doc.items, clauses);
        assert_eq!(out.matches("\n1. ").count(), duties.len(), "each duty's list starts at 1:\n{out}");
        let sources: Vec<&String> = doc.paragraphs.iter().filter(|p| p.starts_with("Source: ")).collect();
        assert_eq!(sources.len(), duties.len());
    }
    // A web address in the text is a link to itself: escapes inside it would break it.
    let doc = parse_markdown(&stdout_of(&["--data", MARKUP, "show", "plain-site:1", "--format", "md"]));
    assert_eq!(doc.links[0], "https://example.org/flood_plan/2024_index.html");
    assert_eq!(doc.items[0], "Plan flood control works (see https://example.org/flood_plan/2024_index.html)");
    let doc = parse_markdown(&stdout_of(&["show", "6", "--format", "markdown"]));
    assert_eq!(
        doc.paragraphs.last().unwrap(),
        "Source: Science and Technology Bureau of Nanchang City, Main Functions, updated 2009-11-27, \
         http://english.nc.gov.cn/english/GovernmentStructure/200911/4ff32b71253d43f9817b51a0b91b8412.shtml"
    );
    assert_eq!(doc.links.len(), 1, "the address is a link");
}

/// Parses a page, and checks what no page may hold: scripts, frames, embedded objects, event
/// handlers, or links that are not to http or https addresses.
fn parse_html(page: &str) -> Html {
    assert!(page.starts_with("<!DOCTYPE html>\n"), "{page}");
    let html = Html::parse_document(page);
    assert!(html.errors.is_empty(), "{:?}\n{page}", html.errors);
    let any = Selector::parse("*").unwrap();
    for element in html.select(&any) {
        let name = element.value().name();
        assert!(
            !["script", "iframe", "img", "object", "embed", "frame", "svg", "math", "form"].contains(&name),
            "<{name}> in\n{page}"
        );
        for (attribute, value) in element.value().attrs() {
            assert!(!attribute.to_ascii_lowercase().starts_with("on"), "{attribute}={value:?} in\n{page}");
            if attribute == "href" || attribute == "src" {
                assert!(
                    value.starts_with("https://") || value.starts_with("http://"),
                    "{attribute}={value:?}"
                );
            }
        }
    }
    html
}

fn texts(html: &Html, selector: &str) -> Vec<String> {
    let selector = Selector::parse(selector).unwrap();
    html.select(&selector).map(|element| element.text().collect()).collect()
}

#[test]
fn html_is_one_page_with_the_records_and_no_active_content() {
    let page = stdout_of(&["list", "--format", "html"]);
    let html = parse_html(&page);
    assert!(page.contains("<meta charset=\"utf-8\">"));
    let root = html.select(&Selector::parse("html").unwrap()).next().unwrap();
    assert_eq!(root.value().attr("lang"), Some("en"));
    assert_eq!(texts(&html, "title"), ["Science and Technology Bureau of Nanchang City: Main Functions"]);
    assert_eq!(texts(&html, "th"), ["No.", "Numeral", "Title", "Duty"]);
    let cells: Vec<String> = records(&["list"], &["number", "numeral", "title", "text"]).concat();
    assert_eq!(texts(&html, "td"), cells);
    assert!(page.contains("@media print"), "a stylesheet for print");

    for args in [
        &["--data", MARKUP, "list"][..],
        &["--data", MARKUP, "contact"],
        &["--data", MARKUP, "search", "script alert"],
        &["--data", MARKUP, "show", "marks:1", "marks:2", "marks:3", "plain-site:1"],
        &["--data", "tests/fixtures/hostile.json", "list"],
        &["--data", "tests/fixtures/hostile.json", "show", "1", "2"],
    ] {
        let page = stdout_of(&[args, &["--format", "html"][..]].concat());
        let html = parse_html(&page);
        for (selector, count) in [("html", 1), ("head", 1), ("title", 1), ("style", 1), ("h1", 1)] {
            assert_eq!(texts(&html, selector).len(), count, "{selector} in {args:?}");
        }
    }
    // The text that looks like markup stays text, whole.
    let page = stdout_of(&["--data", MARKUP, "list", "--format", "html"]);
    let cells = texts(&parse_html(&page), "td");
    let expected: Vec<String> =
        records(&["--data", MARKUP, "list"], &["agency", "number", "numeral", "title", "text"])
            .concat()
            .into_iter()
            .map(|cell| cell.replace('\n', ""))
            .collect();
    assert_eq!(cells, expected);
}

#[test]
fn a_chinese_page_says_so_and_heads_its_duties_as_chinese_pages_do() {
    let page = stdout_of(&[
        "--data",
        "tests/fixtures/judged/beiyuan-city.json",
        "show",
        "beiyuan-education:2",
        "--format",
        "html",
    ]);
    let html = parse_html(&page);
    let root = html.select(&Selector::parse("html").unwrap()).next().unwrap();
    assert!(root.value().attr("lang").unwrap().starts_with("zh"), "{page}");
    assert!(texts(&html, "h2")[0].starts_with("二、"), "{page}");
    assert!(texts(&html, "title")[0].contains("：主要职责"), "{page}");
}

#[test]
fn html_of_show_numbers_the_clauses_and_links_only_web_addresses() {
    let html =
        parse_html(&stdout_of(&["--data", MARKUP, "show", "marks:3", "plain-site:1", "--format", "html"]));
    assert_eq!(texts(&html, "h2"), ["III", "I. Flood control"]);
    assert_eq!(
        texts(&html, "li"),
        [
            "<script>alert('text')</script>",
            "<iframe src=\"javascript:alert(2)\"></iframe> remains words",
            "Plan flood control works (see https://example.org/flood_plan/2024_index.html)",
            "guide drought relief"
        ]
    );
    let links = Selector::parse("a").unwrap();
    let hrefs: Vec<&str> = html.select(&links).filter_map(|a| a.value().attr("href")).collect();
    assert_eq!(
        hrefs,
        ["https://example.org/duties?a=1&b='2'#top", "https://example.org/duties?page=2&lang=en"]
    );
}

#[test]
fn html_of_a_search_marks_the_matched_words() {
    let html = parse_html(&stdout_of(&["search", "talnet", "--format", "html"]));
    assert_eq!(texts(&html, "title"), ["Search: talnet"]);
    let hits = json_of(&["search", "talnet", "--json"]);
    let marked: Vec<String> = hits
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|hit| {
            let best = &hit["matches"][0];
            let text: Vec<char> = best["text"].as_str().unwrap().chars().collect();
            let spans = best["spans"].as_array().unwrap().clone();
            spans.into_iter().map(move |span| {
                text[span[0].as_u64().unwrap() as usize..span[1].as_u64().unwrap() as usize].iter().collect()
            })
        })
        .collect();
    assert!(!marked.is_empty());
    assert_eq!(texts(&html, "mark"), marked);
}

#[test]
fn citations_name_the_agency_the_duty_the_date_and_the_page() {
    let url =
        "http://english.nc.gov.cn/english/GovernmentStructure/200911/4ff32b71253d43f9817b51a0b91b8412.shtml";
    assert_eq!(
        stdout_of(&["show", "VI", "--format", "cite"]),
        format!(
            "Science and Technology Bureau of Nanchang City, Main Functions (VI), updated 2009-11-27, {url}\n"
        )
    );
    let all = stdout_of(&["list", "--format", "cite"]);
    assert_eq!(all.lines().count(), 11);
    assert!(all.lines().nth(10).unwrap().contains("Main Functions (XI), updated 2009-11-27"));
    assert_eq!(
        stdout_of(&["search", "patents", "--format", "cite"]),
        format!(
            "Science and Technology Bureau of Nanchang City, Main Functions (VI), updated 2009-11-27, {url}\n"
        )
    );
    assert_error(&["contact", "--format", "cite"], 2, "--format cite cites duties");
    assert_error(
        &["list", "--format", "cite", "--fields", "title"],
        2,
        "--fields does not apply to --format cite",
    );
    assert_error(&["search", "--batch", "--format", "html"], 2, "search --batch cannot write html");
}
