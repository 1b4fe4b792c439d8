/** The read model of an order with its items, as every door shows it. */
import type { OrderItemRow, OrderRow, OrderStatus } from '../../../store/index.ts';

export interface OrderItemView {
  readonly position: number;
  readonly kind: string;
  readonly domainName: string | null;
  readonly periodMonths: number | null;
  readonly amountMinor: number;
  readonly status: OrderStatus;
  readonly detail: string;
}

export interface OrderView {
  readonly number: string;
  readonly accountId: number;
  readonly kind: string;
  readonly status: OrderStatus;
  readonly currency: string;
  readonly amountMinor: number;
  /** The door the order came through (dialect name, "cli", "sweeper", "core"). */
  readonly source: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly items: readonly OrderItemView[];
}

export const ORDER_STATUSES: readonly OrderStatus[] = ['processing', 'completed', 'failed', 'cancelled'];

/** `items` may be in any order; the view lists them by position. */
export function toOrderView(order: OrderRow, items: readonly OrderItemRow[]): OrderView {
  return {
    number: order.number,
    accountId: order.account_id,
    kind: order.kind,
    status: order.status,
    currency: order.currency,
    amountMinor: order.amount_minor,
    source: order.source,
    createdAt: order.created_at,
    updatedAt: order.updated_at,
    items: [...items].sort((a, b) => a.position - b.position).map(toOrderItemView),
  };
}

function toOrderItemView(item: OrderItemRow): OrderItemView {
  return {
    position: item.position,
    kind: item.kind,
    domainName: item.domain_name,
    periodMonths: item.period_months,
    amountMinor: item.amount_minor,
    status: item.status,
    detail: item.detail,
  };
}
