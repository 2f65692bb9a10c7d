// Generated from the Rust types by `HOSHU_UPDATE_WIRE=1 cargo test -p hoshu-desktop --test it wire`.
// Do not edit: change the Rust type and regenerate.

/**
 * What a row does to the accounts.
 */
export type AccountChange = "new" | "changed" | "unchanged";

/**
 * What the administrator filtered the account list by: words in the ID or name, a role, an
 * office, enabled or disabled. Empty means any.
 */
export type AccountFilter = { text: string | null, role: Role | null, office: string | null, disabled: boolean | null, };

/**
 * What the file holds and, unless a dry run, what was written.
 */
export type AccountImportReport = { dry_run: boolean, rows: Array<AccountImportRow>, problems: Array<ImportProblem>, written: boolean, 
/**
 * Only after the import itself: each new account's one-time password.
 */
passwords: Array<IssuedPassword>, };

/**
 * One row of the file and what it changes, in words (「所属: 北区中央 → 中区」).
 */
export type AccountImportRow = { row: number, login: string, display_name: string, change: AccountChange, details: Array<string>, };

export type AccountUpdateInput = { expected_version: number, display_name: string, role: Role, office: string, disabled: boolean, };

/**
 * An account as the administration screen shows it: never the password hash.
 */
export type AccountView = { id: number, login: string, display_name: string, role: Role, office: string, disabled: boolean, locked_until: string | null, failed_logins: number, version: number, };

/**
 * An action item 宿題: what, who, by when. Recording a meeting puts each one on the issue
 * register.
 */
export type ActionItem = { description: string, owner: string, due: string, };

/**
 * An authenticated person acting through the app.
 */
export type Actor = { account_id: number, login: string, display_name: string, role: Role, 
/**
 * Code of the office (site) the account belongs to.
 */
office: string, };

/**
 * How much time one clock allows, in the clock's own measure.
 *
 * - `Continuous`: wall-clock minutes, 24/365.
 * - `ServiceTime`: minutes of service time (service hours of open days, per the [`Calendar`]).
 * - `BusinessDays`: the deadline is the **closing time of the `days`-th open day after the
 *   day the clock starts** (Tokyo dates; the start day itself never counts, whether open or
 *   not). A report due "within 1 business day" of a recovery on Friday is due at Monday's
 *   closing, or Tuesday's when Monday is a holiday. Paused time is measured in service time.
 */
export type Allowance = { "kind": "continuous", minutes: number, } | { "kind": "service_time", minutes: number, } | { "kind": "business_days", days: number, };

export type AppError = { code: ErrorCode, message: string, fields?: Array<FieldError>, };

/**
 * An account a request may be assigned to.
 */
export type Assignee = { id: number, login: string, display_name: string, };

/**
 * An attachment without its bytes, for lists.
 */
export type AttachmentMeta = { id: number, request_id: number, file_name: string, content_type: string, size: number, 
/**
 * SHA-256 of the bytes, lower-case hex.
 */
sha256: string, uploaded_by: number, uploaded_by_name: string, created_at: string, };

/**
 * How many clocks were met, breached, are still running (or paused) or have not started,
 * and the attainment rate over the decided ones.
 *
 * The caller chooses the clocks: those of the period the report covers (e.g. by deadline),
 * **without the incidents excluded under 000 第8章第3節** — exclusions are kept with the
 * incident but are not counted here.
 */
export type Attainment = { met: number, breached: number, 
/**
 * Running or paused: not decided yet, left out of the rate.
 */
running: number, 
/**
 * Waiting for the event that starts them: left out of the rate.
 */
not_started: number, 
/**
 * `met / (met + breached)`, from 0.0 to 1.0; `None` when nothing is decided yet.
 */
rate: number | null, };

/**
 * One person on the attendance list; `present: false` lists an absentee 欠席者.
 */
export type Attendee = { side: Side, 
/**
 * 所属 (e.g. 生活保護・自立支援課, the contractor's company).
 */
organisation: string, 
/**
 * 役職 (may be empty).
 */
title: string, name: string, present: boolean, };

/**
 * Uploaded bytes in an operation's arguments (a newtype: JSON sees only the base64 string).
 */
export type Base64Bytes = string;

/**
 * How a batch run ended.
 */
export type BatchResult = "normal" | "abnormal";

/**
 * A batch run as recorded, with the incident its abnormal end opened and the run that
 * repeated it.
 */
export type BatchRun = { id: number, job_net_name: string, incident_id: number | null, 
/**
 * The first run recorded as re-running this one.
 */
rerun_by: number | null, recorded_by: number, recorded_by_name: string, recorded_at: string, job_net_id: number, planned_start: string, planned_end: string, started_at: string, ended_at: string, result: BatchResult, 
/**
 * Records processed (件数), as the job reports it.
 */
processed_count: number, 
/**
 * What went wrong (required on an abnormal end) or any remark.
 */
note: string, 
/**
 * The abnormal run this one re-runs.
 */
rerun_of: number | null, };

/**
 * One breached clock, for the chief's summary and the reports.
 */
export type BreachLine = { incident_id: number, title: string, item: SlaItem, deadline: string | null, };

/**
 * Whether the person has confirmed a bulk export.
 */
export type BulkExport = "unconfirmed" | "confirmed";

/**
 * The step taken on every selected request.
 */
export type BulkStep = { "step": "assign", assignee: number | null, } | { "step": "close" };

/**
 * A version with its entries, in their order.
 */
export type BusinessSchedule = { entries: Array<ScheduleEntry>, id: number, year: number, month: number, 
/**
 * 第n版.
 */
edition: number, status: ScheduleStatus, revised_from: number | null, created_by_name: string, created_at: string, submitted_by_name: string | null, submitted_at: string | null, decided_by_name: string | null, decided_at: string | null, decision_comment: string, 
/**
 * The row's version for optimistic locking (not the edition).
 */
version: number, };

/**
 * One day of the month view.
 */
export type CalendarDay = { 
/**
 * ISO date.
 */
date: string, 
/**
 * open | extra_open | saturday | sunday | holiday | year_end | extra_closure
 */
kind: string, open: boolean, 
/**
 * Holiday name (e.g. 勤労感謝の日) or the closure's name.
 */
name: string | null, };

/**
 * The first place where the chain does not hold.
 */
export type ChainBreak = { seq: number, reason: string, };

/**
 * A step in a change's life.
 */
export type ChangeAction = "submit" | "approve" | "reject" | "send_back" | "revoke" | "complete" | "withdraw";

/**
 * A change as the approval screen shows it: with everything the approver must weigh.
 */
export type ChangeDetail = { change: ChangeRecord, conflicts: Array<Conflict>, 
/**
 * One sentence per conflict, for screens and documents.
 */
conflict_messages: Array<string>, allowed_actions: Array<ChangeAction>, };

/**
 * What is to be done.
 */
export type ChangeKind = "planned_outage" | "data_patch" | "release" | "hours_extension";

export type ChangeListQuery = { statuses: Array<ChangeStatus>, 
/**
 * Only these kinds; empty: every kind.
 */
kinds: Array<ChangeKind>, 
/**
 * Words in the title.
 */
text: string | null, window_from: string | null, window_to: string | null, page: number, per_page: number, };

/**
 * How the execution went.
 */
export type ChangeOutcome = "succeeded" | "partially_succeeded" | "failed";

/**
 * What the contractor proposes.
 */
export type ChangeProposal = { kind: ChangeKind, 
/**
 * Required for 計画停止.
 */
outage_reason: OutageReason | null, 
/**
 * Required for リリース.
 */
release_kind: ReleaseKind | null, title: string, description: string, window_start: string, window_end: string, 
/**
 * Systems affected, free text (e.g. "レセプト管理システム 本番環境").
 */
affected_systems: string, 
/**
 * Office codes affected; empty means every office.
 */
affected_offices: Array<string>, impact: string, rollback_plan: string, 
/**
 * For releases: how and when it was verified on the test environment.
 */
test_verification: string | null, 
/**
 * For data patches: the instruction that allows it (003 3.3 forbids uninstructed patches).
 */
instruction_ref: string | null, };

