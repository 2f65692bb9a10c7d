import { describe, expect, it } from "vitest";
import type { NewMeeting } from "../api/types";
import { blankMeetingForm, formToMeeting, meetingErrors, meetingToForm, registerNumbers } from "./meetings";

const meeting: NewMeeting = {
  kind: "regular",
  title: "第1回 定例会議",
  starts_at: "2026-04-15T05:00:00Z",
  ends_at: "2026-04-15T06:00:00Z",
  place: "第3会議室",
  attendees: [
    { side: "city", organisation: "生活保護・自立支援課", title: "課長", name: "岡本 誠", present: true },
    { side: "contractor", organisation: "吉備情報システム", title: "", name: "小川 健", present: false },
  ],
  handouts: ["資料1"],
  agenda: ["運用状況"],
  discussion: "報告した。",
  decisions: ["改善案を提示する。"],
  action_items: [{ description: "帳票改善案", owner: "小川 健", due: "2026-04-30" }],
  next_meeting: { starts_at: "2026-05-13T05:00:00Z", place: "同上" },
};

describe("meeting form", () => {
  it("round-trips a stored meeting through the form (Tokyo times in the inputs)", () => {
    const f = meetingToForm(meeting);
    expect(f.start).toBe("2026-04-15T14:00");
    expect(f.nextStart).toBe("2026-05-13T14:00");
    expect(f.hasNext).toBe(true);
    expect(formToMeeting(f)).toEqual({ meeting });
  });

  it("sends no next meeting when none is planned, whatever was typed", () => {
    const f = { ...meetingToForm(meeting), hasNext: false, nextStart: "2026-05-13T14:00" };
    const r = formToMeeting(f);
    expect("meeting" in r && r.meeting.next_meeting).toBe(null);
  });

  it("starts with one attendee per side and one agenda line", () => {
    const f = blankMeetingForm();
    expect(f.attendees.map((a) => a.side)).toEqual(["city", "contractor"]);
    expect(f.agenda).toEqual([""]);
    expect(f.actionItems).toEqual([]);
  });

  it("names the empty dates the domain cannot see", () => {
    const f = { ...blankMeetingForm(), hasNext: true, actionItems: [{ description: "a", owner: "b", due: "" }] };
    const r = formToMeeting(f);
    expect("errors" in r && r.errors.map((e) => e.field)).toEqual(["starts_at", "ends_at", "action_items", "next_meeting"]);
    expect("errors" in r && r.errors[2].message).toBe("宿題（1行目）の期限を入力してください。");
    expect("errors" in r && r.errors[2].row).toBe(0);
  });
});

describe("meeting errors", () => {
  it("joins messages per field and collects the rows they are about", () => {
    const e = meetingErrors([
      { field: "title", label: "会議名", message: "会議名を入力してください。", row: null },
      { field: "attendees", label: "出席者", message: "出席者（2行目）の氏名を入力してください。", row: 1 },
      { field: "attendees", label: "出席者", message: "出席者（2行目）の所属を入力してください。", row: 1 },
      { field: "action_items", label: "宿題", message: "宿題（1行目）の担当者を入力してください。", row: 0 },
      { field: "agenda", label: "議題", message: "議題を1件以上入力してください。" },
    ]);
    expect(e.title).toEqual({ text: "会議名を入力してください。", rows: [] });
    expect(e.attendees.rows).toEqual([1]);
    expect(e.attendees.text).toBe("出席者（2行目）の氏名を入力してください。 出席者（2行目）の所属を入力してください。");
    expect(e.action_items.rows).toEqual([0]);
    expect(e.agenda.rows).toEqual([]);
    expect(meetingErrors(undefined)).toEqual({});
  });

  it("lists register numbers in action-item order", () => {
    expect(registerNumbers([{ no: 12 }, null, { no: 13 }])).toBe("課題No.12、課題No.13");
    expect(registerNumbers([])).toBe("課題なし");
  });
});
