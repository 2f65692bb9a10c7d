//! Settings: plain key / value text, interpreted by the use cases.

use crate::Tx;
use crate::columns::Millis;
use crate::error::Result;
use chrono::{DateTime, Utc};

impl Tx<'_> {
    pub async fn get_setting(&mut self, key: &str) -> Result<Option<String>> {
        Ok(
            sqlx::query_scalar::<_, String>("SELECT value FROM settings WHERE key = $1")
                .bind(key)
                .fetch_optional(self.conn())
                .await?,
        )
    }

    /// Creates or replaces the setting.
    pub async fn put_setting(&mut self, key: &str, value: &str, now: DateTime<Utc>) -> Result<()> {
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
        )
        .bind(key)
        .bind(value)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        Ok(())
    }
}
