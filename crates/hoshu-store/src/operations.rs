//! The operations log: check items and the checks done, job nets and their runs, and
//! maintenance work under an approved change (migration 0010).

use crate::Tx;
use crate::columns::{Clock, Code, Day, Flag, Millis, Narrow};
use crate::error::{Result, StoreError, when_taken};
use crate::requests::external_refs;
use crate::sql::Sql;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckFrequency, CheckItemInput, CheckResult, JobNetInput,
    JobNetSchedule, NewBatchRun, NewWorkRecord, WorkKind,
};
use sqlx::error::ErrorKind;
use std::collections::BTreeMap;

/// A check item as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckItem {
    pub id: i64,
    #[serde(flatten)]
    #[sqlx(flatten, try_from = "CheckItemColumns")]
    pub item: CheckItemInput,
    pub version: i64,
}

/// A check as recorded.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckRecord {
    pub id: i64,
    #[serde(flatten)]
    #[sqlx(flatten, try_from = "CheckEntryColumns")]
    pub entry: CheckEntry,
    pub item_name: String,
    pub checked_by: i64,
    pub checked_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub checked_at: DateTime<Utc>,
}

/// A job net as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct JobNet {
    pub id: i64,
    #[serde(flatten)]
    #[sqlx(flatten, try_from = "JobNetColumns")]
    pub net: JobNetInput,
    pub version: i64,
}

/// A batch run as recorded, with the incident its abnormal end opened and the run that
/// repeated it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BatchRun {
    pub id: i64,
    #[serde(flatten)]
    #[sqlx(flatten, try_from = "BatchRunColumns")]
    pub run: NewBatchRun,
    pub job_net_name: String,
    pub incident_id: Option<i64>,
    /// The first run recorded as re-running this one.
    pub rerun_by: Option<i64>,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub recorded_at: DateTime<Utc>,
}

/// Maintenance work as recorded, with the change it was done under.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WorkRecord {
    pub id: i64,
    #[serde(flatten)]
    #[sqlx(flatten, try_from = "WorkColumns")]
    pub work: NewWorkRecord,
    pub change_title: String,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub recorded_at: DateTime<Utc>,
}

fn reference_error(e: sqlx::Error, what: &str) -> StoreError {
    match e {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            StoreError::Constraint {
                message: format!("{what}は登録されていません。"),
            }
        }
        other => other.into(),
    }
}

/// The columns of a [`CheckItemInput`].
#[derive(sqlx::FromRow)]
struct CheckItemColumns {
    name: String,
    #[sqlx(try_from = "Code<CheckFrequency>")]
    frequency: CheckFrequency,
    #[sqlx(try_from = "Day")]
    since: NaiveDate,
    #[sqlx(try_from = "Flag")]
    active: bool,
}

impl From<CheckItemColumns> for CheckItemInput {
    fn from(c: CheckItemColumns) -> Self {
        CheckItemInput {
            name: c.name,
            frequency: c.frequency,
            since: c.since,
            active: c.active,
        }
    }
}

/// The columns of a [`CheckEntry`].
#[derive(sqlx::FromRow)]
struct CheckEntryColumns {
    item_id: i64,
    #[sqlx(try_from = "Day")]
    day: NaiveDate,
    #[sqlx(try_from = "Code<CheckResult>")]
    result: CheckResult,
    note: String,
}

impl From<CheckEntryColumns> for CheckEntry {
    fn from(c: CheckEntryColumns) -> Self {
        CheckEntry {
            item_id: c.item_id,
            day: c.day,
            result: c.result,
            note: c.note,
        }
    }
}

/// The columns of a [`JobNetInput`].
#[derive(sqlx::FromRow)]
struct JobNetColumns {
    name: String,
    #[sqlx(try_from = "Code<JobNetSchedule>")]
    schedule: JobNetSchedule,
    #[sqlx(try_from = "Clock")]
    planned_start: NaiveTime,
    #[sqlx(try_from = "Narrow<u32>")]
    planned_minutes: u32,
    #[sqlx(try_from = "Flag")]
    active: bool,
}

