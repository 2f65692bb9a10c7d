// A request's story in one thread (経過 on the request page).
import type { AttachmentMeta, RequestDetail } from "../api/types";
import { label } from "./labels";

/** One entry of the request's story, whatever it was. */
type Entry =
  | { kind: "event"; at: string; key: string; who: string; what: string; note: string | null }
  | { kind: "comment"; at: string; key: string; who: string; role: string; body: string }
  | { kind: "file"; at: string; key: string; who: string; file: AttachmentMeta };

/**
 * Filing, status changes (with the answer or the reason), assignments, comments and files in
 * one thread, oldest first. The history's own "comment" and "attachment" entries are the
 * comments and files themselves, so they appear once.
 */
export function timeline(d: RequestDetail): Entry[] {
  const events: Entry[] = d.history
    .filter((h) => h.kind !== "comment" && h.kind !== "attachment")
    .map((h) => ({
      kind: "event", at: h.at, key: `e${h.id}`, who: h.actor_name, note: h.note,
      what: h.to_status
        ? h.from_status
          ? `${label("request_status", h.from_status)} → ${label("request_status", h.to_status)}`
          : label("request_status", h.to_status)
        : h.kind === "filed" ? "起票" : h.kind === "assigned" ? "担当者を変更" : h.kind,
    }));
  const comments: Entry[] = d.comments.map((c) => ({
    kind: "comment", at: c.created_at, key: `c${c.id}`, who: c.author_name, role: c.author_role, body: c.body,
  }));
  const files: Entry[] = d.attachments.map((a) => ({
    kind: "file", at: a.created_at, key: `f${a.id}`, who: a.uploaded_by_name, file: a,
  }));
  return [...events, ...comments, ...files].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}

