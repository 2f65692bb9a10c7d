//! Throw-away databases for tests, on either backend: a SQLite file in a temporary folder, or
//! a fresh PostgreSQL database created from `HOSHU_TEST_PG_URL` (a role with CREATEDB) and
//! dropped afterwards. Without that variable a PostgreSQL test fails: it never passes silently.
//!
//! Every test database has the same fixed audit key ([`test_key`]), also written to the key
//! file [`TestDatabase::key_file`] — for SQLite the default `audit.key` beside the database —
//! so a `hoshu` process under test finds it as an operator's would.

use crate::Backend;
use hoshu_core::audit::AuditKey;
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const PG_URL_VAR: &str = "HOSHU_TEST_PG_URL";

static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// The key file of each live test database by URL, for tests that only hold the URL.
static KEY_FILES: Mutex<BTreeMap<String, PathBuf>> = Mutex::new(BTreeMap::new());

/// The key file of the live test database at `url` (what `hoshu --audit-key-file` takes);
/// `None` for a URL that is no test database's.
pub fn key_file_for(url: &str) -> Option<PathBuf> {
    KEY_FILES
        .lock()
        .expect("key file registry")
        .get(url)
        .cloned()
}

/// The audit key of every test database. Fixed, so a failure can be replayed by hand.
pub fn test_key() -> AuditKey {
    AuditKey::from_bytes(*b"hoshu-desk test audit key 32byte")
}

/// A database that exists until it is dropped or [`TestDatabase::remove`]d.
#[derive(Debug)]
pub struct TestDatabase {
    /// What `Store::connect` and `hoshu --db` take.
    pub url: String,
    pub backend: Backend,
    /// Holds the key file, and for SQLite the database.
    dir: tempfile::TempDir,
    pg: Option<(String, String)>,
    /// Login roles made by [`TestDatabase::create_login_role`], dropped in `remove`.
    roles: Vec<String>,
}

impl TestDatabase {
    pub async fn new(backend: Backend) -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(
            dir.path().join(crate::keyfile::DEFAULT_FILE_NAME),
            format!("{}\n", test_key().to_hex()),
        )
        .expect("write the test key file");
        let db = match backend {
            Backend::Sqlite => {
                let url = crate::url::sqlite_url(&dir.path().join("hoshu.sqlite"));
                Self {
                    url,
                    backend,
                    dir,
                    pg: None,
                    roles: Vec::new(),
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
                    dir,
                    pg: Some((admin_url, name)),
                    roles: Vec::new(),
                }
            }
        };
        KEY_FILES
            .lock()
            .expect("key file registry")
            .insert(db.url.clone(), db.key_file());
        db
    }

    /// The folder holding the SQLite file, for tests that write files beside it.
    pub fn dir(&self) -> Option<&std::path::Path> {
        (self.backend == Backend::Sqlite).then(|| self.dir.path())
    }

    /// The file holding [`test_key`].
    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join(crate::keyfile::DEFAULT_FILE_NAME)
    }

    /// The audit key of this database ([`test_key`]).
    pub fn key(&self) -> AuditKey {
        test_key()
    }

    /// PostgreSQL only: a new login role with no rights at all (the test role needs
    /// CREATEROLE), and the URL of this database as that role. Dropped by `remove`.
    pub async fn create_login_role(&mut self) -> (String, String) {
        let (admin_url, name) = self
            .pg
            .clone()
            .expect("login roles exist on PostgreSQL only");
        let role = format!("{name}_r{}", self.roles.len());
        let password = format!("pw_{role}");
        let mut conn = sqlx::PgConnection::connect(&admin_url)
            .await
            .expect("connect as the test role");
        conn.execute(AssertSqlSafe(format!("DROP ROLE IF EXISTS {role}")))
            .await
            .expect("drop a leftover role");
        conn.execute(AssertSqlSafe(format!(
            "CREATE ROLE {role} LOGIN PASSWORD '{password}'"
        )))
        .await
        .unwrap_or_else(|e| panic!("CREATE ROLE (does the test role have CREATEROLE?): {e}"));
        self.roles.push(role.clone());
        let url = with_user(&self.url, &role, &password);
        (role, url)
    }

    /// Drops the PostgreSQL database and the roles made for it (best effort); removes the
    /// folder. Dropping a `TestDatabase` does the same, so a failing test cleans up too.
    pub async fn remove(mut self) {
        if let Some((admin_url, name)) = self.pg.take() {
            drop_database(&admin_url, &name, &std::mem::take(&mut self.roles)).await;
        }
    }
}

impl Drop for TestDatabase {
    /// Runs during a panic's unwinding as well: the database is dropped from a thread of its
    /// own, since the test's runtime may be the one unwinding.
    fn drop(&mut self) {
        KEY_FILES
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .remove(&self.url);
        let Some((admin_url, name)) = self.pg.take() else {
            return;
        };
        let roles = std::mem::take(&mut self.roles);
        let _ = std::thread::spawn(move || {
            if let Ok(runtime) = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
            {
                runtime.block_on(drop_database(&admin_url, &name, &roles));
            }
        })
        .join();
    }
}

async fn drop_database(admin_url: &str, name: &str, roles: &[String]) {
    let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await else {
        return;
    };
    let _ = conn
        .execute(AssertSqlSafe(format!(
            "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
        )))
        .await;
    for role in roles {
        let _ = conn
            .execute(AssertSqlSafe(format!("DROP ROLE IF EXISTS {role}")))
            .await;
    }
    let _ = conn.close().await;
}

/// `both_backends!(name, |backend| future)`: one test body, run as `name::sqlite` and
/// `name::postgres`, each on a multi-threaded runtime. The body builds its own fixture from
/// `backend` (usually a [`TestDatabase`], which cleans up even when the body panics).
#[macro_export]
macro_rules! both_backends {
    ($name:ident, |$backend:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let $backend = $crate::Backend::Sqlite;
                $body.await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let $backend = $crate::Backend::Postgres;
                $body.await;
            }
        }
    };
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

/// `url` with its user and password replaced.
fn with_user(url: &str, user: &str, password: &str) -> String {
    let (scheme, rest) = url.split_once("://").expect("a postgres:// URL");
    let host = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
    format!("{scheme}://{user}:{password}@{host}")
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
