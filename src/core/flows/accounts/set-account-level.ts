/** Operator: set an account's level (regular, bulk, super_bulk, reseller), which its prices and limits follow. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import { AccountNotFound, type ErrorCode } from '../../errors/index.ts';
import { toAccountView, type AccountView } from './account-view.ts';
import { normalizeLevel, type AccountLevel } from './profile-input.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function setAccountLevel(ctx: FlowContext, input: { accountId: number; level: AccountLevel }): Promise<AccountView> {
  requireOperator(ctx);
  const level = normalizeLevel(input.level);
  const row = await ctx.db.updateTable('accounts').set({ level, updated_at: ctx.now }).where('id', '=', input.accountId).returningAll().executeTakeFirst();
  if (!row) throw new AccountNotFound(input.accountId);
  ctx.credentials?.changedAccount(row.id);
  return toAccountView(row);
}
