//! The fiscal year 年度: April to March, named by the Western year of its April (令和8年度 is
//! April 2026 – March 2027). The one place this rule is written.

use super::{TOKYO, tokyo};
use chrono::{DateTime, Datelike, NaiveDate, TimeZone, Utc};

/// The first and last fiscal year the desk handles: what a contract, a report or a disc can
/// name. Outside it a year is refused rather than turned into some other date.
pub const FISCAL_YEARS: std::ops::RangeInclusive<i32> = 1989..=2999;

/// The fiscal year a date falls in.
pub fn fiscal_year_of(date: NaiveDate) -> i32 {
    if date.month() >= 4 {
        date.year()
    } else {
        date.year() - 1
    }
}

/// The fiscal year an instant falls in, by the date in Tokyo.
pub fn fiscal_year_at(t: DateTime<Utc>) -> i32 {
    fiscal_year_of(tokyo(t).date_naive())
}

/// April 1 and March 31 of fiscal year `fy`; `None` outside [`FISCAL_YEARS`].
pub fn fiscal_year_dates(fy: i32) -> Option<(NaiveDate, NaiveDate)> {
    if !FISCAL_YEARS.contains(&fy) {
        return None;
    }
    Some((
        NaiveDate::from_ymd_opt(fy, 4, 1)?,
        NaiveDate::from_ymd_opt(fy + 1, 3, 31)?,
    ))
}

/// `[April 1 00:00, next April 1 00:00)` of fiscal year `fy` in Tokyo, as UTC instants; `None`
/// outside [`FISCAL_YEARS`].
pub fn fiscal_year_span(fy: i32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let (first, last) = fiscal_year_dates(fy)?;
    let midnight = |d: NaiveDate| {
        TOKYO
            .from_local_datetime(&d.and_hms_opt(0, 0, 0)?)
            .single()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((midnight(first)?, midnight(last.succ_opt()?)?))
}

/// 令和8年度 for fiscal year `fy`; a year outside [`FISCAL_YEARS`] as `{fy}年度`.
pub fn fiscal_year_label(fy: i32) -> String {
    match fiscal_year_dates(fy) {
        Some((april, _)) => format!("{}度", crate::wareki::era_year(april)),
        None => format!("{fy}年度"),
    }
}

/// The (year, month) of the twelve months of fiscal year `fy`, April first.
pub fn fiscal_months(fy: i32) -> [(i32, u32); 12] {
    std::array::from_fn(|i| {
        let m = 4 + i as u32;
        if m <= 12 { (fy, m) } else { (fy + 1, m - 12) }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn april_starts_the_year_and_march_ends_it() {
        assert_eq!(fiscal_year_of(date(2026, 4, 1)), 2026);
        assert_eq!(fiscal_year_of(date(2027, 3, 31)), 2026);
        assert_eq!(fiscal_year_of(date(2026, 3, 31)), 2025);
        assert_eq!(
            fiscal_year_dates(2026),
            Some((date(2026, 4, 1), date(2027, 3, 31)))
        );
        let months = fiscal_months(2026);
        assert_eq!(months[0], (2026, 4));
        assert_eq!(months[8], (2026, 12));
        assert_eq!(months[11], (2027, 3));
    }

    #[test]
    fn instants_count_by_the_date_in_tokyo() {
        // 2027-03-31 15:00 UTC is already April 1 in Tokyo.
        let t = Utc.with_ymd_and_hms(2027, 3, 31, 15, 0, 0).unwrap();
        assert_eq!(fiscal_year_at(t), 2027);
        assert_eq!(fiscal_year_at(t - chrono::TimeDelta::seconds(1)), 2026);
        let (from, to) = fiscal_year_span(2026).unwrap();
        assert_eq!(from, Utc.with_ymd_and_hms(2026, 3, 31, 15, 0, 0).unwrap());
        assert_eq!(to, t);
    }

    #[test]
    fn years_outside_the_range_are_refused_not_guessed() {
        assert_eq!(fiscal_year_dates(300_000), None);
        assert_eq!(fiscal_year_span(-5), None);
        assert_eq!(fiscal_year_dates(1988), None);
        assert_eq!(fiscal_year_label(300_000), "300000年度");
        assert_eq!(fiscal_year_label(2020), "令和2年度");
        assert_eq!(fiscal_year_label(2026), "令和8年度");
    }
}
