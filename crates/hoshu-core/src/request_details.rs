//! What a request says beyond its title and body, by kind: how urgent the filer finds it, the
//! day they hope for an answer by, and for an operating-hour extension the day and hours asked
//! for — with the contract's notice rule (003 2.1 (1): by 17:00 the same day, or by 17:00 of
//! the day before when the day is a holiday).

use crate::calendar::{Calendar, tokyo, tokyo_to_utc};
use crate::coded::coded_enum;
use crate::request::RequestKind;
use crate::validation::ValidationErrors;
use crate::wareki;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// How urgent the filer finds it. The queue shows it; the SLA clocks do not change with it.
    Urgency {
        Normal = "normal" / "通常",
        High = "high" / "高",
        Urgent = "urgent" / "至急",
    }
);

// `coded_enum!` writes the variants, so none can carry `#[default]`.
#[allow(clippy::derivable_impls)]
impl Default for Urgency {
    fn default() -> Self {
        Urgency::Normal
    }
}

/// An operating-hour extension asked for: the day and the hours the system must run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExtensionAsk {
    pub day: NaiveDate,
    pub from: NaiveTime,
    pub until: NaiveTime,
}

/// The kind-specific part of a request. Every field has a default, so a request filed without
/// them (an import, an older window) is a normal one with no wish.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestDetails {
    #[serde(default)]
    pub urgency: Urgency,
    /// 希望期限: the day the filer hopes for an answer by.
    #[serde(default)]
    pub desired_by: Option<NaiveDate>,
    /// Required for 稼働時間延長, refused for every other kind.
    #[serde(default)]
    pub extension: Option<ExtensionAsk>,
}

/// The hour of the notice deadline (003 2.1 (1)).
const NOTICE_HOUR: u32 = 17;

/// When an extension on `day` must be asked for at the latest: 17:00 that day when it is an
/// open day, otherwise 17:00 of the last open day before it (a Sunday's is asked for by
/// Friday, when someone is at the desk to take it).
pub fn extension_notice_deadline(day: NaiveDate, calendar: &Calendar) -> DateTime<Utc> {
    let mut notice_day = day;
    if !calendar.is_open_day(day) {
        notice_day = day.pred_opt().unwrap_or(day);
        while !calendar.is_open_day(notice_day) {
            match notice_day.pred_opt() {
                Some(d) => notice_day = d,
                None => break,
            }
        }
    }
    let at = NaiveTime::from_hms_opt(NOTICE_HOUR, 0, 0).unwrap_or(NaiveTime::MIN);
    tokyo_to_utc(notice_day.and_time(at))
}

/// Checks the details of a request of `kind` filed at `now`: the wish is not in the past, and
/// an extension is given exactly for 稼働時間延長, runs forward, reaches past the service
/// hours on an open day, and is asked for in time.
pub fn validate_details(
    kind: RequestKind,
    details: &RequestDetails,
    calendar: &Calendar,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    let today = tokyo(now).date_naive();
    if let Some(desired) = details.desired_by
        && desired < today
    {
        e.push(
            "desired_by",
            "希望期限",
            format!("希望期限が過去の日付です（{}）。", wareki::long(desired)),
        );
    }
    match (kind, details.extension) {
        (RequestKind::HoursExtension, None) => e.push(
            "extension",
            "延長する日時",
            "稼働時間延長では延長する日と時刻を入力してください。".into(),
        ),
        (RequestKind::HoursExtension, Some(ask)) => check_extension(&mut e, ask, calendar, now),
        (other, Some(_)) => e.push(
            "extension",
            "延長する日時",
            format!("延長する日時は稼働時間延長でのみ指定できます（種別: {other}）。"),
        ),
        (_, None) => {}
    }
    e.into_result()
}

