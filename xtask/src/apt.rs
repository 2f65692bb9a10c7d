//! Debian packages the project needs, in named groups, and installing the
//! missing ones.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::cmd::{self, Result};

/// A named list of Debian 12 packages needed for one purpose.
#[derive(Debug)]
pub struct Group {
    pub name: &'static str,
    pub purpose: &'static str,
    pub packages: &'static [&'static str],
}

/// PostgreSQL server and client for the store's conformance tests.
pub const STORE: Group = Group {
    name: "store",
    purpose: "PostgreSQL for the store tests",
    packages: &["postgresql-15", "postgresql-client"],
};

/// Checkers and fonts for the A4 documents and the delivery disc image.
pub const DOCUMENTS: Group = Group {
    name: "documents",
    purpose: "PDF/ISO checkers and Japanese fonts for documents",
    packages: &[
        "poppler-utils",
        "qpdf",
        "genisoimage",
        "xorriso",
        "fonts-morisawa-bizud-gothic",
        "fonts-morisawa-bizud-mincho",
        // The sRGB profile every PDF declares as its PDF/A output intent.
        "icc-profiles-free",
        // Apache PDFBox's PDF/A-1b preflight validator, the two Java EE APIs it still needs
        // on Java 11 and later, and a Java runtime to run it.
        "libpdfbox2-java",
        "libactivation-java",
        "libjaxb-api-java",
        "default-jre-headless",
    ],
};

/// Building the Tauri desktop app and driving it in end-to-end tests.
pub const DESKTOP: Group = Group {
    name: "desktop",
    purpose: "Tauri desktop build and end-to-end tests",
    packages: &[
        "build-essential",
        "pkg-config",
        "file",
        "libwebkit2gtk-4.1-dev",
        "libssl-dev",
        "libgtk-3-dev",
        "librsvg2-dev",
        "libayatana-appindicator3-dev",
        "libxdo-dev",
        "xvfb",
        "xauth",
        "webkit2gtk-driver",
        "dbus-x11",
        "imagemagick",
        // The end-to-end tests hold the database's write lock with it to cut the app off.
        "sqlite3",
    ],
};

/// A real SMTP server for the tests of incident reports sent by mail: aiosmtpd on loopback,
/// started by the test, keeps what it accepted in a Maildir (Debian's package, so no pip).
pub const MAIL: Group = Group {
    name: "mail",
    purpose: "SMTP server (aiosmtpd) for the mail tests",
    packages: &["python3-aiosmtpd"],
};

/// Every group, in the order `cargo xtask setup` lists them.
pub const ALL: &[&Group] = &[&STORE, &DOCUMENTS, &DESKTOP, &MAIL];

/// Set to 1 to skip apt altogether (for machines managed some other way).
pub const SKIP_ENV: &str = "HOSHU_SKIP_APT";

pub fn group_by_name(name: &str) -> Option<&'static Group> {
    ALL.iter().copied().find(|g| g.name == name)
}

/// Installs whatever packages of `groups` are missing.
pub fn ensure(groups: &[&Group]) -> Result<()> {
    let mut wanted: Vec<&str> = Vec::new();
    for group in groups {
        for package in group.packages {
            if !wanted.contains(package) {
                wanted.push(package);
            }
        }
    }
    for group in groups {
        println!(
            "apt: group {} ({}): {}",
            group.name,
            group.purpose,
            group.packages.join(" ")
        );
    }

    if std::env::var(SKIP_ENV).is_ok_and(|v| v == "1") {
        println!("apt: {SKIP_ENV}=1, not checking Debian packages");
        return Ok(());
    }
    if cmd::which("dpkg-query").is_none() {
        println!(
            "apt: dpkg-query not found (not a Debian system?); skipping package checks. \
             Make sure these are installed: {}",
            wanted.join(" ")
        );
        return Ok(());
    }

    let missing: Vec<&str> = wanted
        .iter()
        .copied()
        .filter(|p| !is_installed(p))
        .collect();
    if missing.is_empty() {
        println!("apt: all {} packages already installed", wanted.len());
        return Ok(());
    }
    println!("apt: missing: {}", missing.join(" "));

    let root = cmd::is_root();
    let apt_get = cmd::which("apt-get");
    if !root || apt_get.is_none() {
        let why = if root {
            "apt-get is not available"
        } else {
            "not running as root"
        };
        return Err(format!(
            "apt: {why}, so the missing packages cannot be installed here. Install them with:\n    \
             sudo apt-get install --no-install-recommends {}\n\
             (or set {SKIP_ENV}=1 to skip this check)",
            missing.join(" ")
        ));
    }

    let mut update = apt_command();
    update.arg("update");
    with_retries(&mut update)?;

    let mut install = apt_command();
    install
        .args(["install", "-y", "--no-install-recommends"])
        .args(&missing);
    with_retries(&mut install)?;

    let still: Vec<&str> = missing
        .iter()
        .copied()
        .filter(|p| !is_installed(p))
        .collect();
    if still.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "apt: still not installed after apt-get install: {}",
            still.join(" ")
        ))
    }
}

/// `dpkg-query -W -f='${Status}' PACKAGE` says "install ok installed" (or
/// "hold ok installed") for an installed package.
pub fn is_installed(package: &str) -> bool {
    cmd::output(Command::new("dpkg-query").args(["-W", "-f=${Status}", package]))
        .is_ok_and(|status| status.split_whitespace().nth(2) == Some("installed"))
}

fn apt_command() -> Command {
    let mut cmd = Command::new("apt-get");
    cmd.env("DEBIAN_FRONTEND", "noninteractive")
        // Wait up to 5 minutes for another apt/dpkg to release its lock.
        .args(["-o", "DPkg::Lock::Timeout=300"])
        .stdin(Stdio::null());
    cmd
}

/// apt-get fails at once when another apt holds the lists lock, or on a
/// network hiccup: try again a few times before giving up.
fn with_retries(cmd: &mut Command) -> Result<()> {
    const ATTEMPTS: u64 = 4;
    let mut attempt = 1;
    loop {
        match cmd::run(cmd) {
            Ok(()) => return Ok(()),
            Err(e) if attempt < ATTEMPTS => {
                let wait = 15 * attempt;
                println!(
                    "apt: attempt {attempt}/{ATTEMPTS} failed ({e}); the apt/dpkg lock may be \
                     busy; retrying in {wait} s"
                );
                std::thread::sleep(Duration::from_secs(wait));
                attempt += 1;
            }
            Err(e) => return Err(format!("apt: giving up after {ATTEMPTS} attempts: {e}")),
        }
    }
}
