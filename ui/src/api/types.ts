// Shapes of the data crossing the boundary with src-tauri (serde JSON of the Rust types).
// `src/api/wire.gen.json` is generated from the Rust types by the hoshu-desktop tests;
// `wire.test.ts` fails when these interfaces and the Rust types disagree.

export type Role = "staff" | "chief" | "contractor" | "admin";
export type RequestKind =
  | "inquiry" | "investigation" | "work" | "se_support" | "fault_report" | "hours_extension";
export type WorkSubKind =
  | "master_setting" | "schedule_change" | "data_recovery" | "gaiji" | "training_support" | "other";
export type RequestStatus = "received" | "in_progress" | "answered" | "closed" | "withdrawn";
export type RequestAction = "start" | "answer" | "close" | "send_back" | "reopen" | "withdraw";
export type ChangeKind = "planned_outage" | "data_patch" | "release" | "hours_extension";
export type ChangeStatus = "draft" | "submitted" | "approved" | "rejected" | "done" | "withdrawn";
export type ChangeAction = "submit" | "approve" | "reject" | "send_back" | "revoke" | "complete" | "withdraw";
/** Whether the approver confirmed the clashes the conflict check shows. */
export type ClashAcknowledgement = "unacknowledged" | "acknowledged";
/** ISO 8601 instant (UTC). */
export type Instant = string;
/** ISO date YYYY-MM-DD. */
export type IsoDate = string;

/** `row`: the 0-based entry of a list field (attendees, action items, …) the message is about. */
export interface FieldError { field: string; label: string; message: string; row?: number | null }
export type ErrorCode = "validation" | "forbidden" | "auth_failed" | "not_found"
  | "stale" | "invalid_transition" | "duplicate" | "unavailable" | "replayed" | "bulk_export_unconfirmed" | "internal"
  | "password_change_required";
export interface AppError {
  code: ErrorCode;
  message: string;
  fields?: FieldError[];
}

export interface Actor {
  account_id: number; login: string; display_name: string; role: Role; office: string;
}
/** `must_change_password`: an administrator set the password; its owner changes it before anything else. */
export interface Session { actor: Actor; started_at: Instant; idle_logout_minutes: number; must_change_password: boolean }

export interface Coded { code: string; label: string }
export type Labels = Record<string, Coded[]>;

export type SortDirection = "ascending" | "descending";
export interface Order<C extends string> { column: C; direction: SortDirection }
export type RequestColumn =
  | "number" | "kind" | "title" | "office" | "filed_by" | "assignee" | "status" | "filed_at";
