//! The `hoshu` binary as scripts use it: output formats, exit statuses, Japanese errors, office
//! isolation and audit verification, on SQLite and PostgreSQL.

use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, Store};
use std::process::{Command, Output};

const PASSWORD: &str = "hoshu-demo-2026";

fn hoshu(args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
    cmd.args(args)
        .env_remove("HOSHU_DB")
        .env_remove("HOSHU_PASSWORD");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run hoshu")
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
    let o = list("staff01", &["--office", "naka"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("他の所属の依頼は参照・操作できません。"));
    let o = list("chief", &[]);
    let chief_rows = stdout(&o).lines().count();
    assert!(chief_rows > rows.len() * 4, "{chief_rows}");
    // Every row of every office is a bulk export: warned on stderr, the CSV intact on stdout.
    assert!(chief_rows > 500);
    assert!(stderr(&o).contains("件を超える一括出力"), "{}", stderr(&o));

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
    let store = Store::connect(&url).await.unwrap();
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
