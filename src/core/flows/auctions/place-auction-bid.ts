/**
 * A bid: the bidder's maximum (proxy bid). Under the auction's row lock:
 *
 * - the auction must be open (status 0, before its end), the bidder not its
 *   seller, and a participant when the auction is restricted (backorder);
 * - the amount must reach the minimum (the start price for the first bid,
 *   else the current price plus the increment, rules.ts); a leader raising
 *   its own maximum must go above it;
 * - proxy bidding: the higher maximum leads, at the other's maximum plus
 *   one increment (capped at its own maximum); equal maximums go to the
 *   earlier one; the defending proxy's raise is recorded as an automatic bid;
 * - money: only the leader's maximum is held (ledger hold); an outbid
 *   leader's hold is released in the same transaction. A bidder who does
 *   not take the lead must still have the amount available;
 * - anti-sniping: a bid in the last 5 minutes moves the end to now + 5
 *   minutes.
 *
 * Returns the auction as the bidder now sees it, with its bid history.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import {
  AuctionClosed, AuctionNotFound, AuctionNotParticipant, BidTooLow, CurrencyNotSupported, InsufficientFunds, InvalidValue, OwnAuctionBid,
  type ErrorCode,
} from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { getBalance, hold, release } from '../../money/ledger.ts';
import { parseDomainName } from '../../names.ts';
import type { AuctionKind, AuctionProxyRow, AuctionRow } from '../../../store/index.ts';
import { lockOpenAuctionByName } from './auction-rows.ts';
import { bidHistory, toAuctionViews, type AuctionView, type BidView } from './auction-view.ts';
import { endAfterBid, incrementFor, minimumBid } from './rules.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE',
  'CURRENCY_NOT_SUPPORTED', 'AUCTION_NOT_FOUND', 'AUCTION_CLOSED', 'OWN_AUCTION_BID', 'AUCTION_NOT_PARTICIPANT', 'BID_TOO_LOW',
  'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface PlaceAuctionBidInput {
  readonly accountId?: number;
  readonly name: string;
  /** The bidder's maximum, in minor units of the auction's currency. */
  readonly amountMinor: number;
  /** Must be the auction's (USD) when given. */
  readonly currency?: string;
  /** Only auctions of these kinds (place_backorder_auction_bid: backorder). */
  readonly kinds?: readonly AuctionKind[];
}

export interface PlaceAuctionBidResult {
  readonly auction: AuctionView;
  readonly history: readonly BidView[];
}

interface NewBid {
  readonly accountId: number;
  readonly priceMinor: number;
  readonly maxMinor: number;
  readonly auto: boolean;
}

