//! ログイン・ログアウト.

use super::Desk;
use hoshu_app::{AppResult, LogoutReason, Session};

#[tauri::command]
pub async fn login(desk: Desk<'_>, login: String, password: String) -> AppResult<Session> {
    let session = desk.hoshu().login(login.trim(), &password).await?;
    desk.set(Some(session.clone()));
    Ok(session)
}

/// `idle`: the window logged out because nobody touched it.
#[tauri::command]
pub async fn logout(desk: Desk<'_>, idle: bool) -> AppResult<()> {
    let Some(session) = desk.set(None) else {
        return Ok(());
    };
    let reason = if idle {
        LogoutReason::Idle
    } else {
        LogoutReason::User
    };
    desk.hoshu().logout(&session, reason).await
}

#[tauri::command]
pub fn current_session(desk: Desk<'_>) -> Option<Session> {
    desk.peek()
}
