//! Runs one test body against SQLite and PostgreSQL, and the fixtures most cases share.

use chrono::{DateTime, TimeZone, Utc};
use hoshu_core::Role;
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, NewAccount, Store};
use sqlx::AssertSqlSafe;
use std::future::Future;

/// `conformance!(name, |store| async move { ... })`: one body, a test per backend.
macro_rules! conformance {
    ($name:ident, |$store:ident| $body:expr) => {
        hoshu_store::both_backends!($name, |backend| $crate::harness::run(
            backend,
            |$store: hoshu_store::Store| $body
        ));
    };
}

/// `with_database!(name, |db| { ... })`: like `conformance!`, for cases that connect
/// themselves (other keys, other roles, a schema made by hand); `db` is a fresh
/// [`TestDatabase`], removed afterwards.
macro_rules! with_database {
    ($name:ident, |$db:ident| $body:expr) => {
        hoshu_store::both_backends!($name, |backend| $crate::harness::run_on(
            backend,
            async |$db: &mut hoshu_store::testing::TestDatabase| $body
        ));
    };
}

/// Runs `body` on a fresh database of `backend`, removed afterwards (when the body panics,
/// by the database's own drop).
pub async fn run_on<F>(backend: Backend, body: F)
where
    F: AsyncFnOnce(&mut TestDatabase),
{
    let mut db = TestDatabase::new(backend).await;
    body(&mut db).await;
    db.remove().await;
}

/// Connects a store to a fresh database of `backend` ([`TestDatabase`]), runs `body` on it,
/// and cleans up — when the body panics, by the database's own drop.
pub async fn run<F, Fut>(backend: Backend, body: F)
where
    F: FnOnce(Store) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = TestDatabase::new(backend).await;
    let store = Store::connect(&db.url, db.key())
        .await
        .unwrap_or_else(|e| panic!("connect to the {} test database: {e}", backend.name()));
    assert_eq!(store.backend(), backend);
    body(store.clone()).await;
    store.close().await;
    db.remove().await;
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
