//! A list as it was on screen, as .xlsx: the filtered rows of a list screen in its column
//! order, with a title, a line saying what was filtered, a frozen header with an autofilter and
//! dates as real Excel dates in 和暦.

use chrono::{DateTime, Utc};
use hoshu_core::calendar::tokyo;
use rust_xlsxwriter::{DocProperties, Format, FormatBorder, Workbook};

use crate::xlsx::{HEADER_ROW, XlsxExportError, write_text};

/// Excel's format for a date and time in 和暦 (令和8年4月10日 9:05).
const DATE_TIME_FORMAT: &str = "[$-411]ggge\"年\"m\"月\"d\"日\" h:mm";

/// One column: its caption and width in Excel character units.
#[derive(Debug, Clone)]
pub struct ListColumn {
    pub caption: &'static str,
    pub width: f64,
}

/// One cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub enum ListCell {
    Text(String),
    Number(i64),
    /// Written in Tokyo time.
    Time(DateTime<Utc>),
    Empty,
}

/// What the sheet holds: `title` (also the sheet's name), `conditions` (what was filtered, in
/// words), the columns and the rows.
#[derive(Debug, Clone)]
pub struct ListSheet {
    pub title: String,
    pub conditions: String,
    pub author: String,
    /// When the list was read; also the workbook's creation time, so the same rows give the
    /// same file.
    pub as_of: DateTime<Utc>,
    pub columns: Vec<ListColumn>,
    pub rows: Vec<Vec<ListCell>>,
}

/// The list as .xlsx bytes. Row [`HEADER_ROW`] holds the captions; data starts below it.
pub fn list_xlsx(sheet: &ListSheet) -> Result<Vec<u8>, XlsxExportError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&sheet.title)
            .set_author(&sheet.author)
            .set_creation_datetime(&tokyo(sheet.as_of).naive_local()),
    );
    let base = Format::new()
        .set_font_name("BIZ UDゴシック")
        .set_font_size(10);
    let cell = base.clone().set_border(FormatBorder::Thin);
    let date_time = cell.clone().set_num_format(DATE_TIME_FORMAT);
    let header = cell.clone().set_bold().set_background_color(0xD9E1F2);
    let title = base.clone().set_bold().set_font_size(14);

    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&sheet.title))?;
    ws.write_string_with_format(0, 0, &sheet.title, &title)?;
    write_text(
        ws,
        1,
        0,
        &format!(
            "{}　{}件　{}時点　出力者 {}",
            sheet.conditions,
            sheet.rows.len(),
            hoshu_core::wareki::datetime_long(sheet.as_of),
            sheet.author
        ),
        &base,
    )?;
    for (c, column) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, column.caption, &header)?;
        ws.set_column_width(c as u16, column.width)?;
    }
    for (i, row) in sheet.rows.iter().enumerate() {
        let y = HEADER_ROW + 1 + i as u32;
        for (c, value) in row.iter().enumerate() {
            let x = c as u16;
            match value {
                ListCell::Text(text) => write_text(ws, y, x, text, &cell)?,
                ListCell::Number(n) => {
                    ws.write_number_with_format(y, x, *n as f64, &cell)?;
                }
                ListCell::Time(at) => {
                    ws.write_datetime_with_format(y, x, tokyo(*at).naive_local(), &date_time)?;
                }
                ListCell::Empty => {
                    ws.write_blank(y, x, &cell)?;
                }
            }
        }
    }
    let last_col = sheet.columns.len().saturating_sub(1) as u16;
    ws.autofilter(
        HEADER_ROW,
        0,
        HEADER_ROW + sheet.rows.len() as u32,
        last_col,
    )?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    Ok(wb.save_to_buffer()?)
}

/// Excel refuses sheet names over 31 characters or with `[]:*?/\`.
fn sheet_name(title: &str) -> String {
    title
        .chars()
        .filter(|c| !"[]:*?/\\".contains(*c))
        .take(31)
        .collect()
}
