//! The desk every use-case test starts from: a fresh database (SQLite file or PostgreSQL
//! database), an administrator, and one account of each role, on a clock the test controls.

use chrono::{DateTime, TimeZone, Utc};
use hoshu_app::{Hoshu, ManualClock, Session};
use hoshu_core::Role;
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, Store};
use std::future::Future;
use std::sync::Arc;

pub const PASSWORD: &str = "correct-horse-1";
pub const ADMIN_PASSWORD: &str = "kanri-pass-2026";

/// A moment written in Tokyo time.
pub fn jst(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    hoshu_core::calendar::TOKYO
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .unwrap()
        .with_timezone(&Utc)
}

pub struct Desk {
    pub hoshu: Hoshu,
    pub clock: Arc<ManualClock>,
    pub admin: Session,
    /// staff01 of 北区中央福祉事務所.
    pub staff: Session,
    /// staff45 of 中区福祉事務所.
    pub staff_naka: Session,
    pub chief: Session,
    pub contractor: Session,
}

pub async fn desk(db: &TestDatabase, start: DateTime<Utc>) -> Desk {
    let clock = Arc::new(ManualClock::new(start));
    let store = Store::connect(&db.url, db.key()).await.expect("connect");
    let hoshu = Hoshu::new(store, clock.clone());
    assert!(hoshu.initialise(ADMIN_PASSWORD).await.unwrap());
    let admin = hoshu.login("admin", ADMIN_PASSWORD).await.unwrap();
    hoshu_app::testing::add_accounts(
        &hoshu,
        &admin,
        &[
            ("staff01", Role::Staff, "kita_chuo"),
            ("staff45", Role::Staff, "naka"),
            ("chief", Role::Chief, "section"),
            ("contractor", Role::Contractor, "contractor"),
        ],
        PASSWORD,
    )
    .await;
    let login = async |l: &str| hoshu.login(l, PASSWORD).await.unwrap();
    Desk {
        staff: login("staff01").await,
        staff_naka: login("staff45").await,
        chief: login("chief").await,
        contractor: login("contractor").await,
        hoshu: hoshu.clone(),
        clock,
        admin,
    }
}

/// Runs `body` on a fresh desk of `backend` whose clock starts at `start`, then drops the
/// database.
pub async fn on<F, Fut>(backend: Backend, start: DateTime<Utc>, body: F)
where
    F: FnOnce(Desk) -> Fut,
    Fut: Future<Output = ()>,
{
    let db = TestDatabase::new(backend).await;
    let d = desk(&db, start).await;
    let store = d.hoshu.store().clone();
    body(d).await;
    store.close().await;
    db.remove().await;
}

/// `both!(name, |d| body)`: one test body, run on SQLite and on PostgreSQL. The test file
/// defines `fn start() -> DateTime<Utc>`, the moment its clock starts at.
macro_rules! both {
    ($name:ident, |$d:ident| $body:expr) => {
        hoshu_store::both_backends!($name, |backend| common::on(
            backend,
            start(),
            |$d: common::Desk| async move { $body }
        ));
    };
}
pub(crate) use both;

pub use hoshu_docs::testing::{extract_iso, parse_manifest, tool};
