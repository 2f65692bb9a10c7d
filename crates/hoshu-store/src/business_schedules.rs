//! 業務日程表: the versions of each month's schedule and their entries (migration 0013).
//!
//! Entries change only while their version is 作成中: the statement that replaces them checks
//! the status itself, so a submitted, returned or approved version stays as it was even if a
//! use case forgot to ask.

use crate::Tx;
use crate::columns::{Clock, Code, Day, Millis, Narrow, Opt};
use crate::error::{Result, StoreError, when_taken};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_core::business_schedule::{
    EntryCategory, EntrySource, ScheduleEntry, ScheduleMonth, ScheduleStatus,
};

/// One version of a month's schedule, without its entries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ScheduleVersion {
    pub id: i64,
    #[sqlx(try_from = "Narrow<i32>")]
    pub year: i32,
    #[sqlx(try_from = "Narrow<u32>")]
    pub month: u32,
    /// 第n版.
    pub edition: i64,
    #[sqlx(try_from = "Code<ScheduleStatus>")]
    pub status: ScheduleStatus,
    pub revised_from: Option<i64>,
    pub created_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    pub submitted_by_name: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub submitted_at: Option<DateTime<Utc>>,
    pub decided_by_name: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
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

/// The columns of a [`ScheduleEntry`].
#[derive(sqlx::FromRow)]
struct EntryColumns {
    #[sqlx(try_from = "Day")]
    day: NaiveDate,
    #[sqlx(try_from = "Code<EntryCategory>")]
    category: EntryCategory,
    title: String,
    #[sqlx(try_from = "Opt<Clock>")]
    starts: Option<NaiveTime>,
    #[sqlx(try_from = "Opt<Clock>")]
    ends: Option<NaiveTime>,
    note: String,
    #[sqlx(try_from = "Code<EntrySource>")]
    source: EntrySource,
    source_id: Option<i64>,
}

impl From<EntryColumns> for ScheduleEntry {
    fn from(c: EntryColumns) -> Self {
        ScheduleEntry {
            day: c.day,
            category: c.category,
            title: c.title,
            starts: c.starts,
            ends: c.ends,
            note: c.note,
            source: c.source,
            source_id: c.source_id,
        }
    }
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
        .bind(Code(ScheduleStatus::Draft))
        .bind(revised_from)
        .bind(created_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await;
        let id = when_taken(inserted, || StoreError::Constraint {
            message: format!(
                "{}年{}月の業務日程表の第{edition}版は既に作成されています。",
                month.year, month.month
            ),
        })?;
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
            .bind(Day(e.day))
            .bind(Code(e.category))
            .bind(&e.title)
            .bind(e.starts.map(Clock))
            .bind(e.ends.map(Clock))
            .bind(&e.note)
            .bind(Code(e.source))
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
        .bind(Millis(now))
        .bind(Code(ScheduleStatus::Draft))
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
            .bind(Code(step.from))
            .bind(Code(step.to))
            .bind(step.by)
            .bind(Millis(now));
        if step.to != ScheduleStatus::Submitted {
            q = q.bind(step.comment);
        }
        let version = q.fetch_optional(self.conn()).await?;
        self.versioned("business_schedules", id, what(id), version)
            .await
    }

    /// One version with its entries.
    pub async fn business_schedule(&mut self, id: i64) -> Result<Option<BusinessSchedule>> {
        let header = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        let Some(header) = header else {
            return Ok(None);
        };
        let rows: Vec<EntryColumns> = sqlx::query_as(
            "SELECT day, category, title, starts, ends, note, source, source_id \
             FROM business_schedule_entries WHERE schedule_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?;
        let entries = rows.into_iter().map(Into::into).collect();
        Ok(Some(BusinessSchedule { header, entries }))
    }

    /// Every version of a month, first edition first.
    pub async fn business_schedule_versions(
        &mut self,
        month: ScheduleMonth,
    ) -> Result<Vec<ScheduleVersion>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.year = $1 AND s.month = $2 ORDER BY s.edition"
        )))
        .bind(i64::from(month.year))
        .bind(i64::from(month.month))
        .fetch_all(self.conn())
        .await?)
    }

    /// The newest version of each month in `[from, to]`, by month.
    pub async fn latest_business_schedules(
        &mut self,
        from: ScheduleMonth,
        to: ScheduleMonth,
    ) -> Result<Vec<ScheduleVersion>> {
        let key = |m: ScheduleMonth| i64::from(m.year) * 100 + i64::from(m.month);
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "{VERSION_SELECT} WHERE s.year * 100 + s.month BETWEEN $1 AND $2 \
             AND s.edition = (SELECT MAX(e.edition) FROM business_schedules e \
             WHERE e.year = s.year AND e.month = s.month) ORDER BY s.year, s.month"
        )))
        .bind(key(from))
        .bind(key(to))
        .fetch_all(self.conn())
        .await?)
    }
}
