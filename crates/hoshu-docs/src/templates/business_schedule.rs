//! 業務日程表: one month on one A3 landscape sheet — a row per day, a column per row of the
//! schedule (service hours, maintenance and outages, releases, batch runs, meetings, reports,
//! routine work); 「案」 on every page until the section approves it.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use hoshu_core::wareki;

use crate::engine::{Align, Column, DocError, Document, Margins, PageSize, Table};

/// The columns after the date, in order (also the .xlsx header after 日付).
pub const SCHEDULE_COLUMNS: [&str; 7] = [
    "開庁・サービス時間",
    "定期保守・計画停止",
    "リリース",
    "バッチ処理",
    "会議",
    "報告・提出",
    "定常作業",
];

/// One day: its date, whether the desk is open, and the text of each column (lines joined by
/// line breaks), in [`SCHEDULE_COLUMNS`] order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleDay {
    pub date: NaiveDate,
    pub open: bool,
    pub cells: [String; 7],
}

/// A version of a month's schedule as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BusinessScheduleDoc {
    /// Running header, right: the system name.
    pub header_note: String,
    pub year: i32,
    pub month: u32,
    /// 第n版.
    pub edition: i64,
    /// 作成中, 提出済, 差戻し, 承認済.
    pub status: String,
    /// Approved: the draft mark goes and the approval line is printed.
    pub approved: bool,
    /// 提出期限, when the review is known.
    pub submission_due: Option<NaiveDate>,
    /// 承認 line: who and when (only when approved).
    pub approval: Option<String>,
    /// The contractor.
    pub author: String,
    pub days: Vec<ScheduleDay>,
    pub created_at: NaiveDateTime,
}

impl BusinessScheduleDoc {
    /// 業務日程表（令和8年5月分）, with （案） until approved.
    pub fn title(&self) -> String {
        format!(
            "業務日程表（{}分）{}",
            wareki::year_month(self.year, self.month),
            if self.approved { "" } else { "（案）" }
        )
    }
}

/// 1日(金).
fn day_label(d: NaiveDate) -> String {
    format!("{}日({})", d.day(), wareki::weekday_ja(d))
}

/// Builds the schedule document: A3 landscape, the days split over pages with the header
/// repeated when a month's lines do not fit one.
pub fn business_schedule_document(s: &BusinessScheduleDoc) -> Document {
    let title = s.title();
    let mut doc = Document::new(title.clone(), PageSize::A3Landscape, s.created_at);
    if !s.approved {
        doc.set_draft_mark("案");
    }
    doc.set_margins(Margins {
        top: 15.0,
        right: 10.0,
        bottom: 12.0,
        left: 12.0,
    });
    doc.set_header_note(s.header_note.clone())
        .set_author(s.author.clone());
    doc.title(title);
    let mut line = format!("第{}版　{}", s.edition, s.status);
    if let Some(due) = s.submission_due {
        line.push_str(&format!("　提出期限 {}", wareki::long(due)));
    }
    if let Some(approval) = &s.approval {
        line.push_str(&format!("　{approval}"));
    }
    line.push_str(&format!("　作成者 {}", s.author));
    doc.right_aligned(line);
    doc.spacer(2.0);
    let mut table = Table::new(
        std::iter::once(Column::fixed("日付", 20.0).align(Align::Center))
            .chain(SCHEDULE_COLUMNS.iter().enumerate().map(|(i, c)| {
                // Batch runs and routine work hold the most lines.
                let weight = if matches!(i, 3 | 6) { 2.0 } else { 1.0 };
                Column::flex(*c, weight)
            }))
            .collect(),
    )
    .size(6.5);
    for day in &s.days {
        let mut cells = vec![day_label(day.date)];
        cells.extend(day.cells.iter().cloned());
        table.row(cells);
    }
    doc.table(table);
    doc.paragraph("※ 時刻は日本時間。閉庁日は「開庁・サービス時間」欄に曜日・祝日名を記載。");
    doc
}

/// The schedule as PDF bytes.
pub fn render_business_schedule(s: &BusinessScheduleDoc) -> Result<Vec<u8>, DocError> {
    business_schedule_document(s).render()
}
