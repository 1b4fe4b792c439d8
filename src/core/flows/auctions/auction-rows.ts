/**
 * Shared steps of the auction flows (no throws list: not a flow): loading an
 * auction under its row lock, releasing the holds of its proxies, and
 * ending it with a status. Every bid and every close of one auction takes
 * `select … for update` on its row first, so they run one after another.
 */
import type { FlowContext } from '../../context.ts';
import { release } from '../../money/ledger.ts';
import type { AuctionRow, AuctionStatusId } from '../../../store/index.ts';

/** The open auction of a name, locked; undefined when there is none. */
export async function lockOpenAuctionByName(ctx: FlowContext, asciiName: string): Promise<AuctionRow | undefined> {
  return ctx.db.selectFrom('auctions').selectAll().where('domain_name', '=', asciiName).where('status', '=', 0).forUpdate().executeTakeFirst();
}

export async function lockAuction(ctx: FlowContext, id: number): Promise<AuctionRow | undefined> {
  return ctx.db.selectFrom('auctions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Releases every hold still kept for the auction's proxies (at most the leader's). */
export async function releaseProxyHolds(ctx: FlowContext, auction: AuctionRow, memo: string, exceptAccountId?: number): Promise<void> {
  const held = await ctx.db
    .selectFrom('auction_proxies')
    .select(['account_id', 'hold_id'])
    .where('auction_id', '=', auction.id)
    .where('hold_id', 'is not', null)
    .execute();
  for (const p of held) {
    if (p.account_id === exceptAccountId) continue;
    await release(ctx, p.hold_id!, memo);
    await ctx.db.updateTable('auction_proxies').set({ hold_id: null, updated_at: ctx.now }).where('auction_id', '=', auction.id).where('account_id', '=', p.account_id).execute();
  }
}

/** Ends an open auction without a sale (status 1, 2, 3, 5, or 4 unsold): every hold released. */
export async function endUnsold(ctx: FlowContext, auction: AuctionRow, status: Exclude<AuctionStatusId, 0>, note: string): Promise<AuctionRow> {
  await releaseProxyHolds(ctx, auction, `auction ${auction.domain_name} closed: ${note}`);
  return ctx.db
    .updateTable('auctions')
    .set({ status, closed_at: ctx.now, close_note: note })
    .where('id', '=', auction.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
