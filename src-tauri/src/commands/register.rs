//! 課題管理表: list, one item, add, edit and close.

use super::Desk;
use chrono::NaiveDate;
use hoshu_app::{AppResult, RegisterListQuery};
use hoshu_core::register::IssueInput;
use hoshu_store::{RegisterItem, RegisterPage, RegisterRef};

#[tauri::command]
pub async fn list_register(desk: Desk<'_>, query: RegisterListQuery) -> AppResult<RegisterPage> {
    desk.hoshu().list_register(&desk.session()?, query).await
}

#[tauri::command]
pub async fn register_item(desk: Desk<'_>, id: i64) -> AppResult<RegisterItem> {
    desk.hoshu().register_item(&desk.session()?, id).await
}

#[tauri::command]
pub async fn add_register_item(desk: Desk<'_>, item: IssueInput) -> AppResult<RegisterRef> {
    desk.hoshu().add_register_item(&desk.session()?, item).await
}

#[tauri::command]
pub async fn update_register_item(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    item: IssueInput,
) -> AppResult<i64> {
    desk.hoshu()
        .update_register_item(&desk.session()?, id, expected_version, item)
        .await
}

#[tauri::command]
pub async fn close_register_item(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    completed_on: NaiveDate,
    progress: String,
) -> AppResult<i64> {
    desk.hoshu()
        .close_register_item(
            &desk.session()?,
            id,
            expected_version,
            completed_on,
            &progress,
        )
        .await
}
