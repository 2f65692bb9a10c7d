//! Dates as registers and exports write them: 西暦 (`2025/04/03`, `2025-4-3`, `2025年4月3日`,
//! with or without `11:32`) and 和暦 (`R7.4.1`, `令和7年4月1日`, `令和元年5月1日`, `H31.4.30`).
//!
//! ICU4X formats 和暦 (see `hoshu_core::wareki`) but does not parse it, so the era table is
//! here: a date is accepted only inside its era (令和元年4月1日 does not exist).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use unicode_normalization::UnicodeNormalization;

/// An era's names (kanji and the initial used in `R7.4.1`) and its first day (Gregorian).
type Era = (&'static [&'static str], (i32, u32, u32));

/// Each era, newest first.
const ERAS: &[Era] = &[
    (&["令和", "r"], (2019, 5, 1)),
    (&["平成", "h"], (1989, 1, 8)),
    (&["昭和", "s"], (1926, 12, 25)),
    (&["大正", "t"], (1912, 7, 30)),
    (&["明治", "m"], (1873, 1, 1)),
];

/// A date, with a time of day when one is written.
pub fn parse_date_time(text: &str) -> Option<NaiveDateTime> {
    // NFKC: full-width digits and letters, and the one-character era ㋿ (令和).
    let text: String = text.nfkc().collect::<String>().trim().to_lowercase();
    if text.is_empty() {
        return None;
    }
    let (era, rest) = split_era(&text);
    let numbers = numbers(rest)?;
    let (y, m, d, time) = match numbers.as_slice() {
        [y, m, d] => (*y, *m, *d, NaiveTime::MIN),
        [y, m, d, h, min] => (*y, *m, *d, NaiveTime::from_hms_opt(*h, *min, 0)?),
        [y, m, d, h, min, s] => (*y, *m, *d, NaiveTime::from_hms_opt(*h, *min, *s)?),
        _ => return None,
    };
    let date = match era {
        Some(index) => {
            let (_, (start_y, start_m, start_d)) = ERAS[index];
            let start = NaiveDate::from_ymd_opt(start_y, start_m, start_d)?;
            let year = i32::try_from(y).ok()?;
            if year < 1 {
                return None;
            }
            let date = NaiveDate::from_ymd_opt(start_y + year - 1, m, d)?;
            let next_era_start = index
                .checked_sub(1)
                .and_then(|newer| {
                    let (_, (y, m, d)) = ERAS[newer];
                    NaiveDate::from_ymd_opt(y, m, d)
                })
                .unwrap_or(NaiveDate::MAX);
            if date < start || date >= next_era_start {
                return None;
            }
            date
        }
        None => {
            let year = i32::try_from(y)
                .ok()
                .filter(|y| (1900..=2200).contains(y))?;
            NaiveDate::from_ymd_opt(year, m, d)?
        }
    };
    Some(date.and_time(time))
}

/// A date; a time written after it is allowed and dropped.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    parse_date_time(text).map(|t| t.date())
}

fn split_era(text: &str) -> (Option<usize>, &str) {
    for (i, (names, _)) in ERAS.iter().enumerate() {
        for name in *names {
            if let Some(rest) = text.strip_prefix(name) {
                // `r7.4.1` but not a stray letter before a western date.
                if rest.starts_with(|c: char| c.is_ascii_digit() || c == '元' || c == ' ') {
                    return (Some(i), rest.trim_start());
                }
            }
        }
    }
    (None, text)
}

/// The numbers of a date and time, with the separators people write between them; `元` is 1.
fn numbers(text: &str) -> Option<Vec<u32>> {
    let mut out = Vec::new();
    let mut current: Option<u32> = None;
    for c in text.chars() {
        match c {
            '0'..='9' => {
                let digit = c.to_digit(10)?;
                current = Some(current.unwrap_or(0).checked_mul(10)?.checked_add(digit)?);
            }
            '元' if current.is_none() => current = Some(1),
            '/' | '-' | '.' | '年' | '月' | '日' | ':' | ' ' | 't' | '時' | '分' | '秒' => {
                if let Some(n) = current.take() {
                    out.push(n);
                }
            }
            _ => return None,
        }
    }
    if let Some(n) = current {
        out.push(n);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn western_dates_in_the_usual_spellings() {
        for s in [
            "2025/04/03",
            "2025/4/3",
            "2025-04-03",
            "2025年4月3日",
            "２０２５／０４／０３",
        ] {
            assert_eq!(parse_date(s), Some(d(2025, 4, 3)), "{s}");
        }
        assert_eq!(
            parse_date_time("2025/04/03 11:32"),
            Some(d(2025, 4, 3).and_hms_opt(11, 32, 0).unwrap())
        );
        assert_eq!(
            parse_date_time("2025-04-03T11:32:05"),
            Some(d(2025, 4, 3).and_hms_opt(11, 32, 5).unwrap())
        );
    }

    #[test]
    fn wareki_dates_inside_their_era() {
        assert_eq!(parse_date("R7.4.1"), Some(d(2025, 4, 1)));
        assert_eq!(parse_date("令和7年4月1日"), Some(d(2025, 4, 1)));
        assert_eq!(parse_date("令和元年5月1日"), Some(d(2019, 5, 1)));
        assert_eq!(parse_date("㋿7年4月1日"), Some(d(2025, 4, 1)));
        assert_eq!(parse_date("H31.4.30"), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("平成31年4月30日"), Some(d(2019, 4, 30)));
        assert_eq!(parse_date("S64.1.7"), Some(d(1989, 1, 7)));
        // Days that never existed under that era.
        assert_eq!(parse_date("令和元年4月1日"), None);
        assert_eq!(parse_date("H31.5.1"), None);
        assert_eq!(parse_date("S64.1.8"), None);
    }

    #[test]
    fn impossible_or_partial_dates_are_refused() {
        for s in [
            "2025/13/45",
            "2025/02/29",
            "2025/4",
            "4/3",
            "未定",
            "",
            "R7.4.1.2.3.4.5",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
        assert_eq!(parse_date_time("2025/04/03 25:00"), None);
    }
}
