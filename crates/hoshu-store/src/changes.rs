//! Changes that need the city's approval, their decisions and their results.

use crate::Tx;
use crate::columns::{Code, Flag, Millis, Opt};
use crate::error::{Result, StoreError, when_taken};
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, ChangeStatus,
    OutageReason, ReleaseKind, ScheduledChange,
};
use sqlx::error::ErrorKind;

/// The approver's latest decision on a change: 承認, 却下, 差戻し or 承認取消.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Decision {
    pub approver_id: i64,
    pub approver_name: String,
    #[sqlx(try_from = "Code<ChangeAction>")]
    pub step: ChangeAction,
    /// Whether it was an approval (what the check before 実施済 reads).
    #[sqlx(try_from = "Flag")]
    pub approved: bool,
    pub comment: String,
    #[sqlx(try_from = "Millis")]
    pub at: DateTime<Utc>,
}

/// The execution result, with who recorded it and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RecordedResult {
    #[sqlx(flatten, try_from = "ResultColumns")]
    pub result: ChangeResult,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeRecord {
    pub id: i64,
    #[sqlx(flatten, try_from = "ProposalColumns")]
    pub proposal: ChangeProposal,
    #[sqlx(try_from = "Code<ChangeStatus>")]
    pub status: ChangeStatus,
    pub version: i64,
    pub proposed_by: i64,
    pub proposed_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
    /// When it was last submitted for approval.
    #[sqlx(try_from = "Opt<Millis>")]
    pub submitted_at: Option<DateTime<Utc>>,
    /// The latest decision, if any.
    #[sqlx(skip)]
    pub decision: Option<Decision>,
    #[sqlx(skip)]
    pub result: Option<RecordedResult>,
}

/// One line of the change list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangeSummary {
    pub id: i64,
    #[sqlx(try_from = "Code<ChangeKind>")]
    pub kind: ChangeKind,
    #[sqlx(try_from = "Opt<Code<OutageReason>>")]
    pub outage_reason: Option<OutageReason>,
    #[sqlx(try_from = "Opt<Code<ReleaseKind>>")]
    pub release_kind: Option<ReleaseKind>,
    pub title: String,
    #[sqlx(try_from = "Code<ChangeStatus>")]
    pub status: ChangeStatus,
    #[sqlx(try_from = "Millis")]
    pub window_start: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub window_end: DateTime<Utc>,
    pub proposed_by: i64,
    pub proposed_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// Which changes to list. Empty `statuses` means every status; the window bounds keep the
/// changes whose window overlaps `[window_from, window_to)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeFilter {
    pub statuses: Vec<ChangeStatus>,
    pub window_from: Option<DateTime<Utc>>,
    pub window_to: Option<DateTime<Utc>>,
    pub limit: i64,
    pub offset: i64,
}

impl Default for ChangeFilter {
    fn default() -> Self {
        ChangeFilter {
            statuses: Vec::new(),
            window_from: None,
            window_to: None,
            limit: 100,
            offset: 0,
        }
    }
}

const CHANGE_COLUMNS: &str = "c.id, c.kind, c.outage_reason, c.release_kind, c.title, \
     c.description, c.window_start, c.window_end, c.affected_systems, c.impact, c.rollback_plan, \
     c.test_verification, c.instruction_ref, c.status, c.proposed_by, \
     p.display_name AS proposed_by_name, c.created_at, c.updated_at, c.submitted_at, c.version";

/// The columns of a [`ChangeProposal`]. The affected offices are rows of their own, added by
/// the caller.
#[derive(sqlx::FromRow)]
struct ProposalColumns {
    #[sqlx(try_from = "Code<ChangeKind>")]
    kind: ChangeKind,
    #[sqlx(try_from = "Opt<Code<OutageReason>>")]
    outage_reason: Option<OutageReason>,
    #[sqlx(try_from = "Opt<Code<ReleaseKind>>")]
    release_kind: Option<ReleaseKind>,
    title: String,
    description: String,
    #[sqlx(try_from = "Millis")]
    window_start: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    window_end: DateTime<Utc>,
    affected_systems: String,
    impact: String,
    rollback_plan: String,
    test_verification: Option<String>,
    instruction_ref: Option<String>,
}

impl From<ProposalColumns> for ChangeProposal {
    fn from(c: ProposalColumns) -> Self {
        ChangeProposal {
            kind: c.kind,
            outage_reason: c.outage_reason,
            release_kind: c.release_kind,
            title: c.title,
            description: c.description,
            window_start: c.window_start,
            window_end: c.window_end,
            affected_systems: c.affected_systems,
            affected_offices: Vec::new(),
            impact: c.impact,
            rollback_plan: c.rollback_plan,
            test_verification: c.test_verification,
            instruction_ref: c.instruction_ref,
        }
    }
}

