/**
 * What the auction reads answer (not a flow): an auction as one account
 * sees it, with its own bid and proxy, and the bid history with the
 * bidders anonymised ("You" for the account's own bids, "Bidder N" in the
 * order bidders first bid).
 */
import type { FlowContext } from '../../context.ts';
import { yearlyPrices, isPremium } from '../../pricing.ts';
import type { AuctionKind, AuctionRow, AuctionStatusId } from '../../../store/index.ts';
import { minimumBid } from './rules.ts';

export interface AuctionView {
  readonly id: number;
  readonly kind: AuctionKind;
  /** A-label. */
  readonly name: string;
  readonly unicodeName: string;
  readonly isIdn: boolean;
  readonly statusId: AuctionStatusId;
  readonly currency: string;
  readonly startPriceMinor: number;
  /** The visible price (the final price once sold). */
  readonly currentPriceMinor: number;
  /** The lowest bid the auction would accept now. */
  readonly minimumBidMinor: number;
  readonly bidCount: number;
  /** Accounts that have bid. */
  readonly bidders: number;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly closedAt: Date | null;
  /** When the sold registration was created (null: a name no one holds). */
  readonly domainCreatedAt: Date | null;
  /** The TLD's one-year renew price in the auction's currency (null: not priced in it). */
  readonly renewalPriceMinor: number | null;
  readonly isPremium: boolean;
  readonly restricted: boolean;
  /** The viewing account's part (all null/false when it has not bid). */
  readonly you: {
    readonly isLeader: boolean;
    /** Your visible bid: the current price while you lead, else the highest price you reached (your maximum). */
    readonly currentBidMinor: number | null;
    readonly proxyMaxMinor: number | null;
    /** Your latest bid's id. */
    readonly lastBidId: number | null;
    readonly won: boolean;
  };
}

export interface BidView {
  readonly id: number;
  readonly isYours: boolean;
  /** "You" or "Bidder N". */
  readonly bidder: string;
  readonly priceMinor: number;
  readonly createdAt: Date;
  /** The bidder leads now (or won). */
  readonly isLeader: boolean;
  readonly isProxyAuto: boolean;
}

export async function toAuctionViews(ctx: FlowContext, rows: readonly AuctionRow[], viewerId: number | null): Promise<AuctionView[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const bidderCounts = await ctx.db
    .selectFrom('auction_proxies')
    .select(['auction_id'])
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('auction_id', 'in', ids)
    .groupBy('auction_id')
    .execute();
  const bidders = new Map(bidderCounts.map((b) => [b.auction_id, Number(b.n)]));
  const mine = viewerId === null ? [] : await ctx.db.selectFrom('auction_proxies').selectAll().where('auction_id', 'in', ids).where('account_id', '=', viewerId).execute();
  const myProxy = new Map(mine.map((p) => [p.auction_id, p]));
  const myLast = viewerId === null ? [] : await ctx.db
    .selectFrom('auction_bids')
    .select('auction_id')
    .select((eb) => eb.fn.max('id').as('last_id'))
    .where('auction_id', 'in', ids)
    .where('account_id', '=', viewerId)
    .groupBy('auction_id')
    .execute();
  const lastBid = new Map(myLast.map((b) => [b.auction_id, Number(b.last_id)]));
  const domainIds = rows.map((r) => r.domain_id).filter((d): d is number => d !== null);
  const domains = domainIds.length === 0 ? [] : await ctx.db.selectFrom('domains').select(['id', 'created_at']).where('id', 'in', domainIds).execute();
  const created = new Map(domains.map((d) => [d.id, d.created_at]));
  return rows.map((r) => {
    const proxy = myProxy.get(r.id);
    const isLeader = viewerId !== null && r.leader_account_id === viewerId;
    const policy = ctx.policy.has(r.tld) ? ctx.policy.get(r.tld) : undefined;
    let renewal: number | null = null;
    if (policy !== undefined) {
      try {
        renewal = yearlyPrices(policy, r.currency, ctx.now).renew;
      } catch {
        renewal = null;
      }
    }
    return {
      id: r.id,
      kind: r.kind,
      name: r.domain_name,
      unicodeName: r.unicode_name,
      isIdn: r.domain_name.split('.').some((l) => l.startsWith('xn--')),
      statusId: r.status,
      currency: r.currency,
      startPriceMinor: r.start_price_minor,
      currentPriceMinor: r.final_price_minor ?? r.current_price_minor,
      minimumBidMinor: minimumBid(r.current_price_minor, r.bid_count),
      bidCount: r.bid_count,
      bidders: bidders.get(r.id) ?? 0,
      startsAt: r.starts_at,
      endsAt: r.ends_at,
      closedAt: r.closed_at,
      domainCreatedAt: r.domain_id !== null ? created.get(r.domain_id) ?? null : null,
      renewalPriceMinor: renewal,
      isPremium: policy !== undefined && isPremium(policy, r.domain_name),
      restricted: r.restricted,
      you: {
        isLeader,
        currentBidMinor: proxy === undefined ? null : isLeader ? r.final_price_minor ?? r.current_price_minor : proxy.max_minor,
        proxyMaxMinor: proxy?.max_minor ?? null,
        lastBidId: lastBid.get(r.id) ?? null,
        won: viewerId !== null && r.winner_account_id === viewerId,
      },
    };
  });
}

/** The bid history of one auction, newest first, as `viewerId` sees it. */
export async function bidHistory(ctx: FlowContext, auction: AuctionRow, viewerId: number | null): Promise<BidView[]> {
  const bids = await ctx.db.selectFrom('auction_bids').selectAll().where('auction_id', '=', auction.id).orderBy('id').execute();
  const numbers = new Map<number, number>();
  for (const b of bids) if (b.account_id !== viewerId && !numbers.has(b.account_id)) numbers.set(b.account_id, numbers.size + 1);
  return bids
    .map((b) => ({
      id: b.id,
      isYours: b.account_id === viewerId,
      bidder: b.account_id === viewerId ? 'You' : `Bidder ${numbers.get(b.account_id)}`,
      priceMinor: b.price_minor,
      createdAt: b.created_at,
      isLeader: b.account_id === (auction.winner_account_id ?? auction.leader_account_id),
      isProxyAuto: b.is_proxy_auto,
    }))
    .reverse();
}
