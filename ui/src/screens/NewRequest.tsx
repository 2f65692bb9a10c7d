import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type {
  AppError, NewRequest, Office, PickedImportFile, RequestDetails, RequestKind, Session, Urgency, WorkSubKind,
} from "../api/types";
import { sizeText } from "../lib/fileSize";
import { DateEcho, ErrorBanner, Field } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import type { Go } from "../nav";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { useDraft } from "../lib/useDraft";
import { DraftBanner } from "../components/ui";
import { SimilarRequests } from "../components/SimilarRequests";

const NO_DETAILS: RequestDetails = { urgency: "normal", desired_by: null, extension: null };

export function NewRequestForm({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  const blank: NewRequest = {
    kind: "inquiry", work_sub_kind: null, office: session.actor.office, title: "", body: "", details: NO_DETAILS,
  };
  // Kept locally while typing, so nothing is lost if the database is unreachable.
  const draft = useDraft<NewRequest>(session.actor.login, "new-request", blank, () => go({ name: "requests" }));
  const form = {
    ...blank,
    ...draft.value,
    office: session.actor.role === "staff" ? session.actor.office : draft.value.office,
  };
  const setForm = draft.set;
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  // Files travel with the request, in one transaction; they are never written to the draft.
  const [files, setFiles] = useState<PickedImportFile[]>([]);
  const f = fieldMessages(error);
  async function addFile() {
    const picked = await api.pickAttachment().catch((e: AppError) => {
      setError(e);
      return null;
    });
    if (picked) setFiles([...files, picked]);
  }

  const set = <K extends keyof NewRequest>(k: K, v: NewRequest[K]) => setForm({ ...form, [k]: v });
  const setDetails = (patch: Partial<RequestDetails>) => set("details", { ...form.details, ...patch });
  const extension = form.details.extension ?? { day: "", from: "19:00:00", until: "21:00:00" };
  const setExtension = (patch: Partial<typeof extension>) => setDetails({ extension: { ...extension, ...patch } });
  function changeKind(kind: RequestKind) {
    setForm({
      ...form,
      kind,
      work_sub_kind: kind === "work" ? form.work_sub_kind : null,
      details: { ...form.details, extension: kind === "hours_extension" ? extension : null },
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    // An extension without its day is left out, so the server names the missing field.
    const input: NewRequest = {
      ...form,
      details: { ...form.details, extension: form.kind === "hours_extension" && extension.day ? extension : null },
    };
    try {
      const id = await api.fileRequest(input, draft.key, files);
      draft.clear();
      go({ name: "request", id });
    } catch (err) {
      if (isUnavailable(err) && files.length === 0) {
        draft.queue({ kind: "file_request", args: { input } });
        setError(null);
      } else if (isUnavailable(err)) {
        setError({
          code: "unavailable",
          message: "データベースに接続できません。添付ファイルは下書きに保存しないため、接続が戻ってから起票してください（入力内容は残っています）。",
          fields: [],
        });
      } else {
        setError(err as AppError);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow">
      <h1 className="page-title">新規依頼</h1>
      <form className="form" onSubmit={submit} noValidate id="new-request-form">
        <ErrorBanner error={error} />
        <DraftBanner queued={draft.queued} refusal={draft.refusal} text={DRAFT_KEPT} />
        <div className="row">
          <Field id="req-kind" label="種別" required error={f.kind}>
            <select id="req-kind" value={form.kind} onChange={(e) => changeKind(e.target.value as RequestKind)}>
              {options("request_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="req-sub-kind" label="作業区分" required={form.kind === "work"} error={f.work_sub_kind}
            hint="作業依頼のときに選択します。">
            <select id="req-sub-kind" value={form.work_sub_kind ?? ""} disabled={form.kind !== "work"}
              onChange={(e) => set("work_sub_kind", (e.target.value || null) as WorkSubKind | null)}>
              <option value="">（選択してください）</option>
              {options("work_sub_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="req-office" label="依頼元事務所" required error={f.office}>
            <select id="req-office" value={form.office} disabled={session.actor.role === "staff"}
              onChange={(e) => set("office", e.target.value)}>
              {offices.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
            </select>
          </Field>
        </div>
        {form.kind === "hours_extension" && (
          <fieldset className="row" id="req-extension">
            <legend>延長する日時（当日17:00まで、休日分は前の開庁日17:00までに依頼してください）</legend>
            <Field id="req-extension-day" label="延長する日" required error={f.extension}>
              <input id="req-extension-day" type="date" value={extension.day}
                onChange={(e) => setExtension({ day: e.target.value })}
                aria-invalid={!!f.extension} aria-describedby={f.extension ? "req-extension-day-error" : undefined} />
              <DateEcho value={extension.day} />
            </Field>
            <Field id="req-extension-from" label="開始時刻" required>
              <input id="req-extension-from" type="time" value={extension.from.slice(0, 5)}
                onChange={(e) => setExtension({ from: `${e.target.value}:00` })} />
            </Field>
            <Field id="req-extension-until" label="終了時刻" required>
              <input id="req-extension-until" type="time" value={extension.until.slice(0, 5)}
                onChange={(e) => setExtension({ until: `${e.target.value}:00` })} />
            </Field>
          </fieldset>
        )}
        <Field id="req-title" label="件名" required error={f.title} hint="100文字以内で、1行で入力してください。">
          <input id="req-title" value={form.title} onChange={(e) => set("title", e.target.value)}
            aria-invalid={!!f.title} aria-describedby={f.title ? "req-title-error" : undefined} />
        </Field>
        <Field id="req-body" label="内容" required error={f.body}
          hint="画面名・操作・発生日時・対象者番号など、調査に必要なことを記入してください。個人情報は必要最小限にしてください。">
          <textarea id="req-body" rows={10} value={form.body} onChange={(e) => set("body", e.target.value)}
            aria-invalid={!!f.body} aria-describedby={f.body ? "req-body-error" : undefined} />
        </Field>
        <div className="row">
          <Field id="req-urgency" label="緊急度" error={f.urgency} hint="回答期限（SLA）は変わりません。">
            <select id="req-urgency" value={form.details.urgency}
              onChange={(e) => setDetails({ urgency: e.target.value as Urgency })}>
              {options("urgency").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="req-desired-by" label="希望期限" error={f.desired_by} hint="回答を希望する日（任意）。">
            <input id="req-desired-by" type="date" value={form.details.desired_by ?? ""}
              onChange={(e) => setDetails({ desired_by: e.target.value || null })}
              aria-invalid={!!f.desired_by} aria-describedby={f.desired_by ? "req-desired-by-error" : undefined} />
            <DateEcho value={form.details.desired_by ?? ""} />
          </Field>
        </div>
        <div className="field" id="req-attachments">
          <div className="field-label">添付ファイル（任意・合計10MBまで）</div>
          {files.length > 0 && (
            <ul className="file-list" id="req-files">
              {files.map((file, i) => (
                <li key={`${file.file_name}-${i}`}>
                  {file.file_name}（{sizeText(Math.floor((file.bytes.length * 3) / 4))}）
                  <button type="button" className="btn link" aria-label={`${file.file_name} を外す`}
                    onClick={() => setFiles(files.filter((_, k) => k !== i))}>外す</button>
                </li>
              ))}
            </ul>
          )}
          {f.attachments && <div className="field-error" id="req-attach-error" role="alert">{f.attachments}</div>}
          <button id="req-attach" type="button" className="btn small" onClick={() => void addFile()}>ファイルを添付…</button>
        </div>
        <SimilarRequests title={form.title} body={form.body} go={go} />
        <div className="actions">
          <button type="button" className="btn" onClick={() => { draft.clear(); go({ name: "requests" }); }}>
            {draft.queued ? "送信を取りやめる" : "キャンセル"}
          </button>
          <button id="req-submit" type="submit" className="btn primary" disabled={busy}>
            {busy ? "送信中…" : "起票する"}
          </button>
        </div>
      </form>
    </div>
  );
}

