//! Dates in the Japanese era (和暦), as documents for the city write them:
//! "令和8年4月10日(金)", "R8.4.10", "令和8年3月", with 元年 for the first year of an era.
//!
//! The era and the year within it come from ICU4X's Japanese calendar (CLDR data), so era
//! boundaries are exact to the day (1912-07-30 大正, 1926-12-25 昭和, 1989-01-08 平成,
//! 2019-05-01 令和). The strings are composed here because the documents need forms CLDR does
//! not offer (the "R8.4.10" short form, the weekday in parentheses).
//!
//! ICU4X's Japanese calendar starts in 明治6年 (1873), when Japan adopted the Gregorian
//! calendar; earlier dates, and dates ICU4X cannot represent, are written in the Western year
//! ("1868年10月23日(金)", "1868.10.23").

use crate::calendar::tokyo;
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use icu::calendar::Date;
use icu::calendar::cal::Japanese;

/// A Japanese era known to this module: its name and the letter of the short form.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Era {
    name: &'static str,
    letter: &'static str,
}

/// ICU4X era codes (CLDR) → names. An era added to ICU4X's data after this table was written
/// falls back to the Western year until it is added here.
const ERAS: [(&str, Era); 5] = [
    (
        "meiji",
        Era {
            name: "明治",
            letter: "M",
        },
    ),
    (
        "taisho",
        Era {
            name: "大正",
            letter: "T",
        },
    ),
    (
        "showa",
        Era {
            name: "昭和",
            letter: "S",
        },
    ),
    (
        "heisei",
        Era {
            name: "平成",
            letter: "H",
        },
    ),
    (
        "reiwa",
        Era {
            name: "令和",
            letter: "R",
        },
    ),
];

/// The era of a date and the year within it; `era` is `None` for a Western year.
#[derive(Debug, Clone, Copy)]
struct EraYear {
    era: Option<Era>,
    year: i32,
}

impl EraYear {
    fn of(date: NaiveDate) -> Self {
        let western = Self {
            era: None,
            year: date.year(),
        };
        let (Ok(month), Ok(day)) = (u8::try_from(date.month()), u8::try_from(date.day())) else {
            return western;
        };
        let Ok(iso) = Date::try_new_iso(date.year(), month, day) else {
            return western;
        };
        let era_year = iso.to_calendar(Japanese::new()).era_year();
        let code = era_year.era.as_str();
        match ERAS.iter().find(|(c, _)| *c == code) {
            Some((_, era)) => Self {
                era: Some(*era),
                year: era_year.year,
            },
            None => western,
        }
    }

    /// "令和8年", "令和元年", "1868年".
    fn long(&self) -> String {
        match self.era {
            Some(era) if self.year == 1 => format!("{}元年", era.name),
            Some(era) => format!("{}{}年", era.name, self.year),
            None => format!("{}年", self.year),
        }
    }

    /// "R8", "R1", "1868".
    fn short(&self) -> String {
        match self.era {
            Some(era) => format!("{}{}", era.letter, self.year),
            None => self.year.to_string(),
        }
    }
}

/// The weekday as documents write it: 日, 月, 火, 水, 木, 金, 土.
pub fn weekday_ja(date: NaiveDate) -> &'static str {
    const NAMES: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];
    NAMES[date.weekday().num_days_from_sunday() as usize]
}

/// "令和8年4月10日(金)"; "令和元年5月1日(水)" in the first year of an era.
pub fn long(date: NaiveDate) -> String {
    format!(
        "{}{}月{}日({})",
        EraYear::of(date).long(),
        date.month(),
        date.day(),
        weekday_ja(date)
    )
}

/// "R8.4.10"; "R1.5.1" in the first year of an era (letters M, T, S, H, R).
pub fn short(date: NaiveDate) -> String {
    format!(
        "{}.{}.{}",
        EraYear::of(date).short(),
        date.month(),
        date.day()
    )
}

/// "令和8年"; "令和元年" in the first year of an era.
pub fn era_year(date: NaiveDate) -> String {
    EraYear::of(date).long()
}

/// "令和8年3月", for document titles and periods. The era is the one in force at the end of
/// the month, so May 2019 is "令和元年5月" and January 1989 "平成元年1月".
/// A month outside 1–12 is written as given after the Western year.
pub fn year_month(year: i32, month: u32) -> String {
    let last_day = crate::calendar::month_days(year, month).and_then(|(_, next)| next.pred_opt());
    match last_day {
        Some(day) => format!("{}{}月", EraYear::of(day).long(), month),
        None => format!("{year}年{month}月"),
    }
}

/// "令和8年4月10日(金) 14:05": an instant written in Tokyo time.
pub fn datetime_long(t: DateTime<Utc>) -> String {
    let local = tokyo(t);
    format!(
        "{} {:02}:{:02}",
        long(local.date_naive()),
        local.hour(),
        local.minute()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_known_era_code_is_used_by_icu() {
        // Mid-era dates: each table entry must be reachable, or ICU renamed a code.
        for (date, name) in [
            ((1900, 1, 1), "明治33年"),
            ((1920, 1, 1), "大正9年"),
            ((1950, 1, 1), "昭和25年"),
            ((2000, 1, 1), "平成12年"),
            ((2025, 1, 1), "令和7年"),
        ] {
            let d = NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap();
            assert_eq!(era_year(d), name);
        }
    }
}
