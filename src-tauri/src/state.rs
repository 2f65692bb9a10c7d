//! What the window shares between commands: the application and who is logged in.

use hoshu_app::{AppError, AppResult, ErrorCode, Hoshu, Session};
use std::sync::Mutex;

/// Managed by Tauri; one per running app (no global).
#[derive(Debug)]
pub struct DeskState {
    pub hoshu: Hoshu,
    session: Mutex<Option<Session>>,
}

impl DeskState {
    pub fn new(hoshu: Hoshu) -> Self {
        Self {
            hoshu,
            session: Mutex::new(None),
        }
    }

    /// The logged-in session, or the error the log-in screen reacts to.
    pub fn session(&self) -> AppResult<Session> {
        self.lock()
            .clone()
            .ok_or_else(|| AppError::new(ErrorCode::AuthFailed, "ログインしてください。"))
    }

    pub fn peek(&self) -> Option<Session> {
        self.lock().clone()
    }

    pub fn set(&self, session: Option<Session>) -> Option<Session> {
        std::mem::replace(&mut *self.lock(), session)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Session>> {
        // A panic while holding the lock cannot leave a half-written Option.
        self.session
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}
