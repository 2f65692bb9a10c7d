import { useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, MailSecurity, MailSettings } from "../api/types";
import { ErrorBanner, Field } from "./ui";
import { fieldMessages } from "../lib/errors";
import { options } from "../lib/labels";

/**
 * The mail server incident reports go through (administrator). The password is sent only
 * when typed; the server keeps it and answers back only whether one is kept.
 */
export function MailServerSettings() {
  const [form, setForm] = useState<MailSettings | null>(null);
  const [passwordSet, setPasswordSet] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const load = () => api.mailSettings().then((v) => {
    setForm(v.settings);
    setPasswordSet(v.password_set);
  }).catch(setError);
  useEffect(() => void load(), []);
  if (!form) return <ErrorBanner error={error} />;
  const f = fieldMessages(error);
  const set = <K extends keyof MailSettings>(k: K, v: MailSettings[K]) => {
    setForm({ ...form, [k]: v });
    setSaved(false);
  };
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setBusy(true);
    try {
      await api.updateMailSettings(form, password === "" ? null : password);
      setPassword("");
      await load();
      setError(null);
      setSaved(true);
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }
  return (
    <form className="form" onSubmit={submit} noValidate id="mail-settings">
      <h2 className="form-section">メールサーバー（障害報告の送信）</h2>
      <ErrorBanner error={error && !error.fields?.length ? error : null} />
      {saved && <div className="banner info" id="mail-settings-saved">メールサーバーの設定を保存しました。</div>}
      <div className="row">
        <Field id="mail-host" label="ホスト名" required error={f.host}>
          <input id="mail-host" value={form.host} onChange={(e) => set("host", e.target.value)} />
        </Field>
        <Field id="mail-port" label="ポート番号" required error={f.port}>
          <input id="mail-port" type="number" min={1} max={65535} value={form.port}
            onChange={(e) => set("port", Number(e.target.value))} />
        </Field>
        <Field id="mail-security" label="暗号化" required error={f.security}>
          <select id="mail-security" value={form.security} onChange={(e) => set("security", e.target.value as MailSecurity)}>
            {options("mail_security").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </Field>
      </div>
      <div className="row">
        <Field id="mail-user" label="ユーザー名" error={f.username} hint="空欄なら認証しません。">
          <input id="mail-user" value={form.username} autoComplete="off" onChange={(e) => set("username", e.target.value)} />
        </Field>
        <Field id="mail-password" label="パスワード" error={f.password}
          hint={passwordSet ? "保存済みです（表示しません）。変更するときだけ入力してください。" : "未設定です。"}>
          <input id="mail-password" type="password" value={password} autoComplete="new-password"
            onChange={(e) => { setPassword(e.target.value); setSaved(false); }} />
        </Field>
        <div />
      </div>
      <div className="row">
        <Field id="mail-from" label="差出人アドレス" required error={f.from_address}>
          <input id="mail-from" value={form.from_address} onChange={(e) => set("from_address", e.target.value)} />
        </Field>
        <Field id="mail-from-name" label="差出人名" error={f.from_name}>
          <input id="mail-from-name" value={form.from_name} onChange={(e) => set("from_name", e.target.value)} />
        </Field>
        <div />
      </div>
      <div className="actions">
        <button id="mail-settings-save" type="submit" className="btn primary" disabled={busy}>メールサーバーの設定を保存</button>
      </div>
    </form>
  );
}
