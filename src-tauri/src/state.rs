//! What the window shares between commands: the application and who is logged in.

use hoshu_app::{AppError, AppResult, ErrorCode, Hoshu, Session};
use std::path::PathBuf;
use std::sync::Mutex;

/// Managed by Tauri; one per running app (no global).
#[derive(Debug)]
pub struct DeskState {
    hoshu: Mutex<Hoshu>,
    session: Mutex<Option<Session>>,
    /// URL of the database in use.
    active_url: Mutex<String>,
    pub paths: DeskPaths,
}

/// The user's own folders (never machine-wide, never beside the executable).
#[derive(Debug, Clone)]
pub struct DeskPaths {
    /// The per-user file that keeps the chosen database (see `db::DbConfig`).
    pub config_file: PathBuf,
    /// App-data folder: the default SQLite file and the first administrator password.
    pub data_dir: PathBuf,
}

impl DeskState {
    pub fn new(hoshu: Hoshu, url: String, paths: DeskPaths) -> Self {
        Self {
            hoshu: Mutex::new(hoshu),
            session: Mutex::new(None),
            active_url: Mutex::new(url),
            paths,
        }
    }

    pub fn active_url(&self) -> String {
        relock(&self.active_url).clone()
    }

    /// The application on the current database (cheap to clone: a pool handle and a clock).
    pub fn hoshu(&self) -> Hoshu {
        relock(&self.hoshu).clone()
    }

    /// Switches to another database; whoever was logged in is logged out.
    pub fn replace(&self, hoshu: Hoshu, url: String) -> Hoshu {
        self.set(None);
        *relock(&self.active_url) = url;
        std::mem::replace(&mut *relock(&self.hoshu), hoshu)
    }

    /// The logged-in session, or the error the log-in screen reacts to.
    pub fn session(&self) -> AppResult<Session> {
        relock(&self.session)
            .clone()
            .ok_or_else(|| AppError::new(ErrorCode::AuthFailed, "ログインしてください。"))
    }

    pub fn peek(&self) -> Option<Session> {
        relock(&self.session).clone()
    }

    pub fn set(&self, session: Option<Session>) -> Option<Session> {
        std::mem::replace(&mut *relock(&self.session), session)
    }
}

/// A panic while holding either lock cannot leave a half-written value (both are replaced whole).
fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
