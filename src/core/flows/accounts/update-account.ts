/** Change an account's profile, default currency or push username (a taken push username is PUSH_USERNAME_TAKEN). */
import type { FlowContext } from '../../context.ts';
import { actingAccountId } from '../../actors.ts';
import { AccountNotFound, type ErrorCode } from '../../errors/index.ts';
import { normalizeCurrency } from '../../money.ts';
import { toAccountView, type AccountView } from './account-view.ts';
import { normalizePushUsername, profileColumns, type ProfileInput } from './profile-input.ts';

export const throws = [
  'ACCOUNT_NOT_FOUND', 'INVALID_VALUE', 'MISSING_PARAMETER', 'CURRENCY_NOT_SUPPORTED',
  'PUSH_USERNAME_TAKEN', 'NOT_AUTHORIZED_OPERATION',
] as const satisfies readonly ErrorCode[];

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
  ctx.credentials?.changedAccount(id);
  return toAccountView(row);
}
