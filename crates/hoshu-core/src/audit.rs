//! The tamper-evident audit log: each entry carries an HMAC-SHA-256 of its own content and of
//! the entry before it, under a key that is kept outside the database. Editing, inserting or
//! deleting an entry breaks the chain, and someone with write access to the database but not
//! the key cannot compute a chain that verifies again.
//!
//! The chain is computed here, purely: the caller hands in the [`AuditKey`]; the store only
//! keeps the entries and the chain head. Logs written before the key existed were chained with
//! plain SHA-256 ([`ChainAlgorithm::Sha256`]); [`ChainVerifier::legacy`] checks them once so the
//! store can re-seal them with the key.

use chrono::{DateTime, Utc};
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

type HmacSha256 = Hmac<Sha256>;

/// The MAC the first entry links to.
pub const GENESIS_MAC: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// Domain tags, so that an entry's MAC can never be passed off as a head seal or the reverse.
const ENTRY_TAG: &[u8] = b"hoshu-audit-entry-v1";
const HEAD_TAG: &[u8] = b"hoshu-audit-head-v1";

/// The secret of the audit chain: 32 random bytes. It never goes into the database, and its
/// `Debug` output does not show it.
#[derive(Clone, PartialEq, Eq)]
pub struct AuditKey([u8; AuditKey::LEN]);

impl std::fmt::Debug for AuditKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("AuditKey(<秘匿>)")
    }
}

/// Why a key's text form was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyFormatError {
    #[error("鍵は16進数 64 文字で記録してください（{found} 文字でした）。")]
    WrongLength { found: usize },
    #[error("鍵に16進数（0-9, a-f）以外の文字があります。")]
    NotHex,
}

impl AuditKey {
    /// Bytes of key material.
    pub const LEN: usize = 32;

    pub fn from_bytes(bytes: [u8; Self::LEN]) -> Self {
        Self(bytes)
    }

    /// Reads the key file's form: 64 hex digits; surrounding white space (a final newline,
    /// CRLF from an editor) is ignored.
    pub fn from_hex(text: &str) -> Result<Self, KeyFormatError> {
        let text = text.trim();
        if text.chars().count() != Self::LEN * 2 {
            return Err(KeyFormatError::WrongLength {
                found: text.chars().count(),
            });
        }
        let mut bytes = [0; Self::LEN];
        hex::decode_to_slice(text, &mut bytes).map_err(|_| KeyFormatError::NotHex)?;
        Ok(Self(bytes))
    }

    /// The key file's form: 64 lower-case hex digits.
    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    fn mac(&self) -> HmacSha256 {
        // HMAC takes keys of any length, so this cannot fail.
        <HmacSha256 as KeyInit>::new_from_slice(&self.0).expect("HMAC accepts any key length")
    }
}

/// How a log's chain is computed, recorded in the database beside it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ChainAlgorithm {
    /// Plain SHA-256 without a key: logs written before the key was introduced. Anyone with
    /// database access can recompute it, so it is only read to migrate.
    Sha256,
    /// HMAC-SHA-256 under the [`AuditKey`].
    HmacSha256,
}

impl ChainAlgorithm {
    pub fn code(self) -> &'static str {
        match self {
            ChainAlgorithm::Sha256 => "sha256",
            ChainAlgorithm::HmacSha256 => "hmac-sha256",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "sha256" => Some(ChainAlgorithm::Sha256),
            "hmac-sha256" => Some(ChainAlgorithm::HmacSha256),
            _ => None,
        }
    }
}

impl crate::coded::Coded for ChainAlgorithm {
    fn code(self) -> &'static str {
        ChainAlgorithm::code(self)
    }

    fn from_code(code: &str) -> Option<Self> {
        ChainAlgorithm::from_code(code)
    }
}

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
    /// The MAC of the entry before (hex), [`GENESIS_MAC`] for the first.
    pub prev_mac: String,
    /// HMAC-SHA-256 of this entry under the key (hex).
    pub mac: String,
}

