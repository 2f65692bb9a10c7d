//! 納品物 made from the records (minutes, register, plan, submission forms, delivery disc),
//! each rendered by its use case and written where the save dialog says, like the reports.
//! The register and the disc report their progress to the window as `deliverable-progress`
//! events carrying a [`Progress`].

use super::Desk;
use super::reports::{SavedFile, write_file};
use hoshu_app::{
    AppError, AppResult, DiscSelection, FormKind, MeetingListItem, MeetingListQuery, Progress,
    RegisterFormat, RegisterPaper,
};
use std::path::{Path, PathBuf};
use tauri::{Emitter, Runtime, Window};

/// The event the register and the disc send while they are being made.
pub const PROGRESS_EVENT: &str = "deliverable-progress";

/// Meetings to pick the minutes from, newest first (the latest 200).
#[tauri::command]
pub async fn minutes_choices(desk: Desk<'_>) -> AppResult<Vec<MeetingListItem>> {
    let page = desk
        .hoshu()
        .list_meetings(
            &desk.session()?,
            MeetingListQuery {
                per_page: 200,
                ..MeetingListQuery::default()
            },
        )
        .await?;
    Ok(page.items)
}

#[tauri::command]
pub async fn render_minutes(
    desk: Desk<'_>,
    meeting_id: i64,
    path: PathBuf,
) -> AppResult<SavedFile> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    let rendered = desk
        .hoshu()
        .render_minutes(&desk.session()?, meeting_id)
        .await?;
    write_file(&path, &rendered.bytes)
}

/// The register as PDF (A4 or A3 landscape, `paper` "a4"/"a3") or as .xlsx, by the extension
/// of the chosen path.
#[tauri::command]
pub async fn render_register<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    paper: String,
    path: PathBuf,
) -> AppResult<SavedFile> {
    let format = match need_extension(&path, &["pdf", "xlsx"], "PDF（.pdf）または Excel（.xlsx）")?
        .as_str()
    {
        "xlsx" => RegisterFormat::Xlsx,
        _ => RegisterFormat::Pdf,
    };
    let paper = match paper.as_str() {
        "a3" => RegisterPaper::A3,
        _ => RegisterPaper::A4,
    };
    let progress = move |p: Progress| {
        let _ = window.emit(PROGRESS_EVENT, p);
    };
    let rendered = desk
        .hoshu()
        .render_register(&desk.session()?, format, paper, Some(&progress))
        .await?;
    write_file(&path, &rendered.bytes)
}

#[tauri::command]
pub async fn render_plan(desk: Desk<'_>, path: PathBuf) -> AppResult<SavedFile> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    let rendered = desk.hoshu().render_plan(&desk.session()?).await?;
    write_file(&path, &rendered.bytes)
}

#[tauri::command]
pub async fn render_form(desk: Desk<'_>, kind: FormKind, path: PathBuf) -> AppResult<SavedFile> {
    need_extension(&path, &["pdf"], "PDF（.pdf）")?;
    let rendered = desk.hoshu().render_form(&desk.session()?, kind).await?;
    write_file(&path, &rendered.bytes)
}

/// The delivery disc image (.iso) with what `selection` includes.
#[tauri::command]
pub async fn build_disc<R: Runtime>(
    desk: Desk<'_>,
    window: Window<R>,
    selection: DiscSelection,
    path: PathBuf,
) -> AppResult<SavedFile> {
    need_extension(&path, &["iso"], "ディスクイメージ（.iso）")?;
    let progress = move |p: Progress| {
        let _ = window.emit(PROGRESS_EVENT, p);
    };
    let rendered = desk
        .hoshu()
        .build_disc(&desk.session()?, &selection, Some(&progress))
        .await?;
    write_file(&path, &rendered.bytes)
}

/// The lower-case extension of `path` when it is one of `allowed`, or a field error.
fn need_extension(path: &Path, allowed: &[&str], what: &str) -> AppResult<String> {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if allowed.contains(&ext.as_str()) {
        Ok(ext)
    } else {
        Err(AppError::field(
            "path",
            "保存先",
            format!("保存先のファイル名は {what} にしてください。"),
        ))
    }
}
