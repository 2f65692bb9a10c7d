//! The handover to the next contractor (003 第5章): 引継計画書, the plan the city approves
//! (「案」 on every page until it does), and 引継書, the state of the work written from the
//! records when the handover package is made.

use chrono::{NaiveDate, NaiveDateTime};

use super::minutes::fullwidth;
use super::{ContractInfo, date_plain};
use crate::engine::{Align, Column, Document, KeyValues, PageSize, Paragraph, Table, TextStyle};

/// One participant: party, organisation or name, role.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverMemberRow {
    pub party: String,
    pub name: String,
    pub role: String,
}

/// One line of the schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverScheduleRow {
    pub what: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub who: String,
}

/// Whether the city has approved the plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandoverPlanState {
    /// Not approved yet: marked 「案」.
    Draft,
    Approved {
        by: String,
        on: NaiveDate,
    },
}

/// 引継計画書.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoverPlanDoc {
    pub contract: ContractInfo,
    pub next_contractor: String,
    pub version: i64,
    pub members: Vec<HandoverMemberRow>,
    pub schedule: Vec<HandoverScheduleRow>,
    pub notes: String,
    pub state: HandoverPlanState,
    pub author: String,
    pub created_at: NaiveDateTime,
}

/// One chapter of 引継書: a lead paragraph, and the records as a table when there are any.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverChapter {
    pub title: String,
    pub lead: String,
    /// Column captions and their relative widths.
    pub columns: Vec<(String, f32)>,
    pub rows: Vec<Vec<String>>,
    /// Said instead of the table when there are no rows: 未完了の依頼はない.
    pub when_empty: String,
}

/// 引継書.
#[derive(Debug, Clone, PartialEq)]
pub struct HandoverBookDoc {
    pub contract: ContractInfo,
    /// 時点: the records as of this day.
    pub as_of: NaiveDate,
    pub chapters: Vec<HandoverChapter>,
    pub author: String,
    pub created_at: NaiveDateTime,
}

fn contract_lines(doc: &mut Document, c: &ContractInfo, extra: Vec<(String, String)>) {
    let mut rows = vec![
        ("契約件名".to_owned(), c.name.clone()),
        ("対象システム".to_owned(), c.system_name.clone()),
        ("委託者".to_owned(), c.city.clone()),
        ("受託者".to_owned(), c.contractor.name.clone()),
        ("契約期間".to_owned(), c.period_text()),
    ];
    rows.extend(extra);
    doc.key_values(KeyValues::new(rows).key_width(30.0));
}

fn body_paragraph(doc: &mut Document, text: &str) {
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        doc.paragraph_with(Paragraph::new(format!("　{}", line.trim())).indent(3.7));
    }
}

/// Builds 引継計画書.
pub fn handover_plan_document(p: &HandoverPlanDoc) -> Document {
    let draft = p.state == HandoverPlanState::Draft;
    let title = if draft {
        "引継計画書（案）"
    } else {
        "引継計画書"
    };
    let mut doc = Document::new(title, PageSize::A4Portrait, p.created_at);
    if draft {
        doc.set_draft_mark("案");
    }
    doc.set_header_note(p.contract.system_name.clone())
        .set_author(p.author.clone())
        .set_subject(format!("次期受託者への引継ぎ（第{}版）", p.version));
    doc.title(title);
    doc.right_aligned(format!("第{}版", p.version));
    match &p.state {
        HandoverPlanState::Draft => doc.right_aligned("本市承認前"),
        HandoverPlanState::Approved { by, on } => {
            doc.right_aligned(format!("承認　{}　{by}", date_plain(*on)))
        }
    };
    doc.spacer(2.0);
    let period = match (
        p.schedule.iter().map(|s| s.from).min(),
        p.schedule.iter().map(|s| s.to).max(),
    ) {
        (Some(from), Some(to)) => format!("{}から{}まで", date_plain(from), date_plain(to)),
        _ => "未定".to_owned(),
    };
    contract_lines(
        &mut doc,
        &p.contract,
        vec![
            ("次期受託者".to_owned(), p.next_contractor.clone()),
            ("引継期間".to_owned(), period),
        ],
    );
    doc.subheading("１．引継体制・役割");
    let mut members = Table::new(vec![
        Column::fixed("区分", 26.0).emphasised(),
        Column::flex("組織・氏名", 1.2),
        Column::flex("役割", 2.0),
    ])
    .size(9.0);
    for m in &p.members {
        members.row([m.party.as_str(), &m.name, &m.role]);
    }
    doc.table(members);
    doc.subheading("２．引継スケジュール");
    let mut schedule = Table::new(vec![
        Column::fixed("No.", 11.0).align(Align::Center),
        Column::flex("作業内容", 1.0),
        Column::fixed("開始", 30.0).align(Align::Center),
        Column::fixed("終了", 30.0).align(Align::Center),
        Column::fixed("担当", 24.0),
    ])
    .size(9.0);
    for (i, s) in p.schedule.iter().enumerate() {
        schedule.row([
            (i + 1).to_string(),
            s.what.clone(),
            date_plain(s.from),
            date_plain(s.to),
            s.who.clone(),
        ]);
    }
    doc.table(schedule);
    doc.subheading("３．引継内容・留意事項");
    if p.notes.trim().is_empty() {
        doc.paragraph_with(Paragraph::new("特になし").indent(3.7));
    } else {
        body_paragraph(&mut doc, &p.notes);
    }
    doc.spacer(2.0);
    doc.paragraph_with(Paragraph::new("以上").style(TextStyle::body().align(Align::Right)));
    doc
}

