// Drafts kept when the database is unreachable: nothing typed is lost.
//
// Every form keeps what is typed in localStorage under the log-in ID and the form
// ("hoshu-desk.draft.<login>::<form>"), so it survives a restart, and only the same person sees
// it again. When sending fails with `unavailable`, the draft becomes *pending* together with
// the request to send; the app retries pending drafts periodically and when the connection
// returns, and removes a draft once it is sent.
//
// Shared terminals (decided): an automatic (idle) log-out keeps every draft of that person —
// they did not choose to leave, and their text must not be lost; the drafts come back at their
// next log-in on this terminal and pending ones are sent then. An explicit log-out discards the
// person's drafts that were never submitted (they chose to leave the form) but keeps pending
// ones, which were submitted and are only waiting for the connection. A pending draft leaves
// the terminal only when it has been sent or its owner discards it; nobody else is shown it.

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
/** Drafts older than this are dropped at the next look. */
export const MAX_AGE_MS = 30 * 24 * 3600_000;

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

export class DraftStore {
  constructor(private storage: Storage, private now: () => number = Date.now) {}

  load<T>(user: string, form: string): Draft<T> | null {
    const raw = this.storage.getItem(draftKey(user, form));
    if (!raw) return null;
    try {
      const d = JSON.parse(raw) as Draft<T>;
      if (this.now() - d.savedAt > MAX_AGE_MS) {
        this.discard(user, form);
        return null;
      }
      return d;
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
    const keys: string[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const k = this.storage.key(i);
      if (k?.startsWith(prefix)) keys.push(k);
    }
    return keys
      .map((k) => this.load(user, k.slice(prefix.length)))
      .filter((d): d is Draft => d !== null)
      .sort((a, b) => a.savedAt - b.savedAt);
  }

  pending(user: string): Draft[] {
    return this.list(user).filter((d) => d.state === "pending");
  }

  /** See the decision above: idle keeps everything; an explicit log-out drops unsent drafts. */
  onLogout(user: string, idle: boolean): void {
    if (idle) return;
    for (const d of this.list(user)) {
      if (d.state !== "pending") this.discard(user, d.form);
    }
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
