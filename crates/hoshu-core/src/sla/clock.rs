//! One SLA clock and its evaluation at a given instant.

use super::SlaItem;
use super::targets::Allowance;
use crate::calendar::Calendar;
use crate::validation::ValidationErrors;
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// An interval during which a clock does not run because the desk is waiting for the
/// requester (照会中). `end` is `None` while the wait goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Pause {
    pub start: DateTime<Utc>,
    pub end: Option<DateTime<Utc>>,
}

/// Checks recorded pauses: each starts at or after `started_at`, ends after it starts, lies
/// in the past, and none overlaps another; only the last one may still be open.
pub fn validate_pauses(
    started_at: DateTime<Utc>,
    pauses: &[Pause],
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    const FIELD: &str = "paused";
    const LABEL: &str = "保留期間";
    let mut e = ValidationErrors::new();
    let mut sorted: Vec<&Pause> = pauses.iter().collect();
    sorted.sort_by_key(|p| p.start);
    for (i, p) in sorted.iter().enumerate() {
        if p.start < started_at {
            e.push(
                FIELD,
                LABEL,
                "保留の開始日時が計測開始より前になっています。".into(),
            );
        }
        if p.start > now || p.end.is_some_and(|end| end > now) {
            e.push(FIELD, LABEL, "保留期間が未来になっています。".into());
        }
        if p.end.is_some_and(|end| end <= p.start) {
            e.push(
                FIELD,
                LABEL,
                "保留の終了日時は開始日時より後にしてください。".into(),
            );
        }
        if let Some(next) = sorted.get(i + 1) {
            match p.end {
                None => e.push(
                    FIELD,
                    LABEL,
                    "終了していない保留のあとに別の保留があります。".into(),
                ),
                Some(end) if end > next.start => {
                    e.push(FIELD, LABEL, "保留期間が重なっています。".into());
                }
                Some(_) => {}
            }
        }
    }
    e.into_result()
}

/// One clock: started at `started_at`, allowed `allowance`, stopped by the event at
/// `stopped_at`, not running during `paused`.
///
/// Rules (all instants are compared as instants; durations are in the clock's own measure,
/// see [`Allowance::measure`]):
/// - The clock is **met when it stops at or before its deadline**: an event exactly at the
///   deadline is in time ("30分以内" includes the 30th minute). Until then, and also exactly
///   at the deadline, a clock that has not stopped is running; it is breached once `now` is
///   after the deadline.
/// - A stop before the start (e.g. the fixer was contacted before the isolation was recorded)
///   counts as a stop at the start: met with the whole allowance to spare.
/// - A pause extends the deadline by the time it takes in the clock's own measure (wall-clock
///   time for 24/365 clocks, service time for the others). Only the parts of pauses after the
///   start and before the stop (or `now`) count, overlapping pauses count once, and a pause
///   that begins after the deadline has passed extends nothing (the clock is already breached).
/// - A stop or a pause start later than `now` has not happened yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SlaClock {
    pub item: SlaItem,
    pub allowance: Allowance,
    pub started_at: DateTime<Utc>,
    pub stopped_at: Option<DateTime<Utc>>,
    pub paused: Vec<Pause>,
}

/// Where a clock stands at a given instant. Every state but `NotStarted` carries the deadline
/// as of that instant (a running pause moves it on).
///
/// `remaining` and `margin` are in the clock's own measure (service time for service-time and
/// business-day clocks, without paused time): how much working time is or was left. `by` is
/// wall-clock time from the deadline to the stop (or to `now` while not stopped): how late.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum ClockState {
    /// The event that starts the clock has not happened (yet).
    NotStarted,
    /// Running, the deadline not passed.
    Running {
        deadline: DateTime<Utc>,
        #[serde(rename = "remaining_secs", with = "seconds")]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        remaining: TimeDelta,
    },
    /// Waiting for the requester: the deadline moves on while the pause lasts.
    Paused {
        deadline: DateTime<Utc>,
        #[serde(rename = "remaining_secs", with = "seconds")]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        remaining: TimeDelta,
    },
    /// Stopped at `at`, at or before the deadline.
    Met {
        at: DateTime<Utc>,
        deadline: DateTime<Utc>,
        #[serde(rename = "margin_secs", with = "seconds")]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        margin: TimeDelta,
    },
    /// The deadline passed: stopped late (`at` is the stop) or not stopped yet (`at` is `None`).
    Breached {
        deadline: DateTime<Utc>,
        #[serde(rename = "by_secs", with = "seconds")]
        #[cfg_attr(feature = "ts", ts(type = "number"))]
        by: TimeDelta,
        at: Option<DateTime<Utc>>,
    },
}

