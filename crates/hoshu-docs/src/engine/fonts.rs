//! The two typefaces compiled into the binary: their advance widths and glyph coverage.
//!
//! Japanese municipal documents set body text in Mincho and titles, headings and labels in
//! Gothic, so the engine carries BIZ UD明朝 Regular and BIZ UDゴシック Bold (SIL OFL 1.1, see
//! `fonts/README.md`). Widths come from each font's own `hmtx` table; coverage from its `cmap`.

use std::sync::LazyLock;

use printpdf::ParsedFont;

use super::cmap::CharMap;
use super::error::DocError;

/// Millimetres per PostScript point.
pub const MM_PER_PT: f32 = 25.4 / 72.0;

static MINCHO_TTF: &[u8] = include_bytes!("../../fonts/BIZUDMincho-Regular.ttf");
static GOTHIC_BOLD_TTF: &[u8] = include_bytes!("../../fonts/BIZUDGothic-Bold.ttf");

static MINCHO: LazyLock<Option<Face>> = LazyLock::new(|| Face::parse(MINCHO_TTF));
static GOTHIC_BOLD: LazyLock<Option<Face>> = LazyLock::new(|| Face::parse(GOTHIC_BOLD_TTF));

/// A typeface available to documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FontFace {
    /// BIZ UD明朝 Regular: body text and table cells.
    Mincho,
    /// BIZ UDゴシック Bold: titles, headings, table headers and labels.
    GothicBold,
}

impl FontFace {
    /// Both faces, in a fixed order.
    pub const ALL: [FontFace; 2] = [FontFace::Mincho, FontFace::GothicBold];

    /// The name shown to users in messages.
    pub fn display_name(self) -> &'static str {
        match self {
            FontFace::Mincho => "BIZ UD明朝",
            FontFace::GothicBold => "BIZ UDゴシック Bold",
        }
    }

    /// The PDF resource name. Its first six letters also become the subset tag
    /// (`ABCDEF+FontName`), so it is exactly six upper-case letters and never changes between
    /// renders: that keeps output byte-identical.
    pub(crate) fn resource_name(self) -> &'static str {
        match self {
            FontFace::Mincho => "HDMINC",
            FontFace::GothicBold => "HDGOTB",
        }
    }

    /// The font file as compiled in.
    #[cfg(test)]
    pub(crate) fn font_bytes(self) -> &'static [u8] {
        match self {
            FontFace::Mincho => MINCHO_TTF,
            FontFace::GothicBold => GOTHIC_BOLD_TTF,
        }
    }

    /// The parsed font, or an error if the embedded file cannot be read.
    pub(crate) fn face(self) -> Result<&'static Face, DocError> {
        let face = match self {
            FontFace::Mincho => &*MINCHO,
            FontFace::GothicBold => &*GOTHIC_BOLD,
        };
        face.as_ref().ok_or(DocError::FontLoad {
            font: self.display_name(),
        })
    }
}

/// A parsed font with the figures the layout needs, looked up in tables made once.
#[derive(Debug)]
pub(crate) struct Face {
    pub(crate) parsed: ParsedFont,
    chars: CharMap,
    /// Advance width of each glyph in em.
    advances: Vec<f32>,
}

impl std::fmt::Debug for CharMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CharMap")
    }
}

impl Face {
    fn parse(bytes: &[u8]) -> Option<Face> {
        let mut warnings = Vec::new();
        let parsed = ParsedFont::from_bytes(bytes, 0, &mut warnings)?;
        let units_per_em = f32::from(parsed.font_metrics.units_per_em);
        if units_per_em <= 0.0 {
            return None;
        }
        let advances = (0..parsed.num_glyphs)
            .map(|gid| f32::from(parsed.get_horizontal_advance(gid)) / units_per_em)
            .collect();
        Some(Face {
            chars: CharMap::read(bytes)?,
            parsed,
            advances,
        })
    }

    /// The glyph for `ch`, if the font has one.
    pub(crate) fn glyph(&self, ch: char) -> Option<u16> {
        Some(self.chars.glyph(ch)).filter(|&gid| gid != 0)
    }

    /// Whether the font can draw `ch`.
    pub(crate) fn covers(&self, ch: char) -> bool {
        self.glyph(ch).is_some()
    }

