/**
 * Restore a domain from redemption (after a delete, or after expiry past the
 * auto-renew grace). Price: the TLD's restore fee, plus a one-year renewal
 * when the domain has expired and the TLD's restore includes one. Load →
 * verify (account, ownership, redemption state) → price → order → charge →
 * clear the deletion (and extend the expiry).
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { RestoreNotAllowed, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { charge } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { addMonths } from '../../clock.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { quote, type Quote } from '../../pricing.ts';
import type { DomainRow } from '../../../store/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import { endDomainAuctions } from '../auctions/end-domain-auctions.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'RESTORE_NOT_ALLOWED',
  'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

/** The renewal a restore of an expired domain includes (where the TLD says so). */
export const RESTORE_RENEWAL_MONTHS = 12;

export interface RestoreDomainResult {
  readonly domain: DomainView;
  readonly orderNumber: string;
  readonly quote: Quote;
}

export async function restoreDomain(ctx: FlowContext, input: { accountId?: number; name: string; currency?: string }): Promise<RestoreDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const { row, policy, projection } = await loadOwnedDomain(ctx, accountId, input.name);
  if (projection.state !== 'redemption') throw new RestoreNotAllowed(row.name, projection.state);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);

  const expired = row.expires_at.getTime() <= ctx.now.getTime();
  const periodMonths = expired && policy.restoreIncludesRenewal ? RESTORE_RENEWAL_MONTHS : 0;
  const expiresAt = periodMonths > 0 ? addMonths(row.expires_at, periodMonths) : row.expires_at;
  verifyRestoreEndsRedemption(row, policy, expiresAt, ctx.now);
  const price = quote(policy, { op: 'restore', name: row.name, periodMonths, currency, at: ctx.now, domainType: row.domain_type });

  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'restore',
    currency,
    status: 'completed',
    items: price.lines.map((line) => ({
      kind: line.kind,
      domainName: row.name,
      periodMonths: line.kind === 'restore' ? null : periodMonths,
      amountMinor: line.amountMinor,
    })),
  });
  if (price.totalMinor > 0) {
    await charge(ctx, { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `restore ${row.name}` });
  }
  const updated = await ctx.db
    .updateTable('domains')
    .set({ deleted_at: null, expires_at: expiresAt, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  await endDomainAuctions(ctx, row.id, 'renewal');
  return { domain: toDomainView(updated, ctx.policy, ctx.now), orderNumber: order.number, quote: price };
}

/**
 * Where the TLD's restore does not include a renewal, a domain that went to
 * redemption by expiring past its grace would fall straight back into
 * redemption: that restore is refused rather than charged for nothing.
 */
function verifyRestoreEndsRedemption(row: DomainRow, policy: TldPolicy, expiresAt: Date, now: Date): void {
  const after = projectDomainAt({ ...row, deleted_at: null, expires_at: expiresAt }, policy, now);
  if (after.state !== 'active' && after.state !== 'expired') throw new RestoreNotAllowed(row.name, 'expired past its renewal grace');
}