export interface RequestListQuery {
  kinds?: RequestKind[]; statuses?: RequestStatus[]; office?: string | null;
  text?: string | null; assignee?: number | null; open_only?: boolean;
  order?: Order<RequestColumn>; page?: number; per_page?: number;
  /** 自分: filed by me (staff) or assigned to me (contractor, chief). */
  mine?: boolean;
  /** 未割当: nobody assigned yet. */
  unassigned?: boolean;
}
export interface RequestSummary {
  id: number; kind: RequestKind; work_sub_kind: WorkSubKind | null; office: string; title: string;
  status: RequestStatus; filed_by: number; filed_by_name: string; assignee_id: number | null;
  assignee_name: string | null; filed_at: Instant; answered_at: Instant | null;
  closed_at: Instant | null; updated_at: Instant; version: number;
}
/** A list screen whose filters a person can save. */
export type ListName = "requests" | "changes" | "meetings" | "register";
/** Filters a person saved under a name; `filters` is the screen's own JSON. */
export interface SavedView { id: number; list: ListName; name: string; filters: string; updated_at: string }
export interface NewSavedView { list: ListName; name: string; filters: Record<string, unknown> }
/** A request picked in the list, with the version the list showed. */
export interface SelectedRequest { id: number; version: number }
/** The step taken on every picked request. */
export type BulkStep = { step: "assign"; assignee: number | null } | { step: "close" };
export interface RequestListPage { items: ClockedRequest[]; total: number }
export interface RequestRecord extends RequestSummary { body: string; answer: string | null; details: RequestDetails }
/** How urgent the filer finds it (the SLA clocks do not change with it). */
export type Urgency = "normal" | "high" | "urgent";
/** An operating-hour extension asked for: the day (YYYY-MM-DD) and the hours (HH:MM:SS). */
export interface ExtensionAsk { day: string; from: string; until: string }
/** Urgency, the wished-for day (YYYY-MM-DD) and, for 稼働時間延長, the hours asked for. */
export interface RequestDetails { urgency: Urgency; desired_by: string | null; extension: ExtensionAsk | null }
export interface Comment {
  id: number; request_id: number; author_id: number; author_name: string; author_role: Role;
  body: string; created_at: Instant;
}
export interface AttachmentMeta {
  id: number; request_id: number; file_name: string; content_type: string; size: number; sha256: string;
  uploaded_by: number; uploaded_by_name: string; created_at: Instant;
}
export interface RequestEvent {
  id: number; request_id: number; actor_id: number; actor_name: string; kind: string;
  from_status: RequestStatus | null; to_status: RequestStatus | null; note: string | null; at: Instant;
}
export interface RequestDetail {
  request: RequestRecord; comments: Comment[]; attachments: AttachmentMeta[];
  history: RequestEvent[]; allowed_actions: RequestAction[]; can_assign: boolean;
  /** Service time from filing to the first answer, as of now (the page's deadline). */
  answer_clock: SlaClockView;
}
export interface NewRequest {
  kind: RequestKind; work_sub_kind: WorkSubKind | null; office: string; title: string; body: string;
  details: RequestDetails;
}
export interface TransitionInput { action: RequestAction; expected_version: number; text: string }

export interface ChangeProposal {
  kind: ChangeKind; outage_reason: string | null; release_kind: string | null; title: string;
  description: string; window_start: Instant; window_end: Instant; affected_systems: string;
  affected_offices: string[]; impact: string; rollback_plan: string;
  test_verification: string | null; instruction_ref: string | null;
}
export interface ChangeSummary {
  id: number; kind: ChangeKind; outage_reason: string | null; release_kind: string | null;
  title: string; status: ChangeStatus; window_start: Instant; window_end: Instant;
  proposed_by: number; proposed_by_name: string; updated_at: Instant; version: number;
}
export interface Decision {
  approver_id: number; approver_name: string; step: ChangeAction; approved: boolean; comment: string; at: Instant;
}
export interface ChangeResult {
  outcome: string; executed_start: Instant; executed_end: Instant; notes: string;
}
export interface RecordedResult {
  result: ChangeResult; recorded_by: number; recorded_by_name: string; recorded_at: Instant;
}
export interface ChangeRecord {
  id: number; proposal: ChangeProposal; status: ChangeStatus; version: number; proposed_by: number;
  proposed_by_name: string; created_at: Instant; updated_at: Instant; submitted_at: Instant | null;
  decision: Decision | null; result: RecordedResult | null;
}
export type Conflict =
  | { kind: "service_hours"; date: IsoDate; overlap_start: Instant; overlap_end: Instant }
  | { kind: "other_change"; id: number; title: string; status: ChangeStatus };
export interface ChangeDetail {
  change: ChangeRecord; conflicts: Conflict[]; conflict_messages: string[];
  allowed_actions: ChangeAction[];
}
export interface ChangeListQuery {
  statuses?: ChangeStatus[]; kinds?: ChangeKind[]; text?: string | null; window_from?: Instant | null; window_to?: Instant | null;
  page?: number; per_page?: number;
}

