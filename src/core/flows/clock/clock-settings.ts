/**
 * The sandbox clock's offset from real time, persisted in `settings` under
 * `clock.offset_ms` so that every process sharing the database (a server, a
 * CLI talking to the same PostgreSQL) sees the same time.
 *
 * A move never stores an offset that puts the clock past LATEST_CLOCK
 * (ClockOutOfRange). A stored value out of range (left by an older regd,
 * whose `clock advance 1000000000d` stored one, or edited by hand) does not
 * stop anything: it reads as the instant the clock showed when that value
 * was written (the row's `updated_at`), and repairClockOffset stores that.
 */
import type { FlowContext } from '../../context.ts';
import type { Db } from '../../../store/index.ts';
import { LATEST_CLOCK, SystemClock } from '../../clock.ts';
import { ClockOutOfRange } from '../../errors/index.ts';

export const RUN_MODES = ['sandbox', 'production'] as const;
/** Sandbox: the clock moves on request and demo data may be seeded. Production: real time only. */
export type RunMode = (typeof RUN_MODES)[number];

export const CLOCK_OFFSET_KEY = 'clock.offset_ms';

/** The offset is counted from real time (OffsetClock); recovering an out-of-range one needs it too. */
const REAL_TIME = new SystemClock();
const realNow = (): number => REAL_TIME.now().getTime();

/**
 * The offsets a store may hold. The largest takes the clock from 2026-01-01
 * to LATEST_CLOCK (real time is later, so no move writes more); the smallest
 * keeps it after 1970. Moves only write offsets of 0 or more.
 */
const OFFSET_BASE_MS = Date.UTC(2026, 0, 1);
export const MAX_CLOCK_OFFSET_MS = LATEST_CLOCK.getTime() - OFFSET_BASE_MS;
const MIN_CLOCK_OFFSET_MS = -OFFSET_BASE_MS;

export interface ClockView {
  /** The engine's current instant. */
  readonly now: Date;
  /** Milliseconds the clock runs ahead of real time. */
  readonly offsetMs: number;
  readonly movable: boolean;
}

export interface ClockMoveResult extends ClockView {
  readonly previous: Date;
}

/** What the store holds, read as an offset. */
export interface StoredClockOffset {
  readonly offsetMs: number;
  /** The stored value when it is out of range; `offsetMs` is then the recovered offset (see recoveredOffset). */
  readonly outOfRange?: unknown;
}

type Reader = Db | FlowContext['db'];

/** The stored offset (0 when never moved). Reads outside a flow too: the server's clock sync uses it. */
export async function readClockOffset(db: Reader): Promise<number> {
  return (await readStoredClockOffset(db)).offsetMs;
}

/** `realNowMs`: the real time an out-of-range value is recovered against. */
export async function readStoredClockOffset(db: Reader, realNowMs = realNow()): Promise<StoredClockOffset> {
  const row = await db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', CLOCK_OFFSET_KEY).executeTakeFirst();
  return row ? interpret(row.value, row.updated_at, realNowMs) : { offsetMs: 0 };
}

export interface ClockRepair {
  /** The value that was stored. */
  readonly was: unknown;
  /** When it was written (the clock it moved from). */
  readonly writtenAt: Date;
  /** The offset stored instead. */
  readonly offsetMs: number;
  /** Where that puts the clock now. */
  readonly now: Date;
}

/**
 * Replaces a stored offset that is out of range by the recovered one, under
 * the row lock (another process may be repairing or moving it too). Returns
 * what it did, or undefined when there was nothing to repair.
 */
export async function repairClockOffset(db: Db, realNowMs = realNow()): Promise<ClockRepair | undefined> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', CLOCK_OFFSET_KEY).forUpdate().executeTakeFirst();
    if (!row) return undefined;
    const stored = interpret(row.value, row.updated_at, realNowMs);
    if (!('outOfRange' in stored)) return undefined;
    const now = new Date(realNowMs + stored.offsetMs);
    await trx.updateTable('settings').set({ value: JSON.stringify(stored.offsetMs), updated_at: now }).where('key', '=', CLOCK_OFFSET_KEY).execute();
    return { was: row.value, writtenAt: new Date(row.updated_at), offsetMs: stored.offsetMs, now };
  });
}

/**
 * Adds `deltaMs` to the stored offset under a row lock, so concurrent moves
 * from two processes add up instead of one overwriting the other. Refuses
 * (ClockOutOfRange, reported for `param`) a move past LATEST_CLOCK, from the
 * caller's clock or from the stored offset another process may have moved.
 */
export async function addToClockOffset(ctx: FlowContext, deltaMs: number, param: string): Promise<number> {
  const refuse = () => new ClockOutOfRange(param, LATEST_CLOCK.toISOString());
  if (!Number.isSafeInteger(deltaMs) || ctx.now.getTime() + deltaMs > LATEST_CLOCK.getTime()) throw refuse();
  await ctx.db
    .insertInto('settings')
    .values({ key: CLOCK_OFFSET_KEY, value: '0', updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('settings').select(['value', 'updated_at']).where('key', '=', CLOCK_OFFSET_KEY).forUpdate().executeTakeFirstOrThrow();
  const offsetMs = interpret(row.value, row.updated_at, realNow()).offsetMs + deltaMs;
  if (!inRange(offsetMs)) throw refuse();
  await ctx.db.updateTable('settings').set({ value: JSON.stringify(offsetMs), updated_at: ctx.now }).where('key', '=', CLOCK_OFFSET_KEY).execute();
  return offsetMs;
}

function interpret(value: unknown, updatedAt: Date, realNowMs: number): StoredClockOffset {
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : value;
  if (typeof n === 'number' && inRange(n)) return { offsetMs: n };
  return { offsetMs: recoveredOffset(updatedAt, realNowMs), outOfRange: value };
}

function inRange(n: number): boolean {
  return Number.isSafeInteger(n) && n >= MIN_CLOCK_OFFSET_MS && n <= MAX_CLOCK_OFFSET_MS;
}

/**
 * The offset that shows the instant at which an out-of-range value was
 * written (every write stamps `updated_at` with the clock it moved from): no
 * earlier than real time, no later than LATEST_CLOCK.
 */
function recoveredOffset(updatedAt: Date, realNowMs: number): number {
  const at = updatedAt instanceof Date ? updatedAt.getTime() : new Date(updatedAt as string).getTime();
  if (!Number.isFinite(at)) return 0;
  return Math.max(0, Math.min(at - realNowMs, LATEST_CLOCK.getTime() - realNowMs, MAX_CLOCK_OFFSET_MS));
}
