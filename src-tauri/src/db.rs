//! Where the database lives: `HOSHU_DB` when set (demo data, tests), otherwise a SQLite file
//! in the user's own app-data folder, created on first run.

use hoshu_app::Hoshu;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager};

pub const DB_ENV: &str = "HOSHU_DB";
const DB_FILE: &str = "hoshu.sqlite";
const FIRST_PASSWORD_FILE: &str = "初期管理者パスワード.txt";

type BoxError = Box<dyn std::error::Error>;

pub fn database_url(app: &AppHandle) -> Result<String, BoxError> {
    if let Some(url) = std::env::var(DB_ENV).ok().filter(|v| !v.trim().is_empty()) {
        return Ok(url);
    }
    let dir = app.path().app_data_dir()?;
    Ok(sqlite_url(&dir.join(DB_FILE)))
}

pub fn sqlite_url(path: &Path) -> String {
    format!("sqlite:{}", path.display())
}

/// Opens the database (migrations run on connect). A new database gets its `admin` account;
/// the generated password is written once, readable by this user only, beside the database.
pub async fn open(url: &str, app: &AppHandle) -> Result<Hoshu, BoxError> {
    if let Some(path) = url.strip_prefix("sqlite:")
        && let Some(dir) = Path::new(path).parent()
        && !dir.as_os_str().is_empty()
    {
        std::fs::create_dir_all(dir)?;
    }
    let hoshu = Hoshu::open(url).await?;
    let password = std::env::var("HOSHU_ADMIN_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty())
        .unwrap_or_else(first_password);
    if hoshu.initialise(&password).await? {
        let dir: PathBuf = app.path().app_data_dir()?;
        std::fs::create_dir_all(&dir)?;
        write_private(&dir.join(FIRST_PASSWORD_FILE), &password)?;
    }
    Ok(hoshu)
}

fn first_password() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::from("Hd-");
    for _ in 0..3 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_nanos())
                .unwrap_or_default(),
        );
        out.push_str(&format!("{:08x}", h.finish() as u32));
    }
    out
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