impl ClockState {
    /// Stable code: not_started, running, paused, met, breached.
    pub fn code(&self) -> &'static str {
        match self {
            ClockState::NotStarted => "not_started",
            ClockState::Running { .. } => "running",
            ClockState::Paused { .. } => "paused",
            ClockState::Met { .. } => "met",
            ClockState::Breached { .. } => "breached",
        }
    }

    /// Japanese name for lists and reports.
    pub fn label(&self) -> &'static str {
        match self {
            ClockState::NotStarted => "未開始",
            ClockState::Running { .. } => "計測中",
            ClockState::Paused { .. } => "保留中",
            ClockState::Met { .. } => "達成",
            ClockState::Breached { .. } => "未達成",
        }
    }

    /// The deadline as of the instant evaluated; `None` when not started.
    pub fn deadline(&self) -> Option<DateTime<Utc>> {
        match self {
            ClockState::NotStarted => None,
            ClockState::Running { deadline, .. }
            | ClockState::Paused { deadline, .. }
            | ClockState::Met { deadline, .. }
            | ClockState::Breached { deadline, .. } => Some(*deadline),
        }
    }

    pub fn is_met(&self) -> bool {
        matches!(self, ClockState::Met { .. })
    }

    pub fn is_breached(&self) -> bool {
        matches!(self, ClockState::Breached { .. })
    }

    /// Met or breached: later events cannot change the outcome (a breach stays a breach even
    /// if the clock stops afterwards).
    pub fn is_decided(&self) -> bool {
        self.is_met() || self.is_breached()
    }
}

impl SlaClock {
    /// A running clock with no stop and no pause.
    pub fn new(item: SlaItem, allowance: Allowance, started_at: DateTime<Utc>) -> Self {
        Self {
            item,
            allowance,
            started_at,
            stopped_at: None,
            paused: Vec::new(),
        }
    }

    /// The deadline without any pause.
    pub fn base_deadline(&self, calendar: &Calendar) -> DateTime<Utc> {
        self.allowance.deadline_from(self.started_at, calendar)
    }

    /// The deadline as of `now`, pauses included (a pause still open counts up to `now`).
    pub fn deadline(&self, calendar: &Calendar, now: DateTime<Utc>) -> DateTime<Utc> {
        let pauses = self.effective_pauses(self.horizon(now));
        self.deadline_with(calendar, &pauses)
    }

    /// Where the clock stands at `now`.
    pub fn evaluate(&self, calendar: &Calendar, now: DateTime<Utc>) -> ClockState {
        if now < self.started_at {
            return ClockState::NotStarted;
        }
        let horizon = self.horizon(now);
        let pauses = self.effective_pauses(horizon);
        let deadline = self.deadline_with(calendar, &pauses);
        let elapsed = |a: DateTime<Utc>, b: DateTime<Utc>| {
            let paused: TimeDelta = pauses
                .iter()
                .map(|(s, e)| self.allowance.measure((*s).max(a), (*e).min(b), calendar))
                .sum();
            self.allowance.measure(a, b, calendar) - paused
        };
        match self.stop(now) {
            Some(at) => {
                let effective = at.max(self.started_at);
                if effective <= deadline {
                    ClockState::Met {
                        at,
                        deadline,
                        margin: elapsed(effective, deadline),
                    }
                } else {
                    ClockState::Breached {
                        deadline,
                        by: effective - deadline,
                        at: Some(at),
                    }
                }
            }
            None if now > deadline => ClockState::Breached {
                deadline,
                by: now - deadline,
                at: None,
            },
            None => {
                let remaining = elapsed(now, deadline);
                let paused_now = self
                    .paused
                    .iter()
                    .any(|p| p.start <= now && p.end.is_none_or(|end| end > now));
                if paused_now {
                    ClockState::Paused {
                        deadline,
                        remaining,
                    }
                } else {
                    ClockState::Running {
                        deadline,
                        remaining,
                    }
                }
            }
        }
    }

