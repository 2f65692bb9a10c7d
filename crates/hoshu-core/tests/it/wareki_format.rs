//! 和暦 formatting: era boundaries to the day, 元年, short letters and weekdays.

use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::wareki;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn documents_write_dates_like_this() {
    assert_eq!(wareki::long(d(2026, 4, 10)), "令和8年4月10日(金)");
    assert_eq!(wareki::short(d(2026, 4, 10)), "R8.4.10");
    assert_eq!(wareki::era_year(d(2026, 4, 10)), "令和8年");
    assert_eq!(wareki::year_month(2026, 3), "令和8年3月");
}

#[test]
fn first_year_of_an_era_is_gannen_in_long_forms_only() {
    assert_eq!(wareki::long(d(2019, 5, 1)), "令和元年5月1日(水)");
    assert_eq!(wareki::era_year(d(2019, 5, 1)), "令和元年");
    assert_eq!(wareki::short(d(2019, 5, 1)), "R1.5.1");
    assert_eq!(wareki::year_month(2019, 12), "令和元年12月");
    assert_eq!(wareki::long(d(2020, 1, 1)), "令和2年1月1日(水)");
}

#[test]
fn heisei_to_reiwa() {
    assert_eq!(wareki::long(d(2019, 4, 30)), "平成31年4月30日(火)");
    assert_eq!(wareki::short(d(2019, 4, 30)), "H31.4.30");
    assert_eq!(wareki::long(d(2019, 5, 1)), "令和元年5月1日(水)");
    assert_eq!(wareki::year_month(2019, 4), "平成31年4月");
    assert_eq!(wareki::year_month(2019, 5), "令和元年5月");
}

#[test]
fn showa_to_heisei() {
    assert_eq!(wareki::long(d(1989, 1, 7)), "昭和64年1月7日(土)");
    assert_eq!(wareki::short(d(1989, 1, 7)), "S64.1.7");
    assert_eq!(wareki::long(d(1989, 1, 8)), "平成元年1月8日(日)");
    assert_eq!(wareki::short(d(1989, 1, 8)), "H1.1.8");
    assert_eq!(wareki::era_year(d(1988, 12, 31)), "昭和63年");
    // A month split between two eras takes the era in force at its end.
    assert_eq!(wareki::year_month(1989, 1), "平成元年1月");
    assert_eq!(wareki::year_month(1988, 12), "昭和63年12月");
}

#[test]
fn meiji_taisho_showa() {
    assert_eq!(wareki::long(d(1912, 7, 29)), "明治45年7月29日(月)");
    assert_eq!(wareki::short(d(1912, 7, 29)), "M45.7.29");
    assert_eq!(wareki::long(d(1912, 7, 30)), "大正元年7月30日(火)");
    assert_eq!(wareki::short(d(1912, 7, 30)), "T1.7.30");
    assert_eq!(wareki::long(d(1926, 12, 24)), "大正15年12月24日(金)");
    assert_eq!(wareki::short(d(1926, 12, 24)), "T15.12.24");
    assert_eq!(wareki::long(d(1926, 12, 25)), "昭和元年12月25日(土)");
    assert_eq!(wareki::short(d(1926, 12, 25)), "S1.12.25");
    assert_eq!(wareki::long(d(1873, 1, 1)), "明治6年1月1日(水)");
}

#[test]
fn before_the_gregorian_calendar_the_western_year_is_written() {
    assert_eq!(wareki::long(d(1872, 12, 31)), "1872年12月31日(火)");
    assert_eq!(wareki::short(d(1872, 12, 31)), "1872.12.31");
    assert_eq!(wareki::era_year(d(1872, 12, 31)), "1872年");
}

#[test]
fn far_future_stays_in_reiwa_until_a_new_era_is_known() {
    assert_eq!(wareki::long(d(2100, 1, 1)), "令和82年1月1日(金)");
}

#[test]
fn year_month_with_an_impossible_month() {
    assert_eq!(wareki::year_month(2026, 13), "2026年13月");
    assert_eq!(wareki::year_month(2026, 0), "2026年0月");
}

#[test]
fn weekdays_in_japanese() {
    let week: Vec<&str> = (12..=18)
        .map(|day| wareki::weekday_ja(d(2026, 4, day)))
        .collect();
    assert_eq!(week, ["日", "月", "火", "水", "木", "金", "土"]);
}

