/**
 * Auctions (§13, §15.11, [L4951-5299], [L5302-5413], [L5749-5872]) on core's
 * auction engine (src/core/flows/auctions):
 *
 *   get_open_auctions    legacy   Auction*{…}; JSON {status, auction_list[…]} (no envelope)
 *   get_auction_details  mixed A  Auction*{…, per-user fields}; JSON {status, size, auction_details[{auction_json, bid_history}]}
 *   get_auction_bids     legacy   BidList>Bid*; JSON {status, auction_bids[…]}
 *   place_auction_bid    legacy   envelope; JSON {status, auction_details{auction_json, bid_history}}
 *   get_closed_auctions  mixed A  Auction*{…, AuctionWonStatus, YourHighBid, YourProxyBid}; JSON Auctions[] (normal envelope)
 *
 * `bid_amount` is the bidder's maximum (proxy bid); regd raises the visible
 * price by its increment table only as far as competition requires.
 */
import {
  getAuctionDetails, listAuctionBids, listClosedAuctions, listOpenAuctions, placeAuctionBid, AUCTION_KINDS,
  type AuctionView, type AuctionKind, type BidView,
} from '../../../core/index.ts';
import { DynadotError } from '../errors.ts';
import type { Params } from '../params.ts';
import { dollars } from '../values.ts';
import {
  AUCTION_ERRORS, AUCTION_STATUS_TEXT, ageYears, auctionCurrency, auctionJsonHead, auctionJsonTimes, bidJson, bidParams, decimalOrMinusOne,
  decimalPrice, displayTime, dollarsOrMinusOne, openAuctionXml, price, priceOrMinusOne, timeLeft, type BidParams,
} from './auction-values.ts';
import { defineCommand } from './command.ts';
import { parseRequestDate } from './order-values.ts';

const OPEN_COLUMNS = ['AuctionId', 'Domain', 'BidPrice', 'BidPriceCurrency', 'Bids', 'EndTime', 'EndTimestamp', 'Revenue', 'RevenueCurrency', 'Visitors', 'Links', 'Age'];

/** The multi-line CSV of the open lists: `ok,` / `success,` / the column names / one line per auction. */
export function openListCsv(columns: readonly string[], rows: readonly Record<string, string>[]): string[][] {
  return [[''], ['success', ''], [...columns], ...rows.map((r) => columns.map((c) => r[c] ?? ''))];
}

function auctionTypes(params: Params): AuctionKind[] {
  const items = params.requiredList('type', 10);
  return items.map((t) => {
    const kind = AUCTION_KINDS.find((k) => k === t.toLowerCase());
    if (kind === undefined) throw DynadotError.invalid('type', t);
    return kind;
  });
}

export const getOpenAuctions = defineCommand<{ readonly kinds: readonly AuctionKind[] }>({
  name: 'get_open_auctions',
  uses: [listOpenAuctions],
  parse(params) {
    auctionCurrency(params);
    return { kinds: auctionTypes(params) };
  },
  async run(call, input) {
    const list = await call.run(listOpenAuctions, { kinds: input.kinds });
    const now = call.now;
    const xml = list.map((a) => openAuctionXml(a, now));
    return {
      content: { Auction: xml },
      json: {
        auction_list: list.map((a) => ({
          ...auctionJsonHead(a),
          currency: a.currency,
          current_bid_price: price(a.currentPriceMinor, a.currency),
          bids: a.bidCount,
          bidders: a.bidders,
          ...auctionJsonTimes(a, now),
          visitors: -1,
          links: '-',
          age: ageYears(a, now),
          estibot_appraisal: '-',
        })),
      },
      csv: openListCsv(OPEN_COLUMNS, xml),
    };
  },
});

