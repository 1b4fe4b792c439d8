/**
 * The sweeper's half of transfers: every pending transfer whose
 * auto-approval instant has passed is approved automatically (its price is
 * already on hold, so it cannot lack money). A transfer whose domain can no
 * longer move (released, changed hands, fallen into redemption) fails
 * instead, and its hold is released.
 */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { DomainStatusProhibits, TransferNotPossible, type ErrorCode } from '../../errors/index.ts';
import { abandonPendingTransfer, completePendingTransfer, loadDomainToMove } from './settle-transfer.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface CompleteDueTransfersResult {
  /** Transfer numbers, in auto-approval order. */
  readonly completed: readonly string[];
  readonly failed: readonly string[];
}

export async function completeDueTransfers(ctx: FlowContext, _input: Record<string, never> = {}): Promise<CompleteDueTransfersResult> {
  requireOperator(ctx);
  const due = await ctx.db
    .selectFrom('transfers')
    .selectAll()
    .where('status', '=', 'pending')
    .where('auto_approve_at', '<=', ctx.now)
    .orderBy('auto_approve_at')
    .orderBy('id')
    .forUpdate()
    .execute();
  const completed: string[] = [];
  const failed: string[] = [];
  for (const t of due) {
    if (await canMove(ctx, t)) {
      await completePendingTransfer(ctx, t, 'auto');
      completed.push(t.number);
    } else {
      await abandonPendingTransfer(ctx, t, 'failed', 'auto', 'the domain could no longer be transferred');
      failed.push(t.number);
    }
  }
  return { completed, failed };
}

async function canMove(ctx: FlowContext, t: Parameters<typeof loadDomainToMove>[1]): Promise<boolean> {
  try {
    await loadDomainToMove(ctx, t);
    return true;
  } catch (e) {
    if (e instanceof TransferNotPossible || e instanceof DomainStatusProhibits) return false;
    throw e;
  }
}
