//! ログイン・ログアウト, on the local database or on the server.

use super::Desk;
use crate::remote::CallError;
use crate::state::Backend;
use hoshu_app::{LogoutReason, Session};

/// On the local database the first administrator's password file has done its work once
/// anyone has logged in: it is removed then.
#[tauri::command]
pub async fn login(desk: Desk<'_>, login: String, password: String) -> Result<Session, CallError> {
    let session = desk.log_in(login.trim(), &password).await?;
    if desk.local().is_some() {
        crate::db::forget_first_password(&desk.paths.data_dir);
    }
    Ok(session)
}

/// `idle`: the window logged out because nobody touched it. The token is forgotten here
/// first, so the terminal holds nothing even when the server cannot be told.
#[tauri::command]
pub async fn logout(desk: Desk<'_>, idle: bool) -> Result<(), CallError> {
    let Some((session, token)) = desk.take_session() else {
        return Ok(());
    };
    let reason = if idle {
        LogoutReason::Idle
    } else {
        LogoutReason::User
    };
    match (desk.backend(), token) {
        (Backend::Local(hoshu), _) => Ok(hoshu.logout(&session, reason).await?),
        (Backend::Remote(remote), Some(token)) => remote.logout(&token).await,
        (Backend::Remote(_), None) => Ok(()),
    }
}

#[tauri::command]
pub fn current_session(desk: Desk<'_>) -> Option<Session> {
    desk.peek()
}
