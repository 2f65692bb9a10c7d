//! Properties of the SLA clocks over instants from 2018 to 2030, all three clock kinds and
//! two calendars: met exactly when stopped by the deadline, deadlines monotone in the target,
//! and pauses never shortening a deadline.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use hoshu_core::calendar::{Calendar, ServiceHours};
use hoshu_core::sla::{Allowance, ClockState, Pause, SlaClock, SlaItem};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Any instant, to the second, between 2018-01-01 and 2030-12-31 (UTC).
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let from = d(2018, 1, 1).and_hms_opt(0, 0, 0).unwrap().and_utc();
    let to = d(2030, 12, 31).and_hms_opt(0, 0, 0).unwrap().and_utc();
    (from.timestamp()..to.timestamp()).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn calendar() -> impl Strategy<Value = Calendar> {
    prop_oneof![
        Just(Calendar::default()),
        Just(Calendar::new(
            ServiceHours::new(
                NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
                NaiveTime::from_hms_opt(19, 30, 0).unwrap(),
            )
            .unwrap(),
            [d(2019, 5, 7), d(2024, 1, 4), d(2026, 4, 10)],
            [d(2019, 5, 1), d(2024, 1, 6), d(2026, 5, 4)],
        )),
    ]
}

/// An allowance of any kind, with an amount up to the settings' limits.
fn allowance() -> impl Strategy<Value = Allowance> {
    prop_oneof![
        (1u32..=10_080).prop_map(|minutes| Allowance::Continuous { minutes }),
        (1u32..=3_000).prop_map(|minutes| Allowance::ServiceTime { minutes }),
        (1u32..=60).prop_map(|days| Allowance::BusinessDays { days }),
    ]
}

/// The same kind of allowance with two amounts, the first not larger than the second.
fn allowance_pair() -> impl Strategy<Value = (Allowance, Allowance)> {
    prop_oneof![
        (1u32..=10_080, 1u32..=10_080).prop_map(|(a, b)| (
            Allowance::Continuous { minutes: a.min(b) },
            Allowance::Continuous { minutes: a.max(b) }
        )),
        (1u32..=3_000, 1u32..=3_000).prop_map(|(a, b)| (
            Allowance::ServiceTime { minutes: a.min(b) },
            Allowance::ServiceTime { minutes: a.max(b) }
        )),
        (1u32..=60, 1u32..=60).prop_map(|(a, b)| (
            Allowance::BusinessDays { days: a.min(b) },
            Allowance::BusinessDays { days: a.max(b) }
        )),
    ]
}

/// Pauses relative to a start: offsets up to ten days after it (some a little before), up to
/// two days long, the last possibly still open.
fn pauses(start: DateTime<Utc>) -> impl Strategy<Value = Vec<Pause>> {
    prop::collection::vec(
        (-3_600i64..10 * 86_400, 1i64..2 * 86_400, any::<bool>()),
        0..4,
    )
    .prop_map(move |raw| {
        raw.into_iter()
            .map(|(offset, length, open)| {
                let s = start + TimeDelta::seconds(offset);
                Pause {
                    start: s,
                    end: (!open).then(|| s + TimeDelta::seconds(length)),
                }
            })
            .collect()
    })
}

/// Seconds from a deadline to a stop: often exactly on it or one second either side.
fn stop_offset() -> impl Strategy<Value = i64> {
    prop_oneof![Just(0i64), Just(-1i64), Just(1i64), -86_400i64..86_400,]
}

