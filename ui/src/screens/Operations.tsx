import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  AppError, BatchResult, BatchRun, CheckFrequency, CheckMonth, CheckResult, JobNet, JobNetSchedule, Session,
  WorkRecord,
} from "../api/types";
import { ErrorBanner, Field, Panel } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { label, options } from "../lib/labels";
import { msToLocalInput } from "../lib/localtime";
import { awaitingRerun, checkGrid, durationText } from "../lib/operations";
import { useLoaded } from "../lib/useLoaded";
import { localInputToIso, shortDate, shortDateTime, warekiMonth } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";

interface MonthData { checks: CheckMonth; runs: BatchRun[]; work: WorkRecord[]; nets: JobNet[] }

function thisMonth(): string {
  return msToLocalInput(Date.now()).slice(0, 7);
}

/** 運用記録: the month's checklist (missed checks marked), batch runs and maintenance work. */
export function OperationsScreen({ go, session }: { go: Go; session: Session }) {
  const [month, setMonth] = useState(thisMonth);
  const [reload, setReload] = useState(0);
  const [y, m] = month.split("-").map(Number);
  const { data, error } = useLoaded<MonthData>(async () => {
    const [checks, runs, work, nets] = await Promise.all([
      api.checkMonth(y, m), api.batchRuns(y, m), api.workRecords(y, m), api.jobNets(),
    ]);
    return { checks, runs, work, nets };
  }, [y, m, reload]);
  const canRecord = session.actor.role === "contractor";
  const refresh = () => setReload((n) => n + 1);
  return (
    <div className="page">
      <div className="detail-head">
        <h1 className="page-title">運用記録</h1>
      </div>
      <div className="filters">
        <label htmlFor="ops-month">
          対象月
          <input id="ops-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
      </div>
      <ErrorBanner error={error} />
      {data && (
        <>
          <ChecksPanel data={data.checks} canRecord={canRecord} onSaved={refresh} />
          <RunsPanel y={y} m={m} runs={data.runs} nets={data.nets} canRecord={canRecord} onSaved={refresh} go={go} />
          <WorkPanel work={data.work} />
          {canRecord && <SettingsPanel nets={data.nets} onSaved={refresh} />}
        </>
      )}
    </div>
  );
}

