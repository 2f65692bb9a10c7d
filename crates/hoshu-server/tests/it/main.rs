//! `hoshu serve` through real HTTP on loopback, on SQLite and on PostgreSQL: the log-in and
//! session contract, a tampered client that calls what its window would never offer, replays
//! of writes after a network cut, two server processes on one database, and the same answers
//! in-process and over HTTP.

use chrono::{DateTime, TimeDelta, TimeZone, Utc};
use hoshu_app::{Hoshu, ManualClock, Session};
use hoshu_core::Role;
use hoshu_core::change::{ChangeKind, ChangeProposal, OutageReason};
use hoshu_core::request::{NewRequest, RequestKind};
use hoshu_server::{Limits, ServeConfig};
use hoshu_store::testing::TestDatabase;
use hoshu_store::{Backend, Store};
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::net::SocketAddr;
use std::sync::Arc;

const PASSWORD: &str = "correct-horse-1";
const ADMIN_PASSWORD: &str = "kanri-pass-2026";

fn start() -> DateTime<Utc> {
    hoshu_core::calendar::TOKYO
        .with_ymd_and_hms(2026, 4, 10, 9, 30, 0)
        .unwrap()
        .with_timezone(&Utc)
}

/// One running server over a fresh database with an administrator and one account per role.
struct Site {
    db: Option<TestDatabase>,
    hoshu: Hoshu,
    clock: Arc<ManualClock>,
    base: String,
    http: reqwest::Client,
    stop: Vec<Stop>,
    servers: Vec<tokio::task::JoinHandle<()>>,
}

type Stop = tokio::sync::oneshot::Sender<()>;

/// `hoshu serve` with `config` in this process, on a free loopback port: where it listens, the
/// switch that stops it, and its task.
async fn launch(
    hoshu: Hoshu,
    config: ServeConfig,
) -> (SocketAddr, Stop, tokio::task::JoinHandle<()>) {
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let (ready, bound) = tokio::sync::oneshot::channel::<SocketAddr>();
    let server = tokio::spawn(async move {
        hoshu_server::serve(
            hoshu,
            config,
            async {
                let _ = stopped.await;
            },
            move |addr| {
                let _ = ready.send(addr);
            },
        )
        .await
        .expect("server runs");
    });
    let addr = bound.await.expect("server bound");
    (addr, stop, server)
}

/// A plain-HTTP server on loopback with `limits`; its API base URL.
async fn start_server(hoshu: Hoshu, limits: Limits) -> (String, Stop, tokio::task::JoinHandle<()>) {
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        tls: None,
        limits,
    };
    let (addr, stop, server) = launch(hoshu, config).await;
    (format!("http://{addr}/api/v1"), stop, server)
}

impl Site {
    async fn new(backend: Backend) -> Site {
        Site::with_limits(backend, Limits::default()).await
    }

    async fn with_limits(backend: Backend, limits: Limits) -> Site {
        // The server logs an internal error with its cause; a failing test shows that log.
        let _ = tracing_subscriber::fmt()
            .with_test_writer()
            .with_env_filter("warn")
            .try_init();
        let db = TestDatabase::new(backend).await;
        let clock = Arc::new(ManualClock::new(start()));
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
        let (base, stop, server) = start_server(hoshu.clone(), limits).await;
        Site {
            db: Some(db),
            hoshu,
            clock,
            base,
            http: reqwest::Client::new(),
            stop: vec![stop],
            servers: vec![server],
        }
    }

    /// A second server process's worth on the same PostgreSQL database, logged in as a
    /// runtime role with least privilege (no DDL, no rewriting of the audit log).
    async fn second_server(&mut self) -> String {
        let db = self.db.as_mut().unwrap();
        let (role, url) = db.create_login_role().await;
        self.hoshu
            .store()
            .grant_runtime(&role)
            .await
            .expect("grant");
        let store = Store::connect_runtime(&url, db.key())
            .await
            .expect("runtime connection");
        let hoshu = Hoshu::new(store, self.clock.clone());
        let (base, stop, server) = start_server(hoshu, Limits::default()).await;
        self.stop.push(stop);
        self.servers.push(server);
        base
    }

