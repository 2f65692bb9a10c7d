//! Renders the sample 打合せ議事録 to `target/minutes-sample.pdf` and page 1 to
//! `target/minutes-sample.png` (needs `pdftoppm` from poppler-utils). README's pages come from
//! the demo database instead: `cargo xtask samples`.
//!
//! `cargo run -p hoshu-docs --example minutes_sample`

#[path = "../tests/it/common/minutes.rs"]
mod minutes;

use std::path::Path;
use std::process::Command;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let pdf = minutes::minutes_sample().render()?;
    let pdf_path = root.join("target/minutes-sample.pdf");
    std::fs::create_dir_all(root.join("target"))?;
    std::fs::write(&pdf_path, &pdf)?;
    println!("{} ({} bytes)", pdf_path.display(), pdf.len());

    let shots = root.join("target");
    let status = Command::new("pdftoppm")
        .args(["-r", "80", "-png", "-f", "1", "-l", "1", "-singlefile"])
        .arg(&pdf_path)
        .arg(shots.join("minutes-sample"))
        .status()?;
    if !status.success() {
        return Err("pdftoppm failed".into());
    }
    println!("{}", shots.join("minutes-sample.png").display());
    Ok(())
}
