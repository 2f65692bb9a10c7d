// The issue register's list filters and edit form, and how they become the commands' inputs.
import type { AppError, FieldError, IssueCategory, IssueInput, IssueStatus, RegisterListQuery } from "../api/types";

export const REGISTER_PER_PAGE = 50;

export interface RegisterFilters { status: IssueStatus | ""; category: IssueCategory | ""; text: string }
export const NO_FILTERS: RegisterFilters = { status: "", category: "", text: "" };

export function registerQuery(f: RegisterFilters, page: number, meetingId: number | null = null): RegisterListQuery {
  const text = f.text.trim();
  return {
    statuses: f.status ? [f.status] : [],
    categories: f.category ? [f.category] : [],
    text: text || null,
    meeting_id: meetingId,
    page,
    per_page: REGISTER_PER_PAGE,
  };
}

/** Today in Tokyo as YYYY-MM-DD (the register's days are Tokyo days). */
export function tokyoToday(nowMs: number = Date.now()): string {
  return new Date(nowMs + 9 * 3600_000).toISOString().slice(0, 10);
}

/** Past its due day and still needing someone (未着手 or 対応中), as hoshu-core decides it. */
export function isOverdue(item: Pick<IssueInput, "status" | "due">, today: string): boolean {
  return (item.status === "open" || item.status === "in_progress") && item.due !== null && item.due < today;
}

/** The edit form: dates as <input type="date"> values, the link as the typed number. */
export interface IssueForm {
  raised_on: string; raised_by: string; category: IssueCategory; title: string; content: string;
  priority: IssueInput["priority"]; owner: string; due: string; status: IssueStatus; progress: string;
  completed_on: string; link_kind: "" | "meeting" | "request"; link_id: string;
}

export function blankIssue(today: string, raisedBy: string): IssueForm {
  return {
    raised_on: today, raised_by: raisedBy, category: "operation", title: "", content: "", priority: "medium",
    owner: "", due: "", status: "open", progress: "", completed_on: "", link_kind: "", link_id: "",
  };
}

export function issueToForm(i: IssueInput): IssueForm {
  const link: Pick<IssueForm, "link_kind" | "link_id"> =
    i.meeting_id !== null ? { link_kind: "meeting", link_id: String(i.meeting_id) }
    : i.request_id !== null ? { link_kind: "request", link_id: String(i.request_id) }
    : { link_kind: "", link_id: "" };
  return {
    raised_on: i.raised_on, raised_by: i.raised_by, category: i.category, title: i.title, content: i.content,
    priority: i.priority, owner: i.owner, due: i.due ?? "", status: i.status, progress: i.progress,
    completed_on: i.completed_on ?? "", ...link,
  };
}

function invalid(fields: FieldError[]): AppError {
  return { code: "validation", message: "入力内容を確認してください。", fields };
}

/**
 * The form as the command's IssueInput, or the field errors the command could not even
 * receive (a missing 起票日, a link that is not a number); the domain checks everything else.
 */
export function formToIssue(f: IssueForm): { input: IssueInput } | { error: AppError } {
  const errors: FieldError[] = [];
  if (!f.raised_on) errors.push({ field: "raised_on", label: "起票日", message: "起票日を入力してください。" });
  let linkId: number | null = null;
  if (f.link_kind) {
    const n = Number(f.link_id.normalize("NFKC").replace(/^#/, "").trim());
    if (!Number.isInteger(n) || n <= 0) {
      errors.push({ field: "link", label: "関連", message: "関連する会議・依頼の番号を数字で入力してください。" });
    } else {
      linkId = n;
    }
  }
  if (errors.length > 0) return { error: invalid(errors) };
  return {
    input: {
      raised_on: f.raised_on, raised_by: f.raised_by, category: f.category, title: f.title, content: f.content,
      priority: f.priority, owner: f.owner, due: f.due || null, status: f.status, progress: f.progress,
      completed_on: f.completed_on || null,
      meeting_id: f.link_kind === "meeting" ? linkId : null,
      request_id: f.link_kind === "request" ? linkId : null,
    },
  };
}

