//! How fast the request list stays at 100,000 requests on SQLite (the embedded default).
//!
//! `cargo bench -p hoshu-store` fills a fresh file, then times the list screens people use:
//! page 1 unfiltered, an office's open requests, an office and status, and text searches.
//! Each figure is the median of several runs, in milliseconds, for the page and its total.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use hoshu_core::Role;
use hoshu_core::request::{RequestKind, RequestStatus, WorkSubKind};
use hoshu_store::{NewAccount, NewRequestRow, RequestFilter, Store};
use std::time::Instant;

const REQUESTS: i64 = 100_000;
const RUNS: usize = 15;
const OFFICES: &[&str] = &["kita_chuo", "naka", "higashi", "minami", "nishi", "kita"];
const TITLES: &[&str] = &[
    "返戻レセプトの再審査請求について",
    "医療券の発行画面でエラーが出る",
    "月次帳票の出力が終わらない",
    "外字の登録をお願いします",
    "ERROR 0x1F が表示される",
    "操作研修の日程調整",
    "受給者台帳の検索が遅い",
    "データ抽出（SE支援）の依頼",
];

fn start() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2023, 4, 1, 0, 0, 0).unwrap()
}

async fn fill(store: &Store) -> std::time::Duration {
    let began = Instant::now();
    let mut tx = store.begin().await.unwrap();
    for (i, code) in OFFICES.iter().enumerate() {
        tx.upsert_office(code, &format!("{code} 福祉事務所"), i as i64)
            .await
            .unwrap();
    }
    tx.upsert_office("contractor", "受託者", 99).await.unwrap();
    let mut staff = Vec::new();
    for code in OFFICES {
        let id = tx
            .insert_account(
                &NewAccount {
                    login: format!("staff_{code}"),
                    display_name: format!("{code} 担当"),
                    role: Role::Staff,
                    office: (*code).into(),
                    password_hash: "x".into(),
                },
                start(),
            )
            .await
            .unwrap();
        staff.push(id);
    }
    let se = tx
        .insert_account(
            &NewAccount {
                login: "se01".into(),
                display_name: "高橋 SE".into(),
                role: Role::Contractor,
                office: "contractor".into(),
                password_hash: "x".into(),
            },
            start(),
        )
        .await
        .unwrap();
    for i in 0..REQUESTS {
        let n = i as usize;
        let office = n % OFFICES.len();
        let kind = RequestKind::ALL[(n / 7) % RequestKind::ALL.len()];
        let filed_at = start() + TimeDelta::minutes(i * 15);
        let new = NewRequestRow {
            kind,
            work_sub_kind: (kind == RequestKind::Work).then_some(WorkSubKind::Other),
            office: OFFICES[office].into(),
            title: format!("{} #{i}", TITLES[n % TITLES.len()]),
            body: format!(
                "{}。\n発生日時: {filed_at}\n対象: 受給者番号 {:08}\n再現手順を記載します。画面を開き、検索ボタンを押すと応答がなくなります。",
                TITLES[(n / 3) % TITLES.len()],
                i * 7919 % 100_000_000
            ),
            filed_by: staff[office],
            details: Default::default(),
        };
        let id = tx.insert_request(&new, filed_at).await.unwrap();
        // Most old requests are closed; recent ones are spread over the open statuses.
        let status = if i < REQUESTS * 9 / 10 {
            RequestStatus::Closed
        } else {
            RequestStatus::ALL[n % RequestStatus::ALL.len()]
        };
        let mut version = 1;
        if status != RequestStatus::Received {
            version = tx
                .set_request_status(id, 1, status, None, filed_at)
                .await
                .unwrap();
        }
        if i % 3 == 0 {
            tx.set_request_assignee(id, version, Some(se), filed_at)
                .await
                .unwrap();
        }
    }
    tx.commit().await.unwrap();
    began.elapsed()
}

async fn time(store: &Store, label: &str, filter: RequestFilter) {
    let mut ms = Vec::new();
    let mut shown = (0, 0);
    for _ in 0..RUNS {
        let began = Instant::now();
        let mut tx = store.begin_read().await.unwrap();
        let page = tx.list_requests(&filter).await.unwrap();
        drop(tx);
        ms.push(began.elapsed().as_secs_f64() * 1000.0);
        shown = (page.items.len(), page.total);
    }
    ms.sort_by(f64::total_cmp);
    println!(
        "{label:<44} median {:>8.2} ms   min {:>8.2} ms   ({} rows of {})",
        ms[ms.len() / 2],
        ms[0],
        shown.0,
        shown.1
    );
}

#[tokio::main]
async fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.sqlite");
    let store = Store::open_sqlite_file(&path, hoshu_store::testing::test_key())
        .await
        .unwrap();
    let took = fill(&store).await;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        + std::fs::metadata(path.with_extension("sqlite-wal"))
            .map(|m| m.len())
            .unwrap_or(0);
    println!(
        "inserted {REQUESTS} requests (with status and assignee updates) in {:.1} s; file {:.0} MB",
        took.as_secs_f64(),
        size as f64 / 1e6
    );
    let page = RequestFilter::default();
    time(&store, "page 1, unfiltered", page.clone()).await;
    time(
        &store,
        "page 40, unfiltered",
        RequestFilter {
            offset: 39 * 50,
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "office + status (naka, 対応中)",
        RequestFilter {
            offices: Some(vec!["naka".into()]),
            statuses: vec![RequestStatus::InProgress],
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "office, open only (staff's default)",
        RequestFilter {
            offices: Some(vec!["naka".into()]),
            open_only: true,
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "assignee, open only (contractor's default)",
        RequestFilter {
            assignee: Some(7),
            open_only: true,
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "text \"再審査\" (Japanese, many hits)",
        RequestFilter {
            text: Some("再審査".into()),
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "text \"error 0x1f\" (ASCII, case-folded)",
        RequestFilter {
            text: Some("error 0x1f".into()),
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "text \"#99999\" (one hit)",
        RequestFilter {
            text: Some("#99999".into()),
            ..page.clone()
        },
    )
    .await;
    time(
        &store,
        "text + office (\"受給者\", higashi)",
        RequestFilter {
            text: Some("受給者".into()),
            offices: Some(vec!["higashi".into()]),
            ..page
        },
    )
    .await;
    store.close().await;
}
