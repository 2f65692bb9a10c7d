import { useCallback, useEffect, useState } from "react";
import type { FormEvent } from "react";
import { api } from "../api/client";
import type { AccountView, AppError, NewAccountInput, Office, OpenSessionView, Role, Session } from "../api/types";
import { ErrorBanner, Field, Pager, Panel, SortHeader } from "../components/ui";
import { ask } from "../components/ask";
import { ExportResult, useExport } from "../components/exporting";
import { AccountImport } from "../components/AccountImport";
import { sortedBy, useKept, type SortKey, type SortOrder } from "../lib/lists";
import { pageCount, rangeText } from "../lib/paging";
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
      <AccountTable items={items} officeName={officeName} offices={offices} selfId={session.actor.account_id}
        onEdit={(id) => { setEditing(id); setInfo(null); }}
        onDisabled={(n) => done(`${n}件のアカウントを無効にしました。`)} onError={setError} />
      <AccountImport onImported={load} />
      <OpenSessions officeName={officeName} selfLogin={session.actor.login} />
    </div>
  );
}

type AccountColumn = "login" | "name" | "role" | "office" | "state";
interface AccountFilters { text: string; role: string; office: string; state: string }
const ALL_ACCOUNTS: AccountFilters = { text: "", role: "", office: "", state: "" };
const PER_PAGE = 50;

/**
 * 150 accounts at city scale: search by ID or name, filter by role, office and state, sort,
 * 50 a page, and tick several to disable them together (the April personnel moves).
 */
