/**
 * One or more auctions by name (Dynadot get_auction_details,
 * get_backorder_auction_details), as the acting account sees them, with
 * their bid histories: a name's open auction, else its latest closed one.
 * A name without any auction (of the kinds asked) is AUCTION_NOT_FOUND.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { markReadOnly } from '../../run-flow.ts';
import { AuctionNotFound, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import type { AuctionKind } from '../../../store/index.ts';
import { bidHistory, toAuctionViews, type AuctionView, type BidView } from './auction-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'AUCTION_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetAuctionDetailsInput {
  readonly accountId?: number;
  readonly names: readonly string[];
  readonly kinds?: readonly AuctionKind[];
}

export interface AuctionDetails {
  readonly auction: AuctionView;
  readonly history: readonly BidView[];
}

export const getAuctionDetails = markReadOnly(async function getAuctionDetails(ctx: FlowContext, input: GetAuctionDetailsInput): Promise<AuctionDetails[]> {
  const viewer = actingAccountId(ctx, input.accountId);
  const out: AuctionDetails[] = [];
  for (const raw of input.names) {
    const name = parseDomainName(raw, ctx.policy);
    let q = ctx.db.selectFrom('auctions').selectAll().where('domain_name', '=', name.ascii).where('starts_at', '<=', ctx.now);
    if (input.kinds !== undefined) q = q.where('kind', 'in', input.kinds);
    // The open one first (status 0), else the latest.
    const row = await q.orderBy('status').orderBy('id', 'desc').limit(1).executeTakeFirst();
    if (!row) throw new AuctionNotFound(name.ascii);
    const [view] = await toAuctionViews(ctx, [row], viewer);
    out.push({ auction: view!, history: await bidHistory(ctx, row, viewer) });
  }
  return out;
});
