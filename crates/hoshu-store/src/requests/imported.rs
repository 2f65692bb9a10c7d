//! Requests brought in from another system (Redmine) as they stood there, and the external
//! references that recognise a second import of the same record, for requests and the other
//! imported tables alike.

use crate::Tx;
use crate::columns::{Code, Millis};
use crate::error::Result;
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::request::{RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::Urgency;
use hoshu_core::search::SearchKind;

/// A request brought in from another system (Redmine), as it stood there: its status, its
/// original filing and closing times, and the reference it had.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportedRequestRow {
    /// `redmine#813`: unique, so a second import of the same issue is recognised.
    pub external_ref: String,
    pub kind: RequestKind,
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub body: String,
    pub status: RequestStatus,
    /// Redmine's priority, mapped.
    pub urgency: Urgency,
    pub filed_by: i64,
    pub assignee_id: Option<i64>,
    pub filed_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
}

/// Where an imported request came from and when it came.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct ImportMark {
    pub external_ref: String,
    #[sqlx(try_from = "Millis")]
    pub imported_at: DateTime<Utc>,
}

impl Tx<'_> {
    /// Stores an imported request, marked imported at `now`; returns its id.
    pub async fn insert_imported_request(
        &mut self,
        row: &ImportedRequestRow,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO requests (kind, work_sub_kind, office, title, body, status, filed_by, \
             assignee_id, answer, filed_at, answered_at, closed_at, updated_at, version, \
             external_ref, imported_at, urgency) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10, $11, $12, 1, $13, $14, $15) \
             RETURNING id",
        )
        .bind(Code(row.kind))
        .bind(row.work_sub_kind.map(Code))
        .bind(&row.office)
        .bind(&row.title)
        .bind(&row.body)
        .bind(Code(row.status))
        .bind(row.filed_by)
        .bind(row.assignee_id)
        .bind(Millis(row.filed_at))
        .bind(row.answered_at.map(Millis))
        .bind(row.closed_at.map(Millis))
        .bind(Millis(row.updated_at))
        .bind(&row.external_ref)
        .bind(Millis(now))
        .bind(Code(row.urgency))
        .fetch_one(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Request, id);
        Ok(id)
    }

    /// The ids of the requests that carry these external references.
    pub async fn requests_by_external_ref(
        &mut self,
        refs: &[String],
    ) -> Result<std::collections::BTreeMap<String, i64>> {
        external_refs(self, "requests", refs).await
    }

    /// Where a request came from, when it was imported.
    pub async fn request_import_mark(&mut self, id: i64) -> Result<Option<ImportMark>> {
        Ok(sqlx::query_as(
            "SELECT external_ref, imported_at FROM requests \
             WHERE id = $1 AND external_ref IS NOT NULL AND imported_at IS NOT NULL",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }
}

/// `external_ref → id` for the references of `refs` found in `table`.
pub(crate) async fn external_refs(
    tx: &mut Tx<'_>,
    table: &str,
    refs: &[String],
) -> Result<std::collections::BTreeMap<String, i64>> {
    let mut found = std::collections::BTreeMap::new();
    for chunk in refs.chunks(500) {
        let mut q = Sql::new(&format!(
            "SELECT external_ref, id FROM {table} WHERE external_ref IN ("
        ));
        q.bind_list(chunk.iter().cloned()).push(")");
        let pairs: Vec<(String, i64)> = q.build_as()?.fetch_all(tx.conn()).await?;
        found.extend(pairs);
    }
    Ok(found)
}
