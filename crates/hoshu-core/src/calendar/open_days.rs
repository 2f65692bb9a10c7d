//! Open days (開庁日) and service hours.

use super::holidays::holiday_name;
use crate::validation::ValidationErrors;
use chrono::{Datelike, Days, NaiveDate, NaiveTime, TimeDelta, Weekday};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The service hours on an open day, Tokyo time: service runs from `open` (inclusive) to
/// `close` (exclusive). `open` must be before `close` (see [`ServiceHours::validate`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ServiceHours {
    pub open: NaiveTime,
    pub close: NaiveTime,
}

impl Default for ServiceHours {
    /// 8:00–19:00, the hours the contract sets.
    fn default() -> Self {
        Self {
            open: hm(8, 0),
            close: hm(19, 0),
        }
    }
}

fn hm(hour: u32, minute: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(hour, minute, 0)
        .unwrap_or_else(|| unreachable!("{hour}:{minute} is a valid time"))
}

impl ServiceHours {
    /// Validated hours: `open` must be before `close`.
    pub fn new(open: NaiveTime, close: NaiveTime) -> Result<Self, ValidationErrors> {
        let hours = Self { open, close };
        hours.validate()?;
        Ok(hours)
    }

    /// Checks that `open` is before `close`; the message names the field the user must fix.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut errors = ValidationErrors::new();
        if self.close <= self.open {
            errors.push(
                "service_close",
                "サービス終了時刻",
                "サービス終了時刻は開始時刻より後にしてください。".to_string(),
            );
        }
        errors.into_result()
    }

    /// The length of the service on one open day.
    pub fn length(&self) -> TimeDelta {
        self.close - self.open
    }
}

/// What kind of day a date is for the desk, in the order the checks apply: an extra open day
/// overrides everything; then a national holiday, the year-end closure, Sunday, Saturday and
/// finally an extra closure of an otherwise open day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(tag = "kind", content = "name", rename_all = "snake_case")]
pub enum DayKind {
    /// An ordinary open day (開庁日).
    Open,
    /// A configured extra open day (臨時開庁日) on a day that would otherwise be closed.
    ExtraOpen,
    Saturday,
    Sunday,
    /// A national holiday, with its name as the Cabinet Office lists it.
    Holiday(&'static str),
    /// 12/29–1/3 (年末年始).
    YearEndClosure,
    /// A configured extra closure (臨時閉庁日) of an otherwise open day.
    ExtraClosure,
}

impl DayKind {
    /// Whether the desk is open on a day of this kind.
    pub fn is_open(&self) -> bool {
        matches!(self, DayKind::Open | DayKind::ExtraOpen)
    }

    /// The label the month calendar shows: "開庁日", "土曜日", the holiday's name, ...
    pub fn label(&self) -> &'static str {
        match self {
            DayKind::Open => "開庁日",
            DayKind::ExtraOpen => "臨時開庁日",
            DayKind::Saturday => "土曜日",
            DayKind::Sunday => "日曜日",
            DayKind::Holiday(name) => name,
            DayKind::YearEndClosure => "年末年始休業",
            DayKind::ExtraClosure => "臨時閉庁日",
        }
    }
}

/// Whether `date` falls in the year-end closure, 12/29–1/3.
pub fn is_year_end_closure(date: NaiveDate) -> bool {
    matches!((date.month(), date.day()), (12, 29..) | (1, ..=3))
}

/// The desk's calendar: open days and service hours.
///
/// An open day is any day that is not a Saturday, a Sunday, a national holiday (1948–2099;
/// outside those years no holidays are known) or in 12/29–1/3, and is not an extra closure; an
/// extra open day is open whatever else applies (a date in both sets is open).
///
/// The service hours are always valid: every constructor and deserialisation checks them.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(try_from = "CalendarSettings")]
pub struct Calendar {
    hours: ServiceHours,
    extra_closures: BTreeSet<NaiveDate>,
    extra_open_days: BTreeSet<NaiveDate>,
}

/// The unchecked shape of [`Calendar`]'s serialised form.
#[derive(Deserialize)]
struct CalendarSettings {
    hours: ServiceHours,
    #[serde(default)]
    extra_closures: BTreeSet<NaiveDate>,
    #[serde(default)]
    extra_open_days: BTreeSet<NaiveDate>,
}

impl TryFrom<CalendarSettings> for Calendar {
    type Error = ValidationErrors;

