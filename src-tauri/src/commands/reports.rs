//! 納品物: the monthly and annual reports, rendered through the API and offered in the save
//! dialog (see [`super::files::offer_save`]).

use super::Desk;
use super::files::offer_save;
use crate::files::SavedFile;
use crate::remote::CallError;
use hoshu_api::FileDownload;
use hoshu_app::ReportFormat;
use serde_json::json;

/// The monthly report as PDF or .xlsx.
#[tauri::command]
pub async fn save_monthly_report(
    desk: Desk<'_>,
    year: i32,
    month: u32,
    format: ReportFormat,
) -> Result<Option<SavedFile>, CallError> {
    let file: FileDownload = desk
        .call_typed(
            "render_monthly_report",
            json!({"year": year, "month": month, "format": format}),
        )
        .await?;
    offer_save(&desk, file, "定期報告書の保存先を選択").await
}

#[tauri::command]
pub async fn save_annual_report(
    desk: Desk<'_>,
    fiscal_year: i32,
) -> Result<Option<SavedFile>, CallError> {
    let file: FileDownload = desk
        .call_typed("render_annual_report", json!({"fiscalYear": fiscal_year}))
        .await?;
    offer_save(&desk, file, "年次報告書の保存先を選択").await
}
