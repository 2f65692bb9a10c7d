import { describe, expect, it } from "vitest";
import { idleClock, warns } from "./idle";

describe("idle log-out", () => {
  it("ends the session after the set minutes without input", () => {
    const c = idleClock(15, 0);
    expect(c.remaining(14 * 60_000)).toBe(60_000);
    expect(c.remaining(15 * 60_000)).toBe(0);
  });
  it("restarts the count on input and never goes backwards", () => {
    const c = idleClock(1, 0);
    c.touch(50_000);
    c.touch(10_000);
    expect(c.remaining(100_000)).toBe(10_000);
  });
  it("treats a zero or negative setting as one minute", () => {
    expect(idleClock(0, 0).remaining(0)).toBe(60_000);
  });
  it("warns in the last minute only, and an input ends the warning", () => {
    const c = idleClock(15, 0);
    expect(warns(c, 13 * 60_000)).toBe(false);
    expect(warns(c, 14 * 60_000 + 1)).toBe(true);
    expect(warns(c, 15 * 60_000)).toBe(false);
    c.touch(14 * 60_000 + 30_000);
    expect(warns(c, 14 * 60_000 + 31_000)).toBe(false);
  });
});
