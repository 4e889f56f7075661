//! Numerals, the way published pages number their duties: Roman, (I) to (XI), on English pages;
//! Chinese, （一） to （十一）, on Chinese ones.
//!
//! Datasets may leave a duty's numeral out; it is then derived from the number. Duty IDs typed by
//! users may be numerals in either system (Roman in either case), so parsing is strict (only
//! canonical numerals) with a loose reading of Roman ones kept apart for "did you mean"
//! suggestions.

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

/// True when `text` is the numeral of `n`: the canonical Roman one in either case, or a Chinese
/// one. Allocates nothing for Roman numerals, as it runs for every duty of a large dataset.
pub fn is_numeral_of(text: &str, n: u64) -> bool {
    if text.is_ascii() { is_roman_of(text, n) } else { parse_chinese(text) == Some(n) }
}

fn is_roman_of(text: &str, mut n: u64) -> bool {
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

/// The largest number the Chinese numerals here write (九千九百九十九).
pub const MAX_CHINESE: u64 = 9999;

const CHINESE_DIGITS: [char; 10] = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];
/// Place units, highest first: thousands, hundreds, tens.
const CHINESE_UNITS: [(u64, char); 3] = [(1000, '千'), (100, '百'), (10, '十')];

/// The Chinese numeral for `n` as duty lists write it: 七, 十一, 二十, 一百零五; `None` outside
/// 1..=9999.
pub fn to_chinese(n: u64) -> Option<String> {
    if n == 0 || n > MAX_CHINESE {
        return None;
    }
    let mut out = String::new();
    let mut rest = n;
    let mut gap = false;
    for (value, unit) in CHINESE_UNITS {
        let digit = rest / value;
        rest %= value;
        if digit == 0 {
            gap = !out.is_empty();
            continue;
        }
        if gap {
            out.push('零');
            gap = false;
        }
        // Ten to nineteen are written 十, 十一…, not 一十一, when they open the numeral.
        if !(value == 10 && digit == 1 && out.is_empty()) {
            out.push(CHINESE_DIGITS[digit as usize]);
        }
        out.push(unit);
    }
    if rest > 0 {
        if gap {
            out.push('零');
        }
        out.push(CHINESE_DIGITS[rest as usize]);
    }
    Some(out)
}

/// The value of a Chinese numeral: the form [`to_chinese`] writes, and the variants people also
/// write (一十一, 两百, 〇 for 零). `None` for anything else.
pub fn parse_chinese(text: &str) -> Option<u64> {
    if text.is_empty() || text.chars().count() > 16 {
        return None;
    }
    let digit = |c: char| match c {
        '〇' | '零' => Some(0),
        '两' | '兩' => Some(2),
        _ => CHINESE_DIGITS.iter().position(|&d| d == c).map(|d| d as u64),
    };
    let (mut total, mut pending, mut last_unit) = (0u64, None::<u64>, u64::MAX);
    for c in text.chars() {
        if let Some(d) = digit(c) {
            if pending.is_some_and(|p| p != 0) {
                return None;
            }
            pending = Some(d);
        } else if let Some(&(value, _)) = CHINESE_UNITS.iter().find(|(_, unit)| *unit == c) {
            if value >= last_unit {
                return None;
            }
            let times = match pending.take() {
                Some(0) => return None,
                Some(d) => d,
                None if value == 10 && total == 0 => 1,
                None => return None,
            };
            total += times * value;
            last_unit = value;
        } else {
            return None;
        }
    }
    total += pending.unwrap_or(0);
    (1..=MAX_CHINESE).contains(&total).then_some(total)
}

/// A number's digits, ASCII or full-width ("５"), as ASCII; `None` when `text` is empty or holds
/// anything else.
pub fn digits(text: &str) -> Option<String> {
    let digits: Option<String> = text
        .chars()
        .map(|c| match c {
            '0'..='9' => Some(c),
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32),
            _ => None,
        })
        .collect();
    digits.filter(|digits| !digits.is_empty())
}

/// The value of a numeral in either system: Roman in either case, or Chinese.
pub fn parse_numeral(text: &str) -> Option<u64> {
    parse_roman(text).or_else(|| parse_chinese(text))
}

/// The numeral of `n` in the system `like` is written in (Chinese when it is Chinese, else Roman).
pub fn numeral_like(like: &str, n: u64) -> Option<String> {
    if like.is_ascii() { to_roman(n) } else { to_chinese(n) }
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
    fn writes_and_reads_chinese_numerals() {
        for (n, text) in [
            (1, "一"),
            (7, "七"),
            (10, "十"),
            (11, "十一"),
            (20, "二十"),
            (21, "二十一"),
            (100, "一百"),
            (105, "一百零五"),
            (110, "一百一十"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (9999, "九千九百九十九"),
        ] {
            assert_eq!(to_chinese(n).as_deref(), Some(text));
            assert_eq!(parse_chinese(text), Some(n), "{text}");
            assert!(is_numeral_of(text, n) && !is_numeral_of(text, n + 1));
        }
        for n in 1..=MAX_CHINESE {
            assert_eq!(parse_chinese(&to_chinese(n).unwrap()), Some(n));
        }
        assert_eq!(parse_chinese("一十一"), Some(11));
        assert_eq!(parse_chinese("两百"), Some(200));
        for bad in ["", "零", "十十", "一二", "百", "二十百", "七x", "一万"] {
            assert_eq!(parse_chinese(bad), None, "{bad}");
        }
        assert_eq!(parse_numeral("XI"), Some(11));
        assert_eq!(parse_numeral("十一"), Some(11));
        assert_eq!(numeral_like("三", 4).as_deref(), Some("四"));
        assert_eq!(numeral_like("III", 4).as_deref(), Some("IV"));
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
