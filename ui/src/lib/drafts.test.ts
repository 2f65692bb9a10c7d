import { beforeEach, describe, expect, it } from "vitest";
import { DRAFT_KEPT, DraftStore, VaultStorage, draftKey, eraseLegacyDrafts } from "./drafts";
import type { DraftBackend, QueuedRequest } from "./drafts";

/** The shell's store as the window sees it: writes and erases arrive in some order. */
class RecordingBackend implements DraftBackend {
  kept = new Map<string, string>();
  calls: string[] = [];
  constructor(private delays: number[] = []) {}
  private async wait() {
    const ms = this.delays.shift() ?? 0;
    if (ms) await new Promise((r) => setTimeout(r, ms));
  }
  async write(key: string, text: string) {
    await this.wait();
    this.calls.push(`write ${key}`);
    this.kept.set(key, text);
  }
  async erase(key: string) {
    await this.wait();
    this.calls.push(`erase ${key}`);
    this.kept.delete(key);
  }
}

class MemoryStorage implements Storage {
  private m = new Map<string, string>();
  get length() { return this.m.size; }
  clear() { this.m.clear(); }
  getItem(k: string) { return this.m.get(k) ?? null; }
  key(i: number) { return [...this.m.keys()][i] ?? null; }
  removeItem(k: string) { this.m.delete(k); }
  setItem(k: string, v: string) { this.m.set(k, v); }
}

const REQ: QueuedRequest = { kind: "comment", args: { id: 7, body: "確認しました" } };
const down = { code: "unavailable", message: "データベースに接続できません。" };

describe("draft queue", () => {
  let backend: RecordingBackend;
  let storage: VaultStorage;
  let now: number;
  let store: DraftStore;
  beforeEach(() => {
    backend = new RecordingBackend();
    storage = new VaultStorage(backend);
    now = 1_800_000_000_000;
    store = new DraftStore(storage, () => now);
  });

  it("keeps typed text per person and form", () => {
    store.save("staff01", "comment:7", { body: "途中" });
    expect(store.load("staff01", "comment:7")?.payload).toEqual({ body: "途中" });
    expect(store.load("staff02", "comment:7")).toBeNull();
    expect(storage.getItem(draftKey("staff01", "comment:7"))).toContain("途中");
    expect(storage.keys()).toEqual([draftKey("staff01", "comment:7")]);
  });

  it("lists only the person's own drafts, even with a similar log-in ID", () => {
    store.save("staff01", "new-request", { title: "a" });
    store.save("staff011", "new-request", { title: "b" });
    expect(store.list("staff01").map((d) => d.payload)).toEqual([{ title: "a" }]);
  });

  it("sends pending drafts when the connection returns and removes them", async () => {
    store.queue("staff01", "comment:7", { body: "確認しました" }, REQ);
    const sent: QueuedRequest[] = [];
    let r = await store.flush("staff01", async () => { throw down; });
    expect(r.waiting).toEqual(["comment:7"]);
    expect(store.pending("staff01")[0].attempts).toBe(1);
    r = await store.flush("staff01", async (q) => { sent.push(q); });
    expect(r.sent).toEqual(["comment:7"]);
    expect(sent).toEqual([REQ]);
    expect(store.list("staff01")).toEqual([]);
  });

  it("stops at the first unreachable send and keeps the order", async () => {
    store.queue("staff01", "a", {}, REQ);
    now += 1;
    store.queue("staff01", "b", {}, REQ);
    let calls = 0;
    const r = await store.flush("staff01", async () => { calls++; throw down; });
    expect(calls).toBe(1);
    expect(r.waiting).toEqual(["a", "b"]);
  });

  it("a draft refused for another reason goes back to its form with the message", async () => {
    store.queue("staff01", "new-request", { title: "" }, { kind: "file_request", args: {} });
    const r = await store.flush("staff01", async () => {
      throw { code: "validation", message: "件名を入力してください。" };
    });
    expect(r.refused).toEqual(["new-request"]);
    const d = store.load("staff01", "new-request");
    expect(d?.state).toBe("editing");
    expect(d?.lastError).toContain("件名");
    expect(store.pending("staff01")).toEqual([]);
  });

  it("a draft refused for the session (logged out, password to change) keeps waiting", async () => {
    for (const code of ["auth_failed", "password_change_required"]) {
      store.queue("staff01", "comment:7", { body: "送信待ち" }, REQ);
      const r = await store.flush("staff01", async () => {
        throw { code, message: "ログインしてください。" };
      });
      expect(r.waiting).toEqual(["comment:7"]);
      expect(store.pending("staff01").map((d) => d.form)).toEqual(["comment:7"]);
    }
  });

  it("editing a pending draft keeps it pending", () => {
    store.queue("staff01", "comment:7", { body: "a" }, REQ);
    store.save("staff01", "comment:7", { body: "ab" });
    const d = store.load("staff01", "comment:7");
    expect(d?.state).toBe("pending");
    expect(d?.request).toEqual(REQ);
  });

  it("counts what an explicit log-out asks about", () => {
    store.save("staff01", "new-request", { title: "書きかけ" });
    store.queue("staff01", "comment:7", { body: "送信待ち" }, REQ);
    store.save("staff02", "new-request", { title: "他の人" });
    expect(store.unsent("staff01")).toEqual({ drafts: 2, pending: 1 });
    expect(store.unsent("nobody")).toEqual({ drafts: 0, pending: 0 });
  });

  it("drops unreadable drafts", () => {
    storage.setItem(draftKey("staff01", "broken"), "{not json");
    expect(store.list("staff01")).toEqual([]);
  });

  it("writes every change through to the shell, in order, and forgets at log-out", async () => {
    const slow = new RecordingBackend([30, 0]);
    const vault = new VaultStorage(slow);
    const s = new DraftStore(vault, () => now);
    s.save("staff01", "comment:7", { body: "a" });
    s.discard("staff01", "comment:7");
    await vault.settled();
    const key = draftKey("staff01", "comment:7");
    expect(slow.calls).toEqual([`write ${key}`, `erase ${key}`]);
    expect(slow.kept.size).toBe(0);
    s.save("staff01", "new-request", { title: "続き" });
    await vault.settled();
    expect(slow.kept.get(draftKey("staff01", "new-request"))).toContain("続き");
    vault.forget();
    expect(s.list("staff01")).toEqual([]);
    expect(slow.kept.size).toBe(1);
    vault.load([...slow.kept].map(([k, text]) => ({ key: k, text })));
    expect(s.load<{ title: string }>("staff01", "new-request")?.payload.title).toBe("続き");
  });

  it("erases what the WebView's storage kept from before, unread", () => {
    const local = new MemoryStorage();
    local.setItem(draftKey("staff01", "new-request"), JSON.stringify({ payload: "受給者" }));
    local.setItem("hoshu-desk.list.requests", "{}");
    eraseLegacyDrafts(local);
    expect(local.length).toBe(1);
    expect(local.getItem("hoshu-desk.list.requests")).toBe("{}");
  });

  it("says in Japanese that the text is kept", () => {
    expect(DRAFT_KEPT).toBe("接続できません。入力内容は保存されています。接続が戻ると送信します。");
  });
});
