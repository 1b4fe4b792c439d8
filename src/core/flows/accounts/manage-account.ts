/** Reading and changing an account: profile, status, level, push username; operator deposits. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, requireOperator } from '../../actors.ts';
import { AccountNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency, parseAmount } from '../../money.ts';
import { deposit, listBalances, type BalanceView } from '../../money/ledger.ts';
import { createOrder } from '../../money/orders.ts';
import { toAccountView, type AccountView } from './account-view.ts';
import { normalizeLevel, normalizePushUsername, profileColumns, type AccountLevel, type ProfileInput } from './profile-input.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'MISSING_PARAMETER', 'CURRENCY_NOT_SUPPORTED',
  'PUSH_USERNAME_TAKEN', 'NOT_AUTHORIZED_OPERATION',
] as const satisfies readonly ErrorCode[];

export interface AccountDetails extends AccountView {
  readonly balances: readonly BalanceView[];
  readonly domainCount: number;
}

/** An account by id or e-mail (operator), or the acting account. */
export async function getAccount(ctx: FlowContext, input: { accountId?: number; email?: string }): Promise<AccountDetails> {
  let q = ctx.db.selectFrom('accounts').selectAll();
  if (input.email !== undefined) {
    requireOperator(ctx);
    q = q.where((eb) => eb(eb.fn('lower', ['email']), '=', input.email!.trim().toLowerCase()));
  } else {
    q = q.where('id', '=', actingAccountId(ctx, input.accountId));
  }
  const row = await q.executeTakeFirst();
  if (!row) throw new AccountNotFound(input.email ?? input.accountId ?? '');
  const count = await ctx.db
    .selectFrom('domains')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('account_id', '=', row.id)
    .where('released_at', 'is', null)
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return { ...toAccountView(row), balances: await listBalances(ctx.db, row.id), domainCount: Number(count.n) };
}

export async function listAccounts(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly AccountView[]> {
  requireOperator(ctx);
  const rows = await ctx.db.selectFrom('accounts').selectAll().orderBy('id').execute();
  return rows.map(toAccountView);
}

export interface UpdateAccountInput extends ProfileInput {
  readonly accountId?: number;
  readonly currency?: string;
  readonly pushUsername?: string | null;
}

export async function updateAccount(ctx: FlowContext, input: UpdateAccountInput): Promise<AccountView> {
  const id = actingAccountId(ctx, input.accountId);
  const set: Record<string, unknown> = { ...profileColumns(input), updated_at: ctx.now };
  if (input.currency !== undefined) set.default_currency = normalizeCurrency(input.currency);
  if (input.pushUsername !== undefined) set.push_username = input.pushUsername === null ? null : normalizePushUsername(input.pushUsername);
  const row = await ctx.db.updateTable('accounts').set(set).where('id', '=', id).returningAll().executeTakeFirst();
  if (!row) throw new AccountNotFound(id);
  return toAccountView(row);
}

/** Operator: suspend or reactivate an account. A suspended account's credentials are refused everywhere. */
export async function setAccountStatus(ctx: FlowContext, input: { accountId: number; status: 'active' | 'suspended' }): Promise<AccountView> {
  requireOperator(ctx);
  if (input.status !== 'active' && input.status !== 'suspended') throw new InvalidValue('status', 'active or suspended', input.status);
  const row = await ctx.db.updateTable('accounts').set({ status: input.status, updated_at: ctx.now }).where('id', '=', input.accountId).returningAll().executeTakeFirst();
  if (!row) throw new AccountNotFound(input.accountId);
  return toAccountView(row);
}

export async function setAccountLevel(ctx: FlowContext, input: { accountId: number; level: AccountLevel }): Promise<AccountView> {
  requireOperator(ctx);
  const level = normalizeLevel(input.level);
  const row = await ctx.db.updateTable('accounts').set({ level, updated_at: ctx.now }).where('id', '=', input.accountId).returningAll().executeTakeFirst();
  if (!row) throw new AccountNotFound(input.accountId);
  return toAccountView(row);
}

export interface DepositInput {
  readonly accountId: number;
  /** Decimal string in major units ("100.00"), or minor units via amountMinor. */
  readonly amount?: string;
  readonly amountMinor?: number;
  readonly currency?: string;
  readonly memo?: string;
}

/** Operator deposit: a completed "deposit" order and a ledger entry. */
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
