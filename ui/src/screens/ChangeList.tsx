import type { FormEvent } from "react";
import { api } from "../api/client";
import type { ChangeKind, ChangeListQuery, ChangeStatus, ChangeSummary } from "../api/types";
import { DateEcho, ErrorBanner, SortHeader, StatusBadge } from "../components/ui";
import { label, options } from "../lib/labels";
import { opener, sortedBy, useKept, type SortKey, type SortOrder } from "../lib/lists";
import { SavedViews } from "../components/SavedViews";
import { ExportResult, useExport } from "../components/exporting";
import { useDataChanged } from "../lib/notifications";
import { useLoaded } from "../lib/useLoaded";
import { tokyoMonthSpan, windowText } from "../lib/wareki";
import type { Go } from "../nav";

type Column = "number" | "kind" | "title" | "window" | "proposer" | "status";
interface Filters { status: string; kind: string; month: string; text: string }
const NO_FILTERS: Filters = { status: "", kind: "", month: "", text: "" };
const SOONEST_LAST: SortOrder<Column> = { column: "window", direction: "descending" };

const KEYS: Record<Column, (c: ChangeSummary) => SortKey> = {
  number: (c) => c.id,
  kind: (c) => label("change_kind", c.kind),
  title: (c) => c.title,
  window: (c) => c.window_start,
  proposer: (c) => c.proposed_by_name,
  status: (c) => label("change_status", c.status),
};

/** The month's first instant and the next month's, in Tokyo, of a YYYY-MM input. */
function monthSpan(month: string): { from: string; to: string } | null {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) return null;
  return tokyoMonthSpan(+m[1], +m[2]);
}

/** 変更・計画停止: filtered by status, kind, the month of the window and words; sorted by any column. */
export function ChangeList({ go }: { go: Go }) {
  const [typed, setTyped] = useKept<Filters>("changes.typed", NO_FILTERS);
  const [applied, setApplied] = useKept<Filters>("changes.applied", NO_FILTERS);
  const [order, setOrder] = useKept<SortOrder<Column>>("changes.order", SOONEST_LAST);
  const changed = useDataChanged("change");
  const span = monthSpan(applied.month);
  // The same query for the screen and the export: the server filters, the screen sorts.
  const query: ChangeListQuery = {
    statuses: applied.status ? [applied.status as ChangeStatus] : [],
    kinds: applied.kind ? [applied.kind as ChangeKind] : [],
    text: applied.text.trim() || null,
    window_from: span?.from ?? null,
    window_to: span?.to ?? null,
  };
  const { data, error } = useLoaded(() => api.listChanges({ ...query, per_page: 500 }), [applied, changed]);
  const shown = sortedBy(data ?? [], KEYS[order.column], order.direction);
  const exporting = useExport();
  const set = (patch: Partial<Filters>) => setTyped({ ...typed, ...patch });
  function search(e: FormEvent) {
    e.preventDefault();
    setApplied(typed);
  }
  const header = (column: Column, text: string) => (
    <SortHeader column={column} order={order} onSort={setOrder}>{text}</SortHeader>
  );

  return (
    <div className="page">
      <h1 className="page-title">変更・計画停止</h1>
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        <label>状態
          <select id="chg-filter-status" value={typed.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">すべて</option>
            {options("change_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>種別
          <select id="chg-filter-kind" value={typed.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">すべて</option>
            {options("change_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>実施月
          <input id="chg-filter-month" type="month" value={typed.month} onChange={(e) => set({ month: e.target.value })} />
          <DateEcho value={typed.month} />
        </label>
        <label className="grow">キーワード
          <input id="chg-filter-text" type="search" value={typed.text} placeholder="件名で絞り込み"
            onChange={(e) => set({ text: e.target.value })} />
        </label>
        <button id="chg-filter-submit" className="btn primary" type="submit">検索</button>
        <button className="btn link" type="button" onClick={() => { setTyped(NO_FILTERS); setApplied(NO_FILTERS); }}>条件をクリア</button>
      </form>
      <SavedViews list="changes" current={applied} onApply={(saved) => {
        const filters = { ...NO_FILTERS, ...saved };
        setTyped(filters);
        setApplied(filters);
      }} />
      <ErrorBanner error={error} />
      <ExportResult what="変更・計画停止一覧" state={exporting} />
      <div className="list-bar">
        <div className="list-meta" id="change-total" role="status">{data ? `${shown.length}件` : "読み込み中…"}</div>
        <button id="change-export" className="btn small" type="button" disabled={exporting.busy || shown.length === 0}
          onClick={() => void exporting.run((bulk) => api.saveList("changes", query, bulk))}>
          表示中の条件でExcelに出力…
        </button>
      </div>
      <table className="grid compact" id="change-table">
        <thead>
          <tr>
            {header("number", "番号")}{header("kind", "種別")}{header("title", "件名")}
            {header("window", "実施予定")}{header("proposer", "起案者")}{header("status", "状態")}
          </tr>
        </thead>
        <tbody>
          {shown.map((c) => (
            <tr key={c.id} className="clickable" data-change-id={c.id} aria-label={`#${c.id} ${c.title}`}
              {...opener(() => go({ name: "change", id: c.id }))}>
              <td className="num">#{c.id}</td>
              <td>{label("change_kind", c.kind)}</td>
              <td className="title-cell">{c.title}</td>
              <td className="nowrap">{windowText(c.window_start, c.window_end)}</td>
              <td>{c.proposed_by_name}</td>
              <td><StatusBadge group="change_status" code={c.status} /></td>
            </tr>
          ))}
          {data && shown.length === 0 && <tr><td colSpan={6} className="empty">条件に合う変更はありません。</td></tr>}
        </tbody>
      </table>
    </div>
  );
}
