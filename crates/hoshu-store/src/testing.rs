//! Throw-away databases for tests, on either backend: a SQLite file in a temporary folder, or
//! a fresh PostgreSQL database created from `HOSHU_TEST_PG_URL` (a role with CREATEDB) and
//! dropped afterwards. Without that variable a PostgreSQL test fails: it never passes silently.

use crate::Backend;
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::sync::atomic::{AtomicUsize, Ordering};

pub const PG_URL_VAR: &str = "HOSHU_TEST_PG_URL";

static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// A database that exists until [`TestDatabase::remove`] (SQLite: until dropped).
#[derive(Debug)]
pub struct TestDatabase {
    /// What `Store::connect` and `hoshu --db` take.
    pub url: String,
    pub backend: Backend,
    dir: Option<tempfile::TempDir>,
    pg: Option<(String, String)>,
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> Self {
        match backend {
            Backend::Sqlite => {
                let dir = tempfile::tempdir().expect("temporary folder");
                let url = format!("sqlite:{}", dir.path().join("hoshu.sqlite").display());
                Self {
                    url,
                    backend,
                    dir: Some(dir),
                    pg: None,
                }
            }
            Backend::Postgres => {
                let admin_url = pg_admin_url();
                let name = format!(
                    "hoshu_t_{}_{}",
                    std::process::id(),
                    NEXT_DB.fetch_add(1, Ordering::Relaxed)
                );
                create_database(&admin_url, &name).await;
                Self {
                    url: database_url(&admin_url, &name),
                    backend,
                    dir: None,
                    pg: Some((admin_url, name)),
                }
            }
        }
    }

    /// The folder holding the SQLite file, for tests that write files beside it.
    pub fn dir(&self) -> Option<&std::path::Path> {
        self.dir.as_ref().map(tempfile::TempDir::path)
    }

    /// Drops the PostgreSQL database (best effort); removes the SQLite folder.
    pub async fn remove(self) {
        if let Some((admin_url, name)) = &self.pg
            && let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await
        {
            let _ = conn
                .execute(AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .await;
        }
    }
}

pub fn pg_admin_url() -> String {
    match std::env::var(PG_URL_VAR) {
        Ok(url) if !url.trim().is_empty() => url,
        _ => panic!(
            "HOSHU_TEST_PG_URL が未設定です — `cargo xtask test` が PostgreSQL を起動して設定します"
        ),
    }
}

/// The admin URL with its database replaced by `name`.
pub fn database_url(admin_url: &str, name: &str) -> String {
    let (base, query) = match admin_url.split_once('?') {
        Some((b, q)) => (b, Some(q)),
        None => (admin_url, None),
    };
    let scheme_end = base.find("://").map_or(0, |i| i + 3);
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    let mut url = format!("{}/{name}", &base[..host_end]);
    if let Some(q) = query {
        url.push('?');
        url.push_str(q);
    }
    url
}

async fn create_database(admin_url: &str, name: &str) {
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL ({PG_URL_VAR}) に接続できません: {e}"));
    conn.execute(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .await
    .expect("drop a leftover test database");
    // CREATE DATABASE may collide with a concurrent one copying the template; retry briefly.
    let mut last = None;
    for _ in 0..5 {
        match conn
            .execute(AssertSqlSafe(format!(
                "CREATE DATABASE {name} ENCODING 'UTF8' TEMPLATE template0"
            )))
            .await
        {
            Ok(_) => return,
            Err(e) => {
                last = Some(e);
                tokio::time::sleep(std::time::Duration::from_millis(200)).await;
            }
        }
    }
    panic!("cannot create test database {name}: {last:?}");
}
