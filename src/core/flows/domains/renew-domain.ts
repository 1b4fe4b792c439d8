/**
 * Renew a domain: extend its expiry by a period, charging the renewal price.
 * Load → verify (account, ownership, state, expected expiry year, period,
 * renewal window, horizon) → price → order → charge → extend.
 *
 * The new expiry counts from the current expiry, also when the domain is
 * already expired (auto-renew grace), as EPP registries do. A price check
 * runs every guard and returns what the renewal would cost and yield, but
 * writes nothing.
 */
import type { FlowContext } from '../../context.ts';
import { domainContactsOf, type DomainContactsView } from '../contacts/set-domain-contacts.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DomainStatusProhibits, InvalidValue, RenewNotAllowed, type ErrorCode } from '../../errors/index.ts';
import { addMonths } from '../../clock.ts';
import { normalizeCurrency } from '../../money.ts';
import { charge } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { assertPeriod, defaultPeriod, quote, type Quote } from '../../pricing.ts';
import type { DomainState } from '../../lifecycle/project-domain.ts';
import type { DomainRow } from '../../../store/index.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import { loadOwnedDomain } from './domain-access.ts';
import { toDomainView, type DomainView } from './domain-view.ts';
import { endDomainAuctions } from '../auctions/end-domain-auctions.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS',
  'INVALID_VALUE', 'INVALID_PERIOD', 'CURRENCY_NOT_SUPPORTED', 'RENEW_NOT_ALLOWED', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

/**
 * States in which a renewal is accepted:
 * - active: the ordinary case;
 * - expired: the auto-renew grace period, where the registrant may still renew.
 * Not pending_create (nothing to renew yet), redemption (needs a restore),
 * pending_delete (beyond recovery).
 */
const RENEWABLE_STATES: ReadonlySet<DomainState> = new Set(['active', 'expired']);

export interface RenewDomainInput {
  readonly accountId?: number;
  readonly name: string;
  readonly periodMonths?: number;
  readonly currency?: string;
  /** Only quote: run every check, return price and new expiry, persist nothing. */
  readonly priceCheck?: boolean;
  /** The UTC year the client believes the domain currently expires in (Dynadot `year`). */
  readonly expectedExpiryYear?: number;
}

export interface RenewDomainResult {
  readonly domain: DomainView;
  /** Null for a price check. */
  readonly orderNumber: string | null;
  readonly quote: Quote;
  readonly newExpiresAt: Date;
  /** The domain's contacts as public numbers, so no caller reads them again. */
  readonly contacts: DomainContactsView;
}

export async function renewDomain(ctx: FlowContext, input: RenewDomainInput): Promise<RenewDomainResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  const { row, policy, projection } = await loadOwnedDomain(ctx, accountId, input.name);
  verifyRenewableState(row.name, projection.state);
  verifyExpectedExpiryYear(row.expires_at, input.expectedExpiryYear);
  const periodMonths = input.periodMonths ?? defaultPeriod(policy, row.domain_type);
  assertPeriod(policy, periodMonths, row.domain_type);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  verifyRenewWindow(ctx.now, row, policy);
  const newExpiresAt = addMonths(row.expires_at, periodMonths);
  verifyWithinHorizon(ctx.now, row.name, newExpiresAt, policy);

  const price = quote(policy, { op: 'renew', name: row.name, periodMonths, currency, at: ctx.now, domainType: row.domain_type });
  if (input.priceCheck === true) {
    return { domain: toDomainView(row, ctx.policy, ctx.now), orderNumber: null, quote: price, newExpiresAt, contacts: await domainContactsOf(ctx, row) };
  }

  const { order } = await createOrder(ctx, {
    accountId,
    kind: 'renew',
    currency,
    status: 'completed',
    items: [{ kind: 'renew', domainName: row.name, periodMonths, amountMinor: price.totalMinor }],
  });
  if (price.totalMinor > 0) {
    await charge(ctx, { accountId, currency, amountMinor: price.totalMinor, orderId: order.id, memo: `renew ${row.name}` });
  }
  const updated = await ctx.db
    .updateTable('domains')
    .set({ expires_at: newExpiresAt, period_months: periodMonths, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  // A renewal by the holder ends the domain's expired auction (closed by renewal).
  await endDomainAuctions(ctx, row.id, 'renewal');
  return { domain: toDomainView(updated, ctx.policy, ctx.now), orderNumber: order.number, quote: price, newExpiresAt, contacts: await domainContactsOf(ctx, updated) };
}

function verifyRenewableState(name: string, state: DomainState): void {
  if (!RENEWABLE_STATES.has(state)) throw new DomainStatusProhibits(name, state, 'renew');
}

function verifyExpectedExpiryYear(expiresAt: Date, expected: number | undefined): void {
  if (expected === undefined) return;
  if (!Number.isInteger(expected)) throw new InvalidValue('year', 'a four-digit year is required', expected);
  const actual = expiresAt.getUTCFullYear();
  if (expected !== actual) throw new InvalidValue('year', `the domain currently expires in ${actual}`, expected);
}

/**
 * Free-domain TLDs (Freenom) let FREE registrations renew only in their last
 * days; PAID registrations on the same TLDs renew at any time.
 */
function verifyRenewWindow(now: Date, row: DomainRow, policy: TldPolicy): void {
  if (policy.renewWindowMs === null || row.domain_type !== 'FREE') return;
  const opensAt = row.expires_at.getTime() - policy.renewWindowMs;
  if (now.getTime() < opensAt) {
    throw new RenewNotAllowed(row.name, `free domains can only be renewed from ${new Date(opensAt).toISOString()} on`);
  }
}

function verifyWithinHorizon(now: Date, name: string, newExpiresAt: Date, policy: TldPolicy): void {
  if (newExpiresAt.getTime() > addMonths(now, policy.maxHorizonMonths).getTime()) {
    throw new RenewNotAllowed(name, 'beyond the maximum registration period');
  }
}
