import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, NewRequest, Office, RequestKind, Session, WorkSubKind } from "../api/types";
import { ErrorBanner, Field } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import type { Go } from "../nav";
import { DRAFT_KEPT, isUnavailable } from "../lib/drafts";
import { useDraft } from "../lib/useDraft";
import { DraftBanner } from "../components/ui";
import { SimilarRequests } from "../components/SimilarRequests";

export function NewRequestForm({ go, session, offices }: { go: Go; session: Session; offices: Office[] }) {
  const blank: NewRequest = { kind: "inquiry", work_sub_kind: null, office: session.actor.office, title: "", body: "" };
  // Kept locally while typing, so nothing is lost if the database is unreachable.
  const draft = useDraft<NewRequest>(session.actor.login, "new-request", blank, () => go({ name: "requests" }));
  const form = { ...draft.value, office: session.actor.role === "staff" ? session.actor.office : draft.value.office };
  const setForm = draft.set;
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);

  const set = <K extends keyof NewRequest>(k: K, v: NewRequest[K]) => setForm({ ...form, [k]: v });

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    try {
      const id = await api.fileRequest(form, draft.key);
      draft.clear();
      go({ name: "request", id });
    } catch (err) {
      if (isUnavailable(err)) {
        draft.queue({ kind: "file_request", args: { input: form } });
        setError(null);
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
            <select id="req-kind" value={form.kind}
              onChange={(e) => setForm({ ...form, kind: e.target.value as RequestKind, work_sub_kind: e.target.value === "work" ? form.work_sub_kind : null })}>
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
        <Field id="req-title" label="件名" required error={f.title} hint="100文字以内で、1行で入力してください。">
          <input id="req-title" value={form.title} onChange={(e) => set("title", e.target.value)}
            aria-invalid={!!f.title} aria-describedby={f.title ? "req-title-error" : undefined} />
        </Field>
        <Field id="req-body" label="内容" required error={f.body}
          hint="画面名・操作・発生日時・対象者番号など、調査に必要なことを記入してください。個人情報は必要最小限にしてください。">
          <textarea id="req-body" rows={10} value={form.body} onChange={(e) => set("body", e.target.value)}
            aria-invalid={!!f.body} aria-describedby={f.body ? "req-body-error" : undefined} />
        </Field>
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

