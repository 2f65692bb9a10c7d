import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, IncidentCategory, NewIncident, Office, Severity } from "../api/types";
import { ErrorBanner, Field, DateEcho } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";
import { msToLocalInput } from "../lib/localtime";
import { localInputToIso } from "../lib/wareki";
import type { Go } from "../nav";
import "../records.css";

/** Linked request numbers typed as "12, 15 #20" → [12, 15, 20]; null when something is not a number. */
export function parseRequestIds(text: string): number[] | null {
  const parts = text.split(/[\s,、，#＃]+/).filter(Boolean);
  const ids = parts.map((p) => Number(p.normalize("NFKC")));
  return ids.every((n) => Number.isInteger(n) && n > 0) ? ids : null;
}

export function NewIncidentForm({ go, offices }: { go: Go; offices: Office[] }) {
  const [detected, setDetected] = useState(() => msToLocalInput(Date.now()));
  const [category, setCategory] = useState<IncidentCategory>("software");
  const [severity, setSeverity] = useState<Severity>("medium");
  const [title, setTitle] = useState("");
  const [summary, setSummary] = useState("");
  const [affected, setAffected] = useState<string[]>([]);
  const [systems, setSystems] = useState("レセプト管理システム 本番環境");
  const [linked, setLinked] = useState("");
  const [manual, setManual] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const ids = parseRequestIds(linked);
    if (ids === null) {
      setError({ code: "validation", message: "関連依頼", fields: [
        { field: "linked_requests", label: "関連依頼", message: "関連依頼は依頼番号（数字）をカンマ区切りで入力してください。" }] });
      return;
    }
    const incident: NewIncident = {
      detected_at: localInputToIso(detected), category, severity, title, summary,
      affected_offices: affected, affected_systems: systems, linked_requests: ids,
    };
    if (!incident.detected_at) {
      setError({ code: "validation", message: "検知日時", fields: [
        { field: "detected_at", label: "検知日時", message: "検知日時を入力してください。" }] });
      return;
    }
    setBusy(true);
    try {
      const id = await api.recordIncident(incident, manual);
      go({ name: "incident", id });
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  const toggle = (code: string) =>
    setAffected(affected.includes(code) ? affected.filter((c) => c !== code) : [...affected, code]);
  return (
    <div className="page narrow">
      <h1 className="page-title">障害の記録</h1>
      <ErrorBanner error={error} />
      <form className="form" onSubmit={submit} id="incident-form" noValidate>
        <div className="row">
          <Field id="inc-detected" label="検知日時" required error={f.detected_at}
            hint="障害を確知した時刻。24時間365日の時計はここから動きます。">
            <input id="inc-detected" type="datetime-local" value={detected} onChange={(e) => setDetected(e.target.value)} />
            <DateEcho value={detected} />
          </Field>
          <Field id="inc-category" label="区分" required error={f.category} hint="ジョブ異常は一次切り分けが30分です。">
            <select id="inc-category" value={category} onChange={(e) => setCategory(e.target.value as IncidentCategory)}>
              {options("incident_category").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
          <Field id="inc-severity" label="重大度" required error={f.severity}>
            <select id="inc-severity" value={severity} onChange={(e) => setSeverity(e.target.value as Severity)}>
              {options("severity").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
            </select>
          </Field>
        </div>
        <Field id="inc-title" label="件名" required error={f.title}>
          <input id="inc-title" value={title} onChange={(e) => setTitle(e.target.value)} placeholder="例：夜間バッチ（月次集計）の異常終了" />
        </Field>
        <Field id="inc-summary" label="概要" required error={f.summary}>
          <textarea id="inc-summary" rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
        </Field>
        <Field id="inc-offices" label="影響事務所" error={f.affected_offices} hint="選ばないときは全事務所です。">
          <div className="checks" id="inc-offices">
            {offices.map((o) => (
              <label key={o.code} className="check">
                <input type="checkbox" checked={affected.includes(o.code)} onChange={() => toggle(o.code)} />
                {o.name}
              </label>
            ))}
          </div>
        </Field>
        <div className="form-grid">
          <Field id="inc-systems" label="影響システム" error={f.affected_systems}>
            <input id="inc-systems" value={systems} onChange={(e) => setSystems(e.target.value)} />
          </Field>
          <Field id="inc-linked" label="関連依頼（番号）" error={f.linked_requests} hint="例：12, 15">
            <input id="inc-linked" value={linked} onChange={(e) => setLinked(e.target.value)} />
          </Field>
        </div>
        <label className="check checks">
          <input id="inc-manual" type="checkbox" checked={manual} onChange={(e) => setManual(e.target.checked)} />
          運用・オペレーションに関する障害（マニュアル改版の時計を動かす）
        </label>
        <div className="actions">
          <button type="button" className="btn" onClick={() => go({ name: "incidents" })}>キャンセル</button>
          <button id="inc-submit" className="btn primary" disabled={busy}>記録する</button>
        </div>
      </form>
    </div>
  );
}
