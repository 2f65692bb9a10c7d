//! Opening the database named by `--db` and logging in as `--user`.

use crate::*;

/// Where the audit key is: `--audit-key-file` / `HOSHU_AUDIT_KEY_FILE`, else `audit.key` beside
/// a SQLite database. A PostgreSQL database has no such place: its key must be named.
pub(crate) fn key_path(db: &str, key_file: Option<&Path>) -> Result<PathBuf, Failure> {
    if let Some(path) = key_file {
        return Ok(path.to_owned());
    }
    hoshu_app::keyfile::default_path(db).ok_or_else(|| {
        fail(
            "PostgreSQL のデータベースでは、監査ログの鍵ファイルを --audit-key-file または環境変数 HOSHU_AUDIT_KEY_FILE で指定してください。",
        )
    })
}

/// Opens the database as its owner (`init`, `demo`): migrates it, and creates the audit key
/// file when there is none yet.
pub(crate) async fn open_owner(
    db: &str,
    key_file: Option<&Path>,
    out: &mut impl Write,
) -> Result<Hoshu, Failure> {
    check_url(db, true)?;
    let path = key_path(db, key_file)?;
    let (key, created) =
        hoshu_app::keyfile::load_or_create(&path).map_err(|e| fail(e.to_string()))?;
    if created {
        writeln!(
            out,
            "監査ログの鍵を作成しました: {}（データベースとは別にバックアップしてください。鍵がないと監査ログを検証できません）",
            path.display()
        )?;
    }
    Ok(Hoshu::open(db, key).await?)
}

/// Opens the database for everyday commands, without changing its schema.
pub(crate) async fn open(db: &str, key_file: Option<&Path>) -> Result<Hoshu, Failure> {
    check_url(db, false)?;
    let key =
        hoshu_app::keyfile::load(&key_path(db, key_file)?).map_err(|e| fail(e.to_string()))?;
    Ok(Hoshu::open_runtime(db, key).await?)
}

/// Reading commands refuse to create an empty SQLite file by mistake.
pub(crate) fn check_url(url: &str, may_create: bool) -> Result<(), Failure> {
    if let Some(path) = hoshu_app::database_url::sqlite_file(url) {
        if !may_create && !path.exists() {
            return Err(fail(format!(
                "データベース {} が見つかりません。`hoshu --db {url} init` で作成するか、--db で指定してください。",
                path.display()
            )));
        }
    } else if !url.starts_with("postgres://") && !url.starts_with("postgresql://") {
        return Err(fail(format!(
            "--db は sqlite:ファイル名 か postgres://... で指定してください（指定値: {url}）。"
        )));
    }
    Ok(())
}

pub(crate) async fn login(hoshu: &Hoshu, user: Option<&str>) -> Result<Session, Failure> {
    let user = user.ok_or_else(|| fail("--user でログインIDを指定してください。"))?;
    let password = std::env::var("HOSHU_PASSWORD")
        .map_err(|_| fail("環境変数 HOSHU_PASSWORD にパスワードを設定してください。"))?;
    Ok(hoshu.login(user, &password).await?)
}

/// A one-time administrator password when HOSHU_ADMIN_PASSWORD is not given.
pub(crate) fn generated_password() -> String {
    use rand::Rng;
    const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rngs::OsRng;
    (0..16)
        .map(|_| char::from(ALPHABET[rng.gen_range(0..ALPHABET.len())]))
        .collect()
}
