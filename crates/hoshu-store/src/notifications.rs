//! Notifications per recipient, the items people watch, and whether a person wants
//! operating-system notifications.

use crate::Tx;
use crate::columns::{Code, Flag, Millis, Opt};
use crate::error::Result;
use crate::sql::Sql;
use chrono::{DateTime, Utc};
use hoshu_core::notification::{ItemKind, ItemRef, NotificationKind};

/// Most notifications one call returns.
pub const NOTIFICATIONS_MAX: i64 = 200;

/// One notification to write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewNotification {
    pub recipient_id: i64,
    pub kind: NotificationKind,
    pub item: ItemRef,
    /// One line in Japanese, shown in the list and the operating system's pop-up.
    pub summary: String,
    /// Who caused it; `None` for a deadline coming near.
    pub actor_id: Option<i64>,
    /// Set for what is told once per recipient (a deadline alert): a second notification with
    /// the same key for the same recipient is not written.
    pub once_key: Option<String>,
}

/// A notification as its recipient reads it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct NotificationRecord {
    pub id: i64,
    #[sqlx(try_from = "Code<NotificationKind>")]
    pub kind: NotificationKind,
    #[sqlx(flatten, try_from = "ItemColumns")]
    pub item: ItemRef,
    pub summary: String,
    #[sqlx(try_from = "Millis")]
    pub created_at: DateTime<Utc>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub read_at: Option<DateTime<Utc>>,
}

/// The columns of the [`ItemRef`] a notification points at.
#[derive(sqlx::FromRow)]
struct ItemColumns {
    #[sqlx(try_from = "Code<ItemKind>")]
    item_kind: ItemKind,
    item_id: i64,
}

impl From<ItemColumns> for ItemRef {
    fn from(c: ItemColumns) -> Self {
        ItemRef {
            kind: c.item_kind,
            id: c.item_id,
        }
    }
}

const COLUMNS: &str = "id, kind, item_kind, item_id, summary, created_at, read_at";

