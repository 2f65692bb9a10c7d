//! `cargo xtask bench server`: 150 simulated terminals on loopback against `hoshu serve`
//! (the release binary, a process of its own) on PostgreSQL with the demo data, a working
//! day's mix of calls, and every window's notification poll every 3 s, for a fixed time; then
//! the same load spread over two server processes on one database. Prints per operation:
//! count, p50, p95, p99, errors; and each server's resident memory (now and peak). Figures
//! only: nothing here passes or fails on time.
//!
//! Environment: HOSHU_TEST_PG_URL (a role that may create databases), HOSHU_BENCH_HOSHU (the
//! `hoshu` binary), HOSHU_BENCH_SECONDS (default 60), HOSHU_BENCH_TERMINALS (default 150).

use hoshu_app::Hoshu;
use hoshu_store::Backend;
use hoshu_store::testing::TestDatabase;
use rand::{Rng, SeedableRng};
use serde_json::{Value, json};
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PASSWORD: &str = hoshu_app::demo::DEMO_PASSWORD;
/// How often a window asks for its notifications.
const NOTIFICATION_POLL: Duration = Duration::from_secs(3);

#[derive(Default)]
struct Tally {
    latencies: BTreeMap<&'static str, Vec<Duration>>,
    errors: BTreeMap<&'static str, u64>,
}

type Shared = Arc<Mutex<Tally>>;

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(run());
}

async fn run() {
    let seconds = env_number("HOSHU_BENCH_SECONDS", 60);
    let terminals = env_number("HOSHU_BENCH_TERMINALS", 150) as usize;
    let binary = std::env::var("HOSHU_BENCH_HOSHU").expect("HOSHU_BENCH_HOSHU: the hoshu binary");

    let mut db = TestDatabase::new(Backend::Postgres).await;
    let started = Instant::now();
    let hoshu = Hoshu::open(&db.url, db.key()).await.expect("open");
    let today = hoshu_core::calendar::tokyo(chrono::Utc::now()).date_naive();
    hoshu.demo(2026, today).await.expect("demo data");
    // The servers log in as a runtime role with least privilege, as deployed.
    let (role, runtime_url) = db.create_login_role().await;
    hoshu.store().grant_runtime(&role).await.expect("grant");
    hoshu.store().close().await;
    let key_file = db.key_file();
    println!(
        "server bench: demo data on PostgreSQL in {:.1} s; {terminals} terminals, {seconds} s per run",
        started.elapsed().as_secs_f64()
    );

    for processes in [1usize, 2] {
        let servers: Vec<(Child, String)> = (0..processes)
            .map(|i| start_server(&binary, &runtime_url, &key_file, 47_600 + i as u16))
            .collect();
        let bases: Vec<String> = servers.iter().map(|(_, b)| b.clone()).collect();
        let tally = load(&bases, terminals, Duration::from_secs(seconds)).await;
        println!();
        println!("{processes} server process(es), PostgreSQL, loopback:");
        print_tally(&tally);
        for (child, base) in servers {
            let (rss, peak) = memory_kb(child.id());
            println!(
                "server {base}: RSS {:.1} MB, peak {:.1} MB",
                rss as f64 / 1024.0,
                peak as f64 / 1024.0
            );
            stop(child);
        }
    }
    db.remove().await;
}

