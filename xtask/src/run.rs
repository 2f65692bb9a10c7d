//! `cargo xtask run`: the app on the embedded SQLite database with demo data.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result};
use crate::{apt, setup};

/// Saved output of the demo command (it prints the demo logins), so later
/// runs can show them again.
const LOGINS_FILE: &str = "demo-logins.txt";

pub fn run() -> Result<()> {
    setup::run(&[&apt::DESKTOP])?;
    let db = database_path()?;
    ensure_demo_database(&db)?;
    run_desktop(&db)
}

/// `$XDG_DATA_HOME/hoshu-desk/hoshu.sqlite`, or
/// `~/.local/share/hoshu-desk/hoshu.sqlite`.
fn database_path() -> Result<PathBuf> {
    let data_home = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".local/share")))
        .ok_or("neither XDG_DATA_HOME nor HOME is set; cannot place the database")?;
    Ok(data_home.join("hoshu-desk").join("hoshu.sqlite"))
}

/// `hoshu` through cargo (built in the same debug profile as everything else).
pub(crate) fn hoshu() -> Command {
    let mut cmd = cmd::cargo();
    cmd.args(["run", "-p", "hoshu-cli", "--bin", "hoshu", "--"]);
    cmd
}

/// Creates the demo database with `hoshu demo` unless it exists already, and
/// shows the demo logins.
fn ensure_demo_database(db: &Path) -> Result<()> {
    let dir = db.parent().ok_or("database path has no directory")?;
    let logins = dir.join(LOGINS_FILE);
    if db.exists() {
        println!("run: using the existing demo database {}", db.display());
        match std::fs::read_to_string(&logins) {
            Ok(text) => {
                println!("run: demo logins (from {}):", logins.display());
                print!("{text}");
            }
            Err(_) => println!(
                "run: the demo logins were not saved; delete {} to create the demo data afresh",
                db.display()
            ),
        }
        return Ok(());
    }

    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    println!("run: creating the demo database {}", db.display());
    let url = crate::database_url::sqlite_url(db);
    match cmd::run_echo(hoshu().args(["--db", url.as_str(), "demo"])) {
        Ok(out) => {
            if let Err(e) = save_private(&logins, &out) {
                println!(
                    "run: could not save the demo logins to {}: {e}",
                    logins.display()
                );
            }
            Ok(())
        }
        Err(e) => {
            // Leave no half-made database behind, or the next run would use it.
            for suffix in ["", "-wal", "-shm", "-journal"] {
                let mut path = db.as_os_str().to_owned();
                path.push(suffix);
                let _ = std::fs::remove_file(PathBuf::from(path));
            }
            Err(format!("creating the demo data failed: {e}"))
        }
    }
}

/// Writes a file only its owner can read.
fn save_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(text.as_bytes())
}

/// Starts the desktop app (crate `hoshu-desktop` in src-tauri/) on `db`.
/// Without src-tauri/ it shows how to use the database from the command line.
fn run_desktop(db: &Path) -> Result<()> {
    let url = crate::database_url::sqlite_url(db);
    if Path::new("src-tauri").is_dir() {
        // The window's pages are embedded at build time: build them first.
        cmd::run(Command::new("npm").args(["run", "build"]).current_dir("ui"))?;
        return cmd::run(
            cmd::cargo()
                .args(["run", "-p", "hoshu-desktop"])
                .env("HOSHU_DB", &url),
        );
    }
    println!();
    println!("デスクトップアプリはこのビルドにまだ含まれていません。");
    println!("The desktop app is not part of this build yet (no src-tauri/).");
    println!();
    println!("Demo database: {}", db.display());
    println!("Try it from the command line (password of the login in HOSHU_PASSWORD):");
    println!(
        "    HOSHU_PASSWORD=... cargo run -p hoshu-cli --bin hoshu -- --db '{url}' --user staff01 requests list"
    );
    println!(
        "    HOSHU_PASSWORD=... cargo run -p hoshu-cli --bin hoshu -- --db '{url}' --user staff01 requests list --format csv"
    );
    Ok(())
}
