//! The tamper-evident audit log: entries and head are stored here, the chain itself is
//! computed and verified by [`hoshu_core::audit`].

use crate::Tx;
use crate::error::{Result, StoreError};
use crate::sql::{get, get_time, ms, truncate_ms};
use chrono::{DateTime, Utc};
use hoshu_core::audit::{AuditEntry, AuditEvent, ChainBreak, ChainHead, ChainVerifier};
use sqlx::any::AnyRow;

/// Entries read per round trip while verifying.
const VERIFY_PAGE: i64 = 2_000;

fn entry(row: &AnyRow) -> Result<AuditEntry> {
    Ok(AuditEntry {
        seq: get(row, "seq")?,
        at: get_time(row, "at")?,
        actor: get(row, "actor")?,
        action: get(row, "action")?,
        target: get(row, "target")?,
        summary: get(row, "summary")?,
        prev_hash: get(row, "prev_hash")?,
        hash: get(row, "hash")?,
    })
}

impl Tx<'_> {
    /// Appends `event` to the chain and returns the stored entry.
    ///
    /// The first statement locks the head row (an `UPDATE … RETURNING` that changes nothing),
    /// so concurrent appends on PostgreSQL wait for each other and each links to the entry
    /// committed before it; on SQLite the transaction already holds the write lock. The head
    /// stays locked until the transaction ends: append as the last write.
    ///
    /// `now` is truncated to the millisecond before hashing, as it is stored.
    pub async fn append_audit(
        &mut self,
        event: AuditEvent,
        now: DateTime<Utc>,
    ) -> Result<AuditEntry> {
        let head = sqlx::query("UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash")
            .fetch_optional(self.conn())
            .await?
            .ok_or_else(|| StoreError::corrupt("監査ログの先頭情報がありません"))?;
        let seq: i64 = get(&head, "seq")?;
        let hash: String = get(&head, "hash")?;
        let prev = (seq > 0).then_some((seq, hash.as_str()));
        let entry = AuditEntry::next(prev, truncate_ms(now), event);
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(entry.seq)
        .bind(ms(entry.at))
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.target)
        .bind(&entry.summary)
        .bind(&entry.prev_hash)
        .bind(&entry.hash)
        .execute(self.conn())
        .await?;
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
            .bind(entry.seq)
            .bind(&entry.hash)
            .execute(self.conn())
            .await?;
        Ok(entry)
    }

    /// The stored head of the chain; `None` while the log is empty.
    pub async fn audit_head(&mut self) -> Result<Option<ChainHead>> {
        let row = sqlx::query("SELECT seq, hash FROM audit_head WHERE id = 1")
            .fetch_optional(self.conn())
            .await?;
        match row {
            None => Ok(None),
            Some(r) => {
                let seq: i64 = get(&r, "seq")?;
                if seq == 0 {
                    return Ok(None);
                }
                Ok(Some(ChainHead {
                    seq,
                    hash: get(&r, "hash")?,
                }))
            }
        }
    }

    /// Up to `limit` entries with `seq > after_seq`, in order.
    pub async fn audit_entries(&mut self, after_seq: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        sqlx::query(
            "SELECT seq, at, actor, action, target, summary, prev_hash, hash FROM audit_log \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit.max(0))
        .fetch_all(self.conn())
        .await?
        .iter()
        .map(entry)
        .collect()
    }

    /// Verifies the whole chain against the stored head: the number of entries verified, or
    /// the first break. The outer error is a failure to read, not a verdict.
    ///
    /// The log is streamed page by page through a [`ChainVerifier`]: memory stays flat however
    /// long the log grows.
    pub async fn verify_audit(&mut self) -> Result<Result<u64, ChainBreak>> {
        let head = self.audit_head().await?;
        let mut verifier = ChainVerifier::new();
        let mut after = 0;
        loop {
            let page = self.audit_entries(after, VERIFY_PAGE).await?;
            for entry in &page {
                if let Err(broken) = verifier.push(entry) {
                    return Ok(Err(broken));
                }
            }
            match page.last() {
                Some(last) if page.len() as i64 == VERIFY_PAGE => after = last.seq,
                _ => break,
            }
        }
        Ok(verifier.finish(head.as_ref()))
    }
}
