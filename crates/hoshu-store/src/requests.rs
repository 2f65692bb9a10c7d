//! Requests from the offices, with their comments, attachments and full history.

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::register::get_opt_date;
use crate::sql::{Sql, get, get_code, get_opt_code, get_opt_time, get_time, ms, opt_ms};
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_core::Role;
use hoshu_core::listing::{Order, RequestColumn, SortDirection};
use hoshu_core::request::{NewRequest, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{ExtensionAsk, RequestDetails, Urgency};
use hoshu_core::search::SearchKind;
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;

/// A request as filed, ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRequestRow {
    pub kind: RequestKind,
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub body: String,
    pub details: RequestDetails,
    /// Account id of the person filing.
    pub filed_by: i64,
}

impl NewRequestRow {
    pub fn new(request: &NewRequest, filed_by: i64) -> Self {
        NewRequestRow {
            kind: request.kind,
            work_sub_kind: request.work_sub_kind,
            office: request.office.clone(),
            title: request.title.clone(),
            body: request.body.clone(),
            details: request.details,
            filed_by,
        }
    }
}

/// One request with everything the detail screen shows.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestRecord {
    pub id: i64,
    pub kind: RequestKind,
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub body: String,
    pub status: RequestStatus,
    pub filed_by: i64,
    pub filed_by_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub answer: Option<String>,
    pub details: RequestDetails,
    pub filed_at: DateTime<Utc>,
    /// When the request was last answered (kept when an answer is sent back).
    pub answered_at: Option<DateTime<Utc>>,
    /// When it was closed or withdrawn; cleared when it is reopened.
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// One line of the request list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestSummary {
    pub id: i64,
    pub kind: RequestKind,
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub status: RequestStatus,
    /// How urgent the filer finds it, so a list can mark 至急 at a glance.
    pub urgency: Urgency,
    pub filed_by: i64,
    pub filed_by_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub filed_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub closed_at: Option<DateTime<Utc>>,
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// Which requests to list. Empty `kinds` / `statuses` mean every kind / status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestFilter {
    pub kinds: Vec<RequestKind>,
    pub statuses: Vec<RequestStatus>,
    /// Empty: every urgency.
    pub urgencies: Vec<Urgency>,
    /// `None`: every office; `Some(list)`: only these (an empty list matches nothing).
    pub offices: Option<Vec<String>>,
    /// Substring of the title or the body; case-insensitive for ASCII letters only; `%` and
    /// `_` match themselves. Blank means no text filter.
    pub text: Option<String>,
    pub assignee: Option<i64>,
    /// Only requests nobody is assigned to.
    pub unassigned: bool,
    /// Only requests this account filed.
    pub filed_by: Option<i64>,
    /// Only requests that still need something (not closed, not withdrawn).
    pub open_only: bool,
    pub order: Order<RequestColumn>,
    pub limit: i64,
    pub offset: i64,
}

impl Default for RequestFilter {
    fn default() -> Self {
        RequestFilter {
            kinds: Vec::new(),
            statuses: Vec::new(),
            urgencies: Vec::new(),
            offices: None,
            text: None,
            assignee: None,
            unassigned: false,
            filed_by: None,
            open_only: false,
            order: Order::default(),
            limit: 50,
            offset: 0,
        }
    }
}

/// One page of the list, newest first, and how many requests match in all.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RequestPage {
    pub items: Vec<RequestSummary>,
    pub total: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comment {
    pub id: i64,
    pub request_id: i64,
    pub author_id: i64,
    pub author_name: String,
    pub author_role: Role,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// An attachment without its bytes, for lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AttachmentMeta {
    pub id: i64,
    pub request_id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    /// SHA-256 of the bytes, lower-case hex.
    pub sha256: String,
    pub uploaded_by: i64,
    pub uploaded_by_name: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub meta: AttachmentMeta,
    pub bytes: Vec<u8>,
}

/// A step in a request's history, as the use case records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestEventRow {
    /// Stable code: `filed`, `status`, `assigned`, `comment`, `attachment`, …
    pub kind: String,
    pub from_status: Option<RequestStatus>,
    pub to_status: Option<RequestStatus>,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestEvent {
    pub id: i64,
    pub request_id: i64,
    pub actor_id: i64,
    pub actor_name: String,
    pub kind: String,
    pub from_status: Option<RequestStatus>,
    pub to_status: Option<RequestStatus>,
    pub note: Option<String>,
    pub at: DateTime<Utc>,
}

