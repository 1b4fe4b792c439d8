/**
 * Auto-approval of pending transfers (operator or system only): runs the
 * transfers' own completeDueTransfers flow and tells both sides of every
 * transfer it completed or failed, in the same transaction.
 */
import type { FlowContext } from '../context.ts';
import { requireOperator } from '../actors.ts';
import { completeDueTransfers } from '../flows/transfers/complete-due-transfers.ts';
import { notify, type NotificationKind } from '../flows/notifications/notify.ts';
import type { ErrorCode } from '../errors/index.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface SettleDueTransfersResult {
  readonly completed: number;
  readonly failed: number;
}

export async function settleDueTransfers(ctx: FlowContext, _input: Record<string, never> = {}): Promise<SettleDueTransfersResult> {
  requireOperator(ctx);
  const { completed, failed } = await completeDueTransfers(ctx, {});
  await announce(ctx, completed, 'transfer.completed');
  await announce(ctx, failed, 'transfer.failed');
  return { completed: completed.length, failed: failed.length };
}

async function announce(ctx: FlowContext, numbers: readonly string[], kind: NotificationKind): Promise<void> {
  if (numbers.length === 0) return;
  const transfers = await ctx.db.selectFrom('transfers').selectAll().where('number', 'in', numbers).orderBy('id').execute();
  for (const t of transfers) {
    const sides = [
      { accountId: t.gaining_account_id, side: 'gaining' },
      { accountId: t.losing_account_id, side: 'losing' },
    ];
    for (const { accountId, side } of sides) {
      await notify(ctx, {
        accountId,
        kind,
        domainName: t.domain_name,
        message: kind === 'transfer.completed'
          ? `Transfer ${t.number} of ${t.domain_name} was approved automatically and completed.`
          : `Transfer ${t.number} of ${t.domain_name} failed: ${t.reason || 'the domain could no longer be transferred'}.`,
        payload: { transferNumber: t.number, side, status: t.status },
        dedupeKey: `${kind}:${t.id}:${accountId}`,
      });
    }
  }
}
