/**
 * Delivering the mail outbox (a service's loop calls these; the operator
 * or the system only): claim the messages that are due, send them outside
 * any transaction, then record each attempt.
 *
 * claimOutboxMail takes up to `limit` pending messages whose next attempt
 * is due on the engine clock (`for update skip locked`: two servers on one
 * database never claim the same message), counts the attempt and leases
 * the message for `leaseMs` (a process that dies mid-send leaves it to be
 * tried again once the lease ends). recordOutboxDelivery records the
 * outcome: sent (delivered_at), or the error and the next attempt a backoff
 * after the attempt began (doubling from `retryBaseMs` up to `retryMaxMs`), or failed
 * once `maxAttempts` attempts were made.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { toOutboxItem, type OutboxItem } from '../../outbox.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

/** Longest last_error kept. */
const MAX_ERROR_LENGTH = 1000;

export interface ClaimOutboxMailInput {
  /** 1 to 1000. */
  readonly limit: number;
  /** How long a claimed message is left alone before it may be claimed again. */
  readonly leaseMs: number;
}

export async function claimOutboxMail(ctx: FlowContext, input: ClaimOutboxMailInput): Promise<{ items: readonly OutboxItem[] }> {
  requireOperator(ctx);
  positiveInteger('limit', input.limit, 1000);
  positiveInteger('leaseMs', input.leaseMs, 7 * 86_400_000);
  const due = await ctx.db.selectFrom('outbox').select('id')
    .where('status', '=', 'pending')
    .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', ctx.now)]))
    .orderBy('id').limit(input.limit).forUpdate().skipLocked().execute();
  if (due.length === 0) return { items: [] };
  const rows = await ctx.db.updateTable('outbox')
    .set((eb) => ({ attempts: eb('attempts', '+', 1), last_attempt_at: ctx.now, next_attempt_at: new Date(ctx.now.getTime() + input.leaseMs) }))
    .where('id', 'in', due.map((r) => r.id))
    .returningAll().execute();
  return { items: rows.sort((a, b) => a.id - b.id).map(toOutboxItem) };
}

export interface RecordOutboxDeliveryInput {
  readonly id: number;
  /** The attempt being recorded: the `attempts` its claim returned (a stale or repeated record changes nothing). */
  readonly attempt: number;
  /** Undefined: delivered. */
  readonly error?: string;
  /** After this many attempts a failure is final (status failed). */
  readonly maxAttempts: number;
  /** Delay before the second attempt; each later one doubles it, up to retryMaxMs. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
}

export async function recordOutboxDelivery(ctx: FlowContext, input: RecordOutboxDeliveryInput): Promise<OutboxItem | undefined> {
  requireOperator(ctx);
  positiveInteger('attempt', input.attempt, 1_000_000);
  positiveInteger('maxAttempts', input.maxAttempts, 1000);
  positiveInteger('retryBaseMs', input.retryBaseMs, 7 * 86_400_000);
  positiveInteger('retryMaxMs', input.retryMaxMs, 30 * 86_400_000);
  const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', input.id).forUpdate().executeTakeFirst();
  // Gone (an import replaced the data), recorded already, or claimed again since (a lease that ended): nothing to do.
  if (!row || row.status !== 'pending' || row.attempts !== input.attempt) return undefined;
  if (input.error === undefined) {
    const sent = await ctx.db.updateTable('outbox')
      .set({ status: 'sent', delivered_at: ctx.now, next_attempt_at: null, last_error: null })
      .where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
    return toOutboxItem(sent);
  }
  const last = input.error.slice(0, MAX_ERROR_LENGTH);
  const final = row.attempts >= input.maxAttempts;
  const delay = Math.min(input.retryMaxMs, input.retryBaseMs * 2 ** Math.max(0, row.attempts - 1));
  const updated = await ctx.db.updateTable('outbox')
    .set({ status: final ? 'failed' : 'pending', last_error: last, next_attempt_at: final ? null : new Date((row.last_attempt_at ?? ctx.now).getTime() + delay) })
    .where('id', '=', row.id).returningAll().executeTakeFirstOrThrow();
  return toOutboxItem(updated);
}

function positiveInteger(param: string, v: number, max: number): void {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > max) throw new InvalidValue(param, `an integer from 1 to ${max} is required`, v);
}
