//! The commands through Tauri's IPC on the mock runtime: arguments as the window sends them,
//! errors as the window receives them.

use hoshu_core::Role;
use hoshu_desktop::files::{DialogRequest, FileChooser};
use hoshu_desktop::state::{Backend, DeskPaths, DeskState, Terminal};
use hoshu_desktop::vault::{DraftVault, KeyStore};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{
    INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets,
};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow};

const PASSWORD: &str = "correct-horse-2026";

struct Fixture {
    _dir: tempfile::TempDir,
    _app: tauri::App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
    office: String,
    dialogs: Arc<Dialogs>,
}

/// The user at the dialogs: answers them in order, and remembers what they were asked.
#[derive(Default)]
struct Dialogs {
    answers: Mutex<VecDeque<Option<PathBuf>>>,
    asked: Mutex<Vec<DialogRequest>>,
}

impl Dialogs {
    fn will_choose(&self, path: Option<PathBuf>) {
        self.answers.lock().unwrap().push_back(path);
    }

    fn answer(&self, request: DialogRequest) -> Option<PathBuf> {
        self.asked.lock().unwrap().push(request);
        self.answers
            .lock()
            .unwrap()
            .pop_front()
            .expect("a dialog nobody expected")
    }
}

type Chosen<'a> = Pin<Box<dyn Future<Output = Option<PathBuf>> + Send + 'a>>;

impl FileChooser for Dialogs {
    fn open(&self, request: DialogRequest) -> Chosen<'_> {
        let answer = self.answer(request);
        Box::pin(async move { answer })
    }
    fn save(&self, request: DialogRequest) -> Chosen<'_> {
        let answer = self.answer(request);
        Box::pin(async move { answer })
    }
}

struct TestKey;
impl KeyStore for TestKey {
    fn key(&self) -> Result<[u8; 32], String> {
        Ok([42; 32])
    }
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().expect("temp dir");
    let url = hoshu_desktop::db::sqlite_url(&dir.path().join("t.sqlite"));
    let (hoshu, office) = tauri::async_runtime::block_on(async {
        let hoshu = hoshu_desktop::db::connect(&url, dir.path())
            .await
            .expect("open");
        hoshu.initialise(PASSWORD).await.expect("initialise");
        let admin = hoshu.login("admin", PASSWORD).await.expect("admin login");
        let offices = hoshu.offices(&admin).await.expect("offices");
        let office = offices[0].code.clone();
        let contractors = offices.last().expect("office").code.clone();
        hoshu_app::testing::add_accounts(
            &hoshu,
            &admin,
            &[
                ("staff01", Role::Staff, office.as_str()),
                ("chief", Role::Chief, office.as_str()),
                ("contractor", Role::Contractor, contractors.as_str()),
            ],
            PASSWORD,
        )
        .await;
        (hoshu, office)
    });
    let app = mock_builder()
        .invoke_handler(hoshu_desktop::desk_handler!())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let dialogs = Arc::new(Dialogs::default());
    let paths = DeskPaths {
        config_file: dir.path().join("config").join("database.json"),
        data_dir: dir.path().join("data"),
    };
    let terminal = Terminal {
        chooser: dialogs.clone(),
        drafts: DraftVault::open(paths.drafts_dir(), &TestKey),
    };
    app.manage(DeskState::new(Backend::Local(hoshu), url, paths, terminal));
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    Fixture {
        _dir: dir,
        _app: app,
        window,
        office,
        dialogs,
    }
}

fn call(f: &Fixture, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        &f.window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| b.deserialize::<Value>().expect("json"))
}

fn login(f: &Fixture, who: &str) -> Value {
    call(f, "login", json!({"login": who, "password": PASSWORD})).expect("login")
}

#[test]
fn login_errors_cross_as_code_and_japanese_message() {
    let f = fixture();
    let err = call(
        &f,
        "login",
        json!({"login": "staff01", "password": "wrong-password"}),
    )
    .expect_err("wrong password");
    assert_eq!(err["code"], "auth_failed");
    assert!(
        err["message"]
            .as_str()
            .expect("message")
            .contains("パスワード")
    );

    let err = call(&f, "list_requests", json!({"query": {}})).expect_err("not logged in");
    assert_eq!(err["code"], "auth_failed");

    let session = login(&f, "staff01");
    assert_eq!(session["actor"]["role"], "staff");
    assert!(session["idle_logout_minutes"].as_i64().expect("minutes") > 0);
    assert_eq!(
        call(&f, "current_session", json!({})).expect("session"),
        session
    );
    call(&f, "logout", json!({"idle": true})).expect("logout");
    assert_eq!(
        call(&f, "current_session", json!({})).expect("none"),
        Value::Null
    );
}

