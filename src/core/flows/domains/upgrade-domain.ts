/**
 * Upgrade a FREE domain to a PAID registration (Freenom "upgrade"). The paid
 * period, in years from the TLD's PAID periods, is added to the current
 * expiry date and priced as a registration of that period. Load → verify
 * (account, ownership, FREE, active, period, horizon) → price → order →
 * charge → persist.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { NotUpgradable, RenewNotAllowed, type ErrorCode } from '../../errors/index.ts';
import { describeMonths } from '../../errors/parameter-errors.ts';
import { normalizeCurrency } from '../../money.ts';
import { charge } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { addMonths } from '../../clock.ts';
import { assertPeriod, defaultPeriod, quote, type Quote } from '../../pricing.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { ACTIVE_ONLY, verifyStateIn } from './domain-statuses.ts';
import { toDomainView, type DomainView } from './domain-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS', 'NOT_UPGRADABLE',
  'INVALID_PERIOD', 'RENEW_NOT_ALLOWED', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface UpgradeDomainInput {
  readonly accountId?: number;
  readonly name: string;
  /** A PAID period of the TLD (whole years, in months); default: the TLD's default. */
  readonly periodMonths?: number;
  readonly currency?: string;
  /** Auto-renew of the PAID registration; default on (the PAID default). */
  readonly autoRenew?: boolean;
}

export interface UpgradeDomainResult {
  readonly domain: DomainView;
  readonly orderNumber: string;
  readonly quote: Quote;
}

export async function upgradeDomain(ctx: FlowContext, input: UpgradeDomainInput): Promise<UpgradeDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const owned = await loadOwnedDomain(ctx, accountId, input.name);
  const { row, policy } = owned;
  if (row.domain_type !== 'FREE') throw new NotUpgradable(row.name);
  verifyStateIn(owned, ACTIVE_ONLY, 'upgrade');
  const periodMonths = input.periodMonths ?? defaultPeriod(policy, 'PAID');
  assertPeriod(policy, periodMonths, 'PAID');
  const expiresAt = addMonths(row.expires_at, periodMonths);
  verifyWithinHorizon(row.name, policy, expiresAt, ctx.now);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  const price = quote(policy, { op: 'register', name: row.name, periodMonths, currency, at: ctx.now, domainType: 'PAID' });

  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'upgrade',
    currency,
    status: 'completed',
    items: [{ kind: 'upgrade', domainName: row.name, periodMonths, amountMinor: price.totalMinor }],
  });
  if (price.totalMinor > 0) {
    await charge(ctx, { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `upgrade ${row.name}` });
  }
  // A paid registration renews itself unless the caller says otherwise (a
  // FREE registration never auto-renews, so its old setting says nothing).
  const keepOff = input.autoRenew === false;
  const updated = await ctx.db
    .updateTable('domains')
    .set({
      domain_type: 'PAID',
      expires_at: expiresAt,
      period_months: periodMonths,
      premium: price.premium,
      auto_renew: !keepOff,
      renew_option: keepOff ? 'donot' : 'auto',
      updated_at: ctx.now,
    })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return { domain: toDomainView(updated, ctx.policy, ctx.now), orderNumber: order.number, quote: price };
}

/** The expiry may never lie further ahead than the TLD's maximum horizon. */
function verifyWithinHorizon(name: string, policy: TldPolicy, expiresAt: Date, now: Date): void {
  if (expiresAt.getTime() > addMonths(now, policy.maxHorizonMonths).getTime()) {
    throw new RenewNotAllowed(name, `the expiry would lie more than ${describeMonths(policy.maxHorizonMonths)} ahead`);
  }
}
