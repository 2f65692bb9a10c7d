//! Writing: adds the running header and footer (the page total is known now), turns the
//! laid-out items into printpdf operations and serialises the file deterministically.
//!
//! Determinism: font resource names (and so the subset tags) are fixed, the creation and
//! modification dates come from the document, and the trailer `/ID` is derived from the title
//! and dates instead of printpdf's process-wide counter. Two renders of the same document are
//! byte-identical. `pdfa` then makes the file PDF/A-1b.

use std::collections::BTreeSet;

use lopdf::{Object, StringFormat};
use printpdf::{
    Codepoint, Color as PdfColor, FontId, Line, LineDashPattern, LinePoint, Mm, Op, PaintMode,
    PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfParseErrorSeverity, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rect, Rgb, TextItem, TextMatrix, WindingOrder,
};
use sha2::{Digest, Sha256};

use super::error::DocError;
use super::fonts::{FontFace, MM_PER_PT, normalise};
use super::layout::{Draw, LaidOut};
use super::model::{Color, Document, Stroke};

pub(crate) fn write_pdf(doc: &Document, laid: &LaidOut) -> Result<Vec<u8>, DocError> {
    let (pw, ph) = doc.page.size_mm();
    let total = laid.pages.len();
    let mut used = BTreeSet::new();
    let mut pages = Vec::with_capacity(total);
    for (i, body) in laid.pages.iter().enumerate() {
        let decoration = running_header_footer(doc, i + 1, total)?;
        let mut w = OpWriter::new(ph);
        for d in body.iter().chain(decoration.iter()) {
            w.draw(d, &mut used);
        }
        pages.push(PdfPage::new(Mm(pw), Mm(ph), w.ops));
    }

    let mut pdf = PdfDocument::new(&doc.title);
    pdf.pages = pages;
    for face in used {
        let parsed = face.face()?.parsed.clone();
        pdf.resources.fonts.map.insert(
            FontId(face.resource_name().to_owned()),
            PdfFont::new(parsed),
        );
    }
    let opts = PdfSaveOptions {
        optimize: true,
        subset_fonts: true,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::to_lopdf_doc(&pdf, &opts, &mut warnings);
    if let Some(w) = warnings
        .iter()
        .find(|w| w.severity == PdfParseErrorSeverity::Error)
    {
        return Err(DocError::Pdf(w.msg.clone()));
    }
    set_id(&mut lo, doc);
    lo.compress();
    // After compressing: the metadata stream stays plain (PDF/A).
    super::pdfa::make_archival(&mut lo, doc)?;
    let mut out = Vec::new();
    lo.save_to(&mut out)
        .map_err(|e| DocError::Pdf(e.to_string()))?;
    Ok(out)
}

/// The running header (title left, note right, a hairline under them) and the `n / N`
/// footer for page `n` of `total`.
fn running_header_footer(doc: &Document, n: usize, total: usize) -> Result<Vec<Draw>, DocError> {
    let (pw, ph) = doc.page.size_mm();
    let m = doc.margins;
    let (left, right) = (m.left, pw - m.right);
    let width = right - left;
    let mut out = Vec::new();
    if doc.letter && total == 1 {
        return Ok(out);
    }

    let size = 8.0;
    let face = FontFace::Mincho.face()?;
    let header_base = (m.top - 6.0).max(size * MM_PER_PT);
    // The draft mark takes the right end of the header; the note moves left of it.
    let mark_w = match &doc.draft_mark {
        Some(mark) => {
            let mark = normalise(mark);
            let mark_size = 13.0;
            let bold = FontFace::GothicBold.face()?;
            let w = bold.width_mm(&mark, mark_size) + 5.0;
            let h = mark_size * MM_PER_PT + 2.6;
            let top = (header_base + 1.0 - h).max(1.0);
            out.push(Draw::Rect {
                x: right - w,
                y: top,
                w,
                h,
                stroke: Some(Stroke::new(1.0, Color::BLACK)),
                fill: None,
            });
            out.push(Draw::Text {
                x: right - w + 2.5,
                baseline: top + 1.3 + mark_size * MM_PER_PT * 0.88,
                face: FontFace::GothicBold,
                size_pt: mark_size,
                color: Color::BLACK,
                text: mark,
            });
            w + 3.0
        }
        None => 0.0,
    };
    let right = right - mark_w;
    let note = doc
        .header_note
        .as_deref()
        .map(normalise)
        .unwrap_or_default();
    let note_w = face.width_mm(&note, size);
    let title = ellipsis(
        &normalise(&doc.title),
        (width - mark_w - note_w - 5.0).max(width * 0.4),
        |s| face.width_mm(s, size),
    );
    if !title.is_empty() {
        out.push(text(left, header_base, size, &title));
    }
    if !note.is_empty() {
        out.push(text(right - note_w, header_base, size, &note));
    }
    if m.top >= 8.0 {
        out.push(Draw::Line {
            points: vec![
                (left, header_base + 1.5),
                (right + mark_w, header_base + 1.5),
            ],
            stroke: Stroke::new(0.3, Color::MID_GRAY),
        });
    }

    let size = 9.0;
    let folio = format!("{n} / {total}");
    let folio_w = face.width_mm(&folio, size);
    let footer_base = ph - (m.bottom / 2.0).max(5.0) + size * MM_PER_PT * 0.3;
    out.push(text(
        left + (width - folio_w) / 2.0,
        footer_base,
        size,
        &folio,
    ));
    Ok(out)
}

fn text(x: f32, baseline: f32, size_pt: f32, s: &str) -> Draw {
    Draw::Text {
        x,
        baseline,
        face: FontFace::Mincho,
        size_pt,
        color: Color::DARK_GRAY,
        text: s.to_owned(),
    }
}

/// `s` cut to `max` wide with a trailing `…` when it is wider.
fn ellipsis(s: &str, max: f32, width: impl Fn(&str) -> f32) -> String {
    if width(s) <= max {
        return s.to_owned();
    }
    let mut out: String = s.to_owned();
    while !out.is_empty() && width(&format!("{out}…")) > max {
        out.pop();
    }
    format!("{out}…")
}

fn pt(mm: f32) -> Pt {
    Pt(mm / MM_PER_PT)
}

fn pdf_color(c: Color) -> PdfColor {
    PdfColor::Rgb(Rgb {
        r: f32::from(c.r) / 255.0,
        g: f32::from(c.g) / 255.0,
        b: f32::from(c.b) / 255.0,
        icc_profile: None,
    })
}

/// Converts drawing items to operations, skipping state changes that are already in effect.
struct OpWriter {
    page_h: f32,
    ops: Vec<Op>,
    fill: Option<Color>,
    stroke: Option<(Color, u32, bool)>,
}

impl OpWriter {
    fn new(page_h: f32) -> OpWriter {
        OpWriter {
            page_h,
            ops: Vec::new(),
            fill: None,
            stroke: None,
        }
    }

    fn point(&self, (x, y): (f32, f32)) -> Point {
        Point {
            x: pt(x),
            y: pt(self.page_h - y),
        }
    }

    fn set_fill(&mut self, c: Color) {
        if self.fill != Some(c) {
            self.ops.push(Op::SetFillColor { col: pdf_color(c) });
            self.fill = Some(c);
        }
    }

    fn set_stroke(&mut self, s: Stroke) {
        let key = (s.color, s.width_pt.to_bits(), s.dashed);
        if self.stroke == Some(key) {
            return;
        }
        let previous = self.stroke;
        if previous.map(|p| p.0) != Some(s.color) {
            self.ops.push(Op::SetOutlineColor {
                col: pdf_color(s.color),
            });
        }
        if previous.map(|p| p.1) != Some(key.1) {
            self.ops
                .push(Op::SetOutlineThickness { pt: Pt(s.width_pt) });
        }
        if previous.map(|p| p.2) != Some(s.dashed) {
            let dash = if s.dashed {
                LineDashPattern::new(0.0, &[3.0 * s.width_pt.max(0.5), 2.0 * s.width_pt.max(0.5)])
            } else {
                LineDashPattern::solid()
            };
            self.ops.push(Op::SetLineDashPattern { dash });
        }
        self.stroke = Some(key);
    }

    fn draw(&mut self, d: &Draw, used: &mut BTreeSet<FontFace>) {
        match d {
            Draw::Text {
                x,
                baseline,
                face,
                size_pt,
                color,
                text,
            } => {
                used.insert(*face);
                self.set_fill(*color);
                // One text object per positioned string: the text matrix is absolute.
                self.ops.push(Op::StartTextSection);
                self.ops.push(Op::SetFont {
                    font: PdfFontHandle::External(FontId(face.resource_name().to_owned())),
                    size: Pt(*size_pt),
                });
                self.ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::Translate(pt(*x), pt(self.page_h - baseline)),
                });
                // Glyph ids from the face's own tables: given text, printpdf would look every
                // character up twice more by walking the font's cmap.
                let glyphs = face
                    .face()
                    .map(|f| {
                        text.chars()
                            .map(|c| Codepoint {
                                gid: f.glyph(c).unwrap_or(0),
                                offset: 0.0,
                                cid: Some(c.to_string()),
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                self.ops.push(Op::ShowText {
                    items: vec![TextItem::GlyphIds(glyphs)],
                });
                self.ops.push(Op::EndTextSection);
            }
            Draw::Line { points, stroke } => {
                self.set_stroke(*stroke);
                let points = points
                    .iter()
                    .map(|p| LinePoint {
                        p: self.point(*p),
                        bezier: false,
                    })
                    .collect();
                self.ops.push(Op::DrawLine {
                    line: Line {
                        points,
                        is_closed: false,
                    },
                });
            }
            Draw::Rect {
                x,
                y,
                w,
                h,
                stroke,
                fill,
            } => {
                let page_h = self.page_h;
                let rect = |mode| Rect {
                    x: pt(*x),
                    y: pt(page_h - y - h),
                    width: pt(*w),
                    height: pt(*h),
                    mode: Some(mode),
                    winding_order: None,
                };
                if let Some(fill) = fill {
                    let r = rect(PaintMode::Fill);
                    self.set_fill(*fill);
                    self.ops.push(Op::DrawRectangle { rectangle: r });
                }
                if let Some(stroke) = stroke {
                    let r = rect(PaintMode::Stroke);
                    self.set_stroke(*stroke);
                    self.ops.push(Op::DrawRectangle { rectangle: r });
                }
            }
            Draw::Polygon { points, fill } => {
                self.set_fill(*fill);
                let points = points
                    .iter()
                    .map(|p| LinePoint {
                        p: self.point(*p),
                        bezier: false,
                    })
                    .collect();
                self.ops.push(Op::DrawPolygon {
                    polygon: Polygon {
                        rings: vec![PolygonRing { points }],
                        mode: PaintMode::Fill,
                        winding_order: WindingOrder::NonZero,
                    },
                });
            }
        }
    }
}

/// First 16 bytes of SHA-256 over the parts, as a PDF byte string.
fn id_string(parts: &[&[u8]]) -> Object {
    let mut h = Sha256::new();
    for p in parts {
        h.update((p.len() as u64).to_be_bytes());
        h.update(p);
    }
    let digest = h.finalize();
    Object::String(digest[..16].to_vec(), StringFormat::Hexadecimal)
}

/// A trailer `/ID` that depends only on the document: the first part on title and creation
/// date (the document's identity), the second also on the modification date (this revision).
fn set_id(lo: &mut lopdf::Document, doc: &Document) {
    let created = doc.created.to_string();
    let modified = doc.modified.to_string();
    let permanent = id_string(&[doc.title.as_bytes(), created.as_bytes()]);
    let revision = id_string(&[
        doc.title.as_bytes(),
        created.as_bytes(),
        modified.as_bytes(),
    ]);
    lo.trailer
        .set("ID", Object::Array(vec![permanent, revision]));
}
