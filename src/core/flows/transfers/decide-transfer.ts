/**
 * Deciding a pending transfer.
 * - approveTransfer (losing side): completes it now: the gaining account's
 *   hold is captured and the domain moves.
 * - declineTransfer (losing side, a reason is required): the hold is
 *   released and the order cancelled.
 * - cancelTransfer (gaining side): the same, on the requester's initiative;
 *   also a transfer waiting for its auth code (its order is cancelled).
 * Only the named side sees the transfer; to anyone else it is not found.
 * After its auto-approval instant a transfer counts as approved: it can no
 * longer be declined or cancelled, and approving it just persists that.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { InvalidValue, MissingParameter, type ErrorCode } from '../../errors/index.ts';
import { loadPendingTransfer, type TransferRef, type TransferSide } from './transfer-access.ts';
import { abandonPendingTransfer, completePendingTransfer, type DecidedBy } from './settle-transfer.ts';
import { isOverdue, toTransferItem, type TransferItem } from './transfer-view.ts';

const COMMON_THROWS = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD',
  'INVALID_VALUE', 'MISSING_PARAMETER', 'TRANSFER_NOT_FOUND', 'TRANSFER_NOT_PENDING',
] as const satisfies readonly ErrorCode[];
export const throws = [...COMMON_THROWS, 'TRANSFER_NOT_POSSIBLE', 'DOMAIN_STATUS_PROHIBITS', 'INSUFFICIENT_FUNDS'] as const satisfies readonly ErrorCode[];

export const MAX_REASON_LENGTH = 500;

export interface DecideTransferInput extends TransferRef {
  readonly accountId?: number;
}

export interface DeclineTransferInput extends DecideTransferInput {
  readonly reason: string;
}

export interface DecideTransferResult {
  /** Seen from the deciding side. */
  readonly transfer: TransferItem;
}

export async function approveTransfer(ctx: FlowContext, input: DecideTransferInput): Promise<DecideTransferResult> {
  const accountId = await actingSide(ctx, input.accountId);
  const t = await loadPendingTransfer(ctx, 'losing', accountId, input, { allowOverdue: true });
  const decidedBy: DecidedBy = isOverdue(t, ctx.now) ? 'auto' : deciderOf(ctx, 'losing');
  const { transfer } = await completePendingTransfer(ctx, t, decidedBy);
  return { transfer: toTransferItem(transfer, accountId, ctx.now) };
}

export async function declineTransfer(ctx: FlowContext, input: DeclineTransferInput): Promise<DecideTransferResult> {
  const accountId = await actingSide(ctx, input.accountId);
  const reason = verifyReason(input.reason);
  const t = await loadPendingTransfer(ctx, 'losing', accountId, input);
  const transfer = await abandonPendingTransfer(ctx, t, 'declined', deciderOf(ctx, 'losing'), reason);
  return { transfer: toTransferItem(transfer, accountId, ctx.now) };
}

export async function cancelTransfer(ctx: FlowContext, input: DecideTransferInput): Promise<DecideTransferResult> {
  const accountId = await actingSide(ctx, input.accountId);
  const t = await loadPendingTransfer(ctx, 'gaining', accountId, input, { allowAwaitingAuthCode: true });
  const transfer = await abandonPendingTransfer(ctx, t, 'cancelled', deciderOf(ctx, 'gaining'));
  return { transfer: toTransferItem(transfer, accountId, ctx.now) };
}

async function actingSide(ctx: FlowContext, explicit: number | undefined): Promise<number> {
  const accountId = actingAccountId(ctx, explicit);
  await loadActiveAccount(ctx, accountId);
  return accountId;
}

/** The operator acting for a side is recorded as the operator. */
function deciderOf(ctx: FlowContext, side: TransferSide): DecidedBy {
  return ctx.actor.kind === 'account' ? side : 'operator';
}

function verifyReason(input: unknown): string {
  if (input === undefined || input === null) throw new MissingParameter('reason');
  if (typeof input !== 'string') throw new InvalidValue('reason', 'a text is required', input);
  const reason = input.trim();
  if (reason === '') throw new MissingParameter('reason');
  if (reason.length > MAX_REASON_LENGTH) throw new InvalidValue('reason', `at most ${MAX_REASON_LENGTH} characters`);
  return reason;
}
