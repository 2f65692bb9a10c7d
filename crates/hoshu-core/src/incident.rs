//! Incidents (障害) the contractor records: what happened, how bad it is, what was done when,
//! and whether the incident is excluded from the service-level figures (000 第7章第2節,
//! 第8章第3節; 003 2.3).
//!
//! This module holds the nouns and their validation. The SLA clocks that run on an incident's
//! timeline are in [`crate::sla`].

use crate::coded::coded_enum;
use crate::request::validate_office;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Longest title accepted; a title is one line in lists and on the register.
pub const TITLE_MAX_CHARS: usize = 100;
/// Longest summary, timeline note or exclusion note accepted.
pub const TEXT_MAX_CHARS: usize = 10_000;
/// Longest description of the affected systems.
pub const SYSTEMS_MAX_CHARS: usize = 500;
/// Longest name of the person who decided an exclusion.
pub const NAME_MAX_CHARS: usize = 100;
/// Most requests one incident may be linked to.
pub const LINKED_REQUESTS_MAX: usize = 100;

coded_enum!(
    /// Where the fault lies, as 003 表2.3-1 divides 障害対応. The category decides the first
    /// isolation target: 30 minutes for ジョブ異常, 45 minutes for the others.
    IncidentCategory {
        InfraMiddleware = "infra_middleware" / "インフラ／ミドルウェア",
        Software = "software" / "ソフトウェア",
        Network = "network" / "ネットワーク",
        JobFailure = "job_failure" / "ジョブ異常",
    }
);

coded_enum!(
    /// How badly the offices' work is affected, most severe first (so `Critical < Low` in the
    /// derived order, and [`Severity::ALL`] lists them in the order a form shows them).
    ///
    /// The contract sets the SLA targets by category, not by severity: severity orders the
    /// work and the reports, it does not change any clock.
    ///
    /// - 重大: the system cannot be used (all or most offices stopped), data lost or corrupted, or
    ///   personal information possibly leaked.
    /// - 高: a main function is unusable for one or more offices and there is no workaround.
    /// - 中: a function is impaired but a workaround lets the offices go on working.
    /// - 低: little or no effect on the offices' work (display, wording, a single terminal).
    Severity {
        Critical = "critical" / "重大",
        High = "high" / "高",
        Medium = "medium" / "中",
        Low = "low" / "低",
    }
);

coded_enum!(
    /// What a timeline entry records (000 第7章第2節, 003 2.3).
    TimelineEventKind {
        FirstReport = "first_report" / "一次報告",
        FollowUpReport = "follow_up_report" / "続報",
        FirstIsolation = "first_isolation" / "一次切り分け",
        ContactFixer = "contact_fixer" / "対処先への連絡",
        Recovery = "recovery" / "復旧",
        InterimReport = "interim_report" / "暫定報告",
        IncidentReport = "incident_report" / "障害報告",
        PreventionMeeting = "prevention_meeting" / "再発防止検討会",
        ManualRevision = "manual_revision" / "マニュアル改版",
    }
);

coded_enum!(
    /// Why an incident is left out of the service-level figures: 000 第8章第3節 免責事項 (1)–(5).
    /// The label is the contract's wording; [`ExclusionReason::short_label`] is for tables.
    ExclusionReason {
        NotContractorService = "not_contractor_service"
            / "受託者が提供するサービス（システム）に由来しない障害（ガバメントクラウドの障害、受託者が提供していない接続回線、等）によるもの",
        DisasterOrAttack = "disaster_or_attack"
            / "災害、外部からの攻撃など、受託者に帰責性のない事象によるもの",
        ThirdPartyProduct = "third_party_product"
            / "受託者以外から提供を受けたハードウェア又はソフトウェアに起因する障害によるもの（その原因や対応策、運用回避策等が公表されている既知のものを除く）",
        UserFault = "user_fault" / "本市利用者の過失及び故意による障害によるもの",
        CauseUndetermined = "cause_undetermined"
            / "障害の原因所在とその責任究明につき明確に確定できないもの",
    }
);

impl ExclusionReason {
    /// The item number in 000 第8章第3節: 1–5.
    pub fn number(self) -> u8 {
        match self {
            ExclusionReason::NotContractorService => 1,
            ExclusionReason::DisasterOrAttack => 2,
            ExclusionReason::ThirdPartyProduct => 3,
            ExclusionReason::UserFault => 4,
            ExclusionReason::CauseUndetermined => 5,
        }
    }