export type ChangeRecord = { id: number, proposal: ChangeProposal, status: ChangeStatus, version: number, proposed_by: number, proposed_by_name: string, created_at: string, updated_at: string, 
/**
 * When it was last submitted for approval.
 */
submitted_at: string | null, 
/**
 * The latest decision, if any.
 */
decision: Decision | null, result: RecordedResult | null, };

/**
 * What the contractor records after executing an approved change.
 */
export type ChangeResult = { outcome: ChangeOutcome, executed_start: string, executed_end: string, notes: string, };

/**
 * Where a change stands.
 */
export type ChangeStatus = "draft" | "submitted" | "approved" | "rejected" | "done" | "withdrawn";

/**
 * One line of the change list.
 */
export type ChangeSummary = { id: number, kind: ChangeKind, outage_reason: OutageReason | null, release_kind: ReleaseKind | null, title: string, status: ChangeStatus, window_start: string, window_end: string, proposed_by: number, proposed_by_name: string, updated_at: string, version: number, };

/**
 * One check as done: the item, the day it was for, what it found.
 */
export type CheckEntry = { item_id: number, 
/**
 * The day (Tokyo) the check was for.
 */
day: string, result: CheckResult, 
/**
 * Required when the check found something.
 */
note: string, };

/**
 * How often a check item is due (表1.5-2 divides the work into daily, monthly and on
 * demand; the checks the desk tracks are the first two).
 */
export type CheckFrequency = "open_day" | "every_day" | "monthly";

/**
 * A check item as stored.
 */
export type CheckItem = { id: number, version: number, name: string, frequency: CheckFrequency, 
/**
 * The first day the check is due: days before it are never missed.
 */
since: string, active: boolean, };

/**
 * A check item of the daily checklist (a setting): what is checked and how often, from which
 * day on. An inactive item is no longer due.
 */
export type CheckItemInput = { name: string, frequency: CheckFrequency, 
/**
 * The first day the check is due: days before it are never missed.
 */
since: string, active: boolean, };

/**
 * A month of the daily checklist: the items, the checks on the record and the checks missed
 * up to today (today itself is not over, so it is never missed yet).
 */
export type CheckMonth = { year: number, month: number, today: string, items: Array<CheckItem>, records: Array<CheckRecord>, missed: Array<MissedCheck>, };

/**
 * A check as recorded.
 */
export type CheckRecord = { id: number, item_name: string, checked_by: number, checked_by_name: string, checked_at: string, item_id: number, 
/**
 * The day (Tokyo) the check was for.
 */
day: string, result: CheckResult, 
/**
 * Required when the check found something.
 */
note: string, };

/**
 * What a check found.
 */
export type CheckResult = "normal" | "anomaly";

/**
 * Whether the approver has seen and accepted the clashes the conflict check shows. Approving
 * a change that clashes is refused until they have.
 */
export type ClashAcknowledgement = "unacknowledged" | "acknowledged";

/**
 * How a clock measures time.
 *
 * - `Continuous`: wall-clock time, 24 hours a day, 365 days a year.
 * - `ServiceTime`: service hours of open days only (per the [`Calendar`]).
 * - `BusinessDays`: whole open days, due at the closing time of the N-th open day after
 *   the start day.
 */
export type ClockKind = "continuous" | "service_time" | "business_days";

/**
 * Where a clock stands at a given instant. Every state but `NotStarted` carries the deadline
 * as of that instant (a running pause moves it on).
 *
 * `remaining` and `margin` are in the clock's own measure (service time for service-time and
 * business-day clocks, without paused time): how much working time is or was left. `by` is
 * wall-clock time from the deadline to the stop (or to `now` while not stopped): how late.
 */
export type ClockState = { "state": "not_started" } | { "state": "running", deadline: string, remaining_secs: number, } | { "state": "paused", deadline: string, remaining_secs: number, } | { "state": "met", at: string, deadline: string, margin_secs: number, } | { "state": "breached", deadline: string, by_secs: number, at: string | null, };

/**
 * A request and its answer clock: a line of the queue and of the request list.
 */
export type ClockedRequest = { request: RequestSummary, answer_clock: SlaClockView, };

/**
 * One coded value: its stable code and its Japanese label, in the domain's order.
 */
export type Coded = { code: string, label: string, };

export type Comment = { id: number, request_id: number, author_id: number, author_name: string, author_role: Role, body: string, created_at: string, };

/**
 * Something the approver must see before deciding.
 */
export type Conflict = { "kind": "service_hours", date: string, overlap_start: string, overlap_end: string, } | { "kind": "other_change", id: number, title: string, status: ChangeStatus, };

export type ContractInfo = { 
/**
 * 業務名.
 */
contract_name: string, 
/**
 * 契約番号 (may be blank until assigned).
 */
contract_number: string, 
/**
 * 委託者: the city.
 */
city_name: string, 
/**
 * 担当課.
 */
city_department: string, 
/**
 * 受託者.
 */
contractor_name: string, 
/**
 * 受託者の住所 (printed in the submitter block of the forms).
 */
contractor_address: string, 
/**
 * 受託者の代表者 (職・氏名): 代表取締役　山田 一郎.
 */
contractor_representative: string, 
/**
 * 契約締結日, once signed.
 */
signed_on: string | null, 
/**
 * 履行期間.
 */
period_from: string, period_to: string, 
/**
 * The city's person in charge (担当課の責任者).
 */
city_responsible: string, 
/**
 * 業務責任者 (the specification's プロジェクト責任者).
 */
contractor_responsible: string, 
/**
 * 作業責任者 / deputy (the specification's プロジェクト管理者).
 */
contractor_deputy: string, 
/**
 * Where incident reports are mailed (the section's addresses, 000 第7章第2節).
 */
report_recipients: Array<string>, };

/**
 * The user's choice, kept in their own config file. It holds no secret: a server is known
 * by its address only.
 */
export type DbConfig = { kind: DbKind, 
/**
 * Empty: the default file in the app-data folder.
 */
sqlite_path: string, 
/**
 * `https://hoshu.example.lg.jp:8443`
 */
server_url: string, };

/**
 * Which database: the local SQLite file, or the shared one behind `hoshu serve`.
 */
export type DbKind = "sqlite" | "server";

/**
 * What the settings screen shows.
 */
export type DbStatus = { 
/**
 * The saved choice (effective after restart or reconnect).
 */
kind: DbKind, sqlite_path: string, default_sqlite_path: string, server_url: string, 
/**
 * The database in use now (password masked).
 */
active: string, 
/**
 * `HOSHU_DB` is set: it decides at start-up, whatever is saved.
 */
env_override: boolean, config_file: string, 
/**
 * Why the choice cannot be changed now (see [`db::may_change`]); `None` when it can.
 */
locked: string | null, };

/**
 * The approver's latest decision on a change: 承認, 却下, 差戻し or 承認取消.
 */
export type Decision = { approver_id: number, approver_name: string, step: ChangeAction, 
/**
 * Whether it was an approval (what the check before 実施済 reads).
 */
approved: boolean, comment: string, at: string, };

export type DeskSettings = { service_open: string, service_close: string, 
/**
 * Days closed although they would be open days (e.g. a system-wide shutdown).
 */
extra_closures: Array<string>, 
/**
 * Days open although they would be closed (e.g. a Saturday run the city asked for).
 */
extra_open_days: Array<string>, idle_logout_minutes: number, lockout_minutes: number, 
/**
 * Rows above which an export is a bulk export, confirmed before it leaves.
 */
bulk_export_rows: number, 
/**
 * Days an unsent draft may stay on a terminal before it is erased unread.
 */
draft_retention_days: number, 
/**
 * How long before an answer or SLA deadline the contractor or the chief is told.
 */
deadline_warning_minutes: number, };

/**
 * The recording medium of the delivery disc.
 */
export type DiscMedia = "cd_r" | "dvd_r";

/**
 * What goes on the delivery disc.
 */
