//! What can go wrong in the store, in Japanese for the person at the terminal.

use sqlx::error::ErrorKind;

/// Every failure of the store. The messages are complete Japanese sentences that the app may
/// show as they are; the variants let the use cases react (reload on [`StoreError::Stale`],
/// retry later on [`StoreError::Unavailable`], and so on).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The row changed since it was read (optimistic concurrency): someone else saved first.
    #[error("{what}は他の人が更新しました。画面を開き直してください。")]
    Stale { what: String },

    /// The row does not exist (or no longer exists).
    #[error("{what}が見つかりません。")]
    NotFound { what: String },

    /// The database cannot be reached or used right now: network, server, file or lock.
    #[error(
        "データベースに接続できません。ネットワークとサーバーの状態を確認し、しばらくしてから再度お試しください。（{detail}）"
    )]
    Unavailable { detail: String },

    /// A stored value cannot be read back: an unknown code, a bad timestamp, a wrong type.
    #[error("データベースの内容が不正です（{what}）。システム管理者に連絡してください。")]
    Corrupt { what: String },

    /// The write breaks a rule of the schema, e.g. a login that is already taken. The message
    /// is complete and names what clashed where the store knows it.
    #[error("{message}")]
    Constraint { message: String },

    /// The database or the audit key is not ready for this process: the schema is behind the
    /// program, the audit log still awaits its move to the keyed chain, or the key file is
    /// missing, garbled or not this database's. The message says what to do, and who.
    #[error("{message}")]
    Setup { message: String },

    /// Anything else; the detail is for the log and the administrator.
    #[error("データベースの処理に失敗しました。（{detail}）")]
    Other { detail: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

impl StoreError {
    pub(crate) fn stale(what: impl Into<String>) -> Self {
        StoreError::Stale { what: what.into() }
    }

    pub(crate) fn not_found(what: impl Into<String>) -> Self {
        StoreError::NotFound { what: what.into() }
    }

    pub(crate) fn setup(message: impl Into<String>) -> Self {
        StoreError::Setup {
            message: message.into(),
        }
    }

    pub(crate) fn corrupt(what: impl Into<String>) -> Self {
        StoreError::Corrupt { what: what.into() }
    }

    /// True when the write broke a rule of the schema (uniqueness, reference, check).
    pub fn is_constraint(&self) -> bool {
        matches!(self, StoreError::Constraint { .. })
    }
}

/// SQLite primary result codes that mean "the file cannot be used right now".
const SQLITE_UNAVAILABLE: &[i64] = &[
    5,  // SQLITE_BUSY: another connection holds the lock past busy_timeout
    6,  // SQLITE_LOCKED
    10, // SQLITE_IOERR
    13, // SQLITE_FULL
    14, // SQLITE_CANTOPEN
    8,  // SQLITE_READONLY
];

/// Maps a driver error to a store error.
pub(crate) fn from_sqlx(e: sqlx::Error) -> StoreError {
    use sqlx::Error as E;
    match e {
        E::Database(db) => {
            match db.kind() {
                ErrorKind::UniqueViolation => {
                    return StoreError::Constraint {
                        message: "同じ内容のデータが既に登録されています。".into(),
                    };
                }
                ErrorKind::ForeignKeyViolation => {
                    return StoreError::Constraint {
                        message:
                            "関連するデータ（所属・アカウント・依頼など）が登録されていません。"
                                .into(),
                    };
                }
                ErrorKind::NotNullViolation | ErrorKind::CheckViolation => {
                    return StoreError::Constraint {
                        message: format!(
                            "入力内容がデータベースの制約に違反しています。（{}）",
                            db.message()
                        ),
                    };
                }
                _ => {}
            }
            let code = db.code().map(|c| c.into_owned()).unwrap_or_default();
            let unavailable = if let Ok(n) = code.parse::<i64>() {
                // SQLite reports extended result codes; the primary code is the low byte.
                SQLITE_UNAVAILABLE.contains(&(n & 0xff))
            } else {
                // PostgreSQL: class 08 connection exception, 53 insufficient resources,
                // 57P operator intervention (shutdown), 58 system error.
                code.starts_with("08")
                    || code.starts_with("53")
                    || code.starts_with("57P")
                    || code.starts_with("58")
            };
            let detail = if code.is_empty() {
                db.message().to_owned()
            } else {
                format!("{code}: {}", db.message())
            };
            if unavailable {
                StoreError::Unavailable { detail }
            } else {
                StoreError::Other { detail }
            }
        }
        E::Io(_) | E::Tls(_) | E::PoolTimedOut | E::PoolClosed | E::WorkerCrashed => {
            StoreError::Unavailable {
                detail: e.to_string(),
            }
        }
        E::ColumnDecode { .. } | E::Decode(_) | E::ColumnNotFound(_) | E::TypeNotFound { .. } => {
            StoreError::Corrupt {
                what: e.to_string(),
            }
        }
        other => StoreError::Other {
            detail: other.to_string(),
        },
    }
}

impl From<sqlx::Error> for StoreError {
    fn from(e: sqlx::Error) -> Self {
        from_sqlx(e)
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        match e {
            sqlx::migrate::MigrateError::Execute(inner)
            | sqlx::migrate::MigrateError::ExecuteMigration(inner, _) => from_sqlx(inner),
            other => StoreError::Other {
                detail: format!("データベースの更新（マイグレーション）に失敗しました: {other}"),
            },
        }
    }
}
