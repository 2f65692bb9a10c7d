//! The Redmine issue CSV export (チケット一覧 → CSV) as Japanese installations write it: CP932
//! (Redmine ≤ 5.1, and the bare `/issues.csv` URL) or UTF-8 with a byte-order mark (Redmine ≥ 6),
//! captions in Japanese, dates `2025/04/03` and times `2025/04/03 11:32`, quoted multi-line
//! descriptions and notes.
//!
//! Each issue becomes a request: the Redmine `#` is kept as its external reference, the
//! original filing and closing times are kept (marked as imported when written), the latest
//! note becomes a comment, the priority (優先度) becomes the request's urgency through the
//! mapping, and what the desk has no field for (start and due dates, custom fields) is written
//! at the end of the body so nothing is lost.

use crate::decode::decode_text;
use crate::mapping::{Directory, Kind, Mapping, Resolver};
use crate::table::{Row, caption_key, cell, csv_rows, data_rows, required_columns};
use crate::{Parsed, Problem, dates};
use chrono::{DateTime, Utc};
use hoshu_core::Role;
use hoshu_core::calendar::tokyo_to_utc;
use hoshu_core::request::{NewRequest, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{RequestDetails, Urgency};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One issue as it will be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestDraft {
    /// Row of the file (the line where the record starts).
    pub row: usize,
    /// `redmine#123`: how a second import recognises the request.
    pub external_ref: String,
    pub kind: RequestKind,
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub body: String,
    pub status: RequestStatus,
    /// Redmine's 優先度, mapped; normal when the column is absent or the cell empty.
    pub urgency: Urgency,
    /// Log-in ID of the account the author maps to.
    pub filed_by: String,
    /// Log-in ID of the contractor account the assignee maps to.
    pub assignee: Option<String>,
    pub filed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    /// Redmine's 最新のコメント, written as a comment.
    pub last_note: Option<String>,
}

pub const COL_ID: &str = "#";
pub const COL_TRACKER: &str = "トラッカー";
pub const COL_STATUS: &str = "ステータス";
pub const COL_PRIORITY: &str = "優先度";
pub const COL_SUBJECT: &str = "題名";
pub const COL_AUTHOR: &str = "作成者";
pub const COL_ASSIGNEE: &str = "担当者";
pub const COL_UPDATED: &str = "更新日";
pub const COL_START: &str = "開始日";
pub const COL_DUE: &str = "期日";
pub const COL_CREATED: &str = "作成日";
pub const COL_CLOSED: &str = "終了日";
pub const COL_DESCRIPTION: &str = "説明";
pub const COL_LAST_NOTE: &str = "最新のコメント";
/// Where the office is written, in order of preference: a custom field, or the project.
const OFFICE_COLUMNS: &[&str] = &["所属", "担当課", "福祉事務所", "プロジェクト"];
const REQUIRED: &[&str] = &[
    COL_ID,
    COL_TRACKER,
    COL_STATUS,
    COL_SUBJECT,
    COL_AUTHOR,
    COL_CREATED,
];
/// Columns the desk reads into fields; every other non-empty column goes into the body.
const READ: &[&str] = &[
    COL_ID,
    COL_TRACKER,
    COL_STATUS,
    COL_PRIORITY,
    COL_SUBJECT,
    COL_AUTHOR,
    COL_ASSIGNEE,
    COL_UPDATED,
    COL_CREATED,
    COL_CLOSED,
    COL_DESCRIPTION,
    COL_LAST_NOTE,
];
/// The body of an issue filed without a description.
pub const NO_DESCRIPTION: &str = "（Redmine に説明の記載なし）";
/// Standard Redmine columns that say nothing worth keeping once imported.
const DROPPED: &[&str] = &[
    "親チケット",
    "進捗率",
    "予定工数",
    "作業時間",
    "合計作業時間",
    "対象バージョン",
    "カテゴリ",
    "プライベート",
    "関連するチケット",
];

/// Reads a Redmine export. `dir` lists the offices and accounts, to recognise names.
pub fn parse(bytes: &[u8], mapping: &Mapping, dir: &Directory) -> Parsed<RequestDraft> {
    let mut resolver = Resolver::new(mapping, dir);
    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    let rows = decode_text(bytes).and_then(|t| csv_rows(&t));
    match rows {
        Err(p) => problems.push(p),
        Ok(rows) => read_rows(&rows, &mut resolver, dir, &mut drafts, &mut problems),
    }
    Parsed {
        drafts,
        problems,
        mapping: resolver.in_force,
    }
}

fn read_rows(
    rows: &[Row],
    resolver: &mut Resolver<'_>,
    dir: &Directory,
    drafts: &mut Vec<RequestDraft>,
    problems: &mut Vec<Problem>,
) {
    let (h, cols) = match required_columns(
        rows,
        REQUIRED,
        "Redmine のチケット一覧の見出し行（#, トラッカー, 題名 など）が見つかりません。",
    ) {
        Ok(found) => found,
        Err(file_problems) => {
            problems.extend(file_problems);
            return;
        }
    };
    let office_col = cols.find(OFFICE_COLUMNS);
    let skip: BTreeSet<String> = READ
        .iter()
        .chain(DROPPED)
        .chain(OFFICE_COLUMNS)
        .map(|c| caption_key(c))
        .collect();
    let header_cells = &rows[h].cells;
    let extra: Vec<(usize, String)> = cols
        .all()
        .filter(|(_, key)| !key.is_empty() && !skip.contains(*key))
        .map(|(i, _)| (i, header_cells[i].text()))
        .collect();
    let known_offices: Vec<&str> = dir.offices.iter().map(|o| o.code.as_str()).collect();
    let mut seen = BTreeSet::new();
    for row in data_rows(rows, h) {
        let mut p = RowProblems::of(row);
        let get = |name: &str| cell(row, cols.find(&[name])).text();

        let id = get(COL_ID);
        let external_ref = match id.trim_start_matches('#').parse::<u64>() {
            Ok(n) if seen.insert(n) => format!("redmine#{n}"),
            Ok(n) => {
                p.push(COL_ID, format!("#{n} がファイルの中で重複しています。"));
                String::new()
            }
            Err(_) => {
                p.push(COL_ID, format!("チケット番号として読めません（\"{id}\"）"));
                String::new()
            }
        };
        let kind = p
            .mapped(resolver, Kind::Tracker, COL_TRACKER, &get(COL_TRACKER))
            .and_then(|c| RequestKind::from_code(&c));
        let status = p
            .mapped(resolver, Kind::Status, COL_STATUS, &get(COL_STATUS))
            .and_then(|c| RequestStatus::from_code(&c));
        let priority = get(COL_PRIORITY);
        let urgency = if priority.is_empty() {
            Some(Urgency::Normal)
        } else {
            p.mapped(resolver, Kind::Urgency, COL_PRIORITY, &priority)
                .and_then(|c| Urgency::from_code(&c))
        };
        let filed_by = p.mapped(resolver, Kind::Person, COL_AUTHOR, &get(COL_AUTHOR));
        let assignee_name = get(COL_ASSIGNEE);
        let assignee = if assignee_name.is_empty() {
            None
        } else {
            let login = p.mapped(resolver, Kind::Person, COL_ASSIGNEE, &assignee_name);
            if let Some(l) = &login
                && resolver.person(l).map(|a| a.role) != Some(Role::Contractor)
            {
                p.push(
                    COL_ASSIGNEE,
                    format!("「{assignee_name}」（{l}）は受託者のアカウントではありません。"),
                );
            }
            login
        };
        let office = match office_col {
            Some(i) => {
                let caption = header_cells[i].text();
                p.mapped(resolver, Kind::Office, &caption, &cell(row, Some(i)).text())
            }
            None => filed_by
                .as_deref()
                .and_then(|l| resolver.person(l))
                .map(|a| a.office.clone()),
        };
        let filed_at = p.time(COL_CREATED, &get(COL_CREATED), true);
        let updated_at = p.time(COL_UPDATED, &get(COL_UPDATED), false);
        let closed_on = p.time(COL_CLOSED, &get(COL_CLOSED), false);

        let mut body = get(COL_DESCRIPTION);
        if body.is_empty() {
            // Redmine allows an issue without a description; the desk does not.
            body = NO_DESCRIPTION.to_owned();
        }
        let mut kept = Vec::new();
        for (i, caption) in &extra {
            let v = cell(row, Some(*i)).text();
            if !v.is_empty() {
                kept.push(format!("{caption}: {v}"));
            }
        }
        if !kept.is_empty() {
            body.push_str("\n\n");
            body.push_str("―― Redmine の項目 ――\n");
            body.push_str(&kept.join("\n"));
        }
        let note = get(COL_LAST_NOTE);
        let title = get(COL_SUBJECT);

        let (Some(kind), Some(status), Some(urgency), Some(filed_by), Some(office), Some(filed_at)) =
            (kind, status, urgency, filed_by, office, filed_at)
        else {
            problems.extend(p.problems);
            continue;
        };
        let work_sub_kind = (kind == RequestKind::Work).then_some(WorkSubKind::Other);
        let input = NewRequest {
            kind,
            work_sub_kind,
            office: office.clone(),
            title: title.clone(),
            body: body.clone(),
            details: RequestDetails {
                urgency,
                ..RequestDetails::default()
            },
        };
        if let Err(errors) = input.validate(&known_offices) {
            for e in errors.0 {
                p.push(e.label, e.message);
            }
        }
        let updated_at = updated_at.unwrap_or(filed_at).max(filed_at);
        // Redmine's 終了日 is set when an issue reaches a closed status; an answered issue that
        // is not closed keeps its last update as the moment it was answered.
        let ended = closed_on.unwrap_or(updated_at);
        if ended < filed_at {
            p.push(COL_CLOSED, "作成日より前の日時です。");
        }
        let (answered_at, closed_at) = match status {
            RequestStatus::Received | RequestStatus::InProgress => (None, None),
            RequestStatus::Answered => (Some(ended), None),
            RequestStatus::Closed => (Some(ended), Some(ended)),
            RequestStatus::Withdrawn => (None, Some(ended)),
        };
        if !p.problems.is_empty() {
            problems.extend(p.problems);
            continue;
        }
        drafts.push(RequestDraft {
            row: row.number,
            external_ref,
            kind,
            work_sub_kind,
            office,
            title: title.trim().to_owned(),
            body,
            status,
            urgency,
            filed_by,
            assignee,
            filed_at,
            updated_at,
            answered_at,
            closed_at,
            last_note: (!note.trim().is_empty()).then_some(note),
        });
    }
}

/// The problems of one row, collected so every one is reported, not only the first.
pub(crate) struct RowProblems {
    pub(crate) row: usize,
    pub(crate) problems: Vec<Problem>,
}

impl RowProblems {
    /// No problem yet with `row`.
    pub(crate) fn of(row: &Row) -> RowProblems {
        RowProblems {
            row: row.number,
            problems: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, field: &str, message: impl Into<String>) {
        self.problems.push(Problem::at(self.row, field, message));
    }

    pub(crate) fn mapped(
        &mut self,
        resolver: &mut Resolver<'_>,
        kind: Kind,
        field: &str,
        value: &str,
    ) -> Option<String> {
        if value.trim().is_empty() {
            self.push(field, "値がありません。");
            return None;
        }
        resolver
            .resolve(kind, value)
            .map_err(|m| self.push(field, m))
            .ok()
    }

    /// A moment written in Tokyo time; `required` reports an empty cell.
    pub(crate) fn time(
        &mut self,
        field: &str,
        value: &str,
        required: bool,
    ) -> Option<DateTime<Utc>> {
        if value.trim().is_empty() {
            if required {
                self.push(field, "値がありません。");
            }
            return None;
        }
        match dates::parse_date_time(value) {
            Some(t) => Some(tokyo_to_utc(t)),
            None => {
                self.push(
                    field,
                    format!("日付として読めません（\"{}\"）", value.trim()),
                );
                None
            }
        }
    }
}
