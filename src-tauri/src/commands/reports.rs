//! 納品物: the monthly and annual reports, rendered through the API and written to the path
//! the user chose in the save dialog (through a temporary file beside it, then renamed).

use super::Desk;
use crate::remote::CallError;
use hoshu_api::FileDownload;
use hoshu_app::{AppError, AppResult, ErrorCode};
use serde::Serialize;
use serde_json::json;
use std::path::{Path, PathBuf};

/// Where a rendered document went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedFile {
    /// Absolute path of the written file.
    pub path: String,
    pub bytes: u64,
}

/// The monthly report as PDF or .xlsx, by the extension of the chosen path.
#[tauri::command]
pub async fn save_monthly_report(
    desk: Desk<'_>,
    year: i32,
    month: u32,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    let format = match extension(&path).as_str() {
        "pdf" => "pdf",
        "xlsx" => "xlsx",
        _ => return Err(bad_extension("PDF（.pdf）または Excel（.xlsx）").into()),
    };
    let file: FileDownload = desk
        .call_typed(
            "render_monthly_report",
            json!({"year": year, "month": month, "format": format}),
        )
        .await?;
    Ok(write_file(&path, &file.bytes)?)
}

#[tauri::command]
pub async fn save_annual_report(
    desk: Desk<'_>,
    fiscal_year: i32,
    path: PathBuf,
) -> Result<SavedFile, CallError> {
    if extension(&path) != "pdf" {
        return Err(bad_extension("PDF（.pdf）").into());
    }
    let file: FileDownload = desk
        .call_typed("render_annual_report", json!({"fiscalYear": fiscal_year}))
        .await?;
    Ok(write_file(&path, &file.bytes)?)
}

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default()
}

fn bad_extension(what: &str) -> AppError {
    AppError::field(
        "path",
        "保存先",
        format!("保存先のファイル名は {what} にしてください。"),
    )
}

/// Writes `bytes` to `path` through a temporary file in the same folder, so a failed write
/// never leaves half a document under the chosen name.
pub fn write_file(path: &Path, bytes: &[u8]) -> AppResult<SavedFile> {
    let fail = |e: std::io::Error| {
        AppError::new(
            ErrorCode::Internal,
            format!("ファイルを保存できませんでした（{}）: {e}", path.display()),
        )
    };
    let absolute = std::path::absolute(path).map_err(fail)?;
    let name = absolute
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = absolute.with_file_name(format!(".{name}.part"));
    std::fs::write(&tmp, bytes).map_err(fail)?;
    std::fs::rename(&tmp, &absolute).map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        fail(e)
    })?;
    Ok(SavedFile {
        path: absolute.display().to_string(),
        bytes: bytes.len() as u64,
    })
}
