// Typed wrappers over the window's calls: the operations of the one API (the same names and
// arguments as `POST /api/v1/<operation>` on `hoshu serve`) and the shell's own commands that
// read or write files on this computer (`save_*`, `attach_file`: the shell opens the dialog and
// answers null when it was cancelled; the window never names a path) and keep the logged-in
// person's drafts (`*_draft*`). Every failure is an AppError.
import { invoke } from "@tauri-apps/api/core";
import type * as T from "./types";

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

export const api = {
  login: (login: string, password: string) => call<T.Session>("login", { login, password }),
  logout: (idle: boolean) => call<void>("logout", { idle }),
  currentSession: () => call<T.Session | null>("current_session"),
  changePassword: (currentPassword: string, newPassword: string) =>
    call<void>("change_password", { currentPassword, newPassword }),
  labels: () => call<T.Labels>("labels"),
  uiReady: () => call<void>("ui_ready"),

  savedViews: (list: T.ListName) => call<T.SavedView[]>("saved_views", { list }),
  saveView: (input: T.NewSavedView) => call<number>("save_view", { input }),
  deleteSavedView: (id: number) => call<void>("delete_saved_view", { id }),
  listRequests: (query: T.RequestListQuery) => call<T.RequestListPage>("list_requests", { query }),
  requestDetail: (id: number) => call<T.RequestDetail>("request_detail", { id }),
  fileRequest: (input: T.NewRequest, key?: string, attachments?: T.PickedImportFile[]) =>
    call<number>("file_request", {
      input,
      attachments: attachments?.map((f) => ({ fileName: f.file_name, bytes: f.bytes })) ?? null,
      idempotencyKey: key,
    }),
  pickAttachment: () => call<T.PickedImportFile | null>("pick_attachment"),
  comment: (id: number, body: string, key?: string) =>
    call<number>("comment_on_request", { id, body, idempotencyKey: key }),
  transition: (id: number, input: T.TransitionInput, key?: string) =>
    call<number>("transition_request", { id, input, idempotencyKey: key }),
  assign: (id: number, expectedVersion: number, assignee: number | null) =>
    call<number>("assign_request", { id, expectedVersion, assignee }),
  bulkRequestStep: (selected: T.SelectedRequest[], step: T.BulkStep) =>
    call<number>("bulk_request_step", { selected, step }),
  contractors: () => call<T.Assignee[]>("contractors"),
  attachFile: (id: number) => call<number | null>("attach_file", { id }),
  saveAttachment: (attachmentId: number) => call<T.SavedFile | null>("save_attachment", { attachmentId }),

  listChanges: (query: T.ChangeListQuery) => call<T.ChangeSummary[]>("list_changes", { query }),
  changeDetail: (id: number) => call<T.ChangeDetail>("change_detail", { id }),
  proposeChange: (proposal: T.ChangeProposal, key?: string) =>
    call<number>("propose_change", { proposal, idempotencyKey: key }),
  decideChange: (id: number, expectedVersion: number, step: T.ChangeAction, comment: string,
    clashes?: T.ClashAcknowledgement, key?: string) =>
    call<number>("decide_change", { id, expectedVersion, step, comment, clashes, idempotencyKey: key }),
  completeChange: (id: number, expectedVersion: number, result: T.ChangeResult) =>
    call<number>("complete_change", { id, expectedVersion, result }),
  upcomingOutages: (days: number) => call<T.OutageNotice[]>("upcoming_outages", { days }),

  notifications: (before: number | null) => call<T.NotificationRecord[]>("notifications", { before }),
  /** `after` null: the first poll, which answers only where to start. */
  pollNotifications: (after: number | null) => call<T.NotificationPoll>("poll_notifications", { after }),
  /** `ids` null: every unread one. */
  markNotificationsRead: (ids: number[] | null) => call<number>("mark_notifications_read", { ids }),
  watch: (item: T.ItemRef, on: boolean) => call<boolean>("watch", { item, on }),
  watching: (item: T.ItemRef) => call<boolean>("watching", { item }),
  setOsNotifications: (on: boolean) => call<void>("set_os_notifications", { on }),
  /** The shell shows it only while the window is not in front. */
  desktopNotification: (title: string, body: string) => call<void>("desktop_notification", { title, body }),

  settings: () => call<T.DeskSettings>("settings"),
  updateSettings: (settings: T.DeskSettings) => call<void>("update_settings", { settings }),
  calendarMonth: (year: number, month: number) =>
    call<T.CalendarDay[]>("calendar_month", { year, month }),
  databaseConfig: () => call<T.DbStatus>("database_config"),
  testDatabase: (config: T.DbConfig) => call<string>("test_database", { config }),
  saveDatabase: (config: T.DbConfig, reconnect: boolean) =>
    call<string>("save_database", { config, reconnect }),
  offices: () => call<T.Office[]>("offices"),
  disableAccounts: (accounts: T.VersionedAccount[]) => call<number>("disable_accounts", { accounts }),
  accounts: () => call<T.AccountView[]>("accounts"),
  createAccount: (input: T.NewAccountInput) => call<number>("create_account", { input }),
  updateAccount: (id: number, input: T.AccountUpdateInput) => call<number>("update_account", { id, input }),
  openSessions: () => call<T.OpenSessionView[]>("open_sessions"),
  endSession: (sessionId: number) => call<void>("end_session", { sessionId }),
  resetPassword: (id: number, expectedVersion: number) =>
    call<T.PasswordReset>("reset_password", { id, expectedVersion }),

  listIncidents: (query: T.IncidentListQuery) => call<T.IncidentView[]>("list_incidents", { query }),
  incidentDetail: (id: number) => call<T.IncidentDetail>("incident_detail", { id }),
  recordIncident: (incident: T.NewIncident, manualRevisionRequired: boolean) =>
    call<number>("record_incident", { incident, manualRevisionRequired }),
  addIncidentEvent: (id: number, expectedVersion: number, event: T.TimelineEvent) =>
    call<number>("add_incident_event", { id, expectedVersion, event }),
  proposeExclusion: (id: number, expectedVersion: number, reason: T.ExclusionReason, note: string) =>
    call<number>("propose_exclusion", { id, expectedVersion, reason, note }),
  decideExclusion: (id: number, expectedVersion: number, decision: T.ExclusionDecision) =>
    call<number>("decide_exclusion", { id, expectedVersion, decision }),
  slaStatus: () => call<T.SlaStatus>("sla_status"),
  checkItems: () => call<T.CheckItem[]>("check_items"),
  addCheckItem: (item: T.CheckItemInput) => call<number>("add_check_item", { item }),
  recordCheck: (entry: T.CheckEntry) => call<number>("record_check", { entry }),
  checkMonth: (year: number, month: number) => call<T.CheckMonth>("check_month", { year, month }),
  jobNets: () => call<T.JobNet[]>("job_nets"),
  addJobNet: (net: T.JobNetInput) => call<number>("add_job_net", { net }),
  recordBatchRun: (run: T.NewBatchRun) => call<T.RecordedRun>("record_batch_run", { run }),
  batchRuns: (year: number, month: number) => call<T.BatchRun[]>("batch_runs", { year, month }),
  recordWork: (work: T.NewWorkRecord) => call<number>("record_work", { work }),
  workRecords: (year: number, month: number) => call<T.WorkRecord[]>("work_records", { year, month }),
  incidentReportDraft: (id: number, kind: T.ReportMailKind) =>
    call<T.MailDraft>("incident_report_draft", { id, kind }),
  sendIncidentReport: (id: number, draft: T.MailDraft, key?: string) =>
    call<T.MailRecord>("send_incident_report", { id, draft, idempotencyKey: key }),
  mailSettings: () => call<T.MailSettingsView>("mail_settings"),
  /** `password` null: keep the one kept on the server; "": none. */
  updateMailSettings: (settings: T.MailSettings, password: string | null) =>
    call<void>("update_mail_settings", { settings, password }),
  renderMonthlyReport: (year: number, month: number, format: "pdf" | "xlsx") =>
    call<T.SavedFile | null>("save_monthly_report", { year, month, format }),
  renderAnnualReport: (fiscalYear: number) => call<T.SavedFile | null>("save_annual_report", { fiscalYear }),
  answerQueue: () => call<T.ClockedRequest[]>("answer_queue"),
  listMeetings: (query: T.MeetingListQuery) => call<T.MeetingListPage>("list_meetings", { query }),
  meetingDetail: (id: number) => call<T.MeetingDetail>("meeting_detail", { id }),
  recordMeeting: (meeting: T.NewMeeting, key?: string) =>
    call<T.RecordedMeeting>("record_meeting", { meeting, idempotencyKey: key }),
  updateMeeting: (id: number, expectedVersion: number, meeting: T.NewMeeting, key?: string) =>
    call<number>("update_meeting", { id, expectedVersion, meeting, idempotencyKey: key }),
  minutesStep: (id: number, expectedVersion: number, step: T.MinutesAction, comment: string) =>
    call<number>("minutes_step", { id, expectedVersion, step, comment }),
  minutesChoices: () => call<T.MeetingListItem[]>("minutes_choices"),
  renderMinutes: (meetingId: number) => call<T.SavedFile | null>("save_minutes", { meetingId }),
  /** A handout picked with pickAttachment; its kind is checked by the use case. */
  attachToMeeting: (id: number, file: T.PickedImportFile) =>
    call<number>("attach_to_meeting", { id, fileName: file.file_name, bytes: file.bytes }),
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
    call<T.ScheduleMonthView>("business_schedule_month", { year, month }),
  businessSchedule: (id: number) => call<T.BusinessSchedule>("business_schedule", { id }),
  draftBusinessSchedule: (year: number, month: number, key?: string) =>
    call<number>("draft_business_schedule", { year, month, idempotencyKey: key }),
  reviseBusinessSchedule: (id: number, key?: string) =>
    call<number>("revise_business_schedule", { id, idempotencyKey: key }),
  saveBusinessScheduleEntries: (id: number, expectedVersion: number, entries: T.ScheduleEntry[]) =>
    call<number>("save_business_schedule_entries", { id, expectedVersion, entries }),
  businessScheduleStep: (id: number, expectedVersion: number, step: T.ScheduleAction, comment: string) =>
    call<number>("business_schedule_step", { id, expectedVersion, step, comment }),
  renderBusinessSchedule: (id: number, format: "pdf" | "xlsx") =>
    call<T.SavedFile | null>("save_business_schedule", { id, format }),
  renderForm: (kind: T.FormKind) => call<T.SavedFile | null>("save_form", { kind }),
  buildDisc: (selection: T.DiscSelection) => call<T.SavedFile | null>("save_disc", { selection }),
  handoverPlan: () => call<T.HandoverPlanView>("handover_plan"),
  saveHandoverPlan: (currentVersion: number, plan: T.HandoverPlanDraft) =>
    call<number>("save_handover_plan", { currentVersion, plan }),
  submitHandoverPlan: (version: number) => call<void>("submit_handover_plan", { version }),
  decideHandoverPlan: (version: number, decision: T.HandoverDecision) =>
    call<void>("decide_handover_plan", { version, decision }),
  renderHandoverPlan: () => call<T.SavedFile | null>("save_handover_plan_pdf"),
  /** `bulk`: "confirmed" once the person answered the bulk-export question. */
  buildHandoverPackage: (bulk?: T.BulkExport) => call<T.SavedFile | null>("save_handover_package", { bulk }),

  openDrafts: () => call<T.OpenedDrafts>("open_drafts"),
  writeDraft: (key: string, text: string) => call<void>("write_draft", { key, text }),
  eraseDraft: (key: string) => call<void>("erase_draft", { key }),
  eraseMyDrafts: () => call<void>("erase_my_drafts"),

  listRegister: (query: T.RegisterListQuery) => call<T.RegisterPage>("list_register", { query }),
  registerItem: (id: number) => call<T.RegisterItem>("register_item", { id }),
  addRegisterItem: (item: T.IssueInput, key?: string) =>
    call<T.RegisterRef>("add_register_item", { item, idempotencyKey: key }),
  updateRegisterItem: (id: number, expectedVersion: number, item: T.IssueInput, key?: string) =>
    call<number>("update_register_item", { id, expectedVersion, item, idempotencyKey: key }),
  closeRegisterItem: (id: number, expectedVersion: number, completedOn: string, progress: string) =>
    call<number>("close_register_item", { id, expectedVersion, completedOn, progress }),
  operationPlan: () => call<T.PlanSectionState[]>("operation_plan"),
  savePlanSection: (section: T.PlanSection, currentVersion: number, content: string, key?: string) =>
    call<number>("save_plan_section", { section, currentVersion, content, idempotencyKey: key }),
  planSectionHistory: (section: T.PlanSection) =>
    call<T.PlanSectionVersion[]>("plan_section_history", { section }),
  search: (query: T.SearchQuery) => call<T.SearchResults>("search", { query }),
  similarRequests: (title: string, body: string) => call<T.SearchHit[]>("similar_requests", { title, body }),
  /** Opens the shell's dialog; null when cancelled. */
  pickAccountFile: () => call<T.PickedImportFile | null>("pick_account_file"),
  importAccounts: (bytes: string, dryRun: boolean) =>
    call<T.AccountImportReport>("import_accounts", { bytes, dryRun }),
  pickImportFile: (source: T.ImportSource) => call<T.PickedImportFile | null>("pick_import_file", { source }),
  importRecords: (source: T.ImportSource, file: T.PickedImportFile, mapping: string | null, sheet: string | null,
    dryRun: boolean) =>
    call<T.ImportReport>("import_records", {
      source, fileName: file.file_name, bytes: file.bytes, mapping, sheet, dryRun,
    }),
  /** The same through the shell, which reports each row written as an `import-progress` event. */
  importFile: (source: T.ImportSource, file: T.PickedImportFile, mapping: string | null, sheet: string | null,
    dryRun: boolean) =>
    call<T.ImportReport>("import_file", {
      source, fileName: file.file_name, bytes: file.bytes, mapping, sheet, dryRun,
    }),
  contractInfo: () => call<T.ContractInfo>("contract_info"),
  saveContractInfo: (info: T.ContractInfo) => call<void>("save_contract_info", { info }),
};
