//! 納品物: the monthly and annual reports, rendered by the use case and written to the path
//! the user chose in the save dialog (through a temporary file beside it, then renamed).

use super::Desk;
use hoshu_app::{AppError, AppResult, ErrorCode, ReportFormat};
use serde::Serialize;
use std::path::{Path, PathBuf};

/// Where a rendered document went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SavedFile {
    /// Absolute path of the written file.
    pub path: String,
    pub bytes: u64,
}

#[tauri::command]
pub async fn render_monthly_report(
    desk: Desk<'_>,
    year: i32,
    month: u32,
    path: PathBuf,
) -> AppResult<SavedFile> {
    let format = match extension(&path).as_str() {
        "pdf" => ReportFormat::Pdf,
        "xlsx" => ReportFormat::Xlsx,
        _ => return Err(bad_extension("PDF（.pdf）または Excel（.xlsx）")),
    };
    let bytes = desk
        .hoshu()
        .render_monthly_report(&desk.session()?, year, month, format)
        .await?;
    write_file(&path, &bytes)
}

#[tauri::command]
pub async fn render_annual_report(
    desk: Desk<'_>,
    fiscal_year: i32,
    path: PathBuf,
) -> AppResult<SavedFile> {
    if extension(&path) != "pdf" {
        return Err(bad_extension("PDF（.pdf）"));
    }
    let bytes = desk
        .hoshu()
        .render_annual_report(&desk.session()?, fiscal_year)
        .await?;
    write_file(&path, &bytes)
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
