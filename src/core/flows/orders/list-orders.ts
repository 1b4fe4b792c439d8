/**
 * Orders, newest first: the acting account's, or (operator) one named
 * account's or every account's. Optional filters: a creation-time range
 * [from, to), a status, a kind and a domain name (orders with an item for it).
 */
import type { FlowContext } from '../../context.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import type { OrderStatus } from '../../../store/index.ts';
import { loadOrderItems, orderScope } from './order-access.ts';
import { ORDER_STATUSES, toOrderView, type OrderView } from './order-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface ListOrdersInput {
  /** Operator: omit to list every account's orders. */
  readonly accountId?: number;
  /** Created at or after this instant. */
  readonly from?: Date;
  /** Created before this instant. */
  readonly to?: Date;
  readonly status?: OrderStatus;
  /** register, renew, deposit, … */
  readonly kind?: string;
  /** Orders with an item for this domain name (ASCII, compared case-insensitively). */
  readonly domainName?: string;
}

export async function listOrders(ctx: FlowContext, input: ListOrdersInput = {}): Promise<readonly OrderView[]> {
  const accountId = orderScope(ctx, input.accountId);
  const from = input.from === undefined ? undefined : verifyInstant('from', input.from);
  const to = input.to === undefined ? undefined : verifyInstant('to', input.to);
  if (from !== undefined && to !== undefined && to.getTime() < from.getTime()) throw new InvalidValue('to', 'must not be before from', to);
  const status = input.status === undefined ? undefined : verifyStatus(input.status);
  const kind = input.kind === undefined ? undefined : verifyKind(input.kind);
  const domainName = input.domainName === undefined ? undefined : verifyDomainName(input.domainName);

  let q = ctx.db.selectFrom('orders').selectAll();
  if (accountId !== undefined) q = q.where('account_id', '=', accountId);
  if (from !== undefined) q = q.where('created_at', '>=', from);
  if (to !== undefined) q = q.where('created_at', '<', to);
  if (status !== undefined) q = q.where('status', '=', status);
  if (kind !== undefined) q = q.where('kind', '=', kind);
  if (domainName !== undefined) {
    q = q.where((eb) => eb.exists(eb.selectFrom('order_items as i').select('i.id').whereRef('i.order_id', '=', 'orders.id').where('i.domain_name', '=', domainName)));
  }
  const orders = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();

  const items = await loadOrderItems(ctx, orders.map((o) => o.id));
  return orders.map((o) => toOrderView(o, items.get(o.id) ?? []));
}

function verifyInstant(param: string, value: unknown): Date {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new InvalidValue(param, 'a valid date and time is required', value);
  return value;
}

function verifyStatus(value: unknown): OrderStatus {
  if (!ORDER_STATUSES.includes(value as OrderStatus)) throw new InvalidValue('status', `one of ${ORDER_STATUSES.join(', ')} is required`, value);
  return value as OrderStatus;
}

function verifyDomainName(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidValue('domainName', 'a domain name is required', value);
  return value.trim().toLowerCase();
}

function verifyKind(value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidValue('kind', 'an order kind is required', value);
  return value.trim();
}
