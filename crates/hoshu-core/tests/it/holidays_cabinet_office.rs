//! The computed holidays against the Cabinet Office list (内閣府 syukujitsu.csv), 1955–2027:
//! every date and name, both ways.

use chrono::{Datelike, NaiveDate};
use hoshu_core::calendar::{holiday_name, holidays_between, holidays_in_year};
use std::collections::BTreeMap;

const FIXTURE: &str = include_str!("fixtures/syukujitsu.csv");
const FIRST: i32 = 1955;
const LAST: i32 = 2027;

fn official() -> BTreeMap<NaiveDate, String> {
    let mut lines = FIXTURE.lines();
    assert_eq!(
        lines.next(),
        Some("国民の祝日・休日月日,国民の祝日・休日名称")
    );
    let mut out = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let (date, name) = line.split_once(',').expect("two columns");
        let date = NaiveDate::parse_from_str(date, "%Y/%m/%d").expect("a Y/M/D date");
        assert!(
            out.insert(date, name.to_string()).is_none(),
            "duplicate {date}"
        );
    }
    out
}

#[test]
fn fixture_covers_every_year_1955_to_2027() {
    let list = official();
    for year in FIRST..=LAST {
        assert!(
            list.keys().filter(|d| d.year() == year).count() >= 9,
            "fixture has too few holidays in {year}"
        );
    }
    assert!(list.keys().all(|d| (FIRST..=LAST).contains(&d.year())));
}

#[test]
fn every_year_matches_the_cabinet_office_list_exactly() {
    let list = official();
    let mut problems = Vec::new();
    for year in FIRST..=LAST {
        let computed: BTreeMap<NaiveDate, String> = holidays_in_year(year)
            .into_iter()
            .map(|h| (h.date, h.name.to_string()))
            .collect();
        let expected: BTreeMap<NaiveDate, String> = list
            .iter()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, n)| (*d, n.clone()))
            .collect();
        for (date, name) in &expected {
            match computed.get(date) {
                None => problems.push(format!("missing {date} {name}")),
                Some(got) if got != name => {
                    problems.push(format!("{date}: expected {name}, computed {got}"))
                }
                Some(_) => {}
            }
        }
        for (date, name) in &computed {
            if !expected.contains_key(date) {
                problems.push(format!("extra {date} {name}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_day_1955_to_2027_agrees_with_holiday_name() {
    let list = official();
    let mut day = NaiveDate::from_ymd_opt(FIRST, 1, 1).unwrap();
    let end = NaiveDate::from_ymd_opt(LAST, 12, 31).unwrap();
    while day <= end {
        assert_eq!(
            holiday_name(day),
            list.get(&day).map(String::as_str),
            "{day}"
        );
        day = day.succ_opt().unwrap();
    }
}

#[test]
fn holidays_between_returns_the_same_rows() {
    let list = official();
    let from = NaiveDate::from_ymd_opt(FIRST, 1, 1).unwrap();
    let to = NaiveDate::from_ymd_opt(LAST, 12, 31).unwrap();
    let computed: Vec<(NaiveDate, &str)> = holidays_between(from, to)
        .iter()
        .map(|h| (h.date, h.name))
        .collect();
    let expected: Vec<(NaiveDate, &str)> = list.iter().map(|(d, n)| (*d, n.as_str())).collect();
    assert_eq!(computed, expected);
}