/** The auction_json of get_auction_details and place_auction_bid (the latter without the last-bid and premium fields). */
function auctionJson(a: AuctionView, history: readonly BidView[], now: Date, full: boolean) {
  const last = history[0];
  const you = a.you;
  return {
    ...auctionJsonHead(a),
    current_bid_price: price(a.currentPriceMinor, a.currency),
    accepted_bid_price: price(a.minimumBidMinor, a.currency),
    currency: a.currency,
    is_high_bidder: you.isLeader,
    bids: a.bidCount,
    bidders: a.bidders,
    ...(full ? { auction_status_id: a.statusId } : {}),
    ...auctionJsonTimes(a, now),
    revenue: '-',
    visitors: -1,
    links: '-',
    age: ageYears(a, now),
    estibot_appraisal: '-',
    ...(full
      ? {
          bidder_name: last?.bidder ?? '',
          bid_price: last !== undefined ? price(last.priceMinor, a.currency) : '',
          timestamp: last?.createdAt.getTime() ?? 0,
          bid_status: last === undefined ? '' : last.isLeader ? 'High Bidder' : 'Out Bid',
          is_proxy_auto_bid: last?.isProxyAuto ?? false,
        }
      : {}),
    auction_ended: a.statusId !== 0 || a.endsAt.getTime() <= now.getTime(),
    customer_bided: you.proxyMaxMinor !== null,
    customer_bid: priceOrMinusOne(you.currentBidMinor, a.currency),
    customer_proxy_bid: dollarsOrMinusOne(you.proxyMaxMinor, a.currency),
    ...(full ? { is_premium: a.isPremium, renewal_price: a.renewalPriceMinor === null ? '-0.1' : price(a.renewalPriceMinor, a.currency) } : {}),
  };
}

export const getAuctionDetailsCommand = defineCommand<{ readonly names: readonly string[] }>({
  name: 'get_auction_details',
  uses: [getAuctionDetails],
  errors: AUCTION_ERRORS,
  parse(params) {
    auctionCurrency(params);
    return { names: params.requiredList('domain', 100) };
  },
  async run(call, input) {
    const details = await call.run(getAuctionDetails, { names: input.names });
    const now = call.now;
    return {
      content: {
        Auction: details.map(({ auction: a }) => ({
          AuctionStatusId: String(a.statusId),
          AuctionStatus: AUCTION_STATUS_TEXT[a.statusId]!,
          ...openAuctionXml(a, now),
          isPremium: a.isPremium ? 'true' : 'false',
          RenewalPrice: a.renewalPriceMinor === null ? '-0.1' : decimalPrice(a.renewalPriceMinor, a.currency),
          UserIsHighBid: a.you.isLeader ? 'true' : 'false',
          YourCurrentBid: decimalOrMinusOne(a.you.currentBidMinor, a.currency),
          YourProxyBid: decimalOrMinusOne(a.you.proxyMaxMinor, a.currency),
        })),
      },
      json: {
        size: details.length,
        auction_details: details.map(({ auction, history }) => ({
          auction_json: auctionJson(auction, history, now, true),
          bid_history: history.map((b) => bidJson(b, auction.currency)),
        })),
      },
    };
  },
});

export const placeAuctionBidCommand = defineCommand<BidParams>({
  name: 'place_auction_bid',
  uses: [placeAuctionBid],
  errors: AUCTION_ERRORS,
  parse: bidParams,
  async run(call, input) {
    const r = await call.run(placeAuctionBid, { name: input.name, amountMinor: input.amountMinor, currency: 'USD' });
    return {
      json: {
        auction_details: {
          auction_json: auctionJson(r.auction, r.history, call.now, false),
          bid_history: r.history.map((b) => bidJson(b, r.auction.currency)),
        },
      },
    };
  },
});

