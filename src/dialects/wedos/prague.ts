/**
 * Europe/Prague wall-clock hours without the host's time-zone database:
 * CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to
 * the last Sunday of October 01:00 UTC (the EU rule since 1996). The WAPI
 * auth hash carries this hour.
 */

/** The last Sunday of `month` (0-based) of `year`, at 01:00 UTC, in ms. */
function lastSundayAt0100Utc(year: number, month: number): number {
  const lastDay = new Date(Date.UTC(year, month + 1, 0, 1));
  return lastDay.getTime() - lastDay.getUTCDay() * 86_400_000;
}

/** The UTC offset of Europe/Prague at `t`, in hours (1 or 2). */
export function pragueOffsetHours(t: Date): 1 | 2 {
  const ms = t.getTime();
  const year = t.getUTCFullYear();
  return ms >= lastSundayAt0100Utc(year, 2) && ms < lastSundayAt0100Utc(year, 9) ? 2 : 1;
}

/** The two-digit Europe/Prague hour ("00"–"23") at `t`. */
export function pragueHour(t: Date): string {
  const h = (t.getUTCHours() + pragueOffsetHours(t)) % 24;
  return String(h).padStart(2, '0');
}

/**
 * The hours an auth hash may carry at `now`: the current Prague hour and,
 * when `previousHour` is on, the hour an instant 60 minutes earlier had
 * (across a DST change that is the wall-clock hour a client computed just
 * before it, e.g. "02" then "02" again in October, or "01" then "03" in March).
 */
export function acceptedHours(now: Date, previousHour: boolean): string[] {
  const current = pragueHour(now);
  if (!previousHour) return [current];
  const before = pragueHour(new Date(now.getTime() - 3_600_000));
  return before === current ? [current] : [current, before];
}

/** "YYYY-MM-DD HH:MM:SS" in Europe/Prague wall-clock time (WEDOS's date-time form). */
export function pragueDateTime(t: Date): string {
  const local = new Date(t.getTime() + pragueOffsetHours(t) * 3_600_000);
  return local.toISOString().slice(0, 19).replace('T', ' ');
}
