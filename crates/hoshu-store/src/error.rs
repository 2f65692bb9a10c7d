//! What can go wrong in the store, in Japanese for the person at the terminal.

use crate::columns::ColumnValueError;
use sqlx::error::ErrorKind;
use std::sync::Arc;

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
    Unavailable {
        /// What kind of failure, or the database's error code: never the driver's own text.
        detail: String,
        #[source]
        source: Option<DriverError>,
    },

    /// A stored value cannot be read back: an unknown code, a bad timestamp, a wrong type.
    #[error("データベースの内容が不正です（{what}）。システム管理者に連絡してください。")]
    Corrupt {
        what: String,
        #[source]
        source: Option<DriverError>,
    },

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
    Other {
        detail: String,
        #[source]
        source: Option<DriverError>,
    },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// The driver's own error, kept as the source of a [`StoreError`] for logs and for whoever
/// debugs; its text is English and may name tables or values, so it is never part of the
/// message people see. Compared by its text, so that store errors stay comparable in tests.
#[derive(Debug, Clone)]
pub struct DriverError(Arc<sqlx::Error>);

impl DriverError {
    pub fn driver(&self) -> &sqlx::Error {
        &self.0
    }
}

impl PartialEq for DriverError {
    fn eq(&self, other: &Self) -> bool {
        self.0.to_string() == other.0.to_string()
    }
}

impl Eq for DriverError {}

impl std::fmt::Display for DriverError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for DriverError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&*self.0)
    }
}

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
        StoreError::Corrupt {
            what: what.into(),
            source: None,
        }
    }

    pub(crate) fn other(detail: impl Into<String>) -> Self {
        StoreError::Other {
            detail: detail.into(),
            source: None,
        }
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

/// Maps a driver error to a store error: a Japanese message with at most the database's error
/// code; apart from broken constraints, the driver's error is kept as the source and logged
/// for the administrator.
pub(crate) fn from_sqlx(e: sqlx::Error) -> StoreError {
    use sqlx::Error as E;
    let (detail, kind) = match &e {
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
                        message: match db.constraint() {
                            Some(name) => {
                                format!("入力内容がデータベースの制約（{name}）に違反しています。")
                            }
                            None => "入力内容がデータベースの制約に違反しています。".into(),
                        },
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
                "コードなし".to_owned()
            } else {
                format!("コード {code}")
            };
            (
                detail,
                if unavailable {
                    Kind::Unavailable
                } else {
                    Kind::Other
                },
            )
        }
        E::Io(_) => ("通信エラー".to_owned(), Kind::Unavailable),
        E::Tls(_) => ("暗号化通信（TLS）のエラー".to_owned(), Kind::Unavailable),
        E::PoolTimedOut => ("接続待ちの時間切れ".to_owned(), Kind::Unavailable),
        E::PoolClosed => ("接続は閉じられています".to_owned(), Kind::Unavailable),
        E::WorkerCrashed => ("接続処理が停止しました".to_owned(), Kind::Unavailable),
        E::ColumnDecode { index, source } => {
            let column = index.trim_matches('"');
            let detail = match source.downcast_ref::<ColumnValueError>() {
                // Our own reading of the value: Japanese, and it names the value.
                Some(value) => format!("列 {column}: {value}"),
                None => format!("列 {column} の値"),
            };
            (detail, Kind::Corrupt)
        }
        E::ColumnNotFound(column) => (format!("列 {column} がありません"), Kind::Corrupt),
        E::Decode(_) | E::TypeNotFound { .. } => ("値の型".to_owned(), Kind::Corrupt),
        _ => ("内部エラー".to_owned(), Kind::Other),
    };
    // Logged here, after the constraint cases returned: a taken login is the person's mistake,
    // not something the administrator needs to read about.
    tracing::warn!(error = %e, "database error");
    let source = Some(DriverError(Arc::new(e)));
    match kind {
        Kind::Unavailable => StoreError::Unavailable { detail, source },
        Kind::Corrupt => StoreError::Corrupt {
            what: detail,
            source,
        },
        Kind::Other => StoreError::Other { detail, source },
    }
}

enum Kind {
    Unavailable,
    Corrupt,
    Other,
}

/// `result`, with a unique key already taken turned into `taken()`: a clearer refusal than the
/// generic one, such as a concurrent save that took the same next version first (stale) or a
/// name that is already registered.
pub(crate) fn when_taken<T>(
    result: sqlx::Result<T>,
    taken: impl FnOnce() -> StoreError,
) -> Result<T> {
    match result {
        Err(sqlx::Error::Database(db)) if db.kind() == ErrorKind::UniqueViolation => Err(taken()),
        other => Ok(other?),
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
            other => {
                tracing::warn!(error = %other, "migration failed");
                StoreError::other("構成の更新（マイグレーション）")
            }
        }
    }
}
