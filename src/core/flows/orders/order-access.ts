/**
 * Which orders an actor may read, and loading their items. An account sees
 * only its own orders; the operator (and the system) sees one named account,
 * or every account when none is named.
 */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import type { OrderItemRow } from '../../../store/index.ts';

/** The account to scope to, or undefined for "all accounts" (operator and system only). */
export function orderScope(ctx: FlowContext, explicit: number | undefined): number | undefined {
  if (ctx.actor.kind === 'account') return actingAccountId(ctx, explicit);
  return explicit;
}

/** The items of these orders, grouped by order id. */
export async function loadOrderItems(ctx: FlowContext, orderIds: readonly number[]): Promise<ReadonlyMap<number, OrderItemRow[]>> {
  const byOrder = new Map<number, OrderItemRow[]>();
  if (orderIds.length === 0) return byOrder;
  const rows = await ctx.db.selectFrom('order_items').selectAll().where('order_id', 'in', orderIds).orderBy('order_id').orderBy('position').execute();
  for (const row of rows) {
    const list = byOrder.get(row.order_id);
    if (list) list.push(row);
    else byOrder.set(row.order_id, [row]);
  }
  return byOrder;
}
