import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import { rangeText } from "../lib/paging";
import { useLoaded } from "../lib/useLoaded";
import type { Office, RequestKind, RequestStatus, Session } from "../api/types";
import { ErrorBanner, StatusBadge, Pager } from "../components/ui";
import { label, options } from "../lib/labels";
import { shortDateTime } from "../lib/wareki";
import type { Go } from "../nav";

const PER_PAGE = 50;

export function RequestList({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  const [kind, setKind] = useState("");
  const [status, setStatus] = useState("");
  const [office, setOffice] = useState("");
  const [openOnly, setOpenOnly] = useState(false);
  const [text, setText] = useState("");
  const [applied, setApplied] = useState({ kind: "", status: "", office: "", openOnly: false, text: "" });
  const [page, setPage] = useState(1);
  const isStaff = session.actor.role === "staff";
  const changed = useDataChanged("request");

  const { data, error } = useLoaded(() => api.listRequests({
    kinds: applied.kind ? [applied.kind as RequestKind] : [],
    statuses: applied.status ? [applied.status as RequestStatus] : [],
    office: applied.office || null,
    text: applied.text || null,
    open_only: applied.openOnly,
    page,
    per_page: PER_PAGE,
  }), [applied, page, changed]);

  function search(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setApplied({ kind, status, office, openOnly, text: text.trim() });
  }

  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;

  return (
    <div className="page">
      <h1 className="page-title">依頼一覧</h1>
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        <label>種別
          <select id="filter-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">すべて</option>
            {options("request_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>状態
          <select id="filter-status" value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">すべて</option>
            {options("request_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        {!isStaff && (
          <label>事務所
            <select id="filter-office" value={office} onChange={(e) => setOffice(e.target.value)}>
              <option value="">すべて</option>
              {offices.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </label>
        )}
        <label className="grow">キーワード
          <input id="filter-text" type="search" value={text} placeholder="件名・内容を検索"
            onChange={(e) => setText(e.target.value)} />
        </label>
        <label className="check">
          <input type="checkbox" checked={openOnly} onChange={(e) => setOpenOnly(e.target.checked)} />
          対応中のみ
        </label>
        <button id="filter-submit" className="btn primary" type="submit">検索</button>
      </form>
      <ErrorBanner error={error} />
      <div className="list-meta" id="list-total">
        {data ? rangeText(data.total, page, PER_PAGE) : "読み込み中…"}
      </div>
      <table className="grid" id="request-table">
        <thead>
          <tr><th>番号</th><th>種別</th><th>件名</th><th>事務所</th><th>起票者</th><th>担当</th><th>状態</th><th>受付日時</th></tr>
        </thead>
        <tbody>
          {data?.items.map((r) => (
            <tr key={r.id} className="clickable" onClick={() => go({ name: "request", id: r.id })}>
              <td className="num">#{r.id}</td>
              <td>{label("request_kind", r.kind)}</td>
              <td className="title-cell">
                <a href="#" data-request-id={r.id} onClick={(e) => e.preventDefault()}>{r.title}</a>
              </td>
              <td>{officeName(r.office)}</td>
              <td>{r.filed_by_name}</td>
              <td>{r.assignee_name ?? <span className="muted">未割当</span>}</td>
              <td><StatusBadge group="request_status" code={r.status} /></td>
              <td className="nowrap">{shortDateTime(r.filed_at)}</td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr><td colSpan={8} className="empty">条件に合う依頼はありません。</td></tr>
          )}
        </tbody>
      </table>
      <Pager id="page-indicator" page={page} total={data?.total ?? 0} perPage={PER_PAGE} onPage={setPage} />
    </div>
  );
}
