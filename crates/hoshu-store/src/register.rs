//! The issue register 課題管理表: items numbered 1, 2, 3, … in the order they are raised.
//!
//! A list page is ordered by `no` (unique, so indexed) after its filters; the status and
//! category filters have their own `(…, no)` indexes, so a page of the ~1,000-item register
//! is read from an index on both backends. Text search scans titles, contents and progress.

use crate::Tx;
use crate::columns::{Code, Day, Millis, Opt};
use crate::error::{Result, StoreError};
use crate::sql::Sql;
use chrono::{DateTime, NaiveDate, Utc};
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_core::search::SearchKind;
use sqlx::error::ErrorKind;

/// An item of the register as stored.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterItem {
    pub id: i64,
    /// The number printed on the register (No.).
    pub no: i64,
    #[sqlx(flatten, try_from = "IssueColumns")]
    pub item: IssueInput,
    pub version: i64,
    pub created_by: i64,
    pub created_by_name: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
}

/// Which items to list. Empty lists mean "any"; `text` is searched in title, content and
/// progress; `meeting_id` keeps the items that came from that meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RegisterFilter {
    pub statuses: Vec<IssueStatus>,
    pub categories: Vec<IssueCategory>,
    pub text: Option<String>,
    pub meeting_id: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

impl Default for RegisterFilter {
    fn default() -> Self {
        RegisterFilter {
            statuses: Vec::new(),
            categories: Vec::new(),
            text: None,
            meeting_id: None,
            limit: 100,
            offset: 0,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RegisterPage {
    pub items: Vec<RegisterItem>,
    pub total: i64,
}

const COLUMNS: &str = "i.id, i.no, i.raised_on, i.raised_by, i.category, i.title, i.content, \
     i.priority, i.owner, i.due, i.status, i.progress, i.completed_on, i.meeting_id, \
     i.request_id, i.created_by, a.display_name AS created_by_name, i.created_at, \
     i.updated_at, i.version";
const FROM: &str = "FROM register_items i JOIN accounts a ON a.id = i.created_by";

fn what(id: i64) -> String {
    format!("課題 #{id}")
}

/// The columns of an [`IssueInput`].
#[derive(sqlx::FromRow)]
struct IssueColumns {
    #[sqlx(try_from = "Day")]
    raised_on: NaiveDate,
    raised_by: String,
    #[sqlx(try_from = "Code<IssueCategory>")]
    category: IssueCategory,
    title: String,
    content: String,
    #[sqlx(try_from = "Code<IssuePriority>")]
    priority: IssuePriority,
    owner: String,
    #[sqlx(try_from = "Opt<Day>")]
    due: Option<NaiveDate>,
    #[sqlx(try_from = "Code<IssueStatus>")]
    status: IssueStatus,
    progress: String,
    #[sqlx(try_from = "Opt<Day>")]
    completed_on: Option<NaiveDate>,
    meeting_id: Option<i64>,
    request_id: Option<i64>,
}

impl From<IssueColumns> for IssueInput {
    fn from(c: IssueColumns) -> Self {
        IssueInput {
            raised_on: c.raised_on,
            raised_by: c.raised_by,
            category: c.category,
            title: c.title,
            content: c.content,
            priority: c.priority,
            owner: c.owner,
            due: c.due,
            status: c.status,
            progress: c.progress,
            completed_on: c.completed_on,
            meeting_id: c.meeting_id,
            request_id: c.request_id,
        }
    }
}

fn push_conditions(sql: &mut Sql, filter: &RegisterFilter) {
    sql.push(" WHERE 1 = 1")
        .and_in("i.status", filter.statuses.iter().copied().map(Code))
        .and_in("i.category", filter.categories.iter().copied().map(Code));
    if let Some(m) = filter.meeting_id {
        sql.push(" AND i.meeting_id = ").bind(m);
    }
    sql.and_contains(
        &["i.title", "i.content", "i.progress"],
        filter.text.as_deref(),
    );
}

fn link_error(e: sqlx::Error, item: &IssueInput) -> StoreError {
    match e {
        sqlx::Error::Database(db) if db.kind() == ErrorKind::ForeignKeyViolation => {
            let target = match (item.meeting_id, item.request_id) {
                (Some(m), _) => format!("会議 #{m}"),
                (None, Some(r)) => format!("依頼 #{r}"),
                (None, None) => "関連先".into(),
            };
            StoreError::Constraint {
                message: format!("関連付ける{target}が見つかりません。"),
            }
        }
        other => other.into(),
    }
}

impl Tx<'_> {
    /// Adds an item with the next number (version 1); returns its id and number. Two
    /// terminals adding at the same moment on PostgreSQL may take the same number: the
    /// second is refused by the unique number and can simply try again.
    pub async fn insert_register_item(
        &mut self,
        item: &IssueInput,
        created_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(i64, i64)> {
        let (id, no) = sqlx::query_as::<_, (i64, i64)>(
            "INSERT INTO register_items (no, raised_on, raised_by, category, title, content, \
             priority, owner, due, status, progress, completed_on, meeting_id, request_id, \
             created_by, created_at, updated_at, version) \
             VALUES ((SELECT COALESCE(MAX(no), 0) + 1 FROM register_items), $1, $2, $3, $4, $5, \
             $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, 1) RETURNING id, no",
        )
        .bind(Day(item.raised_on))
        .bind(&item.raised_by)
        .bind(Code(item.category))
        .bind(&item.title)
        .bind(&item.content)
        .bind(Code(item.priority))
        .bind(&item.owner)
        .bind(item.due.map(Day))
        .bind(Code(item.status))
        .bind(&item.progress)
        .bind(item.completed_on.map(Day))
        .bind(item.meeting_id)
        .bind(item.request_id)
        .bind(created_by)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await
        .map_err(|e| link_error(e, item))?;
        self.mark_for_search(SearchKind::Register, id);
        Ok((id, no))
    }

    /// Replaces the item's content (its number stays); returns the new version.
    pub async fn update_register_item(
        &mut self,
        id: i64,
        expected_version: i64,
        item: &IssueInput,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        let new_version = sqlx::query_scalar::<_, i64>(
            "UPDATE register_items SET raised_on = $3, raised_by = $4, category = $5, \
             title = $6, content = $7, priority = $8, owner = $9, due = $10, status = $11, \
             progress = $12, completed_on = $13, meeting_id = $14, request_id = $15, \
             updated_at = $16, version = version + 1 \
             WHERE id = $1 AND version = $2 RETURNING version",
        )
        .bind(id)
        .bind(expected_version)
        .bind(Day(item.raised_on))
        .bind(&item.raised_by)
        .bind(Code(item.category))
        .bind(&item.title)
        .bind(&item.content)
        .bind(Code(item.priority))
        .bind(&item.owner)
        .bind(item.due.map(Day))
        .bind(Code(item.status))
        .bind(&item.progress)
        .bind(item.completed_on.map(Day))
        .bind(item.meeting_id)
        .bind(item.request_id)
        .bind(Millis(now))
        .fetch_optional(self.conn())
        .await
        .map_err(|e| link_error(e, item))?;
        self.mark_for_search(SearchKind::Register, id);
        self.versioned("register_items", id, what(id), new_version)
            .await
    }

    pub async fn get_register_item(&mut self, id: i64) -> Result<Option<RegisterItem>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE i.id = $1"
        )))
        .bind(id)
        .fetch_optional(self.conn())
        .await?)
    }

    /// The item with the register number `no`.
    pub async fn get_register_item_by_no(&mut self, no: i64) -> Result<Option<RegisterItem>> {
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {COLUMNS} {FROM} WHERE i.no = $1"
        )))
        .bind(no)
        .fetch_optional(self.conn())
        .await?)
    }

    /// One page of items matching `filter`, by number, and how many match in all.
    pub async fn list_register_items(&mut self, filter: &RegisterFilter) -> Result<RegisterPage> {
        let mut count = Sql::new("SELECT COUNT(*) FROM register_items i");
        push_conditions(&mut count, filter);
        let total = count.build_scalar::<i64>()?.fetch_one(self.conn()).await?;
        let mut page = Sql::new(&format!("SELECT {COLUMNS} {FROM}"));
        push_conditions(&mut page, filter);
        page.push(" ORDER BY i.no LIMIT ")
            .bind(filter.limit.max(0))
            .push(" OFFSET ")
            .bind(filter.offset.max(0));
        let items = page.build_as()?.fetch_all(self.conn()).await?;
        Ok(RegisterPage { items, total })
    }
}

impl Tx<'_> {
    /// Stores an item brought in from a register file with the next number, its reference in
    /// that file and the import mark; returns its id and number.
    pub async fn insert_imported_register_item(
        &mut self,
        item: &IssueInput,
        external_ref: &str,
        created_by: i64,
        now: DateTime<Utc>,
    ) -> Result<(i64, i64)> {
        let (id, no) = self.insert_register_item(item, created_by, now).await?;
        sqlx::query("UPDATE register_items SET external_ref = $2, imported_at = $3 WHERE id = $1")
            .bind(id)
            .bind(external_ref)
            .bind(Millis(now))
            .execute(self.conn())
            .await?;
        Ok((id, no))
    }

    /// The ids of the register items that carry these external references.
    pub async fn register_items_by_external_ref(
        &mut self,
        refs: &[String],
    ) -> Result<std::collections::BTreeMap<String, i64>> {
        crate::requests::external_refs(self, "register_items", refs).await
    }
}
