import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AccountView, AppError, NewAccountInput, Office, OpenSessionView, Role, Session } from "../api/types";
import { ErrorBanner, Field, Panel } from "../components/ui";
import { fieldMessages } from "../lib/errors";
import { label, options } from "../lib/labels";
import { warekiDateTime } from "../lib/wareki";

const BLANK: NewAccountInput = { login: "", display_name: "", role: "staff", office: "", password: "" };

/** 管理: アカウントの一覧・作成・変更・無効化・パスワード再設定. */
export function AccountsScreen({ session, offices }: { session: Session; offices: Office[] }) {
  const [items, setItems] = useState<AccountView[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [issued, setIssued] = useState<{ login: string; password: string } | null>(null);
  const [editing, setEditing] = useState<number | "new" | null>(null);

  const load = useCallback(() => {
    api.accounts().then(setItems).catch(setError);
  }, []);
  useEffect(load, [load]);

  const officeName = (code: string) => offices.find((o) => o.code === code)?.name ?? code;
  const done = (message: string) => {
    setInfo(message);
    setIssued(null);
    setError(null);
    setEditing(null);
    load();
  };
  const current = typeof editing === "number" ? items.find((a) => a.id === editing) : undefined;

  return (
    <div className="page" id="admin-accounts">
      <div className="cal-head">
        <h1 className="page-title">アカウント管理</h1>
        <button id="account-new" className="btn primary" onClick={() => { setEditing("new"); setInfo(null); }}>
          ＋ アカウントを作成
        </button>
      </div>
      <ErrorBanner error={error} />
      {info && <div className="banner info" id="admin-info">{info}</div>}
      {issued && (
        <div className="banner info" role="status" id="one-time-issued">
          「{issued.login}」の一時パスワード：<code id="one-time-password" className="mono">{issued.password}</code>
          <div className="small">本人に直接伝えてください。初回ログインで本人が変更します。この表示は画面を離れると消え、再表示できません。</div>
        </div>
      )}
      {editing === "new" && (
        <NewAccountForm offices={offices} onDone={(login) => done(`アカウント「${login}」を作成しました。`)}
          onCancel={() => setEditing(null)} />
      )}
      {current && (
        <EditAccountForm key={current.id} account={current} self={current.id === session.actor.account_id}
          offices={offices} onDone={done} onCancel={() => setEditing(null)} onStale={load}
          onIssued={(password) => {
            done(`「${current.login}」に一時パスワードを発行し、ロックを解除しました。`);
            setIssued({ login: current.login, password });
          }} />
      )}
      <table className="grid" id="account-table">
        <thead>
          <tr><th>ログインID</th><th>氏名</th><th>権限</th><th>所属</th><th>状態</th><th>ロック</th><th></th></tr>
        </thead>
        <tbody>
          {items.map((a) => (
            <tr key={a.id} data-login={a.login} className={a.disabled ? "row-disabled" : undefined}>
              <td className="nowrap">{a.login}</td>
              <td>{a.display_name}</td>
              <td className="nowrap">{label("role", a.role)}</td>
              <td>{officeName(a.office)}</td>
              <td className="nowrap">
                {a.disabled ? <span className="badge s-withdrawn">無効</span> : <span className="badge s-answered">有効</span>}
              </td>
              <td className="small">
                {a.locked_until && new Date(a.locked_until) > new Date()
                  ? `ロック中（${warekiDateTime(a.locked_until)}まで）`
                  : a.failed_logins > 0 ? `失敗 ${a.failed_logins} 回` : "—"}
              </td>
              <td className="nowrap">
                <button className="btn small" data-edit={a.login} onClick={() => { setEditing(a.id); setInfo(null); }}>
                  変更…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <OpenSessions officeName={officeName} selfLogin={session.actor.login} />
    </div>
  );
}

/**
 * ログイン中の端末: who is logged in now, from which terminal address (the server's own record;
 * on the local database only this terminal). 終了 ends a session at once, everywhere — a terminal
 * left logged in, a laptop gone missing.
 */
function OpenSessions({ officeName, selfLogin }: { officeName: (code: string) => string; selfLogin: string }) {
  const [sessions, setSessions] = useState<OpenSessionView[]>([]);
  const [error, setError] = useState<AppError | null>(null);
  const [ended, setEnded] = useState<string | null>(null);
  const load = useCallback(() => {
    api.openSessions().then(setSessions).catch(setError);
  }, []);
  useEffect(load, [load]);
  async function end(s: OpenSessionView) {
    try {
      await api.endSession(s.id);
      setEnded(`「${s.login}」のセッション（端末 ${s.client_addr}）を終了しました。`);
      setError(null);
      load();
    } catch (e) {
      setError(e as AppError);
    }
  }
  return (
    <Panel title="ログイン中の端末" id="open-sessions"
      actions={<button className="btn small" id="sessions-reload" onClick={load}>更新</button>}>
      <ErrorBanner error={error} />
      {ended && <div className="banner info" id="session-ended">{ended}</div>}
      {sessions.length === 0 ? (
        <p className="muted">サーバー経由でログイン中の端末はありません。</p>
      ) : (
        <table className="grid" id="session-table">
          <thead>
            <tr><th>ログインID</th><th>氏名</th><th>所属</th><th>端末</th><th>ログイン</th><th>最終操作</th><th></th></tr>
          </thead>
          <tbody>
            {sessions.map((s) => (
              <tr key={s.id} data-session={s.login}>
                <td className="nowrap">{s.login}</td>
                <td>{s.display_name}</td>
                <td>{officeName(s.office)}</td>
                <td className="mono nowrap">{s.client_addr}</td>
                <td className="nowrap small">{warekiDateTime(s.started_at)}</td>
                <td className="nowrap small">{warekiDateTime(s.last_seen_at)}</td>
                <td className="nowrap">
                  {s.login !== selfLogin && (
                    <button className="btn small danger" data-end-session={s.login} onClick={() => void end(s)}>終了</button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Panel>
  );
}

function RoleOfficeFields(props: {
  prefix: string; role: Role; office: string; offices: Office[]; errors: Record<string, string>;
  onRole: (r: Role) => void; onOffice: (o: string) => void;
}) {
  return (
    <>
      <Field id={`${props.prefix}-role`} label="権限" required error={props.errors.role}>
        <select id={`${props.prefix}-role`} value={props.role} onChange={(e) => props.onRole(e.target.value as Role)}>
          {options("role").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
        </select>
      </Field>
      <Field id={`${props.prefix}-office`} label="所属" required error={props.errors.office}>
        <select id={`${props.prefix}-office`} value={props.office} onChange={(e) => props.onOffice(e.target.value)}>
          <option value="">（選択してください）</option>
          {props.offices.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
        </select>
      </Field>
    </>
  );
}

function NewAccountForm(props: { offices: Office[]; onDone: (login: string) => void; onCancel: () => void }) {
  const [form, setForm] = useState<NewAccountInput>(BLANK);
  const [error, setError] = useState<AppError | null>(null);
  const f = fieldMessages(error);
  const set = <K extends keyof NewAccountInput>(k: K, v: NewAccountInput[K]) => setForm({ ...form, [k]: v });

  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api.createAccount(form);
      props.onDone(form.login);
    } catch (err) {
      setError(err as AppError);
    }
  }

  return (
    <Panel title="アカウントの作成" id="account-create">
      <form onSubmit={submit} noValidate>
        <ErrorBanner error={error} />
        <div className="form-grid">
          <Field id="acc-login" label="ログインID" required error={f.login} hint="半角英数字・記号（. _ -）">
            <input id="acc-login" value={form.login} autoComplete="off" onChange={(e) => set("login", e.target.value)} />
          </Field>
          <Field id="acc-name" label="氏名" required error={f.display_name}>
            <input id="acc-name" value={form.display_name} onChange={(e) => set("display_name", e.target.value)} />
          </Field>
          <RoleOfficeFields prefix="acc" role={form.role} office={form.office} offices={props.offices} errors={f}
            onRole={(r) => set("role", r)} onOffice={(o) => set("office", o)} />
          <Field id="acc-password" label="初期パスワード" required error={f.password} hint="本人に伝え、初回ログイン後に変更してもらいます。">
            <input id="acc-password" type="password" autoComplete="new-password" value={form.password}
              onChange={(e) => set("password", e.target.value)} />
          </Field>
        </div>
        <div className="actions">
          <button type="button" className="btn" onClick={props.onCancel}>キャンセル</button>
          <button id="acc-submit" type="submit" className="btn primary">作成する</button>
        </div>
      </form>
    </Panel>
  );
}

function EditAccountForm(props: {
  account: AccountView; self: boolean; offices: Office[];
  onDone: (message: string) => void; onCancel: () => void; onStale: () => void;
  onIssued: (oneTimePassword: string) => void;
}) {
  const a = props.account;
  const [name, setName] = useState(a.display_name);
  const [role, setRole] = useState<Role>(a.role);
  const [office, setOffice] = useState(a.office);
  const [error, setError] = useState<AppError | null>(null);
  const f = fieldMessages(error);

  async function reset() {
    try {
      props.onIssued((await api.resetPassword(a.id, a.version)).one_time_password);
    } catch (err) {
      setError(err as AppError);
      if ((err as AppError).code === "stale") props.onStale();
    }
  }

  async function run(body: () => Promise<unknown>, message: string) {
    try {
      await body();
      props.onDone(message);
    } catch (err) {
      setError(err as AppError);
      if ((err as AppError).code === "stale") props.onStale();
    }
  }
  const update = (disabled: boolean, message: string) =>
    run(() => api.updateAccount(a.id, { expected_version: a.version, display_name: name, role, office, disabled }), message);

  return (
    <Panel title={`アカウントの変更：${a.login}`} id="account-edit">
      <ErrorBanner error={error} />
      <div className="form-grid">
        <Field id="edit-name" label="氏名" required error={f.display_name}>
          <input id="edit-name" value={name} onChange={(e) => setName(e.target.value)} />
        </Field>
        <RoleOfficeFields prefix="edit" role={role} office={office} offices={props.offices} errors={f}
          onRole={setRole} onOffice={setOffice} />
      </div>
      <div className="actions split">
        {a.disabled ? (
          <button id="edit-enable" className="btn" onClick={() => update(false, `「${a.login}」を有効にしました。`)}>有効にする</button>
        ) : (
          <button id="edit-disable" className="btn danger" disabled={props.self}
            onClick={() => update(true, `「${a.login}」を無効にしました。`)}>無効にする</button>
        )}
        <span className="grow" />
        <button className="btn" onClick={props.onCancel}>閉じる</button>
        <button id="edit-save" className="btn primary" onClick={() => update(a.disabled, `「${a.login}」を変更しました。`)}>変更を保存</button>
      </div>
      <h3>パスワードの再設定</h3>
      <p className="small muted">一時パスワードを発行し、すべての端末のロックを解除します。一時パスワードは一度だけ表示されます。本人は初回ログインで自分のパスワードに変更します。</p>
      <div className="actions">
        <button id="edit-reset" className="btn" onClick={() => void reset()}>
          一時パスワードを発行してロック解除
        </button>
      </div>
    </Panel>
  );
}
