//! The month view of the calendar: open days, closures and holidays.

use chrono::{Datelike, NaiveDate};
use hoshu_app::{AppError, AppResult, ErrorCode};
use hoshu_core::calendar::DayKind;
use serde::Serialize;

/// One day of the month view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CalendarDay {
    /// ISO date.
    pub date: NaiveDate,
    /// open | extra_open | saturday | sunday | holiday | year_end | extra_closure
    pub kind: &'static str,
    pub open: bool,
    /// Holiday name (e.g. 勤労感謝の日) or the closure's name.
    pub name: Option<String>,
}

pub fn month_days(
    calendar: &hoshu_core::calendar::Calendar,
    year: i32,
    month: u32,
) -> AppResult<Vec<CalendarDay>> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)
        .ok_or_else(|| AppError::new(ErrorCode::Validation, "年月の指定が正しくありません。"))?;
    Ok(first
        .iter_days()
        .take_while(|d| d.month() == month)
        .map(|date| {
            let (kind, name) = match calendar.day_kind(date) {
                DayKind::Open => ("open", None),
                DayKind::ExtraOpen => ("extra_open", Some("臨時開庁日".to_owned())),
                DayKind::Saturday => ("saturday", None),
                DayKind::Sunday => ("sunday", None),
                DayKind::Holiday(n) => ("holiday", Some(n.to_owned())),
                DayKind::YearEndClosure => ("year_end", Some("年末年始".to_owned())),
                DayKind::ExtraClosure => ("extra_closure", Some("臨時閉庁日".to_owned())),
            };
            CalendarDay {
                date,
                kind,
                open: matches!(kind, "open" | "extra_open"),
                name,
            }
        })
        .collect())
}
