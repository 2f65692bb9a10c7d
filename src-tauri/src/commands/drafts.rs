//! The logged-in person's drafts, kept encrypted on this computer (see [`crate::vault`]). The
//! window names a draft by its own key; whose drafts they are comes from the session here, so
//! a window can never read another person's.

use super::Desk;
use crate::remote::CallError;
use crate::vault::StoredDraft;
use hoshu_app::DeskSettings;
use serde::Serialize;
use std::time::SystemTime;

/// The drafts a person finds at log-in.
#[derive(Debug, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct OpenedDrafts {
    pub drafts: Vec<StoredDraft>,
    /// False when this computer has no key store: drafts then live only until the app closes.
    pub kept_on_disk: bool,
    pub retention_days: i64,
}

/// The person's drafts, after every draft on this terminal older than the set number of days
/// has been erased unread.
#[tauri::command]
pub async fn open_drafts(desk: Desk<'_>) -> Result<OpenedDrafts, CallError> {
    let session = desk.session()?;
    let settings: DeskSettings = desk.call_typed("settings", serde_json::json!({})).await?;
    let vault = &desk.terminal.drafts;
    vault.erase_older_than(settings.draft_retention_days, SystemTime::now());
    Ok(OpenedDrafts {
        drafts: vault.read_all(&session.actor.login),
        kept_on_disk: vault.kept_on_disk(),
        retention_days: settings.draft_retention_days,
    })
}

#[tauri::command]
pub fn write_draft(desk: Desk<'_>, key: String, text: String) -> Result<(), CallError> {
    let session = desk.session()?;
    desk.terminal
        .drafts
        .write(&session.actor.login, &key, &text)
        .map_err(|e| {
            CallError::from(hoshu_app::AppError::new(
                hoshu_app::ErrorCode::Internal,
                format!("下書きを保存できませんでした: {e}"),
            ))
        })
}

#[tauri::command]
pub fn erase_draft(desk: Desk<'_>, key: String) -> Result<(), CallError> {
    let session = desk.session()?;
    desk.terminal.drafts.erase(&session.actor.login, &key);
    Ok(())
}

/// Every draft of the logged-in person goes (the log-out question answered "削除").
#[tauri::command]
pub fn erase_my_drafts(desk: Desk<'_>) -> Result<(), CallError> {
    let session = desk.session()?;
    desk.terminal.drafts.erase_all(&session.actor.login);
    Ok(())
}
