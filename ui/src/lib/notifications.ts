// How notifications reach the window: it asks `poll_notifications` every POLL_MS for what is
// newer than the last id it saw (two indexed reads on the server; see the notifications module
// of hoshu-app), keeps the unread count for the side menu's badge, tells the open screens that
// their data changed (DATA_CHANGED, with the kinds of record) and, while the window is in the
// background, hands new ones to the shell for a desktop notification.
import { useEffect, useState } from "react";
import type { ItemKind, ItemRef, NotificationPoll } from "../api/types";
import type { View } from "../nav";

/** How often the window asks; "within 5 s" is the promise. */
export const POLL_MS = 3_000;

/** Window event fired when notifications arrived: `detail` is the list of record kinds. */
export const DATA_CHANGED = "hoshu:data-changed";

/** The id to ask after next time: the newest the server has for this person. */
export function nextAfter(after: number | null, poll: NotificationPoll): number {
  return poll.new.reduce((max, n) => Math.max(max, n.id), Math.max(after ?? 0, poll.latest_id));
}

/**
 * The notifications to show on the desktop: none while the window is in front or when the
 * person switched them off, none already read (in another window), at most three (then one
 * that counts the rest).
 */
export function toPopUp(
  poll: NotificationPoll,
  ctx: { windowInFront: boolean },
): { title: string; body: string }[] {
  if (ctx.windowInFront || !poll.os_notifications) return [];
  const fresh = poll.new.filter((n) => n.read_at === null);
  const shown = fresh.slice(0, 3).map((n) => ({ title: "保守デスク", body: n.summary }));
  if (fresh.length > 3) {
    shown.push({ title: "保守デスク", body: `ほかに ${fresh.length - 3} 件の通知があります。` });
  }
  return shown;
}

/** The kinds of record the new notifications are about, once each. */
export function changedKinds(poll: NotificationPoll): ItemKind[] {
  return [...new Set(poll.new.map((n) => n.item.kind))];
}

/** The screen a notification jumps to. */
export function viewOf(item: ItemRef): View {
  switch (item.kind) {
    case "request":
      return { name: "request", id: item.id };
    case "change":
      return { name: "change", id: item.id };
    case "meeting":
      return { name: "meeting", id: item.id };
    case "incident":
      return { name: "incident", id: item.id };
  }
}

/** The badge text: nothing at zero, "99+" beyond. */
export function badgeText(unread: number): string | null {
  if (unread <= 0) return null;
  return unread > 99 ? "99+" : String(unread);
}

/** Whether an arrival of `kinds` concerns a screen showing `shows`. */
export function concerns(kinds: readonly ItemKind[], shows: readonly ItemKind[]): boolean {
  return kinds.some((k) => shows.includes(k));
}

/**
 * A number that grows each time notifications about `shows` arrive: a screen puts it among
 * the dependencies of its load, so it reads its records again without a click.
 */
export function useDataChanged(...shows: ItemKind[]): number {
  const [version, setVersion] = useState(0);
  const key = shows.join(",");
  useEffect(() => {
    const kinds = key.split(",") as ItemKind[];
    const on = (e: Event) => {
      if (concerns((e as CustomEvent<ItemKind[]>).detail ?? [], kinds)) setVersion((v) => v + 1);
    };
    window.addEventListener(DATA_CHANGED, on);
    return () => window.removeEventListener(DATA_CHANGED, on);
  }, [key]);
  return version;
}
