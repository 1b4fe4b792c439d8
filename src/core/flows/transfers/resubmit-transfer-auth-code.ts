/**
 * The gaining side submits the auth code again for a transfer that waits
 * for it (requested with a wrong code and awaitAuthCode; Dynadot
 * set_transfer_auth_code after "auth code required"). Load (the awaiting
 * transfer, locked) → verify as a new request would (the domain still with
 * the same holder, obstacles, the code, glue) → hold the order's price and
 * reopen the transfer as pending from now on the TLD's timetable (mailing
 * the losing account), or complete it at once where the TLD does. A wrong
 * code again, like every other refusal, changes nothing: the transfer keeps
 * waiting.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import { AuthCodeMismatch, TransferNotPending, TransferNotPossible, type ErrorCode } from '../../errors/index.ts';
import { hold } from '../../money/ledger.ts';
import { loadLiveRow } from '../domains/domain-access.ts';
import { authCodeMatches, mailLosingAccount, verifyAuthCodeGiven } from './request-transfer.ts';
import { completePendingTransfer } from './settle-transfer.ts';
import { loadPendingTransfer, type TransferRef } from './transfer-access.ts';
import { nameServersToApply, verifyTransferNameServerGlue } from './transfer-name-servers.ts';
import { completesAtOnce, findTransferObstacle } from './transfer-rules.ts';
import { awaitsAuthCode, toTransferItem, type TransferItem } from './transfer-view.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION', 'INVALID_DOMAIN_NAME', 'UNSUPPORTED_TLD', 'INVALID_VALUE',
  'MISSING_PARAMETER', 'TRANSFER_NOT_FOUND', 'TRANSFER_NOT_PENDING', 'TRANSFER_NOT_POSSIBLE', 'TRANSFER_TO_SELF', 'DOMAIN_LOCKED',
  'DOMAIN_STATUS_PROHIBITS', 'TRANSFER_TOO_SOON', 'TRANSFER_ALREADY_PENDING', 'PUSH_ALREADY_PENDING', 'DOMAIN_NOT_FOUND',
  'AUTH_CODE_MISMATCH', 'GLUE_REQUIRED', 'NAME_SERVER_AWAITS_TRANSFER', 'INSUFFICIENT_FUNDS',
] as const satisfies readonly ErrorCode[];

export interface ResubmitTransferAuthCodeInput extends TransferRef {
  readonly accountId?: number;
  readonly authCode: string;
}

export async function resubmitTransferAuthCode(ctx: FlowContext, input: ResubmitTransferAuthCodeInput): Promise<{ transfer: TransferItem }> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  verifyAuthCodeGiven(input.authCode);
  const t = await loadPendingTransfer(ctx, 'gaining', accountId, input, { allowAwaitingAuthCode: true });
  if (!awaitsAuthCode(t)) throw new TransferNotPending(t.number, t.status);

  const row = await loadLiveRow(ctx, t.domain_name);
  if (row === undefined || row.id !== t.domain_id || row.account_id !== t.losing_account_id) {
    throw new TransferNotPossible(t.domain_name, 'it has been released or has changed hands since the request');
  }
  const policy = ctx.policy.get(row.tld);
  const obstacle = await findTransferObstacle(ctx, row.name, row, policy, accountId);
  if (obstacle !== undefined && obstacle.code !== 'TRANSFER_TOO_SOON') throw obstacle;
  if (!(await authCodeMatches(ctx, row.name, input.authCode))) throw new AuthCodeMismatch(row.name);
  if (obstacle !== undefined) throw obstacle;
  const atOnce = completesAtOnce(policy);
  await verifyTransferNameServerGlue(ctx, accountId, row.name, nameServersToApply(t), atOnce);

  const held = t.amount_minor > 0
    ? await hold(ctx, { accountId, currency: t.currency, amountMinor: t.amount_minor, orderId: t.order_id ?? undefined, memo: `transfer ${row.name}` })
    : null;
  const reopened = await ctx.db
    .updateTable('transfers')
    .set({
      status: 'pending', reason: '', decided_at: null, decided_by: null, hold_id: held?.id ?? null,
      auto_approve_at: new Date(ctx.now.getTime() + policy.transfer.autoApproveMs), updated_at: ctx.now,
    })
    .where('id', '=', t.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  if (atOnce) {
    const { transfer } = await completePendingTransfer(ctx, reopened, 'auto');
    return { transfer: toTransferItem(transfer, accountId, ctx.now) };
  }
  await mailLosingAccount(ctx, row, reopened);
  return { transfer: toTransferItem(reopened, accountId, ctx.now) };
}
