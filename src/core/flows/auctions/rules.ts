/**
 * The auction rules as data: the bid increment table, anti-sniping, the
 * currency. Prices are integer minor units (USD cents).
 *
 * Increment by the current visible price:
 *
 * | current price           | increment |
 * |-------------------------|-----------|
 * | under $10.00            | $0.50     |
 * | $10.00 – $99.99         | $1.00     |
 * | $100.00 – $999.99       | $5.00     |
 * | $1,000.00 – $4,999.99   | $25.00    |
 * | $5,000.00 – $9,999.99   | $50.00    |
 * | $10,000.00 and more     | $100.00   |
 *
 * The first bid must be at least the start price; every later bid at least
 * the current price plus the increment. A bid placed in the last
 * ANTI_SNIPING_MS (5 minutes) of an auction moves its end to the bid's
 * instant plus 5 minutes.
 */
import { MINUTE } from '../../clock.ts';

/** Auctions are held in US dollars (Dynadot's default auction currency). */
export const AUCTION_CURRENCY = 'USD';

export const ANTI_SNIPING_MS = 5 * MINUTE;

const INCREMENTS: readonly (readonly [belowMinor: number, incrementMinor: number])[] = [
  [10_00, 50],
  [100_00, 1_00],
  [1_000_00, 5_00],
  [5_000_00, 25_00],
  [10_000_00, 50_00],
  [Number.MAX_SAFE_INTEGER, 100_00],
];

export function incrementFor(priceMinor: number): number {
  for (const [below, inc] of INCREMENTS) if (priceMinor < below) return inc;
  return INCREMENTS[INCREMENTS.length - 1]![1];
}

/** The lowest acceptable bid: the start price when nobody has bid, else the current price plus its increment. */
export function minimumBid(currentMinor: number, bidCount: number): number {
  return bidCount === 0 ? currentMinor : currentMinor + incrementFor(currentMinor);
}

/** The end after a bid at `now`: moved to now + 5 minutes when the bid came in the last 5 minutes. */
export function endAfterBid(endsAt: Date, now: Date): Date {
  return endsAt.getTime() - now.getTime() < ANTI_SNIPING_MS ? new Date(now.getTime() + ANTI_SNIPING_MS) : endsAt;
}