export type BulkExport = "unconfirmed" | "confirmed";
export interface StoredDraft { key: string; text: string }
export interface OpenedDrafts { drafts: StoredDraft[]; kept_on_disk: boolean; retention_days: number }
export interface DeskSettings {
  service_open: string; service_close: string; extra_closures: IsoDate[];
  extra_open_days: IsoDate[]; idle_logout_minutes: number; lockout_minutes: number;
  bulk_export_rows: number; draft_retention_days: number; deadline_warning_minutes: number;
}
export interface CalendarDay { date: IsoDate; kind: string; open: boolean; name: string | null }
export interface Office { code: string; name: string; sort_order: number }
export interface AccountView {
  id: number; login: string; display_name: string; role: Role; office: string; disabled: boolean;
  locked_until: Instant | null; failed_logins: number; version: number;
}
export interface NewAccountInput {
  login: string; display_name: string; role: Role; office: string; password: string;
}
export interface PasswordReset { version: number; one_time_password: string }
export interface AccountUpdateInput {
  expected_version: number; display_name: string; role: Role; office: string; disabled: boolean;
}
/** Approved work as staff are told of it: by its effect on their work, only for their office. */
export interface OutageNotice {
  id: number; kind: ChangeKind; window_start: Instant; window_end: Instant; impact: string;
  affected_offices: string[];
}
/** What the administrator filtered the accounts by; empty means any. */
export interface AccountFilter { text?: string | null; role?: Role | null; office?: string | null; disabled?: boolean | null }
/** An account as the administrator saw it (a change is refused if it moved on since). */
export interface VersionedAccount { id: number; expected_version: number }
export interface Assignee { id: number; login: string; display_name: string }
/** A session of `hoshu serve`: who, from which terminal address, since when. */
export interface OpenSessionView {
  id: number; login: string; display_name: string; office: string; client_addr: string;
  started_at: Instant; last_seen_at: Instant; expires_at: Instant;
}
/** The local SQLite file, or the address of `hoshu serve` (terminals hold no database password). */
export type DbKind = "sqlite" | "server";
export interface DbConfig { kind: DbKind; sqlite_path: string; server_url: string }
export interface DbStatus {
  kind: DbKind; sqlite_path: string; default_sqlite_path: string; server_url: string;
  active: string; env_override: boolean; config_file: string;
  /** Why the database cannot be changed now (set up already, not an administrator). */
  locked: string | null;
}

// Incidents and SLA clocks.
export type IncidentCategory = "infra_middleware" | "software" | "network" | "job_failure";
export type Severity = "critical" | "high" | "medium" | "low";
export type TimelineEventKind =
  | "first_report" | "follow_up_report" | "first_isolation" | "contact_fixer" | "recovery"
  | "interim_report" | "incident_report" | "prevention_meeting" | "manual_revision";
export type ExclusionReason =
  | "not_contractor_service" | "disaster_or_attack" | "third_party_product" | "user_fault"
  | "cause_undetermined";
export type SlaItem =
  | "first_report" | "first_isolation" | "contact_fixer" | "follow_up_report" | "incident_report"
  | "manual_revision" | "request_answer";
export type ClockKind = "continuous" | "service_time" | "business_days";
export type Allowance =
  | { kind: "continuous"; minutes: number }
  | { kind: "service_time"; minutes: number }
  | { kind: "business_days"; days: number };
export type ClockState =
  | { state: "not_started" }
  | { state: "running"; deadline: Instant; remaining_secs: number }
  | { state: "paused"; deadline: Instant; remaining_secs: number }
  | { state: "met"; at: Instant; deadline: Instant; margin_secs: number }
  | { state: "breached"; deadline: Instant; by_secs: number; at: Instant | null };
