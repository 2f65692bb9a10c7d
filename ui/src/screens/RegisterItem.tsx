import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, IssueCategory, IssuePriority, IssueStatus, RegisterItem, Session } from "../api/types";
import { DraftBanner, ErrorBanner, Field, Panel, StatusBadge, DateEcho } from "../components/ui";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import { blankIssue, formToIssue, isOverdue, issueToForm, tokyoToday } from "../lib/register";
import type { IssueForm } from "../lib/register";
import { useDraft } from "../lib/useDraft";
import { warekiDate, warekiDateTime } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";
import "../register.css";

/** 課題の追加 (no id) or 課題の詳細・編集 (an item's id). */
export function RegisterItemScreen({ id, go, session }: { id: number | null; go: Go; session: Session }) {
  const [item, setItem] = useState<RegisterItem | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const load = () => {
    if (id !== null) api.registerItem(id).then(setItem).catch(setError);
  };
  useEffect(load, [id]);
  if (id === null) {
    return <IssueEditor go={go} session={session} item={null} notice={null}
      onChanged={(n) => go({ name: "register-item", id: n })} />;
  }
  if (!item) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const changed = (message: string | null) => {
    setNotice(message);
    load();
  };
  // Keyed by version: after a save the form starts again from what was stored.
  return <IssueEditor key={item.version} go={go} session={session} item={item} notice={notice} onChanged={(_, m) => changed(m)} />;
}

