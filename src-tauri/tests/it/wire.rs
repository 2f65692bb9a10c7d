//! The shapes of everything that crosses into the window, generated from the Rust types into
//! `ui/src/api/wire.gen.json`. The UI's tests check its TypeScript types against that file;
//! this test fails when the file is stale. Regenerate with `HOSHU_UPDATE_WIRE=1 cargo test
//! -p hoshu-desktop --test it wire` and commit the result.
//!
//! Struct literals below name every field, so adding a field to a Rust type stops this test
//! from compiling until the sample (and then the generated file) is updated.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use hoshu_app::{
    AccountChange, AccountImportReport, AccountImportRow, AccountUpdateInput, AccountView,
    AppError, Assignee, BreachLine, BulkStep, ChangeDetail, ChangeListQuery, CheckMonth,
    ClockedRequest, DeskSettings, DiscMedia, DiscSelection, ErrorCode, ExclusionDecision, FormKind,
    HandoverDecision, HandoverPlanView, IncidentDetail, IncidentListQuery, IncidentView,
    IssuedPassword, MailSettingsView, MalwareCheckInput, MeetingDetail, MeetingListItem,
    MeetingListPage, MeetingListQuery, MinutesSelection, NewSavedView, NotificationPoll,
    OpenSessionView, PasswordReset, PlanSectionState, Progress, RecordedMeeting, RecordedRun,
    RegisterListQuery, RequestDetail, RequestListPage, RequestListQuery, ScheduleMonthView,
    SelectedRequest, Session, SlaStatus, TransitionInput,
};
use hoshu_app::{ImportReport, ImportRow, ImportSource, SearchJump, SearchQuery, SearchResults};
use hoshu_core::account::NewAccountInput;
use hoshu_core::business_schedule::{
    EntryCategory, EntrySource, ScheduleAction, ScheduleEntry, ScheduleStatus,
};
use hoshu_core::change::{
    ChangeAction, ChangeKind, ChangeOutcome, ChangeProposal, ChangeResult, ChangeStatus, Conflict,
    OutageReason, ReleaseKind,
};
use hoshu_core::contract::ContractInfo;
use hoshu_core::handover::{
    HandoverMember, HandoverParty, HandoverPlanDraft, HandoverPlanStatus, HandoverPlanVersion,
    HandoverScheduleItem,
};
use hoshu_core::incident::{
    ExclusionReason, IncidentCategory, NewIncident, Severity, TimelineEvent, TimelineEventKind,
};
use hoshu_core::listing::ListName;
use hoshu_core::meeting::{
    ActionItem, Attendee, MeetingKind, MinutesAction, MinutesStatus, NewMeeting, NextMeeting, Side,
};
use hoshu_core::notification::{ItemKind, ItemRef, NotificationKind};
use hoshu_core::operations::{
    BatchResult, CheckEntry, CheckFrequency, CheckItemInput, CheckResult, JobNetInput,
    JobNetSchedule, MissedCheck, NewBatchRun, NewWorkRecord, WorkKind,
};
use hoshu_core::plan::{PlanSection, PlanSectionVersion};
use hoshu_core::register::{IssueCategory, IssueInput, IssuePriority, IssueStatus};
use hoshu_core::report_mail::{MailDraft, MailSecurity, MailSettings, MailStatus, ReportMailKind};
use hoshu_core::request::{NewRequest, RequestAction, RequestKind, RequestStatus, WorkSubKind};
use hoshu_core::request_details::{ExtensionAsk, RequestDetails, Urgency};
use hoshu_core::search::{SearchKind, Snippet, YearMonth};
use hoshu_core::sla::{
    Allowance, Attainment, ClockKind, ClockState, EventRef, ItemAttainment, SlaClockView, SlaItem,
};
use hoshu_core::{Actor, FieldError, Role};
use hoshu_desktop::commands::database::DbStatus;
use hoshu_desktop::commands::drafts::OpenedDrafts;
use hoshu_desktop::commands::import::PickedImportFile;
use hoshu_desktop::commands::meta::all_labels;
use hoshu_desktop::commands::settings::CalendarDay;
use hoshu_desktop::db::{DbConfig, DbKind};
use hoshu_desktop::files::SavedFile;
use hoshu_desktop::vault::StoredDraft;
use hoshu_import::Problem;
use hoshu_store::{
    AttachmentMeta, BatchRun, BusinessSchedule, ChangeRecord, ChangeSummary, CheckItem,
    CheckRecord, Comment, Decision, ExclusionRecord, IncidentEventRecord, IncidentRecord, JobNet,
    MailRecord, MeetingAttachmentMeta, MeetingRecord, MeetingSummary, MinutesDecision,
    NotificationRecord, Office, RecordedResult, RegisterItem, RegisterPage, RegisterRef,
    RequestEvent, RequestRecord, RequestSummary, SavedView, ScheduleVersion, SearchHit, WorkRecord,
};
use serde::Serialize;
use serde_json::{Map, Value, json};
use std::collections::BTreeMap;
use std::path::Path;

fn t() -> DateTime<Utc> {
    DateTime::from_timestamp(1_795_000_000, 0).expect("time")
}

fn summary() -> RequestSummary {
    RequestSummary {
        id: 1,
        kind: RequestKind::Work,
        work_sub_kind: Some(WorkSubKind::Other),
        office: "kita_chuo".into(),
        title: "件名".into(),
        status: RequestStatus::Answered,
        filed_by: 2,
        filed_by_name: "職員".into(),
        assignee_id: Some(3),
        assignee_name: Some("担当".into()),
        filed_at: t(),
        answered_at: Some(t()),
        closed_at: Some(t()),
        updated_at: t(),
        version: 1,
    }
}

