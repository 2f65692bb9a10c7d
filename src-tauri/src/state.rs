//! What the window shares between commands: where the API runs, who is logged in, the file
//! dialogs and the drafts of this terminal profile.

use crate::files::FileChooser;
use crate::remote::{CallError, Remote};
use crate::vault::DraftVault;
use hoshu_app::{AppError, AppResult, ErrorCode, Hoshu, IdempotencyKey, Session};
use serde_json::Value;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// Where the one API runs for this window.
#[derive(Debug, Clone)]
pub enum Backend {
    /// In this process, on the local SQLite file.
    Local(Hoshu),
    /// On `hoshu serve`; the terminal holds no database credential.
    Remote(Remote),
}

/// Who is logged in. On a server the token is kept here, in memory only.
#[derive(Debug, Clone)]
struct LoggedIn {
    session: Session,
    token: Option<String>,
}

/// Managed by Tauri; one per running app (no global).
#[derive(Debug)]
pub struct DeskState {
    backend: Mutex<Backend>,
    logged_in: Mutex<Option<LoggedIn>>,
    /// The database file or server in use (never with a password).
    active_url: Mutex<String>,
    pub paths: DeskPaths,
    /// The user's side of the computer: file dialogs and the drafts kept here.
    pub terminal: Terminal,
}

/// What the shell keeps on this computer for the window.
pub struct Terminal {
    pub chooser: Arc<dyn FileChooser>,
    pub drafts: DraftVault,
}

impl std::fmt::Debug for Terminal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Terminal")
            .field("drafts_kept_on_disk", &self.drafts.kept_on_disk())
            .finish_non_exhaustive()
    }
}

/// The user's own folders (never machine-wide, never beside the executable).
#[derive(Debug, Clone)]
pub struct DeskPaths {
    /// The per-user file that keeps the chosen database (see `db::DbConfig`).
    pub config_file: PathBuf,
    /// App-data folder: the default SQLite file, the first administrator password (until
    /// the first log-in) and the encrypted drafts.
    pub data_dir: PathBuf,
}

impl DeskPaths {
    pub fn drafts_dir(&self) -> PathBuf {
        self.data_dir.join("drafts")
    }
}

fn not_logged_in() -> AppError {
    AppError::new(ErrorCode::AuthFailed, "ログインしてください。")
}

impl DeskState {
    pub fn new(backend: Backend, url: String, paths: DeskPaths, terminal: Terminal) -> Self {
        Self {
            backend: Mutex::new(backend),
            logged_in: Mutex::new(None),
            active_url: Mutex::new(url),
            paths,
            terminal,
        }
    }

    pub fn active_url(&self) -> String {
        relock(&self.active_url).clone()
    }

    pub fn backend(&self) -> Backend {
        relock(&self.backend).clone()
    }

    /// The application in this process, for what only the local mode has (progress events
    /// of long renders, the audit entry of a database switch).
    pub fn local(&self) -> Option<Hoshu> {
        match &*relock(&self.backend) {
            Backend::Local(hoshu) => Some(hoshu.clone()),
            Backend::Remote(_) => None,
        }
    }

    /// Switches to another database or server; whoever was logged in is logged out.
    pub fn replace(&self, backend: Backend, url: String) -> Backend {
        *relock(&self.logged_in) = None;
        *relock(&self.active_url) = url;
        std::mem::replace(&mut *relock(&self.backend), backend)
    }

    /// The logged-in session, or the error the log-in screen reacts to.
    pub fn session(&self) -> AppResult<Session> {
        self.peek().ok_or_else(not_logged_in)
    }

    pub fn peek(&self) -> Option<Session> {
        relock(&self.logged_in).as_ref().map(|l| l.session.clone())
    }

    /// Logs in on the backend in use.
    pub async fn log_in(&self, login: &str, password: &str) -> Result<Session, CallError> {
        let (session, token) = match self.backend() {
            Backend::Local(hoshu) => (hoshu.login(login, password).await?, None),
            Backend::Remote(remote) => {
                let (token, session) = remote.login(login, password).await?;
                (session, Some(token))
            }
        };
        *relock(&self.logged_in) = Some(LoggedIn {
            session: session.clone(),
            token,
        });
        Ok(session)
    }

    /// Forgets the session here (the token is dropped from memory) and returns it with its
    /// token, for the backend's own log-out.
    pub fn take_session(&self) -> Option<(Session, Option<String>)> {
        relock(&self.logged_in).take().map(|l| (l.session, l.token))
    }

    /// One operation of the API, on whichever backend is in use. A session the server has
    /// ended (idle, log-out elsewhere, ended by the administrator) is forgotten here too.
    pub async fn call(
        &self,
        operation: &str,
        args: Value,
        idempotency_key: Option<String>,
    ) -> Result<Value, CallError> {
        let logged_in = relock(&self.logged_in).clone().ok_or_else(not_logged_in)?;
        let answer = match self.backend() {
            Backend::Local(hoshu) => {
                let hoshu = match idempotency_key {
                    Some(key) => hoshu.with_idempotency_key(IdempotencyKey {
                        key,
                        operation: operation.to_owned(),
                    }),
                    None => hoshu,
                };
                match hoshu_api::dispatch(&hoshu, &logged_in.session, operation, args).await {
                    Some(answer) => answer.map_err(CallError::from),
                    None => Err(unknown(operation)),
                }
            }
            Backend::Remote(remote) => {
                let token = logged_in.token.as_deref().ok_or_else(not_logged_in)?;
                remote
                    .call(token, operation, args, idempotency_key.as_deref())
                    .await
            }
        };
        match &answer {
            Err(e) if e.code() == Some("auth_failed") => *relock(&self.logged_in) = None,
            // The password is the user's own now: the session kept here says so too.
            Ok(_) if operation == "change_password" => {
                if let Some(l) = relock(&self.logged_in).as_mut() {
                    l.session.must_change_password = false;
                }
            }
            _ => {}
        }
        answer
    }

    /// [`DeskState::call`] for a command of the shell that needs the answer typed.
    pub async fn call_typed<T: serde::de::DeserializeOwned>(
        &self,
        operation: &str,
        args: Value,
    ) -> Result<T, CallError> {
        let value = self.call(operation, args, None).await?;
        serde_json::from_value(value).map_err(|e| {
            CallError::from(AppError::new(
                ErrorCode::Internal,
                format!("応答を読めませんでした（{operation}）: {e}"),
            ))
        })
    }
}

fn unknown(operation: &str) -> CallError {
    CallError::from(AppError::new(
        ErrorCode::NotFound,
        format!("操作「{operation}」はありません。"),
    ))
}

/// A panic while holding a lock cannot leave a half-written value (each is replaced whole).
fn relock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}
