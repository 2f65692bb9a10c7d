//! 課題管理表 and 業務日程表 as .xlsx (Excel 2019): title row, styled header, column widths,
//! wrapped text, frozen header, landscape print setup fitted to one page wide with the header
//! rows repeated, dates as real Excel dates in 和暦.

use rust_xlsxwriter::{
    DocProperties, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

use crate::templates::{
    BusinessScheduleDoc, RegisterDoc, RegisterPaper, SCHEDULE_COLUMNS, register::REGISTER_COLUMNS,
};

/// Why the workbook could not be written.
#[derive(Debug, thiserror::Error)]
#[error("Excelファイルの書き出しに失敗しました: {0}")]
pub struct XlsxExportError(#[from] XlsxError);

/// Row of the column titles (0-based); data starts on the next row.
pub const HEADER_ROW: u32 = 2;

/// Column widths in Excel character units, by column.
const WIDTHS: [f64; 12] = [
    6.0, 13.0, 12.0, 9.0, 28.0, 40.0, 7.0, 12.0, 13.0, 9.0, 40.0, 13.0,
];

/// Japanese era date format (令和8年4月10日).
pub const DATE_FORMAT: &str = "[$-411]ggge\"年\"m\"月\"d\"日\"";

/// Writes `text` as a text cell. A cell a spreadsheet would run as a formula once someone
/// edits it (`=HYPERLINK(...)`, `+`, `-`, `@`) gets Excel's quote prefix: it shows exactly as
/// typed and stays text, with the record's own characters unchanged.
pub(crate) fn write_text(
    ws: &mut Worksheet,
    row: u32,
    col: u16,
    text: &str,
    format: &Format,
) -> Result<(), XlsxError> {
    if hoshu_core::export::would_run_as_formula(text) {
        ws.write_string_with_format(row, col, text, &format.clone().set_quote_prefix())?;
    } else {
        ws.write_string_with_format(row, col, text, format)?;
    }
    Ok(())
}

/// The register as .xlsx bytes. The workbook's creation time is the register's, so the same
/// rows give the same file.
pub fn register_xlsx(r: &RegisterDoc) -> Result<Vec<u8>, XlsxExportError> {
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title("課題管理表")
            .set_author(&r.author)
            .set_subject(&r.header_note)
            .set_creation_datetime(&r.created_at),
    );
    let font = "BIZ UDゴシック";
    let base = Format::new().set_font_name(font).set_font_size(10);
    let cell = base
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let centred = cell.clone().set_align(FormatAlign::Center);
    let date = centred.clone().set_num_format(DATE_FORMAT);
    let header = base
        .clone()
        .set_bold()
        .set_background_color(0xD9E1F2)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_text_wrap();
    let title = base.clone().set_bold().set_font_size(16);
    let note = base.clone().set_align(FormatAlign::Right);

    let ws = wb.add_worksheet();
    ws.set_name("課題管理表")?;
    let last_col = (REGISTER_COLUMNS.len() - 1) as u16;
    ws.write_string_with_format(0, 0, "課題管理表", &title)?;
    ws.set_row_height(0, 24)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &format!(
            "{}　{}時点　全{}件　作成者　{}",
            r.header_note,
            crate::templates::date_plain(r.as_of),
            r.rows.len(),
            r.author
        ),
        &note,
    )?;
    for (c, (name, w)) in REGISTER_COLUMNS.iter().zip(WIDTHS).enumerate() {
        ws.write_string_with_format(HEADER_ROW, c as u16, *name, &header)?;
        ws.set_column_width(c as u16, w)?;
    }
    ws.set_row_height(HEADER_ROW, 20)?;
    for (i, row) in r.rows.iter().enumerate() {
        let y = HEADER_ROW + 1 + i as u32;
        ws.write_number_with_format(y, 0, f64::from(row.no), &centred)?;
        ws.write_datetime_with_format(y, 1, row.raised_on, &date)?;
        write_text(ws, y, 2, &row.raised_by, &cell)?;
        write_text(ws, y, 3, &row.category, &centred)?;
        write_text(ws, y, 4, &row.title, &cell)?;
        write_text(ws, y, 5, &row.detail, &cell)?;
        write_text(ws, y, 6, &row.priority, &centred)?;
        write_text(ws, y, 7, &row.owner, &cell)?;
        match row.due {
            Some(d) => ws.write_datetime_with_format(y, 8, d, &date)?,
            None => ws.write_blank(y, 8, &date)?,
        };
        write_text(ws, y, 9, &row.status, &centred)?;
        write_text(ws, y, 10, &row.progress, &cell)?;
        match row.completed_on {
            Some(d) => ws.write_datetime_with_format(y, 11, d, &date)?,
            None => ws.write_blank(y, 11, &date)?,
        };
    }
    let last_row = HEADER_ROW + r.rows.len() as u32;
    ws.autofilter(HEADER_ROW, 0, last_row.max(HEADER_ROW), last_col)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 0)?;
    // Paper: 9 = A4, 8 = A3.
    ws.set_paper_size(match r.paper {
        RegisterPaper::A4 => 9,
        RegisterPaper::A3 => 8,
    });
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_center_horizontally(true);
    ws.set_margins(0.4, 0.4, 0.6, 0.5, 0.3, 0.3);
    ws.set_header("&L課題管理表&R&D");
    ws.set_footer("&C&P / &N");
    Ok(wb.save_to_buffer()?)
}