/// The columns of a [`ChangeResult`].
#[derive(sqlx::FromRow)]
struct ResultColumns {
    #[sqlx(try_from = "Code<ChangeOutcome>")]
    outcome: ChangeOutcome,
    #[sqlx(try_from = "Millis")]
    executed_start: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    executed_end: DateTime<Utc>,
    notes: String,
}

impl From<ResultColumns> for ChangeResult {
    fn from(c: ResultColumns) -> Self {
        ChangeResult {
            outcome: c.outcome,
            executed_start: c.executed_start,
            executed_end: c.executed_end,
            notes: c.notes,
        }
    }
}

/// The columns of a [`ScheduledChange`].
#[derive(sqlx::FromRow)]
struct ScheduledChangeColumns {
    id: i64,
    title: String,
    #[sqlx(try_from = "Code<ChangeStatus>")]
    status: ChangeStatus,
    #[sqlx(try_from = "Millis")]
    window_start: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    window_end: DateTime<Utc>,
}

impl From<ScheduledChangeColumns> for ScheduledChange {
    fn from(c: ScheduledChangeColumns) -> Self {
        ScheduledChange {
            id: c.id,
            title: c.title,
            status: c.status,
            window_start: c.window_start,
            window_end: c.window_end,
        }
    }
}

fn what(id: i64) -> String {
    format!("変更 #{id}")
}

fn office_error(e: sqlx::Error, offices: &[String]) -> StoreError {
    match e {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            StoreError::Constraint {
                message: format!(
                    "影響する所属（{}）に登録されていない所属があります。",
                    offices.join("、")
                ),
            }
        }
        other => other.into(),
    }
}

