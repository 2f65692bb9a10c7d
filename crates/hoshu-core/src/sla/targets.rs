//! The targets (settings) and the allowance of one clock in its own time measure.

use super::{ClockKind, SlaItem};
use crate::calendar::{Calendar, tokyo};
use crate::incident::IncidentCategory;
use crate::validation::{ValidationErrors, group_digits};
use chrono::{DateTime, TimeDelta, Utc};
use serde::{Deserialize, Serialize};

/// Largest target in minutes accepted: one week.
pub const TARGET_MINUTES_MAX: u32 = 7 * 24 * 60;
/// Largest target in open days accepted.
pub const TARGET_OPEN_DAYS_MAX: u32 = 60;

/// The service-level targets. They are settings; [`SlaTargets::default`] holds the contract's
/// values (000 第7章第2節, 003 表2.3-1). Deserialising checks them, and a field missing from
/// stored settings takes its default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "SlaTargetsSettings")]
pub struct SlaTargets {
    /// 一次報告: minutes after detection, 24/365.
    pub first_report_minutes: u32,
    /// 続報 (一次報告以降の報告): minutes after detection, 24/365.
    pub follow_up_report_minutes: u32,
    /// 一次切り分け: minutes after detection, 24/365, for every category but ジョブ異常.
    pub first_isolation_minutes: u32,
    /// 一次切り分け for ジョブ異常: minutes after detection, 24/365.
    pub job_failure_isolation_minutes: u32,
    /// 対処先への連絡: minutes after the first isolation, 24/365.
    pub contact_fixer_minutes: u32,
    /// 障害報告: open days after handling completes (recovery).
    pub incident_report_open_days: u32,
    /// マニュアル改版: open days after the incident report or the prevention meeting.
    pub manual_revision_open_days: u32,
    /// 問合せ回答: minutes of service time after filing.
    pub request_answer_service_minutes: u32,
}

impl Default for SlaTargets {
    /// The contract's values. The request answer has no number in the contract (003 2.3 sets
    /// "回答率 100%" during service hours): 8 hours of service time, about one working day, is
    /// this desk's reading.
    fn default() -> Self {
        Self {
            first_report_minutes: 30,
            follow_up_report_minutes: 120,
            first_isolation_minutes: 45,
            job_failure_isolation_minutes: 30,
            contact_fixer_minutes: 10,
            incident_report_open_days: 1,
            manual_revision_open_days: 5,
            request_answer_service_minutes: 8 * 60,
        }
    }
}

/// The unchecked shape of [`SlaTargets`]' serialised form; missing fields take the defaults.
#[derive(Deserialize)]
#[serde(default)]
struct SlaTargetsSettings {
    first_report_minutes: u32,
    follow_up_report_minutes: u32,
    first_isolation_minutes: u32,
    job_failure_isolation_minutes: u32,
    contact_fixer_minutes: u32,
    incident_report_open_days: u32,
    manual_revision_open_days: u32,
    request_answer_service_minutes: u32,
}

impl Default for SlaTargetsSettings {
    fn default() -> Self {
        let t = SlaTargets::default();
        Self {
            first_report_minutes: t.first_report_minutes,
            follow_up_report_minutes: t.follow_up_report_minutes,
            first_isolation_minutes: t.first_isolation_minutes,
            job_failure_isolation_minutes: t.job_failure_isolation_minutes,
            contact_fixer_minutes: t.contact_fixer_minutes,
            incident_report_open_days: t.incident_report_open_days,
            manual_revision_open_days: t.manual_revision_open_days,
            request_answer_service_minutes: t.request_answer_service_minutes,
        }
    }
}

impl TryFrom<SlaTargetsSettings> for SlaTargets {
    type Error = ValidationErrors;

    fn try_from(s: SlaTargetsSettings) -> Result<Self, Self::Error> {
        let t = SlaTargets {
            first_report_minutes: s.first_report_minutes,
            follow_up_report_minutes: s.follow_up_report_minutes,
            first_isolation_minutes: s.first_isolation_minutes,
            job_failure_isolation_minutes: s.job_failure_isolation_minutes,
            contact_fixer_minutes: s.contact_fixer_minutes,
            incident_report_open_days: s.incident_report_open_days,
            manual_revision_open_days: s.manual_revision_open_days,
            request_answer_service_minutes: s.request_answer_service_minutes,
        };
        t.validate()?;
        Ok(t)
    }
}

