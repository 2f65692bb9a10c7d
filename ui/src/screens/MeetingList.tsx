import type { FormEvent } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import { rangeText } from "../lib/paging";
import { useLoaded } from "../lib/useLoaded";
import type { MeetingKind, MinutesStatus, Session } from "../api/types";
import { ErrorBanner, StatusBadge, Pager } from "../components/ui";
import { label, options } from "../lib/labels";
import { shortDateTime, warekiDate } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import { opener, useKept } from "../lib/lists";
import { SavedViews } from "../components/SavedViews";
import { ExportResult, useExport } from "../components/exporting";

const PER_PAGE = 50;

/** Meetings, newest first, with the minutes' status and due day; late minutes stand out. */
export function MeetingList({ go, session }: { go: Go; session: Session }) {
  // Kept while the person is logged in: coming back from a meeting finds the list as left.
  const [kind, setKind] = useKept("meetings.kind", "");
  const [status, setStatus] = useKept("meetings.status", "");
  const [text, setText] = useKept("meetings.text", "");
  const [applied, setApplied] = useKept("meetings.applied", { kind: "", status: "", text: "" });
  const [page, setPage] = useKept("meetings.page", 1);
  const changed = useDataChanged("meeting");

  const query = {
    kinds: applied.kind ? [applied.kind as MeetingKind] : [],
    statuses: applied.status ? [applied.status as MinutesStatus] : [],
    text: applied.text || null,
  };
  const { data, error } = useLoaded(() => api.listMeetings({ ...query, page, per_page: PER_PAGE }), [applied, page, changed]);
  const exporting = useExport();

  function search(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setApplied({ kind, status, text: text.trim() });
  }

  return (
    <div className="page">
      <div className="detail-head">
        <h1 className="page-title">会議・議事録</h1>
        <div style={{ flex: 1 }} />
        {session.actor.role === "contractor" && (
          <button id="meeting-new" className="btn primary" onClick={() => go({ name: "new-meeting" })}>
            会議を記録
          </button>
        )}
      </div>
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        <label>種別
          <select id="mtg-filter-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">すべて</option>
            {options("meeting_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>議事録の状態
          <select id="mtg-filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">すべて</option>
            {options("minutes_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label className="grow">キーワード
          <input id="mtg-filter-text" type="search" value={text} placeholder="会議名・議事内容を検索"
            onChange={(e) => setText(e.target.value)} />
        </label>
        <button id="mtg-filter-submit" className="btn primary" type="submit">検索</button>
      </form>
      <SavedViews list="meetings" current={applied} onApply={(saved) => {
        const filters = { kind: "", status: "", text: "", ...saved };
        setKind(filters.kind);
        setStatus(filters.status);
        setText(filters.text);
        setApplied(filters);
        setPage(1);
      }} />
      <ErrorBanner error={error} />
      <ExportResult what="会議一覧" state={exporting} />
      <div className="list-bar">
        <div className="list-meta" id="meeting-total">
          {data ? rangeText(data.total, page, PER_PAGE) : "読み込み中…"}
        </div>
        <button id="meeting-export" className="btn small" type="button" disabled={exporting.busy || !data || data.total === 0}
          onClick={() => void exporting.run((bulk) => api.saveList("meetings", query, bulk))}>
          表示中の条件でExcelに出力…
        </button>
      </div>
      <table className="grid" id="meeting-table">
        <thead>
          <tr><th>開催日時</th><th>種別</th><th>件名</th><th>議事録の状態</th><th>提出期限</th></tr>
        </thead>
        <tbody>
          {data?.items.map((m) => (
            <tr key={m.id} className={`clickable${m.overdue ? " row-breached" : ""}`}
              {...opener(() => go({ name: "meeting", id: m.id }))}>
              <td className="nowrap">{shortDateTime(m.starts_at)}</td>
              <td className="nowrap">{label("meeting_kind", m.kind)}</td>
              <td className="title-cell">
                <a href="#" tabIndex={-1} data-meeting-id={m.id} onClick={(e) => e.preventDefault()}>{m.title}</a>
              </td>
              <td><StatusBadge group="minutes_status" code={m.minutes_status} /></td>
              <td className="nowrap">
                {warekiDate(m.minutes_due)}
                {m.overdue && <span className="tag overdue" data-overdue="true">期限超過</span>}
              </td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr><td colSpan={5} className="empty">条件に合う会議はありません。</td></tr>
          )}
        </tbody>
      </table>
      <Pager id="meeting-page" page={page} total={data?.total ?? 0} perPage={PER_PAGE} onPage={setPage} />
    </div>
  );
}
