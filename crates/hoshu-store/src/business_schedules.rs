//! 業務日程表: the versions of each month's schedule and their entries (migration 0013).
//!
//! Entries change only while their version is 作成中: the statement that replaces them checks
//! the status itself, so a submitted, returned or approved version stays as it was even if a
//! use case forgot to ask.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::register::{date_text, get_date};
use crate::sql::{get, get_code, get_opt_time, get_time, ms};
use chrono::{DateTime, NaiveTime, Utc};
use hoshu_core::business_schedule::{
    EntryCategory, EntrySource, ScheduleEntry, ScheduleMonth, ScheduleStatus,
};
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;

/// One version of a month's schedule, without its entries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleVersion {
    pub id: i64,
    pub year: i32,
    pub month: u32,
    /// 第n版.
    pub edition: i64,
    pub status: ScheduleStatus,
    pub revised_from: Option<i64>,
    pub created_by_name: String,
    pub created_at: DateTime<Utc>,
    pub submitted_by_name: Option<String>,
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decision_comment: String,
    /// The row's version for optimistic locking (not the edition).
    pub version: i64,
}

/// A version with its entries, in their order.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BusinessSchedule {
    #[serde(flatten)]
    pub header: ScheduleVersion,
    pub entries: Vec<ScheduleEntry>,
}

/// A step taken on a version: who, when, and the comment of a decision.
#[derive(Debug, Clone, Copy)]
pub struct ScheduleStep<'a> {
    pub from: ScheduleStatus,
    pub to: ScheduleStatus,
    pub by: i64,
    pub comment: &'a str,
}

const VERSION_SELECT: &str = "SELECT s.id, s.year, s.month, s.edition, s.status, \
     s.revised_from, c.display_name AS created_by_name, s.created_at, \
     sb.display_name AS submitted_by_name, s.submitted_at, \
     d.display_name AS decided_by_name, s.decided_at, s.decision_comment, s.version \
     FROM business_schedules s JOIN accounts c ON c.id = s.created_by \
     LEFT JOIN accounts sb ON sb.id = s.submitted_by \
     LEFT JOIN accounts d ON d.id = s.decided_by";

fn version_row(row: &AnyRow) -> Result<ScheduleVersion> {
    let year: i64 = get(row, "year")?;
    let month: i64 = get(row, "month")?;
    Ok(ScheduleVersion {
        id: get(row, "id")?,
        year: i32::try_from(year).map_err(|_| StoreError::corrupt(format!("列 year: {year}")))?,
        month: u32::try_from(month)
            .map_err(|_| StoreError::corrupt(format!("列 month: {month}")))?,
        edition: get(row, "edition")?,
        status: get_code(row, "status", ScheduleStatus::from_code)?,
        revised_from: get(row, "revised_from")?,
        created_by_name: get(row, "created_by_name")?,
        created_at: get_time(row, "created_at")?,
        submitted_by_name: get(row, "submitted_by_name")?,
        submitted_at: get_opt_time(row, "submitted_at")?,
        decided_by_name: get(row, "decided_by_name")?,
        decided_at: get_opt_time(row, "decided_at")?,
        decision_comment: get(row, "decision_comment")?,
        version: get(row, "version")?,
    })
}

fn opt_hm(row: &AnyRow, col: &str) -> Result<Option<NaiveTime>> {
    get::<Option<String>>(row, col)?
        .map(|s| {
            NaiveTime::parse_from_str(&s, "%H:%M")
                .map_err(|_| StoreError::corrupt(format!("列 {col}: 時刻として読めない値「{s}」")))
        })
        .transpose()
}

fn entry_row(row: &AnyRow) -> Result<ScheduleEntry> {
    Ok(ScheduleEntry {
        day: get_date(row, "day")?,
        category: get_code(row, "category", EntryCategory::from_code)?,
        title: get(row, "title")?,
        starts: opt_hm(row, "starts")?,
        ends: opt_hm(row, "ends")?,
        note: get(row, "note")?,
        source: get_code(row, "source", EntrySource::from_code)?,
        source_id: get(row, "source_id")?,
    })
}

fn what(id: i64) -> String {
    format!("業務日程表 #{id}")
}

