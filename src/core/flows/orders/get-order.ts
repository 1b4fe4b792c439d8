/** One order by its public number. Another account's order is reported as not found. */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, OrderNotFound, type ErrorCode } from '../../errors/index.ts';
import { loadOrderItems, orderScope } from './order-access.ts';
import { toOrderView, type OrderView } from './order-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'ORDER_NOT_FOUND'] as const satisfies readonly ErrorCode[];

export interface GetOrderInput {
  /** Required for nobody: an account actor is scoped to itself, the operator may read any order. */
  readonly accountId?: number;
  readonly number: string;
}

export async function getOrder(ctx: FlowContext, input: GetOrderInput): Promise<OrderView> {
  const accountId = orderScope(ctx, input.accountId);
  const number = verifyOrderNumber(input.number);
  let q = ctx.db.selectFrom('orders').selectAll().where('number', '=', number);
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  const order = await q.executeTakeFirst();
  if (!order) throw new OrderNotFound(number);
  const items = await loadOrderItems(ctx, [order.id]);
  return toOrderView(order, items.get(order.id) ?? []);
}

function verifyOrderNumber(input: unknown): string {
  if (typeof input !== 'string' || input.trim() === '') throw new InvalidValue('number', 'an order number is required', input);
  return input.trim();
}