    /// Advance width of `ch` in em (1.0 = the font size). Characters the font lacks measure
    /// 0; text is checked for coverage before it is laid out.
    pub(crate) fn advance_em(&self, ch: char) -> f32 {
        self.glyph(ch)
            .and_then(|gid| self.advances.get(usize::from(gid)))
            .copied()
            .unwrap_or(0.0)
    }

    /// Advance width of `ch` in millimetres at `size_pt`.
    pub(crate) fn advance_mm(&self, ch: char, size_pt: f32) -> f32 {
        self.advance_em(ch) * size_pt * MM_PER_PT
    }

    /// Width of `text` in millimetres at `size_pt` (no kerning: the UD faces are set solid).
    pub(crate) fn width_mm(&self, text: &str, size_pt: f32) -> f32 {
        text.chars().map(|c| self.advance_mm(c, size_pt)).sum()
    }
}

/// Width of `text` in millimetres when set in `face` at `size_pt`.
///
/// Fails with [`DocError::FontLoad`] only if the compiled-in font cannot be parsed.
pub fn text_width_mm(face: FontFace, text: &str, size_pt: f32) -> Result<f32, DocError> {
    Ok(face.face()?.width_mm(text, size_pt))
}

/// Characters that are not drawn but only modify the previous one (variation selectors).
/// They are dropped, so the font's default form of the base character is drawn.
pub(crate) fn is_ignorable(ch: char) -> bool {
    matches!(ch, '\u{FE00}'..='\u{FE0F}' | '\u{E0100}'..='\u{E01EF}' | '\r' | '\u{200B}')
}

/// Normalises text for layout: CRLF becomes LF, tabs become spaces, variation selectors and
/// zero-width spaces are dropped.
pub(crate) fn normalise(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_ignorable(c))
        .map(|c| if c == '\t' { ' ' } else { c })
        .collect()
}

/// Checks that `face` can draw every character of (normalised) `text`; `location` describes
/// where the text sits, for the error message.
pub(crate) fn check_coverage(
    face: FontFace,
    text: &str,
    location: impl FnOnce() -> String,
) -> Result<(), DocError> {
    let f = face.face()?;
    match text.chars().find(|&c| c != '\n' && !f.covers(c)) {
        None => Ok(()),
        Some(ch) => Err(DocError::MissingGlyph {
            ch,
            code: u32::from(ch),
            font: face.display_name(),
            location: location(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_faces_parse() {
        for face in FontFace::ALL {
            assert!(face.face().is_ok(), "{face:?}");
        }
    }

    #[test]
    fn full_width_is_one_em_and_ascii_is_half() {
        for face in FontFace::ALL {
            let f = face.face().unwrap();
            for c in ['あ', '漢', '、', 'ア', '（'] {
                assert!((f.advance_em(c) - 1.0).abs() < 1e-6, "{face:?} {c}");
            }
            for c in ['A', 'm', '1', ' '] {
                assert!((f.advance_em(c) - 0.5).abs() < 1e-6, "{face:?} {c}");
            }
        }
    }

    #[test]
    fn width_in_mm_follows_the_point_size() {
        // Ten full-width characters at 10.5 pt: 105 pt = 37.04 mm.
        let w = text_width_mm(FontFace::Mincho, "保守運用業務の議事録です", 10.5).unwrap();
        assert!((w - 12.0 * 10.5 * MM_PER_PT).abs() < 1e-3, "{w}");
        let w = text_width_mm(FontFace::GothicBold, "SLA 99.5%", 10.0).unwrap();
        assert!((w - 9.0 * 0.5 * 10.0 * MM_PER_PT).abs() < 1e-3, "{w}");
    }

    #[test]
    fn coverage_reports_the_character_and_place() {
        assert!(check_coverage(FontFace::Mincho, "令和７年度　運用保守", String::new).is_ok());
        let err = check_coverage(FontFace::Mincho, "表示😀です", || "段落".into()).unwrap_err();
        match err {
            DocError::MissingGlyph {
                ch, code, location, ..
            } => {
                assert_eq!(ch, '😀');
                assert_eq!(code, 0x1F600);
                assert_eq!(location, "段落");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn normalise_drops_selectors_and_expands_tabs() {
        assert_eq!(normalise("葛\u{E0100}城\r\nA\tB"), "葛城\nA B");
    }
}
