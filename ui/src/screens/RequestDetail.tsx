import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type {
  AppError, Assignee, Office, RequestAction, RequestDetail, RequestRecord,
} from "../api/types";
import { ClockChip, useNow } from "../components/clock";
import { timeline } from "../lib/timeline";
import { DraftBanner, ErrorBanner, Field, Panel, StatusBadge } from "../components/ui";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { useDraft } from "../lib/useDraft";
import { fieldMessages } from "../lib/errors";
import { label } from "../lib/labels";
import { warekiDate, warekiDateTime } from "../lib/wareki";
import type { Go } from "../nav";

/** Steps that need text, and what their text is called. */
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
  const [savedTo, setSavedTo] = useState<string | null>(null);
  const now = useNow();

  const load = useCallback(() => {
    api.requestDetail(id).then(setD).catch(setError);
  }, [id]);
  useEffect(load, [load]);
  // The comment is kept as a draft (sent later if the database is unreachable).
  const commentDraft = useDraft<string>(user, `comment:${id}`, "", load);
  const comment = commentDraft.value;
  const setComment = commentDraft.set;

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
  const officeName = offices.find((o) => o.code === r.office)?.name ?? r.office;
  const clock = d.answer_clock;

  return (
    <div className="page" id="request-detail" data-status={r.status}>
      <div className="no-print">
        <button className="btn link back" onClick={() => go({ name: "requests" })}>← 依頼一覧へ</button>
      </div>
      <div className="detail-head">
        <h1 className="page-title">
          <span className="num">#{r.id}</span> {r.title}
        </h1>
        <StatusBadge group="request_status" code={r.status} />
        <span className="grow" />
        <button className="btn no-print" id="request-print" onClick={() => window.print()}>回覧用に印刷…</button>
      </div>
      <ErrorBanner error={error} />
      <DraftBanner queued={commentDraft.queued} refusal={commentDraft.refusal} text={DRAFT_KEPT} />
      <div className="detail-grid">
        <div className="main-col">
          <Panel title="依頼内容">
            <dl className="props">
              <dt>種別</dt><dd>{label("request_kind", r.kind)}{r.work_sub_kind && `（${label("work_sub_kind", r.work_sub_kind)}）`}</dd>
              <dt>依頼元</dt><dd>{officeName}　{r.filed_by_name}</dd>
              <dt>受付日時</dt><dd>{warekiDateTime(r.filed_at)}</dd>
              <dt>回答期限</dt>
              <dd id="request-deadline">
                {clock.deadline ? warekiDateTime(clock.deadline) : "—"}
                {" "}<ClockChip state={clock.state} now={now} id="request-clock" />
                <span className="muted small">（開庁日のサービス時間で数えます）</span>
              </dd>
              <dt>担当</dt><dd>{r.assignee_name ?? "未割当"}</dd>
              {r.started_at && (
                <><dt>着手日時</dt><dd id="request-started-at">{warekiDateTime(r.started_at)}</dd></>
              )}
              {r.details.urgency !== "normal" && (
                <><dt>緊急度</dt><dd id="request-urgency"><strong>{label("urgency", r.details.urgency)}</strong></dd></>
              )}
              {r.details.desired_by && (
                <><dt>希望期限</dt><dd id="request-desired-by">{warekiDate(r.details.desired_by)}</dd></>
              )}
              {r.details.extension && (
                <>
                  <dt>延長する日時</dt>
                  <dd id="request-extension">
                    {warekiDate(r.details.extension.day)} {r.details.extension.from.slice(0, 5)}〜{r.details.extension.until.slice(0, 5)}
                  </dd>
                </>
              )}
            </dl>
            <div className="body-text">{r.body}</div>
          </Panel>
          {r.answer && (
            <Panel title="回答" id="answer-panel">
              <div className="body-text answer" id="answer-text">{r.answer}</div>
              {r.answered_at && <div className="muted small">回答日時 {warekiDateTime(r.answered_at)}</div>}
            </Panel>
          )}
          <Panel title="経過" id="timeline">
            <ol className="timeline">
              {timeline(d).map((e) => (
                <li key={e.key} className={`tl tl-${e.kind}${e.kind === "comment" ? ` role-${e.role}` : ""}`}>
                  <div className="tl-head">
                    <strong>{e.who}</strong>
                    {e.kind === "comment" && <span className="muted">{label("role", e.role)}</span>}
                    <span className="tl-what">
                      {e.kind === "event" ? e.what : e.kind === "comment" ? "コメント" : "ファイルを添付"}
                    </span>
                    <span className="muted small">{warekiDateTime(e.at)}</span>
                  </div>
                  {e.kind === "event" && e.note && <div className="body-text">{e.note}</div>}
                  {e.kind === "comment" && <div className="body-text">{e.body}</div>}
                  {e.kind === "file" && (
                    <div data-attachment={e.file.file_name}>
                      <button className="btn link" onClick={() => download(e.file.id)}>{e.file.file_name}</button>
                      <span className="muted small">（{Math.ceil(e.file.size / 1024)} KB）</span>
                    </div>
                  )}
                </li>
              ))}
            </ol>
            <div className="no-print">
              <Field id="comment-body" label="コメントを書く" error={f.body}
                hint="質問や補足はここに。回答・差戻しなどは右の操作から行います。">
                <textarea id="comment-body" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
              </Field>
              <div className="actions">
                <button id="comment-submit" className="btn" onClick={postComment} disabled={!comment.trim()}>コメントを送信</button>
              </div>
            </div>
          </Panel>
        </div>
        <div className="side-col no-print">
          <Panel title="操作" id="actions-panel">
            {d.allowed_actions.length === 0 && <p className="muted">この依頼に対して行える操作はありません。</p>}
            {d.allowed_actions.map((a) => (
              <ActionForm key={`${a}-${r.version}`} request={r} action={a} user={user} onDone={load} onError={setError} />
            ))}
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
        </div>
      </div>
    </div>
  );
}

