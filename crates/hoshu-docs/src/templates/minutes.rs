//! 打合せ議事録: the minutes of one meeting with the city (000 第9章, due about 7 days after).

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use hoshu_core::{glossary, wareki};

use super::{date_plain, time_ja};
use crate::engine::{
    Align, BulletList, Color, Column, DocError, Document, Drawing, FontFace, KeyValues, Margins,
    PageSize, Paragraph, Shape, Table, TextStyle, text_width_mm,
};

/// Which party a participant belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Side {
    /// 本市: the city.
    City,
    /// 受託者: the contractor.
    Contractor,
}

impl Side {
    pub fn label(self) -> &'static str {
        match self {
            Side::City => glossary::CITY,
            Side::Contractor => glossary::CONTRACTOR,
        }
    }
}

/// An attendee or absentee.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Participant {
    pub side: Side,
    /// 所属: 福祉局 生活保護・自立支援課.
    pub organisation: String,
    /// 役職: 課長補佐.
    pub title: String,
    pub name: String,
}

/// A 宿題 (action item): what, who, by when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActionItem {
    pub content: String,
    pub owner: String,
    pub due: Option<NaiveDate>,
}

/// A file handed out at the meeting, as the minutes list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HandoutFile {
    /// The file's name as it was added: 資料1_運用状況報告.pdf.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

/// Where the minutes stand with the city.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MinutesState {
    /// Not approved (作成中, 提出済, 差戻し): every page is marked 「案」.
    Draft,
    /// Approved: the confirmation box names who approved and when.
    Approved { by: String, on: NaiveDate },
}

/// The minutes of one meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MinutesDoc {
    /// Running header, right: 生活保護レセプト管理システム運用保守業務.
    pub header_note: String,
    /// 会議名: 第3回 定例会議.
    pub meeting_name: String,
    pub date: NaiveDate,
    pub start: NaiveTime,
    pub end: NaiveTime,
    /// 場所.
    pub place: String,
    pub attendees: Vec<Participant>,
    pub absentees: Vec<Participant>,
    /// 配布資料: 資料1　月次運用報告書.
    pub handouts: Vec<String>,
    /// 配布資料 kept as files: listed in a section of their own, delivered beside the minutes.
    pub handout_files: Vec<HandoutFile>,
    /// 議題.
    pub agenda: Vec<String>,
    /// 議事内容: one paragraph per entry.
    pub discussion: Vec<String>,
    /// 決定事項.
    pub decisions: Vec<String>,
    /// 宿題.
    pub action_items: Vec<ActionItem>,
    /// 次回予定 (free text, e.g. 令和8年4月24日(金) 14時00分～ 本庁舎3階 第2会議室).
    pub next_meeting: Option<String>,
    /// 作成日 and 作成者.
    pub created_on: NaiveDate,
    pub author: String,
    pub state: MinutesState,
    /// Creation time written into the PDF metadata.
    pub created_at: NaiveDateTime,
}

/// The 出席者・欠席者 table: 区分 (shown once per side), 所属, 役職, 氏名, 出欠; by side, the
/// city first, attendees before absentees.
fn people_table(attendees: &[Participant], absentees: &[Participant]) -> Table {
    let mut sorted: Vec<(&Participant, bool)> = attendees
        .iter()
        .map(|p| (p, true))
        .chain(absentees.iter().map(|p| (p, false)))
        .collect();
    sorted.sort_by_key(|(p, present)| (p.side, !present));
    let mut table = Table::new(vec![
        Column::fixed("区分", 16.0)
            .align(Align::Center)
            .emphasised(),
        Column::flex("所属", 3.0),
        Column::flex("役職", 1.6),
        Column::flex("氏名", 1.3),
        Column::fixed("出欠", 12.0).align(Align::Center),
    ])
    .size(9.0);
    let mut last = None;
    for (p, present) in sorted {
        let side = if last == Some(p.side) {
            ""
        } else {
            p.side.label()
        };
        last = Some(p.side);
        let mark = if present { "出席" } else { "欠席" };
        table.row([side, &p.organisation, &p.title, &p.name, mark]);
    }
    table
}