fn proposal() -> ChangeProposal {
    ChangeProposal {
        kind: ChangeKind::PlannedOutage,
        outage_reason: Some(OutageReason::SecurityPatch),
        release_kind: Some(ReleaseKind::Regular),
        title: "停止".into(),
        description: "説明".into(),
        window_start: t(),
        window_end: t(),
        affected_systems: "本番".into(),
        affected_offices: vec!["kita_chuo".into()],
        impact: "影響".into(),
        rollback_plan: "切り戻し".into(),
        test_verification: Some("確認".into()),
        instruction_ref: Some("指示".into()),
    }
}

fn actor() -> Actor {
    Actor {
        account_id: 1,
        login: "staff01".into(),
        display_name: "職員".into(),
        role: Role::Staff,
        office: "kita_chuo".into(),
    }
}

fn details() -> RequestDetails {
    RequestDetails {
        urgency: Urgency::Urgent,
        desired_by: Some(t().date_naive()),
        extension: Some(ExtensionAsk {
            day: t().date_naive(),
            from: chrono::NaiveTime::from_hms_opt(19, 0, 0).expect("time"),
            until: chrono::NaiveTime::from_hms_opt(21, 30, 0).expect("time"),
        }),
    }
}

/// Every named type: a sample with every optional part present.
fn samples() -> BTreeMap<&'static str, Value> {
    let r = summary();
    let record = RequestRecord {
        id: r.id,
        kind: r.kind,
        work_sub_kind: r.work_sub_kind,
        office: r.office.clone(),
        title: r.title.clone(),
        body: "本文".into(),
        status: r.status,
        filed_by: r.filed_by,
        filed_by_name: r.filed_by_name.clone(),
        assignee_id: r.assignee_id,
        assignee_name: r.assignee_name.clone(),
        answer: Some("回答".into()),
        details: details(),
        filed_at: t(),
        answered_at: Some(t()),
        closed_at: Some(t()),
        updated_at: t(),
        version: 1,
    };
    let comment = Comment {
        id: 1,
        request_id: 1,
        author_id: 1,
        author_name: "名".into(),
        author_role: Role::Contractor,
        body: "本文".into(),
        created_at: t(),
    };
    let attachment = AttachmentMeta {
        id: 1,
        request_id: 1,
        file_name: "a.pdf".into(),
        content_type: "application/pdf".into(),
        size: 1,
        sha256: "00".into(),
        uploaded_by: 1,
        uploaded_by_name: "名".into(),
        created_at: t(),
    };
    let event = RequestEvent {
        id: 1,
        request_id: 1,
        actor_id: 1,
        actor_name: "名".into(),
        kind: "transition".into(),
        from_status: Some(RequestStatus::Received),
        to_status: Some(RequestStatus::InProgress),
        note: Some("メモ".into()),
        at: t(),
    };
    let result = ChangeResult {
        outcome: ChangeOutcome::Succeeded,
        executed_start: t(),
        executed_end: t(),
        notes: "結果".into(),
    };
    let decision = Decision {
        approver_id: 1,
        approver_name: "課長".into(),
        step: ChangeAction::Approve,
        approved: true,
        comment: "承認".into(),
        at: t(),
    };
    let recorded = RecordedResult {
        result: result.clone(),
        recorded_by: 1,
        recorded_by_name: "受託者".into(),
        recorded_at: t(),
    };
    let change = ChangeRecord {
        id: 1,
        proposal: proposal(),
        status: ChangeStatus::Approved,
        version: 1,
        proposed_by: 1,
        proposed_by_name: "受託者".into(),
        created_at: t(),
        updated_at: t(),
        submitted_at: Some(t()),
        decision: Some(decision.clone()),
        result: Some(recorded.clone()),
    };
    let change_summary = ChangeSummary {
        id: 1,
        kind: ChangeKind::Release,
        outage_reason: Some(OutageReason::Other),
        release_kind: Some(ReleaseKind::Regular),
        title: "t".into(),
        status: ChangeStatus::Submitted,
        window_start: t(),
        window_end: t(),
        proposed_by: 1,
        proposed_by_name: "受託者".into(),
        updated_at: t(),
        version: 1,
    };
    let service_hours = Conflict::ServiceHours {
        date: NaiveDate::from_ymd_opt(2026, 11, 25).expect("date"),
        overlap_start: t(),
        overlap_end: t(),
    };
    let other_change = Conflict::OtherChange {
        id: 2,
        title: "t".into(),
        status: ChangeStatus::Approved,
    };
    let mut error = AppError::new(ErrorCode::Validation, "入力内容を確認してください。");
    error.fields.push(FieldError {
        field: "title",
        label: "件名",
        message: "件名を入力してください。".into(),
        row: None,
    });

    let mut m = BTreeMap::new();
    let mut put = |name: &'static str, v: &dyn erased::Ser| {
        m.insert(name, v.json());
    };
    put("Actor", &actor());
    put(
        "Session",
        &Session {
            actor: actor(),
            started_at: t(),
            idle_logout_minutes: 15,
            must_change_password: false,
        },
    );
    put("AppError", &error);
    put("FieldError", &error.fields[0]);
    put("RequestSummary", &r);
    put("RequestRecord", &record);
    put("RequestDetails", &details());
    put("SelectedRequest", &SelectedRequest { id: 1, version: 2 });
    put("BulkStep.assign", &BulkStep::Assign { assignee: Some(3) });
    put("BulkStep.close", &BulkStep::Close);
    put("ExtensionAsk", &details().extension);
    put(
        "SavedView",
        &SavedView {
            id: 1,
            list: ListName::Requests,
            name: "対応中".into(),
            filters: r#"{"openOnly":true}"#.into(),
            updated_at: t(),
        },
    );
    put(
        "NewSavedView",
        &NewSavedView {
            list: ListName::Requests,
            name: "対応中".into(),
            filters: json!({"openOnly": true}),
        },
    );
    put("Comment", &comment);
    put("AttachmentMeta", &attachment);
    put("RequestEvent", &event);
    put(
        "RequestDetail",
        &RequestDetail {
            request: record.clone(),
            comments: vec![comment],
            attachments: vec![attachment],
            history: vec![event],
            allowed_actions: vec![RequestAction::Close],
            can_assign: false,
            answer_clock: SlaClockView {
                item: SlaItem::RequestAnswer,
                kind: ClockKind::ServiceTime,
                allowance: Allowance::ServiceTime { minutes: 480 },
                started_at: Some(t()),
                started_by: None,
                deadline: Some(t()),
                stopped_at: None,
                stopped_by: None,
                state: ClockState::NotStarted,
            },
        },
    );
    put(
        "NewRequest",
        &NewRequest {
            kind: RequestKind::Inquiry,
            work_sub_kind: Some(WorkSubKind::Other),
            office: "kita_chuo".into(),
            title: "t".into(),
            body: "b".into(),
            details: details(),
        },
    );
    put(
        "TransitionInput",
        &TransitionInput {
            action: RequestAction::Answer,
            expected_version: 1,
            text: "回答".into(),
        },
    );
    put(
        "RequestListQuery",
        &RequestListQuery {
            office: Some("kita_chuo".into()),
            text: Some("t".into()),
            assignee: Some(1),
            order: hoshu_core::listing::Order {
                column: hoshu_core::listing::RequestColumn::Assignee,
                direction: hoshu_core::listing::SortDirection::Ascending,
            },
            ..RequestListQuery::default()
        },
    );
    put("ChangeProposal", &proposal());
    put("ChangeSummary", &change_summary);
    put("Decision", &decision);
    put("ChangeResult", &result);
    put("RecordedResult", &recorded);
    put("ChangeRecord", &change);
    put(
        "ChangeDetail",
        &ChangeDetail {
            change: change.clone(),
            conflicts: vec![service_hours.clone(), other_change.clone()],
            conflict_messages: vec!["重なっています。".into()],
            allowed_actions: vec![ChangeAction::Approve],
        },
    );
    put(
        "ChangeListQuery",
        &ChangeListQuery {
            window_from: Some(t()),
            window_to: Some(t()),
            ..ChangeListQuery::default()
        },
    );
    put("Conflict.service_hours", &service_hours);
    put("Conflict.other_change", &other_change);
    put(
        "DeskSettings",
        &DeskSettings {
            service_open: NaiveTime::from_hms_opt(8, 30, 0).expect("time"),
            extra_closures: vec![NaiveDate::from_ymd_opt(2026, 12, 28).expect("date")],
            extra_open_days: vec![NaiveDate::from_ymd_opt(2026, 12, 26).expect("date")],
            ..DeskSettings::default()
        },
    );
    put(
        "CalendarDay",
        &CalendarDay {
            date: NaiveDate::from_ymd_opt(2026, 11, 23).expect("date"),
            kind: "holiday",
            open: false,
            name: Some("勤労感謝の日".into()),
        },
    );
    put(
        "Office",
        &Office {
            code: "kita_chuo".into(),
            name: "北区中央福祉事務所".into(),
            sort_order: 1,
        },
    );
    put(
        "AccountView",
        &AccountView {
            id: 1,
            login: "staff01".into(),
            display_name: "職員".into(),
            role: Role::Staff,
            office: "kita_chuo".into(),
            disabled: false,
            locked_until: Some(t()),
            failed_logins: 0,
            version: 1,
        },
    );
    put(
        "NewAccountInput",
        &NewAccountInput {
            login: "staff01".into(),
            display_name: "職員".into(),
            role: Role::Staff,
            office: "kita_chuo".into(),
            password: "pass".into(),
        },
    );
    put(
        "DbConfig",
        &DbConfig {
            kind: DbKind::Server,
            sqlite_path: String::new(),
            server_url: "https://hoshu.example.lg.jp:8443".into(),
        },
    );
    put(
        "DbStatus",
        &DbStatus {
            kind: DbKind::Sqlite,
            sqlite_path: String::new(),
            default_sqlite_path: "/home/u/.local/share/jp.lg.hoshu-desk/hoshu.sqlite".into(),
            server_url: String::new(),
            active: "sqlite:/home/u/.local/share/jp.lg.hoshu-desk/hoshu.sqlite".into(),
            env_override: false,
            config_file: "/home/u/.config/jp.lg.hoshu-desk/database.json".into(),
            locked: Some("接続先の変更は管理者のみが行えます。".into()),
        },
    );
    put(
        "Assignee",
        &Assignee {
            id: 3,
            login: "contractor".into(),
            display_name: "受託者".into(),
        },
    );
    put(
        "OpenSessionView",
        &OpenSessionView {
            id: 7,
            login: "staff01".into(),
            display_name: "職員".into(),
            office: "kita_chuo".into(),
            client_addr: "10.20.30.40".into(),
            started_at: t(),
            last_seen_at: t(),
            expires_at: t(),
        },
    );
    let notification = NotificationRecord {
        id: 9,
        kind: NotificationKind::RequestAnswered,
        item: ItemRef::request(1),
        summary: "依頼 #1「件名」に回答がありました".into(),
        created_at: t(),
        read_at: Some(t()),
    };
    put("NotificationRecord", &notification);
    put("ItemRef", &notification.item);
    put(
        "NotificationPoll",
        &NotificationPoll {
            new: vec![notification],
            latest_id: 9,
            unread: 1,
            os_notifications: true,
        },
    );
    put(
        "PasswordReset",
        &PasswordReset {
            version: 3,
            one_time_password: "abcd-9abh-hhjk".into(),
        },
    );
    put(
        "AccountUpdateInput",
        &AccountUpdateInput {
            expected_version: 1,
            display_name: "職員".into(),
            role: Role::Staff,
            office: "kita_chuo".into(),
            disabled: false,
        },
    );
    put(
        "AccountFilter",
        &hoshu_app::AccountFilter {
            text: Some("小林".into()),
            role: Some(Role::Staff),
            office: Some("kita_chuo".into()),
            disabled: Some(false),
        },
    );
    put(
        "OutageNotice",
        &hoshu_app::OutageNotice {
            id: 3,
            kind: ChangeKind::PlannedOutage,
            window_start: t(),
            window_end: t(),
            impact: "停止中は利用できません。".into(),
            affected_offices: vec!["naka".into()],
        },
    );
    put(
        "VersionedAccount",
        &hoshu_app::VersionedAccount {
            id: 7,
            expected_version: 3,
        },
    );
    incident_samples(&mut put);
    operations_samples(&mut put);
    meeting_samples(&mut put);
    business_schedule_samples(&mut put);
    register_samples(&mut put);
    m
}

