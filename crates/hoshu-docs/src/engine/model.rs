//! The document model the templates fill: a page format, metadata and a list of blocks.
//!
//! All lengths are millimetres, font sizes points. Nothing here touches PDF: [`Document::render`]
//! lays the blocks out (see `layout`) and only then writes the file (see `render`).

use chrono::NaiveDateTime;

mod drawing;
mod table;

pub use drawing::{Drawing, Shape};
pub use table::{Column, ColumnWidth, Table};

use super::error::DocError;
use super::fonts::FontFace;

/// Paper size and orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageSize {
    /// A4 portrait, 210 × 297 mm: the default for deliverables.
    A4Portrait,
    /// A4 landscape, 297 × 210 mm: registers and wide tables.
    A4Landscape,
    /// A3 portrait, 297 × 420 mm.
    A3Portrait,
    /// A3 landscape, 420 × 297 mm: where A4 would make the text too small.
    A3Landscape,
}

impl PageSize {
    /// Width and height in millimetres.
    pub fn size_mm(self) -> (f32, f32) {
        match self {
            PageSize::A4Portrait => (210.0, 297.0),
            PageSize::A4Landscape => (297.0, 210.0),
            PageSize::A3Portrait => (297.0, 420.0),
            PageSize::A3Landscape => (420.0, 297.0),
        }
    }
}

/// Page margins in millimetres. The running header and footer sit inside the top and bottom
/// margins.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Margins {
    pub top: f32,
    pub right: f32,
    pub bottom: f32,
    pub left: f32,
}

impl Default for Margins {
    /// 20 mm all round, 25 mm on the left for binding.
    fn default() -> Self {
        Margins {
            top: 20.0,
            right: 20.0,
            bottom: 20.0,
            left: 25.0,
        }
    }
}

/// Horizontal alignment of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Align {
    #[default]
    Left,
    Center,
    Right,
}

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Color {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Color {
    pub const BLACK: Color = Color::gray(0);
    pub const WHITE: Color = Color::gray(255);
    /// Running header and footer text.
    pub const DARK_GRAY: Color = Color::gray(64);
    /// Rules and secondary lines.
    pub const MID_GRAY: Color = Color::gray(140);
    /// Table header background.
    pub const HEADER_FILL: Color = Color::gray(222);
    /// Background of emphasised (label) cells.
    pub const LABEL_FILL: Color = Color::gray(240);

    pub const fn rgb(r: u8, g: u8, b: u8) -> Color {
        Color { r, g, b }
    }

    pub const fn gray(v: u8) -> Color {
        Color { r: v, g: v, b: v }
    }
}

/// How a line is stroked.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stroke {
    pub width_pt: f32,
    pub color: Color,
    pub dashed: bool,
}

impl Stroke {
    /// 0.5 pt black: table rules and box outlines.
    pub const THIN: Stroke = Stroke::new(0.5, Color::BLACK);
    /// 1.0 pt black: arrows and emphasised outlines.
    pub const MEDIUM: Stroke = Stroke::new(1.0, Color::BLACK);

    pub const fn new(width_pt: f32, color: Color) -> Stroke {
        Stroke {
            width_pt,
            color,
            dashed: false,
        }
    }

    pub const fn dashed(self) -> Stroke {
        Stroke {
            dashed: true,
            ..self
        }
    }
}

/// Face, size, leading and alignment of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TextStyle {
    pub face: FontFace,
    pub size_pt: f32,
    /// Line pitch as a multiple of the font size.
    pub line_height: f32,
    pub align: Align,
    pub color: Color,
}

impl TextStyle {
    pub const fn new(face: FontFace, size_pt: f32) -> TextStyle {
        TextStyle {
            face,
            size_pt,
            line_height: 1.5,
            align: Align::Left,
            color: Color::BLACK,
        }
    }

    /// Body text: Mincho 10.5 pt, the usual size of Japanese official documents.
    pub const fn body() -> TextStyle {
        TextStyle::new(FontFace::Mincho, 10.5).line_height(1.6)
    }

