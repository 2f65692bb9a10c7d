// 業務日程表 on screen: the month laid out as the printed sheet is (a row per day, a column per
// row of the schedule), the month picker's steps, and the checks of the add-entry form.
import type { EntryCategory, FieldError, ScheduleEntry } from "../api/types";
import { daysInMonth } from "./wareki";

/** The sheet's columns, in the PDF's order; maintenance and outages share one. */
export const COLUMNS: { title: string; categories: EntryCategory[] }[] = [
  { title: "開庁・サービス時間", categories: ["service_hours"] },
  { title: "定期保守・計画停止", categories: ["maintenance", "outage"] },
  { title: "リリース", categories: ["release"] },
  { title: "バッチ処理", categories: ["batch"] },
  { title: "会議", categories: ["meeting"] },
  { title: "報告・提出", categories: ["report"] },
  { title: "定常作業", categories: ["routine"] },
];

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

/** "HH:MM:SS" or null as "HH:MM". */
function hm(t: string | null): string {
  return t ? t.slice(0, 5) : "";
}

/** 月次メンテナンス 08:00〜22:00（note）: an entry as one line, as the PDF writes it. */
export function entryText(e: ScheduleEntry): string {
  let text = e.title;
  if (e.starts) text += ` ${hm(e.starts)}〜${hm(e.ends)}`;
  if (e.note.trim()) text += `（${e.note.trim()}）`;
  return text;
}

export interface DayRow {
  date: string;
  /** 1日(金) */
  label: string;
  /** Closed: a service-hours line without hours (土曜日, a holiday, 臨時閉庁日). */
  closed: boolean;
  /** Per column, the entries with their index in the version's list (to remove one). */
  cells: { entry: ScheduleEntry; index: number }[][];
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** Every day of the month with its entries by column. */
export function dayRows(y: number, m: number, entries: ScheduleEntry[]): DayRow[] {
  const last = daysInMonth(y, m);
  const rows: DayRow[] = [];
  for (let d = 1; d <= last; d++) {
    const date = `${y}-${pad(m)}-${pad(d)}`;
    const wd = new Date(Date.UTC(y, m - 1, d)).getUTCDay();
    const mine = entries.map((entry, index) => ({ entry, index })).filter((x) => x.entry.day === date);
    const closed = mine.some((x) => x.entry.category === "service_hours" && x.entry.source === "calendar" && !x.entry.starts);
    rows.push({
      date,
      label: `${d}日(${WEEKDAYS[wd]})`,
      closed,
      cells: COLUMNS.map((c) => mine.filter((x) => c.categories.includes(x.entry.category))),
    });
  }
  return rows;
}

/** "2026-05" moved by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const [y, m] = month.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1 + delta, 1));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}`;
}

export interface EntryForm { day: string; category: EntryCategory; title: string; starts: string; ends: string; note: string }

/**
 * What the form would refuse before sending (the server checks again and names the row):
 * a day of the month, a title, an end only after a start.
 */
export function entryFormErrors(f: EntryForm, month: string): FieldError[] {
  const errors: FieldError[] = [];
  const push = (field: string, label: string, message: string) => errors.push({ field, label, message, row: null });
  if (!f.day.startsWith(`${month}-`)) push("entry-day", "日付", "日付は表示中の月の日付にしてください。");
  if (!f.title.trim()) push("entry-title", "件名", "件名を入力してください。");
  if (f.ends && !f.starts) push("entry-starts", "開始時刻", "終了時刻があるときは開始時刻も入力してください。");
  if (f.starts && f.ends && f.ends <= f.starts) push("entry-ends", "終了時刻", "終了時刻は開始時刻より後にしてください。");
  return errors;
}

/** The form as an entry typed by the contractor. */
export function entryOf(f: EntryForm): ScheduleEntry {
  return {
    day: f.day,
    category: f.category,
    title: f.title.trim(),
    starts: f.starts ? `${f.starts}:00` : null,
    ends: f.ends ? `${f.ends}:00` : null,
    note: f.note.trim(),
    source: "manual",
    source_id: null,
  };
}
