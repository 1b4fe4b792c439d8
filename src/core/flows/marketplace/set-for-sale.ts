/**
 * List domains for sale at a fixed price, or take them off the market
 * (Dynadot set_for_sale). All or nothing: every name must be an active
 * registration of the acting account. Listing a listed domain again changes
 * its price (its Afternic/Sedo actions stay); unlisting one that is not
 * listed is a no-op.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { DomainStatusProhibits, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { loadOwnedDomain } from '../domains/domain-access.ts';
import { MAX_LISTING_NAMES } from './marketplace-rules.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'MISSING_PARAMETER', 'INVALID_VALUE',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'DOMAIN_NOT_FOUND', 'DOMAIN_STATUS_PROHIBITS', 'CURRENCY_NOT_SUPPORTED',
] as const satisfies readonly ErrorCode[];

export type SetForSaleInput =
  | { readonly accountId?: number; readonly names: readonly string[]; readonly forSale: true; readonly priceMinor: number; readonly currency?: string }
  | { readonly accountId?: number; readonly names: readonly string[]; readonly forSale: false };

export interface SetForSaleResult {
  readonly names: readonly string[];
}

export async function setForSale(ctx: FlowContext, input: SetForSaleInput): Promise<SetForSaleResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  const account = await loadActiveAccount(ctx, accountId);
  if (!Array.isArray(input.names) || input.names.length === 0) throw new MissingParameter('names');
  if (input.names.length > MAX_LISTING_NAMES) throw new InvalidValue('names', `at most ${MAX_LISTING_NAMES} domains per request`, input.names.length);
  const currency = input.forSale ? normalizeCurrency(input.currency ?? account.default_currency) : null;
  if (input.forSale && (!Number.isSafeInteger(input.priceMinor) || input.priceMinor <= 0)) throw new InvalidValue('price', 'a positive price is required', input.priceMinor);
  // Sorted, so concurrent requests lock the same domains in the same order.
  const names = [...new Set(input.names.map((n) => n.trim().toLowerCase()))].sort();
  const domains = [];
  for (const n of names) {
    const d = await loadOwnedDomain(ctx, accountId, n);
    if (d.projection.state !== 'active') throw new DomainStatusProhibits(d.row.name, d.projection.state, 'list for sale');
    domains.push(d.row);
  }
  for (const row of domains) {
    const current = await ctx.db
      .selectFrom('marketplace_listings')
      .select(['id', 'account_id', 'updated_at'])
      .where('domain_id', '=', row.id)
      .where('status', '=', 'active')
      .forUpdate()
      .executeTakeFirst();
    if (!input.forSale) {
      if (current) await ctx.db.updateTable('marketplace_listings').set({ status: 'withdrawn', updated_at: ctx.now }).where('id', '=', current.id).execute();
    } else if (current) {
      await ctx.db
        .updateTable('marketplace_listings')
        .set({
          account_id: accountId, currency: currency!, price_minor: input.priceMinor, updated_at: ctx.now,
          // A listing left by a former holder, or from before the domain went away and came back, starts afresh.
          ...(current.account_id !== accountId || (row.transferred_at !== null && row.transferred_at.getTime() > current.updated_at.getTime())
            ? { afternic_action: null, sedo_action: null, created_at: ctx.now }
            : {}),
        })
        .where('id', '=', current.id)
        .execute();
    } else {
      await ctx.db
        .insertInto('marketplace_listings')
        .values({
          domain_id: row.id, account_id: accountId, status: 'active', currency: currency!, price_minor: input.priceMinor,
          afternic_action: null, sedo_action: null, buyer_account_id: null, order_id: null, created_at: ctx.now, updated_at: ctx.now,
        })
        .execute();
    }
  }
  return { names: domains.map((d) => d.name) };
}
