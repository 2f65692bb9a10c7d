// 和暦 with the weekday, computed in Asia/Tokyo (no daylight saving: UTC+9 all year).
// Same eras and output as hoshu-core's wareki module: 令和8年11月22日(日), 令和元年5月1日(水).

// `start` is the first day written in the era; `gannen` the Western year of its 元年 (明治 is
// written from 1873, when the Gregorian calendar came in, but counts from 1868).
const ERAS: { name: string; letter: string; start: [number, number, number]; gannen: number }[] = [
  { name: "令和", letter: "R", start: [2019, 5, 1], gannen: 2019 },
  { name: "平成", letter: "H", start: [1989, 1, 8], gannen: 1989 },
  { name: "昭和", letter: "S", start: [1926, 12, 25], gannen: 1926 },
  { name: "大正", letter: "T", start: [1912, 7, 30], gannen: 1912 },
  { name: "明治", letter: "M", start: [1873, 1, 1], gannen: 1868 },
];
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"];

export interface Ymd { y: number; m: number; d: number; wd: number; hh: number; mm: number }

/** Calendar fields in Tokyo of an ISO instant, or of a plain YYYY-MM-DD date. */
export function tokyoParts(iso: string): Ymd {
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const t = plain
    ? Date.UTC(+plain[1], +plain[2] - 1, +plain[3])
    : Date.parse(iso) + 9 * 3600 * 1000;
  const d = new Date(t);
  return {
    y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), wd: d.getUTCDay(),
    hh: d.getUTCHours(), mm: d.getUTCMinutes(),
  };
}

function era(y: number, m: number, d: number): { name: string; letter: string; year: number } {
  const key = y * 10000 + m * 100 + d;
  for (const e of ERAS) {
    const [sy, sm, sd] = e.start;
    if (key >= sy * 10000 + sm * 100 + sd) return { name: e.name, letter: e.letter, year: y - e.gannen + 1 };
  }
  return { name: "", letter: "", year: y };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** 令和8年11月22日(日) */
export function warekiDate(iso: string): string {
  const p = tokyoParts(iso);
  const e = era(p.y, p.m, p.d);
  const year = e.year === 1 ? "元" : String(e.year);
  return `${e.name}${year}年${p.m}月${p.d}日(${WEEKDAYS[p.wd]})`;
}

/** 令和8年11月22日(日) 09:30 */
export function warekiDateTime(iso: string): string {
  const p = tokyoParts(iso);
  return `${warekiDate(iso)} ${pad(p.hh)}:${pad(p.mm)}`;
}

/** R8.11.22(日) — compact, for lists. */
export function shortDate(iso: string): string {
  const p = tokyoParts(iso);
  const e = era(p.y, p.m, p.d);
  return `${e.letter}${e.year}.${p.m}.${p.d}(${WEEKDAYS[p.wd]})`;
}

/** R8.11.22(日) 09:30 — compact, for lists. */
export function shortDateTime(iso: string): string {
  const p = tokyoParts(iso);
  return `${shortDate(iso)} ${pad(p.hh)}:${pad(p.mm)}`;
}

/** 令和8年11月 */
export function warekiMonth(y: number, m: number): string {
  const e = era(y, m, 28);
  return `${e.name}${e.year === 1 ? "元" : e.year}年${m}月`;
}

/**
 * A month as a person types it, in 和暦 (R8.4, R8/4, 令和8年4月, 令和元年5月, H31.4) or 西暦
 * (2026-04, 2026/4, 2026年4月, 2026.4), full-width digits too; null when it is not one.
 */
export function parseMonthText(text: string): { year: number; month: number } | null {
  const t = text.normalize("NFKC").replace(/\s/g, "").toUpperCase();
  const western = /^(\d{4})(?:[-/.]|年)(\d{1,2})月?$/.exec(t);
  if (western) return checkedMonth(+western[1], +western[2]);
  const japanese = /^(令和|平成|昭和|大正|明治|[RHSTM])(元|\d{1,2})(?:[-/.]|年)(\d{1,2})月?$/.exec(t);
  if (!japanese) return null;
  const e = ERAS.find((x) => x.name === japanese[1] || x.letter === japanese[1]);
  if (!e) return null;
  const n = japanese[2] === "元" ? 1 : +japanese[2];
  if (n < 1) return null;
  const ym = checkedMonth(e.gannen + n - 1, +japanese[3]);
  // The era named must hold a day of the month (平成31年5月 was already 令和元年5月).
  const inEra = (d: number) => ym !== null && era(ym.year, ym.month, d).name === e.name;
  return ym && (inEra(1) || inEra(daysInMonth(ym.year, ym.month))) ? ym : null;
}

function checkedMonth(year: number, month: number): { year: number; month: number } | null {
  return month >= 1 && month <= 12 ? { year, month } : null;
}

/** A window 令和8年11月28日(土) 22:00〜翌 06:00 */
export function windowText(start: string, end: string): string {
  const a = tokyoParts(start);
  const b = tokyoParts(end);
  const sameDay = a.y === b.y && a.m === b.m && a.d === b.d;
  const endText = sameDay ? `${pad(b.hh)}:${pad(b.mm)}` : warekiDateTime(end);
  return `${warekiDateTime(start)} 〜 ${endText}`;
}

/** An <input type="datetime-local"> value (Tokyo) to an ISO instant. */
export function localInputToIso(v: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(v);
  if (!m) return "";
  const t = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4] - 9, +m[5]);
  return new Date(t).toISOString().replace(".000Z", "Z");
}

/**
 * The 和暦 of what a date, date-time or month input holds (the picker shows 西暦): 令和8年12月5日(土),
 * 令和8年12月5日(土) 08:00, 令和8年12月; `null` while it holds nothing complete.
 */
export function inputEcho(value: string): string | null {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return warekiDate(value);
  const local = localInputToIso(value);
  if (local) return warekiDateTime(local);
  const month = /^(\d{4})-(\d{2})$/.exec(value);
  if (month && +month[2] >= 1 && +month[2] <= 12) return warekiMonth(+month[1], +month[2]);
  return null;
}

/** 令和8年度: the fiscal year that begins in April of `fy` (named by the era of its first day). */
export function warekiFiscalYear(fy: number): string {
  return `${warekiMonth(fy, 4).replace(/4月$/, "")}度`;
}

/** The number of days of month `m` (1–12) of year `y`. */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** A month in Tokyo as instants: its first moment and the next month's (`[from, to)`). */
export function tokyoMonthSpan(y: number, m: number): { from: string; to: string } {
  return {
    from: new Date(Date.UTC(y, m - 1, 1, -9)).toISOString(),
    to: new Date(Date.UTC(y, m, 1, -9)).toISOString(),
  };
}
