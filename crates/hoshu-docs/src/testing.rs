//! What tests of documents and discs need on both sides of the crate boundary: running the
//! tools that read a PDF or a disc image back (poppler-utils, genisoimage, xorriso, installed by
//! `cargo xtask setup`), and reading a disc's MANIFEST. Behind the `testing` feature.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// Runs `program` and answers its standard output; a missing tool or a failure fails the test
/// with the tool's own error output.
pub fn tool(program: &str, args: &[&str]) -> Vec<u8> {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| {
            panic!("{program} is needed (poppler-utils, genisoimage, xorriso): {e}")
        });
    assert!(
        out.status.success(),
        "{program} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Extracts the whole disc image `iso` into the folder `out` with xorriso.
pub fn extract_iso(iso: &str, out: &Path) {
    let out = out.to_str().expect("a UTF-8 folder");
    tool(
        "xorriso",
        &[
            "-abort_on",
            "FAILURE",
            "-report_about",
            "FAILURE",
            "-osirrox",
            "on",
            "-indev",
            iso,
            "-extract",
            "/",
            out,
        ],
    );
}

/// A MANIFEST's lines: file name → (size, SHA-256).
pub fn parse_manifest(text: &str) -> BTreeMap<String, (usize, String)> {
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let mut parts = l.splitn(3, "  ");
            let sha = parts.next().expect("a checksum").to_owned();
            let size = parts.next().and_then(|s| s.parse().ok()).expect("a size");
            let name = parts.next().expect("a name").trim_end().to_owned();
            (name, (size, sha))
        })
        .collect()
}