#[test]
fn validation_errors_name_the_field_and_nothing_is_saved() {
    let f = fixture();
    login(&f, "staff01");
    let err = call(
        &f,
        "file_request",
        json!({"input": {"kind": "inquiry", "work_sub_kind": null, "office": f.office, "title": "", "body": "本文"}}),
    )
    .expect_err("empty title");
    assert_eq!(err["code"], "validation");
    assert_eq!(err["fields"][0]["field"], "title");
    let page = call(&f, "list_requests", json!({"query": {}})).expect("list");
    assert_eq!(page["total"], 0);
}

#[test]
fn inquiry_round_trip_and_staff_cannot_approve() {
    let f = fixture();
    login(&f, "staff01");
    let id = call(
        &f,
        "file_request",
        json!({"input": {"kind": "inquiry", "work_sub_kind": null, "office": f.office, "title": "帳票の出力について", "body": "月次帳票が出力できません。"}}),
    )
    .expect("filed");
    let id = id.as_i64().expect("id");

    login(&f, "contractor");
    let detail = call(&f, "request_detail", json!({"id": id})).expect("detail");
    assert!(
        detail["allowed_actions"]
            .as_array()
            .expect("actions")
            .contains(&json!("answer"))
    );
    call(
        &f,
        "transition_request",
        json!({"id": id, "input": {"action": "answer", "expected_version": detail["request"]["version"], "text": "再出力してください。"}}),
    )
    .expect("answered");

    login(&f, "staff01");
    let detail = call(&f, "request_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["request"]["answer"], "再出力してください。");
    call(
        &f,
        "transition_request",
        json!({"id": id, "input": {"action": "close", "expected_version": detail["request"]["version"], "text": ""}}),
    )
    .expect("closed");

    let err = call(
        &f,
        "decide_change",
        json!({"id": 1, "expectedVersion": 1, "step": "approve", "comment": ""}),
    )
    .expect_err("staff may not approve");
    assert!(matches!(
        err["code"].as_str(),
        Some("forbidden" | "not_found")
    ));
}

#[test]
fn labels_and_calendar_come_from_the_domain() {
    let f = fixture();
    let labels = call(&f, "labels", json!({})).expect("labels");
    assert_eq!(labels["request_kind"][0]["label"], "問合せ");
    login(&f, "staff01");
    let days = call(&f, "calendar_month", json!({"year": 2026, "month": 11})).expect("days");
    let days = days.as_array().expect("array");
    assert_eq!(days.len(), 30);
    // 2026-11-23 is 勤労感謝の日.
    assert_eq!(days[22]["kind"], "holiday");
    assert_eq!(days[22]["name"], "勤労感謝の日");
}

#[test]
fn contractor_assigns_from_the_contractor_list_and_staff_cannot_list() {
    let f = fixture();
    login(&f, "staff01");
    let id = call(
        &f,
        "file_request",
        json!({"input": {"kind": "inquiry", "work_sub_kind": null, "office": f.office, "title": "割り当て", "body": "本文"}}),
    )
    .expect("filed");
    let err = call(&f, "contractors", json!({})).expect_err("staff may not list");
    assert_eq!(err["code"], "forbidden");

    login(&f, "contractor");
    let list = call(&f, "contractors", json!({})).expect("contractors");
    assert_eq!(list[0]["login"], "contractor");
    let detail = call(&f, "request_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["can_assign"], true);
    call(
        &f,
        "assign_request",
        json!({"id": id, "expectedVersion": detail["request"]["version"], "assignee": list[0]["id"]}),
    )
    .expect("assigned");
    let detail = call(&f, "request_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["request"]["assignee_name"], "contractor 氏名");
}

#[test]
fn database_settings_refuse_database_urls_and_switch_to_another_sqlite_file() {
    let f = fixture();
    let status = call(&f, "database_config", json!({})).expect("status");
    assert_eq!(status["kind"], "sqlite");

    for (url, says) in [
        (
            "postgres://desk:secret@db.example.lg.jp/hoshu?sslmode=require",
            "直接接続",
        ),
        ("http://192.0.2.1:8080", "https://"),
        ("https://desk:secret@hoshu.example.lg.jp", "パスワード"),
    ] {
        let err = call(
            &f,
            "test_database",
            json!({"config": {"kind": "server", "sqlite_path": "", "server_url": url}}),
        )
        .expect_err("refused");
        assert_eq!(err["code"], "validation", "{url}");
        assert_eq!(err["fields"][0]["field"], "server_url");
        assert!(
            err["message"].as_str().expect("message").contains(says),
            "{url}: {err}"
        );
    }
    let err = call(
        &f,
        "save_database",
        json!({"config": {"kind": "server", "sqlite_path": "", "server_url": "postgresql://x@h/d"}, "reconnect": false}),
    )
    .expect_err("not saved");
    assert_eq!(err["code"], "validation");
    assert!(!f._dir.path().join("config").join("database.json").exists());

    // A server that does not answer: the URL passes, the connection does not.
    let err = call(
        &f,
        "test_database",
        json!({"config": {"kind": "server", "sqlite_path": "", "server_url": "http://127.0.0.1:1"}}),
    )
    .expect_err("unreachable");
    assert_eq!(err["code"], "unavailable");

    let second = f._dir.path().join("second.sqlite");
    let config =
        json!({"kind": "sqlite", "sqlite_path": second.display().to_string(), "server_url": ""});
    // Only an administrator changes the database of a logged-in terminal.
    login(&f, "staff01");
    let err = call(&f, "test_database", json!({"config": config})).expect_err("staff");
    assert_eq!(err["code"], "forbidden");
    call(&f, "logout", json!({"idle": false})).expect("logout");
    // The terminal's first start: the log-in screen sets it up.
    let status = call(&f, "database_config", json!({})).expect("status");
    assert_eq!(status["locked"], Value::Null);
    let ok = call(&f, "test_database", json!({"config": config})).expect("test");
    assert!(ok.as_str().expect("text").contains("接続できました"));
    call(
        &f,
        "save_database",
        json!({"config": config, "reconnect": true}),
    )
    .expect("saved");
    // Reconnected: logged out, and the new database has only its first administrator.
    assert_eq!(
        call(&f, "current_session", json!({})).expect("none"),
        Value::Null
    );
    call(
        &f,
        "login",
        json!({"login": "staff01", "password": PASSWORD}),
    )
    .expect_err("other db");
    let saved = std::fs::read_to_string(f._dir.path().join("config").join("database.json"))
        .expect("config file");
    assert!(saved.contains("second.sqlite"));
    let status = call(&f, "database_config", json!({})).expect("status");
    assert!(
        status["active"]
            .as_str()
            .expect("active")
            .contains("second.sqlite")
    );
    let first_password =
        std::fs::read_to_string(f._dir.path().join("data").join("初期管理者パスワード.txt"))
            .expect("first administrator password");

    // Set up now: the log-in screen may no longer move the terminal elsewhere…
    let status = call(&f, "database_config", json!({})).expect("status");
    assert!(
        status["locked"]
            .as_str()
            .expect("locked")
            .contains("設定済み")
    );
    let third = f._dir.path().join("third.sqlite");
    let elsewhere =
        json!({"kind": "sqlite", "sqlite_path": third.display().to_string(), "server_url": ""});
    let err = call(
        &f,
        "save_database",
        json!({"config": elsewhere, "reconnect": true}),
    )
    .expect_err("set up already");
    assert_eq!(err["code"], "forbidden");
    assert!(!third.exists());
    // …an administrator may, and the move is audited in the database left.
    call(
        &f,
        "login",
        json!({"login": "admin", "password": first_password}),
    )
    .expect("admin of the second database");
    call(
        &f,
        "save_database",
        json!({"config": elsewhere, "reconnect": true}),
    )
    .expect("moved by the administrator");
    let summaries = tauri::async_runtime::block_on(async {
        let left =
            hoshu_desktop::db::connect(&hoshu_desktop::db::sqlite_url(&second), f._dir.path())
                .await
                .expect("open the database left");
        let mut tx = left.store().begin_read().await.expect("read");
        tx.audit_entries(0, 100)
            .await
            .expect("audit")
            .into_iter()
            .filter(|e| e.action == "database.switch")
            .map(|e| e.summary)
            .collect::<Vec<_>>()
    });
    assert_eq!(summaries.len(), 1);
    assert!(summaries[0].contains("third.sqlite"));
}

#[test]
fn incident_first_report_meets_its_clock_and_the_chief_sees_the_sla_status() {
    let f = fixture();
    login(&f, "contractor");
    let detected = chrono::Utc::now() - chrono::TimeDelta::minutes(20);
    let incident = json!({
        "detected_at": detected, "category": "job_failure", "severity": "high",
        "title": "夜間バッチの異常終了", "summary": "月次集計ジョブが異常終了しました。",
        "affected_offices": [], "affected_systems": "本番", "linked_requests": []
    });
    let mut blank = incident.clone();
    blank["title"] = json!("");
    let err = call(
        &f,
        "record_incident",
        json!({"incident": blank, "manualRevisionRequired": false}),
    )
    .expect_err("empty title");
    assert_eq!(err["code"], "validation");
    assert_eq!(err["fields"][0]["field"], "title");

    let id = call(
        &f,
        "record_incident",
        json!({"incident": incident, "manualRevisionRequired": false}),
    )
    .expect("record");
    let detail = call(&f, "incident_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["clocks"][0]["item"], "first_report");
    assert_eq!(detail["clocks"][0]["state"]["state"], "running");
    assert!(detail["clocks"][0]["state"]["deadline"].is_string());
    assert_eq!(detail["can_record"], true);

    let at = chrono::Utc::now() - chrono::TimeDelta::minutes(5);
    call(
        &f,
        "add_incident_event",
        json!({"id": id, "expectedVersion": detail["record"]["version"], "event": {"kind": "first_report", "at": at, "note": "担当課へ電話で一次報告"}}),
    )
    .expect("first report");
    let detail = call(&f, "incident_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["clocks"][0]["state"]["state"], "met");
    assert_eq!(
        detail["record"]["events"][0]["event"]["kind"],
        "first_report"
    );

    login(&f, "chief");
    let status = call(&f, "sla_status", json!({})).expect("sla status");
    assert_eq!(status["open_incidents"], 1);
    assert!(status["upcoming"].as_array().expect("upcoming").len() >= 2);
    let list = call(&f, "list_incidents", json!({"query": {"open_only": true}})).expect("list");
    assert_eq!(list.as_array().expect("list").len(), 1);

    login(&f, "staff01");
    let err = call(&f, "sla_status", json!({})).expect_err("staff");
    assert_eq!(err["code"], "forbidden");
}

#[test]
fn the_monthly_report_is_written_where_the_user_chose_and_nowhere_the_window_says() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("dir");
    login(&f, "staff01");
    let err = call(
        &f,
        "save_monthly_report",
        json!({"year": 2026, "month": 4, "format": "pdf"}),
    )
    .expect_err("staff");
    assert_eq!(err["code"], "forbidden");
    assert!(
        f.dialogs.asked.lock().unwrap().is_empty(),
        "no dialog for a refusal"
    );

    login(&f, "contractor");
    // The window names a path of its own: it is not an argument, and nothing goes there.
    let elsewhere = dir.path().join("elsewhere.pdf");
    let chosen = dir.path().join("定期報告");
    f.dialogs.will_choose(Some(chosen.clone()));
    let saved = call(
        &f,
        "save_monthly_report",
        json!({"year": 2026, "month": 4, "format": "pdf", "path": elsewhere}),
    )
    .expect("render");
    assert!(!elsewhere.exists(), "the window's path is refused");
    let written = dir.path().join("定期報告.pdf");
    assert_eq!(
        saved["path"],
        written.display().to_string(),
        "the extension is added"
    );
    let bytes = std::fs::read(&written).expect("written");
    assert!(bytes.starts_with(b"%PDF"));
    assert_eq!(saved["bytes"], bytes.len() as u64);
    let asked = f
        .dialogs
        .asked
        .lock()
        .unwrap()
        .last()
        .cloned()
        .expect("asked");
    assert_eq!(asked.file_name.as_deref(), Some("月次報告_2026年4月.pdf"));
    assert_eq!(asked.filter.extensions, ["pdf"]);

    let xlsx = dir.path().join("定期報告.xlsx");
    f.dialogs.will_choose(Some(xlsx.clone()));
    call(
        &f,
        "save_monthly_report",
        json!({"year": 2026, "month": 4, "format": "xlsx"}),
    )
    .expect("xlsx");
    assert!(std::fs::read(&xlsx).expect("xlsx").starts_with(b"PK"));
    // Cancelled: nothing is written and the window hears null.
    f.dialogs.will_choose(None);
    let cancelled = call(
        &f,
        "save_monthly_report",
        json!({"year": 2026, "month": 4, "format": "pdf"}),
    )
    .expect("cancelled");
    assert_eq!(cancelled, Value::Null);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name())
        .collect();
    assert_eq!(names.len(), 2, "no temporary file left: {names:?}");
}

#[test]
fn only_the_picked_regular_file_of_an_allowed_kind_is_attached() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("dir");
    login(&f, "staff01");
    let input = json!({"kind": "inquiry", "work_sub_kind": null, "office": f.office,
        "title": "添付の確認", "body": "画面の写しを添付します"});
    let id = call(&f, "file_request", json!({"input": input})).expect("filed");
    let id = id.as_i64().expect("id");

    let refused = |path: PathBuf, why: &str| {
        f.dialogs.will_choose(Some(path.clone()));
        let err = call(&f, "attach_file", json!({"id": id})).expect_err(why);
        assert_eq!(err["fields"][0]["field"], "file", "{why}: {err}");
        err["message"].as_str().expect("message").to_owned()
    };
    // Not a regular file, a device, too big, a disguised name, a program.
    assert!(refused(dir.path().to_owned(), "folder").contains("通常のファイルではありません"));
    assert!(refused("/dev/zero".into(), "device").contains("通常のファイルではありません"));
    let huge = dir.path().join("巨大.log");
    std::fs::File::create(&huge)
        .expect("create")
        .set_len(8 << 30)
        .expect("sparse");
    assert!(refused(huge, "too big").contains("大きすぎます"));
    let disguised = dir.path().join("請求書\u{202E}fdp.exe");
    std::fs::write(&disguised, b"MZ\x90\0").expect("write");
    assert!(refused(disguised, "bidi").contains("U+202E"));
    let program = dir.path().join("見積書.pdf");
    std::fs::write(&program, b"MZ\x90\0").expect("write");
    let err = {
        f.dialogs.will_choose(Some(program));
        call(&f, "attach_file", json!({"id": id})).expect_err("a program named .pdf")
    };
    assert_eq!(err["code"], "validation");
    assert!(
        err.to_string()
            .contains("中身が拡張子「.pdf」の形式ではありません"),
        "{err}"
    );

    // A path the window sends is no argument at all; the picked file is what is read.
    let good = dir.path().join("画面.txt");
    std::fs::write(&good, "エラー E-1234".as_bytes()).expect("write");
    f.dialogs.will_choose(Some(good));
    let attached =
        call(&f, "attach_file", json!({"id": id, "path": "/etc/passwd"})).expect("attached");
    assert!(attached.as_i64().is_some());
    f.dialogs.will_choose(None);
    assert_eq!(
        call(&f, "attach_file", json!({"id": id})).expect("cancelled"),
        Value::Null
    );
    let detail = call(&f, "request_detail", json!({"id": id})).expect("detail");
    let attachments = detail["attachments"].as_array().expect("attachments");
    assert_eq!(attachments.len(), 1, "only the good file: {attachments:?}");
    assert_eq!(attachments[0]["file_name"], "画面.txt");
    assert_eq!(attachments[0]["content_type"], "text/plain; charset=utf-8");

    let target = dir.path().join("保存先");
    f.dialogs.will_choose(Some(target));
    let saved = call(
        &f,
        "save_attachment",
        json!({"attachmentId": attachments[0]["id"]}),
    )
    .expect("saved");
    let written = dir.path().join("保存先.txt");
    assert_eq!(saved["path"], written.display().to_string());
    assert_eq!(
        std::fs::read(&written).expect("read"),
        "エラー E-1234".as_bytes()
    );
}

#[test]
fn a_meeting_handout_is_picked_attached_listed_and_saved() {
    let f = fixture();
    let dir = tempfile::tempdir().expect("dir");
    login(&f, "contractor");
    let meeting = json!({
        "kind": "regular", "title": "第1回 定例会議",
        "starts_at": "2026-04-08T05:00:00Z", "ends_at": "2026-04-08T06:00:00Z",
        "place": "第3会議室",
        "attendees": [{"side": "city", "organisation": "生活保護・自立支援課", "title": "課長",
            "name": "岡本 誠", "present": true}],
        "handouts": [], "agenda": ["運用状況"], "discussion": "報告した。", "decisions": [],
        "action_items": [], "next_meeting": null,
    });
    let id =
        call(&f, "record_meeting", json!({"meeting": meeting})).expect("recorded")["id"].clone();
    let report = dir.path().join("資料1_運用状況報告.pdf");
    std::fs::write(&report, b"%PDF-1.7\n% handout").expect("write");
    f.dialogs.will_choose(Some(report));
    let picked = call(&f, "pick_attachment", json!({})).expect("picked");
    let args = json!({"id": id, "fileName": picked["file_name"], "bytes": picked["bytes"]});
    let handout = call(&f, "attach_to_meeting", args).expect("attached");
    let detail = call(&f, "meeting_detail", json!({"id": id})).expect("detail");
    assert_eq!(detail["meeting"]["attachments"][0]["id"], handout);
    assert_eq!(
        detail["meeting"]["attachments"][0]["file_name"],
        "資料1_運用状況報告.pdf"
    );

    f.dialogs.will_choose(Some(dir.path().join("保存先")));
    let saved = call(
        &f,
        "save_meeting_attachment",
        json!({"attachmentId": handout}),
    )
    .expect("saved");
    let written = dir.path().join("保存先.pdf");
    assert_eq!(saved["path"], written.display().to_string());
    assert_eq!(
        std::fs::read(&written).expect("read"),
        b"%PDF-1.7\n% handout"
    );
}

#[test]
fn drafts_are_the_logged_in_persons_only_and_unreadable_on_disk() {
    let f = fixture();
    let secret = "受給者 佐藤花子（ケース番号 987-6543）の医療券";
    let err = call(&f, "write_draft", json!({"key": "k", "text": secret})).expect_err("no one");
    assert_eq!(err["code"], "auth_failed");
    login(&f, "staff01");
    call(
        &f,
        "write_draft",
        json!({"key": "hoshu-desk.draft.staff01::new-request", "text": secret}),
    )
    .expect("kept");
    let opened = call(&f, "open_drafts", json!({})).expect("open");
    assert_eq!(opened["drafts"][0]["text"], secret);
    assert_eq!(opened["kept_on_disk"], true);
    assert_eq!(opened["retention_days"], 7);
    for (path, bytes) in files_under(&f._dir.path().join("data")) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("佐藤"), "{} holds the draft", path.display());
        assert!(!path.to_string_lossy().contains("staff01"));
    }

    // Another person at the same terminal sees none of it.
    login(&f, "chief");
    let theirs = call(&f, "open_drafts", json!({})).expect("open");
    assert_eq!(theirs["drafts"], json!([]));
    call(&f, "erase_my_drafts", json!({})).expect("erase own");

    login(&f, "staff01");
    let opened = call(&f, "open_drafts", json!({})).expect("open");
    assert_eq!(
        opened["drafts"].as_array().expect("drafts").len(),
        1,
        "still there"
    );
    call(&f, "erase_my_drafts", json!({})).expect("erase");
    let opened = call(&f, "open_drafts", json!({})).expect("open");
    assert_eq!(opened["drafts"], json!([]));
}

