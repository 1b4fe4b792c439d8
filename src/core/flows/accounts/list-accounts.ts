/** Operator: every account, by id. */
import type { FlowContext } from '../../context.ts';
import { requireOperator } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';
import { toAccountView, type AccountView } from './account-view.ts';

export const throws = ['NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export async function listAccounts(ctx: FlowContext, _input: Record<string, never> = {}): Promise<readonly AccountView[]> {
  requireOperator(ctx);
  const rows = await ctx.db.selectFrom('accounts').selectAll().orderBy('id').execute();
  return rows.map(toAccountView);
}
