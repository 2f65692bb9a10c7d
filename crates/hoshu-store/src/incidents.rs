//! Incidents (障害), their timelines and exclusions (免責); and the request rows the monthly
//! report counts.

use crate::Tx;
use crate::columns::{Code, Flag, Millis, Opt};
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::incident::{
    Exclusion, ExclusionReason, IncidentCategory, NewIncident, Severity, TimelineEvent,
    TimelineEventKind,
};
use hoshu_core::request::{RequestKind, RequestStatus};
use hoshu_core::search::SearchKind;
use sqlx::error::ErrorKind;
use std::collections::BTreeMap;

/// One timeline entry as stored: the event, who typed it in and when.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentEventRecord {
    pub id: i64,
    #[sqlx(flatten, try_from = "EventColumns")]
    pub event: TimelineEvent,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub recorded_at: DateTime<Utc>,
}

/// The exclusion of an incident: proposed (reason and grounds), then decided by the city.
/// Only an approved exclusion leaves the incident out of the SLA figures.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExclusionRecord {
    #[sqlx(try_from = "Code<ExclusionReason>")]
    pub reason: ExclusionReason,
    pub note: String,
    pub proposed_by: i64,
    pub proposed_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub proposed_at: DateTime<Utc>,
    /// `None` while undecided; `Some(true)` excluded, `Some(false)` refused.
    #[sqlx(try_from = "Opt<Flag>")]
    pub approved: Option<bool>,
    pub decided_by: Option<i64>,
    pub decided_by_name: Option<String>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub decided_at: Option<DateTime<Utc>>,
    /// The decider's comment (why refused, or any remark).
    pub comment: Option<String>,
}

impl ExclusionRecord {
    /// True when the city approved the exclusion.
    pub fn is_excluded(&self) -> bool {
        self.approved == Some(true)
    }

    /// The decided exclusion in the core's terms, when approved.
    pub fn exclusion(&self) -> Option<Exclusion> {
        if !self.is_excluded() {
            return None;
        }
        Some(Exclusion {
            reason: self.reason,
            note: self.note.clone(),
            decided_by: self.decided_by_name.clone().unwrap_or_default(),
            decided_at: self.decided_at?,
        })
    }
}

/// An incident with everything recorded on it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncidentRecord {
    pub id: i64,
    #[sqlx(flatten, try_from = "IncidentColumns")]
    pub incident: NewIncident,
    /// Whether the incident concerns operation, so that a manual revision is due.
    #[sqlx(try_from = "Flag")]
    pub manual_revision_required: bool,
    pub recorded_by: i64,
    pub recorded_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
    pub version: i64,
    /// The timeline, by time then by entry.
    #[sqlx(skip)]
    pub events: Vec<IncidentEventRecord>,
    #[sqlx(skip)]
    pub exclusion: Option<ExclusionRecord>,
}

impl IncidentRecord {
    /// The timeline events in the core's terms, in stored order.
    pub fn timeline(&self) -> Vec<TimelineEvent> {
        self.events.iter().map(|e| e.event.clone()).collect()
    }

    /// True when an approved exclusion leaves it out of the SLA figures.
    pub fn is_excluded(&self) -> bool {
        self.exclusion
            .as_ref()
            .is_some_and(ExclusionRecord::is_excluded)
    }
}

/// What a monthly report needs of one request.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ReportRequestRow {
    pub id: i64,
    #[sqlx(try_from = "Code<RequestKind>")]
    pub kind: RequestKind,
    pub office: String,
    #[sqlx(try_from = "Code<RequestStatus>")]
    pub status: RequestStatus,
    pub title: String,
    #[sqlx(try_from = "Millis")]
    pub filed_at: DateTime<Utc>,
    /// The latest answer, if any.
    #[sqlx(try_from = "Opt<Millis>")]
    pub answered_at: Option<DateTime<Utc>>,
    /// The contractor's last comment up to the answer (up to now when unanswered): what the
    /// desk recorded while the request was open, printed as the reason of a late answer.
    pub last_contractor_comment: Option<String>,
}

fn what(id: i64) -> String {
    format!("障害 #{id}")
}