#[test]
fn the_first_administrator_password_file_goes_at_the_first_log_in() {
    let dir = tempfile::tempdir().expect("dir");
    let url = hoshu_desktop::db::sqlite_url(&dir.path().join("new.sqlite"));
    let data = dir.path().join("data");
    tauri::async_runtime::block_on(hoshu_desktop::db::open(&url, &data)).expect("first start");
    let file = hoshu_desktop::db::first_password_file(&data);
    let password = std::fs::read_to_string(&file).expect("the first password is written once");
    assert!(
        password.starts_with("Hd-") && password.len() == 27,
        "{password}"
    );
    let app = mock_builder()
        .invoke_handler(hoshu_desktop::desk_handler!())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let backend =
        tauri::async_runtime::block_on(hoshu_desktop::db::open(&url, &data)).expect("second start");
    let paths = DeskPaths {
        config_file: dir.path().join("config.json"),
        data_dir: data.clone(),
    };
    let terminal = Terminal {
        chooser: Arc::new(Dialogs::default()),
        drafts: DraftVault::open(paths.drafts_dir(), &TestKey),
    };
    app.manage(DeskState::new(backend, url, paths, terminal));
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("window");
    let f = Fixture {
        _dir: dir,
        _app: app,
        window,
        office: String::new(),
        dialogs: Arc::new(Dialogs::default()),
    };
    call(
        &f,
        "login",
        json!({"login": "admin", "password": "wrong-password-1"}),
    )
    .expect_err("wrong");
    assert!(file.exists(), "kept until someone logs in");
    call(&f, "login", json!({"login": "admin", "password": password})).expect("first log-in");
    assert!(!file.exists(), "removed at the first log-in");
}

