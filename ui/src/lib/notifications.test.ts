import { describe, expect, it } from "vitest";
import type { NotificationPoll, NotificationRecord } from "../api/types";
import { badgeText, changedKinds, concerns, nextAfter, toPopUp, viewOf } from "./notifications";

function n(id: number, kind: "request" | "change" = "request", read = false): NotificationRecord {
  return {
    id,
    kind: kind === "request" ? "request_answered" : "change_submitted",
    item: { kind, id: id * 10 },
    summary: `通知 ${id}`,
    created_at: "2026-04-10T00:30:00Z",
    read_at: read ? "2026-04-10T00:31:00Z" : null,
  };
}

function poll(list: NotificationRecord[], os = true): NotificationPoll {
  const latest = list.reduce((m, x) => Math.max(m, x.id), 0);
  return { new: list, latest_id: latest, unread: list.filter((x) => !x.read_at).length, os_notifications: os };
}

describe("the poll", () => {
  it("asks after the newest id it saw, and keeps its place when nothing came", () => {
    expect(nextAfter(4, poll([n(5), n(9), n(7)]))).toBe(9);
    expect(nextAfter(4, { ...poll([]), latest_id: 4 })).toBe(4);
  });

  it("starts after the newest id the first poll names", () => {
    expect(nextAfter(null, { ...poll([]), latest_id: 12 })).toBe(12);
  });

  it("names the kinds of record that changed once each", () => {
    expect(changedKinds(poll([n(1), n(2, "change"), n(3)]))).toEqual(["request", "change"]);
    expect(concerns(["change"], ["request"])).toBe(false);
    expect(concerns(["change", "request"], ["request"])).toBe(true);
  });
});

describe("desktop notifications", () => {
  const away = { windowInFront: false };

  it("pop up only while the window is in the background and switched on", () => {
    expect(toPopUp(poll([n(1)]), away)).toEqual([{ title: "保守デスク", body: "通知 1" }]);
    expect(toPopUp(poll([n(1)]), { ...away, windowInFront: true })).toEqual([]);
    expect(toPopUp(poll([n(1)], false), away)).toEqual([]);
  });

  it("leave what was already read (in another window) alone", () => {
    expect(toPopUp(poll([n(1, "request", true)]), away)).toEqual([]);
  });

  it("show three and count the rest", () => {
    const shown = toPopUp(poll([n(1), n(2), n(3), n(4), n(5)]), away);
    expect(shown.map((s) => s.body)).toEqual(["通知 1", "通知 2", "通知 3", "ほかに 2 件の通知があります。"]);
  });
});

describe("the badge and the jump", () => {
  it("shows nothing at zero and caps at 99+", () => {
    expect(badgeText(0)).toBeNull();
    expect(badgeText(7)).toBe("7");
    expect(badgeText(100)).toBe("99+");
  });

  it("jumps to the record", () => {
    expect(viewOf({ kind: "change", id: 3 })).toEqual({ name: "change", id: 3 });
    expect(viewOf({ kind: "incident", id: 4 })).toEqual({ name: "incident", id: 4 });
  });
});
