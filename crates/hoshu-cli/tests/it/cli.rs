//! The `hoshu` binary as scripts use it: output formats, exit statuses, Japanese errors, office
//! isolation and audit verification, on SQLite and PostgreSQL.

use crate::common;

use hoshu_store::testing::{TestDatabase, key_file_for};
use hoshu_store::{Backend, Store};
use std::process::{Command, Output};

const PASSWORD: &str = "hoshu-demo-2026";

fn hoshu(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
    cmd.args(args)
        .env_remove("HOSHU_DB")
        .env_remove("HOSHU_PASSWORD")
        .env_remove("HOSHU_AUDIT_KEY_FILE");
    // A test database's key, as an operator would name it; a test may override it.
    if let Some(at) = args.iter().position(|a| *a == "--db")
        && let Some(key) = args.get(at + 1).and_then(|url| key_file_for(url))
    {
        cmd.env("HOSHU_AUDIT_KEY_FILE", key);
    }
    for (k, v) in env {
        cmd.env(k, v);
    }
    common::run_leaving_no_temp_files(cmd)
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

#[test]
fn holidays_of_2026_one_per_line() {
    let o = hoshu(&["calendar", "holidays", "--year", "2026"], &[]);
    assert!(o.status.success());
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.first(), Some(&"2026-01-01\t元日"));
    assert!(lines.contains(&"2026-05-06\t休日"), "{out}");
    assert!(lines.contains(&"2026-09-22\t休日"), "{out}");
    assert_eq!(lines.len(), 18, "{out}");
}

