/**
 * Ending a pending transfer: completing it (the held price is captured and
 * the domain moves) or abandoning it (the hold is released and the order
 * cancelled or failed). Shared by the decisions of both sides and by the
 * sweeper's auto-approval.
 */
import type { FlowContext } from '../../context.ts';
import { DomainStatusProhibits, TransferNotPossible } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { capture, release } from '../../money/ledger.ts';
import { setOrderStatus } from '../../money/orders.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { DomainRow, TransferRow, TransferStatus, TransfersTable } from '../../../store/index.ts';
import { handOverDomain } from './hand-over-domain.ts';
import { contactsToApply } from './transfer-contacts.ts';
import { nameServersToApply } from './transfer-name-servers.ts';
import { TRANSFERABLE_STATES, expiryAfterTransfer } from './transfer-rules.ts';

export type DecidedBy = NonNullable<TransfersTable['decided_by']>;

export interface CompletedTransfer {
  readonly transfer: TransferRow;
  readonly domain: DomainRow;
}

/**
 * Capture the hold, move the domain (with the contacts and name servers
 * named at request time), complete the order. Throws (changing nothing)
 * when the domain can no longer move.
 */
export async function completePendingTransfer(ctx: FlowContext, t: TransferRow, decidedBy: DecidedBy): Promise<CompletedTransfer> {
  const { row, policy } = await loadDomainToMove(ctx, t);
  if (t.hold_id !== null) await capture(ctx, t.hold_id, `transfer ${t.domain_name}`);
  const contacts = await contactsToApply(ctx, t);
  const nameServers = nameServersToApply(t);
  const domain = await handOverDomain(ctx, row, t.gaining_account_id, {
    expiresAt: expiryAfterTransfer(row.expires_at, t.period_months, policy, ctx.now),
    ...(contacts !== undefined ? { contacts } : {}),
    ...(nameServers !== undefined ? { nameServers } : {}),
    accountDefaults: true,
  });
  if (t.order_id !== null) await setOrderStatus(ctx, t.order_id, 'completed');
  const transfer = await closeTransfer(ctx, t, 'completed', decidedBy);
  return { transfer, domain };
}

/** Release the hold and close the order and the transfer. */
export async function abandonPendingTransfer(
  ctx: FlowContext,
  t: TransferRow,
  status: Exclude<TransferStatus, 'pending' | 'completed'>,
  decidedBy: DecidedBy,
  reason = '',
): Promise<TransferRow> {
  if (t.hold_id !== null) await release(ctx, t.hold_id, `transfer ${t.domain_name} ${status}`);
  if (t.order_id !== null) await setOrderStatus(ctx, t.order_id, status === 'failed' ? 'failed' : 'cancelled');
  return closeTransfer(ctx, t, status, decidedBy, reason);
}

/**
 * The domain row of a transfer, locked, if it still can move: not released,
 * still with the losing account, in a transferable state.
 */
export async function loadDomainToMove(ctx: FlowContext, t: TransferRow): Promise<{ row: DomainRow; policy: TldPolicy }> {
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', t.domain_id).forUpdate().executeTakeFirstOrThrow();
  const policy = ctx.policy.get(row.tld);
  const state = projectDomainAt(row, policy, ctx.now).state;
  if (state === 'released' || row.account_id !== t.losing_account_id) {
    throw new TransferNotPossible(t.domain_name, 'it has been released or has changed hands since the request');
  }
  if (!TRANSFERABLE_STATES.has(state)) throw new DomainStatusProhibits(t.domain_name, state, 'transfer');
  return { row, policy };
}

/** An automatic decision takes effect at the auto-approval instant (the sweeper may run later). */
async function closeTransfer(ctx: FlowContext, t: TransferRow, status: TransferStatus, decidedBy: DecidedBy, reason?: string): Promise<TransferRow> {
  const decidedAt = decidedBy === 'auto' && t.auto_approve_at.getTime() < ctx.now.getTime() ? t.auto_approve_at : ctx.now;
  return ctx.db
    .updateTable('transfers')
    .set({ status, decided_at: decidedAt, decided_by: decidedBy, ...(reason !== undefined ? { reason } : {}), updated_at: ctx.now })
    .where('id', '=', t.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
