// The operations log as the screen shows it: the month's checklist as a grid of days × items,
// and run durations. The rules (what is due, what is missed) are decided in Rust; this only
// lays out what came back.
import type { BatchRun, CheckMonth, CheckResult } from "../api/types";
import { daysInMonth } from "./wareki";

/** One cell of the checklist grid: done (with its result), missed, or nothing due/recorded. */
export type CheckCell = { kind: "done"; result: CheckResult; note: string } | { kind: "missed" } | { kind: "none" };

export interface CheckRow { day: string; cells: CheckCell[]; missed: number }

const pad = (n: number) => String(n).padStart(2, "0");

/** Every day of the month (YYYY-MM-DD), each with one cell per item in the order of `items`. */
export function checkGrid(month: CheckMonth): CheckRow[] {
  const days = daysInMonth(month.year, month.month);
  const done = new Map(month.records.map((r) => [`${r.item_id}/${r.day}`, r]));
  const missed = new Set(month.missed.map((m) => `${m.item_id}/${m.day}`));
  const rows: CheckRow[] = [];
  for (let d = 1; d <= days; d++) {
    const day = `${month.year}-${pad(month.month)}-${pad(d)}`;
    const cells: CheckCell[] = month.items.map((item) => {
      const key = `${item.id}/${day}`;
      const r = done.get(key);
      if (r) return { kind: "done", result: r.result, note: r.note };
      return missed.has(key) ? { kind: "missed" } : { kind: "none" };
    });
    rows.push({ day, cells, missed: cells.filter((c) => c.kind === "missed").length });
  }
  return rows;
}

/** A run's length: 47分, 1時間05分. */
export function durationText(run: Pick<BatchRun, "started_at" | "ended_at">): string {
  const minutes = Math.round((Date.parse(run.ended_at) - Date.parse(run.started_at)) / 60000);
  return minutes < 60 ? `${minutes}分` : `${Math.floor(minutes / 60)}時間${pad(minutes % 60)}分`;
}

/** Abnormal runs not yet re-run: what a new run may name as the one it repeats. */
export function awaitingRerun(runs: BatchRun[]): BatchRun[] {
  return runs.filter((r) => r.result === "abnormal" && r.rerun_by === null);
}
