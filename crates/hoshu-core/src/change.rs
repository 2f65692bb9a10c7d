//! Changes that need the city's approval before they run: planned outages, data patches,
//! releases and operating-hour extensions (000 第8章第1節, 003 2.1, 3.3, 4.1).

use crate::calendar::{Calendar, tokyo};
use crate::coded::coded_enum;
use crate::request::validate_office;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Datelike, NaiveDate, NaiveTime, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 100;
pub const TEXT_MAX_CHARS: usize = 10_000;

coded_enum!(
    /// What is to be done.
    ChangeKind {
        PlannedOutage = "planned_outage" / "計画停止",
        DataPatch = "data_patch" / "データパッチ",
        Release = "release" / "リリース",
        HoursExtension = "hours_extension" / "稼働時間延長",
    }
);

coded_enum!(
    /// Why a planned outage is needed.
    OutageReason {
        UpdateFiles = "update_files" / "更新ファイル適用",
        BugFix = "bug_fix" / "不具合修正",
        SecurityPatch = "security_patch" / "セキュリティパッチ",
        MonthlyMaintenance = "monthly_maintenance" / "月次メンテナンス",
        Other = "other" / "その他",
    }
);

coded_enum!(
    /// How a release was agreed (003 2.1).
    ReleaseKind {
        Regular = "regular" / "定期",
        Emergency = "emergency" / "緊急",
        Individual = "individual" / "個別",
    }
);

coded_enum!(
    /// Where a change stands.
    ChangeStatus {
        Draft = "draft" / "下書き",
        Submitted = "submitted" / "承認待ち",
        Approved = "approved" / "承認済",
        Rejected = "rejected" / "却下",
        Done = "done" / "実施済",
        Withdrawn = "withdrawn" / "取下げ",
    }
);

coded_enum!(
    /// A step in a change's life.
    ChangeAction {
        Submit = "submit" / "承認申請",
        Approve = "approve" / "承認",
        Reject = "reject" / "却下",
        SendBack = "send_back" / "差戻し",
        Revoke = "revoke" / "承認取消",
        Complete = "complete" / "実施結果登録",
        Withdraw = "withdraw" / "取下げ",
    }
);

coded_enum!(
    /// How the execution went.
    ChangeOutcome {
        Succeeded = "succeeded" / "成功",
        PartiallySucceeded = "partially_succeeded" / "一部成功",
        Failed = "failed" / "失敗（切り戻し）",
    }
);

/// The lifecycle: draft → submitted → approved | rejected; a submitted change sent back, or an
/// approved one whose approval is revoked, returns to draft for the contractor to revise;
/// approved → done; draft, submitted or approved → withdrawn. Only an approved change can be
/// completed, so nothing is recorded as executed without a recorded approval.
pub fn next_change_status(
    from: ChangeStatus,
    action: ChangeAction,
) -> Result<ChangeStatus, ChangeTransitionError> {
    use ChangeAction as A;
    use ChangeStatus as S;
    let to = match (from, action) {
        (S::Draft, A::Submit) => S::Submitted,
        (S::Submitted, A::Approve) => S::Approved,
        (S::Submitted, A::Reject) => S::Rejected,
        (S::Submitted, A::SendBack) | (S::Approved, A::Revoke) => S::Draft,
        (S::Approved, A::Complete) => S::Done,
        (S::Draft | S::Submitted | S::Approved, A::Withdraw) => S::Withdrawn,
        _ => return Err(ChangeTransitionError { from, action }),
    };
    Ok(to)
}

impl ChangeStatus {
    pub fn allowed_actions(self) -> Vec<ChangeAction> {
        ChangeAction::ALL
            .iter()
            .copied()
            .filter(|a| next_change_status(self, *a).is_ok())
            .collect()
    }

    /// Submitted and approved changes hold their window: others must not overlap them.
    pub fn holds_window(self) -> bool {
        matches!(self, ChangeStatus::Submitted | ChangeStatus::Approved)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("状態が「{from}」の変更に「{action}」はできません。")]
pub struct ChangeTransitionError {
    pub from: ChangeStatus,
    pub action: ChangeAction,
}

/// What the contractor proposes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeProposal {
    pub kind: ChangeKind,
    /// Required for 計画停止.
    pub outage_reason: Option<OutageReason>,
    /// Required for リリース.
    pub release_kind: Option<ReleaseKind>,
    pub title: String,
    pub description: String,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
    /// Systems affected, free text (e.g. "レセプト管理システム 本番環境").
    pub affected_systems: String,
    /// Office codes affected; empty means every office.
    pub affected_offices: Vec<String>,
    pub impact: String,
    pub rollback_plan: String,
    /// For releases: how and when it was verified on the test environment.
    pub test_verification: Option<String>,
    /// For data patches: the instruction that allows it (003 3.3 forbids uninstructed patches).
    pub instruction_ref: Option<String>,
}

