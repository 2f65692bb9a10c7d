//! The desk's calendar: national holidays, open days (開庁日) and service hours.
//!
//! - [`holidays`]: Japanese national holidays 1948–2099, computed from the Act on National
//!   Holidays ([`holiday_name`], [`holidays_in_year`]).
//! - [`Calendar`]: which days the desk is open (not Saturday, Sunday, a national holiday or
//!   12/29–1/3, plus configured extra closures and extra open days) and the service hours on
//!   those days, with the arithmetic SLA clocks need ([`Calendar::add_service_time`],
//!   [`Calendar::service_time_between`], [`Calendar::add_open_days`], ...).
//!
//! Instants are stored and passed as UTC; days and hours are those of Asia/Tokyo ([`TOKYO`]).
//! Nothing here reads the clock: "now" is always an argument.

mod business_time;
pub mod fiscal;
pub mod holidays;
mod open_days;

pub use holidays::{
    Holiday, HolidayKind, holiday, holiday_name, holidays_between, holidays_in_year, is_holiday,
};
pub use open_days::{Calendar, DayKind, ServiceHours, is_year_end_closure};

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The desk's time zone. All days and service hours are Tokyo days and hours.
pub const TOKYO: Tz = chrono_tz::Asia::Tokyo;

/// `t` as Tokyo local time.
pub fn tokyo(t: DateTime<Utc>) -> DateTime<Tz> {
    t.with_timezone(&TOKYO)
}

/// The instant of a Tokyo wall-clock time.
///
/// Japan has kept standard time since 1951; for the summer-time years 1948–1951 an ambiguous
/// wall-clock time resolves to the earlier instant and a skipped one to standard time (+09:00).
pub fn tokyo_to_utc(local: NaiveDateTime) -> DateTime<Utc> {
    match TOKYO.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        LocalResult::None => {
            Utc.from_utc_datetime(&(local - chrono::TimeDelta::hours(JST_OFFSET_HOURS)))
        }
    }
}

const JST_OFFSET_HOURS: i64 = 9;

/// A calendar month as days: its first day and the first day of the next month (the end,
/// excluded). `None` for a month outside 1–12 or a year chrono cannot hold.
pub fn month_days(year: i32, month: u32) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    Some((first, first.checked_add_months(chrono::Months::new(1))?))
}

/// The instant a Tokyo day begins.
pub fn tokyo_day_start(day: NaiveDate) -> DateTime<Utc> {
    tokyo_to_utc(day.and_time(NaiveTime::MIN))
}
