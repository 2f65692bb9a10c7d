//! Where the API runs: in a debug build, `HOSHU_DB` when set (demo data, tests: a `sqlite:`
//! file or a server's `https://` URL; a release build ignores it, because anyone can set an
//! environment variable and the database choice is the administrator's); otherwise the choice kept in the user's own config file (`database.json`
//! in the app config folder, never machine-wide): the local SQLite file or the address of
//! `hoshu serve`; otherwise a SQLite file in the user's own app-data folder, created on first
//! run. A terminal never holds a database credential: the shared database is reached only
//! through the server, which checks every rule.

use crate::remote::{Remote, is_loopback_http};
use crate::state::{Backend, DeskPaths};
use hoshu_app::{AppError, AppResult, ErrorCode, Hoshu};
use hoshu_core::Role;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};

pub const DB_ENV: &str = "HOSHU_DB";
/// The audit key file, when it is not in its usual place.
pub const KEY_ENV: &str = "HOSHU_AUDIT_KEY_FILE";
const DB_FILE: &str = "hoshu.sqlite";
pub const CONFIG_FILE: &str = "database.json";
const FIRST_PASSWORD_FILE: &str = "初期管理者パスワード.txt";

type BoxError = Box<dyn std::error::Error>;

/// The user's own folders for this app.
pub fn paths(app: &AppHandle) -> Result<DeskPaths, BoxError> {
    Ok(DeskPaths {
        config_file: app.path().app_config_dir()?.join(CONFIG_FILE),
        data_dir: app.path().app_data_dir()?,
    })
}

pub fn database_url(paths: &DeskPaths) -> Result<String, BoxError> {
    if let Some(url) = env_url() {
        return Ok(url);
    }
    let config = DbConfig::load(&paths.config_file)?;
    Ok(config.url(&paths.data_dir.join(DB_FILE)))
}

pub fn default_sqlite_path(paths: &DeskPaths) -> PathBuf {
    paths.data_dir.join(DB_FILE)
}

/// How the program was built: the overrides for development and tests exist only in debug.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Build {
    Debug,
    Release,
}

pub const BUILD: Build = if cfg!(debug_assertions) {
    Build::Debug
} else {
    Build::Release
};

/// `HOSHU_DB`, when set and not empty, in a debug build.
pub fn env_url() -> Option<String> {
    env_override(BUILD, DB_ENV)
}

/// The variable `name` when `build` honours overrides and it is set and not empty. A release
/// build answers `None` whatever the environment says.
pub fn env_override(build: Build, name: &str) -> Option<String> {
    match build {
        Build::Debug => std::env::var(name).ok().filter(|v| !v.trim().is_empty()),
        Build::Release => None,
    }
}

/// Which database: the local SQLite file, or the shared one behind `hoshu serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum DbKind {
    #[default]
    Sqlite,
    Server,
}

/// The user's choice, kept in their own config file. It holds no secret: a server is known
/// by its address only.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(default)]
pub struct DbConfig {
    pub kind: DbKind,
    /// Empty: the default file in the app-data folder.
    pub sqlite_path: String,
    /// `https://hoshu.example.lg.jp:8443`
    pub server_url: String,
}

impl DbConfig {
    /// The saved choice. A file from before the server existed may name a PostgreSQL URL with
    /// its password: it is deleted unread (no credential stays on a terminal) and the
    /// terminal starts as on its first day, until IT points it at the server.
    pub fn load(path: &Path) -> Result<Self, BoxError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Self::default()),
            Err(e) => return Err(e.into()),
        };
        let value: serde_json::Value = serde_json::from_str(&text)?;
        if value.get("kind").and_then(|k| k.as_str()) == Some("postgres")
            || value.get("postgres_url").is_some()
        {
            std::fs::remove_file(path)?;
            return Ok(Self::default());
        }
        Ok(serde_json::from_value(value)?)
    }

    pub fn save(&self, path: &Path) -> AppResult<()> {
        let text = serde_json::to_string_pretty(self)
            .map_err(|e| AppError::new(ErrorCode::Internal, e.to_string()))?;
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(io_error)?;
        }
        write_private(path, &text).map_err(io_error)
    }

    /// The database URL this choice stands for.
    pub fn url(&self, default_sqlite: &Path) -> String {
        match self.kind {
            DbKind::Server => self.server_url.trim().trim_end_matches('/').to_owned(),
            DbKind::Sqlite if self.sqlite_path.trim().is_empty() => sqlite_url(default_sqlite),
            DbKind::Sqlite => sqlite_url(Path::new(self.sqlite_path.trim())),
        }
    }

    /// Field errors for the settings screen: a server is reached over HTTPS.
    pub fn validate(&self) -> AppResult<()> {
        match self.kind {
            DbKind::Sqlite => Ok(()),
            DbKind::Server => validate_server_url(self.server_url.trim()),
        }
    }
}