    /// A short name for lists and report tables, prefixed with the item number: "(1) 提供範囲外".
    pub fn short_label(self) -> &'static str {
        match self {
            ExclusionReason::NotContractorService => "(1) 受託者の提供範囲外（クラウド・回線等）",
            ExclusionReason::DisasterOrAttack => "(2) 災害・外部からの攻撃",
            ExclusionReason::ThirdPartyProduct => {
                "(3) 第三者提供の製品（公表済みの既知事象を除く）"
            }
            ExclusionReason::UserFault => "(4) 本市利用者の過失・故意",
            ExclusionReason::CauseUndetermined => "(5) 原因所在・責任の確定不能",
        }
    }
}

/// What the contractor types to record a new incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NewIncident {
    /// When the contractor became aware of the fault (障害発生の確知): every 24/365 clock starts here.
    pub detected_at: DateTime<Utc>,
    pub category: IncidentCategory,
    pub severity: Severity,
    pub title: String,
    pub summary: String,
    /// Office codes affected; empty means every office.
    pub affected_offices: Vec<String>,
    /// Systems affected, free text (e.g. "レセプト管理システム 本番環境").
    pub affected_systems: String,
    /// Ids of the requests (fault reports, inquiries) this incident answers.
    pub linked_requests: Vec<i64>,
}

impl NewIncident {
    /// Checks the input against the rules and the offices that exist. `now` decides whether the
    /// detection time lies in the future.
    pub fn validate(
        &self,
        known_offices: &[&str],
        now: DateTime<Utc>,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.detected_at > now {
            e.push(
                "detected_at",
                "検知日時",
                "検知日時が未来になっています。".into(),
            );
        }
        e.text("title", "件名", &self.title, TITLE_MAX_CHARS)
            .printable("title", "件名", &self.title);
        if self.title.contains(['\n', '\r']) {
            e.push("title", "件名", "件名は1行で入力してください。".into());
        }
        e.text("summary", "概要", &self.summary, TEXT_MAX_CHARS)
            .printable("summary", "概要", &self.summary);
        e.text(
            "affected_systems",
            "影響システム",
            &self.affected_systems,
            SYSTEMS_MAX_CHARS,
        )
        .printable("affected_systems", "影響システム", &self.affected_systems);
        let mut seen = BTreeSet::new();
        for office in &self.affected_offices {
            if !seen.insert(office.as_str()) {
                e.push(
                    "office",
                    "所属",
                    format!("所属「{office}」が重複しています。"),
                );
                continue;
            }
            validate_office(&mut e, office, known_offices);
        }
        validate_linked_requests(&mut e, &self.linked_requests);
        e.into_result()
    }
}

/// Linked request ids: positive, no duplicates, not too many.
fn validate_linked_requests(e: &mut ValidationErrors, ids: &[i64]) {
    const FIELD: &str = "linked_requests";
    const LABEL: &str = "関連依頼";
    if ids.len() > LINKED_REQUESTS_MAX {
        e.push(
            FIELD,
            LABEL,
            format!(
                "関連依頼は{LINKED_REQUESTS_MAX}件以内にしてください（現在{}件）。",
                ids.len()
            ),
        );
    }
    let mut seen = BTreeSet::new();
    for id in ids {
        if *id <= 0 {
            e.push(
                FIELD,
                LABEL,
                format!("関連依頼の番号「{id}」は正しくありません。"),
            );
        } else if !seen.insert(*id) {
            e.push(FIELD, LABEL, format!("関連依頼 #{id} が重複しています。"));
        }
    }
}

/// One entry of an incident's timeline: a report sent, the isolation done, recovery, ...
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TimelineEvent {
    pub kind: TimelineEventKind,
    /// When it happened (not when it was typed in).
    pub at: DateTime<Utc>,
    /// What was done or said; may be empty.
    pub note: String,
}

impl TimelineEvent {
    /// The entry must lie between the detection and `now`, both included.
    pub fn validate(
        &self,
        detected_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        if self.at < detected_at {
            e.push(
                "at",
                "日時",
                format!("{}の日時が障害の検知日時より前になっています。", self.kind),
            );
        }
        if self.at > now {
            e.push(
                "at",
                "日時",
                format!("{}の日時が未来になっています。", self.kind),
            );
        }
        e.max_chars("note", "内容", &self.note, TEXT_MAX_CHARS)
            .printable("note", "内容", &self.note);
        e.into_result()
    }
}

