//! 業務日程表: the month's business schedule the contractor drafts and the section approves
//! (003 1.5 スケジュール作成・管理, 3.1).
//!
//! A month's schedule is a list of entries (a day, a row of the calendar — service hours,
//! maintenance, releases, outages, batch runs, meetings, reports, routine work — a title and
//! optional times). [`build::build_month`] fills a draft from what the record already knows;
//! the contractor edits it and submits it. It must reach the section 2 open days before the
//! 業務日程レビュー held the month before ([`submission_due`]). The section approves it or returns it with a
//! comment; a returned schedule is revised into a new version, and so is an approved one when
//! the plan changes later (3.1: 「修正依頼に応じて随時修正」). A version once submitted is never
//! edited again, so what the section approved stays exactly as approved.

pub mod build;

use crate::calendar::Calendar;
use crate::coded::coded_enum;
use crate::validation::ValidationErrors;
use chrono::{Datelike, NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

pub use build::{
    MonthInputs, PlannedChange, PlannedMeeting, Recurrence, RecurringWork, build_month, carry_over,
    default_recurring_work, last_closed_day, sort_entries,
};

pub const TITLE_MAX_CHARS: usize = 100;
pub const NOTE_MAX_CHARS: usize = 500;
pub const COMMENT_MAX_CHARS: usize = 2_000;
/// Most entries of one month: a day of every row for 31 days, with room for many job nets.
pub const ENTRIES_MAX: usize = 2_000;
/// Open days between the submission and the review meeting (003 3.1: 「レビュー日の2営業日前まで」).
pub const SUBMISSION_LEAD_OPEN_DAYS: u32 = 2;

coded_enum!(
    /// Where one version of a month's schedule stands.
    ScheduleStatus {
        Draft = "draft" / "作成中",
        Submitted = "submitted" / "提出済",
        Returned = "returned" / "差戻し",
        Approved = "approved" / "承認済",
    }
);

coded_enum!(
    /// A step on a version of the schedule.
    ScheduleAction {
        Submit = "submit" / "提出",
        Approve = "approve" / "承認",
        Return = "return" / "差戻し",
    }
);

coded_enum!(
    /// The row of the calendar an entry belongs to.
    EntryCategory {
        ServiceHours = "service_hours" / "開庁・サービス時間",
        Maintenance = "maintenance" / "定期保守",
        Release = "release" / "リリース",
        Outage = "outage" / "計画停止",
        Batch = "batch" / "バッチ処理",
        Meeting = "meeting" / "会議",
        Report = "report" / "報告・提出",
        Routine = "routine" / "定常作業",
    }
);

coded_enum!(
    /// Where an entry came from, so a reader knows which ones were typed and which ones the
    /// record produced.
    EntrySource {
        Calendar = "calendar" / "開庁日カレンダー",
        Template = "template" / "定常作業",
        Change = "change" / "承認済の変更",
        Meeting = "meeting" / "会議",
        JobNet = "job_net" / "ジョブネット",
        Previous = "previous" / "前月から",
        Manual = "manual" / "手入力",
    }
);

/// One entry of the schedule: on `day`, in row `category`, `title` (from `starts` to `ends`,
/// Tokyo time, when it has times).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleEntry {
    pub day: NaiveDate,
    pub category: EntryCategory,
    pub title: String,
    pub starts: Option<NaiveTime>,
    pub ends: Option<NaiveTime>,
    pub note: String,
    pub source: EntrySource,
    /// The change, meeting or job net the entry came from.
    pub source_id: Option<i64>,
}

impl ScheduleEntry {
    /// `09:00–17:00`, `09:00〜`, or nothing: how the entry's times are written everywhere.
    pub fn times_text(&self) -> String {
        match (self.starts, self.ends) {
            (Some(s), Some(e)) => format!("{}〜{}", s.format("%H:%M"), e.format("%H:%M")),
            (Some(s), None) => format!("{}〜", s.format("%H:%M")),
            _ => String::new(),
        }
    }
}

/// A calendar month, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct ScheduleMonth {
    pub year: i32,
    pub month: u32,
}

impl ScheduleMonth {
    pub fn new(year: i32, month: u32) -> Result<Self, ValidationErrors> {
        let mut e = ValidationErrors::new();
        if !(2000..=2099).contains(&year) {
            e.push("year", "年", "年は2000〜2099年で指定してください。".into());
        }
        if !(1..=12).contains(&month) {
            e.push("month", "月", "月は1〜12月で指定してください。".into());
        }
        e.into_result()?;
        Ok(Self { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated month")
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first_day().pred_opt().expect("a day before")
    }

    pub fn previous(self) -> Self {
        match self.month {
            1 => Self {
                year: self.year - 1,
                month: 12,
            },
            m => Self {
                year: self.year,
                month: m - 1,
            },
        }
    }

    pub fn next(self) -> Self {
        match self.month {
            12 => Self {
                year: self.year + 1,
                month: 1,
            },
            m => Self {
                year: self.year,
                month: m + 1,
            },
        }
    }

    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        let last = self.last_day();
        self.first_day().iter_days().take_while(move |d| *d <= last)
    }

    pub fn contains(self, d: NaiveDate) -> bool {
        d.year() == self.year && d.month() == self.month
    }
}

/// The version's status machine: 作成中 → 提出済 → 承認済 | 差戻し. A returned or approved
/// version is final; changing it means a new version ([`ScheduleStatus::is_revisable`]).
pub fn next_schedule_status(
    from: ScheduleStatus,
    action: ScheduleAction,
) -> Result<ScheduleStatus, ScheduleTransitionError> {
    use ScheduleAction as A;
    use ScheduleStatus as S;
    match (from, action) {
        (S::Draft, A::Submit) => Ok(S::Submitted),
        (S::Submitted, A::Approve) => Ok(S::Approved),
        (S::Submitted, A::Return) => Ok(S::Returned),
        _ => Err(ScheduleTransitionError { from, action }),
    }
}

impl ScheduleStatus {
    /// Only a draft's entries may change.
    pub fn is_editable(self) -> bool {
        self == ScheduleStatus::Draft
    }

