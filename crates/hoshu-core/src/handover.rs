//! The handover to the next contractor 引継ぎ (003 第5章): the handover plan 引継計画書 —
//! who takes part and in what role, and the schedule of what is handed over when — its
//! rules, and its approval. The plan is drafted by the contractor, submitted, and approved
//! by the section or returned with a reason; every saved plan is a version, and approved
//! versions are kept.

use crate::calendar::fiscal::fiscal_year_of;
use crate::coded::coded_enum;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

coded_enum!(
    /// The three parties of the handover (003 5 (7): 本市・受託者・次期受託者).
    HandoverParty {
        City = "city" / "本市",
        Contractor = "contractor" / "受託者",
        NextContractor = "next_contractor" / "次期受託者",
    }
);

coded_enum!(
    /// Where a version of the plan stands.
    HandoverPlanStatus {
        Draft = "draft" / "作成中",
        Submitted = "submitted" / "提出済",
        Approved = "approved" / "承認済",
        Returned = "returned" / "差戻し",
    }
);

/// The longest a handover may last (003 5 (1): 最大6か月).
pub const MAX_HANDOVER_MONTHS: u32 = 6;

/// One participant of the handover: which party, the organisation or person, and the role
/// (引継体制・役割).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverMember {
    pub party: HandoverParty,
    /// 組織・氏名.
    pub name: String,
    /// 役割.
    pub role: String,
}

/// One line of the schedule: what is handed over, from when to when, and who carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverScheduleItem {
    /// 作業内容.
    pub what: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// 担当.
    pub who: HandoverParty,
}

/// The plan as the contractor writes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverPlanDraft {
    /// 次期受託者: the company taking over.
    pub next_contractor: String,
    /// 引継体制・役割.
    pub members: Vec<HandoverMember>,
    /// 引継スケジュール.
    pub schedule: Vec<HandoverScheduleItem>,
    /// 引継内容・留意事項 (free text).
    pub notes: String,
}

impl HandoverPlanDraft {
    /// The handover period: the first start and the last end of the schedule.
    pub fn period(&self) -> Option<(NaiveDate, NaiveDate)> {
        let from = self.schedule.iter().map(|i| i.from).min()?;
        let to = self.schedule.iter().map(|i| i.to).max()?;
        Some((from, to))
    }
}

/// One saved version of the plan with where it stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HandoverPlanVersion {
    pub version: i64,
    pub plan: HandoverPlanDraft,
    pub status: HandoverPlanStatus,
    pub edited_by_name: String,
    pub edited_at: DateTime<Utc>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    /// Why the section returned it.
    pub return_reason: Option<String>,
}

/// The last day the handover may end: the end of February of the fiscal year `today` is in
/// (003 5 (1): 2月末までに完了), so that the next contractor starts on 1 April.
pub fn handover_deadline(today: NaiveDate) -> NaiveDate {
    let march_first = NaiveDate::from_ymd_opt(fiscal_year_of(today) + 1, 3, 1)
        .expect("1 March exists in every year");
    march_first
        .pred_opt()
        .expect("the day before 1 March exists")
}

/// The rules of a plan, checked when it is saved and again when it is submitted: the three
/// parties each take part, the schedule is complete, the period is at most six months and
/// ends by the end of February of the current fiscal year.
pub fn validate_plan(plan: &HandoverPlanDraft, today: NaiveDate) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("next_contractor", "次期受託者", &plan.next_contractor, 100)
        .printable("next_contractor", "次期受託者", &plan.next_contractor);
    e.max_chars("notes", "引継内容・留意事項", &plan.notes, 4000)
        .printable("notes", "引継内容・留意事項", &plan.notes);
    for party in HandoverParty::ALL {
        if !plan.members.iter().any(|m| m.party == *party) {
            e.push(
                "members",
                "引継体制",
                format!("引継体制に{}を入れてください。", party.label()),
            );
        }
    }
    for (i, m) in plan.members.iter().enumerate() {
        let n = i + 1;
        if m.name.trim().is_empty() || m.role.trim().is_empty() {
            e.push_row(
                "members",
                "引継体制",
                i,
                format!("引継体制の{n}行目：組織・氏名と役割を入力してください。"),
            );
        } else if m.name.chars().count() > 100 || m.role.chars().count() > 200 {
            e.push_row(
                "members",
                "引継体制",
                i,
                format!(
                    "引継体制の{n}行目：組織・氏名は100文字、役割は200文字以内で入力してください。"
                ),
            );
        }
    }
    if plan.schedule.is_empty() {
        e.push(
            "schedule",
            "引継スケジュール",
            "引継スケジュールを1行以上入力してください。".into(),
        );
    }
    for (i, item) in plan.schedule.iter().enumerate() {
        let n = i + 1;
        if item.what.trim().is_empty() || item.what.chars().count() > 200 {
            e.push_row(
                "schedule",
                "引継スケジュール",
                i,
                format!("引継スケジュールの{n}行目：作業内容を200文字以内で入力してください。"),
            );
        }
        if item.to < item.from {
            e.push_row(
                "schedule",
                "引継スケジュール",
                i,
                format!("引継スケジュールの{n}行目：終了日は開始日以降にしてください。"),
            );
        }
    }
    if let Some((from, to)) = plan.period() {
        let longest = from
            .checked_add_months(Months::new(MAX_HANDOVER_MONTHS))
            .and_then(|d| d.pred_opt());
        if longest.is_some_and(|last| to > last) {
            e.push(
                "period",
                "引継期間",
                format!("引継期間は最大{MAX_HANDOVER_MONTHS}か月です。開始日から{MAX_HANDOVER_MONTHS}か月以内に終えるスケジュールにしてください。"),
            );
        }
        let deadline = handover_deadline(today);
        if to > deadline {
            e.push(
                "period",
                "引継期間",
                format!(
                    "引継期間は{}までに終えてください（年度の2月末）。",
                    crate::wareki::long(deadline)
                ),
            );
        }
    }
    e.into_result()
}

