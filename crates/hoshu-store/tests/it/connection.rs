//! Connecting: URLs, files, pragmas and the errors people see when it fails.

use crate::harness::*;
use hoshu_core::request::RequestKind;
use hoshu_store::testing::{database_url, test_key};
use hoshu_store::{Backend, NewRequestRow, Store, StoreError};
use sqlx::Connection;

#[tokio::test]
async fn sqlite_connections_use_wal_foreign_keys_and_a_busy_timeout() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("new.sqlite").display());
    let store = Store::connect(&url, test_key()).await.unwrap();
    assert_eq!(store.backend(), Backend::Sqlite);
    // Every pooled connection gets the pragmas, not only the first one.
    let mut conns = Vec::new();
    for _ in 0..3 {
        conns.push(store.pool().acquire().await.unwrap());
    }
    for conn in &mut conns {
        let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(fk, 1);
        let busy: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut **conn)
            .await
            .unwrap();
        assert_eq!(busy, 5000);
    }
}

#[tokio::test]
async fn a_sqlite_file_in_a_japanese_folder_opens_and_reopens() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("山田 太郎").join("保守デスク 100%");
    std::fs::create_dir_all(&folder).unwrap();
    let path = folder.join("hoshu#1.sqlite");
    {
        let store = Store::open_sqlite_file(&path, test_key()).await.unwrap();
        let seed = seed(&store).await;
        let mut tx = store.begin().await.unwrap();
        tx.insert_request(
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
        tx.commit().await.unwrap();
        store.close().await;
    }
    assert!(path.exists(), "the file is created where asked");
    let store = Store::open_sqlite_file(&path, test_key()).await.unwrap();
    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(tx.count_requests().await.unwrap(), 1);
}

#[tokio::test]
async fn a_missing_folder_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!(
        "sqlite:{}",
        dir.path().join("no/such/folder/x.sqlite").display()
    );
    let err = Store::connect(&url, test_key()).await.unwrap_err();
    assert!(matches!(err, StoreError::Unavailable { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("データベースに接続できません。"));
    // The driver's own (English) text stays out of the message and is kept as the source.
    let driver = std::error::Error::source(&err).expect("the driver's error is kept");
    assert!(!driver.to_string().is_empty());
    assert!(!message.contains(&driver.to_string()), "{message}");
    assert!(
        !message.is_ascii() && !message.contains("unable to open"),
        "{message}"
    );
}

#[tokio::test]
async fn an_unreachable_server_is_unavailable() {
    let err = Store::connect(
        "postgres://hoshu:pw@127.0.0.1:1/hoshu?connect_timeout=2",
        test_key(),
    )
    .await
    .unwrap_err();
    assert!(matches!(err, StoreError::Unavailable { .. }), "{err:?}");
}

#[tokio::test]
async fn an_unknown_scheme_is_refused() {
    let err = Store::connect("mysql://localhost/hoshu", test_key())
        .await
        .unwrap_err();
    assert!(matches!(err, StoreError::Other { .. }), "{err:?}");
}

#[tokio::test]
async fn closed_store_is_unavailable() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_sqlite_file(&dir.path().join("x.sqlite"), test_key())
        .await
        .unwrap();
    store.close().await;
    let err = store.begin().await.unwrap_err();
    assert!(matches!(err, StoreError::Unavailable { .. }), "{err:?}");
}

#[test]
fn test_databases_go_next_to_the_admin_database() {
    assert_eq!(
        database_url("postgres://u:p@127.0.0.1:5432/postgres", "hoshu_t_1_2"),
        "postgres://u:p@127.0.0.1:5432/hoshu_t_1_2"
    );
    assert_eq!(
        database_url("postgres://u:p@db.example/postgres?sslmode=require", "x"),
        "postgres://u:p@db.example/x?sslmode=require"
    );
    assert_eq!(
        database_url("postgres://u@localhost", "x"),
        "postgres://u@localhost/x"
    );
}

/// A PostgreSQL test database whose test panics is dropped all the same: failing tests leave
/// nothing behind on the shared test server.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failing_test_still_drops_its_postgres_database() {
    let (sent, received) = std::sync::mpsc::channel();
    let failed = tokio::spawn(async move {
        let db = hoshu_store::testing::TestDatabase::new(Backend::Postgres).await;
        sent.send(db.url.clone()).unwrap();
        panic!("the body of a failing test");
    })
    .await;
    assert!(failed.expect_err("the body panicked").is_panic());
    let url = received.recv().unwrap();
    let name = url.rsplit('/').next().unwrap().split('?').next().unwrap();
    let mut admin = sqlx::PgConnection::connect(&hoshu_store::testing::pg_admin_url())
        .await
        .unwrap();
    let left: i64 = sqlx::query_scalar("SELECT count(*) FROM pg_database WHERE datname = $1")
        .bind(name)
        .fetch_one(&mut admin)
        .await
        .unwrap();
    assert_eq!(left, 0, "{name} was left on the server");
}