impl ChangeProposal {
    /// Checks what can be checked while drafting. `now` decides whether the window is past.
    pub fn validate(
        &self,
        known_offices: &[&str],
        now: DateTime<Utc>,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        e.text("title", "件名", &self.title, TITLE_MAX_CHARS)
            .printable("title", "件名", &self.title);
        e.text("description", "作業内容", &self.description, TEXT_MAX_CHARS);
        e.text(
            "affected_systems",
            "影響システム",
            &self.affected_systems,
            500,
        );
        e.text("impact", "業務への影響", &self.impact, TEXT_MAX_CHARS);
        e.text(
            "rollback_plan",
            "切り戻し手順",
            &self.rollback_plan,
            TEXT_MAX_CHARS,
        );
        if self.window_end <= self.window_start {
            e.push(
                "window_end",
                "終了日時",
                "終了日時は開始日時より後にしてください。".into(),
            );
        } else if self.window_end - self.window_start > chrono::TimeDelta::days(7) {
            e.push(
                "window_end",
                "終了日時",
                "作業期間は7日以内にしてください。".into(),
            );
        }
        if self.window_start < now {
            e.push(
                "window_start",
                "開始日時",
                "開始日時が過去になっています。".into(),
            );
        }
        match (self.kind, self.outage_reason) {
            (ChangeKind::PlannedOutage, None) => e.push(
                "outage_reason",
                "停止理由",
                "計画停止では停止理由を選択してください。".into(),
            ),
            (kind, Some(_)) if kind != ChangeKind::PlannedOutage => e.push(
                "outage_reason",
                "停止理由",
                format!("停止理由は計画停止でのみ指定できます（種別: {kind}）。"),
            ),
            _ => {}
        }
        match (self.kind, self.release_kind) {
            (ChangeKind::Release, None) => e.push(
                "release_kind",
                "リリース区分",
                "リリースではリリース区分（定期・緊急・個別）を選択してください。".into(),
            ),
            (kind, Some(_)) if kind != ChangeKind::Release => e.push(
                "release_kind",
                "リリース区分",
                format!("リリース区分はリリースでのみ指定できます（種別: {kind}）。"),
            ),
            _ => {}
        }
        if let Some(v) = &self.test_verification {
            e.max_chars("test_verification", "テスト環境での検証", v, TEXT_MAX_CHARS);
        }
        if let Some(v) = &self.instruction_ref {
            e.max_chars("instruction_ref", "指示文書", v, 500);
        }
        for office in &self.affected_offices {
            validate_office(&mut e, office, known_offices);
        }
        e.into_result()
    }

    /// What must be recorded before the city is asked to approve: a release verified on the
    /// test environment (003 4.1), a data patch backed by an instruction (003 3.3).
    pub fn validate_for_submission(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        if self.kind == ChangeKind::Release && blank(&self.test_verification) {
            e.push(
                "test_verification",
                "テスト環境での検証",
                "リリースはテスト環境での検証結果を記録してから申請してください。".into(),
            );
        }
        if self.kind == ChangeKind::DataPatch && blank(&self.instruction_ref) {
            e.push(
                "instruction_ref",
                "指示文書",
                "データパッチは指示文書（指示日・番号）を記録してから申請してください。".into(),
            );
        }
        e.into_result()
    }
}

/// What the contractor records after executing an approved change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeResult {
    pub outcome: ChangeOutcome,
    pub executed_start: DateTime<Utc>,
    pub executed_end: DateTime<Utc>,
    pub notes: String,
}

impl ChangeResult {
    pub fn validate(&self, now: DateTime<Utc>) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.executed_end <= self.executed_start {
            e.push(
                "executed_end",
                "実施終了日時",
                "実施終了日時は実施開始日時より後にしてください。".into(),
            );
        }
        if self.executed_end > now {
            e.push(
                "executed_end",
                "実施終了日時",
                "実施終了日時が未来になっています。実施後に登録してください。".into(),
            );
        }
        e.text("notes", "実施結果", &self.notes, TEXT_MAX_CHARS);
        e.into_result()
    }
}

