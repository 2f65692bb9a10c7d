//! Bringing the past in: Redmine issues as requests, the Excel register as register items, the
//! job scheduler's results as batch runs (an abnormal end opens its ジョブ異常 incident, as a
//! run recorded by hand does).
//!
//! A dry run answers every row as it will be written and every problem, and writes nothing.
//! The import itself runs in one transaction: any row with a problem and nothing is written;
//! otherwise every new row, its history entry, the search index and one audit entry commit
//! together. Rows whose external reference (`redmine#813`, `No.12`) is already in the
//! database are counted as existing and left alone, so importing a file twice adds nothing.

use crate::auth::Session;
use crate::deliverables::{Progress, ProgressFn};
use crate::error::{AppError, AppResult};
use crate::operations::record_run;
use crate::{Hoshu, audit};
use chrono::{DateTime, Utc};
use hoshu_core::operations::NewBatchRun;
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_core::{Actor, Role};
use hoshu_import::register::RegisterSource;
use hoshu_import::{
    BatchRunDraft, Directory, DirectoryOffice, DirectoryPerson, Mapping, Parsed, Problem,
    RegisterDraft, RequestDraft, batches, redmine, register,
};
use hoshu_store::{ImportedRequestRow, RequestEventRow, Tx};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Largest file accepted (an export of several thousand issues is a few megabytes).
pub const IMPORT_MAX_BYTES: usize = 20 * 1024 * 1024;

/// What is imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ImportSource {
    /// A Redmine issue CSV export, as requests.
    Redmine,
    /// The issue register (.xlsx, .xls, .ods, .csv), as register items.
    Register,
    /// The job scheduler's results (CSV), as batch runs.
    Batches,
}

impl ImportSource {
    fn label(self) -> &'static str {
        match self {
            ImportSource::Redmine => "Redmine のチケット",
            ImportSource::Register => "課題管理表",
            ImportSource::Batches => "ジョブ実行結果",
        }
    }
}

/// A file to import and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportInput {
    pub source: ImportSource,
    pub file_name: String,
    pub bytes: Vec<u8>,
    /// The mapping file (TOML) a person checked; `None`: suggestions only.
    pub mapping: Option<String>,
    /// The register's sheet; the first when `None`.
    pub sheet: Option<String>,
    pub dry_run: bool,
}

/// One row as it will be (or was) written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportRow {
    pub row: usize,
    pub external_ref: String,
    pub title: String,
    /// 種別 (requests) or 分類 (register).
    pub kind: String,
    pub status: String,
    /// 所属 (requests) or 担当者 (register).
    pub office_or_owner: String,
    /// Filed or raised.
    pub date: String,
    /// Already in the database: left as it is.
    pub existing: bool,
}

/// What an import found and did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportReport {
    pub source: ImportSource,
    pub dry_run: bool,
    pub rows: Vec<ImportRow>,
    pub problems: Vec<Problem>,
    pub new: usize,
    pub existing: usize,
    /// Rows (or the file itself) with a problem.
    pub errors: usize,
    /// Whether the new rows were written.
    pub written: bool,
    /// The mapping in force, for `--write-mapping` and the screen: every value of the file.
    pub mapping: String,
}

impl ImportReport {
    /// `新規 N件 / 既存 M件 / エラー E件`.
    pub fn summary(&self) -> String {
        format!(
            "新規 {}件 / 既存 {}件 / エラー {}件",
            self.new, self.existing, self.errors
        )
    }
}

async fn directory(tx: &mut Tx<'_>) -> AppResult<Directory> {
    Ok(Directory {
        offices: tx
            .list_offices()
            .await?
            .into_iter()
            .map(|o| DirectoryOffice {
                code: o.code,
                name: o.name,
            })
            .collect(),
        people: tx
            .list_accounts()
            .await?
            .into_iter()
            .filter(|a| !a.disabled && a.role != Role::Admin)
            .map(|a| DirectoryPerson {
                login: a.login,
                display_name: a.display_name,
                role: a.role,
                office: a.office,
            })
            .collect(),
        job_nets: tx
            .list_job_nets()
            .await?
            .into_iter()
            .map(|n| n.net.name)
            .collect(),
    })
}

fn tokyo_text(t: DateTime<Utc>) -> String {
    hoshu_core::calendar::tokyo(t)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}

/// Refuses a file over [`IMPORT_MAX_BYTES`] before anything reads it.
pub(crate) fn check_size(bytes: &[u8]) -> AppResult<()> {
    if bytes.len() > IMPORT_MAX_BYTES {
        return Err(AppError::field(
            "file",
            "ファイル",
            format!(
                "ファイルが大きすぎます（{}MB まで）。",
                IMPORT_MAX_BYTES / 1024 / 1024
            ),
        ));
    }
    Ok(())
}

/// Rows with a problem: each row once, and each problem of the file itself.
fn error_count(problems: &[Problem]) -> usize {
    let rows: std::collections::BTreeSet<usize> = problems.iter().filter_map(|p| p.row).collect();
    rows.len() + problems.iter().filter(|p| p.row.is_none()).count()
}