/// Incidents, SLA clocks, the chief's SLA status and rendered files.
fn incident_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let secs = chrono::TimeDelta::seconds(90);
    let mail = MailRecord {
        id: 1,
        incident_id: 1,
        kind: ReportMailKind::FirstReport,
        recipients: vec!["hogo@city.example.lg.jp".into()],
        subject: "【障害一次報告】件名（障害 #1）".into(),
        body: "本文".into(),
        status: MailStatus::Queued,
        attempts: 1,
        next_attempt_at: t(),
        last_error: Some("メールサーバーに接続できませんでした。".into()),
        accepted_at: Some(t()),
        created_by: 3,
        created_at: t(),
    };
    let event_ref = EventRef {
        index: 0,
        kind: TimelineEventKind::FirstIsolation,
        at: t(),
    };
    let clock = |state: ClockState| SlaClockView {
        item: SlaItem::ContactFixer,
        kind: ClockKind::Continuous,
        allowance: Allowance::Continuous { minutes: 10 },
        started_at: Some(t()),
        started_by: Some(event_ref),
        deadline: Some(t()),
        stopped_at: Some(t()),
        stopped_by: Some(event_ref),
        state,
    };
    let running = ClockState::Running {
        deadline: t(),
        remaining: secs,
    };
    let paused = ClockState::Paused {
        deadline: t(),
        remaining: secs,
    };
    let met = ClockState::Met {
        at: t(),
        deadline: t(),
        margin: secs,
    };
    let breached = ClockState::Breached {
        deadline: t(),
        by: secs,
        at: Some(t()),
    };
    put("SlaClockView", &clock(running));
    let clocked = ClockedRequest {
        request: summary(),
        answer_clock: clock(running),
    };
    put("ClockedRequest", &clocked);
    put(
        "RequestListPage",
        &RequestListPage {
            items: vec![clocked.clone()],
            total: 1,
        },
    );
    put("ClockState.running", &running);
    put("ClockState.paused", &paused);
    put("ClockState.met", &met);
    put("ClockState.breached", &breached);
    put("ClockState.not_started", &ClockState::NotStarted);
    put(
        "Allowance.continuous",
        &Allowance::Continuous { minutes: 30 },
    );
    put(
        "Allowance.service_time",
        &Allowance::ServiceTime { minutes: 480 },
    );
    put(
        "Allowance.business_days",
        &Allowance::BusinessDays { days: 1 },
    );
    put("EventRef", &event_ref);
    let incident = NewIncident {
        detected_at: t(),
        category: IncidentCategory::JobFailure,
        severity: Severity::High,
        title: "夜間バッチ異常終了".into(),
        summary: "概要".into(),
        affected_offices: vec!["kita_chuo".into()],
        affected_systems: "本番".into(),
        linked_requests: vec![1],
    };
    put("NewIncident", &incident);
    let event = TimelineEvent {
        kind: TimelineEventKind::FirstReport,
        at: t(),
        note: "一次報告".into(),
    };
    put("TimelineEvent", &event);
    let event_record = IncidentEventRecord {
        id: 1,
        event,
        recorded_by: 1,
        recorded_by_name: "受託者".into(),
        recorded_at: t(),
    };
    put("IncidentEventRecord", &event_record);
    let exclusion = ExclusionRecord {
        reason: ExclusionReason::DisasterOrAttack,
        note: "根拠".into(),
        proposed_by: 1,
        proposed_by_name: "受託者".into(),
        proposed_at: t(),
        approved: Some(true),
        decided_by: Some(2),
        decided_by_name: Some("課長".into()),
        decided_at: Some(t()),
        comment: Some("承認".into()),
    };
    put("ExclusionRecord", &exclusion);
    let record = IncidentRecord {
        id: 1,
        incident,
        manual_revision_required: true,
        recorded_by: 1,
        recorded_by_name: "受託者".into(),
        created_at: t(),
        updated_at: t(),
        version: 1,
        events: vec![event_record],
        exclusion: Some(exclusion),
    };
    put("IncidentRecord", &record);
    let view = IncidentView {
        record,
        excluded: false,
        clocks: vec![clock(met)],
        running: 1,
        breached: 0,
        next_deadline: Some(t()),
        recovered: false,
    };
    put("IncidentView", &view);
    put(
        "IncidentDetail",
        &IncidentDetail {
            view,
            now: t(),
            can_record: true,
            can_decide_exclusion: false,
            mails: vec![mail.clone()],
        },
    );
    put("MailRecord", &mail);
    put(
        "MailDraft",
        &MailDraft {
            kind: ReportMailKind::FirstReport,
            recipients: mail.recipients.clone(),
            subject: mail.subject.clone(),
            body: mail.body.clone(),
        },
    );
    let settings = MailSettings {
        host: "smtp.city.example.lg.jp".into(),
        port: 587,
        security: MailSecurity::StartTls,
        username: "desk".into(),
        from_address: "desk@contractor.example.jp".into(),
        from_name: "保守デスク".into(),
    };
    put("MailSettings", &settings);
    put(
        "MailSettingsView",
        &MailSettingsView {
            settings,
            password_set: true,
        },
    );
    put(
        "IncidentListQuery",
        &IncidentListQuery {
            from: Some(t()),
            to: Some(t()),
            open_only: true,
        },
    );
    put(
        "ExclusionDecision",
        &ExclusionDecision {
            approve: false,
            reason: ExclusionReason::UserFault,
            note: "根拠".into(),
            comment: "理由".into(),
        },
    );
    let line = BreachLine {
        incident_id: 1,
        title: "t".into(),
        item: SlaItem::FirstReport,
        deadline: Some(t()),
    };
    put("BreachLine", &line);
    let attainment = Attainment {
        met: 9,
        breached: 1,
        running: 0,
        not_started: 0,
        rate: Some(0.9),
    };
    put("Attainment", &attainment);
    let item = ItemAttainment {
        item: SlaItem::FirstReport,
        attainment,
    };
    put("ItemAttainment", &item);
    put(
        "SlaStatus",
        &SlaStatus {
            now: t(),
            fiscal_year: 2026,
            open_incidents: 1,
            running_clocks: 2,
            breached_incidents: 1,
            pending_exclusions: 0,
            attainment: vec![item],
            upcoming: vec![line.clone()],
            breaches: vec![line],
        },
    );
    put(
        "MeetingListItem",
        &MeetingListItem {
            meeting: MeetingSummary {
                id: 1,
                kind: MeetingKind::Regular,
                title: "定例会議".into(),
                starts_at: t(),
                ends_at: t(),
                place: "会議室".into(),
                minutes_status: MinutesStatus::Submitted,
                version: 1,
                updated_at: t(),
            },
            minutes_due: NaiveDate::from_ymd_opt(2026, 11, 30).expect("date"),
            overdue: true,
        },
    );
    put(
        "Progress",
        &Progress {
            done: 1,
            total: 3,
            label: "作成しています".into(),
        },
    );
    let day = NaiveDate::from_ymd_opt(2026, 4, 1).expect("date");
    put(
        "MinutesSelection.period",
        &MinutesSelection::Period { from: day, to: day },
    );
    let malware_check = MalwareCheckInput {
        checked_by: "受託 太郎".into(),
        checked_at: Some(t()),
        product: "ウイルス対策 12".into(),
        pattern_version: "2026.11.22.001".into(),
    };
    put("MalwareCheckInput", &malware_check);
    put(
        "DiscSelection",
        &DiscSelection {
            minutes: MinutesSelection::AllApproved,
            register: true,
            plan: true,
            forms: vec![FormKind::Schedule],
            reports_fiscal_year: Some(2025),
            media: DiscMedia::CdR,
            malware_check,
        },
    );
    put(
        "SavedFile",
        &SavedFile {
            path: "/home/u/定期報告.pdf".into(),
            bytes: 1,
        },
    );
    put(
        "OpenedDrafts",
        &OpenedDrafts {
            drafts: vec![StoredDraft {
                key: "hoshu-desk.draft.staff01::new-request".into(),
                text: "{}".into(),
            }],
            kept_on_disk: true,
            retention_days: 7,
        },
    );
}

