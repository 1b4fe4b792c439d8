/** Who may do what: guards shared by flows. */
import type { FlowContext } from './context.ts';
import { AccountNotFound, AccountSuspended, NotAuthorizedOperation } from './errors/index.ts';

/** The acting account's id; operator and system actors must name the account explicitly. */
export function actingAccountId(ctx: FlowContext, explicit?: number): number {
  if (ctx.actor.kind === 'account') {
    if (explicit !== undefined && explicit !== ctx.actor.accountId) throw new AccountNotFound(explicit);
    return ctx.actor.accountId;
  }
  if (explicit === undefined) throw new NotAuthorizedOperation('an account must be named');
  return explicit;
}

export function requireOperator(ctx: FlowContext): void {
  if (ctx.actor.kind !== 'operator' && ctx.actor.kind !== 'system') throw new NotAuthorizedOperation('operator only');
}

/** Loads the acting account and refuses a suspended one. Locks the row for the rest of the transaction. */
export async function loadActiveAccount(ctx: FlowContext, accountId: number) {
  const account = await ctx.db.selectFrom('accounts').selectAll().where('id', '=', accountId).executeTakeFirst();
  if (!account) throw new AccountNotFound(accountId);
  if (account.status !== 'active' && ctx.actor.kind === 'account') throw new AccountSuspended();
  return account;
}