    async fn post_to(
        &self,
        base: &str,
        path: &str,
        token: Option<&str>,
        body: Value,
    ) -> (StatusCode, Value) {
        let mut request = self.http.post(format!("{base}/{path}")).json(&body);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let response = request.send().await.expect("request sent");
        let status = response.status();
        let text = response.text().await.expect("body read");
        let value = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap_or(Value::String(text))
        };
        (status, value)
    }

    async fn post(&self, path: &str, token: Option<&str>, body: Value) -> (StatusCode, Value) {
        self.post_to(&self.base, path, token, body).await
    }

    async fn login(&self, login: &str) -> String {
        let password = if login == "admin" {
            ADMIN_PASSWORD
        } else {
            PASSWORD
        };
        let (status, body) = self
            .post("login", None, json!({"login": login, "password": password}))
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        body["token"].as_str().expect("token").to_owned()
    }

    async fn session(&self, login: &str) -> Session {
        let password = if login == "admin" {
            ADMIN_PASSWORD
        } else {
            PASSWORD
        };
        self.hoshu.login(login, password).await.unwrap()
    }

    async fn finish(mut self) {
        for stop in self.stop.drain(..) {
            let _ = stop.send(());
        }
        for server in self.servers.drain(..) {
            server.await.expect("server stopped cleanly");
        }
        self.hoshu.store().close().await;
        if let Some(db) = self.db.take() {
            db.remove().await;
        }
    }
}

fn new_request(office: &str, title: &str) -> Value {
    serde_json::to_value(NewRequest {
        kind: RequestKind::Inquiry,
        work_sub_kind: None,
        office: office.into(),
        title: title.into(),
        body: "受給者番号 0000123 の医療券の扱いについて".into(),
        details: Default::default(),
    })
    .unwrap()
}

fn outage() -> Value {
    let from = start() + TimeDelta::days(10);
    serde_json::to_value(ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::SecurityPatch),
        release_kind: None,
        title: "セキュリティパッチ適用".into(),
        description: "OSのセキュリティパッチを適用する。".into(),
        window_start: from,
        window_end: from + TimeDelta::hours(2),
        affected_systems: "本番環境".into(),
        affected_offices: vec![],
        impact: "停止中は利用不可".into(),
        rollback_plan: "スナップショットから復元".into(),
        test_verification: None,
        instruction_ref: None,
    })
    .unwrap()
}

/// `both!(name, |site| body)`: one test on SQLite and on PostgreSQL.
macro_rules! both {
    ($name:ident, |$site:ident| $body:expr) => {
        hoshu_store::both_backends!($name, |backend| async {
            let $site = Site::new(backend).await;
            $body;
        });
    };
}

