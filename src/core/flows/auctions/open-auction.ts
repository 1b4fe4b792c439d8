/**
 * Opening an auction.
 *
 * `openAuction(ctx, { type, domainName, startPriceMinor, endsAt, startsAt?, participants? })`
 * is the engine's one way to open one, inside the caller's transaction
 * (a FlowContext: its `db` is the transaction). Part of the API for other
 * flows: the sweeper's expired auctions (open-expired-auctions.ts), the
 * operator's user and registry_expired auctions (`openAuctionByOperator`
 * below), and backorder auctions among several backorder requesters
 * (flows of src/core/flows/drop-requests or closeouts: pass the requesters'
 * account ids as `participants`; only they may bid).
 *
 * - `expired` / `user`: the name's live registration is sold; its holder is
 *   the seller (who may not bid). expired: the registration must be in its
 *   auto-renew grace (state expired); user: active.
 * - `backorder` / `registry_expired`: a name no account holds; the winner
 *   has it registered at close. The start price must cover the TLD's
 *   one-year registration price in USD (the winner's price includes it).
 *
 * Prices are USD minor units. At most one open auction per name
 * (AUCTION_EXISTS; a partial unique index keeps it so).
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { AuctionExists, DomainNotAvailable, DomainNotFound, DomainStatusProhibits, InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { parseDomainName } from '../../names.ts';
import { quote } from '../../pricing.ts';
import { projectDomainAt } from '../../lifecycle/project-domain.ts';
import type { AuctionKind, AuctionRow } from '../../../store/index.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { AUCTION_CURRENCY } from './rules.ts';

export const throws = [
  'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE', 'MISSING_PARAMETER',
  'DOMAIN_NOT_FOUND', 'DOMAIN_NOT_AVAILABLE', 'DOMAIN_STATUS_PROHIBITS', 'AUCTION_EXISTS', 'CURRENCY_NOT_SUPPORTED',
] as const satisfies readonly ErrorCode[];

export const AUCTION_KINDS: readonly AuctionKind[] = ['expired', 'user', 'backorder', 'registry_expired'];

export interface OpenAuctionInput {
  readonly type: AuctionKind;
  readonly domainName: string;
  readonly startPriceMinor: number;
  readonly endsAt: Date;
  /** Default: now. */
  readonly startsAt?: Date;
  /** Only these accounts may bid (a backorder auction's requesters; required for `backorder`). */
  readonly participants?: readonly number[];
}

export async function openAuction(ctx: FlowContext, input: OpenAuctionInput): Promise<AuctionRow> {
  if (!AUCTION_KINDS.includes(input.type)) throw new InvalidValue('type', `one of ${AUCTION_KINDS.join(', ')}`, input.type);
  const name = parseDomainName(input.domainName, ctx.policy, 'domainName');
  if (!Number.isSafeInteger(input.startPriceMinor) || input.startPriceMinor <= 0) {
    throw new InvalidValue('startPrice', 'a positive amount is required', input.startPriceMinor);
  }
  const startsAt = input.startsAt ?? ctx.now;
  if (!(input.endsAt instanceof Date) || input.endsAt.getTime() <= Math.max(startsAt.getTime(), ctx.now.getTime())) {
    throw new InvalidValue('endsAt', 'the end must be in the future and after the start', input.endsAt);
  }
  const participants = [...new Set(input.participants ?? [])];
  if (input.type === 'backorder' && participants.length === 0) throw new MissingParameter('participants');

  const live = await loadLiveRow(ctx, name.ascii);
  const policy = ctx.policy.get(name.tld);
  const state = live ? projectDomainAt(live, policy, ctx.now).state : 'released';
  let lot: { domainId: number; sellerId: number; expiresAt: Date | null } | null = null;
  if (input.type === 'expired' || input.type === 'user') {
    if (!live || state === 'released') throw new DomainNotFound(name.ascii);
    const wanted = input.type === 'expired' ? 'expired' : 'active';
    if (state !== wanted) throw new DomainStatusProhibits(name.ascii, state, `${input.type} auction`);
    lot = { domainId: live.id, sellerId: live.account_id, expiresAt: input.type === 'expired' ? live.expires_at : null };
  } else {
    if (live && state !== 'released') throw new DomainNotAvailable(name.ascii);
    const registration = quote(policy, { op: 'register', name: name.ascii, periodMonths: 12, currency: AUCTION_CURRENCY, at: ctx.now, domainType: 'PAID' });
    if (input.startPriceMinor < registration.totalMinor) {
      throw new InvalidValue('startPrice', `at least the one-year registration price (${registration.totalMinor} minor units of ${AUCTION_CURRENCY})`, input.startPriceMinor);
    }
  }
  const open = await ctx.db.selectFrom('auctions').select('id').where('domain_name', '=', name.ascii).where('status', '=', 0).executeTakeFirst();
  if (open) throw new AuctionExists(name.ascii);

  const row = await ctx.db
    .insertInto('auctions')
    .values({
      kind: input.type,
      domain_name: name.ascii,
      unicode_name: name.unicode,
      tld: name.tld,
      domain_id: lot?.domainId ?? null,
      lot_expires_at: lot?.expiresAt ?? null,
      seller_account_id: lot?.sellerId ?? null,
      restricted: participants.length > 0,
      currency: AUCTION_CURRENCY,
      start_price_minor: input.startPriceMinor,
      current_price_minor: input.startPriceMinor,
      leader_account_id: null,
      starts_at: startsAt,
      ends_at: input.endsAt,
      closed_at: null,
      winner_account_id: null,
      final_price_minor: null,
      created_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (participants.length > 0) {
    await ctx.db.insertInto('auction_participants').values(participants.map((accountId) => ({ auction_id: row.id, account_id: accountId }))).execute();
  }
  return row;
}

export interface OpenAuctionByOperatorInput {
  readonly type: 'user' | 'registry_expired';
  readonly name: string;
  readonly startPriceMinor: number;
  readonly durationMs: number;
}

/** The operator opens a `user` auction of a held domain (its holder sells) or a `registry_expired` one of a free name. */
export async function openAuctionByOperator(ctx: FlowContext, input: OpenAuctionByOperatorInput): Promise<AuctionRow> {
  requireOperator(ctx);
  if (input.type !== 'user' && input.type !== 'registry_expired') throw new InvalidValue('type', 'user or registry_expired', input.type);
  if (!Number.isSafeInteger(input.durationMs) || input.durationMs <= 0) throw new InvalidValue('duration', 'a positive duration is required', input.durationMs);
  return openAuction(ctx, { type: input.type, domainName: input.name, startPriceMinor: input.startPriceMinor, endsAt: new Date(ctx.now.getTime() + input.durationMs) });
}