/// The issue register, the operation plan and the contract data.
/// The operations log: check items and checks, job nets and runs, maintenance work.
fn operations_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let day = NaiveDate::from_ymd_opt(2026, 4, 10).expect("date");
    let item = CheckItemInput {
        name: "JP1 監視画面の確認".into(),
        frequency: CheckFrequency::OpenDay,
        since: day,
        active: true,
    };
    put("CheckItemInput", &item);
    let item = CheckItem {
        id: 1,
        item,
        version: 1,
    };
    put("CheckItem", &item);
    let entry = CheckEntry {
        item_id: 1,
        day,
        result: CheckResult::Anomaly,
        note: "警告1件".into(),
    };
    put("CheckEntry", &entry);
    let record = CheckRecord {
        id: 1,
        entry,
        item_name: "JP1 監視画面の確認".into(),
        checked_by: 1,
        checked_by_name: "受託者".into(),
        checked_at: t(),
    };
    put("CheckRecord", &record);
    let missed = MissedCheck { day, item_id: 1 };
    put("MissedCheck", &missed);
    put(
        "CheckMonth",
        &CheckMonth {
            year: 2026,
            month: 4,
            today: day,
            items: vec![item],
            records: vec![record],
            missed: vec![missed],
        },
    );
    let net = JobNetInput {
        name: "NJ_RECEIPT_IMPORT".into(),
        schedule: JobNetSchedule::OpenDay,
        planned_start: NaiveTime::from_hms_opt(1, 0, 0).expect("time"),
        planned_minutes: 60,
        active: true,
    };
    put("JobNetInput", &net);
    put(
        "JobNet",
        &JobNet {
            id: 1,
            net,
            version: 1,
        },
    );
    let run = NewBatchRun {
        job_net_id: 1,
        planned_start: t(),
        planned_end: t(),
        started_at: t(),
        ended_at: t(),
        result: BatchResult::Abnormal,
        processed_count: 10,
        note: "異常終了".into(),
        rerun_of: Some(1),
    };
    put("NewBatchRun", &run);
    put(
        "BatchRun",
        &BatchRun {
            id: 2,
            run,
            job_net_name: "NJ_RECEIPT_IMPORT".into(),
            incident_id: Some(1),
            rerun_by: Some(3),
            recorded_by: 1,
            recorded_by_name: "受託者".into(),
            recorded_at: t(),
        },
    );
    put(
        "RecordedRun",
        &RecordedRun {
            run_id: 2,
            incident_id: Some(1),
        },
    );
    let work = NewWorkRecord {
        change_id: 1,
        kind: WorkKind::MonthlyMaintenance,
        started_at: t(),
        ended_at: t(),
        note: "作業内容".into(),
    };
    put("NewWorkRecord", &work);
    put(
        "WorkRecord",
        &WorkRecord {
            id: 1,
            work,
            change_title: "月次メンテナンス".into(),
            recorded_by: 1,
            recorded_by_name: "受託者".into(),
            recorded_at: t(),
        },
    );
}

