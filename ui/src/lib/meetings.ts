// The meeting form's state and its conversion to and from the domain's NewMeeting. Dates are
// typed in <input type="datetime-local"> / type="date" (Tokyo); the domain checks the rest and
// names the field (`attendees`, `action_items`, …) and, for a list, the row at fault (`row`).
import type { ActionItem, Attendee, FieldError, MeetingKind, NewMeeting } from "../api/types";
import { msToLocalInput } from "./localtime";
import { localInputToIso } from "./wareki";

export interface ActionItemRow { description: string; owner: string; due: string }

export interface MeetingForm {
  kind: MeetingKind;
  title: string;
  start: string;
  end: string;
  place: string;
  attendees: Attendee[];
  handouts: string[];
  agenda: string[];
  discussion: string;
  decisions: string[];
  actionItems: ActionItemRow[];
  hasNext: boolean;
  nextStart: string;
  nextPlace: string;
}

export const blankAttendee = (side: Attendee["side"]): Attendee =>
  ({ side, organisation: "", title: "", name: "", present: true });
export const blankActionItem = (): ActionItemRow => ({ description: "", owner: "", due: "" });

/** An empty form: one attendee per side and one agenda line, since every meeting has them. */
export function blankMeetingForm(): MeetingForm {
  return {
    kind: "regular", title: "", start: "", end: "", place: "",
    attendees: [blankAttendee("city"), blankAttendee("contractor")],
    handouts: [], agenda: [""], discussion: "", decisions: [], actionItems: [],
    hasNext: false, nextStart: "", nextPlace: "",
  };
}

const localInput = (iso: string) => msToLocalInput(Date.parse(iso));

/** A stored meeting as the form edits it. */
export function meetingToForm(m: NewMeeting): MeetingForm {
  return {
    kind: m.kind, title: m.title, start: localInput(m.starts_at), end: localInput(m.ends_at), place: m.place,
    attendees: m.attendees.map((a) => ({ ...a })),
    handouts: [...m.handouts], agenda: [...m.agenda], discussion: m.discussion, decisions: [...m.decisions],
    actionItems: m.action_items.map((a) => ({ ...a })),
    hasNext: m.next_meeting !== null,
    nextStart: m.next_meeting ? localInput(m.next_meeting.starts_at) : "",
    nextPlace: m.next_meeting?.place ?? "",
  };
}

const err = (field: string, label: string, message: string): FieldError => ({ field, label, message });

/**
 * The form as a NewMeeting, or the field errors of what only the form can see (a date left
 * empty cannot cross as a date). Everything else is the domain's to check.
 */
export function formToMeeting(f: MeetingForm): { meeting: NewMeeting } | { errors: FieldError[] } {
  const errors: FieldError[] = [];
  const starts_at = localInputToIso(f.start);
  const ends_at = localInputToIso(f.end);
  if (!starts_at) errors.push(err("starts_at", "開始日時", "開始日時を入力してください。"));
  if (!ends_at) errors.push(err("ends_at", "終了日時", "終了日時を入力してください。"));
  const action_items: ActionItem[] = f.actionItems.map((a, i) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(a.due)) {
      errors.push({ ...err("action_items", "宿題", `宿題（${i + 1}行目）の期限を入力してください。`), row: i });
    }
    return { description: a.description, owner: a.owner, due: a.due };
  });
  let next_meeting: NewMeeting["next_meeting"] = null;
  if (f.hasNext) {
    const next = localInputToIso(f.nextStart);
    if (!next) errors.push(err("next_meeting", "次回予定", "次回予定の日時を入力してください。"));
    next_meeting = { starts_at: next, place: f.nextPlace };
  }
  if (errors.length > 0) return { errors };
  return {
    meeting: {
      kind: f.kind, title: f.title, starts_at, ends_at, place: f.place,
      attendees: f.attendees.map((a) => ({ ...a })),
      handouts: f.handouts, agenda: f.agenda, discussion: f.discussion, decisions: f.decisions,
      action_items, next_meeting,
    },
  };
}

/**
 * The messages of each field and the rows they are about (the domain's `row`, 0-based), for
 * showing under each list and marking its rows: `{ attendees: { text, rows: [1] } }`.
 */
export function meetingErrors(fields: FieldError[] | undefined): Record<string, { text: string; rows: number[] }> {
  const out: Record<string, { text: string; rows: number[] }> = {};
  for (const f of fields ?? []) {
    const entry = (out[f.field] ??= { text: "", rows: [] });
    entry.text = entry.text ? `${entry.text} ${f.message}` : f.message;
    if (f.row != null && !entry.rows.includes(f.row)) entry.rows.push(f.row);
  }
  return out;
}

/** 課題No.12, 課題No.13 — the register numbers action items became, in order. */
export function registerNumbers(links: ({ no: number } | null)[]): string {
  const nos = links.filter((l): l is { no: number } => l !== null).map((l) => `課題No.${l.no}`);
  return nos.length === 0 ? "課題なし" : nos.join("、");
}