impl Tx<'_> {
    /// Stores a new proposal as a draft (version 1); returns its id.
    pub async fn insert_change(
        &mut self,
        proposal: &ChangeProposal,
        proposed_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO changes (kind, outage_reason, release_kind, title, description, \
             window_start, window_end, affected_systems, impact, rollback_plan, \
             test_verification, instruction_ref, status, proposed_by, created_at, updated_at, \
             submitted_at, version) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, NULL, 1) \
             RETURNING id",
        )
        .bind(Code(proposal.kind))
        .bind(proposal.outage_reason.map(Code))
        .bind(proposal.release_kind.map(Code))
        .bind(&proposal.title)
        .bind(&proposal.description)
        .bind(Millis(proposal.window_start))
        .bind(Millis(proposal.window_end))
        .bind(&proposal.affected_systems)
        .bind(&proposal.impact)
        .bind(&proposal.rollback_plan)
        .bind(proposal.test_verification.as_deref())
        .bind(proposal.instruction_ref.as_deref())
        .bind(Code(ChangeStatus::Draft))
        .bind(proposed_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?;
        self.put_change_offices(id, &proposal.affected_offices)
            .await?;
        Ok(id)
    }

    async fn put_change_offices(&mut self, change_id: i64, offices: &[String]) -> Result<()> {
        sqlx::query("DELETE FROM change_offices WHERE change_id = $1")
            .bind(change_id)
            .execute(self.conn())
            .await?;
        for (position, office) in offices.iter().enumerate() {
            sqlx::query(
                "INSERT INTO change_offices (change_id, position, office) VALUES ($1, $2, $3)",
            )
            .bind(change_id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(office)
            .execute(self.conn())
            .await
            .map_err(|e| office_error(e, offices))?;
        }
        Ok(())
    }

    /// Replaces the proposal's content; returns the new version.
    pub async fn update_change_proposal(
        &mut self,
        id: i64,
        expected_version: i64,
        proposal: &ChangeProposal,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE changes SET kind = $3, outage_reason = $4, release_kind = $5, title = $6, \
             description = $7, window_start = $8, window_end = $9, affected_systems = $10, \
             impact = $11, rollback_plan = $12, test_verification = $13, instruction_ref = $14, \
             updated_at = $15, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(proposal.kind))
        .bind(proposal.outage_reason.map(Code))
        .bind(proposal.release_kind.map(Code))
        .bind(&proposal.title)
        .bind(&proposal.description)
        .bind(Millis(proposal.window_start))
        .bind(Millis(proposal.window_end))
        .bind(&proposal.affected_systems)
        .bind(&proposal.impact)
        .bind(&proposal.rollback_plan)
        .bind(proposal.test_verification.as_deref())
        .bind(proposal.instruction_ref.as_deref())
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        let version = self.versioned("changes", id, what(id), new_version).await?;
        self.put_change_offices(id, &proposal.affected_offices)
            .await?;
        Ok(version)
    }

    pub async fn get_change(&mut self, id: i64) -> Result<Option<ChangeRecord>> {
        let sql = format!(
            "SELECT {CHANGE_COLUMNS} FROM changes c JOIN accounts p ON p.id = c.proposed_by \
             WHERE c.id = $1"
        );
        let Some(mut change) = sqlx::query_as::<_, ChangeRecord>(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?
        else {
            return Ok(None);
        };
        change.proposal.affected_offices = sqlx::query_scalar::<_, String>(
            "SELECT office FROM change_offices WHERE change_id = $1 ORDER BY position",
        )
        .bind(id)
        .fetch_all(self.conn())
        .await?;

        change.decision = sqlx::query_as(
            "SELECT d.approver_id, u.display_name AS approver_name, d.step, d.approved, d.comment, \
             d.at \
             FROM change_decisions d JOIN accounts u ON u.id = d.approver_id \
             WHERE d.change_id = $1 ORDER BY d.id DESC LIMIT 1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?;

        change.result = sqlx::query_as(
            "SELECT x.outcome, x.executed_start, x.executed_end, x.notes, x.recorded_by, \
             u.display_name AS recorded_by_name, x.recorded_at \
             FROM change_results x JOIN accounts u ON u.id = x.recorded_by \
             WHERE x.change_id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        Ok(Some(change))
    }

    /// Changes matching `filter`, by window start (then id).
    pub async fn list_changes(&mut self, filter: &ChangeFilter) -> Result<Vec<ChangeSummary>> {
        let mut sql = Sql::new(&format!(
            "SELECT {CHANGE_COLUMNS} FROM changes c JOIN accounts p ON p.id = c.proposed_by \
             WHERE 1 = 1"
        ));
        sql.and_in("c.status", filter.statuses.iter().copied().map(Code));
        if let Some(from) = filter.window_from {
            sql.push(" AND c.window_end > ").bind(Millis(from));
        }
        if let Some(to) = filter.window_to {
            sql.push(" AND c.window_start < ").bind(Millis(to));
        }
        sql.push(" ORDER BY c.window_start, c.id LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        Ok(sql.build_as()?.fetch_all(self.conn()).await?)
    }

    /// Moves the change to `status`; returns the new version. Submitting stamps
    /// `submitted_at`.
    pub async fn set_change_status(
        &mut self,
        id: i64,
        expected_version: i64,
        status: ChangeStatus,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let submitted_at = (status == ChangeStatus::Submitted).then_some(now);
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE changes SET status = $3, submitted_at = COALESCE($4, submitted_at), \
             updated_at = $5, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(status))
        .bind(submitted_at.map(Millis))
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("changes", id, what(id), new_version).await
    }

    /// Records the approver's decision (approve, reject, send back or revoke); returns its id.
    pub async fn insert_decision(
        &mut self,
        change_id: i64,
        approver_id: i64,
        step: ChangeAction,
        comment: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO change_decisions (change_id, approver_id, step, approved, comment, at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(change_id)
        .bind(approver_id)
        .bind(Code(step))
        .bind(Flag(step == ChangeAction::Approve))
        .bind(comment)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// Records how the execution went; a change has at most one result.
    pub async fn insert_change_result(
        &mut self,
        change_id: i64,
        result: &ChangeResult,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let done = sqlx::query(
            "INSERT INTO change_results \
             (change_id, outcome, executed_start, executed_end, notes, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(change_id)
        .bind(Code(result.outcome))
        .bind(Millis(result.executed_start))
        .bind(Millis(result.executed_end))
        .bind(&result.notes)
        .bind(recorded_by)
        .bind(Millis(now))
        .execute(self.conn())
        .await;
        when_taken(done, || StoreError::Constraint {
            message: format!("{}の実施結果は既に登録されています。", what(change_id)),
        })?;
        Ok(())
    }

    /// Submitted or approved changes whose window overlaps `[start, end)`: a window that
    /// only touches it (ends exactly at `start`, or starts exactly at `end`) does not.
    pub async fn changes_holding_window(
        &mut self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    ) -> Result<Vec<ScheduledChange>> {
        let holding = ChangeStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.holds_window())
            .map(Code);
        let mut sql = Sql::new(
            "SELECT id, title, status, window_start, window_end FROM changes WHERE status IN (",
        );
        sql.bind_list(holding)
            .push(") AND window_start < ")
            .bind(Millis(end))
            .push(" AND window_end > ")
            .bind(Millis(start))
            .push(" ORDER BY window_start, id");
        let rows: Vec<ScheduledChangeColumns> = sql.build_as()?.fetch_all(self.conn()).await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