fn register_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let day = NaiveDate::from_ymd_opt(2026, 4, 15).expect("date");
    let issue = IssueInput {
        raised_on: day,
        raised_by: "小川 健".into(),
        category: IssueCategory::Improvement,
        title: "医療券の帳票レイアウト改善".into(),
        content: "内容".into(),
        priority: IssuePriority::Medium,
        owner: "大西 亮".into(),
        due: Some(day),
        status: IssueStatus::Done,
        progress: "経過".into(),
        completed_on: Some(day),
        meeting_id: Some(1),
        request_id: Some(2),
    };
    put("IssueInput", &issue);
    let item = RegisterItem {
        id: 1,
        no: 1,
        item: issue,
        version: 1,
        created_by: 1,
        created_by_name: "受託者".into(),
        created_at: t(),
        updated_at: t(),
    };
    put("RegisterItem", &item);
    put(
        "RegisterPage",
        &RegisterPage {
            items: vec![item],
            total: 1,
        },
    );
    put(
        "RegisterListQuery",
        &RegisterListQuery {
            statuses: vec![IssueStatus::Open],
            categories: vec![IssueCategory::Fault],
            text: Some("帳票".into()),
            meeting_id: Some(1),
            page: 1,
            per_page: 50,
        },
    );
    let version = PlanSectionVersion {
        section: PlanSection::Policy,
        version: 2,
        content: "本文".into(),
        edited_by: 1,
        edited_by_name: "受託者".into(),
        edited_at: t(),
    };
    put("PlanSectionVersion", &version);
    put(
        "PlanSectionState",
        &PlanSectionState {
            section: PlanSection::Policy,
            number: 1,
            current: Some(version),
        },
    );
    handover_samples(put, day);
    put(
        "ContractInfo",
        &ContractInfo {
            contract_number: "第1号".into(),
            contractor_name: "株式会社吉備情報システム".into(),
            signed_on: Some(day),
            ..ContractInfo::default()
        },
    );
}