#[test]
fn register_plan_and_contract_round_trip_with_field_errors_stale_versions_and_roles() {
    let f = fixture();
    login(&f, "contractor");
    let item = json!({
        "raised_on": "2026-11-20", "raised_by": "受託 太郎", "category": "improvement",
        "title": "", "content": "帳票の改ページ位置がずれる。", "priority": "high", "owner": "",
        "due": "2026-12-10", "status": "open", "progress": "", "completed_on": null,
        "meeting_id": null, "request_id": null
    });
    let err = call(&f, "add_register_item", json!({"item": item})).expect_err("empty title");
    assert_eq!(err["code"], "validation");
    assert_eq!(err["fields"][0]["field"], "title");
    let page = call(&f, "list_register", json!({"query": {}})).expect("list");
    assert_eq!(page["total"], 0);

    let mut item = item;
    item["title"] = json!("帳票の改ページ位置の見直し");
    let added = call(&f, "add_register_item", json!({"item": item})).expect("add");
    assert_eq!(added["no"], 1);
    let id = added["id"].clone();
    item["status"] = json!("in_progress");
    item["owner"] = json!("受託 太郎");
    let err = call(
        &f,
        "update_register_item",
        json!({"id": id, "expectedVersion": 7, "item": item}),
    )
    .expect_err("stale");
    assert_eq!(err["code"], "stale");
    let version = call(
        &f,
        "update_register_item",
        json!({"id": id, "expectedVersion": 1, "item": item}),
    )
    .expect("update");
    call(
        &f,
        "close_register_item",
        json!({"id": id, "expectedVersion": version, "completedOn": "2026-11-22", "progress": "改ページ位置を修正した。"}),
    )
    .expect("close");
    let closed = call(&f, "register_item", json!({"id": id})).expect("item");
    assert_eq!(closed["item"]["status"], "done");
    assert_eq!(closed["item"]["completed_on"], "2026-11-22");
    let done = call(
        &f,
        "list_register",
        json!({"query": {"statuses": ["done"], "text": "改ページ"}}),
    )
    .expect("list");
    assert_eq!(done["total"], 1);

    let plan = call(&f, "operation_plan", json!({})).expect("plan");
    assert_eq!(plan.as_array().expect("sections").len(), 9);
    assert_eq!(plan[0]["section"], "policy");
    assert_eq!(plan[0]["number"], 1);
    let v = call(
        &f,
        "save_plan_section",
        json!({"section": "monitoring", "currentVersion": 0, "content": "稼働時間中は常時監視する。"}),
    )
    .expect("save");
    assert_eq!(v, 1);
    let err = call(
        &f,
        "save_plan_section",
        json!({"section": "monitoring", "currentVersion": 0, "content": "別の本文"}),
    )
    .expect_err("stale");
    assert_eq!(err["code"], "stale");
    let history =
        call(&f, "plan_section_history", json!({"section": "monitoring"})).expect("history");
    assert_eq!(history[0]["version"], 1);

    let mut contract = call(&f, "contract_info", json!({})).expect("contract");
    let err = call(&f, "save_contract_info", json!({"info": contract})).expect_err("blank");
    assert_eq!(err["code"], "validation");
    assert!(
        err["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .any(|e| e["field"] == "contractor_name")
    );
    contract["contractor_name"] = json!("株式会社吉備情報システム");
    contract["contractor_responsible"] = json!("受託 太郎");
    call(&f, "save_contract_info", json!({"info": contract})).expect("save contract");

    login(&f, "chief");
    assert_eq!(
        call(&f, "contract_info", json!({})).expect("chief reads")["contractor_name"],
        "株式会社吉備情報システム"
    );
    let err = call(&f, "save_contract_info", json!({"info": contract})).expect_err("chief");
    assert_eq!(err["code"], "forbidden");
    let err = call(
        &f,
        "save_plan_section",
        json!({"section": "policy", "currentVersion": 0, "content": "基本方針"}),
    )
    .expect_err("chief");
    assert_eq!(err["code"], "forbidden");

    login(&f, "staff01");
    let err = call(&f, "list_register", json!({"query": {}})).expect_err("staff");
    assert_eq!(err["code"], "forbidden");
}

/// `hoshu serve` on the fixture's database, on a free loopback port; its base URL.
fn start_server(f: &Fixture) -> String {
    let url = hoshu_desktop::db::sqlite_url(&f._dir.path().join("t.sqlite"));
    let data_dir = f._dir.path().join("data");
    let (ready, bound) = std::sync::mpsc::channel();
    tauri::async_runtime::spawn(async move {
        let hoshu = hoshu_desktop::db::connect(&url, &data_dir)
            .await
            .expect("server opens the database");
        let config = hoshu_server::ServeConfig {
            listen: "127.0.0.1:0".parse().expect("address"),
            tls: None,
            limits: hoshu_server::Limits::default(),
        };
        hoshu_server::serve(hoshu, config, std::future::pending(), move |addr| {
            let _ = ready.send(addr);
        })
        .await
        .expect("server runs");
    });
    let addr = bound.recv().expect("server bound");
    format!("http://{addr}")
}

/// Every file under `dir`, with its bytes.
fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    out
}

