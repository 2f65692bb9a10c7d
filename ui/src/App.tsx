import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./api/client";
import type { Office, Session } from "./api/types";
import { idleClock, warns } from "./lib/idle";
import { forgetLists } from "./lib/lists";
import { label, setLabels } from "./lib/labels";
import { menuFor, menuIdOf, type View } from "./nav";
import { ChangePassword } from "./screens/ChangePassword";
import { Login } from "./screens/Login";
import { Home } from "./screens/Home";
import { RequestList } from "./screens/RequestList";
import { RequestDetailScreen } from "./screens/RequestDetail";
import { NewRequestForm } from "./screens/NewRequest";
import { ChangeList } from "./screens/ChangeList";
import { ChangeDetailScreen } from "./screens/ChangeDetail";
import { CalendarScreen } from "./screens/Calendar";
import { NewChangeForm } from "./screens/NewChange";
import { AccountsScreen } from "./screens/Accounts";
import { SettingsScreen } from "./screens/Settings";
import { DatabaseScreen } from "./screens/Database";
import { IncidentList } from "./screens/IncidentList";
import { OperationsScreen } from "./screens/Operations";
import { BusinessScheduleScreen } from "./screens/BusinessSchedule";
import { IncidentDetailScreen } from "./screens/IncidentDetail";
import { NewIncidentForm } from "./screens/NewIncident";
import { MeetingList } from "./screens/MeetingList";
import { MeetingDetailScreen } from "./screens/MeetingDetail";
import { MeetingFormScreen } from "./screens/MeetingForm";
import { DeliverablesScreen } from "./screens/Deliverables";
import { RegisterList } from "./screens/RegisterList";
import { RegisterItemScreen } from "./screens/RegisterItem";
import { PlanScreen } from "./screens/Plan";
import { HandoverScreen } from "./screens/Handover";
import { ContractScreen } from "./screens/Contract";
import { SearchScreen } from "./screens/Search";
import { ImportScreen } from "./screens/Import";
import { NotificationsScreen } from "./screens/Notifications";
import { DATA_CHANGED, POLL_MS, badgeText, changedKinds, nextAfter, toPopUp } from "./lib/notifications";
import { DRAFTS_CHANGED, draftVault, drafts, flushDrafts, openDrafts } from "./lib/useDraft";
import { ask } from "./components/ask";

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [offices, setOffices] = useState<Office[]>([]);
  const [view, setView] = useState<View>({ name: "home" });
  const [notice, setNotice] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  const [dbScreen, setDbScreen] = useState(false);
  const mainRef = useRef<HTMLElement>(null);
  useScreenFollows(mainRef, view);

  useEffect(() => {
    api.labels().then((l) => {
      setLabels(l);
      setReady(true);
    });
  }, []);
  // The first usable screen is painted: tell the shell (the start-up bench waits for it).
  useEffect(() => {
    if (ready) requestAnimationFrame(() => void api.uiReady().catch(() => undefined));
  }, [ready]);

  const [draftDays, setDraftDays] = useState<number | null>(null);
  const onLogin = useCallback(async (s: Session) => {
    // The person's drafts first: every form reads its own when it opens.
    const opened = s.must_change_password ? null : await openDrafts();
    setDraftDays(opened?.days ?? null);
    setSession(s);
    setNotice(opened && !opened.keptOnDisk
      ? "この端末では下書きを保存できません（資格情報の保管場所がありません）。入力中の内容はアプリを閉じると失われます。"
      : null);
    setView({ name: "home" });
    api.offices().then(setOffices).catch(() => setOffices([]));
  }, []);

  const login = session?.actor.login;
  const logout = useCallback(async (idle: boolean) => {
    // Shared terminals: see lib/drafts.ts — an idle log-out keeps the person's drafts; an
    // explicit one asks whether to keep or erase them. The window keeps none of them after.
    if (!idle && login) {
      const unsent = drafts.unsent(login);
      if (unsent.drafts > 0) {
        const choice = await ask({
          title: "未送信の入力内容があります",
          message: `送信していない入力内容が ${unsent.drafts} 件あります`
            + (unsent.pending > 0 ? `（うち接続待ちで送信されていないもの ${unsent.pending} 件）` : "")
            + `。\n残すと、次にこの端末でログインしたときに続きから入力・送信できます（暗号化して保存し、${draftDays ?? 7} 日で自動的に削除します）。`,
          choices: [
            { value: "keep", label: "残してログアウト", primary: true },
            { value: "erase", label: "削除してログアウト", danger: true },
            { value: "stay", label: "ログアウトしない" },
          ],
          cancel: "stay",
        });
        if (choice === "stay") return;
        await draftVault.settled();
        if (choice === "erase") await api.eraseMyDrafts().catch(() => undefined);
      }
    }
    await draftVault.settled();
    await api.logout(idle).catch(() => undefined);
    draftVault.forget();
    forgetLists();
    sessionStorage.clear();
    setSession(null);
    setNotice(idle ? "一定時間操作がなかったため、自動的にログアウトしました。" : null);
  }, [login, draftDays]);

  const idle = useIdleLogout(session, () => void logout(true));
  const outbox = useDraftSender(login);
  const notices = useNotifications(session && !session.must_change_password && session.actor.role !== "admin"
    ? session.actor.account_id : null);

  if (!ready) return <div className="boot">読み込み中…</div>;
  const reconnected = () => {
    setSession(null);
    setNotice("接続先を切り替えました。ログインしてください。");
  };
  if (!session && dbScreen) {
    return (
      <div className="login-db-page">
        <DatabaseScreen onReconnected={reconnected} onClose={() => setDbScreen(false)} />
      </div>
    );
  }
  if (!session) return <Login onLogin={onLogin} notice={notice} onDatabase={() => setDbScreen(true)} />;
  if (session.must_change_password) {
    return (
      <div className="login-db-page">
        <ChangePassword required
          onChanged={() => void onLogin({ ...session, must_change_password: false })}
          onLogout={() => void logout(false)} />
      </div>
    );
  }

  const role = session.actor.role;
  const officeName =
    offices.find((o) => o.code === session.actor.office)?.name ?? session.actor.office;
  const menu = menuFor(role);
  const lit = menuIdOf(view);

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">保守デスク</div>
        <span className="grow" />
        <div className="who" id="who">
          <span className="who-name">{session.actor.display_name}</span>
          <span className="who-meta">
            {label("role", role)}・{officeName}
          </span>
        </div>
        <button id="nav-password" className="btn ghost" onClick={() => setView({ name: "password" })}>
          パスワード変更
        </button>
        <button id="logout" className="btn ghost" onClick={() => void logout(false)}>
          ログアウト
        </button>
      </header>
      {idle.warning && <IdleWarning onExtend={idle.extend} />}
      {outbox.pending > 0 && (
        <div className="outbox" id="outbox" role="status">
          送信待ちの入力が {outbox.pending} 件あります。接続が戻ると送信します。
          <button className="btn small" id="outbox-retry" onClick={outbox.retry}>今すぐ再送信</button>
          <button className="btn small danger" onClick={outbox.discard}>破棄する</button>
        </div>
      )}
      {outbox.sent > 0 && (
        <div className="outbox ok" id="outbox-sent" role="status">保存されていた入力内容を送信しました（{outbox.sent}件）。</div>
      )}
      <div className="frame">
        <nav className="sidebar" aria-label="メニュー">
          {menu.map((g) => (
            <div key={g.title} className="side-group">
              <div className="side-group-title">{g.title}</div>
              {g.items.map((t) => (
                <button
                  key={t.id}
                  id={t.id}
                  className={lit === t.id ? "side-item active" : "side-item"}
                  aria-current={lit === t.id ? "page" : undefined}
                  onClick={() => setView(t.view)}
                >
                  {t.text}
                  {t.id === "nav-notifications" && badgeText(notices.unread) && (
                    <span className="side-badge" id="notification-badge" aria-label={`未読 ${notices.unread}件`}>
                      {badgeText(notices.unread)}
                    </span>
                  )}
                </button>
              ))}
            </div>
          ))}
        </nav>
        <main className="content" ref={mainRef}>
          {view.name === "database" ? (
            <DatabaseScreen onReconnected={() => { setDbScreen(false); reconnected(); }} />
          ) : (
            <Screen view={view} go={setView} session={session} offices={offices} notices={notices} />
          )}
        </main>
      </div>
    </div>
  );
}

