//! The formal submissions at the start and end of the contract (000 第3章第4節): 委託業務着手届,
//! 業務責任者届 and 委託業務完了通知書, in the usual 様式 layout: the form number top left (when
//! the city has one), 文書番号 and date top right, addressee, submitter block with the seal box
//! 印 beside the representative, the title spaced alike on every form, body, 記 and the items. A form is a letter: on one page it has no running header and no page number.

use chrono::{NaiveDate, NaiveDateTime};

use super::{BLANK_DATE, ContractInfo, date_plain};
use crate::engine::{
    Align, Color, DocError, Document, Drawing, FontFace, KeyValues, MM_PER_PT, PageSize, Paragraph,
    Shape, Stroke, TextStyle,
};

/// The numbers a form carries besides its date.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct FormMarks {
    /// 様式第1号 where the city numbers its forms; nothing is printed without one.
    pub form_number: Option<String>,
    /// 文書番号 (吉情第123号); `None` leaves 第　　　　号 to be filled in by hand.
    pub document_number: Option<String>,
}

/// A blank 文書番号 for forms numbered by hand.
pub(crate) const BLANK_NUMBER: &str = "第　　　　　号";

/// 委託業務着手届.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartNoticeDoc {
    pub contract: ContractInfo,
    pub marks: FormMarks,
    /// 提出日; `None` leaves 令和　年　月　日 to be filled in by hand.
    pub submitted_on: Option<NaiveDate>,
    /// 着手年月日.
    pub started_on: NaiveDate,
    /// 業務責任者 (name).
    pub responsible: String,
    pub created_at: NaiveDateTime,
}

/// 業務責任者届.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResponsiblePersonDoc {
    pub contract: ContractInfo,
    pub marks: FormMarks,
    pub submitted_on: Option<NaiveDate>,
    /// 業務責任者: 所属・役職, 氏名, 連絡先.
    pub organisation: String,
    pub title: String,
    pub name: String,
    pub phone: String,
    /// 資格・経歴 (one line each).
    pub qualifications: Vec<String>,
    /// 業務責任者代理 (name and title), if any.
    pub deputy: Option<String>,
    pub created_at: NaiveDateTime,
}

/// 委託業務完了通知書.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionNoticeDoc {
    pub contract: ContractInfo,
    pub marks: FormMarks,
    pub submitted_on: Option<NaiveDate>,
    /// 完了年月日.
    pub completed_on: NaiveDate,
    /// 成果品 handed over.
    pub deliverables: Vec<String>,
    pub created_at: NaiveDateTime,
}

/// The common head of a form: form number, 文書番号 and date, addressee, submitter with the
/// seal box, title and the opening sentence, then 記.
fn form_head(
    doc: &mut Document,
    c: &ContractInfo,
    marks: &FormMarks,
    submitted_on: Option<NaiveDate>,
    title: &str,
    body: &str,
) {
    doc.set_author(c.contractor.name.clone())
        .set_subject(c.name.clone());
    let body_style = TextStyle::body().size(11.0).line_height(1.7);
    if let Some(number) = &marks.form_number {
        doc.paragraph_with(
            Paragraph::new(number.clone())
                .style(body_style)
                .space_after(0.0),
        );
    } else {
        doc.spacer(6.0);
    }
    for line in [
        marks
            .document_number
            .clone()
            .unwrap_or_else(|| BLANK_NUMBER.into()),
        submitted_on
            .map(date_plain)
            .unwrap_or_else(|| BLANK_DATE.into()),
    ] {
        doc.paragraph_with(
            Paragraph::new(line)
                .style(body_style.align(Align::Right))
                .space_after(0.0),
        );
    }
    doc.spacer(8.0);
    doc.paragraph_with(
        Paragraph::new(format!("{}　様", c.addressee))
            .style(body_style)
            .indent(3.9)
            .space_after(8.0),
    );
    let block = format!(
        "受託者\n　住　　所　{}\n　名　　称　{}",
        c.contractor.address, c.contractor.name
    );
    doc.paragraph_with(
        Paragraph::new(block)
            .style(body_style)
            .indent(78.0)
            .space_after(0.0),
    );
    doc.drawing(representative_with_seal(
        doc.content_width_mm(),
        &c.contractor.representative,
        body_style,
    ));
    doc.spacer(10.0);
    doc.paragraph_with(
        Paragraph::new(spaced(title))
            .style(
                TextStyle::new(FontFace::GothicBold, 16.0)
                    .align(Align::Center)
                    .line_height(1.5),
            )
            .space_after(10.0),
    );
    doc.paragraph_with(
        Paragraph::new(format!("　{body}"))
            .style(body_style)
            .space_after(8.0),
    );
    doc.paragraph_with(
        Paragraph::new("記")
            .style(body_style.align(Align::Center))
            .space_after(6.0),
    );
}

