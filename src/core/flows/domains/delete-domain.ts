/**
 * Delete a domain. Inside the add-grace period the registration is undone:
 * its order's charge is refunded, the order cancelled and the name released
 * at once. A FREE domain is released at once too (Freenom: a deleted free
 * domain is immediately available to others), and so is any domain of a
 * TLD whose policy says `delete_outside_grace: release` (the Freenom TLDs:
 * "le domaine sera immédiatement disponible"). Otherwise, where the TLD
 * allows it, the domain enters redemption (restorable), then pending delete,
 * then is released; nothing is refunded.
 * A domain with a pending transfer cannot be deleted (EPP pendingTransfer):
 * the gaining account has paid for it to arrive; the holder declines the
 * transfer first.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DeleteNotAllowed, DomainLocked, PendingTransferProhibits, type ErrorCode } from '../../errors/index.ts';
import { refund } from '../../money/ledger.ts';
import { setOrderStatus } from '../../money/orders.ts';
import type { DomainRow } from '../../../store/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { pendingTransferOf } from '../transfers/transfer-access.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { CHANGEABLE_STATES, verifyStateIn } from './domain-statuses.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import { endDomainAuctions } from '../auctions/end-domain-auctions.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'DOMAIN_LOCKED', 'PENDING_TRANSFER_PROHIBITS', 'DELETE_NOT_ALLOWED',
] as const satisfies readonly ErrorCode[];

export interface DeleteDomainResult {
  readonly domain: DomainView;
  /** Refunded amount (add-grace delete of a paid registration), else 0. */
  readonly refundMinor: number;
  /** Currency of the refund; null when nothing was refunded. */
  readonly currency: string | null;
}

export async function deleteDomain(ctx: FlowContext, input: { accountId?: number; name: string }): Promise<DeleteDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const { row, policy, projection } = await loadOwnedDomain(ctx, accountId, input.name);
  verifyStateIn({ row, projection }, CHANGEABLE_STATES, 'delete');
  if (row.locked) throw new DomainLocked(row.name);
  // The domain row is locked, and requestTransfer locks it too: no transfer can appear before commit.
  if (await pendingTransferOf(ctx, row.id)) throw new PendingTransferProhibits(row.name, 'delete');

  const undo = projection.inAddGrace;
  const releaseNow = undo || row.domain_type === 'FREE' || policy.deleteOutsideGrace === 'release';
  if (!releaseNow && policy.deleteOutsideGrace === 'refused') throw new DeleteNotAllowed(row.name);

  const refunded = undo ? await refundRegistration(ctx, row) : { refundMinor: 0, currency: null };
  const updated = await ctx.db
    .updateTable('domains')
    .set({
      deleted_at: ctx.now,
      released_at: releaseNow || quarantineIsEmpty(policy) ? ctx.now : null,
      updated_at: ctx.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // An auction of the domain ends with it (closed by the user).
  await endDomainAuctions(ctx, row.id, 'deletion');
  return { domain: toDomainView(updated, ctx.policy, ctx.now), ...refunded };
}

/** A TLD without redemption and pending delete frees a deleted name at once. */
function quarantineIsEmpty(policy: TldPolicy): boolean {
  return policy.grace.redemptionMs === 0 && policy.grace.pendingDeleteMs === 0;
}

/**
 * Refunds what the registration order actually took (its charges minus any
 * earlier refunds, from the ledger, to the account that paid) and cancels
 * the order. A registration without an order or charge refunds nothing.
 */
async function refundRegistration(ctx: FlowContext, row: DomainRow): Promise<{ refundMinor: number; currency: string | null }> {
  if (row.order_id === null) return { refundMinor: 0, currency: null };
  const order = await ctx.db.selectFrom('orders').selectAll().where('id', '=', row.order_id).forUpdate().executeTakeFirstOrThrow();
  const entries = await ctx.db
    .selectFrom('ledger_entries')
    .select(['kind', 'amount_minor'])
    .where('order_id', '=', order.id)
    .where('account_id', '=', order.account_id)
    .where('currency', '=', order.currency)
    .where('kind', 'in', ['charge', 'refund'])
    .execute();
  const paid = entries.reduce((sum, e) => sum + (e.kind === 'charge' ? e.amount_minor : -e.amount_minor), 0);
  await setOrderStatus(ctx, order.id, 'cancelled');
  // setOrderStatus leaves completed items alone; this item is the registration being undone.
  await ctx.db.updateTable('order_items').set({ status: 'cancelled' }).where('order_id', '=', order.id).where('domain_name', '=', row.name).execute();
  if (paid <= 0) return { refundMinor: 0, currency: null };
  await refund(ctx, { accountId: order.account_id, currency: order.currency, amountMinor: paid, orderId: order.id, memo: `delete ${row.name} in add grace` });
  return { refundMinor: paid, currency: order.currency };
}
