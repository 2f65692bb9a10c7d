import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, DeskSettings, IsoDate } from "../api/types";
import { ErrorBanner, Field, Panel, DateEcho } from "../components/ui";
import { MailServerSettings } from "../components/MailServerSettings";
import { fieldMessages } from "../lib/errors";
import { warekiDate } from "../lib/wareki";
import type { Go } from "../nav";
import "../register.css";

/** "08:30:00" → "08:30" for the time picker, and back. */
const hhmm = (t: string) => t.slice(0, 5);
const withSeconds = (t: string) => (t.length === 5 ? `${t}:00` : t);

/** 管理: サービス時間・臨時閉庁日・臨時開庁日・自動ログアウト・ロック時間. */
export function SettingsScreen({ go }: { go: Go }) {
  const [form, setForm] = useState<DeskSettings | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    api.settings().then(setForm).catch(setError);
  }, []);
  if (!form) return <div className="page"><ErrorBanner error={error} />{!error && "読み込み中…"}</div>;
  const f = fieldMessages(error);
  const set = <K extends keyof DeskSettings>(k: K, v: DeskSettings[K]) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    try {
      const next = {
        ...form,
        service_open: withSeconds(form.service_open),
        service_close: withSeconds(form.service_close),
      };
      await api.updateSettings(next);
      setForm(await api.settings());
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow" id="admin-settings">
      <div className="page-head">
        <h1 className="page-title">運用設定</h1>
        <button id="settings-contract" className="btn" onClick={() => go({ name: "contract", from: "settings" })}>
          契約情報
        </button>
      </div>
      <form className="form" onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        {saved && <div className="banner info" id="settings-saved">設定を保存しました。自動ログアウト時間は次回のログインから適用されます。</div>}
        <h2 className="form-section">サービス時間（開庁日）</h2>
        <div className="row">
          <Field id="set-open" label="開始" required error={f.service_open}>
            <input id="set-open" type="time" value={hhmm(form.service_open)} onChange={(e) => set("service_open", e.target.value)} />
          </Field>
          <Field id="set-close" label="終了" required error={f.service_close}>
            <input id="set-close" type="time" value={hhmm(form.service_close)} onChange={(e) => set("service_close", e.target.value)} />
          </Field>
          <div />
        </div>
        <h2 className="form-section">セキュリティ</h2>
        <div className="row">
          <Field id="set-idle" label="自動ログアウト（分）" required error={f.idle_logout_minutes}
            hint="操作がないとログアウトします（共用端末）。">
            <input id="set-idle" type="number" min={1} value={form.idle_logout_minutes}
              onChange={(e) => set("idle_logout_minutes", Number(e.target.value))} />
          </Field>
          <Field id="set-lockout" label="ロック時間（分）" required error={f.lockout_minutes}
            hint="パスワードを続けて誤ったときのロック時間。">
            <input id="set-lockout" type="number" min={1} value={form.lockout_minutes}
              onChange={(e) => set("lockout_minutes", Number(e.target.value))} />
          </Field>
          <div />
        </div>
        <div className="row">
          <Field id="set-bulk" label="一括出力の確認（件）" required error={f.bulk_export_rows}
            hint="この件数を超えて書き出すときは、書き出す前に確認します（個人情報の持ち出し対策）。">
            <input id="set-bulk" type="number" min={1} max={100000} value={form.bulk_export_rows}
              onChange={(e) => set("bulk_export_rows", Number(e.target.value))} />
          </Field>
          <Field id="set-draft-days" label="下書きの保存日数" required error={f.draft_retention_days}
            hint="送信していない入力内容を端末に残す日数（暗号化して保存し、過ぎたら読まずに削除）。">
            <input id="set-draft-days" type="number" min={1} max={30} value={form.draft_retention_days}
              onChange={(e) => set("draft_retention_days", Number(e.target.value))} />
          </Field>
          <Field id="set-deadline-warning" label="期限の事前通知（分）" required error={f.deadline_warning_minutes}
            hint="回答期限・SLA期限のこの時間前に、受託者・担当課へ通知します。">
            <input id="set-deadline-warning" type="number" min={1} max={1440} value={form.deadline_warning_minutes}
              onChange={(e) => set("deadline_warning_minutes", Number(e.target.value))} />
          </Field>
        </div>
        <div className="two-col">
          <DateList id="closures" title="臨時閉庁日" hint="開庁日でも閉庁として扱う日（システム全体の停止日など）"
            dates={form.extra_closures} error={f.extra_closures} onChange={(d) => set("extra_closures", d)} />
          <DateList id="open-days" title="臨時開庁日" hint="土日祝日でも開庁として扱う日"
            dates={form.extra_open_days} error={f.extra_open_days} onChange={(d) => set("extra_open_days", d)} />
        </div>
        <div className="actions">
          <button id="settings-save" type="submit" className="btn primary" disabled={busy}>
            {busy ? "保存中…" : "設定を保存"}
          </button>
        </div>
      </form>
      <MailServerSettings />
    </div>
  );
}

/** A list of dates with an add box; kept sorted and without duplicates. */
export function addDate(list: IsoDate[], date: IsoDate): IsoDate[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || list.includes(date)) return list;
  return [...list, date].sort();
}

function DateList(props: {
  id: string; title: string; hint: string; dates: IsoDate[]; error?: string; onChange: (d: IsoDate[]) => void;
}) {
  const [pick, setPick] = useState("");
  return (
    <Panel title={props.title} id={props.id}>
      <p className="hint">{props.hint}</p>
      {props.error && <div className="field-error" role="alert">{props.error}</div>}
      <ul className="date-list">
        {props.dates.length === 0 && <li className="muted">登録されていません。</li>}
        {props.dates.map((d) => (
          <li key={d}>
            <span>{warekiDate(d)}</span>
            <button type="button" className="btn small" aria-label={`${warekiDate(d)}を削除`}
              onClick={() => props.onChange(props.dates.filter((x) => x !== d))}>削除</button>
          </li>
        ))}
      </ul>
      <div className="inline-form">
        <Field id={`${props.id}-date`} label="日付を追加">
          <input id={`${props.id}-date`} type="date" value={pick} onChange={(e) => setPick(e.target.value)} />
          <DateEcho value={pick} />
        </Field>
        <button type="button" id={`${props.id}-add`} className="btn" disabled={!pick}
          onClick={() => { props.onChange(addDate(props.dates, pick)); setPick(""); }}>追加</button>
      </div>
    </Panel>
  );
}