function Screen(props: {
  view: View; go: (v: View) => void; session: Session; offices: Office[]; notices: Notices;
}) {
  const { view, go, session, offices, notices } = props;
  switch (view.name) {
    case "home":
      return <Home go={go} session={session} offices={offices} />;
    case "notifications":
      return <NotificationsScreen go={go} onRead={notices.refresh} os={notices.os} onOsChanged={notices.setOs} />;
    case "requests":
      return <RequestList go={go} session={session} offices={offices} />;
    case "request":
      return <RequestDetailScreen key={view.id} id={view.id} go={go} offices={offices} user={session.actor.login} />;
    case "new-request":
      return <NewRequestForm go={go} session={session} offices={offices} />;
    case "changes":
      return <ChangeList go={go} />;
    case "new-change":
      return <NewChangeForm go={go} offices={offices} user={session.actor.login} />;
    case "change":
      return <ChangeDetailScreen key={view.id} id={view.id} go={go} offices={offices} />;
    case "calendar":
      return <CalendarScreen />;
    case "accounts":
      return <AccountsScreen session={session} offices={offices} />;
    case "settings":
      return <SettingsScreen go={go} />;
    case "database":
      return null;
    case "password":
      return <ChangePassword required={false} onChanged={() => undefined} />;
    case "incidents":
      return <IncidentList go={go} session={session} offices={offices} />;
    case "incident":
      return <IncidentDetailScreen key={view.id} id={view.id} go={go} offices={offices} />;
    case "new-incident":
      return <NewIncidentForm go={go} offices={offices} />;
    case "operations":
      return <OperationsScreen go={go} session={session} />;
    case "business-schedule":
      return <BusinessScheduleScreen session={session} />;
    case "meetings":
      return <MeetingList go={go} session={session} />;
    case "meeting":
      return <MeetingDetailScreen key={view.id} id={view.id} go={go} />;
    case "new-meeting":
      return <MeetingFormScreen go={go} user={session.actor.login} />;
    case "edit-meeting":
      return <MeetingFormScreen key={view.id} id={view.id} go={go} user={session.actor.login} />;
    case "deliverables":
      return <DeliverablesScreen session={session} />;
    case "register":
      return <RegisterList key={view.meetingId ?? 0} go={go} session={session} meetingId={view.meetingId} />;
    case "register-item":
      return <RegisterItemScreen key={view.id} id={view.id} go={go} session={session} />;
    case "new-register-item":
      return <RegisterItemScreen key="new" id={null} go={go} session={session} />;
    case "plan":
      return <PlanScreen go={go} session={session} />;
    case "handover":
      return <HandoverScreen session={session} />;
    case "contract":
      return <ContractScreen go={go} session={session} from={view.from} />;
    case "search":
      return <SearchScreen go={go} session={session} />;
    case "import":
      return <ImportScreen />;
  }
}

