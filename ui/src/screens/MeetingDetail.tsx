import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, Attendee, MeetingDetail, MinutesAction, RegisterRef, SavedFile } from "../api/types";
import { ErrorBanner, Field, Panel, StatusBadge } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { label } from "../lib/labels";
import { MeetingHandouts } from "./MeetingHandouts";
import { sizeText } from "../lib/fileSize";
import { warekiDate, warekiDateTime, windowText } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import "../meetings.css";

export function MeetingDetailScreen({ id, go }: { id: number; go: Go }) {
  const [d, setD] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [comment, setComment] = useState("");
  const [stepError, setStepError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [pdf, setPdf] = useState<SavedFile | null>(null);

  const load = useCallback(() => {
    api.meetingDetail(id).then(setD).catch(setError);
  }, [id]);
  useEffect(load, [load]);

  async function step(action: MinutesAction) {
    if (!d) return;
    setBusy(true);
    try {
      await api.minutesStep(id, d.meeting.version, action, comment);
      setComment("");
      setStepError(null);
      setError(null);
      load();
    } catch (e) {
      setStepError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  /** The minutes as the 納品物 screen makes them, to the place the save dialog says. */
  async function savePdf() {
    if (!d) return;
    setBusy(true);
    try {
      const file = await api.renderMinutes(id);
      if (file) setPdf(file);
      setError(null);
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  if (!d) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const r = d.meeting;
  const m = r.meeting;
  const deciding = d.allowed_actions.includes("approve") || d.allowed_actions.includes("return");
  const f = fieldMessages(stepError);
  return (
    <div className="page" id="meeting-detail" data-status={r.minutes_status}>
      <button className="btn link back" onClick={() => go({ name: "meetings" })}>← 会議一覧へ</button>
      <div className="detail-head">
        <h1 className="page-title">{m.title}</h1>
        <span id="minutes-status"><StatusBadge group="minutes_status" code={r.minutes_status} /></span>
        {d.overdue && <span className="tag overdue" id="minutes-overdue">期限超過</span>}
        <div style={{ flex: 1 }} />
        {d.can_edit && (
          <button id="meeting-edit" className="btn" onClick={() => go({ name: "edit-meeting", id })}>編集</button>
        )}
      </div>
      <ErrorBanner error={error} />
      <div className="detail-grid">
        <div className="main-col">
          <Panel title="会議の概要">
            <dl className="props">
              <dt>種別</dt><dd>{label("meeting_kind", m.kind)}</dd>
              <dt>日時</dt><dd id="meeting-when">{windowText(m.starts_at, m.ends_at)}</dd>
              <dt>場所</dt><dd>{m.place}</dd>
              <dt>記録</dt><dd>{r.recorded_by_name}（{warekiDateTime(r.created_at)}）</dd>
            </dl>
          </Panel>
          <Panel title="出席者" id="meeting-attendees">
            <AttendanceTable people={m.attendees.filter((a) => a.present)} />
            {m.attendees.some((a) => !a.present) && (
              <>
                <h3>欠席者</h3>
                <AttendanceTable people={m.attendees.filter((a) => !a.present)} />
              </>
            )}
          </Panel>
          <Panel title="議題・議事内容" id="meeting-body">
            <Lines title="配布資料" items={m.handouts} />
            <Lines title="議題" items={m.agenda} ordered />
            <h3>議事内容</h3>
            <div className="body-text">{m.discussion || <span className="muted">（記載なし）</span>}</div>
            <Lines title="決定事項" items={m.decisions} />
          </Panel>
          <MeetingHandouts meetingId={id} files={r.attachments} canAdd={d.can_edit} onAdded={load} />
          <Panel title="宿題（課題管理表へ登録）" id="meeting-actions"
            actions={m.action_items.length > 0 && (
              <button className="btn link" id="meeting-register" onClick={() => go({ name: "register", meetingId: id })}>
                この会議の課題を課題管理表で見る
              </button>
            )}>
            {m.action_items.length === 0 ? (
              <p className="muted">宿題はありません。</p>
            ) : (
              <table className="grid">
                <thead><tr><th>内容</th><th>担当</th><th>期限</th><th>課題No.</th></tr></thead>
                <tbody>
                  {m.action_items.map((a, i) => (
                    <tr key={i}>
                      <td className="body-text">{a.description}</td>
                      <td className="nowrap">{a.owner}</td>
                      <td className="nowrap">{warekiDate(a.due)}</td>
                      <td className="num nowrap">
                        <RegisterLink link={r.action_item_links[i] ?? null} go={go} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Panel>
          <Panel title="次回予定">
            {m.next_meeting ? (
              <p id="meeting-next">{warekiDateTime(m.next_meeting.starts_at)}　{m.next_meeting.place}</p>
            ) : (
              <p className="muted">未定</p>
            )}
          </Panel>
        </div>
        <div className="side-col">
          <Panel title="議事録" id="minutes-panel">
            <dl className="props">
              <dt>状態</dt><dd><StatusBadge group="minutes_status" code={r.minutes_status} /></dd>
              <dt>提出期限</dt>
              <dd id="minutes-due">
                {warekiDate(d.minutes_due)}
                {d.overdue && <span className="tag overdue">期限超過</span>}
              </dd>
              {r.submitted_at && (<><dt>提出</dt><dd>{warekiDateTime(r.submitted_at)}</dd></>)}
            </dl>
            <button id="minutes-pdf" className="btn small" disabled={busy} onClick={() => void savePdf()}>
              議事録（PDF）を保存…
            </button>
            {pdf && (
              <p className="small" role="status" id="minutes-pdf-saved">
                保存しました（{sizeText(pdf.bytes)}）：<span className="mono">{pdf.path}</span>
              </p>
            )}
            {r.decision && (
              <div className={`minutes-decision d-${r.decision.action}`} id="minutes-decision">
                <p>
                  <strong>{label("minutes_action", r.decision.action)}</strong>　{r.decision.decided_by_name}
                  <span className="muted small">　{warekiDateTime(r.decision.at)}</span>
                </p>
                {r.decision.comment && <div className="body-text" id="minutes-decision-comment">{r.decision.comment}</div>}
                {r.decision.action === "return" && r.minutes_status !== "returned" && (
                  <p className="muted small">差戻し後に修正して再提出されました。</p>
                )}
              </div>
            )}
          </Panel>
          {d.allowed_actions.length > 0 && (
            <Panel title={deciding ? "承認・差戻し" : "提出"} id="minutes-step-panel">
              <ErrorBanner error={stepError && !f.comment ? stepError : null} />
              {deciding && (
                <Field id="minutes-comment" label="コメント" error={f.comment}
                  hint="差戻しのときは理由の入力が必要です。">
                  <textarea id="minutes-comment" rows={4} value={comment} onChange={(e) => setComment(e.target.value)} />
                </Field>
              )}
              {!deciding && (
                <p className="small">議事録を本市へ提出します。提出後は承認または差戻しまで編集できません。</p>
              )}
              <div className="action-buttons">
                {d.allowed_actions.map((a) => (
                  <button key={a} id={`minutes-${a}`} disabled={busy}
                    className={a === "return" ? "btn danger" : "btn primary"} onClick={() => void step(a)}>
                    {label("minutes_action", a)}
                  </button>
                ))}
              </div>
            </Panel>
          )}
        </div>
      </div>
    </div>
  );
}

function RegisterLink({ link, go }: { link: RegisterRef | null; go: Go }) {
  if (!link) return <span className="muted">—</span>;
  return (
    <a href="#" className="register-link" data-register-no={link.no}
      onClick={(e) => { e.preventDefault(); go({ name: "register-item", id: link.id }); }}>
      No.{link.no}
    </a>
  );
}

function AttendanceTable({ people }: { people: Attendee[] }) {
  const sides: Attendee["side"][] = ["city", "contractor"];
  return (
    <table className="grid attendance">
      <thead><tr><th>区分</th><th>所属</th><th>役職</th><th>氏名</th></tr></thead>
      <tbody>
        {sides.flatMap((side) =>
          people.filter((p) => p.side === side).map((p, i) => (
            <tr key={`${side}-${i}`}>
              <td className="nowrap">{label("attendee_side", side)}</td>
              <td>{p.organisation}</td>
              <td>{p.title}</td>
              <td className="nowrap">{p.name}</td>
            </tr>
          )),
        )}
        {people.length === 0 && <tr><td colSpan={4} className="empty">なし</td></tr>}
      </tbody>
    </table>
  );
}

function Lines({ title, items, ordered }: { title: string; items: string[]; ordered?: boolean }) {
  const List = ordered ? "ol" : "ul";
  return (
    <>
      <h3>{title}</h3>
      {items.length === 0 ? (
        <p className="muted">（なし）</p>
      ) : (
        <List className="lines">{items.map((t, i) => <li key={i} className="body-text">{t}</li>)}</List>
      )}
    </>
  );
}
