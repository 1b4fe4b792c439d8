// The marketplace: fixed-price listings (Dynadot set_for_sale, get_listings, get_listing_item, buy_it_now, Afternic/Sedo actions).
export { SALE_COMMISSION_PERCENT, MAX_LISTING_NAMES, commissionOf } from './marketplace-rules.ts';
export type { ListingView } from './listing-view.ts';
export { setForSale, type SetForSaleInput, type SetForSaleResult } from './set-for-sale.ts';
export { listListings, getListing, type ListListingsInput, type GetListingInput } from './list-listings.ts';
export { buyListing, type BuyListingInput, type BuyListingResult } from './buy-listing.ts';
export { setSyndicationAction, SYNDICATION_ACTIONS, type SyndicationPartner, type SetSyndicationActionInput } from './set-syndication-action.ts';
