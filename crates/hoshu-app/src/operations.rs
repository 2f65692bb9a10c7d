//! The operations log (contractor records, the chief reads): the daily checklist and the
//! checks done, with the checks missed; job nets and their runs, where an abnormal end opens a
//! ジョブ異常 incident in the same transaction; maintenance, patch and release work under the
//! approved change.

use crate::auth::Session;
use crate::error::{AppError, AppResult, ErrorCode, Versioned, check_version};
use crate::reports::month_range;
use crate::settings::DeskSettings;
use crate::{Hoshu, audit, incidents};
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::Actor;
use hoshu_core::calendar::tokyo;
use hoshu_core::change::{ChangeKind, ChangeStatus};
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckItemInput, DueItem, JobNetInput, MissedCheck, NewBatchRun,
    NewWorkRecord, WorkKind, job_failure_incident, missed_checks,
};
use hoshu_core::policy::{Action, Resource, authorize};
use hoshu_store::{BatchRun, CheckItem, CheckRecord, JobNet, Tx, WorkRecord};
use serde::Serialize;
use std::collections::BTreeSet;

impl Versioned for CheckItem {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("点検項目 #{}", self.id)
    }
}

impl Versioned for JobNet {
    fn version(&self) -> i64 {
        self.version
    }
    fn name(&self) -> String {
        format!("ジョブネット「{}」", self.net.name)
    }
}

/// A month of the daily checklist: the items, the checks on the record and the checks missed
/// up to today (today itself is not over, so it is never missed yet).
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckMonth {
    pub year: i32,
    pub month: u32,
    pub today: NaiveDate,
    pub items: Vec<CheckItem>,
    pub records: Vec<CheckRecord>,
    pub missed: Vec<MissedCheck>,
}

/// What recording a run did: the run, and the incident an abnormal end opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedRun {
    pub run_id: i64,
    pub incident_id: Option<i64>,
}

fn due_item(item: &CheckItem) -> DueItem {
    DueItem {
        id: item.id,
        frequency: item.item.frequency,
        since: item.item.since,
        active: item.item.active,
    }
}

/// A month of the checklist read in `tx`: the checks missed in it up to `today`.
pub(crate) async fn read_check_month(
    tx: &mut Tx<'_>,
    year: i32,
    month: u32,
    today: NaiveDate,
) -> AppResult<CheckMonth> {
    let (first, next) = crate::reports::asked_month(year, month)?;
    let calendar = DeskSettings::load(tx).await?.calendar();
    let items = tx.list_check_items().await?;
    let records = tx.list_check_records(first, next).await?;
    let done: BTreeSet<(i64, NaiveDate)> = records
        .iter()
        .map(|r| (r.entry.item_id, r.entry.day))
        .collect();
    let due: Vec<DueItem> = items.iter().map(due_item).collect();
    let missed = missed_checks(&due, &done, &calendar, first, next.min(today));
    Ok(CheckMonth {
        year,
        month,
        today,
        items,
        records,
        missed,
    })
}

async fn load_job_net(tx: &mut Tx<'_>, id: i64) -> AppResult<JobNet> {
    tx.get_job_net(id).await?.ok_or_else(|| {
        AppError::field(
            "job_net_id",
            "ジョブネット",
            format!("ジョブネット #{id} は登録されていません。"),
        )
    })
}