const SUMMARY_COLUMNS: &str = "r.id, r.kind, r.work_sub_kind, r.office, r.title, r.status, \
     r.urgency, r.filed_by, f.display_name AS filed_by_name, r.assignee_id, a.display_name AS assignee_name, \
     r.filed_at, r.answered_at, r.closed_at, r.updated_at, r.version";

const JOIN_NAMES: &str = "FROM requests r JOIN accounts f ON f.id = r.filed_by \
     LEFT JOIN accounts a ON a.id = r.assignee_id";

fn summary(row: &AnyRow) -> Result<RequestSummary> {
    Ok(RequestSummary {
        id: get(row, "id")?,
        kind: get_code(row, "kind", RequestKind::from_code)?,
        work_sub_kind: get_opt_code(row, "work_sub_kind", WorkSubKind::from_code)?,
        office: get(row, "office")?,
        title: get(row, "title")?,
        status: get_code(row, "status", RequestStatus::from_code)?,
        urgency: get_code(row, "urgency", Urgency::from_code)?,
        filed_by: get(row, "filed_by")?,
        filed_by_name: get(row, "filed_by_name")?,
        assignee_id: get(row, "assignee_id")?,
        assignee_name: get(row, "assignee_name")?,
        filed_at: get_time(row, "filed_at")?,
        answered_at: get_opt_time(row, "answered_at")?,
        closed_at: get_opt_time(row, "closed_at")?,
        updated_at: get_time(row, "updated_at")?,
        version: get(row, "version")?,
    })
}

/// What the detail screen reads beyond a list line.
const DETAIL_COLUMNS: &str = "r.body, r.answer, r.desired_by, r.extension_day, \
     r.extension_from, r.extension_until";

fn date_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn clock_text(t: NaiveTime) -> String {
    t.format("%H:%M").to_string()
}

fn get_clock(row: &AnyRow, col: &str) -> Result<Option<NaiveTime>> {
    get::<Option<String>>(row, col)?
        .map(|s| {
            NaiveTime::parse_from_str(&s, "%H:%M")
                .map_err(|_| StoreError::corrupt(format!("列 {col}: 時刻として読めない値「{s}」")))
        })
        .transpose()
}

fn details(row: &AnyRow) -> Result<RequestDetails> {
    let day = get_opt_date(row, "extension_day")?;
    let from = get_clock(row, "extension_from")?;
    let until = get_clock(row, "extension_until")?;
    Ok(RequestDetails {
        urgency: get_code(row, "urgency", Urgency::from_code)?,
        desired_by: get_opt_date(row, "desired_by")?,
        extension: match (day, from, until) {
            (Some(day), Some(from), Some(until)) => Some(ExtensionAsk { day, from, until }),
            _ => None,
        },
    })
}

fn record(row: &AnyRow) -> Result<RequestRecord> {
    let s = summary(row)?;
    Ok(RequestRecord {
        id: s.id,
        kind: s.kind,
        work_sub_kind: s.work_sub_kind,
        office: s.office,
        title: s.title,
        body: get(row, "body")?,
        status: s.status,
        filed_by: s.filed_by,
        filed_by_name: s.filed_by_name,
        assignee_id: s.assignee_id,
        assignee_name: s.assignee_name,
        answer: get(row, "answer")?,
        details: details(row)?,
        filed_at: s.filed_at,
        answered_at: s.answered_at,
        closed_at: s.closed_at,
        updated_at: s.updated_at,
        version: s.version,
    })
}

/// Appends the filter's conditions (` WHERE …`) to `sql`.
fn push_conditions(sql: &mut Sql, filter: &RequestFilter) {
    sql.push(" WHERE 1 = 1")
        .and_in("r.kind", filter.kinds.iter().map(|k| k.code()))
        .and_in("r.urgency", filter.urgencies.iter().map(|u| u.code()));
    let statuses: Vec<RequestStatus> = if filter.open_only {
        let wanted = |s: &RequestStatus| filter.statuses.is_empty() || filter.statuses.contains(s);
        RequestStatus::ALL
            .iter()
            .copied()
            .filter(|s| s.is_open() && wanted(s))
            .collect()
    } else {
        filter.statuses.clone()
    };
    if filter.open_only && statuses.is_empty() {
        sql.push(" AND 1 = 0");
    }
    sql.and_in("r.status", statuses.iter().map(|s| s.code()));
    match &filter.offices {
        None => {}
        Some(offices) if offices.is_empty() => {
            sql.push(" AND 1 = 0");
        }
        Some(offices) => {
            sql.and_in("r.office", offices.iter().map(String::as_str));
        }
    }
    sql.and_contains(&["r.title", "r.body"], filter.text.as_deref());
    if let Some(assignee) = filter.assignee {
        sql.push(" AND r.assignee_id = ").bind(assignee);
    }
    if filter.unassigned {
        sql.push(" AND r.assignee_id IS NULL");
    }
    if let Some(filed_by) = filter.filed_by {
        sql.push(" AND r.filed_by = ").bind(filed_by);
    }
}

