//! Least privilege on PostgreSQL: the role the terminals use may work with the rows, append
//! to the audit log and move its head — and nothing that would let it rewrite the log.

use crate::harness::*;
use hoshu_core::audit::AuditEvent;
use hoshu_core::request::RequestKind;
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, NewRequestRow, Store, StoreError};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_runtime_role_works_but_cannot_rewrite_the_audit_log() {
    run_on(Backend::Postgres, async |db: &mut TestDatabase| {
        let owner = Store::connect(&db.url, db.key()).await.unwrap();
        let seed = seed(&owner).await;
        let (role, url) = db.create_login_role().await;
        let tables = owner.grant_runtime(&role).await.unwrap();
        assert!(tables.iter().any(|t| t == "audit_log"), "{tables:?}");
        // Granting again gives the same rights.
        assert_eq!(owner.grant_runtime(&role).await.unwrap(), tables);

        let runtime = Store::connect_runtime(&url, db.key()).await.unwrap();
        let mut tx = runtime.begin().await.unwrap();
        let id = tx
            .insert_request(
                &NewRequestRow {
                    kind: RequestKind::Inquiry,
                    work_sub_kind: None,
                    office: "naka".into(),
                    title: "件名".into(),
                    body: "本文".into(),
                    filed_by: seed.staff,
                    details: Default::default(),
                },
                now(),
            )
            .await
            .unwrap();
        tx.append_audit(
            AuditEvent {
                actor: "staff01".into(),
                action: "request.file".into(),
                target: format!("request:{id}"),
                summary: "依頼を起票".into(),
            },
            now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let mut tx = runtime.begin_read().await.unwrap();
        assert_eq!(tx.verify_audit().await.unwrap(), Ok(1));
        drop(tx);

        for sql in [
            "UPDATE audit_log SET summary = 'x' WHERE seq = 1",
            "DELETE FROM audit_log WHERE seq = 1",
            "TRUNCATE audit_log",
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update",
            "DROP TRIGGER audit_log_no_update ON audit_log",
            "DROP TABLE audit_log",
            "DROP TABLE requests",
            "CREATE TABLE forged (x BIGINT)",
            "DELETE FROM audit_head",
            "UPDATE audit_chain SET kind = 'sha256'",
            "DELETE FROM _sqlx_migrations",
        ] {
            let err = sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(runtime.pool())
                .await
                .expect_err(sql);
            let code = err
                .as_database_error()
                .and_then(|e| e.code())
                .map(|c| c.into_owned());
            // 42501: insufficient privilege — refused by the grants, before any trigger.
            assert_eq!(code.as_deref(), Some("42501"), "{sql}: {err}");
        }
        // The migrations, which the owner runs, are out of its reach.
        let err = Store::connect(&url, db.key()).await;
        assert!(err.is_err(), "the runtime role cannot migrate");
        runtime.close().await;
        owner.close().await;
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn grants_refuse_the_owner_an_unknown_role_and_odd_names() {
    run_on(Backend::Postgres, async |db: &mut TestDatabase| {
        let owner = Store::connect(&db.url, db.key()).await.unwrap();
        let me: String = sqlx::query_scalar("SELECT current_user::text")
            .fetch_one(owner.pool())
            .await
            .unwrap();
        let err = owner.grant_runtime(&me).await.unwrap_err();
        assert!(err.to_string().contains("所有者"), "{err}");
        let err = owner.grant_runtime("no_such_role_here").await.unwrap_err();
        assert!(err.to_string().contains("CREATE ROLE"), "{err}");
        let err = owner
            .grant_runtime("x; DROP TABLE requests")
            .await
            .unwrap_err();
        assert!(matches!(err, StoreError::Setup { .. }), "{err:?}");
        owner.close().await;
    })
    .await;
}

#[tokio::test]
async fn grants_are_for_postgresql_only() {
    run_on(Backend::Sqlite, async |db: &mut TestDatabase| {
        let store = Store::connect(&db.url, db.key()).await.unwrap();
        let err = store.grant_runtime("hoshu_app").await.unwrap_err();
        assert!(err.to_string().contains("PostgreSQL"), "{err}");
        store.close().await;
    })
    .await;
}
