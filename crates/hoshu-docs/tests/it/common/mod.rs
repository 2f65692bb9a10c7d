//! Helpers for tests that read the engine's PDF back with poppler-utils and qpdf.

pub mod minutes;
pub mod samples;

use std::path::{Path, PathBuf};
use std::process::Command;

use chrono::{NaiveDate, NaiveDateTime};
use tempfile::TempDir;

/// A fixed creation time for test documents.
pub fn t0() -> NaiveDateTime {
    NaiveDate::from_ymd_opt(2025, 4, 1)
        .and_then(|d| d.and_hms_opt(9, 0, 0))
        .unwrap_or_default()
}

/// A PDF written into its own temporary directory.
pub struct PdfFile {
    _dir: TempDir,
    pub path: PathBuf,
}

pub fn save(bytes: &[u8]) -> PdfFile {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("out.pdf");
    std::fs::write(&path, bytes).expect("write pdf");
    PdfFile { _dir: dir, path }
}

/// Runs a tool and returns its stdout; fails the test with its stderr if it fails.
pub fn run(program: &str, args: &[&str], path: &Path) -> String {
    let out = Command::new(program)
        .args(args)
        .arg(path)
        .args(if program == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (apt-get install poppler-utils qpdf): {e}")
        });
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Apache PDFBox's PDF/A-1b preflight over the file (Debian's libpdfbox2-java and the jars it
/// needs, installed by `cargo xtask setup`).
pub fn assert_pdfa(pdf: &PdfFile) {
    let classpath = [
        "pdfbox2",
        "preflight",
        "xmpbox",
        "fontbox2",
        "commons-logging",
        "javax.activation",
        "jaxb-api",
    ]
    .map(|jar| format!("/usr/share/java/{jar}.jar"))
    .join(":");
    let out = Command::new("java")
        .args([
            "-cp",
            &classpath,
            "org.apache.pdfbox.preflight.Validator_A1b",
        ])
        .arg(&pdf.path)
        .output()
        .unwrap_or_else(|e| panic!("java is needed for the PDF/A check (cargo xtask setup): {e}"));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("is a valid PDF/A-1b file"),
        "not PDF/A-1b: {said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub fn pdfinfo(pdf: &PdfFile) -> String {
    run("pdfinfo", &[], &pdf.path)
}

/// A field of `pdfinfo` output, e.g. "Pages".
pub fn info_field(info: &str, key: &str) -> String {
    info.lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .map(|v| v.trim().to_owned())
        .unwrap_or_else(|| panic!("no {key} in pdfinfo output:\n{info}"))
}

pub fn pages(pdf: &PdfFile) -> usize {
    info_field(&pdfinfo(pdf), "Pages")
        .parse()
        .expect("page count")
}

/// Page width and height in points and the paper name pdfinfo reports.
pub fn page_size(pdf: &PdfFile) -> (f32, f32, String) {
    let v = info_field(&pdfinfo(pdf), "Page size");
    // "595.276 x 841.89 pts (A4)"
    let parts: Vec<&str> = v.split_whitespace().collect();
    let w = parts[0].parse().expect("width");
    let h = parts[2].parse().expect("height");
    let name = v
        .split_once('(')
        .map(|(_, n)| n.trim_end_matches(')').to_owned())
        .unwrap_or_default();
    (w, h, name)
}

/// `pdftotext -layout` of the whole document.
pub fn text(pdf: &PdfFile) -> String {
    run("pdftotext", &["-layout", "-enc", "UTF-8"], &pdf.path)
}

/// `pdftotext -layout` of page `n` (1-based).
pub fn page_text(pdf: &PdfFile, n: usize) -> String {
    let n = n.to_string();
    run(
        "pdftotext",
        &["-layout", "-enc", "UTF-8", "-f", &n, "-l", &n],
        &pdf.path,
    )
}

/// The text of every page without the running header (first line) and the `n / N` footer.
pub fn body_text(pdf: &PdfFile) -> String {
    let n = pages(pdf);
    let mut out = String::new();
    for p in 1..=n {
        let t = page_text(pdf, p);
        let footer = format!("{p} / {n}");
        let mut lines = t.lines().filter(|l| !l.trim().is_empty());
        lines.next();
        for line in lines.filter(|l| l.trim() != footer) {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// The text with all whitespace removed, for matching wrapped paragraphs.
pub fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Asserts `qpdf --check` finds nothing wrong.
pub fn assert_qpdf_clean(pdf: &PdfFile) {
    let out = run("qpdf", &["--check"], &pdf.path);
    assert!(
        out.contains("No syntax or stream encoding errors found"),
        "qpdf --check:\n{out}"
    );
    assert!(
        !out.to_lowercase().contains("warning"),
        "qpdf --check:\n{out}"
    );
}