/// 代表者 and the representative, with the square 印 box at the right where the seal goes.
fn representative_with_seal(width: f32, representative: &str, style: TextStyle) -> Drawing {
    let seal = 13.0;
    let x = 78.0;
    let mut d = Drawing::new(seal + 1.0);
    d.push(Shape::text(
        x,
        (seal - style.size_pt * MM_PER_PT * style.line_height) / 2.0,
        (width - x - seal - 3.0).max(20.0),
        format!("　代 表 者　{representative}"),
        style,
    ));
    d.push(Shape::TextBox {
        x: width - seal,
        y: 0.0,
        w: seal,
        h: seal,
        text: "印".into(),
        style: TextStyle::body()
            .size(10.0)
            .align(Align::Center)
            .color(Color::gray(140)),
        stroke: Some(Stroke::new(0.5, Color::gray(140))),
        fill: None,
    });
    d
}

/// The title with one full-width space between its characters, whatever its length, so the
/// three forms' titles read alike (and stay one line of text for a reader that copies it).
fn spaced(title: &str) -> String {
    title
        .chars()
        .map(String::from)
        .collect::<Vec<_>>()
        .join("　")
}

fn items(doc: &mut Document, rows: Vec<(String, String)>) {
    let mut kv = KeyValues::new(rows).key_width(38.0);
    kv.size_pt = 11.0;
    doc.key_values(kv);
    doc.spacer(4.0);
    doc.paragraph_with(
        Paragraph::new("以上").style(TextStyle::body().size(11.0).align(Align::Right)),
    );
}

fn new_doc(title: &str, created_at: NaiveDateTime) -> Document {
    let mut doc = Document::new(title, PageSize::A4Portrait, created_at);
    doc.set_letter();
    doc
}

/// Builds the 委託業務着手届.
pub fn start_notice_document(s: &StartNoticeDoc) -> Document {
    let c = &s.contract;
    let mut doc = new_doc("委託業務着手届", s.created_at);
    form_head(
        &mut doc,
        c,
        &s.marks,
        s.submitted_on,
        "委託業務着手届",
        "下記のとおり委託業務に着手したので、届け出ます。",
    );
    items(
        &mut doc,
        vec![
            ("契約件名".into(), c.name.clone()),
            (
                "契約年月日".into(),
                c.signed_on
                    .map(date_plain)
                    .unwrap_or_else(|| BLANK_DATE.into()),
            ),
            ("契約期間".into(), c.period_text()),
            ("着手年月日".into(), date_plain(s.started_on)),
            ("業務責任者".into(), s.responsible.clone()),
        ],
    );
    doc
}

/// Builds the 業務責任者届.
pub fn responsible_person_document(r: &ResponsiblePersonDoc) -> Document {
    let c = &r.contract;
    let mut doc = new_doc("業務責任者届", r.created_at);
    form_head(
        &mut doc,
        c,
        &r.marks,
        r.submitted_on,
        "業務責任者届",
        "下記の委託業務について、業務責任者を定めたので届け出ます。",
    );
    let mut rows = vec![
        ("契約件名".to_owned(), c.name.clone()),
        ("契約期間".to_owned(), c.period_text()),
        (
            "所属・役職".to_owned(),
            format!("{}　{}", r.organisation, r.title),
        ),
        ("業務責任者氏名".to_owned(), r.name.clone()),
        ("連絡先".to_owned(), r.phone.clone()),
    ];
    if !r.qualifications.is_empty() {
        rows.push(("資格・経歴".to_owned(), r.qualifications.join("\n")));
    }
    if let Some(d) = &r.deputy {
        rows.push(("業務責任者代理".to_owned(), d.clone()));
    }
    items(&mut doc, rows);
    doc
}

/// Builds the 委託業務完了通知書.
pub fn completion_notice_document(n: &CompletionNoticeDoc) -> Document {
    let c = &n.contract;
    let mut doc = new_doc("委託業務完了通知書", n.created_at);
    form_head(
        &mut doc,
        c,
        &n.marks,
        n.submitted_on,
        "委託業務完了通知書",
        "下記の委託業務が完了したので、通知します。",
    );
    let mut rows = vec![
        ("契約件名".to_owned(), c.name.clone()),
        (
            "契約年月日".to_owned(),
            c.signed_on
                .map(date_plain)
                .unwrap_or_else(|| BLANK_DATE.into()),
        ),
        ("契約期間".to_owned(), c.period_text()),
        ("完了年月日".to_owned(), date_plain(n.completed_on)),
    ];
    if !n.deliverables.is_empty() {
        rows.push((
            "成果品".to_owned(),
            n.deliverables
                .iter()
                .map(|d| format!("・{d}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ));
    }
    items(&mut doc, rows);
    doc
}

pub fn render_start_notice(s: &StartNoticeDoc) -> Result<Vec<u8>, DocError> {
    start_notice_document(s).render()
}

pub fn render_responsible_person(r: &ResponsiblePersonDoc) -> Result<Vec<u8>, DocError> {
    responsible_person_document(r).render()
}

pub fn render_completion_notice(n: &CompletionNoticeDoc) -> Result<Vec<u8>, DocError> {
    completion_notice_document(n).render()
}
