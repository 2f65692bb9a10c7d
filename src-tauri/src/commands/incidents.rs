//! 障害: record, timeline, exclusion proposal and decision, list and detail with every SLA
//! clock, the chief's SLA status.

use super::Desk;
use hoshu_app::{
    AppResult, ExclusionDecision, IncidentDetail, IncidentListQuery, IncidentView, SlaStatus,
};
use hoshu_core::incident::{ExclusionReason, NewIncident, TimelineEvent};

#[tauri::command]
pub async fn list_incidents(
    desk: Desk<'_>,
    query: IncidentListQuery,
) -> AppResult<Vec<IncidentView>> {
    desk.hoshu().list_incidents(&desk.session()?, query).await
}

#[tauri::command]
pub async fn incident_detail(desk: Desk<'_>, id: i64) -> AppResult<IncidentDetail> {
    desk.hoshu().incident_detail(&desk.session()?, id).await
}

#[tauri::command]
pub async fn record_incident(
    desk: Desk<'_>,
    incident: NewIncident,
    manual_revision_required: bool,
) -> AppResult<i64> {
    desk.hoshu()
        .record_incident(&desk.session()?, incident, manual_revision_required)
        .await
}

#[tauri::command]
pub async fn add_incident_event(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    event: TimelineEvent,
) -> AppResult<i64> {
    desk.hoshu()
        .add_incident_event(&desk.session()?, id, expected_version, event)
        .await
}

#[tauri::command]
pub async fn propose_exclusion(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    reason: ExclusionReason,
    note: String,
) -> AppResult<i64> {
    desk.hoshu()
        .propose_exclusion(&desk.session()?, id, expected_version, reason, &note)
        .await
}

#[tauri::command]
pub async fn decide_exclusion(
    desk: Desk<'_>,
    id: i64,
    expected_version: i64,
    decision: ExclusionDecision,
) -> AppResult<i64> {
    desk.hoshu()
        .decide_exclusion(&desk.session()?, id, expected_version, decision)
        .await
}

/// The chief's SLA status at a glance.
#[tauri::command]
pub async fn sla_status(desk: Desk<'_>) -> AppResult<SlaStatus> {
    desk.hoshu().sla_status(&desk.session()?).await
}