/// The decision to leave an incident out of the service-level figures (000 第8章第3節). The
/// incident and its clocks are kept; reports leave excluded incidents out of the attainment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exclusion {
    pub reason: ExclusionReason,
    /// Why the reason applies: required, the city reviews it at the annual evaluation.
    pub note: String,
    /// Who decided (name as recorded on the decision).
    pub decided_by: String,
    pub decided_at: DateTime<Utc>,
}

impl Exclusion {
    /// The grounds must be written down, and the decision lie between detection and `now`.
    pub fn validate(
        &self,
        detected_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        e.text("note", "除外の根拠", &self.note, TEXT_MAX_CHARS)
            .printable("note", "除外の根拠", &self.note);
        e.text("decided_by", "判断者", &self.decided_by, NAME_MAX_CHARS)
            .printable("decided_by", "判断者", &self.decided_by);
        if self.decided_at < detected_at {
            e.push(
                "decided_at",
                "判断日時",
                "判断日時が障害の検知日時より前になっています。".into(),
            );
        }
        if self.decided_at > now {
            e.push(
                "decided_at",
                "判断日時",
                "判断日時が未来になっています。".into(),
            );
        }
        e.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::TOKYO;
    use chrono::TimeZone;

    const OFFICES: &[&str] = &["kita", "naka"];

    fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        TOKYO
            .with_ymd_and_hms(y, m, d, h, min, 0)
            .unwrap()
            .with_timezone(&Utc)
    }

    fn incident() -> NewIncident {
        NewIncident {
            detected_at: jst(2026, 6, 1, 9, 12),
            category: IncidentCategory::JobFailure,
            severity: Severity::High,
            title: "夜間バッチ（レセプト取込）の異常終了".into(),
            summary: "6/1 朝のジョブ監視で取込ジョブの異常終了を検知。".into(),
            affected_offices: vec!["naka".into()],
            affected_systems: "レセプト管理システム 本番環境".into(),
            linked_requests: vec![12, 15],
        }
    }

    #[test]
    fn codes_round_trip_and_labels_follow_the_contract() {
        for c in IncidentCategory::ALL {
            assert_eq!(IncidentCategory::from_code(c.code()), Some(*c));
        }
        for s in Severity::ALL {
            assert_eq!(Severity::from_code(s.code()), Some(*s));
        }
        for k in TimelineEventKind::ALL {
            assert_eq!(TimelineEventKind::from_code(k.code()), Some(*k));
        }
        for r in ExclusionReason::ALL {
            assert_eq!(ExclusionReason::from_code(r.code()), Some(*r));
        }
        assert_eq!(TimelineEventKind::ALL.len(), 9);
        assert_eq!(IncidentCategory::JobFailure.label(), "ジョブ異常");
        assert!(Severity::Critical < Severity::Low);
    }

    #[test]
    fn exclusion_reasons_are_numbered_one_to_five() {
        let numbers: Vec<u8> = ExclusionReason::ALL.iter().map(|r| r.number()).collect();
        assert_eq!(numbers, vec![1, 2, 3, 4, 5]);
        for r in ExclusionReason::ALL {
            assert!(r.short_label().starts_with(&format!("({})", r.number())));
        }
        assert!(
            ExclusionReason::ThirdPartyProduct
                .label()
                .contains("公表されている既知のものを除く")
        );
    }

    #[test]
    fn a_valid_incident_passes() {
        assert_eq!(incident().validate(OFFICES, jst(2026, 6, 1, 9, 30)), Ok(()));
    }

    #[test]
    fn detection_in_the_future_is_refused() {
        let e = incident()
            .validate(OFFICES, jst(2026, 6, 1, 9, 0))
            .unwrap_err();
        assert_eq!(
            e.field("detected_at").unwrap().message,
            "検知日時が未来になっています。"
        );
    }

    #[test]
    fn detection_exactly_now_is_accepted() {
        let i = incident();
        assert_eq!(i.validate(OFFICES, i.detected_at), Ok(()));
    }

    #[test]
    fn required_texts_are_named() {
        let mut i = incident();
        i.title = " ".into();
        i.summary = String::new();
        i.affected_systems = String::new();
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        assert_eq!(
            e.field("title").unwrap().message,
            "件名を入力してください。"
        );
        assert_eq!(
            e.field("summary").unwrap().message,
            "概要を入力してください。"
        );
        assert!(e.field("affected_systems").is_some());
    }

    #[test]
    fn over_long_or_multi_line_title_is_refused() {
        let mut i = incident();
        i.title = "障".repeat(TITLE_MAX_CHARS + 1);
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        assert!(e.field("title").unwrap().message.contains("100文字以内"));
        i.title = "一行目\n二行目".into();
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        assert_eq!(
            e.field("title").unwrap().message,
            "件名は1行で入力してください。"
        );
    }