/// Records a run for `actor` in the caller's transaction; an abnormal end opens its ジョブ異常
/// incident, detected when the run ended, so the 30-minute isolation clock runs from there.
pub(crate) async fn record_run(
    tx: &mut Tx<'_>,
    actor: &Actor,
    run: NewBatchRun,
    external_ref: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<RecordedRun> {
    authorize(actor, Action::RecordOperations, Resource::System)?;
    run.validate(now)?;
    let net = load_job_net(tx, run.job_net_id).await?;
    if let Some(original) = run.rerun_of {
        let repeated = tx.get_batch_run(original).await?.ok_or_else(|| {
            AppError::field(
                "rerun_of",
                "再実行元",
                format!("再実行元のバッチ実行 #{original} は登録されていません。"),
            )
        })?;
        if repeated.run.result != BatchResult::Abnormal || repeated.run.job_net_id != net.id {
            return Err(AppError::field(
                "rerun_of",
                "再実行元",
                format!(
                    "再実行元には同じジョブネット「{}」の異常終了した実行を指定してください。",
                    net.net.name
                ),
            ));
        }
    }
    let run_id = tx
        .insert_batch_run(&run, external_ref, actor.account_id, now)
        .await?;
    let incident_id = match run.result {
        BatchResult::Normal => None,
        BatchResult::Abnormal => {
            let incident = job_failure_incident(&net.net.name, &run);
            let id = incidents::record(tx, actor, incident, false, now).await?;
            tx.set_batch_run_incident(run_id, id).await?;
            Some(id)
        }
    };
    let rerun = run
        .rerun_of
        .map(|id| format!("、#{id} の再実行"))
        .unwrap_or_default();
    audit(
        tx,
        actor,
        "operations.batch_run",
        format!("batch_run:{run_id}"),
        format!(
            "バッチ実行を記録: {}（{}、{}件{rerun}）",
            net.net.name, run.result, run.processed_count
        ),
        now,
    )
    .await?;
    Ok(RecordedRun {
        run_id,
        incident_id,
    })
}

/// Records a check for `actor` in the caller's transaction.
pub(crate) async fn record_check(
    tx: &mut Tx<'_>,
    actor: &Actor,
    entry: CheckEntry,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordOperations, Resource::System)?;
    entry.validate(now)?;
    let item = tx
        .list_check_items()
        .await?
        .into_iter()
        .find(|i| i.id == entry.item_id)
        .ok_or_else(|| {
            AppError::field(
                "item_id",
                "点検項目",
                format!("点検項目 #{} は登録されていません。", entry.item_id),
            )
        })?;
    let id = tx
        .insert_check_record(&entry, actor.account_id, now)
        .await?;
    audit(
        tx,
        actor,
        "operations.check",
        format!("check:{id}"),
        format!(
            "点検を記録: {}（{}、{}）",
            item.item.name,
            hoshu_core::wareki::long(entry.day),
            entry.result
        ),
        now,
    )
    .await?;
    Ok(id)
}

/// Records maintenance work for `actor` in the caller's transaction, against a change the
/// city approved (its status and its recorded decision); release work only under a release.
pub(crate) async fn record_work(
    tx: &mut Tx<'_>,
    actor: &Actor,
    work: NewWorkRecord,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordOperations, Resource::System)?;
    work.validate(now)?;
    let change = tx.get_change(work.change_id).await?.ok_or_else(|| {
        AppError::field(
            "change_id",
            "対象の変更",
            format!("変更 #{} は登録されていません。", work.change_id),
        )
    })?;
    let approved = matches!(change.status, ChangeStatus::Approved | ChangeStatus::Done)
        && change.decision.as_ref().is_some_and(|d| d.approved);
    if !approved {
        return Err(AppError::new(
            ErrorCode::InvalidTransition,
            format!(
                "変更 #{} は承認されていないため、作業を記録できません（{}）。",
                change.id, change.status
            ),
        ));
    }
    if (work.kind == WorkKind::Release) != (change.proposal.kind == ChangeKind::Release) {
        return Err(AppError::field(
            "kind",
            "作業の種類",
            format!(
                "リリース作業はリリースの変更にだけ記録できます（変更 #{} は{}）。",
                change.id, change.proposal.kind
            ),
        ));
    }
    let id = tx.insert_work_record(&work, actor.account_id, now).await?;
    audit(
        tx,
        actor,
        "operations.work",
        format!("work:{id}"),
        format!("保守作業を記録: {}（変更 #{}）", work.kind, change.id),
        now,
    )
    .await?;
    Ok(id)
}

/// Adds a job net for `actor` in the caller's transaction.
pub(crate) async fn add_job_net(
    tx: &mut Tx<'_>,
    actor: &Actor,
    net: JobNetInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordOperations, Resource::System)?;
    net.validate()?;
    let id = tx.insert_job_net(&net, now).await?;
    audit(
        tx,
        actor,
        "operations.job_net",
        format!("job_net:{id}"),
        format!("ジョブネットを登録: {}（{}）", net.name, net.schedule),
        now,
    )
    .await?;
    Ok(id)
}

/// Adds a check item for `actor` in the caller's transaction.
pub(crate) async fn add_check_item(
    tx: &mut Tx<'_>,
    actor: &Actor,
    item: CheckItemInput,
    now: DateTime<Utc>,
) -> AppResult<i64> {
    authorize(actor, Action::RecordOperations, Resource::System)?;
    item.validate()?;
    let id = tx.insert_check_item(&item, now).await?;
    audit(
        tx,
        actor,
        "operations.check_item",
        format!("check_item:{id}"),
        format!("点検項目を登録: {}（{}）", item.name, item.frequency),
        now,
    )
    .await?;
    Ok(id)
}

