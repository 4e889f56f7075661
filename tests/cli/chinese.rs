//! Chinese datasets: numerals, references, validation, search by pairs of characters, spans in
//! characters, full-width forms, and tables with double-width characters.

use crate::support::{TempFile, assert_error, json_of, run, stdout_of};

const DATA: &str = "tests/fixtures/judged/hongzhou-city.json";

fn shown(ids: &[&str]) -> Vec<String> {
    let mut args = vec![
        "show",
        "--data",
        DATA,
        "--agency",
        "hongzhou-sci-tech",
        "--format",
        "tsv",
        "--fields",
        "numeral",
        "--",
    ];
    args.extend(ids);
    stdout_of(&args).lines().skip(1).map(String::from).collect()
}

#[test]
fn show_takes_chinese_numerals_in_every_form() {
    assert_eq!(shown(&["七"]), ["七"]);
    assert_eq!(shown(&["（七）"]), ["七"]);
    assert_eq!(shown(&["(七)"]), ["七"]);
    assert_eq!(shown(&["三-五"]), ["三", "四", "五"]);
    assert_eq!(shown(&["十一", "７"]), ["十一", "七"]);
    assert_eq!(shown(&["hongzhou-sci-tech：二"]), ["二"]);
    // A missing duty is named in the agency's own numerals.
    assert_error(
        &["show", "--data", DATA, "--agency", "hongzhou-sci-tech", "二十"],
        2,
        "no duty 二十 (20): duties are 1–14 (一–十四); the nearest is 十四 (14)",
    );
}

#[test]
fn validate_checks_chinese_numerals_dates_languages_and_addresses() {
    let json = r#"{"schema_version":1,"agencies":[{"id":"a","name":"甲局","lang":"chinese",
        "source":{"updated":"2023年5月10日","url":"javascript:alert(1)"},
        "functions":[{"number":1,"numeral":"一","text":"负责。"},{"number":2,"numeral":"三","text":"组织。"}]}]}"#;
    let file = TempFile::new("bad.json", json.as_bytes());
    let output = run(&["validate", file.path()]);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stdout.contains(
            "/agencies/0/functions/1/numeral: numeral \"三\" disagrees with number 2 (expected \"二\")"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("/agencies/0/source/updated: updated \"2023年5月10日\" is not a date"),
        "{stdout}"
    );
    assert!(stdout.contains("/agencies/0/lang: lang \"chinese\" is not a language tag"), "{stdout}");
    assert!(
        stdout.contains("/agencies/0/source/url: url \"javascript:alert(1)\" is not a web address"),
        "{stdout}"
    );
    assert_eq!(stdout.lines().count(), 4, "{stdout}");
}

#[test]
fn search_finds_words_apart_and_ranks_them_typed_together_first() {
    let hits = json_of(&["search", "--data", DATA, "--format", "json", "--", "科技人才"]);
    let first = &hits[0];
    assert_eq!(first["agency"], "hongzhou-sci-tech");
    assert_eq!(first["number"], 7);
    // Spans count characters: 科技人才 stands at characters 6–10 of the first clause.
    let clause = first["matches"].as_array().unwrap().iter().find(|m| m["clause"] == 1).unwrap();
    let text: Vec<char> = clause["text"].as_str().unwrap().chars().collect();
    let span = &clause["spans"][0];
    let (start, end) = (span[0].as_u64().unwrap() as usize, span[1].as_u64().unwrap() as usize);
    assert_eq!(text[start..end].iter().collect::<String>(), "科技人才");
    // 人才引进: the text has 引进…人才, other words between and in the other order.
    let apart = json_of(&["search", "--data", DATA, "--format", "json", "--", "人才引进"]);
    assert_eq!((apart[0]["number"].as_u64(), apart[0]["partial"].as_bool()), (Some(7), Some(false)));
}

