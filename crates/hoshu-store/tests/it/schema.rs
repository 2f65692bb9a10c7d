//! Both backends carry the same schema, and migrating again changes nothing.

use crate::harness::*;
use hoshu_store::{Backend, Store};
use sqlx::AssertSqlSafe;
use std::collections::BTreeMap;

/// The SQLite migrations, in order.
fn sqlite_migrations() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations/sqlite");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "sql"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
}

/// Tables with their columns in order, and index names, as the SQLite migrations declare
/// them (tables are created and given columns; indexes are created and dropped).
fn declared() -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let mut tables: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut indexes = Vec::new();
    let mut current: Option<(String, Vec<String>)> = None;
    for line in sqlite_migrations().iter().flat_map(|m| m.lines()) {
        let words: Vec<&str> = line.split_whitespace().collect();
        match words.as_slice() {
            ["CREATE", "TABLE", name, "("] => current = Some((name.to_string(), Vec::new())),
            ["CREATE", "INDEX", name, ..] | ["CREATE", "UNIQUE", "INDEX", name, ..] => {
                indexes.push(name.to_string())
            }
            ["ALTER", "TABLE", name, "ADD", "COLUMN", column, ..] => {
                if let Some(cols) = tables.get_mut(*name) {
                    cols.push(column.to_string());
                }
            }
            ["DROP", "INDEX", name] => {
                let name = name.trim_end_matches(';');
                indexes.retain(|i| i != name);
            }
            [");"] => {
                if let Some((name, cols)) = current.take() {
                    tables.insert(name, cols);
                }
            }
            [first, ..] if !matches!(*first, "CHECK" | "PRIMARY" | "UNIQUE" | "--") => {
                if let Some((_, cols)) = current.as_mut() {
                    cols.push(first.to_string());
                }
            }
            _ => {}
        }
    }
    indexes.sort();
    (tables, indexes)
}

async fn strings(store: &Store, sql: &str, bind: Option<&str>) -> Vec<String> {
    let mut q = sqlx::query_scalar::<_, String>(AssertSqlSafe(sql.to_owned()));
    if let Some(b) = bind {
        q = q.bind(b.to_owned());
    }
    q.fetch_all(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

async fn actual(store: &Store) -> (BTreeMap<String, Vec<String>>, Vec<String>) {
    let (tables_sql, columns_sql, indexes_sql) = match store.backend() {
        Backend::Sqlite => (
            "SELECT name FROM sqlite_master WHERE type = 'table' \
             AND name NOT LIKE 'sqlite_%' AND name <> '_sqlx_migrations'",
            "SELECT name FROM pragma_table_info($1) ORDER BY cid",
            "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
        ),
        Backend::Postgres => (
            "SELECT table_name::text FROM information_schema.tables \
             WHERE table_schema = current_schema() AND table_name <> '_sqlx_migrations'",
            "SELECT column_name::text FROM information_schema.columns \
             WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
            "SELECT indexname::text FROM pg_indexes WHERE schemaname = current_schema() \
             AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' \
             AND tablename <> '_sqlx_migrations' ORDER BY indexname",
        ),
    };
    let mut tables = BTreeMap::new();
    for t in strings(store, tables_sql, None).await {
        let cols = strings(store, columns_sql, Some(&t)).await;
        tables.insert(t, cols);
    }
    let mut indexes = strings(store, indexes_sql, None).await;
    indexes.sort();
    (tables, indexes)
}

conformance!(schema_matches_the_declared_one, |store| async move {
    let (tables, indexes) = declared();
    assert!(tables.len() >= 14, "{tables:?}");
    assert!(tables["requests"].contains(&"filed_at".to_string()));
    assert_eq!(actual(&store).await, (tables, indexes));
});

conformance!(postgres_types_are_the_portable_ones, |store| async move {
    if store.backend() != Backend::Postgres {
        // SQLite has no column types to get wrong; the PRAGMA check lives in connection.rs.
        return;
    }
    let bad = strings(
        &store,
        "SELECT table_name::text || '.' || column_name::text || ' ' || data_type::text \
         FROM information_schema.columns WHERE table_schema = current_schema() \
         AND table_name <> '_sqlx_migrations' \
         AND (data_type NOT IN ('bigint', 'text', 'bytea') \
              OR (data_type = 'text' AND COALESCE(collation_name::text, '') <> 'C'))",
        None,
    )
    .await;
    assert!(
        bad.is_empty(),
        "columns Any cannot read alike on both backends: {bad:?}"
    );
});

conformance!(migrating_again_is_a_no_op, |store| async move {
    seed(&store).await;
    store.migrate().await.unwrap();
    store.migrate().await.unwrap();
    let applied = sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM _sqlx_migrations")
        .fetch_one(store.pool())
        .await
        .unwrap();
    assert_eq!(applied, sqlite_migrations().len() as i64);
    let mut tx = store.begin_read().await.unwrap();
    assert_eq!(tx.list_accounts().await.unwrap().len(), 5);
    assert_eq!(tx.list_offices().await.unwrap().len(), OFFICES.len());
    assert_eq!(tx.audit_head().await.unwrap(), None);
});

with_database!(a_runtime_connection_checks_the_schema_version, |db| {
    let err = Store::connect_runtime(&db.url, db.key()).await.unwrap_err();
    assert!(
        err.to_string().contains("hoshu --db <所有者のURL> init"),
        "{err}"
    );
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    Store::connect_runtime(&db.url, db.key()).await.unwrap();

    raw(&store, "DELETE FROM _sqlx_migrations WHERE version = 6").await;
    let err = Store::connect_runtime(&db.url, db.key()).await.unwrap_err();
    assert!(
        matches!(err, hoshu_store::StoreError::Setup { .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("版 6 が未適用"), "{err}");

    raw(
        &store,
        "UPDATE _sqlx_migrations SET version = 9999 WHERE version = 1",
    )
    .await;
    let err = Store::connect_runtime(&db.url, db.key()).await.unwrap_err();
    assert!(err.to_string().contains("新しい版"), "{err}");
    store.close().await;
});