export type DiscSelection = { minutes: MinutesSelection, 
/**
 * 課題管理表 as PDF and .xlsx.
 */
register: boolean, plan: boolean, forms: Array<FormKind>, 
/**
 * The monthly reports of the months of this fiscal year that have ended, and its annual
 * report once the year has ended.
 */
reports_fiscal_year: number | null, media: DiscMedia, malware_check: MalwareCheckInput, };

/**
 * The row of the calendar an entry belongs to.
 */
export type EntryCategory = "service_hours" | "maintenance" | "release" | "outage" | "batch" | "meeting" | "report" | "routine";

/**
 * Where an entry came from, so a reader knows which ones were typed and which ones the
 * record produced.
 */
export type EntrySource = "calendar" | "template" | "change" | "meeting" | "job_net" | "previous" | "manual";

export type ErrorCode = "validation" | "forbidden" | "auth_failed" | "password_change_required" | "not_found" | "stale" | "invalid_transition" | "duplicate" | "unavailable" | "replayed" | "bulk_export_unconfirmed" | "internal";

/**
 * A timeline event that started or stopped a clock: its position in the slice passed to
 * [`incident_clocks`], its kind and its time.
 */
export type EventRef = { index: number, kind: TimelineEventKind, at: string, };

/**
 * The chief's decision on an exclusion. The reason and grounds are as decided (taken over
 * from the proposal or written anew); refusing needs a comment.
 */
export type ExclusionDecision = { approve: boolean, reason: ExclusionReason, note: string, comment: string, };

/**
 * Why an incident is left out of the service-level figures: 000 第8章第3節 免責事項 (1)–(5).
 * The label is the contract's wording; [`ExclusionReason::short_label`] is for tables.
 */
export type ExclusionReason = "not_contractor_service" | "disaster_or_attack" | "third_party_product" | "user_fault" | "cause_undetermined";

/**
 * The exclusion of an incident: proposed (reason and grounds), then decided by the city.
 * Only an approved exclusion leaves the incident out of the SLA figures.
 */
export type ExclusionRecord = { reason: ExclusionReason, note: string, proposed_by: number, proposed_by_name: string, proposed_at: string, 
/**
 * `None` while undecided; `Some(true)` excluded, `Some(false)` refused.
 */
approved: boolean | null, decided_by: number | null, decided_by_name: string | null, decided_at: string | null, 
/**
 * The decider's comment (why refused, or any remark).
 */
comment: string | null, };

/**
 * An operating-hour extension asked for: the day and the hours the system must run.
 */
export type ExtensionAsk = { day: string, from: string, until: string, };

/**
 * One problem with one field: `field` is the stable key a form uses to place the message,
 * `label` the field's Japanese name, `message` the full sentence shown to the user.
 */
export type FieldError = { field: string, label: string, message: string, 
/**
 * For a field that is a list (attendees, action items, ...): the 0-based entry at fault,
 * so a form marks that row. The message names the row too (「2行目」) for the CLI.
 */
row?: number | null, };

/**
 * A file the caller saves where its user chooses.
 */
export type FileDownload = { fileName: string, contentType: string, bytes: string, };

/**
 * The filled-in part of a form; `None` leaves the line blank.
 */
export type FormFill = { form_number: string | null, document_number: string | null, submitted_on: string | null, };

/**
 * The submission forms.
 */
export type FormKind = "schedule" | "start_notice" | "responsible_person" | "completion_notice";

/**
 * The section's decision on a submitted plan.
 */
export type HandoverDecision = { "kind": "approve" } | { "kind": "return", reason: string, };

/**
 * One participant of the handover: which party, the organisation or person, and the role
 * (引継体制・役割).
 */
export type HandoverMember = { party: HandoverParty, 
/**
 * 組織・氏名.
 */
name: string, 
/**
 * 役割.
 */
role: string, };

/**
 * The three parties of the handover (003 5 (7): 本市・受託者・次期受託者).
 */
export type HandoverParty = "city" | "contractor" | "next_contractor";

/**
 * The plan as the contractor writes it.
 */
export type HandoverPlanDraft = { 
/**
 * 次期受託者: the company taking over.
 */
next_contractor: string, 
/**
 * 引継体制・役割.
 */
members: Array<HandoverMember>, 
/**
 * 引継スケジュール.
 */
schedule: Array<HandoverScheduleItem>, 
/**
 * 引継内容・留意事項 (free text).
 */
notes: string, };

/**
 * Where a version of the plan stands.
 */
export type HandoverPlanStatus = "draft" | "submitted" | "approved" | "returned";

/**
 * One saved version of the plan with where it stands.
 */
export type HandoverPlanVersion = { version: number, plan: HandoverPlanDraft, status: HandoverPlanStatus, edited_by_name: string, edited_at: string, submitted_at: string | null, decided_by_name: string | null, decided_at: string | null, 
/**
 * Why the section returned it.
 */
return_reason: string | null, };

/**
 * The plan as the screen shows it: the newest version, the approved one in force (when it
 * is an older one, or the same), and the last day the handover may end.
 */
export type HandoverPlanView = { current: HandoverPlanVersion | null, approved: HandoverPlanVersion | null, deadline: string, };

/**
 * One line of the schedule: what is handed over, from when to when, and who carries it.
 */
export type HandoverScheduleItem = { 
/**
 * 作業内容.
 */
what: string, from: string, to: string, 
/**
 * 担当.
 */
who: HandoverParty, };

/**
 * One problem found in the file: the row (as the spreadsheet or text editor numbers it) when
 * it belongs to one, the column's caption, and what is wrong, in Japanese.
 */
export type ImportProblem = { row: number | null, field: string, message: string, };

/**
 * What an import found and did.
 */
export type ImportReport = { source: ImportSource, dry_run: boolean, rows: Array<ImportRow>, problems: Array<ImportProblem>, new: number, existing: number, 
/**
 * Rows (or the file itself) with a problem.
 */
errors: number, 
/**
 * Whether the new rows were written.
 */
written: boolean, 
/**
 * The mapping in force, for `--write-mapping` and the screen: every value of the file.
 */
mapping: string, };

/**
 * One row as it will be (or was) written.
 */
export type ImportRow = { row: number, external_ref: string, title: string, 
/**
 * 種別 (requests) or 分類 (register).
 */
kind: string, status: string, 
/**
 * 所属 (requests) or 担当者 (register).
 */
office_or_owner: string, 
/**
 * Filed or raised.
 */
date: string, 
/**
 * Already in the database: left as it is.
 */
existing: boolean, };

/**
 * What is imported.
 */
export type ImportSource = "redmine" | "register" | "batches";

/**
 * Where the fault lies, as 003 表2.3-1 divides 障害対応. The category decides the first
 * isolation target: 30 minutes for ジョブ異常, 45 minutes for the others.
 */
export type IncidentCategory = "infra_middleware" | "software" | "network" | "job_failure";

/**
 * An incident as its page shows it to this actor.
 */
export type IncidentDetail = { 
/**
 * The instant the clocks were computed at; the page counts down from it.
 */
now: string, 
/**
 * The actor may add timeline entries and propose an exclusion.
 */
can_record: boolean, 
/**
 * The actor may decide the exclusion.
 */
can_decide_exclusion: boolean, 
/**
 * The reports sent (or waiting to go) by mail, oldest first.
 */
mails: Array<MailRecord>, record: IncidentRecord, 
/**
 * An approved exclusion leaves it out of the SLA figures (its clocks still show).
 */
excluded: boolean, 
/**
 * One clock per SLA item, in the order of `SlaItem::INCIDENT`.
 */
clocks: Array<SlaClockView>, 
/**
 * Clocks still running (or paused).
 */
running: number, breached: number, 
/**
 * The nearest deadline of a running clock: what the countdown shows.
 */
next_deadline: string | null, 
/**
 * Recovered (復旧) by `now`.
 */
recovered: boolean, };

/**
 * One timeline entry as stored: the event, who typed it in and when.
 */
export type IncidentEventRecord = { id: number, event: TimelineEvent, recorded_by: number, recorded_by_name: string, recorded_at: string, };