impl SlaTargets {
    /// Every target must be at least 1 and at most a week ([`TARGET_MINUTES_MAX`]) or
    /// [`TARGET_OPEN_DAYS_MAX`] open days; the message names the setting.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        let minutes = [
            (
                "first_report_minutes",
                "一次報告の目標時間",
                self.first_report_minutes,
            ),
            (
                "follow_up_report_minutes",
                "続報の目標時間",
                self.follow_up_report_minutes,
            ),
            (
                "first_isolation_minutes",
                "一次切り分けの目標時間",
                self.first_isolation_minutes,
            ),
            (
                "job_failure_isolation_minutes",
                "一次切り分け（ジョブ異常）の目標時間",
                self.job_failure_isolation_minutes,
            ),
            (
                "contact_fixer_minutes",
                "対処先への連絡の目標時間",
                self.contact_fixer_minutes,
            ),
            (
                "request_answer_service_minutes",
                "問合せ回答の目標時間（サービス時間）",
                self.request_answer_service_minutes,
            ),
        ];
        for (field, label, value) in minutes {
            if !(1..=TARGET_MINUTES_MAX).contains(&value) {
                e.push(
                    field,
                    label,
                    format!(
                        "{label}は1分以上{}分以下で入力してください（現在{}分）。",
                        group_digits(TARGET_MINUTES_MAX as usize),
                        group_digits(value as usize)
                    ),
                );
            }
        }
        let days = [
            (
                "incident_report_open_days",
                "障害報告の期限（開庁日数）",
                self.incident_report_open_days,
            ),
            (
                "manual_revision_open_days",
                "マニュアル改版の期限（開庁日数）",
                self.manual_revision_open_days,
            ),
        ];
        for (field, label, value) in days {
            if !(1..=TARGET_OPEN_DAYS_MAX).contains(&value) {
                e.push(
                    field,
                    label,
                    format!(
                        "{label}は1日以上{TARGET_OPEN_DAYS_MAX}日以下で入力してください（現在{value}日）。"
                    ),
                );
            }
        }
        e.into_result()
    }

    /// The allowance of `item`. `category` matters only for the first isolation (ジョブ異常 has
    /// its own target); pass `None` for clocks that are not an incident's.
    pub fn allowance(&self, item: SlaItem, category: Option<IncidentCategory>) -> Allowance {
        match item {
            SlaItem::FirstReport => Allowance::Continuous {
                minutes: self.first_report_minutes,
            },
            SlaItem::FollowUpReport => Allowance::Continuous {
                minutes: self.follow_up_report_minutes,
            },
            SlaItem::FirstIsolation => Allowance::Continuous {
                minutes: if category == Some(IncidentCategory::JobFailure) {
                    self.job_failure_isolation_minutes
                } else {
                    self.first_isolation_minutes
                },
            },
            SlaItem::ContactFixer => Allowance::Continuous {
                minutes: self.contact_fixer_minutes,
            },
            SlaItem::IncidentReport => Allowance::BusinessDays {
                days: self.incident_report_open_days,
            },
            SlaItem::ManualRevision => Allowance::BusinessDays {
                days: self.manual_revision_open_days,
            },
            SlaItem::RequestAnswer => Allowance::ServiceTime {
                minutes: self.request_answer_service_minutes,
            },
        }
    }
}

/// How much time one clock allows, in the clock's own measure.
///
/// - `Continuous`: wall-clock minutes, 24/365.
/// - `ServiceTime`: minutes of service time (service hours of open days, per the [`Calendar`]).
/// - `BusinessDays`: the deadline is the **closing time of the `days`-th open day after the
///   day the clock starts** (Tokyo dates; the start day itself never counts, whether open or
///   not). A report due "within 1 business day" of a recovery on Friday is due at Monday's
///   closing, or Tuesday's when Monday is a holiday. Paused time is measured in service time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Allowance {
    Continuous { minutes: u32 },
    ServiceTime { minutes: u32 },
    BusinessDays { days: u32 },
}

impl Allowance {
    pub fn kind(self) -> ClockKind {
        match self {
            Allowance::Continuous { .. } => ClockKind::Continuous,
            Allowance::ServiceTime { .. } => ClockKind::ServiceTime,
            Allowance::BusinessDays { .. } => ClockKind::BusinessDays,
        }
    }

    /// The deadline of a clock started at `start`, before any pause.
    ///
    /// For `BusinessDays { days: 0 }` (refused by [`SlaTargets::validate`], accepted here) the
    /// deadline is the closing time of the first open day on or after the start day, or the
    /// start itself when that closing time has already passed.
    pub fn deadline_from(self, start: DateTime<Utc>, calendar: &Calendar) -> DateTime<Utc> {
        match self {
            Allowance::Continuous { minutes } => start + TimeDelta::minutes(i64::from(minutes)),
            Allowance::ServiceTime { minutes } => {
                calendar.add_service_time(start, TimeDelta::minutes(i64::from(minutes)))
            }
            Allowance::BusinessDays { days } => {
                let start_day = tokyo(start).date_naive();
                let due_day = if days == 0 {
                    calendar.open_day_on_or_after(start_day)
                } else {
                    calendar.add_open_days(start_day, days)
                };
                let (_, close) = calendar
                    .service_window(due_day)
                    .unwrap_or_else(|| unreachable!("{due_day} is an open day"));
                close.max(start)
            }
        }
    }

