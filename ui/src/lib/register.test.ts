import { describe, expect, it } from "vitest";
import type { IssueInput } from "../api/types";
import { NO_FILTERS, blankIssue, formToIssue, isOverdue, issueToForm, registerQuery, tokyoToday } from "./register";

const item: IssueInput = {
  raised_on: "2026-04-15", raised_by: "小川 健", category: "improvement", title: "医療券の帳票レイアウト改善",
  content: "氏名欄が狭い。", priority: "medium", owner: "大西 亮", due: "2026-05-31", status: "in_progress",
  progress: "改善案を作成中。", completed_on: null, meeting_id: 3, request_id: null,
};

describe("register filters", () => {
  it("no filter asks for everything, 50 a page", () => {
    expect(registerQuery(NO_FILTERS, 1)).toEqual({
      statuses: [], categories: [], text: null, meeting_id: null, page: 1, per_page: 50,
    });
  });
  it("a status, a category and trimmed text", () => {
    expect(registerQuery({ status: "open", category: "fault", text: "  帳票 " }, 3, 7)).toEqual({
      statuses: ["open"], categories: ["fault"], text: "帳票", meeting_id: 7, page: 3, per_page: 50,
    });
  });
});

describe("overdue", () => {
  it("only active items past their due day", () => {
    expect(isOverdue(item, "2026-05-31")).toBe(false);
    expect(isOverdue(item, "2026-06-01")).toBe(true);
    expect(isOverdue({ ...item, status: "on_hold" }, "2026-06-01")).toBe(false);
    expect(isOverdue({ ...item, status: "done" }, "2026-06-01")).toBe(false);
    expect(isOverdue({ ...item, due: null }, "2026-06-01")).toBe(false);
  });
  it("today is the Tokyo day", () => {
    expect(tokyoToday(Date.UTC(2026, 10, 21, 15, 30))).toBe("2026-11-22");
    expect(tokyoToday(Date.UTC(2026, 10, 21, 14, 59))).toBe("2026-11-21");
  });
});

describe("issue form", () => {
  it("round-trips an item", () => {
    const f = issueToForm(item);
    expect(f.link_kind).toBe("meeting");
    expect(f.link_id).toBe("3");
    expect(f.completed_on).toBe("");
    expect(formToIssue(f)).toEqual({ input: item });
  });
  it("a request link and empty dates", () => {
    const f = { ...issueToForm({ ...item, meeting_id: null, request_id: 12, due: null }), link_id: "＃１２" };
    const r = formToIssue(f);
    expect("input" in r && r.input).toMatchObject({ due: null, meeting_id: null, request_id: 12 });
  });
  it("a blank form has today and the person as 起票者", () => {
    const f = blankIssue("2026-11-22", "受託 太郎");
    expect(f).toMatchObject({ raised_on: "2026-11-22", raised_by: "受託 太郎", status: "open", title: "" });
    expect("input" in formToIssue(f)).toBe(true);
  });
  it("what cannot be sent is reported at its field", () => {
    const r = formToIssue({ ...blankIssue("", "x"), link_kind: "meeting", link_id: "三" });
    expect("error" in r && r.error.fields?.map((e) => e.field)).toEqual(["raised_on", "link"]);
  });
});
