//! Job results exported from the job scheduler (JP1/AJS3 実行結果一覧, or a CSV made by hand
//! with the same captions) as batch runs: CP932 or UTF-8, dates `2026/04/10 01:00`.
//!
//! Each row is one run of a job net. The job net's name and its end status go through the
//! [`Mapping`] (`job_nets`, `batch_results`); the external reference is the scheduler's
//! execution ID when the file has one, else the job net and its actual start, so a file
//! imported twice adds nothing.

use crate::decode::decode_text;
use crate::mapping::{Directory, Kind, Mapping, Resolver};
use crate::redmine::RowProblems;
use crate::table::{Row, cell, csv_rows, data_rows, required_columns};
use crate::{Parsed, Problem};
use chrono::{DateTime, Utc};
use hoshu_core::operations::{BatchResult, NOTE_MAX_CHARS};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// One run as it will be written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BatchRunDraft {
    pub row: usize,
    /// `jp1#12345`, or `NJ_RECEIPT_IMPORT@2026-04-10 01:02`.
    pub external_ref: String,
    /// The desk's job net, by name.
    pub job_net: String,
    pub planned_start: DateTime<Utc>,
    pub planned_end: DateTime<Utc>,
    pub started_at: DateTime<Utc>,
    pub ended_at: DateTime<Utc>,
    pub result: BatchResult,
    pub processed_count: i64,
    pub note: String,
}

pub const COL_JOB_NET: &str = "ジョブネット名";
pub const COL_RUN_ID: &str = "実行ID";
pub const COL_PLANNED_START: &str = "開始予定日時";
pub const COL_PLANNED_END: &str = "終了予定日時";
pub const COL_STARTED: &str = "開始日時";
pub const COL_ENDED: &str = "終了日時";
pub const COL_STATUS: &str = "終了状態";
pub const COL_COUNT: &str = "処理件数";
pub const COL_NOTE: &str = "メッセージ";
const REQUIRED: &[&str] = &[COL_JOB_NET, COL_STARTED, COL_ENDED, COL_STATUS, COL_COUNT];

/// Reads a job-result CSV; `dir.job_nets` names the desk's job nets.
pub fn parse(bytes: &[u8], mapping: &Mapping, dir: &Directory) -> Parsed<BatchRunDraft> {
    let mut resolver = Resolver::new(mapping, dir);
    let mut problems = Vec::new();
    let mut drafts = Vec::new();
    match decode_text(bytes).and_then(|t| csv_rows(&t)) {
        Err(p) => problems.push(p),
        Ok(rows) => read_rows(&rows, &mut resolver, &mut drafts, &mut problems),
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
    drafts: &mut Vec<BatchRunDraft>,
    problems: &mut Vec<Problem>,
) {
    let (h, cols) = match required_columns(
        rows,
        REQUIRED,
        "ジョブ実行結果の見出し行（ジョブネット名, 開始日時, 終了日時, 終了状態, 処理件数）が見つかりません。",
    ) {
        Ok(found) => found,
        Err(file_problems) => {
            problems.extend(file_problems);
            return;
        }
    };
    let mut seen = BTreeSet::new();
    for row in data_rows(rows, h) {
        let mut p = RowProblems::of(row);
        let get = |name: &str| cell(row, cols.find(&[name])).text();
        let job_net = p.mapped(resolver, Kind::JobNet, COL_JOB_NET, &get(COL_JOB_NET));
        let result = p
            .mapped(resolver, Kind::BatchResult, COL_STATUS, &get(COL_STATUS))
            .and_then(|c| BatchResult::from_code(&c));
        let started_at = p.time(COL_STARTED, &get(COL_STARTED), true);
        let ended_at = p.time(COL_ENDED, &get(COL_ENDED), true);
        // Without a plan in the file, the run was planned as it ran.
        let planned_start = p
            .time(COL_PLANNED_START, &get(COL_PLANNED_START), false)
            .or(started_at);
        let planned_end = p
            .time(COL_PLANNED_END, &get(COL_PLANNED_END), false)
            .or(ended_at);
        let count_text = get(COL_COUNT).replace([',', '，'], "");
        let processed_count = match count_text.parse::<i64>() {
            Ok(n) if n >= 0 => Some(n),
            _ => {
                p.push(
                    COL_COUNT,
                    format!("0以上の整数として読めません（\"{count_text}\"）"),
                );
                None
            }
        };
        let note = get(COL_NOTE);
        if note.chars().count() > NOTE_MAX_CHARS {
            p.push(
                COL_NOTE,
                format!("{NOTE_MAX_CHARS}文字以内にしてください。"),
            );
        }
        let (
            Some(job_net),
            Some(result),
            Some(started_at),
            Some(ended_at),
            Some(planned_start),
            Some(planned_end),
            Some(processed_count),
        ) = (
            job_net,
            result,
            started_at,
            ended_at,
            planned_start,
            planned_end,
            processed_count,
        )
        else {
            problems.extend(p.problems);
            continue;
        };
        if ended_at < started_at {
            p.push(COL_ENDED, "開始日時より前の日時です。");
        }
        if planned_end < planned_start {
            p.push(COL_PLANNED_END, "開始予定日時より前の日時です。");
        }
        let run_id = get(COL_RUN_ID);
        let external_ref = if run_id.is_empty() {
            format!(
                "{job_net}@{}",
                hoshu_core::calendar::tokyo(started_at).format("%Y-%m-%d %H:%M:%S")
            )
        } else {
            format!("jp1#{run_id}")
        };
        if !seen.insert(external_ref.clone()) {
            p.push(
                if run_id.is_empty() {
                    COL_STARTED
                } else {
                    COL_RUN_ID
                },
                format!("同じ実行（{external_ref}）がファイルの中で重複しています。"),
            );
        }
        if !p.problems.is_empty() {
            problems.extend(p.problems);
            continue;
        }
        drafts.push(BatchRunDraft {
            row: row.number,
            external_ref,
            job_net,
            planned_start,
            planned_end,
            started_at,
            ended_at,
            result,
            processed_count,
            note,
        });
    }
}
