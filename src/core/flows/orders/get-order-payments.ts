/**
 * What was paid for orders: per order, the charges made for it minus the
 * refunds given back for it, from the ledger (a hold still open is not
 * paid yet). Dynadot order_list `TotalPaid`. Another account's order, or
 * an unknown number, is simply not in the answer.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { orderScope } from './order-access.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE'] as const satisfies readonly ErrorCode[];

export interface GetOrderPaymentsInput {
  readonly accountId?: number;
  /** Public order numbers (at most 10 000). */
  readonly numbers: readonly string[];
}

export interface OrderPaymentView {
  readonly number: string;
  readonly paidMinor: number;
}

/** One row per known order among `numbers`, in the order given (duplicates once). */
export async function getOrderPayments(ctx: FlowContext, input: GetOrderPaymentsInput): Promise<readonly OrderPaymentView[]> {
  const accountId = orderScope(ctx, input.accountId);
  if (!Array.isArray(input.numbers) || input.numbers.length > 10_000 || input.numbers.some((n) => typeof n !== 'string')) {
    throw new InvalidValue('numbers', 'a list of at most 10000 order numbers is required', input.numbers);
  }
  const numbers = [...new Set(input.numbers.map((n) => n.trim()))];
  if (numbers.length === 0) return [];
  let q = ctx.db
    .selectFrom('orders as o')
    .leftJoin('ledger_entries as l', (j) => j.onRef('l.order_id', '=', 'o.id').on('l.kind', 'in', ['charge', 'refund']))
    .select(['o.number', sql<string>`coalesce(sum(case l.kind when 'charge' then l.amount_minor when 'refund' then -l.amount_minor else 0 end), 0)::text`.as('paid')])
    .where('o.number', 'in', numbers)
    .groupBy('o.number');
  if (accountId !== undefined) q = q.where('o.account_id', '=', accountId);
  const paid = new Map((await q.execute()).map((r) => [r.number, Number(r.paid)]));
  return numbers.filter((n) => paid.has(n)).map((n) => ({ number: n, paidMinor: paid.get(n)! }));
}
