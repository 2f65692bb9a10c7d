import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import { rangeText } from "../lib/paging";
import { useLoaded } from "../lib/useLoaded";
import type {
  AppError, Office, RequestColumn, RequestKind, RequestListQuery, RequestStatus, RequestSummary, Session, Urgency,
} from "../api/types";
import { ErrorBanner, StatusBadge, Pager, SortHeader, UrgencyMark } from "../components/ui";
import { ExportResult, useExport } from "../components/exporting";
import { SavedViews } from "../components/SavedViews";
import { label, options } from "../lib/labels";
import { keep, opener, useKept, type SortOrder } from "../lib/lists";
import { shortDateTime } from "../lib/wareki";
import { LiveClockChip } from "../components/clock";
import type { Go } from "../nav";

const PER_PAGE = 50;

/** `assignee`: an account id, "me" (自分の担当) or "none" (未割当); `mine`: staff's own requests. */
export interface Filters {
  kind: string; status: string; urgency: string; office: string; assignee: string; mine: boolean; openOnly: boolean;
  text: string;
}
const NO_FILTERS: Filters = {
  kind: "", status: "", urgency: "", office: "", assignee: "", mine: false, openOnly: false, text: "",
};
const NEWEST: SortOrder<RequestColumn> = { column: "filed_at", direction: "descending" };

/** The list's query from the filters the person applied: the same for the screen and the export. */
export function requestQuery(f: Filters, order: SortOrder<RequestColumn>): RequestListQuery {
  return {
    kinds: f.kind ? [f.kind as RequestKind] : [],
    statuses: f.status ? [f.status as RequestStatus] : [],
    urgencies: f.urgency ? [f.urgency as Urgency] : [],
    office: f.office || null,
    assignee: /^\d+$/.test(f.assignee) ? Number(f.assignee) : null,
    mine: f.mine || f.assignee === "me",
    unassigned: f.assignee === "none",
    text: f.text || null,
    open_only: f.openOnly,
    order,
  };
}

/** Opens the request list with these filters (and order) applied, as a home panel's 「すべて表示」. */
export function openRequestList(go: Go, filters: Partial<Filters>, order: SortOrder<RequestColumn> = NEWEST): void {
  const applied = { ...NO_FILTERS, ...filters };
  keep("requests.typed", applied);
  keep("requests.applied", applied);
  keep("requests.page", 1);
  keep("requests.order", order);
  go({ name: "requests" });
}

