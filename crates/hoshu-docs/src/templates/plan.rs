//! 運用保守計画書: cover with the edition, table of contents, revision history and the terms
//! of the glossary, the nine sections, the incident flow diagram (steps and targets given by
//! the SLA settings and the clock definitions) and the 12-month annual plan grid.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use hoshu_core::change::monthly_maintenance_window;
use hoshu_core::glossary;

use super::minutes::fullwidth;
use super::{ContractInfo, date_plain, fiscal_months, fiscal_year_label};
use crate::engine::{
    Align, Block, Color, Column, DocError, Document, Drawing, FontFace, PageSize, Paragraph, Shape,
    Stroke, Table, TextStyle,
};

/// One numbered section of the plan: 基本方針, 運用体制・役割分担, ….
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSection {
    pub title: String,
    /// Paragraphs; a paragraph starting with `・` is set as a list item.
    pub body: Vec<String>,
}

/// One step of the incident flow: its name, its target as the SLA settings and the clock
/// definitions give it ("検知から30分以内"; empty for a step without a clock) and what is done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlowStep {
    pub name: String,
    pub target: String,
    pub note: String,
}

/// One saved version of a section, for the revision history (改訂履歴).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanRevision {
    /// 第3版.
    pub edition: String,
    pub date: NaiveDate,
    pub section: String,
    /// 新規作成, 2項目を追加 ….
    pub change: String,
    pub by: String,
}

/// A row of the annual plan grid: a label and one mark per month, April first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnnualRow {
    pub label: String,
    pub marks: [String; 12],
}

/// The plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanDoc {
    pub contract: ContractInfo,
    /// 版: 第3版, the edition the revision history ends with.
    pub version: String,
    /// 作成日 on the cover.
    pub issued_on: NaiveDate,
    /// The fiscal year the plan covers (Western year of its April).
    pub fiscal_year: i32,
    /// Sections in order. The flow diagram follows the section whose title contains
    /// 障害対応フロー, the annual grid the one containing 年間計画.
    pub sections: Vec<PlanSection>,
    /// The incident flow, top to bottom.
    pub flow: Vec<FlowStep>,
    /// Every saved version of every section, oldest first.
    pub revisions: Vec<PlanRevision>,
    pub annual_grid: Vec<AnnualRow>,
    pub created_at: NaiveDateTime,
}

/// The usual annual grid: monthly maintenance on the first Sunday (its day in each cell),
/// regular meetings twice a month, the monthly report, SLA review in the given months and the
/// security audit in the given months.
pub fn standard_annual_grid(fy: i32, sla_review: &[u32], security_audit: &[u32]) -> Vec<AnnualRow> {
    let months = fiscal_months(fy);
    let row = |label: &str, f: &dyn Fn(i32, u32) -> String| AnnualRow {
        label: label.to_owned(),
        marks: months.map(|(y, m)| f(y, m)),
    };
    vec![
        row("定期保守（第1日曜日）", &|y, m| {
            monthly_maintenance_window(y, m)
                .map(|(start, _)| {
                    let local = start.with_timezone(&hoshu_core::calendar::TOKYO);
                    format!("{}日", local.day())
                })
                .unwrap_or_default()
        }),
        row("定例会議", &|_, _| "○○".to_owned()),
        row("業務日程レビュー", &|_, _| "○".to_owned()),
        row("月次運用報告", &|_, _| "○".to_owned()),
        row("SLA評価・見直し", &|_, m| {
            if sla_review.contains(&m) { "◎" } else { "" }.to_owned()
        }),
        row("情報セキュリティ監査", &|_, m| {
            if security_audit.contains(&m) {
                "◎"
            } else {
                ""
            }
            .to_owned()
        }),
    ]
}

const COVER_TITLE: &str = "運用保守計画書";

