//! The file to import, picked in the open dialog this shell opens (the window never names a
//! path), checked and read with the import's size limit. The window then sends its bytes with
//! the `import_records` operation, for a dry run first and for the import after.

use super::Desk;
use crate::files::{DialogRequest, FileFilter, read_picked};
use crate::remote::CallError;
use base64::Engine;
use hoshu_app::{IMPORT_MAX_BYTES, ImportSource};

/// A picked file: its name and its bytes in base64, as `import_records` takes them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PickedImportFile {
    pub file_name: String,
    pub bytes: String,
}

/// What the open dialog offers for each source.
pub fn import_filter(source: ImportSource) -> (&'static str, FileFilter) {
    match source {
        ImportSource::Redmine => (
            "取り込む Redmine のチケット一覧（CSV）を選択",
            FileFilter::new("Redmine のCSV", &["csv"]),
        ),
        ImportSource::Register => (
            "取り込む課題管理表を選択",
            FileFilter::new("課題管理表", hoshu_import::register::EXTENSIONS),
        ),
    }
}

/// Opens the dialog and reads the file the user picked. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn pick_import_file(
    desk: Desk<'_>,
    source: ImportSource,
) -> Result<Option<PickedImportFile>, CallError> {
    desk.session()?;
    let (title, filter) = import_filter(source);
    let chosen = desk
        .terminal
        .chooser
        .open(DialogRequest {
            title: title.into(),
            file_name: None,
            filter,
        })
        .await;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let picked = read_picked(&path, IMPORT_MAX_BYTES as u64)?;
    Ok(Some(PickedImportFile {
        file_name: picked.name,
        bytes: base64::engine::general_purpose::STANDARD.encode(&picked.bytes),
    }))
}
