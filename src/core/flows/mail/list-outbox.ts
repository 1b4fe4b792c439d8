/**
 * Read the mail outbox, newest first, with each message's delivery state. An account sees the messages about
 * itself; the operator (and the system) sees every message, or one named
 * account's.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { toOutboxItem, type OutboxItem } from '../../outbox.ts';
import type { OutboxStatus } from '../../../store/index.ts';

const OUTBOX_STATUSES: readonly OutboxStatus[] = ['pending', 'sent', 'failed'];

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

const DEFAULT_LIMIT = 100;
const MAX_LIMIT = 1000;

export interface ListOutboxInput {
  readonly accountId?: number;
  /** 1 to 1000, default 100. */
  readonly limit?: number;
  /** Only messages in this delivery state. */
  readonly status?: OutboxStatus;
}

export async function listOutbox(ctx: FlowContext, input: ListOutboxInput = {}): Promise<{ items: readonly OutboxItem[] }> {
  const accountId = ctx.actor.kind === 'account' ? actingAccountId(ctx, input.accountId) : input.accountId;
  const limit = input.limit ?? DEFAULT_LIMIT;
  if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new InvalidValue('limit', `an integer from 1 to ${MAX_LIMIT} is required`, limit);
  }
  if (input.status !== undefined && !OUTBOX_STATUSES.includes(input.status)) {
    throw new InvalidValue('status', `one of ${OUTBOX_STATUSES.join(', ')} is required`, input.status);
  }
  let q = ctx.db.selectFrom('outbox').selectAll();
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  if (input.status !== undefined) q = q.where('status', '=', input.status);
  const rows = await q.orderBy('id', 'desc').limit(limit).execute();
  return { items: rows.map(toOutboxItem) };
}
