import { useSyncExternalStore } from "react";
import type { ClockState } from "../api/types";
import { liveClock } from "../lib/countdown";

// One timer for the whole window, whatever the number of clocks on screen; it stops when
// no clock is shown.
const listeners = new Set<() => void>();
let ticker: number | undefined;
let lastTick = Date.now();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (ticker === undefined) {
    lastTick = Date.now();
    ticker = window.setInterval(() => {
      lastTick = Date.now();
      listeners.forEach((l) => l());
    }, 1_000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && ticker !== undefined) {
      window.clearInterval(ticker);
      ticker = undefined;
    }
  };
}

/** The window's time, corrected by `offsetMs`, re-read every second. */
export function useNow(offsetMs = 0): number {
  return useSyncExternalStore(subscribe, () => lastTick) + offsetMs;
}

/** One SLA clock as a coloured chip: 残り 12分30秒 / 超過 5分 / 達成. */
export function ClockChip(props: { state: ClockState; now: number; prefix?: string; id?: string }) {
  const c = liveClock(props.state, props.now);
  return (
    <span className={`clock t-${c.tone}`} id={props.id} data-tone={c.tone}>
      {props.prefix && <span className="clock-item">{props.prefix}</span>}
      {c.text}
    </span>
  );
}

/** A clock chip that keeps its own time, so that a list of them re-renders only the chips
 * every second, not the rows around them. */
export function LiveClockChip(props: { state: ClockState; prefix?: string; id?: string }) {
  const now = useNow();
  return <ClockChip {...props} now={now} />;
}
