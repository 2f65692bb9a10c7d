//! 変更（計画停止・データパッチ・リリース・稼働時間延長）: propose, decide, complete, list.

use super::Desk;
use hoshu_app::{AppResult, ChangeDetail, ChangeListQuery};
use hoshu_core::change::{ChangeAction, ChangeProposal, ChangeResult};
use hoshu_store::ChangeSummary;

#[tauri::command]
pub async fn list_changes(desk: Desk<'_>, query: ChangeListQuery) -> AppResult<Vec<ChangeSummary>> {
    desk.hoshu().list_changes(&desk.session()?, query).await
}

#[tauri::command]
pub async fn change_detail(desk: Desk<'_>, id: i64) -> AppResult<ChangeDetail> {
    desk.hoshu().change_detail(&desk.session()?, id).await
}

#[tauri::command]
pub async fn propose_change(desk: Desk<'_>, proposal: ChangeProposal) -> AppResult<i64> {
    desk.hoshu()
        .propose_change(&desk.session()?, proposal)
        .await
}

/// 提出・承認・却下・取下げ. A rejection needs its comment; the use case checks.
#[tauri::command]
pub async fn decide_change(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    step: ChangeAction,
    comment: String,
) -> AppResult<i64> {
    desk.hoshu()
        .decide_change(&desk.session()?, id, expected_version, step, &comment)
        .await
}

#[tauri::command]
pub async fn complete_change(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    result: ChangeResult,
) -> AppResult<i64> {
    desk.hoshu()
        .complete_change(&desk.session()?, id, expected_version, result)
        .await
}

#[tauri::command]
pub async fn upcoming_outages(desk: Desk<'_>, days: i64) -> AppResult<Vec<ChangeSummary>> {
    desk.hoshu().upcoming_outages(&desk.session()?, days).await
}
