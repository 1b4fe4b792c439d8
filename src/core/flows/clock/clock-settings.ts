/**
 * The sandbox clock's offset from real time, persisted in `settings` under
 * `clock.offset_ms` so that every process sharing the database (a server, a
 * CLI talking to the same PostgreSQL) sees the same time.
 */
import type { FlowContext } from '../../context.ts';
import type { Db } from '../../../store/index.ts';

export const RUN_MODES = ['sandbox', 'production'] as const;
/** Sandbox: the clock moves on request and demo data may be seeded. Production: real time only. */
export type RunMode = (typeof RUN_MODES)[number];

export const CLOCK_OFFSET_KEY = 'clock.offset_ms';

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

/** The stored offset (0 when never moved). Reads outside a flow too: the server's clock sync uses it. */
export async function readClockOffset(db: Db | FlowContext['db']): Promise<number> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', CLOCK_OFFSET_KEY).executeTakeFirst();
  return row ? offsetValue(row.value) : 0;
}

/**
 * Adds `deltaMs` to the stored offset under a row lock, so concurrent moves
 * from two processes add up instead of one overwriting the other.
 */
export async function addToClockOffset(ctx: FlowContext, deltaMs: number): Promise<number> {
  await ctx.db
    .insertInto('settings')
    .values({ key: CLOCK_OFFSET_KEY, value: '0', updated_at: ctx.now })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await ctx.db.selectFrom('settings').select('value').where('key', '=', CLOCK_OFFSET_KEY).forUpdate().executeTakeFirstOrThrow();
  const offsetMs = offsetValue(row.value) + deltaMs;
  await ctx.db.updateTable('settings').set({ value: JSON.stringify(offsetMs), updated_at: ctx.now }).where('key', '=', CLOCK_OFFSET_KEY).execute();
  return offsetMs;
}

function offsetValue(value: unknown): number {
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RangeError(`settings ${CLOCK_OFFSET_KEY} holds ${JSON.stringify(value)}, not an integer`);
  return n;
}
