//! `ncstb import`: published pages, English and Chinese, into datasets.

use crate::support::{assert_error, json_of, ncstb, repo_file, stdout_of};

#[test]
fn the_source_page_gives_the_embedded_dataset_back() {
    let imported = json_of(&["import", "data/source.txt", "--id", "nanchang-stb"]);
    let mut embedded: serde_json::Value = serde_json::from_str(&repo_file("data/nanchang-stb.json")).unwrap();
    // Titles are editorial and the page's address is not on the page: all else is published.
    let agency = &mut embedded["agencies"][0];
    agency["source"].as_object_mut().unwrap().remove("url");
    for duty in agency["functions"].as_array_mut().unwrap() {
        duty.as_object_mut().unwrap().remove("title");
    }
    assert_eq!(imported, embedded);
    // Without --id, the id is made of the name.
    let named = json_of(&["import", "data/source.txt"]);
    assert_eq!(named["agencies"][0]["id"], "science-and-technology-bureau-of-nanchang-city");
}

#[test]
fn chinese_pages_in_both_shapes_become_valid_agencies() {
    let dataset = json_of(&[
        "import",
        "tests/fixtures/pages/jichuan-science.txt",
        "tests/fixtures/pages/lanping-health.txt",
        "tests/fixtures/pages/xiyan-agriculture.txt",
    ]);
    let agencies = dataset["agencies"].as_array().unwrap();
    assert_eq!(agencies.len(), 3);
    let health = &agencies[1];
    assert_eq!(health["id"], "岚平市卫生健康委员会");
    assert_eq!(
        (health["lang"].as_str(), health["source"]["updated"].as_str()),
        (Some("zh"), Some("2021-03-02"))
    );
    assert_eq!(
        health["source"]["breadcrumb"],
        serde_json::json!(["首页", "政府信息公开", "机构职能", "岚平市卫生健康委员会"])
    );
    assert_eq!(health["contact"]["hotline"], "0734-8226120");
    // A duty that runs over two lines is one text, joined without a space.
    let second = health["functions"][1]["text"].as_str().unwrap();
    assert!(second.contains("公立医院综合改革，健全现代医院管理制度"), "{second}");
    assert_eq!(health["functions"][1]["numeral"], "二");
    let science = &agencies[0];
    assert_eq!(science["source"]["updated"], "2023-05-10", "更新时间：2023年5月10日");
    assert_eq!(agencies[2]["lang"], "en");
    // The dataset is valid, and search and show work on it at once.
    let path = std::env::temp_dir().join(format!("ncstb-import-{}.json", std::process::id()));
    std::fs::write(&path, dataset.to_string()).unwrap();
    let path = path.to_str().unwrap();
    assert_eq!(
        stdout_of(&["validate", path]),
        format!("{path}: ok: 3 agencies, {} duties\n", duty_count(&dataset))
    );
    let shown = stdout_of(&[
        "show",
        "--data",
        path,
        "岚平市卫生健康委员会:（三）",
        "--format",
        "tsv",
        "--fields",
        "numeral",
    ]);
    assert_eq!(shown, "numeral\n三\n");
    std::fs::remove_file(path).unwrap();
}

fn duty_count(dataset: &serde_json::Value) -> usize {
    dataset["agencies"].as_array().unwrap().iter().map(|a| a["functions"].as_array().unwrap().len()).sum()
}

#[test]
fn a_page_that_cannot_be_read_names_its_line() {
    assert_error(
        &["import", "tests/fixtures/pages/skipped-numbering.txt"],
        2,
        "tests/fixtures/pages/skipped-numbering.txt:7: expected duty 3 next, found \"（四）\"",
    );
    let empty = ncstb().args(["import", "-"]).write_stdin("just some text\n").output().unwrap();
    assert_eq!(empty.status.code(), Some(2));
    assert!(empty.stdout.is_empty());
    assert_eq!(
        String::from_utf8_lossy(&empty.stderr),
        "ncstb: error: <stdin>:1: expected the duties' heading, \"Main Functions:\" or \"主要职责：\", and found none\n"
    );
    let bad_date = ncstb()
        .args(["import", "-"])
        .write_stdin("甲局\n更新时间：2023年2月30日\n主要职责：\n（一）负责。\n")
        .output()
        .unwrap();
    assert!(
        String::from_utf8_lossy(&bad_date.stderr).contains("<stdin>:2: expected a date such as 2009-11-27")
    );
    assert_error(&["import", "data/source.txt", "--id", "a b"], 2, "--id \"a b\": an agency id must have");
    assert_error(&["import", "-", "-"], 2, "- (standard input) may be given only once");
    assert_error(&["import", "tests"], 2, "tests: is a directory, not a page file");
    assert_error(
        &["import", "data/source.txt", "data/source.txt", "--id", "a"],
        2,
        "1 --id for 2 pages: give one --id per page",
    );
}

#[test]
fn the_same_agency_twice_gets_two_ids() {
    let dataset = json_of(&["import", "data/source.txt", "data/source.txt"]);
    let ids: Vec<&str> =
        dataset["agencies"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap()).collect();
    assert_eq!(
        ids,
        [
            "science-and-technology-bureau-of-nanchang-city",
            "science-and-technology-bureau-of-nanchang-city-2"
        ]
    );
}
