//! A file as rows of cells, whatever it came from, and its columns found by caption.

use crate::Problem;
use chrono::NaiveDateTime;
use unicode_normalization::UnicodeNormalization;

/// One cell: spreadsheets give dates and numbers, CSV gives text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDateTime),
}

impl Cell {
    /// The cell as a person reads it (for titles, names, codes).
    pub(crate) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.format("%Y/%m/%d %H:%M").to_string(),
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(t) => t.trim().is_empty(),
            _ => false,
        }
    }
}

/// A row with the number people see for it (the spreadsheet's row, or the line where a CSV
/// record starts).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub(crate) number: usize,
    pub(crate) cells: Vec<Cell>,
}

/// The rows of a CSV text; fields may be quoted and span lines.
pub(crate) fn csv_rows(text: &str) -> Result<Vec<Row>, Problem> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    // The line a record starts on, counted here: after a CR-LF the reader places the next
    // record on the LF, and counts lines differently.
    let bytes = text.as_bytes();
    let line_of = |byte: u64| {
        let mut start = usize::try_from(byte).unwrap_or(usize::MAX).min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        bytes[..start].iter().filter(|b| **b == b'\n').count() + 1
    };
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => rows.push(Row {
                number: line_of(record.position().map_or(start, |p| p.byte())),
                cells: record
                    .iter()
                    .map(|f| {
                        if f.trim().is_empty() {
                            Cell::Empty
                        } else {
                            Cell::Text(f.to_owned())
                        }
                    })
                    .collect(),
            }),
            Err(e) => {
                return Err(Problem::at(
                    line_of(e.position().map_or(start, |p| p.byte())),
                    "CSV",
                    "CSV として読めません（引用符の閉じ忘れなど）。",
                ));
            }
        }
    }
    Ok(rows)
}

/// A caption as compared: NFKC, lower case, no spaces (`Ｎｏ．` and `No.` are one caption).
pub(crate) fn caption_key(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// The header row: the first of the first rows that holds at least `enough` of the captions
/// in `known` (title rows and merged title cells above it are skipped).
pub(crate) fn find_header(rows: &[Row], known: &[&str], enough: usize) -> Option<usize> {
    let known: Vec<String> = known.iter().map(|k| caption_key(k)).collect();
    rows.iter().take(30).position(|row| {
        row.cells
            .iter()
            .filter(|c| known.contains(&caption_key(&c.text())))
            .count()
            >= enough
    })
}

/// The header row (see [`find_header`], at least 3 of `required`) and its columns, or the
/// problems of the file: no header row (`none` says what was looked for), or each required
/// caption missing from it.
pub(crate) fn required_columns(
    rows: &[Row],
    required: &[&str],
    none: &str,
) -> Result<(usize, Columns), Vec<Problem>> {
    let Some(h) = find_header(rows, required, 3) else {
        return Err(vec![Problem::file("見出し", none)]);
    };
    let cols = Columns::new(&rows[h]);
    let missing: Vec<Problem> = required
        .iter()
        .filter(|c| cols.find(&[c]).is_none())
        .map(|c| Problem::file(c, format!("列「{c}」が見つかりません。")))
        .collect();
    if missing.is_empty() {
        Ok((h, cols))
    } else {
        Err(missing)
    }
}

/// The columns of a header row, by caption.
pub(crate) struct Columns {
    captions: Vec<String>,
}

impl Columns {
    pub(crate) fn new(header: &Row) -> Columns {
        Columns {
            captions: header
                .cells
                .iter()
                .map(|c| caption_key(&c.text()))
                .collect(),
        }
    }

    /// The index of the first column whose caption is one of `names` (in their order).
    pub(crate) fn find(&self, names: &[&str]) -> Option<usize> {
        names.iter().find_map(|n| {
            let key = caption_key(n);
            self.captions.iter().position(|c| *c == key)
        })
    }

    /// Every caption with its index, for columns the desk has no field for.
    pub(crate) fn all(&self) -> impl Iterator<Item = (usize, &str)> {
        self.captions
            .iter()
            .enumerate()
            .map(|(i, c)| (i, c.as_str()))
    }
}

/// The rows below the header row `header` that hold anything: blank lines between entries
/// are nobody's mistake.
pub(crate) fn data_rows(rows: &[Row], header: usize) -> impl Iterator<Item = &Row> {
    rows[header + 1..]
        .iter()
        .filter(|r| !r.cells.iter().all(Cell::is_empty))
}

pub(crate) fn cell(row: &Row, index: Option<usize>) -> &Cell {
    index.and_then(|i| row.cells.get(i)).unwrap_or(&Cell::Empty)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_fields_span_lines_and_rows_keep_their_first_line() {
        let rows = csv_rows("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n").unwrap();
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[1].cells[1], Cell::Text("x\r\ny".into()));
        assert_eq!(rows[1].number, 2);
        assert_eq!(rows[2].number, 4);
    }

    #[test]
    fn the_header_is_found_below_title_rows() {
        let rows =
            csv_rows("課題管理表,,\n令和7年度,,\nＮｏ．,タイトル,起票日\n1,a,2025/4/1\n").unwrap();
        assert_eq!(
            find_header(&rows, &["No.", "タイトル", "起票日"], 2),
            Some(2)
        );
        let cols = Columns::new(&rows[2]);
        assert_eq!(cols.find(&["件名", "タイトル"]), Some(1));
        assert_eq!(cols.find(&["no."]), Some(0));
    }
}
