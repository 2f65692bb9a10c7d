//! 納品物 made from the records (minutes, register, plan, submission forms, delivery disc):
//! rendered by the API's operation and written where the save dialog says, like the reports.
//! On the local database the register and the disc report their progress to the window as
//! `deliverable-progress` events carrying a [`Progress`]; a server renders them in one call.

use super::Desk;
use super::reports::{SavedFile, write_file};
use crate::remote::CallError;
use hoshu_api::FileDownload;
use hoshu_app::{
    AppError, AppResult, BulkExport, DiscSelection, FormKind, Progress, RegisterFormat,
    RegisterPaper,
};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use tauri::{Emitter, Runtime, Window};

/// The event the register and the disc send while they are being made.
pub const PROGRESS_EVENT: &str = "deliverable-progress";

#[tauri::command]
pub async fn save_minutes(
    desk: Desk<'_>,
    meeting_id: i64,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    render_to(
        &desk,
        "render_minutes",
        json!({"meetingId": meeting_id}),
        &path,
    )
    .await
}

/// The register as PDF (A4 or A3 landscape, `paper` "a4"/"a3") or as .xlsx, by the extension
/// of the chosen path.
#[tauri::command]
pub async fn save_register<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    paper: String,
    bulk: Option<BulkExport>,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    let bulk = bulk.unwrap_or(BulkExport::Unconfirmed);
    let format = match need_extension(&path, &["pdf", "xlsx"], "PDF（.pdf）または Excel（.xlsx）")?
        .as_str()
    {
        "xlsx" => RegisterFormat::Xlsx,
        _ => RegisterFormat::Pdf,
    };
    if let Some(hoshu) = desk.local() {
        let paper = if paper == "a3" {
            RegisterPaper::A3
        } else {
            RegisterPaper::A4
        };
        let progress = move |p: Progress| {
            let _ = window.emit(PROGRESS_EVENT, p);
        };
        let rendered = hoshu
            .render_register(&desk.session()?, format, paper, bulk, Some(&progress))
            .await?;
        return Ok(write_file(&path, &rendered.bytes)?);
    }
    render_to(
        &desk,
        "render_register",
        json!({"format": format, "paper": paper, "bulk": bulk}),
        &path,
    )
    .await
}

#[tauri::command]
pub async fn save_plan(desk: Desk<'_>, path: PathBuf) -> Result<SavedFile, CallError> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    render_to(&desk, "render_plan", json!({}), &path).await
}

#[tauri::command]
pub async fn save_form(
    desk: Desk<'_>,
    kind: FormKind,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    render_to(&desk, "render_form", json!({"kind": kind}), &path).await
}

/// The delivery disc image (.iso) with what `selection` includes.
#[tauri::command]
pub async fn save_disc<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    selection: DiscSelection,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    need_extension(&path, &["iso"], "ディスクイメージ（.iso）")?;
    if let Some(hoshu) = desk.local() {
        let progress = move |p: Progress| {
            let _ = window.emit(PROGRESS_EVENT, p);
        };
        let rendered = hoshu
            .build_disc(&desk.session()?, &selection, Some(&progress))
            .await?;
        return Ok(write_file(&path, &rendered.bytes)?);
    }
    render_to(&desk, "build_disc", json!({"selection": selection}), &path).await
}

async fn render_to(
    desk: &Desk<'_>,
    operation: &str,
    args: Value,
    path: &Path,
) -> Result<SavedFile, CallError> {
    let file: FileDownload = desk.call_typed(operation, args).await?;
    Ok(write_file(path, &file.bytes)?)
}

/// The lower-case extension of `path` when it is one of `allowed`, or a field error.
fn need_extension(path: &Path, allowed: &[&str], what: &str) -> AppResult<String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if allowed.contains(&ext.as_str()) {
        Ok(ext)
    } else {
        Err(AppError::field(
            "path",
            "保存先",
            format!("保存先のファイル名は {what} にしてください。"),
        ))
    }
}