fn start_server(binary: &str, url: &str, key_file: &std::path::Path, port: u16) -> (Child, String) {
    let child = Command::new(binary)
        .args([
            "--db",
            url,
            "serve",
            "--listen",
            &format!("127.0.0.1:{port}"),
        ])
        .arg("--audit-key-file")
        .arg(key_file)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("hoshu serve starts");
    let base = format!("http://127.0.0.1:{port}/api/v1");
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(
            Instant::now() < deadline,
            "hoshu serve did not open port {port}"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    (child, base)
}

fn stop(mut child: Child) {
    let _ = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

/// VmRSS and VmHWM of a process, in kB.
fn memory_kb(pid: u32) -> (u64, u64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse().ok())
            .unwrap_or(0)
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// Who sits at terminal `i`: mostly welfare-office staff, a few contractors, the chiefs.
fn account_of(i: usize) -> String {
    const OTHERS: [&str; 8] = [
        "chief",
        "chief02",
        "contractor",
        "contractor02",
        "contractor03",
        "contractor04",
        "contractor05",
        "contractor06",
    ];
    match OTHERS.get(i) {
        Some(login) => (*login).to_owned(),
        None => format!("staff{:02}", (i - OTHERS.len()) % 132 + 1),
    }
}

async fn load(bases: &[String], terminals: usize, length: Duration) -> Tally {
    let tally: Shared = Arc::new(Mutex::new(Tally::default()));
    let until = Instant::now() + length;
    let mut tasks = Vec::new();
    for i in 0..terminals {
        let base = bases[i % bases.len()].clone();
        let tally = tally.clone();
        tasks.push(tokio::spawn(async move {
            terminal(i, base, tally, until).await;
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    Arc::try_unwrap(tally)
        .ok()
        .expect("every terminal finished")
        .into_inner()
        .expect("tally")
}

struct Terminal {
    http: reqwest::Client,
    base: String,
    token: String,
    tally: Shared,
}

impl Terminal {
    async fn call(&self, op: &'static str, args: Value) -> Option<Value> {
        let started = Instant::now();
        let result = self
            .http
            .post(format!("{}/{op}", self.base))
            .bearer_auth(&self.token)
            .header("Idempotency-Key", idempotency_key())
            .json(&args)
            .send()
            .await;
        let elapsed = started.elapsed();
        let answer = match result {
            Ok(r) if r.status().is_success() => r.json::<Value>().await.ok(),
            _ => None,
        };
        let mut t = self.tally.lock().expect("tally");
        t.latencies.entry(op).or_default().push(elapsed);
        if answer.is_none() {
            *t.errors.entry(op).or_default() += 1;
        }
        answer
    }
}

fn idempotency_key() -> String {
    let n: u128 = rand::thread_rng().r#gen();
    format!("{n:032x}")
}

async fn terminal(i: usize, base: String, tally: Shared, until: Instant) {
    // People arrive over the first ten seconds rather than all in one millisecond.
    tokio::time::sleep(Duration::from_millis(i as u64 * 10_000 / 150)).await;
    let http = reqwest::Client::new();
    let login = account_of(i);
    let login = login.as_str();
    let started = Instant::now();
    let answer = http
        .post(format!("{base}/login"))
        .json(&json!({"login": login, "password": PASSWORD}))
        .send()
        .await;
    let token = match answer {
        Ok(r) if r.status().is_success() => r
            .json::<Value>()
            .await
            .ok()
            .and_then(|v| v["token"].as_str().map(str::to_owned)),
        _ => None,
    };
    {
        let mut t = tally.lock().expect("tally");
        t.latencies
            .entry("login")
            .or_default()
            .push(started.elapsed());
        if token.is_none() {
            *t.errors.entry("login").or_default() += 1;
        }
    }
    let Some(token) = token else { return };
    let me = Terminal {
        http,
        base,
        token,
        tally,
    };
    let mut rng = rand::rngs::StdRng::seed_from_u64(i as u64);
    let role = if login.starts_with("staff") {
        "staff"
    } else if login.starts_with("chief") {
        "chief"
    } else {
        "contractor"
    };
    let mut seen: Vec<i64> = Vec::new();
    // Every window polls its notifications every 3 s (ui/src/lib/notifications.ts), whatever
    // the person is doing; the first poll asks only where to start.
    let mut next_poll = Instant::now();
    let mut after = Value::Null;
    while Instant::now() < until {
        if Instant::now() >= next_poll {
            next_poll += NOTIFICATION_POLL;
            if let Some(poll) = me.call("poll_notifications", json!({"after": after})).await {
                after = poll["latest_id"].clone();
            }
        }
        // A person reads, then clicks: 0.5–1.5 s between calls.
        tokio::time::sleep(Duration::from_millis(rng.gen_range(500..1500))).await;
        let roll: u32 = rng.gen_range(0..100);
        match role {
            "staff" => match roll {
                0..30 => {
                    me.call("upcoming_outages", json!({"days": 14})).await;
                }
                30..60 => {
                    if let Some(page) = me.call("list_requests", json!({"query": {}})).await {
                        seen = ids(&page["items"]);
                    }
                }
                60..88 => {
                    if let Some(&id) = pick(&mut rng, &seen) {
                        me.call("request_detail", json!({"id": id})).await;
                    }
                }
                88..94 => {
                    let office = staff_office(login);
                    me.call(
                        "file_request",
                        json!({"input": {"kind": "inquiry", "work_sub_kind": null, "office": office,
                            "title": format!("負荷試験の問い合わせ {i}-{roll}"), "body": "帳票の出力について"}}),
                    )
                    .await;
                }
                _ => {
                    if let Some(&id) = pick(&mut rng, &seen) {
                        me.call(
                            "comment_on_request",
                            json!({"id": id, "body": "確認をお願いします。"}),
                        )
                        .await;
                    }
                }
            },
            "contractor" => match roll {
                0..40 => {
                    if let Some(queue) = me.call("answer_queue", json!({})).await {
                        seen = ids_of(&queue, "id");
                    }
                }
                40..75 => {
                    if let Some(&id) = pick(&mut rng, &seen) {
                        me.call("request_detail", json!({"id": id})).await;
                    }
                }
                75..88 => {
                    me.call("list_requests", json!({"query": {"open_only": true}}))
                        .await;
                }
                88..92 => {
                    propose_outage(&me, i, roll).await;
                }
                _ => {
                    if let Some(&id) = pick(&mut rng, &seen) {
                        me.call(
                            "comment_on_request",
                            json!({"id": id, "body": "調査中です。"}),
                        )
                        .await;
                    }
                }
            },
            _ => match roll {
                0..50 => {
                    me.call("list_changes", json!({"query": {}})).await;
                }
                50..80 => {
                    me.call("list_requests", json!({"query": {}})).await;
                }
                _ => {
                    approve_one(&me).await;
                }
            },
        }
    }
}

/// The contractor proposes a night outage two weeks ahead and submits it for approval.
async fn propose_outage(me: &Terminal, i: usize, roll: u32) {
    let start = chrono::Utc::now() + chrono::TimeDelta::days(14 + (i % 20) as i64);
    let proposal = json!({
        "kind": "planned_outage", "outage_reason": "security_patch", "release_kind": null,
        "title": format!("負荷試験の計画停止 {i}-{roll}"), "description": "OSのセキュリティパッチを適用する。",
        "window_start": start, "window_end": start + chrono::TimeDelta::hours(1),
        "affected_systems": "本番環境", "affected_offices": [], "impact": "停止中は利用不可",
        "rollback_plan": "スナップショットから復元", "test_verification": null, "instruction_ref": null
    });
    if let Some(id) = me
        .call("propose_change", json!({"proposal": proposal}))
        .await
    {
        me.call(
            "decide_change",
            json!({"id": id, "expectedVersion": 1, "step": "submit", "comment": ""}),
        )
        .await;
    }
}

/// The chief opens a submitted change and approves it (or finds none waiting).
async fn approve_one(me: &Terminal) {
    let Some(list) = me
        .call(
            "list_changes",
            json!({"query": {"statuses": ["submitted"]}}),
        )
        .await
    else {
        return;
    };
    let Some(change) = list.as_array().and_then(|l| l.first()) else {
        return;
    };
    let (Some(id), Some(version)) = (change["id"].as_i64(), change["version"].as_i64()) else {
        return;
    };
    me.call("change_detail", json!({"id": id})).await;
    me.call(
        "decide_change",
        json!({"id": id, "expectedVersion": version, "step": "approve", "comment": ""}),
    )
    .await;
}

fn staff_office(login: &str) -> &'static str {
    let n: usize = login.trim_start_matches("staff").parse().unwrap_or(1);
    [
        "kita_chuo",
        "kita_kita",
        "naka",
        "higashi",
        "minami_nishi",
        "minami_minami",
        "section",
    ][((n - 1) / 22).min(6)]
}

fn ids(items: &Value) -> Vec<i64> {
    ids_of(items, "id")
}

fn ids_of(items: &Value, key: &str) -> Vec<i64> {
    items
        .as_array()
        .map(|a| a.iter().filter_map(|v| v[key].as_i64()).collect())
        .unwrap_or_default()
}

fn pick<'a>(rng: &mut impl Rng, v: &'a [i64]) -> Option<&'a i64> {
    if v.is_empty() {
        None
    } else {
        v.get(rng.gen_range(0..v.len()))
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() as f64 - 1.0)).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn print_tally(tally: &Tally) {
    println!(
        "{:<20} {:>7} {:>9} {:>9} {:>9} {:>7}",
        "operation", "count", "p50 ms", "p95 ms", "p99 ms", "errors"
    );
    for (op, list) in &tally.latencies {
        let mut sorted = list.clone();
        sorted.sort();
        println!(
            "{:<20} {:>7} {:>9.1} {:>9.1} {:>9.1} {:>7}",
            op,
            sorted.len(),
            percentile(&sorted, 50.0),
            percentile(&sorted, 95.0),
            percentile(&sorted, 99.0),
            tally.errors.get(op).copied().unwrap_or(0)
        );
    }
}
