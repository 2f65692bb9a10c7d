//! Open days, day kinds, service hours validation and the calendar's settings form.

use chrono::{NaiveDate, NaiveTime};
use hoshu_core::calendar::{Calendar, DayKind, ServiceHours};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn t(h: u32, m: u32) -> NaiveTime {
    NaiveTime::from_hms_opt(h, m, 0).unwrap()
}

#[test]
fn day_kinds_of_an_ordinary_week() {
    let cal = Calendar::default();
    assert_eq!(cal.day_kind(d(2026, 4, 10)), DayKind::Open); // Friday
    assert_eq!(cal.day_kind(d(2026, 4, 11)), DayKind::Saturday);
    assert_eq!(cal.day_kind(d(2026, 4, 12)), DayKind::Sunday);
    assert_eq!(cal.day_kind(d(2026, 4, 29)), DayKind::Holiday("昭和の日"));
    assert_eq!(cal.day_kind(d(2026, 12, 29)), DayKind::YearEndClosure);
    assert_eq!(cal.day_kind(d(2027, 1, 1)), DayKind::Holiday("元日"));
    assert_eq!(cal.day_kind(d(2027, 1, 2)), DayKind::YearEndClosure); // a Saturday too
}

#[test]
fn labels_are_japanese() {
    assert_eq!(DayKind::Open.label(), "開庁日");
    assert_eq!(DayKind::ExtraOpen.label(), "臨時開庁日");
    assert_eq!(DayKind::Saturday.label(), "土曜日");
    assert_eq!(DayKind::Sunday.label(), "日曜日");
    assert_eq!(DayKind::Holiday("海の日").label(), "海の日");
    assert_eq!(DayKind::YearEndClosure.label(), "年末年始休業");
    assert_eq!(DayKind::ExtraClosure.label(), "臨時閉庁日");
}

#[test]
fn year_end_closure_covers_weekdays_dec_29_to_jan_3() {
    let cal = Calendar::default();
    // 2026-12-28 is a Monday: open. 12/29–12/31 are weekdays but closed. 2027-01-04 Monday.
    assert!(cal.is_open_day(d(2026, 12, 28)));
    for day in [d(2026, 12, 29), d(2026, 12, 30), d(2026, 12, 31)] {
        assert!(!cal.is_open_day(day), "{day}");
    }
    assert!(!cal.is_open_day(d(2027, 1, 1)));
    assert!(cal.is_open_day(d(2027, 1, 4)));
    assert_eq!(cal.add_open_days(d(2026, 12, 28), 1), d(2027, 1, 4));
}

#[test]
fn golden_week_2026() {
    let cal = Calendar::default();
    let open: Vec<_> = cal.open_days(d(2026, 4, 27), d(2026, 5, 8)).collect();
    assert_eq!(
        open,
        vec![
            d(2026, 4, 27),
            d(2026, 4, 28),
            d(2026, 4, 30),
            d(2026, 5, 1),
            d(2026, 5, 7),
            d(2026, 5, 8),
        ]
    );
    assert_eq!(cal.day_kind(d(2026, 5, 6)), DayKind::Holiday("休日"));
}

#[test]
fn the_ten_closed_days_of_2019() {
    let cal = Calendar::default();
    assert!(cal.is_open_day(d(2019, 4, 26)));
    assert_eq!(cal.open_days(d(2019, 4, 27), d(2019, 5, 6)).count(), 0);
    assert_eq!(cal.add_open_days(d(2019, 4, 26), 1), d(2019, 5, 7));
}

#[test]
fn open_days_is_inclusive_and_empty_when_reversed() {
    let cal = Calendar::default();
    assert_eq!(
        cal.open_days(d(2026, 4, 10), d(2026, 4, 10))
            .collect::<Vec<_>>(),
        vec![d(2026, 4, 10)]
    );
    assert_eq!(cal.open_days(d(2026, 4, 10), d(2026, 4, 9)).count(), 0);
    // 2026: 261 weekdays, less 17 weekday holidays and 4 more year-end weekdays (1/2, 12/29–31)
    // (counted against the Cabinet Office list).
    assert_eq!(cal.open_days(d(2026, 1, 1), d(2026, 12, 31)).count(), 240);
}

#[test]
fn add_open_days_counts_strictly_after() {
    let cal = Calendar::default();
    assert_eq!(cal.add_open_days(d(2026, 4, 10), 0), d(2026, 4, 10));
    assert_eq!(cal.add_open_days(d(2026, 4, 11), 0), d(2026, 4, 11)); // closed, n = 0
    assert_eq!(cal.add_open_days(d(2026, 4, 10), 1), d(2026, 4, 13)); // Fri → Mon
    assert_eq!(cal.add_open_days(d(2026, 4, 11), 1), d(2026, 4, 13)); // Sat → Mon
    assert_eq!(cal.add_open_days(d(2026, 4, 10), 5), d(2026, 4, 17));
    // Friday before 海の日 (Monday 2026-07-20): the next open day is Tuesday.
    assert_eq!(cal.add_open_days(d(2026, 7, 17), 1), d(2026, 7, 21));
    // Silver week 2026: 9/19 Sat – 9/23 Wed closed.
    assert_eq!(cal.add_open_days(d(2026, 9, 18), 1), d(2026, 9, 24));
    assert_eq!(cal.open_day_on_or_after(d(2026, 9, 19)), d(2026, 9, 24));
    assert_eq!(cal.open_day_on_or_after(d(2026, 9, 24)), d(2026, 9, 24));
}