function IssueEditor(props: {
  go: Go; session: Session; item: RegisterItem | null; notice: string | null;
  /** Saved (with what to tell), or to be read again (null). */
  onChanged: (id: number, message: string | null) => void;
}) {
  const { go, session, item } = props;
  const user = session.actor.login;
  const blank = item ? issueToForm(item.item) : blankIssue(tokyoToday(), session.actor.display_name);
  // The version the text was based on travels with the draft, so a draft kept from before
  // someone else's save is refused as stale instead of overwriting it.
  const draft = useDraft<{ form: IssueForm; version: number }>(
    user, item ? `register-item-${item.id}` : "new-register-item", { form: blank, version: item?.version ?? 0 },
    () => go({ name: "register", meetingId: null }));
  const form = draft.value.form;
  // Edits left unsaved last time (the window closed, the connection dropped) come back.
  const [restored, setRestored] = useState(
    () => item !== null && JSON.stringify(draft.value) !== JSON.stringify({ form: blank, version: item.version }));
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  const set = <K extends keyof IssueForm>(k: K, v: IssueForm[K]) => {
    draft.set({ ...draft.value, form: { ...form, [k]: v } });
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const r = formToIssue(form);
    if ("error" in r) {
      setError(r.error);
      return;
    }
    setBusy(true);
    try {
      if (item) {
        const v = await api.updateRegisterItem(item.id, draft.value.version, r.input, draft.key);
        draft.clear();
        props.onChanged(item.id, `保存しました（第${v}版）。`);
      } else {
        const added = await api.addRegisterItem(r.input, draft.key);
        draft.clear();
        props.onChanged(added.id, null);
      }
    } catch (err) {
      if (isUnavailable(err)) {
        draft.queue(item
          ? { kind: "update_register_item", args: { id: item.id, expectedVersion: draft.value.version, item: r.input } }
          : { kind: "add_register_item", args: { item: r.input } });
        setError(null);
      } else {
        setError(err as AppError);
      }
    } finally {
      setBusy(false);
    }
  }

  const today = tokyoToday();
  return (
    <div className="page narrow" id="register-item">
      <div className="page-head">
        <h1 className="page-title">
          {item ? <>課題 No.{item.no} <StatusBadge group="issue_status" code={item.item.status} /></> : "課題の追加"}
          {item && isOverdue(item.item, today) && <span className="tag overdue">期限超過</span>}
        </h1>
        <button className="btn" id="register-back" onClick={() => go({ name: "register", meetingId: null })}>課題管理表へ</button>
      </div>
      {item && (
        <p className="muted" id="register-item-meta">
          {item.created_by_name} が {warekiDateTime(item.created_at)} に登録・最終更新 {warekiDateTime(item.updated_at)}（第{item.version}版）
        </p>
      )}
      {props.notice && <div className="banner info" id="register-saved">{props.notice}</div>}
      {restored && item && (
        <div className="banner draft-banner" id="register-draft" role="status">
          保存していない編集内容を復元しました。
          <button type="button" className="btn small" id="register-draft-discard"
            onClick={() => { draft.clear(); draft.set({ form: blank, version: item.version }); setRestored(false); }}>
            破棄して保存済みの内容に戻す
          </button>
        </div>
      )}
      <form className="form" onSubmit={submit} noValidate id="register-form">
        <DraftBanner queued={draft.queued} refusal={draft.refusal} text={DRAFT_KEPT} />
        <ErrorBanner error={error} />
        {error?.code === "stale" && item && (
          <div className="actions">
            <button type="button" className="btn" id="register-reload"
              onClick={() => { draft.clear(); props.onChanged(item.id, null); }}>
              最新の内容を読み込む（この編集は破棄）
            </button>
          </div>
        )}
        <div className="row">
          <Field id="reg-raised-on" label="起票日" required error={f.raised_on}>
            <input id="reg-raised-on" type="date" value={form.raised_on} onChange={(e) => set("raised_on", e.target.value)} />
            <DateEcho value={form.raised_on} />
          </Field>
          <Field id="reg-raised-by" label="起票者" required error={f.raised_by}>
            <input id="reg-raised-by" value={form.raised_by} onChange={(e) => set("raised_by", e.target.value)} />
          </Field>
          <Field id="reg-category" label="分類" required error={f.category}>
            <select id="reg-category" value={form.category} onChange={(e) => set("category", e.target.value as IssueCategory)}>
              {options("issue_category").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
        </div>
        <Field id="reg-title" label="タイトル" required error={f.title}>
          <input id="reg-title" value={form.title} maxLength={100} onChange={(e) => set("title", e.target.value)} />
        </Field>
        <Field id="reg-content" label="内容" required error={f.content}>
          <textarea id="reg-content" rows={4} value={form.content} onChange={(e) => set("content", e.target.value)} />
        </Field>
        <div className="row">
          <Field id="reg-priority" label="優先度" required error={f.priority}>
            <select id="reg-priority" value={form.priority} onChange={(e) => set("priority", e.target.value as IssuePriority)}>
              {options("issue_priority").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="reg-owner" label="担当者" error={f.owner} hint="未着手以外は必須です。">
            <input id="reg-owner" value={form.owner} onChange={(e) => set("owner", e.target.value)} />
          </Field>
          <Field id="reg-due" label="期限" error={f.due} hint={form.due ? warekiDate(form.due) : undefined}>
            <input id="reg-due" type="date" value={form.due} onChange={(e) => set("due", e.target.value)} />
            <DateEcho value={form.due} />
          </Field>
        </div>
        <div className="row">
          <Field id="reg-status" label="状態" required error={f.status}>
            <select id="reg-status" value={form.status} onChange={(e) => set("status", e.target.value as IssueStatus)}>
              {options("issue_status").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="reg-completed-on" label="完了日" required={form.status === "done"} error={f.completed_on}
            hint="状態が「完了」のときだけ入力します。">
            <input id="reg-completed-on" type="date" value={form.completed_on} onChange={(e) => set("completed_on", e.target.value)} />
            <DateEcho value={form.completed_on} />
          </Field>
          <Field id="reg-link-id" label="関連（会議・依頼）" error={f.link}>
            <div className="inline-pick">
              <select id="reg-link-kind" aria-label="関連の種類" value={form.link_kind}
                onChange={(e) => set("link_kind", e.target.value as IssueForm["link_kind"])}>
                <option value="">なし</option>
                <option value="meeting">会議</option>
                <option value="request">依頼</option>
              </select>
              <input id="reg-link-id" aria-label="番号" placeholder="番号" disabled={!form.link_kind} value={form.link_id}
                onChange={(e) => set("link_id", e.target.value)} />
            </div>
          </Field>
        </div>
        <Field id="reg-progress" label="対応内容・経過" error={f.progress}>
          <textarea id="reg-progress" rows={5} value={form.progress} onChange={(e) => set("progress", e.target.value)} />
        </Field>
        <div className="actions">
          <button type="button" className="btn" onClick={() => { draft.clear(); go({ name: "register", meetingId: null }); }}>キャンセル</button>
          <button id="reg-submit" className="btn primary" disabled={busy}>{item ? "保存する" : "追加する"}</button>
        </div>
      </form>
      {item && item.item.status !== "done" && <CloseIssue item={item} onClosed={() => { draft.clear(); props.onChanged(item.id, "完了にしました。"); }} />}
    </div>
  );
}

/** 完了にする: what was done is added to the item's progress, with the day it was finished. */
function CloseIssue({ item, onClosed }: { item: RegisterItem; onClosed: () => void }) {
  const [progress, setProgress] = useState("");
  const [completedOn, setCompletedOn] = useState(tokyoToday());
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);

  async function close(e: FormEvent) {
    e.preventDefault();
    if (!completedOn) {
      setError({ code: "validation", message: "完了日", fields: [
        { field: "completed_on", label: "完了日", message: "完了日を入力してください。" }] });
      return;
    }
    setBusy(true);
    try {
      await api.closeRegisterItem(item.id, item.version, completedOn, progress);
      onClosed();
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <Panel title="完了にする" id="register-close">
      <form onSubmit={close} noValidate>
        <ErrorBanner error={error} />
        <Field id="close-progress" label="対応内容" error={f.progress} hint="対応内容・経過の末尾に追記されます。">
          <textarea id="close-progress" rows={3} value={progress} onChange={(e) => setProgress(e.target.value)} />
        </Field>
        <div className="row">
          <Field id="close-completed-on" label="完了日" required error={f.completed_on}>
            <input id="close-completed-on" type="date" value={completedOn} onChange={(e) => setCompletedOn(e.target.value)} />
            <DateEcho value={completedOn} />
          </Field>
        </div>
        <div className="actions">
          <button id="close-submit" className="btn primary" disabled={busy}>完了にする</button>
        </div>
      </form>
    </Panel>
  );
}
