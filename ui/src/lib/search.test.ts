import { describe, expect, it } from "vitest";
import { EMPTY_SEARCH, parseMonth, problemText, searchQuery, totalText, viewOf } from "./search";

describe("knowledge search", () => {
  it("reads months from the month inputs and nothing else", () => {
    expect(parseMonth("2025-04")).toEqual({ year: 2025, month: 4 });
    expect(parseMonth("2025-13")).toBeNull();
    expect(parseMonth("")).toBeNull();
    expect(parseMonth("2025/04")).toBeNull();
  });

  it("sends the period, the kinds and the page", () => {
    const q = searchQuery({ ...EMPTY_SEARCH, text: "返戻", kinds: ["request"], from: "2025-04", to: "" }, 3);
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
