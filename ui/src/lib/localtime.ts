// <input type="datetime-local"> / type="month" values in Tokyo time.
const pad = (n: number) => String(n).padStart(2, "0");

/** An instant (ms) as an <input type="datetime-local"> value in Tokyo: 2026-04-10T09:30. */
export function msToLocalInput(ms: number): string {
  const d = new Date(ms + 9 * 3600 * 1000);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** The month before the one `ms` falls in (Tokyo), as YYYY-MM: the month a report covers. */
export function previousMonth(ms: number): string {
  const d = new Date(ms + 9 * 3600 * 1000);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth(); // 0-based: the previous month's 1-based number
  return m === 0 ? `${y - 1}-12` : `${y}-${pad(m)}`;
}

/** The fiscal year (April–March, named by its April) `ms` falls in (Tokyo). */
export function fiscalYearOf(ms: number): number {
  const d = new Date(ms + 9 * 3600 * 1000);
  return d.getUTCMonth() >= 3 ? d.getUTCFullYear() : d.getUTCFullYear() - 1;
}
