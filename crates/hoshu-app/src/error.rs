//! The one error type every use case returns: a stable code for programs and a Japanese
//! message for people, plus the field errors a form shows beside its inputs.

use hoshu_core::FieldError;
use hoshu_core::ValidationErrors;
use hoshu_core::change::ChangeTransitionError;
use hoshu_core::policy::Denied;
use hoshu_core::request::TransitionError;
use hoshu_store::StoreError;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input broke a rule; `fields` says where.
    Validation,
    /// The policy refused the actor.
    Forbidden,
    /// Wrong log-in ID or password, or the session's account is no longer usable.
    AuthFailed,
    /// The password was set by an administrator: its owner must change it first.
    PasswordChangeRequired,
    NotFound,
    /// Someone else changed the record since it was read.
    Stale,
    /// The step is not allowed from the record's current status.
    InvalidTransition,
    /// A unique value is already taken.
    Duplicate,
    /// The database cannot be reached; what was typed must be kept and sent again.
    Unavailable,
    /// A write sent again with the idempotency key of one already committed: nothing was
    /// written this time.
    Replayed,
    /// A bulk export was asked for without confirming it; the message is the question to ask,
    /// naming the count. Nothing left the system.
    BulkExportUnconfirmed,
    Internal,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, thiserror::Error)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[error("{message}")]
pub struct AppError {
    pub code: ErrorCode,
    pub message: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
}

pub type AppResult<T> = Result<T, AppError>;

/// A record updated under optimistic concurrency: its version and how people name it.
pub(crate) trait Versioned {
    fn version(&self) -> i64;
    /// "変更 #3", "課題No.12": how the refusal names the record.
    fn name(&self) -> String;
}

/// Refuses an update made on a version that someone else has already replaced.
pub(crate) fn check_version(record: &impl Versioned, expected: i64) -> AppResult<()> {
    if record.version() == expected {
        Ok(())
    } else {
        Err(AppError::new(
            ErrorCode::Stale,
            format!(
                "{} は他の人が更新しました。画面を開き直してください。",
                record.name()
            ),
        ))
    }
}

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            fields: Vec::new(),
        }
    }

    pub fn not_found(what: &str) -> Self {
        Self::new(ErrorCode::NotFound, format!("{what}が見つかりません。"))
    }

    /// The same refusal, saying which of several records it concerns: 「依頼 #12: …」.
    pub fn about(mut self, what: &str) -> Self {
        self.message = format!("{what}: {}", self.message);
        self
    }

    /// A validation error for one field, for rules that need the database to check.
    pub fn field(field: &'static str, label: &'static str, message: impl Into<String>) -> Self {
        let mut e = ValidationErrors::new();
        e.push(field, label, message.into());
        e.into()
    }
}

impl From<ValidationErrors> for AppError {
    fn from(e: ValidationErrors) -> Self {
        Self {
            code: ErrorCode::Validation,
            message: format!("入力内容を確認してください。{e}"),
            fields: e.0,
        }
    }
}

impl From<Denied> for AppError {
    fn from(e: Denied) -> Self {
        Self::new(ErrorCode::Forbidden, e.reason)
    }
}

impl From<TransitionError> for AppError {
    fn from(e: TransitionError) -> Self {
        Self::new(ErrorCode::InvalidTransition, e.to_string())
    }
}

impl From<ChangeTransitionError> for AppError {
    fn from(e: ChangeTransitionError) -> Self {
        Self::new(ErrorCode::InvalidTransition, e.to_string())
    }
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        let code = match &e {
            StoreError::Stale { .. } => ErrorCode::Stale,
            StoreError::NotFound { .. } => ErrorCode::NotFound,
            StoreError::Unavailable { .. } => ErrorCode::Unavailable,
            StoreError::Constraint { .. } => ErrorCode::Duplicate,
            _ => ErrorCode::Internal,
        };
        if code == ErrorCode::Internal {
            tracing::error!(error = %e, "store error");
        }
        Self::new(code, e.to_string())
    }
}
