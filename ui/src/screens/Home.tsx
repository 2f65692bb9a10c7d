import { useEffect, useState } from "react";
import { api } from "../api/client";
import { useDataChanged } from "../lib/notifications";
import type {
  AccountView, AppError, ChangeDetail, DeskSettings, Office, OutageNotice as OutageNoticeItem, ClockedRequest, RequestSummary, Session,
} from "../api/types";
import { ErrorBanner, Panel, StatusBadge, UrgencyMark } from "../components/ui";
import { label } from "../lib/labels";
import { shortDateTime, warekiDate, windowText } from "../lib/wareki";
import type { Go } from "../nav";
import { OpenIncidents, SlaGlance } from "../components/SlaPanels";
import { LiveClockChip } from "../components/clock";
import { MinutesAwaiting } from "../components/MinutesPanel";
import { opener } from "../lib/lists";
import { openRequestList, type Filters } from "./RequestList";

export function Home({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  const role = session.actor.role;
  // Each role's own work first: what waits for this person, then what concerns everyone.
  return (
    <div className="page">
      <h1 className="page-title">ホーム</h1>
      {role === "staff" && (
        <RequestPanel
          title="自分の依頼（回答済みで確認待ちのものが先）"
          id="home-my-requests"
          empty="対応中の自分の依頼はありません。"
          go={go}
          offices={offices}
          query={{ open_only: true, mine: true }}
          listed={{ openOnly: true, mine: true }}
          order={answeredFirst}
        />
      )}
      {role === "chief" && <Approvals go={go} />}
      {role === "chief" && <MinutesAwaiting go={go} />}
      {role === "contractor" && (
        <RequestPanel
          title="自分の担当"
          id="home-my-assigned"
          empty="担当している対応中の依頼はありません。"
          go={go}
          offices={offices}
          query={{ open_only: true, mine: true }}
          listed={{ openOnly: true, assignee: "me" }}
        />
      )}
      {role === "contractor" && (
        <RequestPanel
          title="未割当の依頼"
          id="home-unassigned"
          empty="未割当の依頼はありません。"
          go={go}
          offices={offices}
          query={{ open_only: true, unassigned: true }}
          listed={{ openOnly: true, assignee: "none" }}
        />
      )}
      {role !== "admin" && role !== "contractor" && <OutageNotice />}
      {role === "staff" && (
        <RequestPanel
          title="所属事務所の対応中の依頼"
          id="home-open-requests"
          empty="対応中の依頼はありません。"
          go={go}
          offices={offices}
          query={{ open_only: true, office: session.actor.office }}
          listed={{ openOnly: true }}
        />
      )}
      {role === "chief" && <SlaGlance go={go} />}
      {role === "contractor" && <OpenIncidents go={go} offices={offices} />}
      {role === "contractor" && <AnswerQueue go={go} offices={offices} />}
      {role === "admin" && <AdminHome go={go} offices={offices} />}
    </div>
  );
}

/** Answered requests wait for their filer to close or send back: those first, newest first. */
function answeredFirst(items: RequestSummary[]): RequestSummary[] {
  return [...items].sort((a, b) => Number(b.status === "answered") - Number(a.status === "answered"));
}

/** Rows the queue shows before 「残りも表示」: a screenful. */
const QUEUE_SHOWN = 20;
/** The request list's order closest to the queue's: the oldest filing has the nearest deadline. */
const OLDEST_FIRST = { column: "filed_at", direction: "ascending" } as const;

/** The contractor's queue: requests waiting for an answer, soonest answer deadline first,
 * each with its answer clock counting down (残り) and then up (超過). */
function AnswerQueue({ go, offices }: { go: Go; offices: Office[] }) {
  const [items, setItems] = useState<ClockedRequest[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const changed = useDataChanged("request");
  useEffect(() => {
    api.answerQueue().then(setItems).catch(setError);
  }, [changed]);
  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  const [expanded, setExpanded] = useState(false);
  const shown = expanded ? items : items.slice(0, QUEUE_SHOWN);
  const hidden = items.length - shown.length;
  return (
    <Panel
      title={`回答待ちの依頼（回答期限の近い順）　${items.length}件`}
      id="home-queue"
      actions={
        <button className="btn link" onClick={() => openRequestList(go, { openOnly: true }, OLDEST_FIRST)}>
          一覧で開く
        </button>
      }
    >
      <ErrorBanner error={error} />
      <table className="grid" id="queue-table">
        <thead>
          <tr><th>番号</th><th>種別</th><th>件名</th><th>事務所</th><th>状態</th><th>受付日時</th><th>回答期限</th></tr>
        </thead>
        <tbody>
          {shown.map(({ request: r, answer_clock: c }) => (
            <tr key={r.id} className="clickable" data-request-id={r.id} {...opener(() => go({ name: "request", id: r.id }))}>
              <td className="num">#{r.id}</td>
              <td>{label("request_kind", r.kind)}</td>
              <td className="title-cell"><UrgencyMark urgency={r.urgency} />{r.title}</td>
              <td>{officeName(r.office)}</td>
              <td><StatusBadge group="request_status" code={r.status} /></td>
              <td className="nowrap">{shortDateTime(r.filed_at)}</td>
              <td className="nowrap">
                <LiveClockChip state={c.state} id={`queue-clock-${r.id}`} />
                {c.deadline && <div className="small muted">{shortDateTime(c.deadline)}まで</div>}
              </td>
            </tr>
          ))}
          {items.length === 0 && (
            <tr><td colSpan={7} className="muted">回答待ちの依頼はありません。</td></tr>
          )}
        </tbody>
      </table>
      {hidden > 0 && (
        <button id="queue-show-all" className="btn link" type="button" onClick={() => setExpanded(true)}>
          残り{hidden}件も表示（全{items.length}件）
        </button>
      )}
    </Panel>
  );
}

/** Approved work that touches this person's office, told by its effect on their work. */
function OutageNotice() {
  const [items, setItems] = useState<OutageNoticeItem[] | null>(null);
  const changed = useDataChanged("change");
  useEffect(() => {
    api.upcomingOutages(30).then(setItems).catch(() => setItems([]));
  }, [changed]);
  if (items === null) return null;
  return (
    <section className="notice" id="outage-notice" aria-label="システム停止のお知らせ">
      <h2>システム停止のお知らせ（今後30日）</h2>
      {items.length === 0 ? (
        <p className="muted">予定されている停止はありません。</p>
      ) : (
        <ul>
          {items.map((c) => (
            <li key={c.id} className="notice-item">
              <strong>{windowText(c.window_start, c.window_end)}</strong>
              <span className="notice-kind">{label("change_kind", c.kind)}</span>
              <span className="notice-impact">{c.impact}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RequestPanel(props: {
  title: string; id: string; empty: string; go: Go; offices: Office[];
  query: { open_only: boolean; office?: string; mine?: boolean; unassigned?: boolean };
  /** The request list's filters that show the same requests: what 「すべて表示」 opens. */
  listed: Partial<Filters>;
  order?: (items: RequestSummary[]) => RequestSummary[];
}) {
  const [items, setItems] = useState<RequestSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const { query, order } = props;
  const changed = useDataChanged("request");
  useEffect(() => {
    api
      .listRequests({ ...query, per_page: 20 })
      .then((p) => {
        const requests = p.items.map((i) => i.request);
        setItems(order ? order(requests) : requests);
        setTotal(p.total);
      })
      .catch(setError);
  }, [query.open_only, query.office, query.mine, query.unassigned, changed]);
  const officeName = (code: string) => props.offices.find((o) => o.code === code)?.name ?? code;
  return (
    <Panel
      title={`${props.title}　${total}件`}
      id={props.id}
      actions={
        <button className="btn link" onClick={() => openRequestList(props.go, props.listed)}>
          すべて表示
        </button>
      }
    >
      <ErrorBanner error={error} />
      <table className="grid">
        <thead>
          <tr><th>番号</th><th>種別</th><th>件名</th><th>事務所</th><th>状態</th><th>受付日時</th></tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id} className="clickable" {...opener(() => props.go({ name: "request", id: r.id }))}>
              <td className="num">#{r.id}</td>
              <td>{label("request_kind", r.kind)}</td>
              <td className="title-cell">
                <UrgencyMark urgency={r.urgency} />
                <a href="#" tabIndex={-1} data-request-id={r.id} onClick={(e) => e.preventDefault()}>{r.title}</a>
              </td>
              <td>{officeName(r.office)}</td>
              <td><StatusBadge group="request_status" code={r.status} /></td>
              <td className="nowrap">{shortDateTime(r.filed_at)}</td>
            </tr>
          ))}
          {items.length === 0 && <tr><td colSpan={6} className="empty">{props.empty}</td></tr>}
        </tbody>
      </table>
    </Panel>
  );
}

function Approvals({ go }: { go: Go }) {
  const [items, setItems] = useState<ChangeDetail[]>([]);
  const changed = useDataChanged("change");
  useEffect(() => {
    api
      .listChanges({ statuses: ["submitted"] })
      .then((list) => Promise.all(list.map((c) => api.changeDetail(c.id))))
      .then(setItems)
      .catch(() => setItems([]));
  }, [changed]);
  return (
    <Panel title={`承認待ちの変更　${items.length}件`} id="home-approvals">
      {items.length === 0 && <p className="muted">承認待ちの変更はありません。</p>}
      <ul className="cards">
        {items.map((d) => (
          <li key={d.change.id} className="card clickable" data-change-id={d.change.id}
            {...opener(() => go({ name: "change", id: d.change.id }))}>
            <div className="card-head">
              <span className="badge kind">{label("change_kind", d.change.proposal.kind)}</span>
              <strong>{d.change.proposal.title}</strong>
            </div>
            <div className="card-line">{windowText(d.change.proposal.window_start, d.change.proposal.window_end)}</div>
            {d.conflict_messages.length > 0 ? (
              <ul className="conflicts">
                {d.conflict_messages.map((m, i) => <li key={i}>⚠ {m}</li>)}
              </ul>
            ) : (
              <div className="ok-line">競合はありません。</div>
            )}
          </li>
        ))}
      </ul>
    </Panel>
  );
}

/** The administrator sees accounts and settings, never request content. */
function AdminHome({ go, offices }: { go: Go; offices: Office[] }) {
  const [accounts, setAccounts] = useState<AccountView[]>([]);
  const [settings, setSettings] = useState<DeskSettings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    api.accounts().then(setAccounts).catch(setError);
    api.settings().then(setSettings).catch(setError);
  }, []);
  const now = new Date();
  const locked = accounts.filter((a) => a.locked_until && new Date(a.locked_until) > now);
  const disabled = accounts.filter((a) => a.disabled).length;
  const byRole = (r: string) => accounts.filter((a) => a.role === r && !a.disabled).length;
  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  return (
    <div className="two-col" id="home-admin">
      <Panel title="アカウント" id="home-admin-accounts"
        actions={<button className="btn link" onClick={() => go({ name: "accounts" })}>アカウント管理へ</button>}>
        <ErrorBanner error={error} />
        <dl className="props">
          <dt>有効</dt><dd>{accounts.length - disabled} 件（{["staff", "chief", "contractor", "admin"].map((r) => `${label("role", r)} ${byRole(r)}`).join("・")}）</dd>
          <dt>無効</dt><dd>{disabled} 件</dd>
          <dt>ロック中</dt>
          <dd>{locked.length === 0 ? "なし" : locked.map((a) => `${a.display_name}（${officeName(a.office)}）`).join("、")}</dd>
        </dl>
      </Panel>
      <Panel title="運用設定" id="home-admin-settings"
        actions={<button className="btn link" onClick={() => go({ name: "settings" })}>運用設定へ</button>}>
        {settings && (
          <dl className="props">
            <dt>サービス時間</dt><dd>{settings.service_open.slice(0, 5)}〜{settings.service_close.slice(0, 5)}（開庁日）</dd>
            <dt>自動ログアウト</dt><dd>{settings.idle_logout_minutes} 分</dd>
            <dt>ロック時間</dt><dd>{settings.lockout_minutes} 分</dd>
            <dt>臨時閉庁日</dt><dd>{settings.extra_closures.map(warekiDate).join("、") || "なし"}</dd>
            <dt>臨時開庁日</dt><dd>{settings.extra_open_days.map(warekiDate).join("、") || "なし"}</dd>
          </dl>
        )}
      </Panel>
    </div>
  );
}