export const getAuctionBids = defineCommand<Record<string, never>>({
  name: 'get_auction_bids',
  uses: [listAuctionBids],
  parse(params) {
    auctionCurrency(params);
    return {};
  },
  async run(call, _input, env) {
    const list = await call.run(listAuctionBids, {});
    const now = call.now;
    const bids = list.map((a) => ({
      id: a.you.lastBidId ?? 0,
      a,
      current: dollars(a.currentPriceMinor, a.currency),
      status: a.you.isLeader ? 'High Bidder' : 'Out Bid',
      proxy: dollarsOrMinusOne(a.you.proxyMaxMinor, a.currency),
    }));
    return {
      content: {
        BidList: {
          Bid: bids.map((b) => ({
            BidId: String(b.id),
            AuctionId: String(b.a.id),
            AccountId: String(env.account.id),
            Domain: b.a.name,
            DomainUtf: b.a.unicodeName,
            AuctionType: b.a.kind,
            IsIdn: b.a.isIdn ? 'true' : 'false',
            CurrentBid: b.current,
            YourStatus: b.status,
            ProxyBid: b.proxy,
            ActiveBidders: String(b.a.bidders),
            TimeLeft: timeLeft(b.a.endsAt, now),
            EndTime: displayTime(b.a.endsAt, true),
            EndTimestamp: String(b.a.endsAt.getTime()),
          })),
        },
      },
      json: {
        auction_bids: bids.map((b) => ({
          bid_id: b.id,
          auction_id: b.a.id,
          account_id: String(env.account.id),
          domain: b.a.name,
          domain_utf: b.a.unicodeName,
          auction_type: b.a.kind,
          is_idn: b.a.isIdn,
          current_bid: b.current,
          your_status: b.status,
          proxy_bid: b.proxy,
          active_bidders: b.a.bidders,
          time_left: timeLeft(b.a.endsAt, now),
          end_time: displayTime(b.a.endsAt, true),
          end_time_stamp: b.a.endsAt.getTime(),
        })),
      },
    };
  },
});

/** startDate/endDate (yyyy-mm-dd, unpadded accepted): auctions closed from the first day's start to the last day's end (UTC). */
export function closedRange(params: Params): { from: Date; to: Date } {
  const from = parseRequestDate('startDate', params.required('startDate'));
  const endDay = parseRequestDate('endDate', params.required('endDate'));
  if (endDay.getTime() < from.getTime()) throw DynadotError.invalid('endDate', params.one('endDate')!);
  auctionCurrency(params);
  return { from, to: new Date(endDay.getTime() + 86_400_000) };
}

/** AuctionWonStatus / YourHighBid / YourProxyBid of a closed auction. */
export function closedYourFields(a: AuctionView): Record<string, string> {
  return {
    AuctionWonStatus: a.you.won ? 'won' : 'lost',
    YourHighBid: decimalOrMinusOne(a.you.currentBidMinor, a.currency),
    YourProxyBid: decimalOrMinusOne(a.you.proxyMaxMinor, a.currency),
  };
}

export const CLOSED_COLUMNS = ['AuctionId', 'Domain', 'AuctionStatusId', 'AuctionStatus', 'BidPrice', 'BidPriceCurrency', 'Bids', 'AuctionWonStatus', 'YourHighBid', 'YourProxyBid'];

export function closedRow(a: AuctionView): Record<string, string> {
  return {
    AuctionId: String(a.id),
    Domain: a.name,
    AuctionStatusId: String(a.statusId),
    AuctionStatus: AUCTION_STATUS_TEXT[a.statusId]!,
    BidPrice: decimalPrice(a.currentPriceMinor, a.currency),
    BidPriceCurrency: a.currency,
    Bids: String(a.bidCount),
    ...closedYourFields(a),
  };
}

/** The one-line CSV of the closed lists: `ok,success,<columns…>,<values…>`. */
export function closedCsv(rows: readonly Record<string, string>[]): string[][] {
  return [['success', ...CLOSED_COLUMNS, ...rows.flatMap((r) => CLOSED_COLUMNS.map((c) => r[c] ?? ''))]];
}

export const getClosedAuctions = defineCommand<{ readonly from: Date; readonly to: Date }>({
  name: 'get_closed_auctions',
  uses: [listClosedAuctions],
  parse: (params) => closedRange(params),
  async run(call, input) {
    const list = await call.run(listClosedAuctions, { from: input.from, to: input.to, kinds: ['expired', 'user', 'registry_expired'] });
    const rows = list.map(closedRow);
    return { content: { Auction: rows }, json: { Auctions: rows }, csv: closedCsv(rows) };
  },
});