    /// Labels in figures and tables: Gothic Bold.
    pub const fn label(size_pt: f32) -> TextStyle {
        TextStyle::new(FontFace::GothicBold, size_pt).line_height(1.3)
    }

    pub const fn align(self, align: Align) -> TextStyle {
        TextStyle { align, ..self }
    }

    pub const fn line_height(self, line_height: f32) -> TextStyle {
        TextStyle {
            line_height,
            ..self
        }
    }

    pub const fn size(self, size_pt: f32) -> TextStyle {
        TextStyle { size_pt, ..self }
    }

    pub const fn color(self, color: Color) -> TextStyle {
        TextStyle { color, ..self }
    }
}

/// A paragraph of wrapped text. `\n` starts a new line; a leading `　` indents as usual.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub text: String,
    pub style: TextStyle,
    /// Left indent of every line.
    pub indent_mm: f32,
    pub space_after_mm: f32,
}

impl Paragraph {
    pub fn new(text: impl Into<String>) -> Paragraph {
        Paragraph {
            text: text.into(),
            style: TextStyle::body(),
            indent_mm: 0.0,
            space_after_mm: 1.5,
        }
    }

    pub fn style(mut self, style: TextStyle) -> Paragraph {
        self.style = style;
        self
    }

    pub fn indent(mut self, mm: f32) -> Paragraph {
        self.indent_mm = mm;
        self
    }

    pub fn space_after(mut self, mm: f32) -> Paragraph {
        self.space_after_mm = mm;
        self
    }
}

/// A section heading in Gothic Bold. Level 1 is 12 pt, level 2 and deeper 10.5 pt (indented
/// by one character per level below 2). Numbering (１．, (1)) is part of the text.
#[derive(Debug, Clone, PartialEq)]
pub struct Heading {
    pub text: String,
    pub level: u8,
}

/// What precedes each item of a [`BulletList`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Marker {
    /// The same symbol before every item (`・`, `○`, `※`).
    Symbol(String),
    /// `(1)`, `(2)`, … followed by a half-character gap.
    Numbered,
}

impl Marker {
    /// The marker of item `k` (0-based).
    pub(crate) fn text(&self, k: usize) -> String {
        match self {
            Marker::Symbol(s) => s.clone(),
            Marker::Numbered => format!("({})", k + 1),
        }
    }
}

/// A bulleted or numbered list with hanging indent.
#[derive(Debug, Clone, PartialEq)]
pub struct BulletList {
    pub items: Vec<String>,
    /// `・` by default.
    pub marker: Marker,
    pub style: TextStyle,
    pub indent_mm: f32,
}

impl BulletList {
    pub fn new<S: Into<String>>(items: impl IntoIterator<Item = S>) -> BulletList {
        BulletList {
            items: items.into_iter().map(Into::into).collect(),
            marker: Marker::Symbol("・".into()),
            style: TextStyle::body(),
            indent_mm: 0.0,
        }
    }

    /// A list numbered `(1)`, `(2)`, ….
    pub fn numbered<S: Into<String>>(items: impl IntoIterator<Item = S>) -> BulletList {
        BulletList {
            marker: Marker::Numbered,
            ..BulletList::new(items)
        }
    }

    pub fn marker(mut self, symbol: impl Into<String>) -> BulletList {
        self.marker = Marker::Symbol(symbol.into());
        self
    }

    pub fn indent(mut self, mm: f32) -> BulletList {
        self.indent_mm = mm;
        self
    }
}

/// Labelled fields (会議名, 日時, 場所 …) set as a ruled two-column form: shaded labels left,
/// wrapped values right.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyValues {
    pub rows: Vec<(String, String)>,
    pub key_width_mm: f32,
    pub size_pt: f32,
}

impl KeyValues {
    pub fn new<K: Into<String>, V: Into<String>>(rows: impl IntoIterator<Item = (K, V)>) -> Self {
        KeyValues {
            rows: rows
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
            key_width_mm: 30.0,
            size_pt: 10.5,
        }
    }

