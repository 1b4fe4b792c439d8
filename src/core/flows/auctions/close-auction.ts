/**
 * Ending auctions.
 *
 * The sweeper (operator or system only): `listDueAuctionCloses` names the
 * open auctions whose end has passed; `closeDueAuction` closes one, in one
 * transaction under its row lock:
 *
 * - no bids: status 4 (closed by timeout), no winner. An `expired` auction
 *   that ends unsold hands the name to the closeouts (enterCloseout, below).
 * - a leader: status 4, the leader wins at the current price. Its held
 *   maximum is released and the final price charged (an `auction` order
 *   with one ledger charge), every other hold released, and the lot moves:
 *   - `expired`: the registration is handed to the winner (handOverDomain,
 *     as a transfer or push: the old holder's contacts, folder and note
 *     cleared), renewed one year from its expiry (the price includes it);
 *   - `user`: handed to the winner as it is; the seller is credited the
 *     price (ledger credit), so no money is created or lost;
 *   - `backorder` / `registry_expired`: the name is registered to the
 *     winner (registerDomain, charging the registration price as its own
 *     order), and the rest of the final price is charged as the auction
 *     order. A name that cannot be registered any more closes unsold.
 *   A lot that is gone (deleted by its holder, released, moved) closes
 *   without a sale: status 1 when its holder deleted it, else 2.
 *
 * `closeAuction` ends an open auction early without a sale: the operator
 * (status 2, closed by admin), or the seller of a `user` auction (status 1).
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { accountActor } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { addMonths } from '../../clock.ts';
import { AuctionNotFound, NotAuthorizedOperation, isError, isRegdError, type ErrorCode } from '../../errors/index.ts';
import { credit } from '../../money/ledger.ts';
import { payForItem } from '../../money/orders.ts';
import { parseDomainName } from '../../names.ts';
import type { AuctionRow, DomainRow } from '../../../store/index.ts';
import { enterCloseout } from '../closeouts/enter-closeout.ts';
import { registerDomain } from '../domains/register-domain.ts';
import { notify } from '../notifications/notify.ts';
import { handOverDomain } from '../transfers/hand-over-domain.ts';
import { endUnsold, lockAuction, lockOpenAuctionByName, releaseProxyHolds } from './auction-rows.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'AUCTION_NOT_FOUND'] as const satisfies readonly ErrorCode[];

/** Ids of open auctions whose end has passed, the earliest end first. */
export async function listDueAuctionCloses(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly number[]> {
  requireOperator(ctx);
  const rows = await ctx.db.selectFrom('auctions').select('id').where('status', '=', 0).where('ends_at', '<=', ctx.now).orderBy('ends_at').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export type CloseOutcome =
  | { readonly outcome: 'sold'; readonly winnerAccountId: number; readonly priceMinor: number }
  | { readonly outcome: 'unsold'; readonly statusId: number }
  /** Not open, or not ended yet (a bid moved its end, or another sweeper closed it). */
  | { readonly outcome: 'not_due' };

export async function closeDueAuction(ctx: FlowContext, input: { readonly auctionId: number }): Promise<CloseOutcome> {
  requireOperator(ctx);
  const auction = await lockAuction(ctx, input.auctionId);
  if (!auction || auction.status !== 0 || auction.ends_at.getTime() > ctx.now.getTime()) return { outcome: 'not_due' };
  if (auction.leader_account_id === null) {
    await endUnsold(ctx, auction, 4, 'ended without bids');
    // An expired registration nobody bid on enters the closeouts (flows/closeouts), while it is still in its auto-renew
    // grace and with its holder; otherwise it simply goes on to redemption. Both refusals come before any write.
    if (auction.kind === 'expired' && auction.domain_id !== null) {
      try {
        await enterCloseout(ctx, { domainId: auction.domain_id });
      } catch (e) {
        if (!isError(e, 'CLOSEOUT_NOT_ELIGIBLE', 'DOMAIN_NOT_FOUND')) throw e;
      }
    }
    return { outcome: 'unsold', statusId: 4 };
  }
  const winner = auction.leader_account_id;
  const price = auction.current_price_minor;
  let lot: DomainRow | undefined;
  if (auction.domain_id !== null) {
    lot = await ctx.db.selectFrom('domains').selectAll().where('id', '=', auction.domain_id).forUpdate().executeTakeFirst();
    if (!lot || lot.released_at !== null || lot.deleted_at !== null || lot.account_id !== auction.seller_account_id) {
      const byHolder = lot !== undefined && lot.deleted_at !== null && lot.released_at === null;
      await endUnsold(ctx, auction, byHolder ? 1 : 2, byHolder ? 'the holder deleted the domain' : 'the domain is no longer available');
      return { outcome: 'unsold', statusId: byHolder ? 1 : 2 };
    }
  }

  // Every hold goes back first (the winner's maximum too): the winner is then charged the final price.
  await releaseProxyHolds(ctx, auction, `auction ${auction.domain_name} closed`);
  const closed = await ctx.db
    .updateTable('auctions')
    .set({ status: 4, closed_at: ctx.now, winner_account_id: winner, final_price_minor: price, close_note: 'sold' })
    .where('id', '=', auction.id)
    .returningAll()
    .executeTakeFirstOrThrow();

  if (lot !== undefined) {
    await chargeWinner(ctx, closed, winner, price);
    if (auction.kind === 'expired') {
      await handOverDomain(ctx, lot, winner, { expiresAt: addMonths(lot.expires_at, 12) });
      await ctx.db.updateTable('domains').set({ auto_renew_retry_at: null }).where('id', '=', lot.id).execute();
    } else {
      await handOverDomain(ctx, lot, winner);
      await credit(ctx, { accountId: lot.account_id, currency: auction.currency, amountMinor: price, memo: `auction ${auction.domain_name} sold` });
    }
  } else {
    const sold = await registerForWinner(ctx, closed, winner, price);
    if (!sold.ok) {
      const unsold = await ctx.db.updateTable('auctions').set({ winner_account_id: null, final_price_minor: null, close_note: sold.reason }).where('id', '=', auction.id).returningAll().executeTakeFirstOrThrow();
      await notifyEnd(ctx, unsold, winner, `The auction for ${auction.domain_name} ended, but the name could not be registered to you (${sold.reason}); nothing was charged.`);
      return { outcome: 'unsold', statusId: 4 };
    }
  }
  await notifyEnd(ctx, closed, winner, `You won the auction for ${auction.domain_name} at ${price} minor units of ${auction.currency}; the domain is now in your account.`);
  if (auction.seller_account_id !== null) {
    await notify(ctx, {
      accountId: auction.seller_account_id,
      kind: 'auction.sold',
      domainName: auction.domain_name,
      message: `The auction for ${auction.domain_name} ended; the domain went to the highest bidder.`,
      payload: { auctionId: auction.id, priceMinor: price, currency: auction.currency },
      dedupeKey: `auction.sold:${auction.id}`,
    });
  }
  return { outcome: 'sold', winnerAccountId: winner, priceMinor: price };
}

async function chargeWinner(ctx: FlowContext, auction: AuctionRow, winner: number, amountMinor: number): Promise<void> {
  await payForItem(ctx, {
    accountId: winner, currency: auction.currency, kind: 'auction', domainName: auction.domain_name,
    periodMonths: auction.kind === 'expired' ? 12 : null, amountMinor, memo: `auction ${auction.domain_name} won`,
  });
}

/** A name no one holds: registered to the winner (its own order and charge), the rest of the price as the auction order. */
async function registerForWinner(ctx: FlowContext, auction: AuctionRow, winner: number, price: number): Promise<{ ok: true } | { ok: false; reason: string }> {
  await sql`savepoint auction_registration`.execute(ctx.db);
  try {
    const registered = await registerDomain({ ...ctx, actor: accountActor(winner) }, { name: auction.domain_name, currency: auction.currency, periodMonths: 12, acceptPremium: true });
    const rest = price - registered.quote.totalMinor;
    if (rest > 0) await chargeWinner(ctx, auction, winner, rest);
    await sql`release savepoint auction_registration`.execute(ctx.db);
    return { ok: true };
  } catch (e) {
    if (!isRegdError(e)) throw e;
    await sql`rollback to savepoint auction_registration`.execute(ctx.db);
    return { ok: false, reason: e.message };
  }
}

async function notifyEnd(ctx: FlowContext, auction: AuctionRow, accountId: number, message: string): Promise<void> {
  await notify(ctx, {
    accountId,
    kind: 'auction.ended',
    domainName: auction.domain_name,
    message,
    payload: { auctionId: auction.id, won: auction.winner_account_id === accountId, priceMinor: auction.final_price_minor, currency: auction.currency },
    dedupeKey: `auction.ended:${auction.id}:${accountId}`,
  });
}

export interface CloseAuctionInput {
  readonly name: string;
  readonly note?: string;
}

/** Ends an open auction without a sale: by an operator (status 2) or by the seller of a user auction (status 1). */
export async function closeAuction(ctx: FlowContext, input: CloseAuctionInput): Promise<AuctionRow> {
  const name = parseDomainName(input.name, ctx.policy);
  const auction = await lockOpenAuctionByName(ctx, name.ascii);
  if (!auction) throw new AuctionNotFound(name.ascii);
  if (ctx.actor.kind === 'account') {
    if (auction.kind !== 'user' || auction.seller_account_id !== ctx.actor.accountId) throw new NotAuthorizedOperation('only the seller of a user auction or an operator may close it');
    return endUnsold(ctx, auction, 1, input.note ?? 'closed by the seller');
  }
  return endUnsold(ctx, auction, 2, input.note ?? 'closed by an operator');
}