impl From<JobNetColumns> for JobNetInput {
    fn from(c: JobNetColumns) -> Self {
        JobNetInput {
            name: c.name,
            schedule: c.schedule,
            planned_start: c.planned_start,
            planned_minutes: c.planned_minutes,
            active: c.active,
        }
    }
}

/// The columns of a [`NewBatchRun`].
#[derive(sqlx::FromRow)]
struct BatchRunColumns {
    job_net_id: i64,
    #[sqlx(try_from = "Millis")]
    planned_start: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    planned_end: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    started_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    ended_at: DateTime<Utc>,
    #[sqlx(try_from = "Code<BatchResult>")]
    result: BatchResult,
    processed_count: i64,
    note: String,
    rerun_of: Option<i64>,
}

impl From<BatchRunColumns> for NewBatchRun {
    fn from(c: BatchRunColumns) -> Self {
        NewBatchRun {
            job_net_id: c.job_net_id,
            planned_start: c.planned_start,
            planned_end: c.planned_end,
            started_at: c.started_at,
            ended_at: c.ended_at,
            result: c.result,
            processed_count: c.processed_count,
            note: c.note,
            rerun_of: c.rerun_of,
        }
    }
}

/// The columns of a [`NewWorkRecord`].
#[derive(sqlx::FromRow)]
struct WorkColumns {
    change_id: i64,
    #[sqlx(try_from = "Code<WorkKind>")]
    kind: WorkKind,
    #[sqlx(try_from = "Millis")]
    started_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    ended_at: DateTime<Utc>,
    note: String,
}

impl From<WorkColumns> for NewWorkRecord {
    fn from(c: WorkColumns) -> Self {
        NewWorkRecord {
            change_id: c.change_id,
            kind: c.kind,
            started_at: c.started_at,
            ended_at: c.ended_at,
            note: c.note,
        }
    }
}

const RUN_SELECT: &str = "SELECT b.id, b.job_net_id, b.planned_start, b.planned_end, \
     b.started_at, b.ended_at, b.result, b.processed_count, b.note, b.rerun_of, b.incident_id, \
     (SELECT MIN(r.id) FROM batch_runs r WHERE r.rerun_of = b.id) AS rerun_by, \
     j.name AS job_net_name, b.recorded_by, a.display_name AS recorded_by_name, b.recorded_at \
     FROM batch_runs b JOIN job_nets j ON j.id = b.job_net_id \
     JOIN accounts a ON a.id = b.recorded_by";