    pub fn key_width(mut self, mm: f32) -> KeyValues {
        self.key_width_mm = mm;
        self
    }
}

/// One element of the document flow.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Block {
    /// The document's title line: Gothic Bold 16 pt, centred.
    Title(String),
    Heading(Heading),
    Paragraph(Paragraph),
    Bullets(BulletList),
    KeyValues(KeyValues),
    Table(Table),
    Drawing(Drawing),
    /// Vertical space in millimetres (dropped at the top of a page).
    Spacer(f32),
    PageBreak,
}

impl Block {
    /// What the block is called in messages.
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Block::Title(_) => "表題",
            Block::Heading(_) => "見出し",
            Block::Paragraph(_) => "段落",
            Block::Bullets(_) => "箇条書き",
            Block::KeyValues(_) => "項目一覧",
            Block::Table(_) => "表",
            Block::Drawing(_) => "図",
            Block::Spacer(_) => "余白",
            Block::PageBreak => "改ページ",
        }
    }
}

/// A document: metadata, page format and the blocks in reading order.
///
/// ```
/// use chrono::NaiveDate;
/// use hoshu_docs::engine::{Column, Document, PageSize, Table};
///
/// let created = NaiveDate::from_ymd_opt(2025, 4, 1).unwrap().and_hms_opt(10, 0, 0).unwrap();
/// let mut doc = Document::new("打合せ議事録", PageSize::A4Portrait, created);
/// doc.title("打合せ議事録").heading("１．議題").paragraph("障害対応の状況について報告した。");
/// let table = Table::new(vec![Column::fixed("No.", 12.0), Column::flex("内容", 1.0)])
///     .with_row(["1", "夜間バッチの遅延"]);
/// doc.table(table);
/// let pdf = doc.render().unwrap();
/// assert!(pdf.starts_with(b"%PDF"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub(crate) title: String,
    pub(crate) page: PageSize,
    pub(crate) created: NaiveDateTime,
    pub(crate) modified: NaiveDateTime,
    pub(crate) margins: Margins,
    pub(crate) header_note: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) subject: Option<String>,
    pub(crate) draft_mark: Option<String>,
    pub(crate) letter: bool,
    pub(crate) blocks: Vec<Block>,
}

impl Document {
    /// A new, empty document. `title` goes into the PDF metadata and the running header;
    /// `created` (Japan time) becomes the creation and modification date: the engine never
    /// reads the clock, so the same input gives the same bytes.
    pub fn new(title: impl Into<String>, page: PageSize, created: NaiveDateTime) -> Document {
        Document {
            title: title.into(),
            page,
            created,
            modified: created,
            margins: Margins::default(),
            header_note: None,
            author: None,
            subject: None,
            draft_mark: None,
            letter: false,
            blocks: Vec::new(),
        }
    }

    pub fn title_text(&self) -> &str {
        &self.title
    }

    pub fn page_size(&self) -> PageSize {
        self.page
    }

    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// Width of the text area between the margins, in millimetres (what a [`Drawing`] or a
    /// table with flexible columns spans).
    pub fn content_width_mm(&self) -> f32 {
        let (w, _) = self.page.size_mm();
        w - self.margins.left - self.margins.right
    }

    /// Height of the text area of one page, in millimetres.
    pub fn content_height_mm(&self) -> f32 {
        let (_, h) = self.page.size_mm();
        h - self.margins.top - self.margins.bottom
    }

    /// Modification date (Japan time) when it differs from the creation date.
    pub fn set_modified(&mut self, modified: NaiveDateTime) -> &mut Document {
        self.modified = modified;
        self
    }

    pub fn set_margins(&mut self, margins: Margins) -> &mut Document {
        self.margins = margins;
        self
    }

    /// Text at the right of the running header (e.g. the contractor's name or a version).
    pub fn set_header_note(&mut self, note: impl Into<String>) -> &mut Document {
        self.header_note = Some(note.into());
        self
    }

    /// PDF metadata: author.
    pub fn set_author(&mut self, author: impl Into<String>) -> &mut Document {
        self.author = Some(author.into());
        self
    }