impl AuditEntry {
    /// Builds the entry that follows `prev` (seq and MAC; `None` starts the chain).
    pub fn next(
        prev: Option<(i64, &str)>,
        at: DateTime<Utc>,
        event: AuditEvent,
        key: &AuditKey,
    ) -> Self {
        let (seq, prev_mac) = match prev {
            Some((seq, mac)) => (seq + 1, mac.to_owned()),
            None => (1, GENESIS_MAC.to_owned()),
        };
        let mut entry = AuditEntry {
            seq,
            at,
            actor: event.actor,
            action: event.action,
            target: event.target,
            summary: event.summary,
            prev_mac,
            mac: String::new(),
        };
        entry.mac = entry.compute_mac(key);
        entry
    }

    /// Every field but the MAC itself, each length-prefixed so that no two different entries
    /// serialise to the same bytes.
    fn content(&self, mut feed: impl FnMut(&[u8])) {
        let at = self.at.timestamp_micros().to_string();
        let seq = self.seq.to_string();
        for part in [
            seq.as_str(),
            at.as_str(),
            &self.actor,
            &self.action,
            &self.target,
            &self.summary,
            &self.prev_mac,
        ] {
            feed(&(part.len() as u64).to_be_bytes());
            feed(part.as_bytes());
        }
    }

    /// HMAC-SHA-256 of the entry under `key`, hex.
    pub fn compute_mac(&self, key: &AuditKey) -> String {
        hex::encode(self.keyed(key).finalize().into_bytes())
    }

    fn keyed(&self, key: &AuditKey) -> HmacSha256 {
        let mut mac = key.mac();
        mac.update(ENTRY_TAG);
        self.content(|b| mac.update(b));
        mac
    }

    /// True when the stored MAC is the entry's MAC under `key` (compared in constant time).
    pub fn mac_matches(&self, key: &AuditKey) -> bool {
        hex::decode(&self.mac).is_ok_and(|stored| self.keyed(key).verify_slice(&stored).is_ok())
    }

    /// The unkeyed SHA-256 of the legacy chain, which stored it in place of the MAC.
    pub fn legacy_hash(&self) -> String {
        let mut h = Sha256::new();
        self.content(|b| h.update(b));
        hex::encode(h.finalize())
    }
}

/// The first place where the chain does not hold.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[error("監査ログの改ざんを検出しました: 連番 {seq} — {reason}")]
pub struct ChainBreak {
    pub seq: i64,
    pub reason: String,
}

/// The last entry the store says it holds, kept apart from the entries so that deleting the
/// newest entries is also detected.
///
/// `seal` is a MAC over `seq` and `mac` under the key, written with each append. Without it a
/// person who deletes the newest entries could move the head back to an older entry, whose seq
/// and MAC are plain to read; with it they would need the key. `None` on a legacy log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChainHead {
    pub seq: i64,
    /// The MAC of entry `seq`: print it on paper, and a later log can be checked against it.
    pub mac: String,
    pub seal: Option<String>,
}

impl ChainHead {
    /// The head after entry `seq` with MAC `mac`, sealed with `key`.
    pub fn sealed(seq: i64, mac: &str, key: &AuditKey) -> Self {
        Self {
            seq,
            mac: mac.to_owned(),
            seal: Some(hex::encode(head_mac(seq, mac, key).finalize().into_bytes())),
        }
    }

    /// True when the seal is this head's under `key`.
    pub fn seal_matches(&self, key: &AuditKey) -> bool {
        self.seal
            .as_deref()
            .and_then(|s| hex::decode(s).ok())
            .is_some_and(|stored| {
                head_mac(self.seq, &self.mac, key)
                    .verify_slice(&stored)
                    .is_ok()
            })
    }

    /// `連番 1234 / MAC 3fa9…` with the first 16 hex digits: the line for reports and the disc
    /// MANIFEST, enough to recognise the head later without printing the whole MAC.
    pub fn short_line(&self) -> String {
        let short: String = self.mac.chars().take(16).collect();
        format!("連番 {} / MAC {short}…", self.seq)
    }
}

