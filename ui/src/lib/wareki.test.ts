import { describe, expect, it } from "vitest";
import {
  daysInMonth, inputEcho, localInputToIso, parseMonthText, warekiFiscalYear, shortDate, shortDateTime, tokyoMonthSpan, warekiDate, warekiDateTime,
  warekiMonth, windowText,
} from "./wareki";
import cases from "./wareki.cases.json";

describe("和暦", () => {
  it("formats dates in Tokyo with the weekday", () => {
    expect(warekiDate("2026-11-22")).toBe("令和8年11月22日(日)");
    // 15:30 UTC is already the next day in Tokyo.
    expect(warekiDateTime("2026-11-22T15:30:00Z")).toBe("令和8年11月23日(月) 00:30");
  });
  it("writes the first year of an era as 元年 and switches eras on the right day", () => {
    expect(warekiDate("2019-04-30")).toBe("平成31年4月30日(火)");
    expect(warekiDate("2019-05-01")).toBe("令和元年5月1日(水)");
    expect(warekiDate("1989-01-07")).toBe("昭和64年1月7日(土)");
    expect(warekiDate("1989-01-08")).toBe("平成元年1月8日(日)");
    expect(warekiMonth(2019, 5)).toBe("令和元年5月");
  });
  it("shortens for lists and joins windows", () => {
    expect(shortDateTime("2026-11-22T00:05:00Z")).toBe("R8.11.22(日) 09:05");
    expect(shortDate("2019-04-30")).toBe("H31.4.30(火)");
    expect(shortDate("2019-05-01")).toBe("R1.5.1(水)");
    expect(windowText("2026-11-28T13:00:00Z", "2026-11-28T15:00:00Z")).toBe("令和8年11月28日(土) 22:00 〜 令和8年11月29日(日) 00:00");
    expect(windowText("2026-11-28T01:00:00Z", "2026-11-28T03:00:00Z")).toBe("令和8年11月28日(土) 10:00 〜 12:00");
  });
  it("reads a typed month in 和暦 or 西暦", () => {
    for (const text of ["R8.4", "r8/4", "Ｒ８．４", "令和8年4月", "令和８年４月", "2026-04", "2026/4", "2026年4月", " 2026.4 "]) {
      expect(parseMonthText(text), text).toEqual({ year: 2026, month: 4 });
    }
    expect(parseMonthText("令和元年5月")).toEqual({ year: 2019, month: 5 });
    expect(parseMonthText("H31.4")).toEqual({ year: 2019, month: 4 });
    expect(parseMonthText("S64.1")).toEqual({ year: 1989, month: 1 });
    expect(parseMonthText("平成元年1月")).toEqual({ year: 1989, month: 1 });
    // A month the era never had, or no month at all.
    for (const text of ["平成31年5月", "令和元年4月", "R0.4", "R8.13", "2026-00", "Dec 2026", "R8", "", "4月"]) {
      expect(parseMonthText(text), text).toBeNull();
    }
  });
  it("reads a Tokyo datetime-local value as an instant", () => {
    expect(localInputToIso("2026-11-28T22:00")).toBe("2026-11-28T13:00:00Z");
    expect(localInputToIso("")).toBe("");
  });
});

// The same table the Rust implementation writes and checks (wareki.cases.json): the window
// and the documents write every date alike.
describe("和暦 as hoshu-core writes it", () => {
  it.each(cases.dates)("$date", ({ date, long, short }) => {
    expect(warekiDate(date)).toBe(long);
    expect(shortDate(date).startsWith(`${short}(`)).toBe(true);
  });
  it.each(cases.instants)("$instant", ({ instant, long }) => {
    expect(warekiDateTime(instant)).toBe(long);
  });
  it.each(cases.months)("$year-$month", ({ year, month, text }) => {
    expect(warekiMonth(year, month)).toBe(text);
  });
});

describe("the 和暦 echo under date inputs", () => {
  it("reads dates, date-times and months as the pickers give them", () => {
    expect(inputEcho("2026-12-05")).toBe("令和8年12月5日(土)");
    expect(inputEcho("2026-12-05T08:00")).toBe("令和8年12月5日(土) 08:00");
    expect(inputEcho("2019-05")).toBe("令和元年5月");
    expect(inputEcho("2019-04-30")).toBe("平成31年4月30日(火)");
  });
  it("says nothing while the input is incomplete", () => {
    expect(inputEcho("")).toBeNull();
    expect(inputEcho("2026-13")).toBeNull();
    expect(inputEcho("2026-12-05T")).toBeNull();
  });
});

describe("年度 in 和暦", () => {
  it("names the fiscal year by the era of its first day", () => {
    expect(warekiFiscalYear(2026)).toBe("令和8年度");
    expect(warekiFiscalYear(2019)).toBe("平成31年度");
    expect(warekiFiscalYear(2020)).toBe("令和2年度");
  });
});

describe("months", () => {
  it("counts the days of a month, leap Februaries included", () => {
    expect(daysInMonth(2026, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
    expect(daysInMonth(2026, 12)).toBe(31);
    expect(daysInMonth(2026, 4)).toBe(30);
  });
  it("spans a month in Tokyo, the year's turn included", () => {
    expect(tokyoMonthSpan(2026, 4)).toEqual({ from: "2026-03-31T15:00:00.000Z", to: "2026-04-30T15:00:00.000Z" });
    expect(tokyoMonthSpan(2026, 12)).toEqual({ from: "2026-11-30T15:00:00.000Z", to: "2026-12-31T15:00:00.000Z" });
  });
});
