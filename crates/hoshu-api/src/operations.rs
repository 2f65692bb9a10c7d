//! The list of operations. Each entry: read or write, the name the window calls, the
//! arguments (camelCase on the wire), what it answers, and the one use case it runs.

use crate::calendar::{CalendarDay, month_days};
use crate::files::{Base64Bytes, FileDownload, UploadedFile, content_type_of};
use crate::{Operation, OperationKind, bad_arguments, to_json};
use chrono::NaiveDate;
use hoshu_app::{
    AccountFilter, AccountImportReport, AccountUpdateInput, AccountView, AppResult, Assignee,
    BulkExport, ChangeDetail, ChangeListQuery, CheckMonth, ClashAcknowledgement, ClockedRequest,
    DeskSettings, DiscSelection, ExclusionDecision, FiledAttachment, FormKind, HandoverDecision,
    HandoverPlanView, Hoshu, IncidentDetail, IncidentListQuery, IncidentView, MailSettingsView,
    MeetingDetail, MeetingListItem, MeetingListPage, MeetingListQuery, NotificationPoll,
    OpenSessionView, OutageNotice, PasswordReset, PlanSectionState, RecordedMeeting, RecordedRun,
    RegisterFormat, RegisterListQuery, RegisterPaper, ReportFormat, RequestDetail, RequestListPage,
    RequestListQuery, ScheduleMonthView, Session, SlaStatus, TransitionInput, VersionedAccount,
};
use hoshu_app::{
    BulkStep, ImportInput, ImportReport, ImportSource, NewSavedView, SearchQuery, SearchResults,
    SelectedRequest,
};
use hoshu_core::account::NewAccountInput;
use hoshu_core::audit::ChainBreak;
use hoshu_core::business_schedule::{ScheduleAction, ScheduleEntry};
use hoshu_core::change::{ChangeAction, ChangeProposal, ChangeResult};
use hoshu_core::contract::ContractInfo;
use hoshu_core::form_fill::FormFill;
use hoshu_core::handover::{HandoverPlanDraft, HandoverPlanVersion};
use hoshu_core::incident::{ExclusionReason, NewIncident, TimelineEvent};
use hoshu_core::listing::ListName;
use hoshu_core::meeting::{MinutesAction, NewMeeting};
use hoshu_core::notification::ItemRef;
use hoshu_core::operations::{CheckEntry, CheckItemInput, JobNetInput, NewBatchRun, NewWorkRecord};
use hoshu_core::plan::{PlanSection, PlanSectionVersion};
use hoshu_core::register::IssueInput;
use hoshu_core::report_mail::{MailDraft, MailSettings, ReportMailKind};
use hoshu_core::request::NewRequest;
use hoshu_store::{
    BatchRun, BusinessSchedule, ChangeSummary, CheckItem, JobNet, MailRecord, NotificationRecord,
    Office, RegisterItem, RegisterPage, RegisterRef, SavedView, SearchHit, WorkRecord,
};
use serde::Deserialize;
use serde_json::Value;

