import { describe, expect, it } from "vitest";
import { EMPTY_SEARCH, monthEcho, parseMonth, problemText, searchQuery, totalText, viewOf } from "./search";

describe("knowledge search", () => {
  it("reads the period's months in 和暦 or 西暦 and nothing else", () => {
    expect(parseMonth("2025-04")).toEqual({ year: 2025, month: 4 });
    expect(parseMonth("R7.4")).toEqual({ year: 2025, month: 4 });
    expect(parseMonth("令和7年4月")).toEqual({ year: 2025, month: 4 });
    expect(parseMonth("2025-13")).toBeNull();
    expect(parseMonth("")).toBeNull();
    expect(parseMonth("Apr 2025")).toBeNull();
  });

  it("shows the 和暦 of the month typed, or how to write one", () => {
    expect(monthEcho("2025-04")).toEqual({ text: "和暦：令和7年4月", ok: true });
    expect(monthEcho("R1.5")).toEqual({ text: "和暦：令和元年5月", ok: true });
    expect(monthEcho("")).toBeNull();
    expect(monthEcho("  ")).toBeNull();
    expect(monthEcho("Dec 2026")).toEqual({ text: "年月として読めません（例: R8.4、令和8年4月、2026-04）", ok: false });
  });

  it("sends the period, the kinds and the page", () => {
    const q = searchQuery({ ...EMPTY_SEARCH, text: "返戻", kinds: ["request"], from: "R7.4", to: "" }, 3);
    expect(q).toEqual({
      text: "返戻", kinds: ["request"], from: { year: 2025, month: 4 }, to: null, page: 3, per_page: 20,
    });
  });

  it("opens the screen of each kind", () => {
    expect(viewOf({ kind: "request", item_id: 813 })).toEqual({ name: "request", id: 813 });
    expect(viewOf({ kind: "register", item_id: 2 })).toEqual({ name: "register-item", id: 2 });
    expect(viewOf({ kind: "incident", item_id: 3 })).toEqual({ name: "incident", id: 3 });
    expect(viewOf({ kind: "meeting", item_id: 4 })).toEqual({ name: "meeting", id: 4 });
  });

  it("words an import problem as the command line does", () => {
    expect(problemText({ row: 12, field: "期日", message: "日付として読めません（\"2025/13/45\"）" }))
      .toBe("12行目 期日: 日付として読めません（\"2025/13/45\"）");
    expect(problemText({ row: null, field: "題名", message: "列「題名」が見つかりません。" }))
      .toBe("題名: 列「題名」が見つかりません。");
  });

  it("marks an estimated total", () => {
    expect(totalText(1234, true)).toBe("1,234件");
    expect(totalText(1234, false)).toBe("最大 1,234件");
  });
});
