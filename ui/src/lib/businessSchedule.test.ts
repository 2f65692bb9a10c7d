import { describe, expect, it } from "vitest";
import type { ScheduleEntry } from "../api/types";
import { dayRows, entryFormErrors, entryOf, entryText, shiftMonth } from "./businessSchedule";

const entry = (day: string, category: ScheduleEntry["category"], title: string, starts: string | null = null, ends: string | null = null): ScheduleEntry =>
  ({ day, category, title, starts, ends, note: "", source: "calendar", source_id: null });

describe("業務日程表 on screen", () => {
  it("lays out every day with its entries by column, closed days marked", () => {
    const entries = [
      entry("2026-05-01", "service_hours", "開庁日", "08:00:00", "19:00:00"),
      entry("2026-05-03", "service_hours", "憲法記念日"),
      entry("2026-05-03", "maintenance", "月次メンテナンス", "08:00:00", "22:00:00"),
      entry("2026-05-03", "outage", "計画停止：更新", "22:00:00", null),
    ];
    const rows = dayRows(2026, 5, entries);
    expect(rows).toHaveLength(31);
    expect(rows[0].label).toBe("1日(金)");
    expect(rows[0].closed).toBe(false);
    expect(rows[2].closed).toBe(true);
    expect(rows[2].cells[1].map((x) => x.index)).toEqual([2, 3]);
    expect(entryText(rows[2].cells[1][0].entry)).toBe("月次メンテナンス 08:00〜22:00");
    expect(entryText(rows[2].cells[1][1].entry)).toBe("計画停止：更新 22:00〜");
    expect(dayRows(2028, 2, [])).toHaveLength(29);
  });

  it("steps months across years", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
  });

  it("checks the add-entry form like the server does", () => {
    const form = { day: "2026-06-01", category: "routine" as const, title: " ", starts: "", ends: "09:00", note: "" };
    expect(entryFormErrors(form, "2026-05").map((e) => e.field)).toEqual(["entry-day", "entry-title", "entry-starts"]);
    const ok = { ...form, day: "2026-05-15", title: "帳票の棚卸し", starts: "10:00", ends: "12:00" };
    expect(entryFormErrors(ok, "2026-05")).toEqual([]);
    expect(entryFormErrors({ ...ok, ends: "09:00" }, "2026-05").map((e) => e.field)).toEqual(["entry-ends"]);
    expect(entryOf(ok)).toMatchObject({ starts: "10:00:00", ends: "12:00:00", source: "manual", title: "帳票の棚卸し" });
  });
});
