//! 課題管理表: the issue register as a landscape table, header row on every page.

use chrono::{NaiveDate, NaiveDateTime};
use hoshu_core::wareki;

use super::date_plain;
use crate::engine::{Align, Column, DocError, Document, Margins, PageSize, Table};

/// One item of the register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterRow {
    pub no: u32,
    /// 起票日.
    pub raised_on: NaiveDate,
    /// 起票者.
    pub raised_by: String,
    /// 分類: 障害, 問合せ, 改善, 運用 ….
    pub category: String,
    pub title: String,
    /// 内容.
    pub detail: String,
    /// 優先度: 高, 中, 低.
    pub priority: String,
    /// 担当者.
    pub owner: String,
    /// 期限.
    pub due: Option<NaiveDate>,
    /// 状態: 未着手, 対応中, 完了 ….
    pub status: String,
    /// 対応内容・経過.
    pub progress: String,
    /// 完了日.
    pub completed_on: Option<NaiveDate>,
}

/// Paper for the register: A4 landscape, or A3 landscape where A4 would make the text tiny
/// (000 第9章第2節).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RegisterPaper {
    #[default]
    A4,
    A3,
}

/// The whole register.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterDoc {
    /// Running header, right: the contract or system name.
    pub header_note: String,
    /// 作成日 (時点): the date the register is as of.
    pub as_of: NaiveDate,
    /// 作成者 (contractor name).
    pub author: String,
    pub paper: RegisterPaper,
    pub rows: Vec<RegisterRow>,
    pub created_at: NaiveDateTime,
}

/// The column titles, in order (also the .xlsx header).
pub const REGISTER_COLUMNS: [&str; 12] = [
    "No",
    "起票日",
    "起票者",
    "分類",
    "タイトル",
    "内容",
    "優先度",
    "担当者",
    "期限",
    "状態",
    "対応内容・経過",
    "完了日",
];

fn opt_date(d: Option<NaiveDate>) -> String {
    d.map(wareki::short).unwrap_or_default()
}

/// Builds the register document.
pub fn register_document(r: &RegisterDoc) -> Document {
    let (page, size, scale) = match r.paper {
        RegisterPaper::A4 => (PageSize::A4Landscape, 7.5, 1.0),
        RegisterPaper::A3 => (PageSize::A3Landscape, 9.5, 1.32),
    };
    let mut doc = Document::new("課題管理表", page, r.created_at);
    doc.set_margins(Margins {
        top: 18.0,
        right: 12.0,
        bottom: 15.0,
        left: 15.0,
    });
    doc.set_header_note(r.header_note.clone())
        .set_author(r.author.clone());
    doc.title("課題管理表");
    doc.right_aligned(format!(
        "{}時点　全{}件　作成者　{}",
        date_plain(r.as_of),
        r.rows.len(),
        r.author
    ));
    doc.spacer(2.0);
    let f = |mm: f32| mm * scale;
    let mut table = Table::new(vec![
        Column::fixed(REGISTER_COLUMNS[0], f(11.0)).align(Align::Center),
        Column::fixed(REGISTER_COLUMNS[1], f(16.0)).align(Align::Center),
        Column::fixed(REGISTER_COLUMNS[2], f(17.0)),
        Column::fixed(REGISTER_COLUMNS[3], f(21.0)).align(Align::Center),
        Column::flex(REGISTER_COLUMNS[4], 2.0),
        Column::flex(REGISTER_COLUMNS[5], 3.0),
        Column::fixed(REGISTER_COLUMNS[6], f(12.0)).align(Align::Center),
        Column::fixed(REGISTER_COLUMNS[7], f(17.0)),
        Column::fixed(REGISTER_COLUMNS[8], f(16.0)).align(Align::Center),
        Column::fixed(REGISTER_COLUMNS[9], f(13.0)).align(Align::Center),
        Column::flex(REGISTER_COLUMNS[10], 3.0),
        Column::fixed(REGISTER_COLUMNS[11], f(16.0)).align(Align::Center),
    ])
    .size(size);
    for row in &r.rows {
        table.row([
            row.no.to_string(),
            wareki::short(row.raised_on),
            row.raised_by.clone(),
            row.category.clone(),
            row.title.clone(),
            row.detail.clone(),
            row.priority.clone(),
            row.owner.clone(),
            opt_date(row.due),
            row.status.clone(),
            row.progress.clone(),
            opt_date(row.completed_on),
        ]);
    }
    doc.table(table);
    doc
}

/// The register as PDF bytes.
pub fn render_register(r: &RegisterDoc) -> Result<Vec<u8>, DocError> {
    register_document(r).render()
}
