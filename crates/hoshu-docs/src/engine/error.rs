//! Errors of the document engine. Messages are in Japanese: they reach the desk staff.

/// Why a document could not be produced.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum DocError {
    /// A character the font has no glyph for. It is never drawn as an empty box: the document
    /// is refused and the character and its place are named instead.
    #[error(
        "文字「{ch}」(U+{code:04X}) は{font}に含まれていないため出力できません（場所: {location}）"
    )]
    MissingGlyph {
        ch: char,
        code: u32,
        font: &'static str,
        location: String,
    },
    /// The font compiled into the program could not be read.
    #[error("フォント「{font}」を読み込めませんでした")]
    FontLoad { font: &'static str },
    /// A table row has a different number of cells than the table has columns.
    #[error("{location}のセル数が{found}で、列数{expected}と一致しません")]
    TableShape {
        location: String,
        expected: usize,
        found: usize,
    },
    /// The fixed column widths of a table do not fit between the margins.
    #[error("{location}の列幅の合計（{total:.1}mm）が本文の幅（{available:.1}mm）を超えています")]
    TableTooWide {
        location: String,
        total: f32,
        available: f32,
    },
    /// A block that cannot be split (a figure) is taller than the text area of a page.
    #[error(
        "{location}の高さ（{height:.1}mm）が1ページの本文の高さ（{available:.1}mm）を超えています"
    )]
    TooTall {
        location: String,
        height: f32,
        available: f32,
    },
    /// Sizes that make no sense (zero or negative widths, font sizes, margins too large).
    #[error("レイアウトの指定が不正です: {0}")]
    InvalidLayout(String),
    /// The PDF writer failed.
    #[error("PDFの書き出しに失敗しました: {0}")]
    Pdf(String),
}