impl Hoshu {
    /// Imports a file, or with `dry_run` only shows what it would write. `progress` hears of
    /// every row written.
    pub async fn import(
        &self,
        session: &Session,
        input: ImportInput,
        progress: Option<ProgressFn<'_>>,
    ) -> AppResult<ImportReport> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ImportRecords, Resource::System)?;
        check_size(&input.bytes)?;
        let mapping = match input.mapping.as_deref() {
            None => Mapping::default(),
            Some(text) => {
                Mapping::from_toml(text).map_err(|m| AppError::field("mapping", "対応表", m))?
            }
        };
        let dir = directory(&mut tx).await?;
        let report = match input.source {
            ImportSource::Redmine => {
                let parsed = redmine::parse(&input.bytes, &mapping, &dir);
                self.import_requests(&mut tx, &actor, parsed, &input, progress, now)
                    .await?
            }
            ImportSource::Register => {
                let parsed = register::parse(
                    &input.bytes,
                    RegisterSource {
                        file_name: &input.file_name,
                        sheet: input.sheet.as_deref(),
                        raised_by: &actor.display_name,
                    },
                    &mapping,
                    &dir,
                );
                self.import_register(&mut tx, &actor, parsed, &input, progress, now)
                    .await?
            }
            ImportSource::Batches => {
                let parsed = batches::parse(&input.bytes, &mapping, &dir);
                import_batches(&mut tx, &actor, parsed, &input, progress, now).await?
            }
        };
        if report.written {
            audit(
                &mut tx,
                &actor,
                match input.source {
                    ImportSource::Redmine => "import.redmine",
                    ImportSource::Register => "import.register",
                    ImportSource::Batches => "import.batches",
                },
                "import".into(),
                format!(
                    "{}を取込（{}、{}バイト）",
                    input.source.label(),
                    report.summary(),
                    input.bytes.len()
                ),
                now,
            )
            .await?;
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(report)
    }

    async fn import_requests(
        &self,
        tx: &mut Tx<'_>,
        actor: &Actor,
        parsed: Parsed<RequestDraft>,
        input: &ImportInput,
        progress: Option<ProgressFn<'_>>,
        now: DateTime<Utc>,
    ) -> AppResult<ImportReport> {
        let refs: Vec<String> = parsed
            .drafts
            .iter()
            .map(|d| d.external_ref.clone())
            .collect();
        let existing = tx.requests_by_external_ref(&refs).await?;
        let rows: Vec<ImportRow> = parsed
            .drafts
            .iter()
            .map(|d| ImportRow {
                row: d.row,
                external_ref: d.external_ref.clone(),
                title: d.title.clone(),
                kind: d.kind.label().into(),
                status: d.status.label().into(),
                office_or_owner: d.office.clone(),
                date: tokyo_text(d.filed_at),
                existing: existing.contains_key(&d.external_ref),
            })
            .collect();
        let mut report = report(input, rows, &parsed);
        if input.dry_run || report.errors > 0 {
            return Ok(report);
        }
        let accounts: BTreeMap<String, i64> = tx
            .list_accounts()
            .await?
            .into_iter()
            .map(|a| (a.login, a.id))
            .collect();
        let id_of = |login: &str| {
            accounts.get(login).copied().ok_or_else(|| {
                AppError::field(
                    "people",
                    "対応表",
                    format!("アカウント {login} が見つかりません。"),
                )
            })
        };
        let new: Vec<&RequestDraft> = parsed
            .drafts
            .iter()
            .filter(|d| !existing.contains_key(&d.external_ref))
            .collect();
        for (done, d) in new.iter().enumerate() {
            let filed_by = id_of(&d.filed_by)?;
            let assignee_id = d.assignee.as_deref().map(id_of).transpose()?;
            let id = tx
                .insert_imported_request(
                    &ImportedRequestRow {
                        external_ref: d.external_ref.clone(),
                        kind: d.kind,
                        work_sub_kind: d.work_sub_kind,
                        office: d.office.clone(),
                        title: d.title.clone(),
                        body: d.body.clone(),
                        status: d.status,
                        urgency: d.urgency,
                        filed_by,
                        assignee_id,
                        filed_at: d.filed_at,
                        answered_at: d.answered_at,
                        closed_at: d.closed_at,
                        updated_at: d.updated_at,
                    },
                    now,
                )
                .await?;
            tx.insert_request_event(
                id,
                actor.account_id,
                &RequestEventRow {
                    kind: "imported".into(),
                    from_status: None,
                    to_status: Some(d.status),
                    note: Some(format!(
                        "{} から取込（{}行目）",
                        d.external_ref.replace("redmine", "Redmine "),
                        d.row
                    )),
                },
                now,
            )
            .await?;
            if let Some(note) = &d.last_note {
                // Redmine's export names no author for the latest note: it is kept under the
                // assignee (who usually wrote it) or the author.
                tx.insert_comment(id, assignee_id.unwrap_or(filed_by), note, d.updated_at)
                    .await?;
            }
            if let Some(p) = progress {
                p(Progress {
                    done: done + 1,
                    total: new.len(),
                    label: d.external_ref.clone(),
                });
            }
        }
        report.written = true;
        Ok(report)
    }

    async fn import_register(
        &self,
        tx: &mut Tx<'_>,
        actor: &Actor,
        parsed: Parsed<RegisterDraft>,
        input: &ImportInput,
        progress: Option<ProgressFn<'_>>,
        now: DateTime<Utc>,
    ) -> AppResult<ImportReport> {
        let refs: Vec<String> = parsed
            .drafts
            .iter()
            .map(|d| d.external_ref.clone())
            .collect();
        let existing = tx.register_items_by_external_ref(&refs).await?;
        let rows: Vec<ImportRow> = parsed
            .drafts
            .iter()
            .map(|d| ImportRow {
                row: d.row,
                external_ref: d.external_ref.clone(),
                title: d.item.title.clone(),
                kind: d.item.category.label().into(),
                status: d.item.status.label().into(),
                office_or_owner: d.item.owner.clone(),
                date: d.item.raised_on.format("%Y-%m-%d").to_string(),
                existing: existing.contains_key(&d.external_ref),
            })
            .collect();
        let mut report = report(input, rows, &parsed);
        if input.dry_run || report.errors > 0 {
            return Ok(report);
        }
        let new: Vec<&RegisterDraft> = parsed
            .drafts
            .iter()
            .filter(|d| !existing.contains_key(&d.external_ref))
            .collect();
        for (done, d) in new.iter().enumerate() {
            tx.insert_imported_register_item(&d.item, &d.external_ref, actor.account_id, now)
                .await?;
            if let Some(p) = progress {
                p(Progress {
                    done: done + 1,
                    total: new.len(),
                    label: d.external_ref.clone(),
                });
            }
        }
        report.written = true;
        Ok(report)
    }
}