#[test]
fn extra_closures_and_extra_open_days() {
    let cal = Calendar::new(
        ServiceHours::default(),
        [d(2026, 4, 10), d(2026, 4, 11), d(2026, 5, 3)],
        [d(2026, 4, 18), d(2026, 5, 3), d(2026, 12, 30)],
    );
    // An extra closure closes an open weekday.
    assert_eq!(cal.day_kind(d(2026, 4, 10)), DayKind::ExtraClosure);
    assert!(!cal.is_open_day(d(2026, 4, 10)));
    // On a day that is closed anyway the closure changes nothing.
    assert_eq!(cal.day_kind(d(2026, 4, 11)), DayKind::Saturday);
    // An extra open day opens a Saturday, a holiday and a year-end day, and beats a closure.
    assert_eq!(cal.day_kind(d(2026, 4, 18)), DayKind::ExtraOpen);
    assert_eq!(cal.day_kind(d(2026, 5, 3)), DayKind::ExtraOpen);
    assert_eq!(cal.day_kind(d(2026, 12, 30)), DayKind::ExtraOpen);
    assert!(cal.is_open_day(d(2026, 12, 30)));
    assert_eq!(cal.add_open_days(d(2026, 4, 9), 1), d(2026, 4, 13));
    assert_eq!(cal.add_open_days(d(2026, 4, 17), 1), d(2026, 4, 18));
    assert!(cal.service_window(d(2026, 4, 18)).is_some());
    assert!(cal.service_window(d(2026, 4, 10)).is_none());
    assert_eq!(
        cal.extra_closures().collect::<Vec<_>>(),
        vec![d(2026, 4, 10), d(2026, 4, 11), d(2026, 5, 3)]
    );
    assert_eq!(cal.extra_open_days().count(), 3);
}

#[test]
fn years_without_known_holidays_close_only_weekends_and_year_end() {
    let cal = Calendar::default();
    assert_eq!(cal.day_kind(d(2100, 11, 3)), DayKind::Open); // would be 文化の日
    assert_eq!(cal.day_kind(d(2100, 1, 1)), DayKind::YearEndClosure);
}

#[test]
fn service_hours_must_close_after_they_open() {
    assert!(ServiceHours::new(t(8, 0), t(19, 0)).is_ok());
    for (open, close) in [(t(19, 0), t(8, 0)), (t(9, 0), t(9, 0))] {
        let errors = ServiceHours::new(open, close).unwrap_err();
        let e = errors.field("service_close").expect("the close field");
        assert_eq!(e.label, "サービス終了時刻");
        assert_eq!(
            e.message,
            "サービス終了時刻は開始時刻より後にしてください。"
        );
    }
    let bad = ServiceHours {
        open: t(19, 0),
        close: t(8, 0),
    };
    assert!(Calendar::try_new(bad, [], []).is_err());
    assert!(std::panic::catch_unwind(|| Calendar::new(bad, [], [])).is_err());
}

#[test]
fn default_calendar_is_eight_to_nineteen_with_no_extras() {
    let cal = Calendar::default();
    assert_eq!(cal.hours(), ServiceHours::new(t(8, 0), t(19, 0)).unwrap());
    assert_eq!(cal.extra_closures().count(), 0);
    assert_eq!(cal, Calendar::new(ServiceHours::default(), [], []));
}

#[test]
fn calendar_settings_round_trip_and_are_validated() {
    let cal = Calendar::new(
        ServiceHours::new(t(8, 30), t(19, 15)).unwrap(),
        [d(2026, 4, 10)],
        [d(2026, 4, 18)],
    );
    let json = serde_json::to_value(&cal).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "hours": {"open": "08:30:00", "close": "19:15:00"},
            "extra_closures": ["2026-04-10"],
            "extra_open_days": ["2026-04-18"],
        })
    );
    let back: Calendar = serde_json::from_value(json).unwrap();
    assert_eq!(back, cal);

    let only_hours: Calendar =
        serde_json::from_str(r#"{"hours": {"open": "08:00:00", "close": "19:00:00"}}"#).unwrap();
    assert_eq!(only_hours, Calendar::default());

    let err =
        serde_json::from_str::<Calendar>(r#"{"hours": {"open": "19:00:00", "close": "08:00:00"}}"#)
            .unwrap_err();
    assert!(err.to_string().contains("サービス終了時刻"), "{err}");
}

#[test]
fn day_kinds_serialise_for_the_month_view() {
    assert_eq!(
        serde_json::to_value(DayKind::Holiday("元日")).unwrap(),
        serde_json::json!({"kind": "holiday", "name": "元日"})
    );
    assert_eq!(
        serde_json::to_value(DayKind::YearEndClosure).unwrap(),
        serde_json::json!({"kind": "year_end_closure"})
    );
}
