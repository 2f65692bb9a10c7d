//! Requests from the offices, with their comments, attachments and full history.

use crate::Tx;
use crate::columns::{Clock, Code, Day, Millis, Opt};
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_core::Role;
use hoshu_core::listing::{Order, RequestColumn, SortDirection};
use hoshu_core::request::{NewRequest, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{ExtensionAsk, RequestDetails, Urgency};
use hoshu_core::search::SearchKind;
use sha2::{Digest, Sha256};

mod imported;
pub(crate) use imported::external_refs;
pub use imported::{ImportMark, ImportedRequestRow};

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
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestRecord {
    pub id: i64,
    #[sqlx(try_from = "Code<RequestKind>")]
    pub kind: RequestKind,
    #[sqlx(try_from = "Opt<Code<WorkSubKind>>")]
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    pub body: String,
    #[sqlx(try_from = "Code<RequestStatus>")]
    pub status: RequestStatus,
    pub filed_by: i64,
    pub filed_by_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    pub answer: Option<String>,
    #[sqlx(flatten, try_from = "DetailColumns")]
    pub details: RequestDetails,
    #[sqlx(try_from = "Millis")]
    pub filed_at: DateTime<Utc>,
    /// When the contractor first took it up, to 対応中 or straight to 回答済 (kept when it is
    /// taken up again).
    #[sqlx(try_from = "Opt<Millis>")]
    pub started_at: Option<DateTime<Utc>>,
    /// When the request was last answered (kept when an answer is sent back).
    #[sqlx(try_from = "Opt<Millis>")]
    pub answered_at: Option<DateTime<Utc>>,
    /// When it was closed or withdrawn; cleared when it is reopened.
    #[sqlx(try_from = "Opt<Millis>")]
    pub closed_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
    pub version: i64,
}

/// One line of the request list.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestSummary {
    pub id: i64,
    #[sqlx(try_from = "Code<RequestKind>")]
    pub kind: RequestKind,
    #[sqlx(try_from = "Opt<Code<WorkSubKind>>")]
    pub work_sub_kind: Option<WorkSubKind>,
    pub office: String,
    pub title: String,
    #[sqlx(try_from = "Code<RequestStatus>")]
    pub status: RequestStatus,
    /// How urgent the filer finds it, so a list can mark 至急 at a glance.
    #[sqlx(try_from = "Code<Urgency>")]
    pub urgency: Urgency,
    pub filed_by: i64,
    pub filed_by_name: String,
    pub assignee_id: Option<i64>,
    pub assignee_name: Option<String>,
    #[sqlx(try_from = "Millis")]
    pub filed_at: DateTime<Utc>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub answered_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub closed_at: Option<DateTime<Utc>>,
    #[sqlx(try_from = "Millis")]
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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Comment {
    pub id: i64,
    pub request_id: i64,
    pub author_id: i64,
    pub author_name: String,
    #[sqlx(try_from = "Code<Role>")]
    pub author_role: Role,
    pub body: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
}

/// An attachment without its bytes, for lists.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
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
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct Attachment {
    #[sqlx(flatten)]
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

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RequestEvent {
    pub id: i64,
    pub request_id: i64,
    pub actor_id: i64,
    pub actor_name: String,
    pub kind: String,
    #[sqlx(try_from = "Opt<Code<RequestStatus>>")]
    pub from_status: Option<RequestStatus>,
    #[sqlx(try_from = "Opt<Code<RequestStatus>>")]
    pub to_status: Option<RequestStatus>,
    pub note: Option<String>,
    #[sqlx(try_from = "Millis")]
    pub at: DateTime<Utc>,
}

const SUMMARY_COLUMNS: &str = "r.id, r.kind, r.work_sub_kind, r.office, r.title, r.status, \
     r.urgency, r.filed_by, f.display_name AS filed_by_name, r.assignee_id, a.display_name AS assignee_name, \
     r.filed_at, r.answered_at, r.closed_at, r.updated_at, r.version";

const JOIN_NAMES: &str = "FROM requests r JOIN accounts f ON f.id = r.filed_by \
     LEFT JOIN accounts a ON a.id = r.assignee_id";

/// What the detail screen reads beyond a list line (`urgency` is in the summary's).
const DETAIL_COLUMNS: &str = "r.body, r.answer, r.started_at, r.desired_by, r.extension_day, \
     r.extension_from, r.extension_until";

/// The columns of [`RequestDetails`]; the extension is kept only when all three are there.
#[derive(sqlx::FromRow)]
struct DetailColumns {
    #[sqlx(try_from = "Code<Urgency>")]
    urgency: Urgency,
    #[sqlx(try_from = "Opt<Day>")]
    desired_by: Option<NaiveDate>,
    #[sqlx(try_from = "Opt<Day>")]
    extension_day: Option<NaiveDate>,
    #[sqlx(try_from = "Opt<Clock>")]
    extension_from: Option<NaiveTime>,
    #[sqlx(try_from = "Opt<Clock>")]
    extension_until: Option<NaiveTime>,
}

impl From<DetailColumns> for RequestDetails {
    fn from(c: DetailColumns) -> Self {
        RequestDetails {
            urgency: c.urgency,
            desired_by: c.desired_by,
            extension: match (c.extension_day, c.extension_from, c.extension_until) {
                (Some(day), Some(from), Some(until)) => Some(ExtensionAsk { day, from, until }),
                _ => None,
            },
        }
    }
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
        .bind(Code(new.kind))
        .bind(new.work_sub_kind.map(Code))
        .bind(&new.office)
        .bind(&new.title)
        .bind(&new.body)
        .bind(Code(RequestStatus::Received))
        .bind(new.filed_by)
        .bind(Millis(now))
        .bind(Code(new.details.urgency))
        .bind(new.details.desired_by.map(Day))
        .bind(new.details.extension.map(|x| Day(x.day)))
        .bind(new.details.extension.map(|x| Clock(x.from)))
        .bind(new.details.extension.map(|x| Clock(x.until)))
        .fetch_one(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Request, id);
        Ok(id)
    }

    pub async fn get_request(&mut self, id: i64) -> Result<Option<RequestRecord>> {
        let sql =
            format!("SELECT {SUMMARY_COLUMNS}, {DETAIL_COLUMNS} {JOIN_NAMES} WHERE r.id = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// One page of requests matching `filter` in its order (newest first unless told
    /// otherwise; ties newest first), and the number that match in all.
    pub async fn list_requests(&mut self, filter: &RequestFilter) -> Result<RequestPage> {
        let mut count = Sql::new("SELECT COUNT(*) FROM requests r");
        push_conditions(&mut count, filter);
        let total = count.build_scalar::<i64>()?.fetch_one(self.conn()).await?;

        let mut page = Sql::new(&format!("SELECT {SUMMARY_COLUMNS} {JOIN_NAMES}"));
        push_conditions(&mut page, filter);
        page.push(&order_by(filter.order))
            .push(" LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        let items = page.build_as()?.fetch_all(self.conn()).await?;
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

    /// Moves the request to `status` and returns the new version. Taking it up (対応中, or
    /// straight to 回答済) sets `started_at` the first time; answering sets `answered_at`; closing or withdrawing sets
    /// `closed_at`; any open status clears `closed_at`. `answer`, when given, replaces the stored answer.
    pub async fn set_request_status(
        &mut self,
        id: i64,
        expected_version: i64,
        status: RequestStatus,
        answer: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let started_at =
            matches!(status, RequestStatus::InProgress | RequestStatus::Answered).then_some(now);
        let answered_at = (status == RequestStatus::Answered).then_some(now);
        let closed_at = (!status.is_open()).then_some(now);
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE requests SET status = $3, answer = COALESCE($4, answer), \
             answered_at = COALESCE($5, answered_at), closed_at = $6, updated_at = $7, \
             started_at = COALESCE(started_at, $8), version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Code(status))
        .bind(answer)
        .bind(answered_at.map(Millis))
        .bind(closed_at.map(Millis))
        .bind(Millis(now))
        .bind(started_at.map(Millis))
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
        .bind(Millis(now))
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
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?;
        self.mark_for_search(SearchKind::Request, request_id);
        Ok(id)
    }

    /// The request's comments, oldest first.
    pub async fn list_comments(&mut self, request_id: i64) -> Result<Vec<Comment>> {
        Ok(sqlx::query_as(
            "SELECT c.id, c.request_id, c.author_id, u.display_name AS author_name, \
             u.role AS author_role, c.body, c.created_at \
             FROM request_comments c JOIN accounts u ON u.id = c.author_id \
             WHERE c.request_id = $1 ORDER BY c.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?)
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
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// The request's attachments without their bytes, oldest first.
    pub async fn list_attachments(&mut self, request_id: i64) -> Result<Vec<AttachmentMeta>> {
        Ok(sqlx::query_as(
            "SELECT t.id, t.request_id, t.file_name, t.content_type, t.size, t.sha256, \
             t.uploaded_by, u.display_name AS uploaded_by_name, t.created_at \
             FROM request_attachments t JOIN accounts u ON u.id = t.uploaded_by \
             WHERE t.request_id = $1 ORDER BY t.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?)
    }

    pub async fn get_attachment(&mut self, id: i64) -> Result<Option<Attachment>> {
        let attachment: Option<Attachment> = sqlx::query_as(
            "SELECT t.id, t.request_id, t.file_name, t.content_type, t.size, t.sha256, \
             t.uploaded_by, u.display_name AS uploaded_by_name, t.created_at, t.bytes \
             FROM request_attachments t JOIN accounts u ON u.id = t.uploaded_by \
             WHERE t.id = $1",
        )
        .bind(id)
        .fetch_optional(self.conn())
        .await?;
        if let Some(a) = &attachment
            && i64::try_from(a.bytes.len()).ok() != Some(a.meta.size)
        {
            return Err(StoreError::corrupt(format!(
                "添付ファイル（ID {id}）の大きさが記録と一致しません"
            )));
        }
        Ok(attachment)
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
        .bind(event.from_status.map(Code))
        .bind(event.to_status.map(Code))
        .bind(event.note.as_deref())
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// The request's full history, oldest first.
    pub async fn list_request_events(&mut self, request_id: i64) -> Result<Vec<RequestEvent>> {
        Ok(sqlx::query_as(
            "SELECT e.id, e.request_id, e.actor_id, u.display_name AS actor_name, e.kind, \
             e.from_status, e.to_status, e.note, e.at \
             FROM request_events e JOIN accounts u ON u.id = e.actor_id \
             WHERE e.request_id = $1 ORDER BY e.id",
        )
        .bind(request_id)
        .fetch_all(self.conn())
        .await?)
    }
}
