//! Hand-checked holidays outside the Cabinet Office list (1948–1954, 2028–2099), the range
//! limits and a few rules worth pinning by name. Expected dates were worked out from the Act
//! and checked against a perpetual calendar, not taken from the implementation.

use chrono::NaiveDate;
use hoshu_core::calendar::holidays::{FIRST_YEAR, LAST_YEAR};
use hoshu_core::calendar::{
    HolidayKind, holiday, holiday_name, holidays_between, holidays_in_year, is_holiday,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn year(y: i32) -> Vec<(NaiveDate, &'static str)> {
    holidays_in_year(y)
        .into_iter()
        .map(|h| (h.date, h.name))
        .collect()
}

#[test]
fn the_whole_of_2030() {
    assert_eq!(
        year(2030),
        vec![
            (d(2030, 1, 1), "元日"),
            (d(2030, 1, 14), "成人の日"),
            (d(2030, 2, 11), "建国記念の日"),
            (d(2030, 2, 23), "天皇誕生日"),
            (d(2030, 3, 20), "春分の日"),
            (d(2030, 4, 29), "昭和の日"),
            (d(2030, 5, 3), "憲法記念日"),
            (d(2030, 5, 4), "みどりの日"),
            (d(2030, 5, 5), "こどもの日"),
            (d(2030, 5, 6), "休日"), // こどもの日 on a Sunday
            (d(2030, 7, 15), "海の日"),
            (d(2030, 8, 11), "山の日"),
            (d(2030, 8, 12), "休日"), // 山の日 on a Sunday
            (d(2030, 9, 16), "敬老の日"),
            (d(2030, 9, 23), "秋分の日"),
            (d(2030, 10, 14), "スポーツの日"),
            (d(2030, 11, 3), "文化の日"),
            (d(2030, 11, 4), "休日"), // 文化の日 on a Sunday
            (d(2030, 11, 23), "勤労感謝の日"),
        ]
    );
}

#[test]
fn september_citizens_holidays_between_keiro_and_shubun() {
    // 2032: 敬老の日 Mon 9/20, 秋分の日 Wed 9/22 → Tue 9/21 is a 国民の休日.
    assert_eq!(holiday_name(d(2032, 9, 20)), Some("敬老の日"));
    assert_eq!(holiday_name(d(2032, 9, 21)), Some("休日"));
    assert_eq!(
        holiday(d(2032, 9, 21)).map(|h| h.kind),
        Some(HolidayKind::Citizens)
    );
    assert_eq!(holiday_name(d(2032, 9, 22)), Some("秋分の日"));
    // 2037: 敬老の日 Mon 9/21, 秋分の日 Wed 9/23 → Tue 9/22.
    assert_eq!(holiday_name(d(2037, 9, 21)), Some("敬老の日"));
    assert_eq!(holiday_name(d(2037, 9, 22)), Some("休日"));
    assert_eq!(holiday_name(d(2037, 9, 23)), Some("秋分の日"));
    // 2033: 敬老の日 Mon 9/19, 秋分の日 Fri 9/23: three working days between, no 休日.
    let sept_2033: Vec<_> = holidays_between(d(2033, 9, 1), d(2033, 9, 30))
        .iter()
        .map(|h| (h.date, h.name))
        .collect();
    assert_eq!(
        sept_2033,
        vec![(d(2033, 9, 19), "敬老の日"), (d(2033, 9, 23), "秋分の日")]
    );
}

#[test]
fn equinoxes_in_later_years() {
    assert_eq!(holiday_name(d(2050, 3, 20)), Some("春分の日"));
    assert_eq!(holiday_name(d(2050, 3, 21)), Some("休日")); // 3/20 is a Sunday
    assert_eq!(holiday_name(d(2050, 9, 23)), Some("秋分の日"));
    // The vernal equinox day reaches March 19 for the first time in 2092, again in 2096.
    assert_eq!(holiday_name(d(2092, 3, 19)), Some("春分の日"));
    assert_eq!(holiday_name(d(2092, 3, 20)), None);
    assert_eq!(holiday_name(d(2096, 3, 19)), Some("春分の日"));
    assert_eq!(holiday_name(d(2099, 3, 20)), Some("春分の日"));
    assert_eq!(holiday_name(d(2099, 9, 23)), Some("秋分の日"));
}

#[test]
fn equinoxes_every_year_fall_in_their_possible_range() {
    for y in FIRST_YEAR..=LAST_YEAR {
        let days = holidays_in_year(y);
        let spring = days.iter().find(|h| h.name == "春分の日");
        let autumn = days.iter().find(|h| h.name == "秋分の日");
        if y > FIRST_YEAR {
            let s = spring.expect("春分の日 every year").date;
            assert!(s >= d(y, 3, 19) && s <= d(y, 3, 21), "{s}");
        }
        let a = autumn.expect("秋分の日 every year").date;
        assert!(a >= d(y, 9, 22) && a <= d(y, 9, 24), "{a}");
    }
}

#[test]
fn the_act_starts_on_1948_07_20() {
    assert_eq!(
        year(1948),
        vec![
            (d(1948, 9, 23), "秋分の日"),
            (d(1948, 11, 3), "文化の日"),
            (d(1948, 11, 23), "勤労感謝の日"),
        ]
    );
    assert_eq!(
        year(1949),
        vec![
            (d(1949, 1, 1), "元日"),
            (d(1949, 1, 15), "成人の日"),
            (d(1949, 3, 21), "春分の日"),
            (d(1949, 4, 29), "天皇誕生日"),
            (d(1949, 5, 3), "憲法記念日"),
            (d(1949, 5, 5), "こどもの日"),
            (d(1949, 9, 23), "秋分の日"),
            (d(1949, 11, 3), "文化の日"),
            (d(1949, 11, 23), "勤労感謝の日"),
        ]
    );
}

#[test]
fn outside_1948_to_2099_nothing_is_known() {
    assert!(holidays_in_year(1947).is_empty());
    assert!(holidays_in_year(2100).is_empty());
    assert!(holidays_in_year(i32::MIN).is_empty());
    assert_eq!(holiday_name(d(1947, 1, 1)), None);
    assert_eq!(holiday_name(d(2100, 1, 1)), None);
    assert!(!is_holiday(d(2100, 11, 3)));
    assert!(holidays_between(d(2100, 1, 1), d(2200, 12, 31)).is_empty());
    assert!(holidays_between(d(2030, 12, 31), d(2030, 1, 1)).is_empty());
    assert_eq!(holiday_name(d(2099, 12, 31)), None);
    assert_eq!(holiday_name(d(2099, 11, 23)), Some("勤労感謝の日"));
}

#[test]
fn substitute_holidays_start_on_1973_04_12() {
    // 建国記念の日 1973 was a Sunday, before the amendment: no substitute.
    assert_eq!(holiday_name(d(1973, 2, 11)), Some("建国記念の日"));
    assert_eq!(holiday_name(d(1973, 2, 12)), None);
    // 天皇誕生日 1973-04-29, a Sunday after it: Monday 4/30.
    assert_eq!(holiday_name(d(1973, 4, 30)), Some("休日"));
    assert_eq!(
        holiday(d(1973, 4, 30)).map(|h| h.kind),
        Some(HolidayKind::Substitute)
    );
}

#[test]
fn from_2007_a_substitute_skips_following_holidays() {
    // みどりの日 on Sunday 2008-05-04: 5/5 is こどもの日, so the substitute is Tuesday 5/6.
    assert_eq!(holiday_name(d(2008, 5, 6)), Some("休日"));
    // 憲法記念日 on Sunday 2015-05-03: the substitute is Wednesday 5/6.
    assert_eq!(holiday_name(d(2015, 5, 6)), Some("休日"));
}

#[test]
fn citizens_holiday_only_from_1988_and_never_on_a_sunday_before_2007() {
    // 5/4 between 憲法記念日 and こどもの日 was an ordinary day before the 1985 amendment.
    assert_eq!(holiday_name(d(1985, 5, 4)), None); // a Saturday
    assert_eq!(holiday_name(d(1988, 5, 4)), Some("休日"));
    // 1997-05-04 was a Sunday: not a 国民の休日 under the rule of the time.
    assert_eq!(holiday_name(d(1997, 5, 4)), None);
}

#[test]
fn the_2019_era_change() {
    let golden_week: Vec<_> = holidays_between(d(2019, 4, 27), d(2019, 5, 6))
        .iter()
        .map(|h| (h.date, h.name))
        .collect();
    assert_eq!(
        golden_week,
        vec![
            (d(2019, 4, 29), "昭和の日"),
            (d(2019, 4, 30), "休日"),
            (d(2019, 5, 1), "休日（祝日扱い）"),
            (d(2019, 5, 2), "休日"),
            (d(2019, 5, 3), "憲法記念日"),
            (d(2019, 5, 4), "みどりの日"),
            (d(2019, 5, 5), "こどもの日"),
            (d(2019, 5, 6), "休日"),
        ]
    );
    assert_eq!(holiday_name(d(2019, 10, 22)), Some("休日（祝日扱い）"));
    assert_eq!(holiday_name(d(2019, 12, 23)), None); // no 天皇誕生日 in 2019
    assert_eq!(holiday_name(d(2018, 12, 23)), Some("天皇誕生日"));
    assert_eq!(holiday_name(d(2020, 2, 23)), Some("天皇誕生日"));
}

#[test]
fn olympic_years_move_three_holidays() {
    for (date, name) in [
        (d(2020, 7, 23), "海の日"),
        (d(2020, 7, 24), "スポーツの日"),
        (d(2020, 8, 10), "山の日"),
        (d(2021, 7, 22), "海の日"),
        (d(2021, 7, 23), "スポーツの日"),
        (d(2021, 8, 8), "山の日"),
        (d(2021, 8, 9), "休日"),
    ] {
        assert_eq!(holiday_name(date), Some(name), "{date}");
    }
    for date in [
        d(2020, 7, 20),
        d(2020, 8, 11),
        d(2020, 10, 12),
        d(2021, 7, 19),
        d(2021, 8, 11),
        d(2021, 10, 11),
    ] {
        assert_eq!(holiday_name(date), None, "{date}");
    }
    // Back to the usual days from 2022.
    assert_eq!(holiday_name(d(2022, 7, 18)), Some("海の日"));
    assert_eq!(holiday_name(d(2022, 10, 10)), Some("スポーツの日"));
}

#[test]
fn holidays_serialise_with_date_name_and_kind() {
    let h = holiday(d(2026, 5, 6)).unwrap();
    assert_eq!(
        serde_json::to_value(h).unwrap(),
        serde_json::json!({"date": "2026-05-06", "name": "休日", "kind": "substitute"})
    );
}