export async function placeAuctionBid(ctx: FlowContext, input: PlaceAuctionBidInput): Promise<PlaceAuctionBidResult> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const name = parseDomainName(input.name, ctx.policy);
  const amount = input.amountMinor;
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new InvalidValue('amount', 'a positive amount is required', amount);

  const auction = await lockOpenAuctionByName(ctx, name.ascii);
  if (!auction || (input.kinds !== undefined && !input.kinds.includes(auction.kind)) || auction.starts_at.getTime() > ctx.now.getTime()) {
    throw await notOpen(ctx, name.ascii, input.kinds);
  }
  if (input.currency !== undefined && normalizeCurrency(input.currency) !== auction.currency) throw new CurrencyNotSupported(input.currency.toUpperCase());
  if (auction.ends_at.getTime() <= ctx.now.getTime()) throw new AuctionClosed(name.ascii, auction.status);
  if (auction.seller_account_id === accountId) throw new OwnAuctionBid(name.ascii);
  if (auction.restricted) {
    const member = await ctx.db.selectFrom('auction_participants').select('account_id').where('auction_id', '=', auction.id).where('account_id', '=', accountId).executeTakeFirst();
    if (!member) throw new AuctionNotParticipant(name.ascii);
  }

  const proxies = await ctx.db.selectFrom('auction_proxies').selectAll().where('auction_id', '=', auction.id).forUpdate().execute();
  const leader = proxies.find((p) => p.account_id === auction.leader_account_id);
  const mine = proxies.find((p) => p.account_id === accountId);

  let bids: NewBid[];
  let price: number;
  let leaderId: number;
  if (leader !== undefined && leader.account_id === accountId) {
    // The leader raises its own maximum: the price stays, the hold grows.
    if (amount <= leader.max_minor) throw new BidTooLow(name.ascii, leader.max_minor + 1, auction.currency);
    await release(ctx, leader.hold_id!, `auction ${auction.domain_name}: maximum raised`);
    price = auction.current_price_minor;
    leaderId = accountId;
    bids = [{ accountId, priceMinor: price, maxMinor: amount, auto: false }];
  } else {
    const min = minimumBid(auction.current_price_minor, auction.bid_count);
    if (amount < min) throw new BidTooLow(name.ascii, min, auction.currency);
    if (leader === undefined) {
      price = auction.current_price_minor;
      leaderId = accountId;
      bids = [{ accountId, priceMinor: price, maxMinor: amount, auto: false }];
    } else if (amount > leader.max_minor) {
      price = Math.max(min, Math.min(amount, leader.max_minor + incrementFor(leader.max_minor)));
      leaderId = accountId;
      bids = [];
      if (leader.max_minor > auction.current_price_minor) bids.push({ accountId: leader.account_id, priceMinor: leader.max_minor, maxMinor: leader.max_minor, auto: true });
      bids.push({ accountId, priceMinor: price, maxMinor: amount, auto: false });
      await release(ctx, leader.hold_id!, `auction ${auction.domain_name}: outbid`);
      await ctx.db.updateTable('auction_proxies').set({ hold_id: null, updated_at: ctx.now }).where('auction_id', '=', auction.id).where('account_id', '=', leader.account_id).execute();
    } else {
      // The leader's proxy defends (ties go to the earlier maximum).
      const available = (await getBalance(ctx.db, accountId, auction.currency)).availableMinor;
      if (available < amount) throw new InsufficientFunds(auction.currency, amount, available);
      price = Math.min(leader.max_minor, amount + incrementFor(amount));
      leaderId = leader.account_id;
      bids = [
        { accountId, priceMinor: amount, maxMinor: amount, auto: false },
        { accountId: leader.account_id, priceMinor: price, maxMinor: leader.max_minor, auto: true },
      ];
    }
  }

  const holdId = leaderId === accountId
    ? (await hold(ctx, { accountId, currency: auction.currency, amountMinor: amount, memo: `auction ${auction.domain_name}: maximum bid` })).id
    : null;
  const inserted = await ctx.db
    .insertInto('auction_bids')
    .values(bids.map((b) => ({ auction_id: auction.id, account_id: b.accountId, price_minor: b.priceMinor, max_minor: b.maxMinor, is_proxy_auto: b.auto, created_at: ctx.now })))
    .returning(['id', 'account_id', 'is_proxy_auto'])
    .execute();
  const myBidId = inserted.find((b) => b.account_id === accountId && !b.is_proxy_auto)!.id;
  await upsertProxy(ctx, auction, mine, accountId, amount, myBidId, holdId);
  const updated = await ctx.db
    .updateTable('auctions')
    .set({
      current_price_minor: price,
      leader_account_id: leaderId,
      bid_count: auction.bid_count + bids.length,
      ends_at: endAfterBid(auction.ends_at, ctx.now),
    })
    .where('id', '=', auction.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const [view] = await toAuctionViews(ctx, [updated], accountId);
  return { auction: view!, history: await bidHistory(ctx, updated, accountId) };
}

async function upsertProxy(ctx: FlowContext, auction: AuctionRow, mine: AuctionProxyRow | undefined, accountId: number, amount: number, bidId: number, holdId: number | null): Promise<void> {
  if (mine === undefined) {
    await ctx.db.insertInto('auction_proxies').values({ auction_id: auction.id, account_id: accountId, max_minor: amount, placed_seq: bidId, hold_id: holdId, updated_at: ctx.now }).execute();
    return;
  }
  await ctx.db
    .updateTable('auction_proxies')
    .set({ max_minor: amount, placed_seq: bidId, hold_id: holdId, updated_at: ctx.now })
    .where('auction_id', '=', auction.id)
    .where('account_id', '=', accountId)
    .execute();
}

/** Why a name has no auction open for bids: closed (the latest one ended) or none at all. */
async function notOpen(ctx: FlowContext, ascii: string, kinds: readonly AuctionKind[] | undefined): Promise<Error> {
  let q = ctx.db.selectFrom('auctions').select(['status']).where('domain_name', '=', ascii).where('starts_at', '<=', ctx.now).orderBy('id', 'desc').limit(1);
  if (kinds !== undefined) q = q.where('kind', 'in', kinds);
  const last = await q.executeTakeFirst();
  return last === undefined ? new AuctionNotFound(ascii) : new AuctionClosed(ascii, last.status);
}
