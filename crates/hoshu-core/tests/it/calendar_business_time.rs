//! Service windows and service-time arithmetic at the boundaries: opening and closing
//! instants, weekends, holidays, the year end, Golden Week and the 2019 era change.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use hoshu_core::calendar::{Calendar, ServiceHours, TOKYO, tokyo, tokyo_to_utc};

/// A Tokyo wall-clock time as a UTC instant.
fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    tokyo_to_utc(
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap(),
    )
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn hours(h: i64) -> TimeDelta {
    TimeDelta::hours(h)
}

#[test]
fn tokyo_is_nine_hours_ahead() {
    let t = jst(2026, 4, 10, 8, 0);
    assert_eq!(t.to_rfc3339(), "2026-04-09T23:00:00+00:00");
    assert_eq!(tokyo(t).to_rfc3339(), "2026-04-10T08:00:00+09:00");
    assert_eq!(TOKYO.name(), "Asia/Tokyo");
}

#[test]
fn service_window_in_utc() {
    let cal = Calendar::default();
    assert_eq!(
        cal.service_window(date(2026, 4, 10)),
        Some((jst(2026, 4, 10, 8, 0), jst(2026, 4, 10, 19, 0)))
    );
    assert_eq!(cal.service_window(date(2026, 4, 11)), None);
    assert_eq!(cal.service_window(date(2026, 4, 29)), None);
}

#[test]
fn next_open_instant_at_the_edges_of_a_day() {
    let cal = Calendar::default();
    // Before opening: opening time the same day.
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 10, 7, 59)),
        jst(2026, 4, 10, 8, 0)
    );
    // Exactly at opening and during service: the instant itself.
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 10, 8, 0)),
        jst(2026, 4, 10, 8, 0)
    );
    let just_before_close = jst(2026, 4, 9, 19, 0) - TimeDelta::nanoseconds(1);
    assert_eq!(cal.next_open_instant(just_before_close), just_before_close);
    assert!(cal.is_in_service(just_before_close));
    // Exactly at closing the window is over: next opening.
    assert!(!cal.is_in_service(jst(2026, 4, 9, 19, 0)));
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 9, 19, 0)),
        jst(2026, 4, 10, 8, 0)
    );
    // Friday evening: Monday morning.
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 10, 19, 0)),
        jst(2026, 4, 13, 8, 0)
    );
    // Just after midnight JST (still the previous day in UTC).
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 13, 0, 30)),
        jst(2026, 4, 13, 8, 0)
    );
}

#[test]
fn new_year() {
    let cal = Calendar::default();
    // Thursday 2023-12-28 18:50 → Thursday 2024-01-04 08:00.
    assert_eq!(
        cal.next_open_instant(jst(2023, 12, 28, 18, 50)),
        jst(2023, 12, 28, 18, 50)
    );
    assert_eq!(
        cal.next_open_instant(jst(2023, 12, 28, 19, 0)),
        jst(2024, 1, 4, 8, 0)
    );
    assert_eq!(
        cal.add_service_time(jst(2023, 12, 28, 18, 50), TimeDelta::minutes(30)),
        jst(2024, 1, 4, 8, 20)
    );
    // 2026-01-04 is a Sunday: the first open day of 2026 is Monday 1/5.
    assert_eq!(
        cal.next_open_instant(jst(2025, 12, 26, 19, 0)),
        jst(2026, 1, 5, 8, 0)
    );
    assert_eq!(
        cal.next_open_instant(jst(2025, 12, 31, 12, 0)),
        jst(2026, 1, 5, 8, 0)
    );
}

#[test]
fn golden_week_2026() {
    let cal = Calendar::default();
    // Friday 5/1 evening → Thursday 5/7 (5/2–5/6 closed).
    assert_eq!(
        cal.next_open_instant(jst(2026, 5, 1, 19, 30)),
        jst(2026, 5, 7, 8, 0)
    );
    // Tuesday 4/28 18:00 + 2 h: 1 h on 4/28, 4/29 is 昭和の日, 1 h on 4/30.
    assert_eq!(
        cal.add_service_time(jst(2026, 4, 28, 18, 0), hours(2)),
        jst(2026, 4, 30, 9, 0)
    );
    // From 4/28 8:00 to 5/7 19:00: 4/28, 4/30, 5/1, 5/7 at 11 h each.
    assert_eq!(
        cal.service_time_between(jst(2026, 4, 28, 8, 0), jst(2026, 5, 7, 19, 0)),
        hours(44)
    );
}

#[test]
fn the_2019_ten_day_holiday() {
    let cal = Calendar::default();
    assert_eq!(
        cal.next_open_instant(jst(2019, 4, 26, 19, 0)),
        jst(2019, 5, 7, 8, 0)
    );
    assert_eq!(
        cal.service_time_between(jst(2019, 4, 26, 8, 0), jst(2019, 5, 7, 19, 0)),
        hours(22)
    );
    assert_eq!(
        cal.add_service_time(jst(2019, 4, 26, 18, 0), hours(3)),
        jst(2019, 5, 7, 10, 0)
    );
}