/// The ORDER BY of a request list: a fixed expression per column; the caller picks only which.
/// Kinds and statuses sort in their own order (受付, 対応中, 回答済 …), not by code; text by
/// code point on both databases (PostgreSQL's text columns are declared `COLLATE "C"`).
fn order_by(order: Order<RequestColumn>) -> String {
    let direction = match order.direction {
        SortDirection::Ascending => "ASC",
        SortDirection::Descending => "DESC",
    };
    let text = |column: &str| format!("{column} {direction}");
    let rank = |column: &str, codes: &mut dyn Iterator<Item = &'static str>| {
        let cases: String = codes
            .enumerate()
            .map(|(i, code)| format!(" WHEN '{code}' THEN {i}"))
            .collect();
        format!("CASE {column}{cases} END {direction}")
    };
    let sorted = match order.column {
        RequestColumn::Number => format!("r.id {direction}"),
        RequestColumn::Kind => rank("r.kind", &mut RequestKind::ALL.iter().map(|k| k.code())),
        RequestColumn::Title => text("r.title"),
        RequestColumn::Office => text("r.office"),
        RequestColumn::FiledBy => text("f.display_name"),
        // Unassigned last whichever way: the two databases put NULLs at opposite ends.
        RequestColumn::Assignee => format!(
            "CASE WHEN r.assignee_id IS NULL THEN 1 ELSE 0 END, {}",
            text("a.display_name")
        ),
        RequestColumn::Status => rank("r.status", &mut RequestStatus::ALL.iter().map(|s| s.code())),
        RequestColumn::FiledAt => format!("r.filed_at {direction}"),
    };
    format!(" ORDER BY {sorted}, r.filed_at DESC, r.id DESC")
}

fn what(id: i64) -> String {
    format!("依頼 #{id}")
}

