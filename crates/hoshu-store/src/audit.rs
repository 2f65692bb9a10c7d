//! The tamper-evident audit log: entries and head are stored here, the chain itself is
//! computed and verified by [`hoshu_core::audit`] under the store's [`AuditKey`], which never
//! enters the database.

use crate::columns::{Code, Millis};
use crate::error::{Result, StoreError};
use crate::{Backend, Store, Tx};
use chrono::{DateTime, Utc};
use hoshu_core::audit::{
    AuditEntry, AuditEvent, ChainAlgorithm, ChainBreak, ChainHead, ChainVerifier,
};

/// Entries read per round trip while verifying or re-sealing.
const VERIFY_PAGE: i64 = 2_000;

/// The columns of an [`AuditEntry`]; the MACs are stored under their former name, `hash`.
#[derive(sqlx::FromRow)]
struct EntryColumns {
    seq: i64,
    #[sqlx(try_from = "Millis")]
    at: DateTime<Utc>,
    actor: String,
    action: String,
    target: String,
    summary: String,
    prev_hash: String,
    hash: String,
}

impl From<EntryColumns> for AuditEntry {
    fn from(c: EntryColumns) -> Self {
        AuditEntry {
            seq: c.seq,
            at: c.at,
            actor: c.actor,
            action: c.action,
            target: c.target,
            summary: c.summary,
            prev_mac: c.prev_hash,
            mac: c.hash,
        }
    }
}

/// The stored head row; sequence 0 is the head of an empty log.
#[derive(sqlx::FromRow)]
struct HeadColumns {
    seq: i64,
    hash: String,
    seal: Option<String>,
}

impl From<HeadColumns> for Option<ChainHead> {
    fn from(c: HeadColumns) -> Self {
        (c.seq != 0).then_some(ChainHead {
            seq: c.seq,
            mac: c.hash,
            seal: c.seal,
        })
    }
}

fn legacy_refused() -> StoreError {
    StoreError::setup(
        "監査ログが旧方式（鍵なしの SHA-256）のままです。所有者ロールの接続先を指定して `hoshu --db <所有者のURL> init` を実行し、鍵による方式（HMAC-SHA-256）へ移行してください。",
    )
}

