//! 運用保守計画書 (its sections, each saved as a new version) and the contract data the plan
//! and the forms print.

use super::Desk;
use hoshu_app::{AppResult, PlanSectionState};
use hoshu_core::contract::ContractInfo;
use hoshu_core::plan::{PlanSection, PlanSectionVersion};

#[tauri::command]
pub async fn operation_plan(desk: Desk<'_>) -> AppResult<Vec<PlanSectionState>> {
    desk.hoshu().operation_plan(&desk.session()?).await
}

/// Returns the new version.
#[tauri::command]
pub async fn save_plan_section(
    desk: Desk<'_>,
    section: PlanSection,
    current_version: i64,
    content: String,
) -> AppResult<i64> {
    desk.hoshu()
        .save_plan_section(&desk.session()?, section, current_version, &content)
        .await
}

/// Newest first.
#[tauri::command]
pub async fn plan_section_history(
    desk: Desk<'_>,
    section: PlanSection,
) -> AppResult<Vec<PlanSectionVersion>> {
    desk.hoshu()
        .plan_section_history(&desk.session()?, section)
        .await
}

#[tauri::command]
pub async fn contract_info(desk: Desk<'_>) -> AppResult<ContractInfo> {
    desk.hoshu().contract_info(&desk.session()?).await
}

#[tauri::command]
pub async fn save_contract_info(desk: Desk<'_>, info: ContractInfo) -> AppResult<()> {
    desk.hoshu()
        .save_contract_info(&desk.session()?, info)
        .await
}