    /// PDF metadata: subject.
    pub fn set_subject(&mut self, subject: impl Into<String>) -> &mut Document {
        self.subject = Some(subject.into());
        self
    }

    /// A boxed mark at the right of every page's running header: 「案」 on minutes the city
    /// has not approved, so no page of a draft passes for the final text.
    pub fn set_draft_mark(&mut self, mark: impl Into<String>) -> &mut Document {
        self.draft_mark = Some(mark.into());
        self
    }

    /// A letter-like form: when it fits on one page it carries no running header and no page
    /// number, as a 届 handed to the city does not; a longer one keeps both.
    pub fn set_letter(&mut self) -> &mut Document {
        self.letter = true;
        self
    }

    /// Appends any block.
    pub fn push(&mut self, block: Block) -> &mut Document {
        self.blocks.push(block);
        self
    }

    /// The centred title line at the top of the first page.
    pub fn title(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::Title(text.into()))
    }

    /// A level-1 heading.
    pub fn heading(&mut self, text: impl Into<String>) -> &mut Document {
        self.heading_level(1, text)
    }

    /// A level-2 heading.
    pub fn subheading(&mut self, text: impl Into<String>) -> &mut Document {
        self.heading_level(2, text)
    }

    pub fn heading_level(&mut self, level: u8, text: impl Into<String>) -> &mut Document {
        self.push(Block::Heading(Heading {
            text: text.into(),
            level: level.max(1),
        }))
    }

    /// A body-text paragraph.
    pub fn paragraph(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::Paragraph(Paragraph::new(text)))
    }

    /// A paragraph with explicit settings.
    pub fn paragraph_with(&mut self, paragraph: Paragraph) -> &mut Document {
        self.push(Block::Paragraph(paragraph))
    }

    /// A right-aligned body line (dates, sender): `令和7年4月1日`.
    pub fn right_aligned(&mut self, text: impl Into<String>) -> &mut Document {
        self.push(Block::Paragraph(
            Paragraph::new(text)
                .style(TextStyle::body().align(Align::Right))
                .space_after(0.0),
        ))
    }

    pub fn bullets<S: Into<String>>(&mut self, items: impl IntoIterator<Item = S>) -> &mut Self {
        self.push(Block::Bullets(BulletList::new(items)))
    }

    /// A list numbered `(1)`, `(2)`, ….
    pub fn numbered<S: Into<String>>(&mut self, items: impl IntoIterator<Item = S>) -> &mut Self {
        self.push(Block::Bullets(BulletList::numbered(items)))
    }

    pub fn bullet_list(&mut self, list: BulletList) -> &mut Document {
        self.push(Block::Bullets(list))
    }

    pub fn key_values(&mut self, kv: KeyValues) -> &mut Document {
        self.push(Block::KeyValues(kv))
    }

    pub fn table(&mut self, table: Table) -> &mut Document {
        self.push(Block::Table(table))
    }

    pub fn drawing(&mut self, drawing: Drawing) -> &mut Document {
        self.push(Block::Drawing(drawing))
    }

    pub fn spacer(&mut self, mm: f32) -> &mut Document {
        self.push(Block::Spacer(mm))
    }

    pub fn page_break(&mut self) -> &mut Document {
        self.push(Block::PageBreak)
    }

    /// Number of pages the document lays out to.
    pub fn page_count(&self) -> Result<usize, DocError> {
        Ok(super::layout::layout(self)?.pages.len())
    }

    /// Lays the document out and writes it as PDF bytes.
    pub fn render(&self) -> Result<Vec<u8>, DocError> {
        Ok(self.render_pdf()?.bytes)
    }

    /// Lays the document out and writes it, with the number of pages the layout made.
    pub fn render_pdf(&self) -> Result<Pdf, DocError> {
        let laid_out = super::layout::layout(self)?;
        Ok(Pdf {
            pages: laid_out.pages.len(),
            bytes: super::render::write_pdf(self, &laid_out)?,
        })
    }
}

/// A rendered PDF and its page count.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
}