/// The incident flow: one box per step top to bottom, its target beside it and what is done.
fn flow_drawing(steps: &[FlowStep], width: f32) -> Drawing {
    let box_w = 46.0;
    let box_h = 12.0;
    let gap = 7.0;
    let x = 2.0;
    let target_x = x + box_w + 4.0;
    let target_w = 50.0;
    let note_x = target_x + target_w + 4.0;
    let note_w = width - note_x;
    let n = steps.len() as f32;
    let mut d = Drawing::new(12.0 + n * box_h + (n - 1.0).max(0.0) * gap + 2.0);
    let head = TextStyle::label(9.0).align(Align::Center);
    for (hx, hw, text) in [
        (x, box_w, "手順"),
        (target_x, target_w, "目標（SLA）"),
        (note_x, note_w, "内容"),
    ] {
        d.push(Shape::TextBox {
            x: hx,
            y: 0.0,
            w: hw,
            h: 7.0,
            text: text.into(),
            style: head,
            stroke: Some(Stroke::THIN),
            fill: Some(Color::HEADER_FILL),
        });
    }
    let top = 12.0;
    let red = Color::rgb(0xB0, 0x1E, 0x1E);
    for (i, step) in steps.iter().enumerate() {
        let y = top + i as f32 * (box_h + gap);
        let fill = if i == 0 {
            Some(Color::rgb(0xFB, 0xE4, 0xE4))
        } else {
            Some(Color::rgb(0xEA, 0xF1, 0xFB))
        };
        d.push(Shape::TextBox {
            x,
            y,
            w: box_w,
            h: box_h,
            text: step.name.clone(),
            style: TextStyle::label(10.0).align(Align::Center),
            stroke: Some(Stroke::MEDIUM),
            fill,
        });
        if !step.target.is_empty() {
            d.push(Shape::TextBox {
                x: target_x,
                y: y + 1.5,
                w: target_w,
                h: box_h - 3.0,
                text: step.target.clone(),
                style: TextStyle::label(8.5)
                    .align(Align::Center)
                    .line_height(1.2)
                    .color(red),
                stroke: Some(Stroke::new(0.5, red)),
                fill: Some(Color::WHITE),
            });
        }
        d.push(Shape::text(
            note_x,
            y + box_h / 2.0 - 2.4,
            note_w,
            step.note.clone(),
            TextStyle::new(FontFace::Mincho, 9.0).line_height(1.3),
        ));
        if i + 1 < steps.len() {
            let ax = x + box_w / 2.0;
            d.push(Shape::arrow((ax, y + box_h), (ax, y + box_h + gap)));
        }
    }
    d
}

fn revision_table(revisions: &[PlanRevision]) -> Table {
    let mut t = Table::new(vec![
        Column::fixed("版", 16.0).align(Align::Center),
        Column::fixed("改訂日", 30.0).align(Align::Center),
        Column::flex("章", 1.2),
        Column::flex("改訂内容", 1.0),
        Column::fixed("改訂者", 30.0),
    ])
    .size(9.0);
    for r in revisions {
        t.row([
            r.edition.clone(),
            date_plain(r.date),
            r.section.clone(),
            r.change.clone(),
            r.by.clone(),
        ]);
    }
    t
}

fn annual_table(fy: i32, rows: &[AnnualRow]) -> Table {
    let mut cols = vec![Column::flex("項目", 1.0).emphasised()];
    for (_, m) in fiscal_months(fy) {
        cols.push(Column::fixed(format!("{m}月"), 10.5).align(Align::Center));
    }
    let mut t = Table::new(cols).size(8.5);
    for r in rows {
        let mut cells = vec![r.label.clone()];
        cells.extend(r.marks.iter().cloned());
        t.row(cells);
    }
    t
}

