/**
 * Ending a pending drop request without registering the name (cancelled by
 * its owner, or failed in the sweeper): the hold goes back and the
 * preorder's order ends with the same outcome.
 */
import type { FlowContext } from '../../context.ts';
import { release } from '../../money/ledger.ts';
import { setOrderStatus } from '../../money/orders.ts';
import type { DropRequestRow } from '../../../store/index.ts';

export async function closeDropRequest(ctx: FlowContext, row: DropRequestRow, status: 'cancelled' | 'failed', reason = ''): Promise<DropRequestRow> {
  if (row.hold_id !== null) {
    const released = await release(ctx, row.hold_id, `${row.kind} ${row.domain_name} ${status}`);
    if (released.order_id !== null) await setOrderStatus(ctx, released.order_id, status);
  }
  return ctx.db
    .updateTable('drop_requests')
    .set({ status, failure_reason: reason, updated_at: ctx.now })
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