/// The city's confirmation at the right (本市確認: who approved, on which date), the lines of
/// who made the minutes beside it.
fn confirmation_box(width: f32, made: &[String; 2], by: &str, on: NaiveDate) -> Drawing {
    let (w, key_w, row_h) = (64.0, 15.0, 5.2);
    let x = width - w;
    let label = TextStyle::label(8.5).align(Align::Center);
    let value = TextStyle::body().size(9.0).line_height(1.2);
    let mut d = Drawing::new(3.0 * row_h);
    for (k, line) in made.iter().enumerate() {
        let style = TextStyle::body().align(Align::Right).line_height(1.3);
        d.push(Shape::text(
            0.0,
            1.0 + 6.5 * k as f32,
            x - 4.0,
            line.clone(),
            style,
        ));
    }
    d.push(Shape::filled_rect(x, 0.0, w, row_h, Color::gray(230)));
    d.push(Shape::text(x, 1.0, w, "本市確認", label));
    for (k, (key, text)) in [("確認者", by.to_owned()), ("確認日", date_plain(on))]
        .into_iter()
        .enumerate()
    {
        let y = row_h * (k as f32 + 1.0);
        d.push(Shape::line((x, y), (x + w, y)));
        d.push(Shape::text(x, y + 1.0, key_w, key, label));
        // One line in its cell: a long title and name are set smaller rather than wrapped.
        let room = w - key_w - 2.5;
        let width = text_width_mm(FontFace::Mincho, &text, value.size_pt).unwrap_or(0.0);
        let value = if width > room {
            value.size((value.size_pt * room / width).max(6.0))
        } else {
            value
        };
        d.push(Shape::text(
            x + key_w + 1.5,
            y + 1.1,
            room + 0.5,
            text,
            value,
        ));
    }
    d.push(Shape::line((x + key_w, row_h), (x + key_w, 3.0 * row_h)));
    d.push(Shape::rect(x, 0.0, w, 3.0 * row_h));
    d
}

/// The 配布資料 kept as files: No., file name, size.
fn handout_table(files: &[HandoutFile]) -> Table {
    let mut table = Table::new(vec![
        Column::fixed("No.", 11.0).align(Align::Center),
        Column::flex("ファイル名", 1.0),
        Column::fixed("サイズ", 24.0).align(Align::Right),
    ])
    .size(9.0);
    for (i, f) in files.iter().enumerate() {
        table.row([(i + 1).to_string(), f.name.clone(), size_ja(f.size)]);
    }
    table
}

/// A file's size as people read it: 812バイト, 35.2KB, 1.4MB (1 KB = 1,024 bytes).
fn size_ja(bytes: u64) -> String {
    const KB: f64 = 1024.0;
    let b = bytes as f64;
    if bytes < 1024 {
        format!("{bytes}バイト")
    } else if b < KB * KB {
        format!("{:.1}KB", b / KB)
    } else {
        format!("{:.1}MB", b / (KB * KB))
    }
}

/// Body text of the minutes: 10 pt Mincho, a little tighter than letters.
fn body() -> TextStyle {
    TextStyle::body().size(10.0).line_height(1.45)
}

