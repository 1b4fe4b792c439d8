/**
 * Marketplace rules shared by its flows: the commission regd keeps on a
 * sale, and the most names one set_for_sale may list.
 */
import { DAY } from '../../clock.ts';

/**
 * regd keeps 10 % of a marketplace sale (rounded down to the minor unit);
 * the seller is credited the rest. The buyer pays the listed price.
 */
export const SALE_COMMISSION_PERCENT = 10;

export function commissionOf(priceMinor: number): number {
  return Math.floor((priceMinor * SALE_COMMISSION_PERCENT) / 100);
}

/** Dynadot lists at most 100 domains per request. */
export const MAX_LISTING_NAMES = 100;

export const YEAR_MS = 365 * DAY;