/// Why the section returns a plan: required, as for a returned change.
pub fn validate_return_reason(reason: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("reason", "差戻しの理由", reason, 1000)
        .printable("reason", "差戻しの理由", reason);
    e.into_result()
}

/// A new draft may be saved over any version except one waiting for the section's decision;
/// over an approved version it starts the next version (the approved one is kept).
pub fn may_edit(current: Option<HandoverPlanStatus>) -> bool {
    current != Some(HandoverPlanStatus::Submitted)
}

/// Only a version being written or returned is submitted.
pub fn may_submit(current: HandoverPlanStatus) -> bool {
    matches!(
        current,
        HandoverPlanStatus::Draft | HandoverPlanStatus::Returned
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn plan(schedule: &[(NaiveDate, NaiveDate)]) -> HandoverPlanDraft {
        HandoverPlanDraft {
            next_contractor: "株式会社次期".into(),
            members: HandoverParty::ALL
                .iter()
                .map(|p| HandoverMember {
                    party: *p,
                    name: format!("{}の担当", p.label()),
                    role: "引継ぎの確認".into(),
                })
                .collect(),
            schedule: schedule
                .iter()
                .map(|(from, to)| HandoverScheduleItem {
                    what: "運用手順の説明".into(),
                    from: *from,
                    to: *to,
                    who: HandoverParty::Contractor,
                })
                .collect(),
            notes: String::new(),
        }
    }

    fn fields(r: Result<(), ValidationErrors>) -> Vec<&'static str> {
        r.err()
            .map_or_else(Vec::new, |e| e.0.iter().map(|f| f.field).collect())
    }

    #[test]
    fn the_deadline_is_the_end_of_february_of_the_fiscal_year() {
        assert_eq!(handover_deadline(d(2027, 4, 1)), d(2028, 2, 29));
        assert_eq!(handover_deadline(d(2028, 3, 31)), d(2028, 2, 29));
        assert_eq!(handover_deadline(d(2026, 12, 1)), d(2027, 2, 28));
    }

    #[test]
    fn six_months_fit_and_a_day_more_does_not() {
        let today = d(2027, 6, 1);
        assert!(validate_plan(&plan(&[(d(2027, 9, 1), d(2028, 2, 29))]), today).is_ok());
        let too_long = validate_plan(&plan(&[(d(2027, 8, 1), d(2028, 2, 1))]), today);
        let e = too_long.unwrap_err();
        assert_eq!(e.0.len(), 1);
        assert_eq!(e.0[0].field, "period");
        assert!(e.0[0].message.contains("最大6か月"), "{e}");
        // The period spans the items: two short items far apart are one long period.
        assert_eq!(
            fields(validate_plan(
                &plan(&[
                    (d(2027, 7, 1), d(2027, 7, 31)),
                    (d(2028, 1, 5), d(2028, 1, 10))
                ]),
                today
            )),
            ["period"]
        );
    }

    #[test]
    fn a_handover_ending_in_march_is_refused_with_the_deadline_in_wareki() {
        let e =
            validate_plan(&plan(&[(d(2027, 12, 1), d(2028, 3, 10))]), d(2027, 6, 1)).unwrap_err();
        assert_eq!(e.0[0].field, "period");
        assert!(e.0[0].message.contains("令和10年2月29日"), "{e}");
    }

    #[test]
    fn every_party_and_a_schedule_are_required() {
        let mut p = plan(&[]);
        p.members
            .retain(|m| m.party != HandoverParty::NextContractor);
        p.next_contractor = " ".into();
        let e = validate_plan(&p, d(2027, 6, 1)).unwrap_err();
        let got: Vec<_> = e.0.iter().map(|f| f.field).collect();
        assert_eq!(got, ["next_contractor", "members", "schedule"]);
        assert!(e.0[1].message.contains("次期受託者"), "{e}");
    }

    #[test]
    fn a_bad_row_is_named_by_its_number() {
        let mut p = plan(&[(d(2027, 10, 1), d(2027, 9, 1))]);
        p.members[1].role = String::new();
        let e = validate_plan(&p, d(2027, 6, 1)).unwrap_err();
        assert_eq!(e.0[0].row, Some(1));
        assert!(e.0[0].message.contains("2行目"), "{e}");
        assert_eq!(e.0[1].field, "schedule");
        assert_eq!(e.0[1].row, Some(0));
        assert!(e.0[1].message.contains("終了日は開始日以降"), "{e}");
    }

    #[test]
    fn a_return_needs_a_reason() {
        let e = validate_return_reason("  ").unwrap_err();
        assert_eq!(e.0[0].message, "差戻しの理由を入力してください。");
        assert!(validate_return_reason("体制表に次期受託者の責任者がない").is_ok());
    }

    #[test]
    fn a_submitted_plan_waits_for_the_decision() {
        assert!(may_edit(None));
        assert!(may_edit(Some(HandoverPlanStatus::Approved)));
        assert!(!may_edit(Some(HandoverPlanStatus::Submitted)));
        assert!(may_submit(HandoverPlanStatus::Returned));
        assert!(!may_submit(HandoverPlanStatus::Approved));
        assert!(!may_submit(HandoverPlanStatus::Submitted));
    }
}
