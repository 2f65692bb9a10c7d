//! Files the user picks: attachments read from and written to the file chosen in the dialogs
//! this shell opens (the window never names a path), and every rendered document offered for
//! saving the same way.

use super::Desk;
use super::import::{PickedImportFile, pick};
use crate::files::{
    DialogRequest, FileFilter, SavedFile, read_picked, safe_file_name, write_atomically,
};
use crate::remote::CallError;
use base64::Engine;
use hoshu_api::FileDownload;
use hoshu_core::files::{ATTACHMENT_EXTENSIONS, extension_of};
use hoshu_core::request::ATTACHMENT_MAX_BYTES;
use serde_json::json;

/// Attaches the file the user picks in the open dialog. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn attach_file(desk: Desk<'_>, id: i64) -> Result<Option<i64>, CallError> {
    desk.session()?;
    let chosen = desk
        .terminal
        .chooser
        .open(DialogRequest {
            title: "添付するファイルを選択".into(),
            file_name: None,
            filter: FileFilter::new("添付できるファイル", ATTACHMENT_EXTENSIONS),
        })
        .await;
    let Some(path) = chosen else {
        return Ok(None);
    };
    let picked = read_picked(&path, ATTACHMENT_MAX_BYTES as u64)?;
    let encoded = base64::engine::general_purpose::STANDARD.encode(&picked.bytes);
    desk.call_typed(
        "attach_to_request",
        json!({"id": id, "fileName": picked.name, "bytes": encoded}),
    )
    .await
    .map(Some)
}

/// Reads a file to attach on the filing form, before the request exists: it travels with
/// `file_request`. `None`: the dialog was cancelled.
#[tauri::command]
pub async fn pick_attachment(desk: Desk<'_>) -> Result<Option<PickedImportFile>, CallError> {
    pick(
        &desk,
        "添付するファイルを選択",
        FileFilter::new("添付できるファイル", ATTACHMENT_EXTENSIONS),
        ATTACHMENT_MAX_BYTES,
    )
    .await
}

/// Saves an attachment where the user chooses in the save dialog.
#[tauri::command]
pub async fn save_attachment(
    desk: Desk<'_>,
    attachment_id: i64,
) -> Result<Option<SavedFile>, CallError> {
    let file: FileDownload = desk
        .call_typed("attachment", json!({"attachmentId": attachment_id}))
        .await?;
    offer_save(&desk, file, "添付ファイルの保存先を選択").await
}

/// Saves a meeting's handout (配布資料) where the user chooses in the save dialog.
#[tauri::command]
pub async fn save_meeting_attachment(
    desk: Desk<'_>,
    attachment_id: i64,
) -> Result<Option<SavedFile>, CallError> {
    let file: FileDownload = desk
        .call_typed("meeting_attachment", json!({"attachmentId": attachment_id}))
        .await?;
    offer_save(&desk, file, "配布資料の保存先を選択").await
}

/// Offers `file` in the save dialog under its own (made safe) name and writes it where the
/// user chose; `None` when the dialog was cancelled. The chosen name keeps the file's
/// extension, added when the user left it out.
pub async fn offer_save(
    desk: &Desk<'_>,
    file: FileDownload,
    title: &str,
) -> Result<Option<SavedFile>, CallError> {
    let name = safe_file_name(&file.file_name);
    let extension = extension_of(&name).unwrap_or_default().to_ascii_lowercase();
    let chosen = desk
        .terminal
        .chooser
        .save(DialogRequest {
            title: title.to_owned(),
            file_name: Some(name.clone()),
            filter: FileFilter::new(&kind_caption(&extension), &[extension.as_str()]),
        })
        .await;
    let Some(mut path) = chosen else {
        return Ok(None);
    };
    let has_extension = path
        .extension()
        .is_some_and(|e| e.to_string_lossy().eq_ignore_ascii_case(&extension));
    if !has_extension && !extension.is_empty() {
        let mut with = path.into_os_string();
        with.push(format!(".{extension}"));
        path = with.into();
    }
    Ok(Some(write_atomically(&path, &file.bytes)?))
}

/// Renders with `operation` through the API and offers the file in the save dialog.
pub async fn render_and_offer(
    desk: &Desk<'_>,
    operation: &str,
    args: serde_json::Value,
    what: &str,
) -> Result<Option<SavedFile>, CallError> {
    let file: FileDownload = desk.call_typed(operation, args).await?;
    offer_save(desk, file, &format!("{what}の保存先を選択")).await
}

fn kind_caption(extension: &str) -> String {
    match extension {
        "pdf" => "PDF".into(),
        "xlsx" | "xls" => "Excel ブック".into(),
        "iso" => "ディスクイメージ".into(),
        "csv" => "CSV".into(),
        other => format!("{other} ファイル"),
    }
}
