/** Operator: suspend or reactivate an account. A suspended account's credentials are refused everywhere. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { AccountNotFound, InvalidValue, type ErrorCode } from '../../errors/index.ts';
import { toAccountView, type AccountView } from './account-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function setAccountStatus(ctx: FlowContext, input: { accountId: number; status: 'active' | 'suspended' }): Promise<AccountView> {
  requireOperator(ctx);
  if (input.status !== 'active' && input.status !== 'suspended') throw new InvalidValue('status', 'active or suspended', input.status);
  const row = await ctx.db.updateTable('accounts').set({ status: input.status, updated_at: ctx.now }).where('id', '=', input.accountId).returningAll().executeTakeFirst();
  if (!row) throw new AccountNotFound(input.accountId);
  ctx.credentials?.changedAccount(row.id);
  return toAccountView(row);
}
