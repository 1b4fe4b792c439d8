/**
 * Buy a listed domain at its price (Dynadot buy_it_now), in one
 * transaction: the buyer is charged the price (an order of kind
 * `buy_it_now`, completed), the seller is credited the price less regd's
 * commission (marketplace-rules.ts; a `credit` ledger entry naming the
 * order), the domain moves to the buyer as an accepted push moves it (new
 * auth code; the seller's folder, contacts and note cleared; DNS and
 * delegation kept) and the listing ends as sold. A listing locked by a
 * pending sale, the buyer's own listing, or a price in another currency
 * than the one asked are refused and change nothing.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { ListingCurrencyMismatch, ListingNotFound, ListingPendingSale, OwnListing, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { credit } from '../../money/ledger.ts';
import { payForItem } from '../../money/orders.ts';
import { parseDomainName } from '../../names.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { notify } from '../notifications/notify.ts';
import { handOverDomain } from '../transfers/hand-over-domain.ts';
import { queryListings } from './listing-view.ts';
import { commissionOf } from './marketplace-rules.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED',
  'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'LISTING_NOT_FOUND', 'OWN_LISTING', 'LISTING_PENDING_SALE',
  'LISTING_CURRENCY_MISMATCH', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface BuyListingInput {
  readonly accountId?: number;
  readonly name: string;
  /** Default: the buyer's account currency. */
  readonly currency?: string;
}

export interface BuyListingResult {
  readonly name: string;
  readonly orderNumber: string;
  readonly currency: string;
  readonly priceMinor: number;
  readonly commissionMinor: number;
}

export async function buyListing(ctx: FlowContext, input: BuyListingInput): Promise<BuyListingResult> {
  const buyerId = actingAccountId(ctx, input.accountId);
  const buyer = await loadActiveAccount(ctx, buyerId);
  const name = parseDomainName(input.name, ctx.policy, 'domain');
  const currency = normalizeCurrency(input.currency ?? buyer.default_currency);
  const row = await loadLiveRow(ctx, name.ascii);
  const [listing] = row ? await queryListings(ctx, { name: name.ascii, forUpdate: true }) : [];
  if (!row || !listing) throw new ListingNotFound(name.ascii);
  if (listing.sellerAccountId === buyerId) throw new OwnListing(name.ascii);
  if (listing.pendingSaleLocked) throw new ListingPendingSale(name.ascii);
  if (listing.currency !== currency) throw new ListingCurrencyMismatch(name.ascii, listing.currency);

  const order = await payForItem(ctx, {
    accountId: buyerId, currency, kind: 'buy_it_now', domainName: name.ascii, amountMinor: listing.priceMinor, memo: `buy it now ${name.ascii}`,
  });
  const commissionMinor = commissionOf(listing.priceMinor);
  const proceeds = listing.priceMinor - commissionMinor;
  if (proceeds > 0) {
    await credit(ctx, {
      accountId: listing.sellerAccountId, currency, amountMinor: proceeds,
      memo: `sale of ${name.ascii} (order ${order.number}, commission ${commissionMinor})`,
    });
  }
  await handOverDomain(ctx, row, buyerId);
  await ctx.db
    .updateTable('marketplace_listings')
    .set({ status: 'sold', buyer_account_id: buyerId, order_id: order.id, updated_at: ctx.now })
    .where('id', '=', listing.id)
    .execute();
  await notify(ctx, {
    accountId: listing.sellerAccountId,
    kind: 'marketplace.sold',
    domainName: name.ascii,
    message: `Your listing of ${name.ascii} was bought: ${proceeds} minor units of ${currency} credited (the price less a commission of ${commissionMinor}).`,
    payload: { listingId: listing.id, priceMinor: listing.priceMinor, commissionMinor, currency },
    dedupeKey: `marketplace.sold:${listing.id}`,
  });
  return { name: name.ascii, orderNumber: order.number, currency, priceMinor: listing.priceMinor, commissionMinor };
}