/**
 * Logs out after the admin-set idle minutes without keyboard or mouse input; in the last
 * minute it warns, and 「延長」 (or any input) starts the minutes again.
 */
function useIdleLogout(session: Session | null, onIdle: () => void) {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  const clockRef = useRef<ReturnType<typeof idleClock> | null>(null);
  const [warning, setWarning] = useState(false);
  useEffect(() => {
    if (!session) return;
    const clock = idleClock(session.idle_logout_minutes, Date.now());
    clockRef.current = clock;
    const touch = () => clock.touch(Date.now());
    const events = ["mousedown", "keydown", "wheel", "touchstart", "mousemove"];
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = window.setInterval(() => {
      const now = Date.now();
      if (clock.remaining(now) === 0) onIdleRef.current();
      setWarning(warns(clock, now));
    }, 2_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch));
      window.clearInterval(timer);
      clockRef.current = null;
      setWarning(false);
    };
  }, [session]);
  const extend = useCallback(() => {
    clockRef.current?.touch(Date.now());
    setWarning(false);
  }, []);
  return { warning, extend };
}

/**
 * When the screen changes, focus moves to its heading (a screen reader reads where the person
 * is now) and the window title names it; a detail's title arrives with its data, so the
 * heading is watched until it is there.
 */
function useScreenFollows(main: React.RefObject<HTMLElement | null>, view: View) {
  useEffect(() => {
    const root = main.current;
    if (!root) return;
    let focused = false;
    const follow = () => {
      const heading = root.querySelector<HTMLElement>("h1");
      const text = heading?.textContent?.trim();
      document.title = text ? `${text}｜保守デスク` : "保守デスク";
      if (heading && text && !focused) {
        focused = true;
        heading.tabIndex = -1;
        heading.focus({ preventScroll: true });
      }
    };
    follow();
    const watch = new MutationObserver(follow);
    watch.observe(root, { childList: true, subtree: true, characterData: true });
    return () => watch.disconnect();
  }, [main, view]);
}

