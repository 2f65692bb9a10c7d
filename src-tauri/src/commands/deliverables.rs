//! 納品物 made from the records (minutes, register, plan, submission forms, delivery disc):
//! rendered by the API's operation and offered in the save dialog, like the reports. On the
//! local database the register and the disc report their progress to the window as
//! `deliverable-progress` events carrying a [`Progress`]; a server renders them in one call.

use super::Desk;
use super::files::{offer_save, render_and_offer};
use crate::files::SavedFile;
use crate::remote::CallError;
use hoshu_api::FileDownload;
use hoshu_app::{BulkExport, DiscSelection, FormKind, Progress, RegisterFormat, RegisterPaper};
use hoshu_core::form_fill::FormFill;
use serde_json::json;
use tauri::{Emitter, Runtime, Window};

/// The event the register and the disc send while they are being made.
pub const PROGRESS_EVENT: &str = "deliverable-progress";

#[tauri::command]
pub async fn save_minutes(desk: Desk<'_>, meeting_id: i64) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "render_minutes",
        json!({"meetingId": meeting_id}),
        "議事録",
    )
    .await
}

/// The register as PDF (A4 or A3 landscape, `paper` "a4"/"a3") or as .xlsx. `bulk`:
/// "confirmed" once the person answered the bulk-export question.
#[tauri::command]
pub async fn save_register<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    paper: String,
    format: RegisterFormat,
    bulk: Option<BulkExport>,
) -> Result<Option<SavedFile>, CallError> {
    let bulk = bulk.unwrap_or(BulkExport::Unconfirmed);
    let file = match desk.local() {
        Some(hoshu) => {
            let paper = if paper == "a3" {
                RegisterPaper::A3
            } else {
                RegisterPaper::A4
            };
            let progress = move |p: Progress| {
                let _ = window.emit(PROGRESS_EVENT, p);
            };
            let rendered = hoshu
                .render_register(&desk.session()?, format, paper, bulk, Some(&progress))
                .await?;
            FileDownload::from(rendered)
        }
        None => {
            desk.call_typed(
                "render_register",
                json!({"format": format, "paper": paper, "bulk": bulk}),
            )
            .await?
        }
    };
    offer_save(&desk, file, "課題管理表の保存先を選択").await
}

/// The filtered request list (every page, in the order on screen) as .xlsx. `query` is the
/// list's own query, as it came from the window.
#[tauri::command]
pub async fn save_request_list(
    desk: Desk<'_>,
    query: serde_json::Value,
    bulk: Option<BulkExport>,
) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "export_request_list",
        json!({"query": query, "bulk": bulk}),
        "依頼一覧",
    )
    .await
}

/// A list the window can export as .xlsx besides the requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportedList {
    Changes,
    Meetings,
    Incidents,
}

/// The filtered change, meeting or incident list (all pages) as .xlsx; `query` is the list's
/// own query, as it came from the window.
#[tauri::command]
pub async fn save_list(
    desk: Desk<'_>,
    list: ExportedList,
    query: serde_json::Value,
    bulk: Option<BulkExport>,
) -> Result<Option<SavedFile>, CallError> {
    let (operation, what) = match list {
        ExportedList::Changes => ("export_change_list", "変更・計画停止一覧"),
        ExportedList::Meetings => ("export_meeting_list", "会議一覧"),
        ExportedList::Incidents => ("export_incident_list", "障害一覧"),
    };
    render_and_offer(
        &desk,
        operation,
        json!({"query": query, "bulk": bulk}),
        what,
    )
    .await
}

/// The filtered accounts as CSV (administrator), for the personnel moves.
#[tauri::command]
pub async fn save_accounts(
    desk: Desk<'_>,
    filter: serde_json::Value,
    bulk: Option<BulkExport>,
) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "export_accounts",
        json!({"filter": filter, "bulk": bulk}),
        "アカウント一覧",
    )
    .await
}

/// A version of the 業務日程表 as A3 PDF or .xlsx.
#[tauri::command]
pub async fn save_business_schedule(
    desk: Desk<'_>,
    id: i64,
    format: RegisterFormat,
) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "render_business_schedule",
        json!({"id": id, "format": format}),
        "業務日程表",
    )
    .await
}

#[tauri::command]
pub async fn save_plan(desk: Desk<'_>) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(&desk, "render_plan", json!({}), "運用保守計画書").await
}

#[tauri::command]
pub async fn save_form(
    desk: Desk<'_>,
    kind: FormKind,
    fill: Option<FormFill>,
) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(
        &desk,
        "render_form",
        json!({"kind": kind, "fill": fill}),
        "様式",
    )
    .await
}

/// The delivery disc image (.iso) with what `selection` includes.
#[tauri::command]
pub async fn save_disc<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    selection: DiscSelection,
) -> Result<Option<SavedFile>, CallError> {
    let file = match desk.local() {
        Some(hoshu) => {
            let progress = move |p: Progress| {
                let _ = window.emit(PROGRESS_EVENT, p);
            };
            let rendered = hoshu
                .build_disc(&desk.session()?, &selection, Some(&progress))
                .await?;
            FileDownload::from(rendered)
        }
        None => {
            desk.call_typed("build_disc", json!({"selection": selection}))
                .await?
        }
    };
    offer_save(&desk, file, "成果品ディスクの保存先を選択").await
}

#[tauri::command]
pub async fn save_handover_plan_pdf(desk: Desk<'_>) -> Result<Option<SavedFile>, CallError> {
    render_and_offer(&desk, "render_handover_plan", json!({}), "引継計画書").await
}

/// The handover package (.iso) for the next contractor. `bulk`: "confirmed" once the person
/// answered the bulk-export question.
#[tauri::command]
pub async fn save_handover_package<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    bulk: Option<BulkExport>,
) -> Result<Option<SavedFile>, CallError> {
    let bulk = bulk.unwrap_or(BulkExport::Unconfirmed);
    let file = match desk.local() {
        Some(hoshu) => {
            let progress = move |p: Progress| {
                let _ = window.emit(PROGRESS_EVENT, p);
            };
            let rendered = hoshu
                .build_handover_package(&desk.session()?, bulk, Some(&progress))
                .await?;
            FileDownload::from(rendered)
        }
        None => {
            desk.call_typed("build_handover_package", json!({"bulk": bulk}))
                .await?
        }
    };
    offer_save(&desk, file, "引継資料の保存先を選択").await
}
