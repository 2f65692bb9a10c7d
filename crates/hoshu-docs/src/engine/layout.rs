//! Layout: turns the blocks of a [`Document`] into positioned drawing items, page by page.
//!
//! Coordinates here are millimetres from the top-left corner of the page, y downwards. The
//! running header and footer are not part of this pass: they need the page total, so
//! `render` adds them once the number of pages is known.

mod drawing;
mod table;

use table::key_value_table;

use super::error::DocError;
use super::fonts::{FontFace, MM_PER_PT, check_coverage, normalise};
use super::linebreak::break_lines;
use super::model::{
    Align, Block, BulletList, Color, Column, ColumnWidth, Document, Drawing, Heading, KeyValues,
    Marker, Paragraph, Shape, Stroke, Table, TextStyle,
};

/// Height of the ideographic em box above the baseline, as a fraction of the font size.
const ASCENT: f32 = 0.88;
const EPS: f32 = 0.01;
/// A heading keeps at most this much of what follows it on its page.
const KEEP_WITH_NEXT_MAX_MM: f32 = 60.0;
/// Cell padding.
const PAD_X: f32 = 1.6;
const PAD_Y: f32 = 1.0;
/// Line pitch inside table cells, as a multiple of the font size.
const CELL_LINE_HEIGHT: f32 = 1.35;

/// Something to draw, in page millimetres (y downwards).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Draw {
    Text {
        x: f32,
        baseline: f32,
        face: FontFace,
        size_pt: f32,
        color: Color,
        text: String,
    },
    Line {
        points: Vec<(f32, f32)>,
        stroke: Stroke,
    },
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        stroke: Option<Stroke>,
        fill: Option<Color>,
    },
    /// A filled closed polygon (arrowheads).
    Polygon {
        points: Vec<(f32, f32)>,
        fill: Color,
    },
}

/// The laid-out body of every page.
#[derive(Debug)]
pub(crate) struct LaidOut {
    pub(crate) pages: Vec<Vec<Draw>>,
}

/// A wrapped line and its width.
type Line = (String, f32);

pub(crate) fn layout(doc: &Document) -> Result<LaidOut, DocError> {
    let (pw, ph) = doc.page.size_mm();
    let m = doc.margins;
    let width = pw - m.left - m.right;
    let height = ph - m.top - m.bottom;
    let valid = [m.top, m.right, m.bottom, m.left]
        .iter()
        .all(|v| v.is_finite() && *v >= 0.0);
    if !valid || width < 30.0 || height < 30.0 {
        return Err(DocError::InvalidLayout(format!(
            "余白が大きすぎるか負の値です（本文 {width:.1}mm × {height:.1}mm）"
        )));
    }
    check_coverage(FontFace::Mincho, &normalise(&doc.title), || {
        "ヘッダー（文書名）".into()
    })?;
    if let Some(note) = &doc.header_note {
        check_coverage(FontFace::Mincho, &normalise(note), || {
            "ヘッダー（右側）".into()
        })?;
    }
    if let Some(mark) = &doc.draft_mark {
        check_coverage(FontFace::GothicBold, &normalise(mark), || {
            "ヘッダー（案の表示）".into()
        })?;
    }

    let mut l = Layouter {
        pages: vec![Vec::new()],
        y: m.top,
        top: m.top,
        bottom: ph - m.bottom,
        left: m.left,
        width,
    };
    for (i, block) in doc.blocks.iter().enumerate() {
        let loc = format!("{}番目の要素（{}）", i + 1, block.kind());
        match block {
            Block::Title(text) => l.title(text, &loc)?,
            Block::Heading(h) => {
                // Keep the heading on the page of the start of what follows it; a drawing
                // cannot split, so a heading keeps the whole of it.
                let keep = match doc.blocks.get(i + 1) {
                    Some(next) => {
                        let next_loc = format!("{}番目の要素（{}）", i + 2, next.kind());
                        let lead = l.lead_height(next, &next_loc)?;
                        if matches!(next, Block::Drawing(_)) {
                            lead
                        } else {
                            lead.min(KEEP_WITH_NEXT_MAX_MM)
                        }
                    }
                    None => 0.0,
                };
                l.heading(h, keep, &loc)?
            }
            Block::Paragraph(p) => l.paragraph(p, &loc)?,
            Block::Bullets(b) => l.bullets(b, &loc)?,
            Block::KeyValues(kv) => l.key_values(kv, &loc)?,
            Block::Table(t) => l.table(t, &loc)?,
            Block::Drawing(d) => l.drawing(d, &loc)?,
            Block::Spacer(mm) => {
                if !l.at_top() && mm.is_finite() && *mm > 0.0 {
                    l.y += mm;
                }
            }
            Block::PageBreak => {
                if !l.at_top() {
                    l.new_page();
                }
            }
        }
    }
    // A page break at the very end leaves an empty page behind.
    while l.pages.len() > 1 && l.pages.last().is_some_and(Vec::is_empty) {
        l.pages.pop();
    }
    Ok(LaidOut { pages: l.pages })
}

