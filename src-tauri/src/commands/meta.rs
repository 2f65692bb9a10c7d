//! Japanese labels of every coded value, from the domain's own `label()` so screens and
//! documents never disagree.

use hoshu_core::Role;
use hoshu_core::business_schedule::{EntryCategory, EntrySource, ScheduleAction, ScheduleStatus};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeStatus, OutageReason, ReleaseKind,
};
use hoshu_core::incident::{ExclusionReason, IncidentCategory, Severity, TimelineEventKind};
use hoshu_core::meeting::{MeetingKind, MinutesAction, MinutesStatus, Side};
use hoshu_core::notification::{ItemKind, NotificationKind};
use hoshu_core::operations::{BatchResult, CheckFrequency, CheckResult, JobNetSchedule, WorkKind};
use hoshu_core::plan::PlanSection;
use hoshu_core::register::{IssueCategory, IssuePriority, IssueStatus};
use hoshu_core::report_mail::{MailSecurity, MailStatus, ReportMailKind};
use hoshu_core::request::{RequestAction, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::sla::SlaItem;
use serde::Serialize;
use std::collections::BTreeMap;

/// One coded value: its stable code and its Japanese label, in the domain's order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Coded {
    pub code: &'static str,
    pub label: &'static str,
}

macro_rules! coded {
    ($($name:literal => $ty:ty),+ $(,)?) => {{
        let mut m = BTreeMap::new();
        $(m.insert($name, <$ty>::ALL.iter().map(|v| Coded { code: v.code(), label: v.label() }).collect::<Vec<_>>());)+
        m
    }};
}

pub fn all_labels() -> BTreeMap<&'static str, Vec<Coded>> {
    let mut m = coded! {
        "role" => Role,
        "request_kind" => RequestKind,
        "work_sub_kind" => WorkSubKind,
        "urgency" => hoshu_core::request_details::Urgency,
        "request_status" => RequestStatus,
        "request_action" => RequestAction,
        "change_kind" => ChangeKind,
        "outage_reason" => OutageReason,
        "release_kind" => ReleaseKind,
        "change_status" => ChangeStatus,
        "change_action" => ChangeAction,
        "change_outcome" => ChangeOutcome,
        "incident_category" => IncidentCategory,
        "severity" => Severity,
        "timeline_event_kind" => TimelineEventKind,
        "exclusion_reason" => ExclusionReason,
        "sla_item" => SlaItem,
        "meeting_kind" => MeetingKind,
        "minutes_status" => MinutesStatus,
        "minutes_action" => MinutesAction,
        "attendee_side" => Side,
        "issue_category" => IssueCategory,
        "issue_priority" => IssuePriority,
        "issue_status" => IssueStatus,
        "plan_section" => PlanSection,
        "check_frequency" => CheckFrequency,
        "check_result" => CheckResult,
        "job_net_schedule" => JobNetSchedule,
        "batch_result" => BatchResult,
        "work_kind" => WorkKind,
        "notification_kind" => NotificationKind,
        "item_kind" => ItemKind,
        "report_mail_kind" => ReportMailKind,
        "mail_status" => MailStatus,
        "mail_security" => MailSecurity,
        "schedule_status" => ScheduleStatus,
        "schedule_action" => ScheduleAction,
        "entry_category" => EntryCategory,
        "entry_source" => EntrySource,
    };
    // Tables and pickers show the short form "(1) 受託者の提供範囲外…"; the contract's wording
    // stays under "exclusion_reason".
    m.insert(
        "exclusion_reason_short",
        ExclusionReason::ALL
            .iter()
            .map(|v| Coded {
                code: v.code(),
                label: v.short_label(),
            })
            .collect(),
    );
    m
}

#[tauri::command]
pub fn labels() -> BTreeMap<&'static str, Vec<Coded>> {
    all_labels()
}

/// The window calls this once its first screen is usable; the start-up bench
/// (`cargo xtask bench desktop`) waits for this line.
#[tauri::command]
pub fn ui_ready() {
    eprintln!("hoshu-desktop: ready");
}
