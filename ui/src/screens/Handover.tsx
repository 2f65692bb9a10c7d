import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  AppError, HandoverParty, HandoverPlanDraft, HandoverPlanStatus, HandoverPlanView, Session,
} from "../api/types";
import { ExportResult, useExport } from "../components/exporting";
import { DateEcho, ErrorBanner, Field, Panel } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { warekiDate, warekiDateTime } from "../lib/wareki";
import { Progress } from "./Deliverables";
import "../records.css";

const PARTIES: Record<HandoverParty, string> = { city: "本市", contractor: "受託者", next_contractor: "次期受託者" };
const STATUS: Record<HandoverPlanStatus, string> = {
  draft: "作成中", submitted: "提出済（承認待ち）", approved: "承認済", returned: "差戻し",
};

function emptyPlan(): HandoverPlanDraft {
  return {
    next_contractor: "",
    members: (Object.keys(PARTIES) as HandoverParty[]).map((party) => ({ party, name: "", role: "" })),
    schedule: [{ what: "", from: "", to: "", who: "contractor" }],
    notes: "",
  };
}

/**
 * 引継ぎ: the handover plan (the contractor drafts and submits it, the section approves or
 * returns it with a reason) and the handover package for the next contractor.
 */
export function HandoverScreen({ session }: { session: Session }) {
  const [view, setView] = useState<HandoverPlanView | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<HandoverPlanDraft | null>(null);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [started, setStarted] = useState(0);
  const exported = useExport();
  const pdf = useExport();
  const reload = useCallback(() => api.handoverPlan().then(setView).catch(setError), []);
  useEffect(() => void reload(), [reload]);
  if (!view) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;

  const role = session.actor.role;
  const current = view.current;
  const f = fieldMessages(error);

  async function act(done: string, run: () => Promise<unknown>) {
    setBusy(true);
    setNotice(null);
    try {
      await run();
      setError(null);
      setNotice(done);
      await reload();
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  async function save(e: FormEvent) {
    e.preventDefault();
    if (!editing) return;
    await act("引継計画書を保存しました。", async () => {
      const v = await api.saveHandoverPlan(current?.version ?? 0, editing);
      setEditing(null);
      return v;
    });
  }

  const plan = editing;
  const setPlan = (p: HandoverPlanDraft) => setEditing(p);
  return (
    <div className="page" id="handover">
      <div className="page-head">
        <h1 className="page-title">引継ぎ</h1>
      </div>
      <ErrorBanner error={error} />
      {notice && <div className="banner info" role="status" id="handover-notice">{notice}</div>}
      <Panel title="引継計画書" id="handover-plan" actions={
        current && <button className="btn small" id="handover-plan-pdf" disabled={pdf.busy}
          onClick={() => void pdf.run(() => api.renderHandoverPlan())}>PDFを保存…</button>
      }>
        <ExportResult what="引継計画書" state={pdf} />
        <p className="small muted">
          引継期間は最大6か月、{warekiDate(view.deadline)}（年度の2月末）までに完了します。承認前のPDFには「案」が付きます。
        </p>
        {current ? (
          <p id="handover-status">
            第{current.version}版：<span className={current.status === "approved" ? "tag ok" : "tag"}>{STATUS[current.status]}</span>
            （{current.edited_by_name}・{warekiDateTime(current.edited_at)}）
            {view.approved && view.approved.version !== current.version && `　承認済の版：第${view.approved.version}版`}
          </p>
        ) : (
          <p className="muted" id="handover-status">引継計画書はまだ作成されていません。</p>
        )}
        {current?.status === "returned" && current.return_reason && (
          <div className="banner warn" role="note" id="handover-return-reason">差戻しの理由：{current.return_reason}</div>
        )}
        {plan ? (
          <form onSubmit={save} noValidate id="handover-form">
            <Field id="handover-next" label="次期受託者" required error={f.next_contractor}>
              <input id="handover-next" value={plan.next_contractor}
                onChange={(e) => setPlan({ ...plan, next_contractor: e.target.value })} />
            </Field>
            <fieldset className="field" id="handover-members">
              <legend>引継体制・役割</legend>
              {f.members && <p className="field-error">{f.members}</p>}
              {plan.members.map((m, i) => (
                <div className="row" key={i}>
                  <select aria-label={`体制${i + 1}の区分`} value={m.party}
                    onChange={(e) => setPlan({ ...plan, members: plan.members.map((x, j) => j === i ? { ...x, party: e.target.value as HandoverParty } : x) })}>
                    {Object.entries(PARTIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                  </select>
                  <input aria-label={`体制${i + 1}の組織・氏名`} id={`handover-member-name-${i}`} value={m.name} placeholder="組織・氏名"
                    onChange={(e) => setPlan({ ...plan, members: plan.members.map((x, j) => j === i ? { ...x, name: e.target.value } : x) })} />
                  <input aria-label={`体制${i + 1}の役割`} id={`handover-member-role-${i}`} value={m.role} placeholder="役割"
                    onChange={(e) => setPlan({ ...plan, members: plan.members.map((x, j) => j === i ? { ...x, role: e.target.value } : x) })} />
                  <button type="button" className="btn small" onClick={() => setPlan({ ...plan, members: plan.members.filter((_, j) => j !== i) })}>
                    削除
                  </button>
                </div>
              ))}
              <button type="button" className="btn small" id="handover-add-member"
                onClick={() => setPlan({ ...plan, members: [...plan.members, { party: "contractor", name: "", role: "" }] })}>
                体制を追加
              </button>
            </fieldset>
            <fieldset className="field" id="handover-schedule">
              <legend>引継スケジュール</legend>
              {(f.schedule || f.period) && <p className="field-error" id="handover-period-error">{[f.schedule, f.period].filter(Boolean).join(" ")}</p>}
              {plan.schedule.map((s, i) => {
                const set = (x: Partial<typeof s>) =>
                  setPlan({ ...plan, schedule: plan.schedule.map((y, j) => j === i ? { ...y, ...x } : y) });
                return (
                  <div className="row" key={i}>
                    <input aria-label={`${i + 1}行目の作業内容`} id={`handover-what-${i}`} value={s.what} placeholder="作業内容"
                      onChange={(e) => set({ what: e.target.value })} />
                    <span>
                      <input type="date" aria-label={`${i + 1}行目の開始日`} id={`handover-from-${i}`} value={s.from}
                        onChange={(e) => set({ from: e.target.value })} />
                      <DateEcho value={s.from} />
                    </span>
                    <span>
                      <input type="date" aria-label={`${i + 1}行目の終了日`} id={`handover-to-${i}`} value={s.to}
                        onChange={(e) => set({ to: e.target.value })} />
                      <DateEcho value={s.to} />
                    </span>
                    <select aria-label={`${i + 1}行目の担当`} value={s.who} onChange={(e) => set({ who: e.target.value as HandoverParty })}>
                      {Object.entries(PARTIES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
                    </select>
                    <button type="button" className="btn small" onClick={() => setPlan({ ...plan, schedule: plan.schedule.filter((_, j) => j !== i) })}>
                      削除
                    </button>
                  </div>
                );
              })}
              <button type="button" className="btn small" id="handover-add-item"
                onClick={() => setPlan({ ...plan, schedule: [...plan.schedule, { what: "", from: "", to: "", who: "contractor" }] })}>
                行を追加
              </button>
            </fieldset>
            <Field id="handover-notes" label="引継内容・留意事項" error={f.notes}>
              <textarea id="handover-notes" rows={5} value={plan.notes} onChange={(e) => setPlan({ ...plan, notes: e.target.value })} />
            </Field>
            <div className="actions">
              <button type="button" className="btn" id="handover-cancel" onClick={() => { setEditing(null); setError(null); }}>キャンセル</button>
              <button className="btn primary" id="handover-save" disabled={busy}>保存する（新しい版）</button>
            </div>
          </form>
        ) : current && (
          <PlanSummary plan={current.plan} />
        )}
        {!plan && role === "contractor" && (
          <div className="actions">
            {current?.status !== "submitted" && (
              <button className="btn" id="handover-edit" onClick={() => { setNotice(null); setEditing(current ? structuredClone(current.plan) : emptyPlan()); }}>
                {current ? "編集" : "作成"}
              </button>
            )}
            {current && (current.status === "draft" || current.status === "returned") && (
              <button className="btn primary" id="handover-submit" disabled={busy}
                onClick={() => void act("引継計画書を提出しました。", () => api.submitHandoverPlan(current.version))}>
                担当課へ提出
              </button>
            )}
          </div>
        )}
        {role === "chief" && current?.status === "submitted" && (
          <div id="handover-decision">
            <Field id="handover-reason" label="差戻しの理由" error={f.reason} hint="差し戻すときは理由を記入します。">
              <textarea id="handover-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />
            </Field>
            <div className="actions">
              <button className="btn" id="handover-return" disabled={busy}
                onClick={() => void act("引継計画書を差し戻しました。", () => api.decideHandoverPlan(current.version, { kind: "return", reason }))}>
                差戻し
              </button>
              <button className="btn primary" id="handover-approve" disabled={busy}
                onClick={() => void act("引継計画書を承認しました。", () => api.decideHandoverPlan(current.version, { kind: "approve" }))}>
                承認
              </button>
            </div>
          </div>
        )}
      </Panel>
      {role === "contractor" && (
        <Panel title="引継資料（ディスクイメージ）" id="handover-package">
          <p className="small muted">
            全記録の Excel（依頼・変更・障害・会議・課題・運用・アカウント・監査ログ）、納品物のPDF、添付ファイル、監査ログの検証結果、
            引継書と引継計画書、MANIFEST（SHA-256）を1枚のイメージにします。CD-Rに収まらないときはDVD-R用になります。
          </p>
          <button className="btn primary" id="handover-export" disabled={exported.busy}
            onClick={() => { setStarted(Date.now()); void exported.run((bulk) => api.buildHandoverPackage(bulk)); }}>
            作成して保存…
          </button>
          {exported.busy && <Progress job={{ what: "引継資料", started }} />}
          <ExportResult what="引継資料" state={exported} />
        </Panel>
      )}
    </div>
  );
}

function PlanSummary({ plan }: { plan: HandoverPlanDraft }) {
  return (
    <div id="handover-summary">
      <p>次期受託者：{plan.next_contractor}</p>
      <table className="grid">
        <caption>引継体制・役割</caption>
        <thead><tr><th>区分</th><th>組織・氏名</th><th>役割</th></tr></thead>
        <tbody>
          {plan.members.map((m, i) => <tr key={i}><td>{PARTIES[m.party]}</td><td>{m.name}</td><td>{m.role}</td></tr>)}
        </tbody>
      </table>
      <table className="grid" id="handover-schedule-table">
        <caption>引継スケジュール</caption>
        <thead><tr><th>作業内容</th><th>開始</th><th>終了</th><th>担当</th></tr></thead>
        <tbody>
          {plan.schedule.map((s, i) => (
            <tr key={i}><td>{s.what}</td><td className="nowrap">{warekiDate(s.from)}</td><td className="nowrap">{warekiDate(s.to)}</td><td>{PARTIES[s.who]}</td></tr>
          ))}
        </tbody>
      </table>
      {plan.notes && <div className="body-text"><pre className="plan-text">{plan.notes}</pre></div>}
    </div>
  );
}
