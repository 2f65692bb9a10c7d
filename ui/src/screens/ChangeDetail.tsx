import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  AppError, ChangeAction, ChangeDetail, ChangeOutcome, ChangeResult, ClashAcknowledgement, FieldError, Office,
} from "../api/types";
import { ask } from "../components/ask";
import { coarseSpanText } from "../lib/countdown";
import { ErrorBanner, Field, Panel, StatusBadge, DateEcho } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import { localInputToIso } from "../lib/wareki";
import { label } from "../lib/labels";
import { tokyoParts, warekiDateTime, warekiMonth, windowText } from "../lib/wareki";
import { MonthGrid } from "./Calendar";
import type { Go } from "../nav";

export function ChangeDetailScreen({ id, go, offices }: { id: number; go: Go; offices: Office[] }) {
  const [d, setD] = useState<ChangeDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(() => {
    api.changeDetail(id).then(setD).catch(setError);
  }, [id]);
  useEffect(load, [load]);

  /** Runs a step; answers whether it went through (a refusal is shown, its fields at the form). */
  async function step(action: ChangeAction, comment: string, clashes?: ClashAcknowledgement): Promise<boolean> {
    if (!d) return false;
    setBusy(true);
    try {
      await api.decideChange(id, d.change.version, action, comment, clashes);
      setError(null);
      load();
      return true;
    } catch (e) {
      setError(e as AppError);
      return false;
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
  const can = (a: ChangeAction) => d.allowed_actions.includes(a);
  const deciding = can("approve") || can("reject") || can("send_back");
  const fields = fieldMessages(error);
  const startParts = tokyoParts(p.window_start);

  return (
    <div className="page" id="change-detail" data-status={c.status}>
      <button className="btn link back" onClick={() => go({ name: "changes" })}>← 変更一覧へ</button>
      <div className="detail-head">
        <h1 className="page-title"><span className="num">#{c.id}</span> {p.title}</h1>
        <StatusBadge group="change_status" code={c.status} />
      </div>
      {!deciding && <ErrorBanner error={error} />}
      <div className="detail-grid">
        <div className="main-col">
          <Panel title="変更の内容">
            <dl className="props">
              <dt>種別</dt>
              <dd>{label("change_kind", p.kind)}{p.outage_reason && `（${label("outage_reason", p.outage_reason)}）`}{p.release_kind && `（${label("release_kind", p.release_kind)}）`}</dd>
              <dt>実施予定</dt><dd id="change-window">{windowText(p.window_start, p.window_end)}<StartsIn start={p.window_start} /></dd>
              <dt>影響システム</dt><dd>{p.affected_systems}</dd>
              <dt>影響事務所</dt><dd>{officeNames}</dd>
              <dt>起案</dt><dd>{c.proposed_by_name}（{warekiDateTime(c.created_at)}）</dd>
            </dl>
            <h3>説明</h3><div className="body-text">{p.description}</div>
            <h3>業務への影響（職員へのお知らせに載ります）</h3><div className="body-text" id="change-impact">{p.impact}</div>
            <h3>切り戻し手順</h3><div className="body-text">{p.rollback_plan}</div>
            {p.test_verification && (<><h3>テスト環境での確認</h3><div className="body-text">{p.test_verification}</div></>)}
            {p.instruction_ref && (<><h3>指示書</h3><div className="body-text">{p.instruction_ref}</div></>)}
          </Panel>
          {deciding && (
            <Panel title={`${warekiMonth(startParts.y, startParts.m)}の予定（承認待ち・承認済の作業、開庁日と祝日）`} id="change-month">
              <MonthGrid y={startParts.y} m={startParts.m} statuses={["submitted", "approved", "done"]}
                highlight={c.id} id="change-calendar" />
            </Panel>
          )}
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
              <p><strong>{label("change_action", c.decision.step)}</strong>　{c.decision.approver_name}</p>
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
          {can("complete") && <ResultForm id={id} version={c.version} onDone={load} />}
          {deciding && (
            <ApprovalForm detail={d} officeNames={officeNames} busy={busy} error={error} fields={fields} onStep={step} />
          )}
          {can("revoke") && (
            <ReasonForm id="revoke" title="承認の取消" label="承認取消の理由" danger busy={busy}
              hint="作業の開始前に限り、承認を取り消して受託者に戻せます。職員へのお知らせも取り下げられます。"
              button="承認を取り消す" error={fields.comment} onSubmit={(reason) => step("revoke", reason)} />
          )}
          {(can("submit") || can("withdraw")) && (
            <Panel title="操作" id="decide-panel">
              <div className="action-buttons">
                {can("submit") && (
                  <button id="change-submit" className="btn primary" disabled={busy} onClick={() => void step("submit", "")}>
                    承認を申請する
                  </button>
                )}
              </div>
              {can("withdraw") && (
                <ReasonForm id="withdraw" title="" label="取下げの理由（任意）" busy={busy} optional
                  button="取り下げる" error={fields.comment} onSubmit={(reason) => step("withdraw", reason)} />
              )}
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

/** 「開始まで 3日」 beside the window: how soon the work begins. */
function StartsIn({ start }: { start: string }) {
  const secs = (Date.parse(start) - Date.now()) / 1000;
  if (secs <= 0) return null;
  return <span className="starts-in" id="change-starts-in">開始まで {coarseSpanText(secs)}</span>;
}

/**
 * The approver's decision: 承認, 差戻し or 却下, each with its own text (a comment for an
 * approval, the reason for the others). Clashes must be acknowledged before approving, and
 * the approval is confirmed in a dialog naming the window and the offices told.
 */
function ApprovalForm(props: {
  detail: ChangeDetail;
  officeNames: string;
  busy: boolean;
  error: AppError | null;
  fields: Record<string, string>;
  onStep: (a: ChangeAction, comment: string, clashes?: ClashAcknowledgement) => Promise<boolean>;
}) {
  const { detail: d } = props;
  const choices = (["approve", "send_back", "reject"] as ChangeAction[]).filter((a) => d.allowed_actions.includes(a));
  const [choice, setChoice] = useState<ChangeAction>(choices[0]);
  const [text, setText] = useState("");
  const [acknowledged, setAcknowledged] = useState(false);
  const [local, setLocal] = useState<AppError | null>(null);
  const clashes = d.conflict_messages.length;
  const needsReason = choice !== "approve";
  const textLabel = choice === "approve" ? "承認コメント（任意）" : choice === "send_back" ? "差戻しの理由" : "却下の理由";
  const shown = local ?? props.error;
  const f = local ? fieldMessages(local) : props.fields;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const problems: FieldError[] = [];
    if (needsReason && !text.trim()) {
      problems.push({ field: "comment", label: textLabel, message: `${textLabel}を入力してください。`, row: null });
    }
    if (choice === "approve" && clashes > 0 && !acknowledged) {
      problems.push({ field: "acknowledge", label: "競合の確認", message: `競合が${clashes}件あります。内容を確認してチェックしてください。`, row: null });
    }
    if (problems.length > 0) {
      setLocal({ code: "validation", message: "入力内容を確認してください。", fields: problems });
      return;
    }
    setLocal(null);
    if (choice === "approve") {
      const p = d.change.proposal;
      const yes = await ask({
        title: "承認の確認",
        message: `「${p.title}」を承認します。\n実施予定：${windowText(p.window_start, p.window_end)}\n`
          + `お知らせする事務所：${props.officeNames}`
          + (clashes > 0 ? `\n競合 ${clashes} 件を確認のうえ承認します。` : ""),
        choices: [
          { value: "approve", label: "承認する", primary: true },
          { value: "cancel", label: "やめる" },
        ],
        cancel: "cancel",
      });
      if (yes !== "approve") return;
    }
    if (await props.onStep(choice, text, acknowledged ? "acknowledged" : "unacknowledged")) setText("");
  }

  return (
    <Panel title="承認の判断" id="approval-panel">
      <form onSubmit={submit} noValidate id="approval-form">
        <ErrorBanner error={shown} />
        <fieldset className="choice-list" id="decision-choices">
          <legend>判断</legend>
          {choices.map((a) => (
            <label key={a} className="check">
              <input type="radio" name="decision-step" id={`decision-${a}`} value={a} checked={choice === a}
                onChange={() => setChoice(a)} />
              {label("change_action", a)}
            </label>
          ))}
        </fieldset>
        {choice === "approve" && clashes > 0 && (
          <Field id="decision-acknowledge" label="競合の確認" required error={f.acknowledge}>
            <label className="check">
              <input type="checkbox" id="decision-acknowledge" checked={acknowledged}
                onChange={(e) => setAcknowledged(e.target.checked)} />
              上の競合 {clashes} 件を確認した
            </label>
          </Field>
        )}
        <Field id="decision-comment" label={textLabel} required={needsReason} error={f.comment}
          hint={choice === "send_back" ? "受託者に戻り、直して再申請されます。" : choice === "reject" ? "却下は最終の判断です。直せば足りる場合は差戻しを選んでください。" : undefined}>
          <textarea id="decision-comment" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
        </Field>
        <div className="actions">
          <button id="decision-submit" type="submit" disabled={props.busy}
            className={choice === "approve" ? "btn primary" : choice === "reject" ? "btn danger" : "btn"}>
            {choice === "approve" ? "承認する…" : choice === "send_back" ? "差し戻す" : "却下する"}
          </button>
        </div>
      </form>
    </Panel>
  );
}

/** One step that takes a reason, with its own labelled field. */
function ReasonForm(props: {
  id: string; title: string; label: string; hint?: string; button: string; busy: boolean;
  danger?: boolean; optional?: boolean; error?: string; onSubmit: (reason: string) => Promise<boolean>;
}) {
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  const body = (
    <form noValidate id={`${props.id}-form`} onSubmit={async (e) => {
      e.preventDefault();
      if (!props.optional && !reason.trim()) {
        setMissing(true);
        return;
      }
      setMissing(false);
      if (await props.onSubmit(reason)) setReason("");
    }}>
      <Field id={`${props.id}-reason`} label={props.label} required={!props.optional} hint={props.hint}
        error={missing ? `${props.label}を入力してください。` : props.error}>
        <textarea id={`${props.id}-reason`} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <div className="actions">
        <button id={`change-${props.id}`} type="submit" disabled={props.busy} className={props.danger ? "btn danger" : "btn"}>
          {props.button}
        </button>
      </div>
    </form>
  );
  return props.title ? <Panel title={props.title} id={`${props.id}-panel`}>{body}</Panel> : body;
}

/** 実施結果の登録（承認済の変更を実施した後、受託者が入力）. */
function ResultForm({ id, version, onDone }: { id: number; version: number; onDone: () => void }) {
  const [outcome, setOutcome] = useState<ChangeOutcome>("succeeded");
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
        <select id="res-outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as ChangeOutcome)}>
          {options("change_outcome").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
        </select>
      </Field>
      <Field id="res-start" label="実施開始" required error={f.executed_start}>
        <input id="res-start" type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} />
        <DateEcho value={start} />
      </Field>
      <Field id="res-end" label="実施終了" required error={f.executed_end}>
        <input id="res-end" type="datetime-local" value={end} onChange={(e) => setEnd(e.target.value)} />
        <DateEcho value={end} />
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
