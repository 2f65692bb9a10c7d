import { describe, expect, it } from "vitest";
import { bannerText, fieldMessages } from "./errors";
import { toAppError } from "../api/client";

describe("errors", () => {
  it("puts each field's messages at that field", () => {
    const m = fieldMessages({
      code: "validation",
      message: "入力内容を確認してください。",
      fields: [
        { field: "title", label: "件名", message: "件名を入力してください。" },
        { field: "title", label: "件名", message: "件名は1行で入力してください。" },
        { field: "body", label: "内容", message: "内容を入力してください。" },
      ],
    });
    expect(m.title).toBe("件名を入力してください。 件名は1行で入力してください。");
    expect(m.body).toBe("内容を入力してください。");
    expect(fieldMessages(null)).toEqual({});
  });
  it("keeps typed text when the database is unreachable", () => {
    expect(bannerText({ code: "unavailable", message: "x" })).toContain("データベースに接続できません");
    expect(bannerText({ code: "forbidden", message: "権限がありません。" })).toBe("権限がありません。");
  });
  it("turns anything thrown into an AppError", () => {
    expect(toAppError("boom")).toEqual({ code: "internal", message: "boom" });
    expect(toAppError({ code: "stale", message: "更新" }).code).toBe("stale");
  });
});
