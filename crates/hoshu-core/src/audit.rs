//! The tamper-evident audit log: each entry carries the SHA-256 of its own content and of the
//! entry before it, so editing, inserting or deleting any entry breaks the chain.
//!
//! The chain is computed here, purely; the store only keeps the entries and the chain head.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The hash the first entry links to.
pub const GENESIS_HASH: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What a use case wants recorded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEvent {
    /// Login of the account acting, or `system` for automated work.
    pub actor: String,
    /// Stable action code, e.g. `request.file`, `change.approve`, `auth.login_failed`.
    pub action: String,
    /// What was acted on, e.g. `request:42`.
    pub target: String,
    /// A short Japanese summary. Never request content: the administrator may read the log.
    pub summary: String,
}

/// One stored entry of the chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub target: String,
    pub summary: String,
    pub prev_hash: String,
    pub hash: String,
}

impl AuditEntry {
    /// Builds the entry that follows `prev` (or starts the chain when `prev` is `None`).
    pub fn next(prev: Option<(i64, &str)>, at: DateTime<Utc>, event: AuditEvent) -> Self {
        let (seq, prev_hash) = match prev {
            Some((seq, hash)) => (seq + 1, hash.to_owned()),
            None => (1, GENESIS_HASH.to_owned()),
        };
        let mut entry = AuditEntry {
            seq,
            at,
            actor: event.actor,
            action: event.action,
            target: event.target,
            summary: event.summary,
            prev_hash,
            hash: String::new(),
        };
        entry.hash = entry.compute_hash();
        entry
    }

    /// SHA-256 over every field but the hash itself, each length-prefixed so that no two
    /// different entries serialise to the same bytes.
    pub fn compute_hash(&self) -> String {
        let mut h = Sha256::new();
        let at = self.at.timestamp_micros().to_string();
        let seq = self.seq.to_string();
        for part in [
            seq.as_str(),
            at.as_str(),
            &self.actor,
            &self.action,
            &self.target,
            &self.summary,
            &self.prev_hash,
        ] {
            h.update((part.len() as u64).to_be_bytes());
            h.update(part.as_bytes());
        }
        hex::encode(h.finalize())
    }
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[error("監査ログの改ざんを検出しました: 連番 {seq} — {reason}")]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// The last entry the store says it holds, kept apart from the entries so that deleting the
/// newest entries is also detected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: i64,
    pub hash: String,
}

/// Checks a log entry by entry, so a long log can be verified page by page without holding
/// it in memory. Feed every entry in `seq` order, then [`ChainVerifier::finish`] with the head.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    expected_seq: i64,
    prev_hash: String,
    count: u64,
}

impl Default for ChainVerifier {
    fn default() -> Self {
        Self {
            expected_seq: 1,
            prev_hash: GENESIS_HASH.to_owned(),
            count: 0,
        }
    }
}

impl ChainVerifier {
    pub fn new() -> Self {
        Self::default()
    }

    /// The next entry of the log; the first break found is returned.
    pub fn push(&mut self, entry: &AuditEntry) -> Result<(), ChainBreak> {
        let expected_seq = self.expected_seq;
        if entry.seq != expected_seq {
            return Err(ChainBreak {
                seq: expected_seq,
                reason: if entry.seq > expected_seq {
                    format!(
                        "連番 {expected_seq} から {} が欠落しています（削除）。",
                        entry.seq - 1
                    )
                } else {
                    format!("連番 {} が重複しています（挿入）。", entry.seq)
                },
            });
        }
        if entry.prev_hash != self.prev_hash {
            return Err(ChainBreak {
                seq: entry.seq,
                reason: "直前の記録とのつながりが一致しません（挿入または削除）。".into(),
            });
        }
        if entry.compute_hash() != entry.hash {
            return Err(ChainBreak {
                seq: entry.seq,
                reason: "記録の内容がハッシュと一致しません（編集）。".into(),
            });
        }
        self.prev_hash.clone_from(&entry.hash);
        self.expected_seq += 1;
        self.count += 1;
        Ok(())
    }