fn check_style(style: &TextStyle, loc: &str) -> Result<(), DocError> {
    let ok = |v: f32| v.is_finite() && v > 0.0;
    if ok(style.size_pt) && ok(style.line_height) && style.size_pt <= 200.0 {
        Ok(())
    } else {
        Err(DocError::InvalidLayout(format!(
            "{loc}の文字サイズまたは行送りが不正です"
        )))
    }
}

fn line_pitch(style: &TextStyle) -> f32 {
    style.size_pt * MM_PER_PT * style.line_height
}

/// Normalises, checks coverage and wraps `text` to `width` millimetres.
fn wrap(
    style: &TextStyle,
    text: &str,
    width: f32,
    loc: impl FnOnce() -> String,
) -> Result<Vec<Line>, DocError> {
    let text = normalise(text);
    check_coverage(style.face, &text, loc)?;
    let face = style.face.face()?;
    let size = style.size_pt;
    Ok(break_lines(&text, width, |c| face.advance_mm(c, size))
        .into_iter()
        .map(|l| {
            let w = face.width_mm(&l, size);
            (l, w)
        })
        .collect())
}

/// One line of text in a box `x .. x + width` whose line slot starts at `top`.
fn text_item(
    x: f32,
    width: f32,
    top: f32,
    pitch: f32,
    style: &TextStyle,
    line: Line,
) -> Option<Draw> {
    let (text, w) = line;
    if text.is_empty() {
        return None;
    }
    let size_mm = style.size_pt * MM_PER_PT;
    let baseline = top + (pitch - size_mm) / 2.0 + ASCENT * size_mm;
    let x = match style.align {
        Align::Left => x,
        Align::Center => x + (width - w) / 2.0,
        Align::Right => x + width - w,
    };
    Some(Draw::Text {
        x,
        baseline,
        face: style.face,
        size_pt: style.size_pt,
        color: style.color,
        text,
    })
}

struct Layouter {
    pages: Vec<Vec<Draw>>,
    /// Cursor: top of the next thing to place.
    y: f32,
    top: f32,
    bottom: f32,
    left: f32,
    width: f32,
}

impl Layouter {
    fn at_top(&self) -> bool {
        self.y <= self.top + EPS
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.y = self.top;
    }

    /// Starts a new page unless `h` fits below the cursor (or the page is still empty).
    fn fit(&mut self, h: f32) {
        if self.y + h > self.bottom + EPS && !self.at_top() {
            self.new_page();
        }
    }

    fn push(&mut self, d: Draw) {
        if let Some(page) = self.pages.last_mut() {
            page.push(d);
        }
    }

    fn push_opt(&mut self, d: Option<Draw>) {
        if let Some(d) = d {
            self.push(d);
        }
    }

