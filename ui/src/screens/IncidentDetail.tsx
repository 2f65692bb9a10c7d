import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  Allowance, AppError, ExclusionReason, IncidentDetail, Office, TimelineEventKind,
} from "../api/types";
import { ClockChip, useNow } from "../components/clock";
import { ErrorBanner, Field, Panel, DateEcho } from "../components/ui";
import { ReportMail } from "../components/ReportMail";
import { serverOffset } from "../lib/countdown";
import { fieldMessages } from "../lib/errors";
import { label, options } from "../lib/labels";
import { msToLocalInput } from "../lib/localtime";
import { localInputToIso, shortDateTime, warekiDateTime } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";

export function allowanceText(a: Allowance): string {
  switch (a.kind) {
    case "continuous":
      return a.minutes % 60 === 0 && a.minutes >= 60 ? `${a.minutes / 60}時間（24時間365日）` : `${a.minutes}分（24時間365日）`;
    case "service_time":
      return `サービス時間で${a.minutes}分`;
    case "business_days":
      return `${a.days}開庁日`;
  }
}

export function IncidentDetailScreen({ id, go, offices }: { id: number; go: Go; offices: Office[] }) {
  const [d, setD] = useState<IncidentDetail | null>(null);
  const [offset, setOffset] = useState(0);
  const [error, setError] = useState<AppError | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const load = useCallback(() => {
    return api.incidentDetail(id).then((x) => {
      setOffset(serverOffset(x.now, Date.now()));
      setD(x);
    }).catch(setError);
  }, [id]);
  useEffect(() => void load(), [load]);
  const now = useNow(offset);
  if (!d) return <div className="page"><ErrorBanner error={error} /></div>;
  const r = d.record;
  const officeNames = r.incident.affected_offices.length === 0
    ? "全事務所"
    : r.incident.affected_offices.map((c) => offices.find((o) => o.code === c)?.name ?? c).join("、");
  const done = (msg: string) => { setInfo(msg); setError(null); return load(); };
  return (
    <div className="page" id="incident-detail">
      <button className="btn link back" onClick={() => go({ name: "incidents" })}>← 障害一覧へ</button>
      <div className="detail-head">
        <h1 className="page-title"><span className="num">#{r.id}</span> {r.incident.title}</h1>
        <span className={`sev s-${r.incident.severity}`}>{label("severity", r.incident.severity)}</span>
        {d.excluded && <span className="tag excluded">免責（SLA集計の対象外）</span>}
        {d.recovered && <span className="tag ok">復旧済</span>}
      </div>
      {info && <div className="banner info" role="status" id="incident-info">{info}</div>}
      <ErrorBanner error={error} />
            <Panel title="SLAの時計" id="sla-clocks">
        <table className="grid">
          <thead>
            <tr><th>項目</th><th>目標</th><th>開始</th><th>期限</th><th>停止</th><th>状態</th></tr>
          </thead>
          <tbody>
            {d.clocks.map((c) => (
              <tr key={c.item} data-item={c.item} data-state={c.state.state}
                className={c.state.state === "breached" ? "row-breached" : undefined}>
                <td className="nowrap"><strong>{label("sla_item", c.item)}</strong></td>
                <td className="nowrap small">{allowanceText(c.allowance)}</td>
                <td className="nowrap small">{c.started_at ? shortDateTime(c.started_at) : "—"}</td>
                <td className="nowrap small">{c.deadline ? shortDateTime(c.deadline) : "—"}</td>
                <td className="nowrap small">{c.stopped_at ? shortDateTime(c.stopped_at) : "—"}</td>
                <td className="clock-cell"><ClockChip state={c.state} now={now} id={`clock-${c.item}`} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </Panel>
      <div className="detail-grid">
        <div>
          <Panel title="経過（タイムライン）" id="timeline">
            {r.events.length === 0 && <p className="muted">まだ記録がありません。</p>}
            <ol className="timeline">
              {r.events.map((e) => (
                <li key={e.id}>
                  <span className="nowrap">{shortDateTime(e.event.at)}</span>
                  <strong>{label("timeline_event_kind", e.event.kind)}</strong>
                  <span>
                    <span className="body-text">{e.event.note}</span>
                    <span className="who small">　記録：{e.recorded_by_name}</span>
                  </span>
                </li>
              ))}
            </ol>
            {d.can_record && (
              <AddEvent id={r.id} version={r.version} now={now}
                onDone={(kind) => done(`「${label("timeline_event_kind", kind)}」を記録しました。`)} />
            )}
          </Panel>
        </div>
        <div>
          <Panel title="障害の内容">
            <dl className="props">
              <dt>検知日時</dt><dd>{warekiDateTime(r.incident.detected_at)}</dd>
              <dt>区分</dt><dd>{label("incident_category", r.incident.category)}</dd>
              <dt>影響事務所</dt><dd>{officeNames}</dd>
              <dt>影響システム</dt><dd>{r.incident.affected_systems || "—"}</dd>
              <dt>関連依頼</dt>
              <dd>{r.incident.linked_requests.length === 0 ? "—" : r.incident.linked_requests.map((q) => (
                <button key={q} className="btn link" onClick={() => go({ name: "request", id: q })}>#{q} </button>
              ))}</dd>
              <dt>マニュアル改版</dt><dd>{r.manual_revision_required ? "対象（運用関連）" : "対象外"}</dd>
              <dt>記録者</dt><dd>{r.recorded_by_name}</dd>
            </dl>
            <div className="body-text">{r.incident.summary}</div>
          </Panel>
          <ReportMail d={d} onSent={(m) => void done(m)} />
          <Exclusion d={d} onDone={done} onError={setError} />
        </div>
      </div>
    </div>
  );
}

function AddEvent(props: { id: number; version: number; now: number; onDone: (k: TimelineEventKind) => void }) {
  const [kind, setKind] = useState<TimelineEventKind>("first_report");
  const [at, setAt] = useState(() => msToLocalInput(props.now));
  const [note, setNote] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api.addIncidentEvent(props.id, props.version, { kind, at: localInputToIso(at), note });
      setNote("");
      setError(null);
      props.onDone(kind);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="sub-form" onSubmit={submit} id="event-form">
      <ErrorBanner error={error && !error.fields?.length ? error : null} />
      <div className="row">
        <Field id="ev-kind" label="種類" required error={f.kind}>
          <select id="ev-kind" value={kind} onChange={(e) => setKind(e.target.value as TimelineEventKind)}>
            {options("timeline_event_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </Field>
        <Field id="ev-at" label="日時" required error={f.at}>
          <input id="ev-at" type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} />
          <DateEcho value={at} />
        </Field>
        <Field id="ev-note" label="内容" error={f.note}>
          <input id="ev-note" value={note} onChange={(e) => setNote(e.target.value)}
            placeholder="報告先・報告内容、切り分け結果など" />
        </Field>
      </div>
      <div className="actions">
        <button id="ev-submit" className="btn primary" disabled={busy}>経過を記録</button>
      </div>
    </form>
  );
}

function Exclusion(props: { d: IncidentDetail; onDone: (m: string) => void; onError: (e: AppError) => void }) {
  const { d } = props;
  const x = d.record.exclusion;
  const [reason, setReason] = useState<ExclusionReason>(x?.reason ?? "not_contractor_service");
  const [note, setNote] = useState(x?.note ?? "");
  const [comment, setComment] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const f = fieldMessages(error);
  const run = async (p: Promise<unknown>, msg: string) => {
    try {
      await p;
      setError(null);
      props.onDone(msg);
    } catch (e) {
      setError(e as AppError);
    }
  };
  const decided = x && x.approved !== null;
  return (
    <Panel title="免責（SLA集計からの除外）" id="exclusion">
      {x ? (
        <dl className="props">
          <dt>事由</dt><dd>{label("exclusion_reason_short", x.reason)}</dd>
          <dt>根拠</dt><dd className="body-text">{x.note}</dd>
          <dt>申請</dt><dd>{x.proposed_by_name}（{warekiDateTime(x.proposed_at)}）</dd>
          <dt>判断</dt>
          <dd id="exclusion-decision">
            {x.approved === null ? <span className="tag overdue">担当課の判断待ち</span>
              : x.approved ? <span className="tag excluded">承認（免責）</span> : <span className="tag">不承認</span>}
            {x.decided_by_name && `　${x.decided_by_name}（${x.decided_at ? warekiDateTime(x.decided_at) : ""}）`}
            {x.comment && <div className="small">{x.comment}</div>}
          </dd>
        </dl>
      ) : (
        <p className="muted">免責の申請はありません。</p>
      )}
      <ErrorBanner error={error && !error.fields?.length ? error : null} />
      {d.can_record && !decided && (
        <div className="sub-form">
          <Field id="ex-reason" label="免責事由（契約 第8章第3節）" required error={f.reason}>
            <select id="ex-reason" value={reason} onChange={(e) => setReason(e.target.value as ExclusionReason)}>
              {options("exclusion_reason_short").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="ex-note" label="根拠" required error={f.note}>
            <textarea id="ex-note" rows={3} value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
          <div className="actions">
            <button id="ex-propose" className="btn" onClick={() =>
              void run(api.proposeExclusion(d.record.id, d.record.version, reason, note), "免責を申請しました。")}>
              {x ? "申請内容を更新" : "免責を申請"}
            </button>
          </div>
        </div>
      )}
      {d.can_decide_exclusion && x && x.approved === null && (
        <div className="sub-form">
          <Field id="ex-comment" label="コメント（不承認のときは必須）" error={f.comment}>
            <textarea id="ex-comment" rows={2} value={comment} onChange={(e) => setComment(e.target.value)} />
          </Field>
          <div className="actions">
            <button id="ex-refuse" className="btn danger" onClick={() =>
              void run(api.decideExclusion(d.record.id, d.record.version, { approve: false, reason: x.reason, note: x.note, comment }), "免責を不承認としました。")}>
              不承認
            </button>
            <button id="ex-approve" className="btn primary" onClick={() =>
              void run(api.decideExclusion(d.record.id, d.record.version, { approve: true, reason: x.reason, note: x.note, comment }), "免責を承認しました。")}>
              承認（免責とする）
            </button>
          </div>
        </div>
      )}
    </Panel>
  );
}