impl Tx<'_> {
    /// Writes `notifications`; those whose once-key the recipient already has are skipped.
    /// Returns how many were written.
    pub async fn insert_notifications(
        &mut self,
        notifications: &[NewNotification],
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut written = 0;
        for n in notifications {
            let done = sqlx::query(
                "INSERT INTO notifications (recipient_id, kind, item_kind, item_id, summary, \
                 actor_id, created_at, once_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) \
                 ON CONFLICT DO NOTHING",
            )
            .bind(n.recipient_id)
            .bind(Code(n.kind))
            .bind(Code(n.item.kind))
            .bind(n.item.id)
            .bind(n.summary.as_str())
            .bind(n.actor_id)
            .bind(Millis(now))
            .bind(n.once_key.as_deref())
            .execute(self.conn())
            .await?;
            written += done.rows_affected();
        }
        Ok(written)
    }

    /// Of `keys`, those `recipient` has already been told.
    pub async fn told_once_keys(&mut self, recipient: i64, keys: &[String]) -> Result<Vec<String>> {
        if keys.is_empty() {
            return Ok(Vec::new());
        }
        let mut sql = Sql::new("SELECT once_key FROM notifications WHERE recipient_id = ");
        sql.bind(recipient)
            .and_in("once_key", keys.iter().map(String::as_str));
        Ok(sql.build_scalar()?.fetch_all(self.conn()).await?)
    }

    /// A recipient's notifications, newest first: those with an id below `before` when given
    /// (the next page), at most `limit`.
    pub async fn notifications_of(
        &mut self,
        recipient: i64,
        before: Option<i64>,
        limit: i64,
    ) -> Result<Vec<NotificationRecord>> {
        let mut sql = Sql::new(&format!(
            "SELECT {COLUMNS} FROM notifications WHERE recipient_id = "
        ));
        sql.bind(recipient);
        if let Some(before) = before {
            sql.push(" AND id < ").bind(before);
        }
        sql.push(" ORDER BY id DESC LIMIT ")
            .bind(limit.clamp(1, NOTIFICATIONS_MAX));
        Ok(sql.build_as()?.fetch_all(self.conn()).await?)
    }

    /// The window's poll: a recipient's notifications with an id above `after`, oldest first
    /// (at most [`NOTIFICATIONS_MAX`]). Both this and the unread count walk an index of the
    /// recipient's own rows only.
    pub async fn notifications_since(
        &mut self,
        recipient: i64,
        after: i64,
    ) -> Result<Vec<NotificationRecord>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM notifications WHERE recipient_id = $1 AND id > $2 \
             ORDER BY id LIMIT $3"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(recipient)
            .bind(after)
            .bind(NOTIFICATIONS_MAX)
            .fetch_all(self.conn())
            .await?)
    }

    /// The id of the recipient's newest notification; 0 when there is none.
    pub async fn latest_notification_id(&mut self, recipient: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COALESCE(MAX(id), 0) AS id FROM notifications WHERE recipient_id = $1",
        )
        .bind(recipient)
        .fetch_one(self.conn())
        .await?)
    }

    pub async fn unread_notification_count(&mut self, recipient: i64) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "SELECT COUNT(*) AS n FROM notifications WHERE recipient_id = $1 AND read_at IS NULL",
        )
        .bind(recipient)
        .fetch_one(self.conn())
        .await?)
    }

    /// Marks the recipient's unread notifications read: those in `ids`, or all with `None`.
    /// Someone else's ids are left alone. Returns how many changed.
    pub async fn mark_notifications_read(
        &mut self,
        recipient: i64,
        ids: Option<&[i64]>,
        now: DateTime<Utc>,
    ) -> Result<u64> {
        let mut sql = Sql::new("UPDATE notifications SET read_at = ");
        sql.bind(Millis(now))
            .push(" WHERE read_at IS NULL AND recipient_id = ")
            .bind(recipient);
        if let Some(ids) = ids {
            if ids.is_empty() {
                return Ok(0);
            }
            sql.and_in("id", ids.iter().copied());
        }
        Ok(sql.build()?.execute(self.conn()).await?.rows_affected())
    }

    /// Starts watching `item`; `false` when already watching.
    pub async fn watch(&mut self, account: i64, item: ItemRef, now: DateTime<Utc>) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO watches (account_id, item_kind, item_id, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(account)
        .bind(Code(item.kind))
        .bind(item.id)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Stops watching `item`; `false` when not watching.
    pub async fn unwatch(&mut self, account: i64, item: ItemRef) -> Result<bool> {
        let done = sqlx::query(
            "DELETE FROM watches WHERE account_id = $1 AND item_kind = $2 AND item_id = $3",
        )
        .bind(account)
        .bind(Code(item.kind))
        .bind(item.id)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// The accounts watching `item`, by id.
    pub async fn watchers(&mut self, item: ItemRef) -> Result<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT account_id FROM watches WHERE item_kind = $1 AND item_id = $2 \
             ORDER BY account_id",
        )
        .bind(Code(item.kind))
        .bind(item.id)
        .fetch_all(self.conn())
        .await?)
    }

    /// Whether the account wants operating-system notifications; `None` when never set.
    pub async fn os_notifications(&mut self, account: i64) -> Result<Option<bool>> {
        let on = sqlx::query_scalar::<_, Flag>(
            "SELECT os_notifications FROM notification_preferences WHERE account_id = $1",
        )
        .bind(account)
        .fetch_optional(self.conn())
        .await?;
        Ok(on.map(bool::from))
    }

    pub async fn set_os_notifications(
        &mut self,
        account: i64,
        on: bool,
        now: DateTime<Utc>,
    ) -> Result<()> {
        sqlx::query(
            "INSERT INTO notification_preferences (account_id, os_notifications, updated_at) \
             VALUES ($1, $2, $3) ON CONFLICT (account_id) DO UPDATE \
             SET os_notifications = excluded.os_notifications, updated_at = excluded.updated_at",
        )
        .bind(account)
        .bind(Flag(on))
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
