// React side of the draft queue (see drafts.ts): forms keep their text while typing, queue it
// when the database is unreachable, and hear when the queue has sent it.
import { useCallback, useEffect, useRef, useState } from "react";
import { api, newIdempotencyKey } from "../api/client";
import type {
  ChangeProposal, IssueInput, NewMeeting, NewRequest, PlanSection, TransitionInput,
} from "../api/types";
import { DraftStore, VaultStorage, eraseLegacyDrafts } from "./drafts";
import type { QueuedRequest } from "./drafts";

eraseLegacyDrafts(window.localStorage);
/** The logged-in person's drafts, in memory and kept by the shell (see drafts.ts). */
export const draftVault = new VaultStorage({ write: api.writeDraft, erase: api.eraseDraft });
export const drafts = new DraftStore(draftVault);

/**
 * At log-in, before any form reads its draft: the person's drafts from the shell. Answers
 * whether they survive a restart (false on a computer without a key store) and for how many
 * days they are kept.
 */
export async function openDrafts(): Promise<{ keptOnDisk: boolean; days: number } | null> {
  try {
    const opened = await api.openDrafts();
    draftVault.load(opened.drafts);
    return { keptOnDisk: opened.kept_on_disk, days: opened.retention_days };
  } catch {
    draftVault.load([]);
    return null;
  }
}
/** Fired on window whenever the queue sent or refused something. */
export const DRAFTS_CHANGED = "hoshu-drafts-changed";

/** Sends one queued request with the same commands the forms call. */
export async function sendQueued(q: QueuedRequest): Promise<void> {
  const a = q.args;
  switch (q.kind) {
    case "file_request":
      await api.fileRequest(a.input as NewRequest, q.key);
      return;
    case "comment":
      await api.comment(a.id as number, a.body as string, q.key);
      return;
    case "transition":
      await api.transition(a.id as number, a.input as TransitionInput, q.key);
      return;
    case "propose_change": {
      const id = await api.proposeChange(a.proposal as ChangeProposal, q.key);
      await api.decideChange(id, 1, "submit", "", undefined, q.key && `${q.key}-submit`);
      return;
    }
    case "record_meeting":
      await api.recordMeeting(a.meeting as NewMeeting, q.key);
      return;
    case "update_meeting":
      await api.updateMeeting(a.id as number, a.expectedVersion as number, a.meeting as NewMeeting, q.key);
      return;
    case "add_register_item":
      await api.addRegisterItem(a.item as IssueInput, q.key);
      return;
    case "update_register_item":
      await api.updateRegisterItem(a.id as number, a.expectedVersion as number, a.item as IssueInput, q.key);
      return;
    case "save_plan_section":
      await api.savePlanSection(a.section as PlanSection, a.currentVersion as number, a.content as string, q.key);
      return;
  }
}

/** Tries the person's pending drafts now. */
export async function flushDrafts(user: string): Promise<{ sent: string[]; refused: string[] }> {
  const r = await drafts.flush(user, sendQueued);
  if (r.sent.length || r.refused.length) window.dispatchEvent(new CustomEvent(DRAFTS_CHANGED));
  return r;
}

/**
 * A form's state kept as a draft of `user`'s `form`. `queued` is true while it waits for the
 * connection; `onSent` runs when the queue has sent it (the form then resets or moves on).
 */
export function useDraft<T>(user: string, form: string, blank: T, onSent?: () => void) {
  const [value, setValue] = useState<T>(() => drafts.load<T>(user, form)?.payload ?? blank);
  const [queued, setQueued] = useState(() => drafts.load(user, form)?.state === "pending");
  const [refusal, setRefusal] = useState<string | null>(() => drafts.load(user, form)?.lastError ?? null);
  // One key per submission: the form's first attempt and the queue's resends share it, so a
  // write whose answer was lost is not applied twice. A new key once it is sent or cleared.
  const [key, setKey] = useState(() => drafts.load(user, form)?.request?.key ?? newIdempotencyKey());
  const touched = useRef(false);
  const onSentRef = useRef(onSent);
  onSentRef.current = onSent;

  const blankJson = JSON.stringify(blank);
  useEffect(() => {
    if (!touched.current) return;
    // Back to empty (sent, or cleared by hand): nothing to keep unless it is waiting to be sent.
    if (JSON.stringify(value) === blankJson && drafts.load(user, form)?.state !== "pending") {
      drafts.discard(user, form);
    } else {
      drafts.save(user, form, value);
    }
  }, [user, form, value, blankJson]);

  useEffect(() => {
    const changed = () => {
      const d = drafts.load<T>(user, form);
      if (queued && !d) {
        setQueued(false);
        setKey(newIdempotencyKey());
        setValue(blank);
        onSentRef.current?.();
      } else if (d?.lastError) {
        setQueued(false);
        setRefusal(d.lastError);
      }
    };
    window.addEventListener(DRAFTS_CHANGED, changed);
    return () => window.removeEventListener(DRAFTS_CHANGED, changed);
  }, [user, form, queued]);

  const set = useCallback((v: T) => {
    touched.current = true;
    setValue(v);
  }, []);
  const queue = useCallback(
    (request: QueuedRequest) => {
      drafts.queue(user, form, value, { ...request, key });
      setQueued(true);
    },
    [user, form, value, key],
  );
  const clear = useCallback(() => {
    drafts.discard(user, form);
    touched.current = false;
    setQueued(false);
    setRefusal(null);
    setKey(newIdempotencyKey());
  }, [user, form]);
  return { value, set, queued, refusal, queue, clear, key };
}
