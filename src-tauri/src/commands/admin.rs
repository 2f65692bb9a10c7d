//! 管理: offices and accounts.

use super::Desk;
use hoshu_app::{AccountUpdateInput, AccountView, AppResult};
use hoshu_core::account::NewAccountInput;
use hoshu_store::Office;

#[tauri::command]
pub async fn offices(desk: Desk<'_>) -> AppResult<Vec<Office>> {
    desk.hoshu().offices(&desk.session()?).await
}

#[tauri::command]
pub async fn accounts(desk: Desk<'_>) -> AppResult<Vec<AccountView>> {
    desk.hoshu().accounts(&desk.session()?).await
}

#[tauri::command]
pub async fn create_account(desk: Desk<'_>, input: NewAccountInput) -> AppResult<i64> {
    desk.hoshu().create_account(&desk.session()?, input).await
}

#[tauri::command]
pub async fn update_account(desk: Desk<'_>, id: i64, input: AccountUpdateInput) -> AppResult<i64> {
    desk.hoshu()
        .update_account(&desk.session()?, id, input)
        .await
}

#[tauri::command]
pub async fn reset_password(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    password: String,
) -> AppResult<i64> {
    desk.hoshu()
        .reset_password(&desk.session()?, id, expected_version, &password)
        .await
}
