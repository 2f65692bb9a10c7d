// @vitest-environment jsdom
// Live SLA clocks: many chips on one timer, counting with the window's time.
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LiveClockChip } from "./clock";
import type { ClockState } from "../api/types";

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(new Date("2026-04-10T01:00:00Z"));
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

const running = (deadline: string): ClockState => ({ state: "running", deadline, remaining_secs: 0 });

describe("live clock chips", () => {
  it("count down every second and turn to 超過 past the deadline", () => {
    render(<LiveClockChip state={running("2026-04-10T01:00:03Z")} id="c" />);
    const chip = () => screen.getByText(/残り|超過/);
    expect(chip().textContent).toContain("3秒");
    act(() => vi.advanceTimersByTime(2_000));
    expect(chip().textContent).toContain("1秒");
    act(() => vi.advanceTimersByTime(3_000));
    expect(chip().textContent).toMatch(/^超過/);
    expect(chip().dataset.tone).toBe("breached");
  });

  it("share one timer however many are shown, and stop it when none is", () => {
    const setInterval = vi.spyOn(window, "setInterval");
    const clearInterval = vi.spyOn(window, "clearInterval");
    const list = render(
      <div>
        {Array.from({ length: 50 }, (_, i) => (
          <LiveClockChip key={i} state={running("2026-04-10T02:00:00Z")} />
        ))}
      </div>,
    );
    expect(setInterval).toHaveBeenCalledTimes(1);
    list.unmount();
    expect(clearInterval).toHaveBeenCalledTimes(1);
  });
});
