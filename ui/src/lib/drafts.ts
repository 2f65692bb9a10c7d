// Drafts: nothing typed is lost, and nothing typed is left behind on a shared terminal.
//
// Every form keeps what is typed under the log-in ID and the form
// ("hoshu-desk.draft.<login>::<form>"). The text lives in this window's memory and is written
// through to the shell, which keeps it encrypted under a key the operating system holds for
// the Windows user, readable only while that person is logged in (`open_drafts`, `write_draft`,
// `erase_draft`); the WebView's own storage holds none of it. When sending fails with
// `unavailable`, the draft becomes *pending* together with the request to send; the app retries
// pending drafts periodically and when the connection returns, and erases a draft once it is
// sent.
//
// Shared terminals (decided): an automatic (idle) log-out keeps every draft of that person —
// they did not choose to leave, and their text must not be lost; the drafts come back at their
// next log-in on this terminal and pending ones are sent then. An explicit log-out asks: keep
// the drafts for next time, or erase them. Either way the window's memory is emptied at
// log-out, and the shell erases every draft older than the administrator's set number of days
// unread. Nobody else is shown a person's drafts: the shell answers only the logged-in person's.

export type DraftState = "editing" | "pending";

/** What a pending draft sends, and with which arguments. */
export interface QueuedRequest {
  kind:
    | "file_request" | "comment" | "transition" | "propose_change"
    | "record_meeting" | "update_meeting" | "add_register_item" | "update_register_item"
    | "save_plan_section";
  args: Record<string, unknown>;
  /** The idempotency key of the first attempt: a resend after a lost answer changes nothing. */
  key?: string;
}

export interface Draft<T = unknown> {
  user: string;
  form: string;
  payload: T;
  state: DraftState;
  savedAt: number;
  attempts: number;
  request?: QueuedRequest;
  /** Why the last attempt was refused (other than by the connection). */
  lastError?: string;
}

export interface SendFailure { code: string; message: string }

export const DRAFT_KEPT = "接続できません。入力内容は保存されています。接続が戻ると送信します。";
const PREFIX = "hoshu-desk.draft.";

export function draftKey(user: string, form: string): string {
  return `${PREFIX}${user}::${form}`;
}

export function isUnavailable(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as SendFailure).code === "unavailable";
}

/** Refused for the session, not for the draft: it waits for the next usable log-in. */
function waitsForLogIn(e: unknown): boolean {
  const code = typeof e === "object" && e !== null ? (e as SendFailure).code : "";
  return code === "auth_failed" || code === "password_change_required";
}

/** Where drafts are kept: get, set and remove by key, and the keys there are. */
export interface DraftStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  keys(): string[];
}

/** What keeps drafts beyond this window: the shell's encrypted store. */
export interface DraftBackend {
  write(key: string, text: string): Promise<void>;
  erase(key: string): Promise<void>;
}

/**
 * Drafts in memory, written through to the shell in the order they changed (each write waits
 * for the one before, so an erase never overtakes the write it follows).
 */
export class VaultStorage implements DraftStorage {
  private items = new Map<string, string>();
  private chain: Promise<void> = Promise.resolve();
  /** The last write the shell refused, if any (the text is still in memory). */
  lastError: unknown = null;

  constructor(private backend: DraftBackend) {}

  /** The person's drafts as the shell gave them at log-in. */
  load(drafts: { key: string; text: string }[]): void {
    this.items = new Map(drafts.map((d) => [d.key, d.text]));
  }

  /** Log-out: nothing of the person stays in the window. */
  forget(): void {
    this.items.clear();
  }

  /** Resolves once every change so far has reached the shell. */
  settled(): Promise<void> {
    return this.chain;
  }

  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }

  setItem(key: string, value: string): void {
    this.items.set(key, value);
    this.then(() => this.backend.write(key, value));
  }

  removeItem(key: string): void {
    this.items.delete(key);
    this.then(() => this.backend.erase(key));
  }

  keys(): string[] {
    return [...this.items.keys()];
  }

  private then(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch((e) => {
      this.lastError = e;
    });
  }
}

/** Drafts a WebView kept in its own storage before the shell kept them: erased unread. */
export function eraseLegacyDrafts(storage: Storage): void {
  const old: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(PREFIX)) old.push(k);
  }
  for (const k of old) storage.removeItem(k);
}

export class DraftStore {
  constructor(private storage: DraftStorage, private now: () => number = Date.now) {}

  load<T>(user: string, form: string): Draft<T> | null {
    const raw = this.storage.getItem(draftKey(user, form));
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Draft<T>;
    } catch {
      this.discard(user, form);
      return null;
    }
  }

  /** Keeps what is typed; a pending draft stays pending (the newer text is what gets sent). */
  save<T>(user: string, form: string, payload: T): Draft<T> {
    const old = this.load<T>(user, form);
    const d: Draft<T> = {
      user, form, payload, state: old?.state ?? "editing", savedAt: this.now(),
      attempts: old?.attempts ?? 0, request: old?.request,
    };
    this.write(d);
    return d;
  }

  /** Sending failed for want of a connection: send this later. */
  queue<T>(user: string, form: string, payload: T, request: QueuedRequest): Draft<T> {
    const old = this.load<T>(user, form);
    const d: Draft<T> = {
      user, form, payload, state: "pending", savedAt: this.now(), attempts: old?.attempts ?? 0, request,
    };
    this.write(d);
    return d;
  }

  discard(user: string, form: string): void {
    this.storage.removeItem(draftKey(user, form));
  }

  /** Every draft of one person (never another's). */
  list(user: string): Draft[] {
    const prefix = draftKey(user, "");
    return this.storage.keys()
      .filter((k) => k.startsWith(prefix))
      .map((k) => this.load(user, k.slice(prefix.length)))
      .filter((d): d is Draft => d !== null)
      .sort((a, b) => a.savedAt - b.savedAt);
  }

  pending(user: string): Draft[] {
    return this.list(user).filter((d) => d.state === "pending");
  }

  /** What an explicit log-out asks about: the person's drafts, and how many wait to be sent. */
  unsent(user: string): { drafts: number; pending: number } {
    const all = this.list(user);
    return { drafts: all.length, pending: all.filter((d) => d.state === "pending").length };
  }

  /**
   * Sends the person's pending drafts, oldest first. Sent drafts are removed; while the
   * connection is still down the rest wait for the next try; a draft refused for another reason
   * (validation, a stale version) goes back to its form with the message.
   */
  async flush(
    user: string,
    send: (request: QueuedRequest) => Promise<unknown>,
  ): Promise<{ sent: string[]; waiting: string[]; refused: string[] }> {
    const out = { sent: [] as string[], waiting: [] as string[], refused: [] as string[] };
    let down = false;
    for (const d of this.pending(user)) {
      if (down || !d.request) {
        out.waiting.push(d.form);
        continue;
      }
      try {
        await send(d.request);
        this.discard(user, d.form);
        out.sent.push(d.form);
      } catch (e) {
        if (isUnavailable(e) || waitsForLogIn(e)) {
          down = true;
          this.write({ ...d, attempts: d.attempts + 1 });
          out.waiting.push(d.form);
        } else {
          const message = typeof e === "object" && e && "message" in e ? String((e as SendFailure).message) : String(e);
          this.write({ ...d, state: "editing", request: undefined, lastError: message });
          out.refused.push(d.form);
        }
      }
    }
    return out;
  }

  private write(d: Draft): void {
    this.storage.setItem(draftKey(d.user, d.form), JSON.stringify(d));
  }
}
