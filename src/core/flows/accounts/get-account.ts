/** Read an account: by id or e-mail (operator), or the acting account; with its balances and live domain count. */
import type { FlowContext } from '../../context.ts';
import { actingAccountId, requireOperator } from '../../actors.ts';
import { AccountNotFound, type ErrorCode } from '../../errors/index.ts';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import { markReadOnly } from '../../run-flow.ts';
import type { Kysely } from 'kysely';
import type { Database } from '../../../store/index.ts';
import { QueryTemplate } from '../../query-template.ts';
import type { BalanceView } from '../../money/ledger.ts';
import { toAccountView, type AccountView } from './account-view.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface AccountDetails extends AccountView {
  readonly balances: readonly BalanceView[];
  readonly domainCount: number;
}

/** The account by id or lower-cased e-mail, with its domain count and balances beside it (built and compiled once per key). */
const ACCOUNT = new QueryTemplate((db: Kysely<Database>, v: { readonly key: number | string }, by: 'id' | 'email') => {
  const q = db
    .selectFrom('accounts as a')
    .selectAll('a')
    .select((eb) => [
      // Live, not deleted domains: stored by triggers on domains (migration 0026: at most 16 rows to sum), not counted on each read.
      eb.selectFrom('account_domain_counts as n').select((c) => c.fn.sum<string | null>('n.live').as('live')).whereRef('n.account_id', '=', 'a.id').as('x_domain_count'),
      jsonArrayFrom(
        eb.selectFrom('balances as b')
          .select(['b.currency', 'b.balance_minor', 'b.on_hold_minor'])
          .whereRef('b.account_id', '=', 'a.id')
          .orderBy('b.currency'),
      ).as('x_balances'),
    ]);
  return by === 'email' ? q.where((eb) => eb(eb.fn('lower', ['a.email']), '=', v.key as string)) : q.where('a.id', '=', v.key as number);
});

/**
 * An account by id or e-mail (operator), or the acting account. One
 * statement (the balances and the domain count are subqueries beside the
 * row), without a transaction.
 */
export const getAccount = markReadOnly(async function getAccount(ctx: FlowContext, input: { accountId?: number; email?: string }): Promise<AccountDetails> {
  let found;
  if (input.email !== undefined) {
    requireOperator(ctx);
    [found] = await ACCOUNT.execute(ctx.db, { key: input.email.trim().toLowerCase() }, 'email');
  } else {
    [found] = await ACCOUNT.execute(ctx.db, { key: actingAccountId(ctx, input.accountId) }, 'id');
  }
  if (!found) throw new AccountNotFound(input.email ?? input.accountId ?? '');
  const { x_domain_count, x_balances, ...row } = found;
  return { ...toAccountView(row), balances: x_balances.map(balanceView), domainCount: Number(x_domain_count ?? 0) };
});

const BALANCES = new QueryTemplate((db: Kysely<Database>, v: { readonly accountId: number }) =>
  db.selectFrom('balances').select(['currency', 'balance_minor', 'on_hold_minor']).where('account_id', '=', v.accountId).orderBy('currency'));

/** The acting account's balances by currency (getAccount's, without the rest): one statement. */
export const listBalances = markReadOnly(async function listBalances(ctx: FlowContext, input: { accountId?: number }): Promise<readonly BalanceView[]> {
  return (await BALANCES.execute(ctx.db, { accountId: actingAccountId(ctx, input.accountId) }, undefined)).map(balanceView);
});

function balanceView(b: { readonly currency: string; readonly balance_minor: number | string; readonly on_hold_minor: number | string }): BalanceView {
  return {
    currency: b.currency,
    balanceMinor: Number(b.balance_minor),
    onHoldMinor: Number(b.on_hold_minor),
    availableMinor: Number(b.balance_minor) - Number(b.on_hold_minor),
  };
}
