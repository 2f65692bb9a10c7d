//! The audit key's file: 64 hex digits and an optional newline, readable by its owner only.
//! The key never goes into the database — that is what makes the chain unforgeable by someone
//! who can write to it — so every process that appends to the log reads it from here.

use crate::error::{Result, StoreError};
use hoshu_core::audit::AuditKey;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file name used beside a SQLite database when no key file is named.
pub const DEFAULT_FILE_NAME: &str = "audit.key";

/// Reads the key at `path`; a missing, short or garbled file is refused with a message that
/// names it.
pub fn load(path: &Path) -> Result<AuditKey> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        StoreError::setup(if e.kind() == std::io::ErrorKind::NotFound {
            format!(
                "監査ログの鍵ファイル {} がありません。鍵ファイルの場所を確認してください（新しいデータベースでは `hoshu init` が作成します）。",
                path.display()
            )
        } else {
            format!(
                "監査ログの鍵ファイル {} を読み込めません: {e}",
                path.display()
            )
        })
    })?;
    AuditKey::from_hex(&text).map_err(|e| {
        StoreError::setup(format!(
            "監査ログの鍵ファイル {} の内容が正しくありません: {e}",
            path.display()
        ))
    })
}

/// Writes a new random key to `path` (mode 0600 on unix) and returns it. An existing file is
/// never overwritten: losing the key makes the log unverifiable.
pub fn create(path: &Path) -> Result<AuditKey> {
    use rand::RngCore;
    let mut bytes = [0; AuditKey::LEN];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let key = AuditKey::from_bytes(bytes);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let written = options.open(path).and_then(|mut f| {
        f.write_all(format!("{}\n", key.to_hex()).as_bytes())
            .and(f.sync_all())
    });
    match written {
        Ok(()) => Ok(key),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Err(StoreError::setup(format!(
            "監査ログの鍵ファイル {} は既にあります。上書きはしません（鍵を失うと監査ログを検証できなくなります）。",
            path.display()
        ))),
        Err(e) => Err(StoreError::setup(format!(
            "監査ログの鍵ファイル {} を作成できません: {e}",
            path.display()
        ))),
    }
}

/// Reads the key at `path`, creating it first when there is no file yet: for whoever creates
/// the database (`hoshu init`, the desktop's first start). Returns whether it was created.
pub fn load_or_create(path: &Path) -> Result<(AuditKey, bool)> {
    if path.exists() {
        Ok((load(path)?, false))
    } else {
        Ok((create(path)?, true))
    }
}

/// `audit.key` beside the file of a `sqlite:` URL; `None` for any other database.
pub fn default_path(url: &str) -> Option<PathBuf> {
    let path = crate::url::sqlite_file(url)?;
    let dir = path.parent().unwrap_or(Path::new(""));
    Some(dir.join(DEFAULT_FILE_NAME))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_created_key_loads_back_and_is_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("audit.key");
        let key = create(&path).unwrap();
        assert_eq!(load(&path).unwrap(), key);
        let text = std::fs::read_to_string(&path).unwrap();
        assert_eq!(text.len(), 65, "64 hex digits and a newline");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        let err = create(&path).unwrap_err().to_string();
        assert!(err.contains("上書きはしません"), "{err}");
        assert_eq!(load(&path).unwrap(), key, "the first key survives");
        assert_eq!(load_or_create(&path).unwrap(), (key, false));
    }

    #[test]
    fn short_garbled_and_missing_files_are_refused_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let short = dir.path().join("short.key");
        std::fs::write(&short, "abcdef\n").unwrap();
        let err = load(&short).unwrap_err().to_string();
        assert!(
            err.contains("short.key") && err.contains("64 文字"),
            "{err}"
        );
        let garbled = dir.path().join("garbled.key");
        std::fs::write(&garbled, "z".repeat(64)).unwrap();
        let err = load(&garbled).unwrap_err().to_string();
        assert!(
            err.contains("garbled.key") && err.contains("16進数"),
            "{err}"
        );
        let err = load(&dir.path().join("none.key")).unwrap_err().to_string();
        assert!(
            err.contains("none.key") && err.contains("ありません"),
            "{err}"
        );
    }

    #[test]
    fn the_default_key_sits_beside_the_sqlite_file() {
        assert_eq!(
            default_path("sqlite:/var/hoshu/hoshu.sqlite?mode=rwc"),
            Some(PathBuf::from("/var/hoshu/audit.key"))
        );
        assert_eq!(
            default_path("sqlite:hoshu.sqlite"),
            Some(PathBuf::from("audit.key"))
        );
        assert_eq!(default_path("postgres://u@h/db"), None);
    }
}