/// Writes the new runs through the same use case as a run recorded by hand.
async fn import_batches(
    tx: &mut Tx<'_>,
    actor: &Actor,
    mut parsed: Parsed<BatchRunDraft>,
    input: &ImportInput,
    progress: Option<ProgressFn<'_>>,
    now: DateTime<Utc>,
) -> AppResult<ImportReport> {
    // The rules of a run recorded by hand (an end in the future, an abnormal end without its
    // message), reported by row before anything is written.
    for d in &parsed.drafts {
        if let Err(errors) = run_of(d, 0).validate(now) {
            for e in errors.0 {
                parsed.problems.push(Problem::at(d.row, e.label, e.message));
            }
        }
    }
    let refs: Vec<String> = parsed
        .drafts
        .iter()
        .map(|d| d.external_ref.clone())
        .collect();
    let existing = tx.batch_runs_by_external_ref(&refs).await?;
    let rows: Vec<ImportRow> = parsed
        .drafts
        .iter()
        .map(|d| ImportRow {
            row: d.row,
            external_ref: d.external_ref.clone(),
            title: format!("{}（{}件）", d.job_net, d.processed_count),
            kind: d.job_net.clone(),
            status: d.result.label().into(),
            office_or_owner: String::new(),
            date: tokyo_text(d.started_at),
            existing: existing.contains_key(&d.external_ref),
        })
        .collect();
    let mut report = report(input, rows, &parsed);
    if input.dry_run || report.errors > 0 {
        return Ok(report);
    }
    let nets: BTreeMap<String, i64> = tx
        .list_job_nets()
        .await?
        .into_iter()
        .map(|n| (n.net.name, n.id))
        .collect();
    let new: Vec<&BatchRunDraft> = parsed
        .drafts
        .iter()
        .filter(|d| !existing.contains_key(&d.external_ref))
        .collect();
    for (done, d) in new.iter().enumerate() {
        let job_net_id = nets.get(&d.job_net).copied().ok_or_else(|| {
            AppError::field(
                "job_nets",
                "対応表",
                format!("ジョブネット「{}」が見つかりません。", d.job_net),
            )
        })?;
        record_run(tx, actor, run_of(d, job_net_id), Some(&d.external_ref), now).await?;
        if let Some(p) = progress {
            p(Progress {
                done: done + 1,
                total: new.len(),
                label: d.external_ref.clone(),
            });
        }
    }
    report.written = true;
    Ok(report)
}

fn run_of(d: &BatchRunDraft, job_net_id: i64) -> NewBatchRun {
    NewBatchRun {
        job_net_id,
        planned_start: d.planned_start,
        planned_end: d.planned_end,
        started_at: d.started_at,
        ended_at: d.ended_at,
        result: d.result,
        processed_count: d.processed_count,
        note: d.note.clone(),
        rerun_of: None,
    }
}

fn report<D>(input: &ImportInput, rows: Vec<ImportRow>, parsed: &Parsed<D>) -> ImportReport {
    let existing = rows.iter().filter(|r| r.existing).count();
    ImportReport {
        source: input.source,
        dry_run: input.dry_run,
        new: rows.len() - existing,
        existing,
        errors: error_count(&parsed.problems),
        rows,
        problems: parsed.problems.clone(),
        written: false,
        mapping: parsed.mapping.to_toml(),
    }
}
