//! The handover plan's versions. A save never overwrites: it adds the next version as a
//! draft on top of the version the person saw. Submitting and deciding change the status of
//! the newest version only, from the status the rule expects, so two terminals deciding at
//! once cannot both win.

use crate::Tx;
use crate::columns::{Code, Millis, Opt};
use crate::error::{Result, StoreError, when_taken};
use chrono::{DateTime, Utc};
use hoshu_core::handover::{HandoverPlanDraft, HandoverPlanStatus, HandoverPlanVersion};

const COLUMNS: &str = "h.version, h.content, h.status, a.display_name AS edited_by_name, \
     h.edited_at, h.submitted_at, d.display_name AS decided_by_name, h.decided_at, \
     h.return_reason";
const FROM: &str = "FROM handover_plan_versions h JOIN accounts a ON a.id = h.edited_by \
     LEFT JOIN accounts d ON d.id = h.decided_by";
const NEWEST: &str = "(SELECT MAX(version) FROM handover_plan_versions)";

/// The columns of a [`HandoverPlanVersion`], the plan still as the JSON it is stored as.
#[derive(sqlx::FromRow)]
struct VersionColumns {
    version: i64,
    content: String,
    #[sqlx(try_from = "Code<HandoverPlanStatus>")]
    status: HandoverPlanStatus,
    edited_by_name: String,
    #[sqlx(try_from = "Millis")]
    edited_at: DateTime<Utc>,
    #[sqlx(try_from = "Opt<Millis>")]
    submitted_at: Option<DateTime<Utc>>,
    decided_by_name: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
    decided_at: Option<DateTime<Utc>>,
    return_reason: Option<String>,
}

impl TryFrom<VersionColumns> for HandoverPlanVersion {
    type Error = StoreError;

    fn try_from(c: VersionColumns) -> Result<Self> {
        Ok(HandoverPlanVersion {
            version: c.version,
            plan: serde_json::from_str(&c.content)
                .map_err(|e| StoreError::corrupt(format!("引継計画書の内容: {e}")))?,
            status: c.status,
            edited_by_name: c.edited_by_name,
            edited_at: c.edited_at,
            submitted_at: c.submitted_at,
            decided_by_name: c.decided_by_name,
            decided_at: c.decided_at,
            return_reason: c.return_reason,
        })
    }
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
        .bind(Code(HandoverPlanStatus::Draft))
        .bind(edited_by)
        .bind(Millis(now))
        .execute(self.conn())
        .await;
        // A concurrent save may have taken the same version number first.
        when_taken(done, stale)?;
        Ok(version)
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
        .bind(Code(HandoverPlanStatus::Submitted))
        .bind(Millis(now))
        .bind(version)
        .bind(Code(from))
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
        .bind(Code(to))
        .bind(decided_by)
        .bind(Millis(now))
        .bind(return_reason)
        .bind(version)
        .bind(Code(HandoverPlanStatus::Submitted))
        .execute(self.conn())
        .await?;
        changed_one(done.rows_affected())
    }

    /// The newest version, whatever its status.
    pub async fn current_handover_plan(&mut self) -> Result<Option<HandoverPlanVersion>> {
        let row: Option<VersionColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE h.version = {NEWEST}"
        )))
        .fetch_optional(self.conn())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// The newest approved version: the plan in force.
    pub async fn approved_handover_plan(&mut self) -> Result<Option<HandoverPlanVersion>> {
        let row: Option<VersionColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE h.status = $1 ORDER BY h.version DESC LIMIT 1"
        )))
        .bind(Code(HandoverPlanStatus::Approved))
        .fetch_optional(self.conn())
        .await?;
        row.map(TryInto::try_into).transpose()
    }

    /// Every version, newest first.
    pub async fn handover_plan_history(&mut self) -> Result<Vec<HandoverPlanVersion>> {
        let rows: Vec<VersionColumns> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} ORDER BY h.version DESC"
        )))
        .fetch_all(self.conn())
        .await?;
        rows.into_iter().map(TryInto::try_into).collect()
    }
}