impl Tx<'_> {
    /// Appends `event` to the chain, sealed with the store's key, and returns the stored entry.
    ///
    /// The first statement locks the head row (an `UPDATE … RETURNING` that changes nothing),
    /// so concurrent appends on PostgreSQL wait for each other and each links to the entry
    /// committed before it; on SQLite the transaction already holds the write lock. The head
    /// stays locked until the transaction ends: append as the last write.
    ///
    /// A head whose seal does not verify under the key is refused rather than extended: the
    /// key is not this database's (a wrong key file would otherwise write entries that no
    /// later verification accepts), or the head was tampered with.
    ///
    /// `now` is truncated to the millisecond before the MAC is computed, as it is stored.
    pub async fn append_audit(
        &mut self,
        event: AuditEvent,
        now: DateTime<Utc>,
    ) -> Result<AuditEntry> {
        let prev: Option<ChainHead> = sqlx::query_as::<_, HeadColumns>(
            "UPDATE audit_head SET seq = seq WHERE id = 1 RETURNING seq, hash, seal",
        )
        .fetch_optional(self.conn())
        .await?
        .ok_or_else(|| StoreError::corrupt("監査ログの先頭情報がありません"))?
        .into();
        if let Some(h) = &prev
            && !h.seal_matches(self.key)
        {
            return Err(StoreError::setup(
                "監査ログの鍵がこのデータベースのものと一致しません（または監査ログの先頭情報が書き換えられています）。鍵ファイルの指定を確認し、`hoshu audit verify` で監査ログを検証してください。",
            ));
        }
        let entry = AuditEntry::next(
            prev.as_ref().map(|h| (h.seq, h.mac.as_str())),
            Millis::truncate(now),
            event,
            self.key,
        );
        sqlx::query(
            "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(entry.seq)
        .bind(Millis(entry.at))
        .bind(&entry.actor)
        .bind(&entry.action)
        .bind(&entry.target)
        .bind(&entry.summary)
        .bind(&entry.prev_mac)
        .bind(&entry.mac)
        .execute(self.conn())
        .await?;
        let head = ChainHead::sealed(entry.seq, &entry.mac, self.key);
        self.set_audit_head(&head).await?;
        Ok(entry)
    }

    async fn set_audit_head(&mut self, head: &ChainHead) -> Result<()> {
        sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, seal = $3 WHERE id = 1")
            .bind(head.seq)
            .bind(&head.mac)
            .bind(head.seal.as_deref())
            .execute(self.conn())
            .await?;
        Ok(())
    }

    /// The stored head of the chain (last seq and its MAC); `None` while the log is empty.
    /// Printed on the monthly report and the disc MANIFEST, it lets a later check prove that
    /// the log still reaches that entry.
    pub async fn audit_head(&mut self) -> Result<Option<ChainHead>> {
        Ok(
            sqlx::query_as::<_, HeadColumns>("SELECT seq, hash, seal FROM audit_head WHERE id = 1")
                .fetch_optional(self.conn())
                .await?
                .and_then(Option::from),
        )
    }

    /// How the stored chain is computed.
    pub async fn audit_chain_algorithm(&mut self) -> Result<ChainAlgorithm> {
        let kind: String = sqlx::query_scalar("SELECT kind FROM audit_chain WHERE id = 1")
            .fetch_one(self.conn())
            .await?;
        ChainAlgorithm::from_code(&kind)
            .ok_or_else(|| StoreError::corrupt(format!("監査ログの方式 {kind}")))
    }

    /// Up to `limit` entries with `seq > after_seq`, in order.
    pub async fn audit_entries(&mut self, after_seq: i64, limit: i64) -> Result<Vec<AuditEntry>> {
        let entries = sqlx::query_as::<_, EntryColumns>(
            "SELECT seq, at, actor, action, target, summary, prev_hash, hash FROM audit_log \
             WHERE seq > $1 ORDER BY seq LIMIT $2",
        )
        .bind(after_seq)
        .bind(limit.max(0))
        .fetch_all(self.conn())
        .await?;
        Ok(entries.into_iter().map(AuditEntry::from).collect())
    }

    /// Verifies the whole chain under the store's key against the stored head: the number of
    /// entries verified, or the first break. The outer error is a failure to read, or a log
    /// still in the legacy form (which a key cannot vouch for), not a verdict.
    ///
    /// The log is streamed page by page through a [`ChainVerifier`]: memory stays flat however
    /// long the log grows.
    pub async fn verify_audit(&mut self) -> Result<Result<u64, ChainBreak>> {
        if self.audit_chain_algorithm().await? != ChainAlgorithm::HmacSha256 {
            return Err(legacy_refused());
        }
        let key = self.key;
        self.walk_audit(ChainVerifier::new(key)).await
    }

    async fn walk_audit(&mut self, mut verifier: ChainVerifier) -> Result<Result<u64, ChainBreak>> {
        let head = self.audit_head().await?;
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

    /// Rewrites the MAC of every entry, in order, under the key. Only for the move from the
    /// legacy chain, inside the transaction that lifted the no-update trigger.
    async fn reseal_audit(&mut self) -> Result<Option<ChainHead>> {
        let key = self.key;
        let mut prev: Option<(i64, String)> = None;
        loop {
            let after = prev.as_ref().map_or(0, |(seq, _)| *seq);
            let page = self.audit_entries(after, VERIFY_PAGE).await?;
            for old in &page {
                let event = AuditEvent {
                    actor: old.actor.clone(),
                    action: old.action.clone(),
                    target: old.target.clone(),
                    summary: old.summary.clone(),
                };
                let new = AuditEntry::next(
                    prev.as_ref().map(|(seq, mac)| (*seq, mac.as_str())),
                    old.at,
                    event,
                    key,
                );
                sqlx::query("UPDATE audit_log SET prev_hash = $1, hash = $2 WHERE seq = $3")
                    .bind(&new.prev_mac)
                    .bind(&new.mac)
                    .bind(new.seq)
                    .execute(self.conn())
                    .await?;
                prev = Some((new.seq, new.mac));
            }
            if (page.len() as i64) < VERIFY_PAGE {
                break;
            }
        }
        Ok(prev.map(|(seq, mac)| ChainHead::sealed(seq, &mac, key)))
    }

    /// Removes the trigger that refuses UPDATE on `audit_log`, for this transaction only:
    /// PostgreSQL and SQLite both undo DDL on rollback, and [`Tx::restore_no_update`] puts it
    /// back before commit. Only the owner of the table may do this.
    async fn lift_no_update(&mut self) -> Result<()> {
        let sql = match self.backend() {
            Backend::Sqlite => "DROP TRIGGER audit_log_no_update",
            Backend::Postgres => "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
        };
        sqlx::query(sql).execute(self.conn()).await?;
        Ok(())
    }

    async fn restore_no_update(&mut self) -> Result<()> {
        // The SQLite trigger exactly as migration 0001 creates it.
        let sql = match self.backend() {
            Backend::Sqlite => {
                "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log \
                 BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
            }
            Backend::Postgres => "ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update",
        };
        sqlx::query(sql).execute(self.conn()).await?;
        Ok(())
    }
}

impl Store {
    /// Moves a legacy (unkeyed SHA-256) log to the keyed chain, once, in one transaction:
    /// verifies the old chain — a broken one is refused, since sealing it would launder the
    /// tampering — then re-seals every entry and the head with the key and records the new
    /// algorithm. The first statement locks the `audit_chain` row, so two owners opening the
    /// store at once do not both re-seal.
    pub(crate) async fn upgrade_legacy_audit(&self) -> Result<()> {
        let mut tx = self.begin().await?;
        let kind: String =
            sqlx::query_scalar("UPDATE audit_chain SET kind = kind WHERE id = 1 RETURNING kind")
                .fetch_one(tx.conn())
                .await?;
        if ChainAlgorithm::from_code(&kind) != Some(ChainAlgorithm::Sha256) {
            return Ok(());
        }
        if let Err(broken) = tx.walk_audit(ChainVerifier::legacy()).await? {
            return Err(StoreError::setup(format!(
                "鍵による方式へ移行する前の検証で、監査ログの不整合を検出しました（連番 {}: {}）。移行を中止しました。データベースのバックアップと監査ログを確認してください。",
                broken.seq, broken.reason
            )));
        }
        tx.lift_no_update().await?;
        let head = tx.reseal_audit().await?;
        tx.restore_no_update().await?;
        if let Some(head) = &head {
            tx.set_audit_head(head).await?;
        }
        sqlx::query("UPDATE audit_chain SET kind = $1 WHERE id = 1")
            .bind(Code(ChainAlgorithm::HmacSha256))
            .execute(tx.conn())
            .await?;
        tx.commit().await?;
        tracing::info!(
            entries = head.map_or(0, |h| h.seq),
            "audit log moved to the keyed chain"
        );
        Ok(())
    }

    /// For a runtime connection, which may not re-seal: the log must be keyed already.
    pub(crate) async fn check_audit_chain(&self) -> Result<()> {
        let mut tx = self.begin_read().await?;
        if tx.audit_chain_algorithm().await? != ChainAlgorithm::HmacSha256 {
            return Err(legacy_refused());
        }
        Ok(())
    }
}