#[test]
fn in_server_mode_the_terminal_keeps_no_credential_and_a_resent_write_lands_once() {
    let f = fixture();
    let server = start_server(&f);
    let config = json!({"kind": "server", "sqlite_path": "", "server_url": server});
    let ok = call(&f, "test_database", json!({"config": config})).expect("server answers");
    assert!(ok.as_str().expect("text").contains("接続できました"));
    call(
        &f,
        "save_database",
        json!({"config": config, "reconnect": true}),
    )
    .expect("saved");

    let session = login(&f, "staff01");
    assert_eq!(session["actor"]["login"], "staff01");
    let input = json!({"kind": "inquiry", "work_sub_kind": null, "office": f.office,
        "title": "サーバー経由の問い合わせ", "body": "本文"});
    let args = json!({"input": input, "idempotencyKey": "draft-0001"});
    let first = call(&f, "file_request", args.clone()).expect("filed");
    let again = call(&f, "file_request", args).expect("resent after a cut");
    assert_eq!(first, again, "the resend answers the first write");
    let page = call(
        &f,
        "list_requests",
        json!({"query": {"text": "サーバー経由の問い合わせ"}}),
    )
    .expect("list");
    assert_eq!(page["total"], 1, "filed exactly once");
    let saved = call(
        &f,
        "save_monthly_report",
        json!({"year": 2026, "month": 4, "format": "pdf"}),
    )
    .expect_err("staff may not render reports, on the server either");
    assert_eq!(saved["code"], "forbidden");

    // Nothing the terminal wrote holds a password, a token or a database address.
    let config_dir = f._dir.path().join("config");
    let data_dir = f._dir.path().join("data");
    let saved_choice = std::fs::read_to_string(config_dir.join("database.json")).expect("choice");
    assert!(saved_choice.contains(&server));
    for dir in [config_dir, data_dir] {
        if !dir.exists() {
            continue;
        }
        for (path, bytes) in files_under(&dir) {
            let text = String::from_utf8_lossy(&bytes);
            for secret in [PASSWORD, "postgres", "Bearer", "token"] {
                assert!(!text.contains(secret), "{} holds {secret}", path.display());
            }
        }
    }

    call(&f, "logout", json!({"idle": false})).expect("logout");
    let err = call(&f, "list_requests", json!({"query": {}})).expect_err("logged out");
    assert_eq!(err["code"], "auth_failed");
}

#[test]
fn a_saved_database_password_from_before_the_server_is_deleted_unread() {
    let f = fixture();
    let file = f._dir.path().join("config").join("database.json");
    std::fs::create_dir_all(file.parent().expect("dir")).expect("mkdir");
    std::fs::write(
        &file,
        r#"{"kind":"postgres","sqlite_path":"","postgres_url":"postgres://hoshu_owner:S3cret@db/hoshu?sslmode=require"}"#,
    )
    .expect("legacy file");
    let status = call(&f, "database_config", json!({})).expect("status");
    assert_eq!(status["kind"], "sqlite");
    assert_eq!(
        status["locked"],
        Value::Null,
        "set up again as on the first day"
    );
    assert!(!file.exists(), "the file with the password is gone");
}
