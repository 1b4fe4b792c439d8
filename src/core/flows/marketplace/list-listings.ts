/**
 * The marketplace (Dynadot get_listings, get_listing_item): every active
 * listing priced in a currency, or one listed name. Visible to every
 * account; regd keeps no exchange rates, so a listing shows in the
 * currency it is priced in only.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { ListingNotFound, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { parseDomainName } from '../../names.ts';
import { queryListings, type ListingView } from './listing-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'LISTING_NOT_FOUND',
] as const satisfies readonly ErrorCode[];

export interface ListListingsInput {
  readonly accountId?: number;
  readonly currency: string;
  /** Leave out listings locked by a pending sale. */
  readonly excludePendingSale?: boolean;
}

export async function listListings(ctx: FlowContext, input: ListListingsInput): Promise<readonly ListingView[]> {
  await loadActiveAccount(ctx, actingAccountId(ctx, input.accountId));
  const listings = await queryListings(ctx, { currency: normalizeCurrency(input.currency) });
  return input.excludePendingSale === true ? listings.filter((l) => !l.pendingSaleLocked) : listings;
}

export interface GetListingInput {
  readonly accountId?: number;
  readonly name: string;
  /** Only a listing priced in this currency is found. */
  readonly currency?: string;
}

export async function getListing(ctx: FlowContext, input: GetListingInput): Promise<ListingView> {
  await loadActiveAccount(ctx, actingAccountId(ctx, input.accountId));
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const currency = input.currency === undefined ? undefined : normalizeCurrency(input.currency);
  const [listing] = await queryListings(ctx, { name: name.ascii, ...(currency !== undefined ? { currency } : {}) });
  if (!listing) throw new ListingNotFound(name.ascii);
  return listing;
}