/// Meetings, their minutes and the register items their action items became.
fn business_schedule_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let entry = ScheduleEntry {
        day: NaiveDate::from_ymd_opt(2026, 5, 3).expect("date"),
        category: EntryCategory::Maintenance,
        title: "月次メンテナンス".into(),
        starts: NaiveTime::from_hms_opt(8, 0, 0),
        ends: NaiveTime::from_hms_opt(22, 0, 0),
        note: String::new(),
        source: EntrySource::Calendar,
        source_id: None,
    };
    put("ScheduleEntry", &entry);
    let header = ScheduleVersion {
        id: 1,
        year: 2026,
        month: 5,
        edition: 1,
        status: ScheduleStatus::Returned,
        revised_from: None,
        created_by_name: "受託者".into(),
        created_at: t(),
        submitted_by_name: Some("受託者".into()),
        submitted_at: Some(t()),
        decided_by_name: Some("担当課".into()),
        decided_at: Some(t()),
        decision_comment: "15日の作業時間を午後に".into(),
        version: 3,
    };
    put("ScheduleVersion", &header);
    let schedule = BusinessSchedule {
        header: header.clone(),
        entries: vec![entry],
    };
    put("BusinessSchedule", &schedule);
    put(
        "ScheduleMonthView",
        &ScheduleMonthView {
            year: 2026,
            month: 5,
            versions: vec![header],
            current: Some(schedule),
            submission_due: NaiveDate::from_ymd_opt(2026, 4, 20),
            due_problem: None,
        },
    );
}

fn handover_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser), day: NaiveDate) {
    let plan = HandoverPlanDraft {
        next_contractor: "株式会社次期".into(),
        members: vec![HandoverMember {
            party: HandoverParty::NextContractor,
            name: "株式会社次期".into(),
            role: "運用の受入れ".into(),
        }],
        schedule: vec![HandoverScheduleItem {
            what: "運用現場の視察".into(),
            from: day,
            to: day,
            who: HandoverParty::Contractor,
        }],
        notes: "留意事項".into(),
    };
    put("HandoverMember", &plan.members[0]);
    put("HandoverScheduleItem", &plan.schedule[0]);
    put("HandoverPlanDraft", &plan);
    let version = HandoverPlanVersion {
        version: 2,
        plan,
        status: HandoverPlanStatus::Returned,
        edited_by_name: "受託者".into(),
        edited_at: t(),
        submitted_at: Some(t()),
        decided_by_name: Some("担当課".into()),
        decided_at: Some(t()),
        return_reason: Some("日程を具体的に".into()),
    };
    put("HandoverPlanVersion", &version);
    put(
        "HandoverPlanView",
        &HandoverPlanView {
            current: Some(version.clone()),
            approved: Some(version),
            deadline: day,
        },
    );
    put("HandoverDecision.approve", &HandoverDecision::Approve);
    put(
        "HandoverDecision.return",
        &HandoverDecision::Return {
            reason: "理由".into(),
        },
    );
}

