import { useEffect, useState } from "react";
import type { ClockState } from "../api/types";
import { liveClock } from "../lib/countdown";

/** The window's time, corrected by `offsetMs`, re-read every second. */
export function useNow(offsetMs = 0): number {
  const [now, setNow] = useState(() => Date.now() + offsetMs);
  useEffect(() => {
    setNow(Date.now() + offsetMs);
    const t = window.setInterval(() => setNow(Date.now() + offsetMs), 1_000);
    return () => window.clearInterval(t);
  }, [offsetMs]);
  return now;
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