/// Excel's format for a day of the schedule: 1日(金).
const DAY_FORMAT: &str = "[$-411]d\"日\"(aaa)";

/// 業務日程表 as .xlsx: the same title (with （案） until approved), status line and columns as
/// the PDF, one row per day, A3 landscape when printed.
pub fn business_schedule_xlsx(s: &BusinessScheduleDoc) -> Result<Vec<u8>, XlsxExportError> {
    let title_text = s.title();
    let mut wb = Workbook::new();
    wb.set_properties(
        &DocProperties::new()
            .set_title(&title_text)
            .set_author(&s.author)
            .set_subject(&s.header_note)
            .set_creation_datetime(&s.created_at),
    );
    let base = Format::new()
        .set_font_name("BIZ UDゴシック")
        .set_font_size(9);
    let cell = base
        .clone()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin);
    let day = cell
        .clone()
        .set_align(FormatAlign::Center)
        .set_num_format(DAY_FORMAT);
    // Closed days shaded, as on a wall calendar.
    let closed = cell.clone().set_background_color(0xF2F2F2);
    let closed_day = day.clone().set_background_color(0xF2F2F2);
    let header = base
        .clone()
        .set_bold()
        .set_background_color(0xD9E1F2)
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center);
    let ws = wb.add_worksheet();
    ws.set_name("業務日程表")?;
    let last_col = SCHEDULE_COLUMNS.len() as u16;
    ws.write_string_with_format(
        0,
        0,
        &title_text,
        &base.clone().set_bold().set_font_size(16),
    )?;
    let mut line = format!("第{}版　{}", s.edition, s.status);
    if let Some(approval) = &s.approval {
        line.push_str(&format!("　{approval}"));
    }
    line.push_str(&format!("　作成者　{}", s.author));
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        &line,
        &base.clone().set_align(FormatAlign::Right),
    )?;
    ws.write_string_with_format(HEADER_ROW, 0, "日付", &header)?;
    ws.set_column_width(0, 9)?;
    for (c, name) in SCHEDULE_COLUMNS.iter().enumerate() {
        let x = c as u16 + 1;
        ws.write_string_with_format(HEADER_ROW, x, *name, &header)?;
        ws.set_column_width(x, if matches!(c, 3 | 6) { 34 } else { 22 })?;
    }
    for (i, d) in s.days.iter().enumerate() {
        let y = HEADER_ROW + 1 + i as u32;
        let (text, date) = if d.open {
            (&cell, &day)
        } else {
            (&closed, &closed_day)
        };
        ws.write_datetime_with_format(y, 0, d.date, date)?;
        for (c, value) in d.cells.iter().enumerate() {
            write_text(ws, y, c as u16 + 1, value, text)?;
        }
    }
    ws.set_freeze_panes(HEADER_ROW + 1, 1)?;
    ws.set_paper_size(8);
    ws.set_landscape();
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_header("&L業務日程表&R&D");
    ws.set_footer("&C&P / &N");
    Ok(wb.save_to_buffer()?)
}
