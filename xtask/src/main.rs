//! Project automation for Hoshu Desk.
//!
//! On a fresh Debian 12 machine (as root, Rust toolchain present):
//! `cargo xtask run` starts the app on SQLite with demo data, and
//! `cargo xtask test` runs every check. Both install what is missing first.

mod apt;
mod bench;
mod bundle;
mod cmd;
/// The store's database-URL helpers, compiled here from the same file: xtask has no
/// dependencies (it must run before anything is built), and the file uses only `std`.
#[path = "../../crates/hoshu-store/src/url.rs"]
#[allow(
    dead_code,
    reason = "xtask builds and masks URLs; it never reads a file back out of one"
)]
mod database_url;
mod npm;
mod pg;
mod run;
mod samples;
mod setup;
mod suite;

use std::path::Path;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <command>

commands:
  run                 install what the desktop app needs, create the demo database
                      (SQLite, in $XDG_DATA_HOME/hoshu-desk) if missing, and start the app
  test                install what the tests need (apt packages, npm ci, PostgreSQL) and run
                      every check: fmt, clippy, cargo test, UI unit tests, end-to-end tests
  bench [desktop]     run the benchmarks (cargo bench --workspace), the search and server
                      load benches, then the desktop start-up and memory bench under Xvfb
                      (debug build); with `desktop` only the latter
  bench search        the knowledge search on 100,000 requests (SQLite and PostgreSQL):
                      p50/p95/max per query length, equality with LIKE, index size,
                      and a 500-row Redmine import
  bench server        150 simulated terminals against the release `hoshu serve` on
                      PostgreSQL for 60 s, one server process and then two
  bench desktop --release
                      the desktop bench on the installed build (the release binary
                      of `bundle`; ~20 min to build on two cores)
  bundle              build the release app and its Linux package (.deb) with the Tauri
                      CLI and say where they went (the Windows installer is built on
                      Windows: see README)
  samples             render the document pages of README (docs/screenshots/) with
                      `hoshu` from a fresh demo database
  setup [GROUP...]    install only what is missing: apt package groups (store, documents,
                      desktop; all by default), npm ci in ui/, and with `store` a local
                      PostgreSQL cluster with the test role
  help                show this text

environment:
  HOSHU_TEST_PG_URL   PostgreSQL for the store tests; when set it is used unchanged (it
                      must be reachable), otherwise xtask starts a local cluster (as root)
  HOSHU_SKIP_APT=1    do not check or install Debian packages
  CI=true             plain (colourless) cargo output
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((command, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };

    // Everything runs from the workspace root, wherever cargo was called.
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    if let Err(e) = std::env::set_current_dir(root) {
        eprintln!("xtask: cannot enter {}: {e}", root.display());
        return ExitCode::FAILURE;
    }

    let result = match (command.as_str(), rest) {
        ("run", []) => run::run(),
        ("test", []) => suite::run(),
        ("bench", []) => bench()
            .and_then(|()| bench::search())
            .and_then(|()| bench::server())
            .and_then(|()| bench::desktop(bench::Build::Debug)),
        ("bench", [what]) if what == "desktop" => bench::desktop(bench::Build::Debug),
        ("bench", [what]) if what == "server" => bench::server(),
        ("bench", [what]) if what == "search" => bench::search(),
        ("bench", [what, release]) if what == "desktop" && release == "--release" => {
            bench::desktop(bench::Build::Release)
        }
        ("bundle", []) => bundle::deb().map(|_| ()),
        ("samples", []) => samples::samples(),
        ("setup", groups) => setup::command(groups),
        ("help" | "-h" | "--help", _) => {
            print!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("xtask: unknown command: {}\n", args.join(" "));
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            cmd::flush();
            eprintln!("\nxtask {command}: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo bench --workspace`, but for the server's load bench and the search bench, which
/// need their own set-up ([`bench::server`], [`bench::search`]).
fn bench() -> cmd::Result<()> {
    cmd::run(cmd::cargo().args([
        "bench",
        "--workspace",
        "--exclude",
        "hoshu-server",
        "--exclude",
        "hoshu-app",
    ]))
}