/// Whether the terminal's database may be changed now. Whoever chooses the database receives
/// every password typed at the terminal, so once a choice is saved only an administrator,
/// logged in, may change it (and the move is audited). Before that — the first start on a
/// terminal — the log-in screen may set it up. `config_file` is named in the refusal: when the
/// saved database can no longer be reached, removing that file is how IT starts over.
pub fn may_change(
    choice_saved: bool,
    logged_in: Option<Role>,
    config_file: &Path,
) -> AppResult<()> {
    match logged_in {
        Some(Role::Admin) => Ok(()),
        Some(_) => Err(AppError::new(
            ErrorCode::Forbidden,
            "接続先の変更は管理者のみが行えます。",
        )),
        None if !choice_saved => Ok(()),
        None => Err(AppError::new(
            ErrorCode::Forbidden,
            format!(
                "この端末の接続先は設定済みです。変更は管理者がログインして「接続先」画面から行います（接続できないときは、情報システム担当者が設定ファイル {} を削除してから設定し直します）。",
                config_file.display()
            ),
        )),
    }
}

fn io_error(e: std::io::Error) -> AppError {
    AppError::new(
        ErrorCode::Internal,
        format!("接続先の設定ファイルを保存できませんでした: {e}"),
    )
}

/// `https://host[:port]`, or `http://` to this machine only (a local TLS proxy or a test).
/// A database URL is refused: terminals never hold its password.
pub fn validate_server_url(url: &str) -> AppResult<()> {
    const FIELD: &str = "server_url";
    const LABEL: &str = "サーバーのURL";
    if url.is_empty() {
        return Err(AppError::field(
            FIELD,
            LABEL,
            "サーバーのURLを入力してください。",
        ));
    }
    if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        return Err(AppError::field(
            FIELD,
            LABEL,
            "端末からデータベースへ直接接続することはできません。保守デスクのサーバー（https://…）のURLを入力してください。",
        ));
    }
    let host_part = url.strip_prefix("https://").unwrap_or_default();
    if !(is_loopback_http(url) || !host_part.is_empty() && !host_part.starts_with('/')) {
        return Err(AppError::field(
            FIELD,
            LABEL,
            "サーバーのURLは https:// で始めてください（例：https://hoshu.example.lg.jp:8443）。",
        ));
    }
    if url.contains('@') || url.contains('?') || url.contains('#') {
        return Err(AppError::field(
            FIELD,
            LABEL,
            "サーバーのURLには利用者名・パスワードや ? # を含めないでください。",
        ));
    }
    Ok(())
}

/// Whether `url` names a server rather than a database file.
pub fn is_server_url(url: &str) -> bool {
    url.starts_with("https://") || url.starts_with("http://")
}

pub use hoshu_app::database_url::{masked, sqlite_url};

/// Where the audit key of the local database `url` is: `HOSHU_AUDIT_KEY_FILE` when set; else
/// `audit.key` beside the SQLite file (the user's app-data folder for the default one).
pub fn key_path(url: &str, data_dir: &Path) -> PathBuf {
    if let Some(path) = env_override(BUILD, KEY_ENV) {
        return PathBuf::from(path);
    }
    hoshu_app::keyfile::default_path(url)
        .unwrap_or_else(|| data_dir.join(hoshu_app::keyfile::DEFAULT_FILE_NAME))
}

