//! Attachments: read from and written to the files the user picked in the dialogs; the
//! bytes go through the API (`attach_to_request`, `attachment`).

use super::Desk;
use super::reports::write_file;
use crate::remote::CallError;
use base64::Engine;
use hoshu_api::FileDownload;
use hoshu_app::{AppError, ErrorCode};
use serde_json::json;
use std::path::PathBuf;

/// Attaches the file the user picked in the open dialog.
#[tauri::command]
pub async fn attach_file(desk: Desk<'_>, id: i64, path: PathBuf) -> Result<i64, CallError> {
    desk.session()?;
    let bytes = std::fs::read(&path).map_err(|e| {
        AppError::new(
            ErrorCode::Validation,
            format!("ファイルを読み込めませんでした: {e}"),
        )
    })?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let encoded = base64::engine::general_purpose::STANDARD.encode(&bytes);
    desk.call_typed(
        "attach_to_request",
        json!({"id": id, "fileName": name, "bytes": encoded}),
    )
    .await
}

/// Saves an attachment where the user chose in the save dialog.
#[tauri::command]
pub async fn save_attachment(
    desk: Desk<'_>,
    attachment_id: i64,
    path: PathBuf,
) -> Result<(), CallError> {
    let file: FileDownload = desk
        .call_typed("attachment", json!({"attachmentId": attachment_id}))
        .await?;
    write_file(&path, &file.bytes)?;
    Ok(())
}
