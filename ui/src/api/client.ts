// Typed wrappers over the window's calls: the operations of the one API (the same names and
// arguments as `POST /api/v1/<operation>` on `hoshu serve`) and the shell's own commands that
// read or write files on this computer (`save_*`, `attach_file`: the shell opens the dialog and
// answers null when it was cancelled; the window never names a path) and keep the logged-in
// person's drafts (`*_draft*`). Every failure is an AppError.
import { invoke } from "@tauri-apps/api/core";
import type * as T from "./types";
import type { Operations } from "./wire.gen";

export function isAppError(e: unknown): e is T.AppError {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Any failure as an AppError (a bare string from the shell becomes an internal error). */
export function toAppError(e: unknown): T.AppError {
  if (isAppError(e)) return e;
  return { code: "internal", message: typeof e === "string" ? e : "予期しないエラーが発生しました。" };
}

/**
 * A fresh idempotency key for one write. A write sent again with the same key (the draft
 * queue after a network cut) is applied once: the server answers the first result.
 */
export function newIdempotencyKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

async function call<R>(cmd: string, args?: Record<string, unknown>): Promise<R> {
  try {
    return await invoke<R>(cmd, args);
  } catch (e) {
    throw toAppError(e);
  }
}

/**
 * The arguments of operation K as a screen passes them. The list queries and filters default
 * every field on the server (`#[serde(default)]`), so a screen sends only what it filters by.
 */
type Args<K extends keyof Operations> = {
  [A in keyof Operations[K]["args"]]: A extends "query" | "filter"
    ? Partial<Operations[K]["args"][A]>
    : Operations[K]["args"][A];
};

/**
 * One operation of the API, its arguments and answer typed by the generated `Operations`.
 * `key`: the idempotency key of a write sent from the draft queue.
 */
function op<K extends keyof Operations>(name: K, args: Args<K>, key?: string): Promise<Operations[K]["answer"]> {
  return call(name, key === undefined ? args : { ...args, idempotencyKey: key });
}

export const api = {
  login: (login: string, password: string) => call<T.Session>("login", { login, password }),
  logout: (idle: boolean) => call<void>("logout", { idle }),
  currentSession: () => call<T.Session | null>("current_session"),
  changePassword: (currentPassword: string, newPassword: string) =>
    op("change_password", { currentPassword, newPassword }),
  labels: () => call<T.Labels>("labels"),
  uiReady: () => call<void>("ui_ready"),

  savedViews: (list: T.ListName) => op("saved_views", { list }),
  saveView: (input: T.NewSavedView) => op("save_view", { input }),
  deleteSavedView: (id: number) => op("delete_saved_view", { id }),
  listRequests: (query: T.RequestListQuery) => op("list_requests", { query }),
  requestDetail: (id: number) => op("request_detail", { id }),
  fileRequest: (input: T.NewRequest, key?: string, attachments?: T.PickedImportFile[]) =>
    op("file_request", {
      input,
      attachments: attachments?.map((f) => ({ fileName: f.file_name, bytes: f.bytes })) ?? null,
    }, key),
  pickAttachment: () => call<T.PickedImportFile | null>("pick_attachment"),
  comment: (id: number, body: string, key?: string) =>
    op("comment_on_request", { id, body }, key),
  transition: (id: number, input: T.TransitionInput, key?: string) =>
    op("transition_request", { id, input }, key),
  assign: (id: number, expectedVersion: number, assignee: number | null) =>
    op("assign_request", { id, expectedVersion, assignee }),
  bulkRequestStep: (selected: T.SelectedRequest[], step: T.BulkStep) =>
    op("bulk_request_step", { selected, step }),
  contractors: () => op("contractors", {}),
  attachFile: (id: number) => call<number | null>("attach_file", { id }),
  saveAttachment: (attachmentId: number) => call<T.SavedFile | null>("save_attachment", { attachmentId }),

  listChanges: (query: T.ChangeListQuery) => op("list_changes", { query }),
  changeDetail: (id: number) => op("change_detail", { id }),
  proposeChange: (proposal: T.ChangeProposal, key?: string) =>
    op("propose_change", { proposal }, key),
  decideChange: (id: number, expectedVersion: number, step: T.ChangeAction, comment: string,
    clashes?: T.ClashAcknowledgement, key?: string) =>
    op("decide_change", { id, expectedVersion, step, comment, clashes }, key),
  completeChange: (id: number, expectedVersion: number, result: T.ChangeResult) =>
    op("complete_change", { id, expectedVersion, result }),
  upcomingOutages: (days: number) => op("upcoming_outages", { days }),

  notifications: (before: number | null) => op("notifications", { before }),
  /** `after` null: the first poll, which answers only where to start. */
  pollNotifications: (after: number | null) => op("poll_notifications", { after }),
  /** `ids` null: every unread one. */
  markNotificationsRead: (ids: number[] | null) => op("mark_notifications_read", { ids }),
  watch: (item: T.ItemRef, on: boolean) => op("watch", { item, on }),
  watching: (item: T.ItemRef) => op("watching", { item }),
  setOsNotifications: (on: boolean) => op("set_os_notifications", { on }),
  /** The shell shows it only while the window is not in front. */
  desktopNotification: (title: string, body: string) => call<void>("desktop_notification", { title, body }),

  settings: () => op("settings", {}),
  updateSettings: (settings: T.DeskSettings) => op("update_settings", { settings }),
  calendarMonth: (year: number, month: number) =>
    op("calendar_month", { year, month }),
  databaseConfig: () => call<T.DbStatus>("database_config"),
  testDatabase: (config: T.DbConfig) => call<string>("test_database", { config }),
  saveDatabase: (config: T.DbConfig, reconnect: boolean) =>
    call<string>("save_database", { config, reconnect }),
  offices: () => op("offices", {}),
  disableAccounts: (accounts: T.VersionedAccount[]) => op("disable_accounts", { accounts }),
  accounts: () => op("accounts", {}),
  createAccount: (input: T.NewAccountInput) => op("create_account", { input }),
  updateAccount: (id: number, input: T.AccountUpdateInput) => op("update_account", { id, input }),
  openSessions: () => op("open_sessions", {}),
  endSession: (sessionId: number) => op("end_session", { sessionId }),
  resetPassword: (id: number, expectedVersion: number) =>
    op("reset_password", { id, expectedVersion }),

  listIncidents: (query: T.IncidentListQuery) => op("list_incidents", { query }),
  incidentDetail: (id: number) => op("incident_detail", { id }),
  recordIncident: (incident: T.NewIncident, manualRevisionRequired: boolean) =>
    op("record_incident", { incident, manualRevisionRequired }),
  addIncidentEvent: (id: number, expectedVersion: number, event: T.TimelineEvent) =>
    op("add_incident_event", { id, expectedVersion, event }),
  proposeExclusion: (id: number, expectedVersion: number, reason: T.ExclusionReason, note: string) =>
    op("propose_exclusion", { id, expectedVersion, reason, note }),
  decideExclusion: (id: number, expectedVersion: number, decision: T.ExclusionDecision) =>
    op("decide_exclusion", { id, expectedVersion, decision }),
  slaStatus: () => op("sla_status", {}),
  checkItems: () => op("check_items", {}),
  addCheckItem: (item: T.CheckItemInput) => op("add_check_item", { item }),
  recordCheck: (entry: T.CheckEntry) => op("record_check", { entry }),
  checkMonth: (year: number, month: number) => op("check_month", { year, month }),
  jobNets: () => op("job_nets", {}),
  addJobNet: (net: T.JobNetInput) => op("add_job_net", { net }),
  recordBatchRun: (run: T.NewBatchRun) => op("record_batch_run", { run }),
  batchRuns: (year: number, month: number) => op("batch_runs", { year, month }),
  recordWork: (work: T.NewWorkRecord) => op("record_work", { work }),
  workRecords: (year: number, month: number) => op("work_records", { year, month }),
  incidentReportDraft: (id: number, kind: T.ReportMailKind) =>
    op("incident_report_draft", { id, kind }),
  sendIncidentReport: (id: number, draft: T.MailDraft, key?: string) =>
    op("send_incident_report", { id, draft }, key),
  mailSettings: () => op("mail_settings", {}),
  /** `password` null: keep the one kept on the server; "": none. */
  updateMailSettings: (settings: T.MailSettings, password: string | null) =>
    op("update_mail_settings", { settings, password }),
  renderMonthlyReport: (year: number, month: number, format: "pdf" | "xlsx") =>
    call<T.SavedFile | null>("save_monthly_report", { year, month, format }),
  renderAnnualReport: (fiscalYear: number) => call<T.SavedFile | null>("save_annual_report", { fiscalYear }),
  answerQueue: () => op("answer_queue", {}),
  listMeetings: (query: T.MeetingListQuery) => op("list_meetings", { query }),
  meetingDetail: (id: number) => op("meeting_detail", { id }),
  recordMeeting: (meeting: T.NewMeeting, key?: string) =>
    op("record_meeting", { meeting }, key),
  updateMeeting: (id: number, expectedVersion: number, meeting: T.NewMeeting, key?: string) =>
    op("update_meeting", { id, expectedVersion, meeting }, key),
  minutesStep: (id: number, expectedVersion: number, step: T.MinutesAction, comment: string) =>
    op("minutes_step", { id, expectedVersion, step, comment }),
  minutesChoices: () => op("minutes_choices", {}),
  renderMinutes: (meetingId: number) => call<T.SavedFile | null>("save_minutes", { meetingId }),
  /** A handout picked with pickAttachment; its kind is checked by the use case. */
  attachToMeeting: (id: number, file: T.PickedImportFile) =>
    op("attach_to_meeting", { id, fileName: file.file_name, bytes: file.bytes }),
  saveMeetingAttachment: (attachmentId: number) =>
    call<T.SavedFile | null>("save_meeting_attachment", { attachmentId }),
  /** `bulk`: "confirmed" once the person answered the bulk-export question. */
  renderRegister: (paper: "a4" | "a3", format: "pdf" | "xlsx", bulk?: T.BulkExport) =>
    call<T.SavedFile | null>("save_register", { paper, format, bulk }),
  exportRequestList: (query: T.RequestListQuery, bulk?: T.BulkExport) =>
    call<T.SavedFile | null>("save_request_list", { query, bulk }),
  saveList: (list: "changes" | "meetings" | "incidents", query: object, bulk?: T.BulkExport) =>
    call<T.SavedFile | null>("save_list", { list, query, bulk }),
  exportAccounts: (filter: T.AccountFilter, bulk?: T.BulkExport) =>
    call<T.SavedFile | null>("save_accounts", { filter, bulk }),
  renderPlan: () => call<T.SavedFile | null>("save_plan"),
  businessScheduleMonth: (year: number, month: number) =>
    op("business_schedule_month", { year, month }),
  businessSchedule: (id: number) => op("business_schedule", { id }),
  draftBusinessSchedule: (year: number, month: number, key?: string) =>
    op("draft_business_schedule", { year, month }, key),
  reviseBusinessSchedule: (id: number, key?: string) =>
    op("revise_business_schedule", { id }, key),
  saveBusinessScheduleEntries: (id: number, expectedVersion: number, entries: T.ScheduleEntry[]) =>
    op("save_business_schedule_entries", { id, expectedVersion, entries }),
  businessScheduleStep: (id: number, expectedVersion: number, step: T.ScheduleAction, comment: string) =>
    op("business_schedule_step", { id, expectedVersion, step, comment }),
  renderBusinessSchedule: (id: number, format: "pdf" | "xlsx") =>
    call<T.SavedFile | null>("save_business_schedule", { id, format }),
  /** `fill`: the 文書番号 and 提出日 typed in; null ones print as blanks for the pen. */
  renderForm: (kind: T.FormKind, fill: T.FormFill) => call<T.SavedFile | null>("save_form", { kind, fill }),
  buildDisc: (selection: T.DiscSelection) => call<T.SavedFile | null>("save_disc", { selection }),
  handoverPlan: () => op("handover_plan", {}),
  saveHandoverPlan: (currentVersion: number, plan: T.HandoverPlanDraft) =>
    op("save_handover_plan", { currentVersion, plan }),
  submitHandoverPlan: (version: number) => op("submit_handover_plan", { version }),
  decideHandoverPlan: (version: number, decision: T.HandoverDecision) =>
    op("decide_handover_plan", { version, decision }),
  renderHandoverPlan: () => call<T.SavedFile | null>("save_handover_plan_pdf"),
  /** `bulk`: "confirmed" once the person answered the bulk-export question. */
  buildHandoverPackage: (bulk?: T.BulkExport) => call<T.SavedFile | null>("save_handover_package", { bulk }),

  openDrafts: () => call<T.OpenedDrafts>("open_drafts"),
  writeDraft: (key: string, text: string) => call<void>("write_draft", { key, text }),
  eraseDraft: (key: string) => call<void>("erase_draft", { key }),
  eraseMyDrafts: () => call<void>("erase_my_drafts"),

  listRegister: (query: T.RegisterListQuery) => op("list_register", { query }),
  registerItem: (id: number) => op("register_item", { id }),
  addRegisterItem: (item: T.IssueInput, key?: string) =>
    op("add_register_item", { item }, key),
  updateRegisterItem: (id: number, expectedVersion: number, item: T.IssueInput, key?: string) =>
    op("update_register_item", { id, expectedVersion, item }, key),
  closeRegisterItem: (id: number, expectedVersion: number, completedOn: string, progress: string) =>
    op("close_register_item", { id, expectedVersion, completedOn, progress }),
  operationPlan: () => op("operation_plan", {}),
  savePlanSection: (section: T.PlanSection, currentVersion: number, content: string, key?: string) =>
    op("save_plan_section", { section, currentVersion, content }, key),
  planSectionHistory: (section: T.PlanSection) =>
    op("plan_section_history", { section }),
  search: (query: T.SearchQuery) => op("search", { query }),
  similarRequests: (title: string, body: string) => op("similar_requests", { title, body }),
  /** Opens the shell's dialog; null when cancelled. */
  pickAccountFile: () => call<T.PickedImportFile | null>("pick_account_file"),
  importAccounts: (bytes: string, dryRun: boolean) =>
    op("import_accounts", { bytes, dryRun }),
  pickImportFile: (source: T.ImportSource) => call<T.PickedImportFile | null>("pick_import_file", { source }),
  importRecords: (source: T.ImportSource, file: T.PickedImportFile, mapping: string | null, sheet: string | null,
    dryRun: boolean) =>
    op("import_records", {
      source, fileName: file.file_name, bytes: file.bytes, mapping, sheet, dryRun,
    }),
  /** The same through the shell, which reports each row written as an `import-progress` event. */
  importFile: (source: T.ImportSource, file: T.PickedImportFile, mapping: string | null, sheet: string | null,
    dryRun: boolean) =>
    call<T.ImportReport>("import_file", {
      source, fileName: file.file_name, bytes: file.bytes, mapping, sheet, dryRun,
    }),
  contractInfo: () => op("contract_info", {}),
  saveContractInfo: (info: T.ContractInfo) => op("save_contract_info", { info }),
};
