/** Operator deposit: a completed "deposit" order and a ledger entry. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { AccountNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency, parseAmount } from '../../money.ts';
import { deposit, listBalances, type BalanceView } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'CURRENCY_NOT_SUPPORTED', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface DepositInput {
  readonly accountId: number;
  /** Decimal string in major units ("100.00"), or minor units via amountMinor. */
  readonly amount?: string;
  readonly amountMinor?: number;
  readonly currency?: string;
  readonly memo?: string;
}

export async function depositFunds(ctx: FlowContext, input: DepositInput): Promise<{ orderNumber: string; balance: BalanceView }> {
  requireOperator(ctx);
  const account = await ctx.db.selectFrom('accounts').select(['id', 'default_currency']).where('id', '=', input.accountId).executeTakeFirst();
  if (!account) throw new AccountNotFound(input.accountId);
  const currency = normalizeCurrency(input.currency ?? account.default_currency);
  const amountMinor = input.amountMinor ?? (input.amount !== undefined ? parseAmount(input.amount, currency) : NaN);
  if (!Number.isSafeInteger(amountMinor) || amountMinor <= 0) throw new InvalidValue('amount', 'a positive amount is required', input.amount ?? input.amountMinor);
  const { order } = await createOrder(ctx, {
    accountId: account.id,
    kind: 'deposit',
    currency,
    status: 'completed',
    items: [{ kind: 'deposit', amountMinor, detail: input.memo ?? '' }],
  });
  await deposit(ctx, { accountId: account.id, currency, amountMinor, orderId: order.id, memo: input.memo ?? 'operator deposit' });
  const balances = await listBalances(ctx.db, account.id);
  return { orderNumber: order.number, balance: balances.find((b) => b.currency === currency)! };
}