/**
 * One step with its own labelled text (回答, 差戻しの理由 …) and its own button; the text is
 * kept as a draft and sent once when the connection returns.
 */
function ActionForm(props: {
  request: RequestRecord; action: RequestAction; user: string; onDone: () => void; onError: (e: AppError) => void;
}) {
  const { request: r, action } = props;
  const caption = TEXT_FOR[action];
  const draft = useDraft<string>(props.user, `action:${r.id}:${action}`, "", props.onDone);
  const [busy, setBusy] = useState(false);
  const [missing, setMissing] = useState(false);
  async function run() {
    if (caption && !draft.value.trim()) {
      setMissing(true);
      return;
    }
    setMissing(false);
    setBusy(true);
    const input = { action, expected_version: r.version, text: draft.value };
    try {
      await api.transition(r.id, input, draft.key);
      draft.clear();
      props.onDone();
    } catch (e) {
      if (isUnavailable(e)) {
        draft.queue({ kind: "transition", args: { id: r.id, input } });
        return;
      }
      props.onError(e as AppError);
      if ((e as AppError).code === "stale") props.onDone();
    } finally {
      setBusy(false);
    }
  }
  const button = (
    <button id={`action-${action}`} className={action === "withdraw" ? "btn danger" : "btn primary"} disabled={busy}
      onClick={() => void run()}>
      {label("request_action", action)}
    </button>
  );
  if (!caption) return <div className="action-step">{button}</div>;
  return (
    <div className="action-step">
      {draft.queued && <div className="banner draft-banner" role="status">{DRAFT_KEPT}</div>}
      <Field id={`action-text-${action}`} label={caption} required error={missing ? `${caption}を入力してください。` : undefined}>
        <textarea id={`action-text-${action}`} rows={action === "answer" ? 6 : 3} value={draft.value}
          onChange={(e) => draft.set(e.target.value)} />
      </Field>
      {button}
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
