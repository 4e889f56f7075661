//! Roman numerals, the way the source numbers its duties: (I) to (XI).
//!
//! Datasets may leave a duty's numeral out; it is then derived from the number. Duty IDs typed by
//! users may be numerals in either case, so parsing is strict (only canonical numerals) with a
//! loose reading kept apart for "did you mean" suggestions.

/// The largest number standard Roman numerals can write.
pub const MAX_ROMAN: u64 = 3999;

const DIGITS: [(u64, &str); 13] = [
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
];

/// The canonical upper-case numeral for `n`, or `None` outside 1..=3999.
pub fn to_roman(mut n: u64) -> Option<String> {
    if n == 0 || n > MAX_ROMAN {
        return None;
    }
    let mut out = String::new();
    for &(value, digits) in &DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    Some(out)
}

/// True when `text` is the canonical numeral of `n`, in either case; allocates nothing, as it
/// runs for every duty of a large dataset.
pub fn is_numeral_of(text: &str, mut n: u64) -> bool {
    if n == 0 || n > MAX_ROMAN {
        return false;
    }
    let mut rest = text.as_bytes();
    for &(value, digits) in &DIGITS {
        while n >= value {
            match rest.split_at_checked(digits.len()) {
                Some((head, tail)) if head.eq_ignore_ascii_case(digits.as_bytes()) => rest = tail,
                _ => return false,
            }
            n -= value;
        }
    }
    rest.is_empty()
}

/// The value of a canonical numeral in either case ("xi" → 11); `None` for anything else,
/// including non-canonical spellings such as "IIII".
pub fn parse_roman(text: &str) -> Option<u64> {
    let value = loose_roman_value(text)?;
    let canonical = to_roman(value)?;
    canonical.eq_ignore_ascii_case(text).then_some(value)
}

/// The additive-subtractive value of any string of numeral letters ("IIII" → 4, "MMMM" → 4000),
/// for suggesting the nearest real duty. `None` when a character is not a numeral letter.
pub fn loose_roman_value(text: &str) -> Option<u64> {
    if text.is_empty() || text.len() > 64 {
        return None;
    }
    let values: Vec<u64> = text
        .chars()
        .map(|c| match c.to_ascii_uppercase() {
            'I' => Some(1),
            'V' => Some(5),
            'X' => Some(10),
            'L' => Some(50),
            'C' => Some(100),
            'D' => Some(500),
            'M' => Some(1000),
            _ => None,
        })
        .collect::<Option<_>>()?;
    let mut total: i64 = 0;
    for (i, &v) in values.iter().enumerate() {
        let v = v as i64;
        match values.get(i + 1) {
            Some(&next) if (next as i64) > v => total -= v,
            _ => total += v,
        }
    }
    u64::try_from(total).ok().filter(|&t| t > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_reads_every_numeral() {
        for n in 1..=MAX_ROMAN {
            let numeral = to_roman(n).unwrap();
            assert_eq!(parse_roman(&numeral), Some(n), "{numeral}");
            assert_eq!(parse_roman(&numeral.to_lowercase()), Some(n));
            assert!(is_numeral_of(&numeral, n) && is_numeral_of(&numeral.to_lowercase(), n));
            assert!(!is_numeral_of(&numeral, n + 1) && !is_numeral_of(&format!("{numeral}I"), n));
        }
        assert_eq!(to_roman(11).as_deref(), Some("XI"));
        assert_eq!(to_roman(0), None);
        assert_eq!(to_roman(4000), None);
    }

    #[test]
    fn rejects_non_canonical_numerals_but_values_them_loosely() {
        assert_eq!(parse_roman("IIII"), None);
        assert_eq!(parse_roman("VX"), None);
        assert_eq!(parse_roman(""), None);
        assert_eq!(parse_roman("XIZ"), None);
        assert_eq!(loose_roman_value("IIII"), Some(4));
        assert_eq!(loose_roman_value("MMMM"), Some(4000));
        assert_eq!(loose_roman_value("XII"), Some(12));
        assert_eq!(loose_roman_value("foo"), None);
    }
}
