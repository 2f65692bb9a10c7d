import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import { rangeText } from "../lib/paging";
import { useLoaded } from "../lib/useLoaded";
import type { IssueCategory, IssueStatus, Session } from "../api/types";
import { ErrorBanner, StatusBadge, Pager } from "../components/ui";
import { label, options } from "../lib/labels";
import { NO_FILTERS, REGISTER_PER_PAGE, isOverdue, registerQuery, tokyoToday } from "../lib/register";
import type { RegisterFilters } from "../lib/register";
import { shortDate } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import "../register.css";
import { opener, useKept } from "../lib/lists";
import { SavedViews } from "../components/SavedViews";

/** 課題管理表: the whole register, 50 items a page, optionally only one meeting's items. */
export function RegisterList({ go, session, meetingId }: { go: Go; session: Session; meetingId: number | null }) {
  // Kept while the person is logged in (a meeting's own view of the register is not).
  const [form, setForm] = useKept<RegisterFilters>("register.typed", NO_FILTERS);
  const [applied, setApplied] = useKept<RegisterFilters>("register.applied", NO_FILTERS);
  const [meeting, setMeeting] = useState<number | null>(meetingId);
  const [page, setPage] = useKept(meetingId === null ? "register.page" : `register.page.${meetingId}`, 1);
  const canEdit = session.actor.role === "chief" || session.actor.role === "contractor";
  const today = tokyoToday();

  const { data, error } = useLoaded(() => api.listRegister(registerQuery(applied, page, meeting)), [applied, page, meeting]);

  function search(e: FormEvent) {
    e.preventDefault();
    setPage(1);
    setApplied(form);
  }

  return (
    <div className="page" id="register-list">
      <div className="page-head">
        <h1 className="page-title">課題管理表</h1>
        {canEdit && (
          <button id="register-add" className="btn primary" onClick={() => go({ name: "new-register-item" })}>
            課題を追加
          </button>
        )}
      </div>
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        <label>状態
          <select id="register-filter-status" value={form.status}
            onChange={(e) => setForm({ ...form, status: e.target.value as IssueStatus | "" })}>
            <option value="">すべて</option>
            {options("issue_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>分類
          <select id="register-filter-category" value={form.category}
            onChange={(e) => setForm({ ...form, category: e.target.value as IssueCategory | "" })}>
            <option value="">すべて</option>
            {options("issue_category").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label className="grow">キーワード
          <input id="register-filter-text" type="search" value={form.text} placeholder="タイトル・内容・対応内容を検索"
            onChange={(e) => setForm({ ...form, text: e.target.value })} />
        </label>
        <button id="register-search" className="btn primary" type="submit">検索</button>
      </form>
      {meeting !== null && (
        <div className="banner info" id="register-meeting-filter">
          会議 #{meeting} から起票された課題を表示しています。
          <button className="btn small" id="register-meeting-clear" onClick={() => { setPage(1); setMeeting(null); }}>すべての課題を表示</button>
        </div>
      )}
      <SavedViews list="register" current={applied} onApply={(saved) => {
        const filters = { ...NO_FILTERS, ...saved };
        setForm(filters);
        setApplied(filters);
        setPage(1);
      }} />
      <ErrorBanner error={error} />
      <div className="list-meta" id="register-total">
        {data ? rangeText(data.total, page, REGISTER_PER_PAGE) : "読み込み中…"}
      </div>
      <table className="grid" id="register-table">
        <thead>
          <tr><th>No</th><th>起票日</th><th>分類</th><th>タイトル</th><th>優先度</th><th>担当者</th><th>期限</th><th>状態</th><th>関連</th></tr>
        </thead>
        <tbody>
          {data?.items.map((r) => {
            const late = isOverdue(r.item, today);
            return (
              <tr key={r.id} className={late ? "clickable row-breached" : "clickable"}
                {...opener(() => go({ name: "register-item", id: r.id }))}>
                <td className="num">{r.no}</td>
                <td className="nowrap">{shortDate(r.item.raised_on)}</td>
                <td className="nowrap">{label("issue_category", r.item.category)}</td>
                <td className="title-cell">
                  <a href="#" tabIndex={-1} data-register-id={r.id} data-register-no={r.no}
                    onClick={(e) => e.preventDefault()}>{r.item.title}</a>
                </td>
                <td><span className={`sev s-${r.item.priority}`}>{label("issue_priority", r.item.priority)}</span></td>
                <td className="nowrap">{r.item.owner || <span className="muted">未定</span>}</td>
                <td className="nowrap">
                  {r.item.due ? shortDate(r.item.due) : <span className="muted">—</span>}
                  {late && <span className="tag overdue">期限超過</span>}
                </td>
                <td><StatusBadge group="issue_status" code={r.item.status} /></td>
                <td className="nowrap">
                  {r.item.meeting_id !== null && (
                    <button className="btn link" data-meeting-id={r.item.meeting_id} title="起票元の会議を開く"
                      onClick={(e) => { e.stopPropagation(); go({ name: "meeting", id: r.item.meeting_id as number }); }}>
                      会議 #{r.item.meeting_id}
                    </button>
                  )}
                  {r.item.request_id !== null && (
                    <button className="btn link" data-request-id={r.item.request_id}
                      onClick={(e) => { e.stopPropagation(); go({ name: "request", id: r.item.request_id as number }); }}>
                      依頼 #{r.item.request_id}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
          {data && data.items.length === 0 && (
            <tr><td colSpan={9} className="empty">条件に合う課題はありません。</td></tr>
          )}
        </tbody>
      </table>
      <Pager id="register-page" page={page} total={data?.total ?? 0} perPage={REGISTER_PER_PAGE} onPage={setPage} />
    </div>
  );
}
