/**
 * The sweeper's expired auctions (operator or system only). A PAID
 * registration of a TLD whose policy has `expired_auction` enters an
 * `expired` auction at expiry + starts_after_expiry, for `duration`,
 * starting at the TLD's one-year renew price in USD; its holder is the
 * seller. Both instants count from the expiry, not from the sweep, so the
 * timeline is the same whenever the sweeper runs; an auction whose whole
 * window has passed unseen (a clock moved far at once) is not opened.
 * One expiry opens at most one auction (unique on domain and expiry): a
 * registration renewed and left to expire again is auctioned again.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { isRegdError, type ErrorCode } from '../../errors/index.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import { yearlyPrices } from '../../pricing.ts';
import type { AuctionRow } from '../../../store/index.ts';
import { openAuction } from './open-auction.ts';
import { AUCTION_CURRENCY } from './rules.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

/** Ids of registrations whose expired auction is due now, the earliest expiry first. */
export async function listDueExpiredAuctions(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly number[]> {
  requireOperator(ctx);
  const due: number[] = [];
  for (const policy of ctx.policy.list()) {
    const rule = policy.expiredAuction;
    if (rule === null) continue;
    const rows = await ctx.db
      .selectFrom('domains as d')
      .select('d.id')
      .where('d.tld', '=', policy.tld)
      .where('d.released_at', 'is', null)
      .where('d.deleted_at', 'is', null)
      .where('d.domain_type', '=', 'PAID')
      .where('d.expires_at', '<=', new Date(ctx.now.getTime() - rule.startsAfterExpiryMs))
      .where('d.expires_at', '>', new Date(ctx.now.getTime() - rule.startsAfterExpiryMs - rule.durationMs))
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('auctions as a').select('a.id').whereRef('a.domain_id', '=', 'd.id').whereRef('a.lot_expires_at', '=', 'd.expires_at').where('a.kind', '=', 'expired'))),
      )
      .orderBy('d.expires_at')
      .orderBy('d.id')
      .execute();
    due.push(...rows.map((r) => r.id));
  }
  return due;
}

/** Opens the expired auction of one registration when it is still due; null when it is not (renewed, moved, already open). */
export async function openExpiredAuction(ctx: FlowContext, input: { readonly domainId: number }): Promise<AuctionRow | null> {
  requireOperator(ctx);
  const row = await ctx.db.selectFrom('domains').selectAll().where('id', '=', input.domainId).where('released_at', 'is', null).forUpdate().executeTakeFirst();
  if (!row || row.deleted_at !== null || row.domain_type !== 'PAID') return null;
  const policy = ctx.policy.get(row.tld);
  const rule = policy.expiredAuction;
  if (rule === null || projectDomainAt(row, policy, ctx.now).state !== 'expired') return null;
  const startsAt = new Date(row.expires_at.getTime() + rule.startsAfterExpiryMs);
  const endsAt = new Date(startsAt.getTime() + rule.durationMs);
  if (startsAt.getTime() > ctx.now.getTime() || endsAt.getTime() <= ctx.now.getTime()) return null;
  const seen = await ctx.db.selectFrom('auctions').select('id').where('domain_id', '=', row.id).where('lot_expires_at', '=', row.expires_at).where('kind', '=', 'expired').executeTakeFirst();
  if (seen) return null;
  let startPriceMinor: number;
  try {
    startPriceMinor = yearlyPrices(policy, AUCTION_CURRENCY, ctx.now).renew;
  } catch (e) {
    if (isRegdError(e)) return null; // the TLD is not priced in USD: no auction
    throw e;
  }
  try {
    return await openAuction(ctx, { type: 'expired', domainName: row.name, startPriceMinor, startsAt, endsAt });
  } catch (e) {
    if (isRegdError(e) && e.code === 'AUCTION_EXISTS') return null;
    throw e;
  }
}
