/**
 * The marketplace's fixed-price listings (§12, §15.12, [L2965-3162],
 * [L6052-6092]; set_for_sale and set_sedo_confirm_action are listed without
 * documentation [L44]) on core's flows/marketplace.
 *
 *   set_for_sale                 new      envelope (undocumented; parameters in the README)
 *   get_listings                 mixed A  GetListingsContent>Listing*{ListingId, Domain, Price, InboundLinks, Age, PendingSaleLocked}; JSON Listing[]
 *   get_listing_item             mixed A  GetListingsItemResponse (the example's root) … Listing{…}; JSON Listing{}
 *   buy_it_now                   legacy   Message beside the header (XML), after Status (JSON): `domain order created`
 *   set_afternic_confirm_action  mixed B  envelope
 *   set_sedo_confirm_action      mixed B  envelope (as its Afternic twin)
 */
import {
  buyListing, formatAmount, getListing, listListings, MAX_LISTING_NAMES, parseAmount, setForSale, setSyndicationAction,
  type ListingView, type RegdError, type SyndicationPartner,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { defineCommand } from './command.ts';

/** The marketplace commands' `currency`: "usd", "eur" or "cny" (any case). */
export function marketCurrency(params: Params, fallback?: string): string | undefined {
  const c = params.choice('currency', ['usd', 'eur', 'cny'] as const);
  return c === undefined ? fallback : c.toUpperCase();
}

function oneDomain(params: Params): string {
  const name = params.required('domain');
  if (/[,;\s]/.test(name)) throw new DynadotError('only 1 domain can be entered per request');
  return name;
}

const detail = (e: RegdError, key: string): string => String((e.details as Record<string, unknown>)[key] ?? '');

const LISTING_ERRORS = {
  LISTING_NOT_FOUND: { message: 'this domain is not listed for sale' },
  OWN_LISTING: { message: 'you can not buy your own listing' },
  LISTING_PENDING_SALE: { message: 'this listing is locked by a pending sale' },
  LISTING_CURRENCY_MISMATCH: { message: (e: RegdError) => `this domain is listed in ${detail(e, 'currency')}, please use currency=${detail(e, 'currency').toLowerCase()}` },
} as const;

/** One listing as get_listings and get_listing_item write it (InboundLinks: regd measures none, the document's -1). */
function listingFields(l: ListingView): Record<string, string> {
  return {
    ListingId: String(l.id),
    Domain: l.name,
    Price: formatAmount(l.priceMinor, l.currency),
    InboundLinks: '-1',
    Age: String(l.ageYears),
    PendingSaleLocked: l.pendingSaleLocked ? 'Yes' : 'No',
  };
}

type SetForSaleCommandInput =
  | { readonly names: readonly string[]; readonly forSale: false }
  | { readonly names: readonly string[]; readonly forSale: true; readonly priceMinor: number; readonly currency: string };

export const setForSaleCommand = defineCommand<SetForSaleCommandInput>({
  name: 'set_for_sale',
  uses: [setForSale],
  parse(params, env) {
    const listed = params.list('domains', MAX_LISTING_NAMES);
    const names = listed.length > 0 ? listed : params.requiredList('domain', MAX_LISTING_NAMES);
    const type = params.requiredChoice('for_sale_type', ['marketplace', 'not_for_sale'] as const);
    if (type === 'not_for_sale') return { names, forSale: false };
    const listingType = params.choice('listing_type', ['buy_now', 'make_offer', 'buy_now_and_make_offer'] as const, 'buy_now');
    if (listingType !== 'buy_now') throw new DynadotError(`invalid listing_type: "${listingType}", regd's marketplace sells at a fixed price only (buy_now)`);
    const price = params.required('price');
    const currency = marketCurrency(params, env.account.defaultCurrency)!;
    let priceMinor: number;
    try {
      priceMinor = parseAmount(price, currency, 'price');
    } catch {
      throw DynadotError.invalid('price', price);
    }
    if (priceMinor <= 0) throw DynadotError.invalid('price', price);
    return { names, forSale: true, priceMinor, currency };
  },
  async run(call, input) {
    await call.run(setForSale, input);
    return {};
  },
});

export const getListings = defineCommand<{ readonly currency: string; readonly excludePendingSale: boolean }>({
  name: 'get_listings',
  uses: [listListings],
  errors: LISTING_ERRORS,
  parse(params) {
    const currency = marketCurrency(params, 'USD')!;
    const excludePendingSale = params.flag('exclude_pending_sale');
    // regd is the only registrar here: other registrars' listings add nothing (read, so it is accepted).
    params.flag('show_other_registrar');
    return { currency, excludePendingSale };
  },
  async run(call, input) {
    const listings = (await call.run(listListings, input)).map(listingFields);
    return { content: listings.length > 0 ? { Listing: listings } : {}, json: { Listing: listings } };
  },
});

export const getListingItem = defineCommand<{ readonly name: string; readonly currency: string }>({
  name: 'get_listing_item',
  uses: [getListing],
  errors: LISTING_ERRORS,
  parse: (params) => ({ name: oneDomain(params), currency: marketCurrency(params, 'USD')! }),
  async run(call, input) {
    const listing = listingFields(await call.run(getListing, input));
    return { content: { Listing: listing }, json: { Listing: listing } };
  },
});

export const buyItNow = defineCommand<{ readonly name: string; readonly currency?: string }>({
  name: 'buy_it_now',
  uses: [buyListing],
  errors: LISTING_ERRORS,
  parse(params) {
    const name = oneDomain(params);
    const currency = marketCurrency(params);
    return { name, ...(currency !== undefined ? { currency } : {}) };
  },
  async run(call, input) {
    await call.run(buyListing, input);
    const message = 'domain order created';
    return {
      json: { Message: message },
      xmlRoot: { name: 'BuyItNowResponse', tree: { BuyItNowHeader: { SuccessCode: '0', Status: 'success' }, Message: message } },
    };
  },
});

function syndicationCommand(name: string, partner: SyndicationPartner, actions: readonly [string, string]) {
  return defineCommand<{ readonly name: string; readonly action: string }>({
    name,
    uses: [setSyndicationAction],
    errors: { LISTING_NOT_FOUND: LISTING_ERRORS.LISTING_NOT_FOUND },
    parse: (params) => ({ name: oneDomain(params), action: params.requiredChoice('action', actions) }),
    async run(call, input) {
      await call.run(setSyndicationAction, { name: input.name, partner, action: input.action });
      return {};
    },
  });
}

export const setAfternicConfirmAction = syndicationCommand('set_afternic_confirm_action', 'afternic', ['confirm_afternic', 'delete_from_afternic']);
export const setSedoConfirmAction = syndicationCommand('set_sedo_confirm_action', 'sedo', ['confirm_sedo', 'delete_from_sedo']);
