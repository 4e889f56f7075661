//! `--fields`, `--format` and `--color`, across subcommands.

use crate::support::{assert_error, json_of, ncstb, stdout_of};

#[test]
fn fields_select_and_order_in_every_format() {
    assert_eq!(stdout_of(&["show", "7", "--fields", "title,numeral"]), "Private S&T work\tVII\n");
    assert_eq!(
        stdout_of(&["show", "7", "--fields", "title,numeral", "--format", "csv"]),
        "title,numeral\nPrivate S&T work,VII\n"
    );
    assert_eq!(
        json_of(&["show", "7", "--fields", "title,numeral", "--json"]),
        serde_json::json!([{"title": "Private S&T work", "numeral": "VII"}])
    );
    let keys = json_of(&["contact", "--fields", "hotline,post_code", "--json"]);
    assert_eq!(keys, serde_json::json!([{"hotline": "83884236", "post_code": "330038"}]));
}

#[test]
fn clauses_appear_in_text_formats_only_when_named_joined_by_semicolons() {
    assert!(!stdout_of(&["list", "--format", "csv"]).lines().next().unwrap().contains("clauses"));
    assert_eq!(
        stdout_of(&["show", "2", "--fields", "clauses"]),
        "Organize and formulate the city’s mid- and long-term planning and annual plans on S&T development; \
         administer centrally and guide the city’s S&T system reform; \
         guide the S&T system reform of department, county and district.\n"
    );
}

#[test]
fn unknown_fields_are_errors_listing_the_valid_ones() {
    assert_error(
        &["list", "--fields", "numeral,titel"],
        2,
        "unknown field \"titel\" (did you mean title?): valid fields are agency, number, numeral, title, text or clauses",
    );
    assert_error(
        &["contact", "--fields", "phone", "--json"],
        2,
        "valid fields are agency, name, address, post_code, hotline, updated or url",
    );
    assert_error(&["list", "--fields", ""], 2, "valid fields are");
}

#[test]
fn colour_only_when_asked_or_at_a_terminal() {
    let always = stdout_of(&["list", "--format", "table", "--color", "always"]);
    assert!(always.contains("\x1b["), "colour was asked for");
    for args in [
        &["list", "--format", "table", "--color", "never"][..],
        &["list", "--format", "table"],
        &["list", "--color", "always"],
        &["list", "--json", "--color", "always"],
    ] {
        assert!(!stdout_of(args).contains('\x1b'), "no colour for {args:?}");
    }
    let forced = ncstb().args(["list", "--format", "table"]).env("CLICOLOR_FORCE", "1").output().unwrap();
    assert!(String::from_utf8(forced.stdout).unwrap().contains("\x1b["));
    let vetoed = ncstb()
        .args(["list", "--format", "table"])
        .env("CLICOLOR_FORCE", "1")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!String::from_utf8(vetoed.stdout).unwrap().contains('\x1b'));
    // CLICOLOR=0 says no colour unless forced; CLICOLOR_FORCE wins over it, NO_COLOR over both.
    let off = ncstb().args(["list", "--format", "table"]).env("CLICOLOR", "0").output().unwrap();
    assert!(!String::from_utf8(off.stdout).unwrap().contains('\x1b'));
    let both = ncstb()
        .args(["list", "--format", "table"])
        .env("CLICOLOR", "0")
        .env("CLICOLOR_FORCE", "1")
        .output()
        .unwrap();
    assert!(String::from_utf8(both.stdout).unwrap().contains("\x1b["));
}

#[test]
fn color_never_governs_help_too() {
    for args in [&["--help"][..], &["search", "--help"], &["list", "-h"]] {
        let plain =
            ncstb().args(args).args(["--color", "never"]).env("CLICOLOR_FORCE", "1").output().unwrap();
        assert!(!String::from_utf8(plain.stdout).unwrap().contains('\x1b'), "{args:?}");
        let styled = ncstb().args(args).args(["--color=always"]).output().unwrap();
        assert!(String::from_utf8(styled.stdout).unwrap().contains("\x1b["), "{args:?}");
    }
}

#[test]
fn bad_format_and_width_are_usage_errors() {
    for args in [
        &["list", "--format", "xml"][..],
        &["list", "--width", "9"],
        &["list", "--width", "wide"],
        &["list", "--json", "--format", "csv"],
    ] {
        let output = ncstb().args(args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty());
        assert!(String::from_utf8_lossy(&output.stderr).starts_with("error:"), "{args:?}");
    }
}
