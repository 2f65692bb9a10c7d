import { useCallback, useEffect, useState } from "react";
import { api } from "../api/client";
import type { AppError, NotificationRecord } from "../api/types";
import { ErrorBanner, Panel } from "../components/ui";
import { label } from "../lib/labels";
import { DATA_CHANGED, viewOf } from "../lib/notifications";
import { shortDateTime } from "../lib/wareki";
import type { Go } from "../nav";

/** The notification centre: newest first; opening one marks it read and jumps to its record. */
export function NotificationsScreen(props: {
  go: Go;
  /** Read again after marking: the badge follows at once, not at the next poll. */
  onRead: () => void;
  /** The person's desktop-notification setting as the last poll answered it. */
  os: boolean | null;
  onOsChanged: (on: boolean) => void;
}) {
  const { go, onRead, os } = props;
  const [items, setItems] = useState<NotificationRecord[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<AppError | null>(null);

  const load = useCallback(() => {
    api.notifications(null).then((list) => {
      setItems(list);
      setMore(list.length === 100);
    }).catch(setError);
  }, []);
  useEffect(() => {
    load();
    window.addEventListener(DATA_CHANGED, load);
    return () => window.removeEventListener(DATA_CHANGED, load);
  }, [load]);

  const older = () => {
    const last = items[items.length - 1];
    if (!last) return;
    api.notifications(last.id).then((list) => {
      setItems((now) => [...now, ...list]);
      setMore(list.length === 100);
    }).catch(setError);
  };
  const open = async (n: NotificationRecord) => {
    if (!n.read_at) {
      await api.markNotificationsRead([n.id]).catch(() => undefined);
      onRead();
    }
    go(viewOf(n.item));
  };
  const readAll = async () => {
    await api.markNotificationsRead(null).catch(setError);
    onRead();
    load();
  };
  const switchOs = async (on: boolean) => {
    await api.setOsNotifications(on).then(() => props.onOsChanged(on)).catch(setError);
  };
  const unread = items.filter((n) => !n.read_at).length;

  return (
    <div className="page">
      <h1 className="page-title">通知</h1>
      <ErrorBanner error={error} />
      <Panel
        title={`通知　未読 ${unread}件`}
        id="notifications"
        actions={
          <button className="btn" id="notifications-read-all" disabled={unread === 0} onClick={() => void readAll()}>
            すべて既読にする
          </button>
        }
      >
        <label className="check" htmlFor="notifications-os">
          <input id="notifications-os" type="checkbox" checked={os ?? true} disabled={os === null}
            onChange={(e) => void switchOs(e.target.checked)} />
          ウィンドウが背面にあるとき、デスクトップにも通知する
        </label>
        <ul className="notification-list" id="notification-list">
          {items.map((n) => (
            <li key={n.id} className={n.read_at ? "notification" : "notification unread"}
              data-notification-id={n.id} data-item={`${n.item.kind}:${n.item.id}`}>
              <button className="btn link notification-open" onClick={() => void open(n)}>
                <span className="badge kind">{label("notification_kind", n.kind)}</span>
                <span className="notification-summary">{n.summary}</span>
              </button>
              <span className="small muted nowrap">{shortDateTime(n.created_at)}</span>
            </li>
          ))}
          {items.length === 0 && <li className="muted">通知はありません。</li>}
        </ul>
        {more && <button className="btn link" onClick={older}>さらに古い通知を表示</button>}
      </Panel>
    </div>
  );
}
