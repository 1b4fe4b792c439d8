/** Open auctions of some kinds (Dynadot get_open_auctions), the earliest end first, as the acting account sees them. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import type { AuctionKind } from '../../../store/index.ts';
import { toAuctionViews, type AuctionView } from './auction-view.ts';
import { AUCTION_KINDS } from './open-auction.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface ListOpenAuctionsInput {
  readonly accountId?: number;
  /** Default: every kind. */
  readonly kinds?: readonly AuctionKind[];
}

export const listOpenAuctions = markReadOnly(async function listOpenAuctions(ctx: FlowContext, input: ListOpenAuctionsInput): Promise<AuctionView[]> {
  const viewer = actingAccountId(ctx, input.accountId);
  const kinds = input.kinds ?? AUCTION_KINDS;
  for (const k of kinds) if (!AUCTION_KINDS.includes(k)) throw new InvalidValue('type', `one of ${AUCTION_KINDS.join(', ')}`, k);
  if (kinds.length === 0) return [];
  const rows = await ctx.db
    .selectFrom('auctions')
    .selectAll()
    .where('status', '=', 0)
    .where('kind', 'in', kinds)
    .where('starts_at', '<=', ctx.now)
    .where('ends_at', '>', ctx.now)
    .orderBy('ends_at')
    .orderBy('id')
    .execute();
  return toAuctionViews(ctx, rows, viewer);
});