fn meeting_samples(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let day = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let attendee = Attendee {
        side: Side::City,
        organisation: "生活保護・自立支援課".into(),
        title: "課長".into(),
        name: "岡本 誠".into(),
        present: true,
    };
    put("Attendee", &attendee);
    let action_item = ActionItem {
        description: "帳票改善案の作成".into(),
        owner: "小川 健".into(),
        due: day,
    };
    put("ActionItem", &action_item);
    let next_meeting = NextMeeting {
        starts_at: t(),
        place: "同上".into(),
    };
    put("NextMeeting", &next_meeting);
    let meeting = NewMeeting {
        kind: MeetingKind::Regular,
        title: "第1回 定例会議".into(),
        starts_at: t(),
        ends_at: t(),
        place: "第3会議室".into(),
        attendees: vec![attendee],
        handouts: vec!["資料1".into()],
        agenda: vec!["運用状況".into()],
        discussion: "報告した。".into(),
        decisions: vec!["改善案を提示する。".into()],
        action_items: vec![action_item],
        next_meeting: Some(next_meeting),
    };
    put("NewMeeting", &meeting);
    let link = RegisterRef { id: 1, no: 12 };
    put("RegisterRef", &link);
    let decision = MinutesDecision {
        action: MinutesAction::Return,
        decided_by: 2,
        decided_by_name: "課長".into(),
        at: t(),
        comment: "出席者の役職を直してください。".into(),
    };
    put("MinutesDecision", &decision);
    let handout = MeetingAttachmentMeta {
        id: 1,
        meeting_id: 1,
        file_name: "資料1_運用状況報告.pdf".into(),
        content_type: "application/pdf".into(),
        size: 70_009,
        sha256: "00".into(),
        uploaded_by: 1,
        uploaded_by_name: "受託者".into(),
        created_at: t(),
    };
    put("MeetingAttachmentMeta", &handout);
    let record = MeetingRecord {
        id: 1,
        meeting,
        action_item_links: vec![Some(link)],
        minutes_status: MinutesStatus::Returned,
        version: 3,
        recorded_by: 1,
        recorded_by_name: "受託者".into(),
        created_at: t(),
        updated_at: t(),
        submitted_at: Some(t()),
        decision: Some(decision),
        attachments: vec![handout],
    };
    put("MeetingRecord", &record);
    put(
        "MeetingDetail",
        &MeetingDetail {
            meeting: record,
            minutes_due: day,
            overdue: true,
            allowed_actions: vec![MinutesAction::Submit],
            can_edit: true,
        },
    );
    put(
        "MeetingListQuery",
        &MeetingListQuery {
            kinds: vec![MeetingKind::Regular],
            statuses: vec![MinutesStatus::Submitted],
            from: Some(t()),
            to: Some(t()),
            text: Some("定例".into()),
            page: 1,
            per_page: 50,
        },
    );
    put(
        "MeetingListPage",
        &MeetingListPage {
            items: vec![],
            total: 0,
        },
    );
    put(
        "RecordedMeeting",
        &RecordedMeeting {
            id: 1,
            register_items: vec![link],
        },
    );
    search_and_import(put);
}

fn search_and_import(put: &mut dyn FnMut(&'static str, &dyn erased::Ser)) {
    let month = YearMonth {
        year: 2026,
        month: 4,
    };
    put("YearMonth", &month);
    put(
        "SearchQuery",
        &SearchQuery {
            text: "返戻".into(),
            kinds: vec![SearchKind::Request],
            from: Some(month),
            to: None,
            page: 1,
            per_page: 20,
        },
    );
    let snippet = Snippet {
        before: "…の".into(),
        hit: "返戻".into(),
        after: "について".into(),
    };
    put("Snippet", &snippet);
    let hit = SearchHit {
        kind: SearchKind::Request,
        item_id: 813,
        title: "件名".into(),
        office: Some("naka".into()),
        at: t(),
        snippet,
    };
    put("SearchHit", &hit);
    let jump = SearchJump {
        kind: SearchKind::Request,
        item_id: 813,
        title: "件名".into(),
    };
    put("SearchJump", &jump);
    put(
        "SearchResults",
        &SearchResults {
            hits: vec![hit],
            total: 1,
            total_exact: true,
            jump: Some(jump),
            kinds: vec![SearchKind::Request],
        },
    );
    let problem = Problem::at(12, "期日", "日付として読めません（\"2025/13/45\"）");
    put("ImportProblem", &problem);
    let row = ImportRow {
        row: 2,
        external_ref: "redmine#813".into(),
        title: "件名".into(),
        kind: "問合せ".into(),
        status: "完了".into(),
        office_or_owner: "naka".into(),
        date: "2025-04-03 11:32".into(),
        existing: false,
    };
    put("ImportRow", &row);
    let account_row = AccountImportRow {
        row: 3,
        login: "staff01".into(),
        display_name: "吉備 花子".into(),
        change: AccountChange::Changed,
        details: vec!["所属: kita_chuo → naka".into()],
    };
    put("AccountImportRow", &account_row);
    let issued = IssuedPassword {
        login: "staff99".into(),
        one_time_password: "abcd-efgh-jkmn".into(),
    };
    put("IssuedPassword", &issued);
    put(
        "AccountImportReport",
        &AccountImportReport {
            dry_run: false,
            rows: vec![account_row],
            problems: vec![problem.clone()],
            written: true,
            passwords: vec![issued],
        },
    );
    put(
        "ImportReport",
        &ImportReport {
            source: ImportSource::Redmine,
            dry_run: true,
            rows: vec![row],
            problems: vec![problem],
            new: 1,
            existing: 0,
            errors: 1,
            written: false,
            mapping: "[trackers]".into(),
        },
    );
    put(
        "PickedImportFile",
        &PickedImportFile {
            file_name: "issues.csv".into(),
            bytes: "AA==".into(),
        },
    );
}

mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("serialise")
        }
    }
}

