//! Tables and their columns.

use super::Align;

/// Width of a table column.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ColumnWidth {
    /// Exactly this many millimetres.
    Fixed(f32),
    /// A share of what the fixed columns leave of the text width, by weight.
    Flex(f32),
}

/// A table column: header text, width, alignment.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub width: ColumnWidth,
    pub align: Align,
    /// Label column: Gothic Bold on a light background.
    pub emphasis: bool,
}

impl Column {
    pub fn fixed(title: impl Into<String>, mm: f32) -> Column {
        Column {
            title: title.into(),
            width: ColumnWidth::Fixed(mm),
            align: Align::Left,
            emphasis: false,
        }
    }

    pub fn flex(title: impl Into<String>, weight: f32) -> Column {
        Column {
            title: title.into(),
            width: ColumnWidth::Flex(weight),
            align: Align::Left,
            emphasis: false,
        }
    }

    pub fn align(mut self, align: Align) -> Column {
        self.align = align;
        self
    }

    pub fn emphasised(mut self) -> Column {
        self.emphasis = true;
        self
    }
}

/// A ruled table. Cells wrap; a row moves to the next page whole (unless it alone is taller
/// than a page) and the header row is repeated at the top of every page the table reaches.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<String>>,
    /// Draw the column titles as a header row (repeated on each page).
    pub header: bool,
    pub size_pt: f32,
}

impl Table {
    pub fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
            header: true,
            size_pt: 9.0,
        }
    }

    /// Appends a row.
    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) -> &mut Table {
        self.rows.push(cells.into_iter().map(Into::into).collect());
        self
    }

    /// Appends a row, builder style.
    pub fn with_row<S: Into<String>>(mut self, cells: impl IntoIterator<Item = S>) -> Table {
        self.row(cells);
        self
    }

    pub fn size(mut self, size_pt: f32) -> Table {
        self.size_pt = size_pt;
        self
    }

    pub fn without_header(mut self) -> Table {
        self.header = false;
        self
    }
}
