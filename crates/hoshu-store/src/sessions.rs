//! Log-in sessions kept by the server, and the idempotency keys of replayed writes.

use crate::Tx;
use crate::columns::{Millis, Opt};
use crate::error::{Result, StoreError};
use chrono::{DateTime, Utc};

/// A session as stored. The token itself is never stored, only its SHA-256.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, sqlx::FromRow)]
pub struct SessionRecord {
    pub id: i64,
    pub account_id: i64,
    /// The terminal's address as the server saw it.
    pub client_addr: String,
    #[sqlx(try_from = "Millis")]
    pub started_at: DateTime<Utc>,
    #[sqlx(try_from = "Millis")]
    pub last_seen_at: DateTime<Utc>,
    /// Absolute expiry: the session ends then however busy it is.
    #[sqlx(try_from = "Millis")]
    pub expires_at: DateTime<Utc>,
    #[sqlx(try_from = "Opt<Millis>")]
    pub ended_at: Option<DateTime<Utc>>,
    pub end_reason: Option<String>,
}

/// What starting a session stores.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession<'a> {
    pub token_hash: &'a str,
    pub account_id: i64,
    pub client_addr: &'a str,
    pub started_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

const SESSION_COLUMNS: &str = "id, account_id, client_addr, started_at, last_seen_at, \
     expires_at, ended_at, end_reason";

impl Tx<'_> {
    pub async fn insert_session(&mut self, new: NewSession<'_>) -> Result<i64> {
        Ok(sqlx::query_scalar(
            "INSERT INTO sessions (token_hash, account_id, client_addr, started_at, \
             last_seen_at, expires_at) VALUES ($1, $2, $3, $4, $4, $5) RETURNING id",
        )
        .bind(new.token_hash)
        .bind(new.account_id)
        .bind(new.client_addr)
        .bind(Millis(new.started_at))
        .bind(Millis(new.expires_at))
        .fetch_one(self.conn())
        .await?)
    }

    pub async fn session_by_token_hash(
        &mut self,
        token_hash: &str,
    ) -> Result<Option<SessionRecord>> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE token_hash = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(token_hash)
            .fetch_optional(self.conn())
            .await?)
    }

    pub async fn session_by_id(&mut self, id: i64) -> Result<Option<SessionRecord>> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions WHERE id = $1");
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(self.conn())
            .await?)
    }

    /// Moves the idle clock of an open session.
    pub async fn touch_session(&mut self, id: i64, now: DateTime<Utc>) -> Result<()> {
        sqlx::query("UPDATE sessions SET last_seen_at = $2 WHERE id = $1 AND ended_at IS NULL")
            .bind(id)
            .bind(Millis(now))
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// Ends an open session; `false` when it had already ended.
    pub async fn end_session(&mut self, id: i64, now: DateTime<Utc>, reason: &str) -> Result<bool> {
        let done = sqlx::query(
            "UPDATE sessions SET ended_at = $2, end_reason = $3 WHERE id = $1 AND ended_at IS NULL",
        )
        .bind(id)
        .bind(Millis(now))
        .bind(reason)
        .execute(self.conn())
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Sessions not ended, not past their absolute expiry and used since `idle_since`,
    /// most recently used first.
    pub async fn open_sessions(
        &mut self,
        now: DateTime<Utc>,
        idle_since: DateTime<Utc>,
    ) -> Result<Vec<SessionRecord>> {
        let sql = format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE ended_at IS NULL AND expires_at > $1 \
             AND last_seen_at > $2 ORDER BY last_seen_at DESC, id DESC"
        );
        Ok(sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(Millis(now))
            .bind(Millis(idle_since))
            .fetch_all(self.conn())
            .await?)
    }

    /// Claims `key` for `account_id`'s write in this transaction; `false` when an earlier
    /// transaction claimed it and committed, and the caller must not write again. A
    /// concurrent claim of the same key waits for the other transaction to end. A key reused
    /// for another operation is refused: the client has a bug, and guessing would be worse.
    pub async fn claim_idempotency_key(
        &mut self,
        account_id: i64,
        key: &str,
        operation: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let done = sqlx::query(
            "INSERT INTO idempotency_keys (account_id, key, operation, created_at) \
             VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, key) DO NOTHING",
        )
        .bind(account_id)
        .bind(key)
        .bind(operation)
        .bind(Millis(now))
        .execute(self.conn())
        .await?;
        if done.rows_affected() == 1 {
            return Ok(true);
        }
        let first_operation: String = sqlx::query_scalar(
            "SELECT operation FROM idempotency_keys WHERE account_id = $1 AND key = $2",
        )
        .bind(account_id)
        .bind(key)
        .fetch_one(self.conn())
        .await?;
        if first_operation != operation {
            return Err(StoreError::Constraint {
                message: format!(
                    "同じ再送信キーが別の操作（{first_operation}）に使われています。画面を開き直してください。"
                ),
            });
        }
        Ok(false)
    }

    /// The answer kept for the write that claimed `key`, once recorded.
    pub async fn idempotent_response(
        &mut self,
        account_id: i64,
        key: &str,
    ) -> Result<Option<String>> {
        let response: Option<Option<String>> = sqlx::query_scalar(
            "SELECT response FROM idempotency_keys WHERE account_id = $1 AND key = $2",
        )
        .bind(account_id)
        .bind(key)
        .fetch_optional(self.conn())
        .await?;
        Ok(response.flatten())
    }

    /// Keeps the answer of the write that claimed `key`, for its replays.
    pub async fn record_idempotent_response(
        &mut self,
        account_id: i64,
        key: &str,
        response: &str,
    ) -> Result<()> {
        sqlx::query("UPDATE idempotency_keys SET response = $3 WHERE account_id = $1 AND key = $2")
            .bind(account_id)
            .bind(key)
            .bind(response)
            .execute(self.conn())
            .await?;
        Ok(())
    }
}