fn head_mac(seq: i64, mac: &str, key: &AuditKey) -> HmacSha256 {
    let mut h = key.mac();
    h.update(HEAD_TAG);
    for part in [seq.to_string().as_str(), mac] {
        h.update(&(part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h
}

/// How each entry is checked.
#[derive(Debug, Clone)]
enum Check {
    Legacy,
    Keyed(AuditKey),
}

/// Checks a log entry by entry, so a long log can be verified page by page without holding
/// it in memory. Feed every entry in `seq` order, then [`ChainVerifier::finish`] with the head.
#[derive(Debug, Clone)]
pub struct ChainVerifier {
    check: Check,
    expected_seq: i64,
    prev_mac: String,
    count: u64,
}

impl ChainVerifier {
    /// Verifies an HMAC chain under `key`.
    pub fn new(key: &AuditKey) -> Self {
        Self::with(Check::Keyed(key.clone()))
    }

    /// Verifies a legacy, unkeyed SHA-256 chain (only to migrate it; it proves nothing
    /// against someone who could write to the database).
    pub fn legacy() -> Self {
        Self::with(Check::Legacy)
    }

    fn with(check: Check) -> Self {
        Self {
            check,
            expected_seq: 1,
            prev_mac: GENESIS_MAC.to_owned(),
            count: 0,
        }
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
        if entry.prev_mac != self.prev_mac {
            return Err(ChainBreak {
                seq: entry.seq,
                reason: "直前の記録とのつながりが一致しません（挿入または削除）。".into(),
            });
        }
        let sound = match &self.check {
            Check::Keyed(key) => entry.mac_matches(key),
            Check::Legacy => entry.legacy_hash() == entry.mac,
        };
        if !sound {
            return Err(ChainBreak {
                seq: entry.seq,
                reason: match self.check {
                    Check::Keyed(_) => {
                        "記録の内容が MAC と一致しません（編集、または鍵が違います）。".into()
                    }
                    Check::Legacy => "記録の内容がハッシュと一致しません（編集）。".into(),
                },
            });
        }
        self.prev_mac.clone_from(&entry.mac);
        self.expected_seq += 1;
        self.count += 1;
        Ok(())
    }

    /// Compares the last entry with the stored head (`None` for an empty log) and returns the
    /// number of entries verified. With a key the head's seal must hold too.
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
            Some(h) if h.mac != self.prev_mac => Err(ChainBreak {
                seq: last_seq,
                reason: "最新の記録が先頭情報と一致しません。".into(),
            }),
            Some(h) => match &self.check {
                // Every entry verified under the key, so a seal that does not is a head that
                // was moved back after the newest entries were deleted.
                Check::Keyed(key) if !h.seal_matches(key) => Err(ChainBreak {
                    seq: last_seq + 1,
                    reason: format!(
                        "先頭情報が鍵で検証できません。連番 {} より後の記録が削除され、先頭情報が書き換えられています（末尾の削除）。",
                        last_seq
                    ),
                }),
                _ => Ok(self.count),
            },
        }
    }
}

/// Walks the entries in order under `key` and returns the number verified, or the first break.
///
/// The entries must be the whole log ordered by `seq`; `head` is the stored head (`None` for an
/// empty log).
pub fn verify_chain<'a>(
    entries: impl IntoIterator<Item = &'a AuditEntry>,
    head: Option<&ChainHead>,
    key: &AuditKey,
) -> Result<u64, ChainBreak> {
    let mut verifier = ChainVerifier::new(key);
    for entry in entries {
        verifier.push(entry)?;
    }
    verifier.finish(head)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn key() -> AuditKey {
        AuditKey::from_bytes([0x5a; AuditKey::LEN])
    }

    fn event(i: i64) -> AuditEvent {
        AuditEvent {
            actor: "staff01".into(),
            action: "request.file".into(),
            target: format!("request:{i}"),
            summary: format!("依頼 #{i} を起票"),
        }
    }

    fn at(i: i64) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 4, 1, 9, 0, 0).unwrap() + chrono::TimeDelta::minutes(i)
    }

    fn chain(n: i64) -> (Vec<AuditEntry>, ChainHead) {
        let mut entries: Vec<AuditEntry> = Vec::new();
        for i in 0..n {
            let prev = entries.last().map(|e| (e.seq, e.mac.as_str()));
            entries.push(AuditEntry::next(prev, at(i), event(i), &key()));
        }
        let last = entries.last().unwrap();
        let head = ChainHead::sealed(last.seq, &last.mac, &key());
        (entries, head)
    }

    /// Rewrites every MAC from entry `from` on as the legacy code did (plain SHA-256), and
    /// the head with it: all that someone without the key can do.
    fn rechain_unkeyed(entries: &mut [AuditEntry], head: &mut ChainHead) {
        for i in 0..entries.len() {
            if i > 0 {
                entries[i].prev_mac = entries[i - 1].mac.clone();
            }
            entries[i].mac = entries[i].legacy_hash();
        }
        let last = entries.last().unwrap();
        head.seq = last.seq;
        head.mac = last.mac.clone();
    }

    #[test]
    fn intact_chain_verifies_with_the_right_key() {
        let (entries, head) = chain(5);
        assert_eq!(verify_chain(&entries, Some(&head), &key()), Ok(5));
        assert_eq!(verify_chain(&[], None, &key()), Ok(0));
    }

    #[test]
    fn wrong_key_fails_at_the_first_entry() {
        let (entries, head) = chain(5);
        let other = AuditKey::from_bytes([0xa5; AuditKey::LEN]);
        let err = verify_chain(&entries, Some(&head), &other).unwrap_err();
        assert_eq!(err.seq, 1);
        assert!(err.reason.contains("鍵"), "{err}");
    }

    #[test]
    fn edited_entry_is_found() {
        let (mut entries, head) = chain(5);
        entries[2].summary = "依頼 #2 を取下げ".into();
        let err = verify_chain(&entries, Some(&head), &key()).unwrap_err();
        assert_eq!(err.seq, 3);
        assert!(err.reason.contains("編集"));
    }

    #[test]
    fn edited_entry_rechained_without_the_key_is_found() {
        let (mut entries, mut head) = chain(5);
        entries[2].summary = "書き換え".into();
        rechain_unkeyed(&mut entries, &mut head);
        // The unkeyed rewrite breaks the very first entry: no entry's MAC can be recomputed.
        assert_eq!(
            verify_chain(&entries, Some(&head), &key()).unwrap_err().seq,
            1
        );
        // Keeping the untouched prefix does not help either: the edited entry fails.
        let (mut entries, mut head) = chain(5);
        entries[2].summary = "書き換え".into();
        entries[2].mac = entries[2].legacy_hash();
        entries[3].prev_mac = entries[2].mac.clone();
        head.mac = entries[4].mac.clone();
        assert_eq!(
            verify_chain(&entries, Some(&head), &key()).unwrap_err().seq,
            3
        );
    }

    #[test]
    fn deleted_entry_is_found() {
        let (mut entries, head) = chain(5);
        entries.remove(1);
        let err = verify_chain(&entries, Some(&head), &key()).unwrap_err();
        assert_eq!(err.seq, 2);
        assert!(err.reason.contains("欠落"));
    }

    #[test]
    fn deleted_tail_is_found_through_the_head() {
        let (mut entries, head) = chain(5);
        entries.pop();
        let err = verify_chain(&entries, Some(&head), &key()).unwrap_err();
        assert_eq!(err.seq, 5);
        assert!(err.reason.contains("末尾の削除"), "{err}");
    }

    #[test]
    fn deleted_tail_with_the_head_moved_back_is_found_through_the_seal() {
        let (mut entries, head) = chain(5);
        entries.truncate(3);
        // The head now names entry 3 exactly; only its seal, which needs the key, is old.
        let moved = ChainHead {
            seq: 3,
            mac: entries[2].mac.clone(),
            seal: head.seal.clone(),
        };
        let err = verify_chain(&entries, Some(&moved), &key()).unwrap_err();
        assert_eq!(err.seq, 4);
        assert!(err.reason.contains("末尾の削除"), "{err}");
        let unsealed = ChainHead {
            seal: None,
            ..moved
        };
        assert_eq!(
            verify_chain(&entries, Some(&unsealed), &key())
                .unwrap_err()
                .seq,
            4
        );
    }

    #[test]
    fn inserted_entry_is_found() {
        let (mut entries, head) = chain(5);
        let mut forged = entries[1].clone();
        forged.summary = "偽の記録".into();
        entries.insert(2, forged);
        assert_eq!(
            verify_chain(&entries, Some(&head), &key()).unwrap_err().seq,
            3
        );
    }

    #[test]
    fn inserted_entry_with_guessed_mac_is_found() {
        let (mut entries, mut head) = chain(5);
        let mut forged = AuditEntry::next(Some((5, &entries[4].mac)), at(9), event(9), &key());
        forged.mac = forged.legacy_hash();
        entries.push(forged);
        head.seq = 6;
        head.mac = entries[5].mac.clone();
        let err = verify_chain(&entries, Some(&head), &key()).unwrap_err();
        assert_eq!(err.seq, 6);
        assert!(err.reason.contains("MAC"), "{err}");
    }

    #[test]
    fn forged_entry_appended_past_the_head_is_an_insertion() {
        let (mut entries, _) = chain(5);
        let head = ChainHead::sealed(4, &entries[3].mac, &key());
        entries.truncate(5);
        let err = verify_chain(&entries, Some(&head), &key()).unwrap_err();
        assert_eq!(err.seq, 5);
        assert!(err.reason.contains("（挿入）"), "{err}");
    }

    #[test]
    fn page_by_page_verification_equals_whole_log() {
        let (entries, head) = chain(7);
        let mut v = ChainVerifier::new(&key());
        for page in entries.chunks(3) {
            for e in page {
                v.push(e).unwrap();
            }
        }
        assert_eq!(v.finish(Some(&head)), Ok(7));
    }

    #[test]
    fn legacy_chains_verify_unkeyed_only() {
        let (mut entries, mut head) = chain(4);
        rechain_unkeyed(&mut entries, &mut head);
        head.seal = None;
        let mut v = ChainVerifier::legacy();
        for e in &entries {
            v.push(e).unwrap();
        }
        assert_eq!(v.finish(Some(&head)), Ok(4));
        assert_eq!(
            verify_chain(&entries, Some(&head), &key()).unwrap_err().seq,
            1
        );
    }

    #[test]
    fn field_boundaries_cannot_be_shifted() {
        let (entries, _) = chain(1);
        let mut shifted = entries[0].clone();
        shifted.actor = "staff0".into();
        shifted.action = "1request.file".into();
        assert_ne!(shifted.compute_mac(&key()), entries[0].mac);
        assert_ne!(shifted.legacy_hash(), entries[0].legacy_hash());
    }

    #[test]
    fn key_text_form() {
        let k = AuditKey::from_bytes([0xab; AuditKey::LEN]);
        assert_eq!(
            AuditKey::from_hex(&format!("{}\n", k.to_hex())),
            Ok(k.clone())
        );
        assert_eq!(
            AuditKey::from_hex(&format!("{}\r\n", k.to_hex())),
            Ok(k.clone())
        );
        assert_eq!(
            AuditKey::from_hex("abcd"),
            Err(KeyFormatError::WrongLength { found: 4 })
        );
        assert_eq!(
            AuditKey::from_hex(&"g".repeat(64)),
            Err(KeyFormatError::NotHex)
        );
        assert!(!format!("{k:?}").contains("ab"), "{k:?}");
    }

    #[test]
    fn head_line_shows_seq_and_16_hex() {
        let head = ChainHead::sealed(1234, &"3fa9".repeat(16), &key());
        assert_eq!(head.short_line(), "連番 1234 / MAC 3fa93fa93fa93fa9…");
    }

    #[test]
    fn algorithm_codes_round_trip() {
        for a in [ChainAlgorithm::Sha256, ChainAlgorithm::HmacSha256] {
            assert_eq!(ChainAlgorithm::from_code(a.code()), Some(a));
        }
    }
}
