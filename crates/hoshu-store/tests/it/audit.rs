//! The audit chain: append, verify, detect tampering — by someone with full access to the
//! database but not the key — and stay one chain under concurrency.

use crate::harness::*;
use chrono::TimeDelta;
use hoshu_core::audit::{AuditEntry, AuditEvent, AuditKey, ChainHead, GENESIS_MAC};
use hoshu_store::testing::test_key;
use hoshu_store::{Store, StoreError};

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
    assert_eq!(appended[0].prev_mac, GENESIS_MAC);
    assert_eq!(appended[0].at, now() + TimeDelta::seconds(0));
    for pair in appended.windows(2) {
        assert_eq!(pair[1].seq, pair[0].seq + 1);
        assert_eq!(pair[1].prev_mac, pair[0].mac);
    }

    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(
        tx.audit_head().await.unwrap(),
        Some(ChainHead::sealed(50, &appended[49].mac, &test_key()))
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
    // Even an entry MACed with the key itself is found when the head was not moved.
    let forged = AuditEntry::next(
        Some((50, appended[49].mac.as_str())),
        now() + TimeDelta::hours(1),
        event(99),
        &test_key(),
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
        forged.prev_mac,
        forged.mac
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
            appended[49].mac
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

// ---- forging with full database access but without the key --------------------------------

async fn all_entries(store: &Store) -> Vec<AuditEntry> {
    let mut tx = store.begin_read().await.unwrap();
    tx.audit_entries(0, 100_000).await.unwrap()
}

/// Writes one entry's chain fields past the store, as the database owner can.
async fn rewrite(store: &Store, e: &AuditEntry) {
    sqlx::query("UPDATE audit_log SET summary = $1, prev_hash = $2, hash = $3 WHERE seq = $4")
        .bind(&e.summary)
        .bind(&e.prev_mac)
        .bind(&e.mac)
        .bind(e.seq)
        .execute(store.pool())
        .await
        .unwrap();
}

async fn insert(store: &Store, e: &AuditEntry) {
    sqlx::query(
        "INSERT INTO audit_log (seq, at, actor, action, target, summary, prev_hash, hash) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(e.seq)
    .bind(e.at.timestamp_millis())
    .bind(&e.actor)
    .bind(&e.action)
    .bind(&e.target)
    .bind(&e.summary)
    .bind(&e.prev_mac)
    .bind(&e.mac)
    .execute(store.pool())
    .await
    .unwrap();
}

/// Moves the head; the seal stays what it was unless given (the forger cannot compute one).
async fn move_head(store: &Store, seq: i64, mac: &str) {
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1")
        .bind(seq)
        .bind(mac)
        .execute(store.pool())
        .await
        .unwrap();
}

conformance!(
    audit_forger_rechaining_an_edit_the_old_way_is_caught,
    |store| async move {
        append_n(&store, 50).await;
        drop_audit_guards(&store).await;
        let mut entries = all_entries(&store).await;
        entries[9].summary = "依頼 #9 を取下げ".into();
        // Everything from the edit on recomputed with plain SHA-256, the head moved along.
        for i in 9..entries.len() {
            if i > 9 {
                entries[i].prev_mac = entries[i - 1].mac.clone();
            }
            entries[i].mac = entries[i].legacy_hash();
            rewrite(&store, &entries[i]).await;
        }
        move_head(&store, 50, &entries[49].mac).await;
        let err = verify(&store).await.unwrap_err();
        assert_eq!(err.seq, 10, "{err}");
        assert!(err.reason.contains("MAC"), "{err}");
    }
);

conformance!(
    audit_forger_inserting_an_entry_and_moving_the_head_is_caught,
    |store| async move {
        let appended = append_n(&store, 50).await;
        let mut forged = AuditEntry::next(
            Some((50, appended[49].mac.as_str())),
            now() + TimeDelta::hours(1),
            event(99),
            &test_key(),
        );
        forged.mac = forged.legacy_hash();
        // INSERT and moving the head need no trigger dropped: the runtime may do both.
        insert(&store, &forged).await;
        move_head(&store, 51, &forged.mac).await;
        let err = verify(&store).await.unwrap_err();
        assert_eq!(err.seq, 51, "{err}");
        assert!(err.reason.contains("MAC"), "{err}");
    }
);

conformance!(
    audit_forger_deleting_the_tail_and_moving_the_head_back_is_caught,
    |store| async move {
        let appended = append_n(&store, 50).await;
        drop_audit_guards(&store).await;
        raw(&store, "DELETE FROM audit_log WHERE seq > 47").await;
        move_head(&store, 47, &appended[46].mac).await;
        let err = verify(&store).await.unwrap_err();
        assert_eq!(err.seq, 48, "{err}");
        assert!(err.reason.contains("末尾の削除"), "{err}");
        // Clearing the seal does not help.
        raw(&store, "UPDATE audit_head SET seal = NULL").await;
        assert_eq!(verify(&store).await.unwrap_err().seq, 48);
        // Nor can the store be tricked into extending the moved head.
        let mut tx = store.begin().await.unwrap();
        let err = tx.append_audit(event(1), now()).await.unwrap_err();
        assert!(matches!(err, StoreError::Setup { .. }), "{err:?}");
    }
);

with_database!(
    audit_another_key_verifies_nothing_and_appends_nothing,
    |db| {
        let store = Store::connect(&db.url, db.key()).await.unwrap();
        append_n(&store, 5).await;
        store.close().await;

        let wrong = AuditKey::from_bytes([0x42; AuditKey::LEN]);
        let store = Store::connect(&db.url, wrong).await.unwrap();
        let err = verify(&store).await.unwrap_err();
        assert_eq!(err.seq, 1, "{err}");
        assert!(err.reason.contains("鍵"), "{err}");
        let mut tx = store.begin().await.unwrap();
        let err = tx.append_audit(event(5), now()).await.unwrap_err();
        assert!(err.to_string().contains("鍵"), "{err}");
        drop(tx);
        store.close().await;

        let store = Store::connect(&db.url, db.key()).await.unwrap();
        assert_eq!(
            verify(&store).await,
            Ok(5),
            "a refused append leaves nothing"
        );
        store.close().await;
    }
);

// ---- the move from the legacy (unkeyed) chain -------------------------------------------------

/// Makes the log look as it did before the key: `n` entries chained with plain SHA-256, the
/// head unsealed, the chain recorded as 'sha256'. Only the owner can (the guards are lifted).
async fn write_legacy_log(store: &Store, n: i64) -> Vec<AuditEntry> {
    raw(store, "UPDATE audit_chain SET kind = 'sha256'").await;
    let mut entries: Vec<AuditEntry> = Vec::new();
    for i in 0..n {
        let prev = entries.last().map(|e| (e.seq, e.mac.as_str()));
        let mut e = AuditEntry::next(prev, now() + TimeDelta::seconds(i), event(i), &test_key());
        e.mac = e.legacy_hash();
        insert(store, &e).await;
        entries.push(e);
    }
    let last = entries.last().unwrap();
    sqlx::query("UPDATE audit_head SET seq = $1, hash = $2, seal = NULL WHERE id = 1")
        .bind(last.seq)
        .bind(&last.mac)
        .execute(store.pool())
        .await
        .unwrap();
    entries
}

async fn chain_kind(store: &Store) -> String {
    sqlx::query_scalar("SELECT kind FROM audit_chain WHERE id = 1")
        .fetch_one(store.pool())
        .await
        .unwrap()
}

with_database!(audit_a_legacy_log_is_verified_and_resealed_on_open, |db| {
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    let legacy = write_legacy_log(&store, 30).await;
    // A runtime connection may not reseal, and a key cannot vouch for the legacy chain.
    let err = Store::connect_runtime(&db.url, db.key()).await.unwrap_err();
    assert!(err.to_string().contains("init"), "{err}");
    let mut tx = store.begin_read().await.unwrap();
    assert!(matches!(
        tx.verify_audit().await,
        Err(StoreError::Setup { .. })
    ));
    drop(tx);
    store.close().await;

    let store = Store::connect(&db.url, db.key()).await.unwrap();
    assert_eq!(chain_kind(&store).await, "hmac-sha256");
    assert_eq!(verify(&store).await, Ok(30));
    let resealed = all_entries(&store).await;
    for (old, new) in legacy.iter().zip(&resealed) {
        assert_eq!(
            (old.seq, &old.summary, old.at),
            (new.seq, &new.summary, new.at)
        );
        assert_ne!(old.mac, new.mac);
    }
    // The guard is back.
    let result = sqlx::raw_sql("UPDATE audit_log SET summary = 'x' WHERE seq = 1")
        .execute(store.pool())
        .await;
    assert!(result.is_err(), "the no-update trigger is restored");
    // And the chain goes on.
    let mut tx = store.begin().await.unwrap();
    assert_eq!(tx.append_audit(event(30), now()).await.unwrap().seq, 31);
    tx.commit().await.unwrap();
    assert_eq!(verify(&store).await, Ok(31));
    Store::connect_runtime(&db.url, db.key()).await.unwrap();
    store.close().await;
});

with_database!(audit_a_broken_legacy_log_is_not_resealed, |db| {
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    write_legacy_log(&store, 10).await;
    drop_audit_guards(&store).await;
    raw(
        &store,
        "UPDATE audit_log SET summary = '改ざん' WHERE seq = 4",
    )
    .await;
    store.close().await;

    let err = Store::connect(&db.url, db.key()).await.unwrap_err();
    assert!(matches!(err, StoreError::Setup { .. }), "{err:?}");
    assert!(err.to_string().contains("連番 4"), "{err}");
    let store = Store::connect_runtime(&db.url, db.key()).await;
    assert!(store.is_err(), "still legacy: nothing was resealed");
});

with_database!(audit_a_fresh_database_starts_keyed, |db| {
    let store = Store::connect_runtime(&db.url, db.key()).await;
    assert!(store.is_err(), "not initialised yet");
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    assert_eq!(chain_kind(&store).await, "hmac-sha256");
    assert_eq!(verify(&store).await, Ok(0));
    store.close().await;
});
