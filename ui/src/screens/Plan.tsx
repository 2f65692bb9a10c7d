import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, PlanSection, PlanSectionState, PlanSectionVersion, Session } from "../api/types";
import { DraftBanner, ErrorBanner, Field, Panel } from "../components/ui";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { fieldMessages } from "../lib/errors";
import { label } from "../lib/labels";
import { useDraft } from "../lib/useDraft";
import { warekiDateTime } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import "../register.css";

/** 運用保守計画書: the nine sections, each with its versions; the contractor writes them. */
export function PlanScreen({ go, session }: { go: Go; session: Session }) {
  const [plan, setPlan] = useState<PlanSectionState[] | null>(null);
  const [selected, setSelected] = useState<PlanSection>("policy");
  const [error, setError] = useState<AppError | null>(null);
  const reload = useCallback(() => api.operationPlan().then(setPlan).catch(setError), []);
  useEffect(() => void reload(), [reload]);
  if (!plan) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const state = plan.find((s) => s.section === selected) ?? plan[0];
  return (
    <div className="page" id="plan">
      <div className="page-head">
        <h1 className="page-title">運用保守計画書</h1>
        <button className="btn" id="plan-contract" onClick={() => go({ name: "contract", from: "plan" })}>契約情報</button>
      </div>
      <ErrorBanner error={error} />
      <div className="plan-layout">
        <nav aria-label="章">
          <ol className="plan-toc" id="plan-toc">
            {plan.map((s) => (
              <li key={s.section}>
                <button id={`plan-section-${s.section}`} className={s.section === state.section ? "active" : ""}
                  aria-current={s.section === state.section ? "true" : undefined} onClick={() => setSelected(s.section)}>
                  {s.number}. {label("plan_section", s.section)}
                  <span className="toc-meta">
                    {s.current
                      ? `第${s.current.version}版・${s.current.edited_by_name}・${warekiDateTime(s.current.edited_at)}`
                      : "未作成"}
                  </span>
                </button>
              </li>
            ))}
          </ol>
        </nav>
        <SectionView key={state.section} state={state} session={session} reload={reload} />
      </div>
    </div>
  );
}

function SectionView(props: { state: PlanSectionState; session: Session; reload: () => Promise<unknown> }) {
  const { state, session } = props;
  const canEdit = session.actor.role === "contractor";
  const current = state.current;
  const [history, setHistory] = useState<PlanSectionVersion[]>([]);
  const [shown, setShown] = useState<PlanSectionVersion | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The text being written survives a lost connection or a closed window; the version it
  // started from goes with it so a save over someone else's newer version is refused.
  const base = { content: current?.content ?? "", version: current?.version ?? 0 };
  // Bumped when the queue has sent a kept edit, to read the history again.
  const [sent, setSent] = useState(0);
  const draft = useDraft(session.actor.login, `plan-${state.section}`, base, () => {
    setEditing(false);
    setSent((n) => n + 1);
    void props.reload();
  });
  // A kept draft reopens the editor.
  const [editing, setEditing] = useState(() => JSON.stringify(draft.value) !== JSON.stringify(base));
  const loadHistory = useCallback(
    () => api.planSectionHistory(state.section).then(setHistory).catch(setError),
    [state.section],
  );
  useEffect(() => void loadHistory(), [loadHistory, sent]);
  const f = fieldMessages(error);
  const title = `${state.number}. ${label("plan_section", state.section)}`;

  async function save(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const v = await api.savePlanSection(state.section, draft.value.version, draft.value.content, draft.key);
      draft.clear();
      setEditing(false);
      setError(null);
      setShown(null);
      setNotice(`第${v}版として保存しました。`);
      await Promise.all([props.reload(), loadHistory()]);
    } catch (err) {
      if (isUnavailable(err)) {
        draft.queue({
          kind: "save_plan_section",
          args: { section: state.section, currentVersion: draft.value.version, content: draft.value.content },
        });
        setError(null);
      } else {
        setError(err as AppError);
      }
    } finally {
      setBusy(false);
    }
  }
  const viewing = shown ?? current;
  return (
    <div id="plan-section">
      <Panel title={title} id="plan-section-panel" actions={
        canEdit && !editing ? (
          <button className="btn small" id="plan-edit" onClick={() => { setEditing(true); setNotice(null); draft.set(base); }}>
            編集
          </button>
        ) : undefined
      }>
        {notice && <div className="banner info" id="plan-saved">{notice}</div>}
        {editing ? (
          <form onSubmit={save} noValidate id="plan-form">
            <DraftBanner queued={draft.queued} refusal={draft.refusal} text={DRAFT_KEPT} />
            <ErrorBanner error={error} />
            {error?.code === "stale" && (
              <div className="actions">
                <button type="button" className="btn" id="plan-reload" onClick={() => {
                  draft.clear();
                  setEditing(false);
                  setError(null);
                  void Promise.all([props.reload(), loadHistory()]);
                }}>
                  最新の版を読み込む（この編集は破棄）
                </button>
              </div>
            )}
            <Field id="plan-content" label="本文" required error={f.content}
              hint={`第${draft.value.version}版をもとに編集しています。保存すると第${draft.value.version + 1}版になります。`}>
              <textarea id="plan-content" rows={18} value={draft.value.content}
                onChange={(e) => draft.set({ ...draft.value, content: e.target.value })} />
            </Field>
            <div className="actions">
              <button type="button" className="btn" id="plan-cancel"
                onClick={() => { draft.clear(); draft.set(base); setEditing(false); setError(null); }}>
                キャンセル
              </button>
              <button className="btn primary" id="plan-save" disabled={busy}>保存する（新しい版）</button>
            </div>
          </form>
        ) : viewing ? (
          <>
            <p className="muted" id="plan-version-meta">
              {shown && shown.version !== current?.version ? "過去の版を表示しています：" : "現在の版："}
              第{viewing.version}版（{viewing.edited_by_name}・{warekiDateTime(viewing.edited_at)}）
              {shown && shown.version !== current?.version && (
                <button className="btn link" id="plan-show-current" onClick={() => setShown(null)}>現在の版に戻る</button>
              )}
            </p>
            <div className="body-text"><pre className="plan-text" id="plan-text">{viewing.content}</pre></div>
          </>
        ) : (
          <p className="muted" id="plan-text">この章はまだ作成されていません。</p>
        )}
      </Panel>
      <Panel title="版の履歴" id="plan-history">
        <table className="grid plan-history">
          <thead><tr><th>版</th><th>更新者</th><th>更新日時</th><th>文字数</th><th /></tr></thead>
          <tbody>
            {history.map((h) => (
              <tr key={h.version} className={h.version === viewing?.version ? "current" : ""}>
                <td className="num">第{h.version}版{h.version === current?.version && <span className="tag ok">現在</span>}</td>
                <td>{h.edited_by_name}</td>
                <td className="nowrap">{warekiDateTime(h.edited_at)}</td>
                <td className="num">{[...h.content].length.toLocaleString("ja-JP")}</td>
                <td>
                  <button className="btn small" id={`plan-version-${h.version}`} disabled={editing}
                    onClick={() => setShown(h)}>表示</button>
                </td>
              </tr>
            ))}
            {history.length === 0 && <tr><td colSpan={5} className="empty">まだ保存された版はありません。</td></tr>}
          </tbody>
        </table>
      </Panel>
    </div>
  );
}