impl Tx<'_> {
    // ---- check items and checks ----------------------------------------------------------

    pub async fn insert_check_item(
        &mut self,
        item: &CheckItemInput,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO check_items (name, frequency, since, active, created_at, updated_at, \
             version) VALUES ($1, $2, $3, $4, $5, $5, 1) RETURNING id",
        )
        .bind(&item.name)
        .bind(Code(item.frequency))
        .bind(Day(item.since))
        .bind(Flag(item.active))
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// Replaces a check item's settings; refuses a stale version. Returns the new version.
    pub async fn update_check_item(
        &mut self,
        id: i64,
        expected_version: i64,
        item: &CheckItemInput,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let version = sqlx::query_scalar::<_, i64>(
            "UPDATE check_items SET name = $3, frequency = $4, since = $5, active = $6, \
             updated_at = $7, version = version + 1 WHERE id = $1 AND version = $2 \
             RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&item.name)
        .bind(Code(item.frequency))
        .bind(Day(item.since))
        .bind(Flag(item.active))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("check_items", id, format!("点検項目 #{id}"), version)
            .await
    }

    /// Every check item, in the order they were added.
    pub async fn list_check_items(&mut self) -> Result<Vec<CheckItem>> {
        Ok(sqlx::query_as(
            "SELECT id, name, frequency, since, active, version FROM check_items ORDER BY id",
        )
        .fetch_all(self.conn())
        .await?)
    }

    /// Records a check; one per item and day.
    pub async fn insert_check_record(
        &mut self,
        entry: &CheckEntry,
        checked_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO check_records (item_id, day, result, note, checked_by, checked_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(entry.item_id)
        .bind(Day(entry.day))
        .bind(Code(entry.result))
        .bind(&entry.note)
        .bind(checked_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await;
        match result {
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => {
                Err(StoreError::Constraint {
                    message: format!(
                        "点検項目 #{} の{}の点検は既に記録されています。",
                        entry.item_id,
                        hoshu_core::wareki::long(entry.day)
                    ),
                })
            }
            other => other.map_err(|e| reference_error(e, &format!("点検項目 #{}", entry.item_id))),
        }
    }

    /// Checks for the days in `[from, to)`, by day then item.
    pub async fn list_check_records(
        &mut self,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<CheckRecord>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.item_id, c.day, c.result, c.note, i.name AS item_name, c.checked_by, \
             a.display_name AS checked_by_name, c.checked_at FROM check_records c \
             JOIN check_items i ON i.id = c.item_id JOIN accounts a ON a.id = c.checked_by \
             WHERE c.day >= $1 AND c.day < $2 ORDER BY c.day, c.item_id",
        )
        .bind(Day(from))
        .bind(Day(to))
        .fetch_all(self.conn())
        .await?)
    }

    // ---- job nets and runs ---------------------------------------------------------------

    pub async fn insert_job_net(&mut self, net: &JobNetInput, now: DateTime<Utc>) -> Result<i64> {
        let result = sqlx::query_scalar::<_, i64>(
            "INSERT INTO job_nets (name, schedule, planned_start, planned_minutes, active, \
             created_at, updated_at, version) VALUES ($1, $2, $3, $4, $5, $6, $6, 1) RETURNING id",
        )
        .bind(&net.name)
        .bind(Code(net.schedule))
        .bind(Clock(net.planned_start))
        .bind(i64::from(net.planned_minutes))
        .bind(Flag(net.active))
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await;
        self.job_net_name_taken(result, &net.name)
    }

    fn job_net_name_taken<T>(&self, result: sqlx::Result<T>, name: &str) -> Result<T> {
        when_taken(result, || StoreError::Constraint {
            message: format!("ジョブネット「{name}」は既に登録されています。"),
        })
    }

    /// Replaces a job net's settings; refuses a stale version. Returns the new version.
    pub async fn update_job_net(
        &mut self,
        id: i64,
        expected_version: i64,
        net: &JobNetInput,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let result = sqlx::query_scalar::<_, i64>(
            "UPDATE job_nets SET name = $3, schedule = $4, planned_start = $5, \
             planned_minutes = $6, active = $7, updated_at = $8, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(&net.name)
        .bind(Code(net.schedule))
        .bind(Clock(net.planned_start))
        .bind(i64::from(net.planned_minutes))
        .bind(Flag(net.active))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await;
        let version = self.job_net_name_taken(result, &net.name)?;
        self.versioned("job_nets", id, format!("ジョブネット #{id}"), version)
            .await
    }

    /// Every job net, by name.
    pub async fn list_job_nets(&mut self) -> Result<Vec<JobNet>> {
        Ok(sqlx::query_as(
            "SELECT id, name, schedule, planned_start, planned_minutes, active, version \
             FROM job_nets ORDER BY name",
        )
        .fetch_all(self.conn())
        .await?)
    }

    pub async fn get_job_net(&mut self, id: i64) -> Result<Option<JobNet>> {
        Ok(sqlx::query_as(
            "SELECT id, name, schedule, planned_start, planned_minutes, active, version \
             FROM job_nets WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }

    /// Records a run, with the scheduler's reference when imported; returns its id.
    pub async fn insert_batch_run(
        &mut self,
        run: &NewBatchRun,
        external_ref: Option<&str>,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO batch_runs (job_net_id, planned_start, planned_end, started_at, \
             ended_at, result, processed_count, note, rerun_of, recorded_by, recorded_at, \
             external_ref) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
        )
        .bind(run.job_net_id)
        .bind(Millis(run.planned_start))
        .bind(Millis(run.planned_end))
        .bind(Millis(run.started_at))
        .bind(Millis(run.ended_at))
        .bind(Code(run.result))
        .bind(run.processed_count)
        .bind(&run.note)
        .bind(run.rerun_of)
        .bind(recorded_by)
        .bind(Millis(now))
        .bind(external_ref)
        .fetch_one(self.conn())
        .await
        .map_err(|e| reference_error(e, "ジョブネットまたは再実行元の実行"))
    }

    /// `external_ref → id` of the runs among `refs` already imported.
    pub async fn batch_runs_by_external_ref(
        &mut self,
        refs: &[String],
    ) -> Result<BTreeMap<String, i64>> {
        external_refs(self, "batch_runs", refs).await
    }

    /// Links a run to the incident its abnormal end opened.
    pub async fn set_batch_run_incident(&mut self, id: i64, incident_id: i64) -> Result<()> {
        let done = sqlx::query("UPDATE batch_runs SET incident_id = $2 WHERE id = $1")
            .bind(id)
            .bind(incident_id)
            .execute(self.conn())
            .await
            .map_err(|e| reference_error(e, &format!("障害 #{incident_id}")))?;
        if done.rows_affected() == 0 {
            return Err(StoreError::not_found(format!("バッチ実行 #{id}")));
        }
        Ok(())
    }

    pub async fn get_batch_run(&mut self, id: i64) -> Result<Option<BatchRun>> {
        let mut sql = Sql::new(RUN_SELECT);
        sql.push(" WHERE b.id = ").bind(id);
        Ok(sql.build_as()?.fetch_optional(self.conn()).await?)
    }

    /// Runs started in `[from, to)`, oldest first.
    pub async fn list_batch_runs(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<BatchRun>> {
        let mut sql = Sql::new(RUN_SELECT);
        sql.push(" WHERE b.started_at >= ")
            .bind(Millis(from))
            .push(" AND b.started_at < ")
            .bind(Millis(to))
            .push(" ORDER BY b.started_at, b.id");
        Ok(sql.build_as()?.fetch_all(self.conn()).await?)
    }

    // ---- maintenance work ----------------------------------------------------------------

    pub async fn insert_work_record(
        &mut self,
        work: &NewWorkRecord,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        sqlx::query_scalar::<_, i64>(
            "INSERT INTO work_records (change_id, kind, started_at, ended_at, note, recorded_by, \
             recorded_at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(work.change_id)
        .bind(Code(work.kind))
        .bind(Millis(work.started_at))
        .bind(Millis(work.ended_at))
        .bind(&work.note)
        .bind(recorded_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await
        .map_err(|e| reference_error(e, &format!("変更 #{}", work.change_id)))
    }

    /// Work that ended in `[from, to)`, oldest first.
    pub async fn list_work_records(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<WorkRecord>> {
        Ok(sqlx::query_as(
            "SELECT w.id, w.change_id, w.kind, w.started_at, w.ended_at, w.note, \
             c.title AS change_title, w.recorded_by, a.display_name AS recorded_by_name, \
             w.recorded_at FROM work_records w JOIN changes c ON c.id = w.change_id \
             JOIN accounts a ON a.id = w.recorded_by \
             WHERE w.ended_at >= $1 AND w.ended_at < $2 ORDER BY w.ended_at, w.id",
        )
        .bind(Millis(from))
        .bind(Millis(to))
        .fetch_all(self.conn())
        .await?)
    }
}