#[test]
fn friday_before_a_holiday_monday() {
    let cal = Calendar::default();
    // 2026-07-20 is 海の日 (Monday).
    assert_eq!(
        cal.add_service_time(jst(2026, 7, 17, 18, 0), hours(2)),
        jst(2026, 7, 21, 9, 0)
    );
    assert_eq!(
        cal.service_time_between(jst(2026, 7, 17, 18, 0), jst(2026, 7, 21, 9, 0)),
        hours(2)
    );
    assert_eq!(
        cal.next_open_instant(jst(2026, 7, 18, 10, 0)),
        jst(2026, 7, 21, 8, 0)
    );
}

#[test]
fn add_service_time_ends_at_closing_when_the_time_runs_out_there() {
    let cal = Calendar::default();
    assert_eq!(
        cal.add_service_time(jst(2026, 4, 10, 8, 0), hours(11)),
        jst(2026, 4, 10, 19, 0)
    );
    assert_eq!(
        cal.add_service_time(jst(2026, 4, 10, 8, 0), hours(11) + TimeDelta::seconds(1)),
        jst(2026, 4, 13, 8, 0) + TimeDelta::seconds(1)
    );
    // Zero or negative: the start itself, even outside service hours.
    let night = jst(2026, 4, 10, 23, 0);
    assert_eq!(cal.add_service_time(night, TimeDelta::zero()), night);
    assert_eq!(cal.add_service_time(night, -hours(1)), night);
    // A start outside service hours begins counting at the next opening.
    assert_eq!(
        cal.add_service_time(night, TimeDelta::minutes(30)),
        jst(2026, 4, 13, 8, 30)
    );
}

#[test]
fn service_time_between_clips_to_windows() {
    let cal = Calendar::default();
    let a = jst(2026, 4, 10, 6, 0);
    let b = jst(2026, 4, 10, 23, 0);
    assert_eq!(cal.service_time_between(a, b), hours(11));
    assert_eq!(cal.service_time_between(b, a), TimeDelta::zero());
    assert_eq!(cal.service_time_between(a, a), TimeDelta::zero());
    // A whole weekend is worth nothing.
    assert_eq!(
        cal.service_time_between(jst(2026, 4, 11, 0, 0), jst(2026, 4, 13, 0, 0)),
        TimeDelta::zero()
    );
    // A full ordinary week: five days of 11 hours.
    assert_eq!(
        cal.service_time_between(jst(2026, 4, 13, 0, 0), jst(2026, 4, 20, 0, 0)),
        hours(55)
    );
}

#[test]
fn custom_hours_and_extra_days() {
    let hours_8_30_to_17_15 = ServiceHours::new(
        NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
        NaiveTime::from_hms_opt(17, 15, 0).unwrap(),
    )
    .unwrap();
    let cal = Calendar::new(
        hours_8_30_to_17_15,
        [date(2026, 4, 13)],
        [date(2026, 4, 11)],
    );
    // Friday 17:00 + 1 h: 15 min Friday, Saturday 4/11 is an extra open day.
    assert_eq!(
        cal.add_service_time(jst(2026, 4, 10, 17, 0), hours(1)),
        jst(2026, 4, 11, 9, 15)
    );
    // Saturday evening → Monday 4/13 is an extra closure → Tuesday.
    assert_eq!(
        cal.next_open_instant(jst(2026, 4, 11, 18, 0)),
        jst(2026, 4, 14, 8, 30)
    );
    assert_eq!(
        cal.service_time_between(jst(2026, 4, 10, 0, 0), jst(2026, 4, 15, 0, 0)),
        TimeDelta::minutes(3 * (8 * 60 + 45))
    );
}

#[test]
fn long_spans_stay_fast_and_exact() {
    let cal = Calendar::default();
    // Ten years of service time: 11 h on every open day.
    let from = date(2020, 1, 1);
    let to = date(2029, 12, 31);
    let open_days = cal.open_days(from, to).count() as i32;
    let a = jst(2020, 1, 1, 0, 0);
    let b = jst(2030, 1, 1, 0, 0);
    assert_eq!(cal.service_time_between(a, b), hours(11) * open_days);
    assert_eq!(
        cal.add_service_time(a, hours(11) * open_days),
        jst(2029, 12, 28, 19, 0)
    );
}

#[test]
fn a_month_runs_from_its_first_day_to_the_next_months() {
    use hoshu_core::calendar::month_days;
    let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    assert_eq!(month_days(2026, 12), Some((d(2026, 12, 1), d(2027, 1, 1))));
    assert_eq!(month_days(2028, 2), Some((d(2028, 2, 1), d(2028, 3, 1))));
    assert_eq!(month_days(2026, 13), None);
    assert_eq!(month_days(2026, 0), None);
}

#[test]
fn a_tokyo_day_starts_at_fifteen_hundred_utc_the_day_before() {
    use hoshu_core::calendar::tokyo_day_start;
    let day = NaiveDate::from_ymd_opt(2026, 4, 10).unwrap();
    assert_eq!(
        tokyo_day_start(day).to_rfc3339(),
        "2026-04-09T15:00:00+00:00"
    );
}
