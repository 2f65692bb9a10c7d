//! Service-time arithmetic: the clock that only runs during service hours on open days.
//!
//! A service window is half-open: service runs from the opening instant (inclusive) to the
//! closing instant (exclusive). An instant exactly at closing time is therefore outside the
//! window, and the next service starts at the next open day's opening time.

use super::open_days::{Calendar, next_day};
use super::{tokyo, tokyo_to_utc};
use chrono::{DateTime, NaiveDate, TimeDelta, Utc};

impl Calendar {
    /// The service window of `d` as UTC instants `(open, close)`; `None` on a closed day.
    pub fn service_window(&self, d: NaiveDate) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
        self.is_open_day(d).then(|| self.window_of(d))
    }

    fn window_of(&self, d: NaiveDate) -> (DateTime<Utc>, DateTime<Utc>) {
        let hours = self.hours();
        (
            tokyo_to_utc(d.and_time(hours.open)),
            tokyo_to_utc(d.and_time(hours.close)),
        )
    }

    /// Whether `t` is within service hours on an open day.
    pub fn is_in_service(&self, t: DateTime<Utc>) -> bool {
        self.service_window(tokyo(t).date_naive())
            .is_some_and(|(open, close)| open <= t && t < close)
    }

    /// `t` itself when it is within service hours of an open day, otherwise the next opening
    /// instant. Idempotent, and the result is always in service.
    pub fn next_open_instant(&self, t: DateTime<Utc>) -> DateTime<Utc> {
        let mut day = tokyo(t).date_naive();
        if let Some((open, close)) = self.service_window(day) {
            if t < open {
                return open;
            }
            if t < close {
                return t;
            }
        }
        loop {
            day = next_day(day);
            if let Some((open, _)) = self.service_window(day) {
                return open;
            }
        }
    }

    /// The service time that elapses from `a` to `b`: the total overlap of `[a, b)` with the
    /// service windows of open days. Zero when `b <= a`.
    pub fn service_time_between(&self, a: DateTime<Utc>, b: DateTime<Utc>) -> TimeDelta {
        let mut total = TimeDelta::zero();
        if b <= a {
            return total;
        }
        let last = tokyo(b).date_naive();
        let mut day = tokyo(a).date_naive();
        while day <= last {
            if let Some((open, close)) = self.service_window(day) {
                let from = open.max(a);
                let to = close.min(b);
                if to > from {
                    total += to - from;
                }
            }
            day = next_day(day);
        }
        total
    }

    /// The instant at which `d` of service time has elapsed since `start`: the SLA deadline of
    /// a clock that runs only during service hours. When the time runs out exactly at closing,
    /// the closing instant itself is returned (not the next opening). `start` itself when `d`
    /// is zero or negative.
    ///
    /// Walks day by day, so `d` should be reasonable (years of service time at most).
    pub fn add_service_time(&self, start: DateTime<Utc>, d: TimeDelta) -> DateTime<Utc> {
        if d <= TimeDelta::zero() {
            return start;
        }
        let mut left = d;
        let mut day = tokyo(start).date_naive();
        loop {
            if let Some((open, close)) = self.service_window(day) {
                let from = open.max(start);
                if close > from {
                    let available = close - from;
                    if left <= available {
                        return from + left;
                    }
                    left -= available;
                }
            }
            day = next_day(day);
        }
    }
}
