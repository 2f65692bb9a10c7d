//! Renders every deliverable from the sample view models to `target/deliverables/`, with page
//! 1 of each beside it as PNG (needs `pdftoppm` from poppler-utils); the flow diagram page of
//! the plan goes to `plan-flow.png`. README's pages come from the demo database instead:
//! `cargo xtask samples`.
//!
//! `cargo run -p hoshu-docs --example deliverables`

#[path = "../tests/it/common/samples.rs"]
mod samples;

use std::path::Path;
use std::process::Command;

use hoshu_docs::templates as t;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let out = root.join("target/deliverables");
    let shots = out.clone();
    std::fs::create_dir_all(&out)?;
    let plan = t::plan_document(&samples::plan())?;
    let flow_page = flow_page(&plan)?;
    let docs: Vec<(&str, Vec<u8>, usize)> = vec![
        ("minutes", t::render_minutes(&samples::minutes())?, 1),
        ("register", t::render_register(&samples::register(60))?, 1),
        ("plan", plan.render()?, 1),
        ("plan-flow", plan.render()?, flow_page),
        ("schedule", t::render_schedule(&samples::schedule())?, 1),
        (
            "start-notice",
            t::render_start_notice(&samples::start_notice())?,
            1,
        ),
        (
            "responsible-person",
            t::render_responsible_person(&samples::responsible_person())?,
            1,
        ),
        (
            "completion-notice",
            t::render_completion_notice(&samples::completion_notice())?,
            1,
        ),
    ];
    for (name, pdf, page) in docs {
        let path = out.join(format!("{name}.pdf"));
        std::fs::write(&path, &pdf)?;
        let page = page.to_string();
        let status = Command::new("pdftoppm")
            .args(["-r", "80", "-png", "-f", &page, "-l", &page, "-singlefile"])
            .arg(&path)
            .arg(shots.join(name))
            .status()?;
        if !status.success() {
            return Err(format!("pdftoppm failed for {name}").into());
        }
        println!("{name}: {} bytes, page {page}", pdf.len());
    }
    Ok(())
}

/// The page the flow diagram lands on: the page count up to the figure.
fn flow_page(plan: &hoshu_docs::Document) -> Result<usize, hoshu_docs::DocError> {
    let blocks = plan.blocks();
    let at = blocks
        .iter()
        .position(|b| matches!(b, hoshu_docs::engine::Block::Drawing(_)))
        .unwrap_or(0);
    let mut prefix =
        hoshu_docs::Document::new("x", plan.page_size(), chrono::NaiveDateTime::default());
    for b in &blocks[..=at] {
        prefix.push(b.clone());
    }
    prefix.page_count()
}
