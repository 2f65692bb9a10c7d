// The request page's one thread: every kind of entry once, oldest first.
import { describe, expect, it } from "vitest";
import type { RequestDetail } from "../api/types";
import { setLabels } from "./labels";
import { timeline } from "./timeline";

setLabels({ request_status: [{ code: "received", label: "受付" }, { code: "answered", label: "回答済" }] });

const at = (min: number) => new Date(Date.UTC(2026, 3, 10, 0, min)).toISOString();

describe("経過", () => {
  it("merges status changes, comments and files in time order, each once", () => {
    const d = {
      history: [
        { id: 1, request_id: 9, actor_id: 1, actor_name: "小林 由美", kind: "filed", from_status: null, to_status: "received", note: null, at: at(0) },
        { id: 2, request_id: 9, actor_id: 2, actor_name: "小川 健", kind: "comment", from_status: null, to_status: null, note: null, at: at(5) },
        { id: 3, request_id: 9, actor_id: 2, actor_name: "小川 健", kind: "attachment", from_status: null, to_status: null, note: "log.txt", at: at(6) },
        { id: 4, request_id: 9, actor_id: 2, actor_name: "小川 健", kind: "status", from_status: "received", to_status: "answered", note: "設定を直しました。", at: at(9) },
      ],
      comments: [{ id: 7, request_id: 9, author_id: 2, author_name: "小川 健", author_role: "contractor", body: "ログをください", created_at: at(5) }],
      attachments: [{ id: 8, request_id: 9, file_name: "log.txt", content_type: "text/plain", size: 10, sha256: "", uploaded_by: 1, uploaded_by_name: "小林 由美", created_at: at(7) }],
    } as unknown as RequestDetail;
    const entries = timeline(d);
    expect(entries.map((e) => e.kind)).toEqual(["event", "comment", "file", "event"]);
    expect(entries[3]).toMatchObject({ what: "受付 → 回答済", note: "設定を直しました。" });
    expect(entries[0]).toMatchObject({ what: "受付" });
  });
});
