//! 依頼: list, detail, file, comment, move, assign, attachments.

use super::Desk;
use hoshu_app::{
    AppError, AppResult, Assignee, ErrorCode, RequestDetail, RequestListQuery, TransitionInput,
};
use hoshu_core::request::NewRequest;
use hoshu_store::RequestPage;
use std::path::PathBuf;

#[tauri::command]
pub async fn list_requests(desk: Desk<'_>, query: RequestListQuery) -> AppResult<RequestPage> {
    desk.hoshu().list_requests(&desk.session()?, query).await
}

#[tauri::command]
pub async fn request_detail(desk: Desk<'_>, id: i64) -> AppResult<RequestDetail> {
    desk.hoshu().request_detail(&desk.session()?, id).await
}

#[tauri::command]
pub async fn file_request(desk: Desk<'_>, input: NewRequest) -> AppResult<i64> {
    desk.hoshu().file_request(&desk.session()?, input).await
}

#[tauri::command]
pub async fn comment_on_request(desk: Desk<'_>, id: i64, body: String) -> AppResult<i64> {
    desk.hoshu()
        .comment_on_request(&desk.session()?, id, &body)
        .await
}

#[tauri::command]
pub async fn transition_request(desk: Desk<'_>, id: i64, input: TransitionInput) -> AppResult<i64> {
    desk.hoshu()
        .transition_request(&desk.session()?, id, input)
        .await
}

#[tauri::command]
pub async fn assign_request(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    assignee: Option<i64>,
) -> AppResult<i64> {
    desk.hoshu()
        .assign_request(&desk.session()?, id, expected_version, assignee)
        .await
}

/// Contractor accounts a request may be assigned to.
#[tauri::command]
pub async fn contractors(desk: Desk<'_>) -> AppResult<Vec<Assignee>> {
    desk.hoshu().contractors(&desk.session()?).await
}

/// Attaches the file the user picked in the open dialog.
#[tauri::command]
pub async fn attach_file(desk: Desk<'_>, id: i64, path: PathBuf) -> AppResult<i64> {
    let session = desk.session()?;
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
    desk.hoshu()
        .attach_to_request(&session, id, &name, &content_type(&name), &bytes)
        .await
}

/// The requests waiting for an answer, soonest answer deadline first, with their clocks.
#[tauri::command]
pub async fn answer_queue(desk: Desk<'_>) -> AppResult<Vec<hoshu_app::QueuedRequest>> {
    desk.hoshu().answer_queue(&desk.session()?).await
}

/// Saves an attachment where the user chose in the save dialog.
#[tauri::command]
pub async fn save_attachment(desk: Desk<'_>, attachment_id: i64, path: PathBuf) -> AppResult<()> {
    let file = desk
        .hoshu()
        .attachment(&desk.session()?, attachment_id)
        .await?;
    std::fs::write(&path, &file.bytes).map_err(|e| {
        AppError::new(
            ErrorCode::Internal,
            format!("ファイルを保存できませんでした: {e}"),
        )
    })
}

fn content_type(name: &str) -> String {
    let ext = name.rsplit('.').next().unwrap_or("").to_ascii_lowercase();
    match ext.as_str() {
        "pdf" => "application/pdf",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" | "log" => "text/plain",
        "csv" => "text/csv",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        _ => "application/octet-stream",
    }
    .to_owned()
}
