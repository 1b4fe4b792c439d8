/** The open auctions the acting account has bid in (Dynadot get_auction_bids), the earliest end first. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { toAuctionViews, type AuctionView } from './auction-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export const listAuctionBids = markReadOnly(async function listAuctionBids(ctx: FlowContext, input: { readonly accountId?: number }): Promise<AuctionView[]> {
  const viewer = actingAccountId(ctx, input.accountId);
  const rows = await ctx.db
    .selectFrom('auctions as a')
    .innerJoin('auction_proxies as p', 'p.auction_id', 'a.id')
    .selectAll('a')
    .where('p.account_id', '=', viewer)
    .where('a.status', '=', 0)
    .orderBy('a.ends_at')
    .orderBy('a.id')
    .execute();
  return toAuctionViews(ctx, rows, viewer);
});
