/** Read an account: by id or e-mail (operator), or the acting account; with its balances and live domain count. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, requireOperator } from '../../actors.ts';
import { AccountNotFound, type ErrorCode } from '../../errors/index.ts';
import { listBalances, type BalanceView } from '../../money/ledger.ts';
import { toAccountView, type AccountView } from './account-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

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
