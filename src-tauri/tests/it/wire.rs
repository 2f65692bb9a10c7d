//! The window's TypeScript types are declared from the Rust types that cross into it (the
//! API's operations, their arguments and answers, and the shell's own commands) into
//! `ui/src/api/wire.gen.ts`; `tsc` then checks every screen against them. This test fails
//! when the committed file is stale. Regenerate with `HOSHU_UPDATE_WIRE=1 cargo test
//! -p hoshu-desktop --test it wire` and commit the result.

use hoshu_api::typescript::WireTypes;
use hoshu_app::{AppError, Progress, Session};
use hoshu_desktop::commands::database::DbStatus;
use hoshu_desktop::commands::drafts::OpenedDrafts;
use hoshu_desktop::commands::import::PickedImportFile;
use hoshu_desktop::commands::meta::{Coded, all_labels};
use hoshu_desktop::db::DbConfig;
use hoshu_desktop::files::SavedFile;
use std::path::Path;

fn generate() -> String {
    let mut types = WireTypes::default();
    let operations = hoshu_api::declare_operations(&mut types);
    // What the shell's own commands and events carry, and every error.
    types.add::<Session>();
    types.add::<AppError>();
    types.add::<Progress>();
    types.add::<DbConfig>();
    types.add::<DbStatus>();
    types.add::<OpenedDrafts>();
    types.add::<PickedImportFile>();
    types.add::<SavedFile>();
    types.add::<Coded>();
    let groups: Vec<String> = all_labels()
        .into_keys()
        .map(|group| format!("\"{group}\""))
        .collect();
    let labels = format!(
        "/** The groups of codes the shell labels in Japanese (`labels`). */\n\
         export type LabelGroup = {};\n\n",
        groups.join(" | ")
    );
    types.render(&(labels + &operations))
}

#[test]
fn generated_wire_types_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/wire.gen.ts");
    let fresh = generate();
    if std::env::var("HOSHU_UPDATE_WIRE").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write wire.gen.ts");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/wire.gen.ts is stale: run `HOSHU_UPDATE_WIRE=1 cargo test -p hoshu-desktop --test it wire` and commit it"
    );
}

#[test]
fn every_operation_and_its_types_are_declared() {
    let text = generate();
    for op in hoshu_api::OPERATIONS {
        assert!(
            text.contains(&format!("\n  {}: {{ args: ", op.name)),
            "{} is missing from interface Operations",
            op.name
        );
    }
    // IDs are plain numbers on the wire, and an answer's optional fields are `| null`.
    assert!(text.contains("export type RequestSummary = { id: number,"));
    assert!(!text.contains("bigint"));
    assert!(
        text.contains("export type Role = \"staff\" | \"chief\" | \"contractor\" | \"admin\";")
    );
}