/**
 * Which incidents to list: detected in `[from, to)`; `open_only` keeps those with a clock
 * still running.
 */
export type IncidentListQuery = { from: string | null, to: string | null, open_only: boolean, };

/**
 * An incident with everything recorded on it.
 */
export type IncidentRecord = { id: number, incident: NewIncident, 
/**
 * Whether the incident concerns operation, so that a manual revision is due.
 */
manual_revision_required: boolean, recorded_by: number, recorded_by_name: string, created_at: string, updated_at: string, version: number, 
/**
 * The timeline, by time then by entry.
 */
events: Array<IncidentEventRecord>, exclusion: ExclusionRecord | null, };

/**
 * An incident with its clocks at `now`.
 */
export type IncidentView = { record: IncidentRecord, 
/**
 * An approved exclusion leaves it out of the SLA figures (its clocks still show).
 */
excluded: boolean, 
/**
 * One clock per SLA item, in the order of `SlaItem::INCIDENT`.
 */
clocks: Array<SlaClockView>, 
/**
 * Clocks still running (or paused).
 */
running: number, breached: number, 
/**
 * The nearest deadline of a running clock: what the countdown shows.
 */
next_deadline: string | null, 
/**
 * Recovered (復旧) by `now`.
 */
recovered: boolean, };

/**
 * 分類.
 */
export type IssueCategory = "operation" | "fault" | "improvement" | "law_revision" | "security" | "other";

/**
 * What an item of the register says. `no` is assigned by the store.
 */
export type IssueInput = { 
/**
 * 起票日.
 */
raised_on: string, 
/**
 * 起票者 (a name: the city's people raise issues too, without accounts of their own).
 */
raised_by: string, category: IssueCategory, title: string, 
/**
 * 内容.
 */
content: string, priority: IssuePriority, 
/**
 * 担当者.
 */
owner: string, 
/**
 * 期限.
 */
due: string | null, status: IssueStatus, 
/**
 * 対応内容・経過.
 */
progress: string, 
/**
 * 完了日: required when 完了, absent otherwise.
 */
completed_on: string | null, 
/**
 * The meeting the item came from (an action item), if any.
 */
meeting_id: number | null, 
/**
 * The request the item came from, if any.
 */
request_id: number | null, };

/**
 * 優先度.
 */
export type IssuePriority = "high" | "medium" | "low";

/**
 * 状態.
 */
export type IssueStatus = "open" | "in_progress" | "done" | "on_hold";

/**
 * A one-time password for an account the import created.
 */
export type IssuedPassword = { login: string, one_time_password: string, };

/**
 * The attainment of one SLA item.
 */
export type ItemAttainment = { item: SlaItem, attainment: Attainment, };

/**
 * The kind of record a notification points at (the window jumps to it).
 */
export type ItemKind = "request" | "change" | "meeting" | "incident";

/**
 * A record a notification points at, or a person watches.
 */
export type ItemRef = { kind: ItemKind, id: number, };

/**
 * A job net as stored.
 */
export type JobNet = { id: number, version: number, name: string, schedule: JobNetSchedule, 
/**
 * Planned start, Tokyo time (for an on-demand net: when it usually runs).
 */
planned_start: string, planned_minutes: number, active: boolean, };

/**
 * A batch job net (a setting): its name as JP1 shows it, when it is planned to run, and how
 * long it is planned to take.
 */
export type JobNetInput = { name: string, schedule: JobNetSchedule, 
/**
 * Planned start, Tokyo time (for an on-demand net: when it usually runs).
 */
planned_start: string, planned_minutes: number, active: boolean, };

/**
 * When a job net is planned to run (003 3.2: daily, monthly, on demand).
 */
export type JobNetSchedule = "every_day" | "open_day" | "monthly" | "on_demand";

/**
 * A list screen whose filters a person can save under a name.
 */
export type ListName = "requests" | "changes" | "meetings" | "register";

/**
 * A report ready to be read over, edited and sent.
 */
export type MailDraft = { kind: ReportMailKind, recipients: Array<string>, subject: string, body: string, };

/**
 * A report mail as stored.
 */
export type MailRecord = { id: number, incident_id: number, kind: ReportMailKind, recipients: Array<string>, subject: string, body: string, status: MailStatus, attempts: number, next_attempt_at: string, 
/**
 * Why the last attempt failed, in Japanese.
 */
last_error: string | null, 
/**
 * When the mail server accepted it.
 */
accepted_at: string | null, created_by: number, created_at: string, };

/**
 * How the connection to the mail server is protected.
 */
export type MailSecurity = "start_tls" | "tls" | "plain";

/**
 * The mail server the desk sends through, as the administrator sets it. The password is
 * kept apart on the server and never answered back.
 */
export type MailSettings = { host: string, port: number, security: MailSecurity, 
/**
 * Empty: the server takes mail without authentication.
 */
username: string, 
/**
 * The sender's address (From).
 */
from_address: string, 
/**
 * The sender's name shown beside it.
 */
from_name: string, };

/**
 * The SMTP settings as the administrator's screen shows them: never the password, only
 * whether one is kept.
 */
export type MailSettingsView = { settings: MailSettings, password_set: boolean, };

/**
 * Where a report mail stands. `Sending` is held by one sender only; one that stays there
 * (the program stopped mid-send) is left for a person to check, never sent again.
 */
export type MailStatus = "queued" | "sending" | "sent" | "failed";

/**
 * The malware check the contractor did before handover.
 */
export type MalwareCheckInput = { 
/**
 * 実施者.
 */
checked_by: string, 
/**
 * 実施日時; `None` is now.
 */
checked_at: string | null, 
/**
 * 使用ソフトウェア (product and version).
 */
product: string, 
/**
 * パターンファイルのバージョン.
 */
pattern_version: string, };

/**
 * A meeting's handout without its bytes, for the meeting's screen and the minutes.
 */
export type MeetingAttachmentMeta = { id: number, meeting_id: number, file_name: string, content_type: string, size: number, 
/**
 * SHA-256 of the bytes, lower-case hex.
 */
sha256: string, uploaded_by: number, uploaded_by_name: string, created_at: string, };

/**
 * A meeting as its screen (and the minutes document) shows it.
 */
export type MeetingDetail = { meeting: MeetingRecord, minutes_due: string, overdue: boolean, 
/**
 * Minutes steps this actor may take now.
 */
allowed_actions: Array<MinutesAction>, 
/**
 * The actor may edit the record now (contractor, minutes not submitted or approved).
 */
can_edit: boolean, };

/**
 * The kinds of meeting the contract names (domain.md "Meetings and deliverables").
 */
export type MeetingKind = "regular" | "schedule_review" | "group_progress" | "other";

/**
 * One line of the meeting list, with the minutes' due day and whether they are late.
 */
export type MeetingListItem = { minutes_due: string, overdue: boolean, id: number, kind: MeetingKind, title: string, starts_at: string, ends_at: string, place: string, minutes_status: MinutesStatus, version: number, updated_at: string, };

export type MeetingListPage = { items: Array<MeetingListItem>, total: number, };

/**
 * What the meeting list asks for. `from`/`to` bound the start, `[from, to)`.
 */
export type MeetingListQuery = { kinds: Array<MeetingKind>, statuses: Array<MinutesStatus>, from: string | null, to: string | null, text: string | null, 
/**
 * 1-based.
 */
page: number, per_page: number, };

/**
 * A meeting as stored.
 */
export type MeetingRecord = { id: number, meeting: NewMeeting, 
/**
 * For each of `meeting.action_items`, in order: the register item it became.
 */
action_item_links: Array<RegisterRef | null>, minutes_status: MinutesStatus, version: number, recorded_by: number, recorded_by_name: string, created_at: string, updated_at: string, 
/**
 * When the minutes were last submitted.
 */
submitted_at: string | null, decision: MinutesDecision | null, 
/**
 * Files handed out at the meeting (配布資料), in the order they were added.
 */
attachments: Array<MeetingAttachmentMeta>, };

/**
 * A step on the minutes.
 */
export type MinutesAction = "submit" | "approve" | "return";

/**
 * The section's last decision on the minutes.
 */
