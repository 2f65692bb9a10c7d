//! Japanese national holidays (国民の祝日・休日), computed from the Act on National Holidays
//! (国民の祝日に関する法律, in force 1948-07-20) and the special laws that added one-off days.
//!
//! The rules cover 1948 ([`FIRST_YEAR`], from 1948-07-20 when the Act came into force) to 2099
//! ([`LAST_YEAR`], the last year the equinox approximation is valid for). Outside that range
//! nothing is known: [`holidays_in_year`] returns an empty list and [`holiday_name`] `None`.
//!
//! Names are written exactly as the Cabinet Office list (内閣府「国民の祝日について」,
//! syukujitsu.csv) writes them: a substitute holiday (振替休日) and a citizens' holiday
//! (国民の休日) are both listed as "休日", the enthronement days of 2019 as "休日（祝日扱い）",
//! and 2019-10-14 as "体育の日（スポーツの日）". [`HolidayKind`] tells the legal kinds apart.
//!
//! Equinox days are officially the ones the National Astronomical Observatory announces each
//! February for the following year. Here every year uses the usual approximation of the equinox
//! instant, which gives the same day as every year of the Cabinet Office list (1955–2027, checked
//! by the tests); later years are predictions, as any published list of them is.
//!
//! The whole 1948–2099 table is computed once, on first use, and shared read-only.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;
use std::sync::OnceLock;

/// The first year with holidays: the Act came into force on 1948-07-20.
pub const FIRST_YEAR: i32 = 1948;
/// The last year with holidays: the equinox approximation is valid through 2099.
pub const LAST_YEAR: i32 = 2099;

/// The legal kind of a holiday; the displayed name alone does not tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayKind {
    /// 国民の祝日: a day named in the Act (元日, 春分の日, ...), or a rest day a special law
    /// makes count as one (2019-05-01 and 2019-10-22, "休日（祝日扱い）").
    National,
    /// 振替休日: the day after a national holiday that fell on a Sunday (from 1973-04-12).
    Substitute,
    /// 国民の休日: a day sandwiched between two national holidays (from 1985-12-27).
    Citizens,
    /// A one-off rest day set by a special law (大喪の礼, 即位礼正殿の儀, ...).
    Special,
}

/// One holiday: the date and its name as the Cabinet Office list writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    pub name: &'static str,
    pub kind: HolidayKind,
}

/// All holidays of `year`, sorted by date; empty outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn holidays_in_year(year: i32) -> Vec<Holiday> {
    table().year(year).to_vec()
}

/// The holidays from `from` to `to`, both inclusive, sorted by date, borrowed from the shared
/// table (no allocation). Empty when `to < from` or outside the supported years.
pub fn holidays_between(from: NaiveDate, to: NaiveDate) -> &'static [Holiday] {
    if to < from {
        return &[];
    }
    let all = &table().all;
    let start = all.partition_point(|h| h.date < from);
    let end = all.partition_point(|h| h.date <= to);
    &all[start..end]
}

/// The holiday on `date`, if any; `None` outside the supported years.
pub fn holiday(date: NaiveDate) -> Option<&'static Holiday> {
    let days = table().year(date.year());
    days.binary_search_by_key(&date, |h| h.date)
        .ok()
        .map(|i| &days[i])
}

/// The name of the holiday on `date` ("元日", "休日", ...), if any; `None` outside the
/// supported years.
pub fn holiday_name(date: NaiveDate) -> Option<&'static str> {
    holiday(date).map(|h| h.name)
}

/// Whether `date` is a national holiday of any kind (祝日, 振替休日, 国民の休日, special day).
pub fn is_holiday(date: NaiveDate) -> bool {
    holiday(date).is_some()
}

struct Table {
    all: Vec<Holiday>,
    /// `starts[i]..starts[i + 1]` are the holidays of `FIRST_YEAR + i`.
    starts: Vec<usize>,
}

impl Table {
    fn year(&self, year: i32) -> &[Holiday] {
        if !(FIRST_YEAR..=LAST_YEAR).contains(&year) {
            return &[];
        }
        let i = (year - FIRST_YEAR) as usize;
        &self.all[self.starts[i]..self.starts[i + 1]]
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut all = Vec::with_capacity(20 * (LAST_YEAR - FIRST_YEAR + 1) as usize);
        let mut starts = Vec::with_capacity((LAST_YEAR - FIRST_YEAR + 2) as usize);
        for year in FIRST_YEAR..=LAST_YEAR {
            starts.push(all.len());
            all.extend(compute_year(year));
        }
        starts.push(all.len());
        Table { all, starts }
    })
}

const NAME_SUBSTITUTE: &str = "休日";
const NAME_CITIZENS: &str = "休日";
const NAME_ENTHRONEMENT: &str = "休日（祝日扱い）";

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| {
        unreachable!("holiday rules only name valid dates ({year}-{month}-{day})")
    })
}