export interface EventRef { index: number; kind: TimelineEventKind; at: Instant }
/** A request waiting for an answer and its answer clock. */
export interface ClockedRequest { request: RequestSummary; answer_clock: SlaClockView }
export interface SlaClockView {
  item: SlaItem; kind: ClockKind; allowance: Allowance; started_at: Instant | null;
  started_by: EventRef | null; deadline: Instant | null; stopped_at: Instant | null;
  stopped_by: EventRef | null; state: ClockState;
}
export interface NewIncident {
  detected_at: Instant; category: IncidentCategory; severity: Severity; title: string;
  summary: string; affected_offices: string[]; affected_systems: string; linked_requests: number[];
}
export interface TimelineEvent { kind: TimelineEventKind; at: Instant; note: string }
export interface IncidentEventRecord {
  id: number; event: TimelineEvent; recorded_by: number; recorded_by_name: string; recorded_at: Instant;
}
export interface ExclusionRecord {
  reason: ExclusionReason; note: string; proposed_by: number; proposed_by_name: string;
  proposed_at: Instant; approved: boolean | null; decided_by: number | null;
  decided_by_name: string | null; decided_at: Instant | null; comment: string | null;
}
export interface IncidentRecord {
  id: number; incident: NewIncident; manual_revision_required: boolean; recorded_by: number;
  recorded_by_name: string; created_at: Instant; updated_at: Instant; version: number;
  events: IncidentEventRecord[]; exclusion: ExclusionRecord | null;
}
export interface IncidentView {
  record: IncidentRecord; excluded: boolean; clocks: SlaClockView[]; running: number;
  breached: number; next_deadline: Instant | null; recovered: boolean;
}
export interface IncidentDetail extends IncidentView {
  now: Instant; can_record: boolean; can_decide_exclusion: boolean;
  /** Reports sent (or waiting to go) by mail, oldest first. */
  mails: MailRecord[];
}
export interface IncidentListQuery { from?: Instant | null; to?: Instant | null; open_only?: boolean }
export interface ExclusionDecision { approve: boolean; reason: ExclusionReason; note: string; comment: string }
export interface BreachLine { incident_id: number; title: string; item: SlaItem; deadline: Instant | null }
export interface Attainment {
  met: number; breached: number; running: number; not_started: number; rate: number | null;
}
export interface ItemAttainment { item: SlaItem; attainment: Attainment }
export interface SlaStatus {
  now: Instant; fiscal_year: number; open_incidents: number; running_clocks: number;
  breached_incidents: number; pending_exclusions: number; attainment: ItemAttainment[];
  upcoming: BreachLine[]; breaches: BreachLine[];
}
/** Where a rendered document was written. */
export interface SavedFile { path: string; bytes: number }

export type MeetingKind = "regular" | "schedule_review" | "group_progress" | "other";
export type MinutesStatus = "draft" | "submitted" | "approved" | "returned";
/** One line of the meeting list (the minutes' due day and whether they are late). */
export interface MeetingListItem {
  id: number; kind: MeetingKind; title: string; starts_at: Instant; ends_at: Instant; place: string;
  minutes_status: MinutesStatus; version: number; updated_at: Instant; minutes_due: string; overdue: boolean;
}
export type MinutesAction = "submit" | "approve" | "return";
export type Side = "city" | "contractor";
/** One person on the attendance list; `present: false` is an absentee 欠席者. */
export interface Attendee { side: Side; organisation: string; title: string; name: string; present: boolean }
/** An action item 宿題 (it goes on the issue register). */
export interface ActionItem { description: string; owner: string; due: IsoDate }
export interface NextMeeting { starts_at: Instant; place: string }
export interface NewMeeting {
  kind: MeetingKind; title: string; starts_at: Instant; ends_at: Instant; place: string;
  attendees: Attendee[]; handouts: string[]; agenda: string[]; discussion: string;
  decisions: string[]; action_items: ActionItem[]; next_meeting: NextMeeting | null;
}
/** A register item by id and by the number printed on the register (課題No.). */
export interface RegisterRef { id: number; no: number }
/** The section's last decision on the minutes. */
export interface MinutesDecision {
  action: MinutesAction; decided_by: number; decided_by_name: string; at: Instant; comment: string;
}
export interface MeetingRecord {
  id: number; meeting: NewMeeting; action_item_links: (RegisterRef | null)[];
  minutes_status: MinutesStatus; version: number; recorded_by: number; recorded_by_name: string;
  created_at: Instant; updated_at: Instant; submitted_at: Instant | null; decision: MinutesDecision | null;
  /** 配布資料 kept as files, in the order they were added. */
  attachments: MeetingAttachmentMeta[];
}
/** A file handed out at a meeting (配布資料), without its bytes. */
export interface MeetingAttachmentMeta {
  id: number; meeting_id: number; file_name: string; content_type: string; size: number; sha256: string;
  uploaded_by: number; uploaded_by_name: string; created_at: Instant;
}
export interface MeetingDetail {
  meeting: MeetingRecord; minutes_due: IsoDate; overdue: boolean;
  allowed_actions: MinutesAction[]; can_edit: boolean;
}
export interface MeetingListQuery {
  kinds?: MeetingKind[]; statuses?: MinutesStatus[]; from?: Instant | null; to?: Instant | null;
  text?: string | null; page?: number; per_page?: number;
}
export interface MeetingListPage { items: MeetingListItem[]; total: number }
export interface RecordedMeeting { id: number; register_items: RegisterRef[] }
/** Where a long rendering is: `done` of `total` steps and what it is doing now. */
export interface Progress { done: number; total: number; label: string }
export type FormKind = "schedule" | "start_notice" | "responsible_person" | "completion_notice";
export type DiscMedia = "cd_r" | "dvd_r";
export type MinutesSelection =
  | { kind: "none" }
  | { kind: "period"; from: string; to: string }
  | { kind: "all_approved" };