/// Declares the operations: from one list, [`OPERATIONS`], [`dispatch`] and (with the `ts`
/// feature) the window's TypeScript declaration of every operation.
macro_rules! operations {
    ($(
        $(#[doc = $doc:literal])*
        $kind:ident $name:ident($($arg:ident: $ty:ty),* $(,)?) -> $out:ty
            = |$hoshu:ident, $session:ident| $body:expr;
    )*) => {
        /// Every operation of the API, in the order of the list.
        pub const OPERATIONS: &[Operation] = &[$(
            Operation { name: stringify!($name), kind: OperationKind::$kind },
        )*];

        /// The arguments of each operation, one struct named after it.
        #[allow(non_camel_case_types)]
        mod args {
            use super::*;
            $(
                $(#[doc = $doc])*
                #[derive(Deserialize)]
                #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
                // An argument the caller may leave out is `null` or absent.
                #[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
                #[serde(rename_all = "camelCase")]
                pub struct $name { $(pub $arg: $ty,)* }
            )*
        }

        /// Runs the operation `name` for `session` with `args` (a JSON object, camelCase
        /// keys). `None` when there is no such operation.
        pub async fn dispatch(
            hoshu: &Hoshu,
            session: &Session,
            name: &str,
            args: Value,
        ) -> Option<AppResult<Value>> {
            let args = if args.is_null() { Value::Object(Default::default()) } else { args };
            Some(match name {
                $(stringify!($name) => {
                    let run = async {
                        let args::$name { $($arg),* } = serde_json::from_value(args)
                            .map_err(|e| bad_arguments(stringify!($name), &e))?;
                        let $hoshu = hoshu;
                        let $session = session;
                        let answer: $out = $body.await?;
                        to_json(&answer)
                    };
                    run.await
                })*
                _ => return None,
            })
        }

        /// `interface Operations`: each operation's arguments and answer, for the window's
        /// typed `call`; the types they name are added to `types`.
        #[cfg(feature = "ts")]
        pub fn declare_operations(types: &mut crate::typescript::WireTypes) -> String {
            let entries = vec![$(types.operation::<args::$name, $out>(stringify!($name)),)*];
            crate::typescript::operations_interface(&entries)
        }
    };
}

operations! {
    // 依頼
    /// A page of requests; staff see their own office only (imposed by the use case).
    Read list_requests(query: RequestListQuery) -> RequestListPage
        = |h, s| h.list_requests(s, query);
    /// Every request of the filtered list, in its order, as .xlsx; audited with its row count,
    /// and above the bulk threshold only with `bulk: "confirmed"`.
    Read export_request_list(query: RequestListQuery, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let rendered = h.export_request_list(s, query, bulk.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    /// The change, meeting and incident lists as filtered, as .xlsx (audited, bulk asked).
    Read export_change_list(query: ChangeListQuery, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let rendered = h.export_change_list(s, query, bulk.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    Read export_meeting_list(query: MeetingListQuery, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let rendered = h.export_meeting_list(s, query, bulk.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    Read export_incident_list(query: IncidentListQuery, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let rendered = h.export_incident_list(s, query, bulk.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    Read request_detail(id: i64) -> RequestDetail
        = |h, s| h.request_detail(s, id);
    /// The request and the files chosen on the form, in one transaction.
    Write file_request(input: NewRequest, attachments: Option<Vec<UploadedFile>>) -> i64
        = |h, s| h.file_request_with_files(
            s,
            input,
            attachments
                .unwrap_or_default()
                .into_iter()
                .map(|f| FiledAttachment { file_name: f.file_name, bytes: f.bytes.0 })
                .collect(),
        );
    Write comment_on_request(id: i64, body: String) -> i64
        = |h, s| h.comment_on_request(s, id, &body);
    Write transition_request(id: i64, input: TransitionInput) -> i64
        = |h, s| h.transition_request(s, id, input);
    Write assign_request(id: i64, expected_version: i64, assignee: Option<i64>) -> i64
        = |h, s| h.assign_request(s, id, expected_version, assignee);
    /// One step (assign, close) on every selected request, or on none.
    Write bulk_request_step(selected: Vec<SelectedRequest>, step: BulkStep) -> usize
        = |h, s| h.bulk_request_step(s, selected, step);
    Read contractors() -> Vec<Assignee>
        = |h, s| h.contractors(s);
    Read answer_queue() -> Vec<ClockedRequest>
        = |h, s| h.answer_queue(s);
    /// The file's kind is decided by the use case from its name and content (an allow-list),
    /// never taken from the caller.
    Write attach_to_request(id: i64, file_name: String, bytes: Base64Bytes) -> i64
        = |h, s| h.attach_to_request(s, id, &file_name, &bytes.0);
    Read attachment(attachment_id: i64) -> FileDownload
        = |h, s| async move {
            let file = h.attachment(s, attachment_id).await?;
            AppResult::Ok(FileDownload {
                file_name: file.meta.file_name,
                content_type: file.meta.content_type,
                bytes: file.bytes,
            })
        };

    // 保存した絞り込み条件（本人のもの）
    Read saved_views(list: ListName) -> Vec<SavedView>
        = |h, s| h.saved_views(s, list);
    Write save_view(input: NewSavedView) -> i64
        = |h, s| h.save_view(s, input);
    Write delete_saved_view(id: i64) -> ()
        = |h, s| h.delete_saved_view(s, id);

    // 検索・取込
    /// Knowledge search; what this person may see is decided by the use case.
    Read search(query: SearchQuery) -> SearchResults
        = |h, s| h.search(s, query);
    /// Answered requests like the one being typed.
    Read similar_requests(title: String, body: String) -> Vec<SearchHit>
        = |h, s| h.similar_requests(s, &title, &body);
    /// A dry run (`dryRun: true`) or the import of a Redmine export or register file.
    Write import_records(
        source: ImportSource,
        file_name: String,
        bytes: Base64Bytes,
        mapping: Option<String>,
        sheet: Option<String>,
        dry_run: bool,
    ) -> ImportReport
        = |h, s| h.import(
            s,
            ImportInput { source, file_name, bytes: bytes.0, mapping, sheet, dry_run },
            None,
        );

    // 変更・計画停止
    Read list_changes(query: ChangeListQuery) -> Vec<ChangeSummary>
        = |h, s| h.list_changes(s, query);
    Read change_detail(id: i64) -> ChangeDetail
        = |h, s| h.change_detail(s, id);
    Write propose_change(proposal: ChangeProposal) -> i64
        = |h, s| h.propose_change(s, proposal);
    /// 承認申請・承認・却下・差戻し・承認取消・取下げ. `clashes: "acknowledged"` once the
    /// approver has confirmed the conflicts shown.
    Write decide_change(
        id: i64,
        expected_version: i64,
        step: ChangeAction,
        comment: String,
        clashes: Option<ClashAcknowledgement>,
    ) -> i64
        = |h, s| h.decide_change(s, id, expected_version, step, &comment, clashes.unwrap_or_default());
    Write complete_change(id: i64, expected_version: i64, result: ChangeResult) -> i64
        = |h, s| h.complete_change(s, id, expected_version, result);
    /// What staff are told: approved work touching their office, by its effect on their work.
    Read upcoming_outages(days: i64) -> Vec<OutageNotice>
        = |h, s| h.upcoming_outages(s, days);

    // 運用記録（日次点検・バッチ実行・保守作業）
    Read check_items() -> Vec<CheckItem>
        = |h, s| h.check_items(s);
    Write add_check_item(item: CheckItemInput) -> i64
        = |h, s| h.add_check_item(s, item);
    Write update_check_item(id: i64, expected_version: i64, item: CheckItemInput) -> i64
        = |h, s| h.update_check_item(s, id, expected_version, item);
    Write record_check(entry: CheckEntry) -> i64
        = |h, s| h.record_check(s, entry);
    /// The month's checks and the checks missed up to today.
    Read check_month(year: i32, month: u32) -> CheckMonth
        = |h, s| h.check_month(s, year, month);
    Read job_nets() -> Vec<JobNet>
        = |h, s| h.job_nets(s);
    Write add_job_net(net: JobNetInput) -> i64
        = |h, s| h.add_job_net(s, net);
    Write update_job_net(id: i64, expected_version: i64, net: JobNetInput) -> i64
        = |h, s| h.update_job_net(s, id, expected_version, net);
    /// An abnormal end opens its ジョブ異常 incident in the same write.
    Write record_batch_run(run: NewBatchRun) -> RecordedRun
        = |h, s| h.record_batch_run(s, run);
    Read batch_runs(year: i32, month: u32) -> Vec<BatchRun>
        = |h, s| h.batch_runs(s, year, month);
    Write record_work(work: NewWorkRecord) -> i64
        = |h, s| h.record_work(s, work);
    Read work_records(year: i32, month: u32) -> Vec<WorkRecord>
        = |h, s| h.work_records(s, year, month);

    // 業務日程表
    /// A month: every version, the newest with its entries, the submission due date.
    Read business_schedule_month(year: i32, month: u32) -> ScheduleMonthView
        = |h, s| h.business_schedule_month(s, year, month);
    /// One version as it was (the version history).
    Read business_schedule(id: i64) -> BusinessSchedule
        = |h, s| h.business_schedule(s, id);
    /// The month's first version, drafted from the record and last month's typed lines.
    Write draft_business_schedule(year: i32, month: u32) -> i64
        = |h, s| h.draft_business_schedule(s, year, month);
    /// A new version of a returned or approved one, to revise.
    Write revise_business_schedule(id: i64) -> i64
        = |h, s| h.revise_business_schedule(s, id);
    Write save_business_schedule_entries(id: i64, expected_version: i64, entries: Vec<ScheduleEntry>) -> i64
        = |h, s| h.save_business_schedule_entries(s, id, expected_version, entries);
    /// 提出 (contractor), 承認 or 差戻し with its reason (section).
    Write business_schedule_step(id: i64, expected_version: i64, step: ScheduleAction, comment: String) -> i64
        = |h, s| h.business_schedule_step(s, id, expected_version, step, &comment);
    /// A3 landscape PDF or .xlsx, 「案」 until approved.
    Read render_business_schedule(id: i64, format: RegisterFormat) -> FileDownload
        = |h, s| async move {
            AppResult::Ok(FileDownload::from(h.render_business_schedule(s, id, format).await?))
        };

    // 障害報告メール
    /// A report composed from the incident, to the contract's addresses, to edit and send.
    Read incident_report_draft(id: i64, kind: ReportMailKind) -> MailDraft
        = |h, s| h.incident_report_draft(s, id, kind);
    /// Queues the report and sends it at once: sent (with the server's acceptance time, now on
    /// the timeline) or queued again with why.
    Write send_incident_report(id: i64, draft: MailDraft) -> MailRecord
        = |h, s| h.send_incident_report(s, id, draft);
    /// The SMTP settings, never the password (administrator).
    Read mail_settings() -> MailSettingsView
        = |h, s| h.mail_settings(s);
    /// `password`: a new one (empty: none), or null to keep it.
    Write update_mail_settings(settings: MailSettings, password: Option<String>) -> ()
        = |h, s| h.update_mail_settings(s, settings, password);

    // 通知
    /// The person's notifications, newest first; `before` pages back from an id.
    Read notifications(before: Option<i64>) -> Vec<NotificationRecord>
        = |h, s| h.notifications(s, before);
    /// The window's poll: what is new after the id it last saw (null: the first poll, only
    /// where to start), and the unread count.
    Read poll_notifications(after: Option<i64>) -> NotificationPoll
        = |h, s| h.poll_notifications(s, after);
    /// `ids`, or every unread one when `ids` is null.
    Write mark_notifications_read(ids: Option<Vec<i64>>) -> u64
        = |h, s| h.mark_notifications_read(s, ids);
    Write watch(item: ItemRef, on: bool) -> bool
        = |h, s| h.watch(s, item, on);
    Read watching(item: ItemRef) -> bool
        = |h, s| h.watching(s, item);
    /// The person's own switch for desktop notifications.
    Write set_os_notifications(on: bool) -> ()
        = |h, s| h.set_os_notifications(s, on);

    // 設定・管理
    Read settings() -> DeskSettings
        = |h, s| h.settings(s);
    Write update_settings(settings: DeskSettings) -> ()
        = |h, s| h.update_settings(s, settings);
    /// Open days, closures and holidays of one month (outages come from `list_changes`).
    Read calendar_month(year: i32, month: u32) -> Vec<CalendarDay>
        = |h, _s| async move { month_days(&h.calendar().await?, year, month) };
    Read offices() -> Vec<Office>
        = |h, s| h.offices(s);
    Read accounts() -> Vec<AccountView>
        = |h, s| h.accounts(s);
    Write create_account(input: NewAccountInput) -> i64
        = |h, s| h.create_account(s, input);
    Write update_account(id: i64, input: AccountUpdateInput) -> i64
        = |h, s| h.update_account(s, id, input);
    /// The filtered accounts as CSV for the personnel moves (administrator); audited.
    /// The account CSV for the personnel moves: a dry run, or every change or none.
    Write import_accounts(bytes: Base64Bytes, dry_run: bool) -> AccountImportReport
        = |h, s| async move { h.import_accounts(s, &bytes.0, dry_run).await };
    Read export_accounts(filter: AccountFilter, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let rendered = h.export_accounts(s, filter, bulk.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    /// Several accounts disabled at once, all or none (personnel moves); answers how many.
    Write disable_accounts(accounts: Vec<VersionedAccount>) -> usize
        = |h, s| h.disable_accounts(s, accounts);
    /// A one-time password made by the server, answered once to hand over; the lock lifts.
    Write reset_password(id: i64, expected_version: i64) -> PasswordReset
        = |h, s| h.reset_password(s, id, expected_version);
    /// Written to the audit log of the database a terminal leaves (administrator).
    Write record_database_switch(target: String) -> ()
        = |h, s| h.record_database_switch(s, &target);
    /// The user's own new password (also what a password set by an administrator requires).
    Write change_password(current_password: String, new_password: String) -> ()
        = |h, s| h.change_own_password(s, &current_password, &new_password);
    /// Who is logged in, from which terminal (administrator).
    Read open_sessions() -> Vec<OpenSessionView>
        = |h, s| h.open_sessions(s);
    Write end_session(session_id: i64) -> ()
        = |h, s| h.end_session_of(s, session_id);
    /// Walks the whole audit chain (chief and administrator): the entries checked, or the
    /// first entry that does not hold.
    Read verify_audit() -> Result<u64, ChainBreak>
        = |h, s| h.verify_audit_as(s);

    // 障害・SLA
    Read list_incidents(query: IncidentListQuery) -> Vec<IncidentView>
        = |h, s| h.list_incidents(s, query);
    Read incident_detail(id: i64) -> IncidentDetail
        = |h, s| h.incident_detail(s, id);
    Write record_incident(incident: NewIncident, manual_revision_required: bool) -> i64
        = |h, s| h.record_incident(s, incident, manual_revision_required);
    Write add_incident_event(id: i64, expected_version: i64, event: TimelineEvent) -> i64
        = |h, s| h.add_incident_event(s, id, expected_version, event);
    Write propose_exclusion(id: i64, expected_version: i64, reason: ExclusionReason, note: String) -> i64
        = |h, s| h.propose_exclusion(s, id, expected_version, reason, &note);
    Write decide_exclusion(id: i64, expected_version: i64, decision: ExclusionDecision) -> i64
        = |h, s| h.decide_exclusion(s, id, expected_version, decision);
    Read sla_status() -> SlaStatus
        = |h, s| h.sla_status(s);

    // 打合せ・議事録
    Read list_meetings(query: MeetingListQuery) -> MeetingListPage
        = |h, s| h.list_meetings(s, query);
    Read meeting_detail(id: i64) -> MeetingDetail
        = |h, s| h.meeting_detail(s, id);
    Write record_meeting(meeting: NewMeeting) -> RecordedMeeting
        = |h, s| h.record_meeting(s, meeting);
    Write update_meeting(id: i64, expected_version: i64, meeting: NewMeeting) -> i64
        = |h, s| h.update_meeting(s, id, expected_version, meeting);
    /// A handout (配布資料) as a file; its kind is decided by the use case from its name and
    /// content (the attachments' allow-list).
    Write attach_to_meeting(id: i64, file_name: String, bytes: Base64Bytes) -> i64
        = |h, s| h.attach_to_meeting(s, id, &file_name, &bytes.0);
    Read meeting_attachment(attachment_id: i64) -> FileDownload
        = |h, s| async move {
            let file = h.meeting_attachment(s, attachment_id).await?;
            AppResult::Ok(FileDownload {
                file_name: file.meta.file_name,
                content_type: file.meta.content_type,
                bytes: file.bytes,
            })
        };
    Write minutes_step(id: i64, expected_version: i64, step: MinutesAction, comment: String) -> i64
        = |h, s| h.minutes_step(s, id, expected_version, step, &comment);
    /// Meetings to pick the minutes from, newest first (the latest 200).
    Read minutes_choices() -> Vec<MeetingListItem>
        = |h, s| async move {
            let query = MeetingListQuery { per_page: 200, ..MeetingListQuery::default() };
            AppResult::Ok(h.list_meetings(s, query).await?.items)
        };

    // 課題管理表
    Read list_register(query: RegisterListQuery) -> RegisterPage
        = |h, s| h.list_register(s, query);
    Read register_item(id: i64) -> RegisterItem
        = |h, s| h.register_item(s, id);
    Write add_register_item(item: IssueInput) -> RegisterRef
        = |h, s| h.add_register_item(s, item);
    Write update_register_item(id: i64, expected_version: i64, item: IssueInput) -> i64
        = |h, s| h.update_register_item(s, id, expected_version, item);
    Write close_register_item(id: i64, expected_version: i64, completed_on: NaiveDate, progress: String) -> i64
        = |h, s| h.close_register_item(s, id, expected_version, completed_on, &progress);

    // 運用保守計画書・契約情報
    Read operation_plan() -> Vec<PlanSectionState>
        = |h, s| h.operation_plan(s);
    /// Answers the new version.
    Write save_plan_section(section: PlanSection, current_version: i64, content: String) -> i64
        = |h, s| h.save_plan_section(s, section, current_version, &content);
    Read plan_section_history(section: PlanSection) -> Vec<PlanSectionVersion>
        = |h, s| h.plan_section_history(s, section);
    Read contract_info() -> ContractInfo
        = |h, s| h.contract_info(s);
    Write save_contract_info(info: ContractInfo) -> ()
        = |h, s| h.save_contract_info(s, info);

    // 納品物: rendered on the server, saved by the caller where its user chooses.
    Read render_monthly_report(year: i32, month: u32, format: ReportFormat) -> FileDownload
        = |h, s| async move {
            let bytes = h.render_monthly_report(s, year, month, format).await?;
            let ext = match format {
                ReportFormat::Pdf => "pdf",
                ReportFormat::Xlsx => "xlsx",
            };
            let file_name = format!("月次報告_{year}年{month}月.{ext}");
            AppResult::Ok(FileDownload { content_type: content_type_of(&file_name), file_name, bytes })
        };
    Read render_annual_report(fiscal_year: i32) -> FileDownload
        = |h, s| async move {
            let bytes = h.render_annual_report(s, fiscal_year).await?;
            AppResult::Ok(FileDownload {
                file_name: format!("年次報告_{fiscal_year}年度.pdf"),
                content_type: "application/pdf".into(),
                bytes,
            })
        };
    Read render_minutes(meeting_id: i64) -> FileDownload
        = |h, s| async move { AppResult::Ok(FileDownload::from(h.render_minutes(s, meeting_id).await?)) };
    /// `paper`: "a3" for A3 landscape, anything else A4. `bulk`: "confirmed" once the person
    /// has answered the bulk-export question.
    Read render_register(format: RegisterFormat, paper: String, bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let paper = if paper == "a3" { RegisterPaper::A3 } else { RegisterPaper::A4 };
            let bulk = bulk.unwrap_or(BulkExport::Unconfirmed);
            AppResult::Ok(FileDownload::from(h.render_register(s, format, paper, bulk, None).await?))
        };
    Read render_plan() -> FileDownload
        = |h, s| async move { AppResult::Ok(FileDownload::from(h.render_plan(s).await?)) };
    /// `fill`: the 文書番号 and 提出日 typed in; what is left out stays blank for the pen.
    Read render_form(kind: FormKind, fill: Option<FormFill>) -> FileDownload
        = |h, s| async move {
            let rendered = h.render_form(s, kind, fill.unwrap_or_default()).await?;
            AppResult::Ok(FileDownload::from(rendered))
        };
    Read build_disc(selection: DiscSelection) -> FileDownload
        = |h, s| async move {
            AppResult::Ok(FileDownload::from(h.build_disc(s, &selection, None).await?))
        };

    // 引継ぎ: the plan and the package for the next contractor.
    Read handover_plan() -> HandoverPlanView
        = |h, s| h.handover_plan(s);
    Read handover_plan_history() -> Vec<HandoverPlanVersion>
        = |h, s| h.handover_plan_history(s);
    /// Answers the new version.
    Write save_handover_plan(current_version: i64, plan: HandoverPlanDraft) -> i64
        = |h, s| h.save_handover_plan(s, current_version, &plan);
    Write submit_handover_plan(version: i64) -> ()
        = |h, s| h.submit_handover_plan(s, version);
    Write decide_handover_plan(version: i64, decision: HandoverDecision) -> ()
        = |h, s| h.decide_handover_plan(s, version, &decision);
    Read render_handover_plan() -> FileDownload
        = |h, s| async move { AppResult::Ok(FileDownload::from(h.render_handover_plan(s).await?)) };
    /// `bulk`: "confirmed" once the person has answered the bulk-export question.
    Read build_handover_package(bulk: Option<BulkExport>) -> FileDownload
        = |h, s| async move {
            let bulk = bulk.unwrap_or(BulkExport::Unconfirmed);
            AppResult::Ok(FileDownload::from(h.build_handover_package(s, bulk, None).await?))
        };
}