/// The `n`-th Monday of `month` (Happy Monday system).
fn nth_monday(year: i32, month: u32, n: u8) -> NaiveDate {
    NaiveDate::from_weekday_of_month_opt(year, month, Weekday::Mon, n)
        .unwrap_or_else(|| unreachable!("every month has at least four Mondays"))
}

/// 春分日 in March, by the standard approximation of the equinox instant (JST):
/// `int(C + 0.242194 (Y - 1980) - int((Y - L) / 4))`, with C = 20.8357, L = 1983 for
/// 1900–1979 and C = 20.8431, L = 1980 for 1980–2099 (`int` truncates toward zero).
fn vernal_equinox(year: i32) -> NaiveDate {
    let (c, leap_base) = if year <= 1979 {
        (20.8357, 1983)
    } else {
        (20.8431, 1980)
    };
    ymd(year, 3, equinox_day(year, c, leap_base))
}

/// 秋分日 in September: as [`vernal_equinox`] with C = 23.2588 (1900–1979) and
/// C = 23.2488 (1980–2099).
fn autumnal_equinox(year: i32) -> NaiveDate {
    let (c, leap_base) = if year <= 1979 {
        (23.2588, 1983)
    } else {
        (23.2488, 1980)
    };
    ymd(year, 9, equinox_day(year, c, leap_base))
}

fn equinox_day(year: i32, c: f64, leap_base: i32) -> u32 {
    // Integer division truncates toward zero, as the formula's int() does.
    let leap_days = (year - leap_base) / 4;
    let day = c + 0.242_194 * f64::from(year - 1980) - f64::from(leap_days);
    day.floor() as u32
}

/// The days the Act (and the special laws that make a day count as one) name in `year`:
/// the 国民の祝日 that substitute holidays and citizens' holidays are derived from.
fn national_days(year: i32) -> Vec<Holiday> {
    let mut days = Vec::with_capacity(20);
    let mut add = |date: NaiveDate, name: &'static str| {
        days.push(Holiday {
            date,
            name,
            kind: HolidayKind::National,
        });
    };

    add(ymd(year, 1, 1), "元日");
    add(
        if year < 2000 {
            ymd(year, 1, 15)
        } else {
            nth_monday(year, 1, 2)
        },
        "成人の日",
    );
    if year >= 1967 {
        add(ymd(year, 2, 11), "建国記念の日");
    }
    if year >= 2020 {
        add(ymd(year, 2, 23), "天皇誕生日");
    }
    add(vernal_equinox(year), "春分の日");
    add(
        ymd(year, 4, 29),
        match year {
            ..=1988 => "天皇誕生日",
            1989..=2006 => "みどりの日",
            _ => "昭和の日",
        },
    );
    add(ymd(year, 5, 3), "憲法記念日");
    if year >= 2007 {
        add(ymd(year, 5, 4), "みどりの日");
    }
    add(ymd(year, 5, 5), "こどもの日");
    match year {
        ..=1995 => {}
        1996..=2002 => add(ymd(year, 7, 20), "海の日"),
        // Moved for the Tokyo Olympics (special measures act, amended 2020 for 2021).
        2020 => add(ymd(year, 7, 23), "海の日"),
        2021 => add(ymd(year, 7, 22), "海の日"),
        _ => add(nth_monday(year, 7, 3), "海の日"),
    }
    match year {
        ..=2015 => {}
        2020 => add(ymd(year, 8, 10), "山の日"),
        2021 => add(ymd(year, 8, 8), "山の日"),
        _ => add(ymd(year, 8, 11), "山の日"),
    }
    match year {
        ..=1965 => {}
        1966..=2002 => add(ymd(year, 9, 15), "敬老の日"),
        _ => add(nth_monday(year, 9, 3), "敬老の日"),
    }
    add(autumnal_equinox(year), "秋分の日");
    match year {
        ..=1965 => {}
        1966..=1999 => add(ymd(year, 10, 10), "体育の日"),
        2000..=2018 => add(nth_monday(year, 10, 2), "体育の日"),
        // The rename to スポーツの日 was enacted in 2018 for 2020; the list writes 2019 so.
        2019 => add(nth_monday(year, 10, 2), "体育の日（スポーツの日）"),
        2020 => add(ymd(year, 7, 24), "スポーツの日"),
        2021 => add(ymd(year, 7, 23), "スポーツの日"),
        _ => add(nth_monday(year, 10, 2), "スポーツの日"),
    }
    add(ymd(year, 11, 3), "文化の日");
    add(ymd(year, 11, 23), "勤労感謝の日");
    if (1989..=2018).contains(&year) {
        add(ymd(year, 12, 23), "天皇誕生日");
    }
    if year == 2019 {
        // 天皇の即位の日及び即位礼正殿の儀の行われる日を休日とする法律 (2018): both days are rest
        // days that count as national holidays for the Act's article 3, which makes 4/30 and
        // 5/2 citizens' holidays below.
        add(ymd(2019, 5, 1), NAME_ENTHRONEMENT);
        add(ymd(2019, 10, 22), NAME_ENTHRONEMENT);
    }

    days.sort_by_key(|h| h.date);
    if year == FIRST_YEAR {
        // The Act came into force on 1948-07-20.
        days.retain(|h| h.date >= ymd(FIRST_YEAR, 7, 20));
    }
    days
}