export function RequestList({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  // Kept while the person is logged in: opening a request and coming back finds the list as left.
  const [typed, setTyped] = useKept<Filters>("requests.typed", NO_FILTERS);
  const [applied, setApplied] = useKept<Filters>("requests.applied", NO_FILTERS);
  const [page, setPage] = useKept("requests.page", 1);
  const [order, setOrder] = useKept<SortOrder<RequestColumn>>("requests.order", NEWEST);
  const isStaff = session.actor.role === "staff";
  const me = session.actor.account_id;
  const query = requestQuery(applied, order);
  const exporting = useExport();
  const changed = useDataChanged("request");

  const [reloads, setReloads] = useState(0);
  const { data, error } = useLoaded(
    () => api.listRequests({ ...query, page, per_page: PER_PAGE }),
    [applied, order, page, changed, reloads],
  );
  const { data: contractors } = useLoaded(() => (isStaff ? Promise.resolve([]) : api.contractors()), []);
  // Bulk steps: the contractor assigns, the filer's office closes answered requests.
  const bulkStep = session.actor.role === "contractor" ? "assign" : isStaff ? "close" : null;
  const selectable = (r: RequestSummary) =>
    bulkStep === "assign" ? r.status !== "closed" && r.status !== "withdrawn" : bulkStep === "close" && r.status === "answered";
  const [selected, setSelected] = useState<Map<number, number>>(new Map());
  const [bulkAssignee, setBulkAssignee] = useState("");
  const [bulkError, setBulkError] = useState<AppError | null>(null);
  const [bulkDone, setBulkDone] = useState<string | null>(null);
  // A selection belongs to the rows on screen: another page or filter starts afresh.
  useEffect(() => setSelected(new Map()), [applied, order, page]);
  const pageSelectable = (data?.items ?? []).map((i) => i.request).filter(selectable);
  function toggle(r: RequestSummary, on: boolean) {
    const next = new Map(selected);
    if (on) next.set(r.id, r.version);
    else next.delete(r.id);
    setSelected(next);
  }
  function toggleAll(on: boolean) {
    setSelected(on ? new Map(pageSelectable.map((r) => [r.id, r.version])) : new Map());
  }
  async function runBulk() {
    setBulkError(null);
    setBulkDone(null);
    const picked = [...selected].map(([id, version]) => ({ id, version }));
    try {
      const count = await api.bulkRequestStep(
        picked,
        bulkStep === "assign" ? { step: "assign", assignee: bulkAssignee ? Number(bulkAssignee) : null } : { step: "close" },
      );
      setBulkDone(bulkStep === "assign" ? `${count}件の担当者を変更しました。` : `${count}件を完了にしました。`);
      setSelected(new Map());
      setReloads(reloads + 1);
    } catch (e) {
      setBulkError(e as AppError);
    }
  }

  function search(e: FormEvent) {
    e.preventDefault();
    // 「#813」 opens request 813 (what the search field of a help desk does).
    const number = /^[#＃](\d+)$/.exec(typed.text.trim());
    if (number) {
      go({ name: "request", id: Number(number[1]) });
      return;
    }
    setPage(1);
    setApplied({ ...typed, text: typed.text.trim() });
  }
  function clear() {
    setSelected(new Map());
    setTyped(NO_FILTERS);
    setApplied(NO_FILTERS);
    setPage(1);
  }
  const sortBy = (next: SortOrder<RequestColumn>) => {
    setOrder(next);
    setPage(1);
  };
  const set = (patch: Partial<Filters>) => setTyped({ ...typed, ...patch });
  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  const header = (column: RequestColumn, text: string) => (
    <SortHeader column={column} order={order} onSort={sortBy}>{text}</SortHeader>
  );

  return (
    <div className="page">
      <h1 className="page-title">依頼一覧</h1>
      <form className="filters" onSubmit={search} aria-label="絞り込み">
        <label>種別
          <select id="filter-kind" value={typed.kind} onChange={(e) => set({ kind: e.target.value })}>
            <option value="">すべて</option>
            {options("request_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>状態
          <select id="filter-status" value={typed.status} onChange={(e) => set({ status: e.target.value })}>
            <option value="">すべて</option>
            {options("request_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>緊急度
          <select id="filter-urgency" value={typed.urgency} onChange={(e) => set({ urgency: e.target.value })}>
            <option value="">すべて</option>
            {options("urgency").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        {!isStaff && (
          <label>事務所
            <select id="filter-office" value={typed.office} onChange={(e) => set({ office: e.target.value })}>
              <option value="">すべて</option>
              {offices.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </label>
        )}
        {!isStaff && (
          <label>担当
            <select id="filter-assignee" value={typed.assignee} onChange={(e) => set({ assignee: e.target.value })}>
              <option value="">すべて</option>
              {session.actor.role === "contractor" && <option value="me">自分</option>}
              <option value="none">未割当</option>
              {contractors?.filter((c) => c.id !== me || session.actor.role !== "contractor").map((c) => (
                <option key={c.id} value={String(c.id)}>{c.display_name}</option>
              ))}
            </select>
          </label>
        )}
        <label className="grow">キーワード
          <input id="filter-text" type="search" value={typed.text} placeholder="件名・内容を検索（#番号で開く）"
            onChange={(e) => set({ text: e.target.value })} />
        </label>
        {isStaff && (
          <label className="check">
            <input id="filter-mine" type="checkbox" checked={typed.mine} onChange={(e) => set({ mine: e.target.checked })} />
            自分の依頼
          </label>
        )}
        <label className="check">
          <input id="filter-open" type="checkbox" checked={typed.openOnly} onChange={(e) => set({ openOnly: e.target.checked })} />
          対応中のみ
        </label>
        <button id="filter-submit" className="btn primary" type="submit">検索</button>
        <button id="filter-clear" className="btn link" type="button" onClick={clear}>条件をクリア</button>
      </form>
      <SavedViews list="requests" current={applied} onApply={(saved) => {
        const filters = { ...NO_FILTERS, ...saved };
        setTyped(filters);
        setApplied(filters);
        setPage(1);
      }} />
      <ErrorBanner error={error} />
      <ExportResult what="依頼一覧" state={exporting} />
      <div className="list-bar">
        <div className="list-meta" id="list-total" role="status">
          {data ? rangeText(data.total, page, PER_PAGE) : "読み込み中…"}
        </div>
        <button id="list-export" className="btn small" type="button" disabled={exporting.busy || !data || data.total === 0}
          onClick={() => void exporting.run((bulk) => api.exportRequestList(query, bulk))}>
          表示中の条件でExcelに出力…
        </button>
      </div>
      {bulkStep && selected.size > 0 && (
        <div className="bulk-bar" role="region" aria-label="選択した依頼の一括操作" id="bulk-bar">
          <span>{selected.size}件を選択中</span>
          {bulkStep === "assign" ? (
            <>
              <label>担当者
                <select id="bulk-assignee" value={bulkAssignee} onChange={(e) => setBulkAssignee(e.target.value)}>
                  <option value="">（未割当に戻す）</option>
                  {contractors?.map((c) => <option key={c.id} value={String(c.id)}>{c.display_name}</option>)}
                </select>
              </label>
              <button id="bulk-run" className="btn small primary" type="button" onClick={() => void runBulk()}>担当者を割り当てる</button>
            </>
          ) : (
            <button id="bulk-run" className="btn small primary" type="button" onClick={() => void runBulk()}>回答を確認して完了にする</button>
          )}
          <button className="btn link" type="button" onClick={() => setSelected(new Map())}>選択を解除</button>
        </div>
      )}
      {bulkDone && <div className="saved" role="status" id="bulk-done">{bulkDone}</div>}
      <ErrorBanner error={bulkError} />
      <table className="grid compact" id="request-table">
        <thead>
          <tr>
            {bulkStep && (
              <th scope="col" className="pick">
                <input type="checkbox" id="pick-all" aria-label="このページの選べる依頼をすべて選択"
                  checked={pageSelectable.length > 0 && pageSelectable.every((r) => selected.has(r.id))}
                  disabled={pageSelectable.length === 0}
                  onChange={(e) => toggleAll(e.target.checked)} />
              </th>
            )}
            {header("number", "番号")}{header("kind", "種別")}{header("title", "件名")}{header("office", "事務所")}
            {header("filed_by", "起票者")}{header("assignee", "担当")}{header("status", "状態")}{header("filed_at", "受付日時")}
            <th scope="col">回答期限</th>
          </tr>
        </thead>
        <tbody>
          {data?.items.map(({ request: r, answer_clock: clock }) => (
            <tr key={r.id} className="clickable" data-request-id={r.id} aria-label={`#${r.id} ${r.title}`}
              {...opener(() => go({ name: "request", id: r.id }))}>
              {bulkStep && (
                <td className="pick" onClick={(e) => e.stopPropagation()}>
                  {selectable(r) && (
                    <input type="checkbox" className="pick-one" data-request-id={r.id} aria-label={`#${r.id} を選択`}
                      checked={selected.has(r.id)} onChange={(e) => toggle(r, e.target.checked)} />
                  )}
                </td>
              )}
              <td className="num">#{r.id}</td>
              <td>{label("request_kind", r.kind)}</td>
              <td className="title-cell">
                <UrgencyMark urgency={r.urgency} />
                <a href="#" data-request-id={r.id} tabIndex={-1} onClick={(e) => e.preventDefault()}>{r.title}</a>
              </td>
              <td>{officeName(r.office)}</td>
              <td>{r.filed_by_name}</td>
              <td>{r.assignee_name ?? <span className="muted">未割当</span>}</td>
              <td><StatusBadge group="request_status" code={r.status} /></td>
              <td className="nowrap">{shortDateTime(r.filed_at)}</td>
              <td className="deadline-cell">
                {clock.deadline && <div>{shortDateTime(clock.deadline)}</div>}
                <LiveClockChip state={clock.state} />
              </td>
            </tr>
          ))}
          {data && data.items.length === 0 && (
            <tr><td colSpan={bulkStep ? 10 : 9} className="empty">条件に合う依頼はありません。</td></tr>
          )}
        </tbody>
      </table>
      <Pager id="page-indicator" page={page} total={data?.total ?? 0} perPage={PER_PAGE} onPage={setPage} />
    </div>
  );
}