export type MinutesDecision = { 
/**
 * [`MinutesAction::Approve`] or [`MinutesAction::Return`].
 */
action: MinutesAction, decided_by: number, decided_by_name: string, at: string, comment: string, };

/**
 * Which minutes go on the disc. Only approved minutes are delivered.
 */
export type MinutesSelection = { "kind": "none" } | { "kind": "period", from: string, to: string, } | { "kind": "all_approved" };

/**
 * Where a meeting's minutes stand.
 */
export type MinutesStatus = "draft" | "submitted" | "approved" | "returned";

/**
 * A check that was due and is not on the record.
 */
export type MissedCheck = { 
/**
 * The day it was due; for a monthly check, the last day of its month.
 */
day: string, item_id: number, };

export type NewAccountInput = { login: string, display_name: string, role: Role, office: string, password: string, };

/**
 * One run of a job net as the operator records it from JP1.
 */
export type NewBatchRun = { job_net_id: number, planned_start: string, planned_end: string, started_at: string, ended_at: string, result: BatchResult, 
/**
 * Records processed (件数), as the job reports it.
 */
processed_count: number, 
/**
 * What went wrong (required on an abnormal end) or any remark.
 */
note: string, 
/**
 * The abnormal run this one re-runs.
 */
rerun_of: number | null, };

/**
 * What the contractor types to record a new incident.
 */
export type NewIncident = { 
/**
 * When the contractor became aware of the fault (障害発生の確知): every 24/365 clock starts here.
 */
detected_at: string, category: IncidentCategory, severity: Severity, title: string, summary: string, 
/**
 * Office codes affected; empty means every office.
 */
affected_offices: Array<string>, 
/**
 * Systems affected, free text (e.g. "レセプト管理システム 本番環境").
 */
affected_systems: string, 
/**
 * Ids of the requests (fault reports, inquiries) this incident answers.
 */
linked_requests: Array<number>, };

/**
 * What the contractor records about a meeting.
 */
export type NewMeeting = { kind: MeetingKind, 
/**
 * 会議名, e.g. 第5回 定例会議.
 */
title: string, starts_at: string, ends_at: string, place: string, attendees: Array<Attendee>, 
/**
 * 配布資料.
 */
handouts: Array<string>, 
/**
 * 議題.
 */
agenda: Array<string>, 
/**
 * 議事内容.
 */
discussion: string, 
/**
 * 決定事項.
 */
decisions: Array<string>, 
/**
 * 宿題.
 */
action_items: Array<ActionItem>, next_meeting: NextMeeting | null, };

/**
 * What a person types to file a request.
 */
export type NewRequest = { kind: RequestKind, 
/**
 * Required for 作業依頼, refused for every other kind.
 */
work_sub_kind: WorkSubKind | null, 
/**
 * Code of the office the request is filed for.
 */
office: string, title: string, body: string, 
/**
 * Urgency, the wished-for day and, for 稼働時間延長, the hours asked for.
 */
details: RequestDetails, };

/**
 * A filter to save: the list, a name and the screen's filters (a JSON object).
 */
export type NewSavedView = { list: ListName, name: string, 
/**
 * The screen's filters: a JSON object (checked by the rule).
 */
filters: Record<string, unknown>, };

/**
 * Maintenance, patch or release work done under an approved change.
 */
export type NewWorkRecord = { change_id: number, kind: WorkKind, started_at: string, ended_at: string, 
/**
 * What was done and how it went.
 */
note: string, };

/**
 * The next meeting 次回予定, as far as it was agreed.
 */
export type NextMeeting = { starts_at: string, place: string, };

/**
 * What happened, as the notification centre names it.
 */
export type NotificationKind = "request_filed" | "request_commented" | "request_answered" | "request_sent_back" | "request_reopened" | "request_assigned" | "request_updated" | "answer_deadline_near" | "answer_deadline_passed" | "change_submitted" | "change_approved" | "change_rejected" | "change_sent_back" | "change_revoked" | "change_updated" | "outage_ahead" | "minutes_submitted" | "minutes_approved" | "minutes_returned" | "sla_near_breach" | "sla_breached";

/**
 * What the window's poll answers.
 */
export type NotificationPoll = { 
/**
 * Notifications newer than the id the window last saw, oldest first; none on the first
 * poll (what came before waits in the notification centre).
 */
new: Array<NotificationRecord>, 
/**
 * The newest notification's id (0 when none): where the next poll starts.
 */
latest_id: number, unread: number, 
/**
 * Whether this person wants operating-system notifications (on unless switched off).
 */
os_notifications: boolean, };

/**
 * A notification as its recipient reads it.
 */
export type NotificationRecord = { id: number, kind: NotificationKind, item: ItemRef, summary: string, created_at: string, read_at: string | null, };

/**
 * A welfare office or other site accounts belong to.
 */
export type Office = { code: string, name: string, sort_order: number, };

/**
 * An open session as the administrator's list shows it.
 */
export type OpenSessionView = { id: number, login: string, display_name: string, office: string, client_addr: string, started_at: string, last_seen_at: string, expires_at: string, };

/**
 * The drafts a person finds at log-in.
 */
export type OpenedDrafts = { drafts: Array<StoredDraft>, 
/**
 * False when this computer has no key store: drafts then live only until the app closes.
 */
kept_on_disk: boolean, retention_days: number, };

/**
 * A list's order: a column and a direction. Ties always fall back to the newest first.
 */
export type Order<C> = { column: C, direction: SortDirection, };

/**
 * An approved outage as staff are told of it.
 */
export type OutageNotice = { id: number, kind: ChangeKind, window_start: string, window_end: string, 
/**
 * 業務への影響: what the work means for the offices.
 */
impact: string, 
/**
 * The offices it touches; empty for every office.
 */
affected_offices: Array<string>, };

/**
 * Why a planned outage is needed.
 */
export type OutageReason = "update_files" | "bug_fix" | "security_patch" | "monthly_maintenance" | "other";

/**
 * A reset: the account's new version and the one-time password to hand to its owner.
 */
export type PasswordReset = { version: number, one_time_password: string, };

/**
 * A picked file: its name and its bytes in base64, as `import_records` takes them.
 */
export type PickedImportFile = { file_name: string, bytes: string, };

/**
 * The plan's sections, in document order.
 */
export type PlanSection = "policy" | "organisation" | "operations" | "monitoring" | "incident_management" | "failure_flow" | "data_management" | "annual_plan" | "improvement";

/**
 * One section of the plan as the editor shows it: its current text, if it has any.
 */
export type PlanSectionState = { section: PlanSection, 
/**
 * The chapter number in the document.
 */
number: number, current: PlanSectionVersion | null, };

/**
 * One saved version of one section.
 */
export type PlanSectionVersion = { section: PlanSection, 
/**
 * 1 for the first text saved, then 2, 3, …
 */
version: number, content: string, edited_by: number, edited_by_name: string, edited_at: string, };

/**
 * Where a long job is: `done` of `total` steps, and what it is doing now.
 */
export type Progress = { done: number, total: number, label: string, };

/**
 * A recorded meeting and the register items its action items became, in order.
 */
export type RecordedMeeting = { id: number, register_items: Array<RegisterRef>, };

/**
 * The execution result, with who recorded it and when.
 */
export type RecordedResult = { result: ChangeResult, recorded_by: number, recorded_by_name: string, recorded_at: string, };

/**
 * What recording a run did: the run, and the incident an abnormal end opened.
 */
export type RecordedRun = { run_id: number, incident_id: number | null, };

/**
 * The register as PDF or as .xlsx.
 */
export type RegisterFormat = "pdf" | "xlsx";

/**
 * An item of the register as stored.
 */
export type RegisterItem = { id: number, 
/**
 * The number printed on the register (No.).
 */
no: number, item: IssueInput, version: number, created_by: number, created_by_name: string, created_at: string, updated_at: string, };

/**
 * What the register list asks for.
 */
