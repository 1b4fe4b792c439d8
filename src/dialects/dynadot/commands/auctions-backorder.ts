/**
 * Backorder auctions (§13, §15.11, [L5416-5746]): the auctions among several
 * backorder requesters of a released name (core openAuction with
 * participants; only they may bid), read and bid through the same engine as
 * the other auctions.
 *
 *   get_open_backorder_auctions    legacy   Auction*{AuctionId…EndTimestamp}; JSON Auctions[] (no example: regular envelope)
 *   get_backorder_auction_details  mixed A  content {AuctionStatusId, AuctionStatus, UserIsHighBid, YourCurrentBid, YourProxyBid, Auction{…}}
 *   place_backorder_auction_bid    legacy   root PlaceBakcorderAuctionBidResponse (sic, §16)
 *   get_closed_backorder_auctions  mixed A  Auction*{AuctionWonStatus, YourHighBid, YourProxyBid, AuctionId…EndTimestamp}
 */
import { getAuctionDetails, listClosedAuctions, listOpenAuctions, placeAuctionBid } from '../../../core/index.ts';
import {
  AUCTION_ERRORS, AUCTION_STATUS_TEXT, auctionCurrency, bidParams, decimalOrMinusOne, oneAuctionDomain, shortAuction, type BidParams,
} from './auction-values.ts';
import { closedCsv, closedRange, closedRow, closedYourFields, openListCsv } from './auctions.ts';
import { defineCommand } from './command.ts';

const BACKORDER = ['backorder'] as const;
const COLUMNS = ['AuctionId', 'Domain', 'BidPrice', 'BidPriceCurrency', 'Bids', 'EndTime', 'EndTimestamp'];

export const getOpenBackorderAuctions = defineCommand<Record<string, never>>({
  name: 'get_open_backorder_auctions',
  uses: [listOpenAuctions],
  parse(params) {
    auctionCurrency(params);
    return {};
  },
  async run(call) {
    const rows = (await call.run(listOpenAuctions, { kinds: BACKORDER })).map((a) => shortAuction(a));
    return { content: { Auction: rows }, json: { Auctions: rows }, csv: openListCsv(COLUMNS, rows) };
  },
});

export const getBackorderAuctionDetails = defineCommand<{ readonly name: string }>({
  name: 'get_backorder_auction_details',
  uses: [getAuctionDetails],
  errors: AUCTION_ERRORS,
  parse(params) {
    const name = oneAuctionDomain(params);
    auctionCurrency(params);
    return { name };
  },
  async run(call, input) {
    const [d] = await call.run(getAuctionDetails, { names: [input.name], kinds: BACKORDER });
    const a = d!.auction;
    const body = {
      AuctionStatusId: String(a.statusId),
      AuctionStatus: AUCTION_STATUS_TEXT[a.statusId]!,
      UserIsHighBid: a.you.isLeader ? 'yes' : 'no',
      YourCurrentBid: decimalOrMinusOne(a.you.currentBidMinor, a.currency),
      YourProxyBid: decimalOrMinusOne(a.you.proxyMaxMinor, a.currency),
      Auction: shortAuction(a),
    };
    return { content: body, json: { GetBackorderAuctionDetails: body } };
  },
});

export const placeBackorderAuctionBid = defineCommand<BidParams>({
  name: 'place_backorder_auction_bid',
  uses: [placeAuctionBid],
  errors: AUCTION_ERRORS,
  parse: bidParams,
  async run(call, input) {
    await call.run(placeAuctionBid, { name: input.name, amountMinor: input.amountMinor, currency: 'USD', kinds: BACKORDER });
    return {};
  },
});

export const getClosedBackorderAuctions = defineCommand<{ readonly from: Date; readonly to: Date }>({
  name: 'get_closed_backorder_auctions',
  uses: [listClosedAuctions],
  parse: (params) => closedRange(params),
  async run(call, input) {
    const list = await call.run(listClosedAuctions, { from: input.from, to: input.to, kinds: BACKORDER });
    const rows = list.map((a) => ({ ...closedYourFields(a), ...shortAuction(a, true) }));
    return { content: { Auction: rows }, json: { Auctions: rows }, csv: closedCsv(list.map(closedRow)) };
  },
});
