import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, Attendee, MeetingDetail, MeetingKind, RegisterRef } from "../api/types";
import { DraftBanner, ErrorBanner, Field, DateEcho } from "../components/ui";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { options } from "../lib/labels";
import {
  type ActionItemRow, type MeetingForm, blankActionItem, blankAttendee, blankMeetingForm, formToMeeting,
  meetingErrors, meetingToForm, registerNumbers,
} from "../lib/meetings";
import { useDraft } from "../lib/useDraft";
import type { Go } from "../nav";
import "../records.css";
import "../meetings.css";

/** 会議の記録 (no `id`) or 編集 of a meeting whose minutes are 作成中 or 差戻し. */
export function MeetingFormScreen({ go, user, id }: { go: Go; user: string; id?: number }) {
  const [detail, setDetail] = useState<MeetingDetail | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  useEffect(() => {
    if (id !== undefined) api.meetingDetail(id).then(setDetail).catch(setError);
  }, [id]);
  if (id === undefined) return <MeetingEditor go={go} user={user} blank={blankMeetingForm()} />;
  if (!detail) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  return (
    <MeetingEditor go={go} user={user} blank={meetingToForm(detail.meeting.meeting)}
      editing={{ id, version: detail.meeting.version }} />
  );
}

function MeetingEditor(props: { go: Go; user: string; blank: MeetingForm; editing?: { id: number; version: number } }) {
  const { go, user, blank, editing } = props;
  const draft = useDraft<MeetingForm>(user, editing ? `edit-meeting-${editing.id}` : "new-meeting", blank,
    () => go(editing ? { name: "meeting", id: editing.id } : { name: "meetings" }));
  const form = draft.value;
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<{ id: number; items: RegisterRef[] } | null>(null);
  const e = meetingErrors(error?.fields);
  const set = (patch: Partial<MeetingForm>) => draft.set({ ...form, ...patch });

  async function submit(ev: FormEvent) {
    ev.preventDefault();
    const built = formToMeeting(form);
    if ("errors" in built) {
      setError({ code: "validation", message: "入力内容に誤りがあります。", fields: built.errors });
      return;
    }
    setBusy(true);
    try {
      if (editing) {
        await api.updateMeeting(editing.id, editing.version, built.meeting, draft.key);
        draft.clear();
        go({ name: "meeting", id: editing.id });
      } else {
        const recorded = await api.recordMeeting(built.meeting, draft.key);
        draft.clear();
        setSaved({ id: recorded.id, items: recorded.register_items });
      }
    } catch (err) {
      if (isUnavailable(err)) {
        draft.queue(editing
          ? { kind: "update_meeting", args: { id: editing.id, expectedVersion: editing.version, meeting: built.meeting } }
          : { kind: "record_meeting", args: { meeting: built.meeting } });
        setError(null);
      } else {
        setError(err as AppError);
      }
    } finally {
      setBusy(false);
    }
  }

  if (saved) {
    return (
      <div className="page narrow" id="meeting-saved">
        <h1 className="page-title">会議を記録しました</h1>
        <div className="banner ok" role="status">
          {saved.items.length === 0
            ? "宿題はないため、課題管理表への登録はありません。"
            : `宿題を課題管理表に登録しました：${registerNumbers(saved.items)}`}
        </div>
        <div className="actions">
          <button className="btn" onClick={() => go({ name: "meetings" })}>会議一覧へ</button>
          <button id="meeting-saved-open" className="btn primary" onClick={() => go({ name: "meeting", id: saved.id })}>
            会議の詳細を開く
          </button>
        </div>
      </div>
    );
  }

  const setAttendee = (i: number, patch: Partial<Attendee>) =>
    set({ attendees: form.attendees.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setItem = (i: number, patch: Partial<ActionItemRow>) =>
    set({ actionItems: form.actionItems.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const cancel = () => {
    draft.clear();
    go(editing ? { name: "meeting", id: editing.id } : { name: "meetings" });
  };

  return (
    <div className="page narrow">
      <h1 className="page-title">{editing ? "会議の編集" : "会議の記録"}</h1>
      <form className="form" onSubmit={submit} noValidate id="meeting-form">
        <ErrorBanner error={error} />
        <DraftBanner queued={draft.queued} refusal={draft.refusal} text={DRAFT_KEPT} />
        <div className="row">
          <Field id="mtg-kind" label="種別" required error={e.kind?.text}>
            <select id="mtg-kind" value={form.kind} onChange={(ev) => set({ kind: ev.target.value as MeetingKind })}>
              {options("meeting_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="mtg-start" label="開始日時" required error={e.starts_at?.text}>
            <input id="mtg-start" type="datetime-local" value={form.start} onChange={(ev) => set({ start: ev.target.value })} />
            <DateEcho value={form.start} />
          </Field>
          <Field id="mtg-end" label="終了日時" required error={e.ends_at?.text}>
            <input id="mtg-end" type="datetime-local" value={form.end} onChange={(ev) => set({ end: ev.target.value })} />
            <DateEcho value={form.end} />
          </Field>
        </div>
        <Field id="mtg-title" label="会議名" required error={e.title?.text}>
          <input id="mtg-title" value={form.title} placeholder="例：第5回 定例会議" onChange={(ev) => set({ title: ev.target.value })} />
        </Field>
        <Field id="mtg-place" label="場所" required error={e.place?.text}>
          <input id="mtg-place" value={form.place} placeholder="例：本庁舎 第3会議室" onChange={(ev) => set({ place: ev.target.value })} />
        </Field>

        <fieldset className={`rows-editor${e.attendees ? " has-error" : ""}`} id="mtg-attendees">
          <legend>出席者<span className="req">必須</span></legend>
          <table className="rows">
            <thead><tr><th>区分</th><th>所属</th><th>役職</th><th>氏名</th><th>出欠</th><th /></tr></thead>
            <tbody>
              {form.attendees.map((a, i) => (
                <tr key={i} className={e.attendees?.rows.includes(i) ? "row-error" : undefined}>
                  <td className="side">
                    <select id={`att-side-${i}`} aria-label={`${i + 1}行目の区分`} value={a.side}
                      onChange={(ev) => setAttendee(i, { side: ev.target.value as Attendee["side"] })}>
                      {options("attendee_side").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
                    </select>
                  </td>
                  <td><input id={`att-org-${i}`} aria-label={`${i + 1}行目の所属`} value={a.organisation}
                    onChange={(ev) => setAttendee(i, { organisation: ev.target.value })} /></td>
                  <td><input id={`att-title-${i}`} aria-label={`${i + 1}行目の役職`} value={a.title}
                    onChange={(ev) => setAttendee(i, { title: ev.target.value })} /></td>
                  <td><input id={`att-name-${i}`} aria-label={`${i + 1}行目の氏名`} value={a.name}
                    onChange={(ev) => setAttendee(i, { name: ev.target.value })} /></td>
                  <td className="presence">
                    <select id={`att-present-${i}`} aria-label={`${i + 1}行目の出欠`} value={a.present ? "1" : "0"}
                      onChange={(ev) => setAttendee(i, { present: ev.target.value === "1" })}>
                      <option value="1">出席</option>
                      <option value="0">欠席</option>
                    </select>
                  </td>
                  <td className="remove">
                    <button type="button" className="btn small" id={`att-remove-${i}`} aria-label={`${i + 1}行目を削除`}
                      onClick={() => set({ attendees: form.attendees.filter((_, j) => j !== i) })}>削除</button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="rows-add">
            <button type="button" className="btn small" id="att-add-city"
              onClick={() => set({ attendees: [...form.attendees, blankAttendee("city")] })}>＋ 本市の出席者</button>
            <button type="button" className="btn small" id="att-add-contractor"
              onClick={() => set({ attendees: [...form.attendees, blankAttendee("contractor")] })}>＋ 受託者の出席者</button>
          </div>
          <FieldErrorLine id="mtg-attendees" text={e.attendees?.text} />
        </fieldset>

        <LineList id="handouts" title="配布資料" values={form.handouts} error={e.handouts}
          onChange={(handouts) => set({ handouts })} />
        <LineList id="agenda" title="議題" required values={form.agenda} error={e.agenda}
          onChange={(agenda) => set({ agenda })} />
        <Field id="mtg-discussion" label="議事内容" error={e.discussion?.text}>
          <textarea id="mtg-discussion" rows={8} value={form.discussion} onChange={(ev) => set({ discussion: ev.target.value })} />
        </Field>
        <LineList id="decisions" title="決定事項" values={form.decisions} error={e.decisions}
          onChange={(decisions) => set({ decisions })} />

        <fieldset className={`rows-editor${e.action_items ? " has-error" : ""}`} id="mtg-action-items">
          <legend>宿題（保存すると課題管理表に登録されます）</legend>
          {form.actionItems.length > 0 && (
            <table className="rows">
              <thead><tr><th>内容</th><th>担当</th><th>期限</th><th /></tr></thead>
              <tbody>
                {form.actionItems.map((a, i) => (
                  <tr key={i} className={e.action_items?.rows.includes(i) ? "row-error" : undefined}>
                    <td className="wide"><input id={`ai-desc-${i}`} aria-label={`宿題${i + 1}の内容`} value={a.description}
                      onChange={(ev) => setItem(i, { description: ev.target.value })} /></td>
                    <td><input id={`ai-owner-${i}`} aria-label={`宿題${i + 1}の担当`} value={a.owner}
                      onChange={(ev) => setItem(i, { owner: ev.target.value })} /></td>
                    <td><input id={`ai-due-${i}`} aria-label={`宿題${i + 1}の期限`} type="date" value={a.due}
                      onChange={(ev) => setItem(i, { due: ev.target.value })} />
                    <DateEcho value={a.due} /></td>
                    <td className="remove">
                      <button type="button" className="btn small" id={`ai-remove-${i}`} aria-label={`宿題${i + 1}を削除`}
                        onClick={() => set({ actionItems: form.actionItems.filter((_, j) => j !== i) })}>削除</button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          <div className="rows-add">
            <button type="button" className="btn small" id="ai-add"
              onClick={() => set({ actionItems: [...form.actionItems, blankActionItem()] })}>＋ 宿題を追加</button>
          </div>
          <FieldErrorLine id="mtg-action_items" text={e.action_items?.text} />
        </fieldset>

        <fieldset className={`rows-editor${e.next_meeting ? " has-error" : ""}`} id="mtg-next">
          <legend>次回予定</legend>
          <label className="check">
            <input id="mtg-has-next" type="checkbox" checked={form.hasNext} onChange={(ev) => set({ hasNext: ev.target.checked })} />
            次回の日時が決まっている
          </label>
          {form.hasNext && (
            <div className="form-grid">
              <Field id="mtg-next-start" label="次回の日時" required>
                <input id="mtg-next-start" type="datetime-local" value={form.nextStart} onChange={(ev) => set({ nextStart: ev.target.value })} />
                <DateEcho value={form.nextStart} />
              </Field>
              <Field id="mtg-next-place" label="次回の場所">
                <input id="mtg-next-place" value={form.nextPlace} onChange={(ev) => set({ nextPlace: ev.target.value })} />
              </Field>
            </div>
          )}
          <FieldErrorLine id="mtg-next_meeting" text={e.next_meeting?.text} />
        </fieldset>

        <div className="actions">
          <button type="button" className="btn" onClick={cancel}>キャンセル</button>
          <button id="mtg-save" className="btn primary" disabled={busy}>{editing ? "保存する" : "記録する"}</button>
        </div>
      </form>
    </div>
  );
}

/** The messages of a list field, under the list (the rows they name are marked). */
function FieldErrorLine({ id, text }: { id: string; text?: string }) {
  if (!text) return null;
  return <div className="field-error" id={`${id}-error`} role="alert">{text}</div>;
}

/** One line per entry (handouts, agenda, decisions), with add and remove. */
function LineList(props: {
  id: string; title: string; required?: boolean; values: string[];
  error?: { text: string; rows: number[] }; onChange: (v: string[]) => void;
}) {
  const { id, values, onChange } = props;
  return (
    <fieldset className={`rows-editor${props.error ? " has-error" : ""}`} id={`mtg-${id}`}>
      <legend>{props.title}{props.required && <span className="req">必須</span>}</legend>
      {values.map((v, i) => (
        <div key={i} className={`line-row${props.error?.rows.includes(i) ? " row-error" : ""}`}>
          <span className="line-no">{i + 1}.</span>
          <input id={`${id}-${i}`} aria-label={`${props.title}${i + 1}`} value={v}
            onChange={(ev) => onChange(values.map((x, j) => (j === i ? ev.target.value : x)))} />
          <button type="button" className="btn small" id={`${id}-remove-${i}`} aria-label={`${props.title}${i + 1}を削除`}
            onClick={() => onChange(values.filter((_, j) => j !== i))}>削除</button>
        </div>
      ))}
      <div className="rows-add">
        <button type="button" className="btn small" id={`${id}-add`} onClick={() => onChange([...values, ""])}>
          ＋ {props.title}を追加
        </button>
      </div>
      <FieldErrorLine id={`mtg-${id}`} text={props.error?.text} />
    </fieldset>
  );
}