export type RegisterListQuery = { statuses: Array<IssueStatus>, categories: Array<IssueCategory>, text: string | null, 
/**
 * The items that came from this meeting.
 */
meeting_id: number | null, 
/**
 * 1-based.
 */
page: number, 
/**
 * At most 1,000 (the whole register of a year fits one page for documents).
 */
per_page: number, };

export type RegisterPage = { items: Array<RegisterItem>, total: number, };

/**
 * A register item, by id and by the number printed on the register.
 */
export type RegisterRef = { id: number, no: number, };

/**
 * How a release was agreed (003 2.1).
 */
export type ReleaseKind = "regular" | "emergency" | "individual";

/**
 * The document format of a report.
 */
export type ReportFormat = "pdf" | "xlsx";

/**
 * Which report a mail is.
 */
export type ReportMailKind = "first_report" | "follow_up_report" | "interim_report";

/**
 * A step that moves a request from one status to another.
 */
export type RequestAction = "start" | "answer" | "close" | "send_back" | "reopen" | "withdraw";

/**
 * The columns the request list sorts by.
 */
export type RequestColumn = "number" | "kind" | "title" | "office" | "filed_by" | "assignee" | "status" | "filed_at";

/**
 * One request as its detail screen shows it to this actor.
 */
export type RequestDetail = { request: RequestRecord, comments: Array<Comment>, attachments: Array<AttachmentMeta>, history: Array<RequestEvent>, 
/**
 * Status buttons this actor may press now.
 */
allowed_actions: Array<RequestAction>, can_assign: boolean, 
/**
 * The answer clock (service time from filing to the first answer) as of now: the
 * deadline the page shows, as the contractor's queue does.
 */
answer_clock: SlaClockView, };

/**
 * The kind-specific part of a request. Every field has a default, so a request filed without
 * them (an import, an older window) is a normal one with no wish.
 */
export type RequestDetails = { urgency: Urgency, 
/**
 * 希望期限: the day the filer hopes for an answer by.
 */
desired_by: string | null, 
/**
 * Required for 稼働時間延長, refused for every other kind.
 */
extension: ExtensionAsk | null, };

export type RequestEvent = { id: number, request_id: number, actor_id: number, actor_name: string, kind: string, from_status: RequestStatus | null, to_status: RequestStatus | null, note: string | null, at: string, };

/**
 * What the office asks for (003 4.2, 6).
 */
export type RequestKind = "inquiry" | "investigation" | "work" | "se_support" | "fault_report" | "hours_extension";

/**
 * A page of the request list, each request with its answer clock.
 */
export type RequestListPage = { items: Array<ClockedRequest>, total: number, };

/**
 * What a list screen or script asks for.
 */
export type RequestListQuery = { kinds: Array<RequestKind>, statuses: Array<RequestStatus>, 
/**
 * 緊急度; empty means every urgency.
 */
urgencies: Array<Urgency>, 
/**
 * One office; `None` means every office the actor may see.
 */
office: string | null, text: string | null, assignee: number | null, 
/**
 * "自分": requests the actor filed (staff) or is assigned to (everyone else).
 */
mine: boolean, 
/**
 * Only requests nobody is assigned to yet.
 */
unassigned: boolean, open_only: boolean, 
/**
 * The column the person sorted by; newest first when not given.
 */
order: Order<RequestColumn>, 
/**
 * 1-based.
 */
page: number, per_page: number, };

/**
 * One request with everything the detail screen shows.
 */
export type RequestRecord = { id: number, kind: RequestKind, work_sub_kind: WorkSubKind | null, office: string, title: string, body: string, status: RequestStatus, filed_by: number, filed_by_name: string, assignee_id: number | null, assignee_name: string | null, answer: string | null, details: RequestDetails, filed_at: string, 
/**
 * When the contractor first took it up, to 対応中 or straight to 回答済 (kept when it is
 * taken up again).
 */
started_at: string | null, 
/**
 * When the request was last answered (kept when an answer is sent back).
 */
answered_at: string | null, 
/**
 * When it was closed or withdrawn; cleared when it is reopened.
 */
closed_at: string | null, updated_at: string, version: number, };

/**
 * Where a request stands.
 */
export type RequestStatus = "received" | "in_progress" | "answered" | "closed" | "withdrawn";

/**
 * One line of the request list.
 */
export type RequestSummary = { id: number, kind: RequestKind, work_sub_kind: WorkSubKind | null, office: string, title: string, status: RequestStatus, 
/**
 * How urgent the filer finds it, so a list can mark 至急 at a glance.
 */
urgency: Urgency, filed_by: number, filed_by_name: string, assignee_id: number | null, assignee_name: string | null, filed_at: string, answered_at: string | null, closed_at: string | null, updated_at: string, version: number, };

/**
 * The four kinds of account (domain.md "The people").
 */
export type Role = "staff" | "chief" | "contractor" | "admin";

/**
 * Where a saved file went, for the window to show.
 */
export type SavedFile = { 
/**
 * Absolute path of the written file.
 */
path: string, bytes: number, };

/**
 * One saved filter. `filters` is the screen's JSON, as the window wrote it.
 */
export type SavedView = { id: number, list: ListName, name: string, filters: string, updated_at: string, };

/**
 * A step on a version of the schedule.
 */
export type ScheduleAction = "submit" | "approve" | "return";

/**
 * One entry of the schedule: on `day`, in row `category`, `title` (from `starts` to `ends`,
 * Tokyo time, when it has times).
 */
export type ScheduleEntry = { day: string, category: EntryCategory, title: string, starts: string | null, ends: string | null, note: string, source: EntrySource, 
/**
 * The change, meeting or job net the entry came from.
 */
source_id: number | null, };

/**
 * A month as the screen shows it: every version, the newest with its entries, and when it
 * is due (or why no due date can be given).
 */
export type ScheduleMonthView = { year: number, month: number, versions: Array<ScheduleVersion>, current: BusinessSchedule | null, submission_due: string | null, 
/**
 * Why there is no due date (no 業務日程レビュー the month before): submitting is refused
 * with the same sentence.
 */
due_problem: string | null, };

/**
 * Where one version of a month's schedule stands.
 */
export type ScheduleStatus = "draft" | "submitted" | "returned" | "approved";

/**
 * One version of a month's schedule, without its entries.
 */
export type ScheduleVersion = { id: number, year: number, month: number, 
/**
 * 第n版.
 */
edition: number, status: ScheduleStatus, revised_from: number | null, created_by_name: string, created_at: string, submitted_by_name: string | null, submitted_at: string | null, decided_by_name: string | null, decided_at: string | null, decision_comment: string, 
/**
 * The row's version for optimistic locking (not the edition).
 */
version: number, };

/**
 * One result.
 */
export type SearchHit = { kind: SearchKind, item_id: number, title: string, 
/**
 * The request's office, for requests.
 */
office: string | null, 
/**
 * Filed, raised, detected or held.
 */
at: string, snippet: Snippet, };

/**
 * The record a `#813` query names, when this person may open it.
 */
export type SearchJump = { kind: SearchKind, item_id: number, title: string, };

/**
 * What a search result is.
 */
export type SearchKind = "request" | "register" | "incident" | "meeting";

/**
 * What the search screen or the CLI asks for.
 */
export type SearchQuery = { text: string, 
/**
 * Empty: every kind this person may see.
 */
kinds: Array<SearchKind>, 
/**
 * Period by month (Tokyo), both ends included.
 */
from: YearMonth | null, to: YearMonth | null, 
/**
 * 1-based.
 */
page: number, per_page: number, };

export type SearchResults = { hits: Array<SearchHit>, total: number, 
/**
 * False for a long and common query whose total is an upper bound (see the store).
 */
total_exact: boolean, jump: SearchJump | null, 
/**
 * The kinds searched (those asked for that this person may see).
 */
kinds: Array<SearchKind>, };

/**
 * A selected request as the list showed it: its id and the version on screen, so a request
 * someone changed meanwhile is refused rather than overwritten.
 */
export type SelectedRequest = { id: number, version: number, };

/**
 * Who is logged in. Holding a session proves a password was checked; each use case still
 * re-reads the account, so disabling it or changing its role takes effect at once.
 */