    #[test]
    fn unknown_or_duplicate_offices_are_refused() {
        let mut i = incident();
        i.affected_offices = vec!["naka".into(), "osaka".into(), "naka".into()];
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        let messages: Vec<&str> = e.0.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "所属「osaka」は登録されていません。",
                "所属「naka」が重複しています。"
            ]
        );
    }

    #[test]
    fn linked_requests_must_be_positive_and_distinct() {
        let mut i = incident();
        i.linked_requests = vec![3, 0, 3];
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        let messages: Vec<&str> = e.0.iter().map(|f| f.message.as_str()).collect();
        assert_eq!(
            messages,
            vec![
                "関連依頼の番号「0」は正しくありません。",
                "関連依頼 #3 が重複しています。"
            ]
        );
        i.linked_requests = (1..=101).collect();
        let e = i.validate(OFFICES, jst(2026, 6, 2, 0, 0)).unwrap_err();
        assert!(
            e.field("linked_requests")
                .unwrap()
                .message
                .contains("100件以内")
        );
    }

    #[test]
    fn timeline_event_lies_between_detection_and_now() {
        let detected = jst(2026, 6, 1, 9, 12);
        let now = jst(2026, 6, 1, 10, 0);
        let ev = |at| TimelineEvent {
            kind: TimelineEventKind::FirstReport,
            at,
            note: "担当課へメールで第一報".into(),
        };
        assert_eq!(ev(detected).validate(detected, now), Ok(()));
        assert_eq!(ev(now).validate(detected, now), Ok(()));
        let e = ev(jst(2026, 6, 1, 9, 0))
            .validate(detected, now)
            .unwrap_err();
        assert_eq!(
            e.field("at").unwrap().message,
            "一次報告の日時が障害の検知日時より前になっています。"
        );
        let e = ev(jst(2026, 6, 1, 10, 1))
            .validate(detected, now)
            .unwrap_err();
        assert_eq!(
            e.field("at").unwrap().message,
            "一次報告の日時が未来になっています。"
        );
    }

    #[test]
    fn timeline_note_is_optional_but_bounded() {
        let detected = jst(2026, 6, 1, 9, 12);
        let mut ev = TimelineEvent {
            kind: TimelineEventKind::Recovery,
            at: detected,
            note: String::new(),
        };
        assert_eq!(ev.validate(detected, detected), Ok(()));
        ev.note = "あ".repeat(TEXT_MAX_CHARS + 1);
        assert!(
            ev.validate(detected, detected)
                .unwrap_err()
                .field("note")
                .is_some()
        );
        ev.note = "ベル\u{7}".into();
        assert!(
            ev.validate(detected, detected)
                .unwrap_err()
                .field("note")
                .is_some()
        );
    }

    #[test]
    fn exclusion_needs_grounds_and_a_decider() {
        let detected = jst(2026, 6, 1, 9, 12);
        let now = jst(2026, 6, 3, 9, 0);
        let mut x = Exclusion {
            reason: ExclusionReason::NotContractorService,
            note: "ガバメントクラウド東京リージョンの障害（CSP公表あり）".into(),
            decided_by: "運用保守責任者".into(),
            decided_at: jst(2026, 6, 2, 17, 0),
        };
        assert_eq!(x.validate(detected, now), Ok(()));
        x.note = "  ".into();
        x.decided_by = String::new();
        x.decided_at = jst(2026, 6, 4, 0, 0);
        let e = x.validate(detected, now).unwrap_err();
        assert_eq!(
            e.field("note").unwrap().message,
            "除外の根拠を入力してください。"
        );
        assert_eq!(
            e.field("decided_by").unwrap().message,
            "判断者を入力してください。"
        );
        assert_eq!(
            e.field("decided_at").unwrap().message,
            "判断日時が未来になっています。"
        );
        x.decided_at = jst(2026, 6, 1, 9, 0);
        let e = x.validate(detected, now).unwrap_err();
        assert!(
            e.field("decided_at")
                .unwrap()
                .message
                .contains("検知日時より前")
        );
    }

    #[test]
    fn serde_uses_the_codes() {
        let json = serde_json::to_string(&IncidentCategory::InfraMiddleware).unwrap();
        assert_eq!(json, "\"infra_middleware\"");
        let json = serde_json::to_string(&ExclusionReason::CauseUndetermined).unwrap();
        assert_eq!(json, "\"cause_undetermined\"");
    }
}