    /// A new version may start from a returned version (to answer the comment) or an approved
    /// one (when the plan changes after the review).
    pub fn is_revisable(self) -> bool {
        matches!(self, ScheduleStatus::Returned | ScheduleStatus::Approved)
    }

    pub fn allowed_actions(self) -> Vec<ScheduleAction> {
        ScheduleAction::ALL
            .iter()
            .copied()
            .filter(|a| next_schedule_status(self, *a).is_ok())
            .collect()
    }
}

/// A step the schedule's status machine does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("状態が「{from}」の業務日程表に「{action}」はできません。")]
pub struct ScheduleTransitionError {
    pub from: ScheduleStatus,
    pub action: ScheduleAction,
}

/// A return must say what to change, so the contractor can revise.
pub fn validate_decision_comment(
    action: ScheduleAction,
    comment: &str,
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    if action == ScheduleAction::Return {
        e.text("comment", "差戻しの理由", comment, COMMENT_MAX_CHARS);
    } else {
        e.max_chars("comment", "コメント", comment, COMMENT_MAX_CHARS);
    }
    e.printable("comment", "コメント", comment);
    e.into_result()
}

/// The entries of `month`: each on a day of that month, with a one-line title, times in order.
/// Each problem names its row (1-based in the message, 0-based in `row`).
pub fn validate_entries(
    month: ScheduleMonth,
    entries: &[ScheduleEntry],
) -> Result<(), ValidationErrors> {
    let mut e = ValidationErrors::new();
    if entries.len() > ENTRIES_MAX {
        e.push(
            "entries",
            "予定",
            format!("予定は{ENTRIES_MAX}件以内にしてください。"),
        );
    }
    for (i, entry) in entries.iter().enumerate() {
        let row = i + 1;
        let mut problem = |label: &'static str, what: String| {
            e.push_row("entries", label, i, format!("予定（{row}行目）の{what}"));
        };
        if !month.contains(entry.day) {
            problem(
                "日付",
                format!(
                    "日付は{}年{}月の日付にしてください。",
                    month.year, month.month
                ),
            );
        }
        let title = entry.title.trim();
        if title.is_empty() {
            problem("件名", "件名を入力してください。".into());
        } else if entry.title.chars().count() > TITLE_MAX_CHARS
            || entry.title.chars().any(char::is_control)
        {
            problem(
                "件名",
                format!("件名は改行・制御文字なしの{TITLE_MAX_CHARS}文字以内で入力してください。"),
            );
        }
        if entry.note.chars().count() > NOTE_MAX_CHARS
            || entry
                .note
                .chars()
                .any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t')
        {
            problem(
                "備考",
                format!("備考は制御文字なしの{NOTE_MAX_CHARS}文字以内で入力してください。"),
            );
        }
        match (entry.starts, entry.ends) {
            (None, Some(_)) => problem(
                "開始時刻",
                "終了時刻があるときは開始時刻も入力してください。".into(),
            ),
            (Some(s), Some(end)) if end <= s => problem(
                "終了時刻",
                "終了時刻は開始時刻より後にしてください。".into(),
            ),
            _ => {}
        }
    }
    e.into_result()
}

/// The day the schedule of `month` must reach the section: [`SUBMISSION_LEAD_OPEN_DAYS`] open
/// days before the 業務日程レビュー that decides it — the month before's (the earliest, when
/// there are two), since a schedule is agreed before its month begins. Without that review
/// there is no due date, and the schedule cannot be submitted.
pub fn submission_due(
    month: ScheduleMonth,
    review_days: &[NaiveDate],
    calendar: &Calendar,
) -> Result<NaiveDate, ValidationErrors> {
    let before = month.previous();
    let Some(review) = review_days
        .iter()
        .copied()
        .filter(|d| before.contains(*d))
        .min()
    else {
        let mut e = ValidationErrors::new();
        e.push(
            "review_meeting",
            "業務日程レビュー",
            format!(
                "{}年{}月分の業務日程表を審議する業務日程レビュー（{}年{}月）が登録されていないため、提出期限を決められません。会議に業務日程レビューを登録してください。",
                month.year, month.month, before.year, before.month
            ),
        );
        return Err(e);
    };
    Ok(open_days_before(
        review,
        SUBMISSION_LEAD_OPEN_DAYS,
        calendar,
    ))
}

/// The `n`-th open day before `d` (`d` itself does not count).
fn open_days_before(d: NaiveDate, n: u32, calendar: &Calendar) -> NaiveDate {
    let mut day = d;
    let mut left = n;
    while left > 0 {
        day = day.pred_opt().expect("a day before");
        if calendar.is_open_day(day) {
            left -= 1;
        }
    }
    day
}

#[cfg(test)]
mod tests;