#[test]
fn full_width_and_mixed_queries_match_their_ascii_forms() {
    for query in ["SME", "ＳＭＥ", "sme 培育", "R&D 经费"] {
        let hits = json_of(&["search", "--data", DATA, "--format", "json", "--", query]);
        let numbers: Vec<u64> =
            hits.as_array().unwrap().iter().filter_map(|h| h["number"].as_u64()).collect();
        assert!(!numbers.is_empty(), "{query} found nothing");
        let text = hits[0]["text"].as_str().unwrap();
        assert!(text.contains("ＳＭＥ") || text.contains("Ｒ＆Ｄ"), "{query}: {text}");
    }
}

#[test]
fn a_chinese_query_that_finds_nothing_proposes_nothing() {
    let output = run(&["search", "--data", DATA, "--format", "table", "--", "住房公积金"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("did you mean"), "{stderr}");
    let json = run(&["search", "--data", DATA, "--format", "json", "--", "住房公积金"]);
    assert_eq!((json.status.code(), json.stdout.as_slice()), (Some(1), b"[]\n".as_slice()));
}

#[test]
fn tables_keep_their_borders_with_double_width_characters() {
    let output = crate::support::ncstb()
        .args(["list", "--data", DATA, "--agency", "hongzhou-health", "--format", "table"])
        .env("COLUMNS", "60")
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    let widths: Vec<usize> = table.lines().map(display_width).collect();
    assert!(widths.iter().all(|&w| w == widths[0] && w <= 60), "{table}");
}

/// Columns a line takes at a terminal: CJK and full-width characters take two.
fn display_width(line: &str) -> usize {
    line.chars()
        .map(|c| match c as u32 {
            0x1100..=0x115f
            | 0x2e80..=0x303e
            | 0x3041..=0x33ff
            | 0x3400..=0x4dbf
            | 0x4e00..=0x9fff
            | 0xac00..=0xd7a3
            | 0xf900..=0xfaff
            | 0xfe30..=0xfe4f
            | 0xff00..=0xff60
            | 0xffe0..=0xffe6 => 2,
            _ => 1,
        })
        .sum()
}

#[test]
fn a_pasted_chinese_clause_is_a_query_not_too_many_words() {
    // 50 characters: 49 pairs, counted as about two to a word.
    let clause = "组织编制全市科技计划并监督实施，会同有关部门管理市级财政科技资金统筹全市研发经费投入的统计分析和考核工作";
    let hits = json_of(&["search", "--data", DATA, "--format", "json", "--", clause]);
    assert_eq!(
        (hits[0]["agency"].as_str(), hits[0]["number"].as_u64()),
        (Some("hongzhou-sci-tech"), Some(3))
    );
}

#[test]
fn a_shortened_word_finds_its_full_form_and_no_more() {
    let json = r#"{"schema_version":1,"agencies":[{"id":"jt","name":"交通运输局","lang":"zh","functions":[
        {"number":1,"numeral":"一","text":"负责城市公共交通和出租汽车行业管理；受理相关投诉。"},
        {"number":2,"numeral":"二","text":"负责引进和培养交通运输专业人员。"}]}]}"#;
    let file = TempFile::new("taxi.json", json.as_bytes());
    let path = file.path();
    let numbers = |query: &str| -> Vec<u64> {
        let output = run(&["search", "--data", path, "--format", "json", "--", query]);
        let hits: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        hits.as_array().unwrap().iter().filter_map(|hit| hit["number"].as_u64()).collect()
    };
    // 出租车 is 出租汽车: 出租 stands in the text, and 车 in 汽车.
    assert_eq!(numbers("出租车"), [1]);
    assert_eq!(numbers("哪个部门管出租车"), [1]);
    // 人才 stands nowhere: 人 in 人员 does not stand for it.
    assert_eq!(numbers("人才引进"), Vec::<u64>::new());
    // A request alone is what the user asks for, not an empty query.
    assert_eq!(run(&["search", "--data", path, "--format", "json", "--", "哪个部门"]).status.code(), Some(1));
    // Chinese lists of duties.
    let shown = stdout_of(&["show", "--data", path, "一，二", "--format", "tsv", "--fields", "number"]);
    assert_eq!(shown, "number\n1\n2\n");
    std::fs::remove_file(path).unwrap();
}
