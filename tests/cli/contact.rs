//! `ncstb contact`: the record, the card table and the vCard.

use crate::support::{assert_error, assert_golden, json_of, stdout_of};

#[test]
fn json_record_holds_the_published_details() {
    assert_eq!(
        json_of(&["contact", "--json"]),
        serde_json::json!([{
            "agency": "nanchang-stb",
            "name": "Science and Technology Bureau of Nanchang City",
            "address": "4F, Municipal Government Building, Honggutan New District",
            "post_code": "330038",
            "hotline": "83884236",
            "updated": "2009-11-27",
            "url": "http://english.nc.gov.cn/english/GovernmentStructure/200911/4ff32b71253d43f9817b51a0b91b8412.shtml"
        }])
    );
}

#[test]
fn plain_and_table() {
    assert_eq!(
        stdout_of(&["contact"]),
        "nanchang-stb\tScience and Technology Bureau of Nanchang City\t4F, Municipal Government Building, \
         Honggutan New District\t330038\t83884236\t2009-11-27\t\
         http://english.nc.gov.cn/english/GovernmentStructure/200911/4ff32b71253d43f9817b51a0b91b8412.shtml\n"
    );
    assert_golden("contact-100.txt", &stdout_of(&["contact", "--format", "table"]));
}

/// Unfolds a vCard (RFC 6350 §3.2) into its content lines, checking the folding on the way.
fn content_lines(card: &str) -> Vec<String> {
    assert!(card.ends_with("\r\n"));
    let mut lines: Vec<String> = Vec::new();
    for physical in card.strip_suffix("\r\n").unwrap().split("\r\n") {
        assert!(!physical.contains('\n') && !physical.contains('\r'), "bare line end in {physical:?}");
        assert!(physical.len() <= 75, "line longer than 75 octets: {physical:?}");
        match physical.strip_prefix(' ') {
            Some(continued) => lines.last_mut().expect("a folded line continues one").push_str(continued),
            None => lines.push(physical.to_string()),
        }
    }
    lines
}

#[test]
fn vcard_is_a_valid_version_4_card() {
    let card = stdout_of(&["contact", "--format", "vcard"]);
    let lines = content_lines(&card);
    assert_eq!(lines.first().map(String::as_str), Some("BEGIN:VCARD"));
    assert_eq!(lines.get(1).map(String::as_str), Some("VERSION:4.0"));
    assert_eq!(lines.last().map(String::as_str), Some("END:VCARD"));
    let has = |line: &str| lines.iter().any(|l| l == line);
    assert!(has("FN:Science and Technology Bureau of Nanchang City"));
    assert!(has("ORG:Science and Technology Bureau of Nanchang City"));
    assert!(has("KIND:org"));
    assert!(has("ADR;TYPE=work:;;4F\\, Municipal Government Building\\, Honggutan New District;;;330038;"));
    assert!(has("TEL;TYPE=work,voice;VALUE=text:83884236"));
    let note = lines.iter().find(|l| l.starts_with("NOTE:")).expect("a NOTE");
    assert!(note.contains("public supervision hotline"), "{note}");
    assert!(card.lines().any(|l| l.starts_with(' ')), "the long NOTE line is folded");
}

#[test]
fn vcard_is_only_for_contact() {
    assert_error(&["list", "--format", "vcard"], 2, "--format vcard is for `ncstb contact`");
}