#[test]
fn open_days_skip_weekends_holidays_and_year_end() {
    let o = hoshu(
        &[
            "calendar",
            "open-days",
            "--from",
            "2026-12-25",
            "--to",
            "2027-01-06",
        ],
        &[],
    );
    assert!(o.status.success());
    assert_eq!(
        stdout(&o),
        "2026-12-25\n2026-12-28\n2027-01-04\n2027-01-05\n2027-01-06\n"
    );
    let o = hoshu(
        &[
            "calendar",
            "open-days",
            "--from",
            "2027-01-06",
            "--to",
            "2026-12-25",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--to（終了日）は --from（開始日）以降"));
}

#[test]
fn wareki_long_and_short_across_the_era_change() {
    let run = |args: &[&str]| stdout(&hoshu(args, &[])).trim().to_owned();
    assert_eq!(run(&["wareki", "2019-05-01"]), "令和元年5月1日(水)");
    assert_eq!(run(&["wareki", "2019-04-30"]), "平成31年4月30日(火)");
    assert_eq!(run(&["wareki", "2019-05-01", "--short"]), "R1.5.1");
    assert_eq!(run(&["wareki", "2026-04-10"]), "令和8年4月10日(金)");
    let o = hoshu(&["wareki", "2026-02-30"], &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("引数が正しくありません"));
}

#[tokio::test]
async fn reading_a_missing_database_is_refused_without_creating_it() {
    let db = TestDatabase::new(Backend::Sqlite).await;
    let path = db.dir().expect("SQLite folder").join("none.sqlite");
    let url = format!("sqlite:{}", path.display());
    let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("が見つかりません"), "{}", stderr(&o));
    assert!(!path.exists());
}

async fn demo_scenario(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    let url = db.url.clone();
    let o = hoshu(
        &["--db", &url, "demo", "--seed", "3", "--today", "2026-11-20"],
        &[],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("全アカウント共通のパスワード: hoshu-demo-2026"));
    assert!(
        out.lines()
            .any(|l| l.starts_with("staff01\t一般職員\tkita_chuo"))
    );

    // Staff see their own office only, through the CLI as through the app.
    let list = |user: &str, extra: &[&str]| {
        let mut args = vec![
            "--db", &url, "--user", user, "requests", "list", "--format", "csv", "--all",
        ];
        args.extend_from_slice(extra);
        hoshu(&args, &[("HOSHU_PASSWORD", PASSWORD)])
    };
    let o = list("staff01", &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    // One office's ~100 requests are not a bulk export.
    assert!(!stderr(&o).contains("警告"), "{}", stderr(&o));
    let csv = stdout(&o);
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("id,kind,status,office,title,filed_at"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert!(rows.len() > 20, "{csv}");
    assert!(rows.iter().all(|r| r[3] == "kita_chuo"), "{csv}");
    assert!(rows.iter().all(|r| r[5].ends_with("+09:00")));
    // 至急 only: the office's fault reports, fewer than all; an unknown code names the option.
    let o = list("staff01", &["--urgency", "urgent"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let urgent: Vec<String> = stdout(&o).lines().skip(1).map(str::to_owned).collect();
    assert!(
        !urgent.is_empty() && urgent.len() < rows.len(),
        "{urgent:?}"
    );
    assert!(
        urgent
            .iter()
            .all(|r| r.split(',').nth(1) == Some("fault_report")),
        "{urgent:?}"
    );
    let o = list("staff01", &["--urgency", "asap"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("--urgency（緊急度）"), "{}", stderr(&o));
    let o = list("staff01", &["--office", "naka"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("他の所属の依頼は参照・操作できません。"));
    // Every row of every office is a bulk export: refused with the question, nothing on
    // stdout, until confirmed.
    let o = list("chief", &[]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "", "nothing leaves before the confirmation");
    assert!(
        stderr(&o).contains("件を超える一括出力") && stderr(&o).contains("--confirm-bulk"),
        "{}",
        stderr(&o)
    );
    let o = list("chief", &["--confirm-bulk"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let chief_rows = stdout(&o).lines().count();
    assert!(chief_rows > rows.len() * 4, "{chief_rows}");
    assert!(chief_rows > 500);

    // Wrong password: Japanese error, non-zero exit.
    let o = hoshu(
        &["--db", &url, "--user", "staff01", "requests", "list"],
        &[("HOSHU_PASSWORD", "wrong-one")],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("ログインIDまたはパスワードが正しくありません。"));

    // Audit: intact, then an edited entry and a deleted one are each found.
    let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("改ざんされていません"));
    assert!(stdout(&o).contains("先頭: 連番 "), "{}", stdout(&o));

    // Another key: every entry fails, from the first.
    let wrong = db.dir().map_or_else(std::env::temp_dir, |d| d.to_owned());
    let wrong = wrong.join(format!("wrong-{}.key", std::process::id()));
    std::fs::write(&wrong, format!("{}\n", "ab".repeat(32))).unwrap();
    let wrong_env = [("HOSHU_AUDIT_KEY_FILE", wrong.to_str().unwrap())];
    let o = hoshu(&["--db", &url, "audit", "verify"], &wrong_env);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(stderr(&o).contains("連番 1"), "{}", stderr(&o));
    assert!(stderr(&o).contains("鍵"), "{}", stderr(&o));
    std::fs::remove_file(&wrong).unwrap();
    let store = Store::connect(&url, db.key()).await.unwrap();
    let raw = async |sql: &str| {
        sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
            .execute(store.pool())
            .await
            .unwrap();
    };
    let on = if backend == Backend::Postgres {
        " ON audit_log"
    } else {
        ""
    };
    raw(&format!("DROP TRIGGER audit_log_no_update{on}")).await;
    raw(&format!("DROP TRIGGER audit_log_no_delete{on}")).await;
    raw("UPDATE audit_log SET summary = '書き換え' WHERE seq = 200").await;
    let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("連番 200"), "{}", stderr(&o));
    assert!(stderr(&o).contains("編集"), "{}", stderr(&o));
    raw("DELETE FROM audit_log WHERE seq = 200").await;
    let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("欠落"), "{}", stderr(&o));
    store.close().await;

    // A second demo into the same database is refused and changes nothing.
    let o = hoshu(&["--db", &url, "demo"], &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("すでにアカウントがあります"));
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_isolation_and_audit_on_sqlite() {
    demo_scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_isolation_and_audit_on_postgres() {
    demo_scenario(Backend::Postgres).await;
}

async fn keys_and_grants(backend: Backend) {
    let mut db = TestDatabase::new(backend).await;
    let url = db.url.clone();
    let o = hoshu(
        &["--db", &url, "init"],
        &[("HOSHU_ADMIN_PASSWORD", "kanri-pass-2026")],
    );
    assert!(o.status.success(), "{}", stderr(&o));

    // A garbled key file is refused by name.
    let bad = std::env::temp_dir().join(format!(
        "garbled-{}-{}.key",
        backend.name(),
        std::process::id()
    ));
    std::fs::write(&bad, "0123").unwrap();
    let o = hoshu(
        &[
            "--db",
            &url,
            "--audit-key-file",
            bad.to_str().unwrap(),
            "audit",
            "verify",
        ],
        &[],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains(bad.to_str().unwrap()), "{}", stderr(&o));
    assert!(stderr(&o).contains("64 文字"), "{}", stderr(&o));
    std::fs::remove_file(&bad).unwrap();

    match backend {
        Backend::Sqlite => {
            // No key named: `audit.key` beside the file (the test database's own).
            let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
            assert!(o.status.success(), "{}", stderr(&o));
            let o = hoshu(
                &["--db", &url, "db", "grant-runtime", "--role", "hoshu_app"],
                &[],
            );
            assert_eq!(o.status.code(), Some(1));
            assert!(stderr(&o).contains("PostgreSQL"), "{}", stderr(&o));
        }
        Backend::Postgres => {
            // PostgreSQL has no place beside it for the key: it must be named.
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
            let o = cmd
                .args(["--db", &url, "audit", "verify"])
                .env_remove("HOSHU_DB")
                .env_remove("HOSHU_AUDIT_KEY_FILE")
                .output()
                .unwrap();
            assert_eq!(o.status.code(), Some(1));
            assert!(stderr(&o).contains("--audit-key-file"), "{}", stderr(&o));

            let (role, runtime_url) = db.create_login_role().await;
            let key = db.key_file();
            let key_env = [("HOSHU_AUDIT_KEY_FILE", key.to_str().unwrap())];
            // Before the grant the runtime role cannot even read.
            let o = hoshu(&["--db", &runtime_url, "audit", "verify"], &key_env);
            assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
            let o = hoshu(&["--db", &url, "db", "grant-runtime", "--role", &role], &[]);
            assert!(o.status.success(), "{}", stderr(&o));
            assert!(stdout(&o).contains(&format!("ロール {role} に実行用の権限")));
            let o = hoshu(&["--db", &runtime_url, "audit", "verify"], &key_env);
            assert!(o.status.success(), "{}", stderr(&o));
            // Migrating is the owner's: init as the runtime role fails.
            let o = hoshu(&["--db", &runtime_url, "init"], &key_env);
            assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
        }
    }
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_and_grants_on_sqlite() {
    keys_and_grants(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn keys_and_grants_on_postgres() {
    keys_and_grants(Backend::Postgres).await;
}

#[tokio::test]
async fn init_creates_the_key_beside_a_new_sqlite_file() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite:{}", dir.path().join("new.sqlite").display());
    let o = hoshu(&["--db", &url, "init"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    let key = dir.path().join("audit.key");
    assert!(
        stdout(&o).contains("監査ログの鍵を作成しました"),
        "{}",
        stdout(&o)
    );
    assert_eq!(std::fs::read_to_string(&key).unwrap().trim().len(), 64);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let o = hoshu(&["--db", &url, "init"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("鍵を作成"), "the key is kept");
    let o = hoshu(&["--db", &url, "audit", "verify"], &[]);
    assert!(o.status.success(), "{}", stderr(&o));
}
