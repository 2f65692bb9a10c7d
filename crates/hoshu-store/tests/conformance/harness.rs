//! Runs one test body against SQLite and PostgreSQL, and the fixtures most cases share.

use chrono::{DateTime, TimeZone, Utc};
use hoshu_core::Role;
use hoshu_store::{Backend, NewAccount, Store};
use sqlx::{AssertSqlSafe, Connection, Executor};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};

/// `conformance!(name, |store| async move { ... })`: one body, a test per backend.
macro_rules! conformance {
    ($name:ident, |$store:ident| $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::harness::run(
                    hoshu_store::Backend::Sqlite,
                    |$store: hoshu_store::Store| $body,
                )
                .await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::harness::run(
                    hoshu_store::Backend::Postgres,
                    |$store: hoshu_store::Store| $body,
                )
                .await;
            }
        }
    };
}

pub const PG_URL_VAR: &str = "HOSHU_TEST_PG_URL";

static NEXT_DB: AtomicUsize = AtomicUsize::new(0);

/// Connects a store to a fresh database of `backend`, runs `body` on it, and cleans up —
/// also when the body panics, whose panic is then passed on.
pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()> + Send + 'static,
{
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temporary folder");
            let url = format!("sqlite:{}", dir.path().join("hoshu.sqlite").display());
            let store = Store::connect(&url).await.expect("connect to SQLite");
            assert_eq!(store.backend(), Backend::Sqlite);
            let outcome = tokio::spawn(body(store.clone())).await;
            store.close().await;
            drop(dir);
            finish(outcome);
        }
        Backend::Postgres => {
            let admin_url = pg_admin_url();
            let name = format!(
                "hoshu_t_{}_{}",
                std::process::id(),
                NEXT_DB.fetch_add(1, Ordering::Relaxed)
            );
            create_database(&admin_url, &name).await;
            let store = Store::connect(&database_url(&admin_url, &name))
                .await
                .expect("connect to the test database");
            assert_eq!(store.backend(), Backend::Postgres);
            let outcome = tokio::spawn(body(store.clone())).await;
            store.close().await;
            drop_database(&admin_url, &name).await;
            finish(outcome);
        }
    }
}

fn finish(outcome: Result<(), tokio::task::JoinError>) {
    if let Err(e) = outcome {
        if e.is_panic() {
            std::panic::resume_unwind(e.into_panic());
        }
        panic!("test body did not finish: {e}");
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

async fn admin_connection(admin_url: &str) -> sqlx::PgConnection {
    sqlx::PgConnection::connect(admin_url)
        .await
        .unwrap_or_else(|e| panic!("PostgreSQL ({PG_URL_VAR}) に接続できません: {e}"))
}

async fn create_database(admin_url: &str, name: &str) {
    let mut conn = admin_connection(admin_url).await;
    conn.execute(AssertSqlSafe(format!(
        "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
    )))
    .await
    .expect("drop a leftover test database");
    // CREATE DATABASE may collide with a concurrent one on the template; try a few times.
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

async fn drop_database(admin_url: &str, name: &str) {
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await {
        let _ = conn
            .execute(AssertSqlSafe(format!(
                "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
            )))
            .await;
    }
}

// ---- fixtures ----------------------------------------------------------------------------

/// A moment given in Tokyo time, as people write it.
pub fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    chrono::FixedOffset::east_opt(9 * 3600)
        .unwrap()
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

pub fn now() -> DateTime<Utc> {
    jst(2026, 4, 10, 9, 30)
}

/// Offices and one account of each role.
#[derive(Debug, Clone, Copy)]
pub struct Seed {
    pub staff: i64,
    pub staff_higashi: i64,
    pub chief: i64,
    pub contractor: i64,
    pub admin: i64,
}

pub const OFFICES: &[(&str, &str, i64)] = &[
    ("kita_chuo", "北区中央福祉事務所", 10),
    ("naka", "中区福祉事務所", 20),
    ("higashi", "東区福祉事務所", 30),
    ("section", "生活保護・自立支援課", 90),
    ("contractor", "受託者", 99),
];

pub fn new_account(login: &str, name: &str, role: Role, office: &str) -> NewAccount {
    NewAccount {
        login: login.into(),
        display_name: name.into(),
        role,
        office: office.into(),
        password_hash: format!("$argon2id$v=19$m=19456,t=2,p=1${login}"),
    }
}

pub async fn seed(store: &Store) -> Seed {
    let mut tx = store.begin().await.unwrap();
    for (code, name, order) in OFFICES {
        tx.upsert_office(code, name, *order).await.unwrap();
    }
    let mut add = async |login: &str, name: &str, role: Role, office: &str| {
        tx.insert_account(&new_account(login, name, role, office), now())
            .await
            .unwrap()
    };
    let staff = add("staff01", "山田 花子", Role::Staff, "naka").await;
    let staff_higashi = add("staff02", "佐藤 一郎", Role::Staff, "higashi").await;
    let chief = add("chief01", "鈴木 課長", Role::Chief, "section").await;
    let contractor = add("se01", "高橋 SE", Role::Contractor, "contractor").await;
    let admin = add("admin", "システム管理者", Role::Admin, "section").await;
    tx.commit().await.unwrap();
    Seed {
        staff,
        staff_higashi,
        chief,
        contractor,
        admin,
    }
}

/// Runs raw SQL past the store, for tests that tamper with what it wrote.
pub async fn raw(store: &Store, sql: &str) {
    sqlx::raw_sql(AssertSqlSafe(sql.to_owned()))
        .execute(store.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Drops the triggers that make the audit log append-only, as an attacker with database
/// rights could.
pub async fn drop_audit_guards(store: &Store) {
    let on = match store.backend() {
        Backend::Sqlite => "",
        Backend::Postgres => " ON audit_log",
    };
    raw(store, &format!("DROP TRIGGER audit_log_no_update{on}")).await;
    raw(store, &format!("DROP TRIGGER audit_log_no_delete{on}")).await;
}