    /// Compares the last entry with the stored head (`None` for an empty log) and returns the
    /// number of entries verified.
    pub fn finish(self, head: Option<&ChainHead>) -> Result<u64, ChainBreak> {
        let last_seq = self.expected_seq - 1;
        match head {
            None if last_seq == 0 => Ok(self.count),
            None => Err(ChainBreak {
                seq: last_seq,
                reason: "先頭情報がありません。".into(),
            }),
            Some(h) if h.seq > last_seq => Err(ChainBreak {
                seq: last_seq + 1,
                reason: format!(
                    "記録は連番 {last_seq} までですが、先頭情報は連番 {} を指しています（末尾の削除）。",
                    h.seq
                ),
            }),
            Some(h) if h.seq < last_seq => Err(ChainBreak {
                seq: h.seq + 1,
                reason: format!("先頭情報（連番 {}）より後に記録があります（挿入）。", h.seq),
            }),
            Some(h) if h.hash != self.prev_hash => Err(ChainBreak {
                seq: last_seq,
                reason: "最新の記録が先頭情報と一致しません。".into(),
            }),
            Some(_) => Ok(self.count),
        }
    }
}

/// Walks the entries in order and returns the number verified, or the first break.
///
/// The entries must be the whole log ordered by `seq`; `head` is the stored head (`None` for an
/// empty log).
pub fn verify_chain<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    head: Option<&ChainHead>,
) -> Result<u64, ChainBreak> {
    let mut verifier = ChainVerifier::new();
    for entry in entries {
        verifier.push(entry)?;
    }
    verifier.finish(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn chain(n: i64) -> (Vec<AuditEntry>, ChainHead) {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let prev = entries.last().map(|e| (e.seq, e.hash.as_str()));
            let at =
                Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap() + chrono::TimeDelta::minutes(i);
            let e = AuditEntry::next(
                prev,
                at,
                AuditEvent {
                    actor: "staff01".into(),
                    action: "request.file".into(),
                    target: format!("request:{i}"),
                    summary: format!("依頼 #{i} を起票"),
                },
            );
            entries.push(e);
        }
        let last = entries.last().unwrap();
        let head = ChainHead {
            seq: last.seq,
            hash: last.hash.clone(),
        };
        (entries, head)
    }

    #[test]
    fn intact_chain_verifies() {
        let (entries, head) = chain(5);
        assert_eq!(verify_chain(&entries, Some(&head)), Ok(5));
        assert_eq!(verify_chain(&[], None), Ok(0));
    }

    #[test]
    fn edited_entry_is_found() {
        let (mut entries, head) = chain(5);
        entries[2].summary = "依頼 #2 を取下げ".into();
        let err = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.reason.contains("編集"));
    }

    #[test]
    fn edited_entry_with_recomputed_hash_breaks_the_next_link() {
        let (mut entries, head) = chain(5);
        entries[2].summary = "書き換え".into();
        entries[2].hash = entries[2].compute_hash();
        assert_eq!(verify_chain(&entries, Some(&head)).unwrap_err().seq, 4);
    }

    #[test]
    fn deleted_entry_is_found() {
        let (mut entries, head) = chain(5);
        entries.remove(1);
        let err = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(err.seq, 2);
        assert!(err.reason.contains("欠落"));
    }

    #[test]
    fn deleted_tail_is_found_through_the_head() {
        let (mut entries, head) = chain(5);
        entries.pop();
        let err = verify_chain(&entries, Some(&head)).unwrap_err();
        assert!(err.reason.contains("末尾の削除"), "{err}");
    }

    #[test]
    fn inserted_entry_is_found() {
        let (mut entries, head) = chain(5);
        let mut forged = entries[1].clone();
        forged.summary = "偽の記録".into();
        entries.insert(2, forged);
        assert!(verify_chain(&entries, Some(&head)).is_err());
    }

    #[test]
    fn forged_entry_appended_past_the_head_is_an_insertion() {
        let (mut entries, _) = chain(5);
        let head = ChainHead {
            seq: 4,
            hash: entries[3].hash.clone(),
        };
        entries.truncate(5);
        let err = verify_chain(&entries, Some(&head)).unwrap_err();
        assert_eq!(err.seq, 5);
        assert!(err.reason.contains("（挿入）"), "{err}");
    }

    #[test]
    fn page_by_page_verification_equals_whole_log() {
        let (entries, head) = chain(7);
        let mut v = ChainVerifier::new();
        for page in entries.chunks(3) {
            for e in page {
                v.push(e).unwrap();
            }
        }
        assert_eq!(v.finish(Some(&head)), Ok(7));
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let (entries, _) = chain(1);
        let mut shifted = entries[0].clone();
        shifted.actor = "staff0".into();
        shifted.action = "1request.file".into();
        assert_ne!(shifted.compute_hash(), entries[0].hash);
    }
}
