//! The file to import, picked in the open dialog this shell opens (the window never names a
//! path), checked and read with the import's size limit. The window then sends its bytes back
//! with [`import_file`], for a dry run first and for the import after.

use super::Desk;
use crate::files::{DialogRequest, FileFilter, read_picked};
use crate::remote::CallError;
use base64::Engine;
use hoshu_app::{AppError, ErrorCode, IMPORT_MAX_BYTES, ImportInput, ImportSource, Progress};
use serde_json::{Value, json};
use tauri::{Emitter, Runtime, Window};

/// A picked file: its name and its bytes in base64, as `import_records` takes them.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
        ImportSource::Batches => (
            "取り込むジョブ実行結果（CSV）を選択",
            FileFilter::new("ジョブ実行結果のCSV", &["csv"]),
        ),
    }
}

/// Opens the dialog and reads the file the user picked. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn pick_import_file(
    desk: Desk<'_>,
    source: ImportSource,
) -> Result<Option<PickedImportFile>, CallError> {
    let (title, filter) = import_filter(source);
    pick(&desk, title, filter, IMPORT_MAX_BYTES).await
}

/// Opens the dialog for the account CSV of the personnel moves (`import_accounts`).
#[tauri::command]
pub async fn pick_account_file(desk: Desk<'_>) -> Result<Option<PickedImportFile>, CallError> {
    pick(
        &desk,
        "取り込むアカウント一覧（CSV）を選択",
        FileFilter::new("アカウント一覧のCSV", &["csv"]),
        IMPORT_MAX_BYTES,
    )
    .await
}

/// Opens the open dialog and reads the file picked, refused above `max_bytes`; `None` when
/// the dialog was cancelled.
pub(crate) async fn pick(
    desk: &Desk<'_>,
    title: &str,
    filter: FileFilter,
    max_bytes: usize,
) -> Result<Option<PickedImportFile>, CallError> {
    desk.session()?;
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
    let picked = read_picked(&path, max_bytes as u64)?;
    Ok(Some(PickedImportFile {
        file_name: picked.name,
        bytes: base64::engine::general_purpose::STANDARD.encode(&picked.bytes),
    }))
}

/// The event that carries an import's [`hoshu_app::Progress`] to the window (local database).
pub const IMPORT_PROGRESS_EVENT: &str = "import-progress";

/// A dry run or the import of a picked file. On the local database every row written is
/// reported to the window as an [`IMPORT_PROGRESS_EVENT`]; a server imports in one call.
#[tauri::command]
#[allow(clippy::too_many_arguments)]
pub async fn import_file<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    source: ImportSource,
    file_name: String,
    bytes: String,
    mapping: Option<String>,
    sheet: Option<String>,
    dry_run: bool,
) -> Result<Value, CallError> {
    let Some(hoshu) = desk.local() else {
        return desk
            .call(
                "import_records",
                json!({
                    "source": source, "fileName": file_name, "bytes": bytes,
                    "mapping": mapping, "sheet": sheet, "dryRun": dry_run,
                }),
                None,
            )
            .await;
    };
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(bytes.as_bytes())
        .map_err(|_| AppError::field("file", "ファイル", "ファイルの内容を読み取れません。"))?;
    let progress = move |p: Progress| {
        let _ = window.emit(IMPORT_PROGRESS_EVENT, p);
    };
    let report = hoshu
        .import(
            &desk.session()?,
            ImportInput {
                source,
                file_name,
                bytes,
                mapping,
                sheet,
                dry_run,
            },
            Some(&progress),
        )
        .await?;
    serde_json::to_value(&report)
        .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()).into())
}
