/**
 * What an account has spent, per currency: its charges minus the refunds
 * it got back (the ledger's own entries, so holds still open count for
 * nothing until they are captured). Dynadot account_info `TotalSpending`.
 */
import { sql } from 'kysely';
import type { FlowContext } from '../../context.ts';
import { actingAccountId, loadActiveAccount } from '../../actors.ts';
import type { ErrorCode } from '../../errors/index.ts';

export const throws = ['ACCOUNT_NOT_FOUND', 'ACCOUNT_SUSPENDED', 'NOT_AUTHORIZED_OPERATION'] as const satisfies readonly ErrorCode[];

export interface SpendingView {
  readonly currency: string;
  /** Charges minus refunds, in minor units (never below zero in a consistent ledger). */
  readonly spentMinor: number;
}

/** Currencies with any charge or refund, alphabetically. */
export async function getAccountSpending(ctx: FlowContext, input: { readonly accountId?: number } = {}): Promise<readonly SpendingView[]> {
  const accountId = actingAccountId(ctx, input.accountId);
  await loadActiveAccount(ctx, accountId);
  const rows = await ctx.db
    .selectFrom('ledger_entries')
    .select(['currency', sql<string>`sum(case kind when 'charge' then amount_minor else -amount_minor end)::text`.as('spent')])
    .where('account_id', '=', accountId)
    .where('kind', 'in', ['charge', 'refund'])
    .groupBy('currency')
    .orderBy('currency')
    .execute();
  return rows.map((r) => ({ currency: r.currency, spentMinor: Number(r.spent) }));
}
