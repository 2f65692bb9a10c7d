//! The handover plan's versions. A save never overwrites: it adds the next version as a
//! draft on top of the version the person saw. Submitting and deciding change the status of
//! the newest version only, from the status the rule expects, so two terminals deciding at
//! once cannot both win.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::sql::{get, get_code, get_opt_time, get_time, ms};
use chrono::{DateTime, Utc};
use hoshu_core::handover::{HandoverPlanDraft, HandoverPlanStatus, HandoverPlanVersion};
use sqlx::any::AnyRow;
use sqlx::error::ErrorKind;

const COLUMNS: &str = "h.version, h.content, h.status, a.display_name AS edited_by_name, \
     h.edited_at, h.submitted_at, d.display_name AS decided_by_name, h.decided_at, \
     h.return_reason";
const FROM: &str = "FROM handover_plan_versions h JOIN accounts a ON a.id = h.edited_by \
     LEFT JOIN accounts d ON d.id = h.decided_by";
const NEWEST: &str = "(SELECT MAX(version) FROM handover_plan_versions)";

fn version_row(row: &AnyRow) -> Result<HandoverPlanVersion> {
    let content: String = get(row, "content")?;
    Ok(HandoverPlanVersion {
        version: get(row, "version")?,
        plan: serde_json::from_str(&content)
            .map_err(|e| StoreError::corrupt(format!("引継計画書の内容: {e}")))?,
        status: get_code(row, "status", HandoverPlanStatus::from_code)?,
        edited_by_name: get(row, "edited_by_name")?,
        edited_at: get_time(row, "edited_at")?,
        submitted_at: get_opt_time(row, "submitted_at")?,
        decided_by_name: get(row, "decided_by_name")?,
        decided_at: get_opt_time(row, "decided_at")?,
        return_reason: get(row, "return_reason")?,
    })
}

fn stale() -> StoreError {
    StoreError::stale("引継計画書")
}

/// A step on the newest version from the expected status changes exactly one row; none means
/// another terminal moved the plan first.
fn changed_one(rows: u64) -> Result<()> {
    if rows == 1 { Ok(()) } else { Err(stale()) }
}

impl Tx<'_> {
    /// Saves `plan` as a new draft version on top of `current_version` (0 when there is no
    /// plan yet); returns the new version, or [`StoreError::Stale`] when someone saved first.
    pub async fn insert_handover_plan_version(
        &mut self,
        current_version: i64,
        plan: &HandoverPlanDraft,
        edited_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let latest = sqlx::query_scalar::<_, i64>(
            "SELECT COALESCE(MAX(version), 0) FROM handover_plan_versions",
        )
        .fetch_one(self.conn())
        .await?;
        if latest != current_version {
            return Err(stale());
        }
        let content = serde_json::to_string(plan)
            .map_err(|e| StoreError::corrupt(format!("引継計画書の内容: {e}")))?;
        let version = current_version + 1;
        let done = sqlx::query(
            "INSERT INTO handover_plan_versions (version, content, status, edited_by, edited_at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(version)
        .bind(content)
        .bind(HandoverPlanStatus::Draft.code())
        .bind(edited_by)
        .bind(ms(now))
        .execute(self.conn())
        .await;
        match done {
            Ok(_) => Ok(version),
            // A concurrent save took the same version number first.
            Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => {
                Err(stale())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Submits `version` when it is the newest and still `from`.
    pub async fn submit_handover_plan(
        &mut self,
        version: i64,
        from: HandoverPlanStatus,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE handover_plan_versions SET status = $1, submitted_at = $2 \
             WHERE version = $3 AND status = $4 AND version = {NEWEST}"
        )))
        .bind(HandoverPlanStatus::Submitted.code())
        .bind(ms(now))
        .bind(version)
        .bind(from.code())
        .execute(self.conn())
        .await?;
        changed_one(done.rows_affected())
    }

    /// Approves (`return_reason` `None`) or returns the submitted newest `version`.
    pub async fn decide_handover_plan(
        &mut self,
        version: i64,
        decided_by: i64,
        return_reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let to = if return_reason.is_some() {
            HandoverPlanStatus::Returned
        } else {
            HandoverPlanStatus::Approved
        };
        let done = sqlx::query(sqlx::AssertSqlSafe(format!(
            "UPDATE handover_plan_versions \
             SET status = $1, decided_by = $2, decided_at = $3, return_reason = $4 \
             WHERE version = $5 AND status = $6 AND version = {NEWEST}"
        )))
        .bind(to.code())
        .bind(decided_by)
        .bind(ms(now))
        .bind(return_reason)
        .bind(version)
        .bind(HandoverPlanStatus::Submitted.code())
        .execute(self.conn())
        .await?;
        changed_one(done.rows_affected())
    }

    /// The newest version, whatever its status.
    pub async fn current_handover_plan(&mut self) -> Result<Option<HandoverPlanVersion>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE h.version = {NEWEST}"
        )))
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(version_row).transpose()
    }

    /// The newest approved version: the plan in force.
    pub async fn approved_handover_plan(&mut self) -> Result<Option<HandoverPlanVersion>> {
        let row = sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE h.status = $1 ORDER BY h.version DESC LIMIT 1"
        )))
        .bind(HandoverPlanStatus::Approved.code())
        .fetch_optional(self.conn())
        .await?;
        row.as_ref().map(version_row).transpose()
    }

    /// Every version, newest first.
    pub async fn handover_plan_history(&mut self) -> Result<Vec<HandoverPlanVersion>> {
        sqlx::query(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} ORDER BY h.version DESC"
        )))
        .fetch_all(self.conn())
        .await?
        .iter()
        .map(version_row)
        .collect()
    }
}