both!(log_in_and_out, |site| {
    let (status, body) = site.post("health", None, json!({})).await;
    assert_eq!(
        status,
        StatusCode::METHOD_NOT_ALLOWED,
        "health is a GET: {body}"
    );
    let health = site
        .http
        .get(format!("{}/health", site.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), StatusCode::OK);

    // Unknown, wrong: the same answer.
    let (s1, b1) = site
        .post("login", None, json!({"login": "nobody", "password": "x"}))
        .await;
    let (s2, b2) = site
        .post(
            "login",
            None,
            json!({"login": "staff01", "password": "wrong"}),
        )
        .await;
    assert_eq!(
        (s1, s2),
        (StatusCode::UNAUTHORIZED, StatusCode::UNAUTHORIZED)
    );
    assert_eq!(b1["message"], b2["message"]);
    assert_eq!(b1["code"], "auth_failed");

    let token = site.login("staff01").await;
    let (status, me) = site.post("session", Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(me["actor"]["login"], "staff01");

    let (status, _) = site.post("logout", Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, body) = site.post("offices", Some(&token), json!({})).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "a logged-out token is dead: {body}"
    );
    assert_eq!(body["code"], "auth_failed");

    // A session idle past the set minutes (15) ends on the server, whatever the window does.
    let token = site.login("staff01").await;
    site.clock.advance(TimeDelta::minutes(14));
    assert_eq!(
        site.post("offices", Some(&token), json!({})).await.0,
        StatusCode::OK
    );
    site.clock.advance(TimeDelta::minutes(15));
    let (status, body) = site.post("offices", Some(&token), json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert!(
        body["message"]
            .as_str()
            .unwrap()
            .contains("一定時間操作がなかった"),
        "{body}"
    );
    site.finish().await;
});

both!(
    a_tampered_staff_client_is_refused_and_nothing_is_written,
    |site| {
        let staff = site.login("staff01").await;
        let other_office = site.login("staff45").await;
        let (status, id) = site
            .post(
                "file_request",
                Some(&staff),
                json!({"input": new_request("kita_chuo", "医療券の再発行")}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{id}");
        let id = id.as_i64().unwrap();
        let (status, _) = site
            .post(
                "attach_to_request",
                Some(&staff),
                json!({"id": id, "fileName": "メモ.txt", "bytes": "5YaF5a65"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        // A client that skips the window's checks still cannot attach a program, whatever
        // it is called: the allow-list and the content check are the server's.
        for name in ["setup.exe", "見積書.pdf", "請求書\u{202E}fdp.exe"] {
            let (status, refused) = site
                .post(
                    "attach_to_request",
                    Some(&staff),
                    json!({"id": id, "fileName": name, "bytes": "TVqQAAMAAAAEAAAA"}),
                )
                .await;
            assert_eq!(
                status,
                StatusCode::UNPROCESSABLE_ENTITY,
                "{name}: {refused}"
            );
            assert!(
                refused["fields"][0]["message"].as_str().is_some(),
                "{refused}"
            );
        }
        let (_, detail) = site
            .post("request_detail", Some(&staff), json!({"id": id}))
            .await;
        let attachment_id = detail["attachments"][0]["id"]
            .as_i64()
            .expect("attachment listed");
        let comments_before = detail["comments"].as_array().map(Vec::len);

        // Another office: detail, list filter, attachment, comment.
        for (op, args) in [
            ("request_detail", json!({"id": id})),
            ("list_requests", json!({"query": {"office": "kita_chuo"}})),
            ("attachment", json!({"attachmentId": attachment_id})),
            (
                "comment_on_request",
                json!({"id": id, "body": "横から失礼します"}),
            ),
        ] {
            let (status, body) = site.post(op, Some(&other_office), args).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{op}: {body}");
            assert_eq!(body["code"], "forbidden", "{op}");
            assert!(!body["message"].as_str().unwrap().is_empty());
        }
        // Their own list holds only their office.
        let (_, page) = site
            .post("list_requests", Some(&other_office), json!({"query": {}}))
            .await;
        assert_eq!(page["total"], 0, "{page}");

        // Approving or rejecting a change is the chief's.
        let contractor = site.login("contractor").await;
        let (_, change) = site
            .post(
                "propose_change",
                Some(&contractor),
                json!({"proposal": outage()}),
            )
            .await;
        let change = change.as_i64().expect("change id");
        let (status, v) = site
            .post(
                "decide_change",
                Some(&contractor),
                json!({"id": change, "expectedVersion": 1, "step": "submit", "comment": ""}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{v}");
        for step in ["approve", "reject"] {
            let (status, body) = site
                .post(
                    "decide_change",
                    Some(&staff),
                    json!({"id": change, "expectedVersion": v, "step": step, "comment": "承認"}),
                )
                .await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{step}: {body}");
        }

        // The audit log, accounts and sessions are not staff business; nor is request content
        // the administrator's.
        for op in ["accounts", "open_sessions", "verify_audit"] {
            let (status, body) = site.post(op, Some(&staff), json!({})).await;
            assert_eq!(status, StatusCode::FORBIDDEN, "{op}: {body}");
        }
        let admin = site.login("admin").await;
        let (status, body) = site
            .post("request_detail", Some(&admin), json!({"id": id}))
            .await;
        assert_eq!(
            status,
            StatusCode::FORBIDDEN,
            "administrator reading a request: {body}"
        );

        // Forged or missing tokens; unknown operations; bad arguments.
        let (status, _) = site
            .post("request_detail", Some(&"0".repeat(64)), json!({"id": id}))
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = site.post("request_detail", None, json!({"id": id})).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);
        let (status, _) = site.post("drop_database", Some(&staff), json!({})).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        let (status, body) = site
            .post("request_detail", Some(&staff), json!({"id": "12; DROP"}))
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        assert_eq!(body["code"], "validation");

        // Nothing was written by any refused call.
        let session = site.session("contractor").await;
        let detail = site.hoshu.request_detail(&session, id).await.unwrap();
        assert_eq!(Some(detail.comments.len()), comments_before);
        let change_now = site.hoshu.change_detail(&session, change).await.unwrap();
        assert_eq!(
            change_now.change.version,
            v.as_i64().unwrap(),
            "the change is still submitted"
        );
        site.finish().await;
    }
);

both!(a_write_replayed_after_a_network_cut_happens_once, |site| {
    let staff = site.login("staff01").await;
    let send = || {
        site.http
            .post(format!("{}/file_request", site.base))
            .bearer_auth(&staff)
            .header("Idempotency-Key", "draft-7f3c2a9e-0001")
            .json(&json!({"input": new_request("kita_chuo", "再送信される依頼")}))
            .send()
    };
    let first = send().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    let again = send().await.unwrap();
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "a replay answers like the first write"
    );
    let again: Value = again.json().await.unwrap();
    assert_eq!(first, again);
    let (_, page) = site
        .post(
            "list_requests",
            Some(&staff),
            json!({"query": {"text": "再送信される依頼"}}),
        )
        .await;
    assert_eq!(page["total"], 1, "filed exactly once: {page}");
    // The audit entry of the write names the terminal it came from.
    let mut tx = site.hoshu.store().begin_read().await.unwrap();
    let filed = tx
        .audit_entries(0, 100_000)
        .await
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "request.file")
        .collect::<Vec<_>>();
    tx.rollback().await.unwrap();
    assert_eq!(filed.len(), 1);
    assert!(
        filed[0].summary.ends_with("（端末 127.0.0.1）"),
        "{}",
        filed[0].summary
    );

    // The same key for another operation is a client bug, refused.
    let (status, _) = {
        let r = site
            .http
            .post(format!("{}/comment_on_request", site.base))
            .bearer_auth(&staff)
            .header("Idempotency-Key", "draft-7f3c2a9e-0001")
            .json(&json!({"id": first, "body": "追記"}))
            .send()
            .await
            .unwrap();
        (r.status(), ())
    };
    assert_eq!(status, StatusCode::CONFLICT);
    site.finish().await;
});

both!(an_oversized_body_and_a_guessing_burst_are_stopped, |site| {
    let staff = site.login("staff01").await;
    // A body over the limit is refused before it is read. The limit is made small here so the
    // whole body is on its way before the answer comes (a 16 MiB one may still be being sent
    // when the server answers and closes, which the client sees as a reset).
    assert_eq!(Limits::default().max_body_bytes, 16 * 1024 * 1024);
    let small = Limits {
        max_body_bytes: 4 * 1024,
        ..Limits::default()
    };
    let (strict, stop, server) = start_server(site.hoshu.clone(), small).await;
    let big = "A".repeat(16 * 1024);
    let (status, _) = site
        .post_to(
            &strict,
            "attach_to_request",
            Some(&staff),
            json!({"id": 1, "fileName": "a.txt", "bytes": big}),
        )
        .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    let _ = stop.send(());
    server.await.expect("stopped");

    let mut statuses = Vec::new();
    let mut answers = Vec::new();
    for _ in 0..8 {
        let (status, answer) = site
            .post(
                "login",
                None,
                json!({"login": "chief", "password": "guess"}),
            )
            .await;
        statuses.push(status);
        answers.push(answer);
    }
    assert!(
        statuses[..5].iter().all(|s| *s == StatusCode::UNAUTHORIZED),
        "{statuses:?} {answers:?}"
    );
    assert!(
        statuses[5..].contains(&StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    site.finish().await;
});

both!(the_same_answers_in_process_and_over_http, |site| {
    let staff = site.session("staff01").await;
    site.hoshu
        .file_request(
            &staff,
            serde_json::from_value(new_request("kita_chuo", "比較用の依頼")).unwrap(),
        )
        .await
        .unwrap();
    for login in ["staff01", "chief", "contractor"] {
        let session = site.session(login).await;
        let token = site.login(login).await;
        for (op, args) in [
            ("list_requests", json!({"query": {}})),
            ("offices", json!({})),
            ("settings", json!({})),
            ("upcoming_outages", json!({"days": 30})),
            ("list_changes", json!({"query": {}})),
            ("answer_queue", json!({})),
            ("sla_status", json!({})),
            ("list_register", json!({"query": {}})),
            ("list_meetings", json!({"query": {}})),
            ("operation_plan", json!({})),
        ] {
            let local = hoshu_api::dispatch(&site.hoshu, &session, op, args.clone())
                .await
                .expect("operation exists");
            let (status, remote) = site.post(op, Some(&token), args).await;
            match local {
                Ok(local) => {
                    assert_eq!(status, StatusCode::OK, "{login} {op}: {remote}");
                    assert_eq!(local, remote, "{login} {op}");
                }
                Err(e) => {
                    assert_eq!(
                        status.as_u16(),
                        hoshu_api::status_of(e.code),
                        "{login} {op}"
                    );
                    assert_eq!(remote["message"], e.message, "{login} {op}");
                }
            }
        }
    }
    site.finish().await;
});

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_servers_on_one_postgresql_serve_the_same_sessions() {
    let mut site = Site::new(Backend::Postgres).await;
    let other = site.second_server().await;
    let token = site.login("staff01").await;
    let (status, id) = site
        .post_to(
            &other,
            "file_request",
            Some(&token),
            json!({"input": new_request("kita_chuo", "二台目で起票")}),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{id}");
    let (status, detail) = site
        .post("request_detail", Some(&token), json!({"id": id}))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(detail["request"]["title"], "二台目で起票");
    let (status, _) = site
        .post_to(&other, "logout", Some(&token), json!({}))
        .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let (status, _) = site.post("offices", Some(&token), json!({})).await;
    assert_eq!(
        status,
        StatusCode::UNAUTHORIZED,
        "log-out on one server ends it on both"
    );
    site.finish().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_administrator_sees_and_ends_sessions_by_terminal() {
    let site = Site::new(Backend::Sqlite).await;
    let staff = site.login("staff01").await;
    let admin = site.login("admin").await;
    let (status, sessions) = site.post("open_sessions", Some(&admin), json!({})).await;
    assert_eq!(status, StatusCode::OK, "{sessions}");
    let staff_session = sessions
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["login"] == "staff01")
        .expect("staff01 listed")
        .clone();
    assert_eq!(staff_session["client_addr"], "127.0.0.1");
    let (status, _) = site
        .post(
            "end_session",
            Some(&admin),
            json!({"sessionId": staff_session["id"]}),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let (status, _) = site.post("offices", Some(&staff), json!({})).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    site.finish().await;
}

#[tokio::test]
async fn plain_http_is_refused_off_loopback() {
    let db = TestDatabase::new(Backend::Sqlite).await;
    let hoshu = Hoshu::open(&db.url, db.key()).await.unwrap();
    let config = ServeConfig {
        listen: "0.0.0.0:0".parse().unwrap(),
        tls: None,
        limits: Limits::default(),
    };
    let err = hoshu_server::serve(hoshu, config, std::future::pending(), |_| {})
        .await
        .unwrap_err();
    assert!(err.to_string().contains("--tls-cert"), "{err}");
}

both!(
    a_password_set_by_the_administrator_must_be_changed_first,
    |site| {
        let admin = site.login("admin").await;
        let (_, accounts) = site.post("accounts", Some(&admin), json!({})).await;
        let staff = accounts
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["login"] == "staff01")
            .unwrap()
            .clone();
        let (status, body) = site
            .post(
                "reset_password",
                Some(&admin),
                json!({"id": staff["id"], "expectedVersion": staff["version"], "password": "chosen-by-admin-1"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        // The server makes the password; whatever the caller sends is not it.
        let one_time = body["one_time_password"].as_str().unwrap().to_owned();
        assert_eq!(one_time.len(), 14, "{one_time}");
        let (status, _) = site
            .post(
                "login",
                None,
                json!({"login": "staff01", "password": "chosen-by-admin-1"}),
            )
            .await;
        assert_eq!(status, StatusCode::UNAUTHORIZED);

        let (status, session) = site
            .post(
                "login",
                None,
                json!({"login": "staff01", "password": one_time}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(session["must_change_password"], true);
        let token = session["token"].as_str().unwrap().to_owned();
        let (status, body) = site
            .post("list_requests", Some(&token), json!({"query": {}}))
            .await;
        assert_eq!(status, StatusCode::FORBIDDEN);
        assert_eq!(body["code"], "password_change_required");

        let (status, body) = site
            .post(
                "change_password",
                Some(&token),
                json!({"currentPassword": "wrong-one-123", "newPassword": one_time}),
            )
            .await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let fields: Vec<&str> = body["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["field"].as_str().unwrap())
            .collect();
        assert_eq!(fields, ["current_password", "new_password"], "{body}");

        let (status, body) = site
            .post(
                "change_password",
                Some(&token),
                json!({"currentPassword": one_time, "newPassword": "jibun-dake-2026"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = site
            .post("list_requests", Some(&token), json!({"query": {}}))
            .await;
        assert_eq!(
            status,
            StatusCode::OK,
            "the same session works once the password is the user's"
        );
        let (status, session) = site
            .post(
                "login",
                None,
                json!({"login": "staff01", "password": "jibun-dake-2026"}),
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(session["must_change_password"], false);
        site.finish().await;
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_the_operators_certificate_and_nothing_in_plain_text() {
    let dir = tempfile::tempdir().expect("temp dir");
    let issued = rcgen::generate_simple_self_signed(vec!["localhost".into()]).expect("certificate");
    let (cert, key) = (dir.path().join("server.crt"), dir.path().join("server.key"));
    std::fs::write(&cert, issued.cert.pem()).expect("cert file");
    std::fs::write(&key, issued.key_pair.serialize_pem()).expect("key file");
    let db = TestDatabase::new(Backend::Sqlite).await;
    let hoshu = Hoshu::open(&db.url, db.key()).await.expect("open");
    let config = ServeConfig {
        listen: "127.0.0.1:0".parse().unwrap(),
        tls: Some((cert, key)),
        limits: Limits::default(),
    };
    let (addr, stop, server) = launch(hoshu, config).await;
    let port = addr.port();

    let root = reqwest::Certificate::from_pem(issued.cert.pem().as_bytes()).expect("root");
    let trusting = reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .add_root_certificate(root)
        .build()
        .expect("client");
    let health = trusting
        .get(format!("https://localhost:{port}/api/v1/health"))
        .send()
        .await
        .expect("TLS with the trusted certificate");
    assert_eq!(health.status(), StatusCode::OK);

    let stranger = reqwest::Client::builder()
        .tls_built_in_root_certs(false)
        .build()
        .expect("client");
    assert!(
        stranger
            .get(format!("https://localhost:{port}/api/v1/health"))
            .send()
            .await
            .is_err(),
        "a certificate nobody trusts is refused"
    );
    assert!(
        reqwest::get(format!("http://127.0.0.1:{port}/api/v1/health"))
            .await
            .map(|r| !r.status().is_success())
            .unwrap_or(true),
        "no answer in plain text"
    );
    let _ = stop.send(());
    server.await.expect("stopped cleanly");
}