/// The document without its table of contents; `toc` (section title, page) fills it in.
fn build(p: &PlanDoc, toc: &[(String, Option<usize>)]) -> (Document, Vec<usize>) {
    let fy_label = fiscal_year_label(p.fiscal_year);
    let mut doc = Document::new(
        format!("{COVER_TITLE}（{fy_label}）"),
        PageSize::A4Portrait,
        p.created_at,
    );
    doc.set_header_note(p.contract.name.clone())
        .set_author(p.contract.contractor.name.clone())
        .set_subject(p.contract.name.clone());

    // Cover.
    doc.spacer(45.0);
    let centred = |size: f32, face: FontFace| {
        TextStyle::new(face, size)
            .align(Align::Center)
            .line_height(1.5)
    };
    doc.paragraph_with(
        Paragraph::new(p.contract.name.clone())
            .style(centred(14.0, FontFace::GothicBold))
            .space_after(10.0),
    );
    doc.paragraph_with(
        Paragraph::new(COVER_TITLE)
            .style(centred(28.0, FontFace::GothicBold))
            .space_after(4.0),
    );
    doc.paragraph_with(
        Paragraph::new(format!("（{fy_label}）"))
            .style(centred(14.0, FontFace::GothicBold))
            .space_after(70.0),
    );
    doc.paragraph_with(
        Paragraph::new(format!("{}\n{}", date_plain(p.issued_on), p.version))
            .style(centred(12.0, FontFace::Mincho))
            .space_after(20.0),
    );
    doc.paragraph_with(
        Paragraph::new(format!(
            "{}　{}\n{}　{}",
            glossary::CLIENT,
            p.contract.city,
            glossary::CONTRACTOR,
            p.contract.contractor.name
        ))
        .style(centred(12.0, FontFace::Mincho)),
    );
    doc.page_break();

    // Table of contents.
    doc.title("目　次");
    let mut t = Table::new(vec![Column::flex("項目", 1.0), Column::fixed("頁", 16.0)])
        .without_header()
        .size(11.0);
    for (title, page) in toc {
        t.row([
            title.clone(),
            page.map(|n| n.to_string()).unwrap_or_default(),
        ]);
    }
    doc.table(t);
    doc.page_break();

    doc.title("改訂履歴");
    if p.revisions.is_empty() {
        doc.paragraph("　改訂はありません。");
    } else {
        doc.table(revision_table(&p.revisions));
    }
    doc.spacer(6.0);
    doc.subheading("用語の定義");
    let mut terms = Table::new(vec![
        Column::fixed("用語", 30.0).emphasised(),
        Column::flex("意味", 1.0),
    ])
    .size(9.5);
    for (term, meaning) in glossary::TERMS {
        terms.row([*term, *meaning]);
    }
    doc.table(terms);
    doc.page_break();

    // Sections; remember the block index of each heading.
    let mut heading_blocks = Vec::with_capacity(p.sections.len());
    for (i, s) in p.sections.iter().enumerate() {
        if i > 0 {
            doc.page_break();
        }
        heading_blocks.push(doc.blocks().len());
        doc.heading(section_title(i, s));
        let mut bullets: Vec<String> = Vec::new();
        let flush = |doc: &mut Document, bullets: &mut Vec<String>| {
            if !bullets.is_empty() {
                doc.bullet_list(
                    crate::engine::BulletList::new(std::mem::take(bullets)).indent(3.7),
                );
            }
        };
        for para in &s.body {
            if let Some(item) = para.strip_prefix('・') {
                bullets.push(item.to_owned());
            } else {
                flush(&mut doc, &mut bullets);
                let text = if para.starts_with('　') {
                    para.clone()
                } else {
                    format!("　{para}")
                };
                doc.paragraph_with(Paragraph::new(text).indent(3.7));
            }
        }
        flush(&mut doc, &mut bullets);
        if s.title.contains("障害対応フロー") {
            doc.subheading("障害対応フロー図");
            let w = doc.content_width_mm();
            doc.drawing(flow_drawing(&p.flow, w));
        }
        if s.title.contains("年間計画") {
            doc.subheading(format!("{fy_label} 年間計画表"));
            doc.table(annual_table(p.fiscal_year, &p.annual_grid));
            doc.paragraph_with(
                Paragraph::new("○：実施　◎：重点実施　数字：定期保守の実施日（8時00分～22時00分）")
                    .style(TextStyle::new(FontFace::Mincho, 8.5)),
            );
        }
    }
    (doc, heading_blocks)
}

fn section_title(i: usize, s: &PlanSection) -> String {
    format!("{}．{}", fullwidth(i + 1), s.title)
}

/// Builds the plan. Every section starts on a new page, so the page of each heading is the
/// page count of the document up to the break before it, plus one; the contents page is laid
/// out with those numbers.
pub fn plan_document(p: &PlanDoc) -> Result<Document, DocError> {
    let blank: Vec<(String, Option<usize>)> = p
        .sections
        .iter()
        .enumerate()
        .map(|(i, s)| (section_title(i, s), None))
        .collect();
    let (draft, headings) = build(p, &blank);
    let mut toc = Vec::with_capacity(blank.len());
    for ((title, _), &hb) in blank.iter().zip(&headings) {
        let mut prefix = Document::new(draft.title_text(), draft.page_size(), p.created_at);
        for b in &draft.blocks()[..hb] {
            prefix.push(b.clone());
        }
        // The heading starts a page: count the pages before it.
        let before = match draft.blocks()[..hb].last() {
            Some(Block::PageBreak) => prefix.page_count()?,
            _ => prefix.page_count()?.saturating_sub(1),
        };
        toc.push((title.clone(), Some(before + 1)));
    }
    Ok(build(p, &toc).0)
}

/// The plan as PDF bytes.
pub fn render_plan(p: &PlanDoc) -> Result<Vec<u8>, DocError> {
    plan_document(p)?.render()
}
