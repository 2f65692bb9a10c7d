// The knowledge search and the import screens' pure logic: the query sent, where a hit leads,
// and how a problem of an imported file reads (the same words as the CLI's standard error).
import type { ImportProblem, SearchHit, SearchKind, SearchQuery, YearMonth } from "../api/types";
import type { View } from "../nav";
import { parseMonthText, warekiMonth } from "./wareki";

export const SEARCH_PER_PAGE = 20;

export interface SearchForm {
  text: string;
  /** Empty: every kind the person may see. */
  kinds: SearchKind[];
  /** A month as typed (R8.4, 令和8年4月, 2026-04: see `parseMonthText`), or "". */
  from: string;
  to: string;
}

export const EMPTY_SEARCH: SearchForm = { text: "", kinds: [], from: "", to: "" };

/** A typed month (和暦 or 西暦) as a month; null when blank or not a month. */
export function parseMonth(value: string): YearMonth | null {
  return parseMonthText(value);
}

/**
 * What the period box tells about its month: the 和暦 understood (令和8年4月), how to write one
 * when the text is not a month, nothing while it is blank.
 */
export function monthEcho(value: string): { text: string; ok: boolean } | null {
  if (!value.trim()) return null;
  const m = parseMonthText(value);
  return m
    ? { text: `和暦：${warekiMonth(m.year, m.month)}`, ok: true }
    : { text: "年月として読めません（例: R8.4、令和8年4月、2026-04）", ok: false };
}

export function searchQuery(form: SearchForm, page: number): SearchQuery {
  return {
    text: form.text,
    kinds: form.kinds,
    from: parseMonth(form.from),
    to: parseMonth(form.to),
    page,
    per_page: SEARCH_PER_PAGE,
  };
}

/** The screen a hit (or a `#N` jump) opens. */
export function viewOf(hit: Pick<SearchHit, "kind" | "item_id">): View {
  switch (hit.kind) {
    case "request":
      return { name: "request", id: hit.item_id };
    case "register":
      return { name: "register-item", id: hit.item_id };
    case "incident":
      return { name: "incident", id: hit.item_id };
    case "meeting":
      return { name: "meeting", id: hit.item_id };
  }
}

export const KIND_LABELS: Record<SearchKind, string> = {
  request: "依頼",
  register: "課題",
  incident: "障害",
  meeting: "会議",
};

/** `12行目 期日: 日付として読めません（"2025/13/45"）`, or without the row for the file. */
export function problemText(p: ImportProblem): string {
  return p.row === null ? `${p.field}: ${p.message}` : `${p.row}行目 ${p.field}: ${p.message}`;
}

/** The total as the list shows it: an upper bound for a long, common query. */
export function totalText(total: number, exact: boolean): string {
  return exact ? `${total.toLocaleString("ja-JP")}件` : `最大 ${total.toLocaleString("ja-JP")}件`;
}