impl Tx<'_> {
    /// Files a request: status 受付, version 1. Returns its id.
    pub async fn insert_request(&mut self, new: &NewRequestRow, now: DateTime<Utc>) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO requests (kind, work_sub_kind, office, title, body, status, filed_by, \
             assignee_id, answer, filed_at, answered_at, closed_at, updated_at, version, \
             urgency, desired_by, extension_day, extension_from, extension_until) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, NULL, $8, NULL, NULL, $8, 1, \
             $9, $10, $11, $12, $13) RETURNING id",
        )
        .bind(new.kind.code())
        .bind(new.work_sub_kind.map(|k| k.code()))
        .bind(&new.office)
        .bind(&new.title)
        .bind(&new.body)
        .bind(RequestStatus::Received.code())
        .bind(new.filed_by)
        .bind(ms(now))
        .bind(new.details.urgency.code())
        .bind(new.details.desired_by.map(date_text))
        .bind(new.details.extension.map(|x| date_text(x.day)))
        .bind(new.details.extension.map(|x| clock_text(x.from)))
        .bind(new.details.extension.map(|x| clock_text(x.until)))
        .fetch_one(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Request, id);
        Ok(id)
    }

    pub async fn get_request(&mut self, id: i64) -> Result<Option<RequestRecord>> {
        let sql =
            format!("SELECT {SUMMARY_COLUMNS}, {DETAIL_COLUMNS} {JOIN_NAMES} WHERE r.id = $1");
        sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?
            .as_ref()
            .map(record)
            .transpose()
    }

    /// One page of requests matching `filter` in its order (newest first unless told
    /// otherwise; ties newest first), and the number that match in all.
    pub async fn list_requests(&mut self, filter: &RequestFilter) -> Result<RequestPage> {
        let mut count = Sql::new("SELECT COUNT(*) AS n FROM requests r");
        push_conditions(&mut count, filter);
        let row = count.build()?.fetch_one(self.conn()).await?;
        let total: i64 = get(&row, "n")?;

        let mut page = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} {JOIN_NAMES}"));
        push_conditions(&mut page, filter);
        page.push(&order_by(filter.order))
            .push(" LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        let rows = page.build()?.fetch_all(self.conn()).await?;
        let items = rows.iter().map(summary).collect::<Result<Vec<_>>>()?;
        Ok(RequestPage { items, total })
    }

    /// How many requests exist.
    pub async fn count_requests(&mut self) -> Result<i64> {
        Ok(
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM requests")
                .fetch_one(self.conn())
                .await?,
        )
    }

    /// Moves the request to `status` and returns the new version. Answering sets
    /// `answered_at`; closing or withdrawing sets `closed_at`; any open status clears
    /// `closed_at`. `answer`, when given, replaces the stored answer.
    pub async fn set_request_status(
        &mut self,
        id: i64,
        expected_version: i64,
        status: RequestStatus,
        answer: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let answered_at = (status == RequestStatus::Answered).then_some(now);
        let closed_at = (!status.is_open()).then_some(now);
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE requests SET status = $3, answer = COALESCE($4, answer), \
             answered_at = COALESCE($5, answered_at), closed_at = $6, updated_at = $7, \
             version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(status.code())
        .bind(answer)
        .bind(opt_ms(answered_at))
        .bind(opt_ms(closed_at))
        .bind(ms(now))
        .fetch_optional(self.conn())
        .await?;
        if answer.is_some() {
            self.mark_for_search(SearchKind::Request, id);
        }
        self.versioned("requests", id, what(id), new_version).await
    }

    /// Assigns the request to an account (or to no one); returns the new version.
    pub async fn set_request_assignee(
        &mut self,
        id: i64,
        expected_version: i64,
        assignee: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE requests SET assignee_id = $3, updated_at = $4, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(assignee)
        .bind(ms(now))
        .fetch_optional(self.conn())
        .await?;
        self.versioned("requests", id, what(id), new_version).await
    }

    // ---- comments ------------------------------------------------------------------------

    pub async fn insert_comment(
        &mut self,
        request_id: i64,
        author_id: i64,
        body: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let id = sqlx::query_scalar::<_, i64>(
            "INSERT INTO request_comments (request_id, author_id, body, created_at) \
             VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(request_id)
        .bind(author_id)
        .bind(body)
        .bind(ms(now))
        .fetch_one(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Request, request_id);
        Ok(id)
    }

    /// The request's comments, oldest first.
    pub async fn list_comments(&mut self, request_id: i64) -> Result<Vec<Comment>> {
        let rows = sqlx::query(
            "SELECT c.id, c.request_id, c.author_id, u.display_name AS author_name, \
             u.role AS author_role, c.body, c.created_at \
             FROM request_comments c JOIN accounts u ON u.id = c.author_id \
             WHERE c.request_id = $1 ORDER BY c.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Comment {
                    id: get(r, "id")?,
                    request_id: get(r, "request_id")?,
                    author_id: get(r, "author_id")?,
                    author_name: get(r, "author_name")?,
                    author_role: get_code(r, "author_role", Role::from_code)?,
                    body: get(r, "body")?,
                    created_at: get_time(r, "created_at")?,
                })
            })
            .collect()
    }

    // ---- attachments ---------------------------------------------------------------------

    /// Stores a file in the database; returns its id. Size limits are the use case's
    /// business ([`hoshu_core::request::validate_attachment`]).
    pub async fn insert_attachment(
        &mut self,
        request_id: i64,
        file_name: &str,
        content_type: &str,
        bytes: &[u8],
        uploaded_by: i64,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let size = i64::try_from(bytes.len()).map_err(|_| StoreError::Constraint {
            message: "添付ファイルが大きすぎます。".into(),
        })?;
        let sha256 = hex::encode(Sha256::digest(bytes));
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO request_attachments \
             (request_id, file_name, content_type, size, sha256, bytes, uploaded_by, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
        )
        .bind(request_id)
        .bind(file_name)
        .bind(content_type)
        .bind(size)
        .bind(sha256)
        .bind(bytes)
        .bind(uploaded_by)
        .bind(ms(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// The request's attachments without their bytes, oldest first.
    pub async fn list_attachments(&mut self, request_id: i64) -> Result<Vec<AttachmentMeta>> {
        let rows = sqlx::query(
            "SELECT t.id, t.request_id, t.file_name, t.content_type, t.size, t.sha256, \
             t.uploaded_by, u.display_name AS uploaded_by_name, t.created_at \
             FROM request_attachments t JOIN accounts u ON u.id = t.uploaded_by \
             WHERE t.request_id = $1 ORDER BY t.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?;
        rows.iter().map(attachment_meta).collect()
    }

    pub async fn get_attachment(&mut self, id: i64) -> Result<Option<Attachment>> {
        let row = sqlx::query(
            "SELECT t.id, t.request_id, t.file_name, t.content_type, t.size, t.sha256, \
             t.uploaded_by, u.display_name AS uploaded_by_name, t.created_at, t.bytes \
             FROM request_attachments t JOIN accounts u ON u.id = t.uploaded_by \
             WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        let Some(row) = row else {
            return Ok(None);
        };
        let meta = attachment_meta(&row)?;
        let bytes: Vec<u8> = get(&row, "bytes")?;
        if i64::try_from(bytes.len()).ok() != Some(meta.size) {
            return Err(StoreError::corrupt(format!(
                "添付ファイル（ID {id}）の大きさが記録と一致しません"
            )));
        }
        Ok(Some(Attachment { meta, bytes }))
    }

    // ---- history -------------------------------------------------------------------------

    pub async fn insert_request_event(
        &mut self,
        request_id: i64,
        actor_id: i64,
        event: &RequestEventRow,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar::<_, i64>(
            "INSERT INTO request_events (request_id, actor_id, kind, from_status, to_status, note, at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(request_id)
        .bind(actor_id)
        .bind(&event.kind)
        .bind(event.from_status.map(|s| s.code()))
        .bind(event.to_status.map(|s| s.code()))
        .bind(event.note.as_deref())
        .bind(ms(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// The request's full history, oldest first.
    pub async fn list_request_events(&mut self, request_id: i64) -> Result<Vec<RequestEvent>> {
        let rows = sqlx::query(
            "SELECT e.id, e.request_id, e.actor_id, u.display_name AS actor_name, e.kind, \
             e.from_status, e.to_status, e.note, e.at \
             FROM request_events e JOIN accounts u ON u.id = e.actor_id \
             WHERE e.request_id = $1 ORDER BY e.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(RequestEvent {
                    id: get(r, "id")?,
                    request_id: get(r, "request_id")?,
                    actor_id: get(r, "actor_id")?,
                    actor_name: get(r, "actor_name")?,
                    kind: get(r, "kind")?,
                    from_status: get_opt_code(r, "from_status", RequestStatus::from_code)?,
                    to_status: get_opt_code(r, "to_status", RequestStatus::from_code)?,
                    note: get(r, "note")?,
                    at: get_time(r, "at")?,
                })
            })
            .collect()
    }
}

fn attachment_meta(row: &AnyRow) -> Result<AttachmentMeta> {
    Ok(AttachmentMeta {
        id: get(row, "id")?,
        request_id: get(row, "request_id")?,
        file_name: get(row, "file_name")?,
        content_type: get(row, "content_type")?,
        size: get(row, "size")?,
        sha256: get(row, "sha256")?,
        uploaded_by: get(row, "uploaded_by")?,
        uploaded_by_name: get(row, "uploaded_by_name")?,
        created_at: get_time(row, "created_at")?,
    })
}

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ImportMark {
    pub external_ref: String,
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
        .bind(row.kind.code())
        .bind(row.work_sub_kind.map(|k| k.code()))
        .bind(&row.office)
        .bind(&row.title)
        .bind(&row.body)
        .bind(row.status.code())
        .bind(row.filed_by)
        .bind(row.assignee_id)
        .bind(ms(row.filed_at))
        .bind(opt_ms(row.answered_at))
        .bind(opt_ms(row.closed_at))
        .bind(ms(row.updated_at))
        .bind(&row.external_ref)
        .bind(ms(now))
        .bind(row.urgency.code())
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
        let row = sqlx::query(
            "SELECT external_ref, imported_at FROM requests \
             WHERE id = $1 AND external_ref IS NOT NULL AND imported_at IS NOT NULL",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        row.map(|r| {
            Ok(ImportMark {
                external_ref: get(&r, "external_ref")?,
                imported_at: get_time(&r, "imported_at")?,
            })
        })
        .transpose()
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
        for row in q.build()?.fetch_all(tx.conn()).await? {
            found.insert(get(&row, "external_ref")?, get(&row, "id")?);
        }
    }
    Ok(found)
}