/// One-off rest days set by special laws that do not count as national holidays.
fn special_days(year: i32) -> &'static [(u32, u32, &'static str)] {
    match year {
        // 皇太子明仁親王の結婚の儀の行われる日を休日とする法律
        1959 => &[(4, 10, "結婚の儀")],
        // 昭和天皇の大喪の礼の行われる日を休日とする法律
        1989 => &[(2, 24, "大喪の礼")],
        // 即位礼正殿の儀の行われる日を休日とする法律
        1990 => &[(11, 12, "即位礼正殿の儀")],
        // 皇太子徳仁親王の結婚の儀の行われる日を休日とする法律
        1993 => &[(6, 9, "結婚の儀")],
        _ => &[],
    }
}

fn compute_year(year: i32) -> Vec<Holiday> {
    let national = national_days(year);
    let is_national = |d: NaiveDate| national.binary_search_by_key(&d, |h| h.date).is_ok();
    let mut out = national.clone();

    // 振替休日 (article 3(2)). From 1973-04-12 until 2006: the day after a national holiday on
    // a Sunday, unless that day is itself a national holiday. From 2007: the nearest following
    // day that is not a national holiday.
    let substitutes_from = ymd(1973, 4, 12);
    let rule_2007 = ymd(2007, 1, 1);
    for h in &national {
        if h.date < substitutes_from || h.date.weekday() != Weekday::Sun {
            continue;
        }
        let mut next = h.date + chrono::Days::new(1);
        if h.date < rule_2007 {
            if is_national(next) {
                continue;
            }
        } else {
            while is_national(next) {
                next = next + chrono::Days::new(1);
            }
        }
        out.push(Holiday {
            date: next,
            name: NAME_SUBSTITUTE,
            kind: HolidayKind::Substitute,
        });
    }

    // 国民の休日 (article 3(3), from 1985-12-27): a day whose previous and next days are both
    // national holidays and which is not one itself. Until 2006 a Sunday or a substitute
    // holiday was excluded; from 2007 only national holidays are.
    let citizens_from = ymd(1985, 12, 27);
    for pair in national.windows(2) {
        let (before, after) = (pair[0].date, pair[1].date);
        if after - before != chrono::TimeDelta::days(2) {
            continue;
        }
        let day = before + chrono::Days::new(1);
        if day < citizens_from || out.iter().any(|h| h.date == day) {
            continue;
        }
        if day < rule_2007 && day.weekday() == Weekday::Sun {
            continue;
        }
        out.push(Holiday {
            date: day,
            name: NAME_CITIZENS,
            kind: HolidayKind::Citizens,
        });
    }

    for &(month, day, name) in special_days(year) {
        out.push(Holiday {
            date: ymd(year, month, day),
            name,
            kind: HolidayKind::Special,
        });
    }

    out.sort_by_key(|h| h.date);
    out.dedup_by_key(|h| h.date);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        ymd(y, m, day)
    }

    #[test]
    fn equinox_formula_truncates_toward_zero_before_1980() {
        // (1978 - 1983) / 4 must be -1, not -2: 1978's vernal equinox day was 3/21.
        assert_eq!(vernal_equinox(1978), d(1978, 3, 21));
        assert_eq!(vernal_equinox(1960), d(1960, 3, 20));
        assert_eq!(autumnal_equinox(1979), d(1979, 9, 24));
    }

    #[test]
    fn table_years_are_sorted_and_unique() {
        for year in FIRST_YEAR..=LAST_YEAR {
            let days = holidays_in_year(year);
            assert!(days.windows(2).all(|w| w[0].date < w[1].date), "{year}");
            assert!(days.iter().all(|h| h.date.year() == year), "{year}");
        }
    }

    #[test]
    fn kinds_are_recorded() {
        assert_eq!(
            holiday(d(2021, 8, 9)).map(|h| h.kind),
            Some(HolidayKind::Substitute)
        );
        assert_eq!(
            holiday(d(2019, 4, 30)).map(|h| h.kind),
            Some(HolidayKind::Citizens)
        );
        assert_eq!(
            holiday(d(1989, 2, 24)).map(|h| h.kind),
            Some(HolidayKind::Special)
        );
        assert_eq!(
            holiday(d(2019, 5, 1)).map(|h| h.kind),
            Some(HolidayKind::National)
        );
    }
}
