import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, DbConfig, DbKind, DbStatus } from "../api/types";
import { ErrorBanner, Field } from "../components/ui";
import { fieldMessages } from "../lib/errors";

/**
 * 接続先の設定: this user's choice of database: the local SQLite file, or the shared database behind
 * the Hoshu Desk server (`https://…`; the terminal holds no database password).
 * Reachable from the log-in screen, where it can set up a terminal's first start; afterwards only
 * a logged-in administrator changes it (`status.locked` says why not). `onReconnected` runs after
 * switching (everyone is logged out).
 */
export function DatabaseScreen({ onReconnected, onClose }: { onReconnected: () => void; onClose?: () => void }) {
  const [status, setStatus] = useState<DbStatus | null>(null);
  const [form, setForm] = useState<DbConfig>({ kind: "sqlite", sqlite_path: "", server_url: "" });
  const [error, setError] = useState<AppError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const f = fieldMessages(error);
  const locked = status?.locked != null;

  useEffect(() => {
    api.databaseConfig().then((s) => {
      setStatus(s);
      setForm({ kind: s.kind, sqlite_path: s.sqlite_path, server_url: s.server_url });
    }).catch(setError);
  }, []);

  const set = <K extends keyof DbConfig>(k: K, v: DbConfig[K]) => {
    setForm({ ...form, [k]: v });
    setResult(null);
  };

  async function run(action: "test" | "save" | "reconnect") {
    setBusy(true);
    setResult(null);
    try {
      const text = action === "test" ? await api.testDatabase(form) : await api.saveDatabase(form, action === "reconnect");
      setError(null);
      setResult(text);
      if (action !== "test") setStatus(await api.databaseConfig());
      if (action === "reconnect") onReconnected();
    } catch (e) {
      setError(e as AppError);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="page narrow" id="database-settings">
      <h1 className="page-title">接続先の設定</h1>
      <div className="form">
        <ErrorBanner error={error} />
        {result && <div className="banner info" id="db-result">{result}</div>}
        {status && (
          <dl className="props wide-props">
            <dt>現在の接続先</dt><dd id="db-active" className="mono">{status.active}</dd>
            <dt>設定ファイル</dt><dd className="mono small">{status.config_file}</dd>
          </dl>
        )}
        {status?.locked && <div className="banner warn" id="db-locked" role="note">{status.locked}</div>}
        {status?.env_override && (
          <div className="banner info">環境変数 HOSHU_DB が指定されているため、起動時はその接続先が使われます。「保存して再接続」で保存した接続先に切り替えられます。</div>
        )}
        <fieldset className="choice" aria-label="データベースの種類">
          {(["sqlite", "server"] as DbKind[]).map((k) => (
            <label key={k} className={form.kind === k ? "choice-item active" : "choice-item"}>
              <input type="radio" name="db-kind" id={`db-kind-${k}`} checked={form.kind === k} onChange={() => set("kind", k)} />
              <span>
                <strong>{k === "sqlite" ? "この端末のデータベース（SQLite）" : "保守デスクのサーバー（共有）"}</strong>
                <span className="hint">
                  {k === "sqlite"
                    ? "利用者ごとのアプリデータフォルダに保存します。1台で使うとき、試用するときに。"
                    : "事務所・受託者の端末で共有するサーバー。暗号化（HTTPS）で接続し、端末にはパスワードを残しません。"}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        {form.kind === "sqlite" ? (
          <Field id="db-sqlite-path" label="データベースファイル" error={f.sqlite_path}
            hint={`空欄のときは既定の場所：${status?.default_sqlite_path ?? ""}`}>
            <input id="db-sqlite-path" className="mono" value={form.sqlite_path} onChange={(e) => set("sqlite_path", e.target.value)} />
          </Field>
        ) : (
          <Field id="db-server-url" label="サーバーのURL" required error={f.server_url}
            hint="情報システム担当者から案内されたURL。例：https://hoshu.example.lg.jp:8443">
            <input id="db-server-url" className="mono" type="url" inputMode="url" autoComplete="off" value={form.server_url}
              onChange={(e) => set("server_url", e.target.value)} />
          </Field>
        )}
        <div className="actions">
          {onClose && <button type="button" className="btn" id="db-close" onClick={onClose}>戻る</button>}
          <span className="grow" />
          <button type="button" className="btn" id="db-test" disabled={busy || locked} onClick={() => run("test")}>接続テスト</button>
          <button type="button" className="btn" id="db-save" disabled={busy || locked} onClick={() => run("save")}>保存（次回起動から）</button>
          <button type="button" className="btn primary" id="db-reconnect" disabled={busy || locked} onClick={() => run("reconnect")}>保存して再接続</button>
        </div>
      </div>
    </div>
  );
}