/// A rejection, a sending back and a revoked approval must say why, so the contractor can
/// revise.
pub fn validate_decision_comment(
    action: ChangeAction,
    comment: &str,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    match action {
        ChangeAction::Reject => {
            e.text("comment", "却下の理由", comment, TEXT_MAX_CHARS);
        }
        ChangeAction::SendBack => {
            e.text("comment", "差戻しの理由", comment, TEXT_MAX_CHARS);
        }
        ChangeAction::Revoke => {
            e.text("comment", "承認取消の理由", comment, TEXT_MAX_CHARS);
        }
        _ => {
            e.max_chars("comment", "コメント", comment, TEXT_MAX_CHARS);
        }
    }
    e.into_result()
}

/// An approval can be revoked only before the work starts: once the window has begun, what
/// happened is recorded as the result instead.
pub fn validate_revocation(
    window_start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    if now >= window_start {
        e.push(
            "comment",
            "承認取消",
            "作業の開始日時を過ぎた変更の承認は取り消せません。実施結果として記録してください。"
                .into(),
        );
    }
    e.into_result()
}

/// Whether approving needs the approver to acknowledge clashes first: it does whenever the
/// conflict check finds any (service hours or another change's window).
pub fn approval_needs_acknowledgement(action: ChangeAction, conflicts: &[Conflict]) -> bool {
    action == ChangeAction::Approve && !conflicts.is_empty()
}

/// Another change's window, as the conflict check needs it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScheduledChange {
    pub id: i64,
    pub title: String,
    pub status: ChangeStatus,
    pub window_start: DateTime<Utc>,
    pub window_end: DateTime<Utc>,
}

/// Something the approver must see before deciding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Conflict {
    /// The window overlaps service hours on an open day: offices will be unable to work.
    ServiceHours {
        date: NaiveDate,
        overlap_start: DateTime<Utc>,
        overlap_end: DateTime<Utc>,
    },
    /// The window overlaps another submitted or approved change.
    OtherChange {
        id: i64,
        title: String,
        status: ChangeStatus,
    },
}

impl Conflict {
    /// One Japanese sentence for the approval screen and documents.
    pub fn describe(&self) -> String {
        match self {
            Conflict::ServiceHours {
                date,
                overlap_start,
                overlap_end,
            } => format!(
                "開庁日 {} のサービス時間帯（{}〜{}）と重なっています。",
                crate::wareki::long(*date),
                tokyo(*overlap_start).format("%H:%M"),
                tokyo(*overlap_end).format("%H:%M"),
            ),
            Conflict::OtherChange { id, title, status } => {
                format!("{status}の変更 #{id}「{title}」と作業時間帯が重なっています。")
            }
        }
    }
}

/// Everything an approver should know about a window before approving it. `self_id` excludes
/// the change being checked from the list of others.
pub fn conflicts(
    self_id: Option<i64>,
    window_start: DateTime<Utc>,
    window_end: DateTime<Utc>,
    calendar: &Calendar,
    others: &[ScheduledChange],
) -> Vec<Conflict> {
    let mut found = Vec::new();
    if window_end <= window_start {
        return found;
    }
    let first = tokyo(window_start).date_naive();
    let last = tokyo(window_end).date_naive();
    for date in first.iter_days().take_while(|d| *d <= last) {
        if let Some((open, close)) = calendar.service_window(date) {
            let overlap_start = open.max(window_start);
            let overlap_end = close.min(window_end);
            if overlap_start < overlap_end {
                found.push(Conflict::ServiceHours {
                    date,
                    overlap_start,
                    overlap_end,
                });
            }
        }
    }
    for other in others {
        if Some(other.id) == self_id || !other.status.holds_window() {
            continue;
        }
        if other.window_start < window_end && window_start < other.window_end {
            found.push(Conflict::OtherChange {
                id: other.id,
                title: other.title.clone(),
                status: other.status,
            });
        }
    }
    found
}