fn reference_error(e: sqlx::Error, what: &str) -> StoreError {
    match e {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            StoreError::Constraint {
                message: format!("{what}に登録されていないものがあります。"),
            }
        }
        other => other.into(),
    }
}

const INCIDENT_COLUMNS: &str = "i.id, i.detected_at, i.category, i.severity, i.title, i.summary, \
     i.affected_systems, i.manual_revision_required, i.recorded_by, \
     a.display_name AS recorded_by_name, i.created_at, i.updated_at, i.version";

/// The columns of a [`NewIncident`]. The affected offices and the linked requests are rows
/// of their own, added by the caller.
#[derive(sqlx::FromRow)]
struct IncidentColumns {
    #[sqlx(try_from = "Millis")]
    detected_at: DateTime<Utc>,
    #[sqlx(try_from = "Code<IncidentCategory>")]
    category: IncidentCategory,
    #[sqlx(try_from = "Code<Severity>")]
    severity: Severity,
    title: String,
    summary: String,
    affected_systems: String,
}

impl From<IncidentColumns> for NewIncident {
    fn from(c: IncidentColumns) -> Self {
        NewIncident {
            detected_at: c.detected_at,
            category: c.category,
            severity: c.severity,
            title: c.title,
            summary: c.summary,
            affected_offices: Vec::new(),
            affected_systems: c.affected_systems,
            linked_requests: Vec::new(),
        }
    }
}

/// The columns of a [`TimelineEvent`].
#[derive(sqlx::FromRow)]
struct EventColumns {
    #[sqlx(try_from = "Code<TimelineEventKind>")]
    kind: TimelineEventKind,
    #[sqlx(try_from = "Millis")]
    at: DateTime<Utc>,
    note: String,
}

impl From<EventColumns> for TimelineEvent {
    fn from(c: EventColumns) -> Self {
        TimelineEvent {
            kind: c.kind,
            at: c.at,
            note: c.note,
        }
    }
}

/// A row of a table under `incidents`, with the incident it belongs to.
#[derive(sqlx::FromRow)]
struct OfIncident<T> {
    incident_id: i64,
    #[sqlx(flatten)]
    item: T,
}

/// `WHERE` over `incidents i` for a detection range, with its binds.
fn range_filter(sql: &mut Sql, from: Option<DateTime<Utc>>, to: Option<DateTime<Utc>>) {
    sql.push(" WHERE 1 = 1");
    if let Some(from) = from {
        sql.push(" AND i.detected_at >= ").bind(Millis(from));
    }
    if let Some(to) = to {
        sql.push(" AND i.detected_at < ").bind(Millis(to));
    }
}