/// Opens the terminal's own SQLite file with its audit key: the file is its user's, opened as
/// owner, migrated, and given a new key on first start. A shared database is never opened
/// here: terminals reach it only through `hoshu serve`.
pub async fn connect(url: &str, data_dir: &Path) -> AppResult<Hoshu> {
    if !url.starts_with("sqlite:") {
        return Err(AppError::new(
            ErrorCode::Validation,
            "端末から開けるのはこの端末のデータベース（SQLite）だけです。共有データベースには保守デスクのサーバーを通して接続します。",
        ));
    }
    let path = key_path(url, data_dir);
    for dir in [
        path.parent(),
        hoshu_app::database_url::sqlite_file(url)
            .as_deref()
            .and_then(Path::parent),
    ]
    .into_iter()
    .flatten()
    .filter(|d| !d.as_os_str().is_empty())
    {
        std::fs::create_dir_all(dir).map_err(|e| {
            AppError::new(
                ErrorCode::Unavailable,
                format!("フォルダ {} を作成できません: {e}", dir.display()),
            )
        })?;
    }
    let (key, _) = hoshu_app::keyfile::load_or_create(&path)?;
    Hoshu::open(url, key).await
}

/// The backend `url` stands for: a server, or the local database, opened with its migrations
/// run. A new local database gets its `admin` account; the generated password is written
/// once, readable by this user only, beside the database.
pub async fn open(url: &str, data_dir: &Path) -> Result<Backend, BoxError> {
    if is_server_url(url) {
        validate_server_url(url)?;
        let remote = Remote::new(url)?;
        return Ok(Backend::Remote(remote));
    }
    let hoshu = connect(url, data_dir).await?;
    let password = match env_override(BUILD, "HOSHU_ADMIN_PASSWORD") {
        Some(password) => password,
        None => first_password()?,
    };
    if hoshu.initialise(&password).await? {
        std::fs::create_dir_all(data_dir)?;
        write_private(&data_dir.join(FIRST_PASSWORD_FILE), &password)?;
    }
    Ok(Backend::Local(hoshu))
}

/// Removes the file with the first administrator's password: called at the first successful
/// log-in on the local database, after which the file has done its work (that password must
/// be changed at once anyway).
pub fn forget_first_password(data_dir: &Path) {
    let _ = std::fs::remove_file(first_password_file(data_dir));
}

/// The path of the first administrator's password file, while it exists.
pub fn first_password_file(data_dir: &Path) -> PathBuf {
    data_dir.join(FIRST_PASSWORD_FILE)
}

/// A random first password (96 bits from the operating system's generator).
fn first_password() -> Result<String, BoxError> {
    use ring::rand::SecureRandom;
    let mut bytes = [0u8; 12];
    ring::rand::SystemRandom::new()
        .fill(&mut bytes)
        .map_err(|_| "乱数を生成できません")?;
    Ok(format!("Hd-{}", hex::encode(bytes)))
}

fn write_private(path: &Path, text: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    options.open(path)?.write_all(text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_release_build_ignores_the_environment() {
        // PATH is set in every environment the tests run in.
        let path = std::env::var("PATH").expect("PATH");
        assert_eq!(env_override(Build::Debug, "PATH"), Some(path));
        assert_eq!(env_override(Build::Release, "PATH"), None);
        assert_eq!(BUILD, Build::Debug, "tests run on a debug build");
    }

    #[test]
    fn only_the_first_start_or_an_administrator_may_change_the_database() {
        let file = Path::new("/home/u/.config/jp.lg.hoshu-desk/database.json");
        assert!(may_change(false, None, file).is_ok());
        assert!(may_change(true, Some(Role::Admin), file).is_ok());
        assert!(may_change(false, Some(Role::Admin), file).is_ok());
        for role in [Role::Staff, Role::Chief, Role::Contractor] {
            for saved in [false, true] {
                let err = may_change(saved, Some(role), file).unwrap_err();
                assert_eq!(err.code, ErrorCode::Forbidden, "{role:?}");
            }
        }
        let err = may_change(true, None, file).unwrap_err();
        assert_eq!(err.code, ErrorCode::Forbidden);
        assert!(err.message.contains("database.json"), "{}", err.message);
    }
}