    fn try_from(s: CalendarSettings) -> Result<Self, Self::Error> {
        Calendar::try_new(s.hours, s.extra_closures, s.extra_open_days)
    }
}

impl Calendar {
    /// A calendar with the given hours, extra closures and extra open days.
    ///
    /// # Panics
    /// If `hours` is invalid (`open` not before `close`). Hours typed by a user must go through
    /// [`Calendar::try_new`] or [`ServiceHours::new`] first.
    pub fn new(
        hours: ServiceHours,
        extra_closures: impl IntoIterator<Item = NaiveDate>,
        extra_open_days: impl IntoIterator<Item = NaiveDate>,
    ) -> Self {
        match Self::try_new(hours, extra_closures, extra_open_days) {
            Ok(calendar) => calendar,
            Err(e) => panic!("invalid service hours {hours:?}: {e}"),
        }
    }

    /// As [`Calendar::new`], but reports invalid hours as a validation error.
    pub fn try_new(
        hours: ServiceHours,
        extra_closures: impl IntoIterator<Item = NaiveDate>,
        extra_open_days: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Self, ValidationErrors> {
        hours.validate()?;
        Ok(Self {
            hours,
            extra_closures: extra_closures.into_iter().collect(),
            extra_open_days: extra_open_days.into_iter().collect(),
        })
    }

    /// The service hours on open days.
    pub fn hours(&self) -> ServiceHours {
        self.hours
    }

    /// The configured extra closures, sorted.
    pub fn extra_closures(&self) -> impl Iterator<Item = NaiveDate> {
        self.extra_closures.iter().copied()
    }

    /// The configured extra open days, sorted.
    pub fn extra_open_days(&self) -> impl Iterator<Item = NaiveDate> {
        self.extra_open_days.iter().copied()
    }

    /// What kind of day `d` is (see [`DayKind`] for the order the rules apply in).
    pub fn day_kind(&self, d: NaiveDate) -> DayKind {
        if self.extra_open_days.contains(&d) {
            return DayKind::ExtraOpen;
        }
        if let Some(name) = holiday_name(d) {
            return DayKind::Holiday(name);
        }
        if is_year_end_closure(d) {
            return DayKind::YearEndClosure;
        }
        match d.weekday() {
            Weekday::Sun => DayKind::Sunday,
            Weekday::Sat => DayKind::Saturday,
            _ if self.extra_closures.contains(&d) => DayKind::ExtraClosure,
            _ => DayKind::Open,
        }
    }

    /// Whether the desk is open on `d`.
    pub fn is_open_day(&self, d: NaiveDate) -> bool {
        self.day_kind(d).is_open()
    }

    /// The open days from `from` to `to`, both inclusive, in order.
    pub fn open_days(&self, from: NaiveDate, to: NaiveDate) -> impl Iterator<Item = NaiveDate> {
        from.iter_days()
            .take_while(move |d| *d <= to)
            .filter(move |d| self.is_open_day(*d))
    }

    /// The `n`-th open day after `d` (`d` itself does not count, open or not); `d` when `n` is 0.
    pub fn add_open_days(&self, d: NaiveDate, n: u32) -> NaiveDate {
        let mut day = d;
        let mut left = n;
        while left > 0 {
            day = next_day(day);
            if self.is_open_day(day) {
                left -= 1;
            }
        }
        day
    }

    /// The first open day on or after `d`.
    pub fn open_day_on_or_after(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_open_day(day) {
            day = next_day(day);
        }
        day
    }
}

pub(super) fn next_day(d: NaiveDate) -> NaiveDate {
    d.checked_add_days(Days::new(1))
        .unwrap_or_else(|| panic!("no day after {d}: past the end of the supported dates"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_hours_are_eight_to_nineteen() {
        let h = ServiceHours::default();
        assert_eq!((h.open, h.close), (hm(8, 0), hm(19, 0)));
        assert_eq!(h.length(), TimeDelta::hours(11));
    }

    #[test]
    fn year_end_closure_is_dec_29_to_jan_3() {
        let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
        assert!(!is_year_end_closure(d(12, 28)));
        assert!(is_year_end_closure(d(12, 29)));
        assert!(is_year_end_closure(d(12, 31)));
        assert!(is_year_end_closure(d(1, 1)));
        assert!(is_year_end_closure(d(1, 3)));
        assert!(!is_year_end_closure(d(1, 4)));
    }
}
