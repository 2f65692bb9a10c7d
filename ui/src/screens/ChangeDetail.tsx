import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, ChangeAction, ChangeDetail, ChangeResult, Office } from "../api/types";
import { ErrorBanner, Field, Panel, StatusBadge } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import { localInputToIso } from "../lib/wareki";
import { label } from "../lib/labels";
import { warekiDateTime, windowText } from "../lib/wareki";
import type { Go } from "../nav";

export function ChangeDetailScreen({ id, go, offices }: { id: number; go: Go; offices: Office[] }) {
  const [d, setD] = useState<ChangeDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [comment, setComment] = useState("");
  const [commentError, setCommentError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.changeDetail(id).then(setD).catch(setError);
  }, [id]);
  useEffect(load, [load]);

  async function decide(step: ChangeAction) {
    if (!d) return;
    if (step === "reject" && !comment.trim()) {
      setCommentError("却下する場合は理由をコメントに入力してください。");
      return;
    }
    setCommentError(null);
    setBusy(true);
    try {
      await api.decideChange(id, d.change.version, step, comment);
      setComment("");
      setError(null);
      load();
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  if (!d) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const c = d.change;
  const p = c.proposal;
  const officeNames = p.affected_offices.length === 0
    ? "全事務所"
    : p.affected_offices.map((code) => offices.find((o) => o.code === code)?.name ?? code).join("、");
  const decisionSteps = d.allowed_actions.filter((a) => a !== "complete");
  const deciding = decisionSteps.includes("approve") || decisionSteps.includes("reject");

  return (
    <div className="page" id="change-detail" data-status={c.status}>
      <button className="btn link back" onClick={() => go({ name: "changes" })}>← 変更一覧へ</button>
      <div className="detail-head">
        <h1 className="page-title"><span className="num">#{c.id}</span> {p.title}</h1>
        <StatusBadge group="change_status" code={c.status} />
      </div>
      <ErrorBanner error={error} />
      <div className="detail-grid">
        <div className="main-col">
          <Panel title="変更の内容">
            <dl className="props">
              <dt>種別</dt>
              <dd>{label("change_kind", p.kind)}{p.outage_reason && `（${label("outage_reason", p.outage_reason)}）`}{p.release_kind && `（${label("release_kind", p.release_kind)}）`}</dd>
              <dt>実施予定</dt><dd id="change-window">{windowText(p.window_start, p.window_end)}</dd>
              <dt>影響システム</dt><dd>{p.affected_systems}</dd>
              <dt>影響事務所</dt><dd>{officeNames}</dd>
              <dt>起案</dt><dd>{c.proposed_by_name}（{warekiDateTime(c.created_at)}）</dd>
            </dl>
            <h3>説明</h3><div className="body-text">{p.description}</div>
            <h3>業務への影響</h3><div className="body-text">{p.impact}</div>
            <h3>切り戻し手順</h3><div className="body-text">{p.rollback_plan}</div>
            {p.test_verification && (<><h3>テスト環境での確認</h3><div className="body-text">{p.test_verification}</div></>)}
            {p.instruction_ref && (<><h3>指示書</h3><div className="body-text">{p.instruction_ref}</div></>)}
          </Panel>
        </div>
        <div className="side-col">
          <Panel title="競合チェック" id="conflicts">
            {d.conflict_messages.length === 0 ? (
              <div className="ok-line">サービス時間・他の変更との重なりはありません。</div>
            ) : (
              <ul className="conflicts">
                {d.conflict_messages.map((m, i) => <li key={i} className="conflict">⚠ {m}</li>)}
              </ul>
            )}
          </Panel>
          {c.decision && (
            <Panel title="判断" id="decision">
              <p><strong>{c.decision.approved ? "承認" : "却下"}</strong>　{c.decision.approver_name}</p>
              <p className="muted small">{warekiDateTime(c.decision.at)}</p>
              {c.decision.comment && <div className="body-text">{c.decision.comment}</div>}
            </Panel>
          )}
          {c.result && (
            <Panel title="実施結果" id="result">
              <p><strong>{label("change_outcome", c.result.result.outcome)}</strong>　{c.result.recorded_by_name}</p>
              <p className="small">{windowText(c.result.result.executed_start, c.result.result.executed_end)}</p>
              {c.result.result.notes && <div className="body-text">{c.result.result.notes}</div>}
            </Panel>
          )}
          {d.allowed_actions.includes("complete") && (
            <ResultForm id={id} version={c.version} onDone={load} />
          )}
          <Panel title={deciding ? "承認・却下" : "操作"} id="decide-panel">
            {decisionSteps.length === 0 ? (
              <p className="muted">この変更に対して行える操作はありません。</p>
            ) : (
              <>
                <Field id="decision-comment" label="コメント" error={commentError ?? undefined}
                  hint={deciding ? "却下するときは理由の入力が必要です。" : "取下げの理由などを記入します（任意）。"}>
                  <textarea id="decision-comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
                </Field>
                <div className="action-buttons">
                  {decisionSteps.map((a) => (
                    <button key={a} id={`change-${a}`} disabled={busy}
                      className={a === "approve" ? "btn primary" : a === "reject" ? "btn danger" : "btn"}
                      onClick={() => decide(a)}>
                      {label("change_action", a)}
                    </button>
                  ))}
                </div>
              </>
            )}
          </Panel>
        </div>
      </div>
    </div>
  );
}

/** 実施結果の登録（承認済の変更を実施した後、受託者が入力）. */
function ResultForm({ id, version, onDone }: { id: number; version: number; onDone: () => void }) {
  const [outcome, setOutcome] = useState("succeeded");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [notes, setNotes] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const f = fieldMessages(error);
  async function submit() {
    const result: ChangeResult = {
      outcome, executed_start: localInputToIso(start), executed_end: localInputToIso(end), notes,
    };
    if (!result.executed_start || !result.executed_end) {
      setError({
        code: "validation", message: "実施日時を入力してください。",
        fields: [
          ...(!result.executed_start ? [{ field: "executed_start", label: "実施開始", message: "実施開始を入力してください。" }] : []),
          ...(!result.executed_end ? [{ field: "executed_end", label: "実施終了", message: "実施終了を入力してください。" }] : []),
        ],
      });
      return;
    }
    try {
      await api.completeChange(id, version, result);
      setError(null);
      onDone();
    } catch (e) {
      setError(e as AppError);
    }
  }
  return (
    <Panel title="実施結果の登録" id="result-form">
      <ErrorBanner error={error} />
      <Field id="res-outcome" label="結果" required error={f.outcome}>
        <select id="res-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value)}>
          {options("change_outcome").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
        </select>
      </Field>
      <Field id="res-start" label="実施開始" required error={f.executed_start}>
        <input id="res-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
      </Field>
      <Field id="res-end" label="実施終了" required error={f.executed_end}>
        <input id="res-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
      </Field>
      <Field id="res-notes" label="特記事項" error={f.notes}>
        <textarea id="res-notes" rows={3} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>
      <div className="actions">
        <button id="res-submit" className="btn primary" onClick={submit}>実施結果を登録</button>
      </div>
    </Panel>
  );
}
