import { describe, expect, it } from "vitest";
import { type DiscForm, discFormErrors, discSelection, minutesDraftNotice, progressPercent } from "./deliverables";

const form: DiscForm = {
  minutes: "all_approved", minutesFrom: "", minutesTo: "", register: true, plan: false,
  forms: ["completion_notice", "schedule"], reportsFiscalYear: 2025, media: "cd_r",
  checkedBy: " 受託 太郎 ", checkedAt: "2026-11-20T09:30", product: "ウイルス対策 12", patternVersion: "2026.11.20",
};

describe("minutesDraftNotice", () => {
  it("warns for every state but approved", () => {
    expect(minutesDraftNotice("approved")).toBeNull();
    for (const status of ["draft", "submitted", "returned"]) {
      const notice = minutesDraftNotice(status);
      expect(notice).toContain("「案」");
      expect(notice).toContain("承認済の議事録だけ");
    }
  });
});

describe("progressPercent", () => {
  it("is null before the first report and clamps to 0–100", () => {
    expect(progressPercent(null)).toBeNull();
    expect(progressPercent({ done: 0, total: 0, label: "" })).toBeNull();
    expect(progressPercent({ done: 1, total: 3, label: "" })).toBe(33);
    expect(progressPercent({ done: 5, total: 3, label: "" })).toBe(100);
  });
});

describe("disc selection", () => {
  it("sends forms in the fixed order, trimmed names and the check time in UTC", () => {
    const s = discSelection(form);
    expect(s.forms).toEqual(["schedule", "completion_notice"]);
    expect(s.minutes).toEqual({ kind: "all_approved" });
    expect(s.malware_check.checked_by).toBe("受託 太郎");
    expect(s.malware_check.checked_at).toBe("2026-11-20T00:30:00.000Z");
  });
  it("an empty check time is now (null)", () => {
    expect(discSelection({ ...form, checkedAt: "" }).malware_check.checked_at).toBeNull();
  });
  it("a period is sent with its days", () => {
    expect(discSelection({ ...form, minutes: "period", minutesFrom: "2026-04-01", minutesTo: "2026-09-30" }).minutes)
      .toEqual({ kind: "period", from: "2026-04-01", to: "2026-09-30" });
  });
  it("needs the malware-check record, a sane period and something to include", () => {
    expect(discFormErrors(form)).toEqual([]);
    const empty = { ...form, checkedBy: " ", product: "", patternVersion: "", minutes: "period" as const,
      minutesFrom: "2026-10-01", minutesTo: "2026-04-01" };
    expect(discFormErrors(empty).map((e) => e.field)).toEqual(["checked_by", "product", "pattern_version", "minutes_period"]);
    const nothing = { ...form, minutes: "none" as const, register: false, forms: [], reportsFiscalYear: null };
    expect(discFormErrors(nothing).map((e) => e.field)).toEqual(["include"]);
  });
});
