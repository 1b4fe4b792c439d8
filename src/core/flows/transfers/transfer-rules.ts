/**
 * When a domain may change accounts by transfer, what it costs and what it
 * yields. quoteTransfer reports the first obstacle; requestTransfer throws it.
 */
import type { FlowContext } from '../../context.ts';
import {
  DomainLocked, DomainStatusProhibits, PushAlreadyPending, TransferAlreadyPending, TransferNotPossible, TransferToSelf, TransferTooSoon,
  type RegdError,
} from '../../errors/index.ts';
import { addMonths } from '../../clock.ts';
import { projectDomainAt, type DomainState } from '../../lifecycle/project-domain.ts';
import { quote, type Quote } from '../../pricing.ts';
import type { TldPolicy } from '../../policy/tld-policy.ts';
import type { DomainRow } from '../../../store/index.ts';
import { openPushOf } from '../pushes/push-access.ts';
import { pendingTransferOf } from './transfer-access.ts';

/**
 * States in which a domain can change accounts:
 * - active: the ordinary case;
 * - expired: the auto-renew grace, where the transfer's added year renews it.
 * Not pending_create (not yet confirmed), redemption or pending_delete (only
 * the holder's restore applies).
 */
export const TRANSFERABLE_STATES: ReadonlySet<DomainState> = new Set(['active', 'expired']);

/**
 * The first reason the live row of `name` cannot move to `gainingAccountId`
 * now, in the order a client is told: existence, ownership, lock, state,
 * registration type, TLD waiting periods, transfers and pushes in progress.
 */
export async function findTransferObstacle(
  ctx: FlowContext,
  name: string,
  row: DomainRow | undefined,
  policy: TldPolicy,
  gainingAccountId: number,
): Promise<RegdError | undefined> {
  if (!row) return new TransferNotPossible(name, 'it is not registered');
  const state = projectDomainAt(row, policy, ctx.now).state;
  if (state === 'released') return new TransferNotPossible(name, 'it is not registered');
  if (row.account_id === gainingAccountId) return new TransferToSelf(name);
  if (row.locked) return new DomainLocked(name);
  if (!TRANSFERABLE_STATES.has(state)) return new DomainStatusProhibits(name, state, 'transfer');
  // A FREE registration would gain a paid year for nothing, and instant
  // transfers would let it circle between accounts forever.
  if (row.domain_type === 'FREE') return new TransferNotPossible(name, 'a FREE domain must be upgraded before it can be transferred');
  const allowedFrom = transferAllowedFrom(row, policy);
  if (allowedFrom.getTime() > ctx.now.getTime()) return new TransferTooSoon(name, allowedFrom);
  if (await pendingTransferOf(ctx, row.id)) return new TransferAlreadyPending(name);
  if (await openPushOf(ctx, row.id)) return new PushAlreadyPending(name);
  return undefined;
}

/** The later of "created + lock after create" and "last transferred + lock after transfer". */
export function transferAllowedFrom(row: Pick<DomainRow, 'created_at' | 'transferred_at'>, policy: TldPolicy): Date {
  const afterCreate = row.created_at.getTime() + policy.transfer.lockAfterCreateMs;
  const afterTransfer = row.transferred_at === null ? 0 : row.transferred_at.getTime() + policy.transfer.lockAfterTransferMs;
  return new Date(Math.max(afterCreate, afterTransfer));
}

/** One price per transfer, including the months the TLD adds. */
export function transferQuote(policy: TldPolicy, name: string, currency: string, at: Date): Quote {
  return quote(policy, { op: 'transfer', name, periodMonths: policy.transfer.addsMonths, currency, at, domainType: 'PAID' });
}

/** Completes at request time: synchronous TLDs, and TLDs where a correct auth code suffices. */
export function completesAtOnce(policy: TldPolicy): boolean {
  return policy.transfer.mode === 'sync' || policy.transfer.instantWithAuthCode;
}

/** The expiry after a transfer adds `months`, never beyond the TLD's maximum horizon from `now`. */
export function expiryAfterTransfer(expiresAt: Date, months: number, policy: TldPolicy, now: Date): Date {
  const extended = addMonths(expiresAt, months);
  const horizon = addMonths(now, policy.maxHorizonMonths);
  return new Date(Math.max(expiresAt.getTime(), Math.min(extended.getTime(), horizon.getTime())));
}
