import { useCallback, useEffect, useRef, useState } from "react";
import { api } from "./api/client";
import type { Office, Session } from "./api/types";
import { idleClock } from "./lib/idle";
import { label, setLabels } from "./lib/labels";
import type { View } from "./nav";
import { Login } from "./screens/Login";
import { Home } from "./screens/Home";
import { RequestList } from "./screens/RequestList";
import { RequestDetailScreen } from "./screens/RequestDetail";
import { NewRequestForm } from "./screens/NewRequest";
import { ChangeList } from "./screens/ChangeList";
import { ChangeDetailScreen } from "./screens/ChangeDetail";
import { CalendarScreen } from "./screens/Calendar";
import { NewChangeForm } from "./screens/NewChange";

export function App() {
  const [session, setSession] = useState<Session | null>(null);
  const [offices, setOffices] = useState<Office[]>([]);
  const [view, setView] = useState<View>({ name: "home" });
  const [notice, setNotice] = useState<string | null>(null);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    api.labels().then((l) => {
      setLabels(l);
      setReady(true);
    });
  }, []);

  const onLogin = useCallback((s: Session) => {
    setSession(s);
    setNotice(null);
    setView({ name: "home" });
    api.offices().then(setOffices).catch(() => setOffices([]));
  }, []);

  const logout = useCallback(async (idle: boolean) => {
    await api.logout(idle).catch(() => undefined);
    // Shared terminals: no draft of one person is left for the next.
    sessionStorage.clear();
    setSession(null);
    setNotice(idle ? "一定時間操作がなかったため、自動的にログアウトしました。" : null);
  }, []);

  useIdleLogout(session, () => void logout(true));

  if (!ready) return <div className="boot">読み込み中…</div>;
  if (!session) return <Login onLogin={onLogin} notice={notice} />;

  const role = session.actor.role;
  const officeName =
    offices.find((o) => o.code === session.actor.office)?.name ?? session.actor.office;
  const tabs: { view: View; text: string; id: string }[] = [
    { view: { name: "home" }, text: "ホーム", id: "nav-home" },
    { view: { name: "requests" }, text: "依頼一覧", id: "nav-requests" },
  ];
  if (role === "staff" || role === "chief") {
    tabs.push({ view: { name: "new-request" }, text: "新規依頼", id: "nav-new-request" });
  }
  if (role !== "staff" && role !== "admin") {
    tabs.push({ view: { name: "changes" }, text: "変更・計画停止", id: "nav-changes" });
  }
  if (role === "contractor") {
    tabs.push({ view: { name: "new-change" }, text: "変更の起案", id: "nav-new-change" });
  }
  tabs.push({ view: { name: "calendar" }, text: "カレンダー", id: "nav-calendar" });

  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">保守デスク</div>
        <nav className="tabs" aria-label="メニュー">
          {tabs.map((t) => (
            <button
              key={t.id}
              id={t.id}
              className={view.name === t.view.name ? "tab active" : "tab"}
              onClick={() => setView(t.view)}
            >
              {t.text}
            </button>
          ))}
        </nav>
        <div className="who" id="who">
          <span className="who-name">{session.actor.display_name}</span>
          <span className="who-meta">
            {label("role", role)}・{officeName}
          </span>
        </div>
        <button id="logout" className="btn ghost" onClick={() => void logout(false)}>
          ログアウト
        </button>
      </header>
      <main className="content">
        <Screen view={view} go={setView} session={session} offices={offices} />
      </main>
    </div>
  );
}

function Screen(props: { view: View; go: (v: View) => void; session: Session; offices: Office[] }) {
  const { view, go, session, offices } = props;
  switch (view.name) {
    case "home":
      return <Home go={go} session={session} offices={offices} />;
    case "requests":
      return <RequestList go={go} session={session} offices={offices} />;
    case "request":
      return <RequestDetailScreen key={view.id} id={view.id} go={go} offices={offices} />;
    case "new-request":
      return <NewRequestForm go={go} session={session} offices={offices} />;
    case "changes":
      return <ChangeList go={go} />;
    case "new-change":
      return <NewChangeForm go={go} offices={offices} />;
    case "change":
      return <ChangeDetailScreen key={view.id} id={view.id} go={go} offices={offices} />;
    case "calendar":
      return <CalendarScreen />;
  }
}

/** Logs out after the admin-set idle minutes without keyboard or mouse input. */
function useIdleLogout(session: Session | null, onIdle: () => void) {
  const onIdleRef = useRef(onIdle);
  onIdleRef.current = onIdle;
  useEffect(() => {
    if (!session) return;
    const clock = idleClock(session.idle_logout_minutes, Date.now());
    const touch = () => clock.touch(Date.now());
    const events = ["mousedown", "keydown", "wheel", "touchstart", "mousemove"];
    events.forEach((e) => window.addEventListener(e, touch, { passive: true }));
    const timer = window.setInterval(() => {
      if (clock.remaining(Date.now()) === 0) onIdleRef.current();
    }, 5_000);
    return () => {
      events.forEach((e) => window.removeEventListener(e, touch));
      window.clearInterval(timer);
    };
  }, [session]);
}