    /// Places wrapped lines in the column `x .. x + width`, breaking pages between lines.
    /// Sets a paragraph's lines, breaking pages so that neither its first line stays alone at
    /// the foot of a page nor its last line alone at the head of the next.
    fn lines(&mut self, x: f32, width: f32, style: &TextStyle, lines: Vec<Line>) {
        let pitch = line_pitch(style);
        let mut left = lines.len();
        let mut lines = lines.into_iter();
        while left > 0 {
            let room = ((self.bottom + EPS - self.y) / pitch).floor().max(0.0) as usize;
            let mut take = lines_before_break(left, room);
            if take == 0 {
                if !self.at_top() {
                    self.new_page();
                    continue;
                }
                // A page too short for two lines: set what fits rather than loop.
                take = room.clamp(1, left);
            }
            for line in lines.by_ref().take(take) {
                let item = text_item(x, width, self.y, pitch, style, line);
                self.push_opt(item);
                self.y += pitch;
            }
            left -= take;
            if left > 0 {
                self.new_page();
            }
        }
    }

    fn title(&mut self, text: &str, loc: &str) -> Result<(), DocError> {
        let style = TextStyle::new(FontFace::GothicBold, 16.0)
            .line_height(1.4)
            .align(Align::Center);
        let lines = wrap(&style, text, self.width, || loc.to_owned())?;
        let h = lines.len() as f32 * line_pitch(&style);
        self.fit(h);
        self.lines(self.left, self.width, &style, lines);
        self.y += 5.0;
        Ok(())
    }

    /// Height of the part of `block` that must not be separated from a heading above it:
    /// two lines of text, a table's header and first row, a whole figure.
    fn lead_height(&self, block: &Block, loc: &str) -> Result<f32, DocError> {
        Ok(match block {
            Block::Title(_) | Block::Heading(_) => 0.0,
            Block::Paragraph(p) => 2.0 * line_pitch(&p.style),
            Block::Bullets(b) => 2.0 * line_pitch(&b.style),
            Block::KeyValues(kv) => {
                let t = key_value_table(kv);
                self.table_lead(&t, loc)?
            }
            Block::Table(t) => self.table_lead(t, loc)?,
            Block::Drawing(d) => d.height_mm + 1.5,
            Block::Spacer(_) | Block::PageBreak => 0.0,
        })
    }

    fn heading(&mut self, h: &Heading, keep: f32, loc: &str) -> Result<(), DocError> {
        let (style, indent, before) = match h.level {
            1 => (
                TextStyle::new(FontFace::GothicBold, 12.0).line_height(1.5),
                0.0,
                3.0,
            ),
            l => (
                TextStyle::new(FontFace::GothicBold, 10.5).line_height(1.6),
                f32::from(l - 2) * 10.5 * MM_PER_PT,
                1.5,
            ),
        };
        if !self.at_top() {
            self.y += before;
        }
        let width = self.width - indent;
        let lines = wrap(&style, &h.text, width, || loc.to_owned())?;
        let height = lines.len() as f32 * line_pitch(&style);
        self.fit(height + keep);
        self.lines(self.left + indent, width, &style, lines);
        self.y += 0.5;
        Ok(())
    }

    fn paragraph(&mut self, p: &Paragraph, loc: &str) -> Result<(), DocError> {
        check_style(&p.style, loc)?;
        let indent = p.indent_mm.clamp(0.0, self.width - 10.0);
        let width = self.width - indent;
        let lines = wrap(&p.style, &p.text, width, || loc.to_owned())?;
        self.lines(self.left + indent, width, &p.style, lines);
        if p.space_after_mm.is_finite() && p.space_after_mm > 0.0 {
            self.y += p.space_after_mm;
        }
        Ok(())
    }

