//! How a command fails: a Japanese message on standard error and an exit status.

use crate::*;

/// An error on its way to standard error, with the exit status it means.
pub(crate) struct Failure {
    pub(crate) message: String,
    pub(crate) status: u8,
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        if e.code == ErrorCode::BulkExportUnconfirmed {
            return fail(format!(
                "{} 書き出す場合は --confirm-bulk を付けて実行してください。",
                e.message
            ));
        }
        let mut message = e.message;
        for f in &e.fields {
            if !message.contains(&f.message) {
                message.push_str(&format!("\n  {}: {}", f.label, f.message));
            }
        }
        Failure { message, status: 1 }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        // A reader that stops early (`| head`) is not an error of ours.
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure {
                message: String::new(),
                status: 0,
            };
        }
        fail(format!("出力に失敗しました: {e}"))
    }
}

pub(crate) fn fail(message: impl Into<String>) -> Failure {
    Failure {
        message: message.into(),
        status: 1,
    }
}

pub(crate) fn csv_error(e: csv::Error) -> Failure {
    fail(e.to_string())
}