    /// The time that counts against this allowance from `a` to `b` (zero when `b <= a`):
    /// wall-clock time for `Continuous`, service time for the others.
    pub fn measure(self, a: DateTime<Utc>, b: DateTime<Utc>, calendar: &Calendar) -> TimeDelta {
        match self {
            Allowance::Continuous { .. } => (b - a).max(TimeDelta::zero()),
            Allowance::ServiceTime { .. } | Allowance::BusinessDays { .. } => {
                calendar.service_time_between(a, b)
            }
        }
    }

    /// The instant at which `d` more of this clock's time has elapsed after `t`.
    pub fn extend(self, t: DateTime<Utc>, d: TimeDelta, calendar: &Calendar) -> DateTime<Utc> {
        match self {
            Allowance::Continuous { .. } => t + d.max(TimeDelta::zero()),
            Allowance::ServiceTime { .. } | Allowance::BusinessDays { .. } => {
                calendar.add_service_time(t, d)
            }
        }
    }

    /// The allowance in Japanese, as forms and reports print it: "30分以内",
    /// "サービス時間で8時間以内", "1開庁日以内".
    pub fn describe(self) -> String {
        match self {
            Allowance::Continuous { minutes } => format!("{}以内", minutes_ja(minutes)),
            Allowance::ServiceTime { minutes } => {
                format!("サービス時間で{}以内", minutes_ja(minutes))
            }
            Allowance::BusinessDays { days } => format!("{days}開庁日以内"),
        }
    }
}

/// 30 → "30分", 120 → "2時間", 90 → "1時間30分".
fn minutes_ja(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (0, m) => format!("{m}分"),
        (h, 0) => format!("{h}時間"),
        (h, m) => format!("{h}時間{m}分"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_the_contract_values() {
        let t = SlaTargets::default();
        assert_eq!(t.first_report_minutes, 30);
        assert_eq!(t.follow_up_report_minutes, 120);
        assert_eq!(t.first_isolation_minutes, 45);
        assert_eq!(t.job_failure_isolation_minutes, 30);
        assert_eq!(t.contact_fixer_minutes, 10);
        assert_eq!(t.incident_report_open_days, 1);
        assert_eq!(t.manual_revision_open_days, 5);
        assert_eq!(t.validate(), Ok(()));
    }

    #[test]
    fn job_failure_isolates_in_30_others_in_45() {
        let t = SlaTargets::default();
        assert_eq!(
            t.allowance(SlaItem::FirstIsolation, Some(IncidentCategory::JobFailure)),
            Allowance::Continuous { minutes: 30 }
        );
        for c in [
            IncidentCategory::InfraMiddleware,
            IncidentCategory::Software,
            IncidentCategory::Network,
        ] {
            assert_eq!(
                t.allowance(SlaItem::FirstIsolation, Some(c)),
                Allowance::Continuous { minutes: 45 }
            );
        }
    }

    #[test]
    fn each_item_has_the_kind_it_declares() {
        let t = SlaTargets::default();
        for item in SlaItem::ALL {
            let a = t.allowance(*item, Some(IncidentCategory::Software));
            assert_eq!(a.kind(), item.clock_kind(), "{item:?}");
        }
    }

    #[test]
    fn zero_and_huge_targets_are_refused_in_japanese() {
        let t = SlaTargets {
            first_report_minutes: 0,
            manual_revision_open_days: 61,
            ..SlaTargets::default()
        };
        let e = t.validate().unwrap_err();
        assert_eq!(
            e.field("first_report_minutes").unwrap().message,
            "一次報告の目標時間は1分以上10,080分以下で入力してください（現在0分）。"
        );
        assert_eq!(
            e.field("manual_revision_open_days").unwrap().message,
            "マニュアル改版の期限（開庁日数）は1日以上60日以下で入力してください（現在61日）。"
        );
        assert_eq!(e.0.len(), 2);
    }

    #[test]
    fn serde_round_trips_fills_defaults_and_checks() {
        let t = SlaTargets::default();
        let json = serde_json::to_string(&t).unwrap();
        assert_eq!(serde_json::from_str::<SlaTargets>(&json).unwrap(), t);
        let partial: SlaTargets = serde_json::from_str(r#"{"first_report_minutes": 20}"#).unwrap();
        assert_eq!(partial.first_report_minutes, 20);
        assert_eq!(partial.contact_fixer_minutes, 10);
        assert!(serde_json::from_str::<SlaTargets>(r#"{"contact_fixer_minutes": 0}"#).is_err());
    }

    #[test]
    fn allowances_describe_themselves() {
        assert_eq!(Allowance::Continuous { minutes: 30 }.describe(), "30分以内");
        assert_eq!(
            Allowance::Continuous { minutes: 120 }.describe(),
            "2時間以内"
        );
        assert_eq!(
            Allowance::ServiceTime { minutes: 90 }.describe(),
            "サービス時間で1時間30分以内"
        );
        assert_eq!(
            Allowance::BusinessDays { days: 5 }.describe(),
            "5開庁日以内"
        );
        let json = serde_json::to_string(&Allowance::BusinessDays { days: 1 }).unwrap();
        assert_eq!(json, r#"{"kind":"business_days","days":1}"#);
    }
}
