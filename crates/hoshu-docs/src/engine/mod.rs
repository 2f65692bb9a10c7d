//! The document engine: a small layout engine over printpdf for A4/A3 Japanese documents.
//!
//! Templates build a [`Document`] (title, page size, creation date) and append blocks —
//! headings, paragraphs, bullet lists, key/value forms, tables, drawings — then call
//! [`Document::render`] for the PDF bytes. Layout uses the embedded fonts' real advance widths
//! ([`FontFace`]), Japanese line breaking with kinsoku ([`break_lines`]), tables that split
//! across pages with their header repeated, and a running header and `n / N` footer. Text the
//! fonts cannot draw is refused with [`DocError::MissingGlyph`]; output is byte-identical for
//! the same input, and PDF/A-1b (XMP identification, sRGB output intent).

mod cmap;
mod error;
mod fonts;
mod layout;
mod linebreak;
mod model;
mod pdfa;
mod render;

pub use error::DocError;
pub use fonts::{FontFace, MM_PER_PT, text_width_mm};
pub use linebreak::{break_lines, is_no_end, is_no_start};
pub use model::{
    Align, Block, BulletList, Color, Column, ColumnWidth, Document, Drawing, Heading, KeyValues,
    Margins, Marker, PageSize, Paragraph, Pdf, Shape, Stroke, Table, TextStyle,
};