    fn bullets(&mut self, b: &BulletList, loc: &str) -> Result<(), DocError> {
        check_style(&b.style, loc)?;
        let style = b.style.align(Align::Left);
        let face = style.face.face()?;
        let mut markers = Vec::with_capacity(b.items.len());
        for k in 0..b.items.len() {
            let m = normalise(&b.marker.text(k));
            check_coverage(style.face, &m, || format!("{loc}の{}項目めの記号", k + 1))?;
            let w = face.width_mm(&m, style.size_pt);
            markers.push((m, w));
        }
        let gap = match b.marker {
            Marker::Numbered => 0.5 * style.size_pt * MM_PER_PT,
            Marker::Symbol(_) => 0.0,
        };
        let marker_w = markers.iter().map(|m| m.1).fold(0.0, f32::max) + gap;
        let indent = b.indent_mm.clamp(0.0, self.width / 2.0);
        let text_x = self.left + indent + marker_w;
        let width = self.width - indent - marker_w;
        let pitch = line_pitch(&style);
        for (k, (item, marker)) in b.items.iter().zip(markers).enumerate() {
            let lines = wrap(&style, item, width, || format!("{loc}の{}項目め", k + 1))?;
            let mut marker = Some(marker);
            for line in lines {
                self.fit(pitch);
                if let Some(m) = marker.take() {
                    let item = text_item(self.left + indent, marker_w, self.y, pitch, &style, m);
                    self.push_opt(item);
                }
                let item = text_item(text_x, width, self.y, pitch, &style, line);
                self.push_opt(item);
                self.y += pitch;
            }
        }
        self.y += 1.5;
        Ok(())
    }

    fn key_values(&mut self, kv: &KeyValues, loc: &str) -> Result<(), DocError> {
        let table = key_value_table(kv);
        self.table(&table, loc)
    }
}

