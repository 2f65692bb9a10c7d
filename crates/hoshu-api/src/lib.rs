//! The one API of Hoshu Desk. [`operations!`] lists every operation once — its name, its
//! arguments, what it answers and the use case it runs — and from that list come:
//!
//! * [`dispatch`]: the in-process call the desktop's IPC and `hoshu serve` both make;
//! * [`OPERATIONS`]: names and kinds, from which the server mounts `POST /api/v1/<name>`
//!   and decides which calls are writes (and so carry an idempotency key);
//! * the error contract of the HTTP transport ([`status_of`]);
//! * with the `ts` feature, the window's TypeScript types ([`typescript`]).
//!
//! Arguments are one JSON object whose keys are the camelCase names the window already
//! sends over IPC (`{"id": 12}`, `{"id": 3, "expectedVersion": 7, ...}`), so the same call
//! works on both transports. Adding an operation is one entry in the list.

mod calendar;
mod files;
mod operations;
#[cfg(feature = "ts")]
pub mod typescript;

pub use calendar::{CalendarDay, month_days};
pub use files::{Base64Bytes, FileDownload, UploadedFile, content_type_of};
#[cfg(feature = "ts")]
pub use operations::declare_operations;
pub use operations::{OPERATIONS, dispatch};

use hoshu_app::{AppError, ErrorCode};
use serde::Serialize;

/// Whether an operation changes anything. Writes are the calls that carry an idempotency
/// key and are never retried blindly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OperationKind {
    Read,
    Write,
}

/// One entry of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Operation {
    pub name: &'static str,
    pub kind: OperationKind,
}

/// The operation called `name`, if there is one.
pub fn operation(name: &str) -> Option<&'static Operation> {
    OPERATIONS.iter().find(|op| op.name == name)
}

/// The HTTP status of an error of the API: 401 no or expired session, 403 policy, 404,
/// 409 stale version or replay, 422 validation, 503 database unreachable.
pub fn status_of(code: ErrorCode) -> u16 {
    match code {
        ErrorCode::AuthFailed => 401,
        ErrorCode::Forbidden | ErrorCode::PasswordChangeRequired => 403,
        ErrorCode::NotFound => 404,
        ErrorCode::Stale | ErrorCode::Duplicate | ErrorCode::Replayed => 409,
        ErrorCode::BulkExportUnconfirmed => 428,
        ErrorCode::Validation | ErrorCode::InvalidTransition => 422,
        ErrorCode::Unavailable => 503,
        ErrorCode::Internal => 500,
    }
}

/// Arguments that do not fit the operation: a 422 naming what was wrong.
fn bad_arguments(operation: &str, e: &serde_json::Error) -> AppError {
    AppError::new(
        ErrorCode::Validation,
        format!("「{operation}」の引数が正しくありません（{e}）。"),
    )
}

fn to_json<T: Serialize>(value: &T) -> Result<serde_json::Value, AppError> {
    serde_json::to_value(value).map_err(|e| {
        AppError::new(
            ErrorCode::Internal,
            format!("応答を組み立てられませんでした（{e}）。"),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_has_one_entry() {
        let mut names: Vec<&str> = OPERATIONS.iter().map(|op| op.name).collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count, "an operation is listed twice");
        assert!(operation("request_detail").is_some());
        assert_eq!(
            operation("file_request").map(|op| op.kind),
            Some(OperationKind::Write)
        );
        assert_eq!(operation("login"), None, "log-in has its own route");
    }

    #[test]
    fn errors_map_to_the_documented_statuses() {
        assert_eq!(status_of(ErrorCode::AuthFailed), 401);
        assert_eq!(status_of(ErrorCode::Forbidden), 403);
        assert_eq!(status_of(ErrorCode::NotFound), 404);
        assert_eq!(status_of(ErrorCode::Stale), 409);
        assert_eq!(status_of(ErrorCode::Validation), 422);
        assert_eq!(status_of(ErrorCode::Unavailable), 503);
    }
}