function ChecksPanel(props: { data: CheckMonth; canRecord: boolean; onSaved: () => void }) {
  const { data } = props;
  const rows = checkGrid(data);
  const missedDays = rows.filter((r) => r.missed > 0).length;
  return (
    <Panel title={`日次点検（${warekiMonth(data.year, data.month)}）`} id="ops-checks">
      <p className="list-meta" id="ops-checks-summary">
        点検 {data.records.length} 件、未実施 {data.missed.length} 件（{missedDays} 日）
      </p>
      {data.items.length === 0 ? (
        <p className="muted">点検項目が登録されていません。</p>
      ) : (
        // Wider than the screen with many items: a keyboard scrolls it once it has the focus.
        <div className="scroll-x" tabIndex={0} role="region" aria-label="日次点検の一覧（横にスクロールできます）">
          <table className="grid" id="ops-check-grid">
            <thead>
              <tr><th>日</th>{data.items.map((i) => <th key={i.id} title={label("check_frequency", i.frequency)}>{i.name}</th>)}</tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.day} data-day={r.day} className={r.missed > 0 ? "row-breached" : undefined}>
                  <td className="nowrap">{shortDate(`${r.day}T03:00:00Z`)}</td>
                  {r.cells.map((c, k) => (
                    <td key={data.items[k].id} className="small">
                      {c.kind === "done" && (
                        <span className={`tag ${c.result === "normal" ? "ok" : "overdue"}`} title={c.note}>
                          {label("check_result", c.result)}
                        </span>
                      )}
                      {c.kind === "missed" && <span className="tag overdue" data-missed="1">未実施</span>}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.canRecord && data.items.length > 0 && <CheckForm data={data} onSaved={props.onSaved} />}
    </Panel>
  );
}

function CheckForm({ data, onSaved }: { data: CheckMonth; onSaved: () => void }) {
  const [item, setItem] = useState(data.items[0]?.id ?? 0);
  const [day, setDay] = useState(data.today);
  const [result, setResult] = useState<CheckResult>("normal");
  const [note, setNote] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      await api.recordCheck({ item_id: item, day, result, note });
      setError(null);
      setNote("");
      onSaved();
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form" id="check-form" onSubmit={submit} noValidate>
      <h3>点検の記録</h3>
      <ErrorBanner error={error} />
      <div className="row">
        <Field id="check-item" label="点検項目" required error={f.item_id}>
          <select id="check-item" value={item} onChange={(e) => setItem(Number(e.target.value))}>
            {data.items.filter((i) => i.active).map((i) => <option key={i.id} value={i.id}>{i.name}</option>)}
          </select>
        </Field>
        <Field id="check-day" label="点検日" required error={f.day}>
          <input id="check-day" type="date" value={day} onChange={(e) => setDay(e.target.value)} />
        </Field>
        <Field id="check-result" label="結果" required error={f.result}>
          <select id="check-result" value={result} onChange={(e) => setResult(e.target.value as CheckResult)}>
            {options("check_result").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </Field>
      </div>
      <Field id="check-note" label="備考" error={f.note} hint="異常ありのときは内容を入力してください。">
        <input id="check-note" value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="actions">
        <button id="check-submit" className="btn primary" disabled={busy}>記録する</button>
      </div>
    </form>
  );
}

function RunsPanel(props: {
  y: number; m: number; runs: BatchRun[]; nets: JobNet[]; canRecord: boolean; onSaved: () => void; go: Go;
}) {
  const abnormal = props.runs.filter((r) => r.result === "abnormal").length;
  return (
    <Panel title="バッチ実行" id="ops-runs">
      <p className="list-meta">{props.runs.length} 件（うち異常終了 {abnormal} 件）</p>
      <table className="grid" id="ops-run-table">
        <thead>
          <tr>
            <th>番号</th><th>ジョブネット</th><th>予定開始</th><th>実績開始</th><th>実績終了</th><th>処理時間</th>
            <th>処理件数</th><th>結果</th><th>障害・再実行</th>
          </tr>
        </thead>
        <tbody>
          {props.runs.map((r) => (
            <tr key={r.id} data-run-id={r.id} className={r.result === "abnormal" ? "row-breached" : undefined}>
              <td className="num">#{r.id}</td>
              <td>{r.job_net_name}</td>
              <td className="nowrap small">{shortDateTime(r.planned_start)}</td>
              <td className="nowrap small">{shortDateTime(r.started_at)}</td>
              <td className="nowrap small">{shortDateTime(r.ended_at)}</td>
              <td className="num">{durationText(r)}</td>
              <td className="num">{r.processed_count.toLocaleString("ja-JP")}</td>
              <td>
                <span className={`tag ${r.result === "normal" ? "ok" : "overdue"}`}>{label("batch_result", r.result)}</span>
              </td>
              <td className="small">
                {r.incident_id !== null && (
                  <a href="#" data-incident-link={r.incident_id}
                    onClick={(e) => { e.preventDefault(); props.go({ name: "incident", id: r.incident_id ?? 0 }); }}>
                    障害 #{r.incident_id}
                  </a>
                )}
                {r.rerun_of !== null && <span className="tag">#{r.rerun_of} の再実行</span>}
                {r.rerun_by !== null && <span className="tag">再実行 #{r.rerun_by}</span>}
              </td>
            </tr>
          ))}
          {props.runs.length === 0 && <tr><td colSpan={9} className="empty">この月のバッチ実行の記録はありません。</td></tr>}
        </tbody>
      </table>
      {props.canRecord && props.nets.length > 0 && <RunForm runs={props.runs} nets={props.nets} onSaved={props.onSaved} go={props.go} />}
    </Panel>
  );
}

function RunForm(props: { runs: BatchRun[]; nets: JobNet[]; onSaved: () => void; go: Go }) {
  const now = msToLocalInput(Date.now());
  const [net, setNet] = useState(props.nets[0].id);
  const [plannedStart, setPlannedStart] = useState(now);
  const [plannedEnd, setPlannedEnd] = useState(now);
  const [started, setStarted] = useState(now);
  const [ended, setEnded] = useState(now);
  const [result, setResult] = useState<BatchResult>("normal");
  const [count, setCount] = useState("0");
  const [note, setNote] = useState("");
  const [rerunOf, setRerunOf] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  const candidates = awaitingRerun(props.runs).filter((r) => r.job_net_id === net);
  async function submit(e: FormEvent) {
    e.preventDefault();
    const processed = Number(count.normalize("NFKC"));
    if (!Number.isInteger(processed)) {
      setError({ code: "validation", message: "処理件数", fields: [
        { field: "processed_count", label: "処理件数", message: "処理件数は整数で入力してください。" }] });
      return;
    }
    setBusy(true);
    try {
      const recorded = await api.recordBatchRun({
        job_net_id: net, planned_start: localInputToIso(plannedStart), planned_end: localInputToIso(plannedEnd),
        started_at: localInputToIso(started), ended_at: localInputToIso(ended), result, processed_count: processed,
        note, rerun_of: rerunOf ? Number(rerunOf) : null,
      });
      setError(null);
      if (recorded.incident_id !== null) {
        props.go({ name: "incident", id: recorded.incident_id });
      } else {
        setNote("");
        setRerunOf("");
        props.onSaved();
      }
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form" id="run-form" onSubmit={submit} noValidate>
      <h3>バッチ実行の記録</h3>
      <p className="hint">異常終了を記録すると、ジョブ異常の障害（一次切り分け30分）が同時に起票されます。</p>
      <ErrorBanner error={error} />
      <div className="row">
        <Field id="run-net" label="ジョブネット" required error={f.job_net_id}>
          <select id="run-net" value={net} onChange={(e) => setNet(Number(e.target.value))}>
            {props.nets.filter((n) => n.active).map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
          </select>
        </Field>
        <Field id="run-result" label="結果" required error={f.result}>
          <select id="run-result" value={result} onChange={(e) => setResult(e.target.value as BatchResult)}>
            {options("batch_result").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </Field>
        <Field id="run-count" label="処理件数" required error={f.processed_count}>
          <input id="run-count" inputMode="numeric" value={count} onChange={(e) => setCount(e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <Field id="run-planned-start" label="予定開始" required error={f.planned_start}>
          <input id="run-planned-start" type="datetime-local" value={plannedStart} onChange={(e) => setPlannedStart(e.target.value)} />
        </Field>
        <Field id="run-planned-end" label="予定終了" required error={f.planned_end}>
          <input id="run-planned-end" type="datetime-local" value={plannedEnd} onChange={(e) => setPlannedEnd(e.target.value)} />
        </Field>
      </div>
      <div className="row">
        <Field id="run-started" label="実績開始" required error={f.started_at}>
          <input id="run-started" type="datetime-local" value={started} onChange={(e) => setStarted(e.target.value)} />
        </Field>
        <Field id="run-ended" label="実績終了" required error={f.ended_at}>
          <input id="run-ended" type="datetime-local" value={ended} onChange={(e) => setEnded(e.target.value)} />
        </Field>
        <Field id="run-rerun-of" label="再実行元" error={f.rerun_of} hint="異常終了した実行の再実行のときに選びます。">
          <select id="run-rerun-of" value={rerunOf} onChange={(e) => setRerunOf(e.target.value)}>
            <option value="">（なし）</option>
            {candidates.map((r) => <option key={r.id} value={r.id}>#{r.id} {shortDateTime(r.started_at)}</option>)}
          </select>
        </Field>
      </div>
      <Field id="run-note" label="備考" error={f.note} hint="異常終了のときはエラーの内容を入力してください。">
        <textarea id="run-note" rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
      </Field>
      <div className="actions">
        <button id="run-submit" className="btn primary" disabled={busy}>記録する</button>
      </div>
    </form>
  );
}

function WorkPanel({ work }: { work: WorkRecord[] }) {
  return (
    <Panel title="保守作業・リリース作業" id="ops-work">
      <table className="grid" id="ops-work-table">
        <thead><tr><th>作業</th><th>対象の変更</th><th>作業日時</th><th>作業内容</th><th>記録者</th></tr></thead>
        <tbody>
          {work.map((w) => (
            <tr key={w.id}>
              <td className="nowrap">{label("work_kind", w.kind)}</td>
              <td>#{w.change_id} {w.change_title}</td>
              <td className="nowrap small">{shortDateTime(w.started_at)} 〜 {shortDateTime(w.ended_at)}</td>
              <td className="small">{w.note}</td>
              <td className="small">{w.recorded_by_name}</td>
            </tr>
          ))}
          {work.length === 0 && <tr><td colSpan={5} className="empty">この月の作業記録はありません。</td></tr>}
        </tbody>
      </table>
    </Panel>
  );
}

/** The contractor's settings of the log: check items and job nets. */
function SettingsPanel({ nets, onSaved }: { nets: JobNet[]; onSaved: () => void }) {
  const [itemName, setItemName] = useState("");
  const [frequency, setFrequency] = useState<CheckFrequency>("open_day");
  const [netName, setNetName] = useState("");
  const [schedule, setSchedule] = useState<JobNetSchedule>("open_day");
  const [startTime, setStartTime] = useState("01:00");
  const [minutes, setMinutes] = useState("60");
  const [error, setError] = useState<AppError | null>(null);
  const f = fieldMessages(error);
  const today = msToLocalInput(Date.now()).slice(0, 10);
  async function run(action: () => Promise<unknown>) {
    try {
      await action();
      setError(null);
      onSaved();
    } catch (err) {
      setError(err as AppError);
    }
  }
  return (
    <Panel title="点検項目・ジョブネットの設定" id="ops-settings">
      <ErrorBanner error={error} />
      <form className="form" id="check-item-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        void run(() => api.addCheckItem({ name: itemName, frequency, since: today, active: true }));
      }}>
        <div className="row">
          <Field id="item-name" label="点検項目" required error={f.name}>
            <input id="item-name" value={itemName} onChange={(e) => setItemName(e.target.value)} />
          </Field>
          <Field id="item-frequency" label="頻度" required>
            <select id="item-frequency" value={frequency} onChange={(e) => setFrequency(e.target.value as CheckFrequency)}>
              {options("check_frequency").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
        </div>
        <div className="actions"><button id="item-submit" className="btn">点検項目を追加</button></div>
      </form>
      <p className="small muted">登録済みのジョブネット: {nets.map((n) => `${n.name}（${label("job_net_schedule", n.schedule)}）`).join("、") || "なし"}</p>
      <form className="form" id="job-net-form" noValidate onSubmit={(e) => {
        e.preventDefault();
        void run(() => api.addJobNet({
          name: netName, schedule, planned_start: `${startTime}:00`, planned_minutes: Number(minutes), active: true,
        }));
      }}>
        <div className="row">
          <Field id="net-name" label="ジョブネット名" required error={f.name}>
            <input id="net-name" value={netName} onChange={(e) => setNetName(e.target.value)} />
          </Field>
          <Field id="net-schedule" label="実行周期" required>
            <select id="net-schedule" value={schedule} onChange={(e) => setSchedule(e.target.value as JobNetSchedule)}>
              {options("job_net_schedule").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="net-start" label="予定開始時刻" required>
            <input id="net-start" type="time" value={startTime} onChange={(e) => setStartTime(e.target.value)} />
          </Field>
          <Field id="net-minutes" label="予定処理時間（分）" required error={f.planned_minutes}>
            <input id="net-minutes" inputMode="numeric" value={minutes} onChange={(e) => setMinutes(e.target.value)} />
          </Field>
        </div>
        <div className="actions"><button id="net-submit" className="btn">ジョブネットを追加</button></div>
      </form>
    </Panel>
  );
}
