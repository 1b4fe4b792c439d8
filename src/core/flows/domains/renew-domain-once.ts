/**
 * Renew a domain at most once per term (WEDOS `domain-renew`): the ordinary
 * renewDomain, refused with RenewalAlreadyRequested when a renewal of the
 * current term already exists. Load (the live row, locked: a retry sent
 * while the first request still runs waits for it) → period → already
 * requested? → renewDomain.
 *
 * "Already requested" means the domain's expiration already carries a
 * renewal the registrant has not started using, in one of two ways:
 * - the term was renewed (by hand or automatically: a completed renew order
 *   of this account for this registration) and the renewed period has not
 *   begun: now is before the expiry that renewal extended (its new expiry
 *   minus its period). The expiration year then already counts that
 *   renewal, and asking again would buy a further year by accident;
 * - the automatic renewal of the current term is due and not done (from
 *   expiry minus the TLD's auto-renew lead; the sweeper is about to renew
 *   it or waits for credit to retry).
 * So a client that retries after a timeout, whose first request did go
 * through, meets the error instead of a second charge. Once the renewed
 * period begins, the next renewal is accepted.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { addMonths } from '../../clock.ts';
import { RenewalAlreadyRequested, type ErrorCode } from '../../errors/index.ts';
import { autoRenewLeadMs } from '../../lifecycle/auto-renew.ts';
import { assertPeriod, defaultPeriod } from '../../pricing.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { renewDomain, throws as renewThrows, type RenewDomainInput, type RenewDomainResult } from './renew-domain.ts';

export const throws = [...renewThrows, 'RENEWAL_ALREADY_REQUESTED'] as const satisfies readonly ErrorCode[];

export async function renewDomainOnce(ctx: FlowContext, input: RenewDomainInput): Promise<RenewDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const { row, policy } = await loadOwnedDomain(ctx, accountId, input.name);
  // An impossible period is refused as such, whatever else holds.
  assertPeriod(policy, input.periodMonths ?? defaultPeriod(policy, row.domain_type), row.domain_type);

  if (row.domain_type === 'PAID' && row.auto_renew && row.deleted_at === null && ctx.now.getTime() >= row.expires_at.getTime() - autoRenewLeadMs(policy)) {
    throw new RenewalAlreadyRequested(row.name, row.expires_at, 'its automatic renewal is due');
  }
  const last = await ctx.db
    .selectFrom('order_items')
    .innerJoin('orders', 'orders.id', 'order_items.order_id')
    .select(['order_items.period_months'])
    .where('orders.account_id', '=', accountId)
    .where('order_items.kind', '=', 'renew')
    .where('order_items.status', '=', 'completed')
    .where('order_items.domain_name', '=', row.name)
    .where('orders.created_at', '>=', row.created_at)
    .orderBy('orders.created_at', 'desc')
    .orderBy('order_items.id', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (last?.period_months != null && ctx.now.getTime() < addMonths(row.expires_at, -last.period_months).getTime()) {
    throw new RenewalAlreadyRequested(row.name, row.expires_at, 'the renewed period has not begun yet');
  }
  return renewDomain(ctx, { ...input, accountId });
}
