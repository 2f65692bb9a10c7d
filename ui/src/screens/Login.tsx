import { useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AppError, Session } from "../api/types";

export function Login(props: { onLogin: (s: Session) => void; notice: string | null; onDatabase: () => void }) {
  const { onLogin, notice } = props;
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<AppError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!login.trim() || !password) {
      setError({ code: "validation", message: "ログインIDとパスワードを入力してください。" });
      return;
    }
    setBusy(true);
    try {
      onLogin(await api.login(login, password));
    } catch (err) {
      setError(err as AppError);
      setPassword("");
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="login-page">
      <form className="login-card" onSubmit={submit} aria-labelledby="login-title">
        <div className="login-brand">
          <div className="logo" aria-hidden="true">保</div>
          <div>
            <h1 id="login-title">保守デスク</h1>
            <p className="sub">生活保護レセプト管理システム 運用保守窓口</p>
          </div>
        </div>
        {notice && <div className="banner info" id="login-notice">{notice}</div>}
        {error && (
          <div className="banner error" role="alert" id="login-error">
            {error.message}
          </div>
        )}
        <div className="field">
          <label htmlFor="login-id">ログインID</label>
          <input
            id="login-id"
            autoFocus
            autoComplete="username"
            value={login}
            onChange={(e) => setLogin(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="login-password">パスワード</label>
          <input
            id="login-password"
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <button id="login-submit" className="btn primary wide" type="submit" disabled={busy}>
          {busy ? "確認中…" : "ログイン"}
        </button>
        <p className="login-foot">共用端末です。離席するときは必ずログアウトしてください。</p>
        <div className="login-db">
          <button type="button" id="login-database" className="btn link small" onClick={props.onDatabase}>接続先の設定</button>
        </div>
      </form>
    </div>
  );
}