/// Builds the minutes document.
pub fn minutes_document(m: &MinutesDoc) -> Document {
    let draft = m.state == MinutesState::Draft;
    let title = if draft {
        "打合せ議事録（案）"
    } else {
        "打合せ議事録"
    };
    let mut doc = Document::new(
        format!("{title}（{}）", m.meeting_name),
        PageSize::A4Portrait,
        m.created_at,
    );
    if draft {
        doc.set_draft_mark("案");
    }
    doc.set_margins(Margins {
        top: 17.0,
        right: 20.0,
        bottom: 15.0,
        left: 25.0,
    });
    doc.set_header_note(m.header_note.clone())
        .set_author(m.author.clone())
        .set_subject(format!("{} {}", m.meeting_name, date_plain(m.date)));
    doc.title(title);
    let made = [
        format!("作成日　{}", date_plain(m.created_on)),
        format!("作成者　{}", m.author),
    ];
    match &m.state {
        MinutesState::Draft => {
            for line in made {
                doc.right_aligned(line);
            }
        }
        MinutesState::Approved { by, on } => {
            doc.drawing(confirmation_box(doc.content_width_mm(), &made, by, *on));
        }
    }
    doc.spacer(2.0);

    let mut kv = vec![
        ("会議名".to_owned(), m.meeting_name.clone()),
        (
            "日時".to_owned(),
            format!(
                "{}　{}～{}",
                wareki::long(m.date),
                time_ja(m.start),
                time_ja(m.end)
            ),
        ),
        ("場所".to_owned(), m.place.clone()),
    ];
    let mut handouts = m.handouts.clone();
    if !m.handout_files.is_empty() {
        handouts.push(format!(
            "ファイル{}件（「配布資料（ファイル）」のとおり）",
            m.handout_files.len()
        ));
    }
    kv.push((
        "配布資料".to_owned(),
        if handouts.is_empty() {
            "なし".to_owned()
        } else {
            handouts.join("\n")
        },
    ));
    let mut kv = KeyValues::new(kv).key_width(26.0);
    kv.size_pt = 10.0;
    doc.key_values(kv);

    let mut n = 0;
    let mut next = |title: &str| {
        n += 1;
        format!("{}．{title}", fullwidth(n))
    };
    doc.subheading(if m.absentees.is_empty() {
        next("出席者")
    } else {
        next("出席者・欠席者")
    });
    doc.table(people_table(&m.attendees, &m.absentees));
    if !m.handout_files.is_empty() {
        doc.subheading(next("配布資料（ファイル）"));
        doc.table(handout_table(&m.handout_files));
    }
    doc.subheading(next("議題"));
    let mut agenda = BulletList::numbered(m.agenda.iter().cloned()).indent(3.7);
    agenda.style = body();
    doc.bullet_list(agenda);
    doc.subheading(next("議事内容"));
    if m.discussion.is_empty() {
        doc.paragraph("特になし");
    }
    for p in &m.discussion {
        let text = if p.starts_with('　') || p.starts_with('・') || p.starts_with('（') {
            p.clone()
        } else {
            format!("　{p}")
        };
        doc.paragraph_with(
            Paragraph::new(text)
                .style(body())
                .indent(3.7)
                .space_after(0.8),
        );
    }
    doc.subheading(next("決定事項"));
    if m.decisions.is_empty() {
        doc.paragraph_with(Paragraph::new("特になし").indent(3.7));
    } else {
        let mut list = BulletList::numbered(m.decisions.iter().cloned()).indent(3.7);
        list.style = body();
        doc.bullet_list(list);
    }
    doc.subheading(next("宿題（課題管理表に登録）"));
    if m.action_items.is_empty() {
        doc.paragraph_with(Paragraph::new("なし").indent(3.7));
    } else {
        let mut t = Table::new(vec![
            Column::fixed("No.", 11.0).align(Align::Center),
            Column::flex("内容", 1.0),
            Column::fixed("担当", 38.0),
            Column::fixed("期限", 30.0).align(Align::Center),
        ])
        .size(9.0);
        for (i, a) in m.action_items.iter().enumerate() {
            t.row([
                (i + 1).to_string(),
                a.content.clone(),
                a.owner.clone(),
                a.due.map(date_plain).unwrap_or_else(|| "未定".into()),
            ]);
        }
        doc.table(t);
    }
    doc.subheading(next("次回予定"));
    doc.paragraph_with(
        Paragraph::new(m.next_meeting.clone().unwrap_or_else(|| "未定".into())).indent(3.7),
    );
    doc.spacer(2.0);
    doc.paragraph_with(Paragraph::new("以上").style(TextStyle::body().align(Align::Right)));
    doc
}

/// The minutes as PDF bytes.
pub fn render_minutes(m: &MinutesDoc) -> Result<Vec<u8>, DocError> {
    minutes_document(m).render()
}

/// 1 → １, 12 → １２.
pub(crate) fn fullwidth(n: usize) -> String {
    n.to_string()
        .chars()
        .map(|c| match c.to_digit(10) {
            Some(d) => char::from_u32(0xFF10 + d).unwrap_or(c),
            None => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::size_ja;

    #[test]
    fn sizes_read_in_bytes_kb_and_mb() {
        assert_eq!(size_ja(812), "812バイト");
        assert_eq!(size_ja(1024), "1.0KB");
        assert_eq!(size_ja(36_045), "35.2KB");
        assert_eq!(size_ja(1_468_006), "1.4MB");
    }
}
