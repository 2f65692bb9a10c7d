import { describe, expect, it } from "vitest";
import type { BatchRun, CheckMonth } from "../api/types";
import { awaitingRerun, checkGrid, durationText } from "./operations";

const month: CheckMonth = {
  year: 2026, month: 4, today: "2026-04-07",
  items: [
    { id: 1, name: "JP1", frequency: "open_day", since: "2026-04-01", active: true, version: 1 },
    { id: 2, name: "機器", frequency: "monthly", since: "2026-04-01", active: true, version: 1 },
  ],
  records: [
    { id: 1, item_id: 1, day: "2026-04-01", result: "normal", note: "", item_name: "JP1", checked_by: 1, checked_by_name: "受託者", checked_at: "2026-03-31T23:50:00Z" },
    { id: 2, item_id: 2, day: "2026-04-02", result: "anomaly", note: "異音", item_name: "機器", checked_by: 1, checked_by_name: "受託者", checked_at: "2026-04-01T23:50:00Z" },
  ],
  missed: [{ item_id: 1, day: "2026-04-03" }],
};

describe("checklist grid", () => {
  it("has every day of the month with one cell per item", () => {
    const rows = checkGrid(month);
    expect(rows).toHaveLength(30);
    expect(rows[0].cells).toEqual([{ kind: "done", result: "normal", note: "" }, { kind: "none" }]);
    expect(rows[1].cells[1]).toEqual({ kind: "done", result: "anomaly", note: "異音" });
    expect(rows[2]).toMatchObject({ day: "2026-04-03", missed: 1 });
    expect(rows.filter((r) => r.missed > 0).map((r) => r.day)).toEqual(["2026-04-03"]);
  });
});

describe("runs", () => {
  const run = (id: number, result: "normal" | "abnormal", rerun_by: number | null) =>
    ({ id, result, rerun_by, started_at: "2026-04-10T16:00:00Z", ended_at: "2026-04-10T17:05:00Z" }) as BatchRun;
  it("says how long a run took", () => {
    expect(durationText(run(1, "normal", null))).toBe("1時間05分");
    expect(durationText({ started_at: "2026-04-10T16:00:00Z", ended_at: "2026-04-10T16:47:00Z" })).toBe("47分");
  });
  it("offers only abnormal runs not yet re-run", () => {
    expect(awaitingRerun([run(1, "abnormal", null), run(2, "abnormal", 3), run(3, "normal", null)]).map((r) => r.id))
      .toEqual([1]);
  });
});