fn check_extension(
    e: &mut ValidationErrors,
    ask: ExtensionAsk,
    calendar: &Calendar,
    now: DateTime<Utc>,
) {
    const FIELD: &str = "extension";
    const LABEL: &str = "延長する日時";
    if ask.until <= ask.from {
        e.push(
            FIELD,
            LABEL,
            "延長の終了時刻は開始時刻より後にしてください。".into(),
        );
        return;
    }
    let close = calendar.hours().close;
    if calendar.is_open_day(ask.day) && ask.until <= close {
        e.push(
            FIELD,
            LABEL,
            format!(
                "開庁日のサービス時間（{}まで）内です。延長の終了時刻は{}より後にしてください。",
                close.format("%H:%M"),
                close.format("%H:%M")
            ),
        );
        return;
    }
    let deadline = extension_notice_deadline(ask.day, calendar);
    if now > deadline {
        e.push(
            FIELD,
            LABEL,
            format!(
                "{}の延長は{}までに依頼してください（契約上の連絡期限を過ぎています）。",
                wareki::long(ask.day),
                wareki::datetime_long(deadline)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::ServiceHours;

    fn calendar() -> Calendar {
        Calendar::new(ServiceHours::default(), [], [])
    }
    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        tokyo_to_utc(
            NaiveDate::from_ymd_opt(y, m, d)
                .unwrap()
                .and_hms_opt(h, min, 0)
                .unwrap(),
        )
    }
    fn ask(day: (i32, u32, u32), from: (u32, u32), until: (u32, u32)) -> RequestDetails {
        RequestDetails {
            extension: Some(ExtensionAsk {
                day: NaiveDate::from_ymd_opt(day.0, day.1, day.2).unwrap(),
                from: NaiveTime::from_hms_opt(from.0, from.1, 0).unwrap(),
                until: NaiveTime::from_hms_opt(until.0, until.1, 0).unwrap(),
            }),
            ..RequestDetails::default()
        }
    }
    fn fields(r: Result<(), ValidationErrors>) -> Vec<&'static str> {
        r.err()
            .map_or_else(Vec::new, |e| e.0.iter().map(|f| f.field).collect())
    }

    #[test]
    fn the_notice_is_due_at_17_on_the_day_or_the_last_open_day_before_a_holiday() {
        let c = calendar();
        // 令和8年4月10日(金) is an open day.
        assert_eq!(
            extension_notice_deadline(NaiveDate::from_ymd_opt(2026, 4, 10).unwrap(), &c),
            jst(2026, 4, 10, 17, 0)
        );
        // Sunday the 12th: by Friday the 10th at 17:00.
        assert_eq!(
            extension_notice_deadline(NaiveDate::from_ymd_opt(2026, 4, 12).unwrap(), &c),
            jst(2026, 4, 10, 17, 0)
        );
        // 昭和の日 (Wed 4/29): by Tuesday the 28th.
        assert_eq!(
            extension_notice_deadline(NaiveDate::from_ymd_opt(2026, 4, 29).unwrap(), &c),
            jst(2026, 4, 28, 17, 0)
        );
    }

    #[test]
    fn an_extension_asked_in_time_past_the_service_hours_is_accepted() {
        let c = calendar();
        let details = ask((2026, 4, 10), (19, 0), (21, 0));
        assert_eq!(
            validate_details(
                RequestKind::HoursExtension,
                &details,
                &c,
                jst(2026, 4, 10, 16, 59)
            ),
            Ok(())
        );
        // A Sunday run from the morning is an extension too.
        let sunday = ask((2026, 4, 12), (9, 0), (12, 0));
        assert_eq!(
            validate_details(
                RequestKind::HoursExtension,
                &sunday,
                &c,
                jst(2026, 4, 9, 10, 0)
            ),
            Ok(())
        );
    }

    #[test]
    fn a_late_inside_or_backwards_extension_is_refused_naming_the_field() {
        let c = calendar();
        let late = validate_details(
            RequestKind::HoursExtension,
            &ask((2026, 4, 10), (19, 0), (21, 0)),
            &c,
            jst(2026, 4, 10, 17, 1),
        )
        .unwrap_err();
        assert_eq!(late.0[0].field, "extension");
        assert!(
            late.0[0].message.contains("令和8年4月10日(金) 17:00"),
            "{}",
            late.0[0].message
        );
        let inside = ask((2026, 4, 10), (17, 0), (18, 30));
        assert_eq!(
            fields(validate_details(
                RequestKind::HoursExtension,
                &inside,
                &c,
                jst(2026, 4, 9, 9, 0)
            )),
            ["extension"]
        );
        let backwards = ask((2026, 4, 10), (21, 0), (19, 0));
        assert_eq!(
            fields(validate_details(
                RequestKind::HoursExtension,
                &backwards,
                &c,
                jst(2026, 4, 9, 9, 0)
            )),
            ["extension"]
        );
    }

    #[test]
    fn the_extension_belongs_to_its_kind_and_the_wish_to_the_future() {
        let c = calendar();
        let now = jst(2026, 4, 10, 9, 0);
        assert_eq!(
            fields(validate_details(
                RequestKind::HoursExtension,
                &RequestDetails::default(),
                &c,
                now
            )),
            ["extension"]
        );
        assert_eq!(
            fields(validate_details(
                RequestKind::Inquiry,
                &ask((2026, 4, 10), (19, 0), (21, 0)),
                &c,
                now
            )),
            ["extension"]
        );
        let past = RequestDetails {
            desired_by: NaiveDate::from_ymd_opt(2026, 4, 9),
            urgency: Urgency::Urgent,
            extension: None,
        };
        assert_eq!(
            fields(validate_details(RequestKind::Inquiry, &past, &c, now)),
            ["desired_by"]
        );
        let today = RequestDetails {
            desired_by: NaiveDate::from_ymd_opt(2026, 4, 10),
            ..past
        };
        assert_eq!(
            validate_details(RequestKind::Inquiry, &today, &c, now),
            Ok(())
        );
    }
}
