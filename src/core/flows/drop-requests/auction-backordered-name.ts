/**
 * A released name that several accounts backordered goes to a `backorder`
 * auction among them (Dynadot: "several requesters → an auction"), opened
 * by the sweeper (operator or system only) before the drop-catching of
 * catch-dropped-name.ts, which serves a name with one requester.
 *
 * When no preorder waits for the name (a preorder holds its price and is
 * served first, oldest first) and at least two accounts have a pending
 * backorder for it, an auction opens through the auction engine's
 * openAuction: only those accounts may bid, starting at the TLD's one-year
 * registration price in US dollars (what the winner's price must cover:
 * the name is registered to the winner at close), for
 * BACKORDER_AUCTION_MS. Their requests become `auctioned` (listed as
 * "In Auction") and each requester is told (`drop.auctioned`); nothing is
 * charged or held until they bid.
 */
import type { FlowContext } from '../../context.ts';
import { DAY } from '../../clock.ts';
import { requireOperator } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { quote } from '../../pricing.ts';
import { openAuction } from '../auctions/open-auction.ts';
import { AUCTION_CURRENCY } from '../auctions/rules.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { notify } from '../notifications/notify.ts';

export const throws = [
  'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'MISSING_PARAMETER',
  'DOMAIN_NOT_FOUND', 'DOMAIN_NOT_AVAILABLE', 'DOMAIN_STATUS_PROHIBITS', 'AUCTION_EXISTS', 'CURRENCY_NOT_SUPPORTED',
] as const satisfies readonly ErrorCode[];

/** How long a backorder auction among several requesters runs. */
export const BACKORDER_AUCTION_MS = 3 * DAY;

export type BackorderAuctionOutcome =
  | { readonly outcome: 'auctioned'; readonly auctionId: number; readonly participants: readonly number[] }
  /** One requester (or a preorder first in line): the name is caught as usual. */
  | { readonly outcome: 'catch' }
  /** Someone holds the name again; the requests keep waiting. */
  | { readonly outcome: 'name_held' };

export async function auctionBackorderedName(ctx: FlowContext, input: { readonly name: string }): Promise<BackorderAuctionOutcome> {
  requireOperator(ctx);
  const pending = await ctx.db
    .selectFrom('drop_requests')
    .selectAll()
    .where('domain_name', '=', input.name)
    .where('status', '=', 'pending')
    .orderBy('created_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  const backorders = pending.filter((r) => r.kind === 'backorder');
  const participants = [...new Set(backorders.map((r) => r.account_id))];
  if (pending.some((r) => r.kind === 'preorder') || participants.length < 2) return { outcome: 'catch' };
  const live = await loadLiveRow(ctx, input.name);
  if (live && projectDomainAt(live, ctx.policy.get(live.tld), ctx.now).state !== 'released') return { outcome: 'name_held' };

  const first = backorders[0]!;
  const registration = quote(ctx.policy.get(first.tld), { op: 'register', name: input.name, periodMonths: 12, currency: AUCTION_CURRENCY, at: ctx.now, domainType: 'PAID' });
  const auction = await openAuction(ctx, {
    type: 'backorder',
    domainName: input.name,
    startPriceMinor: registration.totalMinor,
    endsAt: new Date(ctx.now.getTime() + BACKORDER_AUCTION_MS),
    participants,
  });
  await ctx.db
    .updateTable('drop_requests')
    .set({ status: 'auctioned', updated_at: ctx.now })
    .where('id', 'in', backorders.map((r) => r.id))
    .execute();
  for (const accountId of participants) {
    await notify(ctx, {
      accountId,
      kind: 'drop.auctioned',
      domainName: input.name,
      message: `${input.name} was released and several accounts backordered it: a backorder auction among them is open until ${auction.ends_at.toISOString()}.`,
      payload: { auctionId: auction.id, endsAt: auction.ends_at.toISOString() },
      dedupeKey: `drop.auctioned:${auction.id}:${accountId}`,
    });
  }
  return { outcome: 'auctioned', auctionId: auction.id, participants };
}