impl Tx<'_> {
    /// Stores a new incident (version 1) with its offices and linked requests; returns its id.
    pub async fn insert_incident(
        &mut self,
        incident: &NewIncident,
        manual_revision_required: bool,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO incidents (detected_at, category, severity, title, summary, \
             affected_systems, manual_revision_required, recorded_by, created_at, updated_at, \
             version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, 1) RETURNING id",
        )
        .bind(Millis(incident.detected_at))
        .bind(Code(incident.category))
        .bind(Code(incident.severity))
        .bind(&incident.title)
        .bind(&incident.summary)
        .bind(&incident.affected_systems)
        .bind(Flag(manual_revision_required))
        .bind(recorded_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?;
        for (position, office) in incident.affected_offices.iter().enumerate() {
            sqlx::query(
                "INSERT INTO incident_offices (incident_id, position, office) VALUES ($1, $2, $3)",
            )
            .bind(id)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(office)
            .execute(self.conn())
            .await
            .map_err(|e| {
                reference_error(
                    e,
                    &format!("影響する所属（{}）", incident.affected_offices.join("、")),
                )
            })?;
        }
        for request in &incident.linked_requests {
            sqlx::query("INSERT INTO incident_requests (incident_id, request_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*request)
                .execute(self.conn())
                .await
                .map_err(|e| reference_error(e, &format!("関連依頼（#{request}）")))?;
        }
        self.mark_for_search(SearchKind::Incident, id);
        Ok(id)
    }

    /// Bumps the incident's version after a change to its timeline or exclusion; refuses with
    /// [`StoreError::Stale`] when `expected_version` is not the current one.
    async fn touch_incident(
        &mut self,
        id: i64,
        expected_version: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE incidents SET updated_at = $3, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("incidents", id, what(id), new_version).await
    }

    /// Appends a timeline entry; returns the incident's new version.
    pub async fn add_incident_event(
        &mut self,
        id: i64,
        expected_version: i64,
        event: &TimelineEvent,
        recorded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let version = self.touch_incident(id, expected_version, now).await?;
        sqlx::query(
            "INSERT INTO incident_events (incident_id, kind, at, note, recorded_by, recorded_at) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(id)
        .bind(Code(event.kind))
        .bind(Millis(event.at))
        .bind(&event.note)
        .bind(recorded_by)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Incident, id);
        Ok(version)
    }

    /// Records a proposed exclusion, replacing any earlier proposal or decision; returns the
    /// incident's new version.
    pub async fn propose_incident_exclusion(
        &mut self,
        id: i64,
        expected_version: i64,
        reason: ExclusionReason,
        note: &str,
        proposed_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let version = self.touch_incident(id, expected_version, now).await?;
        sqlx::query(
            "INSERT INTO incident_exclusions (incident_id, reason, note, proposed_by, proposed_at, \
             approved, decided_by, decided_at, comment) \
             VALUES ($1, $2, $3, $4, $5, NULL, NULL, NULL, NULL) \
             ON CONFLICT (incident_id) DO UPDATE SET reason = excluded.reason, \
             note = excluded.note, proposed_by = excluded.proposed_by, \
             proposed_at = excluded.proposed_at, approved = NULL, decided_by = NULL, \
             decided_at = NULL, comment = NULL",
        )
        .bind(id)
        .bind(Code(reason))
        .bind(note)
        .bind(proposed_by)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(version)
    }

    /// Records the city's decision with the reason and grounds as decided (the decider may
    /// decide without a proposal, or word it anew); returns the incident's new version.
    #[allow(clippy::too_many_arguments)]
    pub async fn decide_incident_exclusion(
        &mut self,
        id: i64,
        expected_version: i64,
        approved: bool,
        reason: ExclusionReason,
        note: &str,
        comment: &str,
        decided_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let version = self.touch_incident(id, expected_version, now).await?;
        sqlx::query(
            "INSERT INTO incident_exclusions (incident_id, reason, note, proposed_by, proposed_at, \
             approved, decided_by, decided_at, comment) \
             VALUES ($1, $2, $3, $4, $5, $6, $4, $5, $7) \
             ON CONFLICT (incident_id) DO UPDATE SET reason = excluded.reason, \
             note = excluded.note, approved = excluded.approved, \
             decided_by = excluded.decided_by, decided_at = excluded.decided_at, \
             comment = excluded.comment",
        )
        .bind(id)
        .bind(Code(reason))
        .bind(note)
        .bind(decided_by)
        .bind(Millis(now))
        .bind(Flag(approved))
        .bind(comment)
        .execute(self.conn())
        .await?;
        Ok(version)
    }

    pub async fn get_incident(&mut self, id: i64) -> Result<Option<IncidentRecord>> {
        let mut list = self.load_incidents(Some(id), None, None).await?;
        Ok(list.pop())
    }

    /// Incidents detected in `[from, to)` (either bound optional), newest first, each with
    /// its offices, linked requests, timeline and exclusion.
    pub async fn list_incidents(
        &mut self,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<IncidentRecord>> {
        self.load_incidents(None, from, to).await
    }

    async fn load_incidents(
        &mut self,
        id: Option<i64>,
        from: Option<DateTime<Utc>>,
        to: Option<DateTime<Utc>>,
    ) -> Result<Vec<IncidentRecord>> {
        // The same filter for the incidents and for each of their child tables.
        let filtered = |select: &str, order: &str| {
            let mut sql = Sql::new(select);
            range_filter(&mut sql, from, to);
            if let Some(id) = id {
                sql.push(" AND i.id = ").bind(id);
            }
            sql.push(order);
            sql
        };
        let mut incidents: Vec<IncidentRecord> = filtered(
            &format!(
                "SELECT {INCIDENT_COLUMNS} FROM incidents i JOIN accounts a ON a.id = i.recorded_by"
            ),
            " ORDER BY i.detected_at DESC, i.id DESC",
        )
        .build_as()?
        .fetch_all(self.conn())
        .await?;
        if incidents.is_empty() {
            return Ok(incidents);
        }
        let position: BTreeMap<i64, usize> = incidents
            .iter()
            .enumerate()
            .map(|(k, i)| (i.id, k))
            .collect();

        let offices: Vec<(i64, String)> = filtered(
            "SELECT o.incident_id, o.office FROM incident_offices o \
             JOIN incidents i ON i.id = o.incident_id",
            " ORDER BY o.incident_id, o.position",
        )
        .build_as()?
        .fetch_all(self.conn())
        .await?;
        for (incident, office) in offices {
            if let Some(k) = position.get(&incident) {
                incidents[*k].incident.affected_offices.push(office);
            }
        }

        let links: Vec<(i64, i64)> = filtered(
            "SELECT r.incident_id, r.request_id FROM incident_requests r \
             JOIN incidents i ON i.id = r.incident_id",
            " ORDER BY r.incident_id, r.request_id",
        )
        .build_as()?
        .fetch_all(self.conn())
        .await?;
        for (incident, request) in links {
            if let Some(k) = position.get(&incident) {
                incidents[*k].incident.linked_requests.push(request);
            }
        }

        let events: Vec<OfIncident<IncidentEventRecord>> = filtered(
            "SELECT e.id, e.incident_id, e.kind, e.at, e.note, e.recorded_by, \
             u.display_name AS recorded_by_name, e.recorded_at FROM incident_events e \
             JOIN incidents i ON i.id = e.incident_id JOIN accounts u ON u.id = e.recorded_by",
            " ORDER BY e.incident_id, e.at, e.id",
        )
        .build_as()?
        .fetch_all(self.conn())
        .await?;
        for event in events {
            if let Some(k) = position.get(&event.incident_id) {
                incidents[*k].events.push(event.item);
            }
        }

        let exclusions: Vec<OfIncident<ExclusionRecord>> = filtered(
            "SELECT x.incident_id, x.reason, x.note, x.proposed_by, \
             p.display_name AS proposed_by_name, x.proposed_at, x.approved, x.decided_by, \
             d.display_name AS decided_by_name, x.decided_at, x.comment \
             FROM incident_exclusions x JOIN incidents i ON i.id = x.incident_id \
             JOIN accounts p ON p.id = x.proposed_by LEFT JOIN accounts d ON d.id = x.decided_by",
            " ORDER BY x.incident_id",
        )
        .build_as()?
        .fetch_all(self.conn())
        .await?;
        for exclusion in exclusions {
            if let Some(k) = position.get(&exclusion.incident_id) {
                incidents[*k].exclusion = Some(exclusion.item);
            }
        }
        Ok(incidents)
    }

    /// Requests filed in `[from, to)` or last answered in it, oldest filing first: what the
    /// monthly report counts.
    pub async fn requests_for_report(
        &mut self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<Vec<ReportRequestRow>> {
        Ok(sqlx::query_as(
            "SELECT r.id, r.kind, r.office, r.status, r.title, r.filed_at, r.answered_at, \
             (SELECT c.body FROM request_comments c JOIN accounts a ON a.id = c.author_id \
              WHERE c.request_id = r.id AND a.role = 'contractor' \
              AND (r.answered_at IS NULL OR c.created_at <= r.answered_at) \
              ORDER BY c.created_at DESC, c.id DESC LIMIT 1) AS last_contractor_comment \
             FROM requests r \
             WHERE (r.filed_at >= $1 AND r.filed_at < $2) \
             OR (r.answered_at IS NOT NULL AND r.answered_at >= $1 AND r.answered_at < $2) \
             ORDER BY r.filed_at, r.id",
        )
        .bind(Millis(from))
        .bind(Millis(to))
        .fetch_all(self.conn())
        .await?)
    }
}
