//! 工程表（委託作業表）: the year's tasks as bars across the twelve months of the fiscal year.

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::{ContractInfo, date_plain, fiscal_months, fiscal_year_label};
use crate::engine::{
    Align, Color, DocError, Document, Drawing, FontFace, PageSize, Shape, Stroke, TextStyle,
};

/// A task of the schedule. A task whose start equals its end is drawn as a milestone (◆).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleTask {
    /// 作業項目.
    pub name: String,
    pub start: NaiveDate,
    pub end: NaiveDate,
    /// 備考 (e.g. 毎月第1日曜日).
    pub note: String,
}

/// The schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScheduleDoc {
    pub contract: ContractInfo,
    pub fiscal_year: i32,
    /// 提出日; `None` leaves 令和　年　月　日 to be filled in.
    pub submitted_on: Option<NaiveDate>,
    pub tasks: Vec<ScheduleTask>,
    pub created_at: NaiveDateTime,
}

const LABEL_W: f32 = 62.0;
const NOTE_W: f32 = 38.0;
const ROW_H: f32 = 8.0;
const HEAD_H: f32 = 9.0;
const ROWS_PER_CHART: usize = 18;
const BAR: Color = Color::rgb(0x3A, 0x6E, 0xA5);

/// Position of `date` across the fiscal year, 0.0 (1 April) to 12.0 (end of March), in months.
fn month_pos(fy: i32, date: NaiveDate) -> f32 {
    let months = fiscal_months(fy);
    let first =
        hoshu_core::calendar::fiscal::fiscal_year_dates(fy).map_or(date, |(april, _)| april);
    if date < first {
        return 0.0;
    }
    for (i, (y, m)) in months.iter().enumerate() {
        if date.year() == *y && date.month() == *m {
            let (start, next) = hoshu_core::calendar::month_days(*y, *m).unwrap_or((date, date));
            let len = (next - start).num_days().max(1) as f32;
            return i as f32 + (date - start).num_days() as f32 / len;
        }
    }
    12.0
}

fn chart(fy: i32, tasks: &[ScheduleTask], width: f32) -> Drawing {
    let grid_x = LABEL_W;
    let grid_w = width - LABEL_W - NOTE_W;
    let col = grid_w / 12.0;
    let h = HEAD_H + ROW_H * tasks.len() as f32;
    let mut d = Drawing::new(h + 0.5);
    let head = TextStyle::label(9.0).align(Align::Center);
    d.push(Shape::filled_rect(
        0.0,
        0.0,
        width,
        HEAD_H,
        Color::HEADER_FILL,
    ));
    let cell = |d: &mut Drawing, x: f32, w: f32, text: String, style: TextStyle| {
        d.push(Shape::TextBox {
            x,
            y: 0.0,
            w,
            h: HEAD_H,
            text,
            style,
            stroke: None,
            fill: None,
        });
    };
    cell(&mut d, 0.0, LABEL_W, "作業項目".into(), head);
    for (i, (_, m)) in fiscal_months(fy).iter().enumerate() {
        cell(&mut d, grid_x + col * i as f32, col, format!("{m}月"), head);
    }
    cell(&mut d, grid_x + grid_w, NOTE_W, "備考".into(), head);
    let body = TextStyle::new(FontFace::Mincho, 8.5).line_height(1.2);
    for (r, t) in tasks.iter().enumerate() {
        let y = HEAD_H + ROW_H * r as f32;
        if r % 2 == 1 {
            d.push(Shape::filled_rect(0.0, y, width, ROW_H, Color::gray(248)));
        }
        d.push(Shape::TextBox {
            x: 1.5,
            y,
            w: LABEL_W - 3.0,
            h: ROW_H,
            text: t.name.clone(),
            style: body,
            stroke: None,
            fill: None,
        });
        d.push(Shape::TextBox {
            x: grid_x + grid_w + 1.5,
            y,
            w: NOTE_W - 3.0,
            h: ROW_H,
            text: t.note.clone(),
            style: body.size(7.5),
            stroke: None,
            fill: None,
        });
        let a = month_pos(fy, t.start);
        if t.start == t.end {
            let cx = grid_x + col * a;
            d.push(Shape::TextBox {
                x: cx - 3.0,
                y,
                w: 6.0,
                h: ROW_H,
                text: "◆".into(),
                style: TextStyle::new(FontFace::GothicBold, 9.0)
                    .align(Align::Center)
                    .color(Color::rgb(0xB0, 0x1E, 0x1E)),
                stroke: None,
                fill: None,
            });
        } else {
            let b = month_pos(fy, t.end + chrono::Days::new(1)).max(a + 0.08);
            d.push(Shape::Rect {
                x: grid_x + col * a,
                y: y + 2.2,
                w: col * (b - a),
                h: ROW_H - 4.4,
                stroke: None,
                fill: Some(BAR),
            });
        }
    }
    // Rules: outline, row lines, month lines.
    for r in 0..=tasks.len() {
        let y = HEAD_H + ROW_H * r as f32;
        d.push(Shape::line((0.0, y), (width, y)));
    }
    d.push(Shape::line((0.0, 0.0), (width, 0.0)));
    for x in [0.0, grid_x, grid_x + grid_w, width] {
        d.push(Shape::line((x, 0.0), (x, h)));
    }
    for i in 1..12 {
        let x = grid_x + col * i as f32;
        d.push(Shape::Line {
            from: (x, 0.0),
            to: (x, h),
            stroke: Stroke::new(0.3, Color::MID_GRAY),
        });
    }
    d
}

/// Builds the schedule: A4 landscape, a chart of up to 18 tasks per page.
pub fn schedule_document(s: &ScheduleDoc) -> Document {
    let fy = fiscal_year_label(s.fiscal_year);
    let mut doc = Document::new(
        format!("工程表（委託作業表）{fy}"),
        PageSize::A4Landscape,
        s.created_at,
    );
    doc.set_header_note(s.contract.name.clone())
        .set_author(s.contract.contractor.name.clone());
    doc.right_aligned(
        s.submitted_on
            .map(date_plain)
            .unwrap_or_else(|| super::BLANK_DATE.to_owned()),
    );
    doc.title(format!("工程表（委託作業表）　{fy}"));
    doc.paragraph(format!(
        "契約件名：{}\n契約期間：{}\n受託者：{}",
        s.contract.name,
        s.contract.period_text(),
        s.contract.contractor.name
    ));
    let width = doc.content_width_mm();
    for (i, chunk) in s.tasks.chunks(ROWS_PER_CHART).enumerate() {
        if i > 0 {
            doc.page_break();
        }
        doc.drawing(chart(s.fiscal_year, chunk, width));
    }
    doc.paragraph_with(
        crate::engine::Paragraph::new("■：作業期間　◆：提出・実施日")
            .style(TextStyle::new(FontFace::Mincho, 8.5)),
    );
    doc
}

/// The schedule as PDF bytes.
pub fn render_schedule(s: &ScheduleDoc) -> Result<Vec<u8>, DocError> {
    schedule_document(s).render()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_across_the_fiscal_year() {
        let d = |y, m, dd| NaiveDate::from_ymd_opt(y, m, dd).unwrap();
        assert_eq!(month_pos(2026, d(2026, 4, 1)), 0.0);
        assert!((month_pos(2026, d(2026, 4, 16)) - 0.5).abs() < 1e-6);
        assert_eq!(month_pos(2026, d(2027, 1, 1)), 9.0);
        assert_eq!(month_pos(2026, d(2027, 4, 1)), 12.0);
        assert_eq!(month_pos(2026, d(2025, 4, 1)), 0.0);
    }
}
