/**
 * The closed auctions the acting account bid in (Dynadot
 * get_closed_auctions, get_closed_backorder_auctions), closed within
 * [from, to), the earliest close first.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import type { AuctionKind } from '../../../store/index.ts';
import { toAuctionViews, type AuctionView } from './auction-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface ListClosedAuctionsInput {
  readonly accountId?: number;
  readonly from: Date;
  readonly to: Date;
  readonly kinds?: readonly AuctionKind[];
}

export const listClosedAuctions = markReadOnly(async function listClosedAuctions(ctx: FlowContext, input: ListClosedAuctionsInput): Promise<AuctionView[]> {
  const viewer = actingAccountId(ctx, input.accountId);
  if (input.to.getTime() < input.from.getTime()) throw new InvalidValue('endDate', 'the end date is before the start date', input.to.toISOString());
  let q = ctx.db
    .selectFrom('auctions as a')
    .innerJoin('auction_proxies as p', 'p.auction_id', 'a.id')
    .selectAll('a')
    .where('p.account_id', '=', viewer)
    .where('a.status', '<>', 0)
    .where('a.closed_at', '>=', input.from)
    .where('a.closed_at', '<', input.to);
  if (input.kinds !== undefined) q = q.where('a.kind', 'in', input.kinds);
  const rows = await q.orderBy('a.closed_at').orderBy('a.id').execute();
  return toAuctionViews(ctx, rows, viewer);
});