function IdleWarning({ onExtend }: { onExtend: () => void }) {
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => button.current?.focus(), []);
  return (
    <div className="idle-warning" role="alertdialog" aria-modal="false" aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-text" id="idle-warning">
      <strong id="idle-warning-title">まもなく自動的にログアウトします</strong>
      <span id="idle-warning-text">操作がないため、1分以内にログアウトします。続けて使う場合は「延長」を押してください。</span>
      <button ref={button} className="btn primary" id="idle-extend" onClick={onExtend}>延長</button>
    </div>
  );
}

/** Sends the person's pending drafts at log-in, every 15 s, and when the network returns. */
function useDraftSender(login: string | undefined) {
  const [pending, setPending] = useState(0);
  const [sent, setSent] = useState(0);
  const retry = useCallback(async () => {
    if (!login) return;
    if (drafts.pending(login).length > 0) {
      const r = await flushDrafts(login);
      if (r.sent.length > 0) setSent((n) => n + r.sent.length);
    }
    setPending(drafts.pending(login).length);
  }, [login]);
  useEffect(() => {
    setSent(0);
    if (!login) return;
    void retry();
    const timer = window.setInterval(() => void retry(), 15_000);
    const count = () => setPending(drafts.pending(login).length);
    window.addEventListener("online", retry);
    window.addEventListener(DRAFTS_CHANGED, count);
    window.addEventListener("storage", count);
    // Queued by a form just now: show the count without waiting for the timer.
    const poll = window.setInterval(count, 2_000);
    return () => {
      window.clearInterval(timer);
      window.clearInterval(poll);
      window.removeEventListener("online", retry);
      window.removeEventListener(DRAFTS_CHANGED, count);
      window.removeEventListener("storage", count);
    };
  }, [login, retry]);
  const discard = useCallback(async () => {
    if (!login) return;
    const choice = await ask({
      title: "送信待ちの入力内容の破棄",
      message: "送信待ちの入力内容を破棄します。破棄した内容は元に戻せません。",
      choices: [
        { value: "discard", label: "破棄する", danger: true },
        { value: "keep", label: "破棄しない" },
      ],
      cancel: "keep",
    });
    if (choice !== "discard") return;
    for (const d of drafts.pending(login)) drafts.discard(login, d.form);
    setPending(0);
    window.dispatchEvent(new CustomEvent(DRAFTS_CHANGED));
  }, [login]);
  return { pending, sent, retry: () => void retry(), discard: () => void discard() };
}

interface Notices {
  unread: number;
  /** The person's desktop-notification setting, as the last poll answered it. */
  os: boolean | null;
  setOs: (on: boolean) => void;
  /** Polls now (after marking read, so the badge follows at once). */
  refresh: () => void;
}

/**
 * Polls the person's notifications every POLL_MS while logged in: keeps the unread count,
 * tells the open screens which records changed and, while the window is in the background,
 * asks the shell for a desktop notification. A failed poll (server unreachable) keeps the last
 * count and tries again at the next tick.
 */
function useNotifications(accountId: number | null): Notices {
  const [unread, setUnread] = useState(0);
  const [os, setOs] = useState<boolean | null>(null);
  const state = useRef<{ after: number | null; busy: boolean }>({ after: null, busy: false });
  const poll = useCallback(async () => {
    const s = state.current;
    if (accountId === null || s.busy) return;
    s.busy = true;
    try {
      const answer = await api.pollNotifications(s.after);
      setUnread(answer.unread);
      setOs(answer.os_notifications);
      if (answer.new.length > 0) {
        window.dispatchEvent(new CustomEvent(DATA_CHANGED, { detail: changedKinds(answer) }));
        for (const n of toPopUp(answer, { windowInFront: document.hasFocus() })) {
          void api.desktopNotification(n.title, n.body).catch(() => undefined);
        }
      }
      s.after = nextAfter(s.after, answer);
    } catch {
      // Unreachable for now: the next tick asks again.
    } finally {
      s.busy = false;
    }
  }, [accountId]);
  useEffect(() => {
    state.current = { after: null, busy: false };
    setUnread(0);
    setOs(null);
    if (accountId === null) return;
    void poll();
    const timer = window.setInterval(() => void poll(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [accountId, poll]);
  return { unread, os, setOs, refresh: () => void poll() };
}
