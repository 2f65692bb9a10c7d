//! `cargo xtask samples`: the document pages README shows, made by `hoshu` from a fresh demo
//! database, so that what README shows is what the app makes.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::cmd::{self, Result};
use crate::database_url::sqlite_url;
use crate::run::hoshu;

/// The demo's day: the data covers the fiscal years 2025 and 2026 up to it.
const TODAY: &str = "2026-06-15";
/// The password of every demo account (README).
const DEMO_PASSWORD: &str = "hoshu-demo-2026";
const SHOTS: &str = "docs/screenshots";

/// A scratch folder removed when the samples are done, whatever happens.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub fn samples() -> Result<()> {
    let scratch =
        Scratch(std::env::temp_dir().join(format!("hoshu-samples-{}", std::process::id())));
    std::fs::create_dir_all(&scratch.0)
        .map_err(|e| format!("cannot create {}: {e}", scratch.0.display()))?;
    let url = sqlite_url(&scratch.0.join("demo.sqlite"));
    println!(
        "samples: demo database of {TODAY} in {}",
        scratch.0.display()
    );
    cmd::output(hoshu().args(["--db", &url, "demo", "--today", TODAY]))?;

    let as_chief = |args: &[&str]| -> Command {
        let mut c = hoshu();
        c.env("HOSHU_PASSWORD", DEMO_PASSWORD)
            .args(["--db", &url, "--user", "chief"])
            .args(args);
        c
    };
    // The oldest meeting (the list is newest first): its minutes are approved and show the
    // city's confirmation box.
    let meetings = cmd::output(&mut as_chief(&["meetings", "list", "--format", "csv"]))?;
    let meeting = meetings
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').next())
        .last()
        .ok_or("the demo has no meeting")?
        .to_owned();

    let pdf = |name: &str| scratch.0.join(format!("{name}.pdf"));
    let renders: Vec<(&str, Vec<String>)> = vec![
        (
            "minutes",
            vec!["minutes".into(), "--meeting".into(), meeting],
        ),
        ("register", vec!["register".into(), "--confirm-bulk".into()]),
        ("plan", vec!["plan".into()]),
        (
            "monthly-report",
            vec!["monthly".into(), "--month".into(), "2026-05".into()],
        ),
        (
            "annual-report",
            vec!["annual".into(), "--fiscal-year".into(), "2025".into()],
        ),
    ];
    for (name, args) in &renders {
        let out = pdf(name);
        let mut c = as_chief(&["render"]);
        c.args(args).arg("-o").arg(&out);
        cmd::output(&mut c)?;
        page_image(&out, 1, name)?;
    }
    for kind in [
        "schedule",
        "start-notice",
        "responsible-person",
        "completion-notice",
    ] {
        let out = pdf(kind);
        cmd::output(as_chief(&["render", "forms", "--kind", kind, "-o"]).arg(&out))?;
        page_image(&out, 1, kind)?;
    }
    let flow = page_with(&pdf("plan"), "障害対応フロー図")?;
    page_image(&pdf("plan"), flow, "plan-flow")?;
    println!("samples: written to {SHOTS}/");
    Ok(())
}

/// The first page of `pdf` whose text holds `needle`.
fn page_with(pdf: &Path, needle: &str) -> Result<usize> {
    for page in 1..=100usize {
        let n = page.to_string();
        let text = cmd::output(
            Command::new("pdftotext")
                .args(["-f", &n, "-l", &n, "-enc", "UTF-8"])
                .arg(pdf)
                .arg("-"),
        )?;
        if text.contains(needle) {
            return Ok(page);
        }
    }
    Err(format!("{needle} is on no page of {}", pdf.display()))
}

/// Page `page` of `pdf` as `docs/screenshots/NAME.png` (80 dpi, as README shows them).
fn page_image(pdf: &Path, page: usize, name: &str) -> Result<()> {
    let page = page.to_string();
    cmd::run(
        Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", &page, "-l", &page, "-singlefile"])
            .arg(pdf)
            .arg(Path::new(SHOTS).join(name)),
    )
}
