//! 運用保守計画書: cover, table of contents, the nine sections, the incident flow diagram and
//! the 12-month annual plan grid.

use chrono::{Datelike, NaiveDate, NaiveDateTime};
use hoshu_core::change::monthly_maintenance_window;

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

/// The time targets of the incident flow (from settings).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FlowTargets {
    /// 検知から一次報告まで (分).
    pub first_report_minutes: u32,
    /// 切り分け (分).
    pub isolation_minutes: u32,
    /// 関係者への連絡 (分).
    pub contact_minutes: u32,
    /// 障害報告書の提出 (営業日).
    pub fault_report_business_days: u32,
    /// 再発防止策・マニュアル改版 (日).
    pub prevention_days: u32,
}

impl Default for FlowTargets {
    /// The contract's targets: 30 min, 45 min, 10 min, 1 business day, 5 days.
    fn default() -> Self {
        FlowTargets {
            first_report_minutes: 30,
            isolation_minutes: 45,
            contact_minutes: 10,
            fault_report_business_days: 1,
            prevention_days: 5,
        }
    }
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
    /// 版: 第1.0版.
    pub version: String,
    /// 作成日 on the cover.
    pub issued_on: NaiveDate,
    /// The fiscal year the plan covers (Western year of its April).
    pub fiscal_year: i32,
    /// Sections in order. The flow diagram follows the section whose title contains
    /// 障害対応フロー, the annual grid the one containing 年間計画.
    pub sections: Vec<PlanSection>,
    pub flow_targets: FlowTargets,
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

/// The incident flow: eight boxes top to bottom with the target time beside each arrow.
fn flow_drawing(t: &FlowTargets, width: f32) -> Drawing {
    let steps: [(&str, String, String); 8] = [
        (
            "検知",
            String::new(),
            "監視・利用者からの連絡により障害を検知".into(),
        ),
        (
            "一次報告",
            format!("{}分以内", t.first_report_minutes),
            "本市担当者へ電話で第一報（発生日時・現象・影響範囲）".into(),
        ),
        (
            "切り分け",
            format!("{}分以内", t.isolation_minutes),
            "原因箇所（アプリ・基盤・ネットワーク・外部連携）を切り分け".into(),
        ),
        (
            "連絡",
            format!("{}分以内", t.contact_minutes),
            "関係事業者・ガバメントクラウド運用者へ連絡".into(),
        ),
        (
            "対応",
            String::new(),
            "復旧作業・回避策の実施、本市の承認を得て切替".into(),
        ),
        (
            "暫定報告",
            String::new(),
            "復旧見込み・暫定対処の内容を報告".into(),
        ),
        (
            "障害報告",
            format!("{}営業日以内", t.fault_report_business_days),
            "障害報告書（原因・対応・影響）を提出".into(),
        ),
        (
            "再発防止・マニュアル改版",
            format!("{}日以内", t.prevention_days),
            "再発防止策の策定、運用マニュアルの改版".into(),
        ),
    ];
    let box_w = 58.0;
    let box_h = 12.0;
    let gap = 10.0;
    let x = 8.0;
    let note_x = x + box_w + 24.0;
    let note_w = width - note_x;
    let mut d = Drawing::new(8.0 * box_h + 7.0 * gap + 14.0);
    // Lane headings.
    let head = TextStyle::label(9.0).align(Align::Center);
    d.push(Shape::TextBox {
        x,
        y: 0.0,
        w: box_w,
        h: 7.0,
        text: "手順".into(),
        style: head,
        stroke: Some(Stroke::THIN),
        fill: Some(Color::HEADER_FILL),
    });
    d.push(Shape::TextBox {
        x: note_x,
        y: 0.0,
        w: note_w,
        h: 7.0,
        text: "内容".into(),
        style: head,
        stroke: Some(Stroke::THIN),
        fill: Some(Color::HEADER_FILL),
    });
    let top = 12.0;
    for (i, (name, _, note)) in steps.iter().enumerate() {
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
            text: (*name).to_owned(),
            style: TextStyle::label(10.0).align(Align::Center),
            stroke: Some(Stroke::MEDIUM),
            fill,
        });
        d.push(Shape::Line {
            from: (x + box_w, y + box_h / 2.0),
            to: (note_x - 2.0, y + box_h / 2.0),
            stroke: Stroke::new(0.5, Color::MID_GRAY).dashed(),
        });
        d.push(Shape::text(
            note_x,
            y + box_h / 2.0 - 2.4,
            note_w,
            note.clone(),
            TextStyle::new(FontFace::Mincho, 9.0).line_height(1.3),
        ));
        if i + 1 < steps.len() {
            let ax = x + box_w / 2.0;
            d.push(Shape::arrow((ax, y + box_h), (ax, y + box_h + gap)));
            // The target of the next step, beside its incoming arrow.
            let next_target = &steps[i + 1].1;
            if !next_target.is_empty() {
                d.push(Shape::TextBox {
                    x: ax + 3.0,
                    y: y + box_h + 1.8,
                    w: 26.0,
                    h: gap - 3.6,
                    text: next_target.clone(),
                    style: TextStyle::label(8.5)
                        .align(Align::Center)
                        .color(Color::rgb(0xB0, 0x1E, 0x1E)),
                    stroke: Some(Stroke::new(0.5, Color::rgb(0xB0, 0x1E, 0x1E))),
                    fill: Some(Color::WHITE),
                });
            }
        }
    }
    d
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
            "発注者　{}\n受注者　{}",
            p.contract.city, p.contract.contractor.name
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
            doc.drawing(flow_drawing(&p.flow_targets, w));
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