export type Session = { actor: Actor, started_at: string, 
/**
 * Minutes without input after which the desktop app logs out (shared terminals).
 */
idle_logout_minutes: number, 
/**
 * An administrator set the password: nothing else works until its owner changes it.
 */
must_change_password: boolean, };

/**
 * How badly the offices' work is affected, most severe first (so `Critical < Low` in the
 * derived order, and [`Severity::ALL`] lists them in the order a form shows them).
 *
 * The contract sets the SLA targets by category, not by severity: severity orders the
 * work and the reports, it does not change any clock.
 *
 * - 重大: the system cannot be used (all or most offices stopped), data lost or corrupted, or
 *   personal information possibly leaked.
 * - 高: a main function is unusable for one or more offices and there is no workaround.
 * - 中: a function is impaired but a workaround lets the offices go on working.
 * - 低: little or no effect on the offices' work (display, wording, a single terminal).
 */
export type Severity = "critical" | "high" | "medium" | "low";

/**
 * Which party a person attends for.
 */
export type Side = "city" | "contractor";

/**
 * One clock as screens and reports show it.
 */
export type SlaClockView = { item: SlaItem, kind: ClockKind, allowance: Allowance, 
/**
 * When the clock started; `None` while the starting event has not happened.
 */
started_at: string | null, 
/**
 * The event that started it; `None` when it starts at detection or filing.
 */
started_by: EventRef | null, 
/**
 * The deadline as of `now` (pauses included); `None` while not started.
 */
deadline: string | null, 
/**
 * When the clock stopped (by `now`).
 */
stopped_at: string | null, 
/**
 * The timeline event that stopped it; `None` for request clocks and running clocks.
 */
stopped_by: EventRef | null, state: ClockState, };

/**
 * One service-level item, in the order the clocks usually run.
 */
export type SlaItem = "first_report" | "first_isolation" | "contact_fixer" | "follow_up_report" | "incident_report" | "manual_revision" | "request_answer";

/**
 * SLA status at a glance for the chief: open incidents, running and breached clocks, pending
 * exclusions and the attainment of the current fiscal year so far (exclusions left out).
 */
export type SlaStatus = { now: string, 
/**
 * April of the current fiscal year.
 */
fiscal_year: number, open_incidents: number, running_clocks: number, 
/**
 * Incidents (not excluded) with at least one breached clock this fiscal year.
 */
breached_incidents: number, 
/**
 * Exclusions proposed and not yet decided.
 */
pending_exclusions: number, attainment: Array<ItemAttainment>, 
/**
 * Running clocks, nearest deadline first.
 */
upcoming: Array<BreachLine>, 
/**
 * Breached clocks of this fiscal year, newest incident first (exclusions left out).
 */
breaches: Array<BreachLine>, };

/**
 * The passage of a result that shows the hit, with the hit apart so a screen can mark it.
 */
export type Snippet = { before: string, hit: string, after: string, };

/**
 * Which way a sorted column runs.
 */
export type SortDirection = "ascending" | "descending";

/**
 * One draft: the window's own key for it (form and login) and its text.
 */
export type StoredDraft = { key: string, text: string, };

/**
 * One entry of an incident's timeline: a report sent, the isolation done, recovery, ...
 */
export type TimelineEvent = { kind: TimelineEventKind, 
/**
 * When it happened (not when it was typed in).
 */
at: string, 
/**
 * What was done or said; may be empty.
 */
note: string, };

/**
 * What a timeline entry records (000 第7章第2節, 003 2.3).
 */
export type TimelineEventKind = "first_report" | "follow_up_report" | "first_isolation" | "contact_fixer" | "recovery" | "interim_report" | "incident_report" | "prevention_meeting" | "manual_revision";

/**
 * A step on a request, with the text some steps need.
 */
export type TransitionInput = { action: RequestAction, 
/**
 * The version the actor saw; a newer one means someone else acted first.
 */
expected_version: number, 
/**
 * The answer for 回答; the reason for 差戻し, 再開 and 取下げ.
 */
text: string, };

/**
 * A file sent with an operation (the files chosen on the filing form).
 */
export type UploadedFile = { fileName: string, bytes: Base64Bytes, };

/**
 * How urgent the filer finds it. The queue shows it; the SLA clocks do not change with it.
 */
export type Urgency = "normal" | "high" | "urgent";

/**
 * An account as the administrator saw it: a change is refused if it moved on since.
 */
export type VersionedAccount = { id: number, expected_version: number, };

/**
 * Maintenance work the monthly report counts (表2.5-2 「保守作業・リリース作業の実施状況」).
 */
export type WorkKind = "monthly_maintenance" | "security_patch" | "release" | "other";

/**
 * Maintenance work as recorded, with the change it was done under.
 */
export type WorkRecord = { id: number, change_title: string, recorded_by: number, recorded_by_name: string, recorded_at: string, change_id: number, kind: WorkKind, started_at: string, ended_at: string, 
/**
 * What was done and how it went.
 */
note: string, };

/**
 * What kind of work a 作業依頼 asks for (003 4.2).
 */
export type WorkSubKind = "master_setting" | "schedule_change" | "data_recovery" | "gaiji" | "training_support" | "other";

/**
 * A month as the period filter names it.
 */
export type YearMonth = { year: number, 
/**
 * 1–12.
 */
month: number, };

/** The groups of codes the shell labels in Japanese (`labels`). */
export type LabelGroup = "attendee_side" | "batch_result" | "change_action" | "change_kind" | "change_outcome" | "change_status" | "check_frequency" | "check_result" | "entry_category" | "entry_source" | "exclusion_reason" | "exclusion_reason_short" | "incident_category" | "issue_category" | "issue_priority" | "issue_status" | "item_kind" | "job_net_schedule" | "mail_security" | "mail_status" | "meeting_kind" | "minutes_action" | "minutes_status" | "notification_kind" | "outage_reason" | "plan_section" | "release_kind" | "report_mail_kind" | "request_action" | "request_kind" | "request_status" | "role" | "schedule_action" | "schedule_status" | "severity" | "sla_item" | "timeline_event_kind" | "urgency" | "work_kind" | "work_sub_kind";

