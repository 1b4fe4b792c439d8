/**
 * Orders: every paid or asynchronous operation leaves one, with a public
 * number, its items, amount, currency and status.
 */
import type { FlowContext } from '../context.ts';
import type { OrderItemRow, OrderRow, OrderStatus } from '../../store/index.ts';
import { charge } from './ledger.ts';

export interface NewOrderItem {
  readonly kind: string;
  readonly domainName?: string | null;
  readonly periodMonths?: number | null;
  readonly amountMinor: number;
  readonly status?: OrderStatus;
  readonly detail?: string;
}

export interface NewOrder {
  readonly accountId: number;
  readonly kind: string;
  readonly currency: string;
  readonly status: OrderStatus;
  readonly items: readonly NewOrderItem[];
}

export interface OrderWithItems {
  readonly order: OrderRow;
  readonly items: readonly OrderItemRow[];
}

export async function createOrder(ctx: FlowContext, input: NewOrder): Promise<OrderWithItems> {
  const amount = input.items.reduce((s, i) => s + i.amountMinor, 0);
  const order = await ctx.db
    .insertInto('orders')
    .values({
      account_id: input.accountId,
      kind: input.kind,
      status: input.status,
      currency: input.currency,
      amount_minor: amount,
      source: ctx.source,
      created_at: ctx.now,
      updated_at: ctx.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  const items =
    input.items.length === 0
      ? []
      : await ctx.db
          .insertInto('order_items')
          .values(
            input.items.map((it, i) => ({
              order_id: order.id,
              position: i + 1,
              kind: it.kind,
              domain_name: it.domainName ?? null,
              period_months: it.periodMonths ?? null,
              amount_minor: it.amountMinor,
              status: it.status ?? input.status,
              detail: it.detail ?? '',
            })),
          )
          .returningAll()
          .execute();
  return { order, items };
}

export interface ItemPurchase {
  readonly accountId: number;
  readonly currency: string;
  /** The order's kind and its one item's. */
  readonly kind: string;
  readonly domainName: string;
  readonly periodMonths?: number | null;
  readonly amountMinor: number;
  /** The ledger entry's memo. */
  readonly memo: string;
}

/**
 * A completed order of one item, paid from the balance at once (one ledger
 * charge naming it): InsufficientFunds when the available balance does not
 * cover it, inside the caller's transaction.
 */
export async function payForItem(ctx: FlowContext, p: ItemPurchase): Promise<OrderRow> {
  const { order } = await createOrder(ctx, {
    accountId: p.accountId,
    kind: p.kind,
    currency: p.currency,
    status: 'completed',
    items: [{ kind: p.kind, domainName: p.domainName, periodMonths: p.periodMonths ?? null, amountMinor: p.amountMinor }],
  });
  await charge(ctx, { accountId: p.accountId, currency: p.currency, amountMinor: p.amountMinor, orderId: order.id, memo: p.memo });
  return order;
}

/** Moves an order and all its still-open items to a final (or processing) status. */
export async function setOrderStatus(ctx: FlowContext, orderId: number, status: OrderStatus): Promise<void> {
  await ctx.db.updateTable('orders').set({ status, updated_at: ctx.now }).where('id', '=', orderId).execute();
  await ctx.db.updateTable('order_items').set({ status }).where('order_id', '=', orderId).where('status', '=', 'processing').execute();
}
