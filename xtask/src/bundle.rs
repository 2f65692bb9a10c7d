//! `cargo xtask bundle`: the release app and its Debian package, built by the Tauri CLI of
//! `ui/node_modules` (the same version the front end is locked to) so that the binary is the
//! installed one: front end embedded, `custom-protocol` on, symbols stripped.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use crate::cmd::{self, Result};
use crate::{apt, setup};

pub const RELEASE_BINARY: &str = "target/release/hoshu-desktop";
const DEB_DIR: &str = "target/release/bundle/deb";

/// Builds the release app and the .deb; returns the package's path.
pub fn deb() -> Result<PathBuf> {
    setup::run(&[&apt::DESKTOP])?;
    let started = Instant::now();
    cmd::run(Command::new("ui/node_modules/.bin/tauri").args(["build", "--bundles", "deb"]))?;
    let package = newest_deb(Path::new(DEB_DIR))?;
    println!(
        "bundle: built in {}\n  app     {}\n  package {} ({:.1} MB)",
        cmd::fmt_duration(started.elapsed()),
        Path::new(RELEASE_BINARY).display(),
        package.display(),
        std::fs::metadata(&package).map(|m| m.len()).unwrap_or(0) as f64 / 1_048_576.0
    );
    Ok(package)
}

fn newest_deb(dir: &Path) -> Result<PathBuf> {
    std::fs::read_dir(dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "deb"))
        .max_by_key(|p| std::fs::metadata(p).and_then(|m| m.modified()).ok())
        .ok_or_else(|| format!("{}: the Tauri CLI made no .deb", dir.display()))
}
