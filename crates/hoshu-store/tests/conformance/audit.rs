//! The audit chain: append, verify, detect tampering, and stay one chain under concurrency.

use crate::harness::*;
use chrono::TimeDelta;
use hoshu_core::audit::{AuditEntry, AuditEvent, ChainHead, GENESIS_HASH};
use hoshu_store::Store;

fn event(i: i64) -> AuditEvent {
    AuditEvent {
        actor: if i % 2 == 0 { "staff01" } else { "se01" }.into(),
        action: "request.file".into(),
        target: format!("request:{i}"),
        summary: format!("依頼 #{i} を起票"),
    }
}

async fn append_n(store: &Store, n: i64) -> Vec<AuditEntry> {
    let mut out = Vec::new();
    for i in 0..n {
        let mut tx = store.begin().await.unwrap();
        // Sub-millisecond parts are dropped before hashing, so the entry verifies after a read.
        let at = now() + TimeDelta::seconds(i) + TimeDelta::microseconds(123);
        out.push(tx.append_audit(event(i), at).await.unwrap());
        tx.commit().await.unwrap();
    }
    out
}

async fn verify(store: &Store) -> Result<u64, hoshu_core::audit::ChainBreak> {
    let mut tx = store.begin_read().await.unwrap();
    tx.verify_audit().await.unwrap()
}

conformance!(audit_append_and_verify_50_entries, |store| async move {
    let appended = append_n(&store, 50).await;
    assert_eq!(appended[0].seq, 1);
    assert_eq!(appended[0].prev_hash, GENESIS_HASH);
    assert_eq!(appended[0].at, now() + TimeDelta::seconds(0));
    for pair in appended.windows(2) {
        assert_eq!(pair[1].seq, pair[0].seq + 1);
        assert_eq!(pair[1].prev_hash, pair[0].hash);
    }

    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(
        tx.audit_head().await.unwrap(),
        Some(ChainHead {
            seq: 50,
            hash: appended[49].hash.clone()
        })
    );
    let first = tx.audit_entries(0, 20).await.unwrap();
    let rest = tx.audit_entries(20, 100).await.unwrap();
    assert_eq!(first.len(), 20);
    assert_eq!(rest.len(), 30);
    let all: Vec<AuditEntry> = first.into_iter().chain(rest).collect();
    assert_eq!(all, appended, "entries read back exactly as appended");
    assert!(tx.audit_entries(50, 10).await.unwrap().is_empty());
    assert_eq!(tx.verify_audit().await.unwrap(), Ok(50));
});

conformance!(audit_log_refuses_edits_through_sql, |store| async move {
    append_n(&store, 3).await;
    for sql in [
        "UPDATE audit_log SET summary = '書き換え' WHERE seq = 2",
        "DELETE FROM audit_log WHERE seq = 3",
        "DELETE FROM audit_head",
    ] {
        let result = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
            .execute(store.pool())
            .await;
        assert!(result.is_err(), "{sql} must be refused");
    }
    assert_eq!(verify(&store).await, Ok(3));
});

conformance!(audit_detects_an_edited_entry, |store| async move {
    append_n(&store, 50).await;
    drop_audit_guards(&store).await;
    raw(
        &store,
        "UPDATE audit_log SET summary = '依頼 #9 を取下げ' WHERE seq = 10",
    )
    .await;
    let err = verify(&store).await.unwrap_err();
    assert_eq!(err.seq, 10);
    assert!(err.reason.contains("編集"), "{err}");
});

conformance!(audit_detects_a_deleted_middle_entry, |store| async move {
    append_n(&store, 50).await;
    drop_audit_guards(&store).await;
    raw(&store, "DELETE FROM audit_log WHERE seq = 25").await;
    let err = verify(&store).await.unwrap_err();
    assert_eq!(err.seq, 25);
    assert!(err.reason.contains("欠落"), "{err}");
});

conformance!(audit_detects_a_deleted_last_entry, |store| async move {
    append_n(&store, 50).await;
    drop_audit_guards(&store).await;
    raw(&store, "DELETE FROM audit_log WHERE seq = 50").await;
    let err = verify(&store).await.unwrap_err();
    assert!(err.reason.contains("末尾の削除"), "{err}");
});

conformance!(audit_detects_an_inserted_entry, |store| async move {
    let appended = append_n(&store, 50).await;
    drop_audit_guards(&store).await;
    // A forged entry properly linked and hashed, but the head was not moved.
    let forged = AuditEntry::next(
        Some((50, appended[49].hash.as_str())),
        now() + TimeDelta::hours(1),
        event(99),
    );
    let sql = format!(
        "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash) \
         VALUES ({}, {}, '{}', '{}', '{}', '{}', '{}', '{}')",
        forged.seq,
        forged.at.timestamp_millis(),
        forged.actor,
        forged.action,
        forged.target,
        forged.summary,
        forged.prev_hash,
        forged.hash
    );
    raw(&store, &sql).await;
    let err = verify(&store).await.unwrap_err();
    assert_eq!(err.seq, 51);
    assert!(
        err.reason
            .contains("先頭情報（連番 50）より後に記録があります（挿入）"),
        "{err}"
    );

    // A forged entry whose hash does not fit its content.
    raw(&store, "DELETE FROM audit_log WHERE seq = 51").await;
    assert_eq!(verify(&store).await, Ok(50));
    raw(
        &store,
        &format!(
            "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash) \
             VALUES (51, 0, 'x', 'x', 'x', 'x', '{}', 'bogus')",
            appended[49].hash
        ),
    )
    .await;
    assert!(verify(&store).await.is_err());
});

conformance!(
    audit_concurrent_appends_form_one_chain,
    |store| async move {
        let mut tasks = Vec::new();
        for task in 0..8_i64 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..10 {
                    let mut tx = store.begin().await.unwrap();
                    tx.append_audit(event(task * 100 + i), now()).await.unwrap();
                    // Give the other tasks a chance to queue behind the head lock.
                    tokio::task::yield_now().await;
                    tx.commit().await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let mut tx = store.begin_read().await.unwrap();
        let entries = tx.audit_entries(0, 1000).await.unwrap();
        assert_eq!(entries.len(), 80);
        assert_eq!(
            entries.iter().map(|e| e.seq).collect::<Vec<_>>(),
            (1..=80).collect::<Vec<_>>()
        );
        assert_eq!(tx.verify_audit().await.unwrap(), Ok(80));
    }
);
