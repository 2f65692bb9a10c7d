import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { CalendarDay, ChangeStatus, ChangeSummary } from "../api/types";
import { label } from "../lib/labels";
import { tokyoMonthSpan, tokyoParts, warekiMonth } from "../lib/wareki";

const WEEK = ["日", "月", "火", "水", "木", "金", "土"];

export function CalendarScreen() {
  const now = tokyoParts(new Date().toISOString());
  const [ym, setYm] = useState({ y: now.y, m: now.m });
  const shift = (n: number) => {
    const t = ym.y * 12 + (ym.m - 1) + n;
    setYm({ y: Math.floor(t / 12), m: (t % 12) + 1 });
  };
  return (
    <div className="page">
      <div className="cal-head">
        <button className="btn" onClick={() => shift(-1)}>← 前月</button>
        <h1 className="page-title" id="calendar-title">{warekiMonth(ym.y, ym.m)}</h1>
        <button className="btn" onClick={() => shift(1)}>翌月 →</button>
      </div>
      <MonthGrid y={ym.y} m={ym.m} statuses={["approved", "done"]} id="calendar" />
    </div>
  );
}

/**
 * A month: open and closed days, holidays, and the changes of `statuses` on the days they
 * touch. `highlight` marks one change (the one being decided) among the others.
 */
export function MonthGrid(props: { y: number; m: number; statuses: ChangeStatus[]; highlight?: number; id: string }) {
  const { y, m } = props;
  const [days, setDays] = useState<CalendarDay[]>([]);
  const [changes, setChanges] = useState<ChangeSummary[]>([]);
  const statuses = props.statuses.join(",");

  useEffect(() => {
    api.calendarMonth(y, m).then(setDays).catch(() => setDays([]));
    const { from, to } = tokyoMonthSpan(y, m);
    api
      .listChanges({ statuses: statuses.split(",") as ChangeStatus[], window_from: from, window_to: to, per_page: 200 })
      .then(setChanges)
      .catch(() => setChanges([]));
  }, [y, m, statuses]);

  const lead = days.length ? tokyoParts(days[0].date).wd : 0;
  const cells: (CalendarDay | null)[] = [...Array(lead).fill(null), ...days];
  while (cells.length % 7) cells.push(null);
  const onDay = (date: string) =>
    changes.filter((c) => {
      const s = tokyoParts(c.window_start);
      const e = tokyoParts(c.window_end);
      const k = (p: { y: number; m: number; d: number }) => p.y * 10000 + p.m * 100 + p.d;
      const d = tokyoParts(date);
      return k(s) <= k(d) && k(d) <= k(e);
    });

  return (
    <>
      <div className="legend">
        <span className="lg open">開庁日</span><span className="lg closed">閉庁日</span>
        <span className="lg holiday">祝日</span><span className="lg outage">停止・メンテナンス</span>
        {props.statuses.includes("submitted") && <span className="lg pending">承認待ち</span>}
      </div>
      <table className="calendar" id={props.id}>
        <caption className="visually-hidden">{warekiMonth(y, m)}の予定</caption>
        <thead><tr>{WEEK.map((w, i) => <th key={w} className={i === 0 ? "sun" : i === 6 ? "sat" : ""}>{w}</th>)}</tr></thead>
        <tbody>
          {Array.from({ length: cells.length / 7 }, (_, r) => (
            <tr key={r}>
              {cells.slice(r * 7, r * 7 + 7).map((c, i) => (
                <td key={i} className={c ? `day k-${c.kind} ${c.open ? "open" : "closed"}` : "pad"}>
                  {c && (
                    <>
                      <div className="day-num">{tokyoParts(c.date).d}</div>
                      {c.name && <div className="day-name">{c.name}</div>}
                      {onDay(c.date).map((ch) => (
                        <div key={ch.id} title={ch.title} data-change-id={ch.id}
                          className={`day-event s-${ch.status}${ch.id === props.highlight ? " this" : ""}`}>
                          {ch.id === props.highlight ? "この変更：" : `${label("change_status", ch.status)}・`}{ch.title}
                        </div>
                      ))}
                    </>
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
