/**
 * How auctions read in Dynadot's words (§6, §13, §15.11): display times,
 * `time_left`, status texts, per-user fields, and the values regd cannot
 * know. Prices are USD minor units in core; printed bare (`63.99`) or with
 * a dollar sign (`$124.00`) where the examples do.
 *
 * Values regd has no source for (README "Auctions"): Revenue and the
 * estibot appraisal unknown (`-1` in XML, `"-"` in JSON, as the examples
 * print unknowns), Visitors and Links `-1`; Age is whole years since the
 * sold registration's creation (0 for a name no one holds).
 */
import type { AuctionView, BidView } from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { dollars, money } from '../values.ts';

export const AUCTION_STATUS_TEXT: Readonly<Record<number, string>> = {
  0: 'In Progress',
  1: 'Closed by User',
  2: 'Closed by Admin',
  3: 'Closed by Renewal',
  4: 'Closed by Timeout',
  5: 'Closed by Transfer',
};

/** The document's auction currencies; regd holds every auction in US dollars, so only usd is accepted. */
export function auctionCurrency(params: Params): void {
  const v = params.one('currency');
  if (v === undefined || v === '') return;
  if (!['usd', 'eur', 'cny'].includes(v.toLowerCase())) throw DynadotError.invalid('currency', v);
  if (v.toLowerCase() !== 'usd') throw new DynadotError(`invalid currency: ${JSON.stringify(v)}, auctions are held in USD only`);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `2015/04/28 05:46 UTC` (seconds: `2022/04/04 02:20:34 UTC`). */
export function displayTime(d: Date, seconds = false): string {
  const base = `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
  return `${seconds ? `${base}:${pad(d.getUTCSeconds())}` : base} UTC`;
}

const unit = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `1 day, 23 hours`; under a day `5 hours, 3 minutes`; under an hour `12 minutes`; ended `0 minutes`. */
export function timeLeft(endsAt: Date, now: Date): string {
  const ms = Math.max(0, endsAt.getTime() - now.getTime());
  const minutes = Math.floor(ms / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${unit(days, 'day')}, ${unit(hours, 'hour')}`;
  if (hours > 0) return `${unit(hours, 'hour')}, ${unit(minutes % 60, 'minute')}`;
  return unit(minutes, 'minute');
}

/** Whole years since the registration was created; 0 without one. */
export function ageYears(a: AuctionView, now: Date): number {
  if (a.domainCreatedAt === null) return 0;
  const c = a.domainCreatedAt;
  let years = now.getUTCFullYear() - c.getUTCFullYear();
  const before = now.getUTCMonth() < c.getUTCMonth() || (now.getUTCMonth() === c.getUTCMonth() && now.getUTCDate() < c.getUTCDate());
  if (before) years--;
  return Math.max(0, years);
}

/** The snake_case JSON's amounts: `124.00`, `44.99` (two decimals, as the JSON examples). */
export const price = (minor: number, currency: string) => money(minor, currency);
export const priceOrMinusOne = (minor: number | null, currency: string) => (minor === null ? '-1' : money(minor, currency));
export const dollarsOrMinusOne = (minor: number | null, currency: string) => (minor === null ? '-1' : dollars(minor, currency));

/**
 * The PascalCase answers' amounts (XML, CSV and the enveloped JSON): printed
 * as Java prints a double, the shortest decimals with at least one, as the
 * examples do: `YourProxyBid` `1000.0` [L5355, L5397, L5681], `BidPrice`
 * `1.0` [L5486], `RenewalPrice` `-0.1` [L5157], `89.99`, `6.35`. So 2000
 * cents read `20.0`, 2050 `20.5`, 1299 `12.99`.
 */
export function decimalPrice(minor: number, currency: string): string {
  const text = money(minor, currency);
  const dot = text.indexOf('.');
  if (dot < 0) return `${text}.0`;
  const frac = text.slice(dot + 1).replace(/0+$/, '');
  return `${text.slice(0, dot)}.${frac === '' ? '0' : frac}`;
}
export const decimalOrMinusOne = (minor: number | null, currency: string) => (minor === null ? '-1' : decimalPrice(minor, currency));

/** The XML `Auction` fields every auction answer starts with (AuctionId … EndTimestamp; EndTime with seconds where the seed shows them). */
export function shortAuction(a: AuctionView, seconds = false): Record<string, string> {
  return {
    AuctionId: String(a.id),
    Domain: a.name,
    BidPrice: decimalPrice(a.currentPriceMinor, a.currency),
    BidPriceCurrency: a.currency,
    Bids: String(a.bidCount),
    EndTime: displayTime(a.endsAt, seconds),
    EndTimestamp: String(a.endsAt.getTime()),
  };
}

/** The XML `Auction` fields every open list shares (get_open_auctions, get_auction_details). */
export function openAuctionXml(a: AuctionView, now: Date): Record<string, string> {
  return {
    ...shortAuction(a),
    Revenue: '-1',
    RevenueCurrency: a.currency,
    Visitors: '-1',
    Links: '-1',
    Age: String(ageYears(a, now)),
  };
}

/** The first JSON fields of an auction (auction_id … auction_type). */
export function auctionJsonHead(a: AuctionView) {
  return {
    auction_id: a.id,
    domain: a.name,
    utf_name: a.unicodeName,
    is_idn: a.isIdn,
    auction_type: a.kind,
  };
}

export function auctionJsonTimes(a: AuctionView, now: Date) {
  return {
    time_left: timeLeft(a.endsAt, now),
    start_time: displayTime(a.startsAt),
    start_time_stamp: a.startsAt.getTime(),
    end_time: displayTime(a.endsAt),
    end_time_stamp: a.endsAt.getTime(),
  };
}

/** A bid history entry (place_auction_bid, get_auction_details). */
export function bidJson(b: BidView, currency: string) {
  return {
    bidder_name: b.bidder,
    bid_price: price(b.priceMinor, currency),
    currency,
    timestamp: b.createdAt.getTime(),
    bid_status: b.isLeader ? 'High Bidder' : 'Out Bid',
    is_proxy_auto_bid: b.isProxyAuto,
  };
}

/** `bid_amount`: a positive decimal of at most two decimals (US dollars), in cents. */
export function bidAmount(params: Params): number {
  const v = params.required('bid_amount');
  const m = /^(\d{1,12})(?:\.(\d{1,2}))?$/.exec(v);
  if (m === null) throw DynadotError.invalid('bid_amount', v);
  const cents = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  if (cents <= 0) throw DynadotError.invalid('bid_amount', v);
  return cents;
}

/** One auction's `domain` (punycode for IDNs; a Unicode name is accepted too). */
export function oneAuctionDomain(params: Params): string {
  const name = params.required('domain');
  if (/[,;\s]/.test(name)) throw new DynadotError('only 1 domain can be entered per request');
  return name;
}

export interface BidParams {
  readonly name: string;
  readonly amountMinor: number;
}

/** place_auction_bid and place_backorder_auction_bid: `domain`, `bid_amount`, `currency` (usd only). */
export function bidParams(params: Params): BidParams {
  const name = oneAuctionDomain(params);
  const amountMinor = bidAmount(params);
  auctionCurrency(params);
  return { name, amountMinor };
}

/** A bid without the money answers a text (the table's insufficient_funds status has none); the other auction refusals are in errors.ts. */
export const AUCTION_ERRORS = {
  INSUFFICIENT_FUNDS: { message: 'not enough account balance to place this bid' },
} as const;