/// The monthly maintenance window: the first Sunday of the month, 8:00–22:00 Tokyo time
/// (003 2.1).
pub fn monthly_maintenance_window(year: i32, month: u32) -> Option<(DateTime<Utc>, DateTime<Utc>)> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let offset =
        (7 + Weekday::Sun.num_days_from_monday() - first.weekday().num_days_from_monday()) % 7;
    let sunday = first + chrono::Days::new(u64::from(offset));
    let at = |h: u32| {
        crate::calendar::TOKYO
            .from_local_datetime(&sunday.and_time(NaiveTime::from_hms_opt(h, 0, 0)?))
            .single()
            .map(|t| t.with_timezone(&Utc))
    };
    Some((at(8)?, at(22)?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ChangeAction as A;
    use ChangeStatus as S;
    use chrono::TimeDelta;

    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        crate::calendar::TOKYO
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn outage() -> ChangeProposal {
        ChangeProposal {
            kind: ChangeKind::PlannedOutage,
            outage_reason: Some(OutageReason::SecurityPatch),
            release_kind: None,
            title: "OSセキュリティパッチ適用に伴う計画停止".into(),
            description: "2026年11月分のセキュリティパッチを適用する。".into(),
            window_start: jst(2026, 12, 6, 8, 0),
            window_end: jst(2026, 12, 6, 12, 0),
            affected_systems: "レセプト管理システム 本番環境".into(),
            affected_offices: vec![],
            impact: "停止中はシステムを利用できない。".into(),
            rollback_plan: "適用前のスナップショットから復元する。".into(),
            test_verification: None,
            instruction_ref: None,
        }
    }

    #[test]
    fn lifecycle_only_allows_listed_steps() {
        let allowed = [
            (S::Draft, A::Submit, S::Submitted),
            (S::Submitted, A::Approve, S::Approved),
            (S::Submitted, A::Reject, S::Rejected),
            (S::Submitted, A::SendBack, S::Draft),
            (S::Approved, A::Revoke, S::Draft),
            (S::Approved, A::Complete, S::Done),
            (S::Draft, A::Withdraw, S::Withdrawn),
            (S::Submitted, A::Withdraw, S::Withdrawn),
            (S::Approved, A::Withdraw, S::Withdrawn),
        ];
        for from in S::ALL {
            for action in A::ALL {
                let expected = allowed
                    .iter()
                    .find(|(f, a, _)| f == from && a == action)
                    .map(|(_, _, to)| *to);
                assert_eq!(next_change_status(*from, *action).ok(), expected);
            }
        }
    }

    #[test]
    fn sending_back_and_revoking_need_a_reason_and_revoking_ends_at_the_start() {
        for action in [A::Reject, A::SendBack, A::Revoke] {
            let e = validate_decision_comment(action, "  ").unwrap_err();
            assert_eq!(e.0[0].field, "comment", "{action:?}");
            assert!(validate_decision_comment(action, "日程を再調整してください。").is_ok());
        }
        assert!(validate_decision_comment(A::Approve, "").is_ok());
        let start = jst(2026, 12, 7, 8, 0);
        assert!(validate_revocation(start, start - TimeDelta::seconds(1)).is_ok());
        assert!(validate_revocation(start, start).is_err());
        assert!(validate_revocation(start, start + TimeDelta::hours(1)).is_err());
    }

    #[test]
    fn approving_over_a_clash_needs_it_acknowledged() {
        let clash = Conflict::OtherChange {
            id: 7,
            title: "別の停止".into(),
            status: S::Approved,
        };
        assert!(approval_needs_acknowledgement(
            A::Approve,
            std::slice::from_ref(&clash)
        ));
        assert!(!approval_needs_acknowledgement(A::Approve, &[]));
        assert!(!approval_needs_acknowledgement(A::Reject, &[clash]));
    }

    #[test]
    fn nothing_is_done_without_approval() {
        for from in [S::Draft, S::Submitted, S::Rejected, S::Withdrawn, S::Done] {
            assert!(next_change_status(from, A::Complete).is_err(), "{from:?}");
        }
    }

    #[test]
    fn valid_outage_passes() {
        assert_eq!(
            outage().validate(&["naka"], jst(2026, 11, 22, 9, 0)),
            Ok(())
        );
    }

    #[test]
    fn end_before_start_names_the_end_field() {
        let mut c = outage();
        c.window_end = c.window_start - chrono::TimeDelta::hours(1);
        let e = c.validate(&[], jst(2026, 11, 22, 9, 0)).unwrap_err();
        assert_eq!(
            e.field("window_end").unwrap().message,
            "終了日時は開始日時より後にしてください。"
        );
    }

    #[test]
    fn outage_needs_reason_and_release_needs_kind_and_verification() {
        let now = jst(2026, 11, 22, 9, 0);
        let mut c = outage();
        c.outage_reason = None;
        assert!(
            c.validate(&[], now)
                .unwrap_err()
                .field("outage_reason")
                .is_some()
        );
        c.kind = ChangeKind::Release;
        let e = c.validate(&[], now).unwrap_err();
        assert!(e.field("release_kind").is_some());
        c.release_kind = Some(ReleaseKind::Emergency);
        assert_eq!(c.validate(&[], now), Ok(()));
        assert!(
            c.validate_for_submission()
                .unwrap_err()
                .field("test_verification")
                .is_some()
        );
        c.test_verification = Some("11/20 検証環境で回帰テスト42件実施、全件合格".into());
        assert_eq!(c.validate_for_submission(), Ok(()));
    }

    #[test]
    fn data_patch_needs_an_instruction() {
        let mut c = outage();
        c.kind = ChangeKind::DataPatch;
        c.outage_reason = None;
        assert!(
            c.validate_for_submission()
                .unwrap_err()
                .field("instruction_ref")
                .is_some()
        );
    }

    #[test]
    fn unknown_affected_office_is_reported() {
        let mut c = outage();
        c.affected_offices = vec!["naka".into(), "osaka".into()];
        let e = c.validate(&["naka"], jst(2026, 11, 22, 9, 0)).unwrap_err();
        assert_eq!(
            e.field("office").unwrap().message,
            "所属「osaka」は登録されていません。"
        );
    }

    #[test]
    fn rejection_needs_a_reason() {
        assert!(validate_decision_comment(A::Reject, " ").is_err());
        assert!(validate_decision_comment(A::Approve, "").is_ok());
    }

    #[test]
    fn sunday_outage_has_no_service_hour_conflict() {
        let cal = Calendar::default();
        let c = outage();
        assert!(conflicts(None, c.window_start, c.window_end, &cal, &[]).is_empty());
    }

    #[test]
    fn weekday_daytime_outage_overlaps_service_hours() {
        let cal = Calendar::default();
        // Monday 2026-12-07, 18:00–23:00: overlaps 18:00–19:00.
        let found = conflicts(
            None,
            jst(2026, 12, 7, 18, 0),
            jst(2026, 12, 7, 23, 0),
            &cal,
            &[],
        );
        assert_eq!(
            found,
            vec![Conflict::ServiceHours {
                date: NaiveDate::from_ymd_opt(2026, 12, 7).unwrap(),
                overlap_start: jst(2026, 12, 7, 18, 0),
                overlap_end: jst(2026, 12, 7, 19, 0),
            }]
        );
        assert!(found[0].describe().contains("18:00〜19:00"));
    }

    #[test]
    fn window_ending_exactly_at_opening_does_not_conflict() {
        let cal = Calendar::default();
        assert!(
            conflicts(
                None,
                jst(2026, 12, 7, 1, 0),
                jst(2026, 12, 7, 8, 0),
                &cal,
                &[]
            )
            .is_empty()
        );
    }

    #[test]
    fn overlapping_submitted_change_is_reported_but_not_itself_or_drafts() {
        let cal = Calendar::default();
        let other = |id, status, s, e| ScheduledChange {
            id,
            title: format!("変更{id}"),
            status,
            window_start: s,
            window_end: e,
        };
        let others = vec![
            other(
                1,
                S::Approved,
                jst(2026, 12, 6, 10, 0),
                jst(2026, 12, 6, 13, 0),
            ),
            other(
                2,
                S::Draft,
                jst(2026, 12, 6, 10, 0),
                jst(2026, 12, 6, 13, 0),
            ),
            other(
                3,
                S::Submitted,
                jst(2026, 12, 6, 12, 0),
                jst(2026, 12, 6, 14, 0),
            ),
            other(
                4,
                S::Submitted,
                jst(2026, 12, 6, 9, 0),
                jst(2026, 12, 6, 11, 0),
            ),
        ];
        let ids: Vec<i64> = conflicts(
            Some(4),
            jst(2026, 12, 6, 8, 0),
            jst(2026, 12, 6, 12, 0),
            &cal,
            &others,
        )
        .into_iter()
        .filter_map(|c| match c {
            Conflict::OtherChange { id, .. } => Some(id),
            Conflict::ServiceHours { .. } => None,
        })
        .collect();
        // #3 starts exactly when this window ends: touching is not overlapping.
        assert_eq!(ids, vec![1]);
    }

    #[test]
    fn monthly_maintenance_is_first_sunday_8_to_22() {
        let (s, e) = monthly_maintenance_window(2026, 11).unwrap();
        assert_eq!((s, e), (jst(2026, 11, 1, 8, 0), jst(2026, 11, 1, 22, 0)));
        let (s, _) = monthly_maintenance_window(2026, 12).unwrap();
        assert_eq!(s, jst(2026, 12, 6, 8, 0));
        let (s, _) = monthly_maintenance_window(2027, 2).unwrap();
        assert_eq!(s, jst(2027, 2, 7, 8, 0));
        assert!(monthly_maintenance_window(2026, 13).is_none());
    }
}
