//! Properties of the service-time clock, over instants from 2018 to 2030 (which include the
//! 2019 ten-day holiday, the Olympic moves and several year ends).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use hoshu_core::calendar::{Calendar, ServiceHours};
use proptest::prelude::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// Any instant, to the second, between 2018-01-01 and 2030-12-31 (UTC).
fn instant() -> impl Strategy<Value = DateTime<Utc>> {
    let from = d(2018, 1, 1).and_hms_opt(0, 0, 0).unwrap().and_utc();
    let to = d(2030, 12, 31).and_hms_opt(0, 0, 0).unwrap().and_utc();
    (from.timestamp()..to.timestamp(), 0u32..1_000_000_000)
        .prop_map(|(s, ns)| DateTime::from_timestamp(s, ns).unwrap())
}

/// Up to about four months of service time, to the nanosecond.
fn duration() -> impl Strategy<Value = TimeDelta> {
    (0i64..1_000 * 3600, 0i64..1_000_000_000)
        .prop_map(|(s, ns)| TimeDelta::seconds(s) + TimeDelta::nanoseconds(ns))
}

fn calendar() -> impl Strategy<Value = Calendar> {
    prop_oneof![
        Just(Calendar::default()),
        Just(Calendar::new(
            ServiceHours::new(
                chrono::NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
                chrono::NaiveTime::from_hms_opt(19, 15, 0).unwrap(),
            )
            .unwrap(),
            [d(2019, 5, 7), d(2024, 1, 4), d(2026, 4, 10)],
            [d(2019, 5, 1), d(2024, 1, 6), d(2026, 5, 4)],
        )),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn adding_then_measuring_gives_the_same_duration(
        cal in calendar(), a in instant(), dur in duration()
    ) {
        let end = cal.add_service_time(a, dur);
        prop_assert!(end >= a);
        prop_assert_eq!(cal.service_time_between(a, end), dur);
    }

    #[test]
    fn service_time_is_additive_over_a_split_point(
        cal in calendar(), x in instant(), y in instant(), z in instant()
    ) {
        let mut v = [x, y, z];
        v.sort();
        let [a, b, c] = v;
        prop_assert_eq!(
            cal.service_time_between(a, c),
            cal.service_time_between(a, b) + cal.service_time_between(b, c)
        );
    }

    #[test]
    fn next_open_instant_is_idempotent_and_in_service(cal in calendar(), t in instant()) {
        let n = cal.next_open_instant(t);
        prop_assert!(n >= t);
        prop_assert_eq!(cal.next_open_instant(n), n);
        prop_assert!(cal.is_in_service(n));
        let day = hoshu_core::calendar::tokyo(n).date_naive();
        let (open, close) = cal.service_window(day).expect("an open day");
        prop_assert!(open <= n && n < close);
        // No service time is skipped between t and n.
        prop_assert_eq!(cal.service_time_between(t, n), TimeDelta::zero());
    }

    #[test]
    fn add_open_days_lands_on_an_open_day_with_n_open_days_counted(
        cal in calendar(), t in instant(), n in 1u32..40
    ) {
        let start = hoshu_core::calendar::tokyo(t).date_naive();
        let end = cal.add_open_days(start, n);
        prop_assert!(cal.is_open_day(end));
        prop_assert_eq!(cal.open_days(start.succ_opt().unwrap(), end).count(), n as usize);
    }
}