fn clock_with_pauses() -> impl Strategy<Value = (Calendar, SlaClock)> {
    (calendar(), allowance(), instant()).prop_flat_map(|(cal, allowance, start)| {
        pauses(start).prop_map(move |paused| {
            let mut c = SlaClock::new(SlaItem::RequestAnswer, allowance, start);
            c.paused = paused;
            (cal.clone(), c)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Without pauses: a stop at or before the deadline is met, after it breached.
    #[test]
    fn a_stop_by_the_deadline_is_met_and_after_it_breached(
        cal in calendar(),
        allowance in allowance(),
        start in instant(),
        offset in stop_offset(),
    ) {
        let mut c = SlaClock::new(SlaItem::RequestAnswer, allowance, start);
        let deadline = c.base_deadline(&cal);
        prop_assert!(deadline >= start);
        let stop = (deadline + TimeDelta::seconds(offset)).max(start);
        c.stopped_at = Some(stop);
        let state = c.evaluate(&cal, stop + TimeDelta::days(1));
        prop_assert_eq!(state.deadline(), Some(deadline));
        if stop <= deadline {
            prop_assert!(state.is_met(), "{:?}", state);
        } else {
            prop_assert!(state.is_breached(), "{:?}", state);
        }
    }

    /// With pauses: the outcome is decided by the deadline as it stands at the stop.
    #[test]
    fn with_pauses_a_stop_by_the_deadline_is_met_and_after_it_breached(
        (cal, clock) in clock_with_pauses(),
        offset in stop_offset(),
    ) {
        // Around the deadline once every pause has ended (open ones counted up to a month).
        let settled = clock.deadline(&cal, clock.started_at + TimeDelta::days(30));
        let stop = (settled + TimeDelta::seconds(offset)).max(clock.started_at);
        let deadline = clock.deadline(&cal, stop);
        let mut stopped = clock.clone();
        stopped.stopped_at = Some(stop);
        let state = stopped.evaluate(&cal, stop + TimeDelta::days(30));
        prop_assert_eq!(state.deadline(), Some(deadline));
        prop_assert_eq!(state.is_met(), stop <= deadline, "{:?}", state);
        prop_assert_eq!(state.is_breached(), stop > deadline, "{:?}", state);
    }

    /// A larger target never gives an earlier deadline.
    #[test]
    fn the_deadline_is_monotone_in_the_target(
        cal in calendar(),
        (small, large) in allowance_pair(),
        start in instant(),
    ) {
        let a = SlaClock::new(SlaItem::RequestAnswer, small, start).base_deadline(&cal);
        let b = SlaClock::new(SlaItem::RequestAnswer, large, start).base_deadline(&cal);
        prop_assert!(a <= b, "{:?} → {}, {:?} → {}", small, a, large, b);
    }

    /// Pauses never shorten a deadline, and one more pause never shortens it either.
    #[test]
    fn pausing_never_shortens_a_deadline(
        (cal, clock) in clock_with_pauses(),
        extra_offset in 0i64..10 * 86_400,
        extra_length in 1i64..86_400,
        now_offset in 0i64..30 * 86_400,
    ) {
        let now = clock.started_at + TimeDelta::seconds(now_offset);
        let base = clock.base_deadline(&cal);
        let with = clock.deadline(&cal, now);
        prop_assert!(with >= base, "{} < {}", with, base);
        let mut more = clock.clone();
        let s = clock.started_at + TimeDelta::seconds(extra_offset);
        more.paused.push(Pause { start: s, end: Some(s + TimeDelta::seconds(extra_length)) });
        let with_more = more.deadline(&cal, now);
        prop_assert!(with_more >= with, "{} < {}", with_more, with);
    }

    /// A running clock without pauses: the time used plus the time remaining is the allowance
    /// (for business-day clocks, the service time from the start to the deadline).
    #[test]
    fn used_plus_remaining_is_the_allowance(
        cal in calendar(),
        allowance in allowance(),
        start in instant(),
        offset in 0i64..30 * 86_400,
    ) {
        let c = SlaClock::new(SlaItem::RequestAnswer, allowance, start);
        let now = start + TimeDelta::seconds(offset);
        let deadline = c.base_deadline(&cal);
        match c.evaluate(&cal, now) {
            ClockState::Running { deadline: dl, remaining } => {
                prop_assert_eq!(dl, deadline);
                let used = allowance.measure(start, now, &cal);
                prop_assert_eq!(used + remaining, allowance.measure(start, deadline, &cal));
                if let Allowance::ServiceTime { minutes } | Allowance::Continuous { minutes } = allowance {
                    prop_assert_eq!(used + remaining, TimeDelta::minutes(i64::from(minutes)));
                }
            }
            ClockState::Breached { deadline: dl, by, at: None } => {
                prop_assert_eq!(dl, deadline);
                prop_assert!(now > deadline);
                prop_assert_eq!(by, now - deadline);
            }
            other => prop_assert!(false, "unexpected {:?}", other),
        }
    }

    /// A business-day deadline is always the closing time of an open day, after the start day.
    #[test]
    fn business_day_deadlines_fall_at_closing_time(
        cal in calendar(),
        days in 1u32..=60,
        start in instant(),
    ) {
        let deadline = Allowance::BusinessDays { days }.deadline_from(start, &cal);
        let day = hoshu_core::calendar::tokyo(deadline).date_naive();
        prop_assert!(cal.is_open_day(day));
        prop_assert_eq!(cal.service_window(day).map(|(_, close)| close), Some(deadline));
        prop_assert!(day > hoshu_core::calendar::tokyo(start).date_naive());
        prop_assert_eq!(cal.open_days(hoshu_core::calendar::tokyo(start).date_naive().succ_opt().unwrap(), day).count(), days as usize);
    }
}