impl Hoshu {
    /// The check items (contractor and chief).
    pub async fn check_items(&self, session: &Session) -> AppResult<Vec<CheckItem>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOperations, Resource::System)?;
        Ok(tx.list_check_items().await?)
    }

    /// Adds a check item to the checklist (contractor); returns its id.
    pub async fn add_check_item(&self, session: &Session, item: CheckItemInput) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = add_check_item(&mut tx, &actor, item, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a check item (contractor); returns its new version.
    pub async fn update_check_item(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        item: CheckItemInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RecordOperations, Resource::System)?;
        let current = tx
            .list_check_items()
            .await?
            .into_iter()
            .find(|i| i.id == id)
            .ok_or_else(|| AppError::not_found(&format!("点検項目 #{id}")))?;
        check_version(&current, expected_version)?;
        item.validate()?;
        let version = tx
            .update_check_item(id, expected_version, &item, now)
            .await?;
        audit(
            &mut tx,
            &actor,
            "operations.check_item",
            format!("check_item:{id}"),
            format!(
                "点検項目を変更: {}（{}、{}）",
                item.name,
                item.frequency,
                if item.active { "実施中" } else { "休止" }
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Records one check (contractor); returns its id.
    pub async fn record_check(&self, session: &Session, entry: CheckEntry) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = record_check(&mut tx, &actor, entry, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// A month of the checklist with the checks missed up to today.
    pub async fn check_month(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<CheckMonth> {
        let now = self.now();
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOperations, Resource::System)?;
        read_check_month(&mut tx, year, month, tokyo(now).date_naive()).await
    }

    /// The job nets (contractor and chief).
    pub async fn job_nets(&self, session: &Session) -> AppResult<Vec<JobNet>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOperations, Resource::System)?;
        Ok(tx.list_job_nets().await?)
    }

    /// Adds a job net (contractor); returns its id.
    pub async fn add_job_net(&self, session: &Session, net: JobNetInput) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = add_job_net(&mut tx, &actor, net, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Changes a job net (contractor); returns its new version.
    pub async fn update_job_net(
        &self,
        session: &Session,
        id: i64,
        expected_version: i64,
        net: JobNetInput,
    ) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::RecordOperations, Resource::System)?;
        let current = load_job_net(&mut tx, id).await?;
        check_version(&current, expected_version)?;
        net.validate()?;
        let version = tx.update_job_net(id, expected_version, &net, now).await?;
        audit(
            &mut tx,
            &actor,
            "operations.job_net",
            format!("job_net:{id}"),
            format!(
                "ジョブネットを変更: {}（{}、{}）",
                net.name,
                net.schedule,
                if net.active { "運用中" } else { "休止" }
            ),
            now,
        )
        .await?;
        tx.commit().await?;
        Ok(version)
    }

    /// Records a batch run (contractor); an abnormal end opens a ジョブ異常 incident in the same
    /// transaction.
    pub async fn record_batch_run(
        &self,
        session: &Session,
        run: NewBatchRun,
    ) -> AppResult<RecordedRun> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let recorded = record_run(&mut tx, &actor, run, None, now).await?;
        tx.commit().await?;
        Ok(recorded)
    }

    /// The runs started in one month, oldest first.
    pub async fn batch_runs(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<Vec<BatchRun>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOperations, Resource::System)?;
        let (from, to) = month_range(year, month)?;
        Ok(tx.list_batch_runs(from, to).await?)
    }

    /// Records maintenance work under an approved change (contractor); returns its id.
    pub async fn record_work(&self, session: &Session, work: NewWorkRecord) -> AppResult<i64> {
        let now = self.now();
        let mut tx = self.begin().await?;
        let actor = self.actor(&mut tx, session).await?;
        let id = record_work(&mut tx, &actor, work, now).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The work that ended in one month, oldest first.
    pub async fn work_records(
        &self,
        session: &Session,
        year: i32,
        month: u32,
    ) -> AppResult<Vec<WorkRecord>> {
        let mut tx = self.begin_read().await?;
        let actor = self.actor(&mut tx, session).await?;
        authorize(&actor, Action::ViewOperations, Resource::System)?;
        let (from, to) = month_range(year, month)?;
        Ok(tx.list_work_records(from, to).await?)
    }
}
