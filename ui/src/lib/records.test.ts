import { describe, expect, it } from "vitest";
import { parseRequestIds } from "../screens/NewIncident";
import { allowanceText } from "../screens/IncidentDetail";
import { fiscalYearOf, msToLocalInput, previousMonth } from "./localtime";
import { sizeText } from "./fileSize";

describe("incident form and detail helpers", () => {
  it("reads linked request numbers typed loosely", () => {
    expect(parseRequestIds("")).toEqual([]);
    expect(parseRequestIds("12, 15 #20")).toEqual([12, 15, 20]);
    expect(parseRequestIds("１２、１５")).toEqual([12, 15]);
    expect(parseRequestIds("12, abc")).toBeNull();
    expect(parseRequestIds("0")).toBeNull();
  });
  it("names each target the way the contract does", () => {
    expect(allowanceText({ kind: "continuous", minutes: 30 })).toBe("30分（24時間365日）");
    expect(allowanceText({ kind: "continuous", minutes: 120 })).toBe("2時間（24時間365日）");
    expect(allowanceText({ kind: "business_days", days: 1 })).toBe("1開庁日");
    expect(allowanceText({ kind: "service_time", minutes: 480 })).toBe("サービス時間で480分");
  });
});

describe("report pickers", () => {
  it("defaults to the month before and the fiscal year in Tokyo", () => {
    const aprilFirstTokyo = Date.parse("2026-03-31T15:30:00Z"); // 2026-04-01 00:30 JST
    expect(previousMonth(aprilFirstTokyo)).toBe("2026-03");
    expect(fiscalYearOf(aprilFirstTokyo)).toBe(2026);
    expect(fiscalYearOf(Date.parse("2026-03-31T14:00:00Z"))).toBe(2025);
    expect(previousMonth(Date.parse("2026-01-10T00:00:00Z"))).toBe("2025-12");
    expect(msToLocalInput(aprilFirstTokyo)).toBe("2026-04-01T00:30");
  });
  it("shows file sizes", () => {
    expect(sizeText(512)).toBe("512 バイト");
    expect(sizeText(84 * 1024)).toBe("84 KB");
    expect(sizeText(1.25 * 1024 * 1024)).toBe("1.3 MB");
  });
});
