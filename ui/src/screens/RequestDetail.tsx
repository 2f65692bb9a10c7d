import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, Assignee, Office, RequestAction, RequestDetail } from "../api/types";
import { DraftBanner, ErrorBanner, Field, Panel, StatusBadge } from "../components/ui";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { useDraft } from "../lib/useDraft";
import { fieldMessages } from "../lib/errors";
import { label } from "../lib/labels";
import { warekiDateTime } from "../lib/wareki";
import type { Go } from "../nav";

/** History entries other than status changes. */
const EVENT_TEXT: Record<string, string> = {
  filed: "起票", comment: "コメント", attachment: "添付ファイルを追加", assigned: "担当者を変更",
};

/** Steps that need text, and what the text box is called for each. */
const TEXT_FOR: Partial<Record<RequestAction, string>> = {
  answer: "回答",
  send_back: "差戻しの理由",
  reopen: "再開の理由",
  withdraw: "取下げの理由",
};

export function RequestDetailScreen(props: { id: number; go: Go; offices: Office[]; user: string }) {
  const { id, go, offices, user } = props;
  const [d, setD] = useState<RequestDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [savedTo, setSavedTo] = useState<string | null>(null);

  const load = useCallback(() => {
    api.requestDetail(id).then(setD).catch(setError);
  }, [id]);
  useEffect(load, [load]);
  // Answer/reason and comment are kept as drafts (sent later if the database is unreachable).
  const textDraft = useDraft<string>(user, `action:${id}`, "", load);
  const commentDraft = useDraft<string>(user, `comment:${id}`, "", load);
  const text = textDraft.value;
  const setText = textDraft.set;
  const comment = commentDraft.value;
  const setComment = commentDraft.set;

  async function act(action: RequestAction) {
    if (!d) return;
    setBusy(true);
    try {
      await api.transition(id, { action, expected_version: d.request.version, text }, textDraft.key);
      textDraft.clear();
      setText("");
      setError(null);
      load();
    } catch (e) {
      if (isUnavailable(e)) {
        textDraft.queue({ kind: "transition", args: { id, input: { action, expected_version: d.request.version, text } } });
        setError(null);
        return;
      }
      setError(e as AppError);
      if ((e as AppError).code === "stale") load();
    } finally {
      setBusy(false);
    }
  }

  async function postComment() {
    try {
      await api.comment(id, comment, commentDraft.key);
      commentDraft.clear();
      setComment("");
      setError(null);
      load();
    } catch (e) {
      if (isUnavailable(e)) {
        commentDraft.queue({ kind: "comment", args: { id, body: comment } });
        setError(null);
      } else {
        setError(e as AppError);
      }
    }
  }

  /** The shell opens the dialog and checks the file; null: the person cancelled. */
  async function attach() {
    try {
      if ((await api.attachFile(id)) !== null) load();
    } catch (e) {
      setError(e as AppError);
    }
  }

  async function download(attachmentId: number) {
    try {
      const file = await api.saveAttachment(attachmentId);
      if (file) setSavedTo(file.path);
    } catch (e) {
      setError(e as AppError);
    }
  }

  if (!d) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const r = d.request;
  const f = fieldMessages(error);
  const textSteps = d.allowed_actions.filter((a) => TEXT_FOR[a]);
  const officeName = offices.find((o) => o.code === r.office)?.name ?? r.office;

  return (
    <div className="page" id="request-detail" data-status={r.status}>
      <button className="btn link back" onClick={() => go({ name: "requests" })}>← 依頼一覧へ</button>
      <div className="detail-head">
        <h1 className="page-title">
          <span className="num">#{r.id}</span> {r.title}
        </h1>
        <StatusBadge group="request_status" code={r.status} />
      </div>
      <ErrorBanner error={error} />
      <DraftBanner queued={textDraft.queued || commentDraft.queued} refusal={textDraft.refusal ?? commentDraft.refusal} text={DRAFT_KEPT} />
      <div className="detail-grid">
        <div className="main-col">
          <Panel title="依頼内容">
            <dl className="props">
              <dt>種別</dt><dd>{label("request_kind", r.kind)}{r.work_sub_kind && `（${label("work_sub_kind", r.work_sub_kind)}）`}</dd>
              <dt>依頼元</dt><dd>{officeName}　{r.filed_by_name}</dd>
              <dt>受付日時</dt><dd>{warekiDateTime(r.filed_at)}</dd>
              <dt>担当</dt><dd>{r.assignee_name ?? "未割当"}</dd>
            </dl>
            <div className="body-text">{r.body}</div>
          </Panel>
          {r.answer && (
            <Panel title="回答" id="answer-panel">
              <div className="body-text answer" id="answer-text">{r.answer}</div>
              {r.answered_at && <div className="muted small">回答日時 {warekiDateTime(r.answered_at)}</div>}
            </Panel>
          )}
          <Panel title={`やりとり（${d.comments.length}件）`} id="thread">
            <ol className="thread">
              {d.comments.map((c) => (
                <li key={c.id} className={`msg role-${c.author_role}`}>
                  <div className="msg-head">
                    <strong>{c.author_name}</strong>
                    <span className="muted">{label("role", c.author_role)}</span>
                    <span className="muted small">{warekiDateTime(c.created_at)}</span>
                  </div>
                  <div className="body-text">{c.body}</div>
                </li>
              ))}
            </ol>
            <Field id="comment-body" label="コメントを書く" error={f.body}>
              <textarea id="comment-body" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
            </Field>
            <div className="actions">
              <button id="comment-submit" className="btn" onClick={postComment} disabled={!comment.trim()}>コメントを送信</button>
            </div>
          </Panel>
        </div>
        <div className="side-col">
          <Panel title="操作" id="actions-panel">
            {d.allowed_actions.length === 0 && <p className="muted">この依頼に対して行える操作はありません。</p>}
            {textSteps.length > 0 && (
              <Field id="action-text" label={textSteps.map((a) => TEXT_FOR[a]).join("／")} error={f.text ?? f.answer}>
                <textarea id="action-text" rows={5} value={text} onChange={(e) => setText(e.target.value)} />
              </Field>
            )}
            <div className="action-buttons">
              {d.allowed_actions.map((a) => (
                <button key={a} id={`action-${a}`} className={a === "withdraw" ? "btn danger" : "btn primary"}
                  disabled={busy} onClick={() => act(a)}>
                  {label("request_action", a)}
                </button>
              ))}
            </div>
          </Panel>
          {d.can_assign && <AssignPanel detail={d} onDone={load} onError={setError} />}
          <Panel title="添付ファイル" id="attachments" actions={<button className="btn small" id="attach" onClick={attach}>追加…</button>}>
            <p className="small muted" id="attach-hint">添付できるファイル：PDF、テキスト・ログ、CSV、画像（PNG・JPEG・GIF・BMP・TIFF）、Office 文書（マクロなし）、OpenDocument。1件10MBまで。</p>
            {d.attachments.length === 0 && <p className="muted">添付ファイルはありません。</p>}
            {(f.file || f.file_name) && (
              <div className="field-error" role="alert" id="attach-error">{[f.file_name, f.file].filter(Boolean).join(" ")}</div>
            )}
            {savedTo && <p className="saved" role="status" id="attachment-saved">保存しました。保存先：<span className="mono">{savedTo}</span></p>}
            <ul className="files">
              {d.attachments.map((a) => (
                <li key={a.id} data-attachment={a.file_name}>
                  <button className="btn link" onClick={() => download(a.id)}>{a.file_name}</button>
                  <span className="muted small">{Math.ceil(a.size / 1024)} KB・{a.uploaded_by_name}</span>
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title="履歴" id="history">
            <ol className="history">
              {d.history.map((h) => (
                <li key={h.id}>
                  <div className="muted small">{warekiDateTime(h.at)}</div>
                  <div>
                    {h.actor_name}：
                    {h.to_status ? `${label("request_status", h.from_status) || "—"} → ${label("request_status", h.to_status)}` : EVENT_TEXT[h.kind] ?? h.kind}
                  </div>
                  {h.note && <div className="muted small">{h.note}</div>}
                </li>
              ))}
            </ol>
          </Panel>
        </div>
      </div>
    </div>
  );
}

/** 担当者の割り当て（受託者）. */
function AssignPanel(props: { detail: RequestDetail; onDone: () => void; onError: (e: AppError) => void }) {
  const r = props.detail.request;
  const [people, setPeople] = useState<Assignee[]>([]);
  const [pick, setPick] = useState<string>(r.assignee_id ? String(r.assignee_id) : "");
  useEffect(() => {
    api.contractors().then(setPeople).catch(props.onError);
  }, []);
  async function assign() {
    try {
      await api.assign(r.id, r.version, pick ? Number(pick) : null);
      props.onDone();
    } catch (e) {
      props.onError(e as AppError);
    }
  }
  const unchanged = (pick ? Number(pick) : null) === r.assignee_id;
  return (
    <Panel title="担当者" id="assign-panel">
      <div className="inline-form">
        <Field id="assignee" label="担当者">
          <select id="assignee" value={pick} onChange={(e) => setPick(e.target.value)}>
            <option value="">（未割当）</option>
            {people.map((p) => <option key={p.id} value={p.id}>{p.display_name}</option>)}
          </select>
        </Field>
        <button id="assign-submit" className="btn" disabled={unchanged} onClick={assign}>割り当て</button>
      </div>
    </Panel>
  );
}
