//! 接続先の設定: the local SQLite file or the address of `hoshu serve` (HTTPS). The log-in
//! screen may set it up on a terminal's first start (nobody can log in before the database is
//! reachable); afterwards only a logged-in administrator may change it ([`db::may_change`]),
//! and the move is audited in the database left. It writes only the user's own config file.

use super::Desk;
use crate::db::{self, DbConfig, DbKind};
use crate::remote::CallError;
use crate::state::Backend;
use hoshu_app::{AppError, AppResult, ErrorCode};
use serde::Serialize;
use serde_json::json;
use std::time::Duration;

/// How long a connection test may take before it counts as unreachable.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// What the settings screen shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct DbStatus {
    /// The saved choice (effective after restart or reconnect).
    pub kind: DbKind,
    pub sqlite_path: String,
    pub default_sqlite_path: String,
    pub server_url: String,
    /// The database in use now (password masked).
    pub active: String,
    /// `HOSHU_DB` is set: it decides at start-up, whatever is saved.
    pub env_override: bool,
    pub config_file: String,
    /// Why the choice cannot be changed now (see [`db::may_change`]); `None` when it can.
    pub locked: Option<String>,
}

#[tauri::command]
pub fn database_config(desk: Desk<'_>) -> AppResult<DbStatus> {
    let config = DbConfig::load(&desk.paths.config_file).map_err(|e| {
        AppError::new(
            ErrorCode::Internal,
            format!("接続先の設定ファイルを読み取れません: {e}"),
        )
    })?;
    let locked = permission(&desk).err().map(|e| e.message);
    Ok(DbStatus {
        locked,
        kind: config.kind,
        sqlite_path: config.sqlite_path,
        default_sqlite_path: db::default_sqlite_path(&desk.paths).display().to_string(),
        server_url: config.server_url,
        active: db::masked(&desk.active_url()),
        env_override: db::env_url().is_some(),
        config_file: desk.paths.config_file.display().to_string(),
    })
}

/// Connects (a server: asks its health check; a file: opens it and runs the migrations);
/// nothing is saved. Returns a Japanese result line.
#[tauri::command]
pub async fn test_database(desk: Desk<'_>, config: DbConfig) -> Result<String, CallError> {
    permission(&desk)?;
    let url = checked_url(&desk, &config)?;
    let backend = connect(&url, &desk.paths.data_dir).await?;
    close(backend).await;
    Ok(format!("接続できました（{}）。", db::masked(&url)))
}

/// Tests, then saves the choice in the user's config file; with `reconnect`, switches to it
/// now (whoever is logged in is logged out), otherwise at the next start. An administrator's
/// move is written to the audit log of the database in use before anything is saved.
#[tauri::command]
pub async fn save_database(
    desk: Desk<'_>,
    config: DbConfig,
    reconnect: bool,
) -> Result<String, CallError> {
    permission(&desk)?;
    let url = checked_url(&desk, &config)?;
    let backend = connect(&url, &desk.paths.data_dir).await?;
    if desk.peek().is_some() {
        desk.call(
            "record_database_switch",
            json!({"target": db::masked(&url)}),
            None,
        )
        .await?;
    }
    config.save(&desk.paths.config_file)?;
    if !reconnect {
        close(backend).await;
        return Ok("接続先を保存しました。次回の起動から有効になります。".into());
    }
    close(desk.replace(backend, url)).await;
    Ok("接続先を保存し、再接続しました。ログインしてください。".into())
}

fn permission(desk: &Desk<'_>) -> AppResult<()> {
    let file = &desk.paths.config_file;
    db::may_change(file.exists(), desk.peek().map(|s| s.actor.role), file)
}

fn checked_url(desk: &Desk<'_>, config: &DbConfig) -> AppResult<String> {
    config.validate()?;
    Ok(config.url(&db::default_sqlite_path(&desk.paths)))
}

async fn connect(url: &str, data_dir: &std::path::Path) -> AppResult<Backend> {
    let opened = tokio::time::timeout(CONNECT_TIMEOUT, async {
        let backend = db::open(url, data_dir)
            .await
            .map_err(|e| unavailable(&e.to_string()))?;
        if let Backend::Remote(remote) = &backend {
            remote.health().await.map_err(|e| {
                let detail = e.0["message"].as_str().unwrap_or_default().to_owned();
                unavailable(&detail)
            })?;
        }
        Ok(backend)
    })
    .await;
    opened.unwrap_or_else(|_| Err(unavailable("応答がありません（10秒）")))
}

async fn close(backend: Backend) {
    if let Backend::Local(hoshu) = backend {
        hoshu.store().close().await;
    }
}

fn unavailable(detail: &str) -> AppError {
    AppError::new(
        ErrorCode::Unavailable,
        format!("データベースに接続できませんでした: {detail}"),
    )
}
