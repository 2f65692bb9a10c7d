//! The words of the contract, once: the screens, the documents and the SLA engine's labels
//! use these, so the plan the city signs says what the app measures.
//!
//! The parties are 委託者 (the city; 本市 in its own documents) and 受託者, as the contract
//! names them; 発注者／受注者 are procurement words the contract does not use.

/// The city as a party of the contract.
pub const CLIENT: &str = "委託者";
/// The city as it names itself in the documents it receives.
pub const CITY: &str = "本市";
/// The contractor.
pub const CONTRACTOR: &str = "受託者";
/// A day the offices are open: not Saturday, Sunday, a national holiday or 12/29–1/3.
pub const OPEN_DAY: &str = "開庁日";
/// The report about two hours after detection, and on every change.
pub const FOLLOW_UP_REPORT: &str = "続報";
/// The report when handling completes: the cause so far and the course of the handling.
pub const INTERIM_REPORT: &str = "暫定報告";
/// The report after handling.
pub const INCIDENT_REPORT: &str = "障害報告";
/// Service hours of open days.
pub const SERVICE_TIME: &str = "サービス時間";

/// Words the contract does not use, each with the glossary's word to write instead. The
/// window's sources are checked against this list (`ui/src/lib/glossary.gen.json`).
pub const NOT_USED: &[(&str, &str)] = &[
    ("発注者", CLIENT),
    ("受注者", CONTRACTOR),
    ("営業日", OPEN_DAY),
];

/// The terms the operation plan defines, in the order it lists them: (term, meaning).
pub const TERMS: &[(&str, &str)] = &[
    (CLIENT, "本業務を委託する岡山市（本書では「本市」とも記す）"),
    (CONTRACTOR, "本業務を受託し、運用保守を行う事業者"),
    (
        OPEN_DAY,
        "土曜日・日曜日・国民の祝日（振替休日・国民の休日を含む）・12月29日～1月3日を除く日",
    ),
    (SERVICE_TIME, "開庁日のサービス提供時間（設定による）"),
    (
        "一次報告",
        "障害の検知後、発生日時・現象・影響範囲を本市へ最初に伝える報告",
    ),
    (
        "一次切り分け",
        "障害の原因箇所（アプリ・基盤・ネットワーク・外部連携）の切り分け",
    ),
    (
        FOLLOW_UP_REPORT,
        "検知から約2時間後の調査状況の報告。以後、状況が変わるたびに報告する",
    ),
    (
        INTERIM_REPORT,
        "対応完了時点で判明している原因と一連の対応をまとめた報告",
    ),
    (
        INCIDENT_REPORT,
        "対応後に提出する障害報告書（原因・対応・影響・再発防止策）",
    ),
    (
        "免責事項",
        "契約書 第8章第3節に定める、受託者の責によらない障害（SLAの集計から除く）",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sla::{ClockKind, SlaItem};

    /// The engine's labels are the glossary's words: what the plan defines is what the app
    /// measures and shows.
    #[test]
    fn the_engine_speaks_the_glossary() {
        assert_eq!(SlaItem::FollowUpReport.label(), FOLLOW_UP_REPORT);
        assert_eq!(SlaItem::IncidentReport.label(), INCIDENT_REPORT);
        assert_eq!(ClockKind::BusinessDays.label(), OPEN_DAY);
        assert_eq!(ClockKind::ServiceTime.label(), SERVICE_TIME);
        assert_eq!(crate::policy::Role::Contractor.label(), CONTRACTOR);
        for item in SlaItem::INCIDENT {
            let defined = TERMS.iter().any(|(t, _)| *t == item.label());
            let plain = matches!(item, SlaItem::ContactFixer | SlaItem::ManualRevision);
            assert!(defined || plain, "{item:?} is not defined");
        }
        for (word, instead) in NOT_USED {
            assert!(
                TERMS
                    .iter()
                    .all(|(t, meaning)| t != word && !meaning.contains(word))
            );
            assert!(
                TERMS.iter().any(|(t, _)| t == instead),
                "{instead} is not defined"
            );
        }
    }
}