export interface MalwareCheckInput {
  checked_by: string; checked_at: Instant | null; product: string; pattern_version: string;
}
export interface DiscSelection {
  minutes: MinutesSelection; register: boolean; plan: boolean; forms: FormKind[];
  reports_fiscal_year: number | null; media: DiscMedia; malware_check: MalwareCheckInput;
}

export type IssueCategory = "operation" | "fault" | "improvement" | "law_revision" | "security" | "other";
export type IssuePriority = "high" | "medium" | "low";
export type IssueStatus = "open" | "in_progress" | "done" | "on_hold";
/** What an item of the issue register says (its No. is given by the store). */
export interface IssueInput {
  raised_on: IsoDate; raised_by: string; category: IssueCategory; title: string; content: string;
  priority: IssuePriority; owner: string; due: IsoDate | null; status: IssueStatus; progress: string;
  completed_on: IsoDate | null; meeting_id: number | null; request_id: number | null;
}
export interface RegisterItem {
  id: number; no: number; item: IssueInput; version: number; created_by: number;
  created_by_name: string; created_at: Instant; updated_at: Instant;
}
export interface RegisterPage { items: RegisterItem[]; total: number }
export interface RegisterListQuery {
  statuses?: IssueStatus[]; categories?: IssueCategory[]; text?: string | null;
  meeting_id?: number | null; page?: number; per_page?: number;
}
export type PlanSection =
  | "policy" | "organisation" | "operations" | "monitoring" | "incident_management"
  | "failure_flow" | "data_management" | "annual_plan" | "improvement";
export interface PlanSectionVersion {
  section: PlanSection; version: number; content: string; edited_by: number;
  edited_by_name: string; edited_at: Instant;
}
/** One of the plan's nine sections with its current text (none before the first save). */
export interface PlanSectionState { section: PlanSection; number: number; current: PlanSectionVersion | null }
export type HandoverParty = "city" | "contractor" | "next_contractor";
export type HandoverPlanStatus = "draft" | "submitted" | "approved" | "returned";
/** 引継体制: a party, the organisation or person, and the role. */
export interface HandoverMember { party: HandoverParty; name: string; role: string }
/** One line of the handover schedule. */
export interface HandoverScheduleItem { what: string; from: IsoDate; to: IsoDate; who: HandoverParty }
export interface HandoverPlanDraft {
  next_contractor: string; members: HandoverMember[]; schedule: HandoverScheduleItem[]; notes: string;
}
export interface HandoverPlanVersion {
  version: number; plan: HandoverPlanDraft; status: HandoverPlanStatus; edited_by_name: string; edited_at: Instant;
  submitted_at: Instant | null; decided_by_name: string | null; decided_at: Instant | null; return_reason: string | null;
}
/** The newest version, the approved one in force, and the last day the handover may end. */
export interface HandoverPlanView { current: HandoverPlanVersion | null; approved: HandoverPlanVersion | null; deadline: IsoDate }
export type HandoverDecision = { kind: "approve" } | { kind: "return"; reason: string };
export interface ContractInfo {
  contract_name: string; contract_number: string; city_name: string; city_department: string;
  contractor_name: string; contractor_address: string; contractor_representative: string;
  signed_on: IsoDate | null; period_from: IsoDate; period_to: IsoDate; city_responsible: string;
  contractor_responsible: string; contractor_deputy: string;
  /** Where incident reports are mailed. */
  report_recipients: string[];
}