#[test]
fn datetime_long_is_in_tokyo_time() {
    let t: DateTime<Utc> = "2026-04-10T05:05:00Z".parse().unwrap();
    assert_eq!(wareki::datetime_long(t), "令和8年4月10日(金) 14:05");
    // 15:00 UTC on 4/30 is already 5/1 in Tokyo: the first day of Reiwa.
    let t: DateTime<Utc> = "2019-04-30T15:00:00Z".parse().unwrap();
    assert_eq!(wareki::datetime_long(t), "令和元年5月1日(水) 00:00");
    let t: DateTime<Utc> = "2019-04-30T14:59:59Z".parse().unwrap();
    assert_eq!(wareki::datetime_long(t), "平成31年4月30日(火) 23:59");
}

/// The window formats 和暦 in TypeScript for speed; both sides check themselves against one
/// table written from this implementation (`ui/src/lib/wareki.cases.json`), so they cannot
/// drift apart. `HOSHU_UPDATE_CASES=1` rewrites it after a deliberate change.
#[test]
fn the_window_shares_these_cases() {
    use chrono::TimeZone;
    let dates = [
        d(1900, 1, 1),
        d(1912, 7, 29),
        d(1912, 7, 30),
        d(1926, 12, 24),
        d(1926, 12, 25),
        d(1989, 1, 7),
        d(1989, 1, 8),
        d(2019, 4, 30),
        d(2019, 5, 1),
        d(2019, 12, 31),
        d(2020, 1, 1),
        d(2024, 2, 29),
        d(2026, 4, 10),
        d(2026, 11, 22),
        d(2027, 3, 31),
        d(2099, 12, 31),
    ];
    let instants = [
        Utc.with_ymd_and_hms(2026, 11, 22, 14, 59, 0).unwrap(),
        Utc.with_ymd_and_hms(2026, 11, 22, 15, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2019, 4, 30, 15, 0, 0).unwrap(),
        Utc.with_ymd_and_hms(2027, 3, 31, 14, 59, 0).unwrap(),
    ];
    let months = [
        (1926, 12),
        (1989, 1),
        (2019, 4),
        (2019, 5),
        (2026, 3),
        (2026, 11),
    ];
    let cases = serde_json::json!({
        "//": "Written by crates/hoshu-core/tests/it/wareki_format.rs from hoshu-core's wareki. Do not edit.",
        "dates": dates.iter().map(|&day| serde_json::json!({
            "date": day.format("%Y-%m-%d").to_string(),
            "long": wareki::long(day),
            "short": wareki::short(day),
        })).collect::<Vec<_>>(),
        "instants": instants.iter().map(|&t| serde_json::json!({
            "instant": t.format("%Y-%m-%dT%H:%M:%SZ").to_string(),
            "long": wareki::datetime_long(t),
        })).collect::<Vec<_>>(),
        "months": months.iter().map(|&(y, m)| serde_json::json!({
            "year": y, "month": m, "text": wareki::year_month(y, m),
        })).collect::<Vec<_>>(),
    });
    let fresh = serde_json::to_string_pretty(&cases).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/wareki.cases.json");
    if std::env::var_os("HOSHU_UPDATE_CASES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == fresh,
        "ui/src/lib/wareki.cases.json is stale: run `HOSHU_UPDATE_CASES=1 cargo test -p hoshu-core --test it wareki` and commit it"
    );
}

/// The window checks its own words against the glossary's list of words the contract does not
/// use; the list it reads is written from `hoshu_core::glossary`.
#[test]
fn the_window_reads_the_glossary_written_from_the_core() {
    use hoshu_core::glossary::{NOT_USED, TERMS};
    let glossary = serde_json::json!({
        "terms": TERMS.iter().map(|(term, meaning)| serde_json::json!({"term": term, "meaning": meaning}))
            .collect::<Vec<_>>(),
        "not_used": NOT_USED.iter().map(|(word, instead)| serde_json::json!({"word": word, "instead": instead}))
            .collect::<Vec<_>>(),
    });
    let fresh = serde_json::to_string_pretty(&glossary).unwrap() + "\n";
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src/lib/glossary.gen.json");
    if std::env::var_os("HOSHU_UPDATE_CASES").is_some() {
        std::fs::write(&path, &fresh).unwrap();
    }
    let kept = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        kept == fresh,
        "ui/src/lib/glossary.gen.json is stale: run `HOSHU_UPDATE_CASES=1 cargo test -p hoshu-core --test it wareki` and commit it"
    );
}
