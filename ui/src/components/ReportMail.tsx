import { useState } from "react";
import type { FormEvent } from "react";
import { api, newIdempotencyKey } from "../api/client";
import type { AppError, IncidentDetail, MailDraft, ReportMailKind } from "../api/types";
import { ErrorBanner, Field, Panel } from "./ui";
import { lines } from "../lib/contract";
import { fieldMessages } from "../lib/errors";
import { label, options } from "../lib/labels";
import { shortDateTime } from "../lib/wareki";

/**
 * 一次報告・続報・暫定報告 by mail, from the record: the draft is composed by the server from the
 * incident and the contract's addresses, edited here, and sent; the mail server's acceptance
 * time goes on the timeline (and stops the clock). A send that did not go shows why.
 */
export function ReportMail({ d, onSent }: { d: IncidentDetail; onSent: (message: string) => void }) {
  const [kind, setKind] = useState<ReportMailKind>("first_report");
  const [draft, setDraft] = useState<(MailDraft & { to: string }) | null>(null);
  const [key, setKey] = useState(newIdempotencyKey);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);

  async function compose() {
    setError(null);
    try {
      const x = await api.incidentReportDraft(d.record.id, kind);
      setDraft({ ...x, to: x.recipients.join("\n") });
      setKey(newIdempotencyKey());
    } catch (e) {
      setError(e as AppError);
    }
  }
  async function send(e: FormEvent) {
    e.preventDefault();
    if (!draft) return;
    setBusy(true);
    try {
      const { to, ...rest } = draft;
      const mail = await api.sendIncidentReport(d.record.id, { ...rest, recipients: lines(to) }, key);
      setError(null);
      setDraft(null);
      onSent(mail.status === "sent" && mail.accepted_at
        ? `${label("report_mail_kind", mail.kind)}をメールで送信しました（受付 ${shortDateTime(mail.accepted_at)}）。経過に記録しました。`
        : `${label("report_mail_kind", mail.kind)}のメールは送信できませんでした：${mail.last_error ?? ""}（自動で再送します。SLAの時計は止まっていません）`);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title="メールで報告" id="report-mail">
      {d.mails.length > 0 && (
        <ul className="mail-list" id="mail-list">
          {d.mails.map((m) => (
            <li key={m.id} data-mail-status={m.status}>
              <strong>{label("report_mail_kind", m.kind)}</strong>　{label("mail_status", m.status)}
              {m.accepted_at && <span className="small">（受付 {shortDateTime(m.accepted_at)}）</span>}
              {m.status !== "sent" && m.last_error && <div className="small error-text">{m.last_error}</div>}
            </li>
          ))}
        </ul>
      )}
      {d.can_record && (
        <div className="row">
          <Field id="mail-kind" label="報告の種類">
            <select id="mail-kind" value={kind} onChange={(e) => setKind(e.target.value as ReportMailKind)}>
              {options("report_mail_kind").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <div className="actions"><button className="btn" id="mail-compose" onClick={() => void compose()}>文面を作成</button></div>
        </div>
      )}
      <ErrorBanner error={error && !error.fields?.length ? error : null} />
      {draft && (
        <form className="sub-form" onSubmit={send} id="mail-form">
          <Field id="mail-to" label="宛先（1行に1件）" required error={f.recipients}>
            <textarea id="mail-to" rows={2} value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} />
          </Field>
          <Field id="mail-subject" label="件名" required error={f.subject}>
            <input id="mail-subject" value={draft.subject} onChange={(e) => setDraft({ ...draft, subject: e.target.value })} />
          </Field>
          <Field id="mail-body" label="本文" required error={f.body}>
            <textarea id="mail-body" rows={16} value={draft.body} onChange={(e) => setDraft({ ...draft, body: e.target.value })} />
          </Field>
          <div className="actions">
            <button className="btn primary" id="mail-send" disabled={busy}>送信する</button>
            <button type="button" className="btn" onClick={() => setDraft(null)}>やめる</button>
          </div>
        </form>
      )}
    </Panel>
  );
}
