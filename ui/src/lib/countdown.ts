// Live SLA clocks: the backend gives each clock's state and deadline; the window ticks the
// remaining time down (and a breach's overrun up) from that deadline every second.
import type { ClockState } from "../api/types";

const pad = (n: number) => String(n).padStart(2, "0");

/** A span for a running clock: 12分30秒, 1時間05分, 2日3時間 (seconds only under an hour). */
export function spanText(totalSecs: number): string {
  const s = Math.max(0, Math.floor(totalSecs));
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const mins = Math.floor((s % 3_600) / 60);
  const secs = s % 60;
  if (days > 0) return hours > 0 ? `${days}日${hours}時間` : `${days}日`;
  if (hours > 0) return `${hours}時間${pad(mins)}分`;
  if (mins > 0) return `${mins}分${pad(secs)}秒`;
  return `${secs}秒`;
}

/** A span for an overrun or a margin: 5分, 1時間20分, 2日3時間 (whole minutes; seconds under one). */
export function coarseSpanText(totalSecs: number): string {
  const s = Math.max(0, Math.floor(totalSecs));
  if (s < 60) return `${s}秒`;
  const days = Math.floor(s / 86_400);
  const hours = Math.floor((s % 86_400) / 3_600);
  const mins = Math.floor((s % 3_600) / 60);
  if (days > 0) return hours > 0 ? `${days}日${hours}時間` : `${days}日`;
  if (hours > 0) return mins > 0 ? `${hours}時間${mins}分` : `${hours}時間`;
  return `${mins}分`;
}

export type Tone = "idle" | "running" | "soon" | "paused" | "met" | "breached";
export interface LiveClock {
  tone: Tone;
  /** 残り 12分30秒 / 超過 5分 / 達成 / 一時停止（残り 2時間00分） / 未開始 */
  text: string;
  /** Seconds left (negative once past the deadline); null when not counting. */
  remaining: number | null;
}

/** Under this many seconds left a running clock is shown as due soon. */
export const SOON_SECS = 10 * 60;

/** The clock as it stands at `nowMs` (the window's clock, corrected by the server's offset). */
export function liveClock(state: ClockState, nowMs: number): LiveClock {
  switch (state.state) {
    case "not_started":
      return { tone: "idle", text: "未開始", remaining: null };
    case "paused":
      return { tone: "paused", text: `一時停止（残り ${spanText(state.remaining_secs)}）`, remaining: null };
    case "met":
      return { tone: "met", text: "達成", remaining: null };
    case "breached": {
      const by = state.at ? state.by_secs : Math.max(state.by_secs, (nowMs - Date.parse(state.deadline)) / 1000);
      return { tone: "breached", text: `超過 ${coarseSpanText(by)}`, remaining: null };
    }
    case "running": {
      const left = Math.floor((Date.parse(state.deadline) - nowMs) / 1000);
      if (left < 0) return { tone: "breached", text: `超過 ${coarseSpanText(-left)}`, remaining: left };
      return { tone: left <= SOON_SECS ? "soon" : "running", text: `残り ${spanText(left)}`, remaining: left };
    }
  }
}

/** The nearest running deadline as a countdown (for lists): 残り … or 超過 …. */
export function deadlineText(deadline: string, nowMs: number): LiveClock {
  return liveClock({ state: "running", deadline, remaining_secs: 0 }, nowMs);
}

/** Milliseconds to add to Date.now() so the window counts from the server's instant. */
export function serverOffset(serverNow: string, localNow: number): number {
  return Date.parse(serverNow) - localNow;
}

/** Attainment as a percentage: 95.2 %; "—" when nothing is decided yet. */
export function rateText(rate: number | null): string {
  return rate === null ? "—" : `${(Math.round(rate * 1000) / 10).toFixed(1)} %`;
}