impl Tx<'_> {
    /// A new version of a month's schedule, 作成中, with its entries. The edition is unique
    /// per month: two people drafting the same month at once make one version, not two.
    pub async fn insert_business_schedule(
        &mut self,
        month: ScheduleMonth,
        edition: i64,
        revised_from: Option<i64>,
        entries: &[ScheduleEntry],
        created_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let inserted = sqlx::query_scalar::<_, i64>(
            "INSERT INTO business_schedules (year, month, edition, status, revised_from, \
             created_by, created_at, updated_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 1) RETURNING id",
        )
        .bind(i64::from(month.year))
        .bind(i64::from(month.month))
        .bind(edition)
        .bind(ScheduleStatus::Draft.code())
        .bind(revised_from)
        .bind(created_by)
        .bind(ms(now))
        .fetch_one(self.conn())
        .await;
        let id = match inserted {
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => {
                return Err(StoreError::Constraint {
                    message: format!(
                        "{}年{}月の業務日程表の第{edition}版は既に作成されています。",
                        month.year, month.month
                    ),
                });
            }
            other => other?,
        };
        self.insert_schedule_entries(id, entries).await?;
        Ok(id)
    }

    async fn insert_schedule_entries(&mut self, id: i64, entries: &[ScheduleEntry]) -> Result<()> {
        for (position, e) in entries.iter().enumerate() {
            sqlx::query(
                "INSERT INTO business_schedule_entries (schedule_id, position, day, category, \
                 title, starts, ends, note, source, source_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(date_text(e.day))
            .bind(e.category.code())
            .bind(&e.title)
            .bind(e.starts.map(|t| t.format("%H:%M").to_string()))
            .bind(e.ends.map(|t| t.format("%H:%M").to_string()))
            .bind(&e.note)
            .bind(e.source.code())
            .bind(e.source_id)
            .execute(self.conn())
            .await?;
        }
        Ok(())
    }

    /// Replaces a draft's entries; refuses a stale version, and a version no longer 作成中.
    /// Returns the new row version.
    pub async fn replace_business_schedule_entries(
        &mut self,
        id: i64,
        expected_version: i64,
        entries: &[ScheduleEntry],
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let version = sqlx::query_scalar::<_, i64>(
            "UPDATE business_schedules SET updated_at = $3, version = version + 1 \
             WHERE id = $1 AND version = $2 AND status = $4 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(ms(now))
        .bind(ScheduleStatus::Draft.code())
        .fetch_optional(self.conn())
        .await?;
        let version = self
            .versioned("business_schedules", id, what(id), version)
            .await?;
        sqlx::query("DELETE FROM business_schedule_entries WHERE schedule_id = $1")
            .bind(id)
            .execute(self.conn())
            .await?;
        self.insert_schedule_entries(id, entries).await?;
        Ok(version)
    }

    /// Moves a version from `step.from` to `step.to`, recording who submitted or decided and
    /// the decision's comment; refuses a stale version. Returns the new row version.
    pub async fn step_business_schedule(
        &mut self,
        id: i64,
        expected_version: i64,
        step: ScheduleStep<'_>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let sql = if step.to == ScheduleStatus::Submitted {
            "UPDATE business_schedules SET status = $4, submitted_by = $5, submitted_at = $6, \
             updated_at = $6, version = version + 1 \
             WHERE id = $1 AND version = $2 AND status = $3 RETURNING version"
        } else {
            "UPDATE business_schedules SET status = $4, decided_by = $5, decided_at = $6, \
             decision_comment = $7, updated_at = $6, version = version + 1 \
             WHERE id = $1 AND version = $2 AND status = $3 RETURNING version"
        };
        let mut q = sqlx::query_scalar::<_, i64>(sql)
            .bind(id)
            .bind(expected_version)
            .bind(step.from.code())
            .bind(step.to.code())
            .bind(step.by)
            .bind(ms(now));
        if step.to != ScheduleStatus::Submitted {
            q = q.bind(step.comment);
        }
        let version = q.fetch_optional(self.conn()).await?;
        self.versioned("business_schedules", id, what(id), version)
            .await
    }

    /// One version with its entries.
    pub async fn business_schedule(&mut self, id: i64) -> Result<Option<BusinessSchedule>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let header = version_row(&row)?;
        let rows = sqlx::query(
            "SELECT day, category, title, starts, ends, note, source, source_id \
             FROM business_schedule_entries WHERE schedule_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?;
        let entries = rows.iter().map(entry_row).collect::<Result<_>>()?;
        Ok(Some(BusinessSchedule { header, entries }))
    }

    /// Every version of a month, first edition first.
    pub async fn business_schedule_versions(
        &mut self,
        month: ScheduleMonth,
    ) -> Result<Vec<ScheduleVersion>> {
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.year = $1 AND s.month = $2 ORDER BY s.edition"
        )))
        .bind(i64::from(month.year))
        .bind(i64::from(month.month))
        .fetch_all(self.conn())
        .await?;
        rows.iter().map(version_row).collect()
    }

    /// The newest version of each month in `[from, to]`, by month.
    pub async fn latest_business_schedules(
        &mut self,
        from: ScheduleMonth,
        to: ScheduleMonth,
    ) -> Result<Vec<ScheduleVersion>> {
        let key = |m: ScheduleMonth| i64::from(m.year) * 100 + i64::from(m.month);
        let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.year * 100 + s.month BETWEEN $1 AND $2 \
             AND s.edition = (SELECT MAX(e.edition) FROM business_schedules e \
             WHERE e.year = s.year AND e.month = s.month) ORDER BY s.year, s.month"
        )))
        .bind(key(from))
        .bind(key(to))
        .fetch_all(self.conn())
        .await?;
        rows.iter().map(version_row).collect()
    }
}
