//! Node packages for the front end (`ui/`) and anything else with a
//! package.json, installed with `npm ci` from the committed lock file.

use std::path::Path;
use std::process::Command;
use std::time::SystemTime;

use crate::cmd::{self, Result};

/// Runs `npm ci` in `dir` when it has a package.json and its node_modules is
/// missing or older than package-lock.json. Returns whether `dir` is an npm
/// package at all.
pub fn ci_if_needed(dir: &Path) -> Result<bool> {
    if !dir.join("package.json").is_file() {
        println!(
            "npm: {}/package.json not present; nothing to install",
            dir.display()
        );
        return Ok(false);
    }
    let lock = dir.join("package-lock.json");
    if !lock.is_file() {
        return Err(format!(
            "npm: {} has no package-lock.json; run `npm install` there and commit the lock file",
            dir.display()
        ));
    }
    require_npm()?;

    let modules = dir.join("node_modules");
    // npm writes node_modules/.package-lock.json on every install.
    let installed = modified(&modules.join(".package-lock.json")).or_else(|| modified(&modules));
    let up_to_date = match (installed, modified(&lock)) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if up_to_date {
        println!("npm: {} is up to date", modules.display());
        return Ok(true);
    }
    let ci = cmd::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(dir),
    );
    if let Err(e) = ci {
        // The registry reachable here serves only this platform's builds of packages such as
        // @tauri-apps/cli and rollup, so the lock file cannot list the other platforms'
        // optional packages and `npm ci` calls it out of sync. `npm install` resolves the same
        // locked versions and leaves the committed files untouched with --no-save.
        println!("npm: `npm ci` failed ({e}); installing the locked versions with npm install");
        cmd::run(
            Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--no-save"])
                .current_dir(dir),
        )?;
    }
    Ok(true)
}

/// Whether `dir/package.json` defines a script called `name`.
pub fn has_script(dir: &Path, name: &str) -> Result<bool> {
    if !dir.join("package.json").is_file() {
        return Ok(false);
    }
    let check = format!(
        "const s = require('./package.json').scripts || {{}}; \
         process.exit(typeof s[{name:?}] === 'string' ? 0 : 3)"
    );
    let status = Command::new("node")
        .args(["-e", check.as_str()])
        .current_dir(dir)
        .status()
        .map_err(|e| {
            format!(
                "npm: cannot run node to read {}/package.json: {e}",
                dir.display()
            )
        })?;
    match status.code() {
        Some(0) => Ok(true),
        Some(3) => Ok(false),
        _ => Err(format!(
            "npm: cannot read {}/package.json ({status})",
            dir.display()
        )),
    }
}

/// `npm test` in `dir`.
pub fn test(dir: &Path) -> Result<()> {
    require_npm()?;
    cmd::run(Command::new("npm").arg("test").current_dir(dir))
}

fn require_npm() -> Result<()> {
    if cmd::which("npm").is_some() && cmd::which("node").is_some() {
        Ok(())
    } else {
        Err("npm: node and npm are needed for the front end but are not on PATH".to_owned())
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    path.metadata().and_then(|m| m.modified()).ok()
}
