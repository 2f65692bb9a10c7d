//! Desktop notifications. The window asks; the shell shows them through the operating system
//! (tauri-plugin-notification) only while the window is not in front, so the window itself
//! needs no notification permission and cannot pop anything up while someone works in it.

use crate::remote::CallError;
use hoshu_app::{AppError, ErrorCode};
use tauri::{Runtime, WebviewWindow};
use tauri_plugin_notification::NotificationExt;

/// Longest text handed to the operating system; the notification centre keeps the whole line.
const BODY_MAX_CHARS: usize = 200;

#[tauri::command]
pub fn desktop_notification<R: Runtime>(
    window: WebviewWindow<R>,
    title: String,
    body: String,
) -> Result<(), CallError> {
    if window.is_focused().unwrap_or(false) {
        return Ok(());
    }
    let body: String = body.chars().take(BODY_MAX_CHARS).collect();
    window
        .notification()
        .builder()
        .title(title)
        .body(body)
        .show()
        .map_err(|e| {
            AppError::new(
                ErrorCode::Internal,
                format!("デスクトップ通知を表示できませんでした: {e}"),
            )
            .into()
        })
}