/// How many of a paragraph's `left` lines go on this page when `room` of them fit: all when
/// they fit; otherwise at least two, and never leaving a single line for the next page (no
/// orphan, no widow). 0 moves the paragraph on to the next page.
pub(crate) fn lines_before_break(left: usize, room: usize) -> usize {
    if room >= left {
        return left;
    }
    let take = room.min(left.saturating_sub(2));
    if take < 2 { 0 } else { take }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::PageSize;
    use chrono::NaiveDate;

    fn doc() -> Document {
        let t = NaiveDate::from_ymd_opt(2025, 4, 1)
            .and_then(|d| d.and_hms_opt(9, 0, 0))
            .unwrap_or_default();
        Document::new("試験", PageSize::A4Portrait, t)
    }

    /// Texts of each page.
    fn texts(doc: &Document) -> Vec<Vec<String>> {
        layout(doc)
            .unwrap()
            .pages
            .into_iter()
            .map(|p| {
                p.into_iter()
                    .filter_map(|d| match d {
                        Draw::Text { text, .. } => Some(text),
                        _ => None,
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn flex_columns_share_what_fixed_columns_leave() {
        let d = doc();
        let l = Layouter {
            pages: vec![Vec::new()],
            y: 20.0,
            top: 20.0,
            bottom: 277.0,
            left: 25.0,
            width: 165.0,
        };
        let g = l
            .grid(
                &[
                    Column::fixed("a", 15.0),
                    Column::flex("b", 1.0),
                    Column::flex("c", 2.0),
                ],
                "表",
            )
            .unwrap();
        assert_eq!(g.widths, [15.0, 50.0, 100.0]);
        assert_eq!(g.xs, [25.0, 40.0, 90.0, 190.0]);
        assert!((d.content_width_mm() - 165.0).abs() < 1e-4);
    }

    #[test]
    fn header_row_repeats_and_rows_stay_whole() {
        let mut d = doc();
        let mut t = Table::new(vec![Column::fixed("番号", 20.0), Column::flex("内容", 1.0)]);
        for i in 0..200 {
            t.row([format!("{i}"), "行の内容\n二行目".to_owned()]);
        }
        d.table(t);
        let pages = texts(&d);
        assert!(pages.len() > 3);
        for p in &pages {
            assert_eq!(p.iter().filter(|t| *t == "番号").count(), 1);
            // Every row's two lines are on the same page as its number.
            let numbers = p.iter().filter(|t| t.parse::<u32>().is_ok()).count();
            assert_eq!(p.iter().filter(|t| *t == "行の内容").count(), numbers);
            assert_eq!(p.iter().filter(|t| *t == "二行目").count(), numbers);
        }
        let total: usize = pages
            .iter()
            .map(|p| p.iter().filter(|t| t.parse::<u32>().is_ok()).count())
            .sum();
        assert_eq!(total, 200);
    }

    #[test]
    fn heading_moves_to_the_next_page_with_the_table_it_introduces() {
        let mut d = doc();
        // Fill most of the first page.
        for _ in 0..30 {
            d.paragraph("本文の行です。");
        }
        d.heading("２．決定事項");
        let tall = "一\n二\n三\n四\n五\n六\n七\n八";
        d.table(Table::new(vec![Column::flex("決定事項", 1.0)]).with_row([tall]));
        let pages = texts(&d);
        assert_eq!(pages.len(), 2, "{pages:?}");
        assert!(pages[1].contains(&"２．決定事項".to_owned()), "{pages:?}");
        assert!(pages[1].contains(&"決定事項".to_owned()));
    }

    #[test]
    fn no_line_of_a_paragraph_stays_alone_at_a_page_break() {
        // (lines left, lines that fit) → lines set on this page
        for (left, room, take) in [
            (5, 9, 5),
            (5, 5, 5),
            (5, 4, 3),
            (5, 3, 3),
            (5, 2, 2),
            (5, 1, 0),
            (2, 1, 0),
            (3, 2, 0),
            (4, 3, 2),
            (40, 39, 38),
            (1, 0, 0),
        ] {
            assert_eq!(
                lines_before_break(left, room),
                take,
                "{left} lines, room for {room}"
            );
        }
        // A long paragraph after more and more filler: wherever the page breaks, each page
        // holds none or at least two of its lines.
        let long =
            "市の担当課と受託者は毎月の定例会議で運用状況を確認し、課題の対応状況を共有する。"
                .repeat(6);
        let mut split = 0;
        for filler in 30..70 {
            let mut d = doc();
            for _ in 0..filler {
                d.paragraph("埋め草の行です。");
            }
            d.paragraph(long.clone());
            let pages = texts(&d);
            let per_page: Vec<usize> = pages
                .iter()
                .map(|p| p.iter().filter(|t| !t.contains("埋め草")).count())
                .collect();
            assert!(per_page.iter().all(|&n| n != 1), "{filler}: {per_page:?}");
            if per_page.iter().filter(|&&n| n > 0).count() > 1 {
                split += 1;
            }
        }
        assert!(split > 0, "no case split the paragraph across pages");
    }

    #[test]
    fn trailing_page_break_and_spacers_leave_no_blank_page() {
        let mut d = doc();
        d.paragraph("一頁目").page_break().page_break().spacer(10.0);
        assert_eq!(layout(&d).unwrap().pages.len(), 1);
        d.paragraph("二頁目");
        assert_eq!(
            texts(&d),
            [vec!["一頁目".to_owned()], vec!["二頁目".to_owned()]]
        );
    }

    #[test]
    fn alignment_uses_measured_widths() {
        let style = TextStyle::body().align(Align::Right);
        let w = FontFace::Mincho.face().unwrap().width_mm("以上", 10.5);
        let Some(Draw::Text { x, .. }) =
            text_item(25.0, 160.0, 0.0, 5.0, &style, ("以上".into(), w))
        else {
            panic!("no text");
        };
        assert!((x + w - 185.0).abs() < 1e-4);
        assert!((w - 2.0 * 10.5 * MM_PER_PT).abs() < 1e-4);
    }
}
