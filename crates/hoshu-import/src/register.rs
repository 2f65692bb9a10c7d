//! The city's issue register 課題管理表 as kept in Excel (.xlsx, .xls), LibreOffice (.ods) or
//! CSV: title rows and merged title cells above the header, columns by their usual Japanese
//! names in any order, dates as real spreadsheet dates, 西暦 or 和暦 strings.

use crate::decode::decode_text;
use crate::mapping::{Directory, Kind, Mapping, Resolver};
use crate::redmine::RowProblems;
use crate::table::{Cell, Columns, Row, cell, csv_rows, data_rows, find_header};
use crate::{Parsed, Problem, dates};
use calamine::{Data, Reader, open_workbook_auto_from_rs};
use chrono::NaiveDate;
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Cursor;

/// One item as it will be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegisterDraft {
    /// Row of the sheet (1-based, as the spreadsheet shows it).
    pub row: usize,
    /// `No.12`: the number the file gave the item, how a second import recognises it.
    pub external_ref: String,
    pub item: IssueInput,
}

/// Where to read and who raised items the file does not name.
#[derive(Debug, Clone, Copy)]
pub struct RegisterSource<'a> {
    /// The file's name: its extension tells the format.
    pub file_name: &'a str,
    /// The sheet to read; the first one when `None`.
    pub sheet: Option<&'a str>,
    /// 起票者 for rows without one (the file may have no such column).
    pub raised_by: &'a str,
}

const NO: &[&str] = &["No.", "No", "番号", "管理番号"];
const RAISED_ON: &[&str] = &["起票日", "登録日"];
const RAISED_BY: &[&str] = &["起票者", "登録者"];
const CATEGORY: &[&str] = &["分類", "区分"];
const TITLE: &[&str] = &["タイトル", "件名", "課題"];
const CONTENT: &[&str] = &["内容", "課題内容", "詳細"];
const PRIORITY: &[&str] = &["優先度", "重要度"];
const OWNER: &[&str] = &["担当者", "担当"];
const DUE: &[&str] = &["期限", "期日", "対応期限"];
const STATUS: &[&str] = &["状態", "ステータス", "状況"];
const PROGRESS: &[&str] = &["対応内容", "対応内容・経過", "経過", "対応状況"];
const COMPLETED_ON: &[&str] = &["完了日", "対応完了日"];

/// The formats read, by extension.
pub const EXTENSIONS: &[&str] = &["xlsx", "xlsm", "xls", "ods", "csv"];

/// Reads a register. `dir` lists the offices and accounts, to recognise names.
pub fn parse(
    bytes: &[u8],
    source: RegisterSource<'_>,
    mapping: &Mapping,
    dir: &Directory,
) -> Parsed<RegisterDraft> {
    let mut resolver = Resolver::new(mapping, dir);
    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    match read_table(bytes, source) {
        Err(p) => problems.push(p),
        Ok(rows) => read_rows(&rows, source, &mut resolver, &mut drafts, &mut problems),
    }
    Parsed {
        drafts,
        problems,
        mapping: resolver.in_force,
    }
}

fn read_table(bytes: &[u8], source: RegisterSource<'_>) -> Result<Vec<Row>, Problem> {
    let extension = source
        .file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "csv" => csv_rows(&decode_text(bytes)?),
        "xlsx" | "xlsm" | "xls" | "ods" => sheet_rows(bytes, source.sheet),
        _ => Err(Problem::file(
            "ファイル",
            format!(
                "「{}」は読めない形式です（{} のいずれか）。",
                source.file_name,
                EXTENSIONS.join(", ")
            ),
        )),
    }
}

fn sheet_rows(bytes: &[u8], sheet: Option<&str>) -> Result<Vec<Row>, Problem> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        Problem::file(
            "ファイル",
            format!("表計算ファイルとして開けません（{e}）。"),
        )
    })?;
    let names = book.sheet_names();
    let name = match sheet {
        Some(s) if names.iter().any(|n| n == s) => s.to_owned(),
        Some(s) => {
            return Err(Problem::file(
                "シート",
                format!("シート「{s}」がありません（{}）。", names.join("、")),
            ));
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Problem::file("シート", "シートがありません。"))?,
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Problem::file("シート", format!("シート「{name}」を読めません（{e}）。")))?;
    let first_row = range.start().map_or(0, |(r, _)| r as usize);
    let first_col = range.start().map_or(0, |(_, c)| c as usize);
    Ok(range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            number: first_row + i + 1,
            cells: std::iter::repeat_n(Cell::Empty, first_col)
                .chain(cells.iter().map(sheet_cell))
                .collect(),
        })
        .collect())
}

fn sheet_cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Text(if *b { "TRUE" } else { "FALSE" }.into()),
        Data::DateTime(d) => d
            .as_datetime()
            .map_or_else(|| Cell::Text(d.to_string()), Cell::Date),
        Data::DateTimeIso(s) => {
            dates::parse_date_time(s).map_or_else(|| Cell::Text(s.clone()), Cell::Date)
        }
        Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(e.to_string()),
    }
}

