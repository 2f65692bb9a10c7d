//! `cargo xtask bench desktop [--release]`: start-up time and memory of the desktop app under
//! Xvfb on the demo database. Builds the UI and the app — in the debug profile every other
//! command uses, or with `--release` the installed build made by `cargo xtask bundle` (~20 min
//! on two cores) — starts the binary several times, waits for the line the window sends once
//! the log-in screen is painted, then reads the resident memory of the app and its WebKit
//! processes from /proc.

use std::collections::HashMap;
use std::io::{BufRead, BufReader};
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::cmd::{self, Result};
use crate::{apt, bundle, pg, setup};

/// `cargo xtask bench server`: 150 simulated terminals against the release `hoshu serve` on
/// PostgreSQL (crates/hoshu-server/benches/server.rs), with one server process and with two.
pub fn server() -> Result<()> {
    let url = setup::run(&[&apt::STORE])?.ok_or("PostgreSQL was not set up")?;
    cmd::run(cmd::cargo().args(["build", "--release", "-p", "hoshu-cli"]))?;
    let hoshu = Path::new("target/release/hoshu")
        .canonicalize()
        .map_err(|e| format!("target/release/hoshu: {e}"))?;
    cmd::run(
        cmd::cargo()
            .args(["bench", "-p", "hoshu-server", "--bench", "server"])
            .env(pg::URL_ENV, &url)
            .env("HOSHU_BENCH_HOSHU", hoshu),
    )
}

/// `cargo xtask bench search`: the knowledge search on 100,000 requests on SQLite and on
/// PostgreSQL, and a 500-row Redmine import (crates/hoshu-app/benches/search.rs).
pub fn search() -> Result<()> {
    let url = setup::run(&[&apt::STORE])?.ok_or("PostgreSQL was not set up")?;
    cmd::run(
        cmd::cargo()
            .args(["bench", "-p", "hoshu-app", "--bench", "search"])
            .env(pg::URL_ENV, &url),
    )
}

const RUNS: usize = 3;
const READY_LINE: &str = "hoshu-desktop: ready";
const READY_TIMEOUT: Duration = Duration::from_secs(60);
/// Memory is read this long after the screen is ready (initial allocations settle).
const SETTLE: Duration = Duration::from_secs(2);

struct Sample {
    ready: Duration,
    processes: Vec<ProcessMemory>,
}

/// One process's memory in kB. RSS counts every shared library page it touches (GTK and WebKit
/// in each process), PSS shares those out between the processes mapping them, USS (private
/// pages) is what quitting the process gives back.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
struct ProcessMemory {
    name: String,
    rss: u64,
    pss: u64,
    uss: u64,
}

/// Which build of the app the bench starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Debug,
    Release,
}

pub fn desktop(build: Build) -> Result<()> {
    setup::run(&[&apt::DESKTOP])?;
    let binary = match build {
        Build::Debug => {
            cmd::run(Command::new("npm").args(["run", "build"]).current_dir("ui"))?;
            cmd::run(cmd::cargo().args(["build", "-p", "hoshu-desktop"]))?;
            "target/debug/hoshu-desktop"
        }
        Build::Release => {
            bundle::deb()?;
            bundle::RELEASE_BINARY
        }
    };
    let app = Path::new(binary)
        .canonicalize()
        .map_err(|e| format!("{binary}: {e}"))?;
    let size = std::fs::metadata(&app).map(|m| m.len()).unwrap_or(0);

    let work = std::env::temp_dir().join(format!("hoshu-bench-{}", std::process::id()));
    std::fs::create_dir_all(&work).map_err(|e| format!("{}: {e}", work.display()))?;
    let result = measure(&app, &work);
    let _ = std::fs::remove_dir_all(&work);
    let samples = result?;

    println!();
    let profile = match build {
        Build::Debug => "debug",
        Build::Release => "release",
    };
    println!(
        "desktop bench ({profile} build, binary {:.1} MB, Xvfb 1280x800, SQLite demo database, {RUNS} starts)",
        mb(size / 1024)
    );
    if let Ok(v) = std::env::var("WEBKIT_DISABLE_COMPOSITING_MODE") {
        println!("  WEBKIT_DISABLE_COMPOSITING_MODE={v}");
    }
    for (i, s) in samples.iter().enumerate() {
        let total = totals(s);
        println!(
            "  start {}: log-in screen ready {:.2} s, RSS {:.0} MB (PSS {:.0} MB, USS {:.0} MB)",
            i + 1,
            s.ready.as_secs_f64(),
            mb(total.rss),
            mb(total.pss),
            mb(total.uss)
        );
    }
    let mut ready: Vec<f64> = samples.iter().map(|s| s.ready.as_secs_f64()).collect();
    ready.sort_by(f64::total_cmp);
    let last = samples.last().ok_or("no sample")?;
    println!("  processes at the last start:");
    for p in &last.processes {
        println!(
            "    {:<18} RSS {:>6.1} MB  PSS {:>6.1} MB  USS {:>6.1} MB",
            p.name,
            mb(p.rss),
            mb(p.pss),
            mb(p.uss)
        );
    }
    let total = totals(last);
    println!(
        "  median start-up {:.2} s (first start {:.2} s); app + WebKit RSS {:.0} MB, PSS {:.0} MB, USS {:.0} MB",
        ready[ready.len() / 2],
        samples[0].ready.as_secs_f64(),
        mb(total.rss),
        mb(total.pss),
        mb(total.uss)
    );
    println!(
        "  targets: ≤ 1.0 s, ≤ 150 MB (RSS counts shared libraries in every process, PSS shares them out, USS is private memory only)"
    );
    Ok(())
}