    /// The stop, if it has happened by `now`.
    fn stop(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.stopped_at.filter(|t| *t <= now)
    }

    /// Pauses count up to the stop, or up to `now` while the clock runs.
    fn horizon(&self, now: DateTime<Utc>) -> DateTime<Utc> {
        self.stop(now)
            .map_or(now, |t| t.max(self.started_at))
            .min(now)
    }

    /// The pauses clipped to `[started_at, horizon)`, sorted and merged.
    fn effective_pauses(&self, horizon: DateTime<Utc>) -> Vec<(DateTime<Utc>, DateTime<Utc>)> {
        let mut clipped: Vec<(DateTime<Utc>, DateTime<Utc>)> = self
            .paused
            .iter()
            .filter_map(|p| {
                let start = p.start.max(self.started_at);
                let end = p.end.unwrap_or(horizon).min(horizon);
                (end > start).then_some((start, end))
            })
            .collect();
        clipped.sort();
        let mut merged: Vec<(DateTime<Utc>, DateTime<Utc>)> = Vec::with_capacity(clipped.len());
        for (start, end) in clipped {
            match merged.last_mut() {
                Some(last) if start <= last.1 => last.1 = last.1.max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }

    fn deadline_with(
        &self,
        calendar: &Calendar,
        pauses: &[(DateTime<Utc>, DateTime<Utc>)],
    ) -> DateTime<Utc> {
        let mut deadline = self.base_deadline(calendar);
        for (start, end) in pauses {
            if *start >= deadline {
                break;
            }
            let paused = self.allowance.measure(*start, *end, calendar);
            deadline = self.allowance.extend(deadline, paused, calendar);
        }
        deadline
    }
}

/// Where `clock` stands at `now`; see [`SlaClock`] for the rules.
pub fn evaluate(clock: &SlaClock, calendar: &Calendar, now: DateTime<Utc>) -> ClockState {
    clock.evaluate(calendar, now)
}

/// Durations as whole seconds in JSON (chrono's `TimeDelta` has no serde form).
mod seconds {
    use chrono::TimeDelta;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(d: &TimeDelta, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i64(d.num_seconds())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<TimeDelta, D::Error> {
        let secs = i64::deserialize(d)?;
        TimeDelta::try_seconds(secs).ok_or_else(|| D::Error::custom("duration out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TOKYO;
    use chrono::TimeZone;

    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TOKYO
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn minutes(m: i64) -> TimeDelta {
        TimeDelta::minutes(m)
    }

    fn report_clock() -> SlaClock {
        SlaClock::new(
            SlaItem::FirstReport,
            Allowance::Continuous { minutes: 30 },
            jst(2026, 6, 1, 2, 0),
        )
    }

    #[test]
    fn running_then_breached_without_a_stop() {
        let cal = Calendar::default();
        let c = report_clock();
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 1, 59)),
            ClockState::NotStarted
        );
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 2, 10)),
            ClockState::Running {
                deadline: jst(2026, 6, 1, 2, 30),
                remaining: minutes(20)
            }
        );
        // Exactly at the deadline: still running, nothing late yet.
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 2, 30)),
            ClockState::Running {
                deadline: jst(2026, 6, 1, 2, 30),
                remaining: TimeDelta::zero()
            }
        );
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 2, 45)),
            ClockState::Breached {
                deadline: jst(2026, 6, 1, 2, 30),
                by: minutes(15),
                at: None
            }
        );
    }

    #[test]
    fn a_stop_in_the_future_has_not_happened() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.stopped_at = Some(jst(2026, 6, 1, 2, 20));
        assert!(matches!(
            c.evaluate(&cal, jst(2026, 6, 1, 2, 10)),
            ClockState::Running { .. }
        ));
        assert!(c.evaluate(&cal, jst(2026, 6, 1, 2, 20)).is_met());
    }

    #[test]
    fn stop_before_start_is_met_with_the_whole_allowance() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.stopped_at = Some(jst(2026, 6, 1, 1, 50));
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 3, 0)),
            ClockState::Met {
                at: jst(2026, 6, 1, 1, 50),
                deadline: jst(2026, 6, 1, 2, 30),
                margin: minutes(30)
            }
        );
    }

    #[test]
    fn an_open_pause_moves_the_deadline_with_now() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.paused = vec![Pause {
            start: jst(2026, 6, 1, 2, 10),
            end: None,
        }];
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 1, 3, 10)),
            ClockState::Paused {
                deadline: jst(2026, 6, 1, 3, 30),
                remaining: minutes(20)
            }
        );
    }

    #[test]
    fn a_pause_after_the_deadline_does_not_rescue_a_breach() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.paused = vec![Pause {
            start: jst(2026, 6, 1, 2, 40),
            end: Some(jst(2026, 6, 1, 4, 0)),
        }];
        assert!(c.evaluate(&cal, jst(2026, 6, 1, 5, 0)).is_breached());
        assert!(c.evaluate(&cal, jst(2026, 6, 1, 3, 0)).is_breached());
    }

    #[test]
    fn overlapping_pauses_count_once() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.paused = vec![
            Pause {
                start: jst(2026, 6, 1, 2, 10),
                end: Some(jst(2026, 6, 1, 2, 40)),
            },
            Pause {
                start: jst(2026, 6, 1, 2, 20),
                end: Some(jst(2026, 6, 1, 2, 50)),
            },
        ];
        assert_eq!(
            c.deadline(&cal, jst(2026, 6, 2, 0, 0)),
            jst(2026, 6, 1, 3, 10)
        );
    }

    #[test]
    fn pauses_after_the_stop_are_ignored() {
        let cal = Calendar::default();
        let mut c = report_clock();
        c.stopped_at = Some(jst(2026, 6, 1, 2, 20));
        c.paused = vec![Pause {
            start: jst(2026, 6, 1, 2, 25),
            end: Some(jst(2026, 6, 1, 4, 0)),
        }];
        assert_eq!(
            c.evaluate(&cal, jst(2026, 6, 2, 0, 0)),
            ClockState::Met {
                at: jst(2026, 6, 1, 2, 20),
                deadline: jst(2026, 6, 1, 2, 30),
                margin: minutes(10)
            }
        );
    }

    #[test]
    fn pauses_are_validated() {
        let start = jst(2026, 6, 1, 9, 0);
        let now = jst(2026, 6, 1, 18, 0);
        let p = |s, e| Pause { start: s, end: e };
        assert_eq!(
            validate_pauses(
                start,
                &[
                    p(jst(2026, 6, 1, 12, 0), None),
                    p(jst(2026, 6, 1, 10, 0), Some(jst(2026, 6, 1, 11, 0)))
                ],
                now
            ),
            Ok(())
        );
        let msg = |pauses: &[Pause]| {
            validate_pauses(start, pauses, now).unwrap_err().0[0]
                .message
                .clone()
        };
        assert_eq!(
            msg(&[p(jst(2026, 6, 1, 8, 0), Some(jst(2026, 6, 1, 10, 0)))]),
            "保留の開始日時が計測開始より前になっています。"
        );
        assert_eq!(
            msg(&[p(jst(2026, 6, 1, 10, 0), Some(jst(2026, 6, 1, 10, 0)))]),
            "保留の終了日時は開始日時より後にしてください。"
        );
        assert_eq!(
            msg(&[p(jst(2026, 6, 1, 17, 0), Some(jst(2026, 6, 1, 19, 0)))]),
            "保留期間が未来になっています。"
        );
        assert_eq!(
            msg(&[
                p(jst(2026, 6, 1, 10, 0), Some(jst(2026, 6, 1, 12, 0))),
                p(jst(2026, 6, 1, 11, 0), None)
            ]),
            "保留期間が重なっています。"
        );
        assert_eq!(
            msg(&[
                p(jst(2026, 6, 1, 10, 0), None),
                p(jst(2026, 6, 1, 11, 0), Some(jst(2026, 6, 1, 12, 0)))
            ]),
            "終了していない保留のあとに別の保留があります。"
        );
    }

    #[test]
    fn states_serialise_with_seconds() {
        let s = ClockState::Running {
            deadline: jst(2026, 6, 1, 2, 30),
            remaining: minutes(20),
        };
        let json = serde_json::to_value(s).unwrap();
        assert_eq!(json["state"], "running");
        assert_eq!(json["remaining_secs"], 1200);
        let back: ClockState = serde_json::from_value(json).unwrap();
        assert_eq!(back, s);
        assert_eq!(s.label(), "計測中");
        assert_eq!(s.code(), "running");
    }
}
