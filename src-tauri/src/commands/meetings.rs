//! 会議・議事録: list, detail, record and edit a meeting, and the minutes' steps (提出 by the
//! contractor, 承認 or 差戻し by the section).

use super::Desk;
use hoshu_app::{AppResult, MeetingDetail, MeetingListPage, MeetingListQuery, RecordedMeeting};
use hoshu_core::meeting::{MinutesAction, NewMeeting};

#[tauri::command]
pub async fn list_meetings(desk: Desk<'_>, query: MeetingListQuery) -> AppResult<MeetingListPage> {
    desk.hoshu().list_meetings(&desk.session()?, query).await
}

#[tauri::command]
pub async fn meeting_detail(desk: Desk<'_>, id: i64) -> AppResult<MeetingDetail> {
    desk.hoshu().meeting_detail(&desk.session()?, id).await
}

/// Records a meeting; its action items go on the issue register.
#[tauri::command]
pub async fn record_meeting(desk: Desk<'_>, meeting: NewMeeting) -> AppResult<RecordedMeeting> {
    desk.hoshu().record_meeting(&desk.session()?, meeting).await
}

#[tauri::command]
pub async fn update_meeting(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    meeting: NewMeeting,
) -> AppResult<i64> {
    desk.hoshu()
        .update_meeting(&desk.session()?, id, expected_version, meeting)
        .await
}

#[tauri::command]
pub async fn minutes_step(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    step: MinutesAction,
    comment: String,
) -> AppResult<i64> {
    desk.hoshu()
        .minutes_step(&desk.session()?, id, expected_version, step, &comment)
        .await
}