fn measure(app: &Path, work: &Path) -> Result<Vec<Sample>> {
    // Where the app keeps its own database for this (bench) user: a release build takes no
    // database from the environment.
    let data = work.join("data").join("jp.lg.hoshu-desk");
    std::fs::create_dir_all(&data).map_err(|e| format!("{}: {e}", data.display()))?;
    let db = data.join("hoshu.sqlite");
    let url = crate::database_url::sqlite_url(&db);
    println!("bench: demo database {}", db.display());
    cmd::output(cmd::cargo().args([
        "run",
        "-q",
        "-p",
        "hoshu-cli",
        "--bin",
        "hoshu",
        "--",
        "--db",
        &url,
        "demo",
    ]))?;
    (0..RUNS).map(|_| start_once(app, work)).collect()
}

fn start_once(app: &Path, work: &Path) -> Result<Sample> {
    let mut child = Command::new("xvfb-run")
        .args([
            "-a",
            "-s",
            "-screen 0 1280x800x24",
            "dbus-run-session",
            "--",
        ])
        .arg(app)
        .env("XDG_DATA_HOME", work.join("data"))
        .env("XDG_CONFIG_HOME", work.join("config"))
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .process_group(0)
        .spawn()
        .map_err(|e| format!("xvfb-run: {e}"))?;
    let started = Instant::now();
    let group = child.id();
    let stderr = child.stderr.take().ok_or("no stderr")?;
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr)
            .lines()
            .map_while(std::io::Result::ok)
        {
            if line.contains(READY_LINE) {
                let _ = tx.send(());
            }
        }
    });
    let ready = rx.recv_timeout(READY_TIMEOUT).map(|()| started.elapsed());
    let sample = ready
        .map_err(|_| format!("the window did not report ready within {READY_TIMEOUT:?}"))
        .map(|ready| {
            std::thread::sleep(SETTLE);
            Sample {
                ready,
                processes: memory_of(group),
            }
        });
    // Stop the whole group (xvfb-run, Xvfb, dbus, the app and WebKit): it is ours alone.
    let _ = Command::new("kill")
        .args(["-TERM", "--", &format!("-{group}")])
        .status();
    let _ = child.wait();
    sample
}

/// The app and WebKit processes among the descendants of `root`.
fn memory_of(root: u32) -> Vec<ProcessMemory> {
    let mut parent: HashMap<u32, u32> = HashMap::new();
    let mut name: HashMap<u32, String> = HashMap::new();
    for pid in std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| e.file_name().to_str()?.parse::<u32>().ok())
    {
        let Ok(stat) = std::fs::read_to_string(format!("/proc/{pid}/stat")) else {
            continue;
        };
        // pid (comm) state ppid …; comm may contain spaces, so split at the last ')'.
        let Some((head, tail)) = stat.rsplit_once(')') else {
            continue;
        };
        let comm = head
            .split_once('(')
            .map(|(_, c)| c)
            .unwrap_or("")
            .to_owned();
        if let Some(ppid) = tail.split_whitespace().nth(1).and_then(|p| p.parse().ok()) {
            parent.insert(pid, ppid);
            name.insert(pid, comm);
        }
    }
    let descends = |mut pid: u32| {
        for _ in 0..64 {
            match parent.get(&pid) {
                Some(&p) if p == root => return true,
                Some(&p) if p > 1 => pid = p,
                _ => return false,
            }
        }
        false
    };
    let mut out: Vec<ProcessMemory> = name
        .iter()
        .filter(|(pid, comm)| {
            (comm.starts_with("hoshu-desktop") || comm.starts_with("WebKit")) && descends(**pid)
        })
        .map(|(pid, comm)| {
            let rollup =
                std::fs::read_to_string(format!("/proc/{pid}/smaps_rollup")).unwrap_or_default();
            ProcessMemory {
                name: comm.clone(),
                rss: field_kb(&rollup, "Rss:"),
                pss: field_kb(&rollup, "Pss:"),
                uss: field_kb(&rollup, "Private_Clean:") + field_kb(&rollup, "Private_Dirty:"),
            }
        })
        .collect();
    out.sort();
    out
}

fn field_kb(text: &str, key: &str) -> u64 {
    text.lines()
        .find(|l| l.starts_with(key))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

fn totals(s: &Sample) -> ProcessMemory {
    s.processes
        .iter()
        .fold(ProcessMemory::default(), |t, p| ProcessMemory {
            name: t.name,
            rss: t.rss + p.rss,
            pss: t.pss + p.pss,
            uss: t.uss + p.uss,
        })
}

fn mb(kb: u64) -> f64 {
    kb as f64 / 1024.0
}
