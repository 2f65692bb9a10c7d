//! The operation and maintenance plan 運用保守計画書 (000 第9章第1節): a fixed set of sections,
//! each edited in the app. Saving a section never overwrites: it adds version n + 1, so the
//! plan as handed over on any day can be shown again.

use crate::coded::coded_enum;
use crate::validation::ValidationErrors;
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Longest text of one section.
pub const SECTION_MAX_CHARS: usize = 50_000;

coded_enum!(
    /// The plan's sections, in document order.
    PlanSection {
        Policy = "policy" / "基本方針",
        Organisation = "organisation" / "運用体制・役割分担",
        Operations = "operations" / "運用業務",
        Monitoring = "monitoring" / "監視",
        IncidentManagement = "incident_management" / "インシデント管理",
        FailureFlow = "failure_flow" / "障害対応フロー",
        DataManagement = "data_management" / "データ管理・バックアップ",
        AnnualPlan = "annual_plan" / "年間計画",
        Improvement = "improvement" / "改善",
    }
);

impl PlanSection {
    /// The chapter number printed in the document (1-based, document order).
    pub fn number(self) -> usize {
        PlanSection::ALL
            .iter()
            .position(|s| *s == self)
            .map_or(0, |i| i + 1)
    }
}

/// One saved version of one section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanSectionVersion {
    pub section: PlanSection,
    /// 1 for the first text saved, then 2, 3, …
    pub version: i64,
    pub content: String,
    pub edited_by: i64,
    pub edited_by_name: String,
    pub edited_at: DateTime<Utc>,
}

/// A section's text as it may be saved.
pub fn validate_section_content(content: &str) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    e.text("content", "本文", content, SECTION_MAX_CHARS)
        .printable("content", "本文", content);
    e.into_result()
}

/// What a new version of a section changed, for the plan's revision history: 新規作成 for the
/// first text, else the lines added and removed.
pub fn change_summary(previous: Option<&str>, next: &str) -> String {
    let Some(previous) = previous else {
        return "新規作成".into();
    };
    let lines = |s: &str| -> Vec<String> {
        s.lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect()
    };
    let (old, new) = (lines(previous), lines(next));
    let added = new.iter().filter(|l| !old.contains(l)).count();
    let removed = old.iter().filter(|l| !new.contains(l)).count();
    match (added, removed) {
        (0, 0) => "体裁の修正".into(),
        (a, 0) => format!("{a}項目を追加"),
        (0, r) => format!("{r}項目を削除"),
        (a, r) if a == r => format!("{a}項目を改訂"),
        (a, r) => format!("{a}項目を追加、{r}項目を削除"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_are_summarised_by_lines() {
        assert_eq!(change_summary(None, "a"), "新規作成");
        assert_eq!(change_summary(Some("a\nb"), "a\nb\nc"), "1項目を追加");
        assert_eq!(change_summary(Some("a\nb"), "a"), "1項目を削除");
        assert_eq!(change_summary(Some("a\nb"), "a\nB"), "1項目を改訂");
        assert_eq!(
            change_summary(Some("a\nb"), "x\ny\nz"),
            "3項目を追加、2項目を削除"
        );
        assert_eq!(change_summary(Some("a\n\nb"), " a\nb "), "体裁の修正");
    }

    #[test]
    fn nine_sections_in_document_order() {
        assert_eq!(PlanSection::ALL.len(), 9);
        assert_eq!(PlanSection::Policy.number(), 1);
        assert_eq!(PlanSection::Improvement.number(), 9);
        assert_eq!(PlanSection::FailureFlow.label(), "障害対応フロー");
        assert_eq!(
            PlanSection::from_code("data_management"),
            Some(PlanSection::DataManagement)
        );
    }

    #[test]
    fn content_is_required_and_bounded() {
        assert!(validate_section_content("本市の方針").is_ok());
        let e = validate_section_content("  ").unwrap_err();
        assert_eq!(
            e.field("content").unwrap().message,
            "本文を入力してください。"
        );
        assert!(validate_section_content(&"あ".repeat(SECTION_MAX_CHARS + 1)).is_err());
    }
}