/// Builds 引継書.
pub fn handover_book_document(b: &HandoverBookDoc) -> Document {
    let mut doc = Document::new("引継書", PageSize::A4Portrait, b.created_at);
    doc.set_header_note(b.contract.system_name.clone())
        .set_author(b.author.clone())
        .set_subject(format!("{}時点", date_plain(b.as_of)));
    doc.title("引継書");
    doc.right_aligned(format!("{}時点", date_plain(b.as_of)));
    doc.right_aligned(b.contract.contractor.name.clone());
    doc.spacer(2.0);
    contract_lines(&mut doc, &b.contract, Vec::new());
    for (i, chapter) in b.chapters.iter().enumerate() {
        doc.subheading(format!("{}．{}", fullwidth(i + 1), chapter.title));
        if !chapter.lead.is_empty() {
            body_paragraph(&mut doc, &chapter.lead);
        }
        if chapter.rows.is_empty() {
            if !chapter.when_empty.is_empty() {
                doc.paragraph_with(Paragraph::new(chapter.when_empty.clone()).indent(3.7));
            }
            continue;
        }
        let mut table = Table::new(
            chapter
                .columns
                .iter()
                .map(|(caption, weight)| Column::flex(caption.clone(), *weight))
                .collect(),
        )
        .size(8.5);
        for row in &chapter.rows {
            table.row(row.iter().cloned());
        }
        doc.table(table);
    }
    doc.spacer(2.0);
    doc.paragraph_with(Paragraph::new("以上").style(TextStyle::body().align(Align::Right)));
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::templates::Contractor;

    fn contract() -> ContractInfo {
        ContractInfo {
            name: "生活保護レセプト管理システム運用保守業務委託".into(),
            system_name: "生活保護レセプト管理システム".into(),
            addressee: "岡山市長".into(),
            city: "岡山市".into(),
            contractor: Contractor {
                address: "岡山市北区".into(),
                name: "株式会社吉備情報システム".into(),
                representative: "代表取締役　山田 一郎".into(),
            },
            period_start: NaiveDate::from_ymd_opt(2026, 4, 1).unwrap(),
            period_end: NaiveDate::from_ymd_opt(2027, 3, 31).unwrap(),
            signed_on: None,
        }
    }

    fn plan(state: HandoverPlanState) -> HandoverPlanDoc {
        HandoverPlanDoc {
            contract: contract(),
            next_contractor: "株式会社次期システム".into(),
            version: 2,
            members: vec![HandoverMemberRow {
                party: "次期受託者".into(),
                name: "株式会社次期システム".into(),
                role: "運用の受入れ".into(),
            }],
            schedule: vec![HandoverScheduleRow {
                what: "運用現場の視察".into(),
                from: NaiveDate::from_ymd_opt(2026, 10, 1).unwrap(),
                to: NaiveDate::from_ymd_opt(2026, 10, 30).unwrap(),
                who: "受託者".into(),
            }],
            notes: "手順書一式を開示する。".into(),
            state,
            author: "小川 健".into(),
            created_at: NaiveDateTime::default(),
        }
    }

    #[test]
    fn a_plan_not_yet_approved_is_marked_as_a_draft() {
        let draft = handover_plan_document(&plan(HandoverPlanState::Draft));
        assert_eq!(draft.title_text(), "引継計画書（案）");
        let approved = handover_plan_document(&plan(HandoverPlanState::Approved {
            by: "岡本 誠".into(),
            on: NaiveDate::from_ymd_opt(2026, 9, 1).unwrap(),
        }));
        assert_eq!(approved.title_text(), "引継計画書");
        assert_eq!(approved.page_count().unwrap(), 1);
        assert!(approved.render().unwrap().starts_with(b"%PDF"));
    }

    #[test]
    fn an_empty_chapter_says_so_instead_of_an_empty_table() {
        let book = HandoverBookDoc {
            contract: contract(),
            as_of: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
            chapters: vec![HandoverChapter {
                title: "未完了の依頼".into(),
                lead: String::new(),
                columns: vec![("件名".into(), 1.0)],
                rows: Vec::new(),
                when_empty: "未完了の依頼はない。".into(),
            }],
            author: "小川 健".into(),
            created_at: NaiveDateTime::default(),
        };
        let doc = handover_book_document(&book);
        assert!(
            doc.blocks()
                .iter()
                .any(|b| format!("{b:?}").contains("未完了の依頼はない。"))
        );
        assert!(
            !doc.blocks()
                .iter()
                .any(|b| format!("{b:?}").contains("Table"))
        );
    }
}
