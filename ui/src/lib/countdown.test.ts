import { describe, expect, it } from "vitest";
import { coarseSpanText, deadlineText, liveClock, rateText, serverOffset, spanText } from "./countdown";

const T0 = Date.parse("2026-04-10T01:00:00Z");
const iso = (ms: number) => new Date(ms).toISOString();

describe("countdown text", () => {
  it("formats a remaining span with seconds under an hour", () => {
    expect(spanText(12 * 60 + 30)).toBe("12分30秒");
    expect(spanText(5 * 60)).toBe("5分00秒");
    expect(spanText(42)).toBe("42秒");
    expect(spanText(3_600 + 5 * 60 + 59)).toBe("1時間05分");
    expect(spanText(2 * 86_400 + 3 * 3_600 + 1)).toBe("2日3時間");
    expect(spanText(86_400)).toBe("1日");
    expect(spanText(-5)).toBe("0秒");
  });
  it("formats an overrun in whole minutes", () => {
    expect(coarseSpanText(5 * 60)).toBe("5分");
    expect(coarseSpanText(5 * 60 + 59)).toBe("5分");
    expect(coarseSpanText(30)).toBe("30秒");
    expect(coarseSpanText(3_600 + 20 * 60)).toBe("1時間20分");
    expect(coarseSpanText(2 * 3_600)).toBe("2時間");
    expect(coarseSpanText(3 * 86_400 + 4 * 3_600)).toBe("3日4時間");
  });
});

describe("live clocks", () => {
  it("counts a running clock down from its deadline", () => {
    const deadline = iso(T0 + (12 * 60 + 30) * 1000);
    expect(liveClock({ state: "running", deadline, remaining_secs: 999 }, T0).text).toBe("残り 12分30秒");
    expect(liveClock({ state: "running", deadline, remaining_secs: 999 }, T0 + 1000).text).toBe("残り 12分29秒");
    expect(liveClock({ state: "running", deadline, remaining_secs: 999 }, T0).tone).toBe("running");
    expect(liveClock({ state: "running", deadline, remaining_secs: 0 }, T0 + 3 * 60_000).tone).toBe("soon");
  });
  it("turns into a breach once the deadline passes, counting the overrun up", () => {
    const deadline = iso(T0);
    const at = liveClock({ state: "running", deadline, remaining_secs: 0 }, T0);
    expect(at).toMatchObject({ tone: "soon", text: "残り 0秒" });
    const late = liveClock({ state: "running", deadline, remaining_secs: 0 }, T0 + 5 * 60_000);
    expect(late).toMatchObject({ tone: "breached", text: "超過 5分" });
    expect(liveClock({ state: "breached", deadline, by_secs: 60, at: null }, T0 + 7 * 60_000).text).toBe("超過 7分");
  });
  it("keeps a stopped clock's verdict", () => {
    const deadline = iso(T0);
    expect(liveClock({ state: "breached", deadline, by_secs: 300, at: iso(T0 + 300_000) }, T0 + 86_400_000).text)
      .toBe("超過 5分");
    expect(liveClock({ state: "met", deadline, at: deadline, margin_secs: 0 }, T0 + 86_400_000))
      .toMatchObject({ tone: "met", text: "達成" });
    expect(liveClock({ state: "not_started" }, T0)).toMatchObject({ tone: "idle", text: "未開始" });
    expect(liveClock({ state: "paused", deadline, remaining_secs: 7_200 }, T0).text).toBe("一時停止（残り 2時間00分）");
  });
  it("lists show the nearest deadline; the server's clock corrects the window's", () => {
    expect(deadlineText(iso(T0 + 90_000), T0).text).toBe("残り 1分30秒");
    expect(serverOffset(iso(T0), T0 - 2_000)).toBe(2_000);
  });
  it("shows attainment as a percentage", () => {
    expect(rateText(null)).toBe("—");
    expect(rateText(0.9523)).toBe("95.2 %");
    expect(rateText(1)).toBe("100.0 %");
  });
});
