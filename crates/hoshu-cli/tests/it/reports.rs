//! `hoshu render monthly|annual` on a demo database, SQLite and PostgreSQL.

use crate::common;

use hoshu_store::Backend;
use hoshu_store::testing::TestDatabase;
use std::process::{Command, Output};

fn hoshu(db: &str, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
    cmd.arg("--db")
        .arg(db)
        .arg("--audit-key-file")
        .arg(hoshu_store::testing::key_file_for(db).expect("a test database"))
        .args(args)
        .env("HOSHU_PASSWORD", hoshu_app::demo::DEMO_PASSWORD)
        .env_remove("HOSHU_DB");
    common::run_leaving_no_temp_files(cmd)
}

fn ok(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A folder removed when dropped.
struct TempDir(std::path::PathBuf);

impl TempDir {
    fn path(&self) -> &std::path::Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn renders_on(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    ok(&hoshu(&db.url, &["demo", "--today", "2026-06-15"]));
    let dir = TempDir(std::env::temp_dir().join(format!(
        "hoshu-render-{}-{}",
        backend.name(),
        std::process::id()
    )));
    std::fs::create_dir_all(dir.path()).unwrap();
    let pdf = dir.path().join("定期報告 2026-05.pdf");
    let out = ok(&hoshu(
        &db.url,
        &[
            "--user",
            "chief",
            "render",
            "monthly",
            "--month",
            "2026-05",
            "-o",
            pdf.to_str().unwrap(),
        ],
    ));
    let size = std::fs::metadata(&pdf).unwrap().len();
    assert!(
        out.contains(&std::fs::canonicalize(&pdf).unwrap().display().to_string()),
        "{out}"
    );
    assert!(out.contains(&format!("{size} バイト")), "{out}");
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF"));
    // The report prints the audit log's head as it stood when it was made (the entry of the
    // report itself comes after): the city's copy catches a log rewritten later.
    let store = hoshu_store::Store::connect(&db.url, db.key())
        .await
        .unwrap();
    let mut tx = store.begin_read().await.unwrap();
    let head = tx.audit_head().await.unwrap().unwrap();
    let before = tx.audit_entries(head.seq - 2, 1).await.unwrap().remove(0);
    tx.rollback().await.unwrap();
    store.close().await;
    let printed = Command::new("pdftotext")
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap();
    let printed = String::from_utf8_lossy(&printed.stdout).replace([' ', '\n'], "");
    let expected = format!("連番{}/MAC{}", before.seq, before.mac);
    assert!(printed.contains(&expected), "{expected} not in the report");

    let xlsx = dir.path().join("m.xlsx");
    ok(&hoshu(
        &db.url,
        &[
            "--user",
            "chief",
            "render",
            "monthly",
            "--month",
            "2026-05",
            "-o",
            xlsx.to_str().unwrap(),
        ],
    ));
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));

    let annual = dir.path().join("a.pdf");
    ok(&hoshu(
        &db.url,
        &[
            "--user",
            "chief",
            "render",
            "annual",
            "--fiscal-year",
            "2025",
            "-o",
            annual.to_str().unwrap(),
        ],
    ));
    let text = Command::new("pdftotext")
        .arg(&annual)
        .arg("-")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout).replace([' ', '\n'], "");
    for item in [
        "一次報告",
        "一次切り分け",
        "対処先への連絡",
        "続報",
        "障害報告",
        "マニュアル改版",
        "問合せ回答",
    ] {
        assert!(text.contains(item), "{item}");
    }

    // Wrong extension: a Japanese error, nothing written, no temporary file left.
    let bad = dir.path().join("m.docx");
    let o = hoshu(
        &db.url,
        &[
            "--user",
            "chief",
            "render",
            "monthly",
            "--month",
            "2026-05",
            "-o",
            bad.to_str().unwrap(),
        ],
    );
    assert!(!o.status.success());
    assert!(String::from_utf8_lossy(&o.stderr).contains("拡張子は .pdf か .xlsx"));
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(files.len(), 3);
    // Staff may not render reports.
    let staff = hoshu(
        &db.url,
        &[
            "--user",
            "staff01",
            "render",
            "annual",
            "--fiscal-year",
            "2025",
            "-o",
            annual.to_str().unwrap(),
        ],
    );
    assert!(!staff.status.success());
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn render_reports_sqlite() {
    renders_on(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn render_reports_postgres() {
    renders_on(Backend::Postgres).await;
}