fn read_rows(
    rows: &[Row],
    source: RegisterSource<'_>,
    resolver: &mut Resolver<'_>,
    drafts: &mut Vec<RegisterDraft>,
    problems: &mut Vec<Problem>,
) {
    let captions: Vec<&str> =
        [NO, RAISED_ON, TITLE, CONTENT, CATEGORY, STATUS, DUE, OWNER].concat();
    let Some(h) = find_header(rows, &captions, 3) else {
        problems.push(Problem::file(
            "見出し",
            "課題管理表の見出し行（No., 起票日, タイトル など）が見つかりません。",
        ));
        return;
    };
    let cols = Columns::new(&rows[h]);
    for (names, label) in [(NO, "No."), (RAISED_ON, "起票日"), (TITLE, "タイトル")] {
        if cols.find(names).is_none() {
            problems.push(Problem::file(
                label,
                format!("列「{label}」が見つかりません。"),
            ));
        }
    }
    if !problems.is_empty() {
        return;
    }
    let col = |names: &[&str]| cols.find(names);
    let (c_no, c_raised_on, c_raised_by, c_category, c_title, c_content) = (
        col(NO),
        col(RAISED_ON),
        col(RAISED_BY),
        col(CATEGORY),
        col(TITLE),
        col(CONTENT),
    );
    let (c_priority, c_owner, c_due, c_status, c_progress, c_completed) = (
        col(PRIORITY),
        col(OWNER),
        col(DUE),
        col(STATUS),
        col(PROGRESS),
        col(COMPLETED_ON),
    );
    let mut seen = BTreeSet::new();
    for row in data_rows(rows, h) {
        let mut p = RowProblems::of(row);
        let text = |c: Option<usize>| cell(row, c).text();
        let no = text(c_no);
        let external_ref = match no.parse::<u64>() {
            Ok(n) if n >= 1 && seen.insert(n) => format!("No.{n}"),
            Ok(n) if n >= 1 => {
                p.push("No.", format!("No.{n} がファイルの中で重複しています。"));
                String::new()
            }
            _ => {
                p.push("No.", format!("番号として読めません（\"{no}\"）"));
                String::new()
            }
        };
        let raised_on = date(&mut p, "起票日", cell(row, c_raised_on), true);
        let due = date(&mut p, "期限", cell(row, c_due), false);
        let completed_on = date(&mut p, "完了日", cell(row, c_completed), false);
        let category = match text(c_category) {
            v if v.is_empty() => Some(IssueCategory::Other),
            v => p
                .mapped(resolver, Kind::Category, "分類", &v)
                .and_then(|c| IssueCategory::from_code(&c)),
        };
        let priority = match text(c_priority) {
            v if v.is_empty() => Some(IssuePriority::Medium),
            v => p
                .mapped(resolver, Kind::Priority, "優先度", &v)
                .and_then(|c| IssuePriority::from_code(&c)),
        };
        let status = match text(c_status) {
            v if v.is_empty() => Some(if completed_on.is_some() {
                IssueStatus::Done
            } else {
                IssueStatus::Open
            }),
            v => p
                .mapped(resolver, Kind::RegisterStatus, "状態", &v)
                .and_then(|c| IssueStatus::from_code(&c)),
        };
        let raised_by = match text(c_raised_by) {
            v if v.is_empty() => source.raised_by.to_owned(),
            v => v,
        };
        let (Some(raised_on), Some(category), Some(priority), Some(status)) =
            (raised_on, category, priority, status)
        else {
            problems.extend(p.problems);
            continue;
        };
        let item = IssueInput {
            raised_on,
            raised_by,
            category,
            title: text(c_title),
            content: text(c_content),
            priority,
            owner: text(c_owner),
            due,
            status,
            progress: text(c_progress),
            completed_on,
            meeting_id: None,
            request_id: None,
        };
        if let Err(errors) = item.validate() {
            for e in errors.0 {
                p.push(e.label, e.message);
            }
        }
        if p.problems.is_empty() {
            drafts.push(RegisterDraft {
                row: row.number,
                external_ref,
                item,
            });
        } else {
            problems.extend(p.problems);
        }
    }
}

fn date(p: &mut RowProblems, field: &str, cell: &Cell, required: bool) -> Option<NaiveDate> {
    match cell {
        Cell::Date(d) => Some(d.date()),
        Cell::Empty => {
            if required {
                p.push(field, "値がありません。");
            }
            None
        }
        other => {
            let text = other.text();
            if text.is_empty() && !required {
                return None;
            }
            let parsed = dates::parse_date(&text);
            if parsed.is_none() {
                p.push(field, format!("日付として読めません（\"{text}\"）"));
            }
            parsed
        }
    }
}
