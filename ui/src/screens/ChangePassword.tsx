import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError } from "../api/types";
import { ErrorBanner, Field } from "../components/ui";
import { fieldMessages } from "../lib/errors";

/**
 * パスワードの変更. Shown alone right after log-in while the password is one an administrator set
 * (`required`): nobody but its owner should know the password in use. Also reachable from the
 * side menu to change it at any time. The current password is asked again: a terminal left
 * logged in is not enough.
 */
export function ChangePassword(props: { required: boolean; onChanged: () => void; onLogout?: () => void }) {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [again, setAgain] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (next !== again) {
      setError({
        code: "validation", message: "入力内容に誤りがあります。",
        fields: [{ field: "new_password_again", label: "新しいパスワード（確認）", message: "確認のため、同じパスワードをもう一度入力してください。" }],
      });
      return;
    }
    setBusy(true);
    try {
      await api.changePassword(current, next);
      setError(null);
      setDone(true);
      setCurrent("");
      setNext("");
      setAgain("");
      props.onChanged();
    } catch (err) {
      setError(err as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow" id="change-password">
      <h1 className="page-title">パスワードの変更</h1>
      <form className="form" onSubmit={submit}>
        {props.required && (
          <div className="banner warn" role="note" id="password-change-required">
            管理者が設定したパスワードでログインしています。業務を始める前に、ご自身だけが知るパスワードに変更してください。
          </div>
        )}
        {done && <div className="banner info" id="password-changed">パスワードを変更しました。</div>}
        <ErrorBanner error={error} />
        <Field id="pw-current" label="現在のパスワード" required error={f.current_password}>
          <input id="pw-current" type="password" autoComplete="current-password" value={current}
            onChange={(e) => setCurrent(e.target.value)} />
        </Field>
        <Field id="pw-new" label="新しいパスワード" required error={f.new_password}
          hint="8文字以上。ログインIDを含めないでください。">
          <input id="pw-new" type="password" autoComplete="new-password" value={next}
            onChange={(e) => setNext(e.target.value)} />
        </Field>
        <Field id="pw-again" label="新しいパスワード（確認）" required error={f.new_password_again}>
          <input id="pw-again" type="password" autoComplete="new-password" value={again}
            onChange={(e) => setAgain(e.target.value)} />
        </Field>
        <div className="actions">
          {props.onLogout && <button type="button" className="btn" id="pw-logout" onClick={props.onLogout}>ログアウト</button>}
          <span className="grow" />
          <button type="submit" className="btn primary" id="pw-submit" disabled={busy}>変更する</button>
        </div>
      </form>
    </div>
  );
}
