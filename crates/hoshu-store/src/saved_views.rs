//! Filters people saved under a name on a list screen. Every call names the owner: a person
//! reads, replaces and deletes only their own.

use crate::Tx;
use crate::columns::{Code, Millis};
use crate::error::Result;
use chrono::{DateTime, Utc};
use hoshu_core::listing::ListName;

/// One saved filter. `filters` is the screen's JSON, as the window wrote it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SavedView {
    pub id: i64,
    #[sqlx(try_from = "Code<ListName>")]
    pub list: ListName,
    pub name: String,
    pub filters: String,
    #[sqlx(try_from = "Millis")]
    pub updated_at: DateTime<Utc>,
}

impl Tx<'_> {
    /// `owner`'s saved filters on `list`, by name.
    pub async fn saved_views(&mut self, owner: i64, list: ListName) -> Result<Vec<SavedView>> {
        Ok(sqlx::query_as(
            "SELECT id, list, name, filters, updated_at FROM saved_views \
             WHERE account_id = $1 AND list = $2 ORDER BY name, id",
        )
        .bind(owner)
        .bind(Code(list))
        .fetch_all(self.conn())
        .await?)
    }

    /// Saves `filters` as `owner`'s view `name` on `list`, replacing one of that name.
    /// Returns its id.
    pub async fn save_view(
        &mut self,
        owner: i64,
        list: ListName,
        name: &str,
        filters: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO saved_views (account_id, list, name, filters, updated_at) \
             VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (account_id, list, name) DO UPDATE SET \
             filters = excluded.filters, updated_at = excluded.updated_at RETURNING id",
        )
        .bind(owner)
        .bind(Code(list))
        .bind(name)
        .bind(filters)
        .bind(Millis(now))
        .fetch_one(self.conn())
        .await?)
    }

    /// Deletes `owner`'s view `id`; false when they have none of that id.
    pub async fn delete_saved_view(&mut self, owner: i64, id: i64) -> Result<bool> {
        let done = sqlx::query("DELETE FROM saved_views WHERE id = $1 AND account_id = $2")
            .bind(id)
            .bind(owner)
            .execute(self.conn())
            .await?;
        Ok(done.rows_affected() == 1)
    }
}