fn codes<T: Serialize + Copy>(all: &[T]) -> Value {
    Value::Array(
        all.iter()
            .map(|v| serde_json::to_value(v).expect("code"))
            .collect(),
    )
}

/// `{"types": {Name: [field, ...]}, "enums": {name: [code, ...]}}`, keys sorted.
fn generate() -> String {
    let mut types = Map::new();
    for (name, sample) in samples() {
        let Value::Object(fields) = sample else {
            panic!("{name} is not an object");
        };
        let mut keys: Vec<&String> = fields.keys().collect();
        keys.sort();
        types.insert(name.to_owned(), json!(keys));
    }
    let mut enums = Map::new();
    enums.insert("Role".into(), codes(Role::ALL));
    enums.insert("ListName".into(), codes(ListName::ALL));
    enums.insert("Urgency".into(), codes(Urgency::ALL));
    enums.insert(
        "AccountChange".into(),
        codes(&[
            AccountChange::New,
            AccountChange::Changed,
            AccountChange::Unchanged,
        ]),
    );
    enums.insert("RequestKind".into(), codes(RequestKind::ALL));
    enums.insert("WorkSubKind".into(), codes(WorkSubKind::ALL));
    enums.insert("RequestStatus".into(), codes(RequestStatus::ALL));
    enums.insert("RequestAction".into(), codes(RequestAction::ALL));
    enums.insert("ChangeKind".into(), codes(ChangeKind::ALL));
    enums.insert("ChangeStatus".into(), codes(ChangeStatus::ALL));
    enums.insert("ChangeAction".into(), codes(ChangeAction::ALL));
    enums.insert(
        "ErrorCode".into(),
        codes(&[
            ErrorCode::Validation,
            ErrorCode::Forbidden,
            ErrorCode::AuthFailed,
            ErrorCode::PasswordChangeRequired,
            ErrorCode::NotFound,
            ErrorCode::Stale,
            ErrorCode::InvalidTransition,
            ErrorCode::Duplicate,
            ErrorCode::Unavailable,
            ErrorCode::Replayed,
            ErrorCode::BulkExportUnconfirmed,
            ErrorCode::Internal,
        ]),
    );
    enums.insert("IncidentCategory".into(), codes(IncidentCategory::ALL));
    enums.insert("Severity".into(), codes(Severity::ALL));
    enums.insert("TimelineEventKind".into(), codes(TimelineEventKind::ALL));
    enums.insert("ExclusionReason".into(), codes(ExclusionReason::ALL));
    enums.insert("SlaItem".into(), codes(SlaItem::ALL));
    enums.insert("ClockKind".into(), codes(ClockKind::ALL));
    enums.insert("CheckFrequency".into(), codes(CheckFrequency::ALL));
    enums.insert("CheckResult".into(), codes(CheckResult::ALL));
    enums.insert("JobNetSchedule".into(), codes(JobNetSchedule::ALL));
    enums.insert("BatchResult".into(), codes(BatchResult::ALL));
    enums.insert("WorkKind".into(), codes(WorkKind::ALL));
    enums.insert("MeetingKind".into(), codes(MeetingKind::ALL));
    enums.insert("MinutesStatus".into(), codes(MinutesStatus::ALL));
    enums.insert("MinutesAction".into(), codes(MinutesAction::ALL));
    enums.insert("ScheduleStatus".into(), codes(ScheduleStatus::ALL));
    enums.insert("ScheduleAction".into(), codes(ScheduleAction::ALL));
    enums.insert("EntryCategory".into(), codes(EntryCategory::ALL));
    enums.insert("EntrySource".into(), codes(EntrySource::ALL));
    enums.insert("NotificationKind".into(), codes(NotificationKind::ALL));
    enums.insert("ItemKind".into(), codes(ItemKind::ALL));
    enums.insert("ReportMailKind".into(), codes(ReportMailKind::ALL));
    enums.insert("MailStatus".into(), codes(MailStatus::ALL));
    enums.insert("MailSecurity".into(), codes(MailSecurity::ALL));
    enums.insert("Side".into(), codes(Side::ALL));
    enums.insert("FormKind".into(), codes(&FormKind::ALL));
    enums.insert(
        "DiscMedia".into(),
        codes(&[DiscMedia::CdR, DiscMedia::DvdR]),
    );
    enums.insert("IssueCategory".into(), codes(IssueCategory::ALL));
    enums.insert("IssuePriority".into(), codes(IssuePriority::ALL));
    enums.insert("IssueStatus".into(), codes(IssueStatus::ALL));
    enums.insert("PlanSection".into(), codes(PlanSection::ALL));
    enums.insert("HandoverParty".into(), codes(HandoverParty::ALL));
    enums.insert("HandoverPlanStatus".into(), codes(HandoverPlanStatus::ALL));
    enums.insert("SearchKind".into(), codes(SearchKind::ALL));
    enums.insert(
        "ImportSource".into(),
        codes(&[
            ImportSource::Redmine,
            ImportSource::Register,
            ImportSource::Batches,
        ]),
    );
    let labels: Vec<&str> = all_labels().into_keys().collect();
    enums.insert("LabelGroups".into(), json!(labels));
    let doc = json!({
        "//": "Generated by src-tauri/tests/it/wire.rs from the Rust types. Do not edit.",
        "types": types,
        "enums": enums,
    });
    serde_json::to_string_pretty(&doc).expect("json") + "\n"
}

#[test]
fn generated_wire_shapes_are_current() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/api/wire.gen.json");
    let fresh = generate();
    if std::env::var("HOSHU_UPDATE_WIRE").is_ok_and(|v| v == "1") {
        std::fs::write(&path, &fresh).expect("write wire.gen.json");
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/src/api/wire.gen.json is stale: run `HOSHU_UPDATE_WIRE=1 cargo test -p hoshu-desktop --test it wire` and commit it"
    );
}
