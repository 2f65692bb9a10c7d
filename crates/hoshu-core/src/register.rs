//! The issue register 課題管理表 (000 第9章第1節): issues that arise in operation and what was
//! done about them. One register for the contract; items are numbered 1, 2, 3, … in the order
//! they are raised.

use crate::coded::coded_enum;
use crate::validation::ValidationErrors;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub const TITLE_MAX_CHARS: usize = 100;
pub const TEXT_MAX_CHARS: usize = 10_000;
pub const NAME_MAX_CHARS: usize = 100;

coded_enum!(
    /// 分類.
    IssueCategory {
        Operation = "operation" / "運用",
        Fault = "fault" / "障害",
        Improvement = "improvement" / "改善要望",
        LawRevision = "law_revision" / "制度改正",
        Security = "security" / "セキュリティ",
        Other = "other" / "その他",
    }
);

coded_enum!(
    /// 優先度.
    IssuePriority {
        High = "high" / "高",
        Medium = "medium" / "中",
        Low = "low" / "低",
    }
);

coded_enum!(
    /// 状態.
    IssueStatus {
        Open = "open" / "未着手",
        InProgress = "in_progress" / "対応中",
        Done = "done" / "完了",
        OnHold = "on_hold" / "保留",
    }
);

impl IssueStatus {
    /// Still needs someone: 未着手 or 対応中 (保留 waits on a decision, 完了 is finished).
    pub fn is_active(self) -> bool {
        matches!(self, IssueStatus::Open | IssueStatus::InProgress)
    }
}

/// What an item of the register says. `no` is assigned by the store.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IssueInput {
    /// 起票日.
    pub raised_on: NaiveDate,
    /// 起票者 (a name: the city's people raise issues too, without accounts of their own).
    pub raised_by: String,
    pub category: IssueCategory,
    pub title: String,
    /// 内容.
    pub content: String,
    pub priority: IssuePriority,
    /// 担当者.
    pub owner: String,
    /// 期限.
    pub due: Option<NaiveDate>,
    pub status: IssueStatus,
    /// 対応内容・経過.
    pub progress: String,
    /// 完了日: required when 完了, absent otherwise.
    pub completed_on: Option<NaiveDate>,
    /// The meeting the item came from (an action item), if any.
    pub meeting_id: Option<i64>,
    /// The request the item came from, if any.
    pub request_id: Option<i64>,
}

impl IssueInput {
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut e = ValidationErrors::new();
        e.text("title", "タイトル", &self.title, TITLE_MAX_CHARS)
            .printable("title", "タイトル", &self.title);
        if self.title.contains(['\n', '\r', '\t']) {
            e.push(
                "title",
                "タイトル",
                "タイトルは1行で入力してください。".into(),
            );
        }
        e.text("content", "内容", &self.content, TEXT_MAX_CHARS)
            .printable("content", "内容", &self.content);
        e.text("raised_by", "起票者", &self.raised_by, NAME_MAX_CHARS)
            .printable("raised_by", "起票者", &self.raised_by);
        e.max_chars("owner", "担当者", &self.owner, NAME_MAX_CHARS)
            .printable("owner", "担当者", &self.owner);
        e.max_chars("progress", "対応内容・経過", &self.progress, TEXT_MAX_CHARS)
            .printable("progress", "対応内容・経過", &self.progress);
        if self.status != IssueStatus::Open && self.owner.trim().is_empty() {
            e.push(
                "owner",
                "担当者",
                format!(
                    "状態が「{}」の課題は担当者を入力してください。",
                    self.status
                ),
            );
        }
        if let Some(due) = self.due
            && due < self.raised_on
        {
            e.push(
                "due",
                "期限",
                "期限は起票日以降の日付にしてください。".into(),
            );
        }
        match (self.status, self.completed_on) {
            (IssueStatus::Done, None) => e.push(
                "completed_on",
                "完了日",
                "状態が「完了」の課題は完了日を入力してください。".into(),
            ),
            (IssueStatus::Done, Some(done)) if done < self.raised_on => e.push(
                "completed_on",
                "完了日",
                "完了日は起票日以降の日付にしてください。".into(),
            ),
            (IssueStatus::Done, Some(_)) => {}
            (_, Some(_)) => e.push(
                "completed_on",
                "完了日",
                "完了日は状態が「完了」のときだけ入力してください。".into(),
            ),
            (_, None) => {}
        }
        if self.status == IssueStatus::Done && self.progress.trim().is_empty() {
            e.push(
                "progress",
                "対応内容・経過",
                "完了にする課題は対応内容・経過を入力してください。".into(),
            );
        }
        if self.meeting_id.is_some() && self.request_id.is_some() {
            e.push(
                "link",
                "関連",
                "関連は会議または依頼のどちらか一方にしてください。".into(),
            );
        }
        e.into_result()
    }

    /// Past its due day on `today` and still needing someone.
    pub fn is_overdue(&self, today: NaiveDate) -> bool {
        self.status.is_active() && self.due.is_some_and(|d| d < today)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn item() -> IssueInput {
        IssueInput {
            raised_on: date(2026, 4, 15),
            raised_by: "小川 健".into(),
            category: IssueCategory::Improvement,
            title: "医療券の帳票レイアウト改善".into(),
            content: "医療券の氏名欄が狭く、長い氏名が切れる。".into(),
            priority: IssuePriority::Medium,
            owner: "大西 亮".into(),
            due: Some(date(2026, 5, 31)),
            status: IssueStatus::InProgress,
            progress: "4/20 改善案を作成中。".into(),
            completed_on: None,
            meeting_id: Some(1),
            request_id: None,
        }
    }

    #[test]
    fn a_sound_item_passes() {
        assert_eq!(item().validate(), Ok(()));
    }

    #[test]
    fn done_needs_a_completion_day_not_before_raising() {
        let mut i = item();
        i.status = IssueStatus::Done;
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.field("completed_on").unwrap().message,
            "状態が「完了」の課題は完了日を入力してください。"
        );
        i.completed_on = Some(date(2026, 4, 1));
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.field("completed_on").unwrap().message,
            "完了日は起票日以降の日付にしてください。"
        );
        i.completed_on = Some(date(2026, 5, 1));
        assert_eq!(i.validate(), Ok(()));
        i.status = IssueStatus::OnHold;
        assert!(i.validate().unwrap_err().field("completed_on").is_some());
    }

    #[test]
    fn due_before_raising_and_two_links_are_refused() {
        let mut i = item();
        i.due = Some(date(2026, 4, 14));
        i.request_id = Some(3);
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.field("due").unwrap().message,
            "期限は起票日以降の日付にしてください。"
        );
        assert!(e.field("link").is_some());
    }

    #[test]
    fn blank_title_and_owner_of_work_in_progress() {
        let mut i = item();
        i.title = "".into();
        i.owner = " ".into();
        let e = i.validate().unwrap_err();
        assert_eq!(
            e.field("title").unwrap().message,
            "タイトルを入力してください。"
        );
        assert_eq!(
            e.field("owner").unwrap().message,
            "状態が「対応中」の課題は担当者を入力してください。"
        );
    }

    #[test]
    fn overdue_while_active_only() {
        let mut i = item();
        assert!(!i.is_overdue(date(2026, 5, 31)));
        assert!(i.is_overdue(date(2026, 6, 1)));
        i.status = IssueStatus::OnHold;
        assert!(!i.is_overdue(date(2026, 6, 1)));
    }
}