/** Every operation of the API: its arguments (camelCase keys) and its answer. */
export interface Operations {
  list_requests: { args: { query: RequestListQuery, }; answer: RequestListPage };
  export_request_list: { args: { query: RequestListQuery, bulk?: BulkExport | null, }; answer: FileDownload };
  export_change_list: { args: { query: ChangeListQuery, bulk?: BulkExport | null, }; answer: FileDownload };
  export_meeting_list: { args: { query: MeetingListQuery, bulk?: BulkExport | null, }; answer: FileDownload };
  export_incident_list: { args: { query: IncidentListQuery, bulk?: BulkExport | null, }; answer: FileDownload };
  request_detail: { args: { id: number, }; answer: RequestDetail };
  file_request: { args: { input: NewRequest, attachments?: Array<UploadedFile> | null, }; answer: number };
  comment_on_request: { args: { id: number, body: string, }; answer: number };
  transition_request: { args: { id: number, input: TransitionInput, }; answer: number };
  assign_request: { args: { id: number, expectedVersion: number, assignee?: number | null, }; answer: number };
  bulk_request_step: { args: { selected: Array<SelectedRequest>, step: BulkStep, }; answer: number };
  contractors: { args: Record<symbol, never>; answer: Array<Assignee> };
  answer_queue: { args: Record<symbol, never>; answer: Array<ClockedRequest> };
  attach_to_request: { args: { id: number, fileName: string, bytes: Base64Bytes, }; answer: number };
  attachment: { args: { attachmentId: number, }; answer: FileDownload };
  saved_views: { args: { list: ListName, }; answer: Array<SavedView> };
  save_view: { args: { input: NewSavedView, }; answer: number };
  delete_saved_view: { args: { id: number, }; answer: null };
  search: { args: { query: SearchQuery, }; answer: SearchResults };
  similar_requests: { args: { title: string, body: string, }; answer: Array<SearchHit> };
  import_records: { args: { source: ImportSource, fileName: string, bytes: Base64Bytes, mapping?: string | null, sheet?: string | null, dryRun: boolean, }; answer: ImportReport };
  list_changes: { args: { query: ChangeListQuery, }; answer: Array<ChangeSummary> };
  change_detail: { args: { id: number, }; answer: ChangeDetail };
  propose_change: { args: { proposal: ChangeProposal, }; answer: number };
  decide_change: { args: { id: number, expectedVersion: number, step: ChangeAction, comment: string, clashes?: ClashAcknowledgement | null, }; answer: number };
  complete_change: { args: { id: number, expectedVersion: number, result: ChangeResult, }; answer: number };
  upcoming_outages: { args: { days: number, }; answer: Array<OutageNotice> };
  check_items: { args: Record<symbol, never>; answer: Array<CheckItem> };
  add_check_item: { args: { item: CheckItemInput, }; answer: number };
  update_check_item: { args: { id: number, expectedVersion: number, item: CheckItemInput, }; answer: number };
  record_check: { args: { entry: CheckEntry, }; answer: number };
  check_month: { args: { year: number, month: number, }; answer: CheckMonth };
  job_nets: { args: Record<symbol, never>; answer: Array<JobNet> };
  add_job_net: { args: { net: JobNetInput, }; answer: number };
  update_job_net: { args: { id: number, expectedVersion: number, net: JobNetInput, }; answer: number };
  record_batch_run: { args: { run: NewBatchRun, }; answer: RecordedRun };
  batch_runs: { args: { year: number, month: number, }; answer: Array<BatchRun> };
  record_work: { args: { work: NewWorkRecord, }; answer: number };
  work_records: { args: { year: number, month: number, }; answer: Array<WorkRecord> };
  business_schedule_month: { args: { year: number, month: number, }; answer: ScheduleMonthView };
  business_schedule: { args: { id: number, }; answer: BusinessSchedule };
  draft_business_schedule: { args: { year: number, month: number, }; answer: number };
  revise_business_schedule: { args: { id: number, }; answer: number };
  save_business_schedule_entries: { args: { id: number, expectedVersion: number, entries: Array<ScheduleEntry>, }; answer: number };
  business_schedule_step: { args: { id: number, expectedVersion: number, step: ScheduleAction, comment: string, }; answer: number };
  render_business_schedule: { args: { id: number, format: RegisterFormat, }; answer: FileDownload };
  incident_report_draft: { args: { id: number, kind: ReportMailKind, }; answer: MailDraft };
  send_incident_report: { args: { id: number, draft: MailDraft, }; answer: MailRecord };
  mail_settings: { args: Record<symbol, never>; answer: MailSettingsView };
  update_mail_settings: { args: { settings: MailSettings, password?: string | null, }; answer: null };
  notifications: { args: { before?: number | null, }; answer: Array<NotificationRecord> };
  poll_notifications: { args: { after?: number | null, }; answer: NotificationPoll };
  mark_notifications_read: { args: { ids?: Array<number> | null, }; answer: number };
  watch: { args: { item: ItemRef, on: boolean, }; answer: boolean };
  watching: { args: { item: ItemRef, }; answer: boolean };
  set_os_notifications: { args: { on: boolean, }; answer: null };
  settings: { args: Record<symbol, never>; answer: DeskSettings };
  update_settings: { args: { settings: DeskSettings, }; answer: null };
  calendar_month: { args: { year: number, month: number, }; answer: Array<CalendarDay> };
  offices: { args: Record<symbol, never>; answer: Array<Office> };
  accounts: { args: Record<symbol, never>; answer: Array<AccountView> };
  create_account: { args: { input: NewAccountInput, }; answer: number };
  update_account: { args: { id: number, input: AccountUpdateInput, }; answer: number };
  import_accounts: { args: { bytes: Base64Bytes, dryRun: boolean, }; answer: AccountImportReport };
  export_accounts: { args: { filter: AccountFilter, bulk?: BulkExport | null, }; answer: FileDownload };
  disable_accounts: { args: { accounts: Array<VersionedAccount>, }; answer: number };
  reset_password: { args: { id: number, expectedVersion: number, }; answer: PasswordReset };
  record_database_switch: { args: { target: string, }; answer: null };
  change_password: { args: { currentPassword: string, newPassword: string, }; answer: null };
  open_sessions: { args: Record<symbol, never>; answer: Array<OpenSessionView> };
  end_session: { args: { sessionId: number, }; answer: null };
  verify_audit: { args: Record<symbol, never>; answer: { Ok : number } | { Err : ChainBreak } };
  list_incidents: { args: { query: IncidentListQuery, }; answer: Array<IncidentView> };
  incident_detail: { args: { id: number, }; answer: IncidentDetail };
  record_incident: { args: { incident: NewIncident, manualRevisionRequired: boolean, }; answer: number };
  add_incident_event: { args: { id: number, expectedVersion: number, event: TimelineEvent, }; answer: number };
  propose_exclusion: { args: { id: number, expectedVersion: number, reason: ExclusionReason, note: string, }; answer: number };
  decide_exclusion: { args: { id: number, expectedVersion: number, decision: ExclusionDecision, }; answer: number };
  sla_status: { args: Record<symbol, never>; answer: SlaStatus };
  list_meetings: { args: { query: MeetingListQuery, }; answer: MeetingListPage };
  meeting_detail: { args: { id: number, }; answer: MeetingDetail };
  record_meeting: { args: { meeting: NewMeeting, }; answer: RecordedMeeting };
  update_meeting: { args: { id: number, expectedVersion: number, meeting: NewMeeting, }; answer: number };
  attach_to_meeting: { args: { id: number, fileName: string, bytes: Base64Bytes, }; answer: number };
  meeting_attachment: { args: { attachmentId: number, }; answer: FileDownload };
  minutes_step: { args: { id: number, expectedVersion: number, step: MinutesAction, comment: string, }; answer: number };
  minutes_choices: { args: Record<symbol, never>; answer: Array<MeetingListItem> };
  list_register: { args: { query: RegisterListQuery, }; answer: RegisterPage };
  register_item: { args: { id: number, }; answer: RegisterItem };
  add_register_item: { args: { item: IssueInput, }; answer: RegisterRef };
  update_register_item: { args: { id: number, expectedVersion: number, item: IssueInput, }; answer: number };
  close_register_item: { args: { id: number, expectedVersion: number, completedOn: string, progress: string, }; answer: number };
  operation_plan: { args: Record<symbol, never>; answer: Array<PlanSectionState> };
  save_plan_section: { args: { section: PlanSection, currentVersion: number, content: string, }; answer: number };
  plan_section_history: { args: { section: PlanSection, }; answer: Array<PlanSectionVersion> };
  contract_info: { args: Record<symbol, never>; answer: ContractInfo };
  save_contract_info: { args: { info: ContractInfo, }; answer: null };
  render_monthly_report: { args: { year: number, month: number, format: ReportFormat, }; answer: FileDownload };
  render_annual_report: { args: { fiscalYear: number, }; answer: FileDownload };
  render_minutes: { args: { meetingId: number, }; answer: FileDownload };
  render_register: { args: { format: RegisterFormat, paper: string, bulk?: BulkExport | null, }; answer: FileDownload };
  render_plan: { args: Record<symbol, never>; answer: FileDownload };
  render_form: { args: { kind: FormKind, fill?: FormFill | null, }; answer: FileDownload };
  build_disc: { args: { selection: DiscSelection, }; answer: FileDownload };
  handover_plan: { args: Record<symbol, never>; answer: HandoverPlanView };
  handover_plan_history: { args: Record<symbol, never>; answer: Array<HandoverPlanVersion> };
  save_handover_plan: { args: { currentVersion: number, plan: HandoverPlanDraft, }; answer: number };
  submit_handover_plan: { args: { version: number, }; answer: null };
  decide_handover_plan: { args: { version: number, decision: HandoverDecision, }; answer: null };
  render_handover_plan: { args: Record<symbol, never>; answer: FileDownload };
  build_handover_package: { args: { bulk?: BulkExport | null, }; answer: FileDownload };
}
