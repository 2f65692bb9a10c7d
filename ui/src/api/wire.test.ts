// The TypeScript types of src/api/types.ts against the shapes generated from the Rust types
// (wire.gen.json, kept current by src-tauri/tests/it/wire.rs). tsc checks that each list below
// names exactly the keys of its interface (or the members of its union); this test checks
// that the lists equal what Rust sends. Either side drifting fails `npm test`.
import { describe, expect, it } from "vitest";
import wire from "./wire.gen.json";
import type * as T from "./types";

type Missing<T, L extends readonly unknown[]> = Exclude<T, L[number]>;
/** A list of every key of T, no more, no fewer (checked by the compiler). */
const keys =
  <T>() =>
  <const L extends readonly (keyof T)[]>(...l: L & (Missing<keyof T, L> extends never ? unknown : never)) =>
    [...l].map(String).sort();
/** Every member of the union T, no more, no fewer. */
const members =
  <T extends string>() =>
  <const L extends readonly T[]>(...l: L & (Missing<T, L> extends never ? unknown : never)) =>
    [...l];

const TYPES: Record<string, string[]> = {
  Actor: keys<T.Actor>()("account_id", "login", "display_name", "role", "office"),
  Session: keys<T.Session>()("actor", "started_at", "idle_logout_minutes", "must_change_password"),
  AppError: keys<T.AppError>()("code", "message", "fields"),
  FieldError: keys<T.FieldError>()("field", "label", "message", "row"),
  RequestSummary: keys<T.RequestSummary>()(
    "id", "kind", "work_sub_kind", "office", "title", "status", "filed_by", "filed_by_name",
    "assignee_id", "assignee_name", "filed_at", "answered_at", "closed_at", "updated_at", "version"),
  RequestRecord: keys<T.RequestRecord>()(
    "id", "kind", "work_sub_kind", "office", "title", "status", "filed_by", "filed_by_name",
    "assignee_id", "assignee_name", "filed_at", "answered_at", "closed_at", "updated_at", "version",
    "body", "answer", "details"),
  SavedView: keys<T.SavedView>()("id", "list", "name", "filters", "updated_at"),
  NewSavedView: keys<T.NewSavedView>()("list", "name", "filters"),
  SelectedRequest: keys<T.SelectedRequest>()("id", "version"),
  "BulkStep.assign": keys<Extract<T.BulkStep, { step: "assign" }>>()("step", "assignee"),
  "BulkStep.close": keys<Extract<T.BulkStep, { step: "close" }>>()("step"),
  RequestListPage: keys<T.RequestListPage>()("items", "total"),
  Comment: keys<T.Comment>()("id", "request_id", "author_id", "author_name", "author_role", "body", "created_at"),
  AttachmentMeta: keys<T.AttachmentMeta>()(
    "id", "request_id", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_by_name", "created_at"),
  RequestEvent: keys<T.RequestEvent>()(
    "id", "request_id", "actor_id", "actor_name", "kind", "from_status", "to_status", "note", "at"),
  RequestDetail: keys<T.RequestDetail>()(
    "request", "comments", "attachments", "history", "allowed_actions", "can_assign", "answer_clock"),
  NewRequest: keys<T.NewRequest>()("kind", "work_sub_kind", "office", "title", "body", "details"),
  RequestDetails: keys<T.RequestDetails>()("urgency", "desired_by", "extension"),
  ExtensionAsk: keys<T.ExtensionAsk>()("day", "from", "until"),
  TransitionInput: keys<T.TransitionInput>()("action", "expected_version", "text"),
  RequestListQuery: keys<T.RequestListQuery>()(
    "kinds", "statuses", "office", "text", "assignee", "mine", "unassigned", "open_only", "order", "page", "per_page"),
  ChangeProposal: keys<T.ChangeProposal>()(
    "kind", "outage_reason", "release_kind", "title", "description", "window_start", "window_end",
    "affected_systems", "affected_offices", "impact", "rollback_plan", "test_verification", "instruction_ref"),
  ChangeSummary: keys<T.ChangeSummary>()(
    "id", "kind", "outage_reason", "release_kind", "title", "status", "window_start", "window_end",
    "proposed_by", "proposed_by_name", "updated_at", "version"),
  Decision: keys<T.Decision>()("approver_id", "approver_name", "step", "approved", "comment", "at"),
  ChangeResult: keys<T.ChangeResult>()("outcome", "executed_start", "executed_end", "notes"),
  RecordedResult: keys<T.RecordedResult>()("result", "recorded_by", "recorded_by_name", "recorded_at"),
  ChangeRecord: keys<T.ChangeRecord>()(
    "id", "proposal", "status", "version", "proposed_by", "proposed_by_name", "created_at",
    "updated_at", "submitted_at", "decision", "result"),
  ChangeDetail: keys<T.ChangeDetail>()("change", "conflicts", "conflict_messages", "allowed_actions"),
  ChangeListQuery: keys<T.ChangeListQuery>()("statuses", "kinds", "text", "window_from", "window_to", "page", "per_page"),
  "Conflict.service_hours": keys<Extract<T.Conflict, { kind: "service_hours" }>>()(
    "kind", "date", "overlap_start", "overlap_end"),
  "Conflict.other_change": keys<Extract<T.Conflict, { kind: "other_change" }>>()("kind", "id", "title", "status"),
  DeskSettings: keys<T.DeskSettings>()(
    "service_open", "service_close", "extra_closures", "extra_open_days", "idle_logout_minutes", "lockout_minutes",
    "bulk_export_rows", "draft_retention_days", "deadline_warning_minutes"),
  CalendarDay: keys<T.CalendarDay>()("date", "kind", "open", "name"),
  Office: keys<T.Office>()("code", "name", "sort_order"),
  AccountView: keys<T.AccountView>()(
    "id", "login", "display_name", "role", "office", "disabled", "locked_until", "failed_logins", "version"),
  PasswordReset: keys<T.PasswordReset>()("version", "one_time_password"),
  NewAccountInput: keys<T.NewAccountInput>()("login", "display_name", "role", "office", "password"),
  DbConfig: keys<T.DbConfig>()("kind", "sqlite_path", "server_url"),
  DbStatus: keys<T.DbStatus>()(
    "kind", "sqlite_path", "default_sqlite_path", "server_url", "active", "env_override", "config_file", "locked"),
  Assignee: keys<T.Assignee>()("id", "login", "display_name"),
  OpenSessionView: keys<T.OpenSessionView>()(
    "id", "login", "display_name", "office", "client_addr", "started_at", "last_seen_at", "expires_at"),
  AccountUpdateInput: keys<T.AccountUpdateInput>()("expected_version", "display_name", "role", "office", "disabled"),
  VersionedAccount: keys<T.VersionedAccount>()("id", "expected_version"),
  AccountFilter: keys<T.AccountFilter>()("text", "role", "office", "disabled"),
  OutageNotice: keys<T.OutageNotice>()("id", "kind", "window_start", "window_end", "impact", "affected_offices"),
  SlaClockView: keys<T.SlaClockView>()(
    "item", "kind", "allowance", "started_at", "started_by", "deadline", "stopped_at", "stopped_by", "state"),
  "ClockState.running": keys<Extract<T.ClockState, { state: "running" }>>()("state", "deadline", "remaining_secs"),
  "ClockState.paused": keys<Extract<T.ClockState, { state: "paused" }>>()("state", "deadline", "remaining_secs"),
  "ClockState.met": keys<Extract<T.ClockState, { state: "met" }>>()("state", "at", "deadline", "margin_secs"),
  "ClockState.breached": keys<Extract<T.ClockState, { state: "breached" }>>()("state", "deadline", "by_secs", "at"),
  "ClockState.not_started": keys<Extract<T.ClockState, { state: "not_started" }>>()("state"),
  "Allowance.continuous": keys<Extract<T.Allowance, { kind: "continuous" }>>()("kind", "minutes"),
  "Allowance.service_time": keys<Extract<T.Allowance, { kind: "service_time" }>>()("kind", "minutes"),
  "Allowance.business_days": keys<Extract<T.Allowance, { kind: "business_days" }>>()("kind", "days"),
  EventRef: keys<T.EventRef>()("index", "kind", "at"),
  NewIncident: keys<T.NewIncident>()(
    "detected_at", "category", "severity", "title", "summary", "affected_offices", "affected_systems", "linked_requests"),
  TimelineEvent: keys<T.TimelineEvent>()("kind", "at", "note"),
  IncidentEventRecord: keys<T.IncidentEventRecord>()("id", "event", "recorded_by", "recorded_by_name", "recorded_at"),
  ExclusionRecord: keys<T.ExclusionRecord>()(
    "reason", "note", "proposed_by", "proposed_by_name", "proposed_at", "approved", "decided_by",
    "decided_by_name", "decided_at", "comment"),
  IncidentRecord: keys<T.IncidentRecord>()(
    "id", "incident", "manual_revision_required", "recorded_by", "recorded_by_name", "created_at",
    "updated_at", "version", "events", "exclusion"),
  IncidentView: keys<T.IncidentView>()(
    "record", "excluded", "clocks", "running", "breached", "next_deadline", "recovered"),
  IncidentDetail: keys<T.IncidentDetail>()(
    "record", "excluded", "clocks", "running", "breached", "next_deadline", "recovered",
    "now", "can_record", "can_decide_exclusion", "mails"),
  IncidentListQuery: keys<T.IncidentListQuery>()("from", "to", "open_only"),
  ExclusionDecision: keys<T.ExclusionDecision>()("approve", "reason", "note", "comment"),
  BreachLine: keys<T.BreachLine>()("incident_id", "title", "item", "deadline"),
  Attainment: keys<T.Attainment>()("met", "breached", "running", "not_started", "rate"),
  ItemAttainment: keys<T.ItemAttainment>()("item", "attainment"),
  SlaStatus: keys<T.SlaStatus>()(
    "now", "fiscal_year", "open_incidents", "running_clocks", "breached_incidents",
    "pending_exclusions", "attainment", "upcoming", "breaches"),
  SavedFile: keys<T.SavedFile>()("path", "bytes"),
  OpenedDrafts: keys<T.OpenedDrafts>()("drafts", "kept_on_disk", "retention_days"),
  MeetingListItem: keys<T.MeetingListItem>()(
    "id", "kind", "title", "starts_at", "ends_at", "place", "minutes_status", "version", "updated_at",
    "minutes_due", "overdue"),
  Attendee: keys<T.Attendee>()("side", "organisation", "title", "name", "present"),
  ActionItem: keys<T.ActionItem>()("description", "owner", "due"),
  NextMeeting: keys<T.NextMeeting>()("starts_at", "place"),
  NewMeeting: keys<T.NewMeeting>()(
    "kind", "title", "starts_at", "ends_at", "place", "attendees", "handouts", "agenda", "discussion",
    "decisions", "action_items", "next_meeting"),
  RegisterRef: keys<T.RegisterRef>()("id", "no"),
  MinutesDecision: keys<T.MinutesDecision>()("action", "decided_by", "decided_by_name", "at", "comment"),
  MeetingRecord: keys<T.MeetingRecord>()(
    "id", "meeting", "action_item_links", "minutes_status", "version", "recorded_by", "recorded_by_name",
    "created_at", "updated_at", "submitted_at", "decision", "attachments"),
  MeetingAttachmentMeta: keys<T.MeetingAttachmentMeta>()(
    "id", "meeting_id", "file_name", "content_type", "size", "sha256", "uploaded_by", "uploaded_by_name", "created_at"),
  MeetingDetail: keys<T.MeetingDetail>()("meeting", "minutes_due", "overdue", "allowed_actions", "can_edit"),
  MeetingListQuery: keys<T.MeetingListQuery>()("kinds", "statuses", "from", "to", "text", "page", "per_page"),
  MeetingListPage: keys<T.MeetingListPage>()("items", "total"),
  RecordedMeeting: keys<T.RecordedMeeting>()("id", "register_items"),
  Progress: keys<T.Progress>()("done", "total", "label"),
  ClockedRequest: keys<T.ClockedRequest>()("request", "answer_clock"),
  NotificationRecord: keys<T.NotificationRecord>()("id", "kind", "item", "summary", "created_at", "read_at"),
  ItemRef: keys<T.ItemRef>()("kind", "id"),
  MailDraft: keys<T.MailDraft>()("kind", "recipients", "subject", "body"),
  MailRecord: keys<T.MailRecord>()(
    "id", "incident_id", "kind", "recipients", "subject", "body", "status", "attempts", "next_attempt_at",
    "last_error", "accepted_at", "created_by", "created_at"),
  MailSettings: keys<T.MailSettings>()("host", "port", "security", "username", "from_address", "from_name"),
  MailSettingsView: keys<T.MailSettingsView>()("settings", "password_set"),
  NotificationPoll: keys<T.NotificationPoll>()("new", "latest_id", "unread", "os_notifications"),
  "MinutesSelection.period": keys<Extract<T.MinutesSelection, { kind: "period" }>>()("kind", "from", "to"),
  MalwareCheckInput: keys<T.MalwareCheckInput>()("checked_by", "checked_at", "product", "pattern_version"),
  DiscSelection: keys<T.DiscSelection>()(
    "minutes", "register", "plan", "forms", "reports_fiscal_year", "media", "malware_check"),
  IssueInput: keys<T.IssueInput>()(
    "raised_on", "raised_by", "category", "title", "content", "priority", "owner", "due", "status",
    "progress", "completed_on", "meeting_id", "request_id"),
  RegisterItem: keys<T.RegisterItem>()(
    "id", "no", "item", "version", "created_by", "created_by_name", "created_at", "updated_at"),
  RegisterPage: keys<T.RegisterPage>()("items", "total"),
  RegisterListQuery: keys<T.RegisterListQuery>()("statuses", "categories", "text", "meeting_id", "page", "per_page"),
  PlanSectionVersion: keys<T.PlanSectionVersion>()(
    "section", "version", "content", "edited_by", "edited_by_name", "edited_at"),
  PlanSectionState: keys<T.PlanSectionState>()("section", "number", "current"),
  HandoverMember: keys<T.HandoverMember>()("party", "name", "role"),
  HandoverScheduleItem: keys<T.HandoverScheduleItem>()("what", "from", "to", "who"),
  HandoverPlanDraft: keys<T.HandoverPlanDraft>()("next_contractor", "members", "schedule", "notes"),
  HandoverPlanVersion: keys<T.HandoverPlanVersion>()(
    "version", "plan", "status", "edited_by_name", "edited_at", "submitted_at", "decided_by_name", "decided_at",
    "return_reason"),
  HandoverPlanView: keys<T.HandoverPlanView>()("current", "approved", "deadline"),
  "HandoverDecision.approve": keys<Extract<T.HandoverDecision, { kind: "approve" }>>()("kind"),
  "HandoverDecision.return": keys<Extract<T.HandoverDecision, { kind: "return" }>>()("kind", "reason"),
  ContractInfo: keys<T.ContractInfo>()(
    "contract_name", "contract_number", "city_name", "city_department", "contractor_name",
    "contractor_address", "contractor_representative", "signed_on", "period_from", "period_to",
    "city_responsible", "contractor_responsible", "contractor_deputy", "report_recipients"),
  YearMonth: keys<T.YearMonth>()("year", "month"),
  SearchQuery: keys<T.SearchQuery>()("text", "kinds", "from", "to", "page", "per_page"),
  Snippet: keys<T.Snippet>()("before", "hit", "after"),
  SearchHit: keys<T.SearchHit>()("kind", "item_id", "title", "office", "at", "snippet"),
  SearchJump: keys<T.SearchJump>()("kind", "item_id", "title"),
  SearchResults: keys<T.SearchResults>()("hits", "total", "total_exact", "jump", "kinds"),
  ImportProblem: keys<T.ImportProblem>()("row", "field", "message"),
  AccountImportRow: keys<T.AccountImportRow>()("row", "login", "display_name", "change", "details"),
  IssuedPassword: keys<T.IssuedPassword>()("login", "one_time_password"),
  AccountImportReport: keys<T.AccountImportReport>()("dry_run", "rows", "problems", "written", "passwords"),
  ImportRow: keys<T.ImportRow>()(
    "row", "external_ref", "title", "kind", "status", "office_or_owner", "date", "existing"),
  ImportReport: keys<T.ImportReport>()(
    "source", "dry_run", "rows", "problems", "new", "existing", "errors", "written", "mapping"),
  PickedImportFile: keys<T.PickedImportFile>()("file_name", "bytes"),
  CheckItemInput: keys<T.CheckItemInput>()("name", "frequency", "since", "active"),
  CheckItem: keys<T.CheckItem>()("id", "name", "frequency", "since", "active", "version"),
  CheckEntry: keys<T.CheckEntry>()("item_id", "day", "result", "note"),
  CheckRecord: keys<T.CheckRecord>()(
    "id", "item_id", "day", "result", "note", "item_name", "checked_by", "checked_by_name", "checked_at"),
  MissedCheck: keys<T.MissedCheck>()("day", "item_id"),
  CheckMonth: keys<T.CheckMonth>()("year", "month", "today", "items", "records", "missed"),
  JobNetInput: keys<T.JobNetInput>()("name", "schedule", "planned_start", "planned_minutes", "active"),
  JobNet: keys<T.JobNet>()("id", "name", "schedule", "planned_start", "planned_minutes", "active", "version"),
  NewBatchRun: keys<T.NewBatchRun>()(
    "job_net_id", "planned_start", "planned_end", "started_at", "ended_at", "result", "processed_count",
    "note", "rerun_of"),
  BatchRun: keys<T.BatchRun>()(
    "id", "job_net_id", "planned_start", "planned_end", "started_at", "ended_at", "result",
    "processed_count", "note", "rerun_of", "job_net_name", "incident_id", "rerun_by", "recorded_by",
    "recorded_by_name", "recorded_at"),
  RecordedRun: keys<T.RecordedRun>()("run_id", "incident_id"),
  NewWorkRecord: keys<T.NewWorkRecord>()("change_id", "kind", "started_at", "ended_at", "note"),
  WorkRecord: keys<T.WorkRecord>()(
    "id", "change_id", "kind", "started_at", "ended_at", "note", "change_title", "recorded_by",
    "recorded_by_name", "recorded_at"),
  ScheduleEntry: keys<T.ScheduleEntry>()(
    "day", "category", "title", "starts", "ends", "note", "source", "source_id"),
  ScheduleVersion: keys<T.ScheduleVersion>()(
    "id", "year", "month", "edition", "status", "revised_from", "created_by_name", "created_at",
    "submitted_by_name", "submitted_at", "decided_by_name", "decided_at", "decision_comment", "version"),
  BusinessSchedule: keys<T.BusinessSchedule>()(
    "id", "year", "month", "edition", "status", "revised_from", "created_by_name", "created_at",
    "submitted_by_name", "submitted_at", "decided_by_name", "decided_at", "decision_comment", "version",
    "entries"),
  ScheduleMonthView: keys<T.ScheduleMonthView>()(
    "year", "month", "versions", "current", "submission_due", "due_problem"),
};

const ENUMS: Record<string, string[]> = {
  Role: members<T.Role>()("staff", "chief", "contractor", "admin"),
  ListName: members<T.ListName>()("requests", "changes", "meetings", "register"),
  Urgency: members<T.Urgency>()("normal", "high", "urgent"),
  AccountChange: members<T.AccountChange>()("new", "changed", "unchanged"),
  RequestKind: members<T.RequestKind>()("inquiry", "investigation", "work", "se_support", "fault_report", "hours_extension"),
  WorkSubKind: members<T.WorkSubKind>()("master_setting", "schedule_change", "data_recovery", "gaiji", "training_support", "other"),
  RequestStatus: members<T.RequestStatus>()("received", "in_progress", "answered", "closed", "withdrawn"),
  RequestAction: members<T.RequestAction>()("start", "answer", "close", "send_back", "reopen", "withdraw"),
  ChangeKind: members<T.ChangeKind>()("planned_outage", "data_patch", "release", "hours_extension"),
  ChangeStatus: members<T.ChangeStatus>()("draft", "submitted", "approved", "rejected", "done", "withdrawn"),
  ChangeAction: members<T.ChangeAction>()("submit", "approve", "reject", "send_back", "revoke", "complete", "withdraw"),
  ErrorCode: members<T.ErrorCode>()(
    "validation", "forbidden", "auth_failed", "password_change_required", "not_found", "stale",
    "invalid_transition", "duplicate", "unavailable", "replayed", "bulk_export_unconfirmed", "internal"),
  IncidentCategory: members<T.IncidentCategory>()("infra_middleware", "software", "network", "job_failure"),
  Severity: members<T.Severity>()("critical", "high", "medium", "low"),
  TimelineEventKind: members<T.TimelineEventKind>()(
    "first_report", "follow_up_report", "first_isolation", "contact_fixer", "recovery",
    "interim_report", "incident_report", "prevention_meeting", "manual_revision"),
  ExclusionReason: members<T.ExclusionReason>()(
    "not_contractor_service", "disaster_or_attack", "third_party_product", "user_fault", "cause_undetermined"),
  SlaItem: members<T.SlaItem>()(
    "first_report", "first_isolation", "contact_fixer", "follow_up_report", "incident_report",
    "manual_revision", "request_answer"),
  ClockKind: members<T.ClockKind>()("continuous", "service_time", "business_days"),
  MeetingKind: members<T.MeetingKind>()("regular", "schedule_review", "group_progress", "other"),
  MinutesStatus: members<T.MinutesStatus>()("draft", "submitted", "approved", "returned"),
  MinutesAction: members<T.MinutesAction>()("submit", "approve", "return"),
  Side: members<T.Side>()("city", "contractor"),
  FormKind: members<T.FormKind>()("schedule", "start_notice", "responsible_person", "completion_notice"),
  DiscMedia: members<T.DiscMedia>()("cd_r", "dvd_r"),
  HandoverParty: members<T.HandoverParty>()("city", "contractor", "next_contractor"),
  HandoverPlanStatus: members<T.HandoverPlanStatus>()("draft", "submitted", "approved", "returned"),
  IssueCategory: members<T.IssueCategory>()("operation", "fault", "improvement", "law_revision", "security", "other"),
  IssuePriority: members<T.IssuePriority>()("high", "medium", "low"),
  IssueStatus: members<T.IssueStatus>()("open", "in_progress", "done", "on_hold"),
  PlanSection: members<T.PlanSection>()(
    "policy", "organisation", "operations", "monitoring", "incident_management", "failure_flow",
    "data_management", "annual_plan", "improvement"),
  SearchKind: members<T.SearchKind>()("request", "register", "incident", "meeting"),
  ImportSource: members<T.ImportSource>()("redmine", "register", "batches"),
  CheckFrequency: members<T.CheckFrequency>()("open_day", "every_day", "monthly"),
  CheckResult: members<T.CheckResult>()("normal", "anomaly"),
  JobNetSchedule: members<T.JobNetSchedule>()("every_day", "open_day", "monthly", "on_demand"),
  BatchResult: members<T.BatchResult>()("normal", "abnormal"),
  WorkKind: members<T.WorkKind>()("monthly_maintenance", "security_patch", "release", "other"),
  NotificationKind: members<T.NotificationKind>()(
    "request_filed", "request_commented", "request_answered", "request_sent_back",
    "request_reopened", "request_assigned", "request_updated", "answer_deadline_near",
    "answer_deadline_passed", "change_submitted", "change_approved", "change_rejected", "change_sent_back", "change_revoked",
    "change_updated", "outage_ahead", "minutes_submitted", "minutes_approved",
    "minutes_returned", "sla_near_breach", "sla_breached"),
  ItemKind: members<T.ItemKind>()("request", "change", "meeting", "incident"),
  ReportMailKind: members<T.ReportMailKind>()("first_report", "follow_up_report", "interim_report"),
  MailStatus: members<T.MailStatus>()("queued", "sending", "sent", "failed"),
  MailSecurity: members<T.MailSecurity>()("start_tls", "tls", "plain"),
  ScheduleStatus: members<T.ScheduleStatus>()("draft", "submitted", "returned", "approved"),
  ScheduleAction: members<T.ScheduleAction>()("submit", "approve", "return"),
  EntryCategory: members<T.EntryCategory>()(
    "service_hours", "maintenance", "release", "outage", "batch", "meeting", "report", "routine"),
  EntrySource: members<T.EntrySource>()(
    "calendar", "template", "change", "meeting", "job_net", "previous", "manual"),
};

describe("types match the Rust types", () => {
  it("covers every generated type and no other", () => {
    expect(Object.keys(TYPES).sort()).toEqual(Object.keys(wire.types).sort());
  });
  for (const [name, fields] of Object.entries(wire.types)) {
    it(`${name} has the same fields`, () => {
      expect(TYPES[name]).toEqual(fields);
    });
  }
  for (const [name, list] of Object.entries(ENUMS)) {
    it(`${name} has the same codes`, () => {
      expect([...list].sort()).toEqual([...(wire.enums as Record<string, string[]>)[name]].sort());
    });
  }
});