// Knowledge search and import.
export type SearchKind = "request" | "register" | "incident" | "meeting";
export interface YearMonth { year: number; month: number }
export interface SearchQuery {
  text: string; kinds: SearchKind[]; from: YearMonth | null; to: YearMonth | null; page: number; per_page: number;
}
/** The passage of a hit, with the hit apart so the screen can mark it. */
export interface Snippet { before: string; hit: string; after: string }
export interface SearchHit {
  kind: SearchKind; item_id: number; title: string; office: string | null; at: Instant; snippet: Snippet;
}
export interface SearchJump { kind: SearchKind; item_id: number; title: string }
export interface SearchResults {
  hits: SearchHit[]; total: number; total_exact: boolean; jump: SearchJump | null; kinds: SearchKind[];
}
export type ImportSource = "redmine" | "register" | "batches";
export interface ImportProblem { row: number | null; field: string; message: string }
export interface ImportRow {
  row: number; external_ref: string; title: string; kind: string; status: string;
  office_or_owner: string; date: string; existing: boolean;
}
export interface ImportReport {
  source: ImportSource; dry_run: boolean; rows: ImportRow[]; problems: ImportProblem[];
  new: number; existing: number; errors: number; written: boolean; mapping: string;
}
/** The file picked in the shell's open dialog: its name and its bytes (base64). */
export interface PickedImportFile { file_name: string; bytes: string }

// 運用記録（日次点検・バッチ実行・保守作業）
export type CheckFrequency = "open_day" | "every_day" | "monthly";
export type CheckResult = "normal" | "anomaly";
export type JobNetSchedule = "every_day" | "open_day" | "monthly" | "on_demand";
export type BatchResult = "normal" | "abnormal";
export type WorkKind = "monthly_maintenance" | "security_patch" | "release" | "other";
export interface CheckItemInput { name: string; frequency: CheckFrequency; since: IsoDate; active: boolean }
export interface CheckItem extends CheckItemInput { id: number; version: number }
export interface CheckEntry { item_id: number; day: IsoDate; result: CheckResult; note: string }
export interface CheckRecord extends CheckEntry {
  id: number; item_name: string; checked_by: number; checked_by_name: string; checked_at: Instant;
}
export interface MissedCheck { day: IsoDate; item_id: number }
export interface CheckMonth {
  year: number; month: number; today: IsoDate; items: CheckItem[]; records: CheckRecord[];
  missed: MissedCheck[];
}
/** `planned_start`: "HH:MM:SS", Tokyo time. */
export interface JobNetInput {
  name: string; schedule: JobNetSchedule; planned_start: string; planned_minutes: number; active: boolean;
}
export interface JobNet extends JobNetInput { id: number; version: number }
export interface NewBatchRun {
  job_net_id: number; planned_start: Instant; planned_end: Instant; started_at: Instant;
  ended_at: Instant; result: BatchResult; processed_count: number; note: string; rerun_of: number | null;
}
export interface BatchRun extends NewBatchRun {
  id: number; job_net_name: string; incident_id: number | null; rerun_by: number | null;
  recorded_by: number; recorded_by_name: string; recorded_at: Instant;
}
export interface RecordedRun { run_id: number; incident_id: number | null }
export interface NewWorkRecord {
  change_id: number; kind: WorkKind; started_at: Instant; ended_at: Instant; note: string;
}
export interface WorkRecord extends NewWorkRecord {
  id: number; change_title: string; recorded_by: number; recorded_by_name: string; recorded_at: Instant;
}
export type NotificationKind =
  | "request_filed" | "request_commented" | "request_answered" | "request_sent_back"
  | "request_reopened" | "request_assigned" | "request_updated" | "answer_deadline_near"
  | "answer_deadline_passed" | "change_submitted" | "change_approved" | "change_rejected"
  | "change_sent_back" | "change_revoked"
  | "change_updated" | "outage_ahead" | "minutes_submitted" | "minutes_approved"
  | "minutes_returned" | "sla_near_breach" | "sla_breached";
