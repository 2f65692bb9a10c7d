import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, Session } from "../api/types";
import { ErrorBanner, Field, DateEcho } from "../components/ui";
import { contractToForm, formToContract } from "../lib/contract";
import type { ContractForm } from "../lib/contract";
import { fieldMessages } from "../lib/errors";
import type { Go } from "../nav";
import "../register.css";

type TextKey = Exclude<keyof ContractForm, "signed_on" | "period_from" | "period_to" | "report_recipients">;
const TEXT_FIELDS: { key: TextKey; label: string; required?: boolean; hint?: string }[] = [
  { key: "contract_name", label: "業務名", required: true },
  { key: "contract_number", label: "契約番号", hint: "番号が付くまでは空欄のままにできます。" },
  { key: "city_name", label: "委託者", required: true },
  { key: "city_department", label: "担当課", required: true },
  { key: "contractor_name", label: "受託者", required: true },
  { key: "contractor_address", label: "受託者住所" },
  { key: "contractor_representative", label: "受託者代表者", hint: "職・氏名（例：代表取締役　山田 一郎）" },
];
const PEOPLE: { key: TextKey; label: string; required?: boolean }[] = [
  { key: "city_responsible", label: "本市責任者" },
  { key: "contractor_responsible", label: "業務責任者", required: true },
  { key: "contractor_deputy", label: "作業責任者" },
];

const fieldId = (k: string) => `contract-${k.replace(/_/g, "-")}`;

/** 契約情報: printed on the forms and the deliverables' covers. */
export function ContractScreen({ go, session, from }: { go: Go; session: Session; from: "plan" | "settings" }) {
  const editable = session.actor.role === "contractor" || session.actor.role === "admin";
  const [form, setForm] = useState<ContractForm | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.contractInfo().then((c) => setForm(contractToForm(c))).catch(setError);
  }, []);
  const back = () => go(from === "plan" ? { name: "plan" } : { name: "settings" });
  if (!form) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const f = fieldMessages(error);
  const set = <K extends keyof ContractForm>(k: K, v: ContractForm[K]) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    const r = formToContract(form);
    if ("error" in r) {
      setError(r.error);
      return;
    }
    setBusy(true);
    try {
      await api.saveContractInfo(r.info);
      setForm(contractToForm(await api.contractInfo()));
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }

  const text = (d: { key: TextKey; label: string; required?: boolean; hint?: string }) => (
    <Field key={d.key} id={fieldId(d.key)} label={d.label} required={d.required} error={f[d.key]} hint={d.hint}>
      <input id={fieldId(d.key)} value={form[d.key]} readOnly={!editable} onChange={(e) => set(d.key, e.target.value)} />
    </Field>
  );
  const date = (k: "signed_on" | "period_from" | "period_to", labelText: string, required: boolean) => (
    <Field id={fieldId(k)} label={labelText} required={required} error={f[k]}>
      <input id={fieldId(k)} type="date" value={form[k]} readOnly={!editable} onChange={(e) => set(k, e.target.value)} />
      <DateEcho value={form[k]} />
    </Field>
  );
  return (
    <div className="page narrow" id="contract">
      <div className="page-head">
        <h1 className="page-title">契約情報</h1>
        <button className="btn" id="contract-back" onClick={back}>{from === "plan" ? "計画書へ" : "運用設定へ"}</button>
      </div>
      {!editable && <p className="muted" id="contract-readonly">契約情報は受託者と管理者が更新します（閲覧のみ）。</p>}
      <form className="form" onSubmit={submit} noValidate id="contract-form">
        <ErrorBanner error={error} />
        {saved && <div className="banner info" id="contract-saved">契約情報を保存しました。提出書類と納品物の表紙に反映されます。</div>}
        <h2 className="form-section">契約</h2>
        {TEXT_FIELDS.slice(0, 2).map(text)}
        <div className="form-grid">{TEXT_FIELDS.slice(2, 4).map(text)}</div>
        {TEXT_FIELDS.slice(4).map(text)}
        <div className="row">
          {date("signed_on", "契約締結日", false)}
          {date("period_from", "履行期間（開始）", true)}
          {date("period_to", "履行期間（終了）", true)}
        </div>
        <h2 className="form-section">責任者</h2>
        <div className="row">{PEOPLE.map(text)}</div>
        <h2 className="form-section">障害報告</h2>
        <Field id="contract-report-recipients" label="障害報告の宛先" error={f.report_recipients}
          hint="一次報告・続報・暫定報告のメールを送る本市のアドレス（1行に1件）。">
          <textarea id="contract-report-recipients" rows={3} value={form.report_recipients} readOnly={!editable}
            onChange={(e) => set("report_recipients", e.target.value)} />
        </Field>
        {editable && (
          <div className="actions">
            <button className="btn primary" id="contract-save" disabled={busy}>保存する</button>
          </div>
        )}
      </form>
    </div>
  );
}
