//! 納品物: the monthly and annual reports, rendered through the API and offered in the save
//! dialog (see [`super::files::render_and_offer`]).

use super::Desk;
use super::files::render_and_offer;
use crate::files::SavedFile;
use crate::remote::CallError;
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
    render_and_offer(
        &desk,
        "render_monthly_report",
        json!({"year": year, "month": month, "format": format}),
        "定期報告書",
    )
    .await
}

#[tauri::command]
pub async fn save_annual_report(
    desk: Desk<'_>,
    fiscal_year: i32,
) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "render_annual_report",
        json!({"fiscalYear": fiscal_year}),
        "年次報告書",
    )
    .await
}
