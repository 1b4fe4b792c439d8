/**
 * Time, injected. The engine never reads the wall clock directly: a flow gets
 * one `ctx.now` per request from a Clock.
 *
 * - SystemClock: real time (production).
 * - OffsetClock: real time plus a movable offset (sandbox mode; the offset is
 *   persisted so every process sharing the database sees the same time).
 * - FakeClock: a fixed instant that only moves when told (tests).
 */
export interface Clock {
  now(): Date;
}

export class SystemClock implements Clock {
  now(): Date {
    return new Date();
  }
}

export class OffsetClock implements Clock {
  #offsetMs: number;
  constructor(offsetMs = 0) {
    this.#offsetMs = offsetMs;
  }
  get offsetMs(): number {
    return this.#offsetMs;
  }
  setOffset(ms: number): void {
    this.#offsetMs = ms;
  }
  now(): Date {
    return new Date(Date.now() + this.#offsetMs);
  }
}

export class FakeClock implements Clock {
  #ms: number;
  constructor(start: Date | string = '2026-01-15T10:00:00Z') {
    this.#ms = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.#ms);
  }
  advance(ms: number): Date {
    this.#ms += ms;
    return this.now();
  }
  set(at: Date | string): void {
    this.#ms = new Date(at).getTime();
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export const seconds = (n: number): number => n * SECOND;
export const minutes = (n: number): number => n * MINUTE;
export const hours = (n: number): number => n * HOUR;
export const days = (n: number): number => n * DAY;

/**
 * The latest instant the clock may be moved to (a sandbox `clock advance` or
 * `clock set`). Every stored date and every wire format must hold the clock
 * plus what is added to it: an expiry up to 10 years ahead (the longest
 * period, the registration horizon) and then grace, redemption and pending
 * delete. The tightest limit is the DNS SOA serial, YYYYMMDDnn in 32 bits
 * (RFC 1982), which ends on 4294-12-31; four-digit years in the wire formats
 * (Freenom YYYYMMDD, WEDOS YYYY-MM-DD, ISO 8601) end on 9999-12-31,
 * PostgreSQL's timestamptz in 294276 and a JS Date in 275760. 4000-01-01
 * leaves centuries of room under all of them.
 */
export const LATEST_CLOCK = new Date('4000-01-01T00:00:00.000Z');

/** A duration too long to count in milliseconds exactly (over 2^53 - 1 ms, about 285,000 years). */
export class DurationTooLong extends RangeError {}

const UNIT_MS: Record<string, number> = { s: SECOND, m: MINUTE, h: HOUR, d: DAY, w: 7 * DAY };

/** Parses "45d", "12h", "90m", "30s", "2w", or a combination such as "1d12h". Returns milliseconds. */
export function parseDuration(text: string): number {
  const trimmed = text.trim();
  const re = /(\d+)\s*([smhdw])/gy;
  let total = 0;
  let consumed = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(trimmed)) !== null) {
    total += Number(m[1]) * UNIT_MS[m[2]!]!;
    consumed = re.lastIndex;
  }
  if (trimmed === '' || consumed !== trimmed.length) {
    throw new RangeError(`invalid duration "${text}" (use e.g. 45d, 12h, 30m, 1d12h)`);
  }
  if (!Number.isSafeInteger(total)) throw new DurationTooLong(`duration "${text}" is too long`);
  return total;
}

/** Adds calendar months in UTC, clamping the day to the target month's length (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(at: Date, months: number): Date {
  const d = new Date(at.getTime());
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + months);
  const last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, last));
  return d;
}