export type ItemKind = "request" | "change" | "meeting" | "incident";
/** The record a notification points at, or a person watches. */
export interface ItemRef { kind: ItemKind; id: number }
export interface NotificationRecord {
  id: number; kind: NotificationKind; item: ItemRef; summary: string; created_at: Instant;
  read_at: Instant | null;
}
/** The poll's answer: what is newer than the id the window last saw, oldest first (none on the
 * first poll), and the newest id, where the next poll starts. */
export interface NotificationPoll {
  new: NotificationRecord[]; latest_id: number; unread: number; os_notifications: boolean;
}

export type ReportMailKind = "first_report" | "follow_up_report" | "interim_report";
export type MailStatus = "queued" | "sending" | "sent" | "failed";
export type MailSecurity = "start_tls" | "tls" | "plain";
/** An incident report ready to be read over, edited and sent. */
export interface MailDraft { kind: ReportMailKind; recipients: string[]; subject: string; body: string }
/** A report mail: `accepted_at` is when the mail server took it (the timeline's time). */
export interface MailRecord {
  id: number; incident_id: number; kind: ReportMailKind; recipients: string[]; subject: string; body: string;
  status: MailStatus; attempts: number; next_attempt_at: Instant; last_error: string | null;
  accepted_at: Instant | null; created_by: number; created_at: Instant;
}
export interface MailSettings {
  host: string; port: number; security: MailSecurity; username: string; from_address: string; from_name: string;
}
/** Never the password: only whether one is kept on the server. */
export interface MailSettingsView { settings: MailSettings; password_set: boolean }

/** What a row of the account CSV does to the accounts. */
export type AccountChange = "new" | "changed" | "unchanged";
export interface AccountImportRow { row: number; login: string; display_name: string; change: AccountChange; details: string[] }
/** A one-time password for an account the import created: shown once, to be handed over. */
export interface IssuedPassword { login: string; one_time_password: string }
export interface AccountImportReport {
  dry_run: boolean; rows: AccountImportRow[]; problems: ImportProblem[]; written: boolean; passwords: IssuedPassword[];
}

// 業務日程表
export type ScheduleStatus = "draft" | "submitted" | "returned" | "approved";
export type ScheduleAction = "submit" | "approve" | "return";
export type EntryCategory =
  | "service_hours" | "maintenance" | "release" | "outage" | "batch" | "meeting" | "report" | "routine";
export type EntrySource = "calendar" | "template" | "change" | "meeting" | "job_net" | "previous" | "manual";
/** One entry of a month's schedule; `starts`/`ends`: "HH:MM:SS", Tokyo time. */
export interface ScheduleEntry {
  day: IsoDate; category: EntryCategory; title: string; starts: string | null; ends: string | null;
  note: string; source: EntrySource; source_id: number | null;
}
/** One version 版 of a month's schedule (`version` is the row's, for optimistic locking). */
export interface ScheduleVersion {
  id: number; year: number; month: number; edition: number; status: ScheduleStatus;
  revised_from: number | null; created_by_name: string; created_at: Instant;
  submitted_by_name: string | null; submitted_at: Instant | null; decided_by_name: string | null;
  decided_at: Instant | null; decision_comment: string; version: number;
}
export interface BusinessSchedule extends ScheduleVersion { entries: ScheduleEntry[] }
/** A month: every version, the newest with its entries, and the submission due date (or why none). */
export interface ScheduleMonthView {
  year: number; month: number; versions: ScheduleVersion[]; current: BusinessSchedule | null;
  submission_due: IsoDate | null; due_problem: string | null;
}