function AccountTable(props: {
  items: AccountView[]; officeName: (code: string) => string; offices: Office[]; selfId: number;
  onEdit: (id: number) => void; onDisabled: (count: number) => void; onError: (e: AppError) => void;
}) {
  const [filters, setFilters] = useKept<AccountFilters>("accounts.filters", ALL_ACCOUNTS);
  const [order, setOrder] = useKept<SortOrder<AccountColumn>>("accounts.order", { column: "login", direction: "ascending" });
  const [page, setPage] = useKept("accounts.page", 1);
  const [chosen, setChosen] = useState<Set<number>>(new Set());
  const exporting = useExport();
  const words = filters.text.trim().toLowerCase();
  const keys: Record<AccountColumn, (a: AccountView) => SortKey> = {
    login: (a) => a.login,
    name: (a) => a.display_name,
    role: (a) => label("role", a.role),
    office: (a) => props.officeName(a.office),
    state: (a) => (a.disabled ? 1 : 0),
  };
  const matching = sortedBy(props.items.filter((a) =>
    (!words || a.login.toLowerCase().includes(words) || a.display_name.toLowerCase().includes(words))
    && (!filters.role || a.role === filters.role)
    && (!filters.office || a.office === filters.office)
    && (!filters.state || (filters.state === "disabled") === a.disabled)), keys[order.column], order.direction);
  const last = pageCount(matching.length, PER_PAGE);
  const current = Math.min(page, last);
  const shown = matching.slice((current - 1) * PER_PAGE, current * PER_PAGE);
  const set = (patch: Partial<AccountFilters>) => {
    setFilters({ ...filters, ...patch });
    setPage(1);
  };
  const toggle = (id: number) => {
    const next = new Set(chosen);
    if (next.has(id)) next.delete(id); else next.add(id);
    setChosen(next);
  };
  const choosable = shown.filter((a) => !a.disabled && a.id !== props.selfId);
  const allShownChosen = choosable.length > 0 && choosable.every((a) => chosen.has(a.id));
  async function disableChosen() {
    const picked = props.items.filter((a) => chosen.has(a.id));
    const yes = await ask({
      title: "アカウントの一括無効化",
      message: `${picked.length}件のアカウントを無効にします。\n${picked.slice(0, 10).map((a) => `${a.login}（${a.display_name}）`).join("\n")}`
        + (picked.length > 10 ? `\nほか ${picked.length - 10}件` : "")
        + "\n無効にしたアカウントは、すぐにログインも操作もできなくなります。",
      choices: [
        { value: "disable", label: "無効にする", danger: true },
        { value: "cancel", label: "やめる" },
      ],
      cancel: "cancel",
    });
    if (yes !== "disable") return;
    try {
      const n = await api.disableAccounts(picked.map((a) => ({ id: a.id, expected_version: a.version })));
      setChosen(new Set());
      props.onDisabled(n);
    } catch (e) {
      props.onError(e as AppError);
    }
  }
  const header = (column: AccountColumn, text: string) => (
    <SortHeader column={column} order={order} onSort={setOrder}>{text}</SortHeader>
  );
  return (
    <>
      <div className="filters" role="search" aria-label="アカウントの絞り込み">
        <label className="grow">ログインID・氏名
          <input id="acc-filter-text" type="search" value={filters.text} onChange={(e) => set({ text: e.target.value })} />
        </label>
        <label>権限
          <select id="acc-filter-role" value={filters.role} onChange={(e) => set({ role: e.target.value })}>
            <option value="">すべて</option>
            {options("role").map((o) => <option key={o.code} value={o.code}>{o.label}</option>)}
          </select>
        </label>
        <label>所属
          <select id="acc-filter-office" value={filters.office} onChange={(e) => set({ office: e.target.value })}>
            <option value="">すべて</option>
            {props.offices.map((o) => <option key={o.code} value={o.code}>{o.name}</option>)}
          </select>
        </label>
        <label>状態
          <select id="acc-filter-state" value={filters.state} onChange={(e) => set({ state: e.target.value })}>
            <option value="">すべて</option>
            <option value="enabled">有効</option>
            <option value="disabled">無効</option>
          </select>
        </label>
      </div>
      <ExportResult what="アカウント一覧" state={exporting} />
      <div className="list-bar">
        <div className="list-meta" id="account-total" role="status">{rangeText(matching.length, current, PER_PAGE)}</div>
        <button id="account-export" className="btn small" disabled={exporting.busy || matching.length === 0}
          onClick={() => void exporting.run((bulk) => api.exportAccounts({
            text: filters.text || null,
            role: (filters.role || null) as Role | null,
            office: filters.office || null,
            disabled: filters.state === "" ? null : filters.state === "disabled",
          }, bulk))}>
          表示中の条件でCSVに出力…
        </button>
        <button id="account-disable-chosen" className="btn small danger" disabled={chosen.size === 0}
          onClick={() => void disableChosen()}>
          選択した{chosen.size > 0 ? ` ${chosen.size}件を` : "アカウントを"}無効にする…
        </button>
      </div>
      <table className="grid compact" id="account-table">
        <thead>
          <tr>
            <th>
              <input type="checkbox" aria-label="このページの有効なアカウントをすべて選択" checked={allShownChosen}
                onChange={() => {
                  const next = new Set(chosen);
                  choosable.forEach((a) => (allShownChosen ? next.delete(a.id) : next.add(a.id)));
                  setChosen(next);
                }} />
            </th>
            {header("login", "ログインID")}{header("name", "氏名")}{header("role", "権限")}{header("office", "所属")}
            {header("state", "状態")}<th>ロック</th><th><span className="visually-hidden">操作</span></th>
          </tr>
        </thead>
        <tbody>
          {shown.map((a) => (
            <tr key={a.id} data-login={a.login} className={a.disabled ? "row-disabled" : undefined}>
              <td>
                <input type="checkbox" aria-label={`${a.login}（${a.display_name}）を選択`} data-choose={a.login}
                  disabled={a.disabled || a.id === props.selfId} checked={chosen.has(a.id)} onChange={() => toggle(a.id)} />
              </td>
              <td>{a.login}</td>
              <td>{a.display_name}</td>
              <td>{label("role", a.role)}</td>
              <td>{props.officeName(a.office)}</td>
              <td>
                {a.disabled ? <span className="badge s-withdrawn">無効</span> : <span className="badge s-answered">有効</span>}
              </td>
              <td className="small">
                {a.locked_until && new Date(a.locked_until) > new Date()
                  ? `ロック中（${warekiDateTime(a.locked_until)}まで）`
                  : a.failed_logins > 0 ? `失敗 ${a.failed_logins} 回` : "—"}
              </td>
              <td>
                <button className="btn small" data-edit={a.login} onClick={() => props.onEdit(a.id)}>変更…</button>
              </td>
            </tr>
          ))}
          {shown.length === 0 && <tr><td colSpan={8} className="empty">条件に合うアカウントはありません。</td></tr>}
        </tbody>
      </table>
      <Pager id="account-page" page={current} total={matching.length} perPage={PER_PAGE} onPage={setPage} />
    </>
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
